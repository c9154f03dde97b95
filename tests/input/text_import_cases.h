// tests/input/text_import_cases.h: the text import's classes of line as tables of invented cases
// (issue 13): {input text, expected model fields, expected notes}. Shared by the import tests
// (tests/input/text_import_test.cpp) and the words-lost test (tests/compose/import_words_test.cpp),
// which renders every one of these inputs and counts the source words missing from the result.
//
// Fields are read with fieldOf(): "issuer", "parent", "subject", "signer", "position", "outline"
// (the body's blocks: kind, number and title, children in { }), "texts" (paragraph, clause,
// point and bullet texts, " | " between), "relations", "effectiveDate".
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "input/text_import.h"
#include "model/document.h"

namespace vanthu::input::cases {

struct ImportCase {
    std::string name;  // a gtest name: letters, digits, _
    std::string text;
    std::map<std::string, std::string> fields;  // field → the value fieldOf() must give
    std::vector<std::string> notes;             // each must be part of one note's English text
    std::vector<std::string> noNotes;           // …and none of these may be
    ImportOptions options = {};
};

inline void PrintTo(const ImportCase& c, std::ostream* os) { *os << c.name; }

// A Quyết định of a province's People's Committee around `body`, with `organs` over the Số line
// and `signature` after Nơi nhận.
inline std::string decision(const std::string& organs, const std::string& body,
                            const std::string& signature = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn An\n",
                            const std::string& title = "QUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\n") {
    return organs + "Số: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                    "Gia Nghĩa, ngày 05 tháng 3 năm 2024\n\n" + title +
           "\nỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
           "QUYẾT ĐỊNH:\n\n" + body + "\n\nNơi nhận:\n- Các sở, ban, ngành;\n- Lưu: VT, VP.\n\n" + signature;
}
inline const std::string kProvince = "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG\n";
inline const std::string kArticle = "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n";

// A Kế hoạch of the same committee with `body` (plan headings).
inline std::string plan(const std::string& body) {
    return kProvince + "Số: 30/KH-UBND\nĐắk Nông, ngày 10 tháng 01 năm 2024\n\nKẾ HOẠCH\nThực hiện công tác pháp chế năm 2024\n\n" +
           body + "\n\nNơi nhận:\n- Các sở, ngành;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nLê Thị Bình\n";
}

inline std::string withPosition(const std::string& lines) { return "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n" + lines; }

// 1. Signature placeholders: the name is found in or after them, each is a note.
inline std::vector<ImportCase> signatureCases() {
    const std::string dropped = "Dropped the placeholder for the signature or seal";
    return {
        {"DaKyColonName", decision(kProvince, kArticle, withPosition("Đã ký: Trần Văn Cường\n")),
         {{"signer", "Trần Văn Cường"}, {"position", "PHÓ CHỦ TỊCH"}}, {"Took the signer's name 'Trần Văn Cường'"}},
        {"DaKyInParentheses", decision(kProvince, kArticle, withPosition("(Đã ký)\n\n\nTrần Văn Cường\n")),
         {{"signer", "Trần Văn Cường"}}, {dropped + " '(Đã ký)'"}},
        {"DaKyInBrackets", decision(kProvince, kArticle, withPosition("[Đã ký]\nTrần Văn Cường\n")), {{"signer", "Trần Văn Cường"}}, {dropped}},
        {"SignedAndSealed", decision(kProvince, kArticle, withPosition("(đã ký và đóng dấu)\n\nTrần Văn Cường\n")), {{"signer", "Trần Văn Cường"}}, {dropped}},
        {"BracketedDescription", decision(kProvince, kArticle, withPosition("[chữ ký, đóng dấu]\n\nTrần Văn Cường\n")), {{"signer", "Trần Văn Cường"}}, {dropped}},
        {"KyTenDongDau", decision(kProvince, kArticle, withPosition("(Ký tên, đóng dấu)\n\nTrần Văn Cường\n")), {{"signer", "Trần Văn Cường"}}, {dropped}},
        {"ImageCaption", decision(kProvince, kArticle, withPosition("![chữ ký](media/image2.png)\n\nTrần Văn Cường\n")),
         {{"signer", "Trần Văn Cường"}}, {"Dropped the signature image"}},
        {"DaKyAloneAboveTheName", decision(kProvince, kArticle, withPosition("Đã ký\n\nTrần Văn Cường\n")), {{"signer", "Trần Văn Cường"}}, {dropped + " 'Đã ký'"}},
        {"NameInBold", decision(kProvince, kArticle, withPosition("**Trần Văn Cường**\n")), {{"signer", "Trần Văn Cường"}}, {}, {"No signer's name"}},
        {"NameAfterPlaceholderOnItsLine", decision(kProvince, kArticle, withPosition("Trần Văn Cường (đã ký)\n")),
         {{"signer", "Trần Văn Cường"}}, {"Took the signer's name"}},
        {"NameInCapitals", decision(kProvince, kArticle, withPosition("(Đã ký)\nPHẠM MINH ĐỨC\n")),
         {{"signer", "Phạm Minh Đức"}, {"position", "PHÓ CHỦ TỊCH"}}, {"The signer's name in capitals 'PHẠM MINH ĐỨC'"}},
        {"AcademicTitleDropped", decision(kProvince, kArticle, withPosition("TS. Hoàng Văn Em\n")),
         {{"signer", "Hoàng Văn Em"}}, {"Dropped the title 'TS.'"}},
        {"PositionOnlyWithPlaceholder", decision(kProvince, kArticle, "CHỦ TỊCH\n\n(Đã ký)\n\nVõ Văn Phúc\n"),
         {{"signer", "Võ Văn Phúc"}, {"position", "CHỦ TỊCH"}, {"outline", "article 1"}}, {dropped}},
        {"PlaceholderWithNameAfterThePosition", decision(kProvince, kArticle, "CHỦ TỊCH\n\nĐã ký: Võ Văn Phúc\n"),
         {{"signer", "Võ Văn Phúc"}, {"outline", "article 1"}}, {"Took the signer's name"}},
    };
}

// 2. Organs on two lines, with and without a parent.
inline std::vector<ImportCase> organCases() {
    auto one = [](std::string name, std::string top, std::string bottom) {
        return ImportCase{name, decision(top + "\n" + bottom + "\n", kArticle),
                          {{"issuer", top + " " + bottom}, {"parent", ""}}, {"Read two lines as one organ name"}, {"as the cơ quan chủ quản"}};
    };
    auto two = [](std::string name, std::string top, std::string bottom) {
        return ImportCase{name, decision(top + "\n" + bottom + "\n", kArticle),
                          {{"issuer", bottom}, {"parent", top}}, {"Read '" + top + "' as the cơ quan chủ quản"}, {"as one organ name"}};
    };
    ImportCase directory{"DirectorySettlesAWrappedName",
                         decision("BAN QUẢN LÝ CÁC KHU\nCÔNG NGHIỆP TỈNH ĐẮK NÔNG\n", kArticle),
                         {{"issuer", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH ĐẮK NÔNG"}, {"parent", ""}, {"organId", "000.00.31.H18"}},
                         {"the agency directory knows this name", "found in the agency directory (id 000.00.31.H18)"}};
    directory.options.findOrgan = [](const std::string& name) -> std::optional<KnownOrgan> {
        if (name == "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP TỈNH ĐẮK NÔNG") return KnownOrgan{name, "BQLKCN", "000.00.31.H18"};
        return std::nullopt;
    };
    return {
        one("ProvincialCommittee", "ỦY BAN NHÂN DÂN", "TỈNH ĐẮK NÔNG"),
        one("ProvincialCouncil", "HỘI ĐỒNG NHÂN DÂN", "TỈNH ĐẮK NÔNG"),
        one("DistrictCommittee", "ỦY BAN NHÂN DÂN", "HUYỆN KRÔNG NÔ"),
        one("CommuneCommittee", "ỦY BAN NHÂN DÂN", "XÃ QUẢNG TÍN"),
        one("CityCommittee", "ỦY BAN NHÂN DÂN", "THÀNH PHỐ GIA NGHĨA"),
        one("UrbanDistrictCouncil", "HỘI ĐỒNG NHÂN DÂN", "QUẬN BA ĐÌNH"),
        one("WardCommittee", "ỦY BAN NHÂN DÂN", "PHƯỜNG NGHĨA ĐỨC"),
        one("TownCommittee", "ỦY BAN NHÂN DÂN", "THỊ XÃ BUÔN HỒ"),
        one("TownshipCommittee", "UBND", "THỊ TRẤN ĐẮK MÂM"),
        one("WrappedAfterVa", "SỞ NÔNG NGHIỆP VÀ", "PHÁT TRIỂN NÔNG THÔN"),
        two("MinistryOverDepartment", "BỘ TƯ PHÁP", "CỤC KIỂM TRA VĂN BẢN QUY PHẠM PHÁP LUẬT"),
        two("CommitteeOverSo", "UBND TỈNH ĐẮK NÔNG", "SỞ NỘI VỤ"),
        two("FullCommitteeOverSo", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "SỞ TƯ PHÁP"),
        {"ParentThenWrappedIssuer", decision("UBND TỈNH LÂM ĐỒNG\nSỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN\n", kArticle),
         {{"issuer", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"}, {"parent", "UBND TỈNH LÂM ĐỒNG"}}, {"the line above does not finish the name"}},
        {"RuleUnderTheOrgan", decision(kProvince + "-------\n", kArticle), {{"issuer", "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG"}, {"parent", ""}}, {}},
        directory,
    };
}

// 3. Units run together with the text before them.
inline std::vector<ImportCase> runTogetherCases() {
    return {
        {"ArticleGluedToChapterTitle",
         decision(kProvince, "Chương III\nTỔ CHỨC THỰC HIỆNĐiều 9. Trách nhiệm của các sở\n\n1. Các sở triển khai thực hiện.\n"),
         {{"outline", "chapter III \"TỔ CHỨC THỰC HIỆN\" { article 9 \"Trách nhiệm của các sở\" { clause 1 } }"}},
         {"Split 'Điều 9.' from the text run together before it: 'TỔ CHỨC THỰC HIỆN'"}},
        {"ClauseGluedToArticleTitle",
         decision(kProvince, "Điều 5. Tổ chức thực hiện1. Các sở, ngành triển khai Quyết định này.\n\n2. Ủy ban nhân dân các huyện báo cáo kết quả.\n"),
         {{"outline", "article 5 \"Tổ chức thực hiện\" { clause 1 clause 2 }"},
          {"texts", "Các sở, ngành triển khai Quyết định này. | Ủy ban nhân dân các huyện báo cáo kết quả."}},
         {"Split '1.' from the text run together before it: 'Điều 5. Tổ chức thực hiện'"}},
        {"ChapterGluedToASentence",
         decision(kProvince, "Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\nQuy chế này áp dụng trong tỉnh.Chương II\nQUY ĐỊNH CỤ THỂ\n\nĐiều 2. Nội dung\n\nNội dung cụ thể.\n"),
         {{"outline", "chapter I \"QUY ĐỊNH CHUNG\" { article 1 \"Phạm vi\" { p } } chapter II \"QUY ĐỊNH CỤ THỂ\" { article 2 \"Nội dung\" { p } }"}},
         {"Split 'Chương II'"}},
        {"ArticleAfterASentenceOnTheSameLine",
         decision(kProvince, "Điều 1. Phạm vi\n\nQuy chế này áp dụng trong tỉnh. Điều 2. Đối tượng áp dụng\n\nCác sở, ngành.\n"),
         {{"outline", "article 1 \"Phạm vi\" { p } article 2 \"Đối tượng áp dụng\" { p }"}}, {"Split 'Điều 2.'"}},
        {"PointGluedAfterAColon",
         decision(kProvince, "Điều 2. Đối tượng\n\n1. Các cơ quan gồm:a) Văn phòng;\n\nb) Thanh tra.\n"),
         {{"outline", "article 2 \"Đối tượng\" { clause 1 { point a point b } }"}}, {"Split 'a)'"}},
        {"SectionGluedToASentence",
         decision(kProvince, "Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\nQuy chế này áp dụng trong tỉnh.Mục 1. HỒ SƠ\n\nĐiều 2. Lập hồ sơ\n\nCác đơn vị lập hồ sơ.\n"),
         {{"outline", "chapter I \"QUY ĐỊNH CHUNG\" { article 1 \"Phạm vi\" { p } section 1 \"HỒ SƠ\" { article 2 \"Lập hồ sơ\" { p } } }"}}, {"Split 'Mục 1.'"}},
        {"ReferencesAreNotSplit",
         decision(kProvince, "Điều 1. Các cơ quan thực hiện theo quy định tại Điều 9. Các sở báo cáo theo khoản 2 Điều 3 và “Chương II của Quy chế”.\n"),
         {{"outline", "article 1"}}, {}, {"Split"}},
    };
}

// 4. Titles on more than one line.
inline std::vector<ImportCase> titleCases() {
    return {
        {"ChapterTitleOnTwoLines", decision(kProvince, "Chương II\nTỔ CHỨC BỘ MÁY\nVÀ BIÊN CHẾ\n\nĐiều 3. Cơ cấu tổ chức\n\nCơ cấu gồm các phòng.\n"),
         {{"outline", "chapter II \"TỔ CHỨC BỘ MÁY VÀ BIÊN CHẾ\" { article 3 \"Cơ cấu tổ chức\" { p } }"}}, {"Joined the line 'VÀ BIÊN CHẾ'"}},
        {"ChapterTitleOnThreeLines", decision(kProvince, "Chương II\n\nNHIỆM VỤ, QUYỀN HẠN\n\nCỦA CÁC CƠ QUAN\n\nTRONG CÔNG TÁC VĂN THƯ\n\nĐiều 3. Nhiệm vụ\n\nCác cơ quan thực hiện.\n"),
         {{"outline", "chapter II \"NHIỆM VỤ, QUYỀN HẠN CỦA CÁC CƠ QUAN TRONG CÔNG TÁC VĂN THƯ\" { article 3 \"Nhiệm vụ\" { p } }"}},
         {"Joined the line 'CỦA CÁC CƠ QUAN'", "Joined the line 'TRONG CÔNG TÁC VĂN THƯ'"}},
        {"ChapterTitleOnItsLabelLine", decision(kProvince, "Chương I. QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\nQuy chế này áp dụng trong tỉnh.\n"),
         {{"outline", "chapter I \"QUY ĐỊNH CHUNG\" { article 1 \"Phạm vi\" { p } }"}}, {}, {"Joined"}},
        {"ArticleTitleWrapped", decision(kProvince, "Điều 4. Trách nhiệm của các sở, ban, ngành và Ủy ban nhân dân\n\ncác huyện, thành phố\n\n1. Các sở triển khai.\n"),
         {{"outline", "article 4 \"Trách nhiệm của các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố\" { clause 1 }"}}, {"a sentence broken in the middle"}},
    };
}

// 5. Sentences broken by the source's page breaks.
inline std::vector<ImportCase> brokenSentenceCases() {
    return {
        {"LowerCaseContinuation", decision(kProvince, "Điều 1. Sở Tư pháp chủ trì, phối hợp với các cơ quan liên quan tổ chức công\n\ntác kiểm tra.\n"),
         {{"outline", "article 1"}, {"texts", "Sở Tư pháp chủ trì, phối hợp với các cơ quan liên quan tổ chức công tác kiểm tra."}},
         {"Joined line"}},
        {"BreakAfterAConnective", decision(kProvince, "Điều 1. Thực hiện\n\nCác sở báo cáo kết quả thực hiện về\n\nỦy ban nhân dân tỉnh trước ngày 15 tháng 12.\n"),
         {{"outline", "article 1 \"Thực hiện\" { p }"}, {"texts", "Các sở báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15 tháng 12."}},
         {"a sentence broken in the middle"}},
        {"PageNumberBetween", decision(kProvince, "Điều 1. Thực hiện\n\n- Các sở, ngành tổ chức\n\n- 2 -\n\nthực hiện nghiêm túc.\n"),
         {{"outline", "article 1 \"Thực hiện\" { bullet }"}, {"texts", "Các sở, ngành tổ chức thực hiện nghiêm túc."}},
         {"Dropped the page number '- 2 -' inside a sentence", "Joined line"}},
        {"ClauseContinued", decision(kProvince, "Điều 2. Trách nhiệm\n\n1. Sở Nội vụ hướng dẫn các cơ quan, đơn vị\n\ntrong tỉnh thực hiện.\n\n2. Sở Tài chính bố trí kinh phí.\n"),
         {{"outline", "article 2 \"Trách nhiệm\" { clause 1 clause 2 }"}, {"texts", "Sở Nội vụ hướng dẫn các cơ quan, đơn vị trong tỉnh thực hiện. | Sở Tài chính bố trí kinh phí."}},
         {"Joined line"}},
        {"NewUnitsAreNotJoined", plan("I. NHIỆM VỤ\n\n1. Tuyên truyền\n\nThời gian hoàn thành: Tháng 12/2024\n\n- Cơ quan chủ trì: Sở Tư pháp\n\na) Văn phòng\n\nb) Thanh tra\n"),
         {{"texts", "Thời gian hoàn thành: Tháng 12/2024 | Cơ quan chủ trì: Sở Tư pháp | Văn phòng | Thanh tra"}}, {}, {"Joined"}},
        {"ClosedSentenceIsNotJoined", decision(kProvince, "Điều 1. Thực hiện\n\nCác sở thực hiện.\n\nnăm 2024 là năm đầu tiên.\n"),
         {{"texts", "Các sở thực hiện. | năm 2024 là năm đầu tiên."}}, {}, {"Joined"}},
    };
}

// 6. Heading levels from the numbering, not from the position.
inline std::vector<ImportCase> levelCases() {
    return {
        {"SentenceItemAmongBoldHeadings",
         plan("I. NHIỆM VỤ\n\n**1. Tuyên truyền**\n\nNội dung một.\n\n**4. Kiểm tra**\n\nNội dung bốn.\n\n"
              "5. Tăng cường phối hợp giữa các cơ quan trong thi hành pháp luật.\n\nNội dung năm.\n\n**6. Kinh phí**\n\nNội dung sáu.\n"),
         {{"outline", "heading1 I \"NHIỆM VỤ\" { heading2 1 \"Tuyên truyền\" { p } heading2 4 \"Kiểm tra\" { p } "
                      "heading2 5 \"Tăng cường phối hợp giữa các cơ quan trong thi hành pháp luật.\" { p } heading2 6 \"Kinh phí\" { p } }"}},
         {"Item '5.' is numbered like the heading '4.' above it: kept at its level"}},
        {"EveryLevel", plan("I. MỤC ĐÍCH\n\n1. Mục đích\n\n1.1. Tuyên truyền\n\na) Văn phòng thực hiện;\n\n- Phòng Tư pháp phối hợp;\n\n+ Các xã báo cáo.\n\nII. NHIỆM VỤ\n\n1. Nhiệm vụ chung\n"),
         {{"outline", "heading1 I \"MỤC ĐÍCH\" { heading2 1 \"Mục đích\" { heading3 1.1 \"Tuyên truyền\" { point a { bullet p } } } } "
                      "heading1 II \"NHIỆM VỤ\" { heading2 1 \"Nhiệm vụ chung\" }"}},
         {}},
        {"RestartedNumberingNests", plan("I. NHIỆM VỤ\n\n2. Nhiệm vụ cụ thể\n\n1. Sở Tư pháp chủ trì thực hiện.\n\n2. Sở Tài chính bố trí kinh phí.\n\n3. Tổ chức thực hiện\n"),
         {{"outline", "heading1 I \"NHIỆM VỤ\" { heading2 2 \"Nhiệm vụ cụ thể\" { clause 1 clause 2 } heading2 3 \"Tổ chức thực hiện\" }"}}, {}},
        {"ClausesOfAnArticle", decision(kProvince, "Điều 2. Trách nhiệm\n\n1. Sở Nội vụ hướng dẫn.\n\na) Lập kế hoạch;\n\nb) Kiểm tra.\n\n2. Sở Tài chính bố trí kinh phí.\n"),
         {{"outline", "article 2 \"Trách nhiệm\" { clause 1 { point a point b } clause 2 }"}}, {}},
    };
}

// 7. The trích yếu's punctuation.
inline std::vector<ImportCase> subjectCases() {
    auto with = [](std::string subject) { return decision(kProvince, kArticle, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n", "QUYẾT ĐỊNH\n" + subject + "\n"); };
    return {
        {"TrailingPeriodDropped", with("Về việc ban hành Quy chế làm việc."), {{"subject", "Về việc ban hành Quy chế làm việc"}},
         {"Dropped the '.' at the end of the trích yếu"}},
        {"ClosingQuoteAdded", with("Về việc phát động phong trào “Dân vận khéo"), {{"subject", "Về việc phát động phong trào “Dân vận khéo”"}},
         {"Added the missing closing quote"}},
        {"ClosingQuoteAfterPeriod", with("Về việc phát động phong trào “Dân vận khéo”."), {{"subject", "Về việc phát động phong trào “Dân vận khéo”"}},
         {"Dropped the '.'"}, {"quote"}},
        {"StraightQuotesBalanced", with("Về việc phát động phong trào \"Thi đua yêu nước"), {{"subject", "Về việc phát động phong trào \"Thi đua yêu nước\""}},
         {"Balanced the quotes"}},
        {"CongVanSubject", "SỞ TƯ PHÁP\nSố: 15/STP-VP\nV/v đôn đốc báo cáo.\nĐắk Nông, ngày 05 tháng 3 năm 2024\n\nKính gửi: Các phòng.\n\nSở đề nghị báo cáo./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n",
         {{"subject", "đôn đốc báo cáo"}}, {"Dropped the '.'"}},
        {"CleanSubjectHasNoNote", with("Về việc ban hành Quy chế làm việc"), {{"subject", "Về việc ban hành Quy chế làm việc"}}, {}, {"trích yếu"}},
    };
}

// 8. Relations and the effective date stated in the body.
inline std::vector<ImportCase> factCases() {
    return {
        {"ReplacesAndInForceOnSigning",
         decision(kProvince, kArticle + "\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 123/QĐ-UBND ngày 5 tháng 3 năm 2019 của Ủy ban nhân dân tỉnh.\n"),
         {{"relations", "replaces 123/QĐ-UBND 2019-03-05"}, {"effectiveDate", "2024-03-05"}},
         {"In force from signing: the effective date is the issue date 2024-03-05", "Recorded the relation replaces to 123/QĐ-UBND (2019-03-05)"}},
        {"RevokesTwo", decision(kProvince, kArticle + "\nĐiều 2. Bãi bỏ Quyết định số 45/2018/QĐ-UBND ngày 10/8/2018 và Quyết định số 46/2018/QĐ-UBND của Ủy ban nhân dân tỉnh.\n"),
         {{"relations", "revokes 45/2018/QĐ-UBND 2018-08-10; revokes 46/2018/QĐ-UBND"}}, {"Recorded the relation revokes"}},
        {"AmendsWhatAnotherIssued",
         decision(kProvince, "Điều 1. Sửa đổi, bổ sung một số điều của Quy chế ban hành kèm theo Quyết định số 12/2019/QĐ-UBND ngày 02 tháng 4 năm 2019 của Ủy ban nhân dân tỉnh.\n"),
         {{"relations", "amends 12/2019/QĐ-UBND 2019-04-02"}}, {"Recorded the relation amends"}},
        {"EffectiveOnAGivenDate", decision(kProvince, kArticle + "\nĐiều 2. Quyết định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2024.\n"),
         {{"effectiveDate", "2024-07-01"}, {"relations", ""}}, {"Effective date: 2024-07-01"}},
        {"EffectiveDateInDigits", decision(kProvince, kArticle + "\nĐiều 2. Quyết định này có hiệu lực kể từ ngày 15/4/2024.\n"),
         {{"effectiveDate", "2024-04-15"}}, {"Effective date: 2024-04-15"}},
        {"ATaskIsNoRelation", plan("I. NHIỆM VỤ\n\n1. Sở Tư pháp trình Ủy ban nhân dân tỉnh ban hành Quyết định sửa đổi Quyết định số 7/2020/QĐ-UBND.\n"),
         {{"relations", ""}, {"effectiveDate", ""}}, {}, {"Recorded the relation"}},
        {"IssuedWith", plan("I. CĂN CỨ\n\n1. Kế hoạch này ban hành kèm theo Quyết định số 99/QĐ-UBND ngày 01/02/2024 của Ủy ban nhân dân tỉnh.\n"),
         {{"relations", "issued-with 99/QĐ-UBND 2024-02-01"}}, {"Recorded the relation issued-with"}},
    };
}

// The inputs of the import's other tests (text_import_test.cpp), for the words-lost count.
inline const std::string kCongVanWithMarks =
        "UBND TỈNH NINH BÌNH\n"
        "SỞ TƯ PHÁP\n"
        "Số: 1856/STP-VP\n"
        "V/v đôn đốc gửi báo cáo\n"
        "KHẨN\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Ninh Bình, ngày 25 tháng 11 năm 2024\n"
        "\n"
        "Kính gửi:\n"
        "- Các sở, ban, ngành thuộc tỉnh;\n"
        "- Ủy ban nhân dân các huyện, thành phố.\n"
        "\n"
        "Sở Tư pháp đề nghị các cơ quan, đơn vị gửi báo cáo **trước ngày 05 tháng 12 năm 2024**./.\n"
        "\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Ủy ban nhân dân tỉnh (để báo cáo);\n"
        "- Lưu: VT, VP (02).\n"
        "\n"
        "KT. GIÁM ĐỐC\n"
        "PHÓ GIÁM ĐỐC\n"
        "\n\n"
        "Trần Minh Đức\n";
inline const std::string kCouncilResolution =
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 52/NQ-HĐND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Nam, ngày 12 tháng 7 năm 2024\n\n"
        "NGHỊ QUYẾT\nVề việc thành lập Đoàn giám sát\n\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NAM\nKHÓA X, KỲ HỌP THỨ 23\n\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
        "QUYẾT NGHỊ:\n\nĐiều 1. Thành lập Đoàn giám sát.\n\n"
        "TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\n\n\nNguyễn Văn A\n";
inline const std::string kRegulationWithChapters =
        "Số: 14/2024/QĐ-UBND\nThái Nguyên, ngày 02 tháng 4 năm 2024\n\nQUY ĐỊNH\nVề quản lý công tác văn thư\n\n"
        "Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuy định này quy định về công tác văn thư.\n\n"
        "Điều 2. Đối tượng áp dụng\n\n1. Các sở, ban, ngành:\n\na) Văn phòng;\n\nđ) Thanh tra.\n\n"
        "Chương II\nTỔ CHỨC THỰC HIỆN\n\nĐiều 3. Sở Nội vụ hướng dẫn thực hiện Quy định này./.\n";
inline const std::string kMarkdownTables =
        "| BỘ TƯ PHÁP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n| | Độc lập - Tự do - Hạnh phúc |\n"
        "| Số: 15/QĐ-BTP | Hà Nội, ngày 05 tháng 3 năm 2020 |\n\n**QUYẾT ĐỊNH**\n\n**Về việc thành lập Tổ công tác**\n\n"
        "**BỘ TRƯỞNG BỘ TƯ PHÁP**\n\n*Căn cứ Nghị định số 96/2017/NĐ-CP ngày 16 tháng 8 năm 2017 của Chính phủ;*\n\n"
        "*Theo đề nghị của Chánh Văn phòng Bộ.*\n\n**QUYẾT ĐỊNH:**\n\n**Điều 1.** Thành lập Tổ công tác.\n\n"
        "**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký./.\n\n"
        "| **Nơi nhận:**<br>- Như Điều 2;<br>- Lưu: VT, VP. | **KT. BỘ TRƯỞNG**<br/>**THỨ TRƯỞNG**<br><br>Phan Chí Hiếu |\n";

inline std::vector<ImportCase> otherInputs() {
    ImportCase regulation{"RegulationWithChapters", kRegulationWithChapters, {}, {}};
    regulation.options.issuer = model::Organ{"ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "", ""};
    return {{"CongVanWithMarks", kCongVanWithMarks, {}, {}}, {"CouncilResolution", kCouncilResolution, {}, {}}, regulation,
            {"MarkdownTables", kMarkdownTables, {}, {}}};
}

inline std::vector<ImportCase> allCases() {
    std::vector<ImportCase> all;
    for (auto list : {signatureCases(), organCases(), runTogetherCases(), titleCases(), brokenSentenceCases(), levelCases(), subjectCases(), factCases()})
        for (auto& c : list) all.push_back(std::move(c));
    return all;
}

// ---- reading a field ----

inline std::string outline(const std::vector<model::Block>& blocks) {
    std::string s;
    for (const auto& b : blocks) {
        static const char* kinds[] = {"part", "chapter", "section", "subsection", "article", "clause", "point",
                                      "heading", "p", "bullet", "table", "row", "cell"};
        std::string k = kinds[static_cast<int>(b.kind)];
        if (b.kind == model::BlockKind::Heading) k += std::to_string(b.level);
        s += (s.empty() ? "" : " ") + k;
        if (!b.number.empty()) s += " " + b.number;
        if (!b.title.empty()) s += " \"" + model::plainText(b.title) + "\"";
        if (!b.children.empty() && b.kind != model::BlockKind::Table) s += " { " + outline(b.children) + " }";
    }
    return s;
}

inline void texts(const std::vector<model::Block>& blocks, std::string& out) {
    for (const auto& b : blocks) {
        if (!b.text.empty() && b.kind != model::BlockKind::Cell) out += (out.empty() ? "" : " | ") + model::plainText(b.text);
        texts(b.children, out);
    }
}

inline std::string fieldOf(const model::Document& d, const std::string& field) {
    if (field == "issuer") return d.issuer.name;
    if (field == "parent") return d.parentIssuer.name;
    if (field == "organId") return d.issuer.organId;
    if (field == "subject") return d.subject;
    if (field == "signer") return d.signatures.empty() ? "" : d.signatures[0].name;
    if (field == "position") return d.signatures.empty() ? "" : d.signatures[0].position;
    if (field == "outline") return outline(d.body);
    if (field == "texts") {
        std::string out;
        texts(d.body, out);
        return out;
    }
    if (field == "effectiveDate") return d.effectiveDate ? formatIsoDate(*d.effectiveDate) : "";
    if (field == "relations") {
        std::string out;
        for (const auto& r : d.relations)
            out += (out.empty() ? "" : "; ") + std::string(model::relationKey(r.kind)) + " " + r.targetCode +
                   (r.targetDate ? " " + formatIsoDate(*r.targetDate) : "");
        return out;
    }
    return "<unknown field " + field + ">";
}

}  // namespace vanthu::input::cases
