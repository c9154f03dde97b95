// compose/rules.h: the text rules compose applies, exposed so tests (and the validation
// messages shown to clerks) can use the same functions.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace vanthu::compose {

// Decree 30 PL I (decree-30-2020.md §2 ô 6, §10 rule 15): each căn cứ line ends with ';', the
// last with '.'. A trailing ',', ';', '.' or ':' (and trailing spaces) is replaced accordingly.
// "Căn cứ Luật A," (not last) → "Căn cứ Luật A;"   "Xét đề nghị của X," (last) → "Xét đề nghị của X."
std::string normaliseLegalBasis(std::string_view line, bool last);

// Nơi nhận items and Kính gửi lines: the text without its trailing ';' '.' ',' and spaces, so
// compose can add the punctuation Decree 30 wants.
std::string withoutEndPunctuation(std::string_view s);

// The issuing authority as it is named inside a sentence ("… của Bộ trưởng Bộ Tư pháp"), from
// the authority line printed in capitals on the parent document:
//   1. an authority written in mixed case is taken as written;
//   2. if it ends with the issuer's name and the issuer is written in mixed case ("Bộ Tư
//      pháp"), that spelling is used and the words before it ("BỘ TRƯỞNG") are put in
//      sentence case;
//   3. otherwise the Vietnamese capitalisation rules for organ names (NĐ 30 PL II) are applied
//      by a heuristic: titles ("Bộ trưởng", "Chủ tịch"), organ types followed by their proper
//      name ("Bộ Tư pháp", "Bộ Tài nguyên và Môi trường", "Sở Tư pháp"), "Ủy ban nhân dân",
//      "Chính phủ", and place names after tỉnh/thành phố/huyện/quận/xã/phường ("tỉnh Đắk Nông").
// An empty authority falls back to the issuer's name, by the same rules.
std::string authorityInSentence(std::string_view authority, std::string_view issuerName);

// The heuristic of step 3 alone: "BỘ TRƯỞNG BỘ TƯ PHÁP" → "Bộ trưởng Bộ Tư pháp".
std::string organSentenceCase(std::string_view upperText);

// Fills "{name}" placeholders of a template pattern. Unknown placeholders stay as written.
// fill("Số: {code}", {{"code", "1020/QĐ-BTP"}}) == "Số: 1020/QĐ-BTP"
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace vanthu::compose
