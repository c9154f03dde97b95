// text/vietnamese.h: dates, numbers and labels as Decree 30 writes them.
#include "text/vietnamese.h"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_support.h"

namespace vanthu::text {
namespace {

using vanthu::testing::loadCases;
using vanthu::testing::TextCase;

class DateCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(DateCases, FormatsDateLine) {
    const auto& c = GetParam();
    int y = 0, m = 0, d = 0;
    ASSERT_EQ(std::sscanf(c.input.c_str(), "%d-%d-%d", &y, &m, &d), 3) << c.where;
    EXPECT_EQ(formatDateLine(y, m, d), c.expected) << c.where;
}
INSTANTIATE_TEST_SUITE_P(Decree30, DateCases, ::testing::ValuesIn(loadCases("text/dates.tests")));

// decree-30-2020.md §4, every day and month: pad exactly days 1–9 and months 1–2.
TEST(TextDateLine, PadsOnlyDays1To9AndMonths1To2) {
    for (int month = 1; month <= 12; ++month) {
        for (int day = 1; day <= 28; ++day) {
            const std::string dd = day < 10 ? "0" + std::to_string(day) : std::to_string(day);
            const std::string mm = month <= 2 ? "0" + std::to_string(month) : std::to_string(month);
            EXPECT_EQ(formatDateLine(2021, month, day), "ngày " + dd + " tháng " + mm + " năm 2021");
        }
    }
}

TEST(TextDateLine, RejectsImpossibleDates) {
    EXPECT_THROW(formatDateLine(2019, 2, 29), std::invalid_argument);
    EXPECT_THROW(formatDateLine(2020, 13, 1), std::invalid_argument);
    EXPECT_THROW(formatDateLine(2020, 0, 1), std::invalid_argument);
    EXPECT_THROW(formatDateLine(2020, 4, 31), std::invalid_argument);
    EXPECT_THROW(formatDateLine(2020, 1, 0), std::invalid_argument);
    EXPECT_NO_THROW(formatDateLine(2020, 2, 29));
}

TEST(TextZeroPad, PadsBelowTen) {
    EXPECT_EQ(zeroPad(7), "07");
    EXPECT_EQ(zeroPad(1), "01");
    EXPECT_EQ(zeroPad(0), "00");
    EXPECT_EQ(zeroPad(12), "12");
    EXPECT_EQ(zeroPad(1020), "1020");
    EXPECT_THROW(zeroPad(-1), std::invalid_argument);
}

class SpellOutCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(SpellOutCases, SpellsNumber) {
    EXPECT_EQ(spellOut(std::stoll(GetParam().input)), GetParam().expected) << GetParam().where;
}
INSTANTIATE_TEST_SUITE_P(Vietnamese, SpellOutCases, ::testing::ValuesIn(loadCases("text/spellout.tests")));

TEST(TextSpellOut, SafeFromManyThreads) {
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i)
                if (spellOut(21) != "hai mươi mốt" || spellOut(105) != "một trăm lẻ năm") ++wrong[static_cast<std::size_t>(t)];
        });
    for (auto& th : threads) th.join();
    for (int w : wrong) EXPECT_EQ(w, 0);
}

class RomanCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(RomanCases, WritesRomanNumeral) {
    EXPECT_EQ(roman(std::stoi(GetParam().input)), GetParam().expected) << GetParam().where;
}
INSTANTIATE_TEST_SUITE_P(Chapters, RomanCases, ::testing::ValuesIn(loadCases("text/roman.tests")));

TEST(TextRoman, RejectsOutOfRange) {
    EXPECT_THROW(roman(0), std::invalid_argument);
    EXPECT_THROW(roman(4000), std::invalid_argument);
}

class PointCases : public ::testing::TestWithParam<TextCase> {};
TEST_P(PointCases, LabelsPoint) {
    EXPECT_EQ(pointLabel(std::stoi(GetParam().input)), GetParam().expected) << GetParam().where;
}
INSTANTIATE_TEST_SUITE_P(Alphabet, PointCases, ::testing::ValuesIn(loadCases("text/points.tests")));

TEST(TextPointLabel, AlphabetHasNoForeignLetters) {
    std::string all;
    for (int i = 1; i <= 23; ++i) all += pointLabel(i);
    EXPECT_EQ(all, "abcdđeghiklmnopqrstuvxy");
    EXPECT_THROW(pointLabel(0), std::invalid_argument);
}

}  // namespace
}  // namespace vanthu::text
