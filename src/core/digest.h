// core/digest.h: SHA-256 and HMAC-SHA256 (OpenSSL libcrypto behind them; no OpenSSL type leaves
// digest.cpp), lowercase hex and RFC 4648 base64. Byte strings are std::string.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanthu {

std::string sha256(std::string_view bytes);                          // 32 raw bytes
std::string sha256Hex(std::string_view bytes);                       // 64 lowercase hex digits
std::string md5(std::string_view bytes);  // 16 raw bytes; for PDF /ID only (ISO 32000 names MD5), never for security
std::string hmacSha256(std::string_view key, std::string_view msg);  // 32 raw bytes
std::string hexLower(std::string_view bytes);                        // "0a1b…"
// Equal length and content, in time independent of where they differ.
bool constantTimeEqual(std::string_view a, std::string_view b) noexcept;

// Overwrites the bytes of a secret in a way the compiler does not optimise away.
void wipeSecret(std::string& secret) noexcept;

// RFC 4648 base64 with padding, one line (no line breaks). Table-driven, in one pass: artifacts
// are tens of kilobytes and every delivery encodes or decodes several.
std::string base64Encode(std::string_view bytes);

struct Base64Error {
    std::size_t offset;  // byte offset in the input of the first bad character (or of the end)
    std::string reason;  // English; the caller words the Vietnamese
};
// Strict RFC 4648 alphabet; XML white space anywhere is skipped (encoders wrap lines); padding
// only at the end; a length that is not a multiple of 4 (without white space) is an error.
// Returns the bytes, or sets *error.
std::optional<std::string> base64Decode(std::string_view text, Base64Error* error);

// Lenient: skips white space and stops at the first '=' or character outside the alphabet.
// For text we wrote ourselves whose digest is checked afterwards (damage shows as a mismatch).
std::string base64DecodePrefix(std::string_view text);

}  // namespace vanthu
