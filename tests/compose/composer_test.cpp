// compose::Composer against reference/decree-30-2020.md: §1 (page), §2 (the component table:
// size, bold/italic, case, alignment), §3 (page-1 layout) and the testable rules of §10.
#include "compose/composer.h"

#include <algorithm>
#include <cstdlib>
#include <regex>

#include <gtest/gtest.h>

#include "compose/compose_fixtures.h"
#include "support/truetype_advances.h"
#include "text/unicode.h"

namespace vanthu::compose {
namespace {

using namespace testing;

constexpr double kCm = 72.0 / 2.54;

// Expected widths come from the font file read by the tests' own reader, never from the
// font::FontMetrics that compose measures with (that would check compose against itself).
double widthPt(const std::string& text, const TextStyle& st) {
    return ::vanthu::testing::TrueTypeAdvances::liberationSerif(st.bold, st.italic).widthPt(text, st.sizePt);
}

double measure(const Paragraph& p) {
    double w = 0;
    for (const auto& s : p.spans) w += widthPt(s.text, s.style);
    return w;
}

// The test's own greedy line breaking at spaces, to check rule lengths independently.
double longestLine(const std::string& s, const TextStyle& st, double avail) {
    const double space = widthPt(" ", st);
    double longest = 0, line = -1;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t j = std::min(s.find(' ', i), s.size());
        const double w = widthPt(s.substr(i, j - i), st);
        if (line < 0) {
            line = w;
        } else if (line + space + w <= avail) {
            line += space + w;
        } else {
            longest = std::max(longest, line);
            line = w;
        }
        i = j + 1;
    }
    return std::max(longest, line);
}

bool uniformStyle(const Paragraph& p, double minPt, double maxPt, bool bold, bool italic) {
    if (p.spans.empty()) return false;
    for (const auto& s : p.spans)
        if (s.style.sizePt < minPt || s.style.sizePt > maxPt || s.style.bold != bold || s.style.italic != italic) return false;
    return true;
}

class QuyetDinh : public ::testing::Test {
protected:
    static void SetUpTestSuite() { c_ = new Composition(composer().compose(quyetDinh1020(), options())); }
    static void TearDownTestSuite() { delete c_; }
    static const Composition& c() { return *c_; }
    static const Section& main() { return c_->sections.at(0); }
    static const Paragraph& one(Role r) {
        const Paragraph* p = first(main(), r);
        if (!p) throw std::runtime_error("no paragraph with role " + std::string(roleStyleId(r)));
        return *p;
    }

private:
    static inline Composition* c_ = nullptr;
};

// ---- §1 / rule 1, 2 ----

TEST_F(QuyetDinh, PageIsA4PortraitWithDecreeMargins) {
    for (const auto& s : c().sections) {
        EXPECT_NEAR(s.page.widthPt, mm(210), 0.01);
        EXPECT_NEAR(s.page.heightPt, mm(297), 0.01);
        EXPECT_GE(s.page.marginTopPt, mm(20) - 0.01);
        EXPECT_LE(s.page.marginTopPt, mm(25) + 0.01);
        EXPECT_GE(s.page.marginBottomPt, mm(20) - 0.01);
        EXPECT_LE(s.page.marginBottomPt, mm(25) + 0.01);
        EXPECT_GE(s.page.marginLeftPt, mm(30) - 0.01);
        EXPECT_LE(s.page.marginLeftPt, mm(35) + 0.01);
        EXPECT_GE(s.page.marginRightPt, mm(15) - 0.01);
        EXPECT_LE(s.page.marginRightPt, mm(20) + 0.01);
    }
}

TEST_F(QuyetDinh, TimesNewRomanAndEveryStringNfc) {
    EXPECT_EQ(c().fontFamily, "Times New Roman");
    for (const auto& s : allStrings(c())) EXPECT_TRUE(text::isNfc(s)) << s;
}

// ---- §3: page-1 order ----

TEST_F(QuyetDinh, Page1ComponentsComeInDecreeOrder) {
    const std::vector<Role> expected = {
        Role::Issuer, Role::QuocHieu, Role::TieuNgu, Role::Number, Role::PlaceDate,  // header table
        Role::TypeName, Role::Subject, Role::AuthorityLine, Role::LegalBasis, Role::LegalBasis, Role::LegalBasis,
        Role::DecisionWord, Role::Article, Role::Article, Role::Article,
        Role::RecipientsLabel, Role::RecipientItem, Role::RecipientItem, Role::RecipientItem, Role::RecipientItem,
        Role::RecipientItem, Role::DrafterMark,  // left cell of the signature table
        Role::SignerAuthority, Role::SignerPosition, Role::SignatureSpace, Role::SignatureSpace, Role::SignatureSpace,
        Role::SignatureSpace, Role::SignerName,
    };
    EXPECT_EQ(roles(main()), expected);
}

TEST_F(QuyetDinh, HeaderIsATwoColumnBorderlessTable) {
    const Table* t = table(main(), Table::Kind::Header);
    ASSERT_NE(t, nullptr);
    EXPECT_FALSE(t->borders);
    ASSERT_EQ(t->columnWidthsPt.size(), 2u);
    const double w = main().page.textWidthPt();
    EXPECT_NEAR(t->columnWidthsPt[0] + t->columnWidthsPt[1], w, 0.01);
    // §3: ô 2/3 at x 0–0.44, ô 1/4 at x 0.52–0.98
    EXPECT_GE(t->columnWidthsPt[0] / w, 0.40);
    EXPECT_LE(t->columnWidthsPt[0] / w, 0.50);
    ASSERT_EQ(t->rows.size(), 2u);  // organs | Quốc hiệu; Số | date — so Số and the date start level
    EXPECT_EQ(t->rows[1][0].paragraphs.front().role, Role::Number);
    EXPECT_EQ(t->rows[1][1].paragraphs.front().role, Role::PlaceDate);
    EXPECT_DOUBLE_EQ(t->rows[1][0].paragraphs.front().format.spaceBeforePt,
                     t->rows[1][1].paragraphs.front().format.spaceBeforePt);
    EXPECT_EQ(std::get_if<Table>(&main().blocks.front()), t) << "the header opens page 1";
}

// ---- §2 header rows; rules 3, 4, 5 ----

TEST_F(QuyetDinh, QuocHieu) {
    const auto& p = one(Role::QuocHieu);
    EXPECT_EQ(p.text(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    EXPECT_TRUE(uniformStyle(p, 12, 13, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
}

TEST_F(QuyetDinh, TieuNguRuleIsAsLongAsTheText) {
    const auto& p = one(Role::TieuNgu);
    EXPECT_EQ(p.text(), "Độc lập - Tự do - Hạnh phúc");
    EXPECT_TRUE(uniformStyle(p, 13, 14, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
    ASSERT_TRUE(p.ruleBelow);
    EXPECT_NEAR(p.ruleBelow->lengthPt, measure(p), 0.5);
    EXPECT_GT(p.ruleBelow->thicknessPt, 0);
}

TEST_F(QuyetDinh, IssuerIsUpperBoldWithAShortRule) {
    const auto& p = one(Role::Issuer);
    EXPECT_EQ(p.text(), "BỘ TƯ PHÁP");
    EXPECT_TRUE(uniformStyle(p, 12, 13, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
    ASSERT_TRUE(p.ruleBelow);
    const double line = measure(p);
    EXPECT_GE(p.ruleBelow->lengthPt, line / 3 - 1e-6);
    EXPECT_LE(p.ruleBelow->lengthPt, line / 2 + 1e-6);
}

TEST_F(QuyetDinh, NumberLineKeepsTheNotationVerbatim) {
    const auto& p = one(Role::Number);
    EXPECT_EQ(p.text(), "Số: 1020/QĐ-BTP");
    EXPECT_TRUE(uniformStyle(p, 13, 13, false, false));
    EXPECT_EQ(p.format.align, Align::Center);
}

TEST_F(QuyetDinh, PlaceDateIsItalic) {
    const auto& p = one(Role::PlaceDate);
    EXPECT_EQ(p.text(), "Hà Nội, ngày 08 tháng 5 năm 2018");
    EXPECT_TRUE(uniformStyle(p, 13, 14, false, true));
    EXPECT_EQ(p.format.align, Align::Center);
}

// ---- §2 ô 5a, 6 ----

TEST_F(QuyetDinh, TypeNameIsUpperBoldCentred) {
    const auto& p = one(Role::TypeName);
    EXPECT_EQ(p.text(), "QUYẾT ĐỊNH");
    EXPECT_TRUE(uniformStyle(p, 13, 14, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
    EXPECT_GE(p.format.spaceBeforePt, 12);
    EXPECT_LE(p.format.spaceBeforePt, 18);
    EXPECT_TRUE(p.format.keepWithNext);
}

TEST_F(QuyetDinh, SubjectRuleIsAThirdToAHalfOfItsLongestLine) {
    const auto& p = one(Role::Subject);
    EXPECT_EQ(p.text(), quyetDinh1020().subject);
    EXPECT_TRUE(uniformStyle(p, 13, 14, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
    ASSERT_TRUE(p.ruleBelow);
    const double avail = main().page.textWidthPt();
    const double line = longestLine(p.text(), p.spans.front().style, avail);
    EXPECT_LT(line, measure(p)) << "the seed's subject takes two lines";
    EXPECT_GE(p.ruleBelow->lengthPt, line / 3 - 1e-6);
    EXPECT_LE(p.ruleBelow->lengthPt, line / 2 + 1e-6);
}

TEST_F(QuyetDinh, AuthorityLineIsUpperBold) {
    const auto& p = one(Role::AuthorityLine);
    EXPECT_EQ(p.text(), "BỘ TRƯỞNG BỘ TƯ PHÁP");
    EXPECT_TRUE(uniformStyle(p, 13, 14, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
}

TEST_F(QuyetDinh, LegalBasisPunctuationIsNormalised) {  // rule 15
    const auto lines = all(main(), Role::LegalBasis);
    ASSERT_EQ(lines.size(), 3u);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string t = lines[i]->text();
        EXPECT_TRUE(uniformStyle(*lines[i], 13, 14, false, true)) << t;
        EXPECT_EQ(lines[i]->format.align, Align::Justify);
        EXPECT_EQ(t.back(), i + 1 == lines.size() ? '.' : ';') << t;
        EXPECT_NE(t[t.size() - 2], ',');
    }
    EXPECT_TRUE(lines[1]->text().ends_with("2018-2022”;"));  // the seed's line had no ';'
    EXPECT_TRUE(lines[2]->text().ends_with("thi hành pháp luật."));  // the seed's line ended with ','
}

TEST_F(QuyetDinh, DecisionWord) {
    const auto& p = one(Role::DecisionWord);
    EXPECT_EQ(p.text(), "QUYẾT ĐỊNH:");
    EXPECT_TRUE(uniformStyle(p, 13, 14, true, false));
    EXPECT_EQ(p.format.align, Align::Center);
    EXPECT_TRUE(p.format.keepWithNext);
}

TEST_F(QuyetDinh, UntitledArticlesAreNumberedWithBoldLabelAndUprightText) {
    const auto articles = all(main(), Role::Article);
    ASSERT_EQ(articles.size(), 3u);
    for (std::size_t i = 0; i < articles.size(); ++i) {
        const auto& p = *articles[i];
        ASSERT_GE(p.spans.size(), 2u);
        EXPECT_EQ(p.spans[0].text, "Điều " + std::to_string(i + 1) + ".");
        EXPECT_TRUE(p.spans[0].style.bold);
        EXPECT_FALSE(p.spans[1].style.bold);
        EXPECT_EQ(p.spans[1].text.front(), ' ');
        EXPECT_FALSE(p.format.keepWithNext) << "nothing of its own follows it";
    }
}

TEST_F(QuyetDinh, BodyParagraphsFollowRule14) {
    for (const auto& s : c().sections)
        for (const auto* p : paragraphs(s)) {
            if (p->role != Role::Body && p->role != Role::Article && p->role != Role::Clause && p->role != Role::Point &&
                p->role != Role::Bullet)
                continue;
            EXPECT_EQ(p->format.align, Align::Justify);
            const double indent = p->format.firstLineIndentPt;
            EXPECT_TRUE(std::abs(indent - 1.0 * kCm) < 0.01 || std::abs(indent - 1.27 * kCm) < 0.01) << indent;
            EXPECT_GE(p->format.spaceAfterPt + p->format.spaceBeforePt, 6);
            EXPECT_GE(p->format.lineSpacing, 1.0);
            EXPECT_LE(p->format.lineSpacing, 1.5);
            for (const auto& span : p->spans) {
                EXPECT_GE(span.style.sizePt, 13);
                EXPECT_LE(span.style.sizePt, 14);
            }
        }
}

// ---- §2 ô 7, 9b, 12; rules 16, 17 ----

TEST_F(QuyetDinh, SignatureTableKeepsTogetherInTwoHalves) {
    const Table* t = table(main(), Table::Kind::Signature);
    ASSERT_NE(t, nullptr);
    EXPECT_TRUE(t->keepTogether);
    EXPECT_FALSE(t->borders);
    ASSERT_EQ(t->columnWidthsPt.size(), 2u);
    EXPECT_NEAR(t->columnWidthsPt[0], t->columnWidthsPt[1], 0.01);
    ASSERT_EQ(t->rows.size(), 1u);
    EXPECT_EQ(t->rows[0][0].paragraphs.front().role, Role::RecipientsLabel);
    EXPECT_EQ(t->rows[0][1].paragraphs.front().role, Role::SignerAuthority);
    // "Nơi nhận:" level with the 7a line
    EXPECT_DOUBLE_EQ(t->rows[0][0].paragraphs.front().format.spaceBeforePt,
                     t->rows[0][1].paragraphs.front().format.spaceBeforePt);
}

TEST_F(QuyetDinh, RecipientsFollowRule16) {
    const auto& label = one(Role::RecipientsLabel);
    EXPECT_EQ(label.text(), "Nơi nhận:");
    EXPECT_TRUE(uniformStyle(label, 12, 12, true, true));
    EXPECT_EQ(label.format.align, Align::Left);
    EXPECT_EQ(label.format.firstLineIndentPt, 0);
    EXPECT_EQ(label.format.leftIndentPt, 0);

    const auto items = all(main(), Role::RecipientItem);
    std::vector<std::string> texts;
    for (const auto* p : items) {
        texts.push_back(p->text());
        EXPECT_TRUE(uniformStyle(*p, 11, 11, false, false));
        EXPECT_EQ(p->format.align, Align::Left);
        EXPECT_EQ(p->format.firstLineIndentPt, 0);
    }
    EXPECT_EQ(texts, (std::vector<std::string>{
                         "- Như Điều 3;",
                         "- Thủ tướng Chính phủ (để báo cáo);",
                         "- Các Thủ trưởng (để chỉ đạo thực hiện);",
                         "- Cổng thông tin điện tử Bộ Tư pháp (để đăng tải);",
                         "- Lưu: VT, QLXLVPHC&TDTHPL (02).",
                     }));
    EXPECT_TRUE(std::regex_match(texts.back(), std::regex("^- Lưu: VT, .+\\.$")));
    const auto& mark = one(Role::DrafterMark);
    EXPECT_EQ(mark.text(), "NVA.(10)");
    EXPECT_TRUE(uniformStyle(mark, 11, 11, false, false));
}

TEST_F(QuyetDinh, SignerBlockFollowsRule17) {
    const auto& authority = one(Role::SignerAuthority);
    EXPECT_EQ(authority.text(), "KT. BỘ TRƯỞNG");
    EXPECT_TRUE(std::regex_match(authority.text(), std::regex("^(TM|Q|KT|TL|TUQ)\\. .+")));
    EXPECT_TRUE(uniformStyle(authority, 13, 14, true, false));
    EXPECT_EQ(authority.text(), text::toUpper(authority.text()));
    const auto& position = one(Role::SignerPosition);
    EXPECT_EQ(position.text(), "THỨ TRƯỞNG");
    EXPECT_TRUE(uniformStyle(position, 13, 14, true, false));
    const auto& name = one(Role::SignerName);
    EXPECT_EQ(name.text(), "Phan Chí Hiếu");
    EXPECT_TRUE(uniformStyle(name, 13, 14, true, false));
    for (const auto* p : {&authority, &position, &name}) EXPECT_EQ(p->format.align, Align::Center);
    const auto spaces = all(main(), Role::SignatureSpace);
    EXPECT_GE(spaces.size(), 3u);
    EXPECT_LE(spaces.size(), 4u);
}

// ---- rule 13 ----

TEST_F(QuyetDinh, PageNumbersFollowRule13InEverySection) {
    for (const auto& s : c().sections) {
        EXPECT_TRUE(s.numbering.enabled) << s.label;
        EXPECT_FALSE(s.numbering.onFirstPage) << s.label;
        EXPECT_EQ(s.numbering.startAt, 1) << s.label;
        EXPECT_GE(s.numbering.style.sizePt, 13);
        EXPECT_LE(s.numbering.style.sizePt, 14);
        EXPECT_FALSE(s.numbering.style.italic);
        EXPECT_EQ(s.numbering.align, Align::Center);
    }
}

// ---- metadata (PL VI) ----

TEST_F(QuyetDinh, Metadata) {
    const auto& m = c().meta;
    EXPECT_EQ(m.title, quyetDinh1020().subject);
    EXPECT_EQ(m.typeName, "Quyết định");
    EXPECT_EQ(m.code, "1020/QĐ-BTP");
    EXPECT_EQ(m.codeNumber, "1020");
    EXPECT_EQ(m.codeNotation, "QĐ-BTP");
    EXPECT_EQ(m.organName, "BỘ TƯ PHÁP");
    EXPECT_EQ(m.organId, "000.00.00.G12");
    EXPECT_EQ(m.issuedDate, "2018-05-08");
    EXPECT_EQ(m.signerName, "Phan Chí Hiếu");
    EXPECT_EQ(m.signerPosition, "THỨ TRƯỞNG");
    EXPECT_EQ(m.language, "vi-VN");
    EXPECT_EQ(m.secrecy, "");
    EXPECT_EQ(m.urgency, "");
    EXPECT_EQ(m.created, "2018-05-08T09:30:00Z");
}

// ---- sections: appendix, attached document ----

TEST_F(QuyetDinh, SectionsAreMainAppendixThenAttachment) {
    std::vector<std::string> labels;
    for (const auto& s : c().sections) labels.push_back(s.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"main", "appendix I", "attachment 1"}));
}

TEST_F(QuyetDinh, SingleAppendixIsPhuLucWithoutNumber) {
    const Section& a = c().sections.at(1);
    EXPECT_EQ(roles(a).front(), Role::AppendixLabel);
    const Paragraph* label = first(a, Role::AppendixLabel);
    EXPECT_EQ(label->text(), "Phụ lục");
    EXPECT_TRUE(uniformStyle(*label, 14, 14, true, false));
    EXPECT_EQ(label->format.align, Align::Center);
    const Paragraph* title = first(a, Role::AppendixTitle);
    EXPECT_EQ(title->text(), "DANH MỤC NHIỆM VỤ");
    EXPECT_TRUE(uniformStyle(*title, 13, 14, true, false));
    const Paragraph* note = first(a, Role::AttachedNote);
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->text(), "(Kèm theo Quyết định số 1020/QĐ-BTP ngày 08 tháng 5 năm 2018 của Bộ trưởng Bộ Tư pháp)");
    EXPECT_TRUE(uniformStyle(*note, 13, 14, false, true));
    EXPECT_EQ(note->format.align, Align::Center);
}

TEST_F(QuyetDinh, AttachedDocumentRepeatsOrganAndQuocHieuWithoutNumberAndDate) {
    const Section& a = c().sections.at(2);
    const Table* h = table(a, Table::Kind::Header);
    ASSERT_NE(h, nullptr);
    ASSERT_EQ(h->rows.size(), 1u);
    EXPECT_EQ(first(a, Role::Number), nullptr);
    EXPECT_EQ(first(a, Role::PlaceDate), nullptr);
    EXPECT_EQ(first(a, Role::Issuer)->text(), "BỘ TƯ PHÁP");
    EXPECT_EQ(first(a, Role::TieuNgu)->text(), "Độc lập - Tự do - Hạnh phúc");
    EXPECT_EQ(first(a, Role::TypeName)->text(), "KẾ HOẠCH");
    ASSERT_NE(first(a, Role::Subject), nullptr);
    EXPECT_TRUE(first(a, Role::Subject)->ruleBelow);
}

TEST_F(QuyetDinh, AttachedDocumentNote) {
    const Section& a = c().sections.at(2);
    const Paragraph* note = first(a, Role::AttachedNote);
    ASSERT_NE(note, nullptr);
    EXPECT_EQ(note->text(),
              "(Ban hành kèm theo Quyết định số 1020/QĐ-BTP ngày 08 tháng 5 năm 2018 của Bộ trưởng Bộ Tư pháp)");
    EXPECT_TRUE(uniformStyle(*note, 13, 14, false, true));
    const auto r = roles(a);
    const auto at = [&](Role x) { return std::find(r.begin(), r.end(), x) - r.begin(); };
    EXPECT_LT(at(Role::TypeName), at(Role::Subject));
    EXPECT_LT(at(Role::Subject), at(Role::AttachedNote));
    EXPECT_LT(at(Role::AttachedNote), at(Role::Heading1));
}

TEST_F(QuyetDinh, AttachedDocumentHeadingsAreNumberedPerLevel) {
    const Section& a = c().sections.at(2);
    std::vector<std::string> texts;
    for (const auto* p : paragraphs(a))
        if (p->role >= Role::Heading1 && p->role <= Role::Heading4) {
            texts.push_back(p->text());
            EXPECT_TRUE(p->format.keepWithNext) << p->text();
            EXPECT_TRUE(std::abs(p->format.firstLineIndentPt - 1.27 * kCm) < 0.01 ||
                        std::abs(p->format.firstLineIndentPt - 1.0 * kCm) < 0.01);
        }
    EXPECT_EQ(texts, (std::vector<std::string>{
                         "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG CÔNG VIỆC",
                         "1. Hoạt động hướng dẫn", "1.1. Ban hành Kế hoạch thực hiện Đề án", "1.2. Hội nghị quán triệt",
                         "1.2.1. Tại miền Bắc", "1.2.2. Tại miền Nam",
                     }));
    const auto h = [&](Role r) { return first(a, r)->spans.front().style; };
    EXPECT_TRUE(h(Role::Heading1).bold && !h(Role::Heading1).italic);
    EXPECT_TRUE(h(Role::Heading2).bold && !h(Role::Heading2).italic);
    EXPECT_TRUE(h(Role::Heading3).bold && h(Role::Heading3).italic);
    EXPECT_TRUE(!h(Role::Heading4).bold && h(Role::Heading4).italic);
    EXPECT_EQ(first(a, Role::Bullet)->text(), "- Thực hiện đúng, đầy đủ, kịp thời.");
}

TEST_F(QuyetDinh, AttachedDocumentIsSignedWithoutRecipients) {
    const Section& a = c().sections.at(2);
    const Table* sig = table(a, Table::Kind::Signature);
    ASSERT_NE(sig, nullptr);
    EXPECT_TRUE(sig->rows[0][0].paragraphs.empty());
    EXPECT_EQ(first(a, Role::RecipientsLabel), nullptr);
    EXPECT_EQ(first(a, Role::SignerName)->text(), "Phan Chí Hiếu");
}

// ---- drafts ----

TEST(ComposeDraft, NumberAndDateAreLeftBlank) {
    const Composition c = composer().compose(draftQuyetDinh(), options());
    const Section& s = c.sections.at(0);
    EXPECT_EQ(first(s, Role::Number)->text(), "Số:      /QĐ-BTP");
    EXPECT_EQ(first(s, Role::PlaceDate)->text(), "Hà Nội, ngày     tháng     năm     ");
    EXPECT_EQ(c.meta.code, "/QĐ-BTP");
    EXPECT_EQ(c.meta.codeNumber, "");
    EXPECT_EQ(c.meta.issuedDate, "");
    EXPECT_EQ(first(c.sections.at(2), Role::AttachedNote)->text(),
              "(Ban hành kèm theo Quyết định số      /QĐ-BTP ngày     tháng     năm      của Bộ trưởng Bộ Tư pháp)");
}

// ---- công văn: §2 ô 5b, 9a, 9b, 10, 11, 13; rule 18, 19 ----

class CongVan : public ::testing::Test {
protected:
    static void SetUpTestSuite() { c_ = new Composition(composer().compose(congVan(), options())); }
    static void TearDownTestSuite() { delete c_; }
    static const Section& main() { return c_->sections.at(0); }
    static const Metadata& meta() { return c_->meta; }

private:
    static inline Composition* c_ = nullptr;
};

TEST_F(CongVan, HasNoTypeNameAndPutsVvUnderTheNumber) {  // rule 18
    EXPECT_EQ(first(main(), Role::TypeName), nullptr);
    EXPECT_EQ(first(main(), Role::Subject), nullptr);
    const Table* h = table(main(), Table::Kind::Header);
    ASSERT_NE(h, nullptr);
    const auto& left = h->rows.at(1).at(0).paragraphs;
    ASSERT_GE(left.size(), 2u);
    EXPECT_EQ(left[0].role, Role::Number);
    EXPECT_EQ(left[0].text(), "Số: 05/STP-VP");
    EXPECT_EQ(left[1].role, Role::CongVanSubject);
    EXPECT_EQ(left[1].text(), "V/v triển khai theo dõi tình hình thi hành pháp luật năm 2022");
    EXPECT_TRUE(uniformStyle(left[1], 12, 13, false, false));
    EXPECT_EQ(left[1].format.align, Align::Center);
    EXPECT_DOUBLE_EQ(left[1].format.spaceBeforePt, 6);
}

TEST_F(CongVan, ParentOrganIsUpperAndNotBold) {
    const auto lines = all(main(), Role::ParentOrgan);
    ASSERT_FALSE(lines.empty());
    std::string text;
    for (const auto* l : lines) {
        text += (text.empty() ? "" : " ") + l->text();
        EXPECT_TRUE(uniformStyle(*l, 12, 13, false, false));
    }
    EXPECT_EQ(text, "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    EXPECT_EQ(first(main(), Role::Issuer)->text(), "SỞ TƯ PHÁP");
    const auto r = roles(main());
    EXPECT_LT(std::find(r.begin(), r.end(), Role::ParentOrgan), std::find(r.begin(), r.end(), Role::Issuer));
}

TEST(ComposeHeader, LongOrganNamesBreakBeforeTheAdministrativeUnit) {
    // "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG" does not fit the left header cell (12 pt bold): it is
    // printed as agencies print it, on two lines, never wrapped at the cell edge.
    model::Document d = keHoach();
    d.issuer.name = "Ủy ban nhân dân thành phố Đà Nẵng";
    const Composition c = composer().compose(d, options());
    const auto lines = all(c.sections[0], Role::Issuer);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]->text(), "ỦY BAN NHÂN DÂN");
    EXPECT_EQ(lines[1]->text(), "THÀNH PHỐ ĐÀ NẴNG");
    EXPECT_FALSE(lines[0]->ruleBelow);
    ASSERT_TRUE(lines[1]->ruleBelow);
    const Table* header = table(c.sections[0], Table::Kind::Header);
    ASSERT_NE(header, nullptr);
    const double cell = header->columnWidthsPt[0];
    double longest = 0;
    for (const auto* l : lines) {
        const auto& st = l->spans.front().style;
        const double w = widthPt(l->text(), st);
        EXPECT_LT(w, cell) << l->text();
        longest = std::max(longest, w);
    }
    // decree-30-2020.md §10 rule 5: 1/3–1/2 of the (longest) text line.
    EXPECT_GE(lines[1]->ruleBelow->lengthPt, longest / 3 - 0.01);
    EXPECT_LE(lines[1]->ruleBelow->lengthPt, longest / 2 + 0.01);
    // A short name stays on one line.
    d.issuer.name = "Bộ Tư pháp";
    EXPECT_EQ(all(composer().compose(d, options()).sections[0], Role::Issuer).size(), 1u);
}

TEST_F(CongVan, SeveralAddresseesAlignTheirDashesAfterKinhGui) {
    const auto lines = all(main(), Role::Addressee);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0]->text(), "Kính gửi:");
    EXPECT_EQ(lines[1]->text(), "- Các sở, ban, ngành tỉnh;");
    EXPECT_EQ(lines[2]->text(), "- Ủy ban nhân dân các huyện, thành phố;");
    EXPECT_EQ(lines[3]->text(), "- Báo Đắk Nông.");
    const auto& st = lines[0]->spans.front().style;
    const double kinhGui = widthPt("Kính gửi: ", st);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto& f = lines[i]->format;
        EXPECT_NEAR(f.leftIndentPt + f.firstLineIndentPt, lines[0]->format.leftIndentPt + kinhGui, 0.01);
        EXPECT_EQ(f.align, Align::Left);
    }
    for (const auto* p : lines) EXPECT_TRUE(uniformStyle(*p, 13, 14, false, false));
}

TEST(ComposeAddressee, OneAddresseeOnOneCentredLine) {
    model::Document d = congVan();
    d.addressees = {"Bộ Nội vụ"};
    const Composition c = composer().compose(d, options());
    const auto lines = all(c.sections.at(0), Role::Addressee);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0]->text(), "Kính gửi: Bộ Nội vụ.");
    EXPECT_EQ(lines[0]->format.align, Align::Center);
}

TEST_F(CongVan, FirstRecipientIsNhuTren) {
    const auto items = all(main(), Role::RecipientItem);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0]->text(), "- Như trên;");
    EXPECT_EQ(items[1]->text(), "- Giám đốc Sở (để báo cáo);");
    EXPECT_EQ(items[2]->text(), "- Lưu: VT, VP.");
}

TEST(ComposeRecipients, NhuTrenIsAddedFirstForToTrinh) {
    model::Document d = congVan();
    d.type = model::DocumentType::ToTrinh;
    d.code.notation = "TTr-STP";
    d.recipients = {d.recipients.at(1)};  // no "Như trên" given
    const Composition c = composer().compose(d, options());
    const auto items = all(c.sections.at(0), Role::RecipientItem);
    EXPECT_EQ(items.at(0)->text(), "- Như trên;");
    EXPECT_EQ(first(c.sections.at(0), Role::TypeName)->text(), "TỜ TRÌNH");
    // Tờ trình: Kính gửi right after the trích yếu
    const auto r = roles(c.sections.at(0));
    EXPECT_EQ(std::find(r.begin(), r.end(), Role::Subject) + 1, std::find(r.begin(), r.end(), Role::Addressee));
}

TEST_F(CongVan, UrgencyAndSecrecyMarksUnderTheNumber) {  // rule 19
    const Table* h = table(main(), Table::Kind::Header);
    const auto& left = h->rows.at(1).at(0).paragraphs;
    const auto secrecy = std::find_if(left.begin(), left.end(), [](const Paragraph& p) { return p.role == Role::SecrecyMark; });
    const auto urgency = std::find_if(left.begin(), left.end(), [](const Paragraph& p) { return p.role == Role::UrgencyMark; });
    ASSERT_NE(secrecy, left.end());
    ASSERT_NE(urgency, left.end());
    EXPECT_LT(secrecy, urgency) << "10a above 10b";
    EXPECT_EQ(secrecy->text(), "MẬT");
    EXPECT_TRUE(secrecy->spans.front().style.bold);
    EXPECT_EQ(urgency->text(), "HỎA TỐC");
    EXPECT_TRUE(uniformStyle(*urgency, 13, 14, true, false));
    ASSERT_TRUE(urgency->frame);
    EXPECT_NEAR(urgency->frame->widthPt, mm(30), 0.01);
    EXPECT_NEAR(urgency->frame->heightPt, mm(8), 0.01);
    EXPECT_EQ(main().blocks.size() > 0, true);
}

TEST(ComposeMarks, UrgencyBoxSizes) {
    const std::pair<model::Urgency, double> cases[] = {
        {model::Urgency::HoaToc, 30}, {model::Urgency::ThuongKhan, 40}, {model::Urgency::Khan, 20}};
    for (const auto& [u, width] : cases) {
        model::Document d = congVan();
        d.urgency = u;
        const Composition c = composer().compose(d, options());
        const Paragraph* p = first(c.sections.at(0), Role::UrgencyMark);
        ASSERT_NE(p, nullptr);
        ASSERT_TRUE(p->frame);
        EXPECT_NEAR(p->frame->widthPt, mm(width), 0.01) << p->text();
        EXPECT_NEAR(p->frame->heightPt, mm(8), 0.01);
        EXPECT_EQ(c.meta.urgency, p->text());
    }
}

TEST_F(CongVan, CirculationMarkIsFramedAboveTheHeader) {
    const auto* p = std::get_if<Paragraph>(&main().blocks.front());
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->role, Role::CirculationMark);
    EXPECT_EQ(p->text(), "LƯU HÀNH NỘI BỘ");
    EXPECT_TRUE(uniformStyle(*p, 13, 14, true, false));
    ASSERT_TRUE(p->frame);
    EXPECT_GT(p->frame->widthPt, measure(*p));
    const double w = main().page.textWidthPt();
    EXPECT_NEAR(p->format.leftIndentPt / w, 0.58, 0.01);  // §3: x 0.58–0.85
}

TEST_F(CongVan, ContactComesLastUnderAFullWidthRule) {
    const auto ps = paragraphs(main());
    ASSERT_GE(ps.size(), 2u);
    const Paragraph& contact = *ps.back();
    const Paragraph& rule = *ps[ps.size() - 2];
    EXPECT_EQ(contact.role, Role::Contact);
    EXPECT_EQ(contact.text(), "Địa chỉ: Số 1 đường Tôn Đức Thắng, thành phố Gia Nghĩa; Điện thoại: 0261 3544 123; "
                              "E-mail: stp@daknong.gov.vn");
    EXPECT_TRUE(uniformStyle(contact, 11, 12, false, false));
    EXPECT_EQ(rule.role, Role::Spacer);
    ASSERT_TRUE(rule.ruleBelow);
    EXPECT_NEAR(rule.ruleBelow->lengthPt, main().page.textWidthPt(), 0.01);
}

TEST_F(CongVan, MetadataOfMarks) {
    EXPECT_EQ(meta().secrecy, "MẬT");
    EXPECT_EQ(meta().urgency, "HỎA TỐC");
    EXPECT_EQ(meta().typeName, "Công văn");
    EXPECT_EQ(meta().codeNumber, "05");
}

// ---- Biên bản: two signers ----

TEST(ComposeBienBan, TwoSignersSideBySideRecipientsBelow) {
    const Composition c = composer().compose(bienBan(), options());
    const Table* t = table(c.sections.at(0), Table::Kind::Signature);
    ASSERT_NE(t, nullptr);
    ASSERT_EQ(t->rows.size(), 2u);
    EXPECT_EQ(t->rows[0][0].paragraphs.front().text(), "THƯ KÝ");
    EXPECT_EQ(t->rows[0][1].paragraphs.front().text(), "CHỦ TỌA");
    EXPECT_EQ(t->rows[0][0].paragraphs.back().text(), "Lê Thị C");
    EXPECT_EQ(t->rows[0][1].paragraphs.back().text(), "Nguyễn Văn D");
    EXPECT_EQ(t->rows[1][0].paragraphs.front().role, Role::RecipientsLabel);
    EXPECT_EQ(c.meta.signerName, "Nguyễn Văn D");
    EXPECT_EQ(first(c.sections.at(0), Role::PlaceDate)->text(), "Hà Nội, ngày 05 tháng 01 năm 2020");
}

// ---- Kế hoạch (default template): structure, numbering, tables ----

class KeHoach : public ::testing::Test {
protected:
    static void SetUpTestSuite() { c_ = new Composition(composer().compose(keHoach(), options())); }
    static void TearDownTestSuite() { delete c_; }
    static const Composition& c() { return *c_; }
    static const Section& main() { return c_->sections.at(0); }

private:
    static inline Composition* c_ = nullptr;
};

TEST_F(KeHoach, DefaultTemplateHasNoDecisionWordAndNoAuthorityLine) {
    EXPECT_EQ(first(main(), Role::DecisionWord), nullptr);
    EXPECT_EQ(first(main(), Role::AuthorityLine), nullptr);
    EXPECT_EQ(first(main(), Role::TypeName)->text(), "KẾ HOẠCH");
}

TEST_F(KeHoach, ChaptersAndSections) {
    std::vector<std::string> labels, titles;
    for (const auto* p : paragraphs(main())) {
        if (p->role == Role::ChapterLabel || p->role == Role::SectionLabel) {
            labels.push_back(p->text());
            EXPECT_TRUE(uniformStyle(*p, 13, 14, true, false));
            EXPECT_EQ(p->format.align, Align::Center);
            EXPECT_TRUE(p->format.keepWithNext);
        }
        if (p->role == Role::ChapterTitle || p->role == Role::SectionTitle) {
            titles.push_back(p->text());
            EXPECT_TRUE(uniformStyle(*p, 13, 14, true, false));
            EXPECT_EQ(p->format.align, Align::Center);
        }
    }
    // Sections restart per chapter.
    EXPECT_EQ(labels, (std::vector<std::string>{"Chương I", "Mục 1", "Mục 2", "Chương II", "Mục 1"}));
    EXPECT_EQ(titles, (std::vector<std::string>{"QUY ĐỊNH CHUNG", "PHẠM VI", "ĐỐI TƯỢNG", "TỔ CHỨC THỰC HIỆN", "TRÁCH NHIỆM"}));
}

TEST_F(KeHoach, ArticlesRunOnAcrossChaptersAndTitledArticlesAreBold) {
    const auto articles = all(main(), Role::Article);
    ASSERT_EQ(articles.size(), 3u);
    EXPECT_EQ(articles[0]->text(), "Điều 1. Phạm vi điều chỉnh");
    EXPECT_EQ(articles[1]->text(), "Điều 2. Đối tượng áp dụng");
    EXPECT_EQ(articles[2]->text(), "Điều 3. Trách nhiệm thi hành");
    for (const auto* p : articles) {
        EXPECT_TRUE(uniformStyle(*p, 14, 14, true, false)) << p->text();
        EXPECT_TRUE(p->format.keepWithNext);
    }
}

TEST_F(KeHoach, ClausesAndPointsAreNumberedPerParent) {
    std::vector<std::string> clauses, points;
    for (const auto* p : paragraphs(main())) {
        if (p->role == Role::Clause) clauses.push_back(p->text());
        if (p->role == Role::Point) points.push_back(p->spans.front().text);
    }
    EXPECT_EQ(clauses, (std::vector<std::string>{"1. Kế hoạch này quy định:", "2. Khoản hai."}));
    // Vietnamese alphabet: a b c d đ e g; restart in the next khoản
    EXPECT_EQ(points, (std::vector<std::string>{"a) một", "b) hai", "c) ba", "d) bốn", "đ) năm", "e) sáu", "g) bảy",
                                                "a) điểm a của khoản 2"}));
    for (const auto* p : all(main(), Role::Point)) EXPECT_FALSE(p->spans.front().style.bold);
}

TEST_F(KeHoach, InlineRunsKeepTheirEmphasis) {
    const Paragraph* p = nullptr;
    for (const auto* q : all(main(), Role::Body))
        if (q->text().starts_with("Chú ý")) p = q;
    ASSERT_NE(p, nullptr);
    ASSERT_EQ(p->spans.size(), 3u);
    EXPECT_FALSE(p->spans[0].style.bold);
    EXPECT_EQ(p->spans[1].text, "bắt buộc");
    EXPECT_TRUE(p->spans[1].style.bold);
}

TEST_F(KeHoach, BodyTableHasBordersRelativeWidthsAndBoldHeader) {
    const Table* t = table(main(), Table::Kind::Body);
    ASSERT_NE(t, nullptr);
    EXPECT_TRUE(t->borders);
    EXPECT_EQ(t->headerRows, 1);
    ASSERT_EQ(t->columnWidthsPt.size(), 3u);
    const double w = main().page.textWidthPt();
    EXPECT_NEAR(t->columnWidthsPt[0], w * 1 / 10, 0.01);
    EXPECT_NEAR(t->columnWidthsPt[1], w * 6 / 10, 0.01);
    EXPECT_NEAR(t->columnWidthsPt[2], w * 3 / 10, 0.01);
    ASSERT_EQ(t->rows.size(), 3u);
    for (const auto& cell : t->rows[0]) {
        EXPECT_EQ(cell.paragraphs.front().role, Role::TableText);
        EXPECT_TRUE(uniformStyle(cell.paragraphs.front(), 13, 13, true, false));
        EXPECT_EQ(cell.paragraphs.front().format.align, Align::Center);
    }
    EXPECT_EQ(t->rows[1][1].paragraphs.front().text(), "Kiểm tra");
    EXPECT_TRUE(uniformStyle(t->rows[1][1].paragraphs.front(), 13, 13, false, false));
}

TEST_F(KeHoach, SignerChainTmKt) {
    std::vector<std::string> lines;
    for (const auto* p : all(main(), Role::SignerAuthority)) lines.push_back(p->text());
    EXPECT_EQ(lines, (std::vector<std::string>{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}));
    EXPECT_EQ(first(main(), Role::SignerPosition)->text(), "PHÓ CHỦ TỊCH");
}

TEST_F(KeHoach, SeveralAppendicesAreNumberedAndRestartNumbering) {
    ASSERT_EQ(c().sections.size(), 3u);
    const Section& a1 = c().sections[1];
    const Section& a2 = c().sections[2];
    EXPECT_EQ(a1.label, "appendix I");
    EXPECT_EQ(a2.label, "appendix II");
    EXPECT_EQ(first(a1, Role::AppendixLabel)->text(), "Phụ lục I");
    EXPECT_EQ(first(a2, Role::AppendixLabel)->text(), "Phụ lục II");
    EXPECT_EQ(first(a2, Role::AppendixTitle)->text(), "BIỂU MẪU BÁO CÁO");
    EXPECT_EQ(first(a1, Role::AttachedNote)->text(),
              "(Kèm theo Kế hoạch số 07/KH-UBND ngày 19 tháng 01 năm 2022 của Ủy ban nhân dân tỉnh Đắk Nông)");
    EXPECT_EQ(a1.numbering.startAt, 1);
    EXPECT_EQ(a2.numbering.startAt, 1);
    // each appendix body numbers its articles from 1
    EXPECT_EQ(first(a1, Role::Article)->spans.front().text, "Điều 1.");
    EXPECT_EQ(first(a2, Role::Article)->spans.front().text, "Điều 1.");
}

TEST(ComposeAppendix, LandscapeAppendixTurnsOnlyItsOwnPage) {  // decree-30-2020.md §1
    model::Document d = keHoach();
    model::Block wide;
    wide.kind = model::BlockKind::Table;
    wide.columnWidths = {1, 3};
    model::Block row;
    row.kind = model::BlockKind::Row;
    model::Block cell;
    cell.kind = model::BlockKind::Cell;
    row.children = {cell, cell};
    wide.children = {row};
    d.appendices[0].body.push_back(wide);
    d.appendices[0].landscape = true;
    const Composition c = composer().compose(d, options());
    ASSERT_EQ(c.sections.size(), 3u);
    const PageSetup& portrait = c.sections[0].page;
    const PageSetup& turned = c.sections[1].page;
    EXPECT_LT(portrait.widthPt, portrait.heightPt);
    EXPECT_NEAR(turned.widthPt, compose::mm(297), 0.01);
    EXPECT_NEAR(turned.heightPt, compose::mm(210), 0.01);
    EXPECT_EQ(turned.marginLeftPt, portrait.marginLeftPt);
    EXPECT_EQ(c.sections[2].page.widthPt, portrait.widthPt);
    // The appendix's tables span the turned page's text width.
    const Table* t = table(c.sections[1], Table::Kind::Body);
    ASSERT_NE(t, nullptr);
    double sum = 0;
    for (double w : t->columnWidthsPt) sum += w;
    EXPECT_NEAR(sum, turned.textWidthPt(), 0.01);
}

// ---- every document type composes ----

TEST(ComposeTypes, EveryDocumentTypeComposesWithATypeNameOrNot) {
    for (const auto& info : model::documentTypes()) {
        model::Document d = quyetDinh1020();
        d.type = info.type;
        d.code.notation = info.abbreviation.empty() ? "BTP-VP" : std::string(info.abbreviation) + "-BTP";
        const Composition c = composer().compose(d, options());
        const Paragraph* tn = first(c.sections.at(0), Role::TypeName);
        if (info.type == model::DocumentType::CongVan) {
            EXPECT_EQ(tn, nullptr);
        } else {
            ASSERT_NE(tn, nullptr) << info.key;
            EXPECT_EQ(tn->text(), text::toUpper(info.name)) << info.key;
        }
        const bool decides = info.type == model::DocumentType::QuyetDinh || info.type == model::DocumentType::NghiQuyet;
        EXPECT_EQ(first(c.sections.at(0), Role::DecisionWord) != nullptr, decides) << info.key;
        for (const auto& s : allStrings(c)) EXPECT_TRUE(text::isNfc(s)) << s;
    }
}

TEST(ComposeTypes, NghiQuyetDecidesWithQuyetNghi) {
    model::Document d = quyetDinh1020();
    d.type = model::DocumentType::NghiQuyet;
    d.code.notation = "NQ-HĐND";
    const Composition c = composer().compose(d, options());
    EXPECT_EQ(first(c.sections.at(0), Role::DecisionWord)->text(), "QUYẾT NGHỊ:");
    EXPECT_EQ(first(c.sections.at(0), Role::TypeName)->text(), "NGHỊ QUYẾT");
}

// ---- measured rules for long organ names ----

TEST(ComposeRulesMeasured, WrappedIssuerRuleIsAThirdToAHalfOfItsLongestLine) {
    model::Document d = quyetDinh1020();
    d.issuer.name = "CỤC QUẢN LÝ XỬ LÝ VI PHẠM HÀNH CHÍNH VÀ THEO DÕI THI HÀNH PHÁP LUẬT";
    const Composition c = composer().compose(d, options());
    const Section& s = c.sections.at(0);
    const Table* h = table(s, Table::Kind::Header);
    const Paragraph* p = first(s, Role::Issuer);
    ASSERT_TRUE(p->ruleBelow);
    const double avail = h->columnWidthsPt[0];  // layout tables have no cell margins (templates/default.xml)
    const double line = longestLine(p->text(), p->spans.front().style, avail);
    EXPECT_LT(line, measure(*p)) << "wraps";
    EXPECT_LE(line, avail);
    EXPECT_GE(p->ruleBelow->lengthPt, line / 3 - 1e-6);
    EXPECT_LE(p->ruleBelow->lengthPt, line / 2 + 1e-6);
}

TEST(ComposeRulesMeasured, ShortSubjectRuleMeasuresItsOnlyLine) {
    model::Document d = quyetDinh1020();
    d.subject = "Về việc khen thưởng";
    const Composition c = composer().compose(d, options());
    const Paragraph* p = first(c.sections.at(0), Role::Subject);
    ASSERT_TRUE(p->ruleBelow);
    EXPECT_GE(p->ruleBelow->lengthPt, measure(*p) / 3 - 1e-6);
    EXPECT_LE(p->ruleBelow->lengthPt, measure(*p) / 2 + 1e-6);
}

// ---- determinism and speed ----

TEST(ComposeDeterminism, SameInputSameComposition) {
    const auto a = composer().compose(quyetDinh1020(), options());
    const auto b = composer().compose(quyetDinh1020(), options());
    const auto sa = allStrings(a), sb = allStrings(b);
    EXPECT_EQ(sa, sb);
}

// The speed of compose on a long document is measured in bench/ (BM_ComposeLong), never here.

}  // namespace
}  // namespace vanthu::compose
