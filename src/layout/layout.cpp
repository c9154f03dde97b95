// Over 600 lines, one job: Composition → pages (paragraph and table placement, pagination,
// keep rules). Line breaking is already in line_breaker.cpp; tables are the next piece to move.
#include "layout/layout.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>

#include "layout/line_breaker.h"
#include "text/line_break.h"

namespace vanthu::layout {

using compose::Align;
using compose::Composition;
using compose::Paragraph;
using compose::Section;
using compose::Table;
using Clock = std::chrono::steady_clock;

namespace {

// LibreOffice lays out in twips; the DOCX rounds every length to twips. Heights are summed in
// twips here too, so page breaks fall where LibreOffice puts them.
long long tw(double pt) { return std::llround(pt * 20.0); }
double fromTw(long long t) { return static_cast<double>(t) / 20.0; }
long long floorHalf(long long v) { return v >= 0 ? v / 2 : -((-v + 1) / 2); }

constexpr double kTableBorderPt = 0.5;

struct Glyph {
    std::uint16_t gid = 0;
    bool space = false;
    std::uint16_t span = 0;
    float advance = 0;  // pt
    float xOffset = 0;  // pt
    float yOffset = 0;  // pt, up
    std::uint32_t cluster = 0;  // byte offset into the paragraph text
};

struct MLine {
    std::size_t g0 = 0, gVisible = 0, g1 = 0;  // glyphs; [gVisible, g1) are trailing spaces
    double natural = 0;                         // visible width
    int spaces = 0;                             // inner spaces (justification)
    long long heightTw = 0, ascentTw = 0;
    long long extraTw = 0;  // what proportional spacing adds below the text
    bool last = false;
};

// A paragraph measured for a column: its lines and its vertical extent, not yet placed.
struct MPara {
    const Paragraph* p = nullptr;
    std::string text;
    std::vector<Glyph> glyphs;
    std::vector<MLine> lines;
    double columnPt = 0;
    long long beforeTw = 0, afterTw = 0;
    long long padTw = 0;   // frame: border + spacing above and below the text
    long long ruleTw = 0;  // the rule paragraph under the text (0: none)
    bool body = false;
    std::size_t serial = 0;  // running number of the paragraph (LineInfo::paragraph)

    long long linesTw(std::size_t from, std::size_t to) const {
        long long h = 0;
        for (std::size_t i = from; i < to; ++i) h += lines[i].heightTw;
        return h;
    }
    // Text, frame and rule: what must stay on one page when the paragraph does not split.
    long long contentTw() const { return linesTw(0, lines.size()) + 2 * padTw + ruleTw; }
};

struct MRow {
    std::vector<std::vector<MPara>> cells;
    long long heightTw = 0;
};

struct MTable {
    const Table* t = nullptr;
    std::vector<MRow> rows;
    long long totalTw() const {
        long long h = 0;
        for (const auto& r : rows) h += r.heightTw;
        return h;
    }
};

// A block of a section, measured, plus the 1 pt paragraphs the DOCX writer inserts (between
// adjacent tables, after a final table, in an empty section): they take space in LibreOffice.
struct MBlock {
    std::variant<MPara, MTable, long long> v;  // long long: a filler of that many twips
};

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// LibreOffice breaks after the hyphen of "2018-2022" (UAX #14 keeps HY × NU together; its own
// rules do not), and we must break where it does. Not inside a token with '/', which is a
// document number or a date the text module keeps whole (01/2018/QĐ-UBND, V/v).
std::vector<std::size_t> withNumericHyphens(std::string_view t, std::vector<std::size_t> opps) {
    std::vector<std::size_t> extra;
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        if (t[i] != '-' || !isDigit(t[i - 1]) || !isDigit(t[i + 1])) continue;
        std::size_t a = i, b = i;
        while (a > 0 && t[a - 1] != ' ') --a;
        while (b < t.size() && t[b] != ' ') ++b;
        if (t.substr(a, b - a).find('/') == std::string_view::npos) extra.push_back(i + 1);
    }
    if (extra.empty()) return opps;
    std::vector<std::size_t> merged;
    merged.reserve(opps.size() + extra.size());
    std::merge(opps.begin(), opps.end(), extra.begin(), extra.end(), std::back_inserter(merged));
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    return merged;
}

class Engine {
public:
    Engine(const Composition& c, const Fonts& f, LayoutStats* stats)
        : c_(c), fonts_(f), stats_(stats), upem_(f.unitsPerEm()) {}

    LaidOut run() {
        const auto t0 = Clock::now();
        for (std::size_t s = 0; s < c_.sections.size(); ++s) section(c_.sections[s], s);
        if (c_.sections.empty()) {
            const Section empty;
            section(empty, 0);
        }
        if (stats_) {
            stats_->totalSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
            for (const auto& p : out_.pages)
                for (const auto& r : p.runs) stats_->glyphs += r.glyphs.size();
        }
        return std::move(out_);
    }

private:
    // ---- measuring ----

    long long lineTw(double sizePt) const { return tw(fonts_.metrics().lineHeightPt(sizePt)); }
    long long ascentTw(double sizePt) const { return tw(fonts_.metrics().ascenderPt(sizePt)); }

    const std::vector<ShapedGlyph>& shaped(font::Style st, std::string_view word) {
        auto& cache = cache_[static_cast<std::size_t>(st)];
        auto it = cache.find(word);
        if (it != cache.end()) return it->second;
        std::vector<ShapedGlyph> g;
        const auto t0 = stats_ ? Clock::now() : Clock::time_point{};
        fonts_.shape(st, word, g);
        if (stats_) {
            stats_->shapeSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
            ++stats_->shapedWords;
        }
        return cache.emplace(std::string(word), std::move(g)).first->second;
    }

    void shapeParagraph(MPara& m) {
        const Paragraph& p = *m.p;
        std::size_t total = 0;
        for (const auto& s : p.spans) total += s.text.size();
        m.text.reserve(total);
        m.glyphs.reserve(total);
        for (std::size_t si = 0; si < p.spans.size(); ++si) {
            const auto& span = p.spans[si];
            const font::Style st = font::styleOf(span.style.bold, span.style.italic);
            const double scale = span.style.sizePt / upem_;
            const std::uint32_t base = static_cast<std::uint32_t>(m.text.size());
            m.text += span.text;
            const std::string_view t = span.text;
            for (std::size_t i = 0; i < t.size();) {
                if (t[i] == ' ') {
                    Glyph g;
                    g.gid = fonts_.glyphOf(st, U' ');
                    g.space = true;
                    g.span = static_cast<std::uint16_t>(si);
                    g.advance = static_cast<float>(fonts_.advanceOf(st, g.gid) * scale);
                    g.cluster = base + static_cast<std::uint32_t>(i);
                    m.glyphs.push_back(g);
                    ++i;
                    continue;
                }
                std::size_t j = i;
                while (j < t.size() && t[j] != ' ') ++j;
                for (const ShapedGlyph& sg : shaped(st, t.substr(i, j - i))) {
                    Glyph g;
                    g.gid = sg.gid;
                    g.span = static_cast<std::uint16_t>(si);
                    g.advance = static_cast<float>(sg.advance * scale);
                    g.xOffset = static_cast<float>(sg.xOffset * scale);
                    g.yOffset = static_cast<float>(sg.yOffset * scale);
                    g.cluster = base + static_cast<std::uint32_t>(i) + sg.cluster;
                    m.glyphs.push_back(g);
                }
                i = j;
            }
        }
    }

    double markSize(const Paragraph& p) const {
        return p.spans.empty() ? compose::TextStyle{}.sizePt : p.spans.back().style.sizePt;
    }

    // Widths of the first and later lines once indents and a centred frame are taken off.
    struct LineWidths {
        double first = 0, rest = 0;
    };

    LineWidths lineWidths(MPara& m, const Paragraph& p, double columnPt) const {
        const auto& f = p.format;
        const double left = fromTw(tw(f.leftIndentPt)), right = fromTw(tw(f.rightIndentPt));
        double colLeft = left, colRight = right;
        if (p.frame && p.frame->widthPt > 0) {
            const long long col = tw(columnPt), lt = tw(f.leftIndentPt), rt = tw(f.rightIndentPt);
            const long long l = lt + floorHalf(col - lt - rt - tw(p.frame->widthPt));
            colLeft = fromTw(l);
            colRight = fromTw(col - l - tw(p.frame->widthPt));
        }
        if (p.frame) {
            // compose's padding, rounded as the DOCX's w:space (whole points, 0–31), plus the line.
            const long long space = std::clamp<long long>(std::llround(p.frame->paddingPt), 0, 31);
            m.padTw = space * 20 + tw(p.frame->borderPt);
        }
        const double width = columnPt - colLeft - colRight;
        return {width - fromTw(tw(f.firstLineIndentPt)), width};
    }

    // A run of glyphs between two break opportunities: [g0, gVisible) prints, [gVisible, g1) is
    // trailing space.
    struct Seg {
        std::size_t g0, gVisible, g1;
    };

    // Segments between break opportunities, over glyph ranges, with their widths for firstFit.
    void segments(const MPara& m, LineWidths lw, std::vector<Seg>& segs, std::vector<Segment>& widths) const {
        const double width = lw.rest, limit = std::min(lw.rest, lw.first);
        // A paragraph that fits its first line needs no break opportunities (ICU and the
        // document-number patterns are the dearest part of breaking).
        double all = 0;
        std::size_t visibleEnd = m.glyphs.size();
        while (visibleEnd > 0 && m.glyphs[visibleEnd - 1].space) --visibleEnd;
        for (std::size_t k = 0; k < visibleEnd; ++k) all += m.glyphs[k].advance;
        const bool oneLine = all <= limit + 0.01;
        std::vector<std::size_t> opps;
        if (!oneLine && !plainBreakOpportunities(m.text, opps))
            opps = withNumericHyphens(m.text, text::breakOpportunities(m.text));
        std::size_t g = 0, oi = 0;
        const std::size_t n = m.glyphs.size();
        while (g < n) {
            const std::size_t endByte = oi < opps.size() ? opps[oi++] : m.text.size();
            const std::size_t g0 = g;
            while (g < n && m.glyphs[g].cluster < endByte) ++g;
            if (g == g0) continue;
            std::size_t vis = g;
            double trailing = 0;
            while (vis > g0 && m.glyphs[vis - 1].space) trailing += m.glyphs[--vis].advance;
            double w = 0;
            for (std::size_t k = g0; k < vis; ++k) w += m.glyphs[k].advance;
            if (w > limit && vis - g0 > 1) {
                // A word longer than the line: cut it between clusters, as many as fit a line.
                std::size_t start = g0;
                double acc = 0;
                for (std::size_t k = g0; k < vis; ++k) {
                    const bool clusterStart = k == g0 || m.glyphs[k].cluster != m.glyphs[k - 1].cluster;
                    if (clusterStart && k > start && acc + m.glyphs[k].advance > width) {
                        segs.push_back({start, k, k});
                        widths.push_back({acc, 0});
                        start = k;
                        acc = 0;
                    }
                    acc += m.glyphs[k].advance;
                }
                segs.push_back({start, vis, g});
                widths.push_back({acc, trailing});
            } else {
                segs.push_back({g0, vis, g});
                widths.push_back({w, trailing});
            }
        }
    }

    // Each line's height from the largest size on it and the paragraph's line spacing.
    void lineHeights(MPara& m, const Paragraph& p) const {
        const long long pct = std::llround(p.format.lineSpacing * 240) * 100 / 240;
        for (auto& l : m.lines) {
            double size = 0;
            for (std::size_t k = l.g0; k < l.g1; ++k) size = std::max(size, p.spans[m.glyphs[k].span].style.sizePt);
            if (size <= 0) size = markSize(p);
            l.heightTw = std::max<long long>(1, lineTw(size) * pct / 100);
            l.ascentTw = ascentTw(size);
            l.extraTw = std::max<long long>(0, l.heightTw - lineTw(size));
        }
    }

    MPara measureParagraph(const Paragraph& p, double columnPt, bool body) {
        MPara m;
        m.p = &p;
        m.columnPt = columnPt;
        m.body = body;
        m.serial = serial_++;
        const auto& f = p.format;
        const bool hasRule = p.ruleBelow && p.ruleBelow->lengthPt > 0;
        m.beforeTw = tw(f.spaceBeforePt);
        m.afterTw = tw(f.spaceAfterPt);
        if (hasRule) m.ruleTw = std::max(tw(c_.fillerPt), tw(p.ruleBelow->gapPt)) + tw(p.ruleBelow->thicknessPt);

        shapeParagraph(m);
        const auto t0 = stats_ ? Clock::now() : Clock::time_point{};
        const LineWidths lw = lineWidths(m, p, columnPt);
        std::vector<Seg> segs;
        std::vector<Segment> widths;
        segments(m, lw, segs, widths);
        const auto starts = firstFit(widths, lw.first, lw.rest);
        for (std::size_t li = 0; li < starts.size(); ++li) {
            const std::size_t s0 = starts[li], s1 = li + 1 < starts.size() ? starts[li + 1] : segs.size();
            MLine l;
            l.g0 = segs[s0].g0;
            l.gVisible = segs[s1 - 1].gVisible;
            l.g1 = segs[s1 - 1].g1;
            for (std::size_t k = l.g0; k < l.gVisible; ++k) {
                l.natural += m.glyphs[k].advance;
                if (m.glyphs[k].space) ++l.spaces;
            }
            m.lines.push_back(l);
        }
        if (m.lines.empty()) m.lines.push_back(MLine{});  // an empty paragraph still has a line
        m.lines.back().last = true;
        lineHeights(m, p);
        if (stats_) stats_->breakSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
        return m;
    }

    MTable measureTable(const Table& t) {
        MTable m;
        m.t = &t;
        const double pad = fromTw(tw(t.cellPaddingPt));
        const long long border = t.borders ? tw(kTableBorderPt) : 0;
        for (const auto& row : t.rows) {
            MRow r;
            long long h = 0;
            for (std::size_t c = 0; c < t.columnWidthsPt.size(); ++c) {
                std::vector<MPara> cell;
                long long ch = 0, pending = 0;
                if (c < row.size())
                    for (const auto& p : row[c].paragraphs) {
                        cell.push_back(measureParagraph(p, t.columnWidthsPt[c] - 2 * pad, t.kind == Table::Kind::Body));
                        const auto& mp = cell.back();
                        ch += std::max(pending, mp.beforeTw) + mp.contentTw();
                        pending = mp.afterTw;
                    }
                ch += pending;
                if (cell.empty()) ch = tw(c_.fillerPt);
                h = std::max(h, ch);
                r.cells.push_back(std::move(cell));
            }
            r.heightTw = h + border;
            m.rows.push_back(std::move(r));
        }
        return m;
    }

    // ---- placing ----

    struct Cursor {
        std::size_t page = 0;
        long long y = 0;  // twips from the page top
        bool atTop = true;
        bool softTop = false;  // at the top of a page that a natural page break began
    };

    Page& page() { return out_.pages[cur_.page]; }
    void flushAfter() {
        cur_.y += pendingAfterTw_;
        pendingAfterTw_ = 0;
    }

    void newPage(const Section& s, std::size_t sectionIndex, bool first) {
        Page p;
        p.widthPt = s.page.widthPt;
        p.heightPt = s.page.heightPt;
        p.section = sectionIndex;
        const int k = first ? 1 : out_.pages.back().number - s.numbering.startAt + 2;
        p.number = s.numbering.startAt + k - 1;
        p.numberShown = s.numbering.enabled && (k > 1 || s.numbering.onFirstPage);
        out_.pages.push_back(std::move(p));
        cur_.page = out_.pages.size() - 1;
        cur_.y = topTw_;
        cur_.atTop = true;
        cur_.softTop = !first;
        pendingAfterTw_ = 0;
        if (out_.pages.back().numberShown) pageNumber(s);
    }

    void pageNumber(const Section& s) {
        Paragraph p;
        p.format.align = s.numbering.align;
        p.format.spaceBeforePt = p.format.spaceAfterPt = 0;
        p.format.lineSpacing = 1.0;
        p.spans.push_back({std::to_string(page().number), s.numbering.style});
        MPara m = measureParagraph(p, s.page.textWidthPt(), false);
        m.p = nullptr;  // p dies here; emitLine reads only what it copied
        emitLineOf(m, p, 0, s.page.marginLeftPt, tw(s.page.headerDistancePt));
    }

    // Height the start of block i needs on the current page: the heading and what it keeps
    // with, the first lines a widow/orphan rule wants together, a table's header and first row.
    long long startNeedTw(const std::vector<MBlock>& blocks, std::size_t i, int depth = 0) const {
        if (i >= blocks.size() || depth > 32) return 0;
        if (const auto* m = std::get_if<MPara>(&blocks[i].v)) {
            const auto& f = m->p->format;
            const std::size_t n = m->lines.size();
            long long need;
            if (f.keepWithNext) return m->beforeTw + m->contentTw() + m->afterTw + startNeedTw(blocks, i + 1, depth + 1);
            std::size_t lines = n;
            if (f.keepLinesTogether || n <= 1 || (f.widowControl && n <= 3))
                need = m->contentTw();
            else
                need = m->padTw + m->linesTw(0, lines = f.widowControl ? 2 : 1);
            // The last line fits when its text does: the extra of proportional spacing below it
            // may run into the bottom margin, as in LibreOffice.
            if (lines == n && (m->padTw || m->ruleTw)) return m->beforeTw + need;
            return m->beforeTw + need - m->lines[lines - 1].extraTw;
        }
        if (const auto* t = std::get_if<MTable>(&blocks[i].v)) {
            if (t->t->keepTogether) return t->totalTw();
            long long h = 0;
            for (std::size_t r = 0; r < t->rows.size() && r <= static_cast<std::size_t>(std::max(0, t->t->headerRows)); ++r)
                h += t->rows[r].heightTw;
            return h;
        }
        return std::get<long long>(blocks[i].v);
    }

    void section(const Section& s, std::size_t index) {
        topTw_ = tw(s.page.marginTopPt);
        bottomTw_ = tw(s.page.heightPt) - tw(s.page.marginBottomPt);
        leftPt_ = s.page.marginLeftPt;
        const double width = s.page.textWidthPt();

        std::vector<MBlock> blocks;
        blocks.reserve(s.blocks.size() + 1);
        bool previousTable = false;
        for (const auto& b : s.blocks) {
            if (const auto* p = std::get_if<Paragraph>(&b)) {
                blocks.push_back({measureParagraph(*p, width, true)});
                previousTable = false;
            } else {
                if (previousTable) blocks.push_back({tw(c_.fillerPt)});
                blocks.push_back({measureTable(std::get<Table>(b))});
                previousTable = true;
            }
        }
        if (s.blocks.empty() || previousTable) blocks.push_back({tw(c_.fillerPt)});

        newPage(s, index, true);
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            // The space after the previous paragraph comes first (for a paragraph, only what
            // exceeds its own space before, which startNeedTw counts).
            long long lead = pendingAfterTw_;
            if (const auto* m = std::get_if<MPara>(&blocks[i].v)) lead = std::max(lead, m->beforeTw) - m->beforeTw;
            const long long need = startNeedTw(blocks, i);
            if (!cur_.atTop && cur_.y + lead + need > bottomTw_) newPage(s, index, false);
            if (auto* m = std::get_if<MPara>(&blocks[i].v)) {
                if (m->p->format.pageBreakBefore && !cur_.atTop) {
                    newPage(s, index, false);
                    cur_.softTop = false;  // a hard break keeps the space before
                }
                placeParagraph(*m, s, index, leftPt_);
            } else if (auto* t = std::get_if<MTable>(&blocks[i].v)) {
                placeTable(*t, s, index);
            } else {
                flushAfter();
                const long long h = std::get<long long>(blocks[i].v);
                if (!cur_.atTop && cur_.y + h > bottomTw_) newPage(s, index, false);
                cur_.y += h;
                cur_.atTop = cur_.softTop = false;
            }
        }
    }

    // Places a paragraph of the body flow, splitting it over pages by the widow/orphan rules.
    void placeParagraph(const MPara& m, const Section& s, std::size_t index, double x) {
        const auto& f = m.p->format;
        // Between two paragraphs LibreOffice uses the larger of the first's space after and the
        // second's space before (measured on our DOCX), not their sum.
        // At the top of a page reached by a natural break LibreOffice drops the space before
        // (measured: the first lines of continued pages sit at the top margin).
        cur_.y += cur_.softTop ? 0 : std::max(pendingAfterTw_, m.beforeTw);
        pendingAfterTw_ = 0;
        const std::size_t n = m.lines.size();
        std::size_t i = 0;
        long long frameTop = cur_.y;
        cur_.y += m.padTw;
        while (i < n) {
            // How many of the remaining lines fit here (the last one with its frame and rule).
            std::size_t fit = 0;
            long long y = cur_.y;
            while (i + fit < n) {
                long long h = m.lines[i + fit].heightTw;
                const bool last = i + fit + 1 == n;
                if (last) h += m.padTw + m.ruleTw;
                const long long hang = last && (m.padTw || m.ruleTw) ? 0 : m.lines[i + fit].extraTw;
                if (y + h - hang > bottomTw_) break;
                y += h;
                ++fit;
            }
            std::size_t take = fit;
            if (take < n - i) {
                if (f.keepLinesTogether && i == 0) take = 0;
                if (f.widowControl) {
                    if (n - i - take == 1 && take >= 2) --take;  // no widow on the next page
                    if (i == 0 && take == 1 && n > 1) take = 0;  // no orphan at the bottom
                }
                if (take == 0 && cur_.atTop) take = std::max<std::size_t>(1, fit);  // taller than a page
            }
            for (std::size_t k = 0; k < take; ++k, ++i) {
                emitLine(m, i, x, cur_.y);
                cur_.y += m.lines[i].heightTw;
                cur_.atTop = cur_.softTop = false;
            }
            if (i < n) {
                if (m.p->frame) frameBox(m, x, frameTop, cur_.y);
                newPage(s, index, false);
                frameTop = cur_.y;
            }
        }
        cur_.y += m.padTw;
        if (m.p->frame) frameBox(m, x, frameTop, cur_.y);
        if (m.ruleTw > 0) rule(m, x);
        pendingAfterTw_ = m.afterTw;
        cur_.atTop = cur_.softTop = false;
    }

    void placeTable(const MTable& t, const Section& s, std::size_t index) {
        flushAfter();
        const std::size_t headers = static_cast<std::size_t>(std::clamp(t.t->headerRows, 0, static_cast<int>(t.rows.size())));
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            if (!cur_.atTop && cur_.y + t.rows[r].heightTw > bottomTw_ && !t.t->keepTogether) {
                newPage(s, index, false);
                if (r >= headers)
                    for (std::size_t h = 0; h < headers; ++h) placeRow(t, h);
            }
            placeRow(t, r);
        }
    }

    void placeRow(const MTable& t, std::size_t r) {
        const MRow& row = t.rows[r];
        const Table& tb = *t.t;
        const double pad = fromTw(tw(tb.cellPaddingPt));
        const long long top = cur_.y;
        double x = leftPt_;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            long long y = top + (tb.borders ? tw(kTableBorderPt) : 0);
            long long pending = 0;
            for (const MPara& m : row.cells[c]) {
                y += std::max(pending, m.beforeTw);
                const long long frameTop = y;
                y += m.padTw;
                for (std::size_t i = 0; i < m.lines.size(); ++i) {
                    emitLine(m, i, x + pad, y);
                    y += m.lines[i].heightTw;
                }
                y += m.padTw;
                if (m.p->frame) frameBox(m, x + pad, frameTop, y);
                if (m.ruleTw > 0) {
                    const long long saved = cur_.y;
                    cur_.y = y;
                    rule(m, x + pad);
                    cur_.y = saved;
                }
                y += m.ruleTw;
                pending = m.afterTw;
            }
            x += tb.columnWidthsPt[c];
        }
        const long long bottom = top + row.heightTw;
        if (tb.borders) {
            const double w = kTableBorderPt;
            double right = leftPt_;
            for (double cw : tb.columnWidthsPt) right += cw;
            auto& st = page().strokes;
            st.push_back({leftPt_, fromTw(top), right, fromTw(top), w});
            st.push_back({leftPt_, fromTw(bottom), right, fromTw(bottom), w});
            double cx = leftPt_;
            st.push_back({cx, fromTw(top), cx, fromTw(bottom), w});
            for (double cw : tb.columnWidthsPt) {
                cx += cw;
                st.push_back({cx, fromTw(top), cx, fromTw(bottom), w});
            }
        }
        cur_.y = bottom;
        cur_.atTop = cur_.softTop = false;
    }

    // The rule paragraph under m's last line (docx/body_writer.cpp: an exact-height empty
    // paragraph with a bottom border, centred on the paragraph's column).
    void rule(const MPara& m, double x) {
        const auto& r = *m.p->ruleBelow;
        const auto& f = m.p->format;
        const long long col = tw(m.columnPt), lt = tw(f.leftIndentPt), rt = tw(f.rightIndentPt);
        const long long l = lt + floorHalf(col - lt - rt - tw(r.lengthPt));
        const double y = fromTw(cur_.y + m.ruleTw - tw(r.thicknessPt)) + r.thicknessPt / 2;
        const double x0 = x + fromTw(l);
        page().strokes.push_back({x0, y, x0 + fromTw(tw(r.lengthPt)), y, r.thicknessPt});
        cur_.y += m.ruleTw;
    }

    void frameBox(const MPara& m, double x, long long top, long long bottom) {
        const auto& f = m.p->format;
        const long long col = tw(m.columnPt), lt = tw(f.leftIndentPt), rt = tw(f.rightIndentPt);
        long long l = lt, r = col - rt;
        if (m.p->frame->widthPt > 0) {
            l = lt + floorHalf(col - lt - rt - tw(m.p->frame->widthPt));
            r = l + tw(m.p->frame->widthPt);
        }
        const double border = m.p->frame->borderPt;
        const double h = border / 2;
        const double x0 = x + fromTw(l), x1 = x + fromTw(r), y0 = fromTw(top) + h, y1 = fromTw(bottom) - h;
        auto& st = page().strokes;
        st.push_back({x0, y0, x1, y0, border});
        st.push_back({x0, y1, x1, y1, border});
        st.push_back({x0, y0 - h, x0, y1 + h, border});
        st.push_back({x1, y0 - h, x1, y1 + h, border});
    }

    void emitLine(const MPara& m, std::size_t li, double x, long long topTw) { emitLineOf(m, *m.p, li, x, topTw); }

    // Turns line li of m, whose top is at topTw, into glyph runs on the current page.
    void emitLineOf(const MPara& m, const Paragraph& p, std::size_t li, double x, long long topTw) {
        const MLine& l = m.lines[li];
        const auto& f = p.format;
        double left = fromTw(tw(f.leftIndentPt)), right = fromTw(tw(f.rightIndentPt));
        if (p.frame && p.frame->widthPt > 0) {
            const long long col = tw(m.columnPt), lt = tw(f.leftIndentPt), rt = tw(f.rightIndentPt);
            const long long lb = lt + floorHalf(col - lt - rt - tw(p.frame->widthPt));
            left = fromTw(lb);
            right = fromTw(col - lb - tw(p.frame->widthPt));
        }
        const double indent = li == 0 ? fromTw(tw(f.firstLineIndentPt)) : 0;
        const double avail = m.columnPt - left - right - indent;
        double pen = x + left + indent;
        double extra = 0;
        switch (f.align) {
            case Align::Left: break;
            case Align::Center: pen += (avail - l.natural) / 2; break;
            case Align::Right: pen += avail - l.natural; break;
            case Align::Justify:
                if (!l.last && l.spaces > 0 && avail > l.natural) extra = (avail - l.natural) / l.spaces;
                break;
        }
        Page& pg = page();
        LineInfo info;
        info.runBegin = pg.runs.size();
        info.top = fromTw(topTw);
        info.bottom = fromTw(topTw + l.heightTw);
        info.body = m.body;
        info.paragraph = m.serial;
        const double baseline = fromTw(topTw + l.ascentTw);
        GlyphRun* run = nullptr;
        std::uint16_t runSpan = 0xFFFF;
        for (std::size_t k = l.g0; k < l.gVisible; ++k) {
            const Glyph& g = m.glyphs[k];
            const auto& style = p.spans[g.span].style;
            if (!run || g.span != runSpan) {
                const font::Style st = font::styleOf(style.bold, style.italic);
                if (!run || run->style != st || run->sizePt != style.sizePt) {
                    pg.runs.emplace_back();
                    run = &pg.runs.back();
                    run->glyphs.reserve(l.gVisible - k);
                    run->style = st;
                    run->sizePt = style.sizePt;
                    run->x = pen;
                    run->baseline = baseline;
                }
                runSpan = g.span;
            }
            PlacedGlyph pgph;
            pgph.gid = g.gid;
            pgph.x = static_cast<float>(pen - run->x + g.xOffset);
            pgph.dy = g.yOffset;
            if (k == 0 || m.glyphs[k - 1].cluster != g.cluster) {
                std::size_t next = k + 1;
                while (next < m.glyphs.size() && m.glyphs[next].cluster == g.cluster) ++next;
                const std::size_t end = next < m.glyphs.size() ? m.glyphs[next].cluster : m.text.size();
                pgph.textBegin = static_cast<std::uint32_t>(run->text.size());
                pgph.textLength = static_cast<std::uint32_t>(end - g.cluster);
                run->text.append(m.text, g.cluster, end - g.cluster);
            }
            run->glyphs.push_back(pgph);
            pen += g.advance + (g.space ? extra : 0);
        }
        info.runEnd = pg.runs.size();
        if (l.gVisible > l.g0) {
            const std::size_t b0 = m.glyphs[l.g0].cluster;
            const std::size_t b1 = l.gVisible < m.glyphs.size() ? m.glyphs[l.gVisible].cluster : m.text.size();
            info.text = m.text.substr(b0, b1 - b0);
        }
        pg.lines.push_back(std::move(info));
    }

    const Composition& c_;
    const Fonts& fonts_;
    LayoutStats* stats_;
    const int upem_;
    // Per-document shaping cache: a word is shaped once per face. Only looked up, never iterated,
    // so its order cannot reach the output.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::vector<ShapedGlyph>, Hash, std::equal_to<>> cache_[4];
    LaidOut out_;
    Cursor cur_;
    std::size_t serial_ = 0;
    long long pendingAfterTw_ = 0;  // space after the last paragraph, not yet added
    long long topTw_ = 0, bottomTw_ = 0;
    double leftPt_ = 0;
};

}  // namespace

LaidOut layoutDocument(const Composition& c, const Fonts& fonts, LayoutStats* stats) {
    return Engine(c, fonts, stats).run();
}

}  // namespace vanthu::layout
