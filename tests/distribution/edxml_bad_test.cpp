// Untrusted packages: each defect gives a clear, located, bilingual error (edxml.md §9).
#include <deque>
#include <map>

#include <gtest/gtest.h>
#include <zlib.h>

#include "core/digest.h"
#include "distribution/edxml.h"
#include "edxml_fixtures.h"
#include "xml/parser.h"
#include "xml/writer.h"

namespace vanthu::distribution::edxml {
namespace {

ReadOptions readOptions() {
    ReadOptions o;
    o.now = fixtures::receiveTime();
    return o;
}

std::string replaceFirst(std::string s, std::string_view from, std::string_view to, std::size_t nth = 0) {
    std::size_t at = s.find(from);
    for (std::size_t k = 0; k < nth && at != std::string::npos; ++k) at = s.find(from, at + 1);
    if (at == std::string::npos) throw std::runtime_error("no '" + std::string(from) + "' in the package");
    return s.replace(at, from.size(), to);
}

std::string replaceAll(std::string s, std::string_view from, std::string_view to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

struct BadPackage {
    std::string name;
    std::string bytes;
    Errc code;
    std::string messagePart;  // in messageEn of some error
    std::string at;           // that error is on the line of the first occurrence of this text; "" = not checked
    std::size_t maxBytes = kDefaultMaxPackageBytes;
};
void PrintTo(const BadPackage& c, std::ostream* os) { *os << c.name; }

std::vector<BadPackage> badPackages() {
    const std::string edoc = fixtures::edoc1020Bytes();
    const std::string status = fixtures::status1020Bytes();
    std::vector<BadPackage> v;
    v.push_back({"Malformed", edoc.substr(0, edoc.size() - 9), Errc::InvalidInput, "", ""});
    v.push_back({"Doctype",
                 replaceFirst(edoc, "<edXML xmlns", "<!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<edXML xmlns"),
                 Errc::InvalidInput, "DOCTYPE", "<!DOCTYPE"});
    v.push_back({"Oversized", edoc, Errc::TooLarge, "too large", "", 1024});
    v.push_back({"LegacyNamespace", replaceAll(edoc, std::string(kNamespace), "http://www.go.vn/eDoc"), Errc::InvalidInput,
                 "legacy namespace", "<edXML xmlns"});
    v.push_back({"WrongNamespace", replaceAll(edoc, std::string(kNamespace), "urn:somebody:else"), Errc::InvalidInput,
                 "The root element must be edXML in the namespace", "<edXML xmlns"});
    v.push_back({"EnvelopeOutsideNamespace",
                 replaceFirst(replaceFirst(edoc, "xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\"", "xmlns:edXML=\"urn:x\""),
                              "<edXML:edXMLEnvelope", "<edXML:edXMLEnvelope"),
                 Errc::InvalidInput, "edXMLEnvelope in the QCVN 102:2016 namespace is missing", "<edXML:edXMLEnvelope"});
    v.push_back({"UnknownElement", replaceAll(edoc, "edXML:Subject>", "edXML:Sub>"), Errc::SchemaViolation, "Sub", "<edXML:Sub>"});
    {
        const auto from = edoc.find("        <edXML:Subject>");
        const auto to = edoc.find('\n', from);
        v.push_back({"MissingRequiredElement", edoc.substr(0, from) + edoc.substr(to + 1), Errc::RuleViolation,
                     "The required element Subject is missing", "<edXML:MessageHeader>"});
    }
    v.push_back({"MissingTraceHeaderList",
                 [&] {
                     const auto a = edoc.find("      <edXML:TraceHeaderList>");
                     const auto b = edoc.find("</edXML:TraceHeaderList>\n") + std::string_view("</edXML:TraceHeaderList>\n").size();
                     return edoc.substr(0, a) + edoc.substr(b);
                 }(),
                 Errc::RuleViolation, "The required element TraceHeaderList is missing", "<edXML:edXMLHeader>"});
    v.push_back({"BadOrganId", replaceFirst(edoc, "<edXML:OrganId>000.00.00.G12", "<edXML:OrganId>000.00.00.G12.X1"),
                 Errc::RuleViolation, "is not valid (empty, white space or more than 4 levels)", "000.00.00.G12.X1"});
    v.push_back({"EmptyOrganId", replaceFirst(edoc, "<edXML:OrganId>000.00.00.H56</edXML:OrganId>", "<edXML:OrganId/>"),
                 Errc::RuleViolation, "The organisation id (OrganId) is empty", "<edXML:OrganId/>"});
    v.push_back({"DuplicateTo", replaceFirst(edoc, "000.00.00.H20", "000.00.00.H56"), Errc::RuleViolation, "is listed twice",
                 "000.00.00.H56</edXML:OrganId>\n          <edXML:OrganizationInCharge>Ủy ban nhân dân tỉnh Đắk Nông"});
    v.push_back({"TwoFromElements",
                 replaceFirst(edoc, "        <edXML:DocumentId>",
                              "        <edXML:From><edXML:OrganId>000.00.00.G99</edXML:OrganId></edXML:From>\n        <edXML:DocumentId>"),
                 Errc::RuleViolation, "The element From may appear only once", "000.00.00.G99"});
    v.push_back({"ContentIdMismatch", replaceFirst(edoc, "<ContentId>cid:48ece4db", "<ContentId>cid:00000000"), Errc::RuleViolation,
                 "has no matching Reference in edXMLManifest", "<Attachment>"});
    v.push_back({"ReferenceWithoutAttachment", replaceFirst(edoc, "<ContentId>cid:48ece4db", "<ContentId>cid:00000000"),
                 Errc::RuleViolation, "The Reference with ContentId '48ece4db-2a97-85ab-aa6d-ded69d3337d5' has no matching Attachment",
                 "<edXML:Reference>"});
    v.push_back({"BadBase64", replaceFirst(edoc, ">JVBERi0x", ">JVB*Ri0x"), Errc::InvalidInput, "character '*' is not base64", "JVB*Ri0x"});
    v.push_back({"TruncatedBase64", replaceFirst(edoc, "JSVFT0YK<", "JSVFT0Y<"), Errc::InvalidInput, "length is not a multiple of 4", "JSVFT0Y<"});
    v.push_back({"BadDate", replaceFirst(edoc, "<edXML:PromulgationDate>2018/05/08", "<edXML:PromulgationDate>2018/02/30"),
                 Errc::RuleViolation, "'2018/02/30' is not a valid yyyy/MM/dd date", "2018/02/30"});
    v.push_back({"DateWithDashes", replaceFirst(edoc, "<edXML:PromulgationDate>2018/05/08", "<edXML:PromulgationDate>2018-05-08"),
                 Errc::SchemaViolation, "2018-05-08", "2018-05-08"});
    v.push_back({"PriorityOutOfRange", replaceFirst(edoc, "<edXML:Priority>0", "<edXML:Priority>7"), Errc::RuleViolation,
                 "Priority = 7 is outside 0–4", "<edXML:Priority>7"});
    v.push_back({"SteeringTypeOutOfRange", replaceFirst(edoc, "<edXML:SteeringType>0", "<edXML:SteeringType>3"),
                 Errc::RuleViolation, "SteeringType = 3 is outside 0–2", "<edXML:SteeringType>3"});
    v.push_back({"BadStatusCode", replaceFirst(status, "<edXML:StatusCode>03", "<edXML:StatusCode>99"), Errc::RuleViolation,
                 "The status code '99' is not one of 01–06, 13, 15, 16", "<edXML:StatusCode>99"});
    v.push_back({"StatusCodeNotTwoDigits", replaceFirst(status, "<edXML:StatusCode>03", "<edXML:StatusCode>3"),
                 Errc::SchemaViolation, "StatusCode", "<edXML:StatusCode>3"});
    v.push_back({"RefusalWithoutReason",
                 replaceFirst(replaceFirst(status, "<edXML:StatusCode>03", "<edXML:StatusCode>02"),
                              "<edXML:Description>Đã tiếp nhận và vào sổ văn bản đến</edXML:Description>", "<edXML:Description/>"),
                 Errc::RuleViolation, "Status 02 needs a reason (Description)", "<edXML:Description/>"});
    v.push_back({"TakeBackFromARecipient", replaceFirst(status, "<edXML:StatusCode>03", "<edXML:StatusCode>13"),
                 Errc::RuleViolation, "Only the original sender may take a document back (13)", "<edXML:StatusCode>13"});
    v.push_back({"StatusWithoutResponseFor",
                 [&] {
                     const auto a = status.find("        <edXML:ResponseFor>");
                     const auto b = status.find("</edXML:ResponseFor>\n") + std::string_view("</edXML:ResponseFor>\n").size();
                     return status.substr(0, a) + status.substr(b);
                 }(),
                 Errc::RuleViolation, "The required element ResponseFor is missing", "<edXML:MessageHeader>"});
    v.push_back({"NotUtf8", replaceFirst(edoc, "Bộ Tư pháp", "B\xF4 T\xFC ph\xE1p"), Errc::InvalidInput, "not valid UTF-8", "B\xF4 T"});
    return v;
}

class BadPackages : public ::testing::TestWithParam<BadPackage> {};

TEST_P(BadPackages, AreRejectedWithALocatedBilingualError) {
    const auto& c = GetParam();
    auto options = readOptions();
    options.maxBytes = c.maxBytes;
    const auto r = readPackage(c.bytes, options);
    ASSERT_FALSE(r.ok()) << c.name << " was accepted";
    std::string all;
    bool found = false;
    int line = 0;
    if (!c.at.empty()) {
        const auto off = c.bytes.find(c.at);
        ASSERT_NE(off, std::string::npos) << c.at;
        line = 1 + static_cast<int>(std::count(c.bytes.begin(), c.bytes.begin() + static_cast<std::ptrdiff_t>(off), '\n'));
    }
    for (const auto& e : r.errors()) {
        all += e.describe() + "\n";
        EXPECT_FALSE(e.messageVi.empty()) << e.describe();
        EXPECT_FALSE(e.messageEn.empty()) << e.describe();
        if (e.code == c.code && e.messageEn.find(c.messagePart) != std::string::npos && (c.at.empty() || e.line == line)) found = true;
        if (c.code != Errc::TooLarge) {
            EXPECT_GT(e.line, 0) << "unlocated: " << e.describe();
        }
    }
    EXPECT_TRUE(found) << "wanted " << errcName(c.code) << " '" << c.messagePart << "' at line " << line << "; got:\n" << all;
}

INSTANTIATE_TEST_SUITE_P(Cases, BadPackages, ::testing::ValuesIn(badPackages()),
                         [](const auto& info) { return info.param.name; });

TEST(EdxmlRead, FuturePromulgationDateIsRefused) {
    auto options = readOptions();
    options.now = fixtures::sendTime() - std::chrono::hours{24 * 30};
    const auto r = readEdoc(fixtures::edoc1020Bytes(), options);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().messageEn.find("is after today"), std::string::npos) << r.error().describe();
    EXPECT_EQ(r.error().line, 43);
}

TEST(EdxmlRead, NonStrictReceivedOrganIdIsAWarning) {
    const auto bytes = replaceFirst(fixtures::edoc1020Bytes(), "<edXML:OrganId>000.00.00.G12", "<edXML:OrganId>28.22.H17");
    const auto r = readEdoc(bytes, readOptions());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_EQ(r.value().warnings.size(), 1u);
    EXPECT_EQ(r.value().warnings[0].line, 7);
    EXPECT_EQ(r.value().package.from.organId, "28.22.H17");
    // any DocumentId string is accepted on input (§9 rule 7)
    EXPECT_EQ(r.value().package.documentId, "000.00.00.G12,2018/05/08,1020/QĐ-BTP");
}

TEST(EdxmlRead, StatusElementNameOfBkavIsAccepted) {
    const auto bytes = replaceAll(fixtures::status1020Bytes(), "edXML:MessageHeader>", "edXML:Status>");
    const auto r = readStatus(bytes, readOptions());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r.value().package, fixtures::accepted1020());
}

TEST(EdxmlRead, CidPrefixIsOptionalAndXlinkAttributesAreTolerated) {
    auto bytes = replaceFirst(fixtures::edoc1020Bytes(), "<ContentId>cid:48ece4db", "<ContentId>48ece4db");
    bytes = replaceFirst(bytes, "<edXML:Reference>",
                         "<edXML:Reference xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:type=\"simple\" xlink:href=\"cid:48ece4db\">");
    const auto r = readEdoc(bytes, readOptions());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r.value().package, fixtures::edoc1020());
}

// Re-serialises a package without any prefix (rule 1: prefixes are ignored) and with the children
// of every element in a different order: each group of same-named siblings moves, in reverse
// order of first appearance, while keeping its own order (rule 12: To, Place… lists are ordered).
void writeShuffled(xml::Writer& w, xml::Node n, std::deque<std::string>& names) {
    names.emplace_back(n.name());
    w.open(names.back());
    if (n.name() == "edXML") w.attr("xmlns", kNamespace);
    if (const auto v = n.attribute("version")) w.attr("version", *v);
    const auto kids = n.elements();
    if (kids.empty()) {
        w.text(n.text());
    } else {
        std::vector<std::string> order;
        for (const auto& k : kids)
            if (std::find(order.begin(), order.end(), k.name()) == order.end()) order.emplace_back(k.name());
        for (auto it = order.rbegin(); it != order.rend(); ++it)
            for (const auto& k : kids)
                if (k.name() == *it) writeShuffled(w, k, names);
    }
    w.close();
}

TEST(EdxmlRead, ShuffledChildrenAndNoPrefixesGiveTheSameModel) {
    for (const auto& bytes : {fixtures::edoc1020Bytes(), fixtures::status1020Bytes()}) {
        auto doc = xml::parse(bytes);
        ASSERT_TRUE(doc.ok());
        std::string out;
        std::deque<std::string> names;
        {
            xml::Writer w(out);
            writeShuffled(w, doc.value().root(), names);
        }
        ASSERT_EQ(out.find("edXML:"), std::string::npos);
        const auto a = readPackage(bytes, readOptions());
        const auto b = readPackage(out, readOptions());
        ASSERT_TRUE(a.ok());
        ASSERT_TRUE(b.ok()) << b.error().describe() << "\n" << out.substr(0, 2000);
        EXPECT_EQ(a.value().package, b.value().package);
    }
}

// A one-entry zip archive (stored or deflated), as VNPT/Bkav builders wrap .doc files.
std::string zipOf(std::string_view name, std::string_view data, bool deflated) {
    std::string packed(data);
    if (deflated) {
        packed.resize(compressBound(static_cast<uLong>(data.size())) + 16);
        z_stream z{};
        deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        z.avail_in = static_cast<uInt>(data.size());
        z.next_out = reinterpret_cast<Bytef*>(packed.data());
        z.avail_out = static_cast<uInt>(packed.size());
        deflate(&z, Z_FINISH);
        packed.resize(z.total_out);
        deflateEnd(&z);
    }
    const auto crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    auto le = [](std::string& s, std::uint32_t v, int n) {
        for (int i = 0; i < n; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    std::string z;
    le(z, 0x04034b50, 4); le(z, 20, 2); le(z, 0, 2); le(z, deflated ? 8 : 0, 2); le(z, 0, 4);
    le(z, crc, 4); le(z, packed.size(), 4); le(z, data.size(), 4); le(z, name.size(), 2); le(z, 0, 2);
    z += name;
    z += packed;
    const auto cd = z.size();
    le(z, 0x02014b50, 4); le(z, 20, 2); le(z, 20, 2); le(z, 0, 2); le(z, deflated ? 8 : 0, 2); le(z, 0, 4);
    le(z, crc, 4); le(z, packed.size(), 4); le(z, data.size(), 4); le(z, name.size(), 2); le(z, 0, 2); le(z, 0, 2);
    le(z, 0, 2); le(z, 0, 2); le(z, 0, 4); le(z, 0, 4);
    z += name;
    const auto cdSize = z.size() - cd;
    le(z, 0x06054b50, 4); le(z, 0, 2); le(z, 0, 2); le(z, 1, 2); le(z, 1, 2); le(z, cdSize, 4); le(z, cd, 4); le(z, 0, 2);
    return z;
}

TEST(EdxmlRead, ZipWrappedAttachmentsComeOutByteExact) {
    std::string doc = "\xD0\xCF\x11\xE0 a legacy .doc file";
    for (int i = 0; i < 2000; ++i) doc += static_cast<char>(i * 7);
    for (const bool deflated : {false, true}) {
        auto bytes = fixtures::edoc1020Bytes();
        bytes = replaceFirst(bytes, "<AttachmentName>bytes.bin</AttachmentName>", "<AttachmentName>cu.doc</AttachmentName>");
        bytes = replaceFirst(bytes, "<ContentType>application/octet-stream</ContentType>", "<ContentType>application/zip</ContentType>");
        const auto at = bytes.find(">AAECAw") + 1;
        const auto end = bytes.find('<', at);
        bytes.replace(at, end - at, base64Encode(zipOf("cu.doc", doc, deflated)));
        const auto r = readEdoc(bytes, readOptions());
        ASSERT_TRUE(r.ok()) << r.error().describe();
        const auto& a = r.value().package.attachments.at(1);
        EXPECT_EQ(a.name, "cu.doc");
        EXPECT_EQ(a.mime, "application/msword");
        EXPECT_EQ(a.bytes, doc) << (deflated ? "deflated" : "stored");
    }
}

TEST(EdxmlRead, UnzippingIsBoundedByTheSizeCap) {
    const std::string big(300 * 1024, 'x');  // deflates to a few hundred bytes
    auto bytes = fixtures::edoc1020Bytes();
    bytes = replaceFirst(bytes, "<AttachmentName>bytes.bin</AttachmentName>", "<AttachmentName>cu.doc</AttachmentName>");
    bytes = replaceFirst(bytes, "<ContentType>application/octet-stream</ContentType>", "<ContentType>application/zip</ContentType>");
    const auto at = bytes.find(">AAECAw") + 1;
    bytes.replace(at, bytes.find('<', at) - at, base64Encode(zipOf("cu.doc", big, true)));
    auto options = readOptions();
    options.maxBytes = 64 * 1024;  // the package itself is smaller than this
    ASSERT_LT(bytes.size(), options.maxBytes);
    const auto r = readEdoc(bytes, options);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().messageEn.find("the zip entry is too large"), std::string::npos) << r.error().describe();
}

TEST(EdxmlRead, TextIsNfcNormalised) {
    // "Quyết định" with decomposed marks (NFD) in the package reads as NFC, like every input.
    const std::string nfd = "Quye\xCC\x82\xCC\x81t \xC4\x91i\xCC\xA3nh";
    const auto bytes = replaceFirst(fixtures::edoc1020Bytes(), "<edXML:TypeName>Quyết định", "<edXML:TypeName>" + nfd);
    const auto r = readEdoc(bytes, readOptions());
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r.value().package.typeName, "Quyết định");
    EXPECT_EQ(r.value().package.code.text(), "1020/QĐ-BTP");
}

TEST(EdxmlRead, CorruptZipIsALocatedError) {
    auto bytes = fixtures::edoc1020Bytes();
    bytes = replaceFirst(bytes, "<AttachmentName>bytes.bin</AttachmentName>", "<AttachmentName>cu.doc</AttachmentName>");
    bytes = replaceFirst(bytes, "<ContentType>application/octet-stream</ContentType>", "<ContentType>application/zip</ContentType>");
    const auto r = readEdoc(bytes, readOptions());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().messageEn.find("Cannot unzip 'cu.doc'"), std::string::npos) << r.error().describe();
    const auto off = bytes.find("<edXML:ContentTransferEncoded", bytes.find("cu.doc"));
    EXPECT_EQ(r.error().line, 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(off), '\n'));
}

TEST(EdxmlWrite, AnAnswerEchoesTheSendersNonStrictIdButNeverUsesOneAsOurs) {
    // We accepted a document from "28.22.H17" (edxml.md §6): the 01/03 we owe names it in
    // ResponseFor; our own From stays strict.
    auto s = fixtures::accepted1020();
    s.responseFor.organId = "28.22.H17";
    s.responseFor.documentId = "28.22.H17,2018/05/08,1020/QĐ-BTP";
    const auto w = writeStatus(s);
    ASSERT_TRUE(w.ok()) << w.error().describe();
    EXPECT_NE(w.value().find("28.22.H17"), std::string::npos);
    s.from.organId = "28.22.H17";
    const auto ours = writeStatus(s);
    ASSERT_FALSE(ours.ok());
    EXPECT_EQ(ours.error().field, "/edXML/edXMLEnvelope/edXMLHeader/MessageHeader/From/OrganId");
}

TEST(EdxmlWrite, EmitRulesAreStricterThanAccept) {
    auto e = fixtures::edoc1020();
    e.to[0].organId = "28.22.H17";  // accepted on input, never emitted
    auto w = writeEdoc(e);
    ASSERT_FALSE(w.ok());
    EXPECT_EQ(w.error().field, "/edXML/edXMLEnvelope/edXMLHeader/MessageHeader/To[1]/OrganId");
    EXPECT_NE(w.error().messageEn.find("we do not emit it"), std::string::npos);

    e = fixtures::edoc1020();
    e.documentId = "6f1c0000-uuid";
    w = writeEdoc(e);
    ASSERT_FALSE(w.ok());
    EXPECT_NE(w.error().messageEn.find("must be '000.00.00.G12,2018/05/08,1020/QĐ-BTP'"), std::string::npos);

    e = fixtures::edoc1020();
    e.attachments[1].contentId = e.attachments[0].contentId;
    EXPECT_FALSE(writeEdoc(e).ok());

    auto s = fixtures::accepted1020();
    s.statusCode = "07";
    EXPECT_FALSE(writeStatus(s).ok());
    s.statusCode = "16";
    s.description.clear();
    EXPECT_FALSE(writeStatus(s).ok());
    s.description = "Không đồng ý thu hồi";
    EXPECT_TRUE(writeStatus(s).ok());
}

TEST(EdxmlWrite, EveryStatusCodeOfTheSetWritesAndReadsBack) {
    for (const char* code : {"01", "02", "03", "04", "05", "06", "13", "15", "16"}) {
        auto s = fixtures::accepted1020();
        s.statusCode = code;
        if (s.statusCode == "13") s.from.organId = s.responseFor.organId;  // only the sender takes back
        ASSERT_NE(statusCodeInfo(code), nullptr);
        const auto w = writeStatus(s);
        ASSERT_TRUE(w.ok()) << code << ": " << w.error().describe();
        const auto r = readStatus(w.value(), readOptions());
        ASSERT_TRUE(r.ok()) << code << ": " << r.error().describe();
        EXPECT_EQ(r.value().package, s) << code;
    }
    EXPECT_EQ(statusCodeInfo("07"), nullptr);
}

TEST(Base64, DecodesWhatItEncodesAndIgnoresLineBreaks) {
    for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xFF\x10", 3)}) {
        Base64Error e{};
        EXPECT_EQ(base64Decode(base64Encode(s), &e), s);
    }
    Base64Error e{};
    EXPECT_EQ(base64Decode("YWJj\r\nZA==\n", &e), "abcd");
    EXPECT_FALSE(base64Decode("YWJjZA=", &e));
    EXPECT_FALSE(base64Decode("YW=jZA==", &e));
    EXPECT_FALSE(base64Decode("YWJjZB==", &e));  // non-zero padding bits
    EXPECT_EQ(e.reason, "non-zero bits in the last character");
}

}  // namespace
}  // namespace vanthu::distribution::edxml
