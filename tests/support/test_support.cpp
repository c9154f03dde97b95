#include "support/test_support.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "core/files.h"

namespace vanthu::testing {

std::string pdfText(std::string_view pdfBytes) {
    static int n = 0;
    const auto path = std::filesystem::temp_directory_path() /
                      ("vanthu-pdftext-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".pdf");
    writeFileAtomic(path, pdfBytes);
    std::string text;
    if (FILE* f = ::popen(("pdftotext -enc UTF-8 '" + path.string() + "' - 2>/dev/null").c_str(), "r")) {
        char buf[4096];
        for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, got);
        ::pclose(f);
    }
    std::filesystem::remove(path);
    return text;
}

bool underCi() {
    const char* ci = std::getenv("CI");
    return ci && std::string_view(ci) == "true";
}

bool haveProgram(std::string_view name) {
    const char* path = std::getenv("PATH");
    if (!path || name.empty()) return false;
    std::string_view dirs(path);
    while (true) {
        const auto colon = dirs.find(':');
        const std::string_view dir = dirs.substr(0, colon);
        const auto file = std::filesystem::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
        if (::access(file.c_str(), X_OK) == 0 && !std::filesystem::is_directory(file)) return true;
        if (colon == std::string_view::npos) return false;
        dirs.remove_prefix(colon + 1);
    }
}

std::filesystem::path testData(std::string_view rel) { return std::filesystem::path(VANTHU_TEST_DATA_DIR) / rel; }
std::filesystem::path sample(std::string_view name) { return std::filesystem::path(VANTHU_SAMPLES_DIR) / name; }

// Document samples are named NN-name.xml; other files in samples/ (the agency directory) are data.
bool isDocumentSample(const std::filesystem::path& p) {
    const std::string n = p.filename().string();
    return p.extension() == ".xml" && n.size() > 3 && std::isdigit(static_cast<unsigned char>(n[0])) &&
           std::isdigit(static_cast<unsigned char>(n[1])) && n[2] == '-';
}

std::vector<std::filesystem::path> allSamples() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(VANTHU_SAMPLES_DIR))
        if (isDocumentSample(e.path())) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

void expectGolden(const std::filesystem::path& rel, std::string_view actual) {
    const auto path = std::filesystem::path(VANTHU_GOLDEN_DIR) / rel;
    if (std::getenv("UPDATE_GOLDEN")) {
        std::filesystem::create_directories(path.parent_path());
        writeFileAtomic(path, actual);
        GTEST_SKIP() << "rewrote golden " << rel;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << rel << " missing; run with UPDATE_GOLDEN=1 and review";
    EXPECT_EQ(readFile(path), actual) << rel << " differs; rerun with UPDATE_GOLDEN=1 and review the diff";
}

std::vector<TextCase> loadCases(std::string_view rel) {
    static constexpr std::string_view kArrow = "⟶";
    std::vector<TextCase> cases;
    std::istringstream in(readFile(testData(rel)));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty() || line[0] == '#') continue;
        const auto at = line.find(kArrow);
        if (at == std::string::npos) continue;
        auto trim = [](std::string s) {
            while (!s.empty() && s.back() == ' ') s.pop_back();
            while (!s.empty() && s.front() == ' ') s.erase(s.begin());
            return s;
        };
        cases.push_back({trim(line.substr(0, at)), trim(line.substr(at + kArrow.size())),
                         std::string(rel) + ":" + std::to_string(n)});
    }
    return cases;
}

}  // namespace vanthu::testing
