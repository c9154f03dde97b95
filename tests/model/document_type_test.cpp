// decree-30-2020.md §5 and §10 rule 9: abbreviations round-trip exactly (case, Đ ≠ D).
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "model/document_type.h"

namespace vanthu::model {
namespace {

TEST(DocumentTypes, TableHasThe29TypesOfArticle7) {
    EXPECT_EQ(documentTypes().size(), 29u);
    std::set<std::string_view> keys, abbrs;
    for (const auto& t : documentTypes()) {
        EXPECT_TRUE(keys.insert(t.key).second) << t.key;
        if (!t.abbreviation.empty()) EXPECT_TRUE(abbrs.insert(t.abbreviation).second) << t.abbreviation;
    }
    EXPECT_EQ(abbrs.size(), 27u) << "Công văn and Thư công have no abbreviation";
}

TEST(DocumentTypes, Rule9AbbreviationsRoundTripExactly) {
    for (const auto& t : documentTypes()) {
        if (t.abbreviation.empty()) continue;
        auto back = typeFromAbbreviation(t.abbreviation);
        ASSERT_TRUE(back) << t.abbreviation;
        EXPECT_EQ(*back, t.type);
        EXPECT_EQ(typeFromKey(t.key), t.type);
    }
}

TEST(DocumentTypes, CaseAndDStrokeMatter) {
    EXPECT_EQ(typeFromAbbreviation("QyĐ"), DocumentType::QuyDinh);
    EXPECT_FALSE(typeFromAbbreviation("QYĐ")) << "QYĐ is the wrong spelling seen in public code";
    EXPECT_EQ(typeFromAbbreviation("HĐ"), DocumentType::HopDong);
    EXPECT_EQ(typeFromAbbreviation("HD"), DocumentType::HuongDan);
    EXPECT_EQ(typeFromAbbreviation("ĐA"), DocumentType::DeAn);
    EXPECT_EQ(typeFromAbbreviation("DA"), DocumentType::DuAn);
    EXPECT_EQ(typeFromAbbreviation("TTr"), DocumentType::ToTrinh);
    EXPECT_FALSE(typeFromAbbreviation("TTR"));
    EXPECT_EQ(typeFromAbbreviation("CTr"), DocumentType::ChuongTrinh);
    EXPECT_FALSE(typeFromAbbreviation("QD"));
    EXPECT_FALSE(typeFromAbbreviation("CV")) << "công văn has no abbreviation";
    EXPECT_EQ(info(DocumentType::QuyetDinh).name, "Quyết định");
}

}  // namespace
}  // namespace vanthu::model
