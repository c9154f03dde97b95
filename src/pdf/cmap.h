// pdf/cmap.h: the ToUnicode CMap of an Identity-H font (ISO 32000-1 §9.10.3): glyph id →
// the text that glyph stands for, so copy, search and pdftotext give the source text.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vanthu::pdf {

// REQUIRES: `map` sorted by glyph id, no duplicates, texts UTF-8 and non-empty.
// Entries go out in bfchar groups of at most 100 (the CMap limit).
std::string toUnicodeCMap(const std::vector<std::pair<std::uint16_t, std::string>>& map);

}  // namespace vanthu::pdf
