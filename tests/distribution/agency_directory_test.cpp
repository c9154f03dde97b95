#include "distribution/agency_directory.h"

#include <gtest/gtest.h>

#include "core/files.h"
#include "support/test_support.h"

namespace vanthu::distribution {
namespace {

std::string wrap(std::string_view body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<agencyDirectory xmlns=\"urn:vanthu:agency-directory:1\">\n" +
           std::string(body) + "</agencyDirectory>\n";
}

const AgencyDirectory& shipped() {
    static const auto loaded = AgencyDirectory::loadFile(testing::sample("agencies.xml"));
    if (!loaded.ok()) throw std::runtime_error(loaded.error().describe());
    return loaded.value().directory;
}

TEST(AgencyDirectory, ShippedDirectoryLoadsWithoutWarnings) {
    const auto loaded = AgencyDirectory::loadFile(testing::sample("agencies.xml"));
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    EXPECT_TRUE(loaded.value().warnings.empty()) << loaded.value().warnings.front().describe();
    EXPECT_GT(loaded.value().directory.agencies().size(), 50u);
}

TEST(AgencyDirectory, ExportIsTheCanonicalFileAndReimportsEqual) {
    const std::string file = readFile(testing::sample("agencies.xml"));
    const std::string exported = shipped().toXml();
    EXPECT_EQ(exported, file) << "samples/agencies.xml is not in the exporter's canonical form";
    const auto again = AgencyDirectory::fromXml(exported);
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_EQ(again.value().directory.agencies(), shipped().agencies());
    EXPECT_EQ(again.value().directory.groups(), shipped().groups());
}

TEST(AgencyDirectory, FindsByFoldedNameAliasAndAbbreviationSpelling) {
    const auto& d = shipped();
    auto agencyKey = [&](std::string_view text, std::string_view issuer) -> std::string {
        const auto m = d.find(text, issuer);
        if (!m) return "-";
        if (m->kind == DirectoryMatch::Kind::Group) return "group:" + m->group->key;
        if (m->kind == DirectoryMatch::Kind::Unit) return "unit:" + m->unit->key;
        return m->agency->key;
    };
    EXPECT_EQ(agencyKey("Bộ Tư pháp", ""), "btp");
    EXPECT_EQ(agencyKey("BỘ TƯ PHÁP", ""), "btp");
    EXPECT_EQ(agencyKey("bo tu phap", ""), "btp");
    EXPECT_EQ(agencyKey("Cục Kế hoạch – Tài chính", "btp"), "unit:btp-khtc");  // en dash = hyphen
    EXPECT_EQ(agencyKey("Cục Kế hoạch - Tài chính", ""), "-");               // a unit: only inside BTP
    // "UBND" = "Ủy ban nhân dân"; scoped aliases mean the issuer's own province.
    EXPECT_EQ(agencyKey("UBND tỉnh Thái Nguyên", ""), "ubnd-thai-nguyen");
    EXPECT_EQ(agencyKey("Sở Tư pháp", "thai-nguyen-snv"), "thai-nguyen-stp");
    EXPECT_EQ(agencyKey("Sở Tư pháp", "ubnd-dak-nong"), "dak-nong-stp");
    EXPECT_EQ(agencyKey("Sở Tư pháp", ""), "-");
    EXPECT_EQ(agencyKey("UBND các huyện, thành phố", "ubnd-dak-nong"), "group:dak-nong-ubnd-huyen");
    EXPECT_EQ(agencyKey("Giám đốc, các Phó Giám đốc Sở", "thai-nguyen-stttt"), "unit:thai-nguyen-stttt-bgd");
}

TEST(AgencyDirectory, FindsTheIssuerByOrganIdOrPrintedName) {
    const auto& d = shipped();
    model::Organ byName{"BỘ TƯ PHÁP", "BTP", ""};
    ASSERT_NE(d.findOrgan(byName), nullptr);
    EXPECT_EQ(d.findOrgan(byName)->key, "btp");
    model::Organ byId{"SỞ TƯ PHÁP", "STP", "000.00.16.H40"};
    ASSERT_NE(d.findOrgan(byId), nullptr);
    EXPECT_EQ(d.findOrgan(byId)->key, "ninh-binh-stp");
    EXPECT_EQ(d.findOrgan({"SỞ TƯ PHÁP", "", ""}), nullptr);  // ambiguous without the province
}

TEST(AgencyDirectory, ScopeChainFollowsParents) {
    EXPECT_EQ(shipped().scopeChain("ninh-binh-stp"), (std::vector<std::string>{"ninh-binh-stp", "ubnd-ninh-binh"}));
    EXPECT_TRUE(shipped().scopeChain("").empty());
}

TEST(AgencyDirectory, NonStrictOrganIdIsAWarningNotAnError) {
    const auto loaded = AgencyDirectory::fromXml(wrap(R"(<agency key="vpcp-old" organId="28.22.H17"><name>X</name></agency>)"));
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    ASSERT_EQ(loaded.value().warnings.size(), 1u);
    EXPECT_NE(loaded.value().warnings[0].messageEn.find("not in the QCVN 102:2016 form"), std::string::npos);
    EXPECT_EQ(loaded.value().warnings[0].line, 3);
}

struct BadDirectory {
    const char* name;
    const char* body;
    Errc code;
    const char* messagePart;
    int line;
};

void PrintTo(const BadDirectory& c, std::ostream* os) { *os << c.name; }

class BadDirectories : public ::testing::TestWithParam<BadDirectory> {};

TEST_P(BadDirectories, AreRejectedWithALocatedError) {
    const auto& c = GetParam();
    const auto loaded = AgencyDirectory::fromXml(wrap(c.body));
    ASSERT_FALSE(loaded.ok());
    const auto& e = loaded.error();
    EXPECT_EQ(e.code, c.code) << e.describe();
    EXPECT_NE(e.messageEn.find(c.messagePart), std::string::npos) << e.describe();
    EXPECT_FALSE(e.messageVi.empty());
    EXPECT_EQ(e.line, c.line) << e.describe();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadDirectories,
    ::testing::Values(
        BadDirectory{"DuplicateKey", "<agency key=\"a\"><name>A</name></agency>\n<agency key=\"a\"><name>B</name></agency>\n",
                     Errc::SchemaViolation, "Duplicate key-sequence", 4},
        BadDirectory{"UnknownParent", "<agency key=\"a\" parent=\"zz\"><name>A</name></agency>\n", Errc::SchemaViolation,
                     "No match found for key-sequence", 3},
        BadDirectory{"BadOrganId", "<agency key=\"a\" organId=\"a.b.c.d.e\"><name>A</name></agency>\n",
                     Errc::SchemaViolation, "organId", 3},
        BadDirectory{"SameTextTwoAgencies",
                     "<agency key=\"a\"><name>A</name><alias>Cổng tỉnh</alias></agency>\n"
                     "<agency key=\"b\"><name>B</name><alias>cong tinh</alias></agency>\n",
                     Errc::InvalidInput, "names both 'A' and 'B' in the same scope", 4},
        BadDirectory{"ParentCycle",
                     "<agency key=\"a\" parent=\"b\"><name>A</name></agency>\n<agency key=\"b\" parent=\"a\"><name>B</name></agency>\n",
                     Errc::InvalidInput, "cycle", 3},
        BadDirectory{"UnknownScope", "<agency key=\"a\"><name>A</name><alias scope=\"nowhere\">x</alias></agency>\n",
                     Errc::InvalidInput, "scope 'nowhere'", 3}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(AgencyDirectory, DoctypeIsRefused) {
    const auto loaded = AgencyDirectory::fromXml(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE agencyDirectory [<!ENTITY x \"y\">]>\n<agencyDirectory xmlns=\"urn:vanthu:agency-directory:1\"/>");
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().messageEn.find("DOCTYPE"), std::string::npos);
    EXPECT_EQ(loaded.error().line, 2);
}

TEST(AgencyDirectory, WrongRootIsRefused) {
    const auto loaded = AgencyDirectory::fromXml("<agencyDirectory xmlns=\"urn:other\"/>");
    ASSERT_FALSE(loaded.ok());
    EXPECT_NE(loaded.error().messageEn.find("urn:vanthu:agency-directory:1"), std::string::npos);
}

}  // namespace
}  // namespace vanthu::distribution
