// tests/docx/docx_test_util.h: small helpers shared by the docx tests (string scans, temp dirs,
// shelling out). The parts we write put no attributes on w:p, w:r or w:tbl, so "<w:p>" … "</w:p>"
// brackets exactly one paragraph.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docx/docx_writer.h"
#include "support/test_support.h"

namespace vanthu::testing {

// The bytes of part `name`; fails the test (and returns "") if absent.
std::string partBytes(const std::vector<docx::Part>& parts, std::string_view name);

// Every substring from `open` to the matching `close` (inclusive), in order, not nested.
std::vector<std::string_view> between(std::string_view xml, std::string_view open, std::string_view close);

// The value of attribute `name` (e.g. "w:left") in the first start tag `tag` (e.g. "<w:ind ")
// inside `xml`, or nullopt.
std::optional<std::string> attrOf(std::string_view xml, std::string_view tag, std::string_view name);
std::optional<long long> intAttrOf(std::string_view xml, std::string_view tag, std::string_view name);

std::size_t count(std::string_view haystack, std::string_view needle);

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
public:
    explicit TempDir(std::string_view tag);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Runs `command` with sh; stdout and stderr go to `output`. Returns the exit status.
int runCommand(const std::string& command, std::string* output = nullptr);
std::string shellQuote(const std::string& s);

// Writes each part under `dir` (creating folders); returns the paths in part order.
std::vector<std::filesystem::path> writeParts(const std::vector<docx::Part>& parts, const std::filesystem::path& dir);

}  // namespace vanthu::testing
