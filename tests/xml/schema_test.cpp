// XSD validation against schemas/document.xsd: one located, bilingual error per violation.
#include "xml/schema.h"

#include <filesystem>
#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/files.h"

namespace vanthu::xml {
namespace {

const std::shared_ptr<const Schema>& documentSchema() {
    static const auto schema = Schema::load(dataDir() / "schemas/document.xsd");
    return schema;
}

// A valid document; tests break one thing in it with replace().
const std::string kGood = R"(<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:vanthu:document:1" type="quyet-dinh">
  <code number="1020" notation="QĐ-BTP"/>
  <issuer abbreviation="BTP">BỘ TƯ PHÁP</issuer>
  <place>Hà Nội</place>
  <issueDate>2018-05-08</issueDate>
  <subject>Về việc ban hành Quy chế</subject>
  <body>
    <article><title>Phạm vi</title><text>Nội dung <b>đậm</b></text></article>
  </body>
</document>
)";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

Errors validate(const std::string& xml) {
    auto doc = parse(xml);
    EXPECT_TRUE(doc.ok()) << doc.error().describe();
    if (!doc.ok()) return {};
    return documentSchema()->validate(doc.value());
}

void expectCleanMessages(const Error& e) {
    EXPECT_EQ(e.code, Errc::SchemaViolation);
    EXPECT_FALSE(e.messageVi.empty());
    EXPECT_FALSE(e.messageEn.empty());
    EXPECT_EQ(e.messageEn.find("{urn:vanthu:document:1}"), std::string::npos) << e.messageEn;
    EXPECT_EQ(e.messageEn.find('\n'), std::string::npos);
}

TEST(XmlSchema, GoodDocumentIsValid) {
    EXPECT_TRUE(validate(kGood).empty());
    EXPECT_EQ(documentSchema()->targetNamespace(), "urn:vanthu:document:1");
}

TEST(XmlSchema, ImpossibleDateIsLocated) {
    const auto errors = validate(replaced(kGood, "2018-05-08", "2018-13-45"));
    ASSERT_EQ(errors.size(), 1u);
    const auto& e = errors[0];
    expectCleanMessages(e);
    EXPECT_EQ(e.field, "/document/issueDate");
    EXPECT_EQ(e.line, 6);
    EXPECT_EQ(e.column, 3);
    EXPECT_NE(e.messageVi.find("Giá trị '2018-13-45' của phần tử issueDate không phải là ngày hợp lệ"), std::string::npos)
        << e.messageVi;
    EXPECT_EQ(e.messageEn, "Element 'issueDate': '2018-13-45' is not a valid value of the atomic type 'xs:date'.");
}

TEST(XmlSchema, UnexpectedElementIsNamed) {
    const auto errors = validate(replaced(kGood, "  <place>", "  <foo>x</foo><place>"));
    ASSERT_EQ(errors.size(), 1u);
    expectCleanMessages(errors[0]);
    EXPECT_EQ(errors[0].field, "/document/foo");
    EXPECT_EQ(errors[0].line, 5);
    EXPECT_EQ(errors[0].column, 3);
    EXPECT_NE(errors[0].messageVi.find("Phần tử 'foo' không được phép ở đây"), std::string::npos) << errors[0].messageVi;
    EXPECT_NE(errors[0].messageVi.find("place"), std::string::npos) << "names what was expected";
}

TEST(XmlSchema, MissingRequiredAttributeIsNamed) {
    const auto errors = validate(replaced(kGood, " notation=\"QĐ-BTP\"", ""));
    ASSERT_EQ(errors.size(), 1u);
    expectCleanMessages(errors[0]);
    EXPECT_EQ(errors[0].field, "/document/code/@notation");
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 3);
    EXPECT_NE(errors[0].messageVi.find("Thiếu thuộc tính bắt buộc 'notation'"), std::string::npos) << errors[0].messageVi;
}

TEST(XmlSchema, UnknownAttributeIsLocatedAtTheAttribute) {
    const auto errors = validate(replaced(kGood, "<code number", "<code bogus=\"1\" number"));
    ASSERT_EQ(errors.size(), 1u);
    expectCleanMessages(errors[0]);
    EXPECT_EQ(errors[0].field, "/document/code/@bogus");
    EXPECT_EQ(errors[0].line, 3);
    EXPECT_EQ(errors[0].column, 9);
    EXPECT_NE(errors[0].messageVi.find("Thuộc tính 'bogus' không được phép"), std::string::npos) << errors[0].messageVi;
}

TEST(XmlSchema, EnumerationNamesTheValue) {
    const auto errors = validate(replaced(kGood, "type=\"quyet-dinh\"", "type=\"quyet-dinh-x\""));
    ASSERT_EQ(errors.size(), 1u);
    expectCleanMessages(errors[0]);
    EXPECT_EQ(errors[0].field, "/document/@type");
    EXPECT_EQ(errors[0].line, 2);
    EXPECT_EQ(errors[0].column, 41);
    EXPECT_NE(errors[0].messageVi.find("'quyet-dinh-x'"), std::string::npos) << errors[0].messageVi;
    EXPECT_NE(errors[0].messageVi.find("cong-van"), std::string::npos) << "lists the allowed values";
}

TEST(XmlSchema, PatternAndLengthFacets) {
    auto errors = validate(replaced(kGood, "QĐ-BTP", "QĐ/BTP"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "/document/code/@notation");
    EXPECT_NE(errors[0].messageVi.find("không đúng định dạng"), std::string::npos) << errors[0].messageVi;

    errors = validate(replaced(kGood, "QĐ-BTP", "QĐ-" + std::string(40, 'A')));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].messageVi.find("vượt quá tối đa 30"), std::string::npos) << errors[0].messageVi;

    errors = validate(replaced(kGood, "1020", "999999999"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].messageVi.find("lớn hơn mức tối đa"), std::string::npos) << errors[0].messageVi;
}

TEST(XmlSchema, BlankAndMultiLineTextAreExplained) {
    auto errors = validate(replaced(kGood, "<place>Hà Nội</place>", "<place>  </place>"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "/document/place");
    EXPECT_NE(errors[0].messageVi.find("không được để trống"), std::string::npos) << errors[0].messageVi;

    // Text fields are xs:token: a subject wrapped over several source lines is valid (the
    // reader collapses the whitespace), as a clerk editing the XML by hand expects.
    errors = validate(replaced(kGood, "Về việc ban hành", "Về việc\n    ban hành"));
    EXPECT_TRUE(errors.empty()) << errors.front().messageVi;
}

TEST(XmlSchema, MissingChildElement) {
    auto errors = validate(replaced(kGood, "  <issuer abbreviation=\"BTP\">BỘ TƯ PHÁP</issuer>\n", ""));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "/document/place");
    EXPECT_NE(errors[0].messageVi.find("issuer"), std::string::npos) << errors[0].messageVi;

    const auto start = kGood.find("  <body>");
    const auto end = kGood.find("</body>\n") + 8;
    errors = validate(kGood.substr(0, start) + kGood.substr(end));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "/document");
    EXPECT_NE(errors[0].messageVi.find("thiếu phần tử con bắt buộc"), std::string::npos) << errors[0].messageVi;
}

TEST(XmlSchema, WrongNamespaceKeepsItInTheMessage) {
    const auto errors = validate(replaced(kGood, "urn:vanthu:document:1", "urn:other"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "/document");
    EXPECT_NE(errors[0].messageEn.find("{urn:other}document"), std::string::npos) << errors[0].messageEn;
}

TEST(XmlSchema, CollectsEveryErrorInDocumentOrder) {
    std::string xml = replaced(kGood, "2018-05-08", "2019-02-30");
    xml = replaced(xml, "<code number", "<code bogus=\"1\" number");
    xml = replaced(xml, "<b>đậm</b>", "<b>đậm</b><x/>");
    const auto errors = validate(xml);
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].field, "/document/code/@bogus");
    EXPECT_EQ(errors[1].field, "/document/issueDate");
    EXPECT_EQ(errors[2].field, "/document/body/article/text/x");
    for (const auto& e : errors) expectCleanMessages(e);
}

TEST(XmlSchema, ErrorListIsCappedWithASummary) {
    std::string many;
    for (int i = 0; i < 300; ++i) many += "<p x=\"1\">a</p>";
    const auto errors = validate(replaced(kGood, "<article>", many + "<article>"));
    ASSERT_EQ(errors.size(), kMaxErrors + 1);
    EXPECT_EQ(errors[0].field, "/document/body/p[1]/@x");
    EXPECT_EQ(errors[kMaxErrors - 1].field, "/document/body/p[100]/@x");
    const auto& last = errors.back();
    EXPECT_EQ(last.code, Errc::SchemaViolation);
    EXPECT_EQ(last.line, 0);
    EXPECT_TRUE(last.field.empty());
    EXPECT_NE(last.messageEn.find("200 more"), std::string::npos) << last.messageEn;
    EXPECT_NE(last.messageVi.find("200"), std::string::npos);
}

// ----- loading: the deny-all loader lets only the XSD's own folder through -----

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() / ("vanthu-xsd-" + std::to_string(::getpid()) + "-" +
                                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(path / "inner");
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

constexpr const char* kIncluded = R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="Short"><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>
</xs:schema>)";

std::string includingSchema(const std::string& location) {
    return R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:include schemaLocation=")" + location + R"("/>
  <xs:element name="r" type="Short"/>
</xs:schema>)";
}

TEST(XmlSchemaLoad, LocalIncludeIsAllowed) {
    TempDir dir;
    writeFileAtomic(dir.path / "inner/types.xsd", kIncluded);
    writeFileAtomic(dir.path / "main.xsd", includingSchema("inner/types.xsd"));
    const auto schema = Schema::load(dir.path / "main.xsd");
    auto ok = parse("<r>abc</r>");
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(schema->validate(ok.value()).empty());
    auto bad = parse("<r>abcd</r>");
    ASSERT_TRUE(bad.ok());
    EXPECT_EQ(schema->validate(bad.value()).size(), 1u);
}

TEST(XmlSchemaLoad, IncludeOutsideTheSchemaFolderIsRefused) {
    TempDir dir;
    writeFileAtomic(dir.path / "types.xsd", kIncluded);
    writeFileAtomic(dir.path / "inner/main.xsd", includingSchema("../types.xsd"));
    EXPECT_THROW(Schema::load(dir.path / "inner/main.xsd"), Failure);
}

TEST(XmlSchemaLoad, NetworkIncludeIsRefused) {
    TempDir dir;
    writeFileAtomic(dir.path / "main.xsd", includingSchema("http://127.0.0.1:9/types.xsd"));
    EXPECT_THROW(Schema::load(dir.path / "main.xsd"), Failure);
}

TEST(XmlSchemaLoad, MissingSchemaThrows) {
    EXPECT_THROW(Schema::load("/nonexistent/vanthu.xsd"), Failure);
}

TEST(XmlSchemaLoad, DocumentsStillCannotReadTheSchemaFolder) {
    // After load() the allowance is gone: a document naming the XSD as an external DTD is refused.
    (void)documentSchema();
    const std::string src = "<!DOCTYPE r SYSTEM \"" + (dataDir() / "schemas/document.xsd").string() + "\"><r/>";
    auto r = parse(src);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::InvalidInput);
}

}  // namespace
}  // namespace vanthu::xml
