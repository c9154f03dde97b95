// tests/render: the render budget — what is counted (the body, appendices and attached documents,
// every run and block at every depth) and the bilingual TooLarge beyond a limit.
#include <gtest/gtest.h>

#include "render/render_budget.h"

namespace vanthu::render {
namespace {

model::Block paragraph(std::initializer_list<const char*> runs) {
    model::Block b;
    b.kind = model::BlockKind::Paragraph;
    for (const char* r : runs) b.text.push_back(model::Run{r});
    return b;
}

TEST(RenderBudget, CountsRunsBlocksAndCharactersAtEveryDepth) {
    model::Document d;
    model::Block article;
    article.kind = model::BlockKind::Article;
    article.title = {model::Run{"Phạm vi"}};  // 9 bytes: "ạ" is three
    article.children = {paragraph({"a", "bb"}), paragraph({"ccc"})};
    d.body = {article};
    model::Appendix appendix;
    appendix.body = {paragraph({"dddd"})};
    d.appendices = {appendix};
    model::AttachedDocument plan;
    plan.body = {paragraph({"e"})};
    plan.appendices = {appendix};
    d.attachments = {plan};
    const auto c = costOf(d);
    EXPECT_EQ(c.blocks, 6u);  // article, 2 paragraphs, appendix paragraph, plan paragraph, plan's appendix paragraph
    EXPECT_EQ(c.runs, 1u + 2 + 1 + 1 + 1 + 1);
    EXPECT_EQ(c.characters, 9u + 1 + 2 + 3 + 4 + 1 + 4);
}

TEST(RenderBudget, WithinTheLimitsIsNoError) {
    EXPECT_FALSE(overBudget({10, 10, 10}, RenderLimits{10, 10, 10}).has_value());
}

TEST(RenderBudget, EachLimitIsNamedWhenItIsPassed) {
    const RenderLimits limits{10, 10, 10};
    const auto runs = overBudget({11, 1, 1}, limits);
    ASSERT_TRUE(runs.has_value());
    EXPECT_EQ(runs->code, Errc::TooLarge);
    EXPECT_EQ(runs->field, "/document/body");
    EXPECT_NE(runs->messageEn.find("runs 11, at most 10"), std::string::npos) << runs->messageEn;
    EXPECT_NE(runs->messageVi.find("11, tối đa 10"), std::string::npos) << runs->messageVi;
    const auto blocks = overBudget({1, 11, 1}, limits);
    ASSERT_TRUE(blocks.has_value());
    EXPECT_NE(blocks->messageEn.find("blocks"), std::string::npos);
    const auto chars = overBudget({1, 1, 11}, limits);
    ASSERT_TRUE(chars.has_value());
    EXPECT_NE(chars->messageEn.find("characters"), std::string::npos);
}

TEST(RenderBudget, TheDefaultsLeaveRoomForTheLargestSampleManyTimesOver) {
    const RenderLimits d;
    EXPECT_GE(d.maxRuns, 100u * 120);
    EXPECT_GE(d.maxBlocks, 100u * 120);
    EXPECT_GE(d.maxCharacters, 50u * 26'000);
}

}  // namespace
}  // namespace vanthu::render
