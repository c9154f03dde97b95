// The HTTP service in process, on a real loopback socket (port 0), over both back ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <Poco/URI.h>

#include "server/http_client.h"
#include "support/test_support.h"
#include "server/exchange.h"
#include "server/server.h"
#include "store/fixtures.h"

namespace vanthu::server {
namespace {

using testing::Db;
using testing::DocSpec;
using testing::docXml;
using testing::HttpClient;
using testing::HttpReply;
using testing::readDoc;

class ServerTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        std::signal(SIGPIPE, SIG_IGN);
        VANTHU_OPEN_EMPTY_URL(GetParam(), "server", url);
        url_ = url;
        store_ = store::Store::open(store::OpenOptions{url_, {}, 40});
        btp_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        ubnd_ = store_->ensureOrgan("UBND", "ỦY BAN NHÂN DÂN TỈNH");
        admin_ = store_->addUser("Quản trị", store::Role::Admin, btp_.id, true);
        clerk_ = store_->addUser("Văn thư", store::Role::Clerk, btp_.id, false);
        clearedClerk_ = store_->addUser("Văn thư mật", store::Role::Clerk, btp_.id, true);
        drafter_ = store_->addUser("Chuyên viên", store::Role::Drafter, btp_.id, false);
        viewer_ = store_->addUser("Tra cứu", store::Role::Viewer, btp_.id, false);
        otherClerk_ = store_->addUser("Văn thư tỉnh", store::Role::Clerk, ubnd_.id, true);
        ServerOptions so;
        so.maxBodyBytes = 256 * 1024;
        server_ = std::make_unique<Server>(*store_, so, nullptr);
        server_->start();
        client_ = std::make_unique<HttpClient>(server_->port());
    }
    void TearDown() override {
        if (server_) server_->stop();
    }

    std::int64_t create(const DocSpec& s, const std::string& token = "") {
        const auto r = client_->postXml("/api/v1/documents", token.empty() ? clerk_ : token, docXml(s));
        EXPECT_EQ(r.status, 201) << r.body;
        const auto j = r.json();
        return j ? j->getValue<std::int64_t>("id") : 0;
    }
    HttpReply issue(std::int64_t id, const std::string& body = "", const std::string& token = "") {
        return client_->call("POST", "/api/v1/documents/" + std::to_string(id) + "/issue", token.empty() ? clerk_ : token, body,
                             body.empty() ? "" : "application/json");
    }
    // A JSON error with the four fields.
    static void expectError(const HttpReply& r, int status, const std::string& code, const std::string& what) {
        EXPECT_EQ(r.status, status) << what << ": " << r.body;
        const auto j = r.json();
        ASSERT_TRUE(j) << what << ": not JSON: " << r.body;
        for (const char* k : {"code", "message_vi", "message_en", "field"}) EXPECT_TRUE(j->has(k)) << what << ": no " << k;
        if (!code.empty()) {
            EXPECT_EQ(j->optValue<std::string>("code", ""), code) << what;
        }
        EXPECT_FALSE(j->optValue<std::string>("message_vi", "").empty()) << what;
        EXPECT_FALSE(j->optValue<std::string>("message_en", "").empty()) << what;
    }

    std::string url_;
    std::unique_ptr<store::Store> store_;
    store::Organ btp_, ubnd_;
    std::string admin_, clerk_, clearedClerk_, drafter_, viewer_, otherClerk_;
    std::unique_ptr<Server> server_;
    std::unique_ptr<HttpClient> client_;
};

TEST_P(ServerTest, StableSurfaceDraftIssueGet) {
    DocSpec s;
    s.number = 77;  // dropped: a draft is numbered when issued
    s.date = "2024-01-02";
    const auto created = client_->postXml("/api/v1/documents", drafter_, docXml(s));
    ASSERT_EQ(created.status, 201) << created.body;
    const auto cj = created.json();
    ASSERT_TRUE(cj);
    const auto id = cj->getValue<std::int64_t>("id");
    auto warnings = cj->getArray("warnings");
    ASSERT_TRUE(warnings && warnings->size() >= 1) << created.body;
    EXPECT_EQ(warnings->getObject(0)->getValue<std::string>("field"), "/document/code/@number");
    EXPECT_TRUE(cj->isNull("number"));

    const auto got = client_->get("/api/v1/documents/" + std::to_string(id), viewer_);
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json()->getValue<std::string>("status"), "draft");
    EXPECT_TRUE(got.json()->isNull("code"));

    expectError(issue(id, "", drafter_), 403, "forbidden_role", "a drafter cannot issue");
    const auto issued = issue(id, R"({"date": "2024-12-31"})");
    ASSERT_EQ(issued.status, 200) << issued.body;
    const auto ij = issued.json();
    EXPECT_EQ(ij->getValue<std::int64_t>("id"), id);
    EXPECT_EQ(ij->getValue<int>("number"), 1);
    EXPECT_EQ(ij->getValue<std::string>("code"), "01/TB-BTP");
    EXPECT_GT(ij->getValue<std::int64_t>("register"), 0);

    const auto after = client_->get("/api/v1/documents/" + std::to_string(id), viewer_).json();
    EXPECT_EQ(after->getValue<int>("number"), 1);
    EXPECT_EQ(after->getValue<std::string>("code"), "01/TB-BTP");
    EXPECT_EQ(after->getValue<std::int64_t>("register"), ij->getValue<std::int64_t>("register"));
    EXPECT_EQ(after->getValue<std::string>("issue_date"), "2024-12-31");

    // Year rollover over HTTP.
    const auto jan = issue(create({}), R"({"date": "2025-01-01"})").json();
    EXPECT_EQ(jan->getValue<std::string>("code"), "01/TB-BTP");
    EXPECT_EQ(jan->getValue<int>("year"), 2025);
    EXPECT_EQ(issue(create({}), R"({"date": "2024-12-31"})").json()->getValue<int>("number"), 2);

    // The DOCX and the PDF carry the number.
    const auto docx = client_->get("/api/v1/documents/" + std::to_string(id) + ".docx", viewer_);
    ASSERT_EQ(docx.status, 200);
    EXPECT_EQ(docx.body.rfind("PK", 0), 0u);
    const auto pdf = client_->get("/api/v1/documents/" + std::to_string(id) + ".pdf", viewer_);
    ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf.body.find("pdfaid:part"), std::string::npos) << "PDF/A-2b metadata";
    EXPECT_EQ(client_->get("/api/v1/documents/" + std::to_string(id) + ".pdf", viewer_).body, pdf.body) << "same bytes";
    const auto again = client_->get("/api/v1/documents/" + std::to_string(id) + ".docx", viewer_);
    EXPECT_EQ(again.body, docx.body);  // served from the content-addressed artifact, same bytes
}

TEST_P(ServerTest, JsonBodiesAndSeparateSeries) {
    Poco::JSON::Object o;
    DocSpec secret;
    secret.secret = true;
    o.set("xml", docXml(secret));
    std::ostringstream os;
    o.stringify(os);
    const auto r = client_->postJson("/api/v1/documents", clearedClerk_, os.str());
    ASSERT_EQ(r.status, 201) << r.body;
    const auto sid = r.json()->getValue<std::int64_t>("id");
    DocSpec qppl;
    qppl.type = "quyet-dinh";
    qppl.notation = "QĐ-BTP";
    qppl.year = 2024;
    const auto qid = create(qppl);
    const auto nid = create({});
    EXPECT_EQ(issue(sid, R"({"date":"2024-05-01"})", clearedClerk_).json()->getValue<std::string>("code"), "01/TB-BTP");
    EXPECT_EQ(issue(qid, R"({"date":"2024-05-01"})").json()->getValue<std::string>("code"), "01/2024/QĐ-BTP");
    EXPECT_EQ(issue(nid, R"({"date":"2024-05-01"})").json()->getValue<std::string>("code"), "01/TB-BTP");
    expectError(client_->get("/api/v1/documents/" + std::to_string(sid), clerk_), 404, "not_found", "uncleared: as if missing");
    EXPECT_EQ(client_->get("/api/v1/documents/" + std::to_string(sid), clearedClerk_).status, 200);

    // The document's own fields as JSON (input/document_json.h) meet the same checks as XML.
    const std::string doc = R"({"type": "thong-bao", "code": {"notation": "TB-BTP"},
        "issuer": {"name": "BỘ TƯ PHÁP", "abbreviation": "BTP"}, "place": "Hà Nội",
        "subject": "Lịch làm việc tuần", "body": [{"p": ["Lịch làm việc ", {"text": "tuần 12", "b": true}, "./."]}],
        "signatures": [{"capacities": [{"kind": "TL", "title": "BỘ TRƯỞNG"}], "position": "CHÁNH VĂN PHÒNG", "name": "Nguyễn Văn An"}],
        "recipients": [{"recipient": "Các đơn vị thuộc Bộ"}], "archive": {"units": ["VT", "VP"]}})";
    const auto made = client_->postJson("/api/v1/documents", clerk_, "{\"document\": " + doc + "}");
    ASSERT_EQ(made.status, 201) << made.body;
    const auto got = client_->get("/api/v1/documents/" + std::to_string(made.json()->getValue<std::int64_t>("id")), clerk_);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.json()->getValue<std::string>("subject"), "Lịch làm việc tuần");
    const auto unknown = client_->postJson("/api/v1/documents", clerk_, "{\"document\": {\"plaec\": \"Hà Nội\"}}");
    EXPECT_EQ(unknown.status / 100, 4) << unknown.body;
    ASSERT_TRUE(unknown.json());
    const std::string unknownBody = unknown.body;
    EXPECT_NE(unknownBody.find("plaec"), std::string::npos) << "the error names the JSON field: " << unknownBody;
    expectError(client_->postJson("/api/v1/documents", clerk_, "{\"document\": 5}"), 400, "invalid_input", "document not an object");
}

TEST_P(ServerTest, ImportKeepsNumberAndRefusesDuplicates) {
    DocSpec s;
    s.number = 1020;
    s.type = "quyet-dinh";
    s.notation = "QĐ-BTP";
    s.date = "2018-05-08";
    const auto a = client_->postXml("/api/v1/documents/import", clerk_, docXml(s));
    ASSERT_EQ(a.status, 201) << a.body;
    EXPECT_EQ(a.json()->getValue<std::string>("code"), "1020/QĐ-BTP");
    EXPECT_EQ(a.json()->getValue<int>("number"), 1020);
    expectError(client_->postXml("/api/v1/documents/import", clerk_, docXml(s)), 409, "conflict", "duplicate import");
    for (const char* spelling : {"1020/QĐ-BTP", "1020/qd-btp", "1020 QD BTP", "qđ-btp 1020"}) {
        std::string q;
        Poco::URI::encode(spelling, "&=+/ ", q);
        const auto r = client_->get("/api/v1/search?code=" + q, viewer_);
        ASSERT_EQ(r.status, 200) << spelling;
        const auto j = r.json();
        EXPECT_EQ(j->getValue<int>("total"), 1) << spelling;
        EXPECT_EQ(j->getArray("items")->getObject(0)->getValue<std::string>("code"), "1020/QĐ-BTP") << spelling;
    }
    // Another organ's clerk sees nothing of it.
    EXPECT_EQ(client_->get("/api/v1/search?code=1020/QD-BTP", otherClerk_).json()->getValue<int>("total"), 0);
}

TEST_P(ServerTest, FullTextSearchRanksExactDiacriticsFirst) {
    DocSpec a;
    a.type = "ke-hoach";
    a.notation = "KH-BTP";
    a.subject = "Kế hoạch tổ chức thi hành pháp luật năm 2024";
    DocSpec b = a;
    b.subject = "Ke hoach thi hanh phap luat (khong dau)";
    DocSpec c;
    c.subject = "Thông báo lịch họp";
    const auto ida = create(a), idb = create(b);
    create(c);
    auto r = client_->get("/api/v1/search?q=ke%20hoach%20thi%20hanh%20phap%20luat", viewer_).json();
    ASSERT_EQ(r->getValue<int>("total"), 2);
    EXPECT_EQ(r->getArray("items")->getObject(0)->getValue<std::int64_t>("id"), idb);
    std::string q;
    Poco::URI::encode("kế hoạch thi hành pháp luật", "&=+/ ", q);
    r = client_->get("/api/v1/search?q=" + q, viewer_).json();
    ASSERT_EQ(r->getValue<int>("total"), 2);
    EXPECT_EQ(r->getArray("items")->getObject(0)->getValue<std::int64_t>("id"), ida);
    r = client_->get("/api/v1/search?type=ke-hoach&page=2&page_size=1", viewer_).json();
    EXPECT_EQ(r->getValue<int>("total"), 2);
    EXPECT_EQ(r->getArray("items")->size(), 1u);
}

TEST_P(ServerTest, RegistersExportTheTenColumns) {
    issue(create({}), R"({"date":"2024-03-01"})");
    const auto regs = client_->get("/api/v1/registers", clerk_);
    ASSERT_EQ(regs.status, 200) << regs.body;
    const auto items = regs.json()->getArray("items");
    ASSERT_GE(items->size(), 1u);
    const auto rid = std::to_string(items->getObject(0)->getValue<std::int64_t>("id"));
    const auto csv = client_->get("/api/v1/registers/" + rid + "/entries?format=csv&year=2024", clerk_);
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("Ngày tháng văn bản,Tên loại và trích yếu nội dung,Người ký,Nơi nhận văn bản"), std::string::npos);
    EXPECT_NE(csv.body.find("01/TB-BTP,01/03/2024"), std::string::npos);
    const auto json = client_->get("/api/v1/registers/" + rid + "/entries?year=2024", clerk_);
    EXPECT_EQ(json.json()->getArray("items")->size(), 1u);
    const auto docx = client_->get("/api/v1/registers/" + rid + "/entries?format=docx&year=2024", clerk_);
    ASSERT_EQ(docx.status, 200) << docx.body;
    EXPECT_EQ(docx.body.rfind("PK", 0), 0u);
    const auto sheet = client_->get("/api/v1/registers/" + rid + "/entries?format=pdf&year=2024", clerk_);
    ASSERT_EQ(sheet.status, 200) << sheet.body.substr(0, 300);
    EXPECT_EQ(sheet.body.rfind("%PDF-", 0), 0u);
    {
        // Read back by poppler: the title, and the number and date whole inside their cells.
        VANTHU_REQUIRE_PROGRAM("pdftotext", "poppler-utils");
        const std::string text = vanthu::testing::pdfText(sheet.body);
        EXPECT_NE(text.find("SỔ ĐĂNG KÝ VĂN BẢN ĐI"), std::string::npos) << text;
        EXPECT_NE(text.find("01/TB-BTP"), std::string::npos) << text;
        EXPECT_NE(text.find("01/03/2024"), std::string::npos) << text;
    }
    expectError(client_->get("/api/v1/registers/" + rid + "/entries?format=xls", clerk_), 406, "not_acceptable", "register xls");
    expectError(client_->get("/api/v1/registers/" + rid + "/entries", otherClerk_), 403, "forbidden_organ", "other organ's register");
    const auto made = client_->postJson("/api/v1/registers", admin_, R"({"name":"Hội đồng thi đua","kind":"advisory"})");
    EXPECT_EQ(made.status, 201) << made.body;
    expectError(client_->postJson("/api/v1/registers", clerk_, R"({"name":"x"})"), 403, "forbidden_role", "clerk creates register");
}

TEST_P(ServerTest, HealthMetricsOpenApi) {
    EXPECT_EQ(client_->get("/healthz").status, 200);
    EXPECT_EQ(client_->get("/api/v1/healthz").status, 200);
    client_->get("/api/v1/nothing-here", viewer_);
    const auto m = client_->get("/metrics");
    ASSERT_EQ(m.status, 200);
    EXPECT_NE(m.body.find("vanthu_http_requests_total{status=\"4xx\"} "), std::string::npos);
    EXPECT_NE(m.body.find("# TYPE vanthu_documents_issued_total counter"), std::string::npos);
    const auto api = client_->get("/openapi.json");
    ASSERT_EQ(api.status, 200);
    const auto j = api.json();
    ASSERT_TRUE(j);
    EXPECT_EQ(j->getValue<std::string>("openapi"), "3.0.3");
    // Every documented path exists: a GET answers anything but 404 (405 for POST-only paths).
    const auto id = std::to_string(create({}));
    const auto reg = std::to_string(store_->defaultRegister(btp_.id).id);
    std::vector<std::string> names;
    j->getObject("paths")->getNames(names);
    ASSERT_GE(names.size(), 15u);
    // The exchange paths are served when `vanthu serve` attaches an Exchange (server/exchange.h).
    ServerOptions withExchange;
    ExchangeOptions eo;
    eo.workers = false;
    withExchange.exchange = std::make_shared<Exchange>(*store_, eo, nullptr);
    Server full(*store_, withExchange, nullptr);
    full.start();
    HttpClient client(full.port());
    for (auto p : names) {
        const std::string what = p;
        if (p.find("{entry}") != std::string::npos || p.find("{delivery}") != std::string::npos || p.find("{package}") != std::string::npos)
            continue;  // rows of tests/exchange
        if (const auto pos = p.find("{id}"); pos != std::string::npos) p.replace(pos, 4, p.rfind("/registers", 0) == 0 ? reg : id);
        const bool root = p == "/healthz" || p == "/metrics" || p == "/openapi.json";
        const auto r = client.get((root ? "" : "/api/v1") + p, admin_);
        EXPECT_NE(r.status, 404) << what << ": " << r.body;
        EXPECT_NE(r.status, 500) << what << ": " << r.body;
    }
}

// Bad input to every endpoint: the right 4xx and a JSON error, never a 500.
TEST_P(ServerTest, BadInputGetsJsonErrors) {
    const auto draft = std::to_string(create({}));
    const auto issuedId = create({});
    issue(issuedId);
    const auto issued = std::to_string(issuedId);
    DocSpec secret;
    secret.secret = true;
    const auto secretId = std::to_string(create(secret, clearedClerk_));
    const std::string good = docXml({});
    const std::string doc = "/api/v1/documents/";

    expectError(client_->postJson("/api/v1/documents", clerk_, "{\"xml\": "), 400, "invalid_input", "malformed JSON");
    expectError(client_->postJson("/api/v1/documents", clerk_, "[1,2]"), 400, "invalid_input", "JSON array");
    expectError(client_->postJson("/api/v1/documents", clerk_, "{\"xml\": 5}"), 400, "invalid_input", "xml not a string");
    expectError(client_->postJson("/api/v1/documents", clerk_, "{}"), 400, "missing_field", "no xml");
    expectError(client_->postJson("/api/v1/documents", clerk_, "{\"xml\": \"<a/>\", \"colour\": 1}"), 400, "unknown_field", "unknown field");
    expectError(client_->postXml("/api/v1/documents", clerk_, "<document><unclosed>"), 400, "invalid_input", "malformed XML");
    expectError(client_->postXml("/api/v1/documents", clerk_, "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>"), 400, "",
                "DOCTYPE");
    expectError(client_->postXml("/api/v1/documents", clerk_, "<document xmlns=\"urn:vanthu:document:1\"/>"), 422, "schema_violation", "schema");
    expectError(client_->call("POST", "/api/v1/documents", clerk_, good, "text/plain"), 415, "unsupported_media_type", "text/plain");
    expectError(client_->call("POST", "/api/v1/documents", clerk_, good, ""), 415, "unsupported_media_type", "no content type");
    expectError(client_->postXml("/api/v1/documents", clerk_, std::string(300 * 1024, ' ')), 413, "too_large", "oversized");
    expectError(client_->postXml("/api/v1/documents", "", good), 401, "unauthorized", "no token");
    expectError(client_->postXml("/api/v1/documents", "vt_not-a-token", good), 401, "unauthorized", "bad token");
    {
        Poco::Net::HTTPClientSession s("127.0.0.1", Poco::UInt16(server_->port()));
        Poco::Net::HTTPRequest req("GET", "/api/v1/search?q=x");
        req.set("Authorization", "Basic dXNlcjpwYXNz");
        s.sendRequest(req);
        Poco::Net::HTTPResponse res;
        std::istream& is = s.receiveResponse(res);
        HttpReply r{int(res.getStatus()), res.getContentType(), std::string(std::istreambuf_iterator<char>(is), {})};
        expectError(r, 401, "unauthorized", "Basic auth");
    }
    expectError(client_->postXml("/api/v1/documents", viewer_, good), 403, "forbidden_role", "viewer creates");
    DocSpec foreign;
    foreign.issuerAbbr = "UBND";
    expectError(client_->postXml("/api/v1/documents", clerk_, docXml(foreign)), 403, "forbidden_organ", "issuer of another organ");
    expectError(client_->get(doc + draft, otherClerk_), 403, "forbidden_organ", "another organ's document");
    expectError(client_->get(doc + draft + ".docx", otherClerk_), 403, "forbidden_organ", "another organ's docx");
    expectError(issue(std::stoll(draft), "", otherClerk_), 403, "forbidden_organ", "issue another organ's");
    expectError(client_->get(doc + secretId, clerk_), 404, "not_found", "secret, uncleared");
    expectError(client_->get(doc + secretId + ".docx", clerk_), 404, "not_found", "secret docx, uncleared");
    expectError(client_->get(doc + "999999", clerk_), 404, "not_found", "missing document");
    expectError(client_->get(doc + "abc", clerk_), 404, "not_found", "non-numeric id");
    expectError(client_->get(doc + draft + ".exe", clerk_), 404, "not_found", "unknown extension");
    expectError(client_->get("/api/v1/nowhere", clerk_), 404, "not_found", "unknown path");
    expectError(client_->get("/elsewhere"), 404, "not_found", "outside the API");
    expectError(client_->call("DELETE", doc + draft, clerk_), 405, "method_not_allowed", "DELETE");
    expectError(client_->call("PUT", "/api/v1/search", clerk_, "x", "text/plain"), 405, "method_not_allowed", "PUT search");
    expectError(issue(issuedId), 409, "conflict", "issue twice");
    expectError(issue(std::stoll(draft), "{\"date\": \"2024-02-30\"}"), 400, "invalid_input", "impossible date");
    expectError(issue(std::stoll(draft), "{\"date\": 5}"), 400, "invalid_input", "date not a string");
    expectError(issue(std::stoll(draft), "{\"when\": \"2024-01-01\"}"), 400, "unknown_field", "unknown issue field");
    expectError(issue(std::stoll(draft), "{\"register\": 99999}"), 404, "not_found", "unknown register");
    expectError(issue(std::stoll(draft), "{\"register\": -1}"), 400, "invalid_input", "negative register");
    expectError(client_->call("POST", doc + draft + "/issue", clerk_, "date=2024", "application/x-www-form-urlencoded"), 415,
                "unsupported_media_type", "form body");
    expectError(client_->call("PUT", doc + issued, clerk_, good, "application/xml"), 409, "conflict", "edit issued");
    expectError(client_->call("POST", doc + draft + "/distribute", clerk_), 409, "conflict", "distribute a draft");
    expectError(client_->postJson(doc + draft + "/relations", clerk_, "{\"kind\": \"corrects\"}"), 400, "missing_field", "relation no target");
    expectError(client_->postJson(doc + draft + "/relations", clerk_, "{\"kind\": \"likes\", \"target\": " + issued + "}"), 400, "invalid_input",
                "relation kind");
    expectError(client_->get("/api/v1/search?colour=red", clerk_), 400, "unknown_field", "unknown search parameter");
    expectError(client_->get("/api/v1/search?from=2024-13-01", clerk_), 400, "invalid_input", "bad from");
    expectError(client_->get("/api/v1/search?page=0", clerk_), 400, "invalid_input", "page 0");
    expectError(client_->get("/api/v1/search?page_size=1000", clerk_), 400, "invalid_input", "page size");
    expectError(client_->get("/api/v1/search?type=sach", clerk_), 400, "invalid_input", "unknown type");
    expectError(client_->get("/api/v1/search?q=%FF%FE", clerk_), 400, "invalid_input", "invalid UTF-8");
    expectError(client_->get("/api/v1/registers/xyz/entries", clerk_), 404, "not_found", "register id");
    expectError(client_->get("/api/v1/registers/1/entries?year=abc", clerk_), 400, "invalid_input", "register year");
    expectError(client_->get("/api/v1/audit/verify", clerk_), 403, "forbidden_role", "audit by a clerk");
}

// A random query value: letters, well-formed escapes of any byte (so invalid UTF-8 too) and
// malformed escapes ("%", "%G1", a "%4" cut short by the end) that a percent-decoder must refuse.
std::string randomQueryValue(std::mt19937& rng) {
    std::string v;
    const int n = int(rng() % 12);
    for (int k = 0; k < n; ++k) {
        switch (rng() % 8) {
            case 0: case 1: {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", unsigned(rng() % 256));
                v += hex;
                break;
            }
            case 2: v += (rng() % 2) ? "%" : "%G1"; break;
            default: v += char('a' + rng() % 26);
        }
    }
    if (rng() % 8 == 0) v += "%4";
    return v;
}

// Bounded random requests to every route, the exchange's included: no 5xx, no crash, every reply
// belongs to its request, the server still answers. Each kind of failure is reported once, with
// its count and first request.
TEST_P(ServerTest, RandomRequestsNeverGive500) {
    const auto draft = std::to_string(create({}));
    // The exchange routes are served only with an Exchange attached, as `vanthu serve` does.
    ServerOptions withExchange;
    withExchange.maxBodyBytes = 256 * 1024;
    ExchangeOptions eo;
    eo.workers = false;
    withExchange.exchange = std::make_shared<Exchange>(*store_, eo, nullptr);
    Server server(*store_, withExchange, nullptr);
    server.start();

    std::mt19937 rng(20240315);
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    const std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"};
    const std::string doc = "/api/v1/documents/" + draft;
    const std::vector<std::string> paths = {
        "/api/v1/documents", "/api/v1/documents/import", doc, doc + ".docx", doc + ".pdf", doc + "/issue", doc + "/recall",
        doc + "/relations", "/api/v1/search?q=", "/api/v1/search?code=", "/api/v1/registers",
        "/api/v1/registers/1/entries?format=", "/api/v1/documents/%00", "/api/v1//documents", "/api/v1/documents/1/../../etc",
        "/api/v1/search?page=", doc + "/issue/extra", "/healthz", "/metrics",
        // The exchange (server/exchange.h): inbox, incoming register, deliveries, directory.
        "/api/v1/edxml", "/api/v1/edxml?x=", "/api/v1/inbox", "/api/v1/inbox?status=", "/api/v1/inbox/1", "/api/v1/inbox/abc",
        "/api/v1/incoming", "/api/v1/incoming?format=", "/api/v1/incoming?status=", "/api/v1/incoming?q=", "/api/v1/incoming/1",
        "/api/v1/incoming/99999999999999999999", "/api/v1/incoming/1/accept", "/api/v1/incoming/1/reject",
        "/api/v1/incoming/1/status", "/api/v1/incoming/1/files/0", "/api/v1/incoming/1/files/x", "/api/v1/incoming/1/extra",
        "/api/v1/deliveries", "/api/v1/deliveries?status=", "/api/v1/deliveries/1/retry", "/api/v1/deliveries/x/retry",
        "/api/v1/agencies", "/api/v1/agencies?q=", "/api/v1/agencies/extra", doc + "/deliveries", doc + "/distribute",
        doc + "/recipients", doc + "/archive"};
    const std::vector<std::string> types = {"application/json", "application/xml", "text/xml", "text/plain", "", "application/json; charset=utf-8",
                                            "multipart/form-data"};
    const std::string xml = docXml({});
    const std::vector<std::string> bodies = {
        xml, "{\"xml\": \"" + std::string("<document/>") + "\"}", R"({"date":"2024-01-01"})",
        R"({"register": 1, "date": "2024-01-01"})", R"({"kind":"corrects","target":1})", "{", "null", "[]",
        "\"just a string\"", "{\"xml\": null}", R"({"code":"03"})", R"({"code":"05","note":"x"})", R"({"reason":"sai nơi nhận"})",
        R"({"register": 1})", R"({"organ": 1})",
        // Integers a signed 64-bit field cannot hold (2^63, 2^64, -2^63 - 1) and a float.
        R"({"register": 9223372036854775808, "date": "2024-01-01"})", R"({"kind":"corrects","target":18446744073709551616})",
        R"({"organ": 9223372036854775808})", R"({"register": -9223372036854775809})", R"({"target": 1e400})"};
    const std::vector<std::string> tokens = {clerk_, viewer_, admin_, otherClerk_, "", "garbage", std::string(500, 'a')};
    // First a grid that every run covers: each path with each hostile body (out-of-range integers)
    // as a well-formed JSON POST, and each query path with each malformed escape; then random
    // requests, some of them mutated.
    struct Request {
        std::string method, path, token, body, type;
    };
    std::vector<Request> requests;
    const std::vector<std::string> hostile(bodies.end() - 5, bodies.end());
    for (const auto& path : paths)
        for (const auto& token : {clerk_, admin_}) {
            for (const auto& body : hostile) requests.push_back({"POST", path, token, body, "application/json"});
            if (path.back() == '=')
                for (const char* bad : {"%", "a%G1", "a%4", "%zz%41"}) requests.push_back({"GET", path + bad, token, "", ""});
        }
    for (int i = 0; i < 3000; ++i) {
        Request q{pick(methods), pick(paths), pick(tokens), (rng() % 4) ? pick(bodies) : std::string(), pick(types)};
        if (q.path.back() == '=') q.path += randomQueryValue(rng);
        if (!q.body.empty() && rng() % 2) {  // mutate: truncate, flip bytes
            if (rng() % 2) q.body.resize(rng() % (q.body.size() + 1));
            for (int k = 0; k < 3 && !q.body.empty(); ++k) q.body[rng() % q.body.size()] = char(rng() % 256);
        }
        requests.push_back(std::move(q));
    }
    // Failures by kind (the route and status of a 5xx; the status of the reply after which the
    // connection went out of step) → count and the first request of that kind.
    std::map<std::string, std::pair<int, std::string>> fiveHundreds, outOfStep;
    auto record = [](auto& kinds, const std::string& kind, const std::string& first) {
        auto& [count, example] = kinds[kind];
        if (count++ == 0) example = first;
    };
    auto client = std::make_unique<HttpClient>(server.port());
    int noReply = 0;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto& [method, path, token, body, type] = requests[i];
        if (std::getenv("VANTHU_TEST_TRACE")) std::cerr << i << " " << method << " " << path << " [" << type << "] " << body.size() << "\n";
        const auto r = client->call(method, path, token, body, type);
        const std::string route = path.substr(0, path.find('?') == std::string::npos ? path.size() : path.find('?') + 1);
        const std::string what = "request " + std::to_string(i) + ": " + method + " " + path + " [" + type + "] body «" +
                                 body.substr(0, 120) + "» → " + std::to_string(r.status) + " " + r.body.substr(0, 200);
        if (r.status == 0) ++noReply;
        if (r.status >= 500 && r.status != 501) record(fiveHundreds, route + " → " + std::to_string(r.status), what);
        if (r.status >= 400 && r.status != 405 && r.json() == nullptr && r.body.size() > 0 && method != "HEAD")
            ADD_FAILURE() << "non-JSON error for " << method << " " << path << ": " << r.body;
        // The keep-alive connection must stay in step: a reply sent before the request body was
        // read leaves that body to be parsed as the next request, and every later reply shifts.
        // A new connection then, so that later replies still belong to their requests.
        if (const auto probe = client->get("/healthz"); probe.status != 200) {
            record(outOfStep, "a " + std::to_string(r.status) + " reply", what + "; then /healthz → " + std::to_string(probe.status));
            client = std::make_unique<HttpClient>(server.port());
        }
    }
    for (const auto& [kind, seen] : fiveHundreds) ADD_FAILURE() << seen.first << "× 5xx: " << kind << "; first " << seen.second;
    for (const auto& [kind, seen] : outOfStep)
        ADD_FAILURE() << seen.first << "× connection out of step after " << kind << "; first " << seen.second;
    EXPECT_TRUE(fiveHundreds.empty()) << fiveHundreds.size() << " kinds of 5xx";
    EXPECT_TRUE(outOfStep.empty()) << outOfStep.size() << " kinds of request leave the connection out of step";
    EXPECT_EQ(noReply, 0);
    EXPECT_EQ(HttpClient(server.port()).get("/healthz").status, 200);
    server.stop();
}

// 16 clients issue 2,000 documents into one register: exactly 01…2000.
TEST_P(ServerTest, SixteenClientsIssueTwoThousandWithoutDuplicateOrGap) {
    constexpr int kDocs = 2000, kClients = 16;
    const std::string xml = docXml({});
    const auto model = readDoc(xml);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < kDocs; ++i) ids.push_back(store_->createDraft(btp_.id, xml, model, "setup")->id);
    std::atomic<int> next{0};
    std::vector<std::vector<int>> numbers(kClients);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < kClients; ++c)
        threads.emplace_back([&, c] {
            HttpClient client(server_->port());
            for (int i = next++; i < kDocs; i = next++) {
                const auto r = client.call("POST", "/api/v1/documents/" + std::to_string(ids[std::size_t(i)]) + "/issue", clerk_,
                                           R"({"date":"2024-06-01"})", "application/json");
                const auto j = r.json();
                if (r.status != 200 || !j) {
                    ++failures;
                    continue;
                }
                numbers[std::size_t(c)].push_back(j->getValue<int>("number"));
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    std::vector<int> all;
    for (auto& v : numbers) all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    ASSERT_EQ(all.size(), std::size_t(kDocs));
    for (int i = 0; i < kDocs; ++i) ASSERT_EQ(all[std::size_t(i)], i + 1) << "duplicate or gap at " << i + 1;
    const auto reg = store_->defaultRegister(btp_.id);
    EXPECT_EQ(store_->entries(reg.id, 2024).size(), std::size_t(kDocs));
    EXPECT_TRUE(store_->verifyAudit().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu::server
