#include "support/truetype_advances.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace vanthu::testing {

namespace {

std::uint32_t be(const std::string& b, std::size_t at, int n) {
    if (at + static_cast<std::size_t>(n) > b.size()) throw std::runtime_error("truncated TrueType table");
    std::uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}
std::uint16_t u16(const std::string& b, std::size_t at) { return static_cast<std::uint16_t>(be(b, at, 2)); }
std::uint32_t u32(const std::string& b, std::size_t at) { return be(b, at, 4); }

std::size_t tableOffset(const std::string& b, std::string_view tag) {
    const std::uint16_t tables = u16(b, 4);
    for (std::size_t i = 0; i < tables; ++i) {
        const std::size_t rec = 12 + 16 * i;
        if (b.compare(rec, 4, tag) == 0) return u32(b, rec + 8);
    }
    throw std::runtime_error("no '" + std::string(tag) + "' table");
}

// A decoder of our own: the one in src/ is part of what the widths check.
char32_t nextCodePoint(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) return ++i, 0xFFFD;
    char32_t c = n == 1 ? b : b & (0x7F >> n);
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(n);
    return c;
}

}  // namespace

TrueTypeAdvances::TrueTypeAdvances(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + file.string());
    bytes_.assign(std::istreambuf_iterator<char>(in), {});
    unitsPerEm_ = u16(bytes_, tableOffset(bytes_, "head") + 18);
    longMetrics_ = u16(bytes_, tableOffset(bytes_, "hhea") + 34);
    hmtx_ = tableOffset(bytes_, "hmtx");
    const std::size_t cmap = tableOffset(bytes_, "cmap");
    for (std::size_t i = 0, n = u16(bytes_, cmap + 2); i < n && !cmap4_; ++i) {
        const std::size_t rec = cmap + 4 + 8 * i;
        const std::uint16_t platform = u16(bytes_, rec), encoding = u16(bytes_, rec + 2);
        const std::size_t sub = cmap + u32(bytes_, rec + 4);
        if (((platform == 3 && encoding == 1) || (platform == 0 && encoding == 3)) && u16(bytes_, sub) == 4) cmap4_ = sub;
    }
    if (!cmap4_ || !longMetrics_ || !unitsPerEm_) throw std::runtime_error("no Unicode BMP cmap in " + file.string());
}

std::uint16_t TrueTypeAdvances::glyphOf(char32_t cp) const {
    if (cp > 0xFFFF) return 0;
    const std::size_t segX2 = u16(bytes_, cmap4_ + 6);
    const std::size_t ends = cmap4_ + 14, starts = ends + segX2 + 2, deltas = starts + segX2, ranges = deltas + segX2;
    for (std::size_t s = 0; s < segX2; s += 2) {
        if (cp > u16(bytes_, ends + s)) continue;
        const std::uint16_t start = u16(bytes_, starts + s);
        if (cp < start) return 0;
        const std::uint16_t delta = u16(bytes_, deltas + s), range = u16(bytes_, ranges + s);
        if (range == 0) return static_cast<std::uint16_t>(cp + delta);
        const std::uint16_t g = u16(bytes_, ranges + s + range + 2 * (cp - start));
        return g ? static_cast<std::uint16_t>(g + delta) : 0;
    }
    return 0;
}

int TrueTypeAdvances::advanceOf(char32_t cp) const {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x0300 && cp <= 0x036F)) return 0;
    const std::size_t g = std::min<std::size_t>(glyphOf(cp), static_cast<std::size_t>(longMetrics_ - 1));
    return u16(bytes_, hmtx_ + 4 * g);
}

double TrueTypeAdvances::widthPt(std::string_view utf8, double sizePt) const {
    long units = 0;
    for (std::size_t i = 0; i < utf8.size();) units += advanceOf(nextCodePoint(utf8, i));
    return static_cast<double>(units) * sizePt / unitsPerEm_;
}

const TrueTypeAdvances& TrueTypeAdvances::liberationSerif(bool bold, bool italic) {
    static const std::string dir = "/usr/share/fonts/truetype/liberation2/LiberationSerif-";
    static const TrueTypeAdvances faces[4] = {TrueTypeAdvances(dir + "Regular.ttf"), TrueTypeAdvances(dir + "Bold.ttf"),
                                              TrueTypeAdvances(dir + "Italic.ttf"), TrueTypeAdvances(dir + "BoldItalic.ttf")};
    return faces[(bold ? 1 : 0) + (italic ? 2 : 0)];
}

}  // namespace vanthu::testing
