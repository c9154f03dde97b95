// pdf/font_embedder.h: a TrueType subset of one face for a Type0/CIDFontType2 font (ISO
// 32000-1 §9.7), made with hb-subset. Glyph ids are retained (RETAIN_GIDS), so CID = GID
// (Identity-H, /CIDToGIDMap /Identity) and content streams use the ids layout shaped with.
// hb-subset closes the set over composite glyphs: a bold Ấ keeps the components it is built
// from (vietnamese-text.md #3).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::pdf {

struct SubsetFont {
    std::string file;                 // the subset .ttf bytes (FontFile2)
    std::array<double, 4> bbox{};     // FontBBox, 1/1000 em
    double ascent = 0, descent = 0, capHeight = 0, italicAngle = 0;  // 1/1000 em, degrees
    std::vector<std::uint16_t> newIds;  // newIds[i]: the subset's id of gids[i]
};

// REQUIRES: `gids` sorted and unique. Throws Failure(Errc::FontMissing) when the font bytes
// cannot be parsed or subset.
SubsetFont subsetFont(std::string_view fontBytes, const std::vector<std::uint16_t>& gids);

// Six capital letters from the glyph set and the face name, the same for the same input
// (§9.6.4: "ABCDEF+" prefix of a subset's BaseFont).
std::string subsetTag(std::string_view postscriptName, const std::vector<std::uint16_t>& gids);

}  // namespace vanthu::pdf
