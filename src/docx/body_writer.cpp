#include "docx/body_writer.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>

#include "docx/namespaces.h"
#include "docx/units.h"
#include "xml/writer.h"

namespace vanthu::docx {

using compose::Align;
using compose::Block;
using compose::Composition;
using compose::PageNumbering;
using compose::Paragraph;
using compose::ParagraphFormat;
using compose::Section;
using compose::Table;
using compose::TextStyle;

namespace {

constexpr std::string_view kBlack = "000000";
constexpr std::string_view kLang = "vi-VN";
// Body tables: Word's default left/right cell margin (0.08 in = 108 twips), written explicitly so
// LibreOffice and Word agree (the Composition has no cell padding; see the module report).
constexpr long long kBodyCellMarginTw = 108;
// Frames: "single-border box" (decree-30-2020.md §2, ô 10b/11) with no stated weight; 0.5 pt is
// Word's default single line.
constexpr double kFrameBorderPt = 0.5;
// Times New Roman's single line height in em ((ascender + descender + lineGap) / unitsPerEm =
// (1825 + 443 + 87) / 2048), used only to approximate Frame::heightPt.
constexpr double kSingleLineEm = 1.15;
// The filler paragraphs we add (rule carriers, table separators, section carriers) are 1 pt high.
constexpr double kFillerPt = 1;

std::string_view jcValue(Align a) {
    switch (a) {  // ST_Jc (§17.18.44); left/right rather than start/end: every reader knows them
        case Align::Left: return "left";
        case Align::Center: return "center";
        case Align::Right: return "right";
        case Align::Justify: return "both";
    }
    return "both";
}

long long floorHalf(long long v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

// Left/right indents that make a box of widthTw centred in the paragraph's text column, i.e. the
// column (columnTw) minus the paragraph's own indents. Width is exact: columnTw - left - right.
std::pair<long long, long long> centredBox(long long columnTw, const ParagraphFormat& f, long long widthTw) {
    const long long left = twips(f.leftIndentPt);
    const long long right = twips(f.rightIndentPt);
    const long long l = left + floorHalf(columnTw - left - right - widthTw);
    return {l, columnTw - l - widthTw};
}

// Column widths rounded at their edges, so they add up to the rounded table width.
std::vector<long long> columnTwips(const std::vector<double>& widthsPt) {
    std::vector<long long> out;
    out.reserve(widthsPt.size());
    double edge = 0;
    long long previous = 0;
    for (double w : widthsPt) {
        edge += w;
        const long long e = twips(edge);
        out.push_back(e - previous);
        previous = e;
    }
    return out;
}

double largestSize(const Paragraph& p) {
    double size = 0;
    for (const auto& s : p.spans) size = std::max(size, s.style.sizePt);
    return size > 0 ? size : TextStyle{}.sizePt;
}

std::size_t estimateBytes(const Composition& c) {
    std::size_t n = 8192;
    auto paragraph = [&n](const Paragraph& p) {
        n += 700;  // pPr + one run's properties
        for (const auto& s : p.spans) n += s.text.size() + 330;
    };
    for (const auto& s : c.sections)
        for (const auto& b : s.blocks) {
            if (const auto* p = std::get_if<Paragraph>(&b)) {
                paragraph(*p);
            } else {
                for (const auto& row : std::get<Table>(b).rows)
                    for (const auto& cell : row) {
                        n += 200;
                        for (const auto& p : cell.paragraphs) paragraph(p);
                    }
            }
        }
    return n;
}

class BodyWriter {
public:
    explicit BodyWriter(const Composition& c) : c_(c), w_(out_) {}

    BodyParts run() {
        out_.reserve(estimateBytes(c_));
        w_.open("w:document").attr("xmlns:w", ns::kW).attr("xmlns:r", ns::kR).open("w:body");
        for (std::size_t i = 0; i < c_.sections.size(); ++i)
            section(c_.sections[i], i == 0, i + 1 == c_.sections.size());
        if (c_.sections.empty()) {
            // A document needs a body paragraph and a section (Word shows an empty A4 page).
            filler("Spacer", {});
            w_.raw(sectPr(Section{}, true));
        }
        w_.close().close();
        return {std::move(out_), std::move(headers_)};
    }

private:
    // Run properties repeat on nearly every run: build each distinct style's XML once. A deque
    // keeps references stable as it grows.
    std::string_view runProps(const TextStyle& s) {
        for (const auto& [style, xml] : rPrCache_)
            if (style == s) return xml;
        return rPrCache_.emplace_back(s, runProperties(c_.fontFamily, s)).second;
    }

    // All sections but the last end with a paragraph holding their w:sectPr (§17.6.18); the last
    // section's w:sectPr is the last child of w:body (§17.6.17).
    void section(const Section& s, bool first, bool last) {
        const std::string props = sectPr(s, first);
        const std::string_view carried = last ? std::string_view{} : std::string_view(props);
        bool previousWasTable = false;
        for (std::size_t i = 0; i < s.blocks.size(); ++i) {
            const bool lastBlock = i + 1 == s.blocks.size();
            if (const auto* p = std::get_if<Paragraph>(&s.blocks[i])) {
                paragraph(*p, twips(s.page.textWidthPt()), false, lastBlock ? carried : std::string_view{});
                previousWasTable = false;
            } else {
                // Two adjacent w:tbl would be merged into one table by Word: keep them apart.
                if (previousWasTable) filler("Spacer", {});
                table(std::get<Table>(s.blocks[i]));
                previousWasTable = true;
                if (lastBlock && !last) filler("Spacer", carried);
            }
        }
        if (s.blocks.empty() && !last) filler("Spacer", carried);
        if (last) w_.raw(props);
    }

    void paragraph(const Paragraph& p, long long columnTw, bool keepNext, std::string_view sectPrXml) {
        const ParagraphFormat& f = p.format;
        const bool hasRule = p.ruleBelow && p.ruleBelow->lengthPt > 0;
        const TextStyle mark = p.spans.empty() ? TextStyle{} : p.spans.back().style;

        w_.open("w:p").open("w:pPr");
        w_.open("w:pStyle").attr("w:val", compose::roleStyleId(p.role)).close();
        if (keepNext || f.keepWithNext || hasRule) w_.leaf("w:keepNext");  // the rule stays with its text
        if (f.keepLinesTogether) w_.leaf("w:keepLines");
        if (f.pageBreakBefore) w_.leaf("w:pageBreakBefore");
        widowControl(f.widowControl);

        long long left = twips(f.leftIndentPt);
        long long right = twips(f.rightIndentPt);
        if (p.frame) {
            if (p.frame->widthPt > 0) std::tie(left, right) = centredBox(columnTw, f, twips(p.frame->widthPt));
            // Paragraph borders have no height: pad the text vertically with the border spacing.
            const double line = kSingleLineEm * largestSize(p) * f.lineSpacing;
            const long long pad = borderSpacePt((p.frame->heightPt - line - 2 * kFrameBorderPt) / 2);
            w_.open("w:pBdr");
            border("w:top", kFrameBorderPt, pad);
            border("w:left", kFrameBorderPt, 0);
            border("w:bottom", kFrameBorderPt, pad);
            border("w:right", kFrameBorderPt, 0);
            w_.close();
        }
        // With a rule, the space after goes below the rule paragraph, so the gap is the rule's.
        spacing(twips(f.spaceBeforePt), hasRule ? 0 : twips(f.spaceAfterPt), f.lineSpacing);
        indent(left, right, twips(f.firstLineIndentPt));
        w_.open("w:jc").attr("w:val", jcValue(f.align)).close();
        w_.raw(runProps(mark));  // the paragraph mark: sets the height of an empty paragraph
        if (!hasRule) w_.raw(sectPrXml);
        w_.close();  // w:pPr

        runs(p);
        w_.close();  // w:p

        if (hasRule) rule(p, columnTw, keepNext || f.keepWithNext, sectPrXml);
    }

    // The rule under `owner`: an empty paragraph whose bottom border is exactly lengthPt wide,
    // centred in the owner's text column. Its exact line height is the gap between the owner's
    // last line and the rule (§17.3.1.33 w:spacing lineRule="exact"); w:space="0" puts the border
    // right under that line (§17.3.4).
    void rule(const Paragraph& owner, long long columnTw, bool keepNext, std::string_view sectPrXml) {
        const compose::Rule& r = *owner.ruleBelow;
        const auto [left, right] = centredBox(columnTw, owner.format, twips(r.lengthPt));
        w_.open("w:p").open("w:pPr");
        w_.open("w:pStyle").attr("w:val", compose::roleStyleId(owner.role)).close();
        if (keepNext) w_.leaf("w:keepNext");
        widowControl(false);
        w_.open("w:pBdr");
        border("w:bottom", r.thicknessPt, 0);
        w_.close();
        w_.open("w:spacing")
            .attr("w:before", 0LL)
            .attr("w:after", twips(owner.format.spaceAfterPt))
            .attr("w:line", std::max(twips(kFillerPt), twips(r.gapPt)))
            .attr("w:lineRule", "exact")
            .close();
        indent(left, right, 0);
        w_.open("w:jc").attr("w:val", "center").close();
        w_.raw(runProps(TextStyle{kFillerPt}));
        w_.raw(sectPrXml);
        w_.close().close();
    }

    // A 1 pt empty paragraph: separates adjacent tables, ends a section that ends with a table, or
    // fills an empty table cell (every w:tc needs a paragraph, §17.4.66).
    void filler(std::string_view styleId, std::string_view sectPrXml) {
        w_.open("w:p").open("w:pPr");
        w_.open("w:pStyle").attr("w:val", styleId).close();
        widowControl(false);
        w_.open("w:spacing")
            .attr("w:before", 0LL)
            .attr("w:after", 0LL)
            .attr("w:line", twips(kFillerPt))
            .attr("w:lineRule", "exact")
            .close();
        indent(0, 0, 0);
        w_.open("w:jc").attr("w:val", "left").close();
        w_.raw(runProps(TextStyle{kFillerPt}));
        w_.raw(sectPrXml);
        w_.close().close();
    }

    void widowControl(bool on) {
        if (on)
            w_.leaf("w:widowControl");
        else
            w_.open("w:widowControl").attr("w:val", "0").close();
    }

    void spacing(long long beforeTw, long long afterTw, double lineSpacing) {
        // lineRule="auto": w:line is in 240ths of a single line (§17.3.1.33).
        w_.open("w:spacing")
            .attr("w:before", beforeTw)
            .attr("w:after", afterTw)
            .attr("w:line", static_cast<long long>(std::llround(lineSpacing * 240)))
            .attr("w:lineRule", "auto")
            .close();
    }

    void indent(long long left, long long right, long long firstLine) {
        w_.open("w:ind").attr("w:left", left).attr("w:right", right);
        if (firstLine < 0)
            w_.attr("w:hanging", -firstLine);
        else
            w_.attr("w:firstLine", firstLine);
        w_.close();
    }

    void border(std::string_view side, double thicknessPt, long long spacePt) {
        w_.open(side)
            .attr("w:val", "single")
            .attr("w:sz", borderEighths(thicknessPt))
            .attr("w:space", spacePt)
            .attr("w:color", kBlack)
            .close();
    }

    // Line breaks and tabs inside a span become w:br and w:tab (§17.3.3.1, §17.3.3.32).
    void runs(const Paragraph& p) {
        for (const auto& span : p.spans) {
            if (span.text.empty()) continue;
            w_.open("w:r").raw(runProps(span.style));
            std::string_view rest = span.text;
            while (!rest.empty()) {
                const auto cut = rest.find_first_of("\n\t");
                textElement(rest.substr(0, cut));
                if (cut == std::string_view::npos) break;
                w_.leaf(rest[cut] == '\n' ? "w:br" : "w:tab");
                rest.remove_prefix(cut + 1);
            }
            w_.close();
        }
    }

    void textElement(std::string_view t) {
        if (t.empty()) return;
        w_.open("w:t");
        // Without xml:space="preserve" readers may drop leading/trailing spaces (§17.3.3.31).
        if (t.front() == ' ' || t.back() == ' ' || t.find("  ") != std::string_view::npos)
            w_.attr("xml:space", "preserve");
        w_.text(t).close();
    }

    void table(const Table& t) {
        const auto cols = columnTwips(t.columnWidthsPt);
        long long total = 0;
        for (long long c : cols) total += c;
        const bool layoutTable = t.kind != Table::Kind::Body;
        const long long margin = layoutTable ? 0 : kBodyCellMarginTw;

        w_.open("w:tbl").open("w:tblPr");  // CT_TblPr sequence order (§17.4.60)
        w_.open("w:tblW").attr("w:w", total).attr("w:type", "dxa").close();
        w_.open("w:tblInd").attr("w:w", 0LL).attr("w:type", "dxa").close();
        w_.open("w:tblBorders");  // always explicit: no inheritance from a table style
        for (std::string_view side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
            if (t.borders)
                border(side, 0.5, 0);
            else
                w_.open(side).attr("w:val", "none").attr("w:sz", 0LL).attr("w:space", 0LL).attr("w:color", "auto").close();
        }
        w_.close();
        w_.open("w:tblLayout").attr("w:type", "fixed").close();  // widths as given, never autofit
        w_.open("w:tblCellMar");
        w_.open("w:top").attr("w:w", 0LL).attr("w:type", "dxa").close();
        w_.open("w:left").attr("w:w", margin).attr("w:type", "dxa").close();
        w_.open("w:bottom").attr("w:w", 0LL).attr("w:type", "dxa").close();
        w_.open("w:right").attr("w:w", margin).attr("w:type", "dxa").close();
        w_.close();
        w_.close();  // w:tblPr

        w_.open("w:tblGrid");
        for (long long c : cols) w_.open("w:gridCol").attr("w:w", c).close();
        w_.close();

        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const auto& row = t.rows[r];
            if (row.size() > cols.size())
                throw std::invalid_argument("docx: table row " + std::to_string(r) + " has " +
                                            std::to_string(row.size()) + " cells for " +
                                            std::to_string(cols.size()) + " columns");
            const bool header = static_cast<long long>(r) < t.headerRows;
            // keepTogether: rows never split, and every paragraph but those of the last row keeps
            // with the next, which chains the rows onto one page (§17.4.6, §17.3.1.15).
            const bool keepNext = t.keepTogether && r + 1 < t.rows.size();
            w_.open("w:tr");
            if (t.keepTogether || header) {
                w_.open("w:trPr");
                if (t.keepTogether) w_.leaf("w:cantSplit");
                if (header) w_.leaf("w:tblHeader");
                w_.close();
            }
            for (std::size_t c = 0; c < cols.size(); ++c) {
                w_.open("w:tc").open("w:tcPr");
                w_.open("w:tcW").attr("w:w", cols[c]).attr("w:type", "dxa").close();
                w_.close();
                const long long columnTw = cols[c] - 2 * margin;
                if (c < row.size() && !row[c].paragraphs.empty()) {
                    for (const auto& p : row[c].paragraphs) paragraph(p, columnTw, keepNext, {});
                } else {
                    filler("TableText", {});  // a missing or empty cell
                }
                w_.close();  // w:tc
            }
            w_.close();  // w:tr
        }
        w_.close();  // w:tbl
    }

    // CT_SectPr children in schema order (§17.6.17): headerReference*, type, pgSz, pgMar,
    // pgNumType, titlePg.
    std::string sectPr(const Section& s, bool first) {
        const PageNumbering& n = s.numbering;
        const bool titlePage = n.enabled && !n.onFirstPage;
        // Every section names its headers: one without references would inherit the previous
        // section's (§17.10.5), which is wrong when numbering differs.
        const std::size_t defaultHeader = headerPart(n.enabled ? numberHeader(n) : emptyHeader(n));
        const std::size_t firstHeader = titlePage ? headerPart(emptyHeader(n)) : 0;

        std::string out;
        xml::Writer w(out, false);
        w.open("w:sectPr");
        w.open("w:headerReference").attr("w:type", "default").attr("r:id", headerRelId(defaultHeader)).close();
        if (titlePage) w.open("w:headerReference").attr("w:type", "first").attr("r:id", headerRelId(firstHeader)).close();
        if (!first) w.open("w:type").attr("w:val", "nextPage").close();
        w.open("w:pgSz").attr("w:w", twips(s.page.widthPt)).attr("w:h", twips(s.page.heightPt));
        if (s.page.widthPt > s.page.heightPt) w.attr("w:orient", "landscape");
        w.close();
        w.open("w:pgMar")
            .attr("w:top", twips(s.page.marginTopPt))
            .attr("w:right", twips(s.page.marginRightPt))
            .attr("w:bottom", twips(s.page.marginBottomPt))
            .attr("w:left", twips(s.page.marginLeftPt))
            .attr("w:header", twips(s.page.headerDistancePt))
            .attr("w:footer", twips(s.page.headerDistancePt))  // no footers; mirrors the header
            .attr("w:gutter", 0LL)
            .close();
        // Decree 30: each appendix and attached document numbers its pages from startAt.
        w.open("w:pgNumType").attr("w:fmt", "decimal").attr("w:start", static_cast<long long>(n.startAt)).close();
        if (titlePage) w.leaf("w:titlePg");
        w.close();
        return out;
    }

    // Identical header parts are written once and shared by the sections that use them.
    std::size_t headerPart(std::string bytes) {
        for (std::size_t i = 0; i < headers_.size(); ++i)
            if (headers_[i] == bytes) return i;
        headers_.push_back(std::move(bytes));
        return headers_.size() - 1;
    }

    std::string header(const PageNumbering& n, bool withNumber) {
        std::string out;
        xml::Writer w(out);
        const std::string_view rPr = runProps(n.style);
        w.open("w:hdr").attr("xmlns:w", ns::kW).open("w:p").open("w:pPr");
        w.open("w:spacing").attr("w:before", 0LL).attr("w:after", 0LL).attr("w:line", 240LL).attr("w:lineRule", "auto").close();
        w.open("w:ind").attr("w:left", 0LL).attr("w:right", 0LL).attr("w:firstLine", 0LL).close();
        w.open("w:jc").attr("w:val", jcValue(n.align)).close();
        w.raw(rPr);
        w.close();  // w:pPr
        if (withNumber) {
            // A complex PAGE field (§17.16.5, §17.16.4.1): begin, instruction, separate, a cached
            // result that readers recompute, end.
            w.open("w:r").raw(rPr).open("w:fldChar").attr("w:fldCharType", "begin").close().close();
            w.open("w:r").raw(rPr).open("w:instrText").attr("xml:space", "preserve").text(" PAGE ").close().close();
            w.open("w:r").raw(rPr).open("w:fldChar").attr("w:fldCharType", "separate").close().close();
            w.open("w:r").raw(rPr).open("w:t").text("2").close().close();
            w.open("w:r").raw(rPr).open("w:fldChar").attr("w:fldCharType", "end").close().close();
        }
        w.close().close();
        return out;
    }
    std::string numberHeader(const PageNumbering& n) { return header(n, true); }
    std::string emptyHeader(const PageNumbering& n) { return header(n, false); }

    const Composition& c_;
    std::string out_;
    xml::Writer w_;
    std::deque<std::pair<TextStyle, std::string>> rPrCache_;
    std::vector<std::string> headers_;
};

}  // namespace

std::string headerRelId(std::size_t index) { return "rId" + std::to_string(index + 4); }
std::string headerPartName(std::size_t index) { return "word/header" + std::to_string(index + 1) + ".xml"; }

std::string runProperties(std::string_view fontFamily, const TextStyle& style) {
    std::string out;
    out.reserve(320);
    xml::Writer w(out, false);
    // CT_RPr children in the order Word writes them (the Transitional schema allows any order).
    w.open("w:rPr");
    w.open("w:rFonts")
        .attr("w:ascii", fontFamily)
        .attr("w:hAnsi", fontFamily)
        .attr("w:eastAsia", fontFamily)
        .attr("w:cs", fontFamily)
        .close();
    if (style.bold) w.leaf("w:b").leaf("w:bCs");
    if (style.italic) w.leaf("w:i").leaf("w:iCs");
    w.open("w:color").attr("w:val", kBlack).close();
    const long long hps = halfPoints(style.sizePt);
    w.open("w:sz").attr("w:val", hps).close();
    w.open("w:szCs").attr("w:val", hps).close();
    if (style.underline) w.open("w:u").attr("w:val", "single").close();
    w.open("w:lang").attr("w:val", kLang).attr("w:eastAsia", kLang).attr("w:bidi", kLang).close();
    w.close();
    return out;
}

BodyParts writeBody(const Composition& c) { return BodyWriter(c).run(); }

}  // namespace vanthu::docx
