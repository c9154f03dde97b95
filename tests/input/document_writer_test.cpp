// input: model::Document → document XML, the reader's inverse. Every sample must come back as
// the same model (SourcePos aside), and writing that again must give the same bytes.
#include "input/document_writer.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/files.h"
#include "input/document_reader.h"
#include "support/test_support.h"

namespace vanthu::input {
namespace {

// Where a block sits in the source file is not part of the document.
void clearPositions(std::vector<model::Block>& blocks) {
    for (auto& b : blocks) {
        b.pos = {};
        clearPositions(b.children);
    }
}

model::Document withoutPositions(model::Document d) {
    d.pos = {};
    clearPositions(d.body);
    for (auto& s : d.signatures) s.pos = {};
    for (auto& r : d.recipients) r.pos = {};
    for (auto& a : d.appendices) {
        a.pos = {};
        clearPositions(a.body);
    }
    for (auto& a : d.attachments) {
        a.pos = {};
        clearPositions(a.body);
        if (a.signature) a.signature->pos = {};
        for (auto& ap : a.appendices) {
            ap.pos = {};
            clearPositions(ap.body);
        }
    }
    return d;
}

template <class List>  // Errors or Warnings
std::string describeAll(const List& errors) {
    std::string s;
    for (const auto& e : errors) s += e.describe() + "\n";
    return s;
}

class EverySample : public ::testing::TestWithParam<std::string> {};

TEST_P(EverySample, RoundTripsThroughTheWriter) {
    const auto path = std::filesystem::path(VANTHU_SAMPLES_DIR) / GetParam();
    auto first = readDocumentFile(path);
    ASSERT_TRUE(first.ok()) << describeAll(first.errors());
    const std::string written = writeDocumentXml(first.value().document);

    auto second = readDocumentXml(written);
    ASSERT_TRUE(second.ok()) << describeAll(second.errors()) << written;
    EXPECT_TRUE(withoutPositions(first.value().document) == withoutPositions(second.value().document))
        << "the written XML reads back as another document:\n" << written;
    EXPECT_EQ(writeDocumentXml(second.value().document), written) << "same document, same bytes";
}

std::vector<std::string> sampleFiles() {
    std::vector<std::string> out;
    for (const auto& p : testing::allSamples()) out.push_back(p.filename().string());
    return out;
}

INSTANTIATE_TEST_SUITE_P(Samples, EverySample, ::testing::ValuesIn(sampleFiles()),
                         [](const auto& info) {
                             std::string n = info.param.substr(0, info.param.size() - 4);
                             for (char& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

TEST(DocumentWriter, InlineFormattingAndEscaping) {
    model::Document d;
    d.type = model::DocumentType::CongVan;
    d.code.notation = "STP-XDKT&TDTHPL";
    d.issuer.name = "SỞ TƯ PHÁP";
    d.place = "Hà Nội";
    d.subject = "Về việc <thử> & kiểm tra";
    model::Block p;
    p.kind = model::BlockKind::Paragraph;
    p.text = {{"Trước ", false, false, false}, {"đậm nghiêng", true, true, false}, {" sau.", false, false, false}};
    d.body = {p};
    const std::string xml = writeDocumentXml(d);
    EXPECT_NE(xml.find("<p>Trước <b><i>đậm nghiêng</i></b> sau.</p>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("notation=\"STP-XDKT&amp;TDTHPL\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("<subject>Về việc &lt;thử&gt; &amp; kiểm tra</subject>"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("<recipients>"), std::string::npos) << "no recipients, no default archive line";
    auto back = readDocumentXml(xml);
    ASSERT_TRUE(back.ok()) << describeAll(back.errors());
    EXPECT_EQ(back.value().document.body.at(0).text, p.text);
}

// The relations and effective date the text import records (issue 13) survive the XML: the
// element sits after issueDate (schemas/document.xsd), and a document without it is unchanged.
TEST(DocumentWriter, EffectiveDateAndRelationsRoundTrip) {
    auto sample = readDocumentFile(std::filesystem::path(VANTHU_SAMPLES_DIR) / "01-qd-1020-btp.xml");
    ASSERT_TRUE(sample.ok()) << describeAll(sample.errors());
    EXPECT_FALSE(sample.value().document.effectiveDate.has_value()) << "no sample states one";
    model::Document d = sample.value().document;
    d.effectiveDate = model::Date{2018, 7, 1};
    d.relations = {{model::RelationKind::Replaces, "123/QĐ-UBND", model::Date{2019, 3, 5}, ""},
                   {model::RelationKind::Revokes, "45/2018/QĐ-UBND", std::nullopt, ""}};
    const std::string xml = writeDocumentXml(d);
    EXPECT_NE(xml.find("<issueDate>2018-05-08</issueDate>\n  <effectiveDate>2018-07-01</effectiveDate>"), std::string::npos) << xml;
    auto back = readDocumentXml(xml);
    ASSERT_TRUE(back.ok()) << describeAll(back.errors()) << xml;
    EXPECT_EQ(back.value().document.effectiveDate, d.effectiveDate);
    EXPECT_EQ(back.value().document.relations, d.relations);
    EXPECT_EQ(writeDocumentXml(back.value().document), xml) << "same document, same bytes";
}

TEST(DocumentWriter, AnImpossibleEffectiveDateIsALocatedError) {
    auto sample = readDocumentFile(std::filesystem::path(VANTHU_SAMPLES_DIR) / "01-qd-1020-btp.xml");
    ASSERT_TRUE(sample.ok());
    model::Document d = sample.value().document;
    d.effectiveDate = model::Date{2019, 2, 30};
    auto back = readDocumentXml(writeDocumentXml(d));
    ASSERT_FALSE(back.ok());
    EXPECT_EQ(back.error().field, "/document/effectiveDate") << describeAll(back.errors());
    EXPECT_NE(back.error().messageVi.find("2019-02-30"), std::string::npos) << back.error().messageVi;
}

}  // namespace
}  // namespace vanthu::input
