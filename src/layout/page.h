// layout/page.h: the result of layout — pages of positioned glyphs, rules and boxes — which the
// PDF writer only serialises. Units are points; x grows to the right from the page's left edge,
// y grows DOWN from the page's top edge (the PDF writer flips it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "font/metrics.h"

namespace vanthu::layout {

// One glyph of a run. `x` is the pen position relative to the run's origin; `dy` a vertical
// offset (mark positioning, positive = up). textBegin/textLength select the cluster text in
// GlyphRun::text that this glyph stands for (length 0: a further glyph of the same cluster).
struct PlacedGlyph {
    std::uint16_t gid = 0;
    float x = 0;
    float dy = 0;
    std::uint32_t textBegin = 0;
    std::uint32_t textLength = 0;
};

// Glyphs of one face and size on one baseline.
struct GlyphRun {
    font::Style style = font::Style::Regular;
    double sizePt = 14;
    double x = 0;         // origin of the run
    double baseline = 0;  // y of the baseline
    std::string text;     // NFC UTF-8 of the clusters, in order
    std::vector<PlacedGlyph> glyphs;
};

// A horizontal or vertical stroke from (x0, y0) to (x1, y1).
struct Stroke {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    double widthPt = 0.5;
};

// Where a paragraph's lines went: for tests (line endings, parity) and tagged output later.
struct LineInfo {
    std::size_t runBegin = 0;  // runs of this line in Page::runs: [runBegin, runEnd)
    std::size_t runEnd = 0;
    double top = 0, bottom = 0;
    bool body = false;         // a line of a body paragraph (not a layout table)
    std::size_t paragraph = 0; // running number of its paragraph in the document
    std::string text;          // the line's text, trailing spaces dropped
};

struct Page {
    double widthPt = 0;
    double heightPt = 0;
    std::size_t section = 0;  // index into Composition::sections
    int number = 0;           // the number this page carries (printed or not)
    bool numberShown = false;
    std::vector<GlyphRun> runs;
    std::vector<Stroke> strokes;
    std::vector<LineInfo> lines;
};

struct LaidOut {
    std::vector<Page> pages;
};

}  // namespace vanthu::layout
