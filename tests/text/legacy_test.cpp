// text/legacy.h: TCVN3, VNI and CP1258 import/export (vietnamese-text.md row 9).
#include "text/legacy.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_support.h"
#include "text/unicode.h"

namespace vanthu::text {
namespace {

using vanthu::testing::loadCases;
using vanthu::testing::TextCase;

std::string fromHex(const std::string& hex) {
    std::string out;
    std::size_t pos = 0;
    while (pos < hex.size()) {
        if (hex[pos] == ' ') { ++pos; continue; }
        out.push_back(static_cast<char>(std::stoi(hex.substr(pos, 2), nullptr, 16)));
        pos += 2;
    }
    return out;
}

std::string toHex(const std::string& bytes) {
    std::string out;
    char buf[4];
    for (const char c : bytes) {
        std::snprintf(buf, sizeof buf, "%02X", static_cast<unsigned char>(c));
        if (!out.empty()) out += ' ';
        out += buf;
    }
    return out;
}

std::vector<std::string> allLetters() {
    std::vector<std::string> out;
    for (const auto& c : loadCases("text/letters.tests")) {
        out.push_back(c.input);
        out.push_back(c.expected);
    }
    return out;
}

// glibc's iconv, an independent implementation to check our tables against. nullopt if the
// conversion is not installed or fails.
std::optional<std::string> glibcConvert(const char* from, const char* to, const std::string& in) {
    iconv_t cd = iconv_open(to, from);
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out(in.size() * 8 + 16, '\0');
    char* inPtr = const_cast<char*>(in.data());
    std::size_t inLeft = in.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    std::size_t r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft);
    if (r != static_cast<std::size_t>(-1)) r = iconv(cd, nullptr, nullptr, &outPtr, &outLeft);  // flush a held base letter
    iconv_close(cd);
    if (r == static_cast<std::size_t>(-1)) return std::nullopt;
    out.resize(out.size() - outLeft);
    return out;
}

// ---- known byte vectors ---------------------------------------------------------------------

struct EncodingCase {
    LegacyEncoding enc;
    TextCase c;
};
void PrintTo(const EncodingCase& e, std::ostream* os) { *os << e.c.where; }  // names the data line on failure

std::vector<EncodingCase> byteVectors() {
    std::vector<EncodingCase> out;
    for (const auto& c : loadCases("text/tcvn3.tests")) out.push_back({LegacyEncoding::Tcvn3, c});
    for (const auto& c : loadCases("text/vni.tests")) out.push_back({LegacyEncoding::Vni, c});
    for (const auto& c : loadCases("text/cp1258.tests")) out.push_back({LegacyEncoding::Cp1258, c});
    return out;
}

class ByteVectorCases : public ::testing::TestWithParam<EncodingCase> {};
TEST_P(ByteVectorCases, Row9EncodesToPublishedBytesAndBack) {
    const auto& [enc, c] = GetParam();
    const auto encoded = encodeLegacy(c.input, enc);
    ASSERT_TRUE(encoded.ok()) << c.where << ": " << encoded.error().messageEn;
    EXPECT_EQ(toHex(encoded.value()), c.expected) << c.where;
    EXPECT_EQ(decodeLegacy(fromHex(c.expected), enc), c.input) << c.where;
}
INSTANTIATE_TEST_SUITE_P(Published, ByteVectorCases, ::testing::ValuesIn(byteVectors()));

// ---- every letter ---------------------------------------------------------------------------

TEST(TextLegacyRow9, VniRoundTripsEveryLetter) {
    std::set<std::string> seen;
    for (const auto& letter : allLetters()) {
        const auto bytes = encodeLegacy(letter, LegacyEncoding::Vni);
        ASSERT_TRUE(bytes.ok()) << letter << ": " << bytes.error().messageEn;
        EXPECT_LE(bytes.value().size(), 2u) << letter;
        EXPECT_TRUE(seen.insert(bytes.value()).second) << letter << " shares bytes " << toHex(bytes.value());
        EXPECT_EQ(decodeLegacy(bytes.value(), LegacyEncoding::Vni), letter) << letter;
    }
}

TEST(TextLegacyRow9, Cp1258RoundTripsEveryLetterAndDongSign) {
    auto letters = allLetters();
    letters.push_back("₫");
    for (const auto& letter : letters) {
        const auto bytes = encodeLegacy(letter, LegacyEncoding::Cp1258);
        ASSERT_TRUE(bytes.ok()) << letter << ": " << bytes.error().messageEn;
        EXPECT_EQ(decodeLegacy(bytes.value(), LegacyEncoding::Cp1258), letter) << letter;
        // A CP1258 file written by another tool (glibc prefers precomposed bytes where they exist)
        // must read back the same.
        if (const auto theirs = glibcConvert("UTF-8", "CP1258", letter)) {
            EXPECT_EQ(decodeLegacy(*theirs, LegacyEncoding::Cp1258), letter) << letter << " from glibc";
        }
    }
}

TEST(TextLegacyRow9, Tcvn3RoundTripsLowerCaseAndItsSevenCapitals) {
    std::set<std::string> seen;
    int roundTripped = 0, refused = 0;
    const std::set<std::string> capitals = {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"};
    for (const auto& c : loadCases("text/letters.tests")) {
        for (const auto& letter : {c.input, c.expected}) {
            const bool representable = letter == c.input || capitals.count(letter) > 0;
            const auto bytes = encodeLegacy(letter, LegacyEncoding::Tcvn3);
            if (representable) {
                ASSERT_TRUE(bytes.ok()) << letter << ": " << bytes.error().messageEn;
                ASSERT_EQ(bytes.value().size(), 1u) << letter;
                EXPECT_TRUE(seen.insert(bytes.value()).second) << letter << " shares a byte";
                EXPECT_EQ(decodeLegacy(bytes.value(), LegacyEncoding::Tcvn3), letter) << letter;
                ++roundTripped;
            } else {
                // TCVN3 has no upper-case toned vowels: refuse, never write the lower-case byte.
                ASSERT_FALSE(bytes.ok()) << letter << " encoded as " << toHex(bytes.value());
                const Error& e = bytes.error();
                EXPECT_EQ(e.code, Errc::InvalidInput);
                EXPECT_NE(e.messageEn.find("'" + letter + "'"), std::string::npos) << e.messageEn;
                EXPECT_NE(e.messageEn.find("TCVN3 has no upper-case"), std::string::npos) << e.messageEn;
                EXPECT_NE(e.messageVi.find("TCVN3 không có chữ hoa"), std::string::npos) << e.messageVi;
                ++refused;
            }
        }
    }
    EXPECT_EQ(roundTripped, 74);
    EXPECT_EQ(refused, 60);
}

TEST(TextLegacyRow9, ErrorNamesTheFirstBadCharacterAndWhere) {
    const auto r = encodeLegacy("Điều 1.\nỦy ban nhân dân", LegacyEncoding::Tcvn3);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().line, 2);
    EXPECT_EQ(r.error().column, 1);
    EXPECT_NE(r.error().messageEn.find("U+1EE6"), std::string::npos) << r.error().messageEn;
    EXPECT_NE(r.error().messageVi.find("dòng 2, cột 1"), std::string::npos) << r.error().messageVi;

    for (const auto enc : {LegacyEncoding::Tcvn3, LegacyEncoding::Vni, LegacyEncoding::Cp1258}) {
        const auto cjk = encodeLegacy("Hà Nội 河内", enc);
        ASSERT_FALSE(cjk.ok());
        EXPECT_EQ(cjk.error().column, 8);
        EXPECT_NE(cjk.error().messageEn.find("U+6CB3"), std::string::npos) << cjk.error().messageEn;
    }
    // Letters with marks that are not Vietnamese.
    EXPECT_FALSE(encodeLegacy("ä", LegacyEncoding::Vni).ok());
    EXPECT_FALSE(encodeLegacy("ñ", LegacyEncoding::Vni).ok());
    EXPECT_FALSE(encodeLegacy("₫", LegacyEncoding::Vni).ok());
    EXPECT_FALSE(encodeLegacy("₫", LegacyEncoding::Tcvn3).ok());
    // TCVN3 decodes byte 0x01 as Ú (VN1), so U+0001 cannot be written without changing meaning.
    EXPECT_FALSE(encodeLegacy("\x01", LegacyEncoding::Tcvn3).ok());
}

TEST(TextLegacy, EncodeRejectsInvalidUtf8AndNormalisesFirst) {
    const auto bad = encodeLegacy("ab\xC3", LegacyEncoding::Vni);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().messageEn.find("byte 2"), std::string::npos);
    // NFD input is composed before lookup.
    const auto fromNfd = encodeLegacy(nfd("Việt"), LegacyEncoding::Tcvn3);
    ASSERT_TRUE(fromNfd.ok());
    EXPECT_EQ(toHex(fromNfd.value()), "56 69 D6 74");
}

// ---- decoding -------------------------------------------------------------------------------

TEST(TextLegacy, DecodeAlwaysReturnsNfc) {
    // VNI and CP1258 carry tones as separate bytes; TCVN5712 has combining marks at B0–B4.
    EXPECT_EQ(decodeLegacy("a\xF9", LegacyEncoding::Vni), "á");
    EXPECT_EQ(decodeLegacy("A\xC1", LegacyEncoding::Vni), "Ấ");
    EXPECT_EQ(decodeLegacy("a\xD9", LegacyEncoding::Vni), "á") << "an upper-case mark on a lower-case base";
    EXPECT_EQ(decodeLegacy("\xA2\xB3", LegacyEncoding::Tcvn3), "Ấ");
    EXPECT_EQ(decodeLegacy("\xC2\xEC", LegacyEncoding::Cp1258), "Ấ");
    for (const auto enc : {LegacyEncoding::Tcvn3, LegacyEncoding::Vni, LegacyEncoding::Cp1258}) {
        std::string every;
        for (int b = 1; b < 256; ++b) every.push_back(static_cast<char>(b));
        const std::string text = decodeLegacy(every, enc);
        EXPECT_TRUE(isValidUtf8(text));
        EXPECT_TRUE(isNfc(text));
    }
}

TEST(TextLegacy, VniBytesWithoutVietnameseMeaningBecomeReplacementCharacter) {
    EXPECT_EQ(decodeLegacy("x\x80y", LegacyEncoding::Vni), "x\uFFFDy");
    EXPECT_EQ(decodeLegacy("\xD7", LegacyEncoding::Vni), "\uFFFD");
    EXPECT_EQ(decodeLegacy("\xA0", LegacyEncoding::Vni), "\u00A0");
}

TEST(TextLegacy, Tcvn3DecodesUpperCaseOfVn1) {
    // Decoding accepts the full TCVN 5712 VN1 table; only encoding is limited to VN3.
    EXPECT_EQ(decodeLegacy("\x80\x01\xFF", LegacyEncoding::Tcvn3), "ÀÚỐ");
}

// Every one of the 256 bytes against glibc's TCVN5712-1, an implementation written from the
// standard independently of ours.
TEST(TextLegacy, Tcvn3TableMatchesGlibc) {
    VANTHU_REQUIRE_TOOL(glibcConvert("TCVN5712-1", "UTF-8", "a"), "glibc's TCVN5712-1 converter (libc6 gconv modules)");
    for (int b = 0; b < 256; ++b) {
        const std::string byte(1, static_cast<char>(b));
        const auto theirs = glibcConvert("TCVN5712-1", "UTF-8", byte);
        ASSERT_TRUE(theirs.has_value()) << "byte " << b;
        EXPECT_EQ(decodeLegacy(byte, LegacyEncoding::Tcvn3), nfc(*theirs)) << "byte 0x" << toHex(byte);
    }
}

}  // namespace
}  // namespace vanthu::text
