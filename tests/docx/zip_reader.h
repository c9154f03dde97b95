// tests/docx/zip_reader.h: an independent, strict ZIP reader for checking what ZipWriter wrote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::testing {

struct ZipEntry {
    std::string name;
    std::uint16_t flags = 0;
    std::uint16_t method = 0;
    std::uint16_t dosTime = 0;
    std::uint16_t dosDate = 0;
    std::uint32_t compressedSize = 0;
    std::string data;  // inflated
};

// Reads the end record and central directory, checks each local header agrees with its central
// entry, inflates, and checks sizes and CRC-32. Throws std::runtime_error naming the problem.
std::vector<ZipEntry> readZip(std::string_view archive);

// The inflated bytes of `name`; throws std::runtime_error if absent.
std::string zipPart(std::string_view archive, std::string_view name);

}  // namespace vanthu::testing
