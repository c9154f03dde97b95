#include "pdf/cmap.h"

#include <algorithm>

#include "pdf/object_writer.h"

namespace vanthu::pdf {

namespace {
constexpr char kHex[] = "0123456789ABCDEF";
void hex4(std::string& out, unsigned v) {
    for (int s = 12; s >= 0; s -= 4) out += kHex[(v >> s) & 0xF];
}
}  // namespace

std::string toUnicodeCMap(const std::vector<std::pair<std::uint16_t, std::string>>& map) {
    std::string out;
    out.reserve(400 + map.size() * 20);
    out +=
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < map.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, map.size() - i);
        out += std::to_string(n);
        out += " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k) {
            out += '<';
            hex4(out, map[k].first);
            out += "> <";
            appendUtf16BeHex(out, map[k].second);
            out += ">\n";
        }
        out += "endbfchar\n";
    }
    out +=
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    return out;
}

}  // namespace vanthu::pdf
