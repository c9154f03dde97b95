// The creation-time rule of render/renderer.h, as a table: --created, then SOURCE_DATE_EPOCH, then
// the input's own date, then 2000-01-01. The CLI, the server and the outbox all call these.
#include <gtest/gtest.h>

#include <cstdlib>

#include "compose/register_sheet.h"
#include "core/clock.h"
#include "core/error.h"
#include "render/renderer.h"

namespace vanthu::render {
namespace {

using namespace std::chrono;

const sys_seconds kFlag = sys_days{year{2020} / 1 / 2} + hours{3} + minutes{4} + seconds{5};
const sys_seconds kEpoch{seconds{1700000000}};  // 2023-11-14T22:13:20Z

model::Document issuedOn(int y, int m, int d) {
    model::Document doc;
    doc.issueDate = model::Date{y, m, d};
    return doc;
}

TEST(CreationTime, CreatedWinsOverSourceDateEpochAndIssueDate) {
    EXPECT_EQ(isoUtc(creationTime(CreationRule{kFlag, kEpoch}, issuedOn(2018, 5, 8))), "2020-01-02T03:04:05Z");
}

TEST(CreationTime, SourceDateEpochWinsOverIssueDate) {
    EXPECT_EQ(isoUtc(creationTime(CreationRule{std::nullopt, kEpoch}, issuedOn(2018, 5, 8))), "2023-11-14T22:13:20Z");
}

TEST(CreationTime, IssueDateAtMidnightUtc) {
    EXPECT_EQ(isoUtc(creationTime(CreationRule{}, issuedOn(2018, 5, 8))), "2018-05-08T00:00:00Z");
}

TEST(CreationTime, NoIssueDateGivesTheYear2000) {
    EXPECT_EQ(isoUtc(creationTime(CreationRule{}, model::Document{})), "2000-01-01T00:00:00Z");
}

TEST(CreationTime, RegisterSheetIsTheFirstOfJanuaryOfItsYear) {
    compose::RegisterSheet sheet;
    sheet.year = 2024;
    EXPECT_EQ(isoUtc(creationTime(CreationRule{}, sheet)), "2024-01-01T00:00:00Z");
    EXPECT_EQ(isoUtc(creationTime(CreationRule{std::nullopt, kEpoch}, sheet)), "2023-11-14T22:13:20Z");
    EXPECT_EQ(isoUtc(creationTime(CreationRule{kFlag, kEpoch}, sheet)), "2020-01-02T03:04:05Z");
    sheet.year = 0;  // no year: the fallback, as before
    EXPECT_EQ(isoUtc(creationTime(CreationRule{}, sheet)), "2000-01-01T00:00:00Z");
}

TEST(SourceDateEpoch, ParsesDecimalSeconds) {
    EXPECT_EQ(parseSourceDateEpoch("1700000000"), kEpoch);
    EXPECT_EQ(parseSourceDateEpoch("0"), sys_seconds{});
    EXPECT_EQ(isoUtc(*parseSourceDateEpoch("253402300799")), "9999-12-31T23:59:59Z");
    EXPECT_EQ(parseSourceDateEpoch(""), std::nullopt);  // set but empty counts as unset
}

TEST(SourceDateEpoch, RefusesWhatIsNotDecimalSeconds) {
    for (const char* bad : {"abc", "12x", "-5", " 17", "17 ", "1.5", "253402300800", "99999999999999999999"}) {
        try {
            parseSourceDateEpoch(bad);
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const Failure& f) {
            EXPECT_EQ(f.code(), Errc::InvalidInput) << bad;
            EXPECT_NE(std::string(f.what()).find("SOURCE_DATE_EPOCH"), std::string::npos) << f.what();
        }
    }
}

// The Renderer takes step 2 from the environment once, at construction; step 1 skips it.
TEST(SourceDateEpoch, RendererReadsTheEnvironmentOnceWhenConstructed) {
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    const Renderer fromEnv;
    RendererOptions flagged;
    flagged.created = kFlag;
    ::setenv("SOURCE_DATE_EPOCH", "not a number", 1);  // would throw if it were read
    const Renderer withFlag(flagged);
    EXPECT_THROW(Renderer{}, Failure);
    ::unsetenv("SOURCE_DATE_EPOCH");
    const Renderer plain;

    EXPECT_EQ(fromEnv.creationRule().sourceDateEpoch, kEpoch);  // kept after the variable changed
    EXPECT_EQ(withFlag.creationRule().created, kFlag);
    EXPECT_EQ(withFlag.creationRule().sourceDateEpoch, std::nullopt);
    EXPECT_EQ(plain.creationRule().sourceDateEpoch, std::nullopt);
    EXPECT_EQ(plain.creationRule().created, std::nullopt);
}

}  // namespace
}  // namespace vanthu::render
