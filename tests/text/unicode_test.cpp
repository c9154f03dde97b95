// text/unicode.h: UTF-8 validation, NFC/NFD, case mapping, search folding.
// Rows cited are the failure table of shared/reference/vietnamese-text.md.
#include "text/unicode.h"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.h"
#include "support/test_support.h"

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

// The 134 letters of letters.tests, lower and upper case interleaved.
std::vector<std::string> allLetters() {
    std::vector<std::string> out;
    for (const auto& c : loadCases("text/letters.tests")) {
        out.push_back(c.input);
        out.push_back(c.expected);
    }
    return out;
}

TEST(TextLetters, ListIsComplete) {
    const auto letters = allLetters();
    ASSERT_EQ(letters.size(), 134u);
    for (const auto& l : letters) EXPECT_EQ(codePointCount(l), 1u) << l;
}

// ---- UTF-8 validation -----------------------------------------------------------------------

class Utf8Cases : public ::testing::TestWithParam<TextCase> {};
TEST_P(Utf8Cases, FindsFirstIllFormedSequence) {
    const auto& c = GetParam();
    const auto at = firstInvalidUtf8(fromHex(c.input));
    if (c.expected == "valid") {
        EXPECT_FALSE(at.has_value()) << c.where << ": flagged at " << at.value_or(0);
    } else {
        ASSERT_TRUE(at.has_value()) << c.where << ": accepted";
        EXPECT_EQ(*at, std::stoul(c.expected)) << c.where;
    }
}
INSTANTIATE_TEST_SUITE_P(Table37, Utf8Cases, ::testing::ValuesIn(loadCases("text/utf8.tests")));

TEST(TextUtf8, EmptyIsValid) { EXPECT_TRUE(isValidUtf8("")); }

TEST(TextUtf8, FunctionsRejectInvalidInput) {
    const std::string bad = "Vi\xC0\x80t";  // overlong NUL
    for (auto f : {&nfc, &nfd, &toUpper, &toLower, &fold}) {
        try {
            f(bad);
            ADD_FAILURE() << "no throw";
        } catch (const Failure& e) {
            EXPECT_EQ(e.code(), Errc::InvalidInput);
            EXPECT_NE(std::string(e.what()).find("byte 2"), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW(isNfc(bad), Failure);
    EXPECT_THROW(codePointCount(bad), Failure);
}

// ---- NFC (row 1: NFD input draws accents in the wrong place) --------------------------------

TEST(TextNfcRow1, EveryLetterSurvivesNfdRoundTrip) {
    for (const auto& letter : allLetters()) {
        const std::string d = nfd(letter);
        EXPECT_TRUE(isNfc(letter)) << letter;
        EXPECT_EQ(nfc(d), letter) << letter;
        if (letter == "đ" || letter == "Đ") {
            EXPECT_EQ(d, letter) << "đ has no decomposition";
        } else {
            EXPECT_GT(codePointCount(d), 1u) << letter << " should decompose";
            EXPECT_FALSE(isNfc(d)) << letter;
        }
    }
}

TEST(TextNfcRow1, DotBelowComposesInEitherMarkOrder) {
    // Canonical order puts the dot below (ccc 220) before the circumflex (230); text typed as
    // base + circumflex + dot must still come out as one letter with both marks.
    EXPECT_EQ(nfc("a\u0302\u0323"), "ậ");
    EXPECT_EQ(nfc("a\u0323\u0302"), "ậ");
    EXPECT_EQ(nfc("e\u0302\u0323"), "ệ");
    EXPECT_EQ(nfc("o\u031B\u0323"), "ợ");
    EXPECT_EQ(nfc("A\u0306\u0323"), "Ặ");
}

TEST(TextNfcRow1, SentenceFromUnikeyComposedOutput) {
    const std::string s = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc";
    const std::string decomposed = nfd(s);
    ASSERT_NE(decomposed, s);
    EXPECT_EQ(nfc(decomposed), s);
    EXPECT_EQ(nfd(decomposed), decomposed);
    EXPECT_EQ(nfc("plain ASCII"), "plain ASCII");
}

// ---- case (row 8: "đÂy") ---------------------------------------------------------------------

class UpperCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(UpperCases, Row8UpperCase) { EXPECT_EQ(toUpper(GetParam().input), GetParam().expected) << GetParam().where; }
INSTANTIATE_TEST_SUITE_P(Vietnamese, UpperCases, ::testing::ValuesIn(loadCases("text/upper.tests")));

class LowerCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(LowerCases, Row8LowerCase) { EXPECT_EQ(toLower(GetParam().input), GetParam().expected) << GetParam().where; }
INSTANTIATE_TEST_SUITE_P(Vietnamese, LowerCases, ::testing::ValuesIn(loadCases("text/lower.tests")));

class LetterCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(LetterCases, Row8EveryLetterMapsBothWays) {
    const auto& c = GetParam();
    EXPECT_EQ(toUpper(c.input), c.expected) << c.where;
    EXPECT_EQ(toLower(c.expected), c.input) << c.where;
    EXPECT_EQ(toUpper(nfd(c.input)), c.expected) << c.where << " (NFD input comes back NFC)";
}
INSTANTIATE_TEST_SUITE_P(AllLetters, LetterCases, ::testing::ValuesIn(loadCases("text/letters.tests")));

TEST(TextCaseRow8, NoLowerCaseLeftInUpperCasedTitle) {
    const std::string up = toUpper("đây là đơn vị sự nghiệp");
    EXPECT_EQ(up, "ĐÂY LÀ ĐƠN VỊ SỰ NGHIỆP");
    EXPECT_EQ(up.find("đ"), std::string::npos);
    EXPECT_EQ(toLower(up), "đây là đơn vị sự nghiệp");
}

// ---- fold (row 10: search) -------------------------------------------------------------------

class FoldCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(FoldCases, Row10FoldsForSearch) { EXPECT_EQ(fold(GetParam().input), GetParam().expected) << GetParam().where; }
INSTANTIATE_TEST_SUITE_P(Vietnamese, FoldCases, ::testing::ValuesIn(loadCases("text/fold.tests")));

TEST(TextFoldRow10, MinimalPairFoldsTogether) {
    // The folded key merges them on purpose; ranking exact matches first is the search layer's job.
    EXPECT_EQ(fold("đường"), fold("dương"));
    EXPECT_NE(nfc("đường"), nfc("dương"));
}

TEST(TextFoldRow10, EveryLetterFoldsToOneAsciiLetter) {
    for (const auto& letter : allLetters()) {
        const std::string f = fold(letter);
        ASSERT_EQ(f.size(), 1u) << letter << " -> " << f;
        EXPECT_NE(std::string("aeiouyd").find(f[0]), std::string::npos) << letter << " -> " << f;
        EXPECT_EQ(fold(nfd(letter)), f) << letter << " (NFD input)";
    }
}

TEST(TextFoldRow10, SafeFromManyThreads) {
    const std::string expected = "quyet dinh dong nai - thu dau mot, uu dai";
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 300; ++i)
                if (fold("Quyết Định Đồng Nai - Thủ Dầu Một, Ưu Đãi") != expected) ++wrong[static_cast<std::size_t>(t)];
        });
    for (auto& th : threads) th.join();
    for (int w : wrong) EXPECT_EQ(w, 0);
}

// ---- code points -----------------------------------------------------------------------------

TEST(TextCodePoints, CountsCodePointsNotBytesOrUnits) {
    EXPECT_EQ(codePointCount(""), 0u);
    EXPECT_EQ(codePointCount("Việt"), 4u);        // 6 bytes
    EXPECT_EQ(codePointCount(nfd("Việt")), 6u);   // e + dot below + circumflex
    EXPECT_EQ(codePointCount("\xF0\x9F\x98\x80"), 1u);  // one code point, two UTF-16 units
}

}  // namespace
}  // namespace vanthu::text
