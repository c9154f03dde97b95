// `vanthu recipients`, run in process.
#include <filesystem>
#include <sstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli/commands.h"
#include "core/files.h"
#include "support/test_support.h"

namespace vanthu {
namespace {

struct Run {
    int code;
    std::string out, err;
};

Run run(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

TEST(RecipientsCommand, PrintsEachLineItsTargetsAndTheUnresolved) {
    const auto r = run({"recipients", testing::sample("03-qd-1347-btp.xml").string(), "--directory",
                        testing::sample("agencies.xml").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("issuer Bộ Tư pháp [btp, 000.00.00.G12]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("- Bộ Tài chính, Bộ Thông tin và Truyền thông, Bộ Kế hoạch và Đầu tư (để phối hợp)\n"
                         "    agency  Bộ Tài chính [btc, 000.00.00.G09]\n"
                         "    agency  Bộ Thông tin và Truyền thông [btttt, 000.00.00.G14]\n"
                         "    agency  Bộ Kế hoạch và Đầu tư [bkhdt, 000.00.00.G08]\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("    UNRESOLVED  Thủ trưởng đơn vị thuộc Bộ có liên quan khác\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("6/7 lines resolved; 4 agencies, 6 internal units; 1 unresolved\n"), std::string::npos) << r.out;
}

TEST(RecipientsCommand, NamesTheAgenciesThatCannotReceiveEdxml) {
    const auto r = run({"recipients", testing::sample("07-qd-quy-pham.xml").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("  cannot receive edXML (no QCVN 102 organId): Tỉnh ủy Thái Nguyên [thai-nguyen-tinh-uy]\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  unresolved (Như Điều 3): Chủ tịch Ủy ban nhân dân các xã, phường, thị trấn"), std::string::npos) << r.out;
}

TEST(RecipientsCommand, DefaultsToTheShippedDirectory) {
    const auto r = run({"recipients", testing::sample("05-bao-cao.xml").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("4/4 lines resolved"), std::string::npos) << r.out;
}

TEST(RecipientsCommand, InvalidDocumentOrDirectoryExitsTwo) {
    const auto dir = std::filesystem::temp_directory_path() / "vanthu-recipients-test";
    std::filesystem::create_directories(dir);
    writeFileAtomic(dir / "bad.xml", "<document xmlns=\"urn:vanthu:document:1\"><oops/>");
    auto r = run({"recipients", (dir / "bad.xml").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("bad.xml:1:"), std::string::npos) << r.err;
    r = run({"recipients", testing::sample("05-bao-cao.xml").string(), "--directory", (dir / "bad.xml").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty());
    std::filesystem::remove_all(dir);
}

TEST(AgenciesCommand, ChecksCountsAndWritesTheNormalForm) {
    const auto out = std::filesystem::temp_directory_path() / ("vanthu-agencies-" + std::to_string(::getpid()) + ".xml");
    const auto r = run({"agencies", testing::sample("agencies.xml").string(), "-o", out.string()});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find(" agencies ("), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("endpoints: axis "), std::string::npos) << r.out;
    // What it wrote reads back to the same directory (and is checked again by the same command).
    const auto again = run({"agencies", out.string()});
    EXPECT_EQ(again.code, 0) << again.err;
    EXPECT_EQ(again.out.substr(again.out.find(':')), r.out.substr(r.out.find(':')));
    std::filesystem::remove(out);
}

TEST(AgenciesCommand, ABrokenDirectoryIsLocatedAndWritesNothing) {
    const auto dir = std::filesystem::temp_directory_path() / ("vanthu-agencies-bad-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    writeFileAtomic(dir / "a.xml",
                    "<agencyDirectory xmlns=\"urn:vanthu:agency-directory:1\">\n"
                    "  <agency key=\"x\" organId=\"000.00.00.G12\" parent=\"nobody\"><name>X</name></agency>\n"
                    "</agencyDirectory>\n");
    const auto r = run({"agencies", (dir / "a.xml").string(), "-o", (dir / "out.xml").string()});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("a.xml:2:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nobody"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "out.xml"));
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vanthu
