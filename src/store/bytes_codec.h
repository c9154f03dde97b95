// store/bytes_codec.h (private to store/): how binary artifacts are kept in a TEXT column, the
// same on SQLite and PostgreSQL (base64 without line breaks).
// The codec itself is core's (core/digest.h); these names stay for store.cpp.
#pragma once

#include <string>

#include "core/digest.h"

namespace vanthu::store::detail {

inline std::string base64(const std::string& bytes) { return base64Encode(bytes); }
// Lenient (core's base64DecodePrefix): the callers compare the SHA-256 of the result with the
// stored one, so damaged text yields bytes that do not match.
inline std::string unbase64(const std::string& text) { return base64DecodePrefix(text); }

}  // namespace vanthu::store::detail
