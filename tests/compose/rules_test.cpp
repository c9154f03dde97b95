#include "compose/rules.h"

#include <gtest/gtest.h>

namespace vanthu::compose {
namespace {

struct BasisCase {
    const char* in;
    bool last;
    const char* out;
};

TEST(ComposeRules, LegalBasisPunctuationIsNormalised) {
    // decree-30-2020.md §2 ô 6, §10 rule 15: ';' on every line but the last, '.' on the last.
    const BasisCase cases[] = {
        {"Căn cứ Luật Tổ chức Chính phủ;", false, "Căn cứ Luật Tổ chức Chính phủ;"},
        {"Căn cứ Luật Tổ chức Chính phủ", false, "Căn cứ Luật Tổ chức Chính phủ;"},
        {"Căn cứ Luật Tổ chức Chính phủ,", false, "Căn cứ Luật Tổ chức Chính phủ;"},
        {"Căn cứ Luật Tổ chức Chính phủ.", false, "Căn cứ Luật Tổ chức Chính phủ;"},
        {"Căn cứ Luật Tổ chức Chính phủ ; ", false, "Căn cứ Luật Tổ chức Chính phủ;"},
        {"Xét đề nghị của Cục trưởng,", true, "Xét đề nghị của Cục trưởng."},
        {"Xét đề nghị của Cục trưởng;", true, "Xét đề nghị của Cục trưởng."},
        {"Xét đề nghị của Cục trưởng", true, "Xét đề nghị của Cục trưởng."},
        {"Xét đề nghị của Cục trưởng:", true, "Xét đề nghị của Cục trưởng."},
        {"phê duyệt “Đề án 2018-2022”", false, "phê duyệt “Đề án 2018-2022”;"},
        {"  Căn cứ Nghị định số 96/2017/NĐ-CP;\u00A0", true, "Căn cứ Nghị định số 96/2017/NĐ-CP."},
    };
    for (const auto& c : cases) EXPECT_EQ(normaliseLegalBasis(c.in, c.last), c.out) << c.in;
}

TEST(ComposeRules, EndPunctuationIsStripped) {
    EXPECT_EQ(withoutEndPunctuation("Bộ Nội vụ;"), "Bộ Nội vụ");
    EXPECT_EQ(withoutEndPunctuation("Bộ Nội vụ. "), "Bộ Nội vụ");
    EXPECT_EQ(withoutEndPunctuation("Như Điều 3"), "Như Điều 3");
}

struct AuthorityCase {
    const char* authority;
    const char* issuer;
    const char* expected;
};

TEST(ComposeRules, AuthorityInSentenceCase) {
    const AuthorityCase cases[] = {
        // the seed: "… của Bộ trưởng Bộ Tư pháp"
        {"BỘ TRƯỞNG BỘ TƯ PHÁP", "BỘ TƯ PHÁP", "Bộ trưởng Bộ Tư pháp"},
        // the issuer's own spelling wins when it is written in mixed case
        {"BỘ TRƯỞNG BỘ TƯ PHÁP", "Bộ Tư pháp", "Bộ trưởng Bộ Tư pháp"},
        {"GIÁM ĐỐC SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư", "Giám đốc Sở Kế hoạch và Đầu tư"},
        // an authority already in mixed case is taken as written
        {"Chủ tịch Ủy ban nhân dân tỉnh Đắk Nông", "", "Chủ tịch Ủy ban nhân dân tỉnh Đắk Nông"},
        // the heuristic (NĐ 30 PL II)
        {"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG",
         "Chủ tịch Ủy ban nhân dân tỉnh Đắk Nông"},
        {"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "", "Ủy ban nhân dân thành phố Hồ Chí Minh"},
        {"UỶ BAN NHÂN DÂN HUYỆN ĐẮK MIL", "", "Uỷ ban nhân dân huyện Đắk Mil"},
        {"BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "", "Bộ trưởng Bộ Tài nguyên và Môi trường"},
        {"BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "", "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"},
        {"BỘ TRƯỞNG BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "", "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"},
        {"BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "", "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn"},
        {"THỦ TƯỚNG CHÍNH PHỦ", "", "Thủ tướng Chính phủ"},
        {"GIÁM ĐỐC SỞ TƯ PHÁP THÀNH PHỐ HÀ NỘI", "", "Giám đốc Sở Tư pháp thành phố Hà Nội"},
        {"CỤC TRƯỞNG CỤC QUẢN LÝ XỬ LÝ VI PHẠM HÀNH CHÍNH VÀ THEO DÕI THI HÀNH PHÁP LUẬT", "",
         "Cục trưởng Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật"},
        {"CHÁNH VĂN PHÒNG BỘ TƯ PHÁP", "", "Chánh Văn phòng Bộ Tư pháp"},
        {"BỘ TRƯỞNG BỘ NỘI VỤ", "", "Bộ trưởng Bộ Nội vụ"},
        {"VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ", "", "Vụ trưởng Vụ Tổ chức cán bộ"},
        {"CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "", "Chánh Văn phòng Ủy ban nhân dân tỉnh Đắk Nông"},
        {"GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "", "Giám đốc Sở Lao động - Thương binh và Xã hội"},
        {"THỐNG ĐỐC NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "", "Thống đốc Ngân hàng Nhà nước Việt Nam"},
        {"HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG NAI", "", "Hội đồng nhân dân tỉnh Đồng Nai"},
        // no authority line: the issuer's name
        {"", "BỘ NỘI VỤ", "Bộ Nội vụ"},
        {"", "Sở Tư pháp", "Sở Tư pháp"},
    };
    for (const auto& c : cases) EXPECT_EQ(authorityInSentence(c.authority, c.issuer), c.expected) << c.authority;
}

TEST(ComposeRules, FillReplacesKnownPlaceholders) {
    EXPECT_EQ(fill("Số: {code}", {{"code", "1020/QĐ-BTP"}}), "Số: 1020/QĐ-BTP");
    EXPECT_EQ(fill("{place}, {date}", {{"place", "Hà Nội"}, {"date", "ngày 08 tháng 5 năm 2018"}}),
              "Hà Nội, ngày 08 tháng 5 năm 2018");
    EXPECT_EQ(fill("ngày{gap}tháng{gap}năm{gap}", {{"gap", "  "}}), "ngày  tháng  năm  ");
    EXPECT_EQ(fill("{unknown} {n}", {{"n", "1"}}), "{unknown} 1");
    EXPECT_EQ(fill("no braces {", {}), "no braces {");
}

}  // namespace
}  // namespace vanthu::compose
