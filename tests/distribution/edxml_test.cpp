#include "distribution/edxml.h"

#include <gtest/gtest.h>

#include "distribution/package_builder.h"
#include "edxml_fixtures.h"
#include "support/test_support.h"

namespace vanthu::distribution::edxml {
namespace {

ReadOptions readOptions() {
    ReadOptions o;
    o.now = fixtures::receiveTime();
    return o;
}

TEST(EdxmlGolden, EdocFor1020IsByteForByte) {
    testing::expectGolden("distribution/edoc-1020-qd-btp.edxml", fixtures::edoc1020Bytes());
}

TEST(EdxmlGolden, StatusFor1020IsByteForByte) {
    testing::expectGolden("distribution/status-1020-qd-btp-03.edxml", fixtures::status1020Bytes());
}

TEST(EdxmlGolden, SameInputSameBytes) {
    EXPECT_EQ(fixtures::edoc1020Bytes(), fixtures::edoc1020Bytes());
}

TEST(EdxmlBuild, HeaderFieldsComeFromTheDocument) {
    const auto e = fixtures::edoc1020();
    EXPECT_EQ(e.documentId, "000.00.00.G12,2018/05/08,1020/QĐ-BTP");
    EXPECT_EQ(e.code.text(), "1020/QĐ-BTP");
    EXPECT_EQ(e.typeName, "Quyết định");
    EXPECT_EQ(e.signer.competence, "KT. BỘ TRƯỞNG");
    EXPECT_EQ(e.signer.fullName, "Phan Chí Hiếu");
    EXPECT_EQ(e.toPlaces, (std::vector<std::string>{"Như Điều 3", "Các Thủ trưởng (để chỉ đạo thực hiện)",
                                                    "Cổng thông tin điện tử Bộ Tư pháp (để đăng tải)", "Lưu: VT, QLXLVPHC&TDTHPL"}));
    ASSERT_EQ(e.traces.size(), 1u);
    EXPECT_EQ(formatDateTime(e.traces[0].timestamp), "2018/05/08 16:30:00");  // ICT
    ASSERT_EQ(e.attachments.size(), 2u);
    EXPECT_EQ(e.attachments[0].contentId.size(), 36u);
    EXPECT_NE(e.attachments[0].contentId, e.attachments[1].contentId);
}

TEST(EdxmlRoundTrip, EdocBuildParseEqual) {
    const auto e = fixtures::edoc1020();
    const auto read = readEdoc(fixtures::edoc1020Bytes(), readOptions());
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_TRUE(read.value().warnings.empty());
    EXPECT_EQ(read.value().package, e);
    EXPECT_EQ(read.value().package.attachments.at(1).bytes.size(), 256u);
}

TEST(EdxmlRoundTrip, StatusBuildParseEqual) {
    const auto read = readStatus(fixtures::status1020Bytes(), readOptions());
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(read.value().package, fixtures::accepted1020());
    EXPECT_EQ(read.value().package.responseFor.documentId, "000.00.00.G12,2018/05/08,1020/QĐ-BTP");
}

TEST(EdxmlRoundTrip, ReadPackageTellsTheKinds) {
    auto a = readPackage(fixtures::edoc1020Bytes(), readOptions());
    ASSERT_TRUE(a.ok());
    EXPECT_TRUE(std::holds_alternative<Edoc>(a.value().package));
    auto b = readPackage(fixtures::status1020Bytes(), readOptions());
    ASSERT_TRUE(b.ok());
    EXPECT_TRUE(std::holds_alternative<Status>(b.value().package));
    EXPECT_FALSE(readStatus(fixtures::edoc1020Bytes(), readOptions()).ok());
    EXPECT_FALSE(readEdoc(fixtures::status1020Bytes(), readOptions()).ok());
}

}  // namespace
}  // namespace vanthu::distribution::edxml
