// tests/store: a full disk during issue and during receive (issue 14, Build 7). The SQLite file is
// given a quota (OpenOptions::maxDatabaseBytes: SQLite's max_page_count), so a write beyond it fails
// with SQLITE_FULL exactly as on a full disk. Nothing may be half-written — no number taken, no
// register entry, no inbox row without its entry, the audit chain whole — the error must say
// what happened, and once there is room again the same work succeeds with the next number.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "store/exchange_store.h"
#include "store/fixtures.h"

namespace vanthu::store {
namespace {

using testing::DocSpec;
using testing::docXml;
using testing::readDoc;

constexpr std::uint64_t kQuota = 1u << 20;  // 1 MiB

class DiskFullTest : public ::testing::Test {
protected:
    void SetUp() override {
        VANTHU_OPEN_EMPTY_URL(testing::Db::Sqlite, "diskfull", u);
        url_ = u;
        open(kQuota);
        organ_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP").id;
        // One draft to issue later, then fill the quota with more, in ever smaller drafts, until
        // not even the smallest fits: then no page has room left for an issue's rows either.
        waiting_ = draft("Thông báo chờ ban hành", 6000);
        for (std::size_t body : {6000, 1000, 100, 1})
            for (int i = 0; i < 10'000; ++i) {
                try {
                    draft("Lấp đầy " + std::to_string(i), body);
                } catch (const Failure& f) {
                    full_ = f.what();
                    break;
                }
            }
        ASSERT_FALSE(full_.empty()) << "the quota was never reached";
    }

    void open(std::uint64_t quota) {
        store_.reset();
        OpenOptions o{url_, {}, 2};
        o.maxDatabaseBytes = quota;
        store_ = Store::open(o);
    }

    Id draft(const std::string& subject, std::size_t bodyBytes) {
        DocSpec s;
        s.subject = subject;
        s.body = std::string(bodyBytes, 'x');
        const auto xml = docXml(s);
        auto r = store_->createDraft(organ_, xml, readDoc(xml), "clerk");
        if (!r.ok()) throw Failure(r.error().code, r.error().describe());
        return r.value().id;
    }

    std::string url_;
    std::unique_ptr<Store> store_;
    Id organ_ = 0, waiting_ = 0;
    std::string full_;
};

TEST_F(DiskFullTest, TheErrorSaysTheDiskIsFullInBothLanguages) {
    EXPECT_NE(full_.find("Đĩa lưu trữ đã đầy"), std::string::npos) << full_;
    EXPECT_NE(full_.find("disk is full"), std::string::npos) << full_;
}

TEST_F(DiskFullTest, AnIssueThatCannotBeWrittenTakesNoNumberAndIssuesOnceThereIsRoom) {
    const auto before = store_->census();
    const auto auditBefore = store_->auditCount();
    // The numbering row, the register entry and the audit row need new pages: the issue fails whole.
    for (int attempt = 0; attempt < 2; ++attempt) {  // and again: still nothing taken
        try {
            (void)store_->issue(waiting_, {}, "clerk");
            ADD_FAILURE() << "the issue was written into a full database";
        } catch (const Failure& f) {
            EXPECT_EQ(f.code(), Errc::Storage);  // 503: try again later
            EXPECT_NE(std::string(f.what()).find("disk is full"), std::string::npos) << f.what();
        }
    }
    auto d = store_->document(waiting_);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d.value().status, Status::Draft);
    EXPECT_EQ(d.value().number, 0);
    EXPECT_EQ(store_->census(), before);
    EXPECT_EQ(store_->auditCount(), auditBefore);
    EXPECT_TRUE(store_->verifyAudit().ok());

    open(0);  // space is back
    auto issued = store_->issue(waiting_, {}, "clerk");
    ASSERT_TRUE(issued.ok()) << issued.error().describe();
    EXPECT_EQ(issued.value().number, 1);  // not 2 or 3: the failed attempts took nothing
    EXPECT_EQ(store_->entries(issued.value().registerId, issued.value().year).size(), 1u);
    EXPECT_TRUE(store_->verifyAudit().ok());
}

TEST_F(DiskFullTest, AReceiveThatCannotBeWrittenLeavesNoHalfOfIt) {
    const std::string attachment(200'000, 'p');  // a scanned page
    auto receive = [&] {
        store_->transaction([&](Sql& sql) {
            InboxRow row;
            row.receivedAt = "2024-03-01T08:00:00Z";
            row.link = "link-b";
            row.senderOrganId = "000.00.05.G12";
            row.kind = "edoc";
            row.edxmlDocumentId = "doc-from-b-1";
            row.outcome = "registered";
            row.packageSha = exchange::putBytes(sql, "application/xml", "<edXML/>");
            row.size = 8;
            const Id inbox = exchange::recordInbox(sql, row);
            IncomingFile file;
            file.name = "scan.pdf";
            file.mime = "application/pdf";
            file.contentId = "1";
            file.sha256 = exchange::putBytes(sql, "application/pdf", attachment);
            IncomingEntry e;
            e.organId = organ_;
            e.year = 2024;
            e.receivedAt = row.receivedAt;
            e.sender = "Cục Kế hoạch - Tài chính";
            e.code = "12/KHTC";
            e.documentDate = "2024-02-28";
            e.typeAndSubject = "Công văn về lịch họp";
            e.senderOrganId = row.senderOrganId;
            e.edxmlDocumentId = row.edxmlDocumentId;
            e.inboxId = inbox;
            return exchange::registerIncoming(sql, e, {file});
        });
    };
    EXPECT_THROW(receive(), Failure);
    std::size_t inboxRows = 1;
    store_->read([&](Sql& sql) { inboxRows = exchange::inbox(sql).size(); });
    EXPECT_EQ(inboxRows, 0u) << "an inbox row without its entry and files";
    EXPECT_EQ(store_->census().incoming, 0);

    open(0);
    receive();
    std::optional<IncomingEntry> entry;
    store_->read([&](Sql& sql) { entry = exchange::incomingFor(sql, "doc-from-b-1", "000.00.05.G12"); });
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->number, 1);  // số đến 1: the failed receive took no number
}

}  // namespace
}  // namespace vanthu::store
