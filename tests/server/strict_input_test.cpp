// Issue 14, "loose input handling" and "relations leak secret documents": each case was answered
// wrongly before (the comment says how), over both back ends, with the exchange attached.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <csignal>

#include "server/exchange.h"
#include "server/http_client.h"
#include "server/server.h"
#include "store/exchange_store.h"
#include "store/fixtures.h"

namespace vanthu::server {
namespace {

using testing::Db;
using testing::DocSpec;
using testing::docXml;
using testing::HttpClient;
using testing::HttpReply;

class StrictInputTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        std::signal(SIGPIPE, SIG_IGN);
        VANTHU_OPEN_EMPTY_URL(GetParam(), "strict", url);
        store_ = store::Store::open(store::OpenOptions{url, {}, 16});
        btp_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        ubnd_ = store_->ensureOrgan("UBND", "ỦY BAN NHÂN DÂN TỈNH");
        clerk_ = store_->addUser("Văn thư", store::Role::Clerk, btp_.id, false);
        clearedClerk_ = store_->addUser("Văn thư mật", store::Role::Clerk, btp_.id, true);
        viewer_ = store_->addUser("Tra cứu", store::Role::Viewer, btp_.id, false);
        otherClerk_ = store_->addUser("Văn thư tỉnh", store::Role::Clerk, ubnd_.id, true);
        admin_ = store_->addUser("Quản trị", store::Role::Admin, btp_.id, true);
        ServerOptions so;
        ExchangeOptions eo;
        eo.workers = false;
        so.exchange = std::make_shared<Exchange>(*store_, eo, nullptr);
        server_ = std::make_unique<Server>(*store_, so, nullptr);
        server_->start();
        client_ = std::make_unique<HttpClient>(server_->port());
    }
    void TearDown() override {
        if (server_) server_->stop();
    }

    std::int64_t create(const DocSpec& s, const std::string& token) {
        const auto r = client_->postXml("/api/v1/documents", token, docXml(s));
        EXPECT_EQ(r.status, 201) << r.body;
        const auto j = r.json();
        return j ? j->getValue<std::int64_t>("id") : 0;
    }
    std::string path(std::int64_t id, const std::string& tail = "") { return "/api/v1/documents/" + std::to_string(id) + tail; }

    // A 400 naming `field`, with both messages, and the English one containing `says`.
    static void expectRefused(const HttpReply& r, const std::string& field, const std::string& says, const std::string& what) {
        EXPECT_EQ(r.status, 400) << what << ": " << r.body;
        const auto j = r.json();
        ASSERT_TRUE(j) << what << ": not JSON: " << r.body;
        EXPECT_EQ(j->optValue<std::string>("field", "?"), field) << what << ": " << r.body;
        EXPECT_NE(j->optValue<std::string>("message_en", "").find(says), std::string::npos) << what << ": " << r.body;
        EXPECT_FALSE(j->optValue<std::string>("message_vi", "").empty()) << what;
    }

    std::unique_ptr<store::Store> store_;
    store::Organ btp_, ubnd_;
    std::string clerk_, clearedClerk_, viewer_, otherClerk_, admin_;
    std::unique_ptr<Server> server_;
    std::unique_ptr<HttpClient> client_;
};

// Before: the last of two equal keys won, at the top and inside a document sent as JSON.
TEST_P(StrictInputTest, DuplicateJsonKeysAreRefusedByName) {
    const auto id = create({}, clerk_);
    expectRefused(client_->postJson(path(id, "/issue"), clerk_, R"({"date": "2024-01-02", "date": "2024-03-04"})"), "date",
                  "duplicate field date", "top level");
    const std::string doc = R"({"document": {"type": "thong-bao", "subject": "Một", "subject": "Hai"}})";
    expectRefused(client_->postJson("/api/v1/documents", clerk_, doc), "document.subject", "duplicate field document.subject", "nested");
    // The same key in two different objects is no duplicate.
    EXPECT_EQ(client_->postJson(path(id, "/issue"), clerk_, R"({"date": "2024-01-02"})").status, 200);
}

// Before: "malformed JSON: JSON Exception: Attempt to set value on an empty stack".
TEST_P(StrictInputTest, TopLevelJsonMustBeAnObject) {
    const auto id = create({}, clerk_);
    for (const char* body : {"null", "42", "\"2024-01-02\"", "[]", "true", "  \n"}) {
        const auto r = client_->postJson(path(id, "/issue"), clerk_, body);
        expectRefused(r, "body", "the body must be a JSON object", body);
        EXPECT_EQ(r.body.find("empty stack"), std::string::npos) << r.body;
    }
}

// Before: {"register": true} issued into register 1 (fixed with the bool check of idField; kept here).
TEST_P(StrictInputTest, ABooleanIsNoRegisterId) {
    const auto id = create({}, clerk_);
    expectRefused(client_->postJson(path(id, "/issue"), clerk_, R"({"register": true})"), "register", "must be an integer", "issue");
    expectRefused(client_->postJson("/api/v1/documents/import", clerk_, "{\"register\": true, \"xml\": \"<x/>\"}"), "register",
                  "must be an integer", "import");
}

// Before: "\u0000" was accepted (stored as U+FFFD in a document, as NUL in a register name).
TEST_P(StrictInputTest, ControlCharactersInTextAreRefusedByField) {
    const auto registersBefore = store_->registers(btp_.id).size();
    expectRefused(client_->postJson("/api/v1/registers", admin_, R"({"name": "Sổ\u0000đi"})"), "name", "control character U+0000", "NUL");
    expectRefused(client_->postJson("/api/v1/registers", admin_, R"({"name": "Sổ\u001bđi"})"), "name", "U+001B", "ESC");
    expectRefused(client_->postJson("/api/v1/registers", admin_, R"({"name": "Sổ\u0085đi"})"), "name", "U+0085", "C1 NEL");
    expectRefused(client_->postJson("/api/v1/registers", admin_, R"({"name\u0000x": "Sổ"})"), "name\\u0000x", "control character", "in a key");
    const std::string doc = R"({"document": {"type": "thong-bao", "body": [{"p": "a"}, {"p": "b\u0000c"}]}})";
    expectRefused(client_->postJson("/api/v1/documents", clerk_, doc), "document.body[1].p", "U+0000", "in a document");
    expectRefused(client_->get("/api/v1/search?signer=a%00b", clerk_), "signer", "invalid signer", "in a query");
    EXPECT_EQ(store_->registers(btp_.id).size(), registersBefore) << "a refused name was stored";
    // Tab and line feed are text, but a register's name is one line (service::createRegister).
    expectRefused(client_->postJson("/api/v1/registers", admin_, R"({"name": "Sổ\tđi"})"), "name", "one line of text", "tab in a name");
    expectRefused(client_->postJson("/api/v1/registers", admin_, R"({"name": " "})"), "name", "one line of text", "blank name");
    EXPECT_EQ(store_->registers(btp_.id).size(), registersBefore) << "a refused name was stored";
    EXPECT_EQ(client_->postJson("/api/v1/registers", admin_, R"({"name": "Sổ đi 2024"})").status, 201);
}

// Before: signer=% and signer=_ matched every document (LIKE wildcards).
TEST_P(StrictInputTest, SearchBySignerTakesWildcardsLiterally) {
    DocSpec s;
    s.number = 5;
    s.date = "2024-02-01";
    ASSERT_EQ(client_->postXml("/api/v1/documents/import", clerk_, docXml(s)).status, 201);
    EXPECT_EQ(client_->get("/api/v1/search?signer=nguyen", clerk_).json()->getValue<int>("total"), 1);
    for (const char* wild : {"%25", "_", "%25%25", "ngu_en"})
        EXPECT_EQ(client_->get(std::string("/api/v1/search?signer=") + wild, clerk_).json()->getValue<int>("total"), 0) << wild;
}

// Before: import took 1900-01-01 while issue refused it: one bound (model::kEarliestIssueYear).
TEST_P(StrictInputTest, ImportAndIssueShareTheEarliestDate) {
    DocSpec old;
    old.number = 7;
    old.date = "1900-01-01";
    const auto imported = client_->postXml("/api/v1/documents/import", clerk_, docXml(old));
    EXPECT_EQ(imported.status / 100, 4) << imported.body;
    ASSERT_TRUE(imported.json()) << imported.body;
    EXPECT_EQ(imported.json()->optValue<std::string>("message_en", ""), "The issue date must be in 1945 or later") << imported.body;
    const auto id = create({}, clerk_);
    expectRefused(client_->postJson(path(id, "/issue"), clerk_, R"({"date": "1900-01-01"})"), "date", "1945 or later", "issue");
    old.date = "1945-09-02";
    EXPECT_EQ(client_->postXml("/api/v1/documents/import", clerk_, docXml(old)).status, 201);
}

// Before: the connection closed with no answer (Poco could not parse the number).
TEST_P(StrictInputTest, AnUnparsableContentLengthIsA400) {
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", Poco::UInt16(server_->port())));
    s.setReceiveTimeout(Poco::Timespan(10, 0));
    const std::string head = "POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: 99999999999999999999\r\n\r\n{}";
    s.sendBytes(head.data(), int(head.size()));
    std::string got;
    char buf[4096];
    for (int n; (n = s.receiveBytes(buf, sizeof buf)) > 0;) got.append(buf, std::size_t(n));
    EXPECT_EQ(got.rfind("HTTP/1.1 400 ", 0), 0u) << got;
    EXPECT_NE(got.find("\"field\":\"Content-Length\""), std::string::npos) << got;
    EXPECT_EQ(client_->get("/healthz").status, 200) << "the server goes on";
}

// Before: a status delivery has document 0, so its retry skipped the visibility check and a
// clerk of any organ could retry another organ's answer.
TEST_P(StrictInputTest, AStatusDeliveryIsRetriedOnlyByItsOrgan) {
    store::Id delivery = 0;
    store_->transaction([&](store::Sql& sql) {
        store::IncomingEntry e;
        e.organId = ubnd_.id;
        e.year = 2024;
        e.receivedAt = "2024-03-01T08:00:00.000Z";
        e.sender = "BỘ NỘI VỤ";
        e.code = "12/BNV-VP";
        e.documentDate = "2024-02-28";
        e.typeAndSubject = "Công văn: về việc thử";
        e.senderOrganId = "000.00.00.G22";
        e.edxmlDocumentId = "000.00.00.G22,2024/02/28,12/BNV-VP";
        const auto entry = store::exchange::registerIncoming(sql, e, {});
        store::OutboxEntry out;
        out.kind = "status";
        out.incomingId = entry.id;
        out.code = "03";
        out.edxmlDocumentId = e.edxmlDocumentId;
        out.recipientOrganId = e.senderOrganId;
        out.transport = "link";
        ASSERT_TRUE(store::exchange::enqueue(sql, out, 0, "2024-03-01T08:00:00.000Z"));
        const auto rows = sql.query("SELECT id FROM deliveries WHERE incoming_id = $1", {entry.id});
        ASSERT_EQ(rows.size(), 1u);
        auto row = store::exchange::delivery(sql, rows.i(0, 0));
        row->state = "dead";
        store::exchange::save(sql, *row, "2024-03-01T09:00:00.000Z");
        delivery = row->id;
    });
    const std::string retry = "/api/v1/deliveries/" + std::to_string(delivery) + "/retry";
    const auto refused = client_->call("POST", retry, clerk_);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.json() ? refused.json()->optValue<std::string>("code", "") : "", "forbidden_organ") << refused.body;
    const auto ok = client_->call("POST", retry, otherClerk_);
    EXPECT_EQ(ok.status, 200) << ok.body;
}

// Before: 403 forbidden_secret (confirming the document is secret), and a viewer saw the note of a
// relation to it.
TEST_P(StrictInputTest, ASecretDocumentIsNotFoundAndItsRelationsHidden) {
    DocSpec secret;
    secret.secret = true;
    const auto sid = create(secret, clearedClerk_);
    const auto pid = create({}, clearedClerk_);
    const auto related = client_->postJson(path(pid, "/relations"), clearedClerk_,
                                           "{\"kind\": \"replaces\", \"target\": " + std::to_string(sid) + ", \"note\": \"thay thế văn bản mật\"}");
    ASSERT_EQ(related.status, 201) << related.body;
    ASSERT_EQ(related.json()->getArray("relations")->size(), 1u) << "the cleared clerk sees it";

    const auto missing = client_->get(path(999999), viewer_);
    ASSERT_EQ(missing.status, 404);
    for (const std::string tail : {"", ".xml", ".pdf", "/deliveries", "/recipients"}) {
        const auto r = client_->get(path(sid, tail), viewer_);
        EXPECT_EQ(r.status, 404) << tail << ": " << r.body;
        EXPECT_EQ(r.body, missing.body) << tail << ": told apart from a missing id";
    }
    const auto plain = client_->get(path(pid), viewer_);
    ASSERT_EQ(plain.status, 200) << plain.body;
    EXPECT_EQ(plain.json()->getArray("relations")->size(), 0u) << plain.body;
    EXPECT_EQ(plain.body.find("thay thế"), std::string::npos) << "the note leaks";
    EXPECT_EQ(client_->get(path(pid), clearedClerk_).json()->getArray("relations")->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StrictInputTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu::server
