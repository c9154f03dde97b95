// templates/*.xml and schemas/template.xsd: every template validates; a template that breaks
// the schema or a Decree 30 range is refused at load with its file named.
#include "compose/template.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/files.h"
#include "xml/parser.h"
#include "xml/schema.h"

namespace vanthu::compose::detail {
namespace {

namespace fs = std::filesystem;

fs::path templatesDir() { return dataDir() / "templates"; }
fs::path xsd() { return dataDir() / "schemas" / "template.xsd"; }

// Like `xmllint --noout --schema schemas/template.xsd templates/X.xml`, independent of the loader.
TEST(Templates, EveryFileValidatesAgainstTheSchema) {
    const auto schema = xml::Schema::load(xsd());
    int files = 0;
    for (const auto& e : fs::directory_iterator(templatesDir())) {
        if (e.path().extension() != ".xml") continue;
        ++files;
        const auto doc = xml::parse(readFile(e.path()));
        ASSERT_TRUE(doc.ok()) << e.path() << ": " << doc.error().describe();
        const Errors errors = schema->validate(doc.value());
        EXPECT_TRUE(errors.empty()) << e.path() << ": " << (errors.empty() ? "" : errors.front().describe());
    }
    EXPECT_GE(files, 6);
}

TEST(Templates, TypesMapToTheirFiles) {
    const TemplateSet set = TemplateSet::load(templatesDir(), xsd());
    EXPECT_EQ(set.forType(model::DocumentType::QuyetDinh).id, "quyet-dinh");
    EXPECT_EQ(set.forType(model::DocumentType::NghiQuyet).id, "nghi-quyet");
    EXPECT_EQ(set.forType(model::DocumentType::CongVan).id, "cong-van");
    EXPECT_EQ(set.forType(model::DocumentType::ToTrinh).id, "to-trinh");
    EXPECT_EQ(set.forType(model::DocumentType::BaoCao).id, "bao-cao");
    EXPECT_EQ(set.forType(model::DocumentType::KeHoach).id, "default");
    EXPECT_EQ(set.forType(model::DocumentType::ThongBao).id, "default");
}

TEST(Templates, PerTypeFilesInheritTheDefaultAttributeByAttribute) {
    const TemplateSet set = TemplateSet::load(templatesDir(), xsd());
    const Template& d = set.defaults();
    const Template& qd = set.forType(model::DocumentType::QuyetDinh);
    EXPECT_EQ(qd.word(Word::DecisionWord), "QUYẾT ĐỊNH:");
    EXPECT_EQ(d.word(Word::DecisionWord), "");
    EXPECT_EQ(qd.style(Role::Body).text, d.style(Role::Body).text);
    EXPECT_EQ(qd.word(Word::NoiNhan), "Nơi nhận:");
    const Template& cv = set.forType(model::DocumentType::CongVan);
    EXPECT_TRUE(cv.firstRecipientAsAbove);
    EXPECT_FALSE(d.firstRecipientAsAbove);
    EXPECT_EQ(cv.appendixLayout, d.appendixLayout);
}

TEST(Templates, RoleNamesRoundTrip) {
    for (std::size_t i = 0; i < kRoleCount; ++i) {
        const auto r = static_cast<Role>(i);
        Role back{};
        ASSERT_TRUE(roleFromName(roleName(r), back)) << i;
        EXPECT_EQ(back, r);
        EXPECT_EQ(roleName(r), roleStyleId(r)) << "template role names are the DOCX style ids";
    }
}

// A copy of templates/ and schemas/ in a scratch folder, with one file edited.
class BrokenTemplate : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("vanthu-tpl-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(root_);
        fs::create_directories(root_ / "templates");
        for (const auto& e : fs::directory_iterator(templatesDir())) fs::copy(e.path(), root_ / "templates");
        fs::create_directories(root_ / "schemas");
        fs::copy(dataDir() / "schemas" / "template.xsd", root_ / "schemas");
        fs::copy(dataDir() / "schemas" / "document.xsd", root_ / "schemas");
    }
    void TearDown() override { fs::remove_all(root_); }

    void edit(const std::string& file, const std::string& from, const std::string& to) {
        const fs::path p = root_ / "templates" / file;
        std::string s = readFile(p);
        const auto at = s.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        s.replace(at, from.size(), to);
        writeFileAtomic(p, s);
    }

    std::string loadError() {
        try {
            TemplateSet::load(root_ / "templates", root_ / "schemas" / "template.xsd");
        } catch (const Failure& f) {
            EXPECT_EQ(f.code(), Errc::Internal);
            return f.what();
        }
        ADD_FAILURE() << "loaded";
        return {};
    }

    fs::path root_;
};

TEST_F(BrokenTemplate, MarginOutsideTheDecreeIsRefused) {
    edit("default.xml", "marginLeft=\"30mm\"", "marginLeft=\"25mm\"");
    const std::string e = loadError();
    EXPECT_NE(e.find("default.xml"), std::string::npos) << e;
    EXPECT_NE(e.find("margins"), std::string::npos) << e;
}

TEST_F(BrokenTemplate, RuleLongerThanHalfTheLineIsRefused) {
    edit("quyet-dinh.xml", "<wording>", "<styles><style role=\"Subject\" rule=\"0.6\"/></styles>\n  <wording>");
    const std::string e = loadError();
    EXPECT_NE(e.find("quyet-dinh.xml"), std::string::npos) << e;
    EXPECT_NE(e.find("1/3–1/2"), std::string::npos) << e;
}

TEST_F(BrokenTemplate, UnknownRoleBreaksTheSchema) {
    edit("default.xml", "role=\"Spacer\"", "role=\"Nonsense\"");
    const std::string e = loadError();
    EXPECT_NE(e.find("template.xsd"), std::string::npos) << e;
    EXPECT_NE(e.find("Nonsense"), std::string::npos) << e;
}

TEST_F(BrokenTemplate, BodyLineSpacingAboveOneAndAHalfIsRefused) {
    edit("default.xml", "<style role=\"Body\" size=\"14pt\" align=\"justify\" firstLineIndent=\"1.27cm\"\n           spaceBefore=\"0pt\" spaceAfter=\"6pt\" lineSpacing=\"1.15\"/>",
         "<style role=\"Body\" size=\"14pt\" align=\"justify\" firstLineIndent=\"1.27cm\"\n           spaceBefore=\"0pt\" spaceAfter=\"6pt\" lineSpacing=\"2\"/>");
    EXPECT_NE(loadError().find("line spacing"), std::string::npos);
}

TEST_F(BrokenTemplate, TwoTemplatesForOneTypeAreRefused) {
    edit("bao-cao.xml", "types=\"bao-cao\"", "types=\"bao-cao to-trinh\"");
    EXPECT_NE(loadError().find("already has template"), std::string::npos);
}

TEST_F(BrokenTemplate, MissingStyleForARoleIsRefused) {
    edit("default.xml", "<style role=\"Spacer\" size=\"6pt\" align=\"left\" firstLineIndent=\"0pt\"\n           spaceBefore=\"0pt\" spaceAfter=\"0pt\" lineSpacing=\"1\"/>", "");
    EXPECT_NE(loadError().find("no style for role Spacer"), std::string::npos);
}

TEST_F(BrokenTemplate, MissingDefaultIsNotFound) {
    fs::remove(root_ / "templates" / "default.xml");
    try {
        TemplateSet::load(root_ / "templates", root_ / "schemas" / "template.xsd");
        ADD_FAILURE() << "loaded";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::NotFound);
    }
}

}  // namespace
}  // namespace vanthu::compose::detail
