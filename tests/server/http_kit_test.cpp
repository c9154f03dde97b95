// The one HTTP kit (server/router.h, http_request.h, json_body.h) seen from a client, with the
// exchange routes attached: every route reads its request the same way, refuses the same bad
// input the same way, and is counted and logged.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>

#include <csignal>
#include <iostream>
#include <mutex>
#include <sstream>

#include "server/exchange.h"
#include "server/http_client.h"
#include "server/server.h"
#include "store/fixtures.h"

namespace vanthu::server {
namespace {

using testing::Db;
using testing::DocSpec;
using testing::docXml;
using testing::HttpClient;
using testing::HttpReply;

// std::cerr into a string while a test runs (the request log is written there).
class CerrCapture {
public:
    CerrCapture() : old_(std::cerr.rdbuf(buf_.rdbuf())) {}
    ~CerrCapture() { std::cerr.rdbuf(old_); }
    std::string text() const { return buf_.str(); }

private:
    std::stringstream buf_;
    std::streambuf* old_;
};

class HttpKitTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        std::signal(SIGPIPE, SIG_IGN);
        VANTHU_OPEN_EMPTY_URL(GetParam(), "httpkit", url);
        store_ = store::Store::open(store::OpenOptions{url, {}, 16});
        btp_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        clerk_ = store_->addUser("Văn thư", store::Role::Clerk, btp_.id, false);
        admin_ = store_->addUser("Quản trị", store::Role::Admin, btp_.id, true);
        capture_ = std::make_unique<CerrCapture>();
        ServerOptions so;
        so.logRequests = true;
        ExchangeOptions eo;
        eo.workers = false;
        so.exchange = std::make_shared<Exchange>(*store_, eo, nullptr);
        server_ = std::make_unique<Server>(*store_, so, nullptr);
        server_->start();
        client_ = std::make_unique<HttpClient>(server_->port());
    }
    void TearDown() override {
        if (server_) server_->stop();
        server_.reset();
        capture_.reset();
    }

    std::string draft() {
        const auto r = client_->postXml("/api/v1/documents", clerk_, docXml(DocSpec{}));
        EXPECT_EQ(r.status, 201) << r.body;
        return std::to_string(r.json()->getValue<std::int64_t>("id"));
    }

    // Every (method, path) the API documents, its {…} segments filled with `id`.
    std::vector<std::pair<std::string, std::string>> documentedRoutes(const std::string& id) {
        const auto api = client_->get("/openapi.json").json();
        EXPECT_TRUE(api);
        std::vector<std::pair<std::string, std::string>> out;
        auto paths = api->getObject("paths");
        std::vector<std::string> names;
        paths->getNames(names);
        for (auto p : names) {
            std::vector<std::string> methods;
            paths->getObject(p)->getNames(methods);
            for (std::size_t at; (at = p.find('{')) != std::string::npos;) p.replace(at, p.find('}', at) - at + 1, id);
            const bool root = p == "/healthz" || p == "/metrics" || p == "/openapi.json";
            for (auto m : methods) {
                for (auto& c : m) c = char(std::toupper(static_cast<unsigned char>(c)));
                out.emplace_back(m, (root ? "" : "/api/v1") + p);
            }
        }
        return out;
    }

    static void expect400(const HttpReply& r, const std::string& what) {
        EXPECT_EQ(r.status, 400) << what << ": " << r.body;
        const auto j = r.json();
        ASSERT_TRUE(j) << what << ": not JSON: " << r.body;
        EXPECT_EQ(j->optValue<std::string>("code", ""), "invalid_input") << what;
        EXPECT_FALSE(j->optValue<std::string>("message_vi", "").empty()) << what;
        EXPECT_FALSE(j->optValue<std::string>("message_en", "").empty()) << what;
        EXPECT_FALSE(j->optValue<std::string>("field", "").empty()) << what;
    }

    std::unique_ptr<store::Store> store_;
    store::Organ btp_;
    std::string clerk_, admin_;
    std::unique_ptr<CerrCapture> capture_;
    std::unique_ptr<Server> server_;
    std::unique_ptr<HttpClient> client_;
};

// RFC 3986 §2.1: '%' must be followed by two hex digits. A bad escape used to give a 500 on the
// exchange routes, before the token was looked at; now it is a 400 on every route, token or not.
TEST_P(HttpKitTest, AMalformedPercentEscapeIsA400OnEveryRoute) {
    const auto id = draft();
    const auto routes = documentedRoutes(id);
    ASSERT_GE(routes.size(), 30u) << "the API documents fewer routes than it has";
    int exchangeRoutes = 0;
    for (const auto& [method, path] : routes) {
        for (const char* query : {"?x=%zz", "?x=%4", "?x=ok&y=%", "?%G1=1"}) {
            for (const std::string& token : {clerk_, std::string()}) {
                const std::string what = method + " " + path + query + (token.empty() ? " (no token)" : "");
                expect400(client_->call(method, path + query, token, method == "POST" || method == "PUT" ? "{}" : "",
                                        method == "POST" || method == "PUT" ? "application/json" : ""),
                          what);
            }
        }
        for (const char* head : {"/edxml", "/inbox", "/incoming", "/deliveries", "/agencies"})
            if (path.find(head) != std::string::npos) ++exchangeRoutes;
    }
    EXPECT_GE(exchangeRoutes, 10) << "the exchange routes are among those checked";
    // In the path too: the path is decoded before it is matched.
    expect400(client_->get("/api/v1/documents/%zz", clerk_), "bad escape in the path");
    expect400(client_->get("/api/v1/incoming/1%", clerk_), "truncated escape in the path");
    // Decoded query text must be UTF-8.
    expect400(client_->get("/api/v1/incoming?year=%C3%28", clerk_), "query value not UTF-8");
    // And the server still answers on the same connection.
    EXPECT_EQ(client_->get("/api/v1/documents/" + id, clerk_).status, 200);
}

// JSON integers are exact and bounded: 2^63 used to give a 500 ("Out of range"). Beyond 2^64 Poco's
// parser itself refuses the number, so the error names the body rather than the field.
TEST_P(HttpKitTest, OutOfRangeJsonIntegersAreA400NamingTheField) {
    const auto id = draft();
    const std::string issue = "/api/v1/documents/" + id + "/issue";
    for (const std::string big : {"9223372036854775808", "18446744073709551615", "18446744073709551616", "99999999999999999999999",
                                  "9007199254740993", "-9223372036854775809", "0", "-1", "1.5", "1e3", "\"7\"", "true", "null"}) {
        const bool beyondParser = big == "99999999999999999999999";
        const std::string field = beyondParser ? "body" : "register";
        const auto r = client_->postJson(issue, clerk_, "{\"register\": " + big + "}");
        expect400(r, "register " + big);
        if (const auto j = r.json()) EXPECT_EQ(j->optValue<std::string>("field", ""), field) << big;
        const auto rel = client_->postJson("/api/v1/documents/" + id + "/relations", clerk_,
                                           "{\"kind\": \"corrects\", \"target\": " + big + "}");
        if (big != "0") {  // 0 reads as "no target": that is the missing_field case
            expect400(rel, "target " + big);
            if (const auto j = rel.json()) EXPECT_EQ(j->optValue<std::string>("field", ""), beyondParser ? "body" : "target") << big;
        }
        const auto reg = client_->postJson("/api/v1/registers", admin_, "{\"name\": \"Sổ\", \"organ\": " + big + "}");
        expect400(reg, "organ " + big);
        const auto imp = client_->postJson("/api/v1/documents/import", clerk_,
                                           "{\"xml\": \"<x/>\", \"register\": " + big + "}");
        expect400(imp, "import register " + big);
    }
    // The document was not issued by any of them.
    const auto d = client_->get("/api/v1/documents/" + id, clerk_).json();
    ASSERT_TRUE(d);
    EXPECT_EQ(d->getValue<std::string>("status"), "draft");
    // A good register id still works.
    const auto reg = store_->defaultRegister(btp_.id).id;
    EXPECT_EQ(client_->postJson(issue, clerk_, "{\"register\": " + std::to_string(reg) + "}").status, 200);
}

TEST_P(HttpKitTest, ExchangeRoutesAreCountedInMetricsAndWrittenToTheRequestLog) {
    EXPECT_EQ(client_->get("/api/v1/incoming", clerk_).status, 200);
    EXPECT_EQ(client_->get("/api/v1/deliveries", clerk_).status, 200);
    EXPECT_EQ(client_->get("/api/v1/agencies", clerk_).status, 200);
    EXPECT_EQ(client_->get("/api/v1/inbox", admin_).status, 200);
    EXPECT_EQ(client_->call("POST", "/api/v1/edxml", "", "<edXML/>", "application/xml").status, 401);  // no link named
    EXPECT_EQ(client_->get("/api/v1/incoming/999", clerk_).status, 404);
    const auto m = client_->get("/metrics");
    ASSERT_EQ(m.status, 200);
    for (const std::string series : {
             R"(vanthu_http_route_requests_total{method="GET",route="/api/v1/incoming",status="2xx"} 1)",
             R"(vanthu_http_route_requests_total{method="GET",route="/api/v1/deliveries",status="2xx"} 1)",
             R"(vanthu_http_route_requests_total{method="GET",route="/api/v1/agencies",status="2xx"} 1)",
             R"(vanthu_http_route_requests_total{method="GET",route="/api/v1/inbox",status="2xx"} 1)",
             R"(vanthu_http_route_requests_total{method="POST",route="/api/v1/edxml",status="4xx"} 1)",
             R"(vanthu_http_route_requests_total{method="GET",route="/api/v1/incoming/{id}",status="4xx"} 1)",
         })
        EXPECT_NE(m.body.find(series + "\n"), std::string::npos) << series << "\n" << m.body;
    // The totals include them: 6 answered before /metrics (4 × 2xx, 2 × 4xx), plus the draft-less setup's none.
    EXPECT_NE(m.body.find("vanthu_http_requests_total{status=\"4xx\"} 2\n"), std::string::npos) << m.body;
    server_->stop();
    const std::string log = capture_->text();
    for (const std::string line : {"GET /api/v1/incoming 200 ", "GET /api/v1/deliveries 200 ", "GET /api/v1/agencies 200 ",
                                   "GET /api/v1/inbox 200 ", "POST /api/v1/edxml 401 ", "GET /api/v1/incoming/999 404 "})
        EXPECT_NE(log.find(line), std::string::npos) << line << "\n" << log;
    EXPECT_NE(log.find("route=POST /api/v1/edxml"), std::string::npos) << log;
}

// A request refused before its body is read must not leave the body on a keep-alive connection.
TEST_P(HttpKitTest, ARefusalBeforeTheBodyIsReadKeepsTheConnectionUsable) {
    EXPECT_EQ(client_->call("PUT", "/api/v1/search", clerk_, "xyz", "text/plain").status, 405);
    EXPECT_EQ(client_->call("POST", "/api/v1/nowhere", clerk_, "{\"a\":1}", "application/json").status, 404);
    EXPECT_EQ(client_->call("POST", "/api/v1/documents?%zz", clerk_, "<x/>", "application/xml").status, 400);
    EXPECT_EQ(client_->get("/api/v1/registers", clerk_).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpKitTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu::server
