// The real `vanthu` binary (build/vanthu) as a user runs it: exit codes (0 done, 1 a fault, 2
// invalid input or usage), the located bilingual error form, outputs written whole or not at all,
// and the same bytes for the same input.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include "cli/run_vanthu.h"
#include "core/files.h"
#include "support/test_support.h"

namespace vanthu {
namespace {

namespace fs = std::filesystem;

// A scratch folder per test, removed afterwards.
class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("vanthu-cli-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path file(const std::string& name, const std::string& bytes) const {
        writeFileAtomic(dir_ / name, bytes);
        return dir_ / name;
    }
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(dir_)) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path dir_;
};

const std::string kCreated = "2024-03-15T08:00:00Z";
std::string sample(const char* name) { return testing::sample(name).string(); }

// FILE:LINE:COL: field: thông báo (message) — every line of an invalid-input report.
void expectLocatedErrors(const std::string& err, const std::string& file) {
    static const std::regex line(R"(^(.+):(\d+):(\d+): (\S+): (.+) \((.+)\)$)");
    std::istringstream in(err);
    int n = 0;
    for (std::string l; std::getline(in, l);) {
        if (l.empty()) continue;
        std::smatch m;
        ASSERT_TRUE(std::regex_match(l, m, line)) << "not FILE:LINE:COL: field: message (message): «" << l << "»";
        EXPECT_EQ(m[1].str(), file) << l;
        ++n;
    }
    EXPECT_GT(n, 0) << "no error line on stderr";
}

// ---- check ---------------------------------------------------------------------------------------

TEST_F(CliTest, CheckAcceptsEverySample) {
    for (const auto& s : testing::allSamples()) {
        const auto r = vanthu({"check", s.string()});
        EXPECT_EQ(r.code, 0) << s << "\n" << r.err;
        EXPECT_EQ(r.out, s.string() + ": OK\n");
    }
}

TEST_F(CliTest, CheckReportsLocatedBilingualErrorsAndExitsTwo) {
    const auto bad = testing::testData("input/missing-issuer.xml").string();
    const auto r = vanthu({"check", bad});
    EXPECT_EQ(r.code, 2) << r.err;
    expectLocatedErrors(r.err, bad);
    // The first error points at the element where the issuer should have been.
    EXPECT_EQ(r.err.rfind(bad + ":4:3: /document/place: ", 0), 0u) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;

    const auto missing = (dir_ / "no-such.xml").string();
    const auto m = vanthu({"check", missing});
    EXPECT_EQ(m.code, 2);
    expectLocatedErrors(m.err, missing);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {}, {"bogus"}, {"render"}, {"render", sample("04-cong-van.xml"), "--format", "odt", "-o", (dir_ / "x.odt").string()},
             {"render", sample("04-cong-van.xml"), "--format", "docx"}, {"import"}}) {
        const auto r = vanthu(args);
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        EXPECT_EQ(r.code, 2) << "vanthu " << shown << "\n" << r.err;
        EXPECT_FALSE(r.err.empty()) << "vanthu " << shown;
    }
    EXPECT_TRUE(entries().empty()) << "a usage error wrote a file";
}

// ---- render --------------------------------------------------------------------------------------

TEST_F(CliTest, RenderDocxAndPdfGiveTheSameBytesTwice) {
    for (const std::string format : {"docx", "pdf"}) {
        const auto a = dir_ / ("a." + format), b = dir_ / ("b." + format);
        for (const auto& out : {a, b}) {
            const auto r = vanthu({"render", sample("01-qd-1020-btp.xml"), "--format", format, "-o", out.string(), "--created", kCreated});
            ASSERT_EQ(r.code, 0) << format << ": " << r.err;
        }
        const std::string bytes = readFile(a);
        EXPECT_EQ(bytes.rfind(format == "docx" ? "PK\x03\x04" : "%PDF-", 0), 0u) << format;
        EXPECT_GT(bytes.size(), 5000u) << format;
        EXPECT_TRUE(bytes == readFile(b)) << format << ": two renders of the same input differ";
    }
    EXPECT_EQ(entries(), (std::vector<std::string>{"a.docx", "a.pdf", "b.docx", "b.pdf"})) << "no temporary file left";
}

TEST_F(CliTest, InvalidInputWritesNoFileAndLeavesAnOldOneAlone) {
    const auto bad = file("bad.xml", readFile(testing::testData("input/missing-issuer.xml")));
    for (const std::string format : {"docx", "pdf"}) {
        const auto out = dir_ / ("new." + format);
        const auto r = vanthu({"render", bad.string(), "--format", format, "-o", out.string()});
        EXPECT_EQ(r.code, 2) << r.err;
        expectLocatedErrors(r.err, bad.string());
        EXPECT_FALSE(fs::exists(out)) << format;
        // An output that exists already is not touched.
        const auto old = file("old." + format, "the previous file");
        EXPECT_EQ(vanthu({"render", bad.string(), "--format", format, "-o", old.string()}).code, 2);
        EXPECT_EQ(readFile(old), "the previous file") << format;
    }
    EXPECT_EQ(entries(), (std::vector<std::string>{"bad.xml", "old.docx", "old.pdf"})) << "no temporary file left";
}

// A data folder whose fonts.xml names a face that is not there: a fault, exit 1, no file.
TEST_F(CliTest, AMissingFontIsAFaultExitOneAndNoFile) {
    const fs::path data = dir_ / "data";
    fs::create_directories(data / "fonts");
    const fs::path repo = fs::path(VANTHU_SAMPLES_DIR).parent_path();
    fs::create_directory_symlink(repo / "templates", data / "templates");
    fs::create_directory_symlink(repo / "schemas", data / "schemas");
    std::string manifest = readFile(repo / "fonts" / "fonts.xml");
    manifest = std::regex_replace(manifest, std::regex(R"(file="[^"]*LiberationSerif-Bold\.ttf")"),
                                  "file=\"" + (data / "fonts" / "NoSuch-Bold.ttf").string() + "\"");
    writeFileAtomic(data / "fonts" / "fonts.xml", manifest);
    const auto out = dir_ / "out.pdf";
    const auto r = vanthu({"render", sample("04-cong-van.xml"), "--format", "pdf", "-o", out.string()},
                          {{"VANTHU_DATA_DIR", data.string()}});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("NoSuch-Bold.ttf"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(entries(), (std::vector<std::string>{"data"}));
}

// ---- import --------------------------------------------------------------------------------------

TEST_F(CliTest, ImportWritesCheckableXmlTheSameTwice) {
    const std::string seed = (fs::path(VANTHU_SHARED_DIR) / "seeds" / "000_c171bc028f1f49ab.txt").string();
    VANTHU_REQUIRE_TOOL(fs::exists(seed), seed << " (../shared/seeds)");
    const auto a = dir_ / "a.xml", b = dir_ / "b.xml";
    for (const auto& out : {a, b}) {
        const auto r = vanthu({"import", seed, "-o", out.string()});
        ASSERT_EQ(r.code, 0) << r.err;
    }
    EXPECT_TRUE(readFile(a) == readFile(b)) << "two imports of the same text differ";
    const auto c = vanthu({"check", a.string()});
    EXPECT_EQ(c.code, 0) << c.err;
}

TEST_F(CliTest, ImportOfTextThatIsNotUtf8ExitsTwoWithoutAFile) {
    const auto bad = file("cp1258.txt", "QUY\xC9T \xD0\xCBNH\nS\xF4: 01/Q\xD0-UBND\n");
    const auto out = dir_ / "out.xml";
    const auto r = vanthu({"import", bad.string(), "-o", out.string()});
    EXPECT_EQ(r.code, 2) << r.err;
    expectLocatedErrors(r.err, bad.string());
    EXPECT_FALSE(fs::exists(out));
}

// A Quyết định whose header prints `organs` over the Số line (issue 13: two-line organ names).
std::string decisionText(const std::string& organs) {
    return organs + "Số: 12/QĐ-UBND\nĐắk Nông, ngày 05 tháng 3 năm 2024\n\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\n\n"
                    "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n\nNơi nhận:\n- Các sở, ngành;\n- Lưu: VT.\n\n"
                    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n";
}

TEST_F(CliTest, ImportReadsATwoLineCommitteeAsOneOrganAndFindsItInTheDirectory) {
    const auto text = file("ubnd.txt", decisionText("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG\n"));
    const auto out = dir_ / "ubnd.xml";
    const auto r = vanthu({"import", text.string(), "-o", out.string(), "--directory", sample("agencies.xml")});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string xml = readFile(out);
    EXPECT_EQ(xml.find("<parentIssuer"), std::string::npos) << xml;
    EXPECT_NE(xml.find("organId=\"000.00.00.H20\">ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG</issuer>"), std::string::npos) << xml;
    EXPECT_NE(r.err.find("one organ name"), std::string::npos) << r.err;
}

TEST_F(CliTest, ImportParentEmptySaysThereIsNoParent) {
    const auto text = file("so.txt", decisionText("UBND TỈNH ĐẮK NÔNG\nSỞ NỘI VỤ\n"));
    const auto with = dir_ / "with.xml", without = dir_ / "without.xml";
    ASSERT_EQ(vanthu({"import", text.string(), "-o", with.string()}).code, 0);
    EXPECT_NE(readFile(with).find("<parentIssuer>UBND TỈNH ĐẮK NÔNG</parentIssuer>"), std::string::npos) << readFile(with);
    const auto r = vanthu({"import", text.string(), "-o", without.string(), "--parent", ""});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(readFile(without).find("<parentIssuer"), std::string::npos) << readFile(without);
}

// ---- recipients, agencies ------------------------------------------------------------------------

TEST_F(CliTest, RecipientsResolvesAndRefusesAnInvalidDocument) {
    const auto r = vanthu({"recipients", sample("05-bao-cao.xml"), "--directory", sample("agencies.xml")});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("4/4 lines resolved"), std::string::npos) << r.out;
    const auto bad = testing::testData("input/missing-issuer.xml").string();
    const auto b = vanthu({"recipients", bad});
    EXPECT_EQ(b.code, 2) << b.err;
    expectLocatedErrors(b.err, bad);
}

TEST_F(CliTest, AgenciesWritesTheShippedDirectoryBackByteForByte) {
    const auto out = dir_ / "agencies.xml";
    const auto r = vanthu({"agencies", sample("agencies.xml"), "-o", out.string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("139 agencies"), std::string::npos) << r.out;
    // samples/agencies.xml is kept in the exporter's normal form (DEVELOPING.md).
    EXPECT_TRUE(readFile(out) == readFile(sample("agencies.xml")));
}

TEST_F(CliTest, AnInvalidDirectoryExitsTwoAndWritesNothing) {
    const auto bad = file("bad-agencies.xml", "<directory xmlns=\"urn:vanthu:agencies:1\"><oops/></directory>\n");
    const auto out = dir_ / "out.xml";
    const auto r = vanthu({"agencies", bad.string(), "-o", out.string()});
    EXPECT_EQ(r.code, 2) << r.err;
    expectLocatedErrors(r.err, bad.string());
    EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace vanthu

namespace vanthu {
namespace {

// ---- user: desk logins and passwords -----------------------------------------------------------

TEST_F(CliTest, UserAddTakesThePasswordFromAFileNeverAnArgumentAndUsersCanBeListedDisabledAndRekeyed) {
    const std::string db = "sqlite:" + (dir_ / "users.db").string();
    const auto base = std::vector<std::string>{"user", "add", "--name", "Chị Lan", "--role", "clerk", "--organ", "BTP", "--db", db};
    auto with = [&](std::vector<std::string> extra) {
        auto a = base;
        a.insert(a.end(), extra.begin(), extra.end());
        return vanthu(a);
    };
    EXPECT_EQ(with({"--login", "lan"}).code, 2) << "a login without a password file is a usage error";
    EXPECT_EQ(with({"--login", "lan", "--password", "mat-khau-dai-du"}).code, 2) << "no --password option exists";
    const auto shortPw = with({"--login", "lan", "--password-file", file("short", "ngan\n").string()});
    EXPECT_EQ(shortPw.code, 2);
    EXPECT_NE(shortPw.err.find("Mật khẩu phải dài từ 10"), std::string::npos) << shortPw.err;
    EXPECT_EQ(with({"--login", "lan", "--password-file", (dir_ / "missing").string()}).code, 2);
    const auto added = with({"--login", "lan", "--password-file", file("pw", "mat-khau-van-thu-1\r\n").string()});
    ASSERT_EQ(added.code, 0) << added.err;
    EXPECT_NE(added.out.find("desk login lan"), std::string::npos);
    EXPECT_EQ(added.out.find("mat-khau"), std::string::npos) << "the password is never echoed";
    const auto again = with({"--login", "lan", "--password-file", (dir_ / "pw").string()});
    EXPECT_EQ(again.code, 2);
    EXPECT_NE(again.err.find("is taken"), std::string::npos) << again.err;

    auto list = vanthu({"user", "list", "--db", db});
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_NE(list.out.find("\tlan\tChị Lan\tclerk\tBTP\tactive\n"), std::string::npos) << list.out;
    EXPECT_EQ(vanthu({"user", "disable", "--login", "lan", "--db", db}).code, 0);
    EXPECT_NE(vanthu({"user", "list", "--db", db}).out.find("\tlan\tChị Lan\tclerk\tBTP\tdisabled\n"), std::string::npos);
    EXPECT_EQ(vanthu({"user", "enable", "--login", "lan", "--db", db}).code, 0);
    EXPECT_NE(vanthu({"user", "list", "--db", db}).out.find("\tactive\n"), std::string::npos);
    EXPECT_EQ(vanthu({"user", "disable", "--login", "ai-do", "--db", db}).code, 2);

    EXPECT_EQ(vanthu({"user", "passwd", "--login", "lan", "--password-file", file("pw2", "mat-khau-moi-2026\n").string(), "--db", db}).code, 0);
    const auto unknown = vanthu({"user", "passwd", "--login", "ai-do", "--password-file", (dir_ / "pw2").string(), "--db", db});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("không có người dùng này"), std::string::npos);
}

}  // namespace
}  // namespace vanthu
