#include "text/line_break.h"

#include <memory>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "text/icu_bridge.h"

namespace vanthu::text {

namespace {

using detail::check;
using detail::requireValidUtf8;
using detail::toIcu;

std::unique_ptr<icu::BreakIterator> makeLineBreaker() {
    UErrorCode ec = U_ZERO_ERROR;
    // ICU has no "vi" line rules (U_USING_DEFAULT_WARNING, toolchain.md §5): these are the root
    // UAX #14 rules, which break at spaces — right for syllable-by-syllable Vietnamese.
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createLineInstance(icu::Locale("vi"), ec));
    check(ec, "line BreakIterator");
    return it;
}

// Spans that UAX #14 would cut after '/' or '-' but Vietnamese typesetting keeps whole:
//   date           19/6/2015, 26/02/2018
//   số, ký hiệu    01/2018/QĐ-UBND, 1020/QĐ-BTP, 05/BNV-VP, 15/NHNo.ĐT-VP (decree-30-2020.md §4);
//                  also with the number still open, as drafts and forms print it:
//                  "…/QĐ-UBND", ".../QĐ-UBND", and "Số:      /QĐ-UBND" (blank before signing)
//   trích yếu      V/v
// The look-arounds stop a match from starting or ending inside a longer word, so "và/hoặc"
// still breaks after the slash. Like the rest of vanthu this expects NFC text: "Số" with a
// decomposed ố would not match the label rules.
std::string unbreakableRegex() {
    const std::string symbol = "/[\\p{L}\\p{N}.&]+(?:-[\\p{L}\\p{N}.&]+)*";  // /QĐ-UBND, /NHNo.ĐT-VP
    return "(?<![\\p{L}\\p{N}])"
           "(?:\\d{1,2}/\\d{1,2}/\\d{4}"
           "|(?:\\d+|\\u2026|\\.{3})(?:/\\d{4})?" + symbol +
           "|(?<=[Ss]ố:[ \\u00A0]{1,40})(?:/\\d{4})?" + symbol +
           "|V/v)"
           "(?![\\p{L}\\p{N}])";
}

// "Số: 05/BNV-VP" is one unit on the header line: no break between the label and the number.
// Only the label with its colon; running text ("số 01/2018/QĐ-UBND") may break after "số ".
std::string labelRegex() { return "(?<![\\p{L}\\p{N}])[Ss]ố:[ \\u00A0]+(?=\\d|\\u2026|\\.{3})"; }

std::unique_ptr<const icu::RegexPattern> compile(const std::string& pattern) {
    UErrorCode ec = U_ZERO_ERROR;
    UParseError pe{};
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), pe, ec));
    check(ec, "line-break pattern");
    return p;
}

// A RegexPattern is immutable once compiled and may be shared; the matchers made from it hold
// the match state, so each call makes its own.
const icu::RegexPattern& unbreakablePattern() {
    static const auto p = compile(unbreakableRegex());
    return *p;
}
const icu::RegexPattern& labelPattern() {
    static const auto p = compile(labelRegex());
    return *p;
}

// ICU works in UTF-16 code units, callers in UTF-8 bytes. byteOffsetOf[u16Offset] is the byte
// offset of the code point starting at that unit (the trail half of a surrogate pair maps to
// npos: no boundary can fall there).
std::vector<std::size_t> byteOffsetsByU16(std::string_view utf8) {
    std::vector<std::size_t> byteOffsetOf;
    byteOffsetOf.reserve(utf8.size() + 1);
    const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
    const int32_t length = narrow<int32_t>(utf8.size());
    int32_t i = 0;
    while (i < length) {
        const auto byteOffset = static_cast<std::size_t>(i);
        UChar32 c = 0;
        U8_NEXT(p, i, length, c);  // input already validated, so c >= 0
        byteOffsetOf.push_back(byteOffset);
        if (U16_LENGTH(c) == 2) byteOffsetOf.push_back(std::string_view::npos);
    }
    byteOffsetOf.push_back(utf8.size());
    return byteOffsetOf;
}

}  // namespace

std::vector<std::size_t> breakOpportunities(std::string_view utf8) {
    requireValidUtf8(utf8, "breakOpportunities");
    if (utf8.empty()) return {};
    const icu::UnicodeString text = toIcu(utf8);

    // 1. UAX #14 opportunities, in UTF-16 offsets. BreakIterator keeps the text and a position:
    //    one clone per thread.
    static const detail::PerThread<icu::BreakIterator> breaker(makeLineBreaker());
    icu::BreakIterator& it = breaker.local();
    it.setText(text);
    std::vector<int32_t> u16Breaks;
    for (int32_t u16Offset = it.next(); u16Offset != icu::BreakIterator::DONE; u16Offset = it.next())
        if (u16Offset > 0 && u16Offset < text.length()) u16Breaks.push_back(u16Offset);
    it.setText(icu::UnicodeString());  // do not keep a pointer into this call's text alive

    // 2. Remove the ones our rules forbid: strictly inside an unbreakable span, and at the end of
    //    a "Số: " label.
    std::vector<bool> forbidden(static_cast<std::size_t>(text.length()) + 1, false);
    UErrorCode ec = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(unbreakablePattern().matcher(text, ec));
    check(ec, "RegexMatcher");
    while (m->find(ec) && U_SUCCESS(ec)) {
        const int32_t u16Start = m->start(ec), u16End = m->end(ec);
        for (int32_t u16Offset = u16Start + 1; u16Offset < u16End; ++u16Offset)
            forbidden[static_cast<std::size_t>(u16Offset)] = true;
    }
    check(ec, "unbreakable spans");
    std::unique_ptr<icu::RegexMatcher> label(labelPattern().matcher(text, ec));
    check(ec, "RegexMatcher");
    while (label->find(ec) && U_SUCCESS(ec))
        forbidden[static_cast<std::size_t>(label->end(ec))] = true;
    check(ec, "label spans");

    // 3. Back to UTF-8 byte offsets.
    const std::vector<std::size_t> byteOffsetOf = byteOffsetsByU16(utf8);
    std::vector<std::size_t> out;
    out.reserve(u16Breaks.size());
    for (const int32_t u16Offset : u16Breaks) {
        const auto u16 = static_cast<std::size_t>(u16Offset);
        if (forbidden[u16]) continue;
        const std::size_t byteOffset = byteOffsetOf.at(u16);
        if (byteOffset == std::string_view::npos)
            throw Failure(Errc::Internal, "line break inside a surrogate pair");
        out.push_back(byteOffset);
    }
    return out;
}

std::vector<std::string> lineSegments(std::string_view utf8) {
    std::vector<std::string> segments;
    if (utf8.empty()) return segments;
    std::size_t from = 0;
    for (const std::size_t byteOffset : breakOpportunities(utf8)) {
        segments.emplace_back(utf8.substr(from, byteOffset - from));
        from = byteOffset;
    }
    segments.emplace_back(utf8.substr(from));  // opportunities exclude size(), so never empty
    return segments;
}

}  // namespace vanthu::text
