// Tracking (issue 5 item 7): the recipients preview before issue, per-recipient state with its
// statuses, the dead letter after the last attempt and a clerk's retry, the list of deliveries
// not acknowledged after N days (API and `vanthu deliveries`).
#include "exchange/exchange_fixtures.h"

namespace vanthu::testing {
namespace {

std::string runCli(const std::vector<std::string>& args, int* rc) {
    Poco::Pipe out;
    auto h = Poco::Process::launch(VANTHU_BINARY, args, nullptr, &out, nullptr);
    Poco::PipeInputStream is(out);
    std::string all(std::istreambuf_iterator<char>(is), {});
    *rc = h.wait();
    return all;
}

TEST_F(ExchangeTest, DeadLetterRetryAndUnacknowledgedList) {
    auto& a = start("a", {"--max-attempts", "3"});
    auto& b = start("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient ca(a.port());

    // The preview on the draft: two deliveries planned, the line that names nothing is shown.
    const std::string xml = slurp(std::filesystem::path(VANTHU_SAMPLES_DIR) / "01-qd-1020-btp.xml");
    const auto created = ca.postXml("/api/v1/documents", tokens_["a"], xml);
    ASSERT_EQ(created.status, 201);
    const auto id = created.json()->getValue<std::int64_t>("id");
    const auto preview = ca.get("/api/v1/documents/" + std::to_string(id) + "/recipients", tokens_["a"]);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_EQ(preview.json()->getArray("deliveries")->size(), 2u);
    EXPECT_NE(preview.body.find("Thủ trưởng các đơn vị có liên quan"), std::string::npos);
    EXPECT_EQ(ca.get("/api/v1/documents/" + std::to_string(id) + "/recipients").status, 401);
    ASSERT_EQ(ca.postJson("/api/v1/documents/" + std::to_string(id) + "/issue", tokens_["a"], R"({"date":"2018-05-08"})").status, 200);

    // C is down: three attempts, then the dead letter with its last error.
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kCntt) == "dead"; })) << "never reached the dead letter";
    auto d = deliveries(ca, id);
    EXPECT_EQ(d[kCntt]->getValue<int>("attempts"), 3);
    EXPECT_FALSE(d[kCntt]->getValue<std::string>("last_error").empty());
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kKhtc) == "01"; }));

    // Not acknowledged: C only (B answered 01); nothing is older than a day.
    const auto un = ca.get("/api/v1/deliveries?unacknowledged_days=0", tokens_["a"]);
    ASSERT_EQ(un.status, 200);
    const auto items = un.json()->getArray("items");
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("organ_id"), kCntt);
    EXPECT_EQ(ca.get("/api/v1/deliveries?unacknowledged_days=1", tokens_["a"]).json()->getArray("items")->size(), 0u);
    EXPECT_EQ(ca.get("/api/v1/deliveries?unacknowledged_days=x", tokens_["a"]).status, 400);
    int rc = -1;
    const auto listed = runCli({"deliveries", "--db", urls_["a"], "--days", "0"}, &rc);
    EXPECT_EQ(rc, 0);
    EXPECT_NE(listed.find("1020/QĐ-BTP\tCục Công nghệ thông tin\t000.00.06.G12\tdead\t3"), std::string::npos) << listed;
    EXPECT_NE(listed.find("1 not acknowledged"), std::string::npos) << listed;

    // The clerk retries the dead letter; C comes up; it gets through.
    const auto deliveryId = std::to_string(d[kCntt]->getValue<std::int64_t>("id"));
    EXPECT_EQ(ca.postJson("/api/v1/deliveries/" + std::to_string(d[kKhtc]->getValue<std::int64_t>("id")) + "/retry", tokens_["a"], "").status, 409);
    EXPECT_EQ(ca.postJson("/api/v1/deliveries/999999/retry", tokens_["a"], "").status, 404);
    auto& c = start("c");
    ASSERT_GT(c.port(), 0);
    const auto retried = ca.postJson("/api/v1/deliveries/" + deliveryId + "/retry", tokens_["a"], "");
    ASSERT_EQ(retried.status, 200) << retried.body;
    ASSERT_TRUE(waitFor([&] { return stateOf(ca, id, kCntt) == "01"; })) << "the retried delivery never arrived";
    const auto statuses = deliveries(ca, id)[kCntt]->getArray("statuses");
    std::vector<std::string> seq;
    for (std::size_t i = 0; i < statuses->size(); ++i) seq.push_back(statuses->getObject(unsigned(i))->getValue<std::string>("state"));
    EXPECT_EQ(seq, (std::vector<std::string>{"queued", "dead", "queued", "sent", "01"}));
}

}  // namespace
}  // namespace vanthu::testing
