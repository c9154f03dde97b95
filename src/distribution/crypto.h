// distribution/crypto.h: the few primitives distribution needs (OpenSSL libcrypto behind them;
// OpenSSL types never leave crypto.cpp). Byte strings are std::string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanthu::distribution {

std::string sha256(std::string_view bytes);                          // 32 raw bytes
std::string hmacSha256(std::string_view key, std::string_view msg);  // 32 raw bytes
std::string hexLower(std::string_view bytes);                        // "0a1b…"
// Equal length and content, in time independent of where they differ.
bool constantTimeEqual(std::string_view a, std::string_view b) noexcept;

// RFC 4648 base64 with padding, one line (no line breaks).
std::string base64Encode(std::string_view bytes);

struct Base64Error {
    std::size_t offset;  // byte offset in the input of the first bad character (or of the end)
    std::string reason;  // English; the caller words the Vietnamese
};
// Strict RFC 4648 alphabet; XML white space anywhere is skipped (encoders wrap lines); padding
// only at the end; a length that is not a multiple of 4 (without white space) is an error.
// Returns the bytes, or sets *error.
std::optional<std::string> base64Decode(std::string_view text, Base64Error* error);

}  // namespace vanthu::distribution
