// Decree 30/2020 invariants checked by model::validate (decree-30-2020.md §2, §4, §10).
#include <algorithm>

#include <gtest/gtest.h>

#include "model/validation.h"

namespace vanthu::model {
namespace {

Document validDecision() {
    Document d;
    d.type = DocumentType::QuyetDinh;
    d.code = {1020, std::nullopt, "QĐ-BTP"};
    d.issuer = {"BỘ TƯ PHÁP", "BTP", ""};
    d.place = "Hà Nội";
    d.issueDate = Date{2018, 5, 8};
    d.subject = "Ban hành Kế hoạch";
    d.authority = "BỘ TRƯỞNG BỘ TƯ PHÁP";
    d.legalBasis = {"Căn cứ Nghị định số 96/2017/NĐ-CP;", "Xét đề nghị của Cục trưởng."};
    Block a1{BlockKind::Article};
    a1.text = {{"Ban hành kèm theo Quyết định này."}};
    Block a2 = a1, a3 = a1;
    d.body = {a1, a2, a3};
    Signature s;
    s.chain = {{Authority::KT, "BỘ TRƯỞNG"}};
    s.position = "THỨ TRƯỞNG";
    s.name = "Phan Chí Hiếu";
    d.signatures = {s};
    Recipient r;
    r.kind = RecipientKind::AsArticle;
    r.article = 3;
    d.recipients = {r};
    return d;
}

bool hasField(const Errors& es, std::string_view part) {
    return std::any_of(es.begin(), es.end(), [&](const Error& e) { return e.field.find(part) != std::string::npos; });
}

TEST(Validation, AValidDecisionPasses) {
    auto r = validate(validDecision());
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().describe());
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front().describe();
}

TEST(Validation, Rule8NotationMustStartWithTheTypeAbbreviation) {
    auto d = validDecision();
    d.code.notation = "QD-BTP";  // D instead of Đ
    auto r = validate(d);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(hasField(r.errors, "@notation"));
    EXPECT_NE(r.errors.front().messageVi.find("QĐ"), std::string::npos);
    EXPECT_FALSE(r.errors.front().messageEn.empty());
}

TEST(Validation, CongVanNotationIsOrganDashUnit) {
    auto d = validDecision();
    d.type = DocumentType::CongVan;
    d.authority.clear();
    d.code.notation = "BNV";
    auto r = validate(d);
    EXPECT_TRUE(hasField(r.errors, "@notation"));
    d.code.notation = "BNV-VP";
    EXPECT_FALSE(hasField(validate(d).errors, "@notation"));
}

TEST(Validation, YearInNumberOnlyForLegalNormativeAndMustMatchIssueYear) {
    auto d = validDecision();
    d.code = {14, 2024, "QĐ-UBND"};
    d.issueDate = Date{2024, 3, 1};
    EXPECT_TRUE(validate(d).ok());
    d.issueDate = Date{2023, 3, 1};
    EXPECT_TRUE(hasField(validate(d).errors, "@year"));
    d.type = DocumentType::KeHoach;
    d.code = {14, 2023, "KH-UBND"};
    EXPECT_TRUE(hasField(validate(d).errors, "@year"));
}

TEST(Validation, NumberedDocumentNeedsADate) {
    auto d = validDecision();
    d.issueDate.reset();
    EXPECT_TRUE(hasField(validate(d).errors, "@number"));
    d.code.number.reset();  // a draft: neither
    EXPECT_FALSE(hasField(validate(d).errors, "@number"));
}

TEST(Validation, ImpossibleDatesAreRejected) {
    EXPECT_FALSE(isValidDate({2018, 13, 45}));
    EXPECT_FALSE(isValidDate({2019, 2, 30}));
    EXPECT_FALSE(isValidDate({2023, 2, 29}));
    EXPECT_TRUE(isValidDate({2024, 2, 29}));
    EXPECT_FALSE(isValidDate({1900, 2, 29}));
    EXPECT_TRUE(isValidDate({2000, 2, 29}));
}

TEST(Validation, Rule17SignerNameWithoutAcademicTitle) {
    auto d = validDecision();
    d.signatures[0].name = "TS. Phan Chí Hiếu";
    EXPECT_TRUE(hasField(validate(d).errors, "name"));
}

TEST(Validation, TuqMayNotBeDelegatedAgain) {
    auto d = validDecision();
    d.signatures[0].chain = {{Authority::TUQ, "BỘ TRƯỞNG"}, {Authority::KT, "CHÁNH VĂN PHÒNG"}};
    EXPECT_FALSE(validate(d).ok());
    d.signatures[0].chain = {{Authority::TL, "CHỦ TỊCH"}, {Authority::KT, "CHÁNH VĂN PHÒNG"}};
    EXPECT_TRUE(validate(d).ok()) << "TL. may pass to a deputy (PL I II.7.b)";
}

TEST(Validation, SignerPositionIsRequired) {
    auto d = validDecision();
    d.signatures[0].position.clear();
    EXPECT_TRUE(hasField(validate(d).errors, "position"));
}

TEST(Validation, ActingHeadSignsWithoutAPositionLine) {  // "Q. GIÁM ĐỐC" / name (Art. 13)
    auto d = validDecision();
    d.signatures[0].chain = {{Authority::Q, "BỘ TRƯỞNG"}};
    d.signatures[0].position.clear();
    EXPECT_FALSE(hasField(validate(d).errors, "position"));
    d.signatures[0].chain = {{Authority::KT, "BỘ TRƯỞNG"}};
    EXPECT_TRUE(hasField(validate(d).errors, "position")) << "a deputy (KT.) still names his position";
}

TEST(Validation, NhuDieuMustNameAnExistingArticle) {
    auto d = validDecision();
    d.recipients[0].article = 4;
    auto r = validate(d);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.errors.front().messageEn.find("Article 4"), std::string::npos);
}

TEST(Validation, NhuTrenNeedsKinhGui) {
    auto d = validDecision();
    d.recipients = {Recipient{RecipientKind::AsAbove}};
    EXPECT_FALSE(validate(d).ok());
    d.addressees = {"Bộ Nội vụ"};
    EXPECT_TRUE(validate(d).ok());
}

TEST(Validation, Rule15LegalBasisPunctuationIsAWarning) {
    auto d = validDecision();
    d.legalBasis = {"Căn cứ A,", "Xét đề nghị của B,"};
    auto r = validate(d);
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.warnings.size(), 2u);
}

TEST(Validation, PointLabelsFollowTheVietnameseAlphabet) {
    auto d = validDecision();
    Block p{BlockKind::Point};
    p.number = "f";
    d.body[0].children.push_back(p);
    EXPECT_FALSE(validate(d).ok());
    d.body[0].children[0].number = "đ";
    EXPECT_TRUE(validate(d).ok());
}

TEST(Validation, AttachedDocumentMustBeTyped) {
    auto d = validDecision();
    AttachedDocument a;
    a.type = DocumentType::CongVan;
    d.attachments = {a};
    EXPECT_FALSE(validate(d).ok());
}

}  // namespace
}  // namespace vanthu::model
