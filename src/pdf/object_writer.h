// pdf/object_writer.h: a typed writer of PDF objects (STYLE.md §9, after typst/pdf-writer).
// Everything goes into one owned buffer, so writing cannot fail. A DictWriter opens "<<" and
// its destructor (or close()) writes ">>"; a child writer borrows its parent's buffer and must
// be closed before the parent writes again. Numbers never go through iostream or the locale.
// Not thread-safe; one ObjectWriter per document.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::pdf {

struct Ref {
    std::uint32_t id = 0;
};

void appendReal(std::string& out, double v);    // 595 -> "595", 12.125 -> "12.125", 3 decimals max
void appendName(std::string& out, std::string_view name);        // "/Name", escaping as #xx (§7.3.5)
void appendTextString(std::string& out, std::string_view utf8);   // <FEFF…> UTF-16BE hex (§7.9.2.2)
void appendUtf16BeHex(std::string& out, std::string_view utf8);   // the hex digits alone (also for CMaps)
void appendLiteral(std::string& out, std::string_view bytes);     // (…) with \\ \( \) escaped

class ArrayWriter;

class DictWriter {
public:
    // suffix: written after ">>" on close ("\nendobj\n" for a top-level object).
    explicit DictWriter(std::string& out, const char* suffix = "");
    ~DictWriter();
    DictWriter(DictWriter&& o) noexcept;
    DictWriter(const DictWriter&) = delete;
    DictWriter& operator=(const DictWriter&) = delete;

    DictWriter& pair(std::string_view key, Ref r);               // /Key 12 0 R
    DictWriter& pair(std::string_view key, double v);
    DictWriter& integer(std::string_view key, long long v);
    DictWriter& name(std::string_view key, std::string_view value);   // /Key /Value
    DictWriter& text(std::string_view key, std::string_view utf8);    // /Key <FEFF…>
    DictWriter& literal(std::string_view key, std::string_view bytes); // /Key (…)
    DictWriter& raw(std::string_view key, std::string_view pdf);      // /Key <pdf as given>
    DictWriter dict(std::string_view key);                            // /Key << … >>
    ArrayWriter array(std::string_view key);                          // /Key [ … ]
    void close();

private:
    std::string* out_;
    const char* suffix_;
};

class ArrayWriter {
public:
    explicit ArrayWriter(std::string& out);
    ~ArrayWriter();
    ArrayWriter(ArrayWriter&& o) noexcept;
    ArrayWriter(const ArrayWriter&) = delete;
    ArrayWriter& operator=(const ArrayWriter&) = delete;

    ArrayWriter& item(Ref r);
    ArrayWriter& item(double v);
    ArrayWriter& integer(long long v);
    ArrayWriter& name(std::string_view n);
    ArrayWriter& raw(std::string_view pdf);
    DictWriter dict();
    ArrayWriter array();
    void close();

private:
    std::string* out_;
};

// The file: header, numbered objects with their offsets, xref table and trailer (§7.5).
class ObjectWriter {
public:
    ObjectWriter();  // writes "%PDF-1.7" and a binary comment (PDF/A-2 §6.1.2)
    Ref alloc();     // a new object number; every allocated object must be written once

    DictWriter dict(Ref r);  // "n 0 obj <<"; closing the writer ends the object
    // A stream object: the dictionary gets /Length (and /Filter /FlateDecode when `flate`);
    // extra keys go in through the callback's DictWriter. `data` is written as given (already
    // compressed when flate is true).
    template <class Keys>
    void stream(Ref r, std::string_view data, bool flate, Keys&& keys) {
        beginObject(r);
        {
            DictWriter d(out_);
            d.integer("Length", static_cast<long long>(data.size()));
            if (flate) d.name("Filter", "FlateDecode");
            keys(d);
        }
        endStream(data);
    }
    void stream(Ref r, std::string_view data, bool flate) {
        stream(r, data, flate, [](DictWriter&) {});
    }

    // Writes the xref table and the trailer (/Size /Root /Info /ID [<id> <id>]); returns the
    // file. `id` is 16 bytes. REQUIRES: every allocated object written. The writer is spent.
    std::string finish(Ref root, Ref info, std::string_view id);

    const std::string& bytes() const { return out_; }  // for hashing before finish()

private:
    void beginObject(Ref r);
    void endStream(std::string_view data);

    std::string out_;
    std::vector<std::uint64_t> offsets_;  // by object number - 1; 0 = not yet written
    bool objectOpen_ = false;
};

}  // namespace vanthu::pdf
