#include "docx/zip_writer.h"

#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <zlib.h>

#include "core/error.h"

namespace vanthu::docx {

namespace {

// Record signatures and fixed fields, APPNOTE.TXT 6.3.x §4.3.7 (local header), §4.3.12 (central
// directory header), §4.3.16 (end of central directory record).
constexpr std::uint32_t kLocalHeaderSig = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSig = 0x02014b50;
constexpr std::uint32_t kEndRecordSig = 0x06054b50;
constexpr std::uint16_t kVersion = 20;          // 2.0: deflate (§4.4.3.2); "made by" host 0 = MS-DOS
constexpr std::uint16_t kFlagUtf8 = 1u << 11;   // §4.4.4 bit 11: name is UTF-8
constexpr std::uint16_t kStored = 0;
constexpr std::uint16_t kDeflated = 8;
constexpr std::size_t kCentralHeaderSize = 46;  // fixed part, before the name

void put16(std::string& out, std::uint16_t v) {
    const char b[2] = {char(v & 0xFF), char(v >> 8)};
    out.append(b, 2);
}
void put32(std::string& out, std::uint32_t v) {
    const char b[4] = {char(v & 0xFF), char((v >> 8) & 0xFF), char((v >> 16) & 0xFF), char(v >> 24)};
    out.append(b, 4);
}

std::uint32_t checked32(std::uint64_t v, const char* what) {
    if (v > std::numeric_limits<std::uint32_t>::max())
        throw Failure(Errc::TooLarge, std::string("zip: ") + what + " needs Zip64, which is not supported");
    return static_cast<std::uint32_t>(v);
}

struct Entry {
    std::string name;
    std::uint16_t method;
    std::uint32_t crc;
    std::uint32_t compressedSize;
    std::uint32_t size;
    std::uint32_t offset;
};

// A deflate stream and its output buffer, kept per thread and reused by the next ZipWriter:
// deflateInit2 allocates about 270 KB that every render would otherwise fault in again, which
// costs as much as deflating a 25-page document. deflateReset makes reuse invisible in the output.
struct DeflateState {
    DeflateState() = default;
    DeflateState(const DeflateState&) = delete;
    DeflateState& operator=(const DeflateState&) = delete;
    ~DeflateState() {
        if (initialised) deflateEnd(&z);
    }

    // Ready for a new entry at `level`.
    void reset(int wanted) {
        if (initialised && level != wanted) {
            deflateEnd(&z);
            initialised = false;
        }
        if (!initialised) {
            z = z_stream{};
            // Raw deflate (windowBits -15): a ZIP entry has no zlib header or Adler-32 (§4.4.5).
            if (deflateInit2(&z, wanted, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
                throw Failure(Errc::Internal, "zip: deflateInit2 failed");
            initialised = true;
            level = wanted;
        } else if (deflateReset(&z) != Z_OK) {
            throw Failure(Errc::Internal, "zip: deflateReset failed");
        }
    }

    z_stream z{};
    bool initialised = false;
    int level = 0;
    bool inUse = false;      // a second ZipWriter alive on the same thread gets its own state
    std::string compressed;  // grows to the largest entry seen, never shrinks
};

thread_local DeflateState tThreadState;

}  // namespace

struct ZipWriter::Impl {
    Impl(ByteSink& sink, ZipOptions o) : out(sink), options(o) {
        if (!tThreadState.inUse) {
            state = &tThreadState;
        } else {
            own = std::make_unique<DeflateState>();
            state = own.get();
        }
        state->inUse = true;
    }
    ~Impl() {
        if (state == &tThreadState) state->inUse = false;
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    CountingSink out;
    ZipOptions options;
    std::unique_ptr<DeflateState> own;
    DeflateState* state = nullptr;
    bool finished = false;
    std::vector<Entry> entries;
    std::string header;
};

ZipWriter::ZipWriter(ByteSink& out, ZipOptions options) : impl_(std::make_unique<Impl>(out, options)) {
    impl_->entries.reserve(16);
    impl_->header.reserve(kCentralHeaderSize + 64);
}

ZipWriter::~ZipWriter() = default;

void ZipWriter::add(std::string_view name, std::string_view data) {
    Impl& m = *impl_;
    if (m.finished) throw std::logic_error("ZipWriter::add after finish");
    if (name.size() > 0xFFFF) throw Failure(Errc::TooLarge, "zip: entry name longer than 65535 bytes");
    if (m.entries.size() == 0xFFFF) throw Failure(Errc::TooLarge, "zip: more than 65535 entries needs Zip64");
    const std::uint32_t size = checked32(data.size(), "an entry of 4 GiB or more");
    const std::uint32_t offset = checked32(m.out.offset(), "an archive of 4 GiB or more");

    DeflateState& d = *m.state;
    d.reset(m.options.level);
    const uLong bound = deflateBound(&d.z, size);
    if (d.compressed.size() < bound) d.compressed.resize(bound);  // grows only: no refill per entry
    d.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    d.z.avail_in = size;
    d.z.next_out = reinterpret_cast<Bytef*>(d.compressed.data());
    d.z.avail_out = static_cast<uInt>(bound);
    if (deflate(&d.z, Z_FINISH) != Z_STREAM_END) throw Failure(Errc::Internal, "zip: deflate did not finish");
    const auto deflatedSize = static_cast<std::uint32_t>(d.z.total_out);

    Entry e;
    e.name.assign(name);
    e.crc = static_cast<std::uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(data.data()), data.size()));
    e.size = size;
    e.offset = offset;
    std::string_view payload;
    if (deflatedSize < size) {
        e.method = kDeflated;
        e.compressedSize = deflatedSize;
        payload = std::string_view(d.compressed.data(), deflatedSize);
    } else {  // tiny parts: deflate only adds its block overhead
        e.method = kStored;
        e.compressedSize = size;
        payload = data;
    }

    std::string& h = m.header;
    h.clear();
    put32(h, kLocalHeaderSig);
    put16(h, kVersion);
    put16(h, kFlagUtf8);
    put16(h, e.method);
    put16(h, m.options.dosTime);
    put16(h, m.options.dosDate);
    put32(h, e.crc);
    put32(h, e.compressedSize);
    put32(h, e.size);
    put16(h, static_cast<std::uint16_t>(name.size()));
    put16(h, 0);  // extra field length
    h.append(name);
    m.out.write(h);
    m.out.write(payload);
    m.entries.push_back(std::move(e));
}

void ZipWriter::finish() {
    Impl& m = *impl_;
    if (m.finished) throw std::logic_error("ZipWriter::finish called twice");
    m.finished = true;
    const std::uint32_t directoryOffset = checked32(m.out.offset(), "an archive of 4 GiB or more");
    std::string& h = m.header;
    for (const Entry& e : m.entries) {
        h.clear();
        put32(h, kCentralHeaderSig);
        put16(h, kVersion);  // version made by: 2.0, MS-DOS attributes (none set)
        put16(h, kVersion);  // version needed to extract
        put16(h, kFlagUtf8);
        put16(h, e.method);
        put16(h, m.options.dosTime);
        put16(h, m.options.dosDate);
        put32(h, e.crc);
        put32(h, e.compressedSize);
        put32(h, e.size);
        put16(h, static_cast<std::uint16_t>(e.name.size()));
        put16(h, 0);  // extra field length
        put16(h, 0);  // comment length
        put16(h, 0);  // disk number start
        put16(h, 0);  // internal attributes
        put32(h, 0);  // external attributes
        put32(h, e.offset);
        h.append(e.name);
        m.out.write(h);
    }
    const std::uint32_t directorySize =
        checked32(m.out.offset() - directoryOffset, "a central directory of 4 GiB or more");
    h.clear();
    put32(h, kEndRecordSig);
    put16(h, 0);  // this disk
    put16(h, 0);  // disk with the central directory
    put16(h, static_cast<std::uint16_t>(m.entries.size()));
    put16(h, static_cast<std::uint16_t>(m.entries.size()));
    put32(h, directorySize);
    put32(h, directoryOffset);
    put16(h, 0);  // comment length
    m.out.write(h);
}

}  // namespace vanthu::docx
