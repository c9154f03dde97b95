// SIGKILL in the middle of an exchange (issue 5): A killed while its outbox sends, B killed while
// it receives. After a restart nothing is lost and nothing is registered twice at B.
#include <set>

#include "exchange/exchange_fixtures.h"

namespace vanthu::testing {
namespace {

constexpr int kDocs = 16;

class ExchangeKillTest : public ExchangeTest {
protected:
    // Issues kDocs copies of the sample at A (1020/QĐ-BTP, 1021/QĐ-BTP, …); returns their ids.
    std::vector<std::int64_t> issueMany(HttpClient& a) {
        std::vector<std::int64_t> ids;
        for (int i = 0; i < kDocs; ++i) ids.push_back(issueSample(a));
        return ids;
    }
    std::size_t registeredAtB(HttpClient& b) {
        auto in = incoming(b, "b");
        return in ? in->size() : 0;
    }
    // B's register: exactly one entry per document, numbered 1…kDocs without a gap.
    void expectExactlyOnceAtB(HttpClient& b) {
        auto in = incoming(b, "b");
        ASSERT_TRUE(in);
        ASSERT_EQ(in->size(), std::size_t(kDocs));
        std::set<std::string> codes;
        for (std::size_t i = 0; i < in->size(); ++i) {
            const auto e = in->getObject(unsigned(i));
            EXPECT_EQ(e->getValue<int>("number"), int(i) + 1) << "gap or duplicate in B's incoming register";
            codes.insert(e->getValue<std::string>("code"));
        }
        EXPECT_EQ(codes.size(), std::size_t(kDocs)) << "a document registered twice";
        for (int i = 0; i < kDocs; ++i) EXPECT_EQ(codes.count(std::to_string(1020 + i) + "/QĐ-BTP"), 1u) << 1020 + i;
    }
};

TEST_F(ExchangeKillTest, AKilledWhileSendingLosesNothingAndSendsNothingTwice) {
    auto& a = start("a");
    auto& b = start("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient cb(b.port());
    std::vector<std::int64_t> ids;
    {
        HttpClient ca(a.port());
        ids = issueMany(ca);
    }
    ASSERT_TRUE(waitFor([&] { return registeredAtB(cb) >= 2; }));
    a.killHard();
    const std::size_t atKill = registeredAtB(cb);
    EXPECT_LT(atKill, std::size_t(kDocs)) << "the kill came after every delivery";

    a.launch();  // same database, same port
    ASSERT_GT(a.port(), 0);
    HttpClient ca(a.port());
    ASSERT_TRUE(waitFor([&] {
        for (auto id : ids)
            if (stateOf(ca, id, kKhtc) != "01") return false;
        return true;
    }, std::chrono::milliseconds(60000))) << "not every delivery to B was acknowledged after the restart";
    expectExactlyOnceAtB(cb);
}

TEST_F(ExchangeKillTest, BKilledWhileReceivingRegistersEachDocumentOnce) {
    auto& a = start("a");
    auto& b = start("b");
    ASSERT_GT(a.port(), 0);
    ASSERT_GT(b.port(), 0);
    HttpClient ca(a.port());
    std::vector<std::int64_t> ids;
    {
        ids = issueMany(ca);
        HttpClient cb(b.port());
        ASSERT_TRUE(waitFor([&] { return registeredAtB(cb) >= 2; }));
    }
    b.killHard();
    b.launch();
    ASSERT_GT(b.port(), 0);
    HttpClient cb(b.port());
    ASSERT_TRUE(waitFor([&] {
        for (auto id : ids)
            if (stateOf(ca, id, kKhtc) != "01") return false;
        return true;
    }, std::chrono::milliseconds(60000))) << "not every delivery to B was acknowledged after B's restart";
    expectExactlyOnceAtB(cb);
}

}  // namespace
}  // namespace vanthu::testing
