#include "docx/zip_reader.h"

#include <stdexcept>

#include <zlib.h>

namespace vanthu::testing {

namespace {

std::uint16_t get16(std::string_view b, std::size_t at) {
    if (at + 2 > b.size()) throw std::runtime_error("zip: truncated at " + std::to_string(at));
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t get32(std::string_view b, std::size_t at) {
    return get16(b, at) | static_cast<std::uint32_t>(get16(b, at + 2)) << 16;
}

std::string inflateRaw(std::string_view in, std::size_t expected) {
    std::string out(expected, '\0');
    z_stream z{};
    if (inflateInit2(&z, -15) != Z_OK) throw std::runtime_error("inflateInit2");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    const auto produced = z.total_out;
    const auto consumed = z.total_in;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zip: inflate did not end cleanly");
    if (produced != expected) throw std::runtime_error("zip: inflated size differs from the header");
    if (consumed != in.size()) throw std::runtime_error("zip: compressed data has trailing bytes");
    return out;
}

}  // namespace

std::vector<ZipEntry> readZip(std::string_view b) {
    if (b.size() < 22) throw std::runtime_error("zip: shorter than an end record");
    const std::size_t end = b.size() - 22;  // we write no archive comment
    if (get32(b, end) != 0x06054b50) throw std::runtime_error("zip: no end record at the end");
    const std::uint16_t count = get16(b, end + 10);
    if (get16(b, end + 8) != count) throw std::runtime_error("zip: entry counts disagree");
    const std::uint32_t dirSize = get32(b, end + 12);
    const std::uint32_t dirOffset = get32(b, end + 16);
    if (std::size_t(dirOffset) + dirSize != end) throw std::runtime_error("zip: central directory does not end at the end record");

    std::vector<ZipEntry> entries;
    std::size_t at = dirOffset;
    std::size_t expectedLocal = 0;  // entries must be contiguous, in directory order
    for (std::uint16_t i = 0; i < count; ++i) {
        if (get32(b, at) != 0x02014b50) throw std::runtime_error("zip: bad central header signature");
        ZipEntry e;
        e.flags = get16(b, at + 8);
        e.method = get16(b, at + 10);
        e.dosTime = get16(b, at + 12);
        e.dosDate = get16(b, at + 14);
        const std::uint32_t crc = get32(b, at + 16);
        e.compressedSize = get32(b, at + 20);
        const std::uint32_t size = get32(b, at + 24);
        const std::uint16_t nameLen = get16(b, at + 28);
        const std::uint16_t extraLen = get16(b, at + 30);
        const std::uint16_t commentLen = get16(b, at + 32);
        const std::uint32_t local = get32(b, at + 42);
        e.name.assign(b.substr(at + 46, nameLen));
        at += 46 + nameLen + extraLen + commentLen;

        if (local != expectedLocal) throw std::runtime_error("zip: " + e.name + " is not where expected");
        if (get32(b, local) != 0x04034b50) throw std::runtime_error("zip: bad local header for " + e.name);
        if (get16(b, local + 6) != e.flags || get16(b, local + 8) != e.method || get16(b, local + 10) != e.dosTime ||
            get16(b, local + 12) != e.dosDate || get32(b, local + 14) != crc || get32(b, local + 18) != e.compressedSize ||
            get32(b, local + 22) != size)
            throw std::runtime_error("zip: local and central headers disagree for " + e.name);
        const std::uint16_t localNameLen = get16(b, local + 26);
        const std::uint16_t localExtraLen = get16(b, local + 28);
        if (b.substr(local + 30, localNameLen) != e.name) throw std::runtime_error("zip: local name differs for " + e.name);
        const std::size_t dataAt = local + 30 + localNameLen + localExtraLen;
        if (dataAt + e.compressedSize > dirOffset) throw std::runtime_error("zip: data overruns for " + e.name);
        const std::string_view raw = b.substr(dataAt, e.compressedSize);
        if (e.method == 8)
            e.data = inflateRaw(raw, size);
        else if (e.method == 0 && e.compressedSize == size)
            e.data.assign(raw);
        else
            throw std::runtime_error("zip: unexpected method for " + e.name);
        if (crc32_z(0, reinterpret_cast<const Bytef*>(e.data.data()), e.data.size()) != crc)
            throw std::runtime_error("zip: CRC mismatch for " + e.name);
        expectedLocal = dataAt + e.compressedSize;
        entries.push_back(std::move(e));
    }
    if (expectedLocal != dirOffset) throw std::runtime_error("zip: gap before the central directory");
    if (at != end) throw std::runtime_error("zip: central directory size mismatch");
    return entries;
}

std::string zipPart(std::string_view archive, std::string_view name) {
    for (auto& e : readZip(archive))
        if (e.name == name) return std::move(e.data);
    throw std::runtime_error("zip: no part " + std::string(name));
}

}  // namespace vanthu::testing
