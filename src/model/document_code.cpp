#include "model/document_code.h"

#include <charconv>
#include <vector>

#include "text/unicode.h"

namespace vanthu::model {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<int> parseInt(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}

}  // namespace

std::string formatNumber(int n) { return n >= 0 && n < 10 ? "0" + std::to_string(n) : std::to_string(n); }

std::string format(const DocumentCode& code) {
    std::string s;
    if (code.number) s += formatNumber(*code.number);
    s += '/';
    if (code.year) s += std::to_string(*code.year) + "/";
    s += code.notation;
    return s;
}

std::optional<DocumentCode> parseCode(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    DocumentCode code;
    const auto num = text.substr(0, slash);
    if (!num.empty()) {
        if (!allDigits(num) || num.size() > 8) return std::nullopt;
        code.number = parseInt(num);
        if (!code.number || *code.number < 1) return std::nullopt;
    }
    auto rest = text.substr(slash + 1);
    if (const auto s2 = rest.find('/'); s2 != std::string_view::npos) {
        const auto year = rest.substr(0, s2);
        // four digits without a leading zero: "0855" would format as "855", which does not parse
        if (year.size() != 4 || !allDigits(year) || year.front() == '0') return std::nullopt;
        code.year = parseInt(year);
        rest = rest.substr(s2 + 1);
    }
    if (rest.empty() || rest.find('/') != std::string_view::npos) return std::nullopt;
    for (char c : rest)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return std::nullopt;
    if (rest.front() == '-' || rest.back() == '-') return std::nullopt;
    code.notation = std::string(rest);
    return code;
}

std::string searchKey(std::string_view anySpelling) {
    // Split the folded text into digit groups and letter groups; digits first (number, then
    // year), letters after, so word order and separators do not matter.
    const std::string folded = text::fold(anySpelling);
    std::vector<std::string> numbers, words;
    std::string cur;
    enum { None, Num, Word } kind = None;
    auto flush = [&] {
        if (cur.empty()) return;
        if (kind == Num) {
            const auto nz = cur.find_first_not_of('0');
            numbers.push_back(nz == std::string::npos ? "0" : cur.substr(nz));
        } else {
            words.push_back(cur);
        }
        cur.clear();
        kind = None;
    };
    for (unsigned char c : folded) {
        if (isDigit(char(c))) {
            if (kind == Word) flush();
            kind = Num;
            cur += char(c);
        } else if ((c >= 'a' && c <= 'z') || c >= 0x80) {
            if (kind == Num) flush();
            kind = Word;
            cur += char(c);
        } else {
            flush();
        }
    }
    flush();
    std::string key;
    for (const auto& n : numbers) key += n + "/";
    for (std::size_t i = 0; i < words.size(); ++i) key += (i ? "-" : "") + words[i];
    if (!key.empty() && key.back() == '/') key.pop_back();
    return key;
}

std::string_view notationTypePart(std::string_view notation) {
    return notation.substr(0, notation.find('-'));
}

}  // namespace vanthu::model
