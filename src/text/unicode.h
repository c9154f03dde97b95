// text/unicode.h: UTF-8 validation, normalisation, case mapping and search folding.
// The only module that uses ICU (DESIGN.md); everything here takes and returns UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/utf8.h"

namespace vanthu::text {

// Offset of the first byte that is not well-formed UTF-8 (overlongs, surrogates and code points
// above U+10FFFF are ill-formed), or nullopt when the whole input is valid.
// Validation is core's (core/utf8.h); these names stay for callers that still write text::.
using vanthu::firstInvalidUtf8;
using vanthu::isValidUtf8;

// REQUIRES: valid UTF-8 (throws Failure(Errc::InvalidInput) otherwise).
std::string nfc(std::string_view utf8);
std::string nfd(std::string_view utf8);
bool isNfc(std::string_view utf8);

// Vietnamese case mapping (ICU, locale "vi"): "đơn vị" → "ĐƠN VỊ", "QUYẾT ĐỊNH" → "quyết định".
std::string toUpper(std::string_view utf8);
std::string toLower(std::string_view utf8);

// Search fold: NFC → marks removed → đ/Đ → d → lower case. "Quyết Định Đồng Nai" →
// "quyet dinh dong nai". Used for search keys and the folded index column.
std::string fold(std::string_view utf8);

// Number of code points (not bytes, not UTF-16 units).
std::size_t codePointCount(std::string_view utf8);

}  // namespace vanthu::text
