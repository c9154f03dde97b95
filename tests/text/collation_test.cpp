// text/collation.h: Vietnamese alphabetical order (toolchain.md §5).
#include "text/collation.h"

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_support.h"
#include "text/unicode.h"

namespace vanthu::text {
namespace {

using vanthu::testing::loadCases;
using vanthu::testing::TextCase;

// The whole chain of collation.tests, in order.
std::vector<std::string> chain() {
    const auto cases = loadCases("text/collation.tests");
    std::vector<std::string> out{cases.front().input};
    for (const auto& c : cases) out.push_back(c.expected);
    return out;
}

class OrderCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(OrderCases, LeftSortsBeforeRight) {
    const auto& c = GetParam();
    EXPECT_LT(compareVietnamese(c.input, c.expected), 0) << c.where;
    EXPECT_GT(compareVietnamese(c.expected, c.input), 0) << c.where;
    EXPECT_EQ(compareVietnamese(c.input, c.input), 0) << c.where;
    EXPECT_LT(sortKey(c.input), sortKey(c.expected)) << c.where << " (sort keys compare bytewise)";
}
INSTANTIATE_TEST_SUITE_P(Vietnamese, OrderCases, ::testing::ValuesIn(loadCases("text/collation.tests")));

TEST(TextCollation, SortsTheWholeChain) {
    const auto expected = chain();
    ASSERT_EQ(expected.size(), 16u);
    auto items = expected;
    std::reverse(items.begin(), items.end());
    std::mt19937 rng(20200305);  // fixed seed: same shuffle every run
    std::shuffle(items.begin(), items.end(), rng);
    sortVietnamese(items);
    EXPECT_EQ(items, expected);
}

TEST(TextCollation, ByteOrderWouldBeWrong) {
    // Guards the test above against passing vacuously: plain std::sort puts "Âu", "Ôn", "Đà Nẵng"
    // after every ASCII-initial name.
    auto bytewise = chain();
    std::sort(bytewise.begin(), bytewise.end());
    EXPECT_NE(bytewise, chain());
}

TEST(TextCollation, DStrokeComesAfterEveryDWord) {
    EXPECT_LT(compareVietnamese("Duy", "Đà Nẵng"), 0);
    EXPECT_LT(compareVietnamese("dzung", "đa"), 0);
    EXPECT_LT(compareVietnamese("Dương", "Đa"), 0);
}

TEST(TextCollation, NfdSortsLikeNfc) {
    for (const auto& s : chain()) {
        EXPECT_EQ(compareVietnamese(nfd(s), s), 0) << s;
        EXPECT_EQ(sortKey(nfd(s)), sortKey(s)) << s;
    }
}

TEST(TextCollation, SortKeyHasNoTerminatorAndLongInputs) {
    const std::string k = sortKey("Hà Nội");
    ASSERT_FALSE(k.empty());
    EXPECT_EQ(k.find('\0'), std::string::npos);
    // Longer than the first buffer guess, so the grow path runs.
    std::string longText;
    for (int i = 0; i < 200; ++i) longText += "Đắk Lắk ";
    EXPECT_LT(sortKey(longText), sortKey(longText + "a"));
    EXPECT_LT(sortKey(""), sortKey("a"));
}

TEST(TextCollation, SafeFromManyThreads) {
    const auto expected = chain();
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 50; ++round)
                for (std::size_t i = 0; i + 1 < expected.size(); ++i)
                    if (compareVietnamese(expected[i], expected[i + 1]) >= 0 ||
                        sortKey(expected[i]) >= sortKey(expected[i + 1]))
                        ++wrong[static_cast<std::size_t>(t)];
        });
    for (auto& th : threads) th.join();
    for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace vanthu::text
