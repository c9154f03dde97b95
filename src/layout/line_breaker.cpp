#include "layout/line_breaker.h"

namespace vanthu::layout {

namespace {
// Widths are sums of font-unit advances scaled to points; a tie must not break a line.
constexpr double kEpsilonPt = 0.01;
}  // namespace

std::vector<std::size_t> firstFit(const std::vector<Segment>& segs, double firstWidth, double width) {
    std::vector<std::size_t> starts;
    if (segs.empty()) return starts;
    starts.push_back(0);
    double avail = firstWidth;
    double used = 0;      // visible width of the line so far, trailing spaces of the last excluded
    double pending = 0;   // trailing spaces of the last segment on the line
    bool empty = true;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const Segment& s = segs[i];
        if (!empty && used + pending + s.width > avail + kEpsilonPt) {
            starts.push_back(i);
            avail = width;
            used = 0;
            pending = 0;
            empty = true;
        }
        used += (empty ? 0 : pending) + s.width;
        pending = s.trailingSpace;
        empty = false;
    }
    return starts;
}

}  // namespace vanthu::layout
