// What B's inbox refuses (issue 5): unauthenticated, wrongly signed, oversized, malformed, DOCTYPE,
// forged sender, unknown recipient. Each is answered (HTTP error before parsing, or a status 02),
// kept in the inbox for inspection, and never reaches the incoming register.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>

#include "core/digest.h"
#include "distribution/edxml.h"
#include "distribution/signing.h"
#include "distribution/edxml_fixtures.h"
#include "exchange/exchange_fixtures.h"

namespace vanthu::testing {
namespace {

namespace dist = vanthu::distribution;

HttpReply postPackage(int port, const std::string& body, const std::string& sender, const std::string& signature) {
    HttpReply out;
    try {
        Poco::Net::HTTPClientSession s("127.0.0.1", Poco::UInt16(port));
        s.setTimeout(Poco::Timespan(30, 0));
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/edxml", Poco::Net::HTTPMessage::HTTP_1_1);
        req.setContentType("application/xml");
        req.setContentLength64(Poco::Int64(body.size()));
        if (!sender.empty()) req.set("X-Vanthu-Sender", sender);
        if (!signature.empty()) req.set("X-Vanthu-Signature", signature);
        s.sendRequest(req).write(body.data(), std::streamsize(body.size()));
        Poco::Net::HTTPResponse res;
        std::istream& is = s.receiveResponse(res);
        out.status = int(res.getStatus());
        out.body.assign(std::istreambuf_iterator<char>(is), {});
    } catch (...) {
        out.status = 0;
    }
    return out;
}

std::string sign(const std::string& secret, const std::string& body) { return dist::PackageSigner(secret).sign(body); }

// The golden edoc of the 1020/QĐ-BTP sample, addressed to B (or not).
std::string edocTo(const std::string& organId, const std::string& fromOrganId = kBtp) {
    auto e = dist::fixtures::edoc1020();
    e.from.organId = fromOrganId;
    e.documentId = dist::edxml::compositeDocumentId(fromOrganId, e.promulgationDate, e.code);
    if (!organId.empty()) {
        e.to.resize(1);
        e.to[0].organId = organId;
        e.to[0].organName = "Cục Kế hoạch - Tài chính";
    }
    auto bytes = dist::edxml::writeEdoc(e);
    if (!bytes.ok()) throw std::runtime_error(bytes.error().describe());
    return bytes.value();
}

class BadPackageTest : public ExchangeTest {
protected:
    void SetUp() override {
        ExchangeTest::SetUp();
        b_ = &start("b");
        ASSERT_GT(b_->port(), 0);
    }
    std::vector<std::pair<std::string, std::string>> inbox() {
        HttpClient c(b_->port());
        return inboxOf(c, "b");
    }
    std::size_t registered() {
        HttpClient c(b_->port());
        auto in = incoming(c, "b");
        return in ? in->size() : 0;
    }
    Instance* b_ = nullptr;
};

TEST_F(BadPackageTest, EachBadPackageIsRefusedKeptAndNeverRegistered) {
    const int port = b_->port();
    const std::string good = edocTo(kKhtc);

    struct Case {
        const char* what;
        std::string body, sender, signature;
        int status;
        const char* reason;  // the inbox row's reason starts with this
    };
    const std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE edXML [<!ENTITY x \"y\">]>\n" + good.substr(good.find("<edXML"));
    const std::string oversized(4000001, 'x');
    std::string truncated = good.substr(0, good.size() / 2);
    const std::vector<Case> cases = {
        {"no sender link", good, "", sign("secret-ab", good), 401, "unknown sender link"},
        {"unknown sender", good, "000.00.99.G99", sign("secret-ab", good), 401, "unknown sender link"},
        {"wrong secret", good, kBtp, sign("another secret", good), 401, "bad signature"},
        {"no signature", good, kBtp, "", 401, "bad signature"},
        {"body changed after signing", good + " ", kBtp, sign("secret-ab", good), 401, "bad signature"},
        {"oversized", oversized, kBtp, sign("secret-ab", oversized), 413, "too large"},
        {"malformed", truncated, kBtp, sign("secret-ab", truncated), 422, "invalid package"},
        {"DOCTYPE", doctype, kBtp, sign("secret-ab", doctype), 422, "invalid package: A <!DOCTYPE"},
        {"forged sender", edocTo(kKhtc, "000.00.31.G12"), kBtp, sign("secret-ab", edocTo(kKhtc, "000.00.31.G12")), 403, "forged sender"},
    };
    for (const auto& c : cases) {
        const auto r = postPackage(port, c.body, c.sender, c.signature);
        EXPECT_EQ(r.status, c.status) << c.what << ": " << r.body.substr(0, 300);
    }
    // Unknown recipient: authentic and valid, but not addressed to us: a status 02 comes back.
    const std::string elsewhere = edocTo("");  // the fixture's own recipients (two provinces)
    const auto r02 = postPackage(port, elsewhere, kBtp, sign("secret-ab", elsewhere));
    ASSERT_EQ(r02.status, 200) << r02.body;
    auto st = dist::edxml::readStatus(r02.body);
    ASSERT_TRUE(st.ok()) << r02.body;
    EXPECT_EQ(st.value().package.statusCode, "02");

    EXPECT_EQ(registered(), 0u) << "a refused package reached the incoming register";
    const auto rows = inbox();
    ASSERT_EQ(rows.size(), cases.size() + 1) << "every package received is kept";
    for (std::size_t i = 0; i < cases.size(); ++i) {
        EXPECT_EQ(rows[i].first, "rejected") << cases[i].what;
        EXPECT_EQ(rows[i].second.rfind(cases[i].reason, 0), 0u) << cases[i].what << ": " << rows[i].second;
    }
    EXPECT_EQ(rows.back().second, "unknown recipient");
    // Kept for inspection: the DOCTYPE package comes back byte for byte, unparsed.
    {
        HttpClient c(port);
        const auto list = c.get("/api/v1/inbox", tokens_["b"]);
        ASSERT_EQ(list.status, 200);
        const auto items = list.json()->getArray("items");
        const auto doctypeRow = items->getObject(7)->getValue<std::int64_t>("id");
        ASSERT_EQ(std::string(cases[7].what), "DOCTYPE");
        const auto kept = c.get("/api/v1/inbox/" + std::to_string(doctypeRow), tokens_["b"]);
        ASSERT_EQ(kept.status, 200);
        EXPECT_TRUE(kept.body == doctype) << "the kept package differs from what arrived";
        EXPECT_EQ(c.get("/api/v1/inbox/" + std::to_string(items->getObject(5)->getValue<std::int64_t>("id")), tokens_["b"]).status, 404)
            << "an oversized body is refused unread: nothing to show";
    }

    // The control: the good package registers, once, even when sent twice.
    for (int i = 0; i < 2; ++i) {
        const auto ok = postPackage(port, good, kBtp, sign("secret-ab", good));
        ASSERT_EQ(ok.status, 200) << ok.body;
        auto s01 = dist::edxml::readStatus(ok.body);
        ASSERT_TRUE(s01.ok());
        EXPECT_EQ(s01.value().package.statusCode, "01");
    }
    EXPECT_EQ(registered(), 1u);
    EXPECT_EQ(inbox().back().first, "duplicate");

    // The inbox is the receiving organ's: a clerk of another organ on the same database sees none of it.
    std::string other;
    {
        auto s = store::Store::open(store::OpenOptions{urls_["b"], {}, 2});
        other = s->addUser("Văn thư khác", store::Role::Clerk, s->ensureOrgan("VPB", "VĂN PHÒNG BỘ").id, false);
    }
    HttpClient c(port);
    EXPECT_EQ(c.get("/api/v1/inbox", other).status, 403);
    EXPECT_EQ(c.get("/api/v1/inbox", tokens_["b"]).status, 200);
}

// The headers of a GET, as bytes off the wire (a client library could hide an injected line).
std::string rawHeaders(int port, const std::string& path, const std::string& token) {
    Poco::Net::StreamSocket sock(Poco::Net::SocketAddress("127.0.0.1", Poco::UInt16(port)));
    sock.setReceiveTimeout(Poco::Timespan(30, 0));
    const std::string req = "GET " + path + " HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
    sock.sendBytes(req.data(), int(req.size()));
    std::string got;
    char buf[4096];
    for (int n; (n = sock.receiveBytes(buf, sizeof buf)) > 0;) got.append(buf, std::size_t(n));
    return got.substr(0, got.find("\r\n\r\n") + 2);
}

bool hasHeaderLine(const std::string& head, const std::string& line) { return head.find("\r\n" + line + "\r\n") != std::string::npos; }

// Issue 14 §2: a linked peer's attachment types and names reach the clerk's browser. A type with
// CR LF in it must not become a header; HTML and SVG must not render inline (stored XSS); every
// received file is a nosniff attachment with a safe UTF-8 filename.
TEST_F(BadPackageTest, AHostileAttachmentIsServedInert) {
    auto e = dist::fixtures::edoc1020();
    e.to.resize(1);
    e.to[0].organId = kKhtc;
    e.to[0].organName = "Cục Kế hoạch - Tài chính";
    const dist::edxml::Attachment base = e.attachments.at(0);
    e.attachments.clear();
    struct Want { std::string mime, name, type, disposition; };
    const std::vector<Want> want = {
        {"MIME-INJECTED", "ghi chú.txt", "application/octet-stream",
         "attachment; filename=\"ghi ch_.txt\"; filename*=UTF-8''ghi%20ch%C3%BA.txt"},
        {"text/html", "../../trang.html", "application/octet-stream", "attachment; filename=\"trang.html\"; filename*=UTF-8''trang.html"},
        {"image/svg+xml", "logo.svg", "application/octet-stream", "attachment; filename=\"logo.svg\"; filename*=UTF-8''logo.svg"},
        {"IMAGE/PNG; x=1", "a\"b.png", "image/png", "attachment; filename=\"ab.png\"; filename*=UTF-8''ab.png"},
    };
    for (std::size_t i = 0; i < want.size(); ++i) {
        auto a = base;
        a.contentId = "f" + std::to_string(i);
        a.name = want[i].name;
        a.description = want[i].name;
        a.mime = want[i].mime;
        a.bytes = "<html><script>alert(" + std::to_string(i) + ")</script></html>";
        e.attachments.push_back(a);
    }
    auto written = dist::edxml::writeEdoc(e);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    std::string pkg = written.value();
    // The type is written twice (the header's attachment list and the reference); both carry it.
    // What the parser gives back is "text/plain\r\nX-Injected: 1".
    int replaced = 0;
    for (auto at = pkg.find("MIME-INJECTED"); at != std::string::npos; at = pkg.find("MIME-INJECTED"), ++replaced)
        pkg.replace(at, 13, "text/plain&#13;&#10;X-Injected: 1");
    ASSERT_GT(replaced, 0);
    const int port = b_->port();
    const auto r = postPackage(port, pkg, kBtp, sign("secret-ab", pkg));
    ASSERT_EQ(r.status, 200) << r.body;

    HttpClient c(port);
    auto in = incoming(c, "b");
    ASSERT_TRUE(in);
    ASSERT_EQ(in->size(), 1u);
    const std::string base_path = "/api/v1/incoming/" + std::to_string(in->getObject(0)->getValue<std::int64_t>("id"));
    const auto files = c.get(base_path, tokens_["b"]).json()->getArray("files");
    ASSERT_TRUE(files);
    ASSERT_EQ(files->size(), want.size());
    EXPECT_NE(files->getObject(0)->getValue<std::string>("mime").find('\r'), std::string::npos) << "the hostile type was not kept as sent";
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto index = files->getObject(unsigned(i))->getValue<int>("index");
        const auto head = rawHeaders(port, base_path + "/files/" + std::to_string(index), tokens_["b"]);
        SCOPED_TRACE(want[i].mime + "\n" + head);
        ASSERT_EQ(head.rfind("HTTP/1.1 200", 0), 0u);
        EXPECT_EQ(head.find("X-Injected"), std::string::npos);
        EXPECT_TRUE(hasHeaderLine(head, "Content-Type: " + want[i].type));
        EXPECT_TRUE(hasHeaderLine(head, "Content-Disposition: " + want[i].disposition));
        EXPECT_TRUE(hasHeaderLine(head, "X-Content-Type-Options: nosniff"));
    }
}

// Issue 14: five 12 MiB posts from an unknown sender added 82 MiB to the database. A package
// refused before its sender is authenticated keeps its headers, size, digest and first 256 bytes:
// never its body (the artifacts table does not grow).
TEST_F(BadPackageTest, UnauthenticatedPackagesKeepHeadersAndDigestNotTheirBytes) {
    const int port = b_->port();
    const auto artifacts = [&] { return store::Store::open(store::OpenOptions{urls_["b"], {}, 2})->census().artifacts; };
    const auto before = artifacts();
    std::vector<std::string> bodies;
    for (char pad : {'a', 'b', 'c'}) bodies.push_back(edocTo(kKhtc) + "<!--" + std::string(3900000, pad) + "-->");
    EXPECT_EQ(postPackage(port, bodies[0], "000.00.99.G99", sign("secret-ab", bodies[0])).status, 401);
    EXPECT_EQ(postPackage(port, bodies[1], "", "").status, 401);
    EXPECT_EQ(postPackage(port, bodies[2], kBtp, sign("another secret", bodies[2])).status, 401);
    EXPECT_EQ(artifacts(), before) << "the body of an unauthenticated package was stored";

    HttpClient c(port);
    const auto list = c.get("/api/v1/inbox", tokens_["b"]);
    ASSERT_EQ(list.status, 200);
    const auto items = list.json()->getArray("items");
    ASSERT_EQ(items->size(), 3u);
    for (unsigned i = 0; i < 3; ++i) {
        const auto row = items->getObject(i);
        EXPECT_EQ(row->getValue<std::int64_t>("size"), std::int64_t(bodies[i].size()));
        EXPECT_EQ(row->getValue<std::string>("sha256"), vanthu::sha256Hex(bodies[i]));
        EXPECT_EQ(row->optValue<std::string>("body_prefix", ""), bodies[i].substr(0, 256)) << "the sample's first bytes are ASCII";
        const std::string headers = row->optValue<std::string>("headers", "");
        EXPECT_EQ(headers.rfind("POST /api/v1/edxml HTTP/1.1\n", 0), 0u) << headers;
        EXPECT_NE(headers.find("Content-Length: " + std::to_string(bodies[i].size()) + "\n"), std::string::npos) << headers;
        EXPECT_EQ(c.get("/api/v1/inbox/" + std::to_string(row->getValue<std::int64_t>("id")), tokens_["b"]).status, 404);
    }
    EXPECT_NE(items->getObject(0)->getValue<std::string>("headers").find("X-Vanthu-Sender: 000.00.99.G99\n"), std::string::npos);
    EXPECT_EQ(items->getObject(2)->getValue<std::string>("reason"), "bad signature");
}

TEST_F(BadPackageTest, ALinkAddedWhileRunningAndANonStrictSenderIdRegisterWithAWarning) {
    // Agencies with ids outside the QCVN 102 form circulate (edxml.md §6: "28.22.H17"): we accept
    // them with a warning the clerk sees. The link for it is added to B's links file while B runs.
    std::string pkg = edocTo(kKhtc, "000.00.33.G12");
    pkg = std::regex_replace(pkg, std::regex("000\\.00\\.33\\.G12"), "28.22.H17");
    const int port = b_->port();
    EXPECT_EQ(postPackage(port, pkg, "28.22.H17", sign("secret-x", pkg)).status, 401) << "no link yet";
    {
        std::ofstream f(dir_ / "links-b", std::ios::app);
        f << "link-x 28.22.H17 secret-x\n";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // the links file is looked at once a second
    const auto ok = postPackage(port, pkg, "28.22.H17", sign("secret-x", pkg));
    ASSERT_EQ(ok.status, 200) << ok.body;
    auto st = dist::edxml::readStatus(ok.body);
    ASSERT_TRUE(st.ok()) << ok.body;
    EXPECT_EQ(st.value().package.statusCode, "01");
    HttpClient c(port);
    auto in = incoming(c, "b");
    ASSERT_TRUE(in);
    ASSERT_EQ(in->size(), 1u);
    EXPECT_EQ(in->getObject(0)->getValue<std::string>("sender_organ_id"), "28.22.H17");
    const auto detail = c.get("/api/v1/incoming/" + std::to_string(in->getObject(0)->getValue<std::int64_t>("id")), tokens_["b"]);
    ASSERT_EQ(detail.status, 200);
    const auto ws = detail.json()->getArray("warnings");
    ASSERT_TRUE(ws);
    ASSERT_GE(ws->size(), 1u) << detail.body;
    EXPECT_NE(ws->getElement<std::string>(0).find("'28.22.H17' is not in the QCVN 102:2016 form"), std::string::npos) << detail.body;
    // The old link still works alongside the new one.
    const std::string good = edocTo(kKhtc);
    EXPECT_EQ(postPackage(port, good, kBtp, sign("secret-ab", good)).status, 200);
}

}  // namespace
}  // namespace vanthu::testing
