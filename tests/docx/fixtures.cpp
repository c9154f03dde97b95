#include "docx/fixtures.h"

#include <string>
#include <utility>

namespace vanthu::testing {

using namespace compose;

namespace {

TextStyle style(double size, bool bold = false, bool italic = false) { return TextStyle{size, bold, italic, false}; }

Paragraph para(Role role, std::string text, TextStyle s, Align align = Align::Justify) {
    Paragraph p;
    p.role = role;
    p.format.align = align;
    p.spans.push_back({std::move(text), s});
    return p;
}

Paragraph centred(Role role, std::string text, TextStyle s) { return para(role, std::move(text), s, Align::Center); }

Paragraph body(Role role, std::string text) {
    Paragraph p = para(role, std::move(text), style(14));
    p.format.firstLineIndentPt = mm(10);
    p.format.spaceAfterPt = 6;
    p.format.lineSpacing = 1.15;
    return p;
}

Cell cell(std::vector<Paragraph> ps) { return Cell{std::move(ps)}; }

Table headerTable(double textWidth) {
    Table t;
    t.kind = Table::Kind::Header;
    t.columnWidthsPt = {textWidth * 0.42, textWidth * 0.58};
    Paragraph issuer = centred(Role::Issuer, "BỘ TƯ PHÁP", style(12, true));
    issuer.ruleBelow = Rule{30, 0.5, 1};
    Paragraph tieuNgu = centred(Role::TieuNgu, "Độc lập - Tự do - Hạnh phúc", style(13, true));
    tieuNgu.ruleBelow = Rule{165.5, 0.5, 1};
    t.rows.push_back({cell({centred(Role::ParentOrgan, "", style(12)), issuer}),
                      cell({centred(Role::QuocHieu, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style(12, true)), tieuNgu})});
    Paragraph place = centred(Role::PlaceDate, "Hà Nội, ngày 08 tháng 5 năm 2018", style(13, false, true));
    place.format.spaceBeforePt = 6;
    Paragraph number = centred(Role::Number, "Số: 1020/QĐ-BTP", style(13));
    number.format.spaceBeforePt = 6;
    t.rows.push_back({cell({number}), cell({place})});
    return t;
}

Table signatureTable(double textWidth) {
    Table t;
    t.kind = Table::Kind::Signature;
    t.keepTogether = true;
    t.columnWidthsPt = {textWidth * 0.5, textWidth * 0.5};
    Paragraph label = para(Role::RecipientsLabel, "Nơi nhận:", style(12, true, true), Align::Left);
    Paragraph item1 = para(Role::RecipientItem, "- Như Điều 3;", style(11), Align::Left);
    Paragraph item2 = para(Role::RecipientItem, "- Lưu: VT, PC.", style(11), Align::Left);
    Paragraph space;
    space.role = Role::SignatureSpace;
    space.format.align = Align::Center;
    space.format.spaceAfterPt = 60;
    t.rows.push_back({cell({label, item1, item2}),
                      cell({centred(Role::SignerAuthority, "KT. BỘ TRƯỞNG", style(14, true)),
                            centred(Role::SignerPosition, "THỨ TRƯỞNG", style(14, true)), space,
                            centred(Role::SignerName, "Nguyễn Văn A", style(14, true))})});
    return t;
}

Table bodyTable(int rows) {
    Table t;
    t.kind = Table::Kind::Body;
    t.borders = true;
    t.cellPaddingPt = 5.4;  // what compose decides for body tables
    t.headerRows = 1;
    t.columnWidthsPt = {40, 200, 227.7};
    t.rows.push_back({cell({centred(Role::TableText, "STT", style(13, true))}),
                      cell({centred(Role::TableText, "Nội dung", style(13, true))}),
                      cell({centred(Role::TableText, "Ghi chú", style(13, true))})});
    for (int r = 1; r <= rows; ++r) {
        std::vector<Cell> row = {cell({centred(Role::TableText, std::to_string(r), style(13))}),
                                 cell({para(Role::TableText, "Hồ sơ đề nghị số " + std::to_string(r), style(13), Align::Left)})};
        if (r % 2 == 0) row.push_back(cell({para(Role::TableText, "Đã xử lý", style(13), Align::Left)}));
        else row.push_back(cell({}));  // an empty cell
        t.rows.push_back(std::move(row));
    }
    return t;
}

void mainHead(Section& s) {
    const double tw = s.page.textWidthPt();
    s.blocks.push_back(headerTable(tw));
    Paragraph urgent = centred(Role::UrgencyMark, "KHẨN", style(13, true));
    urgent.frame = frameAround(urgent, mm(20), mm(8));
    urgent.format.spaceBeforePt = 6;
    s.blocks.push_back(urgent);
    Paragraph type = centred(Role::TypeName, "QUYẾT ĐỊNH", style(14, true));
    type.format.spaceBeforePt = 12;
    s.blocks.push_back(type);
    Paragraph subject = centred(Role::Subject, "Về việc ban hành Quy chế quản lý văn bản điện tử", style(14, true));
    subject.ruleBelow = Rule{120, 0.5, 1};
    subject.format.spaceAfterPt = 12;
    s.blocks.push_back(subject);
    s.blocks.push_back(centred(Role::AuthorityLine, "BỘ TRƯỞNG BỘ TƯ PHÁP", style(14, true)));
    Paragraph basis1 = body(Role::LegalBasis, "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;");
    basis1.spans[0].style.italic = true;
    Paragraph basis2 = body(Role::LegalBasis, "Theo đề nghị của Chánh Văn phòng.");
    basis2.spans[0].style.italic = true;
    s.blocks.push_back(basis1);
    s.blocks.push_back(basis2);
    Paragraph decision = centred(Role::DecisionWord, "QUYẾT ĐỊNH:", style(14, true));
    decision.format.keepWithNext = true;
    s.blocks.push_back(decision);
}

Paragraph article(int n, std::string title) {
    Paragraph p = body(Role::Article, "");
    p.spans.clear();
    p.spans.push_back({"Điều " + std::to_string(n) + ". ", style(14, true)});
    p.spans.push_back({std::move(title), style(14, true)});
    p.format.keepWithNext = true;
    return p;
}

Section appendix(bool twoTables, std::string number = "I") {
    Section s;
    s.label = "appendix " + number;
    s.numbering.startAt = 1;
    s.blocks.push_back(centred(Role::AppendixLabel, "Phụ lục " + number, style(14, true)));
    Paragraph title = centred(Role::AppendixTitle, "DANH MỤC HỒ SƠ", style(14, true));
    title.ruleBelow = Rule{60, 0.5, 1};
    s.blocks.push_back(title);
    s.blocks.push_back(centred(Role::AttachedNote,
                               "(Kèm theo Quyết định số 1020/QĐ-BTP ngày 08 tháng 5 năm 2018 của Bộ trưởng Bộ Tư pháp)",
                               style(14, false, true)));
    s.blocks.push_back(bodyTable(twoTables ? 2 : 60));  // 60 rows: two pages
    if (twoTables) s.blocks.push_back(bodyTable(1));
    return s;
}

Metadata metadata() {
    Metadata m;
    m.title = "Về việc ban hành Quy chế quản lý văn bản điện tử";
    m.typeName = "Quyết định";
    m.code = "1020/QĐ-BTP";
    m.codeNumber = "1020";
    m.codeNotation = "QĐ-BTP";
    m.organName = "Bộ Tư pháp";
    m.organId = "000.00.00.G06";
    m.issuedDate = "2018-05-08";
    m.signerName = "Nguyễn Văn A";
    m.signerPosition = "Thứ trưởng";
    m.urgency = "KHẨN";
    return m;
}

const char* const kSentences[] = {
    "Văn bản điện tử được ký số bởi người có thẩm quyền và ký số của cơ quan, tổ chức theo quy định của pháp luật. ",
    "Cơ quan, tổ chức có trách nhiệm lập hồ sơ và nộp lưu hồ sơ, tài liệu vào Lưu trữ cơ quan đúng thời hạn. ",
    "Người đứng đầu cơ quan, tổ chức chịu trách nhiệm quản lý công tác văn thư, chỉ đạo việc thực hiện các quy định. ",
    "Văn thư cơ quan kiểm tra thể thức, kỹ thuật trình bày; ghi số, ngày, tháng, năm của văn bản; đóng dấu. ",
};

std::string sentences(int seed, int count) {
    std::string s;
    for (int i = 0; i < count; ++i) s += kSentences[(seed + i) % 4];
    s.pop_back();
    return s;
}

}  // namespace

Composition smallDecision() {
    Composition c;
    c.meta = metadata();
    Section s;
    s.label = "main";
    mainHead(s);
    s.blocks.push_back(article(1, "Phạm vi điều chỉnh"));
    s.blocks.push_back(body(Role::Clause, "1. Quy chế này quy định về " + std::string(kStackedMarks) + " trong văn bản."));
    s.blocks.push_back(body(Role::Clause, "2. Giá trị \"x\" < 5 & y > 3;\tcột sau tab\ndòng sau ngắt dòng."));
    Paragraph point = body(Role::Point, "a) Điểm có thụt treo;");
    point.format.firstLineIndentPt = -mm(5);
    point.format.leftIndentPt = mm(5);
    s.blocks.push_back(point);
    s.blocks.push_back(bodyTable(2));
    Paragraph last = body(Role::Body, "  Hai khoảng trắng ở đầu và  giữa câu. ");
    last.format.keepWithNext = true;
    s.blocks.push_back(last);
    s.blocks.push_back(signatureTable(s.page.textWidthPt()));
    c.sections.push_back(std::move(s));
    c.sections.push_back(appendix(true));
    return c;
}

Composition longDecision(int articles) {
    Composition c;
    c.meta = metadata();
    Section s;
    s.label = "main";
    mainHead(s);
    for (int a = 1; a <= articles; ++a) {
        s.blocks.push_back(article(a, "Quy định về trách nhiệm thi hành"));
        for (int k = 1; k <= 3; ++k) {
            Paragraph clause = body(Role::Clause, "");
            clause.spans.clear();
            clause.spans.push_back({std::to_string(k) + ". ", style(14)});
            clause.spans.push_back({sentences(a + k, 3), style(14)});
            s.blocks.push_back(clause);
        }
    }
    s.blocks.push_back(signatureTable(s.page.textWidthPt()));
    c.sections.push_back(std::move(s));
    c.sections.push_back(appendix(false, "I"));
    c.sections.push_back(appendix(false, "II"));
    return c;
}

docx::DocxOptions fixedOptions() {
    using namespace std::chrono;
    return docx::DocxOptions{sys_days{year{2018} / May / 8}};
}

}  // namespace vanthu::testing
