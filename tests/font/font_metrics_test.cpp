// font::FontMetrics: the manifest, advances against values read independently, failures.
#include "core/utf8.h"
#include "font/metrics.h"

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/files.h"
#include "support/test_support.h"

namespace vanthu::font {
namespace {

namespace fs = std::filesystem;

const FontMetrics& fonts() {
    static const auto f = FontMetrics::load(dataDir() / "fonts");
    return *f;
}

// A scratch folder per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        path_ = fs::temp_directory_path() /
                ("vanthu-font-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void write(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary);
    out << s;
}

std::string manifest(const std::array<std::string, 4>& files) {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<fonts xmlns="urn:vanthu:fonts:1">
  <family name="Liberation Serif" standsFor="Times New Roman" default="true">
    <face style="regular" file=")" + files[0] + R"("/>
    <face style="bold" file=")" + files[1] + R"("/>
    <face style="italic" file=")" + files[2] + R"("/>
    <face style="bold-italic" file=")" + files[3] + R"("/>
  </family>
</fonts>
)";
}

const std::string kLib = "/usr/share/fonts/truetype/liberation2/";

template <class F>
Errc failureCode(F f, std::string* what = nullptr) {
    try {
        f();
    } catch (const Failure& e) {
        if (what) *what = e.what();
        return e.code();
    }
    ADD_FAILURE() << "no Failure thrown";
    return Errc::Internal;
}

TEST(FontMetrics, LoadsTheManifestOfTheSourceTree) {
    EXPECT_EQ(fonts().family(), "Times New Roman");
    EXPECT_EQ(fonts().actualFamily(), "Liberation Serif");
    EXPECT_EQ(fonts().unitsPerEm(), 2048);
    EXPECT_EQ(fonts().face(Style::Regular).file, fs::path(kLib + "LiberationSerif-Regular.ttf"));
    EXPECT_EQ(fonts().face(Style::BoldItalic).postscriptName, "LiberationSerif-BoldItalic");
}

TEST(FontMetrics, AdvancesAreTimesNewRomanMetrics) {
    // Times New Roman (and so Liberation Serif) in font units of 2048/em: space 512, a 909, H 1479.
    EXPECT_DOUBLE_EQ(fonts().advancePt(" ", 2048, false, false), 512);
    EXPECT_DOUBLE_EQ(fonts().advancePt("a", 2048, false, false), 909);
    EXPECT_DOUBLE_EQ(fonts().advancePt("H", 2048, false, false), 1479);
    EXPECT_DOUBLE_EQ(fonts().advancePt("aaaa", 14, false, false), 4 * 909 * 14.0 / 2048);
}

TEST(FontMetrics, VietnameseLettersMeasureLikeTheirBaseLetters) {
    // Precomposed letters (NFC) keep the advance of the base letter in Times metrics.
    for (const char* s : {"ế", "ệ", "ề", "ể", "ễ"})
        EXPECT_DOUBLE_EQ(fonts().advancePt(s, 14, false, false), fonts().advancePt("e", 14, false, false)) << s;
    EXPECT_DOUBLE_EQ(fonts().advancePt("Đ", 14, true, false), fonts().advancePt("D", 14, true, false));
    EXPECT_GT(fonts().advancePt("ư", 14, false, false), 0);
}

TEST(FontMetrics, StylesDiffer) {
    const std::string s = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    const double regular = fonts().advancePt(s, 12, false, false);
    const double bold = fonts().advancePt(s, 12, true, false);
    EXPECT_GT(bold, regular);
    EXPECT_NE(fonts().advancePt(s, 12, false, true), regular);
    EXPECT_DOUBLE_EQ(fonts().advancePt(s, 12, Style::Bold), bold);
    EXPECT_DOUBLE_EQ(fonts().advancePt(s, 24, true, false), 2 * bold);
}

TEST(FontMetrics, CombiningMarksAndControlsAreZeroWidth) {
    EXPECT_DOUBLE_EQ(fonts().advancePt("e\xCC\x81", 14, false, false), fonts().advancePt("e", 14, false, false));
    EXPECT_DOUBLE_EQ(fonts().advancePt("\t\n", 14, false, false), 0);
}

TEST(FontMetrics, UnmappedAndIllFormedTextIsNeverZeroWidth) {
    // U+4E00 is not in Liberation Serif: it measures as .notdef, as a renderer would draw it.
    const double cjk = fonts().advancePt("\xE4\xB8\x80", 14, false, false);
    EXPECT_GT(cjk, 0);
    EXPECT_GT(fonts().advancePt("\xFF", 14, false, false), 0);          // lone invalid byte → U+FFFD
    EXPECT_GT(fonts().advancePt("\xE1\xBA", 14, false, false), 0);      // truncated sequence
    EXPECT_GT(fonts().advancePt("\xED\xA0\x80", 14, false, false), 0);  // a surrogate
}

TEST(FontMetrics, OtherScriptsComeFromTheFullCmap) {
    // Outside the flat ranges: Greek α and the đồng sign ₫ are in the font.
    EXPECT_GT(fonts().advancePt("α", 14, false, false), 0);
    EXPECT_GT(fonts().advancePt("₫", 14, false, false), 0);
}

TEST(FontMetrics, LineHeightIsHheaAscenderDescenderGap) {
    // Liberation Serif hhea: ascender 1825, descender −443, lineGap 87 → 2355/2048 em.
    EXPECT_NEAR(fonts().lineHeightPt(2048), 2355, 1e-9);
    EXPECT_NEAR(fonts().lineHeightPt(14), 14 * 2355.0 / 2048, 1e-9);
    EXPECT_NEAR(fonts().ascenderPt(2048), 1825, 1e-9);
    EXPECT_NEAR(fonts().descenderPt(2048), 443, 1e-9);
}

TEST(FontMetrics, DecodesUtf8) {
    const std::string s = "aĐệ\xF0\x9F\x98\x80\xC0\xAF";
    std::vector<char32_t> cps;
    for (std::size_t i = 0; i < s.size();) cps.push_back(decodeUtf8(s, i));
    EXPECT_EQ(cps, (std::vector<char32_t>{U'a', U'Đ', U'ệ', U'\U0001F600', 0xFFFD, 0xFFFD}));  // C0 AF: overlong
}

TEST(FontMetrics, IsReadOnlyAndSharedAcrossThreads) {
    const std::string s = "Độc lập - Tự do - Hạnh phúc";
    const double expected = fonts().advancePt(s, 13, true, false);
    std::vector<std::thread> threads;
    std::vector<int> bad(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2000; ++i)
                if (fonts().advancePt(s, 13, true, false) != expected) ++bad[static_cast<std::size_t>(t)];
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(bad, std::vector<int>(4, 0));
}

TEST(FontMetrics, MissingFontFileIsFontMissingNamingThePath) {
    TempDir dir;
    write(dir.path() / "fonts.xml",
          manifest({kLib + "LiberationSerif-Regular.ttf", "/nonexistent/NoSuch-Bold.ttf", kLib + "LiberationSerif-Italic.ttf",
                    kLib + "LiberationSerif-BoldItalic.ttf"}));
    std::string what;
    EXPECT_EQ(failureCode([&] { FontMetrics::load(dir.path()); }, &what), Errc::FontMissing);
    EXPECT_NE(what.find("/nonexistent/NoSuch-Bold.ttf"), std::string::npos) << what;
}

TEST(FontMetrics, CorruptFontFileIsFontMissing) {
    TempDir dir;
    write(dir.path() / "broken.ttf", std::string(4096, '\x42'));
    write(dir.path() / "fonts.xml", manifest({"broken.ttf", kLib + "LiberationSerif-Bold.ttf",
                                              kLib + "LiberationSerif-Italic.ttf", kLib + "LiberationSerif-BoldItalic.ttf"}));
    std::string what;
    EXPECT_EQ(failureCode([&] { FontMetrics::load(dir.path() / "fonts.xml"); }, &what), Errc::FontMissing);
    EXPECT_NE(what.find((dir.path() / "broken.ttf").string()), std::string::npos) << what;
}

TEST(FontMetrics, FontWithoutVietnameseIsRefused) {
    // OpenSymbol (LibreOffice): a valid TrueType font without the Vietnamese letters.
    const fs::path math = "/usr/share/fonts/truetype/libreoffice/opens___.ttf";
    VANTHU_REQUIRE_TOOL(fs::exists(math), math << " (fonts-opensymbol)");
    TempDir dir;
    write(dir.path() / "fonts.xml", manifest({math.string(), kLib + "LiberationSerif-Bold.ttf",
                                              kLib + "LiberationSerif-Italic.ttf", kLib + "LiberationSerif-BoldItalic.ttf"}));
    std::string what;
    EXPECT_EQ(failureCode([&] { FontMetrics::load(dir.path()); }, &what), Errc::FontMissing);
    EXPECT_NE(what.find("lacks the Vietnamese letter"), std::string::npos) << what;
}

TEST(FontMetrics, NonFontFileIsFontMissing) {
    TempDir dir;
    write(dir.path() / "notes.ttf", "not a font\n");
    write(dir.path() / "fonts.xml", manifest({"notes.ttf", kLib + "LiberationSerif-Bold.ttf",
                                              kLib + "LiberationSerif-Italic.ttf", kLib + "LiberationSerif-BoldItalic.ttf"}));
    EXPECT_EQ(failureCode([&] { FontMetrics::load(dir.path()); }), Errc::FontMissing);
}

TEST(FontMetrics, ManifestNamingThreeFacesIsFontMissing) {
    TempDir dir;
    std::string m = manifest({kLib + "LiberationSerif-Regular.ttf", kLib + "LiberationSerif-Bold.ttf",
                              kLib + "LiberationSerif-Italic.ttf", kLib + "LiberationSerif-BoldItalic.ttf"});
    m.erase(m.find("    <face style=\"bold-italic\""), m.find("</family>") - m.find("    <face style=\"bold-italic\""));
    write(dir.path() / "fonts.xml", m);
    EXPECT_EQ(failureCode([&] { FontMetrics::load(dir.path()); }), Errc::FontMissing);
}

TEST(FontMetrics, MissingManifestIsNotFound) {
    TempDir dir;
    EXPECT_EQ(failureCode([&] { FontMetrics::load(dir.path()); }), Errc::NotFound);
}

}  // namespace
}  // namespace vanthu::font
