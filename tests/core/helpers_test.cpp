// tests/core: the one home of each small helper (UTF-8, digests, base64, ISO dates, trimming,
// Error factories). Expected values come from the standards, not from the code under test:
// SHA-256 of "abc" (FIPS 180-2, appendix B.1), HMAC-SHA256 (RFC 4231 test case 2), base64
// (RFC 4648 §10), UTF-8 well-formedness (Unicode 15 Table 3-7; vietnamese-text.md, mojibake).
#include <gtest/gtest.h>

#include <string>

#include "core/digest.h"
#include "core/error.h"
#include "core/iso_date.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace vanthu {
namespace {

TEST(CoreUtf8, VietnameseIsWellFormed) {
    EXPECT_TRUE(isValidUtf8("Quyết định số 1020/QĐ-BTP"));
    EXPECT_TRUE(isValidUtf8(""));
}

TEST(CoreUtf8, IllFormedSequencesAreFoundAtTheirFirstByte) {
    struct Case {
        const char* what;
        std::string bytes;
        std::size_t offset;
    };
    const Case cases[] = {
        {"overlong '/'", "ab\xC0\xAF", 2},
        {"overlong 3-byte", "\xE0\x80\xAF", 0},
        {"surrogate U+D800", "x\xED\xA0\x80", 1},
        {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
        {"truncated ế", "Quy\xE1\xBA", 3},
        {"stray continuation", "a\x80", 1},
        {"Latin-1 ê (cp1252 text read as UTF-8)", "Quy\xEAt", 3},
    };
    for (const auto& c : cases) {
        const auto at = firstInvalidUtf8(c.bytes);
        ASSERT_TRUE(at.has_value()) << c.what;
        EXPECT_EQ(*at, c.offset) << c.what;
    }
}

TEST(CoreUtf8, DecodingReplacesABadByteAndMovesOnByOne) {
    const std::string s = "\xC0" "A";
    std::size_t i = 0;
    EXPECT_EQ(decodeUtf8(s, i), U'\uFFFD');
    EXPECT_EQ(i, 1u);
    EXPECT_EQ(decodeUtf8(s, i), U'A');
    const std::string d = "Đ";
    i = 0;
    EXPECT_EQ(decodeUtf8(d, i), U'\u0110');
    EXPECT_EQ(i, 2u);
}

TEST(CoreUtf8, EncodingRoundTripsAndRefusesSurrogates) {
    std::string out;
    for (char32_t cp : {U'a', U'\u1EBF', U'\U0001F600'}) appendUtf8(out, cp);
    EXPECT_EQ(out, "a\xE1\xBA\xBF\xF0\x9F\x98\x80");
    EXPECT_THROW(appendUtf8(out, char32_t(0xD800)), Failure);
    EXPECT_THROW(appendUtf8(out, char32_t(0x110000)), Failure);
}

TEST(CoreDigest, Sha256AndHmacMatchThePublishedVectors) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hexLower(hmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(sha256("abc").size(), 32u);
}

TEST(CoreDigest, ConstantTimeEqualComparesLengthAndEveryByte) {
    EXPECT_TRUE(constantTimeEqual("token", "token"));
    EXPECT_FALSE(constantTimeEqual("token", "tokeN"));
    EXPECT_FALSE(constantTimeEqual("token", "token2"));
}

TEST(CoreBase64, TheRfc4648Vectors) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, coded] : vectors) {
        EXPECT_EQ(base64Encode(plain), coded);
        Base64Error e{};
        const auto back = base64Decode(coded, &e);
        ASSERT_TRUE(back.has_value()) << coded;
        EXPECT_EQ(*back, plain);
    }
}

TEST(CoreBase64, WrappedLinesDecodeAndBadInputNamesItsOffset) {
    Base64Error e{};
    const auto wrapped = base64Decode("Zm9v\r\n  YmFy\n", &e);
    ASSERT_TRUE(wrapped.has_value());
    EXPECT_EQ(*wrapped, "foobar");
    EXPECT_FALSE(base64Decode("Zm9v!mFy", &e).has_value());
    EXPECT_EQ(e.offset, 4u);
    EXPECT_FALSE(base64Decode("Zm=vYmFy", &e).has_value());  // padding inside
    EXPECT_FALSE(base64Decode("Zm9vY", &e).has_value());     // not a multiple of 4
}

TEST(CoreIsoDate, RealDaysOnly) {
    EXPECT_TRUE(isValidDate({2024, 2, 29}));
    EXPECT_TRUE(isValidDate({2000, 2, 29}));
    EXPECT_FALSE(isValidDate({1900, 2, 29}));  // a century year that is not a leap year
    EXPECT_FALSE(isValidDate({2019, 2, 30}));
    EXPECT_FALSE(isValidDate({2024, 13, 1}));
    EXPECT_FALSE(isValidDate({2024, 4, 31}));
    EXPECT_FALSE(isValidDate({0, 1, 1}));
}

TEST(CoreIsoDate, ParseAndFormat) {
    EXPECT_EQ(parseIsoDate("2018-05-08"), (CalendarDate{2018, 5, 8}));
    EXPECT_FALSE(parseIsoDate("2018-5-8").has_value());
    EXPECT_FALSE(parseIsoDate("2019-02-30").has_value());
    EXPECT_TRUE(parseIsoDateSyntax("2019-02-30").has_value());  // syntax only
    EXPECT_FALSE(parseIsoDate("2018-05-08 ").has_value());
    EXPECT_FALSE(parseIsoDate("２018-05-08").has_value());       // full-width digit
    EXPECT_EQ(formatIsoDate({2018, 5, 8}), "2018-05-08");
    EXPECT_EQ(formatIsoDate({2018, 5, 8}, '/'), "2018/05/08");  // edXML's form
}

TEST(CoreStrings, TrimmingKnowsWordsNoBreakSpace) {
    EXPECT_EQ(trimAscii("  a b\t\n"), "a b");
    EXPECT_EQ(trimSpaces("\xC2\xA0 Điều 1.\xC2\xA0"), "Điều 1.");
    EXPECT_EQ(trimSpaces("\xC2\xA0\xC2\xA0"), "");
    EXPECT_EQ(lowerAscii("Content-TYPE: Đ"), "content-type: Đ");  // bytes beyond ASCII untouched
    EXPECT_TRUE(equalsIgnoringAsciiCase("X-Token", "x-token"));
}

TEST(CoreError, FactoriesStateTheKindAndThePlace) {
    const auto e = Error::rule(Location{"/document/signature", 12, 3}, "Thiếu chức vụ", "The signer has no position");
    EXPECT_EQ(e.code, Errc::RuleViolation);
    EXPECT_EQ(e.field, "/document/signature");
    EXPECT_EQ(e.line, 12);
    EXPECT_EQ(e.column, 3);
    EXPECT_EQ(Error::notFound("register", "Không có sổ này", "no such register").code, Errc::NotFound);
    EXPECT_EQ(Error::tooLarge("body", "Quá lớn", "too large").code, Errc::TooLarge);
    EXPECT_NE(e.describe().find("The signer has no position"), std::string::npos);
}

}  // namespace
}  // namespace vanthu
