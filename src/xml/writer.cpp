#include "xml/writer.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace vanthu::xml {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Byte classes: 0 = copy as is; otherwise the byte needs a look (escape, replace or check).
enum : std::uint8_t { kPlain = 0, kEscape = 1, kForbidden = 2, kMaybeNonChar = 3 };

constexpr std::array<std::uint8_t, 256> makeTable(bool attribute) {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = kForbidden;  // XML 1.0 §2.2 Char excludes most C0
    t['\t'] = attribute ? kEscape : kPlain;
    t['\n'] = attribute ? kEscape : kPlain;
    t['\r'] = kEscape;  // a literal CR would be normalised to LF by any parser (§2.11)
    t['&'] = kEscape;
    t['<'] = kEscape;
    t['>'] = kEscape;   // needed only in "]]>", escaped always for simplicity
    if (attribute) t['"'] = kEscape;
    t[0xEF] = kMaybeNonChar;  // EF BF BE / EF BF BF = U+FFFE / U+FFFF, not XML characters
    return t;
}

constexpr auto kTextTable = makeTable(false);
constexpr auto kAttrTable = makeTable(true);

std::string_view escapeFor(char c) {
    switch (c) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return "&quot;";
        case '\t': return "&#9;";
        case '\n': return "&#10;";
        case '\r': return "&#13;";
        default: return {};
    }
}

// SWAR tests on 8 bytes at once (Bit Twiddling Hacks, "Determine if a word has a byte less than
// n"): exact as "is there any", which is all the fast path asks.
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;
constexpr std::uint64_t anyLess(std::uint64_t x, std::uint8_t n) { return (x - kOnes * n) & ~x & kHighs; }
constexpr std::uint64_t anyEqual(std::uint64_t x, std::uint8_t b) { return anyLess(x ^ (kOnes * b), 1); }

// True if the 8 bytes at p may need a look: a C0 control, & < > (and " in attributes) or 0xEF.
inline bool maybeSpecial(const char* p, bool attribute) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    std::uint64_t hit = anyLess(x, 0x20) | anyEqual(x, '&') | anyEqual(x, '<') | anyEqual(x, '>') | anyEqual(x, 0xEF);
    if (attribute) hit |= anyEqual(x, '"');
    return hit != 0;
}

// One pass: skips clean 8-byte blocks, copies plain stretches with a single append each.
void appendEscaped(std::string& out, std::string_view s, const std::array<std::uint8_t, 256>& table, bool attribute) {
    const char* p = s.data();
    const char* const end = p + s.size();
    const char* plain = p;
    while (p != end) {
        if (end - p >= 8 && !maybeSpecial(p, attribute)) {
            p += 8;
            continue;
        }
        const std::uint8_t cls = table[static_cast<unsigned char>(*p)];
        if (cls == kPlain) {
            ++p;
            continue;
        }
        if (cls == kMaybeNonChar) {
            const bool nonChar = end - p >= 3 && static_cast<unsigned char>(p[1]) == 0xBF &&
                                 (static_cast<unsigned char>(p[2]) == 0xBE || static_cast<unsigned char>(p[2]) == 0xBF);
            if (!nonChar) {
                ++p;
                continue;
            }
            out.append(plain, p);
            out.append(kReplacement);
            p += 3;
            plain = p;
            continue;
        }
        out.append(plain, p);
        out.append(cls == kEscape ? escapeFor(*p) : kReplacement);
        ++p;
        plain = p;
    }
    out.append(plain, end);
}

}  // namespace

void appendEscapedText(std::string& out, std::string_view s) { appendEscaped(out, s, kTextTable, false); }
void appendEscapedAttr(std::string& out, std::string_view s) { appendEscaped(out, s, kAttrTable, true); }

Writer::Writer(std::string& out, bool declaration) : out_(out) {
    stack_.reserve(16);
    if (declaration) out_.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
}

void Writer::finishStartTag() {
    if (startTagOpen_) {
        out_.push_back('>');
        startTagOpen_ = false;
    }
}

Writer& Writer::open(std::string_view qname) {
    finishStartTag();
    out_.push_back('<');
    out_.append(qname);
    stack_.push_back(qname);
    startTagOpen_ = true;
    return *this;
}

Writer& Writer::attr(std::string_view qname, std::string_view value) {
    if (!startTagOpen_) throw std::logic_error("xml::Writer::attr outside a start tag");
    out_.push_back(' ');
    out_.append(qname);
    out_.append("=\"");
    appendEscapedAttr(out_, value);
    out_.push_back('"');
    return *this;
}

Writer& Writer::attr(std::string_view qname, long long value) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    assert(ec == std::errc{});
    (void)ec;
    if (!startTagOpen_) throw std::logic_error("xml::Writer::attr outside a start tag");
    out_.push_back(' ');
    out_.append(qname);
    out_.append("=\"");
    out_.append(buf, end);
    out_.push_back('"');
    return *this;
}

Writer& Writer::text(std::string_view utf8) {
    finishStartTag();
    appendEscapedText(out_, utf8);
    return *this;
}

Writer& Writer::raw(std::string_view xml) {
    finishStartTag();
    out_.append(xml);
    return *this;
}

Writer& Writer::close() {
    if (stack_.empty()) throw std::logic_error("xml::Writer::close with no open element");
    if (startTagOpen_) {
        out_.append("/>");
        startTagOpen_ = false;
    } else {
        out_.append("</");
        out_.append(stack_.back());
        out_.push_back('>');
    }
    stack_.pop_back();
    return *this;
}

}  // namespace vanthu::xml
