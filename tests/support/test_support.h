// tests/support/test_support.h: helpers shared by every test executable.
#pragma once

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
