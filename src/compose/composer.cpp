// Over 600 lines, one job: Document + template → Composition, block by block in the order
// Decree 30 lays a document out (header, title, căn cứ, body, signature, Nơi nhận). Splitting it by
// block kind is the next step (issue 9 left it; tracked in the closing note).
#include "compose/composer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <numeric>
#include <utility>

#include "compose/rules.h"
#include "compose/template.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/iso_date.h"
#include "font/metrics.h"
#include "model/document_code.h"
#include "model/document_type.h"
#include "text/unicode.h"
#include "text/vietnamese.h"

namespace vanthu::compose {

using detail::HeaderItem;
using detail::Item;
using detail::LabelKind;
using detail::Numbering;
using detail::RoleStyle;
using detail::RuleKind;
using detail::Template;
using detail::Word;

struct Composer::Impl {
    detail::TemplateSet templates;
    std::shared_ptr<const font::FontMetrics> fonts;
};

namespace {

// Body tables keep Word's default left/right cell margin (0.08 in = 5.4 pt), stated in the
// Composition so the DOCX and the PDF layout agree on the text width inside each cell.
constexpr double kBodyCellPaddingPt = 5.4;

// An organ name that fills more of its header cell than this is split over two lines, so it
// keeps clear of the Quốc hiệu in the next cell.
constexpr double kOrganLineFill = 0.92;

// Relative column widths of a body table, when model::Block carries them (the input module
// may add `std::vector<int> columnWidths`); equal columns otherwise.
template <class B>
std::vector<double> relativeWidths(const B& b) {
    if constexpr (requires { b.columnWidths; }) {
        return std::vector<double>(b.columnWidths.begin(), b.columnWidths.end());
    } else {
        return {};
    }
}

void appendSpan(Paragraph& p, std::string_view text, const TextStyle& style) {
    if (text.empty()) return;
    if (!p.spans.empty() && p.spans.back().style == style) {
        p.spans.back().text += text;
    } else {
        p.spans.push_back(Span{std::string(text), style});
    }
}

std::string joined(const Paragraph& p) {
    std::string s;
    for (const auto& span : p.spans) s += span.text;
    return s;
}

bool startsWithVv(std::string_view s) {
    return s.size() >= 4 && (s.substr(0, 4) == "V/v " || s.substr(0, 4) == "V/V " || s.substr(0, 4) == "v/v ");
}

std::string stripParentheses(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
    return std::string(s);
}

struct Counters {
    int part = 0, chapter = 0, section = 0, subsection = 0, article = 0;
    std::array<int, 5> heading{};               // index = level 1–4
    std::array<std::string, 5> headingNumber{};  // as printed, for dotted children
};

// What one section is made of; the layout list of its template says in which order.
struct SectionSource {
    bool main = false;
    bool attachment = false;
    model::DocumentType type = model::DocumentType::CongVan;
    std::string_view subject;
    const std::vector<model::Block>* body = nullptr;
    std::vector<const model::Signature*> signatures;
    bool recipients = false;
    std::string note;           // AttachedNote text
    std::string appendixLabel;  // "Phụ lục I"
    std::string_view appendixTitle;
};

// Builds the blocks of one section. Lives for one compose() call; holds references only.
class Builder {
public:
    Builder(const Template& t, const PageSetup& page, const font::FontMetrics& fm, const model::Document& doc,
            const std::string& codeText, const std::string& dateText)
        : t_(t), fm_(fm), doc_(doc), codeText_(codeText), dateText_(dateText), width_(page.textWidthPt()) {}

    void build(const std::vector<Item>& layout, const SectionSource& src, std::vector<Block>& out) {
        for (const Item item : layout) {
            switch (item) {
                case Item::CirculationMark: circulationMark(out); break;
                case Item::Header: header(src, out); break;
                case Item::TypeName:
                    out.push_back(para(Role::TypeName, model::info(src.type).name));
                    break;
                case Item::Subject:
                    if (!src.subject.empty()) {
                        Paragraph p = para(Role::Subject, src.subject);
                        rule(p, width_ - p.format.leftIndentPt - p.format.rightIndentPt);
                        out.push_back(std::move(p));
                    }
                    break;
                case Item::Authority:
                    if (src.main && !doc_.authority.empty()) {
                        // One paragraph per line, set tight: the block keeps the style's space
                        // before its first line and after its last.
                        const std::size_t first = out.size();
                        for (std::size_t at = 0; at <= doc_.authority.size();) {
                            const auto end = std::min(doc_.authority.find('\n', at), doc_.authority.size());
                            out.push_back(para(Role::AuthorityLine, doc_.authority.substr(at, end - at)));
                            at = end + 1;
                        }
                        for (std::size_t k = first; k + 1 < out.size(); ++k) {
                            std::get<Paragraph>(out[k]).format.spaceAfterPt = 0;
                            std::get<Paragraph>(out[k + 1]).format.spaceBeforePt = 0;
                        }
                    }
                    break;
                case Item::LegalBasis:
                    if (src.main)
                        for (std::size_t i = 0; i < doc_.legalBasis.size(); ++i)
                            out.push_back(para(Role::LegalBasis,
                                               normaliseLegalBasis(doc_.legalBasis[i], i + 1 == doc_.legalBasis.size())));
                    break;
                case Item::DecisionWord:
                    if (src.main && !t_.word(Word::DecisionWord).empty())
                        out.push_back(para(Role::DecisionWord, t_.word(Word::DecisionWord)));
                    break;
                case Item::Addressees:
                    if (src.main) addressees(out);
                    break;
                case Item::Body:
                    if (src.body) {
                        out.reserve(out.size() + 2 * countBlocks(*src.body) + 16);
                        Counters c;
                        blocks(*src.body, out, c);
                    }
                    break;
                case Item::Signature: signatureTable(src, out); break;
                case Item::Contact:
                    if (src.main) contact(out);
                    break;
                case Item::AttachedNote:
                    if (!src.note.empty()) out.push_back(para(Role::AttachedNote, src.note));
                    break;
                case Item::AppendixLabel:
                    if (!src.appendixLabel.empty()) out.push_back(para(Role::AppendixLabel, src.appendixLabel));
                    break;
                case Item::AppendixTitle:
                    if (!src.appendixTitle.empty()) out.push_back(para(Role::AppendixTitle, src.appendixTitle));
                    break;
            }
        }
    }

private:
    static std::size_t countBlocks(const std::vector<model::Block>& in) {
        std::size_t n = in.size();
        for (const auto& b : in) n += countBlocks(b.children);
        return n;
    }

    const RoleStyle& style(Role r) const { return t_.style(r); }

    Paragraph para(Role r) const {
        Paragraph p;
        p.role = r;
        p.format = style(r).format;
        return p;
    }

    Paragraph para(Role r, std::string_view text) const {
        Paragraph p = para(r);
        appendCased(p, r, text, style(r).text);
        return p;
    }

    // Appends `text` in the case the role prints it in; copies only when it upper-cases.
    void appendCased(Paragraph& p, Role caseOf, std::string_view text, const TextStyle& st) const {
        if (style(caseOf).upper) {
            appendSpan(p, text::toUpper(text), st);
        } else {
            appendSpan(p, text, st);
        }
    }

    // Starts a span that will hold a label and the runs that follow in the same style, sized
    // once (one allocation per paragraph in the common case).
    std::string& openSpan(Paragraph& p, const TextStyle& st, std::size_t reserve) const {
        p.spans.push_back(Span{std::string(), st});
        p.spans.back().text.reserve(reserve);
        return p.spans.back().text;
    }

    static std::size_t runBytes(const model::Inlines& in) {
        std::size_t n = 0;
        for (const auto& r : in) n += r.text.size();
        return n;
    }

    // An empty paragraph that still carries its size (the DOCX paragraph mark needs one).
    Paragraph emptyPara(Role r) const {
        Paragraph p = para(r);
        p.spans.push_back(Span{"", style(r).text});
        return p;
    }

    void runs(Paragraph& p, Role caseOf, const model::Inlines& in, const TextStyle& base) const {
        for (const auto& run : in) {
            TextStyle s = base;
            s.bold = s.bold || run.bold;
            s.italic = s.italic || run.italic;
            s.underline = s.underline || run.underline;
            appendCased(p, caseOf, run.text, s);
        }
    }

    double measure(std::string_view s, const TextStyle& st) const { return fm_.advancePt(s, st.sizePt, st.bold, st.italic); }

    // The longest line `s` breaks into inside `avail`, breaking greedily at spaces as Word
    // does for centred text; a word wider than the column counts as the column width.
    double longestLine(std::string_view s, const TextStyle& st, double avail) const {
        const double space = measure(" ", st);
        double longest = 0, line = -1;
        std::size_t i = 0;
        while (i < s.size()) {
            while (i < s.size() && s[i] == ' ') ++i;
            std::size_t j = i;
            while (j < s.size() && s[j] != ' ') ++j;
            if (j == i) break;
            const double w = measure(s.substr(i, j - i), st);
            if (line < 0) {
                line = w;
            } else if (line + space + w <= avail + 1e-6) {
                line += space + w;
            } else {
                longest = std::max(longest, std::min(line, avail));
                line = w;
            }
            i = j;
        }
        return std::max(longest, std::min(std::max(line, 0.0), avail));
    }

    // The rule the role's style asks for, measured on the paragraph's text inside `avail`.
    void rule(Paragraph& p, double avail) const {
        const RoleStyle& s = style(p.role);
        if (s.rule == RuleKind::None || p.spans.empty()) return;
        double length = 0;
        if (s.rule == RuleKind::TextWidth) {
            for (const auto& span : p.spans) length += measure(span.text, span.style);
            length = std::min(length, avail);
        } else {
            length = s.ruleFraction * longestLine(joined(p), p.spans.front().style, avail);
        }
        p.ruleBelow = Rule{length, s.ruleThicknessPt, s.ruleGapPt};
    }

    // A box of the given size around a paragraph whose text column starts at leftIndent: the
    // right indent makes the text column exactly as wide as the box, so a writer can draw it
    // as a bordered paragraph or as a frame and centre the text inside either way.
    void frame(Paragraph& p, double widthPt, double heightPt, double columnPt) const {
        p.frame = frameAround(p, widthPt, heightPt);
        p.format.firstLineIndentPt = 0;
        p.format.rightIndentPt = std::max(0.0, columnPt - p.format.leftIndentPt - widthPt);
    }

    // ---- header (ô 1–4, 5b, 10) ----

    void circulationMark(std::vector<Block>& out) const {
        if (doc_.circulation == model::Circulation::None) return;
        Paragraph p = para(Role::CirculationMark, model::circulationText(doc_.circulation));
        p.format.leftIndentPt = width_ * t_.circulationLeftFraction;
        const double w = measure(joined(p), style(Role::CirculationMark).text) + 2 * t_.circulationPaddingPt;
        frame(p, std::min(w, width_ - p.format.leftIndentPt), t_.circulationHeightPt, width_);
        out.push_back(std::move(p));
    }

    void header(const SectionSource& src, std::vector<Block>& out) const {
        Table tb;
        tb.kind = Table::Kind::Header;
        tb.borders = false;
        tb.cellPaddingPt = t_.cellPaddingPt;
        const double left = width_ * t_.headerLeftFraction;
        tb.columnWidthsPt = {left, width_ - left};
        for (const auto& row : t_.headerRows) {
            if (!(src.main ? row.inMain : row.inAttachment)) continue;
            std::vector<Cell> cells(2);
            for (const auto it : row.left) headerItem(it, cells[0].paragraphs, left - 2 * t_.cellPaddingPt);
            for (const auto it : row.right) headerItem(it, cells[1].paragraphs, width_ - left - 2 * t_.cellPaddingPt);
            if (!cells[0].paragraphs.empty() || !cells[1].paragraphs.empty()) tb.rows.push_back(std::move(cells));
        }
        if (!tb.rows.empty()) out.push_back(std::move(tb));
    }

    void headerItem(HeaderItem item, std::vector<Paragraph>& out, double avail) const {
        switch (item) {
            case HeaderItem::ParentOrgan:
                if (!doc_.parentIssuer.empty()) organLines(Role::ParentOrgan, doc_.parentIssuer.name, avail, out);
                break;
            case HeaderItem::Issuer:
                organLines(Role::Issuer, doc_.issuer.name, avail, out);
                break;
            case HeaderItem::Number:
                out.push_back(para(Role::Number, fill(t_.word(Word::NumberLine), {{"code", codeText_}})));
                break;
            case HeaderItem::CongVanSubject:
                if (!doc_.subject.empty())
                    out.push_back(para(Role::CongVanSubject, startsWithVv(doc_.subject)
                                                                 ? doc_.subject
                                                                 : fill(t_.word(Word::CongVanSubject), {{"subject", doc_.subject}})));
                break;
            case HeaderItem::SecrecyMark:
                if (doc_.secrecy != model::Secrecy::None) out.push_back(para(Role::SecrecyMark, model::secrecyText(doc_.secrecy)));
                break;
            case HeaderItem::UrgencyMark:
                if (doc_.urgency != model::Urgency::None) {
                    Paragraph p = para(Role::UrgencyMark, model::urgencyText(doc_.urgency));
                    const Frame& f = t_.urgencyFrames[static_cast<std::size_t>(doc_.urgency)];
                    frame(p, f.widthPt, f.heightPt, avail);
                    out.push_back(std::move(p));
                }
                break;
            case HeaderItem::QuocHieu: out.push_back(para(Role::QuocHieu, t_.word(Word::QuocHieu))); break;
            case HeaderItem::TieuNgu: {
                Paragraph p = para(Role::TieuNgu, t_.word(Word::TieuNgu));
                rule(p, avail);
                out.push_back(std::move(p));
                break;
            }
            case HeaderItem::PlaceDate:
                out.push_back(para(Role::PlaceDate, fill(t_.word(Word::PlaceDate), {{"place", doc_.place}, {"date", dateText_}})));
                break;
        }
    }

    // An organ name too wide for its header cell is set on two lines, as agencies print it
    // ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ ĐÀ NẴNG"), rather than left to wrap at the cell edge, where
    // it would run up against the Quốc hiệu. The break goes before the administrative unit when
    // that gives two lines that fit, else where the longer line is shortest. The issuer's rule
    // is measured on the longest line and drawn under the last.
    void organLines(Role role, std::string_view name, double avail, std::vector<Paragraph>& out) const {
        Paragraph whole = para(role, name);
        const TextStyle& st = style(role).text;
        const std::string text = joined(whole);
        if (measure(text, st) <= avail * kOrganLineFill) {
            rule(whole, avail);
            out.push_back(std::move(whole));
            return;
        }
        static constexpr std::array<std::string_view, 8> kUnits{"TỈNH ", "THÀNH PHỐ ", "HUYỆN ", "QUẬN ",
                                                                "THỊ XÃ ", "THỊ TRẤN ", "XÃ ", "PHƯỜNG "};
        std::size_t best = std::string::npos;
        double bestWidth = 0;
        bool bestAtUnit = false;
        for (std::size_t sp = text.find(' '); sp != std::string::npos; sp = text.find(' ', sp + 1)) {
            const double w = std::max(measure(std::string_view(text).substr(0, sp), st),
                                      measure(std::string_view(text).substr(sp + 1), st));
            if (w > avail) continue;
            const std::string_view rest = std::string_view(text).substr(sp + 1);
            const bool atUnit = std::any_of(kUnits.begin(), kUnits.end(), [&](std::string_view u) { return rest.starts_with(u); });
            if (best == std::string::npos || (atUnit && !bestAtUnit) || (atUnit == bestAtUnit && w < bestWidth)) {
                best = sp;
                bestWidth = w;
                bestAtUnit = atUnit;
            }
        }
        if (best == std::string::npos) {  // no two-line split fits: let the writer wrap
            rule(whole, avail);
            out.push_back(std::move(whole));
            return;
        }
        Paragraph first = para(role);
        appendSpan(first, std::string_view(text).substr(0, best), st);
        first.format.spaceAfterPt = 0;
        first.format.keepWithNext = true;
        Paragraph second = para(role);
        appendSpan(second, std::string_view(text).substr(best + 1), st);
        second.format.spaceBeforePt = 0;
        if (const RoleStyle& rs = style(role); rs.rule != RuleKind::None) {
            const double longest = std::max(measure(joined(first), st), measure(joined(second), st));
            second.ruleBelow = Rule{rs.rule == RuleKind::TextWidth ? longest : rs.ruleFraction * longest,
                                    rs.ruleThicknessPt, rs.ruleGapPt};
        }
        out.push_back(std::move(first));
        out.push_back(std::move(second));
    }

    // ---- Kính gửi (ô 9a) ----

    void addressees(std::vector<Block>& out) const {
        const auto& list = doc_.addressees;
        if (list.empty()) return;
        const std::string& kinhGui = t_.word(Word::KinhGui);
        if (list.size() == 1) {
            out.push_back(para(Role::Addressee, kinhGui + " " + withoutEndPunctuation(list.front()) + "."));
            return;
        }
        // Several: "Kính gửi:" on its own line, then "- X;" lines whose dashes stand where the
        // text after "Kính gửi: " would start; a wrapped line continues under the text, not the dash.
        const RoleStyle& st = style(Role::Addressee);
        const double base = width_ * t_.addresseesLeftFraction;
        const std::string dash = label(LabelKind::Bullet, "", 0) + " ";
        const double kgWidth = measure(kinhGui + " ", st.text);
        const double dashWidth = measure(dash, st.text);
        Paragraph head = para(Role::Addressee, kinhGui);
        head.format.align = Align::Left;
        head.format.firstLineIndentPt = 0;
        head.format.leftIndentPt = base;
        head.format.spaceAfterPt = 0;
        head.format.keepWithNext = true;
        out.push_back(std::move(head));
        for (std::size_t i = 0; i < list.size(); ++i) {
            const bool last = i + 1 == list.size();
            Paragraph p = para(Role::Addressee, dash + withoutEndPunctuation(list[i]) + (last ? "." : ";"));
            p.format.align = Align::Left;
            p.format.leftIndentPt = base + kgWidth + dashWidth;
            p.format.firstLineIndentPt = -dashWidth;
            p.format.spaceBeforePt = 0;
            p.format.spaceAfterPt = last ? st.format.spaceAfterPt : 0;
            p.format.keepWithNext = !last;
            out.push_back(std::move(p));
        }
    }

    // ---- body (ô 6) ----

    std::string number(Numbering n, int i, const std::string& parent) const {
        switch (n) {
            case Numbering::Arabic: return std::to_string(i);
            case Numbering::Roman: return text::roman(i);
            case Numbering::AlphaVi: return text::pointLabel(i);
            case Numbering::Dotted: return parent.empty() ? std::to_string(i) : parent + "." + std::to_string(i);
            case Numbering::None: return {};
        }
        return {};
    }

    std::string label(LabelKind k, const std::string& given, int i, const std::string& parent = {}) const {
        std::string out;
        appendLabel(out, k, given, i, parent);
        return out;
    }

    // The label pattern with {n} replaced, appended to `out` without temporaries for the
    // common Arabic numbers ("Điều 12.", "3.").
    void appendLabel(std::string& out, LabelKind k, const std::string& given, int i, const std::string& parent = {}) const {
        const auto& spec = t_.label(k);
        const std::string_view pattern = spec.pattern;
        const std::size_t at = pattern.find("{n}");
        if (at == std::string_view::npos) {
            out += pattern;
            return;
        }
        out.append(pattern.substr(0, at));
        if (!given.empty()) {
            out += given;
        } else if (spec.numbering == Numbering::Arabic) {
            char buf[16];
            const auto r = std::to_chars(buf, buf + sizeof buf, i);
            out.append(buf, r.ptr);
        } else {
            out += number(spec.numbering, i, parent);
        }
        out.append(pattern.substr(at + 3));
    }

    void division(const model::Block& b, Role labelRole, Role titleRole, LabelKind k, int n, std::vector<Block>& out,
                  Counters& c) const {
        out.push_back(para(labelRole, label(k, b.number, n)));
        if (!b.title.empty()) {
            Paragraph p = para(titleRole);
            runs(p, titleRole, b.title, style(titleRole).text);
            out.push_back(std::move(p));
        }
        blocks(b.children, out, c);
    }

    void blocks(const std::vector<model::Block>& in, std::vector<Block>& out, Counters& c) const {
        int clause = 0, point = 0;  // restart in every parent
        for (const auto& b : in) {
            switch (b.kind) {
                case model::BlockKind::Part:
                    division(b, Role::PartLabel, Role::PartTitle, LabelKind::Part, ++c.part, out, c);
                    break;
                case model::BlockKind::Chapter:
                    c.section = c.subsection = 0;
                    division(b, Role::ChapterLabel, Role::ChapterTitle, LabelKind::Chapter, ++c.chapter, out, c);
                    break;
                case model::BlockKind::Section:
                    c.subsection = 0;
                    division(b, Role::SectionLabel, Role::SectionTitle, LabelKind::Section, ++c.section, out, c);
                    break;
                case model::BlockKind::Subsection:
                    division(b, Role::SectionLabel, Role::SectionTitle, LabelKind::Subsection, ++c.subsection, out, c);
                    break;
                case model::BlockKind::Article: article(b, out, c); break;
                case model::BlockKind::Clause: numbered(b, Role::Clause, LabelKind::Clause, ++clause, out, c); break;
                case model::BlockKind::Point: numbered(b, Role::Point, LabelKind::Point, ++point, out, c); break;
                case model::BlockKind::Heading: heading(b, out, c); break;
                case model::BlockKind::Paragraph: {
                    Paragraph p = para(Role::Body);
                    runs(p, Role::Body, b.text, style(Role::Body).text);
                    out.push_back(std::move(p));
                    blocks(b.children, out, c);
                    break;
                }
                case model::BlockKind::Bullet: {
                    Paragraph p = para(Role::Bullet);
                    std::string& s = openSpan(p, style(Role::Bullet).text, 4 + runBytes(b.text));
                    appendLabel(s, LabelKind::Bullet, {}, 0);
                    s += ' ';
                    runs(p, Role::Bullet, b.text, style(Role::Bullet).text);
                    out.push_back(std::move(p));
                    blocks(b.children, out, c);
                    break;
                }
                case model::BlockKind::Table: table(b, out); break;
                case model::BlockKind::Row:
                case model::BlockKind::Cell: {
                    // Outside a table (the schema does not allow it): keep the text, lose nothing.
                    if (!b.text.empty()) {
                        Paragraph p = para(Role::Body);
                        runs(p, Role::Body, b.text, style(Role::Body).text);
                        out.push_back(std::move(p));
                    }
                    blocks(b.children, out, c);
                    break;
                }
            }
        }
    }

    // "Điều 1. Title" (label and title bold), or "Điều 1." bold + its text upright when the
    // article has no title (decree-30-2020.md §2 row "Điều").
    void article(const model::Block& b, std::vector<Block>& out, Counters& c) const {
        const RoleStyle& as = style(Role::Article);
        const TextStyle& body = style(Role::Body).text;
        Paragraph p = para(Role::Article);
        appendLabel(openSpan(p, as.text, 16 + runBytes(b.title)), LabelKind::Article, b.number, ++c.article);
        const bool hasFollowers = !b.children.empty();
        if (!b.title.empty()) {
            appendSpan(p, " ", as.text);
            runs(p, Role::Article, b.title, as.text);
            p.format.keepWithNext = as.format.keepWithNext && (hasFollowers || !b.text.empty());
            out.push_back(std::move(p));
            if (!b.text.empty()) {
                Paragraph q = para(Role::Body);
                runs(q, Role::Body, b.text, body);
                out.push_back(std::move(q));
            }
        } else {
            if (!b.text.empty()) {
                appendSpan(p, " ", body);
                runs(p, Role::Body, b.text, body);
            }
            p.format.keepWithNext = as.format.keepWithNext && b.text.empty() && hasFollowers;
            out.push_back(std::move(p));
        }
        blocks(b.children, out, c);
    }

    // Khoản "1. text" and điểm "a) text"; a titled khoản is bold on its own line (§2 row "Khoản").
    void numbered(const model::Block& b, Role role, LabelKind k, int n, std::vector<Block>& out, Counters& c) const {
        const RoleStyle& rs = style(role);
        Paragraph p = para(role);
        if (!b.title.empty()) {
            TextStyle bold = rs.text;
            bold.bold = true;
            std::string& s = openSpan(p, bold, 16 + runBytes(b.title));
            appendLabel(s, k, b.number, n);
            s += ' ';
            runs(p, role, b.title, bold);
            p.format.keepWithNext = true;
            out.push_back(std::move(p));
            if (!b.text.empty()) {
                Paragraph q = para(Role::Body);
                runs(q, Role::Body, b.text, style(Role::Body).text);
                out.push_back(std::move(q));
            }
        } else {
            std::string& s = openSpan(p, rs.text, 16 + runBytes(b.text));
            appendLabel(s, k, b.number, n);
            s += ' ';
            runs(p, role, b.text, rs.text);
            out.push_back(std::move(p));
        }
        blocks(b.children, out, c);
    }

    void heading(const model::Block& b, std::vector<Block>& out, Counters& c) const {
        const int level = std::clamp(b.level, 1, 4);
        const auto lv = static_cast<std::size_t>(level);
        ++c.heading[lv];
        for (std::size_t d = lv + 1; d < c.heading.size(); ++d) c.heading[d] = 0, c.headingNumber[d].clear();
        std::string parent;
        for (std::size_t d = lv - 1; d >= 1 && parent.empty(); --d) parent = c.headingNumber[d];
        const auto kind = static_cast<LabelKind>(static_cast<int>(LabelKind::Heading1) + level - 1);
        const auto& spec = t_.label(kind);
        c.headingNumber[lv] = b.number.empty() ? number(spec.numbering, c.heading[lv], parent) : b.number;
        const auto role = static_cast<Role>(static_cast<int>(Role::Heading1) + level - 1);
        Paragraph p = para(role);
        appendSpan(p, fill(spec.pattern, {{"n", c.headingNumber[lv]}}) + " ", style(role).text);
        runs(p, role, b.title, style(role).text);
        out.push_back(std::move(p));
        if (!b.text.empty()) {
            Paragraph q = para(Role::Body);
            runs(q, Role::Body, b.text, style(Role::Body).text);
            out.push_back(std::move(q));
        }
        blocks(b.children, out, c);
    }

    void table(const model::Block& b, std::vector<Block>& out) const {
        Table tb;
        tb.kind = Table::Kind::Body;
        tb.borders = true;
        tb.cellPaddingPt = kBodyCellPaddingPt;
        std::size_t columns = 0;
        for (const auto& row : b.children)
            if (row.kind == model::BlockKind::Row) columns = std::max(columns, row.children.size());
        if (columns == 0) return;
        std::vector<double> rel = relativeWidths(b);
        if (rel.size() != columns || std::any_of(rel.begin(), rel.end(), [](double w) { return w <= 0; }))
            rel.assign(columns, 1.0);
        const double total = std::accumulate(rel.begin(), rel.end(), 0.0);
        for (double w : rel) tb.columnWidthsPt.push_back(width_ * w / total);

        const RoleStyle& ts = style(Role::TableText);
        bool leading = true;
        for (const auto& row : b.children) {
            if (row.kind != model::BlockKind::Row) continue;
            const bool isHeader = row.headerRow;
            if (isHeader && leading) ++tb.headerRows;
            if (!isHeader) leading = false;
            TextStyle base = ts.text;
            if (isHeader) base.bold = base.bold || t_.tableHeaderBold;
            std::vector<Cell> cells;
            for (const auto& cell : row.children) {
                Cell out;
                auto add = [&](const model::Inlines& text) {
                    Paragraph p = para(Role::TableText);
                    if (isHeader) p.format.align = t_.tableHeaderAlign;
                    runs(p, Role::TableText, text, base);
                    if (p.spans.empty()) p.spans.push_back(Span{"", base});
                    out.paragraphs.push_back(std::move(p));
                };
                if (!cell.text.empty() || cell.children.empty()) add(cell.text);
                for (const auto& inner : cell.children) add(inner.text);
                cells.push_back(std::move(out));
            }
            cells.resize(columns);
            tb.rows.push_back(std::move(cells));
        }
        out.push_back(std::move(tb));
    }

    // ---- signature table (ô 7, 8, 9b, 12) ----

    std::vector<Paragraph> recipients() const {
        std::vector<Paragraph> out;
        out.push_back(para(Role::RecipientsLabel, t_.word(Word::NoiNhan)));
        auto itemText = [&](const model::Recipient& r) {
            std::string s;
            switch (r.kind) {
                case model::RecipientKind::Agency: s = withoutEndPunctuation(r.name); break;
                case model::RecipientKind::AsAbove: s = t_.word(Word::AsAbove); break;
                case model::RecipientKind::AsArticle:
                    s = fill(t_.word(Word::AsArticle), {{"n", std::to_string(r.article)}});
                    break;
            }
            if (!r.purpose.empty()) s += " (" + stripParentheses(r.purpose) + ")";
            return s;
        };
        std::vector<std::string> items;
        const model::Recipient* asAbove = nullptr;
        if (t_.firstRecipientAsAbove && !doc_.addressees.empty()) {
            // Công văn, Tờ trình, Báo cáo to a superior: "- Như trên;" first (§2 ô 9b).
            for (const auto& r : doc_.recipients)
                if (r.kind == model::RecipientKind::AsAbove) {
                    asAbove = &r;
                    break;
                }
            items.push_back(asAbove ? itemText(*asAbove) : t_.word(Word::AsAbove));
        }
        for (const auto& r : doc_.recipients)
            if (&r != asAbove) items.push_back(itemText(r));
        for (const auto& item : items) out.push_back(para(Role::RecipientItem, "- " + item + ";"));

        const auto& a = doc_.archive;
        std::string units;
        for (const auto& u : a.units) {
            if (u.empty()) continue;
            if (!units.empty()) units += ", ";
            units += u;
        }
        if (units.empty()) units = "VT";
        const std::string copies =
            a.copies > 0 ? fill(t_.word(Word::ArchiveCopies), {{"n", text::zeroPad(a.copies)}}) : std::string();
        out.push_back(para(Role::RecipientItem,
                           "- " + withoutEndPunctuation(fill(t_.word(Word::Archive), {{"units", units}, {"copies", copies}})) + "."));
        if (!a.drafterInitials.empty()) {
            std::string mark = a.drafterInitials;
            while (!mark.empty() && mark.back() == '.') mark.pop_back();
            mark += '.';
            if (a.issuedCopies > 0) mark += "(" + std::to_string(a.issuedCopies) + ")";
            out.push_back(para(Role::DrafterMark, mark));
        }
        return out;
    }

    std::vector<Paragraph> signature(const model::Signature& s) const {
        std::vector<Paragraph> out;
        for (const auto& line : s.chain) {
            const std::string_view prefix = model::authorityPrefix(line.authority);
            out.push_back(para(Role::SignerAuthority, prefix.empty() ? line.title : std::string(prefix) + " " + line.title));
        }
        if (!s.position.empty()) out.push_back(para(Role::SignerPosition, s.position));
        if (!s.otherTitle.empty()) out.push_back(para(Role::SignerOtherTitle, s.otherTitle));
        for (int i = 0; i < t_.signatureSpaceLines; ++i) out.push_back(emptyPara(Role::SignatureSpace));
        if (!s.name.empty()) out.push_back(para(Role::SignerName, s.name));
        return out;
    }

    void signatureTable(const SectionSource& src, std::vector<Block>& out) const {
        std::vector<Paragraph> left = src.recipients ? recipients() : std::vector<Paragraph>{};
        if (src.signatures.empty() && left.empty()) return;
        Table tb;
        tb.kind = Table::Kind::Signature;
        tb.keepTogether = true;
        tb.borders = false;
        tb.cellPaddingPt = t_.cellPaddingPt;
        const double lw = width_ * t_.signatureLeftFraction;
        tb.columnWidthsPt = {lw, width_ - lw};
        auto cell = [](std::vector<Paragraph> ps) {
            Cell c;
            c.paragraphs = std::move(ps);
            return c;
        };
        if (src.signatures.size() >= 2) {
            // Biên bản (Mẫu 1.9): two signers side by side, Nơi nhận below on the left.
            tb.rows.push_back({cell(signature(*src.signatures[0])), cell(signature(*src.signatures[1]))});
            if (!left.empty()) tb.rows.push_back({cell(std::move(left)), Cell{}});
        } else {
            tb.rows.push_back({cell(std::move(left)),
                               cell(src.signatures.empty() ? std::vector<Paragraph>{} : signature(*src.signatures[0]))});
        }
        // "Nơi nhận:" level with the first 7a line: both cells start with the same space.
        for (auto& c : tb.rows.front())
            if (!c.paragraphs.empty()) c.paragraphs.front().format.spaceBeforePt = t_.signatureSpaceBeforePt;
        out.push_back(std::move(tb));
    }

    // ---- ô 13 ----

    void contact(std::vector<Block>& out) const {
        const auto& k = doc_.contact;
        if (k.empty()) return;
        std::string line;
        auto add = [&](Word w, const std::string& v) {
            if (v.empty()) return;
            if (!line.empty()) line += t_.word(Word::ContactSeparator);
            line += fill(t_.word(w), {{"v", v}});
        };
        add(Word::ContactAddress, k.address);
        add(Word::ContactPhone, k.phone);
        add(Word::ContactFax, k.fax);
        add(Word::ContactEmail, k.email);
        add(Word::ContactWebsite, k.website);
        if (t_.contactRule) {
            Paragraph rulePara = emptyPara(Role::Spacer);
            rulePara.ruleBelow = Rule{width_ - rulePara.format.leftIndentPt - rulePara.format.rightIndentPt,
                                      t_.contactRuleThicknessPt, 0};
            out.push_back(std::move(rulePara));
        }
        out.push_back(para(Role::Contact, line));
    }

    const Template& t_;
    const font::FontMetrics& fm_;
    const model::Document& doc_;
    const std::string& codeText_;
    const std::string& dateText_;
    double width_;
};

Section makeSection(std::string label, const Template& t, bool landscape = false) {
    Section s;
    s.label = std::move(label);
    s.page = t.page;
    // Turned page: the sheet is rotated, the margins keep their names (binding edge left).
    if (landscape) std::swap(s.page.widthPt, s.page.heightPt);
    s.numbering = t.numbering;
    s.numbering.startAt = 1;  // each appendix and attached document restarts (§1, §10 rule 13)
    return s;
}

// The document's metadata as the DOCX core properties and the PDF's XMP carry it.
Metadata metadataOf(const model::Document& doc, const std::string& code, const ComposeOptions& options) {
    Metadata m;
    m.title = doc.subject;
    m.typeName = std::string(model::info(doc.type).name);
    m.code = code;
    m.codeNumber = doc.code.number ? model::formatNumber(*doc.code.number) : std::string();
    m.codeNotation = doc.code.notation;
    m.organName = text::toUpper(doc.issuer.name);
    m.organId = doc.issuer.organId;
    m.issuedDate = doc.issueDate ? formatIsoDate(*doc.issueDate) : std::string();
    if (!doc.signatures.empty()) {
        // Biên bản: the right-hand signer (chủ tọa) is the one who issues it.
        m.signerName = doc.signatures.back().name;
        const model::Signature& s = doc.signatures.back();
        m.signerPosition = text::toUpper(s.position);
        if (m.signerPosition.empty() && !s.chain.empty())  // "Q. GIÁM ĐỐC" signs without a position line
            m.signerPosition = std::string(model::authorityPrefix(s.chain.back().authority)) + " " + s.chain.back().title;
    }
    m.secrecy = std::string(model::secrecyText(doc.secrecy));
    m.urgency = std::string(model::urgencyText(doc.urgency));
    m.created = isoUtc(options.created);
    return m;
}

// The document itself: header, body, signature and Nơi nhận.
Section mainSection(const Template& t, const font::FontMetrics& fm, const model::Document& doc, const std::string& codeText,
                    const std::string& dateText) {
    Section main = makeSection("main", t);
    SectionSource src;
    src.main = true;
    src.type = doc.type;
    src.subject = doc.subject;
    src.body = &doc.body;
    for (const auto& s : doc.signatures) src.signatures.push_back(&s);
    src.recipients = true;
    Builder(t, main.page, fm, doc, codeText, dateText).build(t.mainLayout, src, main.blocks);
    return main;
}

}  // namespace

Composer::Composer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Composer::~Composer() = default;

std::shared_ptr<const Composer> Composer::load(const std::filesystem::path& dataDir) {
    return load(dataDir, font::FontMetrics::load(dataDir / "fonts"));
}

std::shared_ptr<const Composer> Composer::load(const std::filesystem::path& dataDir,
                                               std::shared_ptr<const font::FontMetrics> fonts) {
    if (!fonts) throw Failure(Errc::FontMissing, "Composer::load: no fonts");
    auto impl = std::make_unique<Impl>();
    impl->templates = detail::TemplateSet::load(dataDir / "templates", dataDir / "schemas" / "template.xsd");
    impl->fonts = std::move(fonts);
    return std::make_shared<const Composer>(std::move(impl));
}

const font::FontMetrics& Composer::fonts() const { return *impl_->fonts; }

Composition Composer::compose(const model::Document& doc, const ComposeOptions& options) const {
    const Template& t = impl_->templates.forType(doc.type);
    const font::FontMetrics& fm = *impl_->fonts;
    const std::string gap(static_cast<std::size_t>(std::max(0, t.draftGap)), ' ');

    // As printed: "1020/QĐ-BTP"; a draft without a number: "     /QĐ-BTP" (the gap is where the
    // clerk writes the number). The date likewise: "ngày 08 tháng 5 năm 2018" or blanks.
    const std::string code = model::format(doc.code);
    const std::string codeText = doc.code.number ? code : gap + code;
    const std::string dateText = doc.issueDate ? text::formatDateLine(doc.issueDate->year, doc.issueDate->month, doc.issueDate->day)
                                               : fill(t.word(Word::DraftDate), {{"gap", gap}});

    Composition c;
    c.fontFamily = fm.family();

    c.meta = metadataOf(doc, code, options);

    // "của Bộ trưởng Bộ Tư pháp" in the notes of attached documents and appendices.
    const std::string parentType(model::info(doc.type).name);
    std::string authority;
    auto authorityText = [&]() -> const std::string& {
        // The first line names the authority; a second one is the term and session of a council.
        if (authority.empty()) authority = authorityInSentence(doc.authority.substr(0, doc.authority.find('\n')), doc.issuer.name);
        return authority;
    };

    c.sections.push_back(mainSection(t, fm, doc, codeText, dateText));

    auto appendices = [&](const std::vector<model::Appendix>& list, const Template& at, const std::string& prefix,
                          const model::AttachedDocument* of) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& a = list[i];
            // "Phụ lục" alone for a single appendix; Roman numbers when there are several (§2).
            const std::string n = a.number.empty() ? text::roman(static_cast<int>(i + 1)) : a.number;
            Section s = makeSection(prefix + "appendix " + n, at, a.landscape);
            SectionSource src;
            src.type = of ? of->type : doc.type;
            src.body = &a.body;
            src.appendixLabel = list.size() == 1 ? t.word(Word::AppendixLabel)
                                                 : fill(t.word(Word::AppendixLabelNumbered), {{"n", n}});
            src.appendixTitle = a.title;
            src.note = of ? fill(t.word(Word::AppendixNoteNested), {{"type", model::info(of->type).name},
                                                                    {"parentType", parentType},
                                                                    {"code", codeText},
                                                                    {"date", dateText},
                                                                    {"authority", authorityText()}})
                          : fill(t.word(Word::AppendixNote), {{"parentType", parentType},
                                                              {"code", codeText},
                                                              {"date", dateText},
                                                              {"authority", authorityText()}});
            Builder(at, s.page, fm, doc, codeText, dateText).build(at.appendixLayout, src, s.blocks);
            c.sections.push_back(std::move(s));
        }
    };

    appendices(doc.appendices, t, "", nullptr);

    for (std::size_t i = 0; i < doc.attachments.size(); ++i) {
        const auto& a = doc.attachments[i];
        const Template& at = impl_->templates.forType(a.type);
        const std::string label = "attachment " + std::to_string(i + 1);
        Section s = makeSection(label, at);
        SectionSource src;
        src.attachment = true;
        src.type = a.type;
        src.subject = a.subject;
        src.body = &a.body;
        if (a.signature) src.signatures.push_back(&*a.signature);
        // The parent's template words the note: a Quyết định "ban hành kèm theo", others "kèm theo".
        src.note = fill(t.word(Word::AttachedNote), {{"parentType", parentType},
                                                      {"code", codeText},
                                                      {"date", dateText},
                                                      {"authority", authorityText()}});
        Builder(at, s.page, fm, doc, codeText, dateText).build(at.attachmentLayout, src, s.blocks);
        c.sections.push_back(std::move(s));
        appendices(a.appendices, at, label + " ", &a);
    }
    return c;
}

}  // namespace vanthu::compose
