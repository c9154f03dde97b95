// The tests' own TrueType reader (tests/support/truetype_advances.h), the oracle of the width
// checks in tests/compose and tests/font, against fontTools — a third reader — once:
//   /usr/bin/python3 -c 'from fontTools.ttLib import TTFont
//   f = TTFont("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")
//   print([f["hmtx"][f.getBestCmap()[ord(c)]][0] for c in " aHĐếưữ₫"])'
// (Debian python3-fonttools 4.38, run by hand: the suite does not need it.)
#include "support/truetype_advances.h"

#include <gtest/gtest.h>

namespace vanthu::testing {
namespace {

TEST(TrueTypeAdvances, AgreesWithFontToolsOnLiberationSerif) {
    const char32_t letters[] = {U' ', U'a', U'H', U'Đ', U'ế', U'ư', U'ữ', U'₫'};
    const int expected[4][8] = {
        {512, 909, 1479, 1479, 909, 1110, 1110, 1050},    // Regular
        {512, 1024, 1593, 1479, 909, 1229, 1229, 1050},   // Bold
        {512, 1024, 1479, 1479, 909, 1117, 1117, 1050},   // Italic
        {512, 1024, 1593, 1479, 909, 1227, 1227, 1050}};  // Bold Italic
    for (int face = 0; face < 4; ++face) {
        const auto& f = TrueTypeAdvances::liberationSerif(face & 1, face & 2);
        EXPECT_EQ(f.unitsPerEm(), 2048);
        for (int i = 0; i < 8; ++i)
            EXPECT_EQ(f.advanceOf(letters[i]), expected[face][i]) << "face " << face << " U+" << std::hex << int(letters[i]);
    }
    EXPECT_EQ(TrueTypeAdvances::liberationSerif(false, false).glyphOf(U'\u4E00'), 0) << "no CJK in Liberation Serif";
    EXPECT_DOUBLE_EQ(TrueTypeAdvances::liberationSerif(false, false).widthPt("aH", 14), (909 + 1479) * 14.0 / 2048);
}

}  // namespace
}  // namespace vanthu::testing
