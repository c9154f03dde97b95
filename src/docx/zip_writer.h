// docx/zip_writer.h: a small deterministic ZIP writer (PKWARE APPNOTE.TXT 6.3.x) for OPC packages.
//
// Same entries in, same bytes out: entries are written in the order added, every entry carries one
// fixed DOS timestamp, compression is raw deflate (zlib) at a fixed level, names are flagged UTF-8
// (general purpose bit 11), there are no extra fields, comments or data descriptors. An entry that
// deflate does not shrink is stored instead. No Zip64: more than 65535 entries or 4 GiB throws.
// zlib stays out of this header. Not thread-safe; one writer per package. Each thread keeps one
// deflate state (about 270 KB) for its next writer, so repeated renders allocate nothing for it.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/byte_sink.h"

namespace vanthu::docx {

struct ZipOptions {
    // zlib level 1..9; part of "same input, same bytes" (STYLE.md §10). Level 1: deflate is most
    // of a render's time (issue #2: < 0.4 ms for 25 pages), and on our XML level 1 runs about 12 %
    // faster than 3 and 2.5x faster than 6, for files 5 % and 25 % larger (a 25-page document is
    // about 15 KB at level 1).
    int level = 1;
    // MS-DOS date and time fields of every entry (APPNOTE 4.4.6). The default, 1980-01-01 00:00,
    // is the earliest DOS time: package bytes then do not depend on any clock at all.
    std::uint16_t dosDate = (0 << 9) | (1 << 5) | 1;
    std::uint16_t dosTime = 0;
};

class ZipWriter {
public:
    // Writes to `out` as entries are added. `out` must outlive the writer.
    explicit ZipWriter(ByteSink& out, ZipOptions options = {});
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    // Compresses `data` and writes its local header and bytes. REQUIRES: finish() not called;
    // `name` is a relative path with '/' separators and is not already in the archive (OPC part
    // names are unique; not checked). Throws Failure(Errc::TooLarge) past the non-Zip64 limits,
    // Failure(Errc::Internal) if zlib fails.
    void add(std::string_view name, std::string_view data);

    // Writes the central directory and the end record. The writer is spent afterwards.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::docx
