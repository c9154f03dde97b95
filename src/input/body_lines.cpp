// Unit labels and run-together units of the body (body_lines.h).
#include "input/body_lines.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "core/utf8.h"
#include "text/unicode.h"

namespace vanthu::input::detail {
namespace {

bool isLetterByte(unsigned char c) { return c >= 0x80 || std::isalpha(c); }

bool startsUpperCase(std::string_view s) {
    if (s.empty()) return false;
    const std::string first(s.substr(0, std::min<std::size_t>(utf8SequenceLength(static_cast<unsigned char>(s[0])), s.size())));
    return text::toLower(first) != first && text::toUpper(first) == first;
}

// Where in `p` a unit begins that is run together with text before it, and what it is; npos if
// none. The byte before the unit is not white space (or is sentence-ending punctuation and a
// space, for a division or article), and what follows the label starts in upper case.
struct Glue {
    std::size_t at = std::string::npos;
    std::string label;
};
Glue findGlue(const std::string& p) {
    static const std::regex article(R"((Điều|ĐIỀU)\s+\d+\s*\.\s+)");
    static const std::regex division(R"((Chương|CHƯƠNG|Mục|MỤC)\s+([IVXLC]+|\d+)\b\s*[.:]?\s*)");
    static const std::regex clause(R"((\d{1,2})\.\s+)");
    static const std::regex point(R"([:;.]([a-zđ])\)\s+)");
    Glue best;
    auto consider = [&](const std::regex& re, bool afterSentence, std::size_t skip) {
        for (std::sregex_iterator it(p.begin(), p.end(), re), end; it != end; ++it) {
            const auto pos = static_cast<std::size_t>(it->position()) + skip;
            if (pos == 0 || pos >= best.at) continue;
            const auto prev = static_cast<unsigned char>(p[pos - 1]);
            const std::string_view before = std::string_view(p).substr(0, pos);
            const bool opener = before.ends_with("\xE2\x80\x9C") || before.ends_with("\xE2\x80\x98") || before.ends_with("\xC2\xAB");  // “ ‘ «
            const bool glued = !std::isspace(prev) && prev != '(' && prev != '[' && prev != '"' && prev != '\'' && prev != '/' && prev != '-' && !opener;
            const bool newSentence = afterSentence && pos >= 2 && p[pos - 1] == ' ' && std::string_view(".;:").find(p[pos - 2]) != std::string_view::npos;
            if (!glued && !newSentence) continue;
            const std::size_t after = static_cast<std::size_t>(it->position() + it->length());
            if (after < p.size() && !startsUpperCase(std::string_view(p).substr(after)) && !std::isdigit(static_cast<unsigned char>(p[after])) && skip == 0) continue;
            best = {pos, trim(it->str().substr(skip))};
        }
    };
    consider(article, true, 0);
    consider(division, true, 0);
    // A clause number glued to a word ("thực hiện1. Các sở"): the byte before it is a letter.
    for (std::sregex_iterator it(p.begin(), p.end(), clause), end; it != end; ++it) {
        const auto pos = static_cast<std::size_t>(it->position());
        const std::size_t after = pos + static_cast<std::size_t>(it->length());
        if (pos == 0 || pos >= best.at || !isLetterByte(static_cast<unsigned char>(p[pos - 1]))) continue;
        if (after >= p.size() || !startsUpperCase(std::string_view(p).substr(after))) continue;
        best = {pos, trim(it->str())};
    }
    consider(point, false, 1);  // the point starts after the punctuation
    return best;
}

}  // namespace

std::optional<UnitLabel> unitLabel(const std::string& p) {
    static const std::regex articleRe(R"(^(Điều|ĐIỀU)\s+(\d+)\s*[.:]\s*(.*)$)");
    static const std::regex chapterRe(R"(^(Chương|CHƯƠNG)\s+([IVXLC]+|\d+)\s*[.:]?\s*(.*)$)");
    static const std::regex sectionRe(R"(^(Mục|MỤC)\s+(\d+)\s*[.:]?\s*(.*)$)");
    static const std::regex partRe(R"(^(Phần|PHẦN)\s+(thứ\s+\S+|THỨ\s+\S+|[IVXLC]+|\d+)\s*[.:]?\s*(.*)$)");
    static const std::regex romanRe(R"(^([IVXLC]+)\s*[.:]\s+(.+)$)");
    static const std::regex letterRe(R"(^([A-Z])\s*\.\s+(.+)$)");
    static const std::regex arabicRe(R"(^(\d+(?:\.\d+){0,3})\s*[.)]\s*(\S.*)$)");
    static const std::regex pointRe(R"(^(đ|[a-z])\s*\)\s*(\S.*)$)");
    static const std::regex partNumber(R"([IVXLC]+|\d+)");
    std::smatch m;
    auto make = [&](LabelKind k, int restGroup, std::optional<Scheme> s = std::nullopt) {
        return UnitLabel{k, m[k == LabelKind::Numbered || k == LabelKind::Point ? 1 : 2].str(), s,
                         static_cast<std::size_t>(m.position(restGroup)), trim(m[restGroup].str())};
    };
    if (std::regex_match(p, m, partRe)) {
        auto u = make(LabelKind::Part, 3);
        if (!std::regex_match(u.number, partNumber)) u.number.clear();
        return u;
    }
    if (std::regex_match(p, m, chapterRe)) return make(LabelKind::Chapter, 3);
    if (std::regex_match(p, m, sectionRe)) return make(LabelKind::Section, 3);
    if (std::regex_match(p, m, articleRe)) return make(LabelKind::Article, 3);
    if (std::regex_match(p, m, romanRe)) return make(LabelKind::Numbered, 2, Scheme::Roman);
    if (std::regex_match(p, m, letterRe)) return make(LabelKind::Numbered, 2, Scheme::Letter);
    if (std::regex_match(p, m, arabicRe)) {
        const std::string n = m[1].str();
        const auto dots = std::count(n.begin(), n.end(), '.');
        return make(LabelKind::Numbered, 2, static_cast<Scheme>(static_cast<int>(Scheme::Arabic1) + dots));
    }
    if (std::regex_match(p, m, pointRe)) return make(LabelKind::Point, 2);
    return std::nullopt;
}

bool startsNewUnit(const std::string& plain) {
    return unitLabel(plain).has_value() || startsDash(plain) || plain.starts_with('|') ||
           foldedStarts(plain, "noi nhan") || foldedStarts(plain, "phu luc");
}

bool isPageNumberLine(const std::string& plain) {
    static const std::regex re(R"(^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^(?:Trang|trang)\s+\d{1,3}(?:\s*/\s*\d{1,3})?$)");
    return std::regex_match(plain, re);
}

std::vector<Line> splitRunTogether(std::vector<Line> lines, Warnings& notes) {
    std::vector<Line> out;
    out.reserve(lines.size());
    for (auto& l : lines) {
        while (!l.plain.starts_with('|')) {
            const Glue g = findGlue(l.plain);
            if (g.at == std::string::npos) break;
            auto [before, after] = splitRuns(l.runs, g.at);
            Line head{l.no, model::plainText(before), std::move(before)};
            notes.push_back(Warning::at(Location{{}, l.no, 1},
                                        "Tách '" + g.label + "' khỏi phần chữ dính liền trước nó: '" + head.plain + "'",
                                        "Split '" + g.label + "' from the text run together before it: '" + head.plain + "'"));
            out.push_back(std::move(head));
            l.runs = std::move(after);
            l.plain = model::plainText(l.runs);
        }
        out.push_back(std::move(l));
    }
    return out;
}

}  // namespace vanthu::input::detail
