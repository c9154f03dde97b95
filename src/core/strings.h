// core/strings.h: byte-level string helpers (ASCII only; case mapping of letters beyond ASCII is
// text::toLower/toUpper, which need ICU).
#pragma once

#include <string>
#include <string_view>

namespace vanthu {

inline constexpr std::string_view kAsciiSpace = " \t\r\n";

// `s` without the bytes of `chars` at either end.
std::string_view trimAscii(std::string_view s, std::string_view chars = kAsciiSpace) noexcept;

// `s` without ASCII white space or NO-BREAK SPACE (U+00A0) at either end: converters from
// Word put NO-BREAK SPACE on otherwise empty lines and after labels.
std::string_view trimSpaces(std::string_view s) noexcept;

// 'A'–'Z' → 'a'–'z'; every other byte unchanged (header names, media types, file extensions).
std::string lowerAscii(std::string_view s);
bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) noexcept;

}  // namespace vanthu
