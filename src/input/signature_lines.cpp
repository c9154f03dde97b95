// Signature-block lines of the text import (signature_lines.h).
#include "input/signature_lines.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <set>
#include <vector>

#include "core/utf8.h"
#include "input/text_lines.h"
#include "text/unicode.h"

namespace vanthu::input::detail {
namespace {

std::optional<model::Authority> authorityFromPrefix(std::string_view p) {
    if (p == "TM") return model::Authority::TM;
    if (p == "KT") return model::Authority::KT;
    if (p == "TL") return model::Authority::TL;
    if (p == "TUQ") return model::Authority::TUQ;
    if (p == "Q") return model::Authority::Q;
    return std::nullopt;
}

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t end = std::min(s.find(' ', i), s.size());
        if (end > i) out.push_back(s.substr(i, end - i));
        i = end;
    }
    return out;
}

// Folded, with ASCII punctuation turned into spaces: "(Ký tên, đóng dấu)" → "ky ten dong dau".
std::vector<std::string> foldedWords(const std::string& s) {
    std::string f = text::fold(s);
    for (char& c : f)
        if (std::ispunct(static_cast<unsigned char>(c))) c = ' ';
    return words(f);
}

// The words of a description of a signature or seal, and those of them that must appear.
bool describesSignature(const std::string& s) {
    static const std::set<std::string, std::less<>> vocabulary{
        "da", "ky", "ten", "va", "dong", "dau", "chu", "so", "con", "hinh", "anh", "cua", "nguoi", "moc", "xac",
        "thuc", "dien", "tu", "ghi", "ro", "ho", "signed", "signature", "seal", "stamp", "image", "and", "co", "bang"};
    static const std::set<std::string, std::less<>> keys{"ky", "dau", "signed", "signature", "seal", "stamp", "moc"};
    const auto ws = foldedWords(s);
    if (ws.empty()) return false;
    bool key = false;
    for (const auto& w : ws) {
        if (!vocabulary.count(w)) return false;
        key = key || keys.count(w);
    }
    return key;
}

// "Nguyễn Văn A" from "NGUYỄN VĂN A", when the first word is a Vietnamese family name (so that
// "PHÓ GIÁM ĐỐC" is not taken for a person).
std::optional<std::string> nameFromCapitals(const std::string& plain) {
    // Lower case, with marks: "trương" is a family name, "trưởng" a title.
    static const std::set<std::string, std::less<>> familyNames{
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ",
        "ngô", "dương", "lý", "đinh", "đào", "trương", "lương", "lâm", "mai", "trịnh", "đoàn", "tô", "hà",
        "cao", "tạ", "châu", "thái", "quách", "vương", "lưu", "phùng", "kiều", "chu", "triệu", "tăng", "la",
        "giang", "lại", "hứa", "doãn", "khúc", "nông", "mạc", "thân", "âu", "kim", "tống", "từ", "nghiêm",
        "bạch", "lục", "ông", "lò", "quan", "ninh", "thạch", "sơn", "danh", "điểu", "khổng", "văn", "tiết",
        "nhâm", "hồng", "lộc", "đàm", "mẫn", "phí", "lã", "ma", "hầu", "tôn",};
    if (!isUpperLine(plain) || plain.size() > 60) return std::nullopt;
    const auto ws = words(plain);
    if (ws.size() < 2 || ws.size() > 5) return std::nullopt;
    if (!familyNames.count(text::toLower(ws[0]))) return std::nullopt;
    std::string out;
    for (const auto& w : ws) {
        if (std::any_of(w.begin(), w.end(), [](char c) { return std::ispunct(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)); }))
            return std::nullopt;
        const std::string lower = text::toLower(w);
        const std::size_t first = utf8SequenceLength(static_cast<unsigned char>(lower[0]));
        out += (out.empty() ? "" : " ") + text::toUpper(lower.substr(0, first)) + lower.substr(first);
    }
    return isPersonName(out) ? std::optional(out) : std::nullopt;
}

// "TS. ", "PGS.TS. ", "ThS. " before a name.
std::string dropAcademicTitle(std::string& s) {
    static const std::regex re(R"(^((?:(?:GS|PGS|TS|ThS|TSKH|BS|KS|LS|CN|NCS)\.\s*)+))");
    std::smatch m;
    if (!std::regex_search(s, m, re)) return {};
    std::string title = trim(m[1].str());
    s = trim(std::string_view(s).substr(static_cast<std::size_t>(m.length(1))));
    return title;
}

// "Đã ký:", "Đã ký số", "Ký tên:", "Chữ ký:" at the start: the bytes it takes, else 0.
std::size_t placeholderPrefix(const std::string& s) {
    static const std::array<std::vector<std::string>, 6> prefixes{{
        {"da", "ky", "va", "dong", "dau"}, {"da", "ky", "so"}, {"da", "ky"}, {"ky", "ten"}, {"chu", "ky"}, {"ky", "boi"}}};
    const auto ws = words(s);
    for (const auto& p : prefixes) {
        if (ws.size() < p.size()) continue;
        bool same = true;
        std::size_t bytes = 0;
        for (std::size_t k = 0; k < p.size() && same; ++k) {
            std::string w = text::fold(ws[k]);
            while (!w.empty() && (w.back() == ':' || w.back() == ',')) w.pop_back();
            same = w == p[k];
            bytes = s.find(ws[k], bytes) + ws[k].size();
        }
        if (same) return bytes;
    }
    return 0;
}

}  // namespace

std::optional<model::AuthorityLine> authorityLine(const std::string& plain) {
    static const std::regex re(R"(^(TM|KT|TL|TUQ|Q)\.?\s+(.+)$)");
    std::smatch m;
    if (!isUpperLine(plain) || !std::regex_match(plain, m, re)) return std::nullopt;
    return model::AuthorityLine{*authorityFromPrefix(m[1].str()), trim(m[2].str())};
}

bool isPersonName(const std::string& plain) {
    if (plain.empty() || plain.size() > 60 || isUpperLine(plain)) return false;
    const auto ws = words(plain);
    for (const auto& word : ws) {
        const std::string first = word.substr(0, utf8SequenceLength(static_cast<unsigned char>(word[0])));
        if (text::toUpper(first) != first || text::toLower(first) == first) return false;
        for (char c : word)
            if (std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == '/') return false;
    }
    return ws.size() >= 2 && ws.size() <= 6;
}

std::optional<SignerLine> readSignerLine(const std::string& plain) {
    static const std::regex image(R"(^!\[([^\]]*)\]\(([^)]*)\)$)");
    static const std::regex bracketed(R"([\(\[\{]([^\)\]\}]*)[\)\]\}])");
    SignerLine out;
    if (std::regex_match(plain, image)) {
        out.placeholder = out.image = true;
        return out;
    }
    // Bracketed descriptions of a signature or seal, anywhere on the line, come out.
    std::string rest;
    std::size_t from = 0;
    for (std::sregex_iterator it(plain.begin(), plain.end(), bracketed), end; it != end; ++it) {
        if (!describesSignature((*it)[1].str())) continue;
        rest += plain.substr(from, static_cast<std::size_t>(it->position()) - from);
        from = static_cast<std::size_t>(it->position() + it->length());
        out.placeholder = true;
    }
    rest = trim(rest + plain.substr(from));
    if (const std::size_t p = placeholderPrefix(rest)) {
        out.placeholder = true;
        rest = trim(std::string_view(rest).substr(p));
    } else if (!rest.empty() && describesSignature(rest)) {
        return SignerLine{true, false, {}, {}, false};
    }
    while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == ',')) rest = trim(std::string_view(rest).substr(1));
    while (!rest.empty() && (rest.back() == ',' || rest.back() == '.' || rest.back() == ';')) rest.pop_back();
    if (rest.empty()) return out.placeholder ? std::optional(out) : std::nullopt;
    std::string name = rest;
    out.droppedTitle = dropAcademicTitle(name);
    if (isPersonName(name)) {
        out.name = name;
    } else if (const auto n = nameFromCapitals(name)) {
        out.name = *n;
        out.fromUpperCase = true;
    }
    if (out.name.empty()) return std::nullopt;  // text that is no name: not ours to read
    return out;
}

}  // namespace vanthu::input::detail
