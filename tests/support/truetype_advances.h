// tests/support/truetype_advances.h: advance widths read straight from a TrueType file's tables
// (head, hhea, hmtx, cmap format 4), written for the tests from the OpenType specification with
// no FreeType and no code of src/font — so that the widths a test expects never come from the
// font::FontMetrics it is checking. BMP only, no kerning (neither Word nor our layout kerns).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace vanthu::testing {

class TrueTypeAdvances {
public:
    explicit TrueTypeAdvances(const std::filesystem::path& file);  // throws std::runtime_error

    int unitsPerEm() const { return unitsPerEm_; }
    std::uint16_t glyphOf(char32_t cp) const;  // 0 (.notdef) when unmapped
    int advanceOf(char32_t cp) const;          // font units; controls and U+0300–036F are 0
    double widthPt(std::string_view utf8, double sizePt) const;

    // Liberation Serif (fonts-liberation2), the face our fonts.xml names for each style.
    static const TrueTypeAdvances& liberationSerif(bool bold, bool italic);

private:
    std::string bytes_;
    int unitsPerEm_ = 0;
    std::size_t hmtx_ = 0, cmap4_ = 0;
    int longMetrics_ = 0;
};

}  // namespace vanthu::testing
