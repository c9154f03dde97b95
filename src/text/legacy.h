// text/legacy.h: pre-Unicode Vietnamese text still found in state documents.
// ICU has no TCVN3 (ABC, .VnTime) or VNI converter, so the tables are ours; CP1258 goes through
// ICU after composing base letters (toolchain.md §5). Output is always NFC UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace vanthu::text {

enum class LegacyEncoding { Cp1258, Tcvn3, Vni };

// Bytes in the legacy encoding → NFC UTF-8.
std::string decodeLegacy(std::string_view bytes, LegacyEncoding enc);

// NFC UTF-8 → legacy bytes. Fails (InvalidInput, naming the first character) when a character
// has no representation, e.g. upper-case toned vowels in TCVN3 (it has none).
Result<std::string> encodeLegacy(std::string_view utf8, LegacyEncoding enc);

}  // namespace vanthu::text
