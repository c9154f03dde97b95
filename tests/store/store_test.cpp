// One store suite, every back end (STYLE.md §13): SQLite always, PostgreSQL when
// scripts/with-postgres.sh provides VANTHU_TEST_PG (required under CI=true).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "store/fixtures.h"
#include "store/store.h"

namespace vanthu::store {
namespace {

using testing::Db;
using testing::DocSpec;
using testing::docXml;
using testing::readDoc;

class StoreTest : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        VANTHU_OPEN_EMPTY_URL(GetParam(), "store", url);
        url_ = url;
        store_ = Store::open(OpenOptions{url_, fixedClock(), 16});
        organ_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP");
    }
    static Clock fixedClock() {
        return [] { return std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2024} / 3 / 15}}; };
    }
    Id draft(DocSpec s = {}) {
        const std::string xml = docXml(s);
        auto r = store_->createDraft(organ_.id, xml, readDoc(xml), "tester");
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
        return r.ok() ? r->id : 0;
    }
    DocumentRecord issue(Id id, IssueRequest req = {}) {
        auto r = store_->issue(id, req, "clerk");
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
        return r.ok() ? r.value() : DocumentRecord{};
    }
    static IssueRequest on(int y, int m, int d, Id reg = 0) { return IssueRequest{reg, model::Date{y, m, d}, {}}; }

    std::string url_;
    std::unique_ptr<Store> store_;
    Organ organ_;
};

TEST_P(StoreTest, MigrationsRunOnceAndDataSurvivesReopen) {
    EXPECT_EQ(store_->schemaVersion(), 5);  // 1 records, 2 exchange, 3 take-back, 4 inbox unread (store/exchange_store.h), 5 sign-in (sign_in.cpp)
    const Id id = draft();
    store_.reset();
    store_ = Store::open(OpenOptions{url_, fixedClock(), 4});
    EXPECT_EQ(store_->schemaVersion(), 5);  // 1 records, 2 exchange, 3 take-back, 4 inbox unread (store/exchange_store.h), 5 sign-in (sign_in.cpp)
    auto d = store_->document(id);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->status, Status::Draft);
    EXPECT_EQ(d->subject, "Thông báo kết luận cuộc họp");
    EXPECT_NE(d->xml.find("<document"), std::string::npos);
}

TEST_P(StoreTest, IssueNumbersFrom01InOrder) {
    const auto a = issue(draft(), on(2024, 3, 1));
    const auto b = issue(draft(), on(2024, 3, 2));
    EXPECT_EQ(a.number, 1);
    EXPECT_EQ(a.code, "01/TB-BTP");
    EXPECT_EQ(a.issueDate, "2024-03-01");
    EXPECT_EQ(a.status, Status::Issued);
    EXPECT_EQ(b.number, 2);
    EXPECT_EQ(b.code, "02/TB-BTP");
    EXPECT_EQ(a.registerId, b.registerId);
}

TEST_P(StoreTest, DefaultDateIsTheInjectedClock) {
    const auto a = issue(draft());
    EXPECT_EQ(a.issueDate, "2024-03-15");
    EXPECT_EQ(a.year, 2024);
}

TEST_P(StoreTest, YearRolloverRestartsAt01) {
    EXPECT_EQ(issue(draft(), on(2024, 12, 30)).number, 1);
    EXPECT_EQ(issue(draft(), on(2024, 12, 31)).number, 2);
    const auto jan = issue(draft(), on(2025, 1, 1));
    EXPECT_EQ(jan.number, 1);
    EXPECT_EQ(jan.year, 2025);
    EXPECT_EQ(issue(draft(), on(2025, 1, 2)).number, 2);
    // A document back-dated into 2024 continues 2024's series.
    EXPECT_EQ(issue(draft(), on(2024, 12, 31)).number, 3);
}

TEST_P(StoreTest, SecretAndLegalNormativeSeriesAreIndependent) {
    DocSpec secret;
    secret.secret = true;
    DocSpec qppl;
    qppl.type = "quyet-dinh";
    qppl.notation = "QĐ-BTP";
    qppl.year = 2024;
    DocSpec admQd;
    admQd.type = "quyet-dinh";
    admQd.notation = "QĐ-BTP";

    EXPECT_EQ(issue(draft(), on(2024, 5, 1)).number, 1);
    const auto s1 = issue(draft(secret), on(2024, 5, 1));
    const auto q1 = issue(draft(qppl), on(2024, 5, 2));
    EXPECT_EQ(issue(draft(), on(2024, 5, 3)).number, 2);
    const auto s2 = issue(draft(secret), on(2024, 5, 3));
    const auto q2 = issue(draft(qppl), on(2024, 5, 4));
    const auto a3 = issue(draft(admQd), on(2024, 5, 4));
    EXPECT_EQ(s1.number, 1);
    EXPECT_EQ(s2.number, 2);
    EXPECT_EQ(s1.series, "mat");
    EXPECT_EQ(q1.number, 1);
    EXPECT_EQ(q1.code, "01/2024/QĐ-BTP");
    EXPECT_EQ(q2.code, "02/2024/QĐ-BTP");
    EXPECT_EQ(a3.number, 3);  // an administrative QĐ stays in the shared series
    EXPECT_EQ(a3.code, "03/QĐ-BTP");
}

TEST_P(StoreTest, PerTypeScopeAndAdvisoryRegistersHaveTheirOwnSeries) {
    auto perType = store_->createRegister(organ_.id, "Sổ theo loại", "outgoing", "per-type", "admin");
    ASSERT_TRUE(perType.ok());
    auto council = store_->createRegister(organ_.id, "Hội đồng thi đua", "advisory", "shared", "admin");
    ASSERT_TRUE(council.ok());
    DocSpec kh;
    kh.type = "ke-hoach";
    kh.notation = "KH-BTP";
    EXPECT_EQ(issue(draft(), on(2024, 1, 5, perType->id)).number, 1);
    EXPECT_EQ(issue(draft(kh), on(2024, 1, 5, perType->id)).number, 1);
    EXPECT_EQ(issue(draft(kh), on(2024, 1, 6, perType->id)).number, 2);
    DocSpec hd;  // the council's notation names the council, so its codes cannot clash
    hd.notation = "TB-HĐTĐKT";
    EXPECT_EQ(issue(draft(hd), on(2024, 1, 6, council->id)).code, "01/TB-HĐTĐKT");
    DocSpec bc;
    bc.type = "bao-cao";
    bc.notation = "BC-BTP";
    EXPECT_EQ(issue(draft(bc), on(2024, 1, 7)).number, 1);  // the default register is separate too
    EXPECT_EQ(issue(draft(), on(2024, 1, 8)).code, "02/TB-BTP");  // the shared series goes on
    auto dup = store_->createRegister(organ_.id, "Sổ theo loại", "outgoing", "shared", "admin");
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, Errc::Conflict);
    EXPECT_FALSE(store_->createRegister(organ_.id, "x", "weird", "shared", "admin").ok());
}

TEST_P(StoreTest, IssuedDocumentsCannotBeIssuedOrEditedAgain) {
    const Id id = draft();
    issue(id, on(2024, 2, 2));
    auto again = store_->issue(id, on(2024, 2, 3), "clerk");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, Errc::Conflict);
    const std::string xml = docXml({});
    auto edit = store_->updateDraft(id, xml, readDoc(xml), "drafter");
    ASSERT_FALSE(edit.ok());
    EXPECT_EQ(edit.error().code, Errc::Conflict);
    // The failed attempt consumed no number.
    EXPECT_EQ(issue(draft(), on(2024, 2, 3)).number, 2);
    EXPECT_EQ(store_->issue(9999, {}, "clerk").error().code, Errc::NotFound);
}

TEST_P(StoreTest, DraftsCanBeEdited) {
    const Id id = draft();
    DocSpec s;
    s.subject = "Thông báo đã sửa";
    const std::string xml = docXml(s);
    auto r = store_->updateDraft(id, xml, readDoc(xml), "drafter");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->subject, "Thông báo đã sửa");
    Query q;
    q.text = "da sua";
    EXPECT_EQ(store_->search(q).total, 1);
}

TEST_P(StoreTest, ImportKeepsItsNumberAndRefusesDuplicates) {
    DocSpec s;
    s.number = 41;
    s.date = "2024-02-01";
    const std::string xml = docXml(s);
    auto a = store_->importIssued(organ_.id, 0, xml, readDoc(xml), "clerk");
    ASSERT_TRUE(a.ok()) << a.error().describe();
    EXPECT_EQ(a->code, "41/TB-BTP");
    EXPECT_EQ(a->status, Status::Issued);
    auto b = store_->importIssued(organ_.id, 0, xml, readDoc(xml), "clerk");
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().code, Errc::Conflict);
    // The series continues after the imported number.
    EXPECT_EQ(issue(draft(), on(2024, 2, 2)).number, 42);
    // The same code in another year is another document.
    s.date = "2023-02-01";
    const std::string old = docXml(s);
    EXPECT_TRUE(store_->importIssued(organ_.id, 0, old, readDoc(old), "clerk").ok());
    // Without a number there is nothing to import.
    const std::string none = docXml({});
    EXPECT_EQ(store_->importIssued(organ_.id, 0, none, readDoc(none), "clerk").error().code, Errc::InvalidInput);
}

// documents_code_unique is recognised by its code (SQLITE_CONSTRAINT_UNIQUE, SQLSTATE 23505):
// an issue whose code an import into another register already took is a Conflict, and the
// rollback leaves the number free (store/numbering.h).
TEST_P(StoreTest, IssueOntoACodeAnImportTookIsAConflictAndConsumesNoNumber) {
    auto other = store_->createRegister(organ_.id, "Sổ nhập", "outgoing", "shared", "admin");
    ASSERT_TRUE(other.ok());
    DocSpec s;
    s.number = 1;
    s.date = "2024-02-01";
    const std::string xml = docXml(s);
    ASSERT_TRUE(store_->importIssued(organ_.id, other->id, xml, readDoc(xml), "clerk").ok());
    const Id clash = draft();  // TB-BTP: number 1 of the default register would be 01/TB-BTP again
    auto r = store_->issue(clash, on(2024, 2, 2), "clerk");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::Conflict) << r.error().describe();
    EXPECT_EQ(store_->document(clash)->status, Status::Draft);
    DocSpec cv;
    cv.type = "cong-van";
    cv.notation = "BTP-VP";
    EXPECT_EQ(issue(draft(cv), on(2024, 2, 3)).code, "01/BTP-VP") << "number 1 was not consumed";
}

// Only unique violations are conflicts: a foreign key that points nowhere stays a storage fault.
TEST_P(StoreTest, OtherConstraintViolationsAreStorageFailures) {
    try {
        (void)store_->createRegister(organ_.id + 999, "Sổ mồ côi", "outgoing", "shared", "admin");
        ADD_FAILURE() << "a register of a missing organ was created";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::Storage) << f.what();
    }
}

TEST_P(StoreTest, ConcurrentIssuesGetEveryNumberOnce) {
    constexpr int kThreads = 8, kPer = 25;
    std::vector<Id> ids;
    for (int i = 0; i < kThreads * kPer; ++i) ids.push_back(draft());
    std::vector<std::vector<int>> got(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPer; ++i) {
                auto r = store_->issue(ids[std::size_t(t * kPer + i)], on(2024, 6, 1), "clerk");
                if (r.ok()) got[std::size_t(t)].push_back(r->number);
            }
        });
    for (auto& th : threads) th.join();
    std::vector<int> all;
    for (auto& g : got) all.insert(all.end(), g.begin(), g.end());
    std::sort(all.begin(), all.end());
    ASSERT_EQ(all.size(), std::size_t(kThreads * kPer));
    for (int i = 0; i < kThreads * kPer; ++i) EXPECT_EQ(all[std::size_t(i)], i + 1);
}

TEST_P(StoreTest, WorkInsideAStatusChangeCommitsOrRollsBackWithIt) {
    // The take-back rows of a recall (issue 5) are written by this callback: a failure inside it
    // leaves the document as it was, and no half of the change.
    const Id id = draft();
    issue(id, on(2024, 4, 1));
    EXPECT_THROW(store_->setStatus(id, Status::Recalled, "clerk", "",
                                   [](Sql& sql, const DocumentRecord& d) {
                                       EXPECT_EQ(d.status, Status::Recalled);
                                       sql.exec("INSERT INTO artifacts (sha256, media_type, size, data) VALUES ($1, $2, $3, $4)",
                                                {std::string("x"), std::string("t"), std::int64_t(0), std::string("")});
                                       throw Failure(Errc::Storage, "the disk is full");
                                   }),
                 Failure);
    EXPECT_EQ(store_->document(id)->status, Status::Issued);
    bool seen = true;
    store_->read([&](Sql& sql) { seen = !sql.query("SELECT sha256 FROM artifacts WHERE sha256 = 'x'", {}).empty(); });
    EXPECT_FALSE(seen) << "the callback's write outlived the rollback";
    int ran = 0;
    ASSERT_TRUE(store_->setStatus(id, Status::Recalled, "clerk", "", [&](Sql&, const DocumentRecord&) { ++ran; }).ok());
    EXPECT_EQ(ran, 1);
    EXPECT_EQ(store_->document(id)->status, Status::Recalled);
}

TEST_P(StoreTest, LifecycleRecallAndCorrection) {
    const Id id = draft();
    EXPECT_EQ(store_->setStatus(id, Status::Distributed, "clerk").error().code, Errc::Conflict);  // a draft
    const auto issued = issue(id, on(2024, 4, 1));
    EXPECT_TRUE(store_->setStatus(id, Status::Distributed, "clerk").ok());
    EXPECT_TRUE(store_->setStatus(id, Status::Recalled, "clerk", "sai thẩm quyền").ok());
    EXPECT_EQ(store_->setStatus(id, Status::Distributed, "clerk").error().code, Errc::Conflict);
    EXPECT_TRUE(store_->setStatus(id, Status::Archived, "archivist").ok());

    const Id other = draft();
    issue(other, on(2024, 4, 2));
    DocSpec cv;
    cv.type = "cong-van";
    cv.notation = "BTP-VP";
    cv.subject = "Đính chính Thông báo số 02/TB-BTP";
    const Id correction = draft(cv);
    const auto c = issue(correction, on(2024, 4, 3));
    EXPECT_EQ(c.number, 3);  // a correction takes a new number; nothing is reused
    EXPECT_TRUE(store_->addRelation(Relation{correction, other, "corrects", "sai ngày"}, "clerk").ok());
    EXPECT_EQ(store_->addRelation(Relation{correction, other, "corrects", ""}, "clerk").error().code, Errc::Conflict);
    EXPECT_EQ(store_->addRelation(Relation{correction, other, "nonsense", ""}, "clerk").error().code, Errc::InvalidInput);
    EXPECT_EQ(store_->relations(other).size(), 1u);

    const auto entries = store_->entries(issued.registerId, 2024);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].number, 1);
    EXPECT_EQ(entries[0].note, "Đã thu hồi");
    EXPECT_EQ(entries[1].note, "Đính chính bởi 03/BTP-VP");
    EXPECT_EQ(entries[0].issueDate, "01/04/2024");
    EXPECT_EQ(entries[0].typeAndSubject, "Thông báo: Thông báo kết luận cuộc họp");
    // The columns of the register (its CSV and printed book are compose::RegisterSheet's).
    ASSERT_EQ(registerHeadings().size(), 10u);
    EXPECT_EQ(registerHeadings()[0], "Số, ký hiệu văn bản");
    const auto cells = registerCells(entries[0]);
    ASSERT_EQ(cells.size(), 10u);
    EXPECT_EQ(cells[0], "01/TB-BTP");
    EXPECT_EQ(cells[1], "01/04/2024");
    EXPECT_EQ(cells[2], "Thông báo: Thông báo kết luận cuộc họp");
    EXPECT_EQ(cells[3], "Nguyễn Văn An");
    EXPECT_EQ(cells[9], "Đã thu hồi");
}

class SearchTest : public StoreTest {
protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (!store_) return;
        DocSpec qd;
        qd.type = "quyet-dinh";
        qd.notation = "QĐ-BTP";
        qd.number = 1020;
        qd.date = "2018-05-08";
        qd.subject = "Ban hành Kế hoạch thực hiện Đề án đổi mới công tác tổ chức thi hành pháp luật";
        qd.body = "Ban hành kèm theo Quyết định này Kế hoạch thực hiện Đề án.";
        qd.signer = "Phan Chí Hiếu";
        const std::string x = docXml(qd);
        qd_ = store_->importIssued(organ_.id, 0, x, readDoc(x), "clerk")->id;
        DocSpec plan;
        plan.type = "ke-hoach";
        plan.notation = "KH-BTP";
        plan.subject = "Kế hoạch tổ chức thi hành pháp luật năm 2024";
        plan.body = "Triển khai công tác thi hành pháp luật.";
        plan.signer = "Nguyễn Thanh Tịnh";
        planAccented_ = draft(plan);
        issue(planAccented_, on(2024, 1, 10));
        plan.subject = "Ke hoach thi hanh phap luat (ban go khong dau)";
        plan.body = "Ke hoach nay duoc go khong dau.";
        planPlain_ = draft(plan);
        issue(planPlain_, on(2024, 1, 11));
        DocSpec other;
        other.subject = "Thông báo lịch họp giao ban";
        other.body = "Lịch họp tuần.";
        other_ = draft(other);
        DocSpec secret;
        secret.secret = true;
        secret.subject = "Kế hoạch bảo vệ bí mật thi hành pháp luật";
        secret_ = draft(secret);
    }
    std::vector<Id> ids(const SearchResult& r) {
        std::vector<Id> out;
        for (const auto& h : r.items) out.push_back(h.id);
        return out;
    }
    Id qd_ = 0, planAccented_ = 0, planPlain_ = 0, other_ = 0, secret_ = 0;
};

TEST_P(SearchTest, CodeInAnySpelling) {
    for (const char* spelling : {"1020/QĐ-BTP", "1020/qd-btp", "1020 QD BTP", "qđ-btp 1020", "01020/QD-BTP"}) {
        Query q;
        q.code = spelling;
        const auto r = store_->search(q);
        ASSERT_EQ(r.total, 1) << spelling;
        EXPECT_EQ(r.items.at(0).id, qd_) << spelling;
        EXPECT_EQ(r.items.at(0).code, "1020/QĐ-BTP");
        Query t;
        t.text = spelling;  // a code typed in the text box is found as well, ranked first
        const auto rt = store_->search(t);
        ASSERT_GE(rt.total, 1) << spelling;
        EXPECT_EQ(rt.items.at(0).id, qd_) << spelling;
    }
    Query none;
    none.code = "1021/QĐ-BTP";
    EXPECT_EQ(store_->search(none).total, 0);
}

TEST_P(SearchTest, FoldedTextWithExactDiacriticsFirst) {
    Query q;
    q.text = "ke hoach thi hanh phap luat";
    auto r = store_->search(q);
    const auto found = ids(r);
    EXPECT_EQ(r.total, 3);  // both plans and the QĐ that issues a plan; not the secret one, not the other
    EXPECT_EQ(std::set<Id>(found.begin(), found.end()), (std::set<Id>{qd_, planAccented_, planPlain_}));
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found.front(), planPlain_);  // typed without marks: the text without marks matches exactly

    q.text = "kế hoạch thi hành pháp luật";
    r = store_->search(q);
    ASSERT_EQ(r.total, 3);
    EXPECT_EQ(ids(r).back(), planPlain_);  // typed with marks: the unaccented copy comes last
    EXPECT_NE(ids(r).front(), planPlain_);

    q.text = "đồng nai";
    EXPECT_EQ(store_->search(q).total, 0);
    q.text = "ĐỀ ÁN";  // upper case and đ fold the same way
    EXPECT_EQ(ids(store_->search(q)), std::vector<Id>{qd_});
}

TEST_P(SearchTest, SecretDocumentsOnlyWhenAllowed) {
    Query q;
    q.text = "bi mat";
    EXPECT_EQ(store_->search(q).total, 0);
    q.includeSecret = true;
    EXPECT_EQ(ids(store_->search(q)), std::vector<Id>{secret_});
}

TEST_P(SearchTest, FiltersAndPaging) {
    Query q;
    q.type = "ke-hoach";
    EXPECT_EQ(store_->search(q).total, 2);
    q = {};
    q.signer = "phan chi hieu";
    EXPECT_EQ(ids(store_->search(q)), std::vector<Id>{qd_});
    q = {};
    q.from = "2024-01-01";
    q.to = "2024-01-10";
    EXPECT_EQ(ids(store_->search(q)), std::vector<Id>{planAccented_});
    q = {};
    q.issuer = "BTP";
    EXPECT_EQ(store_->search(q).total, 4);
    q.issuer = "UBND";
    EXPECT_EQ(store_->search(q).total, 0);
    q = {};
    q.organId = organ_.id + 1000;
    EXPECT_EQ(store_->search(q).total, 0);
    q = {};
    q.registerId = store_->defaultRegister(organ_.id).id;
    EXPECT_EQ(store_->search(q).total, 3);
    q = {};
    q.text = "thi hanh phap luat";
    q.type = "ke-hoach";
    EXPECT_EQ(store_->search(q).total, 2);
    q.organId = organ_.id;
    EXPECT_EQ(store_->search(q).total, 2);
    q = {};
    q.text = "ke hoach thi hanh phap luat";  // pages across the "as typed" / "folded only" boundary
    q.pageSize = 1;
    std::vector<Id> paged;
    for (q.page = 1; q.page <= 4; ++q.page)
        for (const auto& h : store_->search(q).items) paged.push_back(h.id);
    ASSERT_EQ(paged.size(), 3u);
    EXPECT_EQ(paged[0], planPlain_);
    EXPECT_EQ(std::set<Id>(paged.begin(), paged.end()), (std::set<Id>{qd_, planAccented_, planPlain_}));
    store_->optimize();
    EXPECT_EQ(store_->search(q).total, 3);
    q = {};
    q.pageSize = 2;
    const auto p1 = store_->search(q);
    q.page = 2;
    const auto p2 = store_->search(q);
    q.page = 3;
    const auto p3 = store_->search(q);
    EXPECT_EQ(p1.total, 4);
    EXPECT_EQ(p1.items.size(), 2u);
    EXPECT_EQ(p2.items.size(), 2u);
    EXPECT_TRUE(p3.items.empty());
    std::set<Id> seen;
    for (const auto& h : p1.items) seen.insert(h.id);
    for (const auto& h : p2.items) seen.insert(h.id);
    EXPECT_EQ(seen.size(), 4u);
}

// Issue 14: signer=% and signer=_ matched every document (LIKE wildcards taken from the query).
TEST_P(SearchTest, SignerWildcardsAreLiteral) {
    Query q;
    for (const char* wild : {"%", "_", "%%", "p_an", "!", "!%"}) {
        q.signer = wild;
        EXPECT_EQ(store_->search(q).total, 0) << "signer=" << wild;
    }
    q.signer = "chi";
    EXPECT_EQ(ids(store_->search(q)), std::vector<Id>{qd_});
}

TEST_P(StoreTest, ArtifactsAreContentAddressed) {
    const Id a = draft(), b = draft();
    const std::string bytes("PK\x03\x04 binary \0 bytes", 20);
    const std::string sa = store_->putArtifact(a, "docx", "application/zip", bytes);
    const std::string sb = store_->putArtifact(b, "docx", "application/zip", bytes);
    EXPECT_EQ(sa, sb);
    // Computed outside the code under test, by GNU coreutils (the 20 bytes: the literal and its NUL):
    //   printf 'PK\003\004 binary \000 bytes\000' | sha256sum
    EXPECT_EQ(sa, "f208a97c11b0723ae7c52e8e71d1d430f46b7b6e37197efbd6f787f5f6c80c87");
    EXPECT_EQ(store_->artifact(a, "docx").value_or(""), bytes);
    EXPECT_FALSE(store_->artifact(a, "pdf").has_value());
}

TEST_P(StoreTest, UsersAuthenticateByTokenStoredHashed) {
    const std::string token = store_->addUser("Chị Lan", Role::Clerk, organ_.id, true);
    const auto u = store_->authenticate(token);
    ASSERT_TRUE(u.has_value());
    EXPECT_EQ(u->name, "Chị Lan");
    EXPECT_EQ(u->role, Role::Clerk);
    EXPECT_TRUE(u->cleared);
    EXPECT_FALSE(store_->authenticate(token + "x").has_value());
    EXPECT_FALSE(store_->authenticate("").has_value());
    // Only the hash is stored: presenting the hash is not the token.
    EXPECT_EQ(store_->authenticate(sha256Hex(token)), std::nullopt);
}

TEST_P(StoreTest, AuditChainVerifiesAndTamperingIsDetected) {
    const Id id = draft();
    issue(id, on(2024, 7, 1));
    store_->setStatus(id, Status::Distributed, "clerk");
    const auto ok = store_->verifyAudit();
    EXPECT_TRUE(ok.ok()) << ok.problem;
    EXPECT_GE(ok.rows, 3);
    EXPECT_THROW(store_->executeForTest("UPDATE audit_log SET actor = 'mallory' WHERE id = 2"), Failure);  // append-only
    if (store_->backend() == Backend::Sqlite)
        store_->executeForTest("DROP TRIGGER audit_no_update");
    else
        store_->executeForTest("DROP TRIGGER audit_no_change ON audit_log");
    store_->executeForTest("UPDATE audit_log SET detail = 'forged' WHERE id = 2");
    const auto bad = store_->verifyAudit();
    EXPECT_FALSE(bad.ok());
    EXPECT_EQ(bad.firstBadRow, 2);
}

// Verifying while clerks issue: the rows and the head are read in one snapshot, so a sound chain
// never looks cut short (it did on PostgreSQL when a commit fell between the two reads).
TEST_P(StoreTest, AuditVerifiesWhileOthersWrite) {
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::thread writer([&] {
        while (!stop) {
            draft();
            ++written;
        }
    });
    int broken = 0, runs = 0;
    while (runs < 40 || written < 60) {  // verifications interleaved with at least 60 commits
        if (!store_->verifyAudit().ok()) ++broken;
        ++runs;
    }
    stop = true;
    writer.join();
    EXPECT_EQ(broken, 0) << "of " << runs << " verifications during " << written << " writes";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);
INSTANTIATE_TEST_SUITE_P(Backends, SearchTest, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu::store
