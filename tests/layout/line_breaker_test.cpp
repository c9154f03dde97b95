#include <gtest/gtest.h>

#include "layout/line_breaker.h"

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

}  // namespace
}  // namespace vanthu::layout
