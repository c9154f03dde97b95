#include "text/legacy.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf8.h>

#include "core/c_handle.h"
#include "core/utf8.h"
#include "text/icu_bridge.h"
#include "text/legacy_tables.h"

namespace vanthu::text {

namespace {

using detail::check;
using detail::toIcu;
using detail::toUtf8;

using Converter = CHandle<UConverter, ucnv_close>;

constexpr const char* kCp1258 = "cp1258";  // "windows-1258" is an ambiguous alias (toolchain.md §5)

const char* encodingName(LegacyEncoding enc) {
    switch (enc) {
        case LegacyEncoding::Cp1258: return "CP1258";
        case LegacyEncoding::Tcvn3: return "TCVN3";
        case LegacyEncoding::Vni: return "VNI";
    }
    return "?";
}

const icu::Normalizer2& nfdInstance() {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(ec);
    check(ec, "NFD instance");
    return *n;
}

const icu::Normalizer2& nfcInstance() {
    UErrorCode ec = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(ec);
    check(ec, "NFC instance");
    return *n;
}

// ---- TCVN3 ----------------------------------------------------------------------------------

// The full 256-entry TCVN 5712 VN1 decode table (legacy_tables.h).
const std::array<char16_t, 256>& tcvn3Decode() {
    static const std::array<char16_t, 256> table = [] {
        std::array<char16_t, 256> t{};
        for (unsigned b = 0; b < 0x80; ++b) t[b] = static_cast<char16_t>(b);
        for (const auto& o : legacy::kTcvn3Controls) t[o.byte] = o.cp;
        for (unsigned b = 0; b < 0x80; ++b) t[0x80 + b] = legacy::kTcvn3High[b];
        return t;
    }();
    return table;
}

// VN3, what .VnTime draws: VN1 minus the upper-case toned vowels (only Ă Â Ê Ô Ơ Ư Đ are upper
// case there) and minus the combining tone marks — every Vietnamese letter has its own byte, and
// faking "Ấ" as Â + combining acute would hide exactly the loss the caller must be told about.
const std::unordered_map<char32_t, std::uint8_t>& tcvn3Encode() {
    static const std::unordered_map<char32_t, std::uint8_t> map = [] {
        std::unordered_map<char32_t, std::uint8_t> m;
        const auto& dec = tcvn3Decode();
        for (unsigned b = 0; b < 256; ++b) {
            const char32_t cp = dec[b];
            const bool combining = u_getCombiningClass(static_cast<UChar32>(cp)) != 0;
            const bool vn3Upper = cp == U'\u0102' || cp == U'\u00C2' || cp == U'\u00CA' || cp == U'\u00D4' ||
                                  cp == U'\u01A0' || cp == U'\u01AF' || cp == U'\u0110';
            const bool upperToned = u_isupper(static_cast<UChar32>(cp)) && cp >= 0x80 && !vn3Upper;
            if (combining || upperToned) continue;
            m.emplace(cp, static_cast<std::uint8_t>(b));
        }
        return m;
    }();
    return map;
}

std::string decodeTcvn3(std::string_view bytes) {
    const auto& dec = tcvn3Decode();
    icu::UnicodeString s;
    for (const char c : bytes) s.append(static_cast<UChar>(dec[static_cast<unsigned char>(c)]));
    return toUtf8(s);  // NFC'd by the caller: B0–B4 are combining marks
}

// ---- VNI ------------------------------------------------------------------------------------

std::string decodeVni(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out.push_back(c);
        } else if (const char* s = legacy::kVniHigh[b - 0x80]) {
            out += s;
        } else {
            out += "\uFFFD";
        }
    }
    return out;  // marks follow their base; the caller's NFC composes them
}

legacy::Tone toneOf(UChar mark) {
    switch (mark) {
        case 0x0301: return legacy::kAcute;
        case 0x0300: return legacy::kGrave;
        case 0x0309: return legacy::kHook;
        case 0x0303: return legacy::kTilde;
        case 0x0323: return legacy::kDot;
        default: return legacy::kToneCount;  // not a tone mark
    }
}

// One code point to VNI bytes, or false. Uses the NFD decomposition (base + at most one vowel
// modifier + at most one tone) so the 134 letters need no 134-row table.
bool encodeVniChar(UChar32 cp, std::string& out) {
    if (cp < 0x80) { out.push_back(static_cast<char>(cp)); return true; }
    switch (cp) {
        case 0x00A0: out.push_back('\xA0'); return true;
        case 0x0111: out.push_back(static_cast<char>(legacy::kVniDStrokeLower)); return true;
        case 0x0110: out.push_back(static_cast<char>(legacy::kVniDStrokeUpper)); return true;
        default: break;
    }
    icu::UnicodeString d;
    if (!nfdInstance().getDecomposition(cp, d) || d.length() < 2) return false;
    const UChar base = d.charAt(0);
    const bool upper = base >= u'A' && base <= u'Z';
    const UChar lower = upper ? static_cast<UChar>(base + 0x20) : base;
    if (lower != u'a' && lower != u'e' && lower != u'i' && lower != u'o' && lower != u'u' && lower != u'y')
        return false;
    UChar modifier = 0;
    int tone = legacy::kNoTone;
    for (int32_t k = 1; k < d.length(); ++k) {
        const UChar m = d.charAt(k);
        if (m == 0x0302 || m == 0x0306 || m == 0x031B) {
            if (modifier) return false;
            modifier = m;
        } else if (const auto t = toneOf(m); t != legacy::kToneCount && tone == legacy::kNoTone) {
            tone = t;
        } else {
            return false;  // ä, ñ, a second tone …: not Vietnamese
        }
    }
    const legacy::VniMarks& marks = upper ? legacy::kVniUpper : legacy::kVniLower;
    auto put = [&out](unsigned b) { out.push_back(static_cast<char>(b)); };
    if (modifier == 0x031B) {  // horn: ơ/ư are base bytes of their own
        if (lower != u'o' && lower != u'u') return false;
        put(lower == u'o' ? (upper ? legacy::kVniOHornUpper : legacy::kVniOHornLower)
                          : (upper ? legacy::kVniUHornUpper : legacy::kVniUHornLower));
        if (tone != legacy::kNoTone) put(marks.tone[tone]);
        return true;
    }
    if (modifier == 0x0302) {
        if (lower != u'a' && lower != u'e' && lower != u'o') return false;
        put(base);
        put(marks.circumflex[tone]);
        return true;
    }
    if (modifier == 0x0306) {
        if (lower != u'a') return false;
        put(base);
        put(marks.breve[tone]);
        return true;
    }
    if (lower == u'i') { put(upper ? legacy::kVniIUpper[tone] : legacy::kVniILower[tone]); return true; }
    if (lower == u'y' && tone == legacy::kDot) { put(upper ? legacy::kVniYDotUpper : legacy::kVniYDotLower); return true; }
    if (tone == legacy::kNoTone) return false;  // unreachable: a decomposition has a mark
    put(base);
    put(marks.tone[tone]);
    return true;
}

// ---- CP1258 ---------------------------------------------------------------------------------

Converter openCp1258() {
    UErrorCode ec = U_ZERO_ERROR;
    Converter conv(ucnv_open(kCp1258, &ec));
    check(ec, "ucnv_open(cp1258)");
    return conv;
}

// Bytes Windows-1258 leaves undefined (81 8A 8D–90 9A 9D 9E) come back as the C1 controls
// U+0081 …, as ICU's table (and Windows) map them; they are not letters either way.
std::string decodeCp1258(std::string_view bytes) {
    Converter conv = openCp1258();
    UErrorCode ec = U_ZERO_ERROR;
    // SBCS: one UTF-16 unit per byte at most.
    icu::UnicodeString s;
    const int32_t capacity = narrow<int32_t>(bytes.size()) + 1;
    UChar* buf = s.getBuffer(capacity);
    const int32_t n = ucnv_toUChars(conv.get(), buf, capacity, bytes.data(), narrow<int32_t>(bytes.size()), &ec);
    s.releaseBuffer(U_SUCCESS(ec) ? n : 0);
    check(ec, "ucnv_toUChars(cp1258)");
    return toUtf8(s);
}

// The "tone-decomposed" form Windows-1258 expects (toolchain.md §5): NFD, then put back only the
// vowel modifiers (circumflex, breve, horn) on their base — â ê ô ă ơ ư have bytes of their own,
// tone marks are separate bytes.
icu::UnicodeString toneDecomposed(UChar32 cp) {
    icu::UnicodeString d;
    if (!nfdInstance().getDecomposition(cp, d)) return icu::UnicodeString(cp);
    icu::UnicodeString out;
    UChar32 base = d.char32At(0);
    icu::UnicodeString rest;
    for (int32_t k = U16_LENGTH(base); k < d.length();) {
        const UChar32 m = d.char32At(k);
        k += U16_LENGTH(m);
        if (m == 0x0302 || m == 0x0306 || m == 0x031B) {
            const UChar32 composed = nfcInstance().composePair(base, m);
            if (composed >= 0) { base = composed; continue; }
        }
        rest.append(m);
    }
    out.append(base);
    out.append(rest);
    return out;
}

// Converts one code point; false if cp1258 cannot represent it. The STOP callback turns ICU's
// silent 0x1A substitution into U_INVALID_CHAR_FOUND.
bool encodeCp1258Char(UConverter* conv, UChar32 cp, std::string& out) {
    const icu::UnicodeString src = toneDecomposed(cp);
    char buf[16];
    UErrorCode ec = U_ZERO_ERROR;
    const int32_t n = ucnv_fromUChars(conv, buf, sizeof buf, src.getBuffer(), src.length(), &ec);
    if (ec == U_INVALID_CHAR_FOUND || ec == U_ILLEGAL_CHAR_FOUND) return false;
    check(ec, "ucnv_fromUChars(cp1258)");
    out.append(buf, static_cast<std::size_t>(n));
    return true;
}

// ---- errors ---------------------------------------------------------------------------------

std::string codePointLabel(UChar32 cp) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
    if (u_iscntrl(cp)) return hex;
    std::string s = "'";
    appendUtf8(s, static_cast<char32_t>(cp));
    return s + "' (" + hex + ")";
}

Error unrepresentable(UChar32 cp, LegacyEncoding enc, int line, int column) {
    const std::string what = codePointLabel(cp);
    const std::string name = encodingName(enc);
    Error e;
    e.code = Errc::InvalidInput;
    e.line = line;
    e.column = column;
    e.messageEn = "character " + what + " at line " + std::to_string(line) + ", column " + std::to_string(column) +
                  " cannot be written in " + name;
    e.messageVi = "Ký tự " + what + " ở dòng " + std::to_string(line) + ", cột " + std::to_string(column) +
                  " không biểu diễn được trong bảng mã " + name;
    if (enc == LegacyEncoding::Tcvn3 && u_isupper(cp)) {
        e.messageEn += " (TCVN3 has no upper-case letters with tone marks)";
        e.messageVi += " (TCVN3 không có chữ hoa mang dấu thanh)";
    }
    return e;
}

}  // namespace

std::string decodeLegacy(std::string_view bytes, LegacyEncoding enc) {
    std::string unicode;
    switch (enc) {
        case LegacyEncoding::Cp1258: unicode = decodeCp1258(bytes); break;
        case LegacyEncoding::Tcvn3: unicode = decodeTcvn3(bytes); break;
        case LegacyEncoding::Vni: unicode = decodeVni(bytes); break;
    }
    return nfc(unicode);  // CP1258 and VNI carry tones as separate marks; TCVN3 may too (B0–B4)
}

Result<std::string> encodeLegacy(std::string_view utf8, LegacyEncoding enc) {
    if (const auto at = firstInvalidUtf8(utf8)) {
        Error e;
        e.code = Errc::InvalidInput;
        e.messageEn = "invalid UTF-8 at byte " + std::to_string(*at);
        e.messageVi = "UTF-8 không hợp lệ tại byte " + std::to_string(*at);
        return e;
    }
    const std::string text = nfc(utf8);
    Converter conv = enc == LegacyEncoding::Cp1258 ? openCp1258() : Converter{};
    if (conv) {
        UErrorCode ec = U_ZERO_ERROR;
        ucnv_setFromUCallBack(conv.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
        check(ec, "ucnv_setFromUCallBack");
    }
    const auto& tcvn3 = tcvn3Encode();

    std::string out;
    out.reserve(text.size());
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    const int32_t length = narrow<int32_t>(text.size());
    int line = 1, column = 0;
    for (int32_t i = 0; i < length;) {
        UChar32 cp = 0;
        U8_NEXT(p, i, length, cp);
        ++column;
        bool ok = false;
        switch (enc) {
            case LegacyEncoding::Tcvn3:
                if (const auto it = tcvn3.find(static_cast<char32_t>(cp)); it != tcvn3.end()) {
                    out.push_back(static_cast<char>(it->second));
                    ok = true;
                }
                break;
            case LegacyEncoding::Vni: ok = encodeVniChar(cp, out); break;
            case LegacyEncoding::Cp1258: ok = encodeCp1258Char(conv.get(), cp, out); break;
        }
        if (!ok) return unrepresentable(cp, enc, line, column);
        if (cp == '\n') { ++line; column = 0; }
    }
    return out;
}

}  // namespace vanthu::text
