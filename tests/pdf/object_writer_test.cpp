#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "pdf/cmap.h"
#include "pdf/object_writer.h"

namespace vanthu::pdf {
namespace {

std::string real(double v) {
    std::string s;
    appendReal(s, v);
    return s;
}

TEST(PdfNumbers, ShortestFixedFormWithoutLocale) {
    EXPECT_EQ(real(595), "595");
    EXPECT_EQ(real(12.125), "12.125");
    EXPECT_EQ(real(841.8897), "841.89");
    EXPECT_EQ(real(-0.0001), "0");
    EXPECT_EQ(real(-3.5), "-3.5");
    EXPECT_EQ(real(0.0004), "0");
}

TEST(PdfNames, DelimitersAndNonAsciiAreEscaped) {
    std::string s;
    appendName(s, "Liberation Serif#1(x)");
    EXPECT_EQ(s, "/Liberation#20Serif#231#28x#29");
}

TEST(PdfTextStrings, Utf16BigEndianWithBom) {
    std::string s;
    appendTextString(s, "Đ₫😀");
    EXPECT_EQ(s, "<FEFF011020ABD83DDE00>");
}

TEST(PdfLiterals, BackslashAndParenthesesEscaped) {
    std::string s;
    appendLiteral(s, "a(b)\\c");
    EXPECT_EQ(s, "(a\\(b\\)\\\\c)");
}

TEST(ObjectWriter, XrefOffsetsPointAtTheirObjects) {
    ObjectWriter w;
    const Ref a = w.alloc(), b = w.alloc();
    w.dict(b).name("Type", "Catalog").pair("Pages", a).integer("N", 7);
    w.stream(a, "BT ET", false, [](DictWriter& d) { d.name("Type", "Test"); });
    const std::string pdf = w.finish(b, a, std::string(16, '\x01'));
    ASSERT_TRUE(pdf.starts_with("%PDF-1.7\n%"));
    EXPECT_NE(pdf.find("<</Type/Catalog/Pages 1 0 R/N 7>>\nendobj"), std::string::npos) << pdf;
    EXPECT_NE(pdf.find("<</Length 5/Type/Test>>\nstream\nBT ET\nendstream"), std::string::npos) << pdf;
    const auto xref = pdf.find("xref\n0 3\n");
    ASSERT_NE(xref, std::string::npos);
    for (int i = 1; i <= 2; ++i) {
        const std::size_t entry = xref + 9 + 20 * i;
        const std::size_t off = std::stoul(pdf.substr(entry, 10));
        EXPECT_EQ(pdf.compare(off, std::to_string(i).size() + 6, std::to_string(i) + " 0 obj"), 0) << "object " << i;
    }
    const auto startxref = pdf.rfind("startxref\n");
    EXPECT_EQ(std::stoul(pdf.substr(startxref + 10)), xref);
    EXPECT_NE(pdf.find("/ID [<01010101010101010101010101010101> <01010101010101010101010101010101>]"), std::string::npos);
    EXPECT_TRUE(pdf.ends_with("%%EOF\n"));
}

TEST(ObjectWriter, AnAllocatedObjectMustBeWritten) {
    ObjectWriter w;
    const Ref a = w.alloc();
    w.alloc();
    w.dict(a).name("Type", "Catalog");
    EXPECT_THROW(w.finish(a, a, std::string(16, '\0')), std::logic_error);
}

TEST(ObjectWriter, AnObjectIsWrittenOnce) {
    ObjectWriter w;
    const Ref a = w.alloc();
    w.dict(a).name("Type", "Catalog");
    EXPECT_THROW(w.dict(a), std::logic_error);
}

TEST(ToUnicodeCMap, MapsGlyphsToUtf16InGroupsOfAHundred) {
    std::vector<std::pair<std::uint16_t, std::string>> map;
    for (std::uint16_t g = 1; g <= 150; ++g) map.emplace_back(g, "a");
    map.emplace_back(1705, "ế");
    map.emplace_back(1706, "😀");
    const std::string c = toUnicodeCMap(map);
    EXPECT_NE(c.find("100 beginbfchar"), std::string::npos);
    EXPECT_NE(c.find("52 beginbfchar"), std::string::npos);
    EXPECT_NE(c.find("<06A9> <1EBF>"), std::string::npos);
    EXPECT_NE(c.find("<06AA> <D83DDE00>"), std::string::npos);
    EXPECT_NE(c.find("<0001> <0061>"), std::string::npos);
    EXPECT_NE(c.find("/CMapName /Adobe-Identity-UCS def"), std::string::npos);
    EXPECT_NE(c.find("<0000> <FFFF>"), std::string::npos);
}

}  // namespace
}  // namespace vanthu::pdf
