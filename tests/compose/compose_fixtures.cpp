#include "compose/compose_fixtures.h"

#include <memory>

#include "core/files.h"

namespace vanthu::compose::testing {

const Composer& composer() {
    static const std::shared_ptr<const Composer> c = Composer::load(dataDir());
    return *c;
}

ComposeOptions options() {
    ComposeOptions o;
    o.created = std::chrono::sys_days{std::chrono::year{2018} / 5 / 8} + std::chrono::hours{9} + std::chrono::minutes{30};
    return o;
}

model::Inlines plain(std::string s) {
    if (s.empty()) return {};
    return {model::Run{std::move(s)}};
}

model::Block paragraph(std::string s) {
    model::Block b;
    b.kind = model::BlockKind::Paragraph;
    b.text = plain(std::move(s));
    return b;
}

model::Block article(std::string title, std::string text, std::vector<model::Block> children) {
    model::Block b;
    b.kind = model::BlockKind::Article;
    b.title = plain(std::move(title));
    b.text = plain(std::move(text));
    b.children = std::move(children);
    return b;
}

model::Block clause(std::string text, std::vector<model::Block> children) {
    model::Block b;
    b.kind = model::BlockKind::Clause;
    b.text = plain(std::move(text));
    b.children = std::move(children);
    return b;
}

model::Block point(std::string text) {
    model::Block b;
    b.kind = model::BlockKind::Point;
    b.text = plain(std::move(text));
    return b;
}

model::Block heading(int level, std::string title, std::vector<model::Block> children) {
    model::Block b;
    b.kind = model::BlockKind::Heading;
    b.level = level;
    b.title = plain(std::move(title));
    b.children = std::move(children);
    return b;
}

model::Block bullet(std::string s) {
    model::Block b;
    b.kind = model::BlockKind::Bullet;
    b.text = plain(std::move(s));
    return b;
}

namespace {

model::Signature ktBoTruong() {
    model::Signature s;
    s.chain = {{model::Authority::KT, "BỘ TRƯỞNG"}};
    s.position = "THỨ TRƯỞNG";
    s.name = "Phan Chí Hiếu";
    return s;
}

model::Recipient agency(std::string name, std::string purpose = {}) {
    model::Recipient r;
    r.kind = model::RecipientKind::Agency;
    r.name = std::move(name);
    r.purpose = std::move(purpose);
    return r;
}

}  // namespace

model::Document quyetDinh1020() {
    model::Document d;
    d.type = model::DocumentType::QuyetDinh;
    d.code.number = 1020;
    d.code.notation = "QĐ-BTP";
    d.issuer = {"BỘ TƯ PHÁP", "BTP", "000.00.00.G12"};
    d.place = "Hà Nội";
    d.issueDate = model::Date{2018, 5, 8};
    d.subject =
        "Ban hành Kế hoạch thực hiện “Đề án Đổi mới, nâng cao hiệu quả công tác tổ chức thi hành pháp luật "
        "giai đoạn năm 2018-2022”";
    d.authority = "BỘ TRƯỞNG BỘ TƯ PHÁP";
    d.legalBasis = {
        "Căn cứ Nghị định số 96/2017/NĐ-CP ngày 16 tháng 8 năm 2017 của Chính phủ quy định chức năng, nhiệm vụ, "
        "quyền hạn và cơ cấu tổ chức của Bộ Tư pháp;",
        "Căn cứ Quyết định số 242/QĐ-TTg ngày 26 tháng 02 năm 2018 của Thủ tướng Chính phủ phê duyệt “Đề án Đổi mới, "
        "nâng cao hiệu quả công tác tổ chức thi hành pháp luật giai đoạn năm 2018-2022”",
        "Xét đề nghị của Cục trưởng Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp luật,",
    };
    d.body = {
        article("", "Ban hành kèm theo Quyết định này Kế hoạch thực hiện “Đề án Đổi mới, nâng cao hiệu quả công tác "
                    "tổ chức thi hành pháp luật giai đoạn năm 2018-2022”."),
        article("", "Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành."),
        article("", "Chánh Văn phòng Bộ, Cục trưởng Cục Quản lý xử lý vi phạm hành chính và theo dõi thi hành pháp "
                    "luật và Thủ trưởng các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./."),
    };
    d.signatures = {ktBoTruong()};
    model::Recipient asArticle;
    asArticle.kind = model::RecipientKind::AsArticle;
    asArticle.article = 3;
    d.recipients = {asArticle, agency("Thủ tướng Chính phủ", "để báo cáo"),
                    agency("Các Thủ trưởng", "để chỉ đạo thực hiện"),
                    agency("Cổng thông tin điện tử Bộ Tư pháp;", "để đăng tải")};
    d.archive.units = {"VT", "QLXLVPHC&TDTHPL"};
    d.archive.copies = 2;
    d.archive.drafterInitials = "NVA";
    d.archive.issuedCopies = 10;

    model::AttachedDocument kh;
    kh.type = model::DocumentType::KeHoach;
    kh.subject = "Thực hiện “Đề án Đổi mới, nâng cao hiệu quả công tác tổ chức thi hành pháp luật giai đoạn năm 2018-2022”";
    kh.body = {
        heading(1, "MỤC ĐÍCH, YÊU CẦU",
                {heading(2, "Mục đích", {paragraph("Thực hiện toàn diện, hiệu quả Quyết định số 242/QĐ-TTg.")}),
                 heading(2, "Yêu cầu", {bullet("Thực hiện đúng, đầy đủ, kịp thời.")})}),
        heading(1, "NỘI DUNG CÔNG VIỆC",
                {heading(2, "Hoạt động hướng dẫn",
                         {heading(3, "Ban hành Kế hoạch thực hiện Đề án", {bullet("Thời gian thực hiện: Tháng 05/2018.")}),
                          heading(3, "Hội nghị quán triệt", {heading(4, "Tại miền Bắc"), heading(4, "Tại miền Nam")})})}),
    };
    kh.signature = ktBoTruong();
    d.attachments = {kh};

    model::Appendix ap;
    ap.title = "Danh mục nhiệm vụ";
    ap.body = {paragraph("Nội dung phụ lục.")};
    d.appendices = {ap};
    return d;
}

model::Document congVan() {
    model::Document d;
    d.type = model::DocumentType::CongVan;
    d.code.number = 5;
    d.code.notation = "STP-VP";
    d.parentIssuer.name = "Ủy ban nhân dân tỉnh Đắk Nông";
    d.issuer.name = "Sở Tư pháp";
    d.place = "Đắk Nông";
    d.issueDate = model::Date{2022, 1, 19};
    d.urgency = model::Urgency::HoaToc;
    d.secrecy = model::Secrecy::Mat;
    d.circulation = model::Circulation::LuuHanhNoiBo;
    d.subject = "triển khai theo dõi tình hình thi hành pháp luật năm 2022";
    d.addressees = {"Các sở, ban, ngành tỉnh;", "Ủy ban nhân dân các huyện, thành phố", "Báo Đắk Nông."};
    d.body = {paragraph("Thực hiện Kế hoạch số 10/KH-UBND, Sở Tư pháp đề nghị các cơ quan, đơn vị:"),
              bullet("Báo cáo kết quả trước ngày 15/12/2022."), paragraph("Trân trọng./.")};
    model::Signature s;
    s.chain = {{model::Authority::KT, "GIÁM ĐỐC"}};
    s.position = "PHÓ GIÁM ĐỐC";
    s.name = "Trần Văn B";
    d.signatures = {s};
    d.recipients = {agency("Như trên", "")};
    d.recipients.front().kind = model::RecipientKind::AsAbove;
    d.recipients.push_back(agency("Giám đốc Sở", "để báo cáo"));
    d.archive.units = {"VT", "VP"};
    d.contact.address = "Số 1 đường Tôn Đức Thắng, thành phố Gia Nghĩa";
    d.contact.phone = "0261 3544 123";
    d.contact.email = "stp@daknong.gov.vn";
    return d;
}

model::Document draftQuyetDinh() {
    model::Document d = quyetDinh1020();
    d.code.number.reset();
    d.issueDate.reset();
    return d;
}

model::Document bienBan() {
    model::Document d;
    d.type = model::DocumentType::BienBan;
    d.code.number = 12;
    d.code.notation = "BB-BTP";
    d.issuer.name = "BỘ TƯ PHÁP";
    d.place = "Hà Nội";
    d.issueDate = model::Date{2020, 1, 5};
    d.subject = "Cuộc họp giao ban tháng 01 năm 2020";
    d.body = {paragraph("Thời gian bắt đầu: 08 giờ 00.")};
    model::Signature secretary;
    secretary.position = "THƯ KÝ";
    secretary.name = "Lê Thị C";
    model::Signature chair;
    chair.position = "CHỦ TỌA";
    chair.name = "Nguyễn Văn D";
    d.signatures = {secretary, chair};
    d.recipients = {agency("Các đơn vị thuộc Bộ")};
    return d;
}

model::Document keHoach() {
    model::Document d;
    d.type = model::DocumentType::KeHoach;
    d.code.number = 7;
    d.code.notation = "KH-UBND";
    d.parentIssuer = {};
    d.issuer.name = "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG";
    d.place = "Đắk Nông";
    d.issueDate = model::Date{2022, 1, 19};
    d.subject = "Theo dõi tình hình thi hành pháp luật trên địa bàn tỉnh Đắk Nông năm 2022";

    model::Block ch1;
    ch1.kind = model::BlockKind::Chapter;
    ch1.title = plain("Quy định chung");
    model::Block sec1;
    sec1.kind = model::BlockKind::Section;
    sec1.title = plain("Phạm vi");
    sec1.children = {article("Phạm vi điều chỉnh", "", {clause("Kế hoạch này quy định:", {point("một"), point("hai"), point("ba"),
                                                                                          point("bốn"), point("năm"), point("sáu"),
                                                                                          point("bảy")}),
                                                          clause("Khoản hai.", {point("điểm a của khoản 2")})})};
    model::Block sec2;
    sec2.kind = model::BlockKind::Section;
    sec2.title = plain("Đối tượng");
    sec2.children = {article("Đối tượng áp dụng", "Các cơ quan, đơn vị.")};
    ch1.children = {sec1, sec2};

    model::Block ch2;
    ch2.kind = model::BlockKind::Chapter;
    ch2.title = plain("Tổ chức thực hiện");
    model::Block sec3;
    sec3.kind = model::BlockKind::Section;
    sec3.title = plain("Trách nhiệm");
    model::Block tableBlock;
    tableBlock.kind = model::BlockKind::Table;
    tableBlock.columnWidths = {1, 6, 3};
    auto row = [](bool header, std::vector<std::string> cells) {
        model::Block r;
        r.kind = model::BlockKind::Row;
        r.headerRow = header;
        for (auto& c : cells) {
            model::Block cell;
            cell.kind = model::BlockKind::Cell;
            cell.text = plain(std::move(c));
            r.children.push_back(std::move(cell));
        }
        return r;
    };
    tableBlock.children = {row(true, {"TT", "Nội dung", "Thời gian"}), row(false, {"1", "Kiểm tra", "Quý I"}),
                           row(false, {"2", "Báo cáo", "Quý IV"})};
    model::Block mixed;
    mixed.kind = model::BlockKind::Paragraph;
    mixed.text = {model::Run{"Chú ý: "}, model::Run{"bắt buộc", true, false, false}, model::Run{" thực hiện."}};
    sec3.children = {article("Trách nhiệm thi hành", "", {mixed, tableBlock})};
    ch2.children = {sec3};
    d.body = {ch1, ch2};

    model::Signature s;
    s.chain = {{model::Authority::TM, "ỦY BAN NHÂN DÂN"}, {model::Authority::KT, "CHỦ TỊCH"}};
    s.position = "PHÓ CHỦ TỊCH";
    s.name = "Tôn Thị Ngọc Hạnh";
    d.signatures = {s};
    d.recipients = {agency("Bộ Tư pháp", "để báo cáo")};

    model::Appendix a1, a2;
    a1.title = "Danh mục văn bản";
    a1.body = {article("", "Điều trong phụ lục I.")};
    a2.title = "Biểu mẫu báo cáo";
    a2.number = "";
    a2.body = {article("", "Điều trong phụ lục II.")};
    d.appendices = {a1, a2};
    return d;
}

// ---- looking into a Composition ----

namespace {

void collect(const Block& b, std::vector<const Paragraph*>& out) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
        out.push_back(p);
        return;
    }
    for (const auto& row : std::get<Table>(b).rows)
        for (const auto& cell : row)
            for (const auto& p : cell.paragraphs) out.push_back(&p);
}

}  // namespace

std::vector<const Paragraph*> paragraphs(const Section& s) {
    std::vector<const Paragraph*> out;
    for (const auto& b : s.blocks) collect(b, out);
    return out;
}

std::vector<const Paragraph*> all(const Section& s, Role r) {
    std::vector<const Paragraph*> out;
    for (const auto* p : paragraphs(s))
        if (p->role == r) out.push_back(p);
    return out;
}

const Paragraph* first(const Section& s, Role r) {
    for (const auto* p : paragraphs(s))
        if (p->role == r) return p;
    return nullptr;
}

std::vector<Role> roles(const Section& s) {
    std::vector<Role> out;
    for (const auto* p : paragraphs(s)) out.push_back(p->role);
    return out;
}

const Table* table(const Section& s, Table::Kind k) {
    for (const auto& b : s.blocks)
        if (const auto* t = std::get_if<Table>(&b); t && t->kind == k) return t;
    return nullptr;
}

std::vector<std::string> allStrings(const Composition& c) {
    std::vector<std::string> out = {c.meta.title, c.meta.typeName, c.meta.code, c.meta.codeNumber, c.meta.codeNotation,
                                    c.meta.organName, c.meta.organId, c.meta.issuedDate, c.meta.signerName,
                                    c.meta.signerPosition, c.meta.language, c.meta.secrecy, c.meta.urgency,
                                    c.meta.created, c.fontFamily};
    for (const auto& s : c.sections) {
        out.push_back(s.label);
        for (const auto* p : paragraphs(s))
            for (const auto& span : p->spans) out.push_back(span.text);
    }
    return out;
}

}  // namespace vanthu::compose::testing
