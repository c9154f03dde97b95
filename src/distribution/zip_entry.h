// distribution/zip_entry.h: PRIVATE. The first file of a zip archive, for attachments that
// VNPT/Bkav builders zip (edxml.md §4: application/zip with a name that is not .zip).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vanthu::distribution::detail {

// Stored or deflated; checks the CRC-32 and refuses an entry larger than maxBytes (zip bombs).
// On failure returns nullopt and sets *error (English).
std::optional<std::string> firstZipEntry(std::string_view zip, std::size_t maxBytes, std::string* error);

}  // namespace vanthu::distribution::detail
