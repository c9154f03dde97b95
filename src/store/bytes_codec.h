// store/bytes_codec.h (private to store/): how binary artifacts are kept in a TEXT column, the
// same on SQLite and PostgreSQL (base64 without line breaks).
#pragma once

#include <string>

namespace vanthu::store::detail {

std::string base64(const std::string& bytes);
std::string unbase64(const std::string& text);

}  // namespace vanthu::store::detail
