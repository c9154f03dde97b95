#include "docx/body_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "docx/namespaces.h"
#include "docx/units.h"
#include "xml/writer.h"

namespace vanthu::docx {

using compose::Align;
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

std::size_t estimateBytes(const Composition& c) {
    std::size_t n = 8192;
    auto paragraph = [&n](const Paragraph& p) {
        n += 450;  // w:pPr
        for (const auto& s : p.spans) n += s.text.size() + 320;  // w:r, w:rPr, w:t
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

// Direct paragraph formatting; all of a paragraph's w:pPr but the w:sectPr.
struct ParaProps {
    enum class Border { None, Box, Bottom };
    std::string_view styleId;
    bool keepNext = false;
    bool keepLines = false;
    bool pageBreakBefore = false;
    bool widowControl = true;
    Border border = Border::None;
    long long borderEighths = 0;
    long long boxPadPt = 0;      // Box: border spacing above and below the text
    long long before = 0;        // twips
    long long after = 0;         // twips
    long long line = 240;        // 240ths of a line (auto), or twips (exact)
    bool exactLine = false;
    long long left = 0;          // twips
    long long right = 0;
    long long firstLine = 0;     // negative = hanging
    std::string_view jc = "both";
    long long markHalfPoints = 28;
    bool operator==(const ParaProps&) const = default;
};

struct ParaPropsHash {
    std::size_t operator()(const ParaProps& p) const noexcept {
        std::size_t h = std::hash<std::string_view>{}(p.styleId);
        for (long long v : {p.before, p.after, p.line, p.left, p.right, p.firstLine, p.markHalfPoints, p.borderEighths,
                            p.boxPadPt})
            h = h * 1000003u ^ std::hash<long long>{}(v);
        return h ^ (std::size_t(p.keepNext) | std::size_t(p.keepLines) << 1 | std::size_t(p.pageBreakBefore) << 2 |
                    std::size_t(p.widowControl) << 3 | std::size_t(p.exactLine) << 4 | std::size_t(p.border) << 5);
    }
};

void border(xml::Writer& w, std::string_view side, long long eighths, long long spacePt) {
    w.open(side).attr("w:val", "single").attr("w:sz", eighths).attr("w:space", spacePt).attr("w:color", kBlack).close();
}

// CT_PPrBase children in schema order (§17.3.1.26): pStyle, keepNext, keepLines, pageBreakBefore,
// widowControl, pBdr, spacing, ind, jc; then the paragraph mark's run properties (CT_PPr rPr).
// The mark carries only its size: its fonts and language come from docDefaults, and its size sets
// the height of an empty paragraph.
std::string paraPropsXml(const ParaProps& p) {
    std::string out;
    out.reserve(400);
    xml::Writer w(out, false);
    w.open("w:pStyle").attr("w:val", p.styleId).close();
    if (p.keepNext) w.leaf("w:keepNext");
    if (p.keepLines) w.leaf("w:keepLines");
    if (p.pageBreakBefore) w.leaf("w:pageBreakBefore");
    if (p.widowControl)
        w.leaf("w:widowControl");
    else
        w.open("w:widowControl").attr("w:val", "0").close();
    if (p.border == ParaProps::Border::Box) {
        w.open("w:pBdr");
        border(w, "w:top", p.borderEighths, p.boxPadPt);
        border(w, "w:left", p.borderEighths, 0);
        border(w, "w:bottom", p.borderEighths, p.boxPadPt);
        border(w, "w:right", p.borderEighths, 0);
        w.close();
    } else if (p.border == ParaProps::Border::Bottom) {
        w.open("w:pBdr");
        border(w, "w:bottom", p.borderEighths, 0);
        w.close();
    }
    w.open("w:spacing")
        .attr("w:before", p.before)
        .attr("w:after", p.after)
        .attr("w:line", p.line)
        .attr("w:lineRule", p.exactLine ? "exact" : "auto")
        .close();
    w.open("w:ind").attr("w:left", p.left).attr("w:right", p.right);
    if (p.firstLine < 0)
        w.attr("w:hanging", -p.firstLine);
    else
        w.attr("w:firstLine", p.firstLine);
    w.close();
    w.open("w:jc").attr("w:val", p.jc).close();
    w.open("w:rPr");
    w.open("w:sz").attr("w:val", p.markHalfPoints).close();
    w.open("w:szCs").attr("w:val", p.markHalfPoints).close();
    w.close();
    return out;
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
            }
        }
        // A section ends with a paragraph: it carries the w:sectPr of all but the last section, and
        // Word would add a full-height one after a final table (and could spill onto a new page).
        if (s.blocks.empty() || previousWasTable) filler("Spacer", carried);
        if (last) w_.raw(props);
    }

    void paragraph(const Paragraph& p, long long columnTw, bool keepNext, std::string_view sectPrXml) {
        const ParagraphFormat& f = p.format;
        const bool hasRule = p.ruleBelow && p.ruleBelow->lengthPt > 0;

        ParaProps pp;
        pp.styleId = compose::roleStyleId(p.role);
        pp.keepNext = keepNext || f.keepWithNext || hasRule;  // the text stays with its rule
        pp.keepLines = f.keepLinesTogether;
        pp.pageBreakBefore = f.pageBreakBefore;
        pp.widowControl = f.widowControl;
        pp.before = twips(f.spaceBeforePt);
        pp.after = hasRule ? 0 : twips(f.spaceAfterPt);  // with a rule, the space goes below it
        pp.line = std::llround(f.lineSpacing * 240);      // lineRule auto: 240ths of a line
        pp.left = twips(f.leftIndentPt);
        pp.right = twips(f.rightIndentPt);
        pp.firstLine = twips(f.firstLineIndentPt);
        pp.jc = jcValue(f.align);
        pp.markHalfPoints = halfPoints(p.spans.empty() ? TextStyle{}.sizePt : p.spans.back().style.sizePt);
        if (p.frame) {
            if (p.frame->widthPt > 0) std::tie(pp.left, pp.right) = centredBox(columnTw, f, twips(p.frame->widthPt));
            // Paragraph borders have no height: compose padded the text to the frame's height.
            pp.border = ParaProps::Border::Box;
            pp.borderEighths = borderEighths(p.frame->borderPt);
            pp.boxPadPt = borderSpacePt(p.frame->paddingPt);
        }

        w_.open("w:p").open("w:pPr").raw(paraProps(pp));
        if (!hasRule) w_.raw(sectPrXml);
        w_.close();
        runs(p);
        w_.close();

        if (hasRule) rule(p, columnTw, keepNext || f.keepWithNext, sectPrXml);
    }

    // The rule under `owner`: an empty paragraph whose bottom border is exactly lengthPt wide,
    // centred in the owner's text column. Its exact line height is the gap between the owner's
    // last line and the rule (§17.3.1.33 w:spacing lineRule="exact"); w:space="0" puts the border
    // right under that line (§17.3.4).
    void rule(const Paragraph& owner, long long columnTw, bool keepNext, std::string_view sectPrXml) {
        const compose::Rule& r = *owner.ruleBelow;
        ParaProps pp = fillerProps(compose::roleStyleId(owner.role));
        pp.keepNext = keepNext;
        pp.border = ParaProps::Border::Bottom;
        pp.borderEighths = borderEighths(r.thicknessPt);
        pp.after = twips(owner.format.spaceAfterPt);
        pp.line = std::max(twips(c_.fillerPt), twips(r.gapPt));
        std::tie(pp.left, pp.right) = centredBox(columnTw, owner.format, twips(r.lengthPt));
        pp.jc = "center";
        w_.open("w:p").open("w:pPr").raw(paraProps(pp)).raw(sectPrXml).close().close();
    }

    // A 1 pt empty paragraph: separates adjacent tables, ends a section that ends with a table, or
    // fills an empty table cell (every w:tc needs a paragraph, §17.4.66).
    void filler(std::string_view styleId, std::string_view sectPrXml) {
        w_.open("w:p").open("w:pPr").raw(paraProps(fillerProps(styleId))).raw(sectPrXml).close().close();
    }

    ParaProps fillerProps(std::string_view styleId) const {
        ParaProps pp;
        pp.styleId = styleId;
        pp.widowControl = false;
        pp.line = twips(c_.fillerPt);
        pp.exactLine = true;
        pp.jc = "left";
        pp.markHalfPoints = halfPoints(c_.fillerPt);
        return pp;
    }

    // The content of a w:pPr before any w:sectPr. Paragraphs repeat a few formats many times, so
    // each distinct one is built once (the map is only looked up, never iterated: output order
    // does not depend on it).
    std::string_view paraProps(const ParaProps& pp) {
        auto [it, inserted] = pPrCache_.try_emplace(pp);
        if (inserted) it->second = paraPropsXml(pp);
        return it->second;
    }

    // One w:r per stretch of spans with the same style (the split is the Composition's business,
    // not the reader's: "Điều 1. " + title in bold is one run). Line breaks and tabs become w:br
    // and w:tab (§17.3.3.1, §17.3.3.32). Every w:t has xml:space="preserve": without it readers may
    // drop leading and trailing spaces or collapse runs of them (§17.3.3.31), and scanning for
    // those costs more than the attribute.
    void runs(const Paragraph& p) {
        const auto& spans = p.spans;
        for (std::size_t i = 0; i < spans.size();) {
            std::size_t end = i + 1;
            while (end < spans.size() && spans[end].style == spans[i].style) ++end;
            bool any = false;
            for (std::size_t k = i; k < end && !any; ++k) any = !spans[k].text.empty();
            if (any) {
                w_.open("w:r").raw(runProps(spans[i].style));
                bool textOpen = false;
                for (std::size_t k = i; k < end; ++k) runText(spans[k].text, textOpen);
                if (textOpen) w_.close();
                w_.close();
            }
            i = end;
        }
    }

    void runText(std::string_view rest, bool& textOpen) {
        while (!rest.empty()) {
            // memchr, not find_first_of: libstdc++'s find_first_of costs a memchr per byte.
            const void* nl = std::memchr(rest.data(), '\n', rest.size());
            const void* tab = std::memchr(rest.data(), '\t', rest.size());
            const char* cut = static_cast<const char*>(!nl ? tab : !tab ? nl : std::min(nl, tab));
            const std::size_t n = cut ? static_cast<std::size_t>(cut - rest.data()) : rest.size();
            if (n > 0) {
                if (!textOpen) w_.open("w:t").attr("xml:space", "preserve");
                textOpen = true;
                w_.text(rest.substr(0, n));
            }
            if (!cut) return;
            if (textOpen) w_.close();
            textOpen = false;
            w_.leaf(*cut == '\n' ? "w:br" : "w:tab");
            rest.remove_prefix(n + 1);
        }
    }

    void table(const Table& t) {
        const auto cols = columnTwips(t.columnWidthsPt);
        long long total = 0;
        for (long long c : cols) total += c;
        const bool layoutTable = t.kind != Table::Kind::Body;
        const long long margin = twips(t.cellPaddingPt);

        w_.open("w:tbl").open("w:tblPr");  // CT_TblPr sequence order (§17.4.60)
        w_.open("w:tblW").attr("w:w", total).attr("w:type", "dxa").close();
        w_.open("w:tblInd").attr("w:w", 0LL).attr("w:type", "dxa").close();
        w_.open("w:tblBorders");  // always explicit: no inheritance from a table style
        for (std::string_view side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
            if (t.borders)
                border(w_, side, borderEighths(0.5), 0);
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
        const std::size_t defaultHeader = headerPart(n.enabled ? numberHeader(n) : emptyHeader(n));
        const std::size_t firstHeader = titlePage ? headerPart(emptyHeader(n)) : 0;

        std::string out;
        xml::Writer w(out, false);
        w.open("w:sectPr");
        // A section without a reference of a type inherits the previous section's header of that
        // type (§17.10.5; Word: MS-OI29500 §2.1.293), which is what Word writes for "Link to
        // Previous". So reference a header only where it changes, and always in the first section.
        if (defaultHeader != inEffectDefault_) {
            w.open("w:headerReference").attr("w:type", "default").attr("r:id", headerRelId(defaultHeader)).close();
            inEffectDefault_ = defaultHeader;
        }
        if (titlePage && firstHeader != inEffectFirst_) {
            w.open("w:headerReference").attr("w:type", "first").attr("r:id", headerRelId(firstHeader)).close();
            inEffectFirst_ = firstHeader;
        }
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
    std::unordered_map<ParaProps, std::string, ParaPropsHash> pPrCache_;
    std::vector<std::string> headers_;
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t inEffectDefault_ = kNone;  // header parts the next section inherits
    std::size_t inEffectFirst_ = kNone;
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
