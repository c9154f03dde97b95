// Conformance of what we write, checked by other people's code: the OOXML schemas (xmllint),
// python-docx, and LibreOffice. Labels: ooxml (schemas, python-docx), libreoffice (tests/docx/labels.cmake).
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "core/files.h"
#include "docx/docx_test_util.h"
#include "docx/docx_writer.h"
#include "docx/fixtures.h"

namespace vanthu {
namespace {

using namespace vanthu::testing;
namespace fs = std::filesystem;

const fs::path kSchemas = fs::path(VANTHU_SHARED_DIR) / "ooxml-schemas";

struct Case {
    std::string name;
    compose::Composition (*make)();
};

// Test names carry the case name; the default printer would dump the struct's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

compose::Composition emptyComposition() { return {}; }

compose::Composition variants() {
    auto c = smallDecision();
    c.sections[0].numbering.enabled = false;     // default header empty, no titlePg
    c.sections[1].numbering.onFirstPage = true;  // number on the first page too
    c.sections[1].page.widthPt = compose::mm(297);  // landscape appendix
    c.sections[1].page.heightPt = compose::mm(210);
    c.sections.push_back(compose::Section{});    // an empty section
    c.meta = compose::Metadata{};                // empty metadata: optional elements left out
    c.meta.secrecy = "MẬT";
    c.fontFamily = "Liberation Serif";
    return c;
}

compose::Composition longOne() { return longDecision(3); }

class DocxOoxml : public ::testing::TestWithParam<Case> {};

// Validates `files` against `xsd`; the output names each file that fails and why.
void expectValid(const fs::path& xsd, const std::vector<fs::path>& files, bool catalog = false) {
    std::string cmd;
    if (catalog) cmd = "XML_CATALOG_FILES=" + shellQuote((kSchemas / "catalog.xml").string()) + " ";
    cmd += "xmllint --nonet --noout --schema " + shellQuote(xsd.string());
    for (const auto& f : files) cmd += " " + shellQuote(f.string());
    std::string out;
    const int rc = runCommand(cmd, &out);
    EXPECT_EQ(rc, 0) << cmd << "\n" << out;
    for (const auto& f : files) EXPECT_NE(out.find(f.string() + " validates"), std::string::npos) << out;
}

TEST_P(DocxOoxml, EveryPartValidatesAgainstItsSchema) {
    VANTHU_REQUIRE_PROGRAM("xmllint", "libxml2-utils");
    ASSERT_TRUE(fs::exists(kSchemas / "ISO-IEC29500-4_2016" / "wml.xsd")) << kSchemas;
    const auto parts = docx::buildParts(GetParam().make(), fixedOptions());
    TempDir dir("docx-ooxml");
    const auto paths = writeParts(parts, dir.path());

    std::vector<fs::path> wml, rels;
    fs::path types, core, app, custom;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& n = parts[i].name;
        if (n == "[Content_Types].xml") types = paths[i];
        else if (n.ends_with(".rels")) rels.push_back(paths[i]);
        else if (n.starts_with("word/")) wml.push_back(paths[i]);
        else if (n == "docProps/core.xml") core = paths[i];
        else if (n == "docProps/app.xml") app = paths[i];
        else if (n == "docProps/custom.xml") custom = paths[i];
        else ADD_FAILURE() << "no schema known for " << n;
    }
    ASSERT_GE(wml.size(), 5u);
    expectValid(kSchemas / "ISO-IEC29500-4_2016" / "wml.xsd", wml);
    expectValid(kSchemas / "ecma" / "fouth-edition" / "opc-contentTypes.xsd", {types});
    expectValid(kSchemas / "ecma" / "fouth-edition" / "opc-relationships.xsd", rels);
    expectValid(kSchemas / "ecma" / "fouth-edition" / "opc-coreProperties.xsd", {core}, true);
    expectValid(kSchemas / "ISO-IEC29500-4_2016" / "shared-documentPropertiesExtended.xsd", {app});
    expectValid(kSchemas / "ISO-IEC29500-4_2016" / "shared-documentPropertiesCustom.xsd", {custom});
}

// The checker must be able to fail: a w:pgMar before w:pgSz breaks CT_SectPr's sequence.
TEST(DocxOoxml, SchemaCheckCatchesAMisorderedSectPr) {
    VANTHU_REQUIRE_PROGRAM("xmllint", "libxml2-utils");
    auto parts = docx::buildParts(smallDecision(), fixedOptions());
    for (auto& p : parts) {
        if (p.name != "word/document.xml") continue;
        const auto last = p.bytes.rfind("<w:pgSz ");
        const auto mar = p.bytes.find("<w:pgMar ", last);
        const auto marEnd = p.bytes.find("/>", mar) + 2;
        const std::string pgMar = p.bytes.substr(mar, marEnd - mar);
        p.bytes.erase(mar, marEnd - mar);
        p.bytes.insert(last, pgMar);
    }
    TempDir dir("docx-ooxml-bad");
    const auto paths = writeParts(parts, dir.path());
    fs::path doc;
    for (std::size_t i = 0; i < parts.size(); ++i)
        if (parts[i].name == "word/document.xml") doc = paths[i];
    std::string out;
    EXPECT_EQ(runCommand("xmllint --nonet --noout --schema " +
                             shellQuote((kSchemas / "ISO-IEC29500-4_2016" / "wml.xsd").string()) + " " + shellQuote(doc.string()),
                         &out),
              3)
        << out;
    EXPECT_NE(out.find("pgSz"), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(Compositions, DocxOoxml,
                         ::testing::Values(Case{"small", smallDecision}, Case{"long", longOne},
                                           Case{"empty", emptyComposition}, Case{"variants", variants}),
                         [](const auto& info) { return info.param.name; });

// ---- python-docx -----------------------------------------------------------------------------------

constexpr const char* kPython = "/usr/bin/python3";  // the system one has python-docx; pyenv's does not

std::string escaped(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out;
}

std::string line(char kind, compose::Role role, const std::string& text) {
    return std::string(1, kind) + "\t" + std::string(compose::roleDisplayName(role)) + "\t" + escaped(text);
}

std::string spansText(const compose::Paragraph& p) {
    std::string s;
    for (const auto& span : p.spans) s += span.text;
    return s;
}

// What python-docx should list: body paragraphs ("P"), with the writer's rule paragraphs and its
// fillers (between adjacent tables, after a section's final table), then every cell paragraph ("C").
std::string expectedListing(const compose::Composition& c) {
    std::vector<std::string> body, cells;
    auto add = [](std::vector<std::string>& out, char kind, const compose::Paragraph& p) {
        out.push_back(line(kind, p.role, spansText(p)));
        if (p.ruleBelow) out.push_back(line(kind, p.role, ""));
    };
    for (std::size_t s = 0; s < c.sections.size(); ++s) {
        const auto& blocks = c.sections[s].blocks;
        for (std::size_t b = 0; b < blocks.size(); ++b) {
            if (const auto* p = std::get_if<compose::Paragraph>(&blocks[b])) {
                add(body, 'P', *p);
                continue;
            }
            if (b > 0 && std::holds_alternative<compose::Table>(blocks[b - 1])) body.push_back(line('P', compose::Role::Spacer, ""));
            const auto& t = std::get<compose::Table>(blocks[b]);
            for (const auto& row : t.rows)
                for (std::size_t i = 0; i < t.columnWidthsPt.size(); ++i) {
                    if (i < row.size() && !row[i].paragraphs.empty())
                        for (const auto& p : row[i].paragraphs) add(cells, 'C', p);
                    else
                        cells.push_back(line('C', compose::Role::TableText, ""));
                }
        }
        // Every section ends with a paragraph (the section break, or after a final table).
        if (blocks.empty() || std::holds_alternative<compose::Table>(blocks.back()))
            body.push_back(line('P', compose::Role::Spacer, ""));
    }
    std::string out;
    for (const auto& l : body) out += l + "\n";
    for (const auto& l : cells) out += l + "\n";
    return out;
}

TEST(DocxPythonDocx, ReadsParagraphsStylesAndSections) {
    VANTHU_REQUIRE_TOOL(runCommand(std::string(kPython) + " -c 'import docx'") == 0, "python-docx for " << kPython << " (python3-docx)");
    const auto c = smallDecision();
    TempDir dir("docx-python");
    const auto file = dir.path() / "small.docx";
    writeFileAtomic(file, docx::renderDocx(c, fixedOptions()));
    const auto script = dir.path() / "list.py";
    writeFileAtomic(script, R"(import docx, sys
d = docx.Document(sys.argv[1])
esc = lambda s: s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t')
for p in d.paragraphs:
    print('P\t%s\t%s' % (p.style.name, esc(p.text)))
for t in d.tables:
    for r in t.rows:
        for c in r.cells:
            for p in c.paragraphs:
                print('C\t%s\t%s' % (p.style.name, esc(p.text)))
for s in d.sections:
    print('S\t%d\t%d\t%s\t%s\t%d' % (s.page_width, s.page_height, s.different_first_page_header_footer,
                                   s.start_type, s.left_margin))
print('T\t%s\t%s\t%s' % (d.core_properties.title, d.core_properties.identifier, d.core_properties.language))
)");
    std::string out;
    ASSERT_EQ(runCommand("PYTHONIOENCODING=utf-8 " + std::string(kPython) + " " + shellQuote(script.string()) + " " +
                             shellQuote(file.string()),
                         &out),
              0)
        << out;
    // EMU: 11906 twips × 635; NEW_PAGE (2) after the first section; left margin 1701 twips.
    const std::string sections =
        "S\t7560310\t10692130\tTrue\tNEW_PAGE (2)\t1080135\n"
        "S\t7560310\t10692130\tTrue\tNEW_PAGE (2)\t1080135\n";
    const std::string core = "T\t" + c.meta.title + "\t1020/QĐ-BTP\tvi-VN\n";
    EXPECT_EQ(out, expectedListing(c) + sections + core);
}

// ---- LibreOffice -----------------------------------------------------------------------------------

std::string firstLine(const std::string& pageText) {
    std::istringstream in(pageText);
    std::string l;
    while (std::getline(in, l)) {
        const auto a = l.find_first_not_of(" \f\t");
        if (a == std::string::npos) continue;
        return l.substr(a, l.find_last_not_of(" \t") + 1 - a);
    }
    return {};
}

// Converts to PDF with LibreOffice and reads every page back: numbers from page 2 on, none on the
// first page of each section, restarting at 1 in each appendix; text intact. Takes a few seconds.
TEST(DocxLibreOffice, PdfShowsPageNumbersFromPageTwoRestartingPerSection) {
    VANTHU_REQUIRE_PROGRAM("soffice", "libreoffice-writer-nogui");
    VANTHU_REQUIRE_PROGRAM("pdftotext", "poppler-utils");
    VANTHU_REQUIRE_PROGRAM("pdfinfo", "poppler-utils");
    TempDir dir("docx-lo");
    writeFileAtomic(dir.path() / "long.docx", docx::renderDocx(longDecision(7), fixedOptions()));
    writeFileAtomic(dir.path() / "small.docx", docx::renderDocx(smallDecision(), fixedOptions()));
    std::string out;
    const std::string profile = "file://" + (dir.path() / "profile").string();  // no clash with a running soffice
    ASSERT_EQ(runCommand("cd " + shellQuote(dir.path().string()) + " && soffice -env:UserInstallation=" + shellQuote(profile) +
                             " --headless --convert-to pdf long.docx small.docx",
                         &out),
              0)
        << out;
    ASSERT_TRUE(fs::exists(dir.path() / "long.pdf")) << out;

    ASSERT_EQ(runCommand("pdftotext -layout " + shellQuote((dir.path() / "small.pdf").string()) + " -", &out), 0);
    EXPECT_NE(out.find(std::string(kStackedMarks)), std::string::npos) << out;
    EXPECT_NE(out.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);

    const std::string pdf = (dir.path() / "long.pdf").string();
    ASSERT_EQ(runCommand("pdfinfo " + shellQuote(pdf) + " | sed -n 's/^Pages: *//p'", &out), 0);
    const int pages = std::atoi(out.c_str());
    ASSERT_GE(pages, 6) << "main text over several pages and two appendices";
    int expected = 1;
    int sectionsSeen = 1;
    std::string report;
    for (int page = 1; page <= pages; ++page) {
        ASSERT_EQ(runCommand("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                                 shellQuote(pdf) + " -",
                             &out),
                  0);
        const std::string first = firstLine(out);
        report += std::to_string(page) + ": " + first + "\n";
        if (page == 1) {
            EXPECT_EQ(first.find_first_not_of("0123456789"), 0u) << "no number on page 1: " << first;
            continue;
        }
        if (first.rfind("Phụ lục", 0) == 0) {  // an appendix starts: unnumbered first page
            expected = 1;
            ++sectionsSeen;
            continue;
        }
        ++expected;
        EXPECT_EQ(first, std::to_string(expected)) << "page " << page << "\n" << report;
    }
    EXPECT_EQ(sectionsSeen, 3) << report;
    EXPECT_NE(report.find("Phụ lục II\n" + std::to_string(pages) + ": 2\n"), std::string::npos)
        << "the last appendix has a numbered second page (headers inherited across sections)\n" << report;
}

}  // namespace
}  // namespace vanthu
