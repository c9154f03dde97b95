// store/bytes_codec.h (private to store/): how binary artifacts are kept in a TEXT column, the
// same on SQLite and PostgreSQL (base64 without line breaks), and CSV fields for the registers.
#pragma once

#include <string>

namespace vanthu::store::detail {

std::string base64(const std::string& bytes);
std::string unbase64(const std::string& text);

// One CSV field (RFC 4180): quoted, inner quotes doubled, when it holds , " CR or LF.
std::string csvField(const std::string& s);

}  // namespace vanthu::store::detail
