// input/text_import.h: an existing document as plain text → model::Document.
//
// For documents that exist only as text: copied out of Word or a PDF, or converted to Markdown
// (the seeds in shared/ are such conversions). The importer recognises the parts Decree 30
// prescribes, line by line:
//   header       "Số: 1347/QĐ-BTP", "<Địa danh>, ngày 14 tháng 6 năm 2019", organ names,
//                Quốc hiệu/Tiêu ngữ (dropped: compose prints them), urgency/secrecy marks, "V/v …"
//   title        the type name ("QUYẾT ĐỊNH"), the trích yếu, the authority line ("BỘ TRƯỞNG …")
//   căn cứ       "Căn cứ …", "Xét …", "Theo đề nghị …"; the decision word ("QUYẾT ĐỊNH:") dropped
//   Kính gửi     one line or "- …" lines
//   body         Phần/Chương/Mục, "Điều N.", clauses "1.", points "a)", plan headings
//                (A./I./1./1.1./1.1.1., levels in the order the schemes first appear), "- " bullets,
//                paragraphs with **bold** and *italic* kept, Markdown tables
//   Nơi nhận     "- Như Điều 3;", "- Như trên;", "- X (để báo cáo);", "- Lưu: VT, A (02)."
//   signature    "TM./KT./TL./TUQ./Q. …" lines, the position, the name
//   attachments  a second type name after the signature ("KẾ HOẠCH") with its own subject,
//                the "(Ban hành kèm theo …)" note dropped (compose prints it), body and signer;
//                "Phụ lục …" sections as appendices
// Repairs of copied text, each reported as a note: a heading run together with the text before
// it ("…THỰC HIỆNĐiều 9.", "…thực hiện1. Các sở") split off; a sentence broken by the source's
// page break joined again (the next line starts in lower case, or the break follows a word that
// cannot end a sentence, and no new unit begins); titles wrapped onto more lines joined; page
// numbers between paragraphs dropped; signature placeholders ("(Đã ký)", "[chữ ký, đóng dấu]", an
// image) read past to the name; "ỦY BAN NHÂN DÂN" over "TỈNH …" read as one organ; the trích
// yếu's final period dropped and its quotes balanced. Facts of the body become model fields:
// "thay thế / bãi bỏ / sửa đổi, bổ sung / ban hành kèm theo … số <code> ngày …" relations, and
// "có hiệu lực từ ngày …" the effective date.
// Markdown decoration (#, **, *, hard breaks, \-escapes) is removed; text is NFC-normalised.
// Conversion artefacts are repaired where the repair is certain (a block repeated verbatim by a
// table linearisation, stray characters after "./."), and each repair is reported.
//
// What the text lacks (often the header table: issuer, place) comes from ImportOptions; a
// required field found nowhere is an error naming the option that supplies it. Everything the
// importer guessed or repaired is returned as a note with its line, for the clerk to review.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/result.h"
#include "core/warning.h"
#include "model/document.h"

namespace vanthu::input {

// What an agency directory knows of an organ named as printed ("SỞ NỘI VỤ TỈNH ĐẮK NÔNG"). The
// directory lives above input (distribution::AgencyDirectory), so the caller adapts it to this.
struct KnownOrgan {
    std::string name;          // the directory's spelling
    std::string abbreviation;
    std::string organId;       // mã định danh
};
using OrganLookup = std::function<std::optional<KnownOrgan>(const std::string& printedName)>;

struct ImportOptions {
    std::optional<model::Organ> issuer;        // overrides/supplies cơ quan ban hành
    std::optional<model::Organ> parentIssuer;  // cơ quan chủ quản
    std::string place;                         // when the text has no place/date line
    std::optional<model::Date> issueDate;
    std::optional<model::DocumentType> type;   // when the text names no type (plain công văn)
    OrganLookup findOrgan;                     // optional: settles how header lines split into organs
};

struct ImportOutcome {
    model::Document document;
    Warnings notes;  // what was guessed, repaired or dropped; line = the source line
};

// REQUIRES: valid UTF-8 (decode legacy encodings with text::decodeLegacy first). Errors:
// Errc::InvalidInput for ill-formed UTF-8, empty text, or required fields found nowhere.
Result<ImportOutcome> importText(std::string_view text, const ImportOptions& options = {});

}  // namespace vanthu::input
