// input: XML file → model::Document. One named test per kind of bad input, each checking the
// error code, line:column, field and both messages; a good path checking every model field.
#include "input/document_reader.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "core/files.h"
#include "support/test_support.h"

namespace vanthu::input {
namespace {

using model::BlockKind;

std::string fixture(std::string_view name) { return readFile(testing::testData("input/" + std::string(name))); }

template <class List>  // Errors or Warnings
std::string describeAll(const List& errors) {
    std::string s;
    for (const auto& e : errors) s += e.describe() + "\n";
    return s;
}

// The single error a bad input must produce.
Error onlyError(std::string_view fixtureName) {
    auto r = readDocumentXml(fixture(fixtureName));
    EXPECT_FALSE(r.ok()) << fixtureName << " was accepted";
    if (r.ok()) return {};
    EXPECT_EQ(r.errors().size(), 1u) << describeAll(r.errors());
    return r.error();
}

void expectError(const Error& e, Errc code, int line, int column, std::string_view field) {
    EXPECT_EQ(errcName(e.code), errcName(code)) << e.describe();
    EXPECT_EQ(e.line, line) << e.describe();
    EXPECT_EQ(e.column, column) << e.describe();
    EXPECT_EQ(e.field, field) << e.describe();
    EXPECT_FALSE(e.messageVi.empty()) << e.describe();
    EXPECT_FALSE(e.messageEn.empty()) << e.describe();
}

struct TempFile {
    std::filesystem::path path;
    explicit TempFile(std::string_view tag) {
        path = std::filesystem::temp_directory_path() /
               ("vanthu-input-" + std::to_string(::getpid()) + "-" + std::string(tag));
    }
    ~TempFile() { std::filesystem::remove_all(path); }
};

// ------------------------------------------------------------------ bad inputs ---------------

TEST(ReadDocument, MalformedXmlUnclosedTag) {
    auto r = readDocumentXml(fixture("malformed-unclosed-tag.xml"));
    ASSERT_FALSE(r.ok());
    // <place> opened on line 5 is never closed: libxml2 notices at </document> (line 18).
    expectError(r.error(), Errc::InvalidInput, 18, 12, "");
    EXPECT_NE(r.error().messageEn.find("place line 5"), std::string::npos) << r.error().messageEn;
    EXPECT_NE(r.error().messageVi.find("'place'"), std::string::npos) << r.error().messageVi;
}

TEST(ReadDocument, DoctypeWithExternalEntityIsRejected) {
    const auto e = onlyError("doctype-external-entity.xml");
    expectError(e, Errc::InvalidInput, 2, 1, "");
    EXPECT_EQ(e.messageEn.find("root:"), std::string::npos);
}

TEST(ReadDocument, DoctypeNeverDisclosesALocalFile) {
    TempFile secret("secret.txt");
    const std::string kSecret = "SECRET-4b1d-NEVER-SHOWN";
    writeFileAtomic(secret.path, kSecret);
    std::string xml = fixture("minimal.xml");
    xml.replace(xml.find("<document xmlns"), 0,
                "<!DOCTYPE document [<!ENTITY xxe SYSTEM \"file://" + secret.path.string() + "\">]>\n");
    xml.replace(xml.find("Hà Nội"), std::string("Hà Nội").size(), "&xxe;");
    auto r = readDocumentXml(xml);
    ASSERT_FALSE(r.ok());
    expectError(r.error(), Errc::InvalidInput, 2, 1, "");
    for (const auto& e : r.errors()) {
        EXPECT_EQ(e.messageVi.find(kSecret), std::string::npos);
        EXPECT_EQ(e.messageEn.find(kSecret), std::string::npos);
        EXPECT_EQ(e.field.find(kSecret), std::string::npos);
    }
}

TEST(ReadDocument, EntityAmplificationIsRejected) {
    const auto e = onlyError("billion-laughs.xml");
    expectError(e, Errc::InvalidInput, 2, 1, "");
}

TEST(ReadDocument, InvalidUtf8IsLocated) {
    const auto e = onlyError("invalid-utf8.xml");  // "H\xC3\x28" on line 5: 0xC3 is column 11
    expectError(e, Errc::InvalidInput, 5, 11, "");
    EXPECT_NE(e.messageEn.find("0xC3"), std::string::npos) << e.messageEn;
}

TEST(ReadDocument, ImpossibleDateMonth13) {
    const auto e = onlyError("date-month-13.xml");
    expectError(e, Errc::SchemaViolation, 6, 3, "/document/issueDate");
    EXPECT_NE(e.messageVi.find("Giá trị '2018-13-45' của phần tử issueDate không phải là ngày hợp lệ"), std::string::npos)
        << e.messageVi;
}

TEST(ReadDocument, ImpossibleDateFebruary30) {
    const auto e = onlyError("date-feb-30.xml");  // one error, not one from the XSD and one from the date check
    expectError(e, Errc::SchemaViolation, 6, 3, "/document/issueDate");
    EXPECT_NE(e.messageVi.find("2019-02-30"), std::string::npos);
}

TEST(ReadDocument, ImpossibleDateFebruary29InACommonYear) {
    const auto e = onlyError("date-feb-29-non-leap.xml");
    expectError(e, Errc::SchemaViolation, 6, 3, "/document/issueDate");
}

// The date check does not rely on the XSD: with a schema typing issueDate as a plain string it
// still rejects the date, located and worded, and model validation does not repeat it.
TEST(ReadDocument, DateCheckWorksWithoutTheSchema) {
    TempFile dir("schema-dir");
    std::filesystem::create_directories(dir.path);
    std::string xsd = readFile(dataDir() / "schemas/document.xsd");
    const std::string typed = "<xs:element name=\"issueDate\" type=\"xs:date\"";
    ASSERT_NE(xsd.find(typed), std::string::npos);
    xsd.replace(xsd.find(typed), typed.size(), "<xs:element name=\"issueDate\" type=\"xs:string\"");
    writeFileAtomic(dir.path / "document.xsd", xsd);
    ReadOptions options;
    options.schema = dir.path / "document.xsd";

    auto r = readDocumentXml(fixture("date-feb-30.xml"), options);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u) << describeAll(r.errors());
    expectError(r.error(), Errc::InvalidInput, 6, 3, "/document/issueDate");
    EXPECT_NE(r.error().messageVi.find("tháng 2 năm 2019 chỉ có 28 ngày"), std::string::npos) << r.error().messageVi;

    r = readDocumentXml(fixture("date-month-13.xml"), options);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u) << describeAll(r.errors());
    EXPECT_NE(r.error().messageVi.find("không có tháng 13"), std::string::npos) << r.error().messageVi;

    std::string notADate = fixture("minimal.xml");
    notADate.replace(notADate.find("2018-05-08"), 10, "8/5/2018");
    r = readDocumentXml(notADate, options);
    ASSERT_FALSE(r.ok());
    expectError(r.error(), Errc::InvalidInput, 6, 3, "/document/issueDate");
}

TEST(ReadDocument, AuthorityOnSeveralLines) {
    // Sample 09: a council's authority and its term/session, one under the other.
    const std::string xml = readFile(testing::sample("09-nq-hdnd.xml"));
    auto r = readDocumentXml(xml);
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    EXPECT_EQ(r.value().document.authority, "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM\nKHÓA X, KỲ HỌP THỨ 23");

    const auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = xml;
        const auto at = s.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return s.replace(at, from.size(), to);
    };
    // Text beside the lines: refused, located at the element.
    auto both = readDocumentXml(replaced("<line>KHÓA X", "KỲ HỌP <line>KHÓA X"));
    ASSERT_FALSE(both.ok());
    EXPECT_EQ(both.error().field, "/document/authority") << describeAll(both.errors());
    EXPECT_NE(both.error().messageEn.find("not both"), std::string::npos);
    // An empty authority, an empty line, a fourth line: refused.
    const auto a = xml.find("<authority>"), b = xml.find("</authority>") + std::string("</authority>").size();
    for (const std::string bad : {"<authority> </authority>", "<authority><line> </line></authority>",
                                  "<authority><line>A</line><line>B</line><line>C</line><line>D</line></authority>"}) {
        std::string s = xml;
        auto r2 = readDocumentXml(s.replace(a, b - a, bad));
        EXPECT_FALSE(r2.ok()) << bad;
        if (!r2.ok()) {
            EXPECT_EQ(r2.error().field.rfind("/document/authority", 0), 0u) << bad << ": " << describeAll(r2.errors());
        }
    }
}

TEST(ReadDocument, UnknownDocumentType) {
    const auto e = onlyError("unknown-type.xml");
    expectError(e, Errc::SchemaViolation, 2, 41, "/document/@type");
    EXPECT_NE(e.messageVi.find("'quyet-dinh-moi'"), std::string::npos) << e.messageVi;
}

TEST(ReadDocument, MissingRequiredIssuer) {
    const auto e = onlyError("missing-issuer.xml");
    expectError(e, Errc::SchemaViolation, 4, 3, "/document/place");
    EXPECT_NE(e.messageVi.find("issuer"), std::string::npos) << e.messageVi;
}

TEST(ReadDocument, UnknownElement) {
    const auto e = onlyError("unknown-element.xml");
    expectError(e, Errc::SchemaViolation, 11, 7, "/document/body/article/foo");
    EXPECT_NE(e.messageVi.find("Phần tử 'foo' không được phép ở đây"), std::string::npos) << e.messageVi;
}

TEST(ReadDocument, UnknownAttribute) {
    const auto e = onlyError("unknown-attribute.xml");
    expectError(e, Errc::SchemaViolation, 4, 30, "/document/issuer/@country");
    EXPECT_NE(e.messageVi.find("'country'"), std::string::npos) << e.messageVi;
}

TEST(ReadDocument, FileOverTheSizeCapIsNotRead) {
    TempFile big("big.xml");
    {
        std::ofstream out(big.path, std::ios::binary);
        out << "<document>";
        out << std::string(kDefaultMaxDocumentBytes, ' ');
        out << "</document>";
    }
    auto r = readDocumentFile(big.path);
    ASSERT_FALSE(r.ok());
    expectError(r.error(), Errc::TooLarge, 0, 0, big.path.string());
    EXPECT_NE(r.error().messageEn.find(std::to_string(kDefaultMaxDocumentBytes)), std::string::npos);

    auto inMemory = readDocumentXml(readFile(big.path));
    ASSERT_FALSE(inMemory.ok());
    expectError(inMemory.error(), Errc::TooLarge, 0, 0, "");

    ReadOptions small;
    small.maxBytes = 100;
    auto capped = readDocumentXml(fixture("minimal.xml"), small);
    ASSERT_FALSE(capped.ok());
    EXPECT_EQ(capped.error().code, Errc::TooLarge);
}

TEST(ReadDocument, EmptyFile) {
    const auto e = onlyError("empty.xml");
    expectError(e, Errc::InvalidInput, 1, 1, "");
}

TEST(ReadDocument, NonXmlBytes) {
    auto r = readDocumentXml(fixture("not-xml.bin"));
    ASSERT_FALSE(r.ok());
    expectError(r.error(), Errc::InvalidInput, 1, 1, "");
}

TEST(ReadDocument, MissingFileIsNotFound) {
    auto r = readDocumentFile("/nonexistent/vanthu/none.xml");
    ASSERT_FALSE(r.ok());
    expectError(r.error(), Errc::NotFound, 0, 0, "/nonexistent/vanthu/none.xml");
}

TEST(ReadDocument, RuleViolationsFromModelValidationFailTheRead) {
    std::string xml = fixture("minimal.xml");
    xml.replace(xml.find("QĐ-BTP"), std::string("QĐ-BTP").size(), "QD-BTP");  // D is not Đ
    auto r = readDocumentXml(xml);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::RuleViolation) << describeAll(r.errors());
    EXPECT_EQ(r.error().line, 2) << "located through Document::pos";
    EXPECT_FALSE(r.error().messageVi.empty());
}

TEST(ReadDocument, SeveralSchemaErrorsComeTogetherInOrder) {
    std::string xml = fixture("minimal.xml");
    xml.replace(xml.find("2018-05-08"), 10, "2018-13-45");
    xml.replace(xml.find("<code number"), 5, "<code bogus=\"x\"");
    xml.replace(xml.find("<position>"), 0, "<foo/>");
    auto r = readDocumentXml(xml);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 3u) << describeAll(r.errors());
    EXPECT_EQ(r.errors()[0].field, "/document/code/@bogus");
    EXPECT_EQ(r.errors()[1].field, "/document/issueDate");
    EXPECT_EQ(r.errors()[2].field, "/document/signature/foo");
}

TEST(ReadDocument, ConcurrentReadsAgree) {
    // libxml2 state is per thread (error sinks, the loader allowance) and the schema is shared.
    const std::string good = fixture("full-nfd.xml");
    const std::string bad = fixture("unknown-attribute.xml");
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                auto ok = readDocumentXml(good);
                auto ko = readDocumentXml(bad);
                if (!ok.ok() || ok->document.place != "Đắk Nông") ++failures;
                if (ko.ok() || ko.errors().size() != 1 || ko.error().field != "/document/issuer/@country") ++failures;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
}

// ------------------------------------------------------------------ good path ----------------

TEST(ReadDocument, MinimalDocument) {
    auto r = readDocumentFile(testing::testData("input/minimal.xml"));
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    const auto& d = r->document;
    EXPECT_EQ(d.type, model::DocumentType::QuyetDinh);
    EXPECT_EQ(d.code.number, 1020);
    EXPECT_EQ(d.code.notation, "QĐ-BTP");
    EXPECT_EQ(d.issuer.name, "BỘ TƯ PHÁP");
    EXPECT_TRUE(d.parentIssuer.empty());
    EXPECT_EQ(d.issueDate, (model::Date{2018, 5, 8}));
    ASSERT_EQ(d.body.size(), 1u);
    EXPECT_EQ(d.body[0].kind, BlockKind::Article);
    EXPECT_EQ(model::plainText(d.body[0].text), "Quyết định này có hiệu lực kể từ ngày ký.");
    EXPECT_EQ(d.archive.units, std::vector<std::string>{"VT"}) << "the model default stays when <recipients> is absent";
}

void expectRun(const model::Run& r, std::string_view text, bool b, bool i, bool u) {
    EXPECT_EQ(r.text, text);
    EXPECT_EQ(r.bold, b) << text;
    EXPECT_EQ(r.italic, i) << text;
    EXPECT_EQ(r.underline, u) << text;
}

TEST(ReadDocument, EveryFieldWithNfdInputNormalised) {
    auto r = readDocumentFile(testing::testData("input/full-nfd.xml"));
    ASSERT_TRUE(r.ok()) << describeAll(r.errors());
    const auto& d = r->document;
    EXPECT_TRUE(r->warnings.empty()) << describeAll(r->warnings);

    EXPECT_EQ(d.id, "qd-15-2024");
    EXPECT_EQ(d.type, model::DocumentType::QuyetDinh);
    EXPECT_EQ(d.secrecy, model::Secrecy::Mat);
    EXPECT_EQ(d.urgency, model::Urgency::ThuongKhan);
    EXPECT_EQ(d.circulation, model::Circulation::LuuHanhNoiBo);
    EXPECT_EQ(d.code.number, 15);
    EXPECT_EQ(d.code.year, 2024);
    EXPECT_EQ(d.code.notation, "QĐ-UBND");
    EXPECT_EQ(d.parentIssuer.name, "TỈNH ĐẮK NÔNG");
    EXPECT_EQ(d.issuer.name, "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    EXPECT_EQ(d.issuer.abbreviation, "UBND");
    EXPECT_EQ(d.issuer.organId, "000.00.00.H17");
    EXPECT_EQ(d.place, "Đắk Nông") << "NFD in the file, NFC in the model";
    EXPECT_EQ(d.issueDate, (model::Date{2024, 2, 29}));
    EXPECT_EQ(d.subject, "Ban hành Quy chế quản lý văn bản điện tử");
    EXPECT_EQ(d.authority, "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG");
    EXPECT_EQ(d.legalBasis, (std::vector<std::string>{"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                                                      "Theo đề nghị của Chánh Văn phòng."}));
    EXPECT_EQ(d.addressees, (std::vector<std::string>{"Các sở, ban, ngành", "UBND các huyện"}));
    EXPECT_EQ(d.pos.field, "/document");
    EXPECT_EQ(d.pos.line, 3);
    EXPECT_EQ(d.pos.column, 1);

    // Body: part > chapter > section > subsection > articles, then a heading tree.
    ASSERT_EQ(d.body.size(), 2u);
    const auto& part = d.body[0];
    EXPECT_EQ(part.kind, BlockKind::Part);
    EXPECT_EQ(part.number, "I");
    EXPECT_EQ(model::plainText(part.title), "PHẦN CHUNG");
    EXPECT_EQ(part.pos.field, "/document/body/part");
    EXPECT_EQ(part.pos.line, 20);
    EXPECT_EQ(part.pos.column, 5);
    ASSERT_EQ(part.children.size(), 1u);
    const auto& chapter = part.children[0];
    EXPECT_EQ(chapter.kind, BlockKind::Chapter);
    ASSERT_EQ(chapter.title.size(), 2u);
    expectRun(chapter.title[0], "QUY ĐỊNH ", false, false, false);
    expectRun(chapter.title[1], "CHUNG", true, false, false);
    ASSERT_EQ(chapter.children.size(), 1u);
    const auto& section = chapter.children[0];
    EXPECT_EQ(section.kind, BlockKind::Section);
    EXPECT_EQ(model::plainText(section.title), "Mục một");
    ASSERT_EQ(section.children.size(), 1u);
    const auto& subsection = section.children[0];
    EXPECT_EQ(subsection.kind, BlockKind::Subsection);
    EXPECT_EQ(model::plainText(subsection.title), "Tiểu mục một");
    ASSERT_EQ(subsection.children.size(), 2u);

    const auto& art1 = subsection.children[0];
    EXPECT_EQ(art1.kind, BlockKind::Article);
    EXPECT_EQ(art1.number, "1");
    EXPECT_EQ(art1.pos.field, "/document/body/part/chapter/section/subsection/article[1]");
    ASSERT_EQ(art1.title.size(), 2u);
    expectRun(art1.title[0], "Phạm vi ", false, false, false);
    expectRun(art1.title[1], "điều chỉnh", false, true, false);
    EXPECT_TRUE(art1.text.empty());
    ASSERT_EQ(art1.children.size(), 2u);
    const auto& clause = art1.children[0];
    EXPECT_EQ(clause.kind, BlockKind::Clause);
    EXPECT_EQ(clause.number, "1");
    // Indentation and the line break inside <text> collapse to single spaces; NFD run → NFC.
    ASSERT_EQ(clause.text.size(), 4u);
    expectRun(clause.text[0], "Quy chế này quy định về ", false, false, false);
    expectRun(clause.text[1], "quản lý ", true, false, false);
    expectRun(clause.text[2], "văn bản", true, true, false);
    expectRun(clause.text[3], " điện tử.", false, false, false);
    ASSERT_EQ(clause.children.size(), 2u);
    EXPECT_EQ(clause.children[0].kind, BlockKind::Point);
    EXPECT_EQ(clause.children[0].number, "a");
    EXPECT_EQ(model::plainText(clause.children[0].text), "Văn bản đi;");
    EXPECT_EQ(clause.children[1].number, "đ");
    EXPECT_EQ(clause.children[1].pos.field, "/document/body/part/chapter/section/subsection/article[1]/clause[1]/point[2]");
    const auto& titledClause = art1.children[1];
    EXPECT_EQ(titledClause.kind, BlockKind::Clause);
    EXPECT_TRUE(titledClause.number.empty());
    EXPECT_EQ(model::plainText(titledClause.title), "Khoản có tiêu đề");

    const auto& art2 = subsection.children[1];
    EXPECT_TRUE(art2.number.empty());
    EXPECT_TRUE(art2.title.empty());
    EXPECT_EQ(model::plainText(art2.text), "Không có tiêu đề.");
    ASSERT_EQ(art2.children.size(), 3u);
    const auto& p = art2.children[0];
    EXPECT_EQ(p.kind, BlockKind::Paragraph);
    ASSERT_EQ(p.text.size(), 3u) << "adjacent <u> runs merge";
    expectRun(p.text[0], "Đoạn văn ", false, false, false);
    expectRun(p.text[1], "gạch chân tiếp", false, false, true);
    expectRun(p.text[2], ".", false, false, false);
    EXPECT_EQ(art2.children[1].kind, BlockKind::Bullet);
    EXPECT_EQ(model::plainText(art2.children[1].text), "Gạch đầu dòng");
    const auto& table = art2.children[2];
    EXPECT_EQ(table.kind, BlockKind::Table);
    EXPECT_EQ(table.columnWidths, (std::vector<int>{1, 6, 3}));
    ASSERT_EQ(table.children.size(), 2u);
    EXPECT_EQ(table.children[0].kind, BlockKind::Row);
    EXPECT_TRUE(table.children[0].headerRow);
    EXPECT_FALSE(table.children[1].headerRow);
    ASSERT_EQ(table.children[0].children.size(), 3u);
    EXPECT_EQ(table.children[0].children[1].kind, BlockKind::Cell);
    EXPECT_EQ(model::plainText(table.children[0].children[1].text), "Nội dung");
    ASSERT_EQ(table.children[1].children.size(), 3u);
    ASSERT_EQ(table.children[1].children[1].text.size(), 1u);
    expectRun(table.children[1].children[1].text[0], "Đậm", true, false, false);
    EXPECT_TRUE(table.children[1].children[2].text.empty());
    EXPECT_EQ(table.children[1].children[2].pos.field,
              "/document/body/part/chapter/section/subsection/article[2]/table/row[2]/cell[3]");

    // Heading levels follow the nesting of <heading>, capped at 4.
    const model::Block* h = &d.body[1];
    for (int level : {1, 2, 3, 4, 4}) {
        EXPECT_EQ(h->kind, BlockKind::Heading);
        EXPECT_EQ(h->level, level) << model::plainText(h->title);
        if (level < 4 || model::plainText(h->title) == "Bốn") {
            ASSERT_EQ(h->children.size(), 1u);
            h = &h->children[0];
        }
    }
    EXPECT_EQ(model::plainText(h->title), "Năm");
    EXPECT_EQ(d.body[1].number, "I");
    EXPECT_EQ(model::plainText(d.body[1].title), "MỤC ĐÍCH");

    ASSERT_EQ(d.signatures.size(), 1u);
    const auto& s = d.signatures[0];
    ASSERT_EQ(s.chain.size(), 2u);
    EXPECT_EQ(s.chain[0].authority, model::Authority::TM);
    EXPECT_EQ(s.chain[0].title, "ỦY BAN NHÂN DÂN");
    EXPECT_EQ(s.chain[1].authority, model::Authority::KT);
    EXPECT_EQ(s.chain[1].title, "CHỦ TỊCH");
    EXPECT_EQ(s.position, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(s.otherTitle, "Chủ tịch Hội đồng");
    EXPECT_EQ(s.name, "Tôn Thị Ngọc Hạnh") << "NFD name normalised";
    EXPECT_EQ(s.pos.field, "/document/signature");
    EXPECT_GT(s.pos.line, 0);

    ASSERT_EQ(d.recipients.size(), 3u);
    EXPECT_EQ(d.recipients[0].kind, model::RecipientKind::AsAbove);
    EXPECT_EQ(d.recipients[0].pos.field, "/document/recipients/asAbove");
    EXPECT_EQ(d.recipients[1].kind, model::RecipientKind::AsArticle);
    EXPECT_EQ(d.recipients[1].article, 1);
    EXPECT_EQ(d.recipients[1].purpose, "để thực hiện");
    EXPECT_EQ(d.recipients[2].kind, model::RecipientKind::Agency);
    EXPECT_EQ(d.recipients[2].name, "Bộ Tư pháp");
    EXPECT_EQ(d.recipients[2].purpose, "để báo cáo") << "NFD attribute normalised";
    EXPECT_EQ(d.recipients[2].organId, "000.00.00.G12");
    EXPECT_GT(d.recipients[2].pos.column, 0);
    EXPECT_EQ(d.archive.units, (std::vector<std::string>{"VT", "VP"}));
    EXPECT_EQ(d.archive.copies, 2);
    EXPECT_EQ(d.archive.drafterInitials, "NVA");
    EXPECT_EQ(d.archive.issuedCopies, 30);

    ASSERT_EQ(d.appendices.size(), 1u);
    EXPECT_EQ(d.appendices[0].number, "I");
    EXPECT_EQ(d.appendices[0].title, "Danh mục văn bản");
    ASSERT_EQ(d.appendices[0].body.size(), 1u);
    EXPECT_EQ(model::plainText(d.appendices[0].body[0].text), "Nội dung phụ lục");
    EXPECT_EQ(d.appendices[0].pos.field, "/document/appendix");

    ASSERT_EQ(d.attachments.size(), 1u);
    const auto& a = d.attachments[0];
    EXPECT_EQ(a.type, model::DocumentType::KeHoach);
    EXPECT_EQ(a.subject, "Kế hoạch triển khai");
    ASSERT_EQ(a.body.size(), 1u);
    EXPECT_EQ(a.body[0].kind, BlockKind::Clause);
    ASSERT_TRUE(a.signature.has_value());
    EXPECT_EQ(a.signature->name, "Hồ Văn Mười");
    EXPECT_EQ(a.signature->pos.field, "/document/attachment/signature");
    ASSERT_EQ(a.appendices.size(), 1u);
    EXPECT_TRUE(a.appendices[0].number.empty());
    EXPECT_EQ(a.appendices[0].title, "Biểu mẫu");
    EXPECT_EQ(a.appendices[0].body[0].kind, BlockKind::Bullet);
    EXPECT_EQ(a.pos.field, "/document/attachment");

    ASSERT_EQ(d.relations.size(), 2u);
    EXPECT_EQ(d.relations[0].kind, model::RelationKind::Replaces);
    EXPECT_EQ(d.relations[0].targetCode, "10/2020/QĐ-UBND");
    EXPECT_EQ(d.relations[0].targetDate, (model::Date{2020, 3, 1}));
    EXPECT_EQ(d.relations[0].note, "Thay thế toàn bộ");
    EXPECT_EQ(d.relations[1].kind, model::RelationKind::Implements);
    EXPECT_FALSE(d.relations[1].targetDate.has_value());
    EXPECT_TRUE(d.relations[1].note.empty());

    EXPECT_EQ(d.contact.address, "Số 1 Đường Hai");
    EXPECT_EQ(d.contact.phone, "0261 3544 111");
    EXPECT_EQ(d.contact.fax, "0261 3544 112");
    EXPECT_EQ(d.contact.email, "vp@daknong.gov.vn");
    EXPECT_EQ(d.contact.website, "https://daknong.gov.vn");
}

// ------------------------------------------------------------------ samples ------------------

TEST(ReadDocument, EverySampleReads) {
    if (!std::filesystem::is_directory(VANTHU_SAMPLES_DIR)) GTEST_SKIP() << "no samples/ folder yet";
    const auto samples = testing::allSamples();
    if (samples.empty()) GTEST_SKIP() << "no samples/*.xml yet";
    for (const auto& path : samples) {
        auto r = readDocumentFile(path);
        EXPECT_TRUE(r.ok()) << path.filename() << ":\n" << (r.ok() ? "" : describeAll(r.errors()));
    }
}

}  // namespace
}  // namespace vanthu::input
