// docx/units.h (private): points → the integer units of WordprocessingML.
#pragma once

#include <algorithm>
#include <cmath>

namespace vanthu::docx {

// ST_TwipsMeasure / ST_SignedTwipsMeasure: twentieths of a point (ECMA-376 Part 1 §17.18.87).
inline long long twips(double pt) { return std::llround(pt * 20.0); }

// ST_HpsMeasure: half-points (§17.18.42); integral, so 13.5 pt is exact and 13.3 pt rounds to 13.5.
// Word's smallest font size is 1 pt.
inline long long halfPoints(double pt) { return std::max(2LL, std::llround(pt * 2.0)); }

// ST_EighthPointMeasure for line borders (§17.3.4 w:sz): Word accepts 2..96 (¼ pt .. 12 pt).
inline long long borderEighths(double pt) { return std::clamp(std::llround(pt * 8.0), 2LL, 96LL); }

// ST_PointMeasure for border spacing (§17.3.4 w:space): whole points, Word caps at 31.
inline long long borderSpacePt(double pt) { return std::clamp(std::llround(pt), 0LL, 31LL); }

}  // namespace vanthu::docx
