// docx/docx_writer.h: compose::Composition → a .docx (an OPC package of WordprocessingML parts,
// ECMA-376 Part 1 and Part 2), as bytes.
//
// The writer makes no layout decisions: sizes, alignment, spacing, wording and case come from the
// Composition. It only maps them to OOXML, and same Composition + same options → same bytes: no
// rsids, no random ids, no time except `created`.
//
// What it writes:
// - every paragraph gets direct formatting (jc, ind, spacing, keep*, widowControl) and a w:pStyle
//   named after its Role (compose::roleStyleId / roleDisplayName; one style per Role in styles.xml);
// - every run gets w:rFonts with all four slots = Composition::fontFamily, w:lang vi-VN (also the
//   eastAsia and bidi slots), black, and its size in half-points (vietnamese-text.md row 5);
// - Paragraph::ruleBelow: an empty paragraph right after the owner whose bottom border is the rule,
//   exactly lengthPt wide and centred in the owner's text column (the column minus the owner's
//   indents); the owner's space-after moves below the rule, and the owner keeps with the rule;
// - Paragraph::frame: a four-sided paragraph border of widthPt, centred in the text column the same
//   way; heightPt is approximated with the top/bottom border spacing (OOXML paragraph borders have no
//   height), assuming a line of 1.15 × size × lineSpacing (Times New Roman's line height);
// - each Section is a w:sectPr with its page size and margins, w:pgNumType w:start, a header holding
//   a centred PAGE field, and (Decree 30: no number on page 1) w:titlePg with an empty first-page
//   header; sections after the first start on a new page. Header parts are written once per
//   distinct content and referenced only where they change: a later section inherits the previous
//   section's headers, as Word's "Link to Previous" does;
// - layout tables (Header, Signature) have no borders and zero left/right cell margins, so their text
//   lines up with the page margins; body tables have Word's default 5.4 pt left/right cell margins,
//   written out so every reader uses them.
// Thread-safe: no shared state (the zip writer's per-thread deflate state is thread_local).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "compose/composition.h"

namespace vanthu::docx {

struct DocxOptions {
    // dcterms:created / dcterms:modified when Composition::meta.created is empty (the server passes
    // its clock, tests a fixed instant). meta.created, when set, wins: it is the same injected clock.
    std::chrono::sys_seconds created{};
};

// One part of the package, named as in the ZIP (no leading '/').
struct Part {
    std::string name;         // "word/document.xml"
    std::string contentType;  // "" for parts covered by a Default in [Content_Types].xml
    std::string bytes;
};

// All parts in package order, "[Content_Types].xml" first. Exposed for tests and benchmarks
// (renderDocx == zipping these in this order).
std::vector<Part> buildParts(const compose::Composition& c, const DocxOptions& options);

// The .docx file. Throws std::invalid_argument for a Composition that breaks its own invariants (a
// table row with more cells than columns), Failure(Errc::TooLarge) past the ZIP limits.
std::string renderDocx(const compose::Composition& c, const DocxOptions& options);

}  // namespace vanthu::docx
