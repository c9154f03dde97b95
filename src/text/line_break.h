// text/line_break.h: where a line may break. ICU's root (UAX #14) rules, since ICU has no
// Vietnamese rules, plus our own: a document number such as 01/2018/QĐ-UBND, 1020/QĐ-BTP or
// 05/BNV-VP, and a date such as 19/6/2015, is never split. No hyphenation (Vietnamese is
// monosyllabic).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::text {

// Byte offsets (into utf8) at which a new line may start, ascending, excluding 0 and size().
std::vector<std::size_t> breakOpportunities(std::string_view utf8);

// The text cut at every opportunity: "Theo Quyết định số 01/2018/QĐ-UBND" →
// {"Theo ", "Quyết ", "định ", "số ", "01/2018/QĐ-UBND"}.
std::vector<std::string> lineSegments(std::string_view utf8);

}  // namespace vanthu::text
