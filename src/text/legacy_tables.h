// text/legacy_tables.h: PRIVATE to text/legacy.cpp. Byte tables of the two pre-Unicode
// Vietnamese encodings that ICU cannot convert (toolchain.md §5). Written by hand from the
// published assignments; every value was checked against at least two independent sources:
//
//   TCVN 5712:1993 ("TCVN3", "ABC", the .VnTime fonts)
//     - glibc iconv "TCVN5712-1" (all 256 bytes; TextLegacy.Tcvn3TableMatchesGlibc re-checks this
//       on every test run),
//     - xvnkb tcvn.h (Dao Hai Lam, 2002) and VBKey Modules/mdlCodeTable.bas TCVN3_TABLE
//       (lower-case letters and the seven upper-case Ă Â Đ Ê Ô Ơ Ư).
//   VNI-Windows (VNI fonts: base letter + one mark byte; a few letters are single bytes)
//     - xvnkb vni.h, VBKey mdlCodeTable.bas VNI_WINDOWS_TABLE, duydev/vietnamese-conversion
//       src/charsets.ts (all three agree on every letter, both cases).
#pragma once

#include <array>
#include <cstdint>

namespace vanthu::text::legacy {

// --- TCVN 5712:1993 ---------------------------------------------------------------------------
// The standard defines VN1 (all 134 letters, the upper-case toned ones squeezed into C0 controls
// and 0x80–0x9F), VN2 and VN3. VN3 is the set the .VnTime fonts draw: every lower-case letter
// and only the seven upper-case Ă Â Ê Ô Ơ Ư Đ (upper case in those documents came from
// .VnTimeH fonts that draw lower-case bytes as capitals — information a converter cannot
// recover). We DECODE the full VN1 table (a VN3 byte never means anything else) and ENCODE only
// VN3 (legacy.cpp).

// 0x00–0x7F are ASCII except these VN1 positions (upper-case toned U and Y).
struct ControlOverride { std::uint8_t byte; char16_t cp; };
inline constexpr std::array<ControlOverride, 12> kTcvn3Controls = {{
    {0x01, u'\u00DA'},  // Ú
    {0x02, u'\u1EE4'},  // Ụ
    {0x04, u'\u1EEA'},  // Ừ
    {0x05, u'\u1EEC'},  // Ử
    {0x06, u'\u1EEE'},  // Ữ
    {0x11, u'\u1EE8'},  // Ứ
    {0x12, u'\u1EF0'},  // Ự
    {0x13, u'\u1EF2'},  // Ỳ
    {0x14, u'\u1EF6'},  // Ỷ
    {0x15, u'\u1EF8'},  // Ỹ
    {0x16, u'\u00DD'},  // Ý
    {0x17, u'\u1EF4'},  // Ỵ
}};

// 0x80–0xFF, sixteen per row.
inline constexpr std::array<char16_t, 128> kTcvn3High = {
    // 0x80  À       Ả       Ã       Á       Ạ       Ặ       Ậ       È
    u'\u00C0', u'\u1EA2', u'\u00C3', u'\u00C1', u'\u1EA0', u'\u1EB6', u'\u1EAC', u'\u00C8',
    //       Ẻ       Ẽ       É       Ẹ       Ệ       Ì       Ỉ       Ĩ
    u'\u1EBA', u'\u1EBC', u'\u00C9', u'\u1EB8', u'\u1EC6', u'\u00CC', u'\u1EC8', u'\u0128',
    // 0x90  Í       Ị       Ò       Ỏ       Õ       Ó       Ọ       Ộ
    u'\u00CD', u'\u1ECA', u'\u00D2', u'\u1ECE', u'\u00D5', u'\u00D3', u'\u1ECC', u'\u1ED8',
    //       Ờ       Ở       Ỡ       Ớ       Ợ       Ù       Ủ       Ũ
    u'\u1EDC', u'\u1EDE', u'\u1EE0', u'\u1EDA', u'\u1EE2', u'\u00D9', u'\u1EE6', u'\u0168',
    // 0xA0  NBSP    Ă       Â       Ê       Ô       Ơ       Ư       Đ
    u'\u00A0', u'\u0102', u'\u00C2', u'\u00CA', u'\u00D4', u'\u01A0', u'\u01AF', u'\u0110',
    //       ă       â       ê       ô       ơ       ư       đ       Ằ
    u'\u0103', u'\u00E2', u'\u00EA', u'\u00F4', u'\u01A1', u'\u01B0', u'\u0111', u'\u1EB0',
    // 0xB0  ◌̀       ◌̉       ◌̃       ◌́       ◌̣       à       ả       ã
    u'\u0300', u'\u0309', u'\u0303', u'\u0301', u'\u0323', u'\u00E0', u'\u1EA3', u'\u00E3',
    //       á       ạ       Ẳ       ằ       ẳ       ẵ       ắ       Ẵ
    u'\u00E1', u'\u1EA1', u'\u1EB2', u'\u1EB1', u'\u1EB3', u'\u1EB5', u'\u1EAF', u'\u1EB4',
    // 0xC0  Ắ       Ầ       Ẩ       Ẫ       Ấ       Ề       ặ       ầ
    u'\u1EAE', u'\u1EA6', u'\u1EA8', u'\u1EAA', u'\u1EA4', u'\u1EC0', u'\u1EB7', u'\u1EA7',
    //       ẩ       ẫ       ấ       ậ       è       Ể       ẻ       ẽ
    u'\u1EA9', u'\u1EAB', u'\u1EA5', u'\u1EAD', u'\u00E8', u'\u1EC2', u'\u1EBB', u'\u1EBD',
    // 0xD0  é       ẹ       ề       ể       ễ       ế       ệ       ì
    u'\u00E9', u'\u1EB9', u'\u1EC1', u'\u1EC3', u'\u1EC5', u'\u1EBF', u'\u1EC7', u'\u00EC',
    //       ỉ       Ễ       Ế       Ồ       ĩ       í       ị       ò
    u'\u1EC9', u'\u1EC4', u'\u1EBE', u'\u1ED2', u'\u0129', u'\u00ED', u'\u1ECB', u'\u00F2',
    // 0xE0  Ổ       ỏ       õ       ó       ọ       ồ       ổ       ỗ
    u'\u1ED4', u'\u1ECF', u'\u00F5', u'\u00F3', u'\u1ECD', u'\u1ED3', u'\u1ED5', u'\u1ED7',
    //       ố       ộ       ờ       ở       ỡ       ớ       ợ       ù
    u'\u1ED1', u'\u1ED9', u'\u1EDD', u'\u1EDF', u'\u1EE1', u'\u1EDB', u'\u1EE3', u'\u00F9',
    // 0xF0  Ỗ       ủ       ũ       ú       ụ       ừ       ử       ữ
    u'\u1ED6', u'\u1EE7', u'\u0169', u'\u00FA', u'\u1EE5', u'\u1EEB', u'\u1EED', u'\u1EEF',
    //       ứ       ự       ỳ       ỷ       ỹ       ý       ỵ       Ố
    u'\u1EE9', u'\u1EF1', u'\u1EF3', u'\u1EF7', u'\u1EF9', u'\u00FD', u'\u1EF5', u'\u1ED0',
};

// --- VNI-Windows ------------------------------------------------------------------------------
// A Windows-ANSI font whose Latin-1 accented positions were reused: a toned vowel is the ASCII
// base letter followed by one mark byte (lower-case marks 0xE0–0xFC, upper-case marks the same
// minus 0x20); i-with-tone, ỵ, ơ, ư and đ are single bytes. Mark bytes decode to combining
// marks, and NFC composes them with the base, so "a" F9 → á and "A" D9 → Á.
// Bytes not listed (nullptr) have no Vietnamese meaning we can vouch for: they decode to U+FFFD.
// 0xA0 is the ANSI no-break space, which every Windows font keeps.
inline constexpr std::array<const char*, 128> kVniHigh = {
    // 0x80–0x9F: unassigned
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    // 0xA0 NBSP, 0xA1–0xBF unassigned
    "\u00A0", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
    // 0xC0 upper-case marks and letters
    "\u0302\u0300",  // C0 circumflex + grave    (AÀ = Ầ)
    "\u0302\u0301",  // C1 circumflex + acute    (AÁ = Ấ)
    "\u0302",        // C2 circumflex            (AÂ = Â)
    "\u0302\u0303",  // C3 circumflex + tilde    (AÃ = Ẫ)
    "\u0323\u0302",  // C4 circumflex + dot      (AÄ = Ậ)
    "\u0302\u0309",  // C5 circumflex + hook     (AÅ = Ẩ)
    "\u1EC8",        // C6 Ỉ
    nullptr,         // C7
    "\u0306\u0300",  // C8 breve + grave         (AÈ = Ằ)
    "\u0306\u0301",  // C9 breve + acute         (AÉ = Ắ)
    "\u0306",        // CA breve                 (AÊ = Ă)
    "\u0323\u0306",  // CB breve + dot           (AË = Ặ)
    "\u00CC",        // CC Ì
    "\u00CD",        // CD Í
    "\u1EF4",        // CE Ỵ
    "\u0323",        // CF dot below             (AÏ = Ạ)
    nullptr,         // D0
    "\u0110",        // D1 Đ
    "\u1ECA",        // D2 Ị
    "\u0128",        // D3 Ĩ
    "\u01A0",        // D4 Ơ
    "\u0303",        // D5 tilde                 (AÕ = Ã)
    "\u01AF",        // D6 Ư
    nullptr,         // D7
    "\u0300",        // D8 grave                 (AØ = À)
    "\u0301",        // D9 acute                 (AÙ = Á)
    "\u0306\u0309",  // DA breve + hook          (AÚ = Ẳ)
    "\u0309",        // DB hook above            (AÛ = Ả)
    "\u0306\u0303",  // DC breve + tilde         (AÜ = Ẵ)
    nullptr, nullptr, nullptr,  // DD DE DF
    // 0xE0 lower-case marks and letters: the row above plus 0x20
    "\u0302\u0300",  // E0 (aà = ầ)
    "\u0302\u0301",  // E1 (aá = ấ)
    "\u0302",        // E2 (aâ = â)
    "\u0302\u0303",  // E3 (aã = ẫ)
    "\u0323\u0302",  // E4 (aä = ậ)
    "\u0302\u0309",  // E5 (aå = ẩ)
    "\u1EC9",        // E6 ỉ
    nullptr,         // E7
    "\u0306\u0300",  // E8 (aè = ằ)
    "\u0306\u0301",  // E9 (aé = ắ)
    "\u0306",        // EA (aê = ă)
    "\u0323\u0306",  // EB (aë = ặ)
    "\u00EC",        // EC ì
    "\u00ED",        // ED í
    "\u1EF5",        // EE ỵ
    "\u0323",        // EF (aï = ạ)
    nullptr,         // F0
    "\u0111",        // F1 đ
    "\u1ECB",        // F2 ị
    "\u0129",        // F3 ĩ
    "\u01A1",        // F4 ơ
    "\u0303",        // F5 (aõ = ã)
    "\u01B0",        // F6 ư
    nullptr,         // F7
    "\u0300",        // F8 (aø = à)
    "\u0301",        // F9 (aù = á)
    "\u0306\u0309",  // FA (aú = ẳ)
    "\u0309",        // FB (aû = ả)
    "\u0306\u0303",  // FC (aü = ẵ)
    nullptr, nullptr, nullptr,  // FD FE FF
};

// Encoding side of VNI, indexed by tone: none, acute, grave, hook above, tilde, dot below.
enum Tone : int { kNoTone = 0, kAcute, kGrave, kHook, kTilde, kDot, kToneCount };
struct VniMarks { std::uint8_t tone[kToneCount]; std::uint8_t circumflex[kToneCount]; std::uint8_t breve[kToneCount]; };
inline constexpr VniMarks kVniLower = {
    {0x00, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF},  // 0x00: no byte
    {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4},
    {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB},
};
inline constexpr VniMarks kVniUpper = {
    {0x00, 0xD9, 0xD8, 0xDB, 0xD5, 0xCF},
    {0xC2, 0xC1, 0xC0, 0xC5, 0xC3, 0xC4},
    {0xCA, 0xC9, 0xC8, 0xDA, 0xDC, 0xCB},
};
// i with a tone is one byte (í ì ỉ ĩ ị / Í Ì Ỉ Ĩ Ị); so are ỵ/Ỵ, ơ/Ơ, ư/Ư, đ/Đ.
inline constexpr std::uint8_t kVniILower[kToneCount] = {'i', 0xED, 0xEC, 0xE6, 0xF3, 0xF2};
inline constexpr std::uint8_t kVniIUpper[kToneCount] = {'I', 0xCD, 0xCC, 0xC6, 0xD3, 0xD2};
inline constexpr std::uint8_t kVniYDotLower = 0xEE, kVniYDotUpper = 0xCE;
inline constexpr std::uint8_t kVniOHornLower = 0xF4, kVniOHornUpper = 0xD4;
inline constexpr std::uint8_t kVniUHornLower = 0xF6, kVniUHornUpper = 0xD6;
inline constexpr std::uint8_t kVniDStrokeLower = 0xF1, kVniDStrokeUpper = 0xD1;

}  // namespace vanthu::text::legacy
