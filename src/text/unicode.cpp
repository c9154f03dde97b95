#include "text/unicode.h"

#include <memory>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>

#include "text/icu_bridge.h"

namespace vanthu::text {

namespace {

using detail::check;
using detail::requireValidUtf8;
using detail::toIcu;
using detail::toUtf8;

constexpr bool isCont(unsigned char b) { return (b & 0xC0) == 0x80; }

const icu::Normalizer2& nfcInstance() {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(ec);  // ICU-owned singleton, immutable
    check(ec, "NFC instance");
    return *n;
}

const icu::Normalizer2& nfdInstance() {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(ec);
    check(ec, "NFD instance");
    return *n;
}

const icu::Locale& vietnamese() {
    static const icu::Locale vi("vi");
    return vi;
}

// Search fold (toolchain.md §5): marks go through NFD + removal, but đ has no decomposition, so
// it needs its own rule. Lower comes last so Đ → d too; the trailing NFC keeps our "NFC
// everywhere" promise for non-Vietnamese input.
std::unique_ptr<icu::Transliterator> makeFolder() {
    UErrorCode ec = U_ZERO_ERROR;
    UParseError pe{};
    const auto rules = icu::UnicodeString::fromUTF8(
        ":: NFD; :: [:Nonspacing Mark:] Remove; :: NFC; \\u0111 > d; \\u0110 > d; :: Lower; :: NFC;");
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createFromRules("vanthu-fold", rules, UTRANS_FORWARD, pe, ec));
    check(ec, "fold transliterator");
    return t;
}

}  // namespace

std::string nfc(std::string_view utf8) {
    requireValidUtf8(utf8, "nfc");
    UErrorCode ec = U_ZERO_ERROR;
    const auto& n = nfcInstance();
    // Fast path: most of our text is already NFC (ASCII always is).
    const auto src = toIcu(utf8);
    if (n.isNormalized(src, ec) && U_SUCCESS(ec)) return std::string(utf8);
    ec = U_ZERO_ERROR;
    const icu::UnicodeString out = n.normalize(src, ec);
    check(ec, "NFC");
    return toUtf8(out);
}

std::string nfd(std::string_view utf8) {
    requireValidUtf8(utf8, "nfd");
    UErrorCode ec = U_ZERO_ERROR;
    const icu::UnicodeString out = nfdInstance().normalize(toIcu(utf8), ec);
    check(ec, "NFD");
    return toUtf8(out);
}

bool isNfc(std::string_view utf8) {
    requireValidUtf8(utf8, "isNfc");
    UErrorCode ec = U_ZERO_ERROR;
    const bool yes = nfcInstance().isNormalized(toIcu(utf8), ec);
    check(ec, "isNormalized");
    return yes;
}

std::string toUpper(std::string_view utf8) {
    requireValidUtf8(utf8, "toUpper");
    // NFC first: the full case mapping works on NFD too, but callers expect NFC back.
    icu::UnicodeString s = toIcu(nfc(utf8));
    s.toUpper(vietnamese());
    return nfc(toUtf8(s));
}

std::string toLower(std::string_view utf8) {
    requireValidUtf8(utf8, "toLower");
    icu::UnicodeString s = toIcu(nfc(utf8));
    s.toLower(vietnamese());
    return nfc(toUtf8(s));
}

std::string fold(std::string_view utf8) {
    requireValidUtf8(utf8, "fold");
    // Transliterator::transliterate is not safe on a shared instance (translit.h), hence a
    // per-thread clone of one prototype built from the rules once.
    static const detail::PerThread<icu::Transliterator> folder(makeFolder());
    icu::UnicodeString s = toIcu(utf8);
    folder.local().transliterate(s);
    return toUtf8(s);
}

std::size_t codePointCount(std::string_view utf8) {
    requireValidUtf8(utf8, "codePointCount");
    std::size_t count = 0;
    for (const char c : utf8)
        if (!isCont(static_cast<unsigned char>(c))) ++count;  // valid UTF-8: one lead byte per code point
    return count;
}

}  // namespace vanthu::text
