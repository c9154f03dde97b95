// input: a document as JSON. The same document written as JSON and as XML must read as the same
// model; every malformed JSON names its path.
#include "input/document_json.h"

#include <gtest/gtest.h>

#include "input/document_reader.h"
#include "input/document_writer.h"

namespace vanthu::input {
namespace {

constexpr const char* kJson = R"({
  "type": "quyet-dinh", "urgency": "khan",
  "code": {"number": 7, "notation": "QĐ-BTP"},
  "issuer": {"name": "BỘ TƯ PHÁP", "abbreviation": "BTP", "organId": "000.00.00.G12"},
  "place": "Hà Nội", "issueDate": "2024-03-05",
  "subject": "Về việc thành lập Tổ công tác",
  "authority": "BỘ TRƯỞNG BỘ TƯ PHÁP",
  "legalBasis": ["Căn cứ Nghị định số 98/2022/NĐ-CP;", "Theo đề nghị của Chánh Văn phòng Bộ."],
  "body": [
    {"article": {"text": "Thành lập Tổ công tác:", "body": [
      {"clause": {"text": "Tổ trưởng:", "body": [{"point": {"text": ["Ông ", {"text": "Nguyễn Văn A", "b": true}, ";"]}}]}},
      {"table": {"widths": [1, 3], "rows": [{"header": true, "cells": ["TT", "Họ tên"]}, {"cells": ["1", "Nguyễn Văn A"]}]}}
    ]}},
    {"article": {"text": "Quyết định này có hiệu lực kể từ ngày ký./."}}
  ],
  "signatures": [{"capacities": [{"kind": "KT", "title": "BỘ TRƯỞNG"}], "position": "THỨ TRƯỞNG", "name": "Phan Chí Hiếu"}],
  "recipients": [{"asArticle": 2}, {"recipient": "Văn phòng Chính phủ", "purpose": "để báo cáo"}],
  "archive": {"units": ["VT", "VP"], "copies": 2},
  "appendices": [{"number": "I", "title": "DANH SÁCH", "orientation": "landscape", "body": [{"p": "Danh sách kèm theo."}]}],
  "relations": [{"kind": "replaces", "code": "05/QĐ-BTP", "date": "2020-01-02", "note": "Quyết định cũ"}]
})";

constexpr const char* kXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:vanthu:document:1" type="quyet-dinh" urgency="khan">
  <code number="7" notation="QĐ-BTP"/>
  <issuer abbreviation="BTP" organId="000.00.00.G12">BỘ TƯ PHÁP</issuer>
  <place>Hà Nội</place>
  <issueDate>2024-03-05</issueDate>
  <subject>Về việc thành lập Tổ công tác</subject>
  <authority>BỘ TRƯỞNG BỘ TƯ PHÁP</authority>
  <legalBasis><basis>Căn cứ Nghị định số 98/2022/NĐ-CP;</basis><basis>Theo đề nghị của Chánh Văn phòng Bộ.</basis></legalBasis>
  <body>
    <article><text>Thành lập Tổ công tác:</text>
      <clause><text>Tổ trưởng:</text><point><text>Ông <b>Nguyễn Văn A</b>;</text></point></clause>
      <table widths="1 3"><row header="true"><cell>TT</cell><cell>Họ tên</cell></row><row><cell>1</cell><cell>Nguyễn Văn A</cell></row></table>
    </article>
    <article><text>Quyết định này có hiệu lực kể từ ngày ký./.</text></article>
  </body>
  <signature><capacity kind="KT">BỘ TRƯỞNG</capacity><position>THỨ TRƯỞNG</position><name>Phan Chí Hiếu</name></signature>
  <recipients><asArticle article="2"/><recipient purpose="để báo cáo">Văn phòng Chính phủ</recipient>
    <archive copies="2"><unit>VT</unit><unit>VP</unit></archive></recipients>
  <appendix number="I" orientation="landscape"><title>DANH SÁCH</title><body><p>Danh sách kèm theo.</p></body></appendix>
  <relations><relation kind="replaces" code="05/QĐ-BTP" date="2020-01-02">Quyết định cũ</relation></relations>
</document>
)";

template <class List>  // Errors or Warnings
std::string describeAll(const List& errors) {
    std::string s;
    for (const auto& e : errors) s += e.field + ": " + e.messageEn + "\n";
    return s;
}

// Where the text came from is not part of the document: compare what a writer would print.
model::Document read(const std::string& xml) {
    auto r = readDocumentXml(xml);
    EXPECT_TRUE(r.ok()) << describeAll(r.errors()) << xml;
    return r.ok() ? r.value().document : model::Document{};
}

TEST(DocumentJson, SameDocumentAsTheXml) {
    auto xml = documentJsonToXml(kJson);
    ASSERT_TRUE(xml.ok()) << describeAll(xml.errors());
    const model::Document fromJson = read(xml.value());
    const model::Document fromXml = read(kXml);
    // The writer prints every field and nothing of where it came from: equal output, equal documents.
    EXPECT_EQ(writeDocumentXml(fromJson), writeDocumentXml(fromXml));
    ASSERT_EQ(fromJson.body.size(), 2u);
    const auto& point = fromJson.body[0].children.at(0).children.at(0);
    EXPECT_EQ(point.kind, model::BlockKind::Point);
    ASSERT_EQ(point.text.size(), 3u);
    EXPECT_TRUE(point.text[1].bold);
    EXPECT_TRUE(fromJson.appendices.at(0).landscape);
}

Error onlyError(const std::string& json) {
    auto r = documentJsonToXml(json);
    EXPECT_FALSE(r.ok());
    return r.ok() ? Error{} : r.error();
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
}

TEST(DocumentJson, EffectiveDateIsTheXmlsElement) {
    auto xml = documentJsonToXml(replaced(kJson, "\"issueDate\": \"2024-03-05\",", "\"issueDate\": \"2024-03-05\", \"effectiveDate\": \"2024-04-01\","));
    ASSERT_TRUE(xml.ok()) << describeAll(xml.errors());
    EXPECT_EQ(read(xml.value()).effectiveDate, (model::Date{2024, 4, 1}));
    const Error e = onlyError(replaced(kJson, "\"issueDate\": \"2024-03-05\",", "\"issueDate\": \"2024-03-05\", \"effectiveDate\": \"1/4/2024\","));
    EXPECT_EQ(e.field, "effectiveDate") << e.messageEn;
}

TEST(DocumentJson, AuthorityAsLinesIsTheXmlsLines) {
    // A council's authority is printed on two lines (sample 09): ["…", "KHÓA X, KỲ HỌP THỨ 23"].
    const std::string json = replaced(kJson, R"("authority": "BỘ TRƯỞNG BỘ TƯ PHÁP")",
                                      R"("authority": ["HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM", "KHÓA X, KỲ HỌP THỨ 23"])");
    auto xml = documentJsonToXml(json);
    ASSERT_TRUE(xml.ok()) << describeAll(xml.errors());
    EXPECT_NE(xml.value().find("<line>KHÓA X, KỲ HỌP THỨ 23</line>"), std::string::npos) << xml.value();
    EXPECT_EQ(read(xml.value()).authority, "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM\nKHÓA X, KỲ HỌP THỨ 23");
    const auto bad = documentJsonToXml(replaced(kJson, R"("authority": "BỘ TRƯỞNG BỘ TƯ PHÁP")", R"("authority": ["A", 7])"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "authority[1]");
}

// Issue 14: Poco alone let the last of two equal keys win, answered "Attempt to set value on an
// empty stack" to a bare value, and passed "\u0000" into the text (input/strict_json.h).
TEST(DocumentJson, StrictJsonNamesDuplicatesBareValuesAndControlCharacters) {
    const Error dup = onlyError(replaced(kJson, "\"place\": \"Hà Nội\",", "\"place\": \"Hà Nội\", \"place\": \"Huế\","));
    EXPECT_EQ(dup.field, "place");
    EXPECT_EQ(dup.messageEn, "duplicate field place");
    EXPECT_EQ(onlyError(replaced(kJson, "\"b\": true", "\"b\": true, \"b\": false")).field, "body[0].article.body[0].clause.body[0].point.text[1].b");
    for (const char* bare : {"null", "7", "\"văn bản\"", "false"}) {
        const Error e = onlyError(bare);
        EXPECT_EQ(e.field, "") << bare;
        EXPECT_EQ(e.messageEn, "the body must be a JSON object ({…})") << bare;
    }
    const Error nul = onlyError(replaced(kJson, "\"place\": \"Hà Nội\"", "\"place\": \"Hà\\u0000Nội\""));
    EXPECT_EQ(nul.field, "place");
    EXPECT_NE(nul.messageEn.find("U+0000"), std::string::npos) << nul.messageEn;
    EXPECT_EQ(onlyError(replaced(kJson, "\"place\": \"Hà Nội\"", "\"place\": \"Hà\\u007fNội\"")).field, "place");
    EXPECT_EQ(onlyError(replaced(kJson, "\"place\": \"Hà Nội\"", "\"pla\\u0000ce\": \"Hà Nội\"")).field, "pla\\u0000ce");
    EXPECT_TRUE(documentJsonToXml(replaced(kJson, "\"place\": \"Hà Nội\"", "\"place\": \"Hà\\tNội\"")).ok()) << "a tab is text";
}

TEST(DocumentJson, ErrorsNameTheJsonPath) {
    EXPECT_NE(onlyError("{\"type\": ").messageEn.find("Malformed JSON"), std::string::npos);
    EXPECT_EQ(onlyError("[1, 2]").field, "");
    EXPECT_EQ(onlyError(replaced(kJson, "\"place\": \"Hà Nội\",", "\"plaec\": \"Hà Nội\",")).field, "plaec");
    EXPECT_EQ(onlyError(replaced(kJson, "\"place\": \"Hà Nội\",", "")).field, "place");
    EXPECT_EQ(onlyError(replaced(kJson, "\"number\": 7", "\"number\": \"bảy\"")).field, "code.number");
    EXPECT_EQ(onlyError(replaced(kJson, "\"b\": true", "\"bold\": true")).field,
              "body[0].article.body[0].clause.body[0].point.text[1].bold");
    EXPECT_EQ(onlyError(replaced(kJson, "{\"p\": \"Danh sách kèm theo.\"}", "{\"para\": \"x\"}")).field, "appendices[0].body[0].para");
    EXPECT_EQ(onlyError(replaced(kJson, "\"kind\": \"KT\"", "\"kind\": \"XX\"")).field, "signatures[0].capacities[0].kind");
    EXPECT_EQ(onlyError(replaced(kJson, "\"issueDate\": \"2024-03-05\"", "\"issueDate\": \"5/3/2024\"")).field, "issueDate");
    EXPECT_NE(onlyError(std::string("{\"type\": \"\xC3\x28\"}")).messageEn.find("UTF-8"), std::string::npos);
    // Schema and Decree 30 checks come after, on the XML: an impossible date passes JSON shape
    // checks and is then refused by the reader, located by its field.
    auto bad = documentJsonToXml(replaced(kJson, "2024-03-05", "2024-02-30"));
    ASSERT_TRUE(bad.ok());
    auto read = readDocumentXml(bad.value());
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().field, "/document/issueDate");
}

}  // namespace
}  // namespace vanthu::input
