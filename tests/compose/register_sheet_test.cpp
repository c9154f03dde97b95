// compose::composeRegisterSheet: the printed register books (decree-30-2020.md §6): landscape A4,
// organ, title and year, then one bordered table of the 10 columns whose header row repeats.
#include "compose/register_sheet.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace vanthu::compose {
namespace {

RegisterSheet incoming() {
    RegisterSheet s;
    s.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN";
    s.organName = "CỤC KẾ HOẠCH - TÀI CHÍNH";
    s.year = 2024;
    for (int i = 1; i <= 10; ++i) s.headings.push_back("Cột " + std::to_string(i));
    s.relativeWidths = {1.1, 0.8, 2.0, 1.4, 1.1, 3.2, 1.6, 1.0, 0.9, 1.2};
    s.rows.push_back({"05/03/2024", "1", "Bộ Tư pháp", "1020/QĐ-BTP", "08/05/2018", "Quyết định: …", "", "", "", ""});
    return s;
}

TEST(RegisterSheet, LandscapeBorderedTableWithRepeatedHeader) {
    const Composition c = composeRegisterSheet(incoming());
    ASSERT_EQ(c.sections.size(), 1u);
    const Section& s = c.sections[0];
    EXPECT_NEAR(s.page.widthPt, mm(297), 0.01);
    EXPECT_NEAR(s.page.heightPt, mm(210), 0.01);
    ASSERT_EQ(s.blocks.size(), 4u);
    EXPECT_EQ(std::get<Paragraph>(s.blocks[1]).text(), "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN");
    EXPECT_EQ(std::get<Paragraph>(s.blocks[2]).text(), "Năm: 2024") << "the incoming register has no register name";
    const auto& t = std::get<Table>(s.blocks[3]);
    EXPECT_TRUE(t.borders);
    EXPECT_EQ(t.headerRows, 1);
    ASSERT_EQ(t.rows.size(), 2u);
    ASSERT_EQ(t.columnWidthsPt.size(), 10u);
    double sum = 0;
    for (double w : t.columnWidthsPt) sum += w;
    EXPECT_NEAR(sum, s.page.textWidthPt(), 0.01) << "the table spans the text width";
    EXPECT_NEAR(t.columnWidthsPt[5] / t.columnWidthsPt[1], 3.2 / 0.8, 1e-9);
    EXPECT_EQ(t.rows[1][3].paragraphs.at(0).text(), "1020/QĐ-BTP");
    EXPECT_TRUE(t.rows[0][0].paragraphs.at(0).spans.at(0).style.bold);
    EXPECT_EQ(c.meta.title, "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN");
    EXPECT_EQ(c.meta.created, "2024-01-01T00:00:00Z") << "the year, never the wall clock";
}

TEST(RegisterSheet, RowsThatDoNotMatchTheColumnsAreAFault) {
    auto s = incoming();
    s.rows[0].pop_back();
    EXPECT_THROW(composeRegisterSheet(s), Failure);
    s = incoming();
    s.relativeWidths.pop_back();
    EXPECT_THROW(composeRegisterSheet(s), Failure);
}

// The bytes the outgoing register's CSV export has always had (store::registerCsv before it moved
// here), written out by hand: BOM, CRLF, a field quoted only when it holds , " CR or LF.
TEST(RegisterSheet, CsvIsRfc4180WithTheUtf8Bom) {
    RegisterSheet s;
    s.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";  // not in the CSV
    s.headings = {"Số, ký hiệu văn bản", "Ngày tháng văn bản", "Ghi chú"};
    s.rows.push_back({"01/TB-BTP", "01/04/2024", "Đã thu hồi"});
    s.rows.push_back({"02/QĐ-BTP", "", "Đính chính bởi 03/BTP-VP; \"sai ngày\""});
    s.rows.push_back({"a\nb", "c\rd", ""});
    const std::string expected =
        "\xEF\xBB\xBF\"Số, ký hiệu văn bản\",Ngày tháng văn bản,Ghi chú\r\n"
        "01/TB-BTP,01/04/2024,Đã thu hồi\r\n"
        "02/QĐ-BTP,,\"Đính chính bởi 03/BTP-VP; \"\"sai ngày\"\"\"\r\n"
        "\"a\nb\",\"c\rd\",\r\n";
    EXPECT_EQ(registerSheetCsv(s), expected);
}

TEST(RegisterSheet, CsvOfAnEmptyRegisterIsItsHeadings) {
    RegisterSheet s;
    s.headings = {"Ngày đến", "Số đến"};
    EXPECT_EQ(registerSheetCsv(s), "\xEF\xBB\xBFNgày đến,Số đến\r\n");
}

}  // namespace
}  // namespace vanthu::compose
