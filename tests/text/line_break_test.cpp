// text/line_break.h: UAX #14 plus our unbreakable document numbers and dates
// (vietnamese-text.md row 7; toolchain.md §5 "TRAP").
#include "text/line_break.h"

#include <algorithm>
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

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

class LineBreakCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(LineBreakCases, MatchesExpectedSegments) {
    EXPECT_EQ(join(lineSegments(GetParam().input), "|"), GetParam().expected) << GetParam().where;
}
INSTANTIATE_TEST_SUITE_P(Vietnamese, LineBreakCases, ::testing::ValuesIn(loadCases("text/linebreak.tests")));

// Each token inside running text: no opportunity strictly inside it, one at its start (after the
// preceding space) and one after the space that follows it.
TEST(TextLineBreakRow7, DocumentNumbersAndDatesAreNeverSplit) {
    const std::vector<std::string> tokens = {"01/2018/QĐ-UBND", "1020/QĐ-BTP", "05/BNV-VP",      "19/6/2015",
                                             "26/02/2018",      "14/2024/QĐ-UBND", "15/NHNo.ĐT-VP", "V/v",
                                             "100/2015/NĐ-CP",  "80/2015/QH13"};
    for (const auto& token : tokens) {
        const std::string before = "Căn cứ văn bản ";
        const std::string text = before + token + " của cơ quan";
        const std::size_t start = before.size(), end = start + token.size();
        const auto breaks = breakOpportunities(text);
        for (const std::size_t byteOffset : breaks)
            EXPECT_FALSE(byteOffset > start && byteOffset < end) << token << " split at byte " << byteOffset;
        EXPECT_NE(std::find(breaks.begin(), breaks.end(), start), breaks.end()) << token << ": no break before";
        EXPECT_NE(std::find(breaks.begin(), breaks.end(), end + 1), breaks.end()) << token << ": no break after";
    }
}

TEST(TextLineBreak, OffsetsAreUtf8Bytes) {
    const std::string text = "Quyết định số";
    const auto breaks = breakOpportunities(text);
    const std::vector<std::size_t> expected = {std::string("Quyết ").size(), std::string("Quyết định ").size()};
    EXPECT_EQ(breaks, expected);
    EXPECT_EQ(expected[0], 8u);  // ế is 3 bytes, 1 UTF-16 unit
}

TEST(TextLineBreak, SupplementaryCharactersMapToTheRightByte) {
    // U+1F600 is 4 UTF-8 bytes but 2 UTF-16 units: a unit-for-byte mix-up would be off here.
    const std::string text = "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80 Việt";
    EXPECT_EQ(breakOpportunities(text), (std::vector<std::size_t>{5, 10}));
}

TEST(TextLineBreak, EdgesAreNotOpportunities) {
    EXPECT_TRUE(breakOpportunities("").empty());
    EXPECT_TRUE(lineSegments("").empty());
    EXPECT_TRUE(breakOpportunities("Việt").empty());
    EXPECT_EQ(lineSegments("Việt"), std::vector<std::string>{"Việt"});
    const std::string trailing = "a b ";
    for (const std::size_t byteOffset : breakOpportunities(trailing)) {
        EXPECT_GT(byteOffset, 0u);
        EXPECT_LT(byteOffset, trailing.size());
    }
}

TEST(TextLineBreak, SafeFromManyThreads) {
    // The BreakIterator is cloned per thread; a shared one would mix up texts.
    const std::vector<std::string> texts = {"Theo Quyết định số 01/2018/QĐ-UBND", "V/v triển khai thực hiện",
                                            "Công văn số 05/BNV-VP của Bộ Nội vụ"};
    std::vector<std::vector<std::string>> expected;
    for (const auto& t : texts) expected.push_back(lineSegments(t));
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const std::size_t k = static_cast<std::size_t>(i + t) % texts.size();
                if (lineSegments(texts[k]) != expected[k]) ++wrong[static_cast<std::size_t>(t)];
            }
        });
    for (auto& th : threads) th.join();
    for (int w : wrong) EXPECT_EQ(w, 0);
}

TEST(TextLineBreak, RejectsInvalidUtf8) {
    EXPECT_THROW(breakOpportunities("a \xED\xA0\x80 b"), Failure);
}

}  // namespace
}  // namespace vanthu::text
