// text/collation.h: Vietnamese alphabetical order (ICU Collator "vi"):
// a < ă < â, d < đ (after every d-word), o < ô < ơ, u < ư.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vanthu::text {

int compareVietnamese(std::string_view a, std::string_view b);  // <0, 0, >0
std::string sortKey(std::string_view utf8);  // bytes; memcmp order == Vietnamese order
void sortVietnamese(std::vector<std::string>& items);

}  // namespace vanthu::text
