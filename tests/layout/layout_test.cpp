#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "compose/composition.h"
#include "core/error.h"
#include "core/files.h"
#include "font/metrics.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "support/test_support.h"

namespace vanthu::layout {
namespace {

using compose::Align;
using compose::Block;
using compose::Composition;
using compose::Paragraph;
using compose::Section;
using compose::Table;

const Fonts& fonts() {
    static const auto f = Fonts::open(font::FontMetrics::load(dataDir() / "fonts"));
    return *f;
}

Paragraph para(std::string text, Align align = Align::Justify, double size = 14, bool bold = false) {
    Paragraph p;
    p.format.align = align;
    p.format.spaceAfterPt = 6;
    p.format.lineSpacing = 1.15;
    p.spans.push_back({std::move(text), {size, bold, false, false}});
    return p;
}

Composition doc(std::vector<Block> blocks) {
    Composition c;
    Section s;
    s.label = "main";
    s.blocks = std::move(blocks);
    c.sections.push_back(std::move(s));
    return c;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

const std::string kSentence =
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Quyết định số 01/2018/QĐ-UBND của "
    "Ủy ban nhân dân tỉnh về việc ban hành Quy chế làm việc, phí 50.000 ₫ mỗi hồ sơ. ";

std::vector<const LineInfo*> bodyLines(const LaidOut& l) {
    std::vector<const LineInfo*> out;
    for (const auto& p : l.pages)
        for (const auto& li : p.lines)
            if (li.body) out.push_back(&li);
    return out;
}

// The right edge of the last glyph of a line: where its ink box ends.
double lineEnd(const Page& p, const LineInfo& li) {
    const GlyphRun& r = p.runs[li.runEnd - 1];
    const PlacedGlyph& g = r.glyphs.back();
    return r.x + g.x + fonts().advanceOf(r.style, g.gid) * r.sizePt / fonts().unitsPerEm();
}

TEST(Layout, JustifiedLinesReachTheRightMarginButNotTheLastLine) {
    const Composition c = doc({para(repeat(kSentence, 4))});
    const LaidOut l = layoutDocument(c, fonts());
    ASSERT_EQ(l.pages.size(), 1u);
    const Page& p = l.pages[0];
    ASSERT_GE(p.lines.size(), 4u);
    const double right = c.sections[0].page.marginLeftPt + c.sections[0].page.textWidthPt();
    for (std::size_t i = 0; i + 1 < p.lines.size(); ++i)
        EXPECT_NEAR(lineEnd(p, p.lines[i]), right, 0.01) << "line " << i << ": " << p.lines[i].text;
    EXPECT_LT(lineEnd(p, p.lines.back()), right - 1) << "the last line is not stretched";
    // Justification moves glyphs: the spaces of a justified line are wider than the face's.
    const GlyphRun& r = p.runs[p.lines[0].runBegin];
    EXPECT_GT(r.glyphs.size(), 10u);
}

TEST(Layout, TextOfTheLinesIsTheParagraphText) {
    const std::string text = repeat(kSentence, 3);
    const LaidOut l = layoutDocument(doc({para(text)}), fonts());
    std::string joined;
    for (const auto* li : bodyLines(l)) joined += li->text + " ";
    auto squash = [](std::string s) {
        std::string o;
        for (char c : s)
            if (c != ' ') o += c;
        return o;
    };
    EXPECT_EQ(squash(joined), squash(text));
    // The runs carry the same text for the ToUnicode map.
    std::string runs;
    for (const auto& r : l.pages[0].runs) runs += r.text;
    EXPECT_EQ(squash(runs), squash(text));
}

TEST(Layout, DocumentNumbersAndDatesStayWhole) {
    // Push the number to every possible line end by growing the prefix one word at a time.
    int wrapped = 0, numberOpensALine = 0, dateOpensALine = 0;
    for (int n = 0; n < 24; ++n) {
        const std::string text = repeat("hành ", n) + "theo Quyết định số 01/2018/QĐ-UBND ngày 19/6/2015 của tỉnh.";
        const LaidOut l = layoutDocument(doc({para(text)}), fonts());
        const auto lines = bodyLines(l);
        wrapped += lines.size() > 1;
        for (const auto* li : lines) {
            const std::string& t = li->text;
            EXPECT_FALSE(t.ends_with("01/") || t.ends_with("01/2018/") || t.ends_with("QĐ-") || t.ends_with("19/") ||
                         t.ends_with("19/6/"))
                << "n=" << n << " line «" << t << "»";
            numberOpensALine += t.starts_with("01/2018/QĐ-UBND");
            dateOpensALine += t.starts_with("19/6/2015");
        }
    }
    // The claim means something only if line ends did fall on the number and on the date: the
    // wrap happened right before each, where a breaker without the number rules would cut it.
    EXPECT_GT(wrapped, 0) << "no paragraph wrapped: the test tests nothing";
    EXPECT_GT(numberOpensALine, 0) << "no line end fell on the document number";
    EXPECT_GT(dateOpensALine, 0) << "no line end fell on the date";
}

TEST(Layout, AWordLongerThanTheLineIsCutBetweenLetters) {
    const std::string word = repeat("Đ", 200);
    const Composition c = doc({para(word)});
    const LaidOut l = layoutDocument(c, fonts());
    const auto lines = bodyLines(l);
    ASSERT_GT(lines.size(), 2u);
    std::string joined;
    const double right = c.sections[0].page.marginLeftPt + c.sections[0].page.textWidthPt();
    for (const auto* li : lines) joined += li->text;
    EXPECT_EQ(joined, word);
    for (const auto& li : l.pages[0].lines) EXPECT_LE(lineEnd(l.pages[0], li), right + 0.01) << li.text;
}

TEST(Layout, EmptyBodyGivesOneEmptyPage) {
    EXPECT_EQ(layoutDocument(doc({}), fonts()).pages.size(), 1u);
    const LaidOut none = layoutDocument(Composition{}, fonts());
    ASSERT_EQ(none.pages.size(), 1u);
    EXPECT_TRUE(none.pages[0].runs.empty());
    Paragraph empty;
    const LaidOut l = layoutDocument(doc({empty}), fonts());
    ASSERT_EQ(l.pages.size(), 1u);
    EXPECT_TRUE(l.pages[0].runs.empty());
}

std::vector<std::uint16_t> gids(const LaidOut& l) {
    std::vector<std::uint16_t> g;
    for (const auto& p : l.pages)
        for (const auto& r : p.runs)
            for (const auto& x : r.glyphs) g.push_back(x.gid);
    return g;
}

TEST(Layout, NfdInputShapesToTheSameGlyphsAsNfc) {
    // "Quyết định" decomposed (e + U+0302 + U+0301; i + U+0323) as UniKey's "Unicode tổ hợp" types it.
    const std::string nfc = "Quyết định Ấn Độ";
    const std::string nfd = "Quye\xCC\x82\xCC\x81t đi\xCC\xA3nh A\xCC\x82\xCC\x81n \xC4\x90o\xCC\x82\xCC\xA3";
    const auto a = gids(layoutDocument(doc({para(nfc, Align::Left)}), fonts()));
    const auto b = gids(layoutDocument(doc({para(nfd, Align::Left)}), fonts()));
    EXPECT_EQ(a, b);
    for (auto g : a) EXPECT_NE(g, 0) << "a .notdef glyph";
}

TEST(Layout, BoldUpperStackedMarksAndDongSignHaveGlyphs) {
    const LaidOut l = layoutDocument(doc({para("ẤỆẨỮ QUYẾT ĐỊNH ₫", Align::Center, 14, true)}), fonts());
    const auto g = gids(l);
    ASSERT_EQ(g.size(), 4u + 1 + 5 + 1 + 4 + 1 + 1);
    for (auto x : g) EXPECT_NE(x, 0);
    EXPECT_EQ(l.pages[0].runs[0].style, font::Style::Bold);
    // One glyph per precomposed letter: the marks are part of the glyph, never separate runs.
    EXPECT_EQ(l.pages[0].runs.size(), 1u);
}

TEST(Layout, LinesStayInsideTheTextAreaAcrossPages) {
    std::vector<Block> blocks;
    for (int i = 0; i < 60; ++i) blocks.push_back(para(kSentence + kSentence));
    const Composition c = doc(std::move(blocks));
    const LaidOut l = layoutDocument(c, fonts());
    ASSERT_GT(l.pages.size(), 3u);
    const auto& ps = c.sections[0].page;
    for (const auto& p : l.pages)
        for (const auto& li : p.lines) {
            if (!li.body) continue;
            EXPECT_GE(li.top, ps.marginTopPt - 0.01);
            // The text stays above the bottom margin; what 1.15 spacing adds below the last
            // line's text (18.5 - 16.1 pt) may hang into it, as in LibreOffice.
            EXPECT_LE(li.bottom - 2.4, ps.heightPt - ps.marginBottomPt + 0.01);
        }
}

TEST(Layout, WidowAndOrphanControl) {
    // Paragraphs of 5 lines after a varying filler: whatever the filler, a paragraph split by a
    // page break leaves at least two lines on each side.
    int splits = 0;
    for (int fill = 30; fill < 42; ++fill) {
        std::vector<Block> blocks;
        for (int i = 0; i < fill; ++i) blocks.push_back(para("Dòng " + std::to_string(i), Align::Left));
        for (int i = 0; i < 6; ++i) blocks.push_back(para(repeat(kSentence, 3)));
        const LaidOut l = layoutDocument(doc(std::move(blocks)), fonts());
        for (std::size_t p = 1; p < l.pages.size(); ++p) {
            std::vector<LineInfo> prev, next;  // body lines: the page number is not one
            for (const auto& li : l.pages[p - 1].lines)
                if (li.body) prev.push_back(li);
            for (const auto& li : l.pages[p].lines)
                if (li.body) next.push_back(li);
            ASSERT_FALSE(prev.empty());
            ASSERT_FALSE(next.empty());
            const std::size_t para = prev.back().paragraph;
            if (next.front().paragraph != para) continue;
            ++splits;
            std::size_t before = 0, after = 0;
            for (const auto& li : prev) before += li.paragraph == para;
            for (const auto& li : next) after += li.paragraph == para;
            EXPECT_GE(before, 2u) << "fill " << fill << ": orphan at the bottom of page " << p;
            EXPECT_GE(after, 2u) << "fill " << fill << ": widow at the top of page " << p + 1;
        }
    }
    EXPECT_GT(splits, 0) << "no paragraph was split: the test tests nothing";
}

TEST(Layout, KeepWithNextMovesAHeadingToTheNextPage) {
    for (int fill = 30; fill < 42; ++fill) {
        std::vector<Block> blocks;
        for (int i = 0; i < fill; ++i) blocks.push_back(para("Dòng " + std::to_string(i), Align::Left));
        Paragraph heading = para("ĐIỀU KHOẢN CHUNG", Align::Center, 14, true);
        heading.format.keepWithNext = true;
        blocks.push_back(heading);
        blocks.push_back(para(repeat(kSentence, 2)));
        const LaidOut l = layoutDocument(doc(std::move(blocks)), fonts());
        for (const auto& p : l.pages)
            if (!p.lines.empty() && p.lines.back().text == "ĐIỀU KHOẢN CHUNG") ADD_FAILURE() << "fill " << fill << ": heading alone at the bottom";
    }
}

TEST(Layout, PageNumbersFromPageTwoAndRestartingPerSection) {
    std::vector<Block> blocks;
    for (int i = 0; i < 80; ++i) blocks.push_back(para(kSentence));
    Composition c = doc(blocks);
    Section appendix;
    appendix.label = "appendix I";
    appendix.blocks = blocks;
    c.sections.push_back(appendix);
    const LaidOut l = layoutDocument(c, fonts());
    int sectionPage = 0;
    std::size_t section = 99;
    for (const auto& p : l.pages) {
        sectionPage = p.section == section ? sectionPage + 1 : 1;
        section = p.section;
        EXPECT_EQ(p.number, sectionPage);
        EXPECT_EQ(p.numberShown, sectionPage > 1);
        // The number is the first run, in the top margin, centred on the text area.
        const bool hasNumberRun = !p.runs.empty() && p.runs[0].text == std::to_string(p.number) &&
                                  p.runs[0].baseline < c.sections[0].page.marginTopPt;
        EXPECT_EQ(hasNumberRun, p.numberShown);
        if (hasNumberRun) {
            const auto& ps = c.sections[0].page;
            const GlyphRun& r = p.runs[0];
            const PlacedGlyph& g = r.glyphs.back();
            const double end = r.x + g.x + fonts().advanceOf(r.style, g.gid) * r.sizePt / fonts().unitsPerEm();
            EXPECT_NEAR((r.x + end) / 2, ps.marginLeftPt + ps.textWidthPt() / 2, 0.01);
        }
    }
    EXPECT_GT(sectionPage, 1);
    EXPECT_GT(l.pages.back().section, 0u);
}

TEST(Layout, KeepTogetherTableMovesWhole) {
    int moved = 0;
    for (int fill = 20; fill < 44; fill += 2) {
        std::vector<Block> blocks;
        for (int i = 0; i < fill; ++i) blocks.push_back(para("Dòng " + std::to_string(i), Align::Left));
        Table t;
        t.kind = Table::Kind::Signature;
        t.keepTogether = true;
        t.columnWidthsPt = {200, 267};
        for (int r = 0; r < 6; ++r) {
            compose::Cell a, b;
            a.paragraphs.push_back(para("Nơi nhận " + std::to_string(r), Align::Left, 11));
            b.paragraphs.push_back(para("KT. BỘ TRƯỞNG " + std::to_string(r), Align::Center, 14, true));
            t.rows.push_back({a, b});
        }
        blocks.push_back(t);
        const Composition c = doc(std::move(blocks));
        const LaidOut l = layoutDocument(c, fonts());
        const auto& ps = c.sections[0].page;
        int pagesWithTable = 0;
        std::size_t tablePage = 0, fillerPage = 0;
        double fillerBottom = 0, firstRowHeight = 0;
        for (std::size_t pi = 0; pi < l.pages.size(); ++pi) {
            bool any = false;
            for (const auto& li : l.pages[pi].lines) {
                if (li.text == "Dòng " + std::to_string(fill - 1)) fillerPage = pi, fillerBottom = li.bottom;
                if (li.text == "KT. BỘ TRƯỞNG 0") tablePage = pi, firstRowHeight = li.bottom - li.top;
                any = any || li.text.starts_with("KT. BỘ TRƯỞNG");
            }
            pagesWithTable += any;
        }
        EXPECT_EQ(pagesWithTable, 1) << "fill " << fill;
        // A move: the table starts a page after the last filler line although a row of it would
        // have fitted below that line — without keep-together it would have been split there.
        const bool rowFitsBelowFiller = fillerBottom + 2 * firstRowHeight < ps.heightPt - ps.marginBottomPt;
        if (tablePage > fillerPage && rowFitsBelowFiller) ++moved;
    }
    EXPECT_GT(moved, 0) << "the table never had to move: the test tests nothing";
}

TEST(Layout, SameInputSameLayout) {
    const Composition c = doc({para(repeat(kSentence, 5)), para("Điều 1. Ấn định.")});
    const LaidOut a = layoutDocument(c, fonts()), b = layoutDocument(c, fonts());
    ASSERT_EQ(a.pages.size(), b.pages.size());
    ASSERT_EQ(a.pages[0].runs.size(), b.pages[0].runs.size());
    for (std::size_t i = 0; i < a.pages[0].runs.size(); ++i) {
        EXPECT_EQ(a.pages[0].runs[i].text, b.pages[0].runs[i].text);
        EXPECT_EQ(a.pages[0].runs[i].x, b.pages[0].runs[i].x);
    }
}

TEST(Fonts, MissingOrCorruptFaceIsAClearFailure) {
    const auto dir = std::filesystem::temp_directory_path() / "vanthu-layout-badfont";
    std::filesystem::create_directories(dir);
    const auto bad = dir / "corrupt.ttf";
    writeFileAtomic(bad, std::string(4096, 'x'));
    const auto& good = fonts().metrics().face(font::Style::Regular).file;
    try {
        font::FontMetrics::fromFiles({good, bad, good, good}, "Times New Roman");
        ADD_FAILURE() << "a corrupt font was accepted";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::FontMissing);
        EXPECT_NE(std::string(f.what()).find("corrupt.ttf"), std::string::npos) << f.what();
    }
    try {
        font::FontMetrics::fromFiles({good, dir / "missing.ttf", good, good}, "Times New Roman");
        ADD_FAILURE() << "a missing font was accepted";
    } catch (const Failure& f) {
        EXPECT_EQ(f.code(), Errc::FontMissing);
        EXPECT_NE(std::string(f.what()).find("missing.ttf"), std::string::npos) << f.what();
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vanthu::layout

namespace vanthu::layout {
namespace {

TEST(Layout, FramedMarksGetTheirBoxInsideTablesToo) {
    Paragraph mark = para("KHẨN", compose::Align::Center, 13, true);
    mark.frame = compose::frameAround(mark, compose::mm(20), compose::mm(8));
    Table t;
    t.kind = Table::Kind::Header;
    t.columnWidthsPt = {200, 267};
    compose::Cell a, b;
    a.paragraphs.push_back(mark);
    t.rows.push_back({a, b});
    for (const Block& block : {Block{mark}, Block{t}}) {
        const LaidOut l = layoutDocument(doc({block}), fonts());
        const auto& st = l.pages[0].strokes;
        ASSERT_EQ(st.size(), 4u);
        EXPECT_NEAR(st[0].x1 - st[0].x0, compose::mm(20), 0.05);  // the top edge is the frame's width
        EXPECT_NEAR(st[2].y1 - st[2].y0, compose::mm(8), 1.5);    // the side as high as asked, ±1 pt rounding
        // the text sits inside the box
        const GlyphRun& r = l.pages[0].runs[0];
        EXPECT_GT(r.x, st[0].x0);
        EXPECT_GT(r.baseline, st[0].y0);
        EXPECT_LT(r.baseline, st[1].y0);
    }
}

}  // namespace
}  // namespace vanthu::layout

namespace vanthu::layout {
namespace {

TEST(Fonts, FastPathShapesLikeHarfBuzz) {
    // Every word of every sample, in every face, plus each Vietnamese letter and ₫: the fast
    // path must give HarfBuzz's glyphs, advances, offsets and clusters.
    std::vector<std::string> words;
    for (const auto& file : testing::allSamples()) {
        const std::string text = readFile(file);
        std::size_t i = 0;
        while (i < text.size()) {
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '<' && text[j] != '>') ++j;
            if (j > i) words.push_back(text.substr(i, j - i));
            i = j + 1;
        }
    }
    for (const char* w : {"ẤỆẨỮ", "ăâđêôơưĂÂĐÊÔƠƯ", "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ", "50.000₫", "“Đề”–…"})
        words.push_back(w);
    ASSERT_GT(words.size(), 1000u);
    std::vector<ShapedGlyph> a, b;
    for (int st = 0; st < 4; ++st)
        for (const auto& w : words) {
            fonts().shape(static_cast<font::Style>(st), w, a, true);
            fonts().shape(static_cast<font::Style>(st), w, b, false);
            ASSERT_EQ(a.size(), b.size()) << w;
            for (std::size_t k = 0; k < a.size(); ++k) {
                EXPECT_EQ(a[k].gid, b[k].gid) << w;
                EXPECT_EQ(a[k].advance, b[k].advance) << w;
                EXPECT_EQ(a[k].xOffset, b[k].xOffset) << w;
                EXPECT_EQ(a[k].yOffset, b[k].yOffset) << w;
                EXPECT_EQ(a[k].cluster, b[k].cluster) << w;
            }
        }
}

}  // namespace
}  // namespace vanthu::layout
