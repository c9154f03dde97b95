// Every samples/*.xml, read by the input module and composed: the Decree 30 rules that hold for
// any document (§10 rules 1–5, 13–17) and NFC text everywhere.
#include <regex>

#include <gtest/gtest.h>

#include "compose/compose_fixtures.h"
#include "font/metrics.h"
#include "input/document_reader.h"
#include "support/test_support.h"
#include "support/truetype_advances.h"
#include "text/unicode.h"

namespace vanthu::compose {
namespace {

using namespace testing;

class Samples : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(Samples, ComposeFollowsDecree30) {
    const auto read = input::readDocumentFile(GetParam());
    ASSERT_TRUE(read.ok()) << read.error().describe();
    const model::Document& doc = read.value().document;
    const Composition c = composer().compose(doc, options());
    ASSERT_FALSE(c.sections.empty());
    const Section& main = c.sections.front();
    EXPECT_EQ(main.label, "main");

    for (const auto& s : allStrings(c)) EXPECT_TRUE(text::isNfc(s)) << s;

    // rules 3, 4
    const Paragraph* qh = first(main, Role::QuocHieu);
    ASSERT_NE(qh, nullptr);
    EXPECT_EQ(qh->text(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const Paragraph* tn = first(main, Role::TieuNgu);
    ASSERT_NE(tn, nullptr);
    ASSERT_TRUE(tn->ruleBelow);
    double w = 0;
    // The width from the font file, read independently of the FontMetrics compose measures with.
    for (const auto& sp : tn->spans)
        w += vanthu::testing::TrueTypeAdvances::liberationSerif(sp.style.bold, sp.style.italic).widthPt(sp.text, sp.style.sizePt);
    EXPECT_NEAR(tn->ruleBelow->lengthPt, w, 0.5);

    // rule 5 (upper bound: the rule never exceeds half the widest possible line)
    // A long organ name is set on two lines; the rule hangs under the last.
    const auto issuerLines = all(main, Role::Issuer);
    ASSERT_FALSE(issuerLines.empty());
    ASSERT_LE(issuerLines.size(), 2u);
    const Paragraph* issuer = issuerLines.back();
    ASSERT_TRUE(issuer->ruleBelow);
    for (const auto* l : issuerLines) EXPECT_EQ(l->text(), text::toUpper(l->text()));

    // Số line: the notation verbatim
    const Paragraph* number = first(main, Role::Number);
    ASSERT_NE(number, nullptr);
    EXPECT_EQ(number->text(), "Số: " + model::format(doc.code));

    // rule 15
    const auto basis = all(main, Role::LegalBasis);
    for (std::size_t i = 0; i < basis.size(); ++i) {
        EXPECT_EQ(basis[i]->text().back(), i + 1 == basis.size() ? '.' : ';') << basis[i]->text();
        EXPECT_TRUE(basis[i]->spans.front().style.italic);
    }

    // rule 16
    const auto items = all(main, Role::RecipientItem);
    if (!items.empty()) {
        for (std::size_t i = 0; i + 1 < items.size(); ++i)
            EXPECT_TRUE(std::regex_match(items[i]->text(), std::regex("^- .+;$"))) << items[i]->text();
        EXPECT_TRUE(std::regex_match(items.back()->text(), std::regex("^- Lưu: VT(, .+)?\\.$"))) << items.back()->text();
    }
    // công văn, tờ trình, báo cáo with Kính gửi: "- Như trên;" first
    if (!doc.addressees.empty() &&
        (doc.type == model::DocumentType::CongVan || doc.type == model::DocumentType::ToTrinh ||
         doc.type == model::DocumentType::BaoCao)) {
        ASSERT_FALSE(items.empty());
        EXPECT_EQ(items.front()->text(), "- Như trên;");
    }

    // rule 17
    for (const auto* p : all(main, Role::SignerAuthority))
        EXPECT_TRUE(std::regex_match(p->text(), std::regex("^((TM|Q|KT|TL|TUQ)\\. )?.+"))) << p->text();

    // rule 13, and one section per appendix / attachment
    std::size_t expected = 1 + doc.appendices.size();
    for (const auto& a : doc.attachments) expected += 1 + a.appendices.size();
    EXPECT_EQ(c.sections.size(), expected);
    for (const auto& s : c.sections) {
        EXPECT_FALSE(s.numbering.onFirstPage);
        EXPECT_EQ(s.numbering.startAt, 1);
    }
    for (std::size_t i = 1; i < c.sections.size(); ++i)
        EXPECT_NE(first(c.sections[i], Role::AttachedNote), nullptr) << c.sections[i].label;
}

std::string sampleName(const ::testing::TestParamInfo<std::filesystem::path>& info) {
    std::string s = info.param.stem().string();
    for (char& ch : s)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return "s" + s;
}

INSTANTIATE_TEST_SUITE_P(All, Samples, ::testing::ValuesIn(vanthu::testing::allSamples()), sampleName);

TEST(SamplesSeed000, AttachedNoteMatchesTheSeed) {
    const auto read = input::readDocumentFile(vanthu::testing::sample("01-qd-1020-btp.xml"));
    ASSERT_TRUE(read.ok()) << read.error().describe();
    const Composition c = composer().compose(read.value().document, options());
    const Section* att = nullptr;
    for (const auto& s : c.sections)
        if (s.label == "attachment 1") att = &s;
    ASSERT_NE(att, nullptr);
    // The seed writes the date as 08/5/2018; compose writes it as Decree 30 PL I II.4.b does.
    EXPECT_EQ(first(*att, Role::AttachedNote)->text(),
              "(Ban hành kèm theo Quyết định số 1020/QĐ-BTP ngày 08 tháng 5 năm 2018 của Bộ trưởng Bộ Tư pháp)");
}

TEST(SamplesSeed000, CouncilAuthorityPrintsAsTwoTightLines) {
    // Sample 09: "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM" over "KHÓA X, KỲ HỌP THỨ 23", bold capitals,
    // centred, no gap between them; the block keeps its space before and after.
    const auto read = input::readDocumentFile(vanthu::testing::sample("09-nq-hdnd.xml"));
    ASSERT_TRUE(read.ok()) << read.error().describe();
    const Composition c = composer().compose(read.value().document, options());
    std::vector<const Paragraph*> lines;
    for (const auto& b : c.sections.front().blocks)
        if (const auto* p = std::get_if<Paragraph>(&b); p && p->role == Role::AuthorityLine) lines.push_back(p);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]->text(), "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM");
    EXPECT_EQ(lines[1]->text(), "KHÓA X, KỲ HỌP THỨ 23");
    EXPECT_EQ(lines[0]->format.spaceAfterPt, 0);
    EXPECT_EQ(lines[1]->format.spaceBeforePt, 0);
    EXPECT_GT(lines[0]->format.spaceBeforePt, 0);
    EXPECT_GT(lines[1]->format.spaceAfterPt, 0);
    EXPECT_TRUE(lines[0]->format.keepWithNext);
    for (const auto* p : lines) EXPECT_EQ(p->format.align, Align::Center);
}

}  // namespace
}  // namespace vanthu::compose
