// Over 600 lines, one job: recognising a document in plain text line by line (header, title,
// căn cứ, body structure, Nơi nhận, signers, appendices). Splitting the line classifiers into
// their own file is the next step (issue 13 rewrites this importer).
#include "input/text_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <regex>
#include <set>

#include "core/strings.h"
#include "input/text_cleanup.h"
#include "model/document_code.h"
#include "model/document_type.h"
#include "text/unicode.h"

namespace vanthu::input {
namespace {

// ---- one line of the source, Markdown removed ------------------------------------------------

struct Line {
    int no = 0;               // 1-based source line
    std::string plain;        // the text without markup, NFC, trimmed
    model::Inlines runs;      // the same with **bold** / *italic* kept
    bool blank() const { return plain.empty(); }
};

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

// ---- recognisers -------------------------------------------------------------------------------

bool foldedStarts(const std::string& plain, std::string_view prefix) { return text::fold(plain).starts_with(prefix); }

std::optional<model::DocumentType> typeFromTitle(const std::string& plain) {
    for (const auto& t : model::documentTypes()) {
        if (t.type == model::DocumentType::CongVan || t.type == model::DocumentType::ThuCong) continue;
        if (text::toUpper(t.name) == plain) return t.type;
    }
    return std::nullopt;
}

bool isDecisionWord(const std::string& plain) {
    const std::string f = text::fold(plain);
    return f == "quyet dinh:" || f == "quyet nghi:" || f == "chi thi:" || f == "quyet dinh :" || f == "quyet nghi :";
}

std::optional<model::Authority> authorityFromPrefix(std::string_view p) {
    if (p == "TM") return model::Authority::TM;
    if (p == "KT") return model::Authority::KT;
    if (p == "TL") return model::Authority::TL;
    if (p == "TUQ") return model::Authority::TUQ;
    if (p == "Q") return model::Authority::Q;
    return std::nullopt;
}

// "KT. BỘ TRƯỞNG", also without the period (a conversion loses it): {KT, "BỘ TRƯỞNG"}.
std::optional<model::AuthorityLine> authorityLine(const std::string& plain) {
    static const std::regex re(R"(^(TM|KT|TL|TUQ|Q)\.?\s+(.+)$)");
    std::smatch m;
    if (!isUpperLine(plain) || !std::regex_match(plain, m, re)) return std::nullopt;
    return model::AuthorityLine{*authorityFromPrefix(m[1].str()), trim(m[2].str())};
}

// A signer's name: 2–6 words, each starting with an upper-case letter, no digits or punctuation.
bool isPersonName(const std::string& plain) {
    if (plain.empty() || plain.size() > 60 || isUpperLine(plain)) return false;
    int words = 0;
    std::size_t i = 0;
    while (i < plain.size()) {
        while (i < plain.size() && plain[i] == ' ') ++i;
        if (i >= plain.size()) break;
        const std::size_t end = std::min(plain.find(' ', i), plain.size());
        const std::string word = plain.substr(i, end - i);
        const std::string first = word.substr(0, (static_cast<unsigned char>(word[0]) < 0x80) ? 1 : (static_cast<unsigned char>(word[0]) < 0xE0 ? 2 : 3));
        if (text::toUpper(first) != first || text::toLower(first) == first) return false;
        for (char c : word)
            if (std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || c == '/') return false;
        ++words;
        i = end;
    }
    return words >= 2 && words <= 6;
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

// ---- the importer ------------------------------------------------------------------------------

enum class Scheme { Letter, Roman, Arabic1, Arabic2, Arabic3, Arabic4 };

class Importer {
public:
    Importer(const std::vector<Line>& lines, const ImportOptions& o) : lines_(lines), options_(o) {}

    Result<ImportOutcome> run() {
        header();
        mainTitle();
        preamble();
        body(doc_.body, /*inAttachment=*/false);
        tail(/*main=*/true, nullptr);
        while (more()) {
            const Line& l = line();
            if (const auto t = typeFromTitle(l.plain)) {
                ++i_;
                attachment(*t);
            } else if (isAppendixLabel(l.plain)) {
                appendix(doc_.appendices);
            } else {
                note(l, "Dòng không thuộc phần nào của văn bản, đã bỏ qua", "Line belongs to no part of the document; skipped");
                ++i_;
            }
        }
        return finish();
    }

private:
    // -- cursor
    bool more() {
        while (i_ < lines_.size() && lines_[i_].blank()) ++i_;
        return i_ < lines_.size();
    }
    const Line& line() const { return lines_[i_]; }
    const Line* peekNonBlank(std::size_t from) const {
        for (std::size_t j = from; j < lines_.size(); ++j)
            if (!lines_[j].blank()) return &lines_[j];
        return nullptr;
    }

    // Notes and errors alike: bilingual, with the source line where there is one.
    // A note points at the start of its source line (column 1), or nowhere (line 0).
    static Warning finding(std::string vi, std::string en, std::string field, int line = 0) {
        return Warning::at(Location{std::move(field), line, line > 0 ? 1 : 0}, std::move(vi), std::move(en));
    }
    void note(const Line& l, std::string vi, std::string en) { notes_.push_back(finding(std::move(vi), std::move(en), {}, l.no)); }

    // -- header: Số, place and date, organ names, marks, V/v
    void header() {
        static const std::regex dateRe(R"(^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*\.?$)");
        static const std::regex draftDateRe(R"(^(.+?),\s*ngày\s+.*tháng\s+.*năm\s+.*$)");
        while (more()) {
            const Line& l = line();
            std::vector<std::string> cells{l.plain};
            if (l.plain.starts_with('|')) cells = tableCells(l.plain);
            bool consumed = true, stop = false;
            for (const std::string& c : cells) {
                if (c.empty() || isTableRule(c)) continue;
                std::smatch m;
                const std::string f = text::fold(c);
                if (f.starts_with("so:") || f.starts_with("so :")) {
                    codeLine(l, c.substr(c.find(':') + 1));
                } else if (std::regex_match(c, m, dateRe)) {
                    place_ = trim(m[1].str());
                    model::Date d{std::stoi(m[4].str()), std::stoi(m[3].str()), std::stoi(m[2].str())};
                    date_ = d;
                } else if (std::regex_match(c, m, draftDateRe) && foldedStarts(c, "")) {
                    place_ = trim(m[1].str());
                    note(l, "Ngày ban hành chưa điền: văn bản được nhập như dự thảo", "Issue date not filled in: imported as a draft");
                } else if (f == "cong hoa xa hoi chu nghia viet nam" || f.starts_with("doc lap - tu do") ||
                           f.starts_with("doc lap – tu do")) {
                    // Quốc hiệu and Tiêu ngữ: compose prints them.
                } else if (f.starts_with("v/v")) {
                    subject_ = trim(std::string_view(c).substr(3));
                    congVan_ = true;
                } else if (mark(c)) {
                } else if (typeFromTitle(c)) {
                    stop = true;
                } else if (f.starts_with("kinh gui")) {
                    stop = true;
                } else if (isUpperLine(c) && c.size() <= 200 && !isDecisionWord(c) && !authorityLine(c)) {
                    organLines_.push_back(c);
                } else {
                    stop = true;  // the first line of running text: the header is over
                }
                if (stop) {
                    consumed = false;
                    break;
                }
            }
            if (!consumed) break;
            ++i_;
        }
    }

    bool mark(const std::string& c) {
        static const std::array<std::pair<std::string_view, model::Urgency>, 3> urgencies{
            {{"HỎA TỐC", model::Urgency::HoaToc}, {"THƯỢNG KHẨN", model::Urgency::ThuongKhan}, {"KHẨN", model::Urgency::Khan}}};
        static const std::array<std::pair<std::string_view, model::Secrecy>, 3> secrecies{
            {{"TUYỆT MẬT", model::Secrecy::TuyetMat}, {"TỐI MẬT", model::Secrecy::ToiMat}, {"MẬT", model::Secrecy::Mat}}};
        const std::string u = text::toUpper(c);
        for (const auto& [w, v] : urgencies)
            if (u == w) return doc_.urgency = v, true;
        for (const auto& [w, v] : secrecies)
            if (u == w) return doc_.secrecy = v, true;
        if (u == "XEM XONG TRẢ LẠI") return doc_.circulation = model::Circulation::XemXongTraLai, true;
        if (u == "LƯU HÀNH NỘI BỘ") return doc_.circulation = model::Circulation::LuuHanhNoiBo, true;
        return false;
    }

    void codeLine(const Line& l, std::string rest) {
        std::string compact;
        for (char c : rest)
            if (kAsciiSpace.find(c) == std::string_view::npos) compact += c;
        if (compact.starts_with('/')) {  // "Số:     /QĐ-BTP": a draft
            doc_.code.notation = compact.substr(1);
            haveCode_ = true;
            return;
        }
        if (const auto code = model::parseCode(compact)) {
            doc_.code = *code;
            haveCode_ = true;
        } else {
            note(l, "Không đọc được số, ký hiệu '" + trim(rest) + "'", "Cannot read the number and notation '" + trim(rest) + "'");
        }
    }

    static std::vector<std::string> tableCells(const std::string& row) {
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
    static bool isTableRule(const std::string& cell) {
        return !cell.empty() && cell.find_first_not_of("-: ") == std::string::npos;
    }

    // -- type name, trích yếu, authority line
    void mainTitle() {
        if (more()) {
            if (const auto t = typeFromTitle(line().plain)) {
                type_ = *t;
                ++i_;
                const std::string s = subjectLines();
                if (!s.empty()) subject_ = s;
            }
        }
        std::string authority;
        while (more() && isUpperLine(line().plain) && !isDecisionWord(line().plain) && !authorityLine(line().plain) &&
               !typeFromTitle(line().plain) && !foldedStarts(line().plain, "can cu")) {
            // A council's "KHÓA X, KỲ HỌP THỨ 23" stays a line of its own (model: '\n' between lines).
            const bool ownLine = !authority.empty() && foldedStarts(line().plain, "khoa ");
            authority += (authority.empty() ? "" : ownLine ? "\n" : " ") + line().plain;
            ++i_;
        }
        doc_.authority = authority;
    }

    // The trích yếu after a type name: the lines up to a blank line; a "(Ban hành kèm theo …)"
    // note after it is dropped (compose writes it from the parent's code).
    std::string subjectLines() {
        std::string s;
        if (!more()) return s;
        while (i_ < lines_.size() && !lines_[i_].blank() && !lines_[i_].plain.starts_with('(')) {
            s += (s.empty() ? "" : " ") + lines_[i_].plain;
            ++i_;
        }
        skipNote();
        if (text::fold(s).starts_with("v/v ")) s = trim(std::string_view(s).substr(3));
        return s;
    }

    void skipNote() {
        if (!more() || !line().plain.starts_with('(')) return;
        const std::string f = text::fold(line().plain);
        if (!(f.starts_with("(ban hanh kem theo") || f.starts_with("(kem theo"))) return;
        note(line(), "Bỏ dòng ghi chú kèm theo: vanthu tự in lại từ số, ký hiệu của văn bản chính",
             "Dropped the 'issued with' note: vanthu prints it from the main document's code");
        while (i_ < lines_.size() && !(lines_[i_].plain.ends_with(')') || lines_[i_].plain.ends_with(").")) &&
               !(i_ + 1 < lines_.size() && lines_[i_ + 1].blank()))
            ++i_;
        ++i_;
    }

    // -- căn cứ, decision word, Kính gửi
    void preamble() {
        while (more()) {
            const Line& l = line();
            const std::string f = text::fold(l.plain);
            if (f.starts_with("can cu ") || f.starts_with("xet ") || f.starts_with("theo de nghi")) {
                doc_.legalBasis.push_back(l.plain);
                ++i_;
            } else if (isDecisionWord(l.plain)) {
                ++i_;
            } else if (f.starts_with("kinh gui")) {
                std::string rest = trim(std::string_view(l.plain).substr(std::min(l.plain.find(':') == std::string::npos ? l.plain.size() : l.plain.find(':') + 1, l.plain.size())));
                ++i_;
                if (!rest.empty()) addressee(rest);
                while (i_ < lines_.size() && !lines_[i_].blank() && startsDash(lines_[i_].plain)) {
                    addressee(lines_[i_].plain.substr(dashLength(lines_[i_].plain)));
                    ++i_;
                }
            } else {
                break;
            }
        }
    }
    void addressee(std::string s) {
        s = trim(s);
        while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ',')) s.pop_back();
        if (s.starts_with("- ")) s = trim(std::string_view(s).substr(2));
        if (!s.empty()) doc_.addressees.push_back(trim(s));
    }

    static std::size_t dashLength(const std::string& s) {
        if (s.starts_with("- ")) return 2;
        if (s.starts_with("\xE2\x80\x93 ") || s.starts_with("\xE2\x80\xA2 ")) return 4;  // – •
        return 0;
    }
    static bool startsDash(const std::string& s) { return dashLength(s) > 0; }

    // -- body
    struct Open {
        model::Block* block;
        model::BlockKind kind;
        int level;  // headings
    };

    static bool isAppendixLabel(const std::string& plain) {
        static const std::regex re(R"(^(PHỤ LỤC|Phụ lục)(\s+([IVXLC]+|\d+))?\s*$)");
        return std::regex_match(plain, re);
    }
    bool endsBody(const Line& l) const {
        const std::string f = text::fold(l.plain);
        if (f.starts_with("noi nhan")) return true;
        if (authorityLine(l.plain)) return true;
        if (typeFromTitle(l.plain)) return true;
        if (isAppendixLabel(l.plain)) return true;
        return positionOnlySignatureAt(i_);
    }
    // "CHỦ TỊCH" then, after blank lines, "Lê Văn Chiến": a head signing under his own title.
    bool positionOnlySignatureAt(std::size_t at) const {
        const Line& l = lines_[at];
        if (!isUpperLine(l.plain) || l.plain.size() > 80 || typeFromTitle(l.plain)) return false;
        const Line* next = peekNonBlank(at + 1);
        if (!next) return false;
        if (isPersonName(next->plain)) return true;
        // "GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name
        if (isUpperLine(next->plain) && next->plain.size() <= 80) {
            const Line* third = peekNonBlank(static_cast<std::size_t>(next - lines_.data()) + 1);
            return third && isPersonName(third->plain);
        }
        return false;
    }

    void body(std::vector<model::Block>& root, bool inAttachment) {
        (void)inAttachment;
        std::vector<Open> stack;
        auto popUntil = [&](auto keep) {
            while (!stack.empty() && !keep(stack.back())) stack.pop_back();
        };
        auto isDivision = [](model::BlockKind k) {
            return k == model::BlockKind::Part || k == model::BlockKind::Chapter || k == model::BlockKind::Section ||
                   k == model::BlockKind::Subsection;
        };
        auto container = [&]() -> std::vector<model::Block>& { return stack.empty() ? root : stack.back().block->children; };
        auto push = [&](model::Block b, int level = 0) {
            auto& v = container();
            v.push_back(std::move(b));
            stack.push_back({&v.back(), v.back().kind, level});
        };
        auto inArticle = [&]() {
            return std::any_of(stack.begin(), stack.end(), [](const Open& o) { return o.kind == model::BlockKind::Article; });
        };

        static const std::regex articleRe(R"(^(Điều|ĐIỀU)\s+(\d+)\s*[.:]\s*(.*)$)");
        static const std::regex chapterRe(R"(^(Chương|CHƯƠNG)\s+([IVXLC]+|\d+)\s*[.:]?\s*(.*)$)");
        static const std::regex sectionRe(R"(^(Mục|MỤC)\s+(\d+)\s*[.:]?\s*(.*)$)");
        static const std::regex partRe(R"(^(Phần|PHẦN)\s+(thứ\s+\S+|THỨ\s+\S+|[IVXLC]+|\d+)\s*[.:]?\s*(.*)$)");
        static const std::regex romanRe(R"(^([IVXLC]+)\s*[.:]\s+(.+)$)");
        static const std::regex letterRe(R"(^([A-Z])\s*\.\s+(.+)$)");
        static const std::regex arabicRe(R"(^(\d+(?:\.\d+){0,3})\s*[.)]\s*(\S.*)$)");
        static const std::regex pointRe(R"(^(đ|[a-z])\s*\)\s*(\S.*)$)");

        while (more()) {
            const Line& l = line();
            if (endsBody(l)) break;
            std::smatch m;
            const std::string& p = l.plain;
            if (repeated(l)) {
                ++i_;
                continue;
            }
            if (p.starts_with('|')) {
                table(container());
                continue;
            }
            if (std::regex_match(p, m, partRe) || std::regex_match(p, m, chapterRe) || std::regex_match(p, m, sectionRe)) {
                model::Block b;
                const std::string word = text::fold(m[1].str());
                b.kind = word == "phan" ? model::BlockKind::Part : word == "chuong" ? model::BlockKind::Chapter : model::BlockKind::Section;
                b.number = m[2].str();
                if (b.kind == model::BlockKind::Part && !std::regex_match(b.number, std::regex(R"([IVXLC]+|\d+)"))) b.number.clear();
                const auto title = trim(m[3].str());
                ++i_;
                if (!title.empty()) b.title = parseInline(title);
                else if (more() && !endsBody(line())) b.title = line().runs, ++i_;
                const auto kind = b.kind;
                popUntil([&](const Open& o) {
                    if (kind == model::BlockKind::Part) return false;
                    if (kind == model::BlockKind::Chapter) return o.kind == model::BlockKind::Part;
                    return o.kind == model::BlockKind::Part || o.kind == model::BlockKind::Chapter;
                });
                push(std::move(b));
                continue;
            }
            if (std::regex_match(p, m, articleRe)) {
                model::Block b;
                b.kind = model::BlockKind::Article;
                b.number = m[2].str();
                const std::size_t labelBytes = static_cast<std::size_t>(m.position(3));
                auto rest = dropPrefix(l.runs, labelBytes);
                if (endsSentence(m[3].str()) || m[3].length() > 150) b.text = std::move(rest);
                else b.title = std::move(rest);
                ++i_;
                popUntil([&](const Open& o) { return isDivision(o.kind); });
                push(std::move(b));
                continue;
            }
            std::optional<Scheme> scheme;
            std::string number;
            std::size_t labelBytes = 0;
            if (std::regex_match(p, m, romanRe)) scheme = Scheme::Roman;
            else if (std::regex_match(p, m, letterRe)) scheme = Scheme::Letter;
            else if (std::regex_match(p, m, arabicRe)) {
                const std::string n = m[1].str();
                const auto dots = std::count(n.begin(), n.end(), '.');
                scheme = static_cast<Scheme>(static_cast<int>(Scheme::Arabic1) + dots);
            }
            if (scheme) {
                number = m[1].str();
                labelBytes = static_cast<std::size_t>(m.position(2));
                const std::string rest = m[2].str();
                model::Block b;
                b.number = number;
                const bool arabic = *scheme >= Scheme::Arabic1;
                const bool titleLike = !endsSentence(rest) && rest.size() <= 300;
                if (arabic && (inArticle() || !titleLike)) {
                    b.kind = model::BlockKind::Clause;
                    b.text = dropPrefix(l.runs, labelBytes);
                    ++i_;
                    popUntil([&](const Open& o) { return o.kind == model::BlockKind::Article || o.kind == model::BlockKind::Heading || isDivision(o.kind); });
                    push(std::move(b));
                    continue;
                }
                const int level = headingLevel(*scheme);
                if (level > 4) {  // deeper than the model's four heading levels: a titled clause
                    b.kind = model::BlockKind::Clause;
                    b.title = dropPrefix(l.runs, labelBytes);
                    ++i_;
                    popUntil([&](const Open& o) { return o.kind == model::BlockKind::Heading || isDivision(o.kind); });
                    push(std::move(b));
                    continue;
                }
                b.kind = model::BlockKind::Heading;
                b.level = level;
                b.title = dropPrefix(l.runs, labelBytes);
                ++i_;
                popUntil([&](const Open& o) { return (o.kind == model::BlockKind::Heading && o.level < level) || isDivision(o.kind); });
                push(std::move(b), level);
                continue;
            }
            if (std::regex_match(p, m, pointRe)) {
                model::Block b;
                b.kind = model::BlockKind::Point;
                b.number = m[1].str();
                b.text = dropPrefix(l.runs, static_cast<std::size_t>(m.position(2)));
                ++i_;
                popUntil([&](const Open& o) { return o.kind != model::BlockKind::Point; });
                push(std::move(b));
                continue;
            }
            model::Block b;
            if (const std::size_t d = dashLength(p)) {
                b.kind = model::BlockKind::Bullet;
                b.text = dropPrefix(l.runs, d);
            } else {
                b.kind = model::BlockKind::Paragraph;
                b.text = l.runs;
                cleanEnding(b.text, l);
            }
            if (b.text.empty()) {
                ++i_;
                continue;
            }
            // Content may not hold structure, so a point's content stays under the point; text
            // after an article's title belongs to the article.
            container().push_back(std::move(b));
            remember(l);
            ++i_;
        }
    }

    int headingLevel(Scheme s) {
        auto it = std::find(schemes_.begin(), schemes_.end(), s);
        if (it == schemes_.end()) {
            schemes_.push_back(s);
            return static_cast<int>(schemes_.size());
        }
        return static_cast<int>(it - schemes_.begin()) + 1;
    }

    // "…các nhiệm vụ của Đề án./..*MC*": characters after the closing "./." are conversion debris.
    void cleanEnding(model::Inlines& runs, const Line& l) {
        if (runs.empty()) return;
        std::string& t = runs.back().text;
        const auto p = t.rfind("./.");
        if (p == std::string::npos || p + 3 == t.size()) return;
        const std::string tail = t.substr(p + 3);
        if (tail.size() > 8) return;
        t.erase(p + 3);
        note(l, "Bỏ các ký tự thừa '" + tail + "' sau dấu kết thúc './.'", "Dropped stray characters '" + tail + "' after the closing './.'");
    }

    // A conversion may repeat a block verbatim (a table linearised twice). Long lines seen once in
    // the body are remembered; the same line again right before the signature part is dropped.
    void remember(const Line& l) {
        if (l.plain.size() >= 60) seen_.insert(l.plain);
    }
    bool repeated(const Line& l) {
        if (l.plain.size() < 60 || !seen_.count(l.plain)) return false;
        // Only when it sits where a repeated table cell would: before "Nơi nhận" again.
        for (std::size_t j = i_ + 1; j < lines_.size() && j < i_ + 8; ++j) {
            if (lines_[j].blank()) continue;
            if (text::fold(lines_[j].plain).starts_with("noi nhan")) {
                note(l, "Bỏ đoạn lặp lại nguyên văn (lỗi chuyển đổi)", "Dropped a paragraph repeated verbatim (a conversion artefact)");
                return true;
            }
            if (!seen_.count(lines_[j].plain)) return false;
        }
        return false;
    }

    void table(std::vector<model::Block>& into) {
        model::Block t;
        t.kind = model::BlockKind::Table;
        while (i_ < lines_.size() && lines_[i_].plain.starts_with('|')) {
            const auto cells = tableCells(lines_[i_].plain);
            if (!cells.empty() && std::all_of(cells.begin(), cells.end(), isTableRule)) {
                if (!t.children.empty()) t.children.back().headerRow = true;
            } else {
                model::Block row;
                row.kind = model::BlockKind::Row;
                for (const auto& c : cells) {
                    model::Block cell;
                    cell.kind = model::BlockKind::Cell;
                    cell.text = parseInline(c);
                    row.children.push_back(std::move(cell));
                }
                t.children.push_back(std::move(row));
            }
            ++i_;
        }
        // Every row gets as many cells as the widest one (the schema wants at least one each).
        std::size_t width = 0;
        for (const auto& r : t.children) width = std::max(width, r.children.size());
        for (auto& r : t.children)
            while (r.children.size() < width) {
                model::Block cell;
                cell.kind = model::BlockKind::Cell;
                r.children.push_back(std::move(cell));
            }
        if (!t.children.empty()) into.push_back(std::move(t));
    }

    // -- Nơi nhận and signatures, in either order (conversions linearise the two-column table
    //    either way); stops at an attached document or an appendix.
    void tail(bool main, std::optional<model::Signature>* attachmentSignature) {
        while (more()) {
            const Line& l = line();
            const std::string f = text::fold(l.plain);
            if (typeFromTitle(l.plain) || isAppendixLabel(l.plain)) return;
            if (f.starts_with("noi nhan")) {
                if (!main) note(l, "Văn bản kèm theo không có Nơi nhận riêng; đã bỏ", "An attached document has no Nơi nhận of its own; dropped");
                ++i_;
                recipientLines(main);
                continue;
            }
            if (authorityLine(l.plain) || positionOnlySignatureAt(i_)) {
                model::Signature s = signature();
                if (main) doc_.signatures.push_back(std::move(s));
                else if (attachmentSignature) *attachmentSignature = std::move(s);
                continue;
            }
            if (seen_.count(l.plain)) {  // a body paragraph repeated after the signature part
                note(l, "Bỏ đoạn lặp lại nguyên văn (lỗi chuyển đổi)", "Dropped a paragraph repeated verbatim (a conversion artefact)");
                ++i_;
                continue;
            }
            return;  // running text again: the caller decides
        }
    }

    void recipientLines(bool keep) {
        static const std::regex asArticleRe(R"(^Như\s+(Điều|điều)\s+(\d+)$)");
        while (i_ < lines_.size()) {
            if (lines_[i_].blank()) {
                const Line* next = peekNonBlank(i_);
                if (!next || !startsDash(next->plain)) return;
                i_ = static_cast<std::size_t>(next - lines_.data());
            }
            const Line& l = lines_[i_];
            if (!startsDash(l.plain)) return;
            std::string item = trim(std::string_view(l.plain).substr(dashLength(l.plain)));
            ++i_;
            if (!keep) continue;
            while (!item.empty() && (item.back() == ';' || item.back() == '.' || item.back() == ',')) item.pop_back();
            item = trim(item);
            const std::string f = text::fold(item);
            std::smatch m;
            model::Recipient r;
            if (f.starts_with("luu:") || f.starts_with("luu :")) {
                archive(item.substr(item.find(':') + 1));
                continue;
            }
            std::string purpose;
            if (item.ends_with(')')) {
                const auto open = item.rfind('(');
                if (open != std::string::npos && text::fold(item.substr(open + 1)).starts_with("de ")) {
                    purpose = trim(std::string_view(item).substr(open + 1, item.size() - open - 2));
                    item = trim(std::string_view(item).substr(0, open));
                }
            }
            const std::string fi = text::fold(item);
            if (fi == "nhu tren") {
                r.kind = model::RecipientKind::AsAbove;
            } else if (std::regex_match(item, m, asArticleRe)) {
                r.kind = model::RecipientKind::AsArticle;
                r.article = std::stoi(m[2].str());
            } else {
                r.kind = model::RecipientKind::Agency;
                r.name = item;
            }
            r.purpose = purpose;
            doc_.recipients.push_back(std::move(r));
        }
    }

    // "VT, QLXLVPHC&TDTHPL (02)" → units and copies.
    void archive(std::string rest) {
        rest = trim(rest);
        static const std::regex copiesRe(R"(^(.*?)\s*\((\d+)\)$)");
        std::smatch m;
        if (std::regex_match(rest, m, copiesRe)) {
            doc_.archive.copies = std::stoi(m[2].str());
            rest = m[1].str();
        }
        doc_.archive.units.clear();
        std::size_t p = 0;
        while (p <= rest.size()) {
            const std::size_t q = std::min(rest.find(',', p), rest.size());
            const std::string unit = trim(std::string_view(rest).substr(p, q - p));
            if (!unit.empty()) doc_.archive.units.push_back(unit);
            p = q + 1;
        }
        if (doc_.archive.units.empty()) doc_.archive.units = {"VT"};
    }

    model::Signature signature() {
        model::Signature s;
        while (more() && s.chain.size() < 3) {
            const auto a = authorityLine(line().plain);
            if (!a) break;
            s.chain.push_back(*a);
            ++i_;
        }
        if (more() && isUpperLine(line().plain) && line().plain.size() <= 80 && !typeFromTitle(line().plain) &&
            !text::fold(line().plain).starts_with("noi nhan")) {
            s.position = line().plain;
            ++i_;
        }
        if (more() && !isPersonName(line().plain) && isUpperLine(line().plain) && line().plain.size() <= 80 &&
            peekNonBlank(i_ + 1) && isPersonName(peekNonBlank(i_ + 1)->plain)) {
            s.otherTitle = line().plain;
            ++i_;
        }
        if (more()) {
            std::string name = line().plain;
            // "Phan Chí Hiếu- Văn phòng Bộ …": the next block glued to the name by the conversion.
            if (!isPersonName(name)) {
                const auto dash = name.find('-');
                if (dash != std::string::npos && isPersonName(trim(std::string_view(name).substr(0, dash)))) {
                    note(line(), "Tách tên người ký khỏi phần văn bản dính liền sau nó", "Split the signer's name from text glued after it");
                    name = trim(std::string_view(name).substr(0, dash));
                }
            }
            if (isPersonName(name)) {
                s.name = name;
                ++i_;
            }
        }
        if (s.name.empty()) note(i_ < lines_.size() ? lines_[std::min(i_, lines_.size() - 1)] : lines_.back(),
                                 "Không thấy họ tên người ký", "No signer's name found");
        return s;
    }

    // -- attached documents and appendices
    void attachment(model::DocumentType type) {
        model::AttachedDocument a;
        a.type = type;
        a.subject = subjectLines();
        body(a.body, true);
        tail(false, &a.signature);
        while (more() && isAppendixLabel(line().plain)) appendix(a.appendices);
        doc_.attachments.push_back(std::move(a));
        tail(true, nullptr);
    }

    void appendix(std::vector<model::Appendix>& into) {
        static const std::regex re(R"(^(PHỤ LỤC|Phụ lục)(\s+([IVXLC]+|\d+))?\s*$)");
        model::Appendix a;
        std::smatch m;
        const std::string label = line().plain;
        if (std::regex_match(label, m, re)) a.number = m[3].str();
        ++i_;
        std::string title;
        while (more() && !line().plain.starts_with('(') && isUpperLine(line().plain)) {
            title += (title.empty() ? "" : " ") + line().plain;
            ++i_;
        }
        a.title = title.empty() ? "PHỤ LỤC" : title;
        skipNote();
        body(a.body, true);
        into.push_back(std::move(a));
    }

    // -- the whole document
    Result<ImportOutcome> finish() {
        Errors errors;
        auto missing = [&](std::string vi, std::string en, std::string field) {
            errors.push_back(Error::invalidInput(std::move(field), std::move(vi), std::move(en)));
        };

        // Type: the title, else what the notation says, else công văn (a V/v subject, no title).
        if (options_.type) type_ = options_.type;
        const std::string_view typeAbbr = model::notationTypePart(doc_.code.notation);
        if (!type_ && !typeAbbr.empty()) type_ = model::typeFromAbbreviation(typeAbbr);
        if (!type_ && (congVan_ || haveCode_)) type_ = model::DocumentType::CongVan;
        if (!type_) missing("Không xác định được loại văn bản (thêm --type)", "Cannot tell the document type (give --type)", "type");
        else doc_.type = *type_;

        // Organs: the header's upper-case lines (chủ quản above the issuer), else the options,
        // else the authority line of a Quyết định ("BỘ TRƯỞNG BỘ TƯ PHÁP" → BỘ TƯ PHÁP).
        if (organLines_.size() >= 2) {
            doc_.parentIssuer.name = organLines_[organLines_.size() - 2];
            doc_.issuer.name = organLines_.back();
        } else if (organLines_.size() == 1) {
            doc_.issuer.name = organLines_.back();
        }
        if (options_.parentIssuer) doc_.parentIssuer = *options_.parentIssuer;
        if (options_.issuer) doc_.issuer = *options_.issuer;
        if (doc_.issuer.name.empty() && !doc_.authority.empty()) {
            static constexpr std::array<std::string_view, 12> kHeads{
                "BỘ TRƯỞNG ", "CHỦ TỊCH ", "GIÁM ĐỐC ", "THỦ TRƯỞNG ", "TỔNG CỤC TRƯỞNG ", "CỤC TRƯỞNG ",
                "VỤ TRƯỞNG ", "CHÁNH VĂN PHÒNG ", "TRƯỞNG BAN ", "HIỆU TRƯỞNG ", "VIỆN TRƯỞNG ", "TỔNG GIÁM ĐỐC "};
            for (const auto h : kHeads)
                if (doc_.authority.starts_with(h) && doc_.authority.size() > h.size()) {
                    doc_.issuer.name = doc_.authority.substr(h.size());
                    notes_.push_back(finding("Cơ quan ban hành suy ra từ dòng thẩm quyền: " + doc_.issuer.name,
                                             "Issuer inferred from the authority line: " + doc_.issuer.name, "issuer"));
                    break;
                }
        }
        if (doc_.issuer.name.empty())
            missing("Không tìm thấy tên cơ quan ban hành trong văn bản (thêm --issuer)",
                    "The issuing organ is not in the text (give --issuer)", "issuer");
        // The organ's abbreviation: from the notation ("QĐ-BTP" → BTP; công văn "BNV-VP" → BNV).
        if (doc_.issuer.abbreviation.empty() && !doc_.code.notation.empty()) {
            const std::string& n = doc_.code.notation;
            const auto dash = n.find('-');
            if (dash != std::string::npos)
                doc_.issuer.abbreviation = (doc_.type == model::DocumentType::CongVan) ? n.substr(0, dash) : n.substr(dash + 1);
        }
        if (doc_.code.notation.empty() && type_) {
            const auto abbr = model::info(*type_).abbreviation;
            if (!abbr.empty() && !doc_.issuer.abbreviation.empty()) {
                doc_.code.notation = std::string(abbr) + "-" + doc_.issuer.abbreviation;
                notes_.push_back(finding("Văn bản không có dòng Số: nhập như dự thảo, ký hiệu " + doc_.code.notation,
                                         "No 'Số:' line: imported as a draft with notation " + doc_.code.notation, "code"));
            } else {
                missing("Không có số, ký hiệu (dòng 'Số:')", "No number and notation ('Số:' line)", "code");
            }
        }

        doc_.place = !place_.empty() ? place_ : options_.place;
        if (doc_.place.empty()) missing("Không có địa danh (thêm --place)", "No place name (give --place)", "place");
        if (date_) doc_.issueDate = date_;
        else if (options_.issueDate) doc_.issueDate = options_.issueDate;
        doc_.subject = subject_;
        if (doc_.subject.empty()) missing("Không tìm thấy trích yếu", "No subject (trích yếu) found", "subject");
        if (doc_.body.empty()) missing("Không tìm thấy nội dung văn bản", "No body text found", "body");
        if (!errors.empty()) return errors;
        return ImportOutcome{std::move(doc_), std::move(notes_)};
    }

    const std::vector<Line>& lines_;
    const ImportOptions& options_;
    std::size_t i_ = 0;
    model::Document doc_;
    Warnings notes_;
    std::vector<std::string> organLines_;
    std::string place_, subject_;
    std::optional<model::Date> date_;
    std::optional<model::DocumentType> type_;
    bool congVan_ = false, haveCode_ = false;
    std::vector<Scheme> schemes_;
    std::set<std::string> seen_;
};

}  // namespace

Result<ImportOutcome> importText(std::string_view text, const ImportOptions& options) {
    if (const auto bad = text::firstInvalidUtf8(text)) {
        Error e;
        e.code = Errc::InvalidInput;
        e.messageVi = "Văn bản không phải UTF-8 hợp lệ (byte " + std::to_string(*bad) + "); nếu là TCVN3/VNI, dùng --encoding";
        e.messageEn = "The text is not valid UTF-8 (byte " + std::to_string(*bad) + "); for TCVN3/VNI use --encoding";
        return e;
    }
    const std::string normalised = text::nfc(text);
    const auto lines = splitLines(normalised);
    if (std::all_of(lines.begin(), lines.end(), [](const Line& l) { return l.blank(); })) {
        Error e;
        e.code = Errc::InvalidInput;
        e.messageVi = "Văn bản rỗng";
        e.messageEn = "The text is empty";
        return e;
    }
    return Importer(lines, options).run();
}

}  // namespace vanthu::input
