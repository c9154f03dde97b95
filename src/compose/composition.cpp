// compose/composition.cpp: the out-of-line members of the Composition contract.
#include "compose/composition.h"

#include <algorithm>

namespace vanthu::compose {

std::string Paragraph::text() const {
    std::string s;
    for (const auto& span : spans) s += span.text;
    return s;
}

Frame frameAround(const Paragraph& p, double widthPt, double heightPt) {
    // "single-border box" (decree-30-2020.md §2, ô 10b/11) with no stated weight: Word's default.
    constexpr double kFrameBorderPt = 0.5;
    constexpr double kSingleLineEm = 1.15;
    double size = 0;
    for (const auto& s : p.spans) size = std::max(size, s.style.sizePt);
    if (size <= 0) size = TextStyle{}.sizePt;
    const double line = kSingleLineEm * size * p.format.lineSpacing;
    return Frame{widthPt, heightPt, kFrameBorderPt, (heightPt - line - 2 * kFrameBorderPt) / 2};
}

}  // namespace vanthu::compose
