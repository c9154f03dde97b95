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

bool plainBreakOpportunities(std::string_view t, std::vector<std::size_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < t.size();) {
        const auto b = static_cast<unsigned char>(t[i]);
        if (b < 0x80) {
            const char c = static_cast<char>(b);
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
                            c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
                            (c == '(' && (i + 1 >= t.size() || t[i + 1] != ' ')) ||  // LB14: "( " keeps
                            // a hyphen between spaces, "Kế hoạch - Tài chính": a break after either space
                            (c == '-' && i > 0 && t[i - 1] == ' ' && i + 1 < t.size() && t[i + 1] == ' ');
            if (!ok) return false;
            if (c == ' ' && i + 1 < t.size() && t[i + 1] != ' ') out.push_back(i + 1);
            ++i;
            continue;
        }
        // Two- and three-byte letters only: Latin-1 letters to Latin Extended-B, Latin
        // Extended Additional (ạ … ỹ). No marks, no punctuation, no symbols.
        char32_t c = 0;
        std::size_t n = 0;
        if ((b & 0xE0) == 0xC0) c = b & 0x1F, n = 2;
        else if ((b & 0xF0) == 0xE0) c = b & 0x0F, n = 3;
        else return false;
        if (i + n > t.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            const auto cb = static_cast<unsigned char>(t[i + k]);
            if ((cb & 0xC0) != 0x80) return false;
            c = (c << 6) | (cb & 0x3F);
        }
        const bool letter = (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
        // Curly quotes (UAX #14 QU) glued to a word: no break at them, only after spaces. Not
        // when spaces and "(" follow a quote (LB15 keeps those together).
        const bool quote = c == 0x201C || c == 0x201D;
        if (quote) {
            std::size_t k = i + n;
            while (k < t.size() && t[k] == ' ') ++k;
            if (k > i + n && k < t.size() && t[k] == '(') return false;
        }
        if (!letter && !quote) return false;
        i += n;
    }
    return true;
}

}  // namespace vanthu::layout
