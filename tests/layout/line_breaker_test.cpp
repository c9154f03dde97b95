#include <gtest/gtest.h>

#include "core/files.h"
#include "layout/line_breaker.h"
#include "support/test_support.h"
#include "text/line_break.h"

namespace vanthu::layout {
namespace {

using Starts = std::vector<std::size_t>;

TEST(FirstFit, FillsEachLineBeforeBreaking) {
    // Four words of 30 pt with a 5 pt space each: 30+5+30 = 65 fits 70, a third does not.
    const std::vector<Segment> s(4, Segment{30, 5});
    EXPECT_EQ(firstFit(s, 70, 70), (Starts{0, 2}));
    EXPECT_EQ(firstFit(s, 200, 200), (Starts{0}));
}

TEST(FirstFit, TrailingSpacesHangPastTheLineEnd) {
    // 30+5+30 = 65 fits exactly 65 though the second word's trailing space makes it 70.
    const std::vector<Segment> s{{30, 5}, {30, 5}, {30, 5}};
    EXPECT_EQ(firstFit(s, 65, 65), (Starts{0, 2}));
    EXPECT_EQ(firstFit(s, 64.9, 64.9), (Starts{0, 1, 2}));
}

TEST(FirstFit, FirstLineHasItsOwnWidth) {
    const std::vector<Segment> s(4, Segment{30, 5});
    // A first-line indent leaves 40 pt: one word; later lines hold two.
    EXPECT_EQ(firstFit(s, 40, 70), (Starts{0, 1, 3}));
}

TEST(FirstFit, ASegmentWiderThanTheLineStandsAlone) {
    const std::vector<Segment> s{{10, 5}, {500, 5}, {10, 0}};
    EXPECT_EQ(firstFit(s, 100, 100), (Starts{0, 1, 2}));
}

TEST(FirstFit, NoSegmentsNoLines) { EXPECT_TRUE(firstFit({}, 100, 100).empty()); }

TEST(PlainBreaks, AgreeWithTheTextModuleOnEveryPlainSampleText) {
    // Every text node of every sample (and some made-up lines): where the plain path answers,
    // it answers what ICU and the document-number rules answer.
    std::vector<std::string> texts = {"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                                      "a  b   c", " leading", "trailing ", "(ghi chú) và (nữa)", "Ấn định: 5 ngày!",
                                      "Kế hoạch - Tài chính", "“Đề án Đổi mới” của Bộ", "a “b” c", "x - y - z"};
    for (const auto& file : testing::allSamples()) {
        const std::string x = readFile(file);
        std::size_t i = 0;
        while ((i = x.find('>', i)) != std::string::npos) {
            const std::size_t j = x.find('<', i);
            if (j == std::string::npos) break;
            if (j > i + 1) texts.push_back(x.substr(i + 1, j - i - 1));
            i = j;
        }
    }
    std::size_t plain = 0;
    std::vector<std::size_t> got;
    for (const auto& t : texts) {
        if (!plainBreakOpportunities(t, got)) continue;
        ++plain;
        EXPECT_EQ(got, text::breakOpportunities(t)) << "«" << t << "»";
    }
    EXPECT_GT(plain, 50u) << "the plain path never answered: the comparison tests nothing";
    EXPECT_FALSE(plainBreakOpportunities("số 01/2018/QĐ-UBND", got));
    EXPECT_FALSE(plainBreakOpportunities("2018-2022", got));
    EXPECT_FALSE(plainBreakOpportunities("“Đề án” (x)", got));
}

}  // namespace
}  // namespace vanthu::layout
