// The national axis end to end (issue 5 item 5b, edxml.md §7.1): real `vanthu serve` processes
// A, B and C send and receive only through the stand-in axis on loopback. A sends with sendEdoc;
// B and C poll getReceivedEdocList → getEdoc → inbox → updateStatus, and answer 01, then 03, as
// status packages through the axis, which A polls in turn. C starts late: the axis holds its
// document until then. The axis handing a package out again (a receiver that never acknowledged)
// registers nothing twice; a package whose From is not the system the axis authenticated, or that
// does not parse, never reaches the incoming register.
#include <regex>
#include <set>

#include "distribution/edxml_fixtures.h"
#include "exchange/axis_standin.h"
#include "exchange/exchange_fixtures.h"
#include "server/axis_transport.h"

namespace vanthu::testing {
namespace {

namespace dist = vanthu::distribution;

class AxisExchangeTest : public ExchangeTest {
protected:
    void SetUp() override {
        ExchangeTest::SetUp();
        if (IsSkipped()) return;
        axis_ = std::make_unique<AxisStandIn>(std::map<std::string, AxisStandIn::System>{
            {"sys-a", {"secret-a", kBtp}}, {"sys-b", {"secret-b", kKhtc}}, {"sys-c", {"secret-c", kCntt}}});
        // B and C are reached through the axis, not over a link.
        std::string x = slurp(dir_ / "agencies.xml");
        x = std::regex_replace(x, std::regex(R"(<endpoint transport="vanthu" url="[^"]*" link="link-[bc]"/>)"),
                               "<endpoint transport=\"axis\"/>");
        spit(dir_ / "agencies.xml", x);
        for (const char* who : {"a", "b", "c"}) spit(dir_ / (std::string("axis-secret-") + who), std::string("secret-") + who + "\n");
    }
    Instance& startOnAxis(const std::string& who) {
        return start(who, {"--axis-endpoint", "http://127.0.0.1:" + std::to_string(axis_->port()), "--axis-system-id", "sys-" + who,
                           "--axis-secret-file", (dir_ / ("axis-secret-" + who)).string(), "--axis-poll-ms", "100"});
    }
    std::vector<AxisStandIn::Stored> onAxis(const std::string& from, const std::string& to, const std::string& type) {
        std::vector<AxisStandIn::Stored> out;
        for (const auto& s : axis_->stored())
            if (s.from == from && s.to == to && s.messageType == type) out.push_back(s);
        return out;
    }
    std::unique_ptr<AxisStandIn> axis_;
};

TEST_F(AxisExchangeTest, AToBAndALateCThroughTheAxisExactlyOnce) {
    auto& a = startOnAxis("a");
    auto& b = startOnAxis("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient ca(a.port()), cb(b.port());
    const auto id = issueSample(ca);

    // The axis took both (SENT); B fetched its copy and answered 01 through the axis.
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "01"; })) << "B's 01 never came back through the axis";
    EXPECT_EQ(stateOf(ca, id, kCntt), "sent") << "C is not running: the axis holds its document";
    {
        auto d = deliveries(ca, id);
        EXPECT_EQ(d[kKhtc]->getValue<std::string>("transport"), "axis");
        EXPECT_TRUE(d[kKhtc]->getValue<std::string>("last_error").empty());
    }
    ASSERT_EQ(onAxis(kBtp, kKhtc, "edoc").size(), 1u);
    EXPECT_EQ(onAxis(kBtp, kKhtc, "edoc")[0].status, "done") << "B did not acknowledge with updateStatus";

    // B registered it once; the files are A's PDF and DOCX byte for byte.
    auto in = incoming(cb, "b");
    ASSERT_TRUE(in);
    ASSERT_EQ(in->size(), 1u);
    const auto entry = in->getObject(0);
    EXPECT_EQ(entry->getValue<std::string>("code"), "1020/QĐ-BTP");
    EXPECT_EQ(entry->getValue<std::string>("sender_organ_id"), kBtp);
    const auto iid = std::to_string(entry->getValue<std::int64_t>("id"));
    const auto detail = cb.get("/api/v1/incoming/" + iid, tokens_["b"]);
    ASSERT_EQ(detail.status, 200) << detail.body;
    const auto files = detail.json()->getArray("files");
    ASSERT_EQ(files->size(), 2u);
    const auto pdfA = ca.get("/api/v1/documents/" + std::to_string(id) + ".pdf", tokens_["a"]);
    bool samePdf = false;
    for (std::size_t i = 0; i < files->size(); ++i) {
        const auto f = files->getObject(unsigned(i));
        if (f->getValue<std::string>("mime") != "application/pdf") continue;
        samePdf = cb.get("/api/v1/incoming/" + iid + "/files/" + std::to_string(f->getValue<int>("index")), tokens_["b"]).body == pdfA.body;
    }
    EXPECT_TRUE(samePdf) << "the PDF differs after the axis";

    // B's clerk accepts: the 03 travels through the axis too.
    ASSERT_EQ(cb.postJson("/api/v1/incoming/" + iid + "/accept", tokens_["b"], "{}").status, 200);
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "03"; })) << "B's 03 never came back";

    // The axis hands B's document out again (as for a receiver that crashed before updateStatus):
    // B takes it as a duplicate, registers nothing, owes no second 01.
    axis_->redeliver(onAxis(kBtp, kKhtc, "edoc")[0].docId);
    ASSERT_TRUE(waitFor([&] { return onAxis(kBtp, kKhtc, "edoc")[0].status == "done"; }));
    in = incoming(cb, "b");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->size(), 1u);
    const auto rows = inboxOf(cb, "b");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].first, "registered");
    EXPECT_EQ(rows[1].first, "duplicate");
    const auto statuses = onAxis(kKhtc, kBtp, "status");
    EXPECT_EQ(statuses.size(), 2u) << "B sent 01 and 03, once each";

    // C comes up late and finds its document waiting on the axis.
    auto& c = startOnAxis("c");
    ASSERT_GT(c.port(), 0);
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kCntt) == "01"; })) << "C's 01 never came back";
    HttpClient cc(c.port());
    in = incoming(cc, "c");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->size(), 1u);
    // A took every status it was sent off the axis.
    for (const auto& s : axis_->stored()) {
        if (s.to != kBtp) continue;
        EXPECT_EQ(s.status, "done") << s.docId;
    }
}

TEST_F(AxisExchangeTest, ForgedOrMalformedPackagesFromTheAxisNeverRegister) {
    auto& b = startOnAxis("b");
    ASSERT_GT(b.port(), 0);
    HttpClient cb(b.port());
    // System C, authenticated by the axis as 000.00.06.G12, passes on a package whose From is the
    // Ministry; then bytes that are not edXML at all.
    vanthu::server::AxisConfig cfg;
    cfg.endpoint = "http://127.0.0.1:" + std::to_string(axis_->port());
    cfg.systemId = "sys-c";
    cfg.secret = "secret-c";
    cfg.organId = kCntt;
    vanthu::server::AxisTransport fromC(cfg);
    dist::Agency toB;
    toB.organId = kKhtc;
    toB.endpoint.transport = "axis";
    const auto forged = fromC.send(toB, {"x", kKhtc, dist::edxml::MessageType::Edoc, dist::fixtures::edoc1020Bytes()});
    ASSERT_EQ(forged.outcome, dist::SendResult::Outcome::Delivered) << forged.error;
    const auto junk = fromC.send(toB, {"y", kKhtc, dist::edxml::MessageType::Edoc, "<edXML><not-closed>"});
    ASSERT_EQ(junk.outcome, dist::SendResult::Outcome::Delivered) << junk.error;

    ASSERT_TRUE(waitFor([&] {
        auto s = onAxis(kCntt, kKhtc, "edoc");
        return s.size() == 2 && s[0].status != "pending" && s[1].status != "pending";
    }));
    const auto s = onAxis(kCntt, kKhtc, "edoc");
    EXPECT_EQ(s[0].status, "done") << "the forged package parsed: acknowledged, kept, refused";
    EXPECT_EQ(s[1].status, "fail") << "unparsable bytes are acknowledged as fail";
    auto in = incoming(cb, "b");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->size(), 0u) << "a forged sender reached the incoming register";
    const auto rows = inboxOf(cb, "b");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].second, "forged sender");
    EXPECT_EQ(rows[1].second.rfind("invalid package", 0), 0u) << rows[1].second;

    // Authentic but addressed to other agencies: refused with a 02, owed to C through the axis.
    auto e = dist::fixtures::edoc1020();
    e.from.organId = kCntt;
    e.documentId = dist::edxml::compositeDocumentId(kCntt, e.promulgationDate, e.code);
    const auto notOurs = dist::edxml::writeEdoc(e);
    ASSERT_TRUE(notOurs.ok()) << notOurs.error().describe();
    ASSERT_EQ(fromC.send(toB, {"z", kKhtc, dist::edxml::MessageType::Edoc, notOurs.value()}).outcome,
              dist::SendResult::Outcome::Delivered);
    ASSERT_TRUE(waitFor([&] { return onAxis(kKhtc, kCntt, "status").size() == 1; })) << "no 02 came back through the axis";
    auto answer = dist::edxml::readStatus(onAxis(kKhtc, kCntt, "status")[0].bytes);
    ASSERT_TRUE(answer.ok());
    EXPECT_EQ(answer.value().package.statusCode, "02");
    EXPECT_EQ(answer.value().package.responseFor.documentId, e.documentId);
    in = incoming(cb, "b");
    ASSERT_TRUE(in);
    EXPECT_EQ(in->size(), 0u);
    EXPECT_EQ(inboxOf(cb, "b").back().second, "unknown recipient");
}

TEST_F(AxisExchangeTest, AAndBKilledMidExchangeThroughTheAxisLoseNothingAndRegisterOnce) {
    constexpr int kDocs = 12;
    auto& a = startOnAxis("a");
    auto& b = startOnAxis("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    std::vector<std::int64_t> ids;
    const auto registered = [&] {
        HttpClient cb(b.port());
        auto in = incoming(cb, "b");
        return in ? in->size() : std::size_t(0);
    };
    {
        HttpClient ca(a.port());
        for (int i = 0; i < kDocs; ++i) ids.push_back(issueSample(ca));
    }
    // A dies while its outbox hands packages to the axis, B while it polls and registers them.
    ASSERT_TRUE(waitFor([&] { return registered() >= 2; }));
    a.killHard();
    const std::size_t atKill = registered();
    b.killHard();
    EXPECT_LT(atKill, std::size_t(kDocs)) << "the kills came after every delivery";
    a.launch();
    b.launch();
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient ca(a.port()), cb(b.port());
    ASSERT_TRUE(waitFor([&] {
        for (auto id : ids)
            if (stateOf(ca, id, kKhtc) != "01") return false;
        return true;
    }, std::chrono::milliseconds(60000))) << "not every document reached B after the restarts";
    auto in = incoming(cb, "b");
    ASSERT_TRUE(in);
    ASSERT_EQ(in->size(), std::size_t(kDocs)) << "lost or registered twice";
    std::set<std::string> codes;
    for (std::size_t i = 0; i < in->size(); ++i) {
        EXPECT_EQ(in->getObject(unsigned(i))->getValue<int>("number"), int(i) + 1) << "gap in B's số đến";
        codes.insert(in->getObject(unsigned(i))->getValue<std::string>("code"));
    }
    EXPECT_EQ(codes.size(), std::size_t(kDocs));
}

TEST_F(AxisExchangeTest, AxisOptionsMustComeTogether) {
    // Half an axis configuration is refused at start, with the reason, instead of failing later.
    const auto args = serveArgs("b", portB_, kKhtc);
    std::vector<std::string> half = args;
    half.insert(half.end(), {"--axis-endpoint", "http://127.0.0.1:9"});
    Poco::Pipe err;
    auto h = Poco::Process::launch(VANTHU_BINARY, half, nullptr, nullptr, &err);
    Poco::PipeInputStream es(err);
    std::string text((std::istreambuf_iterator<char>(es)), {});
    EXPECT_EQ(h.wait(), 2);
    EXPECT_NE(text.find("--axis-system-id"), std::string::npos) << text;
    std::vector<std::string> noSecret = args;
    noSecret.insert(noSecret.end(), {"--axis-endpoint", "http://127.0.0.1:9", "--axis-system-id", "sys-b", "--axis-secret-file",
                                     (dir_ / "no-such-file").string()});
    Poco::Pipe err2;
    auto h2 = Poco::Process::launch(VANTHU_BINARY, noSecret, nullptr, nullptr, &err2);
    Poco::PipeInputStream es2(err2);
    std::string text2((std::istreambuf_iterator<char>(es2)), {});
    EXPECT_EQ(h2.wait(), 2);
    EXPECT_NE(text2.find("--axis-secret-file"), std::string::npos) << text2;
}

}  // namespace
}  // namespace vanthu::testing
