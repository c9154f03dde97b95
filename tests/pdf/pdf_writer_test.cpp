#include <gtest/gtest.h>

#include <hb.h>
#include <hb-cplusplus.hh>

#include <string>

#include "compose/composer.h"
#include "core/error.h"
#include "core/files.h"
#include "font/metrics.h"
#include "input/document_reader.h"
#include "layout/fonts.h"
#include "pdf/font_embedder.h"
#include "pdf/pdf_writer.h"
#include "support/test_support.h"
#include "xml/parser.h"

namespace vanthu::pdf {
namespace {

const std::shared_ptr<const font::FontMetrics>& metrics() {
    static const auto m = font::FontMetrics::load(dataDir() / "fonts");
    return m;
}
const layout::Fonts& fonts() {
    static const auto f = layout::Fonts::open(metrics());
    return *f;
}
PdfOptions options() {
    PdfOptions o;
    o.iccProfile = loadIccProfile();
    return o;
}

compose::Composition composeSample(const std::filesystem::path& file) {
    xml::initialise();
    static const auto composer = compose::Composer::load(dataDir(), metrics());
    auto read = input::readDocumentFile(file.string());
    EXPECT_TRUE(read.ok()) << file;
    return composer->compose(read.value().document, compose::ComposeOptions{std::chrono::sys_seconds{std::chrono::seconds{1525737600}}});
}

hb_glyph_extents_t extents(std::string_view bytes, std::uint16_t gid) {
    hb::unique_ptr<hb_blob_t> blob{hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr)};
    hb::unique_ptr<hb_face_t> face{hb_face_create(blob.get(), 0)};
    hb::unique_ptr<hb_font_t> font{hb_font_create(face.get())};
    hb_glyph_extents_t e{};
    hb_font_get_glyph_extents(font.get(), gid, &e);
    return e;
}

TEST(FontSubset, BoldStackedMarksKeepTheirOutlines) {
    // vietnamese-text.md #3: a subsetter without composite closure drops the marks of bold Ấ.
    for (char32_t c : {U'Ấ', U'Ệ', U'Ẩ', U'Ữ', U'₫', U'Đ'}) {
        const std::uint16_t gid = fonts().glyphOf(font::Style::Bold, c);
        ASSERT_NE(gid, 0);
        const SubsetFont sub = subsetFont(fonts().fileBytes(font::Style::Bold), {gid});
        EXPECT_LT(sub.file.size(), fonts().fileBytes(font::Style::Bold).size() / 4);
        const auto full = extents(fonts().fileBytes(font::Style::Bold), gid);
        ASSERT_EQ(sub.newIds.size(), 1u);
        EXPECT_NE(sub.newIds[0], 0);  // components of a composite glyph may come first
        const auto kept = extents(sub.file, sub.newIds[0]);
        EXPECT_NE(full.height, 0);  // negative: HarfBuzz extents grow downwards
        EXPECT_EQ(kept.height, full.height) << "U+" << std::hex << static_cast<unsigned>(c);
        EXPECT_EQ(kept.width, full.width);
        EXPECT_EQ(kept.y_bearing, full.y_bearing) << "the marks on top are gone";
    }
}

TEST(FontSubset, TagIsSixCapitalsAndStable) {
    const std::string a = subsetTag("LiberationSerif", {3, 68, 1705});
    EXPECT_EQ(a.size(), 6u);
    for (char c : a) EXPECT_TRUE(c >= 'A' && c <= 'Z');
    EXPECT_EQ(a, subsetTag("LiberationSerif", {3, 68, 1705}));
    EXPECT_NE(a, subsetTag("LiberationSerif", {3, 68}));
}

TEST(FontSubset, GarbageIsAFailureNotACrash) {
    EXPECT_THROW(subsetFont(std::string(1000, 'x'), {1}), Failure);
}

TEST(PdfWriter, EverySampleRendersDeterministicallyAsPdfA) {
    for (const auto& file : testing::allSamples()) {
        const auto c = composeSample(file);
        const std::string a = renderPdf(c, fonts(), options());
        const std::string b = renderPdf(c, fonts(), options());
        EXPECT_EQ(a, b) << file << ": same input, different bytes";
        EXPECT_TRUE(a.starts_with("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")) << file;
        EXPECT_NE(a.find("/S/GTS_PDFA1"), std::string::npos) << file;
        EXPECT_NE(a.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos) << file;
        EXPECT_NE(a.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos) << file;
        EXPECT_NE(a.find("/Subtype/CIDFontType2"), std::string::npos) << file;
        EXPECT_NE(a.find("/ToUnicode"), std::string::npos) << file;
        EXPECT_NE(a.find("/ID [<"), std::string::npos) << file;
        EXPECT_EQ(a.find("/Encrypt"), std::string::npos) << file;
        EXPECT_EQ(a.find(" Tw"), std::string::npos) << file << ": justification must not use Tw";
    }
}

TEST(PdfWriter, IdFollowsTheContent) {
    auto c = composeSample(testing::sample("04-cong-van.xml"));
    const std::string a = renderPdf(c, fonts(), options());
    c.meta.title += " (sửa)";
    const std::string b = renderPdf(c, fonts(), options());
    const auto id = [](const std::string& s) { return s.substr(s.rfind("/ID [<"), 40); };
    EXPECT_NE(id(a), id(b));
}

TEST(PdfWriter, EmptyCompositionIsOneBlankPage) {
    compose::Composition c;
    c.meta.title = "Trống";
    const std::string pdf = renderPdf(c, fonts(), options());
    EXPECT_NE(pdf.find("/Type/Pages/Count 1"), std::string::npos);
    EXPECT_EQ(pdf.find("/FontFile2"), std::string::npos) << "no text, no font";
}

TEST(PdfWriter, MissingIccProfileNamesThePackage) {
    try {
        loadIccProfile("/nonexistent/sRGB.icc");
        ADD_FAILURE() << "no Failure";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::NotFound);
        EXPECT_NE(std::string(f.what()).find("icc-profiles-free"), std::string::npos) << f.what();
    }
}

}  // namespace
}  // namespace vanthu::pdf
