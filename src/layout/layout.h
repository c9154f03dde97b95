// layout/layout.h: Composition → pages of positioned glyphs (DESIGN.md "How data flows").
// Layout decides only line and page breaks and glyph positions; every size, style and spacing
// comes from the Composition. It follows what LibreOffice does with our DOCX of the same
// Composition (first-fit lines, proportional line spacing in twips, keep/widow rules), so the
// two agree line for line; tests/integration measures that.
//
// Thread-safety: layoutDocument() is reentrant; Fonts may be shared between threads.
#pragma once

#include "compose/composition.h"
#include "layout/fonts.h"
#include "layout/page.h"

namespace vanthu::layout {

// Where the time went, for bench/ (filled only when asked for; never in outputs).
struct LayoutStats {
    double shapeSeconds = 0;   // HarfBuzz shaping (with the per-document word cache)
    double breakSeconds = 0;   // break opportunities and first-fit lines
    double totalSeconds = 0;   // the whole layout, pagination included
    std::size_t glyphs = 0;
    std::size_t shapedWords = 0;  // distinct (face, word) pairs shaped
};

// Lays out every section of `c`; each section starts on a new page. Cost is linear in the
// length of the document. Never fails on a valid Composition (an empty body gives one page).
LaidOut layoutDocument(const compose::Composition& c, const Fonts& fonts, LayoutStats* stats = nullptr);

}  // namespace vanthu::layout
