// render::Renderer: same input, same bytes; the creation-time rule reaches the files; templates and
// fonts load once, also under concurrent first renders; a missing font is a Failure, not a crash.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <thread>
#include <vector>

#include "compose/register_sheet.h"
#include <unistd.h>

#include "core/clock.h"
#include "core/error.h"
#include "core/files.h"
#include "docx/zip_reader.h"
#include "input/document_reader.h"
#include "render/renderer.h"
#include "support/test_support.h"
#include "xml/parser.h"

namespace vanthu::render {
namespace {

namespace fs = std::filesystem;

model::Document sampleDocument(const char* name = "04-cong-van.xml") {
    xml::initialise();
    auto read = input::readDocumentFile(vanthu::testing::sample(name));
    if (!read.ok()) throw std::runtime_error(read.error().describe());
    return read.value().document;
}

compose::RegisterSheet smallSheet() {
    compose::RegisterSheet sheet;
    sheet.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";
    sheet.organName = "Sở Nội vụ";
    sheet.registerName = "Văn bản đi";
    sheet.year = 2024;
    sheet.headings = {"Số", "Ngày", "Trích yếu"};
    sheet.relativeWidths = {1, 1, 3};
    sheet.rows = {{"1", "08/05/2024", "Về việc thử"}};
    return sheet;
}

// What the DOCX says in dcterms:created.
std::string docxCreated(const std::string& docx) {
    const std::string core = vanthu::testing::zipPart(docx, "docProps/core.xml");
    const auto open = core.find("<dcterms:created");
    const auto start = core.find('>', open) + 1;
    return core.substr(start, core.find('<', start) - start);
}

bool pdfSaysCreated(const std::string& pdf, const std::string& iso) {
    return pdf.find("<xmp:CreateDate>" + iso + "</xmp:CreateDate>") != std::string::npos;
}

// Renderers made here see no SOURCE_DATE_EPOCH from the environment the suite runs in.
class RendererTest : public ::testing::Test {
protected:
    void SetUp() override { ::unsetenv("SOURCE_DATE_EPOCH"); }
};

TEST_F(RendererTest, SameDocumentSameBytesTwice) {
    const auto doc = sampleDocument();
    const Renderer one, two;
    for (auto format : {Format::Docx, Format::Pdf}) {
        const auto first = one.render(doc, format);
        EXPECT_EQ(first, one.render(doc, format));
        EXPECT_EQ(first, two.render(doc, format));  // a second instance loads the same and writes the same
    }
}

TEST_F(RendererTest, IssueDateIsTheCreationTimeByDefault) {
    const auto doc = sampleDocument();
    ASSERT_TRUE(doc.issueDate);
    const std::string iso = isoUtc(creationTime(CreationRule{}, doc));
    const Renderer r;
    EXPECT_EQ(docxCreated(r.render(doc, Format::Docx)), iso);
    EXPECT_TRUE(pdfSaysCreated(r.render(doc, Format::Pdf), iso)) << iso;
}

// The server's and the exchange's calls (renderDocument/renderRegister by format name) take the
// same rule as the CLI's: SOURCE_DATE_EPOCH reaches their files too.
TEST_F(RendererTest, SourceDateEpochReachesServerRendersOfDocumentsAndRegisters) {
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    const Renderer r;
    ::unsetenv("SOURCE_DATE_EPOCH");
    const auto doc = sampleDocument();
    EXPECT_EQ(docxCreated(*r.renderDocument(doc, "docx")), "2023-11-14T22:13:20Z");
    EXPECT_TRUE(pdfSaysCreated(*r.renderDocument(doc, "pdf"), "2023-11-14T22:13:20Z"));
    EXPECT_EQ(docxCreated(*r.renderRegister(smallSheet(), "docx")), "2023-11-14T22:13:20Z");
    EXPECT_TRUE(pdfSaysCreated(*r.renderRegister(smallSheet(), "pdf"), "2023-11-14T22:13:20Z"));
}

TEST_F(RendererTest, CreatedOptionWinsEverywhere) {
    ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    RendererOptions o;
    o.created = std::chrono::sys_days{std::chrono::year{2020} / 1 / 2};
    const Renderer r(o);
    ::unsetenv("SOURCE_DATE_EPOCH");
    EXPECT_EQ(docxCreated(r.render(sampleDocument(), Format::Docx)), "2020-01-02T00:00:00Z");
    EXPECT_EQ(docxCreated(r.render(smallSheet(), Format::Docx)), "2020-01-02T00:00:00Z");
}

TEST_F(RendererTest, RegisterSheetDefaultsToTheFirstOfJanuary) {
    const Renderer r;
    EXPECT_EQ(docxCreated(r.render(smallSheet(), Format::Docx)), "2024-01-01T00:00:00Z");
    EXPECT_TRUE(pdfSaysCreated(r.render(smallSheet(), Format::Pdf), "2024-01-01T00:00:00Z"));
}

TEST_F(RendererTest, UnknownFormatIsNotSupported) {
    const Renderer r;
    EXPECT_TRUE(r.supports("docx"));
    EXPECT_TRUE(r.supports("pdf"));
    EXPECT_FALSE(r.supports("odt"));
    EXPECT_EQ(r.renderDocument(sampleDocument(), "odt"), std::nullopt);
    EXPECT_EQ(r.renderRegister(smallSheet(), "csv"), std::nullopt);
    EXPECT_EQ(r.loadCounts().templates, 0);  // nothing loaded for a format it does not render
}

// Eight first renders at once, on one fresh Renderer: one load of each kind, one set of bytes.
TEST_F(RendererTest, ConcurrentFirstRendersLoadOnceAndAgree) {
    const auto doc = sampleDocument();
    const Renderer r;
    constexpr int kThreads = 8;
    std::vector<std::string> out(kThreads);
    std::latch go(kThreads);
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
            go.arrive_and_wait();
            out[std::size_t(i)] = r.render(doc, i % 2 ? Format::Pdf : Format::Docx);
        });
    for (auto& t : threads) t.join();
    for (int i = 2; i < kThreads; ++i) EXPECT_EQ(out[std::size_t(i)], out[std::size_t(i % 2)]) << "thread " << i;
    EXPECT_EQ(out[1].substr(0, 5), "%PDF-");
    const auto counts = r.loadCounts();
    EXPECT_EQ(counts.templates, 1);
    EXPECT_EQ(counts.pdf, 1);
    r.render(doc, Format::Pdf);
    EXPECT_EQ(r.loadCounts().pdf, 1);
}

TEST_F(RendererTest, SharedRendererIsOneInstance) { EXPECT_EQ(sharedRenderer().get(), sharedRenderer().get()); }

// A data folder with the real templates and schemas, and `fonts` as given.
fs::path dataDirWithFonts(const std::string& name, const std::string& fontsXml) {
    const fs::path dir = fs::temp_directory_path() / ("vanthu-render-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_directory_symlink(fs::path(VANTHU_SOURCE_DIR) / "templates", dir / "templates");
    fs::create_directory_symlink(fs::path(VANTHU_SOURCE_DIR) / "schemas", dir / "schemas");
    if (!fontsXml.empty()) {
        fs::create_directory(dir / "fonts");
        std::ofstream(dir / "fonts" / "fonts.xml") << fontsXml;
    }
    return dir;
}

TEST_F(RendererTest, MissingFontDirectoryIsAFailureAndRetriedNextTime) {
    RendererOptions o;
    o.dataDir = dataDirWithFonts("nofonts", "");
    const Renderer r(o);
    const auto doc = sampleDocument();
    for (int attempt = 0; attempt < 2; ++attempt) {
        for (auto format : {Format::Docx, Format::Pdf}) {
            try {
                r.render(doc, format);
                ADD_FAILURE() << "rendered without fonts";
            } catch (const Failure& f) {
                // A fault of the installation (500 / exit 1), never the request's NotFound (404).
                EXPECT_EQ(f.code(), Errc::Internal) << f.what();
                EXPECT_NE(std::string(f.what()).find("fonts"), std::string::npos) << f.what();
            }
        }
    }
    EXPECT_EQ(r.loadCounts().templates, 0);
    fs::remove_all(o.dataDir);
}

TEST_F(RendererTest, MissingFontFileIsFontMissingNamingTheFile) {
    std::string manifest = readFile(fs::path(VANTHU_SOURCE_DIR) / "fonts" / "fonts.xml");
    const std::string real = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf";
    const auto at = manifest.find(real);
    ASSERT_NE(at, std::string::npos);
    manifest.replace(at, real.size(), "/nonexistent/LiberationSerif-Bold.ttf");
    RendererOptions o;
    o.dataDir = dataDirWithFonts("badfont", manifest);
    const Renderer r(o);
    try {
        r.render(sampleDocument(), Format::Pdf);
        ADD_FAILURE() << "rendered with a missing font file";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::FontMissing);
        EXPECT_NE(std::string(f.what()).find("/nonexistent/LiberationSerif-Bold.ttf"), std::string::npos) << f.what();
    }
    fs::remove_all(o.dataDir);
}

}  // namespace
}  // namespace vanthu::render
