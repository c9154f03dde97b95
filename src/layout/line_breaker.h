// layout/line_breaker.h: first-fit line breaking, the way Word and LibreOffice fill lines, so
// that our PDF breaks where LibreOffice breaks our DOCX (a measured parity).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace vanthu::layout {

// A piece of text between two break opportunities: the width of its visible part and of the
// spaces that end it (those may hang past the line end, as in Word).
struct Segment {
    double width = 0;
    double trailingSpace = 0;
};

// Index of the first segment of every line (the first is always 0). A line takes segments
// while their width, without the last one's trailing spaces, stays within the line's width
// (`firstWidth` for the first line, `width` after); a segment wider than an empty line is put
// there alone (the caller splits words longer than a line beforehand). Linear in segs.size().
std::vector<std::size_t> firstFit(const std::vector<Segment>& segs, double firstWidth, double width);

// Break opportunities (byte offsets where a line may start, as text::breakOpportunities gives
// them) for plain text only: letters (precomposed Latin and Vietnamese), digits, spaces,
// . , ; : ! ? ( ), curly quotes and " - " — where UAX #14 breaks only after spaces and the text module's number
// rules have nothing to protect (they need '/'). Returns false, leaving `out` unspecified, for
// anything else; the caller then asks the text module (ICU). tests/layout compares both.
bool plainBreakOpportunities(std::string_view utf8, std::vector<std::size_t>& out);

}  // namespace vanthu::layout
