// The line layer of the text import: splitting, Markdown inline marks, small line tests.
#include "input/text_lines.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "core/strings.h"
#include "core/utf8.h"
#include "input/text_cleanup.h"
#include "text/unicode.h"

namespace vanthu::input::detail {
namespace {

// "<br>", "<br/>", "<br />": HTML line breaks that converters leave inside Markdown table cells.
std::vector<std::string> splitAtBr(std::string_view cell) {
    static const std::regex br(R"(<br\s*/?>)", std::regex::icase);
    std::vector<std::string> parts;
    const std::string c(cell);
    std::sregex_token_iterator it(c.begin(), c.end(), br, -1), end;
    for (; it != end; ++it) parts.push_back(it->str());
    return parts;
}

// The Nơi nhận / signature table of a converted document arrives as one Markdown row whose
// cells hold <br>-separated lines; lay its cells out as the lines they are, one block each.
// Other <br>s (inside body-table cells) become spaces.
struct RawLine {
    std::string text;
    int no;  // the source line it came from
};

std::vector<RawLine> rawLines(std::string_view text) {
    static const std::regex signerCell(R"((^|\*|\|)\s*\**(TM|KT|TL|TUQ|Q)\.?\s)");
    std::vector<RawLine> out;
    std::size_t pos = 0;
    int no = 0;
    while (pos <= text.size()) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        std::string line(text.substr(pos, end - pos));
        pos = end + 1;
        ++no;
        const bool br = line.find("<br") != std::string::npos || line.find("<BR") != std::string::npos;
        if (br && trim(line).starts_with('|') &&
            (text::fold(line).find("noi nhan") != std::string::npos || std::regex_search(line, signerCell))) {
            const std::string trimmed = trim(line);
            std::string_view row = trimmed;
            row.remove_prefix(1);
            while (!row.empty()) {
                const std::size_t bar = std::min(row.find('|'), row.size());
                for (auto& part : splitAtBr(row.substr(0, bar))) out.push_back({std::move(part), no});
                out.push_back({"", no});  // a cell ends a block
                row.remove_prefix(std::min(bar + 1, row.size()));
            }
        } else if (br) {
            std::string joined;
            for (const auto& part : splitAtBr(line)) joined += (joined.empty() ? "" : " ") + part;
            out.push_back({std::move(joined), no});
        } else {
            out.push_back({std::move(line), no});
        }
        if (end == text.size()) break;
    }
    return out;
}

}  // namespace

// Ends stripped of white space and NO-BREAK SPACE (converters put it on empty lines).
std::string trim(std::string_view s) { return std::string(trimSpaces(s)); }

// **bold**, *italic*, ***both***, \-escapes. Unbalanced markers (a bold span that a hard line
// break cut in two) are dropped, not printed.
model::Inlines parseInline(std::string_view s) {
    struct Token {
        std::string text;
        int marker = 0;  // 1 = *, 2 = **, 3 = ***; 0 = text
        bool matched = false;
    };
    std::vector<Token> tokens;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
            cur += s[i + 1];
            i += 2;
        } else if (c == '*') {
            std::size_t n = 0;
            while (i + n < s.size() && s[i + n] == '*') ++n;
            if (!cur.empty()) tokens.push_back({std::move(cur), 0, false}), cur.clear();
            tokens.push_back({"", static_cast<int>(std::min<std::size_t>(n, 3)), false});
            i += n;
        } else {
            cur += c;
            ++i;
        }
    }
    if (!cur.empty()) tokens.push_back({std::move(cur), 0, false});
    // Pair markers of the same strength, innermost first.
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].marker) continue;
        auto it = std::find_if(open.rbegin(), open.rend(), [&](std::size_t j) { return tokens[j].marker == tokens[i].marker; });
        if (it != open.rend()) {
            tokens[*it].matched = tokens[i].matched = true;
            open.erase(std::next(it).base(), open.end());
        } else {
            open.push_back(i);
        }
    }
    model::Inlines runs;
    bool bold = false, italic = false;
    for (const auto& t : tokens) {
        if (t.marker) {
            if (!t.matched) continue;
            if (t.marker >= 2) bold = !bold;
            if (t.marker != 2) italic = !italic;
            continue;
        }
        runs.push_back({t.text, bold, italic, false});
    }
    return normaliseRuns(std::move(runs));
}

bool hasCasedLetters(const std::string& s) { return text::toLower(s) != text::toUpper(s); }
bool isUpperLine(const std::string& s) { return hasCasedLetters(s) && text::toUpper(s) == s; }

bool foldedStarts(const std::string& plain, std::string_view prefix) { return text::fold(plain).starts_with(prefix); }

bool startsLowerCase(std::string_view s) {
    std::size_t n = 1;
    if (s.empty()) return false;
    const auto b = static_cast<unsigned char>(s[0]);
    if (b >= 0xF0) n = 4;
    else if (b >= 0xE0) n = 3;
    else if (b >= 0xC0) n = 2;
    const std::string first(s.substr(0, std::min(n, s.size())));
    return text::toUpper(first) != first && text::toLower(first) == first;
}

std::vector<Line> splitLines(std::string_view text) {
    std::vector<Line> out;
    std::vector<bool> hardBreak;
    for (const RawLine& rl : rawLines(text)) {
        std::string_view raw = rl.text;
        const int no = rl.no;
        if (raw.ends_with('\r')) raw.remove_suffix(1);
        const bool br = raw.ends_with("  ") || raw.ends_with('\\');
        std::string t = trim(raw);
        if (t.ends_with('\\')) t.pop_back();
        // Markdown headings and block quotes carry no meaning here: levels come from numbering.
        std::size_t hashes = 0;
        while (hashes < t.size() && (t[hashes] == '#' || t[hashes] == '>')) ++hashes;
        if (hashes && (hashes == t.size() || t[hashes] == ' ')) t = trim(std::string_view(t).substr(hashes));
        Line l;
        l.no = no;
        l.runs = parseInline(t);
        l.plain = model::plainText(l.runs);
        out.push_back(std::move(l));
        hardBreak.push_back(br);
    }
    // A hard line break inside one paragraph ("… ngày 08/5/2018  ⏎ của Bộ trưởng …)") joins
    // the lines again; upper-case lines stay apart (title blocks, signer lines).
    std::vector<Line> joined;
    for (std::size_t i = 0; i < out.size(); ++i) {
        Line l = std::move(out[i]);
        while (hardBreak[i] && i + 1 < out.size() && !l.blank() && !out[i + 1].blank() && !isUpperLine(l.plain) &&
               !isUpperLine(out[i + 1].plain)) {
            ++i;
            l.runs.push_back({" ", false, false, false});
            for (auto& r : out[i].runs) l.runs.push_back(std::move(r));
            l.runs = normaliseRuns(std::move(l.runs));
            l.plain = model::plainText(l.runs);
        }
        joined.push_back(std::move(l));
    }
    return joined;
}

bool endsSentence(std::string s) {
    while (!s.empty()) {
        const std::string_view v = s;
        if (v.ends_with("\xE2\x80\x9D") || v.ends_with("\xE2\x80\x9C")) { s.resize(s.size() - 3); continue; }  // ” “
        if (s.back() == '"' || s.back() == ')' || s.back() == '\'') { s.pop_back(); continue; }
        break;
    }
    return !s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ':' || s.back() == ',');
}

// Runs without their first `bytes` bytes of text (a label removed), leading spaces trimmed.
model::Inlines dropPrefix(model::Inlines runs, std::size_t bytes) {
    model::Inlines out;
    for (auto& r : runs) {
        if (bytes >= r.text.size()) {
            bytes -= r.text.size();
            continue;
        }
        r.text.erase(0, bytes);
        bytes = 0;
        out.push_back(std::move(r));
    }
    return normaliseRuns(std::move(out));
}

std::pair<model::Inlines, model::Inlines> splitRuns(const model::Inlines& runs, std::size_t at) {
    model::Inlines before, after;
    for (const auto& r : runs) {
        if (at >= r.text.size()) {
            before.push_back(r);
            at -= r.text.size();
        } else {
            model::Run head = r, tailRun = r;
            head.text = r.text.substr(0, at);
            tailRun.text = r.text.substr(at);
            if (!head.text.empty()) before.push_back(std::move(head));
            after.push_back(std::move(tailRun));
            at = 0;
        }
    }
    return {normaliseRuns(std::move(before)), normaliseRuns(std::move(after))};
}

model::Inlines joinRuns(model::Inlines a, const model::Inlines& b) {
    a.push_back({" ", false, false, false});
    for (const auto& r : b) a.push_back(r);
    return normaliseRuns(std::move(a));
}

std::vector<std::string> tableCells(const std::string& row) {
    std::vector<std::string> cells;
    std::size_t p = 1;
    while (p < row.size()) {
        const std::size_t q = std::min(row.find('|', p), row.size());
        cells.push_back(trim(std::string_view(row).substr(p, q - p)));
        p = q + 1;
    }
    if (!cells.empty() && cells.back().empty()) cells.pop_back();
    return cells;
}
bool isTableRule(const std::string& cell) {
    return !cell.empty() && cell.find_first_not_of("-: ") == std::string::npos;
}


std::size_t dashLength(const std::string& s) {
    if (s.starts_with("- ")) return 2;
    if (s.starts_with("\xE2\x80\x93 ") || s.starts_with("\xE2\x80\xA2 ")) return 4;  // – •
    return 0;
}

}  // namespace vanthu::input::detail
