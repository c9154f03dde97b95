// text/vietnamese.h: Vietnamese wording of numbers and dates as Decree 30 writes them.
#pragma once

#include <cstdint>
#include <string>

namespace vanthu::text {

// Decree 30 PL I II.4.b: days 1–9 and months 1–2 get a leading zero.
// formatDateLine(2018, 5, 8) == "ngày 08 tháng 5 năm 2018"; (2020, 1, 5) == "ngày 05 tháng 01 năm 2020".
std::string formatDateLine(int year, int month, int day);

// "07" for 7, "12" for 12 (decree-30-2020.md §10 rule 6).
std::string zeroPad(int n);

// Spelled out (ICU RBNF, vi): 21 → "hai mươi mốt", 1020 → "một nghìn không trăm hai mươi".
std::string spellOut(std::int64_t n);

// 1 → "I", 4 → "IV", 14 → "XIV". REQUIRES: 1 ≤ n ≤ 3999.
std::string roman(int n);

// Labels of điểm in Vietnamese alphabet order: 1 → "a", 5 → "đ", 6 → "e", 7 → "g" …
// (a b c d đ e g h i k l m n o p q r s t u v x y; then aa, bb … as Vietnamese practice does).
std::string pointLabel(int index);

}  // namespace vanthu::text
