#include "docx/docx_test_util.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <unistd.h>
#include <sys/wait.h>

#include "core/files.h"

namespace vanthu::testing {

std::string partBytes(const std::vector<docx::Part>& parts, std::string_view name) {
    for (const auto& p : parts)
        if (p.name == name) return p.bytes;
    ADD_FAILURE() << "no part " << name;
    return {};
}

std::vector<std::string_view> between(std::string_view xml, std::string_view open, std::string_view close) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while ((at = xml.find(open, at)) != std::string_view::npos) {
        const std::size_t end = xml.find(close, at + open.size());
        if (end == std::string_view::npos) break;
        out.push_back(xml.substr(at, end + close.size() - at));
        at = end + close.size();
    }
    return out;
}

std::optional<std::string> attrOf(std::string_view xml, std::string_view tag, std::string_view name) {
    const std::size_t start = xml.find(tag);
    if (start == std::string_view::npos) return std::nullopt;
    const std::size_t stop = xml.find('>', start);
    const std::string_view element = xml.substr(start, stop - start);
    const std::string key = " " + std::string(name) + "=\"";
    const std::size_t at = element.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    const std::size_t valueAt = at + key.size();
    return std::string(element.substr(valueAt, element.find('"', valueAt) - valueAt));
}

std::optional<long long> intAttrOf(std::string_view xml, std::string_view tag, std::string_view name) {
    const auto v = attrOf(xml, tag, name);
    if (!v) return std::nullopt;
    return std::stoll(*v);
}

std::size_t count(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

TempDir::TempDir(std::string_view tag) {
    static std::atomic<int> serial{0};
    path_ = std::filesystem::temp_directory_path() /
            ("vanthu-" + std::string(tag) + "-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') q += "'\\''";
        else q += c;
    }
    return q + "'";
}

int runCommand(const std::string& command, std::string* output) {
    TempDir dir("cmd");
    const auto log = dir.path() / "output.txt";
    const std::string full = "(" + command + ") >" + shellQuote(log.string()) + " 2>&1";
    const int status = std::system(full.c_str());
    if (output) *output = std::filesystem::exists(log) ? readFile(log) : std::string();
    if (status == -1) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::vector<std::filesystem::path> writeParts(const std::vector<docx::Part>& parts, const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> out;
    for (const auto& p : parts) {
        const auto path = dir / p.name;
        std::filesystem::create_directories(path.parent_path());
        writeFileAtomic(path, p.bytes);
        out.push_back(path);
    }
    return out;
}

}  // namespace vanthu::testing
