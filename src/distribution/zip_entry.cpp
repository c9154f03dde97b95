#include "distribution/zip_entry.h"

#include <cstdint>

#include <zlib.h>

#include "core/narrow.h"

namespace vanthu::distribution::detail {
namespace {

std::uint32_t u32(std::string_view s, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
std::uint16_t u16(std::string_view s, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8);
}

std::optional<std::string> fail(std::string* error, std::string why) {
    if (error) *error = std::move(why);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> firstZipEntry(std::string_view zip, std::size_t maxBytes, std::string* error) {
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65535 bytes.
    if (zip.size() < 22) return fail(error, "not a zip archive (too short)");
    std::size_t eocd = std::string_view::npos;
    const std::size_t lowest = zip.size() > 22 + 65535 ? zip.size() - 22 - 65535 : 0;
    for (std::size_t at = zip.size() - 22 + 1; at-- > lowest;)
        if (u32(zip, at) == 0x06054b50) { eocd = at; break; }
    if (eocd == std::string_view::npos) return fail(error, "not a zip archive (no end of central directory)");
    if (u16(zip, eocd + 10) == 0) return fail(error, "the zip archive is empty");
    const std::size_t cd = u32(zip, eocd + 16);
    if (cd + 46 > zip.size() || u32(zip, cd) != 0x02014b50) return fail(error, "bad zip central directory");
    const auto flags = u16(zip, cd + 8);
    const auto method = u16(zip, cd + 10);
    const std::uint32_t crc = u32(zip, cd + 16);
    const std::size_t csize = u32(zip, cd + 20), usize = u32(zip, cd + 24);
    const std::size_t local = u32(zip, cd + 42);
    if (flags & 0x1) return fail(error, "the zip entry is encrypted");
    if (usize > maxBytes) return fail(error, "the zip entry is too large");
    if (local + 30 > zip.size() || u32(zip, local) != 0x04034b50) return fail(error, "bad zip local header");
    const std::size_t data = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
    if (data > zip.size() || csize > zip.size() - data) return fail(error, "the zip entry is truncated");
    const std::string_view packed = zip.substr(data, csize);

    std::string out;
    if (method == 0) {
        if (csize != usize) return fail(error, "stored zip entry with inconsistent sizes");
        out.assign(packed);
    } else if (method == 8) {
        out.resize(usize);
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return fail(error, "zlib inflateInit2 failed");
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        z.avail_in = narrow<uInt>(packed.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = narrow<uInt>(out.size());
        const int rc = inflate(&z, Z_FINISH);
        const auto produced = z.total_out;
        inflateEnd(&z);
        if (rc != Z_STREAM_END || produced != usize) return fail(error, "the deflated zip entry is corrupt");
    } else {
        return fail(error, "unsupported zip compression method " + std::to_string(method));
    }
    if (crc32(0L, reinterpret_cast<const Bytef*>(out.data()), narrow<uInt>(out.size())) != crc)
        return fail(error, "the zip entry fails its CRC-32 check");
    return out;
}

}  // namespace vanthu::distribution::detail
