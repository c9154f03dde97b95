// The real binary: a server killed with SIGKILL in the middle of 16 clients issuing, then
// restarted, shows no duplicate, no gap and every acknowledged number; `vanthu audit verify`
// detects a tampered audit row.
#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "server/http_client.h"
#include "store/fixtures.h"

namespace vanthu::server {
namespace {

using testing::Db;
using testing::docXml;
using testing::HttpClient;
using testing::readDoc;

// `vanthu serve --port 0` on the given database; the port comes from its first stdout line.
class Child {
public:
    explicit Child(const std::string& url) {
        Poco::Process::Args args = {"serve", "--db", url, "--port", "0"};
        handle_.emplace(Poco::Process::launch(VANTHU_BINARY, args, nullptr, &out_, nullptr));
        Poco::PipeInputStream is(out_);
        std::string line;
        while (std::getline(is, line)) {
            const auto at = line.find("http://127.0.0.1:");
            if (at != std::string::npos) {
                port_ = std::stoi(line.substr(at + 17));
                break;
            }
        }
    }
    ~Child() {
        if (handle_ && Poco::Process::isRunning(*handle_)) {
            Poco::Process::kill(*handle_);
            handle_->wait();
        }
    }
    int port() const { return port_; }
    void killHard() {  // Poco::Process::kill sends SIGKILL
        Poco::Process::kill(*handle_);
        handle_->wait();
    }

private:
    Poco::Pipe out_;
    std::optional<Poco::ProcessHandle> handle_;
    int port_ = 0;
};

class KillTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        std::signal(SIGPIPE, SIG_IGN);
        VANTHU_OPEN_EMPTY_URL(GetParam(), "kill", url);
        url_ = url;
        store_ = store::Store::open(store::OpenOptions{url_, {}, 8});
        organ_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        token_ = store_->addUser("Văn thư", store::Role::Clerk, organ_.id, false);
    }
    std::string url_;
    std::unique_ptr<store::Store> store_;
    store::Organ organ_;
    std::string token_;
};

TEST_P(KillTest, SigkillMidRunLosesNothingAndSkipsNothing) {
    constexpr int kDocs = 2000, kClients = 16, kKillAfter = 600;
    const std::string xml = docXml({});
    const auto model = readDoc(xml);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < kDocs; ++i) ids.push_back(store_->createDraft(organ_.id, xml, model, "setup")->id);

    std::mutex mu;
    std::map<std::int64_t, int> acked;  // document id → number the server acknowledged
    std::vector<std::int64_t> retry;    // requests without an answer (in flight at the kill)
    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::atomic<int> ackCount{0};
    std::string lastError;

    // Runs the clients, calls `during` meanwhile on this thread, then joins them.
    auto runClients = [&](int port, const std::vector<std::int64_t>& first, const std::function<void()>& during) {
        std::atomic<std::size_t> firstNext{0};
        std::vector<std::thread> threads;
        for (int c = 0; c < kClients; ++c)
            threads.emplace_back([&] {
                HttpClient client(port);
                while (!stop) {
                    std::int64_t id;
                    if (const std::size_t f = firstNext++; f < first.size()) {
                        id = first[f];
                    } else {
                        const int i = next++;
                        if (i >= kDocs) return;
                        id = ids[std::size_t(i)];
                    }
                    const auto r = client.call("POST", "/api/v1/documents/" + std::to_string(id) + "/issue", token_,
                                               R"({"date":"2024-09-02"})", "application/json");
                    const auto j = r.json();
                    std::lock_guard<std::mutex> lock(mu);
                    if (r.status == 200 && j) {
                        acked[id] = j->getValue<int>("number");
                        ++ackCount;
                    } else if (r.status == 409) {
                        // issued before the kill, the answer lost: it must be in the register
                    } else {
                        retry.push_back(id);
                        if (r.status != 0) lastError = std::to_string(r.status) + " " + r.body;
                        return;  // the server is gone
                    }
                }
            });
        during();
        for (auto& t : threads) t.join();
    };

    {
        Child a(url_);
        ASSERT_GT(a.port(), 0);
        runClients(a.port(), {}, [&] {
            while (ackCount < kKillAfter && next < kDocs) std::this_thread::sleep_for(std::chrono::milliseconds(2));
            a.killHard();
        });
    }
    const int ackedBeforeKill = ackCount.load();
    EXPECT_GE(ackedBeforeKill, kKillAfter);
    EXPECT_LT(next.load(), kDocs) << "the kill came after the run ended";
    {
        Child b(url_);
        ASSERT_GT(b.port(), 0);
        std::vector<std::int64_t> again;
        {
            std::lock_guard<std::mutex> lock(mu);
            again.swap(retry);
        }
        runClients(b.port(), again, [] {});
        EXPECT_TRUE(retry.empty()) << retry.size() << " requests failed after the restart; last error: " << lastError;
    }

    const auto reg = store_->defaultRegister(organ_.id);
    const auto entries = store_->entries(reg.id, 2024);
    ASSERT_EQ(entries.size(), std::size_t(kDocs));
    for (int i = 0; i < kDocs; ++i) ASSERT_EQ(entries[std::size_t(i)].number, i + 1) << "duplicate or gap";
    for (const auto& [id, number] : acked) {
        const auto d = store_->document(id);
        ASSERT_TRUE(d.ok());
        EXPECT_EQ(d->number, number) << "acknowledged issue of document " << id << " lost or changed";
    }
    for (auto id : ids) EXPECT_EQ(store_->document(id)->status, store::Status::Issued) << id;
    EXPECT_TRUE(store_->verifyAudit().ok());
}

int runCli(const std::vector<std::string>& args) {
    Poco::Pipe out;
    auto h = Poco::Process::launch(VANTHU_BINARY, args, nullptr, &out, &out);
    Poco::PipeInputStream is(out);
    std::string all(std::istreambuf_iterator<char>(is), {});
    return h.wait();
}

TEST_P(KillTest, AuditVerifyCommandDetectsTampering) {
    const std::string xml = docXml({});
    const auto id = store_->createDraft(organ_.id, xml, readDoc(xml), "drafter")->id;
    ASSERT_TRUE(store_->issue(id, {}, "clerk").ok());
    EXPECT_EQ(runCli({"audit", "verify", "--db", url_}), 0);
    if (store_->backend() == store::Backend::Sqlite)
        store_->executeForTest("DROP TRIGGER audit_no_update");
    else
        store_->executeForTest("DROP TRIGGER audit_no_change ON audit_log");
    store_->executeForTest("UPDATE audit_log SET actor = 'someone else' WHERE id = 3");
    EXPECT_EQ(runCli({"audit", "verify", "--db", url_}), 4);
}

TEST_P(KillTest, UserAddPrintsTheTokenOnTheLastLine) {
    Poco::Pipe out;
    auto h = Poco::Process::launch(VANTHU_BINARY, {"user", "add", "--name", "Lan", "--role", "clerk", "--organ", "BTP", "--db", url_},
                                   nullptr, &out, nullptr);
    Poco::PipeInputStream is(out);
    std::string all(std::istreambuf_iterator<char>(is), {});
    ASSERT_EQ(h.wait(), 0) << all;
    ASSERT_FALSE(all.empty());
    all.pop_back();  // the final newline
    const std::string last = all.substr(all.rfind('\n') + 1);
    const auto user = store_->authenticate(last);
    ASSERT_TRUE(user.has_value()) << "last line: " << last;
    EXPECT_EQ(user->name, "Lan");
    EXPECT_EQ(user->role, store::Role::Clerk);
    EXPECT_EQ(user->organId, organ_.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, KillTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu::server
