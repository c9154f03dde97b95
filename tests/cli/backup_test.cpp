// vanthu backup and vanthu restore, the real binary against a store under load (issue 14, Build 5):
// a backup taken while documents are being issued restores to an archive holding every document
// whose issue was acknowledged before the backup started, with its number, code and a verified
// audit chain — on a SQLite file and on PostgreSQL (its own databases on the test server).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unistd.h>

#include "cli/run_vanthu.h"
#include "core/files.h"
#include "store/fixtures.h"

namespace vanthu {
namespace {

namespace fs = std::filesystem;
using testing::Db;

struct Acknowledged {
    std::mutex mutex;
    std::map<store::Id, std::string> codes;  // issue returned: id → code
};

// Drafts and issues documents until told to stop; each acknowledged issue is recorded.
void issueUntilStopped(store::Store& s, store::Id organ, std::atomic<bool>& stop, Acknowledged& acked) {
    const std::string xml = testing::docXml({});
    const auto doc = testing::readDoc(xml);
    while (!stop) {
        auto draft = s.createDraft(organ, xml, doc, "load");
        if (!draft.ok()) continue;
        auto issued = s.issue(draft.value().id, {}, "load");
        if (!issued.ok()) continue;
        std::lock_guard<std::mutex> lock(acked.mutex);
        acked.codes[issued.value().id] = issued.value().code;
    }
}

class BackupTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("vanthu-backup-" + std::to_string(::getpid()) + "-" +
                                            (GetParam() == Db::Sqlite ? "sqlite" : "pg"));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        if (GetParam() == Db::Sqlite) {
            source_ = "sqlite:" + (dir_ / "live.db").string();
            target_ = "sqlite:" + (dir_ / "restored.db").string();
            backupFile_ = (dir_ / "backup.db").string();
            return;
        }
        const char* pg = std::getenv("VANTHU_TEST_PG");
        VANTHU_REQUIRE_TOOL(pg && *pg ? std::optional<int>(1) : std::nullopt,
                            "PostgreSQL (VANTHU_TEST_PG: run through scripts/with-postgres.sh)");
        base_ = pg;
        const std::string tag = "bk" + std::to_string(::getpid());
        source_ = database(tag + "_src");
        target_ = database(tag + "_dst");
        backupFile_ = (dir_ / "backup.pgdump").string();
    }
    void TearDown() override {
        fs::remove_all(dir_);
        for (const auto& name : created_) psql("DROP DATABASE IF EXISTS " + name);
    }

    // A new database on the test server; its connection string.
    std::string database(const std::string& name) {
        psql("DROP DATABASE IF EXISTS " + name);
        EXPECT_EQ(psql("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'"), 0);
        created_.push_back(name);
        std::string url = base_;
        const auto at = url.find("dbname=");
        return url.substr(0, at) + "dbname=" + name + url.substr(url.find_first_of(' ', at) == std::string::npos ? url.size() : url.find_first_of(' ', at));
    }
    int psql(const std::string& sql) {
        Poco::Pipe out;
        auto h = Poco::Process::launch("psql", {base_, "-qAtc", sql}, nullptr, &out, &out);
        out.close(Poco::Pipe::CLOSE_BOTH);
        return h.wait();
    }

    fs::path dir_;
    std::string base_, source_, target_, backupFile_;
    std::vector<std::string> created_;
};

TEST_P(BackupTest, ABackupUnderLoadRestoresEveryAcknowledgedDocument) {
    auto live = store::Store::open(store::OpenOptions{source_, {}, 4});
    const auto organ = live->ensureOrgan("BTP", "BỘ TƯ PHÁP").id;
    std::atomic<bool> stop{false};
    Acknowledged acked;
    std::thread writer([&] { issueUntilStopped(*live, organ, stop, acked); });
    while (true) {  // some history first
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::lock_guard<std::mutex> lock(acked.mutex);
        if (acked.codes.size() >= 30) break;
    }
    std::map<store::Id, std::string> before;
    {
        std::lock_guard<std::mutex> lock(acked.mutex);
        before = acked.codes;
    }
    const vanthu::Run backup = vanthu({"backup", "--db", source_, "-o", backupFile_});
    std::size_t during = 0;
    {
        std::lock_guard<std::mutex> lock(acked.mutex);
        during = acked.codes.size() - before.size();
    }
    stop = true;
    writer.join();
    ASSERT_EQ(backup.code, 0) << backup.err;
    EXPECT_NE(backup.out.find("chain verified"), std::string::npos) << backup.out;
    EXPECT_GT(during, 0u) << "the load must go on while the backup runs, or this test shows nothing";

    const vanthu::Run restore = vanthu({"restore", "--from", backupFile_, "--db", target_});
    ASSERT_EQ(restore.code, 0) << restore.err;
    auto restored = store::Store::open(store::OpenOptions{target_, {}, 2});
    for (const auto& [id, code] : before) {
        auto d = restored->document(id);
        ASSERT_TRUE(d.ok()) << "document " << id << " (" << code << ") acknowledged before the backup is missing";
        EXPECT_EQ(d.value().code, code);
        EXPECT_EQ(d.value().status, store::Status::Issued);
    }
    EXPECT_TRUE(restored->verifyAudit().ok());
    const auto census = restored->census();
    EXPECT_GE(census.issued, std::int64_t(before.size()));
    EXPECT_LE(census.issued, live->census().issued);
    // Numbering goes on after a restore from where the backup stopped: no number is reused.
    auto next = restored->createDraft(organ, testing::docXml({}), testing::readDoc(testing::docXml({})), "after");
    ASSERT_TRUE(next.ok());
    auto issued = restored->issue(next.value().id, {}, "after");
    ASSERT_TRUE(issued.ok()) << issued.error().describe();
    EXPECT_EQ(issued.value().number, census.issued + 1);
}

TEST_P(BackupTest, ARestoreNeverReplacesAnArchiveWithoutForceNorTakesTheWrongKindOfFile) {
    {
        auto live = store::Store::open(store::OpenOptions{source_, {}, 2});
        const auto organ = live->ensureOrgan("BTP", "BỘ TƯ PHÁP").id;
        const auto xml = testing::docXml({});
        ASSERT_TRUE(live->createDraft(organ, xml, testing::readDoc(xml), "t").ok());
    }
    ASSERT_EQ(vanthu({"backup", "--db", source_, "-o", backupFile_}).code, 0);
    const vanthu::Run again = vanthu({"backup", "--db", source_, "-o", backupFile_});
    EXPECT_EQ(again.code, 2) << "a backup never overwrites one";

    const auto junk = (dir_ / "junk.bin").string();
    writeFileAtomic(junk, "not a backup at all");
    const vanthu::Run wrong = vanthu({"restore", "--from", junk, "--db", target_});
    EXPECT_EQ(wrong.code, 2);
    EXPECT_NE(wrong.err.find("junk.bin"), std::string::npos) << wrong.err;

    ASSERT_EQ(vanthu({"restore", "--from", backupFile_, "--db", target_}).code, 0);
    const vanthu::Run twice = vanthu({"restore", "--from", backupFile_, "--db", target_});
    EXPECT_EQ(twice.code, 2) << "the second restore would replace an archive: --force wanted";
    EXPECT_NE(twice.err.find("--force"), std::string::npos) << twice.err;
    EXPECT_EQ(vanthu({"restore", "--from", backupFile_, "--db", target_, "--force"}).code, 0);
    EXPECT_EQ(store::Store::open(store::OpenOptions{target_, {}, 2})->census().documents, 1);
}

// vanthu migrate: SQLite → a new PostgreSQL database, every row with its id; afterwards the
// archive answers as before (codes, search, audit chain) and new rows take new ids.
TEST_P(BackupTest, AnArchiveMovesFromSqliteToPostgresWhole) {
    if (GetParam() != Db::Postgres) GTEST_SKIP() << "the move goes into PostgreSQL";
    const std::string sqlite = "sqlite:" + (dir_ / "moving.db").string();
    std::map<store::Id, std::string> codes;
    store::Id organ = 0;
    {
        auto src = store::Store::open(store::OpenOptions{sqlite, {}, 2});
        organ = src->ensureOrgan("BTP", "BỘ TƯ PHÁP").id;
        src->addUser("Chị Lan", store::Role::Clerk, organ, false);
        for (int i = 0; i < 12; ++i) {
            testing::DocSpec spec;
            spec.subject = "Thông báo số " + std::to_string(i) + " về lịch trực";
            const auto xml = testing::docXml(spec);
            auto d = src->createDraft(organ, xml, testing::readDoc(xml), "t");
            ASSERT_TRUE(d.ok());
            if (i % 3 == 2) continue;  // some stay drafts
            auto issued = src->issue(d.value().id, {}, "t");
            ASSERT_TRUE(issued.ok());
            codes[issued.value().id] = issued.value().code;
            src->putArtifact(issued.value().id, "pdf", "application/pdf", "%PDF-1.7 bytes of " + issued.value().code);
        }
    }
    const vanthu::Run move = vanthu({"migrate", "--from", sqlite, "--to", target_});
    ASSERT_EQ(move.code, 0) << move.err;
    EXPECT_NE(move.out.find("12 documents (8 issued)"), std::string::npos) << move.out;

    auto moved = store::Store::open(store::OpenOptions{target_, {}, 2});
    for (const auto& [id, code] : codes) {
        auto d = moved->document(id);
        ASSERT_TRUE(d.ok()) << code;
        EXPECT_EQ(d.value().code, code);
        EXPECT_EQ(moved->artifact(id, "pdf"), "%PDF-1.7 bytes of " + code);
    }
    EXPECT_TRUE(moved->verifyAudit().ok());
    store::Query q;
    q.code = codes.begin()->second;
    EXPECT_EQ(moved->search(q).items.size(), 1u);
    q = {};
    q.text = "lich truc";  // typed without diacritics
    EXPECT_EQ(moved->search(q).total, 12);
    // New rows take ids after the moved ones, and numbering goes on.
    const auto xml = testing::docXml({});
    auto next = moved->createDraft(organ, xml, testing::readDoc(xml), "after");
    ASSERT_TRUE(next.ok()) << next.error().describe();
    EXPECT_EQ(next.value().id, 13);
    auto issued = moved->issue(next.value().id, {}, "after");
    ASSERT_TRUE(issued.ok());
    EXPECT_EQ(issued.value().number, 9);

    const vanthu::Run again = vanthu({"migrate", "--from", sqlite, "--to", target_});
    EXPECT_EQ(again.code, 2) << "a move goes into an empty database only";
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu
