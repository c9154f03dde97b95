// core/utf8.h: UTF-8 without ICU: strict validation, decoding and encoding of code points.
// (text/unicode.h keeps what needs ICU: normalisation, case mapping, folding.)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanthu {

// Strict check (Unicode 15 Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF):
// the offset of the first byte of the first ill-formed sequence, or nullopt if all is well-formed.
std::optional<std::size_t> firstInvalidUtf8(std::string_view s) noexcept;
inline bool isValidUtf8(std::string_view s) noexcept { return !firstInvalidUtf8(s); }

// The first control character of UTF-8 text (U+0000–U+001F but tab, line feed and carriage
// return; U+007F; U+0080–U+009F), or nullopt: what no text field of ours may hold. "U+0000" form
// from controlName().
std::optional<char32_t> firstControlCharacter(std::string_view utf8) noexcept;
std::string controlName(char32_t c);

// Decodes one code point from `s` at byte offset `i` and advances `i`. Ill-formed sequences
// (overlongs, surrogates, > U+10FFFF, truncated) give U+FFFD and advance one byte.
// REQUIRES: i < s.size().
char32_t decodeUtf8(std::string_view s, std::size_t& i) noexcept;

// The length of the sequence a lead byte announces (1 for ASCII and for stray bytes' sake
// never 0); callers clamp it to what is left of the string.
constexpr std::size_t utf8SequenceLength(unsigned char lead) noexcept {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Appends the UTF-8 form of a code point. Throws Failure(Internal) on a surrogate or > U+10FFFF.
void appendUtf8(std::string& out, char32_t cp);

}  // namespace vanthu
