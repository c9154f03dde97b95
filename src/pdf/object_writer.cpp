#include "pdf/object_writer.h"

#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include "core/utf8.h"

namespace vanthu::pdf {

void appendReal(std::string& out, double v) {
    if (v > -0.0005 && v < 0.0005) v = 0;  // no "-0"
    char buf[48];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 3);
    if (ec != std::errc{}) throw std::range_error("appendReal");
    while (end[-1] == '0') --end;
    if (end[-1] == '.') --end;
    out.append(buf, end);
}

namespace {
void appendInt(std::string& out, long long v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    (void)ec;
    out.append(buf, end);
}
void appendRef(std::string& out, Ref r) {
    appendInt(out, r.id);
    out += " 0 R";
}
constexpr char kHex[] = "0123456789ABCDEF";
void hex4(std::string& out, unsigned v) {
    for (int s = 12; s >= 0; s -= 4) out += kHex[(v >> s) & 0xF];
}
}  // namespace

void appendName(std::string& out, std::string_view name) {
    out += '/';
    for (unsigned char c : name) {
        const bool regular = c > 0x20 && c < 0x7F && std::string_view("()<>[]{}/%#").find(static_cast<char>(c)) == std::string_view::npos;
        if (regular) {
            out += static_cast<char>(c);
        } else {
            out += '#';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
}

void appendTextString(std::string& out, std::string_view utf8) {
    out += "<FEFF";
    appendUtf16BeHex(out, utf8);
    out += '>';
}

void appendUtf16BeHex(std::string& out, std::string_view utf8) {
    for (std::size_t i = 0; i < utf8.size();) {
        char32_t c = decodeUtf8(utf8, i);
        if (c >= 0x10000) {
            c -= 0x10000;
            hex4(out, 0xD800 + (c >> 10));
            hex4(out, 0xDC00 + (c & 0x3FF));
        } else {
            hex4(out, c);
        }
    }
}

void appendLiteral(std::string& out, std::string_view bytes) {
    out += '(';
    for (char c : bytes) {
        if (c == '\\' || c == '(' || c == ')') out += '\\';
        out += c;
    }
    out += ')';
}

// ---- DictWriter ----

DictWriter::DictWriter(std::string& out, const char* suffix) : out_(&out), suffix_(suffix) { *out_ += "<<"; }
DictWriter::DictWriter(DictWriter&& o) noexcept : out_(o.out_), suffix_(o.suffix_) { o.out_ = nullptr; }
DictWriter::~DictWriter() { close(); }
void DictWriter::close() {
    if (!out_) return;
    *out_ += ">>";
    *out_ += suffix_;
    out_ = nullptr;
}
DictWriter& DictWriter::pair(std::string_view key, Ref r) {
    appendName(*out_, key);
    *out_ += ' ';
    appendRef(*out_, r);
    return *this;
}
DictWriter& DictWriter::pair(std::string_view key, double v) {
    appendName(*out_, key);
    *out_ += ' ';
    appendReal(*out_, v);
    return *this;
}
DictWriter& DictWriter::integer(std::string_view key, long long v) {
    appendName(*out_, key);
    *out_ += ' ';
    appendInt(*out_, v);
    return *this;
}
DictWriter& DictWriter::name(std::string_view key, std::string_view value) {
    appendName(*out_, key);
    appendName(*out_, value);
    return *this;
}
DictWriter& DictWriter::text(std::string_view key, std::string_view utf8) {
    appendName(*out_, key);
    appendTextString(*out_, utf8);
    return *this;
}
DictWriter& DictWriter::literal(std::string_view key, std::string_view bytes) {
    appendName(*out_, key);
    appendLiteral(*out_, bytes);
    return *this;
}
DictWriter& DictWriter::raw(std::string_view key, std::string_view pdf) {
    appendName(*out_, key);
    *out_ += ' ';
    *out_ += pdf;
    return *this;
}
DictWriter DictWriter::dict(std::string_view key) {
    appendName(*out_, key);
    return DictWriter(*out_);
}
ArrayWriter DictWriter::array(std::string_view key) {
    appendName(*out_, key);
    return ArrayWriter(*out_);
}

// ---- ArrayWriter ----

ArrayWriter::ArrayWriter(std::string& out) : out_(&out) { *out_ += '['; }
ArrayWriter::ArrayWriter(ArrayWriter&& o) noexcept : out_(o.out_) { o.out_ = nullptr; }
ArrayWriter::~ArrayWriter() { close(); }
void ArrayWriter::close() {
    if (!out_) return;
    *out_ += ']';
    out_ = nullptr;
}
ArrayWriter& ArrayWriter::item(Ref r) {
    if (out_->back() != '[') *out_ += ' ';
    appendRef(*out_, r);
    return *this;
}
ArrayWriter& ArrayWriter::item(double v) {
    if (out_->back() != '[') *out_ += ' ';
    appendReal(*out_, v);
    return *this;
}
ArrayWriter& ArrayWriter::integer(long long v) {
    if (out_->back() != '[') *out_ += ' ';
    appendInt(*out_, v);
    return *this;
}
ArrayWriter& ArrayWriter::name(std::string_view n) {
    appendName(*out_, n);
    return *this;
}
ArrayWriter& ArrayWriter::raw(std::string_view pdf) {
    if (out_->back() != '[') *out_ += ' ';
    *out_ += pdf;
    return *this;
}
DictWriter ArrayWriter::dict() { return DictWriter(*out_); }
ArrayWriter ArrayWriter::array() { return ArrayWriter(*out_); }

// ---- ObjectWriter ----

ObjectWriter::ObjectWriter() {
    out_.reserve(1 << 16);
    out_ += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
}

Ref ObjectWriter::alloc() {
    offsets_.push_back(0);
    return Ref{static_cast<std::uint32_t>(offsets_.size())};
}

void ObjectWriter::beginObject(Ref r) {
    if (r.id == 0 || r.id > offsets_.size() || offsets_[r.id - 1] != 0)
        throw std::logic_error("pdf: object " + std::to_string(r.id) + " not allocated or written twice");
    offsets_[r.id - 1] = out_.size();
    appendInt(out_, r.id);
    out_ += " 0 obj\n";
}

DictWriter ObjectWriter::dict(Ref r) {
    beginObject(r);
    return DictWriter(out_, "\nendobj\n");
}

void ObjectWriter::endStream(std::string_view data) {
    out_ += "\nstream\n";  // §7.3.8.1: EOL after "stream"; PDF/A-2 wants one before "endstream" too
    out_.append(data);
    out_ += "\nendstream\nendobj\n";
}

std::string ObjectWriter::finish(Ref root, Ref info, std::string_view id) {
    for (std::size_t i = 0; i < offsets_.size(); ++i)
        if (offsets_[i] == 0) throw std::logic_error("pdf: object " + std::to_string(i + 1) + " allocated, never written");
    const std::uint64_t xref = out_.size();
    out_ += "xref\n0 ";
    appendInt(out_, static_cast<long long>(offsets_.size() + 1));
    out_ += "\n0000000000 65535 f\r\n";  // each entry exactly 20 bytes (§7.5.4)
    for (std::uint64_t off : offsets_) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%010llu 00000 n\r\n", static_cast<unsigned long long>(off));
        out_ += buf;
    }
    out_ += "trailer\n";
    {
        DictWriter t(out_);
        t.integer("Size", static_cast<long long>(offsets_.size() + 1)).pair("Root", root).pair("Info", info);
        std::string ids = "<";
        for (unsigned char c : id) {
            ids += kHex[c >> 4];
            ids += kHex[c & 0xF];
        }
        ids += ">";
        t.raw("ID", "[" + ids + " " + ids + "]");
    }
    out_ += "\nstartxref\n";
    appendInt(out_, static_cast<long long>(xref));
    out_ += "\n%%EOF\n";
    return std::move(out_);
}

}  // namespace vanthu::pdf
