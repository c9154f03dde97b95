// input: plain text → model::Document. The three seeds of shared/ are real documents converted to
// text; samples 01–03 are the same documents entered by hand (samples/README.md lists every
// repair made there). Importing a seed must give the sample's metadata exactly and nearly all of
// its body, in order; the figure is printed.
#include "input/text_import.h"

#include <algorithm>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/files.h"
#include "input/document_reader.h"
#include "input/document_writer.h"
#include "input/text_import_cases.h"
#include "support/test_support.h"
#include "text/unicode.h"

namespace vanthu::input {
namespace {

template <class List>  // Errors or Warnings
std::string describeAll(const List& errors) {
    std::string s;
    for (const auto& e : errors) s += std::to_string(e.line) + ": " + e.field + ": " + e.messageEn + "\n";
    return s;
}

std::string seed(std::string_view name) {
    return readFile(std::filesystem::path(VANTHU_SHARED_DIR) / "seeds" / std::string(name));
}

model::Document sampleDoc(std::string_view name) {
    auto r = readDocumentFile(testing::sample(name));
    EXPECT_TRUE(r.ok()) << describeAll(r.errors());
    return r.ok() ? r.value().document : model::Document{};
}

// Every text of a body in reading order, folded: OCR and spelling repairs made by hand in the
// samples (Công → Cổng) compare equal, wording differences do not.
void flatten(const std::vector<model::Block>& blocks, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        if (!b.title.empty()) out.push_back(text::fold(model::plainText(b.title)));
        if (!b.text.empty()) out.push_back(text::fold(model::plainText(b.text)));
        flatten(b.children, out);
    }
}

// Share of the sample's body texts that the import has in the same order (LCS).
double bodyMatch(const std::vector<model::Block>& sample, const std::vector<model::Block>& imported) {
    std::vector<std::string> a, b;
    flatten(sample, a);
    flatten(imported, b);
    std::vector<std::vector<int>> l(a.size() + 1, std::vector<int>(b.size() + 1, 0));
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j)
            l[i][j] = a[i - 1] == b[j - 1] ? l[i - 1][j - 1] + 1 : std::max(l[i - 1][j], l[i][j - 1]);
    return a.empty() ? 0 : static_cast<double>(l[a.size()][b.size()]) / static_cast<double>(a.size());
}

std::vector<std::string> recipients(const model::Document& d) {
    std::vector<std::string> out;
    for (const auto& r : d.recipients)
        out.push_back(std::to_string(static_cast<int>(r.kind)) + "|" + std::to_string(r.article) + "|" +
                      text::fold(r.name) + "|" + r.purpose);
    return out;
}

void expectSameSignature(const model::Signature& want, const model::Signature& got) {
    EXPECT_EQ(got.chain, want.chain);
    EXPECT_EQ(text::fold(got.position), text::fold(want.position));
    EXPECT_EQ(got.name, want.name);
}

void expectLikeSample(const model::Document& want, const model::Document& got, double minBody, const char* label) {
    EXPECT_EQ(got.type, want.type);
    EXPECT_EQ(got.code, want.code);
    EXPECT_EQ(got.issueDate, want.issueDate);
    EXPECT_EQ(got.place, want.place);
    EXPECT_EQ(got.subject, want.subject);
    EXPECT_EQ(got.authority, want.authority);
    EXPECT_EQ(got.legalBasis, want.legalBasis);
    EXPECT_EQ(recipients(got), recipients(want));
    EXPECT_EQ(got.archive.units, want.archive.units);
    ASSERT_EQ(got.signatures.size(), want.signatures.size());
    for (std::size_t i = 0; i < want.signatures.size(); ++i) expectSameSignature(want.signatures[i], got.signatures[i]);
    const double main = bodyMatch(want.body, got.body);
    std::printf("[ import  ] %s: main body %.1f %% of the sample's texts, in order\n", label, 100 * main);
    EXPECT_GE(main, minBody);
    ASSERT_EQ(got.attachments.size(), want.attachments.size());
    for (std::size_t i = 0; i < want.attachments.size(); ++i) {
        const auto& wa = want.attachments[i];
        const auto& ga = got.attachments[i];
        EXPECT_EQ(ga.type, wa.type);
        EXPECT_EQ(ga.subject, wa.subject);
        EXPECT_EQ(ga.signature.has_value(), wa.signature.has_value());
        if (wa.signature && ga.signature) expectSameSignature(*wa.signature, *ga.signature);
        const double m = bodyMatch(wa.body, ga.body);
        std::printf("[ import  ] %s: attachment %zu body %.1f %% of the sample's texts, in order\n", label, i + 1, 100 * m);
        EXPECT_GE(m, minBody);
    }
    // What was imported is a document vanthu accepts.
    auto back = readDocumentXml(writeDocumentXml(got));
    EXPECT_TRUE(back.ok()) << describeAll(back.errors());
}

TEST(TextImport, Seed000IsSample01) {
    auto r = importText(seed("000_c171bc028f1f49ab.txt"));
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    // The seed lost its header table: the issuer comes from "BỘ TRƯỞNG BỘ TƯ PHÁP", noted.
    EXPECT_EQ(r.value().document.issuer.name, "BỘ TƯ PHÁP");
    EXPECT_EQ(r.value().document.issuer.abbreviation, "BTP");
    EXPECT_TRUE(std::any_of(r.value().notes.begin(), r.value().notes.end(),
                            [](const Warning& e) { return e.field == "issuer"; }));
    // The seed has no signer (samples/README.md: the sample's is a reconstruction).
    model::Document want = sampleDoc("01-qd-1020-btp.xml");
    want.signatures.clear();
    expectLikeSample(want, r.value().document, 0.95, "seed 000");
}

TEST(TextImport, Seed001IsSample02GivenTheIssuer) {
    const std::string text = seed("001_2aaa0c9bda4fb7e6.txt");
    auto without = importText(text);
    ASSERT_FALSE(without.ok()) << "no header, no Số line: the issuer must be asked for";
    EXPECT_EQ(without.error().field, "issuer");
    EXPECT_NE(without.error().messageEn.find("--issuer"), std::string::npos);

    ImportOptions o;
    o.issuer = model::Organ{"ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "UBND", ""};
    auto r = importText(text, o);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    model::Document want = sampleDoc("02-kh-dak-nong-2022.xml");
    want.code.number.reset();  // the sample's number 26 is invented; the text has none (a draft)
    expectLikeSample(want, r.value().document, 0.9, "seed 001");
}

TEST(TextImport, Seed003IsSample03) {
    auto r = importText(seed("003_915e936f9a6a9a85.txt"));
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    expectLikeSample(sampleDoc("03-qd-1347-btp.xml"), r.value().document, 0.9, "seed 003");
}

TEST(TextImport, CongVanWithKinhGuiAndMarks) {
    const std::string& text = cases::kCongVanWithMarks;
    auto r = importText(text);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    const model::Document& d = r.value().document;
    EXPECT_EQ(d.type, model::DocumentType::CongVan);
    EXPECT_EQ(d.parentIssuer.name, "UBND TỈNH NINH BÌNH");
    EXPECT_EQ(d.issuer.name, "SỞ TƯ PHÁP");
    EXPECT_EQ(d.issuer.abbreviation, "STP");
    EXPECT_EQ(d.subject, "đôn đốc gửi báo cáo");
    EXPECT_EQ(d.urgency, model::Urgency::Khan);
    EXPECT_EQ(d.addressees, (std::vector<std::string>{"Các sở, ban, ngành thuộc tỉnh", "Ủy ban nhân dân các huyện, thành phố"}));
    ASSERT_EQ(d.body.size(), 1u);
    ASSERT_EQ(d.body[0].text.size(), 3u);
    EXPECT_TRUE(d.body[0].text[1].bold);
    EXPECT_EQ(d.body[0].text[1].text, "trước ngày 05 tháng 12 năm 2024");
    ASSERT_EQ(d.recipients.size(), 2u);
    EXPECT_EQ(d.recipients[0].kind, model::RecipientKind::AsAbove);
    EXPECT_EQ(d.recipients[1].purpose, "để báo cáo");
    EXPECT_EQ(d.archive.units, (std::vector<std::string>{"VT", "VP"}));
    EXPECT_EQ(d.archive.copies, 2);
    ASSERT_EQ(d.signatures.size(), 1u);
    EXPECT_EQ(d.signatures[0].chain, (std::vector<model::AuthorityLine>{{model::Authority::KT, "GIÁM ĐỐC"}}));
    EXPECT_EQ(d.signatures[0].position, "PHÓ GIÁM ĐỐC");
    EXPECT_EQ(d.signatures[0].name, "Trần Minh Đức");
}

TEST(TextImport, CouncilResolutionKeepsItsTermAndSessionOnALineOfItsOwn) {
    const std::string& text = cases::kCouncilResolution;
    auto r = importText(text);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    EXPECT_EQ(r.value().document.authority, "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM\nKHÓA X, KỲ HỌP THỨ 23");
}

TEST(TextImport, ChaptersArticlesClausesAndPoints) {
    const std::string& text = cases::kRegulationWithChapters;
    ImportOptions o;
    o.issuer = model::Organ{"ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "", ""};
    auto r = importText(text, o);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    const model::Document& d = r.value().document;
    EXPECT_EQ(d.type, model::DocumentType::QuyDinh);
    EXPECT_EQ(d.code.year, 2024);
    EXPECT_EQ(d.issuer.abbreviation, "UBND");
    ASSERT_EQ(d.body.size(), 2u);
    EXPECT_EQ(d.body[0].kind, model::BlockKind::Chapter);
    EXPECT_EQ(d.body[0].number, "I");
    EXPECT_EQ(model::plainText(d.body[0].title), "QUY ĐỊNH CHUNG");
    ASSERT_EQ(d.body[0].children.size(), 2u);
    const auto& a1 = d.body[0].children[0];
    EXPECT_EQ(model::plainText(a1.title), "Phạm vi điều chỉnh") << "a short line without final punctuation is a title";
    ASSERT_EQ(a1.children.size(), 1u);
    EXPECT_EQ(a1.children[0].kind, model::BlockKind::Paragraph);
    const auto& clause = d.body[0].children[1].children.at(0);
    EXPECT_EQ(clause.kind, model::BlockKind::Clause);
    ASSERT_EQ(clause.children.size(), 2u);
    EXPECT_EQ(clause.children[1].kind, model::BlockKind::Point);
    EXPECT_EQ(clause.children[1].number, "đ");
    const auto& a3 = d.body[1].children.at(0);
    EXPECT_EQ(model::plainText(a3.text), "Sở Nội vụ hướng dẫn thực hiện Quy định này./.") << "a sentence is the article's text";
}

TEST(TextImport, MarkdownTablesForTheHeaderAndTheSignatureBlock) {
    // What converters make of the two layout tables of Decree 30: a header table, and the Nơi
    // nhận / signer table as one row with <br> line breaks inside its cells.
    const std::string& text = cases::kMarkdownTables;
    auto r = importText(text);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    const model::Document& d = r.value().document;
    EXPECT_EQ(d.issuer.name, "BỘ TƯ PHÁP");
    EXPECT_EQ(d.code, (model::DocumentCode{15, std::nullopt, "QĐ-BTP"}));
    EXPECT_EQ(d.issueDate, (model::Date{2020, 3, 5}));
    EXPECT_EQ(d.legalBasis.size(), 2u);
    ASSERT_EQ(d.body.size(), 2u) << "the signature table is not body text";
    ASSERT_EQ(d.recipients.size(), 1u);
    EXPECT_EQ(d.recipients[0].kind, model::RecipientKind::AsArticle);
    EXPECT_EQ(d.archive.units, (std::vector<std::string>{"VT", "VP"}));
    ASSERT_EQ(d.signatures.size(), 1u);
    EXPECT_EQ(d.signatures[0].position, "THỨ TRƯỞNG");
    EXPECT_EQ(d.signatures[0].name, "Phan Chí Hiếu");
}

TEST(TextImport, BadInputIsAnErrorNotACrash) {
    EXPECT_FALSE(importText("").ok());
    EXPECT_FALSE(importText("\n \n\t\n").ok());
    auto bad = importText("Số: 01/QĐ-BTP\n\xC3\x28 hỏng\n");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().messageEn.find("UTF-8"), std::string::npos);
    // Text that is no document at all: every missing part is named, none is invented.
    auto prose = importText("Hôm nay trời đẹp.\n\nChúng tôi đi chơi.\n");
    ASSERT_FALSE(prose.ok());
    std::set<std::string> fields;
    for (const auto& e : prose.errors()) fields.insert(e.field);
    EXPECT_TRUE(fields.count("type") && fields.count("issuer") && fields.count("place")) << describeAll(prose.errors());
}

// ---- the classes of line (issue 13), one table each: tests/input/text_import_cases.h ----

class TextImportClass : public ::testing::TestWithParam<cases::ImportCase> {};

TEST_P(TextImportClass, GivesTheFieldsAndSaysWhatItGuessed) {
    const cases::ImportCase& c = GetParam();
    auto r = importText(c.text, c.options);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    const model::Document& d = r.value().document;
    for (const auto& [field, want] : c.fields) EXPECT_EQ(cases::fieldOf(d, field), want) << field;
    const std::string notes = describeAll(r.value().notes);
    for (const auto& n : c.notes) EXPECT_NE(notes.find(n), std::string::npos) << "no note saying: " << n << "\nnotes:\n" << notes;
    for (const auto& n : c.noNotes) EXPECT_EQ(notes.find(n), std::string::npos) << "a note says: " << n << "\nnotes:\n" << notes;
    // Whatever was imported is a document vanthu accepts.
    auto back = readDocumentXml(writeDocumentXml(d));
    EXPECT_TRUE(back.ok()) << describeAll(back.errors());
}

std::string caseName(const ::testing::TestParamInfo<cases::ImportCase>& i) { return i.param.name; }

INSTANTIATE_TEST_SUITE_P(SignaturePlaceholders, TextImportClass, ::testing::ValuesIn(cases::signatureCases()), caseName);
INSTANTIATE_TEST_SUITE_P(TwoLineOrgans, TextImportClass, ::testing::ValuesIn(cases::organCases()), caseName);
INSTANTIATE_TEST_SUITE_P(RunTogetherHeadings, TextImportClass, ::testing::ValuesIn(cases::runTogetherCases()), caseName);
INSTANTIATE_TEST_SUITE_P(MultiLineTitles, TextImportClass, ::testing::ValuesIn(cases::titleCases()), caseName);
INSTANTIATE_TEST_SUITE_P(MidSentenceBreaks, TextImportClass, ::testing::ValuesIn(cases::brokenSentenceCases()), caseName);
INSTANTIATE_TEST_SUITE_P(LevelsByNumbering, TextImportClass, ::testing::ValuesIn(cases::levelCases()), caseName);
INSTANTIATE_TEST_SUITE_P(SubjectPunctuation, TextImportClass, ::testing::ValuesIn(cases::subjectCases()), caseName);
INSTANTIATE_TEST_SUITE_P(RelationsAndEffectiveDate, TextImportClass, ::testing::ValuesIn(cases::factCases()), caseName);

// The name is in the text: the import never ends at "No signer's name found" when a name line
// follows the placeholders.
TEST(TextImport, NoSignatureCaseLosesItsName) {
    for (const auto& c : cases::signatureCases()) {
        auto r = importText(c.text, c.options);
        ASSERT_TRUE(r.ok()) << c.name;
        EXPECT_EQ(describeAll(r.value().notes).find("No signer's name"), std::string::npos) << c.name;
    }
}

}  // namespace
}  // namespace vanthu::input
