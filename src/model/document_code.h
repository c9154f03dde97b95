// model/document_code.h: số và ký hiệu (decree-30-2020.md §4, §9).
//   administrative    1020/QĐ-BTP       number / notation
//   legal-normative   14/2024/QĐ-UBND   number / year / notation
//   công văn          05/BNV-VP         number / organ-unit (no type abbreviation)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanthu::model {

struct DocumentCode {
    std::optional<int> number;   // absent on a draft: rendered as "Số:      /QĐ-BTP"
    std::optional<int> year;     // present only for legal-normative documents (VBQPPL)
    std::string notation;        // "QĐ-BTP", kept verbatim (mixed case, '.', '&' allowed)

    bool operator==(const DocumentCode&) const = default;
};

// "07" for 7, "12" for 12 (decree-30-2020.md §10 rule 6).
std::string formatNumber(int n);

// "1020/QĐ-BTP", "14/2024/QĐ-UBND"; a draft without a number gives "/QĐ-BTP".
std::string format(const DocumentCode& code);

// Strict parse of the written form: digits, optional "/YYYY", "/" notation; no spaces.
// Returns nullopt for anything else ("1020 QD BTP" is not a written code; see searchKey).
std::optional<DocumentCode> parseCode(std::string_view text);

// Canonical key for search: the same for "1020/QĐ-BTP", "1020/qd-btp", "1020 QD BTP",
// "qđ-btp 1020" → "1020/qd-btp"; "14/2024/QĐ-UBND" → "14/2024/qd-ubnd". Numbers lose leading
// zeros, letters are folded (marks removed, đ→d, lower case), separators normalised.
std::string searchKey(std::string_view anySpelling);

// Decree 30 §10 rule 8: the ký hiệu of a typed document starts with its type abbreviation;
// a công văn's does not. Returns the abbreviation part before the first '-' ("QĐ").
std::string_view notationTypePart(std::string_view notation);

}  // namespace vanthu::model
