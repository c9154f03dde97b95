// distribution::Outbox on a real store (SQLite file, and PostgreSQL under scripts/with-postgres.sh),
// with a transport that records what it is given instead of opening sockets: the rows written in
// the issue transaction, statuses about one document leaving in the order they were given, retry
// with backoff to the dead letter and the clerk's retry, and the take-back of a recalled document
// (issue 5 items 4 and 7; edxml.md §5).
#include "distribution/outbox.h"

#include <gtest/gtest.h>

#include <mutex>

#include "store/exchange_store.h"
#include "store/fixtures.h"

namespace vanthu::distribution {
namespace {

using namespace vanthu::testing;

class Recording final : public Transport {
public:
    SendResult send(const Agency& to, const OutgoingPackage& p) override {
        std::lock_guard<std::mutex> lock(mu_);
        sent.push_back(to.organId + " " + p.bytes);
        if (failuresLeft > 0) {
            --failuresLeft;
            return {SendResult::Outcome::RetryLater, "", "connection refused", ""};
        }
        return {SendResult::Outcome::Delivered, "", "", ""};
    }
    std::vector<std::string> sent;
    int failuresLeft = 0;

private:
    std::mutex mu_;
};

store::OutboxEntry to(const std::string& organId) {
    store::OutboxEntry e;
    e.recipientOrganId = organId;
    e.recipientKey = organId;
    e.recipientName = "Cơ quan " + organId;
    e.transport = "test";
    e.url = "test://" + organId;
    return e;
}

class OutboxTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        VANTHU_OPEN_EMPTY_URL(GetParam(), "outbox", url);
        store_ = store::Store::open(store::OpenOptions{url, {}, 4});
        transport_ = std::make_shared<Recording>();
        OutboxOptions o;
        o.workers = 0;  // the test drives runOnce()
        o.policy.base = std::chrono::milliseconds(1000);
        o.policy.max = std::chrono::milliseconds(8000);
        o.policy.maxAttempts = 3;
        o.jitter = [] { return 0.5; };
        o.nowMs = [this] { return now_; };
        outbox_ = std::make_unique<Outbox>(*store_, std::map<std::string, std::shared_ptr<Transport>>{{"test", transport_}},
                                           [](const store::DocumentRecord& d) -> Result<std::string> { return "edoc of " + d.code; }, o);
    }
    // A document issued with delivery rows to `recipients`, written in the issue transaction.
    store::DocumentRecord issueTo(const std::vector<std::string>& recipients) {
        const auto organ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        const std::string xml = docXml({});
        auto d = store_->createDraft(organ.id, xml, readDoc(xml), "tester");
        EXPECT_TRUE(d.ok());
        store::IssueRequest req{0, model::Date{2024, 3, 5}, {}};
        std::vector<store::OutboxEntry> entries;
        for (const auto& r : recipients) entries.push_back(to(r));
        const std::int64_t t = now_;
        req.withinTransaction = [entries, t](store::Sql& sql, const store::DocumentRecord& issued) {
            Outbox::enqueueFor(sql, issued, "000.00.00.G12", entries, t);
        };
        auto issued = store_->issue(d->id, req, "clerk");
        EXPECT_TRUE(issued.ok()) << (issued.ok() ? "" : issued.error().describe());
        return issued.value();
    }
    std::map<std::string, store::DeliveryRow> rows(store::Id documentId) {
        std::map<std::string, store::DeliveryRow> out;
        store_->read([&](store::Sql& sql) {
            for (const auto& r : store::exchange::deliveriesOf(sql, documentId)) out[r.kind + " " + r.recipientOrganId] = r;
            for (const auto& r : store::exchange::takeBackDeliveriesOf(sql, documentId)) out[r.kind + " " + r.recipientOrganId] = r;
        });
        return out;
    }
    void drain() {
        for (int i = 0; i < 20 && outbox_->runOnce() > 0; ++i) {
        }
    }

    std::unique_ptr<store::Store> store_;
    std::shared_ptr<Recording> transport_;
    std::unique_ptr<Outbox> outbox_;
    std::int64_t now_ = 1'700'000'000'000;
};

TEST_P(OutboxTest, IssueWritesOneRowPerRecipientAndSendsEachOnce) {
    const auto d = issueTo({"000.00.05.G12", "000.00.06.G12"});
    auto r = rows(d.id);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r["edoc 000.00.05.G12"].state, "queued");
    EXPECT_EQ(r["edoc 000.00.05.G12"].edxmlDocumentId, "000.00.00.G12,2024/03/05," + d.code);
    // The same rows again (a retried issue request) create nothing.
    store_->transaction([&](store::Sql& sql) { Outbox::enqueueFor(sql, d, "000.00.00.G12", {to("000.00.05.G12")}, now_); });
    EXPECT_EQ(rows(d.id).size(), 2u);
    drain();
    EXPECT_EQ(transport_->sent.size(), 2u);
    EXPECT_EQ(rows(d.id)["edoc 000.00.06.G12"].state, "sent");
    drain();
    EXPECT_EQ(transport_->sent.size(), 2u) << "a sent row went out again";
}

TEST_P(OutboxTest, StatusesAboutOneDocumentLeaveInTheOrderGiven) {
    // 03 … 06 about incoming 7, and 03, 04 about incoming 8, all due at once.
    store_->transaction([&](store::Sql& sql) {
        for (const char* code : {"03", "04", "05", "06"}) {
            auto e = to("000.00.00.G12");
            e.incomingId = 7;
            e.code = code;
            e.edxmlDocumentId = "000.00.00.G12,2024/03/05,1/TB-BTP";
            outbox_->enqueueStatus(sql, e, std::string("7:") + code);
        }
        for (const char* code : {"03", "04"}) {
            auto e = to("000.00.00.G12");
            e.incomingId = 8;
            e.code = code;
            e.edxmlDocumentId = "000.00.00.G12,2024/03/05,2/TB-BTP";
            outbox_->enqueueStatus(sql, e, std::string("8:") + code);
        }
    });
    // One claim takes only the first status of each document; the next comes due when it is sent.
    std::vector<store::DeliveryRow> claimed;
    store_->transaction([&](store::Sql& sql) { claimed = store::exchange::claimDue(sql, now_, 10, 1); });
    ASSERT_EQ(claimed.size(), 2u);
    EXPECT_EQ(claimed[0].code, "03");
    EXPECT_EQ(claimed[1].code, "03");
    now_ += 10;  // past that lease
    drain();
    EXPECT_EQ(transport_->sent, (std::vector<std::string>{"000.00.00.G12 7:03", "000.00.00.G12 8:03", "000.00.00.G12 7:04",
                                                          "000.00.00.G12 8:04", "000.00.00.G12 7:05", "000.00.00.G12 7:06"}));
}

TEST_P(OutboxTest, RetriesWithBackoffThenDeadThenTheClerksRetry) {
    transport_->failuresLeft = 3;
    const auto d = issueTo({"000.00.05.G12"});
    EXPECT_EQ(outbox_->runOnce(), 1);
    auto r = rows(d.id)["edoc 000.00.05.G12"];
    EXPECT_EQ(r.state, "queued");
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(r.lastError, "connection refused");
    EXPECT_GT(r.nextAtMs, now_);
    EXPECT_EQ(outbox_->runOnce(), 0) << "due again before its backoff";
    for (int i = 0; i < 2; ++i) {
        now_ = rows(d.id)["edoc 000.00.05.G12"].nextAtMs;
        EXPECT_EQ(outbox_->runOnce(), 1);
    }
    r = rows(d.id)["edoc 000.00.05.G12"];
    EXPECT_EQ(r.state, "dead") << "maxAttempts is 3";
    now_ += 3'600'000;
    EXPECT_EQ(outbox_->runOnce(), 0) << "a dead row is not retried by itself";
    ASSERT_TRUE(outbox_->retry(r.id, "clerk").ok());
    EXPECT_FALSE(outbox_->retry(r.id, "clerk").ok()) << "only a dead row can be retried";
    EXPECT_EQ(outbox_->runOnce(), 1);
    EXPECT_EQ(rows(d.id)["edoc 000.00.05.G12"].state, "sent");
}

TEST_P(OutboxTest, TakeBackAsksWhoWasSentAndStopsTheRest) {
    transport_->failuresLeft = 0;
    const auto d = issueTo({"000.00.05.G12"});
    drain();  // 05 has it
    store_->transaction([&](store::Sql& sql) { Outbox::enqueueFor(sql, d, "000.00.00.G12", {to("000.00.06.G12")}, now_); });
    // 06's row is queued (not sent yet) when the document is recalled.
    const auto n = outbox_->takeBack(d.id, "status 13", "recalled");
    EXPECT_EQ(n.asked, 1);
    EXPECT_EQ(n.stopped, 1);
    auto r = rows(d.id);
    EXPECT_EQ(r["edoc 000.00.05.G12"].takeBack, "13");
    EXPECT_EQ(r["edoc 000.00.06.G12"].state, "dead");
    EXPECT_EQ(r["edoc 000.00.06.G12"].lastError, "recalled before it was sent");
    ASSERT_EQ(r.count("status 000.00.05.G12"), 1u);
    EXPECT_EQ(r["status 000.00.05.G12"].code, "13");
    drain();
    EXPECT_EQ(transport_->sent.back(), "000.00.05.G12 status 13");
    const auto again = outbox_->takeBack(d.id, "status 13", "recalled");
    EXPECT_EQ(again.asked + again.stopped, 0) << "a second recall asks nobody twice";
    EXPECT_EQ(rows(d.id).size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest, ::testing::Values(Db::Sqlite, Db::Postgres), dbName);

}  // namespace
}  // namespace vanthu::distribution
