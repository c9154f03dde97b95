// decree-30-2020.md §4, §9 and §10 rules 6 and 8.
#include <gtest/gtest.h>

#include "model/document_code.h"

#include <string>

#include "core/files.h"
#include "support/test_support.h"

namespace vanthu::model {
namespace {

TEST(DocumentCode, Rule6NumbersBelowTenGetALeadingZero) {
    EXPECT_EQ(formatNumber(7), "07");
    EXPECT_EQ(formatNumber(1), "01");
    EXPECT_EQ(formatNumber(12), "12");
    EXPECT_EQ(formatNumber(1020), "1020");
}

TEST(DocumentCode, ParsesAndFormatsTheThreeForms) {
    auto adm = parseCode("1020/QĐ-BTP");
    ASSERT_TRUE(adm);
    EXPECT_EQ(adm->number, 1020);
    EXPECT_FALSE(adm->year);
    EXPECT_EQ(adm->notation, "QĐ-BTP");
    EXPECT_EQ(format(*adm), "1020/QĐ-BTP");

    auto legal = parseCode("14/2024/QĐ-UBND");
    ASSERT_TRUE(legal);
    EXPECT_EQ(legal->number, 14);
    EXPECT_EQ(legal->year, 2024);
    EXPECT_EQ(format(*legal), "14/2024/QĐ-UBND");

    auto cv = parseCode("05/BNV-VP");
    ASSERT_TRUE(cv);
    EXPECT_EQ(cv->number, 5);
    EXPECT_EQ(format(*cv), "05/BNV-VP");

    auto mixed = parseCode("12/NHNo.ĐT-TD");
    ASSERT_TRUE(mixed);
    EXPECT_EQ(mixed->notation, "NHNo.ĐT-TD") << "abbreviations stay verbatim, never upper-cased";
}

TEST(DocumentCode, DraftHasNoNumber) {
    DocumentCode draft{std::nullopt, std::nullopt, "QĐ-BTP"};
    EXPECT_EQ(format(draft), "/QĐ-BTP");
    auto parsed = parseCode("/QĐ-BTP");
    ASSERT_TRUE(parsed);
    EXPECT_FALSE(parsed->number);
}

TEST(DocumentCode, Rule8RejectsSpacesAndMalformedForms) {
    EXPECT_FALSE(parseCode("1020 QD BTP"));
    EXPECT_FALSE(parseCode("1020/QĐ BTP"));
    EXPECT_FALSE(parseCode("10a/QĐ-BTP"));
    EXPECT_FALSE(parseCode("14/24/QĐ-UBND"));
    EXPECT_FALSE(parseCode("1020/"));
    EXPECT_FALSE(parseCode("1020/-BTP"));
    EXPECT_FALSE(parseCode("0/QĐ-BTP"));
    EXPECT_FALSE(parseCode("QĐ-BTP"));
}

// fuzz/document_code_fuzzer found it: "14/0855/QĐ-UBND" parsed with year 855, which formats as
// "14/855/QĐ-UBND", which does not parse. A year is four digits without a leading zero.
TEST(DocumentCode, FuzzRegressionYearWithALeadingZeroIsRefused) {
    const std::string text = readFile(vanthu::testing::testData("model/fuzz/code-year-with-leading-zero.txt"));
    EXPECT_EQ(text, "14/0855/QĐ-UBND");
    EXPECT_FALSE(parseCode(text));
    const auto legal = parseCode("14/1999/QĐ-UBND");
    ASSERT_TRUE(legal);
    EXPECT_EQ(parseCode(format(*legal)), legal);
}

TEST(DocumentCode, SearchKeyIsTheSameForEverySpelling) {
    const std::string key = searchKey("1020/QĐ-BTP");
    EXPECT_EQ(key, "1020/qd-btp");
    EXPECT_EQ(searchKey("1020/qd-btp"), key);
    EXPECT_EQ(searchKey("1020 QD BTP"), key);
    EXPECT_EQ(searchKey("qđ-btp 1020"), key);
    EXPECT_EQ(searchKey(" 1020 / QĐ - BTP "), key);
    EXPECT_EQ(searchKey("14/2024/QĐ-UBND"), "14/2024/qd-ubnd");
    EXPECT_EQ(searchKey("05/BNV-VP"), searchKey("5/bnv-vp"));
    EXPECT_NE(searchKey("1020/QĐ-BTP"), searchKey("1021/QĐ-BTP"));
}

TEST(DocumentCode, NotationTypePart) {
    EXPECT_EQ(notationTypePart("QĐ-BTP"), "QĐ");
    EXPECT_EQ(notationTypePart("KH-UBND"), "KH");
    EXPECT_EQ(notationTypePart("BTP"), "BTP");
}

}  // namespace
}  // namespace vanthu::model
