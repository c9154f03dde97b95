// tests/support/test_support.h: helpers shared by every test executable.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::testing {

std::filesystem::path testData(std::string_view rel);   // tests/data/<rel>
std::filesystem::path sample(std::string_view name);    // samples/<name>
std::vector<std::filesystem::path> allSamples();        // samples/NN-*.xml (documents), sorted
bool isDocumentSample(const std::filesystem::path& p);  // NN-name.xml

// The text of a PDF as poppler's pdftotext gives it (UTF-8, "" when pdftotext fails): what a
// reader copies or searches.
std::string pdfText(std::string_view pdfBytes);

// A test that needs a tool from outside the project (a program such as xmllint, soffice or
// pdftotext, a Python module, a system font or converter, PostgreSQL) skips visibly when the tool
// is missing, and fails instead under CI=true: CI must never pass on a check it did not run.
bool underCi();                             // the environment has CI == "true"
bool haveProgram(std::string_view name);    // an executable `name` on PATH

// In a TEST body: skips (or fails under CI=true) unless `available`; `what` names the tool and
// the Debian package that brings it.
#define VANTHU_REQUIRE_TOOL(available, what)                                                    \
    do {                                                                                        \
        if (!(available)) {                                                                     \
            if (::vanthu::testing::underCi()) FAIL() << what << " is missing (CI=true: failing)"; \
            GTEST_SKIP() << what << " is missing (skipped; CI=true makes this a failure)";      \
        }                                                                                       \
    } while (0)
#define VANTHU_REQUIRE_PROGRAM(name, package) \
    VANTHU_REQUIRE_TOOL(::vanthu::testing::haveProgram(name), "'" << name << "' (" << package << ")")

// Compares with tests/golden/<rel>; UPDATE_GOLDEN=1 rewrites the file instead (review the diff!).
void expectGolden(const std::filesystem::path& rel, std::string_view actual);

// One case per line: "input ⟶ expected" (blank lines and lines starting with '#' skipped).
struct TextCase {
    std::string input;
    std::string expected;
    std::string where;  // "file:line"
};
std::vector<TextCase> loadCases(std::string_view rel);

}  // namespace vanthu::testing
