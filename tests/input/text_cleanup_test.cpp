#include "input/text_cleanup.h"

#include <gtest/gtest.h>

namespace vanthu::input {
namespace {

model::Run run(std::string t, bool b = false, bool i = false, bool u = false) { return {std::move(t), b, i, u}; }

TEST(TextCleanup, CollapsesXmlWhiteSpaceOnly) {
    EXPECT_EQ(collapseWhitespace("  a \t\n  b\r\nc  "), "a b c");
    EXPECT_EQ(collapseWhitespace(" \n "), "");
    EXPECT_EQ(collapseWhitespace("a\u00A0\u00A0b"), "a\u00A0\u00A0b") << "NO-BREAK SPACE is content";
}

TEST(TextCleanup, KeepsOneSpaceAcrossRunBoundaries) {
    const auto out = normaliseRuns({run("\n   Theo "), run(" Quyết định", true), run("  \n"), run("số 1 ", false, true), run("  ")});
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].text, "Theo ");
    EXPECT_EQ(out[1].text, "Quyết định") << "its leading space follows a space: dropped";
    EXPECT_TRUE(out[1].bold);
    EXPECT_EQ(out[2].text, " ");
    EXPECT_FALSE(out[2].bold);
    EXPECT_EQ(out[3].text, "số 1") << "the end of the whole sequence is trimmed";
    EXPECT_TRUE(out[3].italic);
}

TEST(TextCleanup, MergesEqualFormattingAndDropsEmptyRuns) {
    const auto out = normaliseRuns({run("a", true), run("", false), run("b", true), run("c", true, true)});
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].text, "ab");
    EXPECT_EQ(out[1].text, "c");
}

TEST(TextCleanup, NormalisesToNfc) {
    const auto out = normaliseRuns({run("Ha\u0300 No\u0302\u0323i")});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].text, "Hà Nội");
}

TEST(TextCleanup, ParsesIsoDates) {
    EXPECT_EQ(parseIsoDate("2018-05-08"), (model::Date{2018, 5, 8}));
    EXPECT_EQ(parseIsoDate("2019-02-30"), (model::Date{2019, 2, 30})) << "syntax only";
    EXPECT_EQ(parseIsoDate("2018-13-45"), (model::Date{2018, 13, 45}));
    EXPECT_EQ(parseIsoDate("2018-05-08Z"), (model::Date{2018, 5, 8}));
    EXPECT_EQ(parseIsoDate("2018-05-08+07:00"), (model::Date{2018, 5, 8}));
    EXPECT_EQ(parseIsoDate("2018-5-8"), std::nullopt);
    EXPECT_EQ(parseIsoDate("08/05/2018"), std::nullopt);
    EXPECT_EQ(parseIsoDate("2018-05-08T10:00"), std::nullopt);
    EXPECT_EQ(parseIsoDate(""), std::nullopt);
}

}  // namespace
}  // namespace vanthu::input
