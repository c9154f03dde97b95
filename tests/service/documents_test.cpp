// tests/service: the use-cases of a document's life over a real store (SQLite file and
// PostgreSQL), without HTTP — what every interface (API, desk, CLI) relies on.
// Rules: decree-30-2020.md §6 (numbering: sequential per register and year, never reused),
// the lifecycle of model/lifecycle.h, and the one access rule of service/access.h.
#include <gtest/gtest.h>

#include <string>

#include "service/access.h"
#include "service/context.h"
#include "service/documents.h"
#include "store/fixtures.h"

namespace vanthu::service {
namespace {

using testing::Db;
using testing::DocSpec;
using testing::docXml;

class ServiceDocuments : public ::testing::TestWithParam<Db> {
protected:
    void SetUp() override {
        VANTHU_OPEN_EMPTY_URL(GetParam(), "service", url);
        store_ = store::Store::open(store::OpenOptions{url, {}, 4});
        btp_ = store_->ensureOrgan("BTP", "BỘ TƯ PHÁP").id;
        bca_ = store_->ensureOrgan("BCA", "BỘ CÔNG AN").id;
        clerk_ = user("Chị Lan", store::Role::Clerk, btp_);
        drafter_ = user("Anh Minh", store::Role::Drafter, btp_);
        viewer_ = user("Bà Hoa", store::Role::Viewer, btp_);
        otherClerk_ = user("Anh Tú", store::Role::Clerk, bca_);
    }

    store::User user(const std::string& name, store::Role role, store::Id organ, bool cleared = false) {
        auto u = store_->authenticate(store_->addUser(name, role, organ, cleared));
        EXPECT_TRUE(u.has_value());
        return u.value_or(store::User{});
    }

    store::Id draft(const DocSpec& spec = {}) {
        auto r = createDraft(ctx(), drafter_, docXml(spec));
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().describe());
        return r.ok() ? r.value().record.id : 0;
    }

    Context& ctx() { return ctx_.emplace(Context{*store_}); }

    std::unique_ptr<store::Store> store_;
    std::optional<Context> ctx_;
    store::Id btp_ = 0, bca_ = 0;
    store::User clerk_, drafter_, viewer_, otherClerk_;
};

template <class T>
std::string reasonOf(const Result<T>& r) {
    return r.ok() ? "(ok)" : r.error().reason;
}

TEST_P(ServiceDocuments, AViewerCannotDraftAndTheRefusalSaysWhyInBothLanguages) {
    auto r = createDraft(ctx(), viewer_, docXml({}));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::Forbidden);
    EXPECT_EQ(r.error().reason, "forbidden_role");
    EXPECT_FALSE(r.error().messageVi.empty());
    EXPECT_FALSE(r.error().messageEn.empty());
}

TEST_P(ServiceDocuments, ADraftOfAnotherOrganIsRefused) {
    DocSpec spec;
    spec.issuerAbbr = "BCA";
    spec.issuer = "BỘ CÔNG AN";
    spec.notation = "TB-BCA";
    auto r = createDraft(ctx(), drafter_, docXml(spec));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "forbidden_organ");
}

TEST_P(ServiceDocuments, ANumberInADraftIsDroppedWithAWarningNamingTheField) {
    DocSpec spec;
    spec.number = 77;
    spec.date = "2024-03-01";
    auto r = createDraft(ctx(), drafter_, docXml(spec));
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_EQ(r.value().record.number, 0);
    ASSERT_FALSE(r.value().warnings.empty());
    EXPECT_EQ(r.value().warnings.front().field, "/document/code/@number");
}

TEST_P(ServiceDocuments, IssuingNumbersInTurnAndTheRendererSeesTheRegistersNumber) {
    const auto a = draft(), b = draft();
    IssueOptions on{0, model::Date{2024, 5, 8}};
    auto first = issueDocument(ctx(), clerk_, a, on);
    auto second = issueDocument(ctx(), clerk_, b, on);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    ASSERT_TRUE(second.ok()) << second.error().describe();
    EXPECT_EQ(first.value().record.number, 1);
    EXPECT_EQ(second.value().record.number, 2);
    EXPECT_EQ(first.value().record.code, "01/TB-BTP");  // numbers under 10 take a leading 0 (decree-30-2020.md, numbering)
    EXPECT_EQ(first.value().record.issueDate, "2024-05-08");

    auto doc = documentForRendering(ctx(), second.value().record);
    ASSERT_TRUE(doc.ok()) << doc.error().describe();
    EXPECT_EQ(doc.value().code.number, 2);  // the submitted XML had none: the register's wins
    ASSERT_TRUE(doc.value().issueDate.has_value());
    EXPECT_EQ(*doc.value().issueDate, (model::Date{2024, 5, 8}));
}

TEST_P(ServiceDocuments, AnIssuedDocumentIsNotIssuedAgainAndKeepsItsNumber) {
    const auto a = draft();
    ASSERT_TRUE(issueDocument(ctx(), clerk_, a, {}).ok());
    auto again = issueDocument(ctx(), clerk_, a, {});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, Errc::Conflict);
    auto seen = viewDocument(ctx(), clerk_, a);
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen.value().number, 1);
}

TEST_P(ServiceDocuments, OnlyAClerkIssues) {
    const auto a = draft();
    for (const auto& who : {drafter_, viewer_}) {
        auto r = issueDocument(ctx(), who, a, {});
        ASSERT_FALSE(r.ok()) << who.name;
        EXPECT_EQ(r.error().reason, "forbidden_role") << who.name;
    }
    auto seen = viewDocument(ctx(), clerk_, a);
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen.value().status, store::Status::Draft);  // nothing was numbered
}

TEST_P(ServiceDocuments, AnotherOrgansClerkCanNeitherSeeNorIssueNorRecall) {
    const auto a = draft();
    EXPECT_EQ(reasonOf(viewDocument(ctx(), otherClerk_, a)), "forbidden_organ");
    EXPECT_EQ(reasonOf(issueDocument(ctx(), otherClerk_, a, {})), "forbidden_organ");
    ASSERT_TRUE(issueDocument(ctx(), clerk_, a, {}).ok());
    EXPECT_EQ(reasonOf(changeStatus(ctx(), otherClerk_, a, store::Status::Recalled, "")), "forbidden_organ");
}

TEST_P(ServiceDocuments, TheLifecycleRefusesASkippedStep) {
    const auto a = draft();
    auto archivedDraft = changeStatus(ctx(), clerk_, a, store::Status::Archived, "");
    ASSERT_FALSE(archivedDraft.ok());
    EXPECT_EQ(archivedDraft.error().code, Errc::Conflict);
    ASSERT_TRUE(issueDocument(ctx(), clerk_, a, {}).ok());
    auto distributed = changeStatus(ctx(), clerk_, a, store::Status::Distributed, "");
    ASSERT_TRUE(distributed.ok()) << distributed.error().describe();
    EXPECT_EQ(distributed.value().record.status, store::Status::Distributed);
}

TEST_P(ServiceDocuments, AnImportedNumberCannotBeTakenTwice) {
    DocSpec spec;
    spec.number = 15;
    spec.date = "2023-11-20";
    auto first = importIssued(ctx(), clerk_, docXml(spec), 0);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    EXPECT_EQ(first.value().record.code, "15/TB-BTP");
    auto twice = importIssued(ctx(), clerk_, docXml(spec), 0);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, Errc::Conflict);
}

TEST_P(ServiceDocuments, AnUpdateCannotMoveADraftToAnotherOrgan) {
    auto admin = user("Quản trị", store::Role::Admin, btp_);
    const auto a = draft();
    DocSpec other;
    other.issuerAbbr = "BCA";
    other.issuer = "BỘ CÔNG AN";
    other.notation = "TB-BCA";
    auto r = updateDraft(ctx(), admin, a, docXml(other));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "forbidden_organ");
    EXPECT_EQ(r.error().field, "/document/issuer/@abbreviation");
}

TEST_P(ServiceDocuments, BrokenXmlIsRefusedWithItsLineBeforeAnythingIsStored) {
    auto r = createDraft(ctx(), drafter_, "<document xmlns=\"urn:vanthu:document:1\">\n<code>");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::InvalidInput);
    EXPECT_GT(r.error().line, 0);
    store::Query all;
    all.organId = btp_;
    EXPECT_EQ(store_->search(all).total, 0);
}

TEST_P(ServiceDocuments, ADocumentOverTheSizeLimitIsTooLarge) {
    Context small{*store_};
    small.maxDocumentBytes = 512;
    DocSpec spec;
    spec.body = std::string(2000, 'a');
    auto r = createDraft(small, drafter_, docXml(spec));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::TooLarge);
}

TEST_P(ServiceDocuments, ADocumentBeyondTheRenderBudgetIsNotStored) {
    Context tight{*store_};
    tight.renderLimits.maxRuns = 50;
    DocSpec spec;
    spec.body.clear();
    for (int i = 0; i < 60; ++i) spec.body += "từ ";
    auto fits = createDraft(tight, drafter_, docXml(spec));
    ASSERT_TRUE(fits.ok()) << "a long plain paragraph is one run: " << fits.error().describe();

    const std::string xml = docXml({});
    std::string bold;
    for (int i = 0; i < 60; ++i) bold += "<b>từ</b> ";
    std::string bomb = xml;
    bomb.replace(bomb.find("<p>") + 3, 0, bold);
    auto r = createDraft(tight, drafter_, bomb);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, Errc::TooLarge);  // 413
    EXPECT_EQ(r.error().field, "/document/body");
    EXPECT_NE(r.error().messageEn.find("at most 50"), std::string::npos) << r.error().messageEn;
    EXPECT_NE(r.error().messageVi.find("tối đa 50"), std::string::npos) << r.error().messageVi;
    store::Query all;
    all.organId = btp_;
    EXPECT_EQ(store_->search(all).total, 1);  // only the one that fits
}

TEST_P(ServiceDocuments, TheAuditLogNamesTheActor) {
    EXPECT_EQ(actorLabel(clerk_), "Chị Lan #" + std::to_string(clerk_.id));
    const auto before = store_->auditCount();
    draft();
    EXPECT_GT(store_->auditCount(), before);
    EXPECT_TRUE(store_->verifyAudit().ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceDocuments, ::testing::Values(Db::Sqlite, Db::Postgres), testing::dbName);

}  // namespace
}  // namespace vanthu::service
