// model/document.h: a văn bản with all its metadata, as plain values. No ICU, no libxml2 here.
// All strings are UTF-8, NFC (the input module normalises at the edge).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/iso_date.h"
#include "model/document_code.h"
#include "model/document_type.h"

namespace vanthu::model {

// A calendar date (core/iso_date.h: formatIsoDate, parseIsoDate); validity is checked by the
// input module (no 30 February) with isValidDate.
using Date = vanthu::CalendarDate;
using vanthu::isValidDate;

// A place in the source file, so rule violations found after parsing can still be located:
// field "/document/body/article[2]", line, column (core/error.h).
using SourcePos = vanthu::Location;

struct Organ {
    std::string name;          // "BỘ TƯ PHÁP" as printed (upper case is applied by compose)
    std::string abbreviation;  // "BTP" (optional)
    std::string organId;       // mã định danh "000.00.00.G12" (optional)
    bool empty() const { return name.empty(); }
    bool operator==(const Organ&) const = default;
};

// A run of inline text; formatting inside body paragraphs.
struct Run {
    std::string text;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool operator==(const Run&) const = default;
};
using Inlines = std::vector<Run>;
std::string plainText(const Inlines& runs);

// The structured body. Numbers are optional: compose numbers articles (Điều 1, 2 …), clauses
// (1., 2.), points (a), b) … đ) …), chapters (I, II), parts, sections, when `number` is empty.
enum class BlockKind {
    Part,       // Phần thứ nhất / Phần I + title
    Chapter,    // Chương I + title
    Section,    // Mục 1 + title
    Subsection, // Tiểu mục 1 + title
    Article,    // Điều 1. Title
    Clause,     // 1. text  (khoản)
    Point,      // a) text  (điểm)
    Heading,    // plan/report headings: "I. MỤC ĐÍCH, YÊU CẦU", "1.1. …", level 1–4
    Paragraph,  // plain body paragraph
    Bullet,     // "- text" line
    Table,      // rows of cells (children are Row blocks)
    Row,        // children are Cell blocks
    Cell,       // children are Paragraph blocks (or its own text)
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    std::string number;  // label as written ("1", "I", "a", "1.2"); empty = automatic / none
    Inlines title;       // heading text (Part/Chapter/Section/Article/Heading, titled Clause)
    Inlines text;        // paragraph text (Clause, Point, Paragraph, Bullet, Cell)
    int level = 1;       // Heading level 1–4
    bool headerRow = false;  // Row: repeat as table header
    std::vector<int> columnWidths;  // Table: relative column widths as written ("1 6 3 3"); empty = equal
    std::vector<Block> children;
    SourcePos pos;
    bool operator==(const Block&) const = default;
};

enum class Authority { None, TM, KT, TL, TUQ, Q };
std::string_view authorityPrefix(Authority a);  // "TM.", "KT.", …, "" for None

// One line of the 7a block: "KT. BỘ TRƯỞNG" = {KT, "BỘ TRƯỞNG"}.
struct AuthorityLine {
    Authority authority = Authority::None;
    std::string title;
    bool operator==(const AuthorityLine&) const = default;
};

// TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A
struct Signature {
    std::vector<AuthorityLine> chain;  // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    std::string position;              // chức vụ of the signer: "PHÓ CHỦ TỊCH"
    std::string otherTitle;            // chức vụ khác (7b), optional
    std::string name;                  // "Phan Chí Hiếu", no academic titles
    SourcePos pos;
    bool operator==(const Signature&) const = default;
};

enum class RecipientKind {
    Agency,        // a named organ or unit
    AsAbove,       // "Như trên"
    AsArticle,     // "Như Điều 3" (article in `article`)
};

struct Recipient {
    RecipientKind kind = RecipientKind::Agency;
    std::string name;     // "Thủ tướng Chính phủ"
    std::string purpose;  // "để báo cáo" (printed in parentheses)
    int article = 0;      // for AsArticle
    std::string organId;  // optional mã định danh, for distribution
    SourcePos pos;
    bool operator==(const Recipient&) const = default;
};

// "Lưu: VT, QLXLVPHC&TDTHPL (02)." followed by ô 12 "PL.(300)".
struct ArchiveLine {
    std::vector<std::string> units{"VT"};  // VT first by convention
    int copies = 0;                        // số bản lưu, 0 = not printed
    std::string drafterInitials;           // ô 12, optional
    int issuedCopies = 0;                  // ô 12 count, optional
    bool operator==(const ArchiveLine&) const = default;
};

enum class Secrecy { None, Mat, ToiMat, TuyetMat };
enum class Urgency { None, Khan, ThuongKhan, HoaToc };
enum class Circulation { None, XemXongTraLai, LuuHanhNoiBo };
std::string_view secrecyText(Secrecy s);      // "MẬT", "TỐI MẬT", "TUYỆT MẬT"
std::string_view urgencyText(Urgency u);      // "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
std::string_view circulationText(Circulation c);

enum class RelationKind { Replaces, Revokes, Amends, Corrects, Implements, IssuedWith, RespondsTo };
std::string_view relationKey(RelationKind k);  // "replaces", …

struct Relation {
    RelationKind kind = RelationKind::Replaces;
    std::string targetCode;          // "242/QĐ-TTg" as written
    std::optional<Date> targetDate;
    std::string note;
    bool operator==(const Relation&) const = default;
};

struct Appendix {
    std::string number;  // "I", "II"; empty when the document has a single "Phụ lục"
    std::string title;
    std::vector<Block> body;
    bool landscape = false;  // wide tables: the section's page is turned (Decree 30 §1)
    SourcePos pos;
    bool operator==(const Appendix&) const = default;
};

// A document issued with this one ("ban hành kèm theo"), e.g. the Kế hoạch of a Quyết định.
struct AttachedDocument {
    DocumentType type = DocumentType::KeHoach;
    std::string subject;
    std::vector<Block> body;
    std::optional<Signature> signature;  // often signed again at the end
    std::vector<Appendix> appendices;
    SourcePos pos;
    bool operator==(const AttachedDocument&) const = default;
};

struct Contact {  // ô 13
    std::string address, phone, fax, email, website;
    bool empty() const { return address.empty() && phone.empty() && fax.empty() && email.empty() && website.empty(); }
    bool operator==(const Contact&) const = default;
};

struct Document {
    std::string id;  // optional external id
    DocumentType type = DocumentType::CongVan;
    DocumentCode code;
    Secrecy secrecy = Secrecy::None;
    Urgency urgency = Urgency::None;
    Circulation circulation = Circulation::None;

    Organ parentIssuer;  // cơ quan chủ quản, optional
    Organ issuer;        // cơ quan ban hành
    std::string place;   // địa danh
    std::optional<Date> issueDate;  // absent on a draft
    std::optional<Date> effectiveDate;  // ngày có hiệu lực, when the text says ("có hiệu lực từ ngày …")

    std::string subject;    // trích yếu (Công văn: without the "V/v " prefix)
    std::string authority;  // "BỘ TRƯỞNG BỘ TƯ PHÁP", the issuing-authority line of a Quyết định
    std::vector<std::string> legalBasis;  // căn cứ lines, as written
    std::vector<std::string> addressees;  // Kính gửi
    std::vector<Block> body;

    std::vector<Signature> signatures;  // usually one; Biên bản has two
    std::vector<Recipient> recipients;  // Nơi nhận (without the Lưu line)
    ArchiveLine archive;

    std::vector<Appendix> appendices;
    std::vector<AttachedDocument> attachments;
    std::vector<Relation> relations;
    Contact contact;

    SourcePos pos;
    bool operator==(const Document&) const = default;
};

}  // namespace vanthu::model
