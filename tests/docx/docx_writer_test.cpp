#include "docx/docx_writer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <regex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "core/files.h"
#include "docx/docx_test_util.h"
#include "docx/fixtures.h"
#include "docx/package_parts.h"
#include "docx/zip_reader.h"
#include "support/test_support.h"

namespace vanthu {
namespace {

using namespace vanthu::testing;
using compose::Role;

std::string documentXml(const compose::Composition& c) {
    return partBytes(docx::buildParts(c, fixedOptions()), "word/document.xml");
}

long long tw(double pt) { return std::llround(pt * 20); }

// Target of relationship `id` in a .rels part.
std::optional<std::string> relationshipTarget(const std::string& rels, const std::string& id) {
    const auto at = rels.find(" Id=\"" + id + "\"");
    if (at == std::string::npos) return std::nullopt;
    return attrOf(std::string_view(rels).substr(rels.rfind('<', at)), "<Relationship ", "Target");
}

// Body-level paragraphs (tables cut out) of document.xml.
std::string withoutTables(std::string xml) {
    for (;;) {
        const auto a = xml.find("<w:tbl>");
        if (a == std::string::npos) return xml;
        xml.erase(a, xml.find("</w:tbl>", a) + 8 - a);
    }
}

// ---- package ---------------------------------------------------------------------------------

TEST(DocxPackage, RenderTwiceGivesSameBytes) {
    const auto c = smallDecision();
    const std::string a = docx::renderDocx(c, fixedOptions());
    const std::string b = docx::renderDocx(c, fixedOptions());
    ASSERT_FALSE(a.empty());
    EXPECT_EQ(a, b);
}

TEST(DocxPackage, ConcurrentRendersGiveTheSameBytes) {
    const auto c = longDecision(3);
    const std::string expected = docx::renderDocx(c, fixedOptions());
    std::vector<std::string> got(4);
    std::vector<std::thread> threads;
    for (auto& g : got)
        threads.emplace_back([&c, &g] {
            for (int i = 0; i < 3; ++i) g = docx::renderDocx(c, fixedOptions());
        });
    for (auto& t : threads) t.join();
    for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(DocxPackage, DifferentCreatedChangesOnlyCoreXml) {
    const auto c = smallDecision();
    auto later = fixedOptions();
    later.created += std::chrono::hours(24 * 400) + std::chrono::seconds(7);
    const auto a = readZip(docx::renderDocx(c, fixedOptions()));
    const auto b = readZip(docx::renderDocx(c, later));
    ASSERT_EQ(a.size(), b.size());
    std::set<std::string> differing;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_EQ(a[i].name, b[i].name);
        EXPECT_EQ(a[i].dosDate, b[i].dosDate);
        EXPECT_EQ(a[i].dosTime, b[i].dosTime);
        if (a[i].data != b[i].data) differing.insert(a[i].name);
    }
    EXPECT_EQ(differing, std::set<std::string>{"docProps/core.xml"});
    const std::string core = zipPart(docx::renderDocx(c, later), "docProps/core.xml");
    EXPECT_NE(core.find(">2019-06-12T00:00:07Z</dcterms:created>"), std::string::npos) << core;
}

TEST(DocxPackage, MetaCreatedWinsOverOptions) {
    auto c = smallDecision();
    c.meta.created = "2020-03-05T08:30:00Z";
    const std::string core = partBytes(docx::buildParts(c, fixedOptions()), "docProps/core.xml");
    EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-03-05T08:30:00Z</dcterms:created>"),
              std::string::npos);
    EXPECT_NE(core.find("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2020-03-05T08:30:00Z</dcterms:modified>"),
              std::string::npos);
}

TEST(DocxPackage, ZipHoldsThePartsInOrderContentTypesFirst) {
    const auto c = smallDecision();
    const auto parts = docx::buildParts(c, fixedOptions());
    const auto entries = readZip(docx::renderDocx(c, fixedOptions()));
    ASSERT_EQ(entries.size(), parts.size());
    EXPECT_EQ(entries.front().name, "[Content_Types].xml");
    for (std::size_t i = 0; i < parts.size(); ++i) {
        EXPECT_EQ(entries[i].name, parts[i].name);
        EXPECT_EQ(entries[i].data, parts[i].bytes) << parts[i].name;
        EXPECT_EQ(entries[i].flags, 0x0800) << "UTF-8 name flag only";
        EXPECT_EQ(entries[i].dosDate, 0x0021) << "1980-01-01";
        EXPECT_EQ(entries[i].dosTime, 0);
    }
    const std::set<std::string> names = [&] {
        std::set<std::string> s;
        for (const auto& e : entries) s.insert(e.name);
        return s;
    }();
    for (const char* required : {"_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                                 "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/header2.xml",
                                 "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"})
        EXPECT_TRUE(names.count(required)) << required;
}

TEST(DocxPackage, UnzipTestAcceptsTheArchive) {
    VANTHU_REQUIRE_PROGRAM("unzip", "unzip");
    TempDir dir("docx-unzip");
    const auto file = dir.path() / "small.docx";
    writeFileAtomic(file, docx::renderDocx(smallDecision(), fixedOptions()));
    std::string out;
    EXPECT_EQ(runCommand("unzip -t " + shellQuote(file.string()), &out), 0) << out;
    EXPECT_NE(out.find("No errors detected"), std::string::npos) << out;
}

TEST(DocxPackage, ContentTypesOverrideEveryTypedPartAndRelsResolve) {
    const auto parts = docx::buildParts(smallDecision(), fixedOptions());
    const std::string types = partBytes(parts, "[Content_Types].xml");
    for (const auto& p : parts) {
        if (p.contentType.empty()) continue;
        EXPECT_NE(types.find("<Override PartName=\"/" + p.name + "\" ContentType=\"" + p.contentType + "\"/>"),
                  std::string::npos)
            << p.name;
    }
    // Every header the document references exists, with a relationship of the header type.
    const std::string doc = partBytes(parts, "word/document.xml");
    const std::string rels = partBytes(parts, "word/_rels/document.xml.rels");
    const std::regex ref("r:id=\"(rId[0-9]+)\"");
    std::set<std::string> ids;
    for (std::sregex_iterator it(doc.begin(), doc.end(), ref), end; it != end; ++it) ids.insert((*it)[1]);
    EXPECT_FALSE(ids.empty());
    for (const auto& id : ids) {
        const auto target = relationshipTarget(rels, id);
        ASSERT_TRUE(target);
        EXPECT_FALSE(partBytes(parts, "word/" + *target).empty()) << *target;
    }
}

// ---- runs and text ----------------------------------------------------------------------------

TEST(DocxRuns, EveryRunHasAllFourFontSlotsVietnameseAndBlack) {
    const auto parts = docx::buildParts(smallDecision(), fixedOptions());
    const std::string fonts =
        "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
        "w:cs=\"Times New Roman\"/>";
    const std::string lang = "<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"vi-VN\"/>";
    std::size_t runs = 0;
    for (const auto& p : parts) {
        if (p.name != "word/document.xml" && p.name.rfind("word/header", 0) != 0) continue;
        for (auto run : between(p.bytes, "<w:r>", "</w:r>")) {
            ++runs;
            EXPECT_NE(run.find(fonts), std::string_view::npos) << p.name << ": " << run;
            EXPECT_NE(run.find(lang), std::string_view::npos) << p.name << ": " << run;
            EXPECT_NE(run.find("<w:color w:val=\"000000\"/>"), std::string_view::npos) << run;
        }
        // Paragraph marks carry their size (an empty paragraph's height); their fonts and language
        // come from docDefaults, checked below.
        for (auto mark : between(p.bytes, "<w:pPr>", "</w:pPr>"))
            EXPECT_NE(mark.find("<w:rPr>"), std::string_view::npos) << p.name << ": " << mark;
    }
    EXPECT_GT(runs, 40u);
    const std::string styles = partBytes(parts, "word/styles.xml");
    const auto defaults = between(styles, "<w:rPrDefault>", "</w:rPrDefault>");
    ASSERT_EQ(defaults.size(), 1u);
    EXPECT_NE(defaults[0].find(fonts), std::string_view::npos);
    EXPECT_NE(defaults[0].find(lang), std::string_view::npos);
}

TEST(DocxRuns, StyleMapsToHalfPointsBoldItalicUnderline) {
    compose::Composition c;
    compose::Section s;
    compose::Paragraph p;
    p.spans.push_back({"a", {13, true, false, false}});
    p.spans.push_back({"b", {13.5, false, true, true}});
    s.blocks.push_back(p);
    c.sections.push_back(s);
    const auto runs = between(documentXml(c), "<w:r>", "</w:r>");
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_NE(runs[0].find("<w:b/><w:bCs/>"), std::string_view::npos);
    EXPECT_EQ(runs[0].find("<w:i/>"), std::string_view::npos);
    EXPECT_NE(runs[0].find("<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"), std::string_view::npos);
    EXPECT_EQ(runs[1].find("<w:b/>"), std::string_view::npos);
    EXPECT_NE(runs[1].find("<w:i/><w:iCs/>"), std::string_view::npos);
    EXPECT_NE(runs[1].find("<w:sz w:val=\"27\"/>"), std::string_view::npos);
    EXPECT_NE(runs[1].find("<w:u w:val=\"single\"/>"), std::string_view::npos);
}

TEST(DocxText, NfcStackedMarksPreservedByteForByte) {
    const std::string doc = documentXml(smallDecision());
    EXPECT_NE(doc.find(std::string(kStackedMarks)), std::string::npos);
    EXPECT_NE(doc.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
    EXPECT_NE(doc.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos);
}

TEST(DocxText, EscapesMarkupAndMapsTabsAndBreaks) {
    const std::string doc = documentXml(smallDecision());
    EXPECT_NE(doc.find("<w:t xml:space=\"preserve\">2. Giá trị \"x\" &lt; 5 &amp; y &gt; 3;</w:t><w:tab/>"
                       "<w:t xml:space=\"preserve\">cột sau tab</w:t><w:br/>"
                       "<w:t xml:space=\"preserve\">dòng sau ngắt dòng.</w:t></w:r>"),
              std::string::npos);
    EXPECT_NE(doc.find("<w:t xml:space=\"preserve\">  Hai khoảng trắng ở đầu và  giữa câu. </w:t>"), std::string::npos);
}

TEST(DocxText, SpansWithTheSameStyleShareOneRun) {
    const std::string doc = documentXml(smallDecision());
    // "Điều 1. " and the title are two bold spans: one run, one w:t.
    EXPECT_NE(doc.find("<w:t xml:space=\"preserve\">Điều 1. Phạm vi điều chỉnh</w:t></w:r></w:p>"), std::string::npos);
    compose::Composition c;
    compose::Section s;
    compose::Paragraph p;
    p.spans = {{"a", {14, true}}, {"", {14, true}}, {"b\n", {14, true}}, {"c", {14}}, {"", {13}}, {"d", {14, true}}};
    s.blocks.push_back(p);
    c.sections.push_back(s);
    const auto runs = between(documentXml(c), "<w:r>", "</w:r>");
    ASSERT_EQ(runs.size(), 3u) << "bold a+b, plain c, bold d; the empty 13 pt span makes no run";
    EXPECT_NE(runs[0].find("<w:t xml:space=\"preserve\">ab</w:t><w:br/></w:r>"), std::string_view::npos) << runs[0];
    EXPECT_NE(runs[1].find(">c</w:t>"), std::string_view::npos);
    EXPECT_NE(runs[2].find(">d</w:t>"), std::string_view::npos);
}

TEST(DocxParagraphs, DirectFormattingInTwips) {
    const std::string doc = documentXml(smallDecision());
    const auto paragraphs = between(doc, "<w:p>", "</w:p>");
    const auto point = std::find_if(paragraphs.begin(), paragraphs.end(),
                                    [](std::string_view p) { return p.find("a) Điểm có thụt treo;") != std::string_view::npos; });
    ASSERT_NE(point, paragraphs.end());
    EXPECT_NE(point->find("<w:pStyle w:val=\"Point\"/>"), std::string_view::npos);
    EXPECT_EQ(intAttrOf(*point, "<w:ind ", "w:left"), tw(compose::mm(5)));
    EXPECT_EQ(intAttrOf(*point, "<w:ind ", "w:hanging"), tw(compose::mm(5)));
    EXPECT_EQ(intAttrOf(*point, "<w:spacing ", "w:after"), 120);
    EXPECT_EQ(intAttrOf(*point, "<w:spacing ", "w:line"), 276);  // 1.15 × 240
    EXPECT_EQ(attrOf(*point, "<w:spacing ", "w:lineRule"), "auto");
    EXPECT_EQ(attrOf(*point, "<w:jc ", "w:val"), "both");
    EXPECT_NE(point->find("<w:widowControl/>"), std::string_view::npos);
    const auto decision = std::find_if(paragraphs.begin(), paragraphs.end(),
                                       [](std::string_view p) { return p.find("QUYẾT ĐỊNH:") != std::string_view::npos; });
    ASSERT_NE(decision, paragraphs.end());
    EXPECT_NE(decision->find("<w:keepNext/>"), std::string_view::npos);
    EXPECT_EQ(attrOf(*decision, "<w:jc ", "w:val"), "center");
}

// ---- sections and page numbers ----------------------------------------------------------------

// The header part a section shows for `type`: its own reference, else the previous section's
// (§17.10.5 inheritance), as Word resolves it.
std::string resolvedHeader(const std::vector<docx::Part>& parts, std::size_t section, std::string_view type) {
    const auto sections = between(partBytes(parts, "word/document.xml"), "<w:sectPr>", "</w:sectPr>");
    const std::string rels = partBytes(parts, "word/_rels/document.xml.rels");
    for (std::size_t s = section + 1; s-- > 0;) {
        const auto id = attrOf(sections.at(s), "<w:headerReference w:type=\"" + std::string(type) + "\"", "r:id");
        if (!id) continue;
        const auto target = relationshipTarget(rels, *id);
        return target ? partBytes(parts, "word/" + *target) : std::string();
    }
    return {};
}

TEST(DocxSections, PageNumberHeaderWithEmptyFirstPage) {
    const auto parts = docx::buildParts(smallDecision(), fixedOptions());
    const std::string doc = partBytes(parts, "word/document.xml");
    const auto sections = between(doc, "<w:sectPr>", "</w:sectPr>");
    ASSERT_EQ(sections.size(), 2u);
    for (std::size_t s = 0; s < sections.size(); ++s) {
        EXPECT_NE(sections[s].find("<w:titlePg/>"), std::string_view::npos) << sections[s];
        const std::string numbered = resolvedHeader(parts, s, "default");
        EXPECT_NE(numbered.find("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"), std::string::npos) << s;
        EXPECT_NE(numbered.find("<w:jc w:val=\"center\"/>"), std::string::npos);
        EXPECT_NE(numbered.find("<w:sz w:val=\"26\"/>"), std::string::npos) << "13 pt from PageNumbering.style";
        EXPECT_EQ(count(numbered, "w:fldCharType="), 3u);
        const std::string empty = resolvedHeader(parts, s, "first");
        EXPECT_EQ(empty.find("<w:r>"), std::string::npos) << s;
        EXPECT_NE(empty.find("<w:p>"), std::string::npos) << "a header needs a paragraph";
    }
    // The first section names both headers; the appendix has the same ones and inherits them
    // (Word's "Link to Previous"), so only two header parts exist.
    EXPECT_NE(sections[0].find("<w:headerReference w:type=\"default\""), std::string_view::npos);
    EXPECT_NE(sections[0].find("<w:headerReference w:type=\"first\""), std::string_view::npos);
    EXPECT_EQ(sections[1].find("<w:headerReference"), std::string_view::npos);
    EXPECT_EQ(partBytes(parts, "word/_rels/document.xml.rels").find("header3.xml"), std::string::npos);
    // settings.xml must not turn on different odd/even headers.
    EXPECT_EQ(partBytes(parts, "word/settings.xml").find("evenAndOddHeaders"), std::string::npos);
}

TEST(DocxSections, LaterSectionsStartOnNewPageAndRestartNumbering) {
    const std::string doc = documentXml(longDecision(2));
    const auto sections = between(doc, "<w:sectPr>", "</w:sectPr>");
    ASSERT_EQ(sections.size(), 3u);
    EXPECT_EQ(sections[0].find("<w:type "), std::string_view::npos);
    for (std::size_t i = 0; i < sections.size(); ++i) {
        EXPECT_EQ(intAttrOf(sections[i], "<w:pgNumType ", "w:start"), 1) << i;
        if (i > 0) {
            EXPECT_NE(sections[i].find("<w:type w:val=\"nextPage\"/>"), std::string_view::npos) << i;
        }
    }
    // Sections 1 and 2 end in a paragraph's w:pPr; the last one is the last child of w:body.
    EXPECT_EQ(count(doc, "<w:sectPr>"), 3u);
    EXPECT_EQ(count(doc, "</w:sectPr></w:pPr></w:p>"), 2u);
    EXPECT_NE(doc.find("</w:sectPr></w:body></w:document>"), std::string::npos);
}

TEST(DocxSections, StartAtAndDisabledNumberingAreHonoured) {
    auto c = smallDecision();
    c.sections[1].numbering.startAt = 5;
    c.sections[0].numbering.enabled = false;
    const auto parts = docx::buildParts(c, fixedOptions());
    const auto sections = between(partBytes(parts, "word/document.xml"), "<w:sectPr>", "</w:sectPr>");
    ASSERT_EQ(sections.size(), 2u);
    EXPECT_EQ(intAttrOf(sections[1], "<w:pgNumType ", "w:start"), 5);
    // No number anywhere in section 1: its default header is empty, and it needs no titlePg.
    EXPECT_EQ(sections[0].find("<w:titlePg/>"), std::string_view::npos);
    EXPECT_EQ(resolvedHeader(parts, 0, "default").find("PAGE"), std::string::npos);
    // Section 2 numbers its pages: it must name its own headers rather than inherit.
    EXPECT_NE(resolvedHeader(parts, 1, "default").find(" PAGE "), std::string::npos);
    EXPECT_NE(sections[1].find("<w:headerReference w:type=\"first\""), std::string_view::npos);
    EXPECT_EQ(resolvedHeader(parts, 1, "first").find("PAGE"), std::string::npos);
    // Number on the first page too: no titlePg.
    c.sections[1].numbering.onFirstPage = true;
    const auto again = between(documentXml(c), "<w:sectPr>", "</w:sectPr>");
    EXPECT_EQ(again[1].find("<w:titlePg/>"), std::string_view::npos);
}

TEST(DocxSections, PageSizeAndMarginsInTwips) {
    const auto sections = between(documentXml(smallDecision()), "<w:sectPr>", "</w:sectPr>");
    ASSERT_FALSE(sections.empty());
    const auto s = sections[0];
    EXPECT_EQ(intAttrOf(s, "<w:pgSz ", "w:w"), 11906);
    EXPECT_EQ(intAttrOf(s, "<w:pgSz ", "w:h"), 16838);
    EXPECT_FALSE(attrOf(s, "<w:pgSz ", "w:orient"));
    EXPECT_EQ(intAttrOf(s, "<w:pgMar ", "w:top"), 1134);     // 20 mm
    EXPECT_EQ(intAttrOf(s, "<w:pgMar ", "w:bottom"), 1134);
    EXPECT_EQ(intAttrOf(s, "<w:pgMar ", "w:left"), 1701);    // 30 mm
    EXPECT_EQ(intAttrOf(s, "<w:pgMar ", "w:right"), 850);    // 15 mm
    EXPECT_EQ(intAttrOf(s, "<w:pgMar ", "w:header"), 567);   // 10 mm
    EXPECT_EQ(intAttrOf(s, "<w:pgMar ", "w:gutter"), 0);
}

// ---- rules and frames ---------------------------------------------------------------------------

// The paragraph right after the one containing `text` (in document order).
std::string_view paragraphAfter(std::string_view doc, std::string_view text) {
    const auto paragraphs = between(doc, "<w:p>", "</w:p>");
    for (std::size_t i = 0; i + 1 < paragraphs.size(); ++i)
        if (paragraphs[i].find(text) != std::string_view::npos) return paragraphs[i + 1];
    ADD_FAILURE() << "no paragraph with " << text;
    return {};
}

long long ruleWidth(std::string_view rule, long long columnTw) {
    const auto left = intAttrOf(rule, "<w:ind ", "w:left");
    const auto right = intAttrOf(rule, "<w:ind ", "w:right");
    EXPECT_TRUE(left && right) << rule;
    return columnTw - left.value_or(0) - right.value_or(0);
}

TEST(DocxRules, BodyRuleIsExactlyLengthCentredInTheTextColumn) {
    const auto c = smallDecision();
    const std::string doc = withoutTables(documentXml(c));
    const std::string_view rule = paragraphAfter(doc, "Về việc ban hành Quy chế");
    EXPECT_NE(rule.find("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>"),
              std::string_view::npos)
        << rule;
    EXPECT_EQ(rule.find("<w:r>"), std::string_view::npos) << "the rule paragraph is empty";
    const long long column = tw(c.sections[0].page.textWidthPt());
    EXPECT_NEAR(ruleWidth(rule, column), tw(120), 1);
    const long long left = *intAttrOf(rule, "<w:ind ", "w:left");
    const long long right = *intAttrOf(rule, "<w:ind ", "w:right");
    EXPECT_LE(std::llabs(left - right), 1) << "centred";
    // Tiny: exact line = the gap; the owner's 12 pt space-after moved below the rule.
    EXPECT_EQ(attrOf(rule, "<w:spacing ", "w:lineRule"), "exact");
    EXPECT_EQ(intAttrOf(rule, "<w:spacing ", "w:line"), 20);
    EXPECT_EQ(intAttrOf(rule, "<w:spacing ", "w:after"), 240);
    EXPECT_NE(rule.find("<w:sz w:val=\"2\"/>"), std::string_view::npos);
    const auto owner = between(doc, "<w:p>", "</w:p>");
    const auto it = std::find_if(owner.begin(), owner.end(),
                                 [](std::string_view p) { return p.find("Về việc ban hành Quy chế") != std::string_view::npos; });
    ASSERT_NE(it, owner.end());
    EXPECT_EQ(intAttrOf(*it, "<w:spacing ", "w:after"), 0);
    EXPECT_NE(it->find("<w:keepNext/>"), std::string_view::npos) << "the text keeps with its rule";
}

TEST(DocxRules, CellRuleUsesTheCellWidthAndOwnIndents) {
    auto c = smallDecision();
    // Give the Tiêu ngữ paragraph indents: the rule centres between them.
    auto& header = std::get<compose::Table>(c.sections[0].blocks[0]);
    auto& tieuNgu = header.rows[0][1].paragraphs[1];
    tieuNgu.format.leftIndentPt = 10;
    tieuNgu.format.rightIndentPt = 30;
    const std::string doc = documentXml(c);
    const std::string_view rule = paragraphAfter(doc, "Độc lập - Tự do - Hạnh phúc");
    const double cellPt = header.columnWidthsPt[0] + header.columnWidthsPt[1];
    const long long cellTw = tw(cellPt) - tw(header.columnWidthsPt[0]);  // cell edges are rounded cumulatively
    EXPECT_NEAR(ruleWidth(rule, cellTw), tw(165.5), 1);
    const long long left = *intAttrOf(rule, "<w:ind ", "w:left");
    const long long right = *intAttrOf(rule, "<w:ind ", "w:right");
    EXPECT_LE(std::llabs((left - tw(10)) - (right - tw(30))), 1) << "centred between the paragraph's indents";
    // And the Issuer rule in the other column.
    const std::string_view issuerRule = paragraphAfter(doc, "BỘ TƯ PHÁP</w:t>");
    EXPECT_NEAR(ruleWidth(issuerRule, tw(header.columnWidthsPt[0])), tw(30), 1);
}

TEST(DocxRules, SectionBreakGoesIntoTheRuleWhenTheLastParagraphHasOne) {
    compose::Composition c;
    for (int i = 0; i < 2; ++i) {
        compose::Section s;
        compose::Paragraph p;
        p.role = Role::Subject;
        p.spans.push_back({"Trích yếu", {}});
        p.ruleBelow = compose::Rule{50, 0.75, 2};
        s.blocks.push_back(p);
        c.sections.push_back(s);
    }
    const std::string doc = documentXml(c);
    const auto paragraphs = between(doc, "<w:p>", "</w:p>");
    ASSERT_EQ(paragraphs.size(), 4u);
    EXPECT_EQ(paragraphs[0].find("<w:sectPr>"), std::string_view::npos);
    EXPECT_NE(paragraphs[1].find("<w:sectPr>"), std::string_view::npos);
    EXPECT_NE(paragraphs[1].find("w:sz=\"6\""), std::string_view::npos) << "0.75 pt = 6 eighths";
    EXPECT_EQ(intAttrOf(paragraphs[1], "<w:spacing ", "w:line"), 40);
}

TEST(DocxFrames, UrgencyBoxHasFourSidesAndTheGivenWidth) {
    const auto c = smallDecision();
    const std::string doc = withoutTables(documentXml(c));
    const auto paragraphs = between(doc, "<w:p>", "</w:p>");
    const auto it = std::find_if(paragraphs.begin(), paragraphs.end(),
                                 [](std::string_view p) { return p.find(">KHẨN<") != std::string_view::npos; });
    ASSERT_NE(it, paragraphs.end());
    for (const char* side : {"<w:top ", "<w:left ", "<w:bottom ", "<w:right "})
        EXPECT_EQ(attrOf(*it, side, "w:val"), "single") << side;
    EXPECT_NEAR(ruleWidth(*it, tw(c.sections[0].page.textWidthPt())), tw(compose::mm(20)), 1);
    // 8 mm ≈ 22.7 pt; a 13 pt line is ≈ 15 pt: about 3 pt of padding above and below.
    EXPECT_EQ(intAttrOf(*it, "<w:top ", "w:space"), 3);
    EXPECT_EQ(intAttrOf(*it, "<w:bottom ", "w:space"), 3);
}

// ---- tables -------------------------------------------------------------------------------------

TEST(DocxTables, LayoutTablesHaveNoBordersAndZeroSideMargins) {
    const auto c = smallDecision();
    const auto tables = between(documentXml(c), "<w:tbl>", "</w:tbl>");
    ASSERT_EQ(tables.size(), 5u);
    for (std::size_t i : {0u, 2u}) {  // header and signature tables
        const auto t = tables[i];
        EXPECT_EQ(count(t.substr(0, t.find("</w:tblBorders>")), "w:val=\"none\""), 6u) << t;
        const auto margins = between(t, "<w:tblCellMar>", "</w:tblCellMar>");
        ASSERT_EQ(margins.size(), 1u);
        for (const char* side : {"<w:top ", "<w:left ", "<w:bottom ", "<w:right "})
            EXPECT_EQ(intAttrOf(margins[0], side, "w:w"), 0) << side;
        EXPECT_NE(t.find("<w:tblLayout w:type=\"fixed\"/>"), std::string_view::npos);
    }
    const auto& header = std::get<compose::Table>(c.sections[0].blocks[0]);
    EXPECT_EQ(intAttrOf(tables[0], "<w:tblW ", "w:w"), tw(header.columnWidthsPt[0] + header.columnWidthsPt[1]));
    EXPECT_EQ(attrOf(tables[0], "<w:tblW ", "w:type"), "dxa");
    EXPECT_EQ(count(tables[0], "<w:gridCol "), 2u);
}

TEST(DocxTables, BodyTableHasGridLinesAndARepeatedHeaderRow) {
    const auto tables = between(documentXml(smallDecision()), "<w:tbl>", "</w:tbl>");
    ASSERT_EQ(tables.size(), 5u);
    const auto t = tables[1];
    EXPECT_EQ(count(t.substr(0, t.find("</w:tblBorders>")), "w:val=\"single\""), 6u);
    const auto margins = between(t, "<w:tblCellMar>", "</w:tblCellMar>");
    ASSERT_EQ(margins.size(), 1u);
    EXPECT_EQ(intAttrOf(margins[0], "<w:left ", "w:w"), 108);
    EXPECT_EQ(intAttrOf(margins[0], "<w:right ", "w:w"), 108);
    const auto rows = between(t, "<w:tr>", "</w:tr>");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_NE(rows[0].find("<w:tblHeader/>"), std::string_view::npos);
    EXPECT_EQ(rows[1].find("<w:tblHeader/>"), std::string_view::npos);
    EXPECT_EQ(intAttrOf(t, "<w:gridCol ", "w:w"), 800);
    // The empty cell still holds a paragraph.
    for (auto row : rows)
        for (auto cell : between(row, "<w:tc>", "</w:tc>")) EXPECT_NE(cell.find("<w:p>"), std::string_view::npos);
}

TEST(DocxTables, KeepTogetherChainsRowsAndNeverSplitsThem) {
    auto c = smallDecision();
    auto& sig = std::get<compose::Table>(c.sections[0].blocks.back());
    sig.rows.push_back(sig.rows[0]);  // two rows
    const auto tables = between(documentXml(c), "<w:tbl>", "</w:tbl>");
    const auto rows = between(tables[2], "<w:tr>", "</w:tr>");
    ASSERT_EQ(rows.size(), 2u);
    for (auto row : rows) EXPECT_NE(row.find("<w:cantSplit/>"), std::string_view::npos);
    for (auto p : between(rows[0], "<w:p>", "</w:p>")) EXPECT_NE(p.find("<w:keepNext/>"), std::string_view::npos) << p;
    const auto last = between(rows[1], "<w:p>", "</w:p>");
    EXPECT_EQ(last.back().find("<w:keepNext/>"), std::string_view::npos);
}

TEST(DocxTables, AdjacentTablesAreKeptApartAndSectionsEndWithAParagraph) {
    const std::string doc = documentXml(smallDecision());
    // Appendix: two body tables in a row, separated by a paragraph.
    EXPECT_EQ(count(doc, "</w:tbl><w:tbl>"), 0u);
    // Fillers: the main section's break after its signature table, the separator, the end.
    EXPECT_EQ(count(doc, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"Spacer\"/>"), 3u);
    const auto carrier = paragraphAfter(doc, "Nguyễn Văn A");
    EXPECT_NE(carrier.find("<w:sectPr>"), std::string_view::npos);
    EXPECT_NE(carrier.find("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>"),
              std::string_view::npos)
        << "1 pt high";
    EXPECT_NE(doc.find("</w:tbl><w:p>"), doc.rfind("</w:tbl><w:p>"));
    EXPECT_EQ(doc.find("</w:tbl><w:sectPr>"), std::string::npos);
}

TEST(DocxTables, RowWiderThanTheGridIsRejected) {
    auto c = smallDecision();
    auto& header = std::get<compose::Table>(c.sections[0].blocks[0]);
    header.rows[0].push_back(header.rows[0][0]);
    EXPECT_THROW(docx::buildParts(c, fixedOptions()), std::invalid_argument);
}

// ---- styles and properties -----------------------------------------------------------------------

TEST(DocxStyles, OneCustomParagraphStylePerRoleBasedOnNormal) {
    const std::string styles = partBytes(docx::buildParts(smallDecision(), fixedOptions()), "word/styles.xml");
    std::set<std::string_view> ids, names;
    for (int i = 0; i <= static_cast<int>(Role::Spacer); ++i) {
        const auto r = static_cast<Role>(i);
        ids.insert(compose::roleStyleId(r));
        names.insert(compose::roleDisplayName(r));
        const std::string decl = "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"" +
                                 std::string(compose::roleStyleId(r)) + "\"><w:name w:val=\"" +
                                 std::string(compose::roleDisplayName(r)) + "\"/><w:basedOn w:val=\"Normal\"/></w:style>";
        EXPECT_NE(styles.find(decl), std::string::npos) << decl;
    }
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(Role::Spacer) + 1) << "style ids are unique";
    EXPECT_EQ(names.size(), ids.size()) << "display names are unique";
    EXPECT_EQ(compose::roleStyleId(Role::QuocHieu), "QuocHieu");
    EXPECT_EQ(compose::roleDisplayName(Role::QuocHieu), "Quốc hiệu");
    EXPECT_NE(styles.find("w:styleId=\"Normal\""), std::string::npos);
}

TEST(DocxProperties, CoreAndCustomCarryTheMetadata) {
    const auto parts = docx::buildParts(smallDecision(), fixedOptions());
    const std::string core = partBytes(parts, "docProps/core.xml");
    for (const char* s : {"<dc:title>Về việc ban hành Quy chế quản lý văn bản điện tử</dc:title>",
                          "<dc:subject>Quyết định</dc:subject>", "<dc:creator>Bộ Tư pháp</dc:creator>",
                          "<cp:keywords>1020/QĐ-BTP</cp:keywords>", "<dc:identifier>1020/QĐ-BTP</dc:identifier>",
                          "<dc:language>vi-VN</dc:language>",
                          "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2018-05-08T00:00:00Z</dcterms:created>"})
        EXPECT_NE(core.find(s), std::string::npos) << s;
    const std::string custom = partBytes(parts, "docProps/custom.xml");
    const auto props = between(custom, "<property ", "</property>");
    ASSERT_EQ(props.size(), 11u) << custom;  // no Secrecy in the fixture
    const char* expected[][2] = {{"OrganId", "000.00.00.G06"}, {"CodeNumber", "1020"}, {"CodeNotation", "QĐ-BTP"},
                                 {"IssuedDate", "2018-05-08"}, {"TypeName", "Quyết định"}, {"OrganName", "Bộ Tư pháp"},
                                 {"Subject", "Về việc ban hành Quy chế quản lý văn bản điện tử"},
                                 {"SignerInfo.Position", "Thứ trưởng"}, {"SignerInfo.FullName", "Nguyễn Văn A"},
                                 {"Language", "vi-VN"}, {"Urgency", "KHẨN"}};
    for (std::size_t i = 0; i < props.size(); ++i) {
        EXPECT_EQ(attrOf(props[i], "<property ", "pid"), std::to_string(i + 2));
        EXPECT_EQ(attrOf(props[i], "<property ", "fmtid"), "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
        EXPECT_EQ(attrOf(props[i], "<property ", "name"), expected[i][0]);
        EXPECT_NE(props[i].find(std::string("<vt:lpwstr>") + expected[i][1] + "</vt:lpwstr>"), std::string_view::npos)
            << props[i];
    }
}

TEST(DocxProperties, LongCustomValuesAreCutAt255Utf16UnitsOnACharacterBoundary) {
    std::string s;
    for (int i = 0; i < 300; ++i) s += "ệ";  // 3 bytes, 1 unit each
    EXPECT_EQ(docx::truncateUtf16(s, 255).size(), 255u * 3);
    EXPECT_EQ(docx::truncateUtf16("abc", 255), "abc");
    EXPECT_EQ(docx::truncateUtf16("ab😀", 3), "ab") << "a surrogate pair is not split";
    EXPECT_EQ(docx::truncateUtf16("ab😀", 4), "ab😀");
    EXPECT_EQ(docx::truncateUtf16("ae\xCC\x82\xCC\x81x", 3), "a") << "a base letter keeps its combining marks";
    auto c = smallDecision();
    c.meta.title = s;
    const std::string custom = partBytes(docx::buildParts(c, fixedOptions()), "docProps/custom.xml");
    EXPECT_NE(custom.find("<vt:lpwstr>" + s.substr(0, 255 * 3) + "</vt:lpwstr>"), std::string::npos);
}

TEST(DocxDocument, EmptyCompositionStillMakesAValidBody) {
    const std::string doc = documentXml(compose::Composition{});
    EXPECT_NE(doc.find("<w:body><w:p>"), std::string::npos);
    EXPECT_NE(doc.find("</w:sectPr></w:body>"), std::string::npos);
}

// ---- golden ----------------------------------------------------------------------------------------

// One element per line at block boundaries, so the golden file reviews as a readable diff. The
// writer puts no newline after the declaration's line, so this transformation loses nothing.
std::string blockLines(std::string xml) {
    std::string out;
    for (std::size_t i = 0; i < xml.size(); ++i) {
        for (std::string_view tag : {"<w:p>", "<w:tbl>", "<w:tr>", "<w:tc>", "<w:sectPr>", "</w:body>"})
            if (xml.compare(i, tag.size(), tag) == 0) {
                out += '\n';
                break;
            }
        out += xml[i];
    }
    return out + '\n';
}

TEST(DocxGolden, SmallDecisionDocumentXml) {
    const auto parts = docx::buildParts(smallDecision(), fixedOptions());
    const std::string doc = partBytes(parts, "word/document.xml");
    EXPECT_EQ(count(doc, "\n"), 1u) << "only the declaration ends with a newline";
    expectGolden("docx/small-decision/word/document.xml", blockLines(doc));
}

TEST(DocxGolden, SmallDecisionHeaders) {
    const auto parts = docx::buildParts(smallDecision(), fixedOptions());
    expectGolden("docx/small-decision/word/header1.xml", partBytes(parts, "word/header1.xml"));
    expectGolden("docx/small-decision/word/header2.xml", partBytes(parts, "word/header2.xml"));
}

}  // namespace
}  // namespace vanthu
