// The text import (text_import.h): the run over the document, its header, title and preamble,
// and the finished model. The body is in text_import_body.cpp, the signature part and what
// follows it in text_import_tail.cpp, the line layer in text_lines.cpp.
#include "input/text_import.h"

#include <algorithm>
#include <array>
#include <regex>

#include "core/strings.h"
#include "input/signature_lines.h"
#include "input/text_importer.h"
#include "model/document_code.h"
#include "model/document_type.h"
#include "text/unicode.h"

namespace vanthu::input {
namespace detail {

std::optional<model::DocumentType> typeFromTitle(const std::string& plain) {
    for (const auto& t : model::documentTypes()) {
        if (t.type == model::DocumentType::CongVan || t.type == model::DocumentType::ThuCong) continue;
        if (text::toUpper(t.name) == plain) return t.type;
    }
    return std::nullopt;
}

bool isDecisionWord(const std::string& plain) {
    const std::string f = text::fold(plain);
    return f == "quyet dinh:" || f == "quyet nghi:" || f == "chi thi:" || f == "quyet dinh :" || f == "quyet nghi :";
}

bool isAppendixLabel(const std::string& plain) {
    static const std::regex re(R"(^(PHỤ LỤC|Phụ lục)(\s+([IVXLC]+|\d+))?\s*$)");
    return std::regex_match(plain, re);
}

Result<ImportOutcome> Importer::run() {
    header();
    mainTitle();
    preamble();
    mainBody_ = true;
    body(doc_.body);
    mainBody_ = false;
    tail(/*main=*/true, nullptr);
    while (more()) {
        const Line& l = line();
        if (const auto t = typeFromTitle(l.plain)) {
            ++i_;
            attachment(*t);
        } else if (isAppendixLabel(l.plain)) {
            appendix(doc_.appendices);
        } else {
            note(l, "Dòng không thuộc phần nào của văn bản, đã bỏ qua: '" + l.plain + "'",
                 "Line belongs to no part of the document; skipped: '" + l.plain + "'");
            ++i_;
        }
    }
    return finish();
}

bool Importer::more() {
    while (i_ < lines_.size() && lines_[i_].blank()) ++i_;
    return i_ < lines_.size();
}

const Line* Importer::peekNonBlank(std::size_t from) const {
    for (std::size_t j = from; j < lines_.size(); ++j)
        if (!lines_[j].blank()) return &lines_[j];
    return nullptr;
}

// Notes and errors alike: bilingual, with the source line where there is one (column 1), or
// nowhere (line 0).
Warning Importer::finding(std::string vi, std::string en, std::string field, int line) {
    return Warning::at(Location{std::move(field), line, line > 0 ? 1 : 0}, std::move(vi), std::move(en));
}
void Importer::note(const Line& l, std::string vi, std::string en, std::string field) {
    notes_.push_back(finding(std::move(vi), std::move(en), std::move(field), l.no));
}

// -- header: Số, place and date, organ names, marks, V/v; a Markdown table row cell by cell.
void Importer::header() {
    while (more()) {
        const Line& l = line();
        std::vector<std::string> cells{l.plain};
        if (l.plain.starts_with('|')) cells = tableCells(l.plain);
        bool consumed = true;
        for (const std::string& c : cells) {
            if (c.empty() || isTableRule(c)) continue;
            if (!headerCell(l, c)) {
                consumed = false;
                break;
            }
        }
        if (!consumed) break;
        ++i_;
    }
}

// One header line (or table cell); false at the first line that is not the header's.
bool Importer::headerCell(const Line& l, const std::string& c) {
    static const std::regex dateRe(R"(^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\s*\.?$)");
    static const std::regex draftDateRe(R"(^(.+?),\s*ngày\s+.*tháng\s+.*năm\s+.*$)");
    static const std::regex ruleRe(R"(^[-_=*~–—.\s]{3,}$)");  // the rules under the organ and Tiêu ngữ
    std::smatch m;
    const std::string f = text::fold(c);
    if (f.starts_with("so:") || f.starts_with("so :")) {
        codeLine(l, c.substr(c.find(':') + 1));
    } else if (std::regex_match(c, m, dateRe)) {
        place_ = trim(m[1].str());
        date_ = model::Date{std::stoi(m[4].str()), std::stoi(m[3].str()), std::stoi(m[2].str())};
    } else if (std::regex_match(c, m, draftDateRe)) {
        place_ = trim(m[1].str());
        note(l, "Ngày ban hành chưa điền: văn bản được nhập như dự thảo", "Issue date not filled in: imported as a draft");
    } else if (f == "cong hoa xa hoi chu nghia viet nam" || f.starts_with("doc lap - tu do") || f.starts_with("doc lap – tu do")) {
        // Quốc hiệu and Tiêu ngữ: compose prints them.
    } else if (std::regex_match(c, ruleRe)) {
        // a drawn rule: compose draws it
    } else if (f.starts_with("v/v")) {
        subject_ = cleanSubject(trim(std::string_view(c).substr(3)), l);
        congVan_ = true;
    } else if (mark(c)) {
    } else if (typeFromTitle(c) || f.starts_with("kinh gui")) {
        return false;
    } else if (isUpperLine(c) && c.size() <= 200 && !isDecisionWord(c) && !authorityLine(c)) {
        organLines_.push_back({c, l.no});
    } else {
        return false;  // the first line of running text: the header is over
    }
    return true;
}

bool Importer::mark(const std::string& c) {
    static const std::array<std::pair<std::string_view, model::Urgency>, 3> urgencies{
        {{"HỎA TỐC", model::Urgency::HoaToc}, {"THƯỢNG KHẨN", model::Urgency::ThuongKhan}, {"KHẨN", model::Urgency::Khan}}};
    static const std::array<std::pair<std::string_view, model::Secrecy>, 3> secrecies{
        {{"TUYỆT MẬT", model::Secrecy::TuyetMat}, {"TỐI MẬT", model::Secrecy::ToiMat}, {"MẬT", model::Secrecy::Mat}}};
    const std::string u = text::toUpper(c);
    for (const auto& [w, v] : urgencies)
        if (u == w) return doc_.urgency = v, true;
    for (const auto& [w, v] : secrecies)
        if (u == w) return doc_.secrecy = v, true;
    if (u == "XEM XONG TRẢ LẠI") return doc_.circulation = model::Circulation::XemXongTraLai, true;
    if (u == "LƯU HÀNH NỘI BỘ") return doc_.circulation = model::Circulation::LuuHanhNoiBo, true;
    return false;
}

void Importer::codeLine(const Line& l, std::string rest) {
    std::string compact;
    for (char c : rest)
        if (kAsciiSpace.find(c) == std::string_view::npos) compact += c;
    if (compact.starts_with('/')) {  // "Số:     /QĐ-BTP": a draft
        doc_.code.notation = compact.substr(1);
        haveCode_ = true;
        return;
    }
    if (const auto code = model::parseCode(compact)) {
        doc_.code = *code;
        haveCode_ = true;
    } else {
        note(l, "Không đọc được số, ký hiệu '" + trim(rest) + "'", "Cannot read the number and notation '" + trim(rest) + "'");
    }
}

// -- type name, trích yếu, authority line
void Importer::mainTitle() {
    if (more()) {
        if (const auto t = typeFromTitle(line().plain)) {
            type_ = *t;
            ++i_;
            const std::string s = subjectLines();
            if (!s.empty()) subject_ = s;
        }
    }
    // The body's first heading ("I. MỤC ĐÍCH") is in capitals too, but no authority line.
    std::string authority;
    while (more() && isUpperLine(line().plain) && !isDecisionWord(line().plain) && !authorityLine(line().plain) &&
           !typeFromTitle(line().plain) && !foldedStarts(line().plain, "can cu") && !startsNewUnit(line().plain)) {
        // A council's "KHÓA X, KỲ HỌP THỨ 23" stays a line of its own (model: '\n' between lines).
        const bool ownLine = !authority.empty() && foldedStarts(line().plain, "khoa ");
        authority += (authority.empty() ? "" : ownLine ? "\n" : " ") + line().plain;
        ++i_;
    }
    doc_.authority = authority;
}

// The trích yếu after a type name: the lines up to a blank line; a "(Ban hành kèm theo …)"
// note after it is dropped (compose writes it from the parent's code).
std::string Importer::subjectLines() {
    std::string s;
    if (!more()) return s;
    const Line& first = line();
    while (i_ < lines_.size() && !lines_[i_].blank() && !lines_[i_].plain.starts_with('(')) {
        s += (s.empty() ? "" : " ") + lines_[i_].plain;
        ++i_;
    }
    skipNote();
    if (text::fold(s).starts_with("v/v ")) s = trim(std::string_view(s).substr(3));
    return cleanSubject(std::move(s), first);
}

// Decree 30 prints the trích yếu without a final period; quotes around a title it names come in
// pairs (a copy often loses the closing one).
std::string Importer::cleanSubject(std::string s, const Line& at) {
    std::string dropped;
    while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',')) dropped.insert(0, 1, s.back()), s.pop_back();
    s = trim(s);
    if (!dropped.empty())
        note(at, "Bỏ dấu '" + dropped + "' ở cuối trích yếu", "Dropped the '" + dropped + "' at the end of the trích yếu", "subject");
    auto count = [&](std::string_view q) {
        std::size_t n = 0;
        for (std::size_t p = s.find(q); p != std::string::npos; p = s.find(q, p + q.size())) ++n;
        return n;
    };
    const std::size_t opening = count("\xE2\x80\x9C"), closing = count("\xE2\x80\x9D");  // “ ”
    if (opening > closing) {
        for (std::size_t k = closing; k < opening; ++k) s.append("\xE2\x80\x9D");
        note(at, "Thêm dấu ” đóng ngoặc kép còn thiếu ở cuối trích yếu", "Added the missing closing quote ” at the end of the trích yếu", "subject");
    } else if (closing > opening && s.ends_with("\xE2\x80\x9D")) {
        s.resize(s.size() - 3);
        note(at, "Bỏ dấu ” đóng ngoặc kép không có dấu mở ở cuối trích yếu", "Dropped a closing quote ” that no quote opens, at the end of the trích yếu", "subject");
    }
    if (count("\"") % 2 == 1) {
        if (s.ends_with('"')) s.pop_back();
        else s.push_back('"');
        note(at, "Cân lại dấu ngoặc kép \" của trích yếu", "Balanced the quotes \" of the trích yếu", "subject");
    }
    return trim(s);
}

void Importer::skipNote() {
    if (!more() || !line().plain.starts_with('(')) return;
    const std::string f = text::fold(line().plain);
    if (!(f.starts_with("(ban hanh kem theo") || f.starts_with("(kem theo"))) return;
    std::string text;
    while (i_ < lines_.size() && !(lines_[i_].plain.ends_with(')') || lines_[i_].plain.ends_with(").")) &&
           !(i_ + 1 < lines_.size() && lines_[i_ + 1].blank()))
        text += (text.empty() ? "" : " ") + lines_[i_++].plain;
    const Line& last = lines_[std::min(i_, lines_.size() - 1)];
    text += (text.empty() ? "" : " ") + last.plain;
    note(last, "Bỏ dòng ghi chú kèm theo: vanthu tự in lại từ số, ký hiệu của văn bản chính: '" + text + "'",
         "Dropped the 'issued with' note: vanthu prints it from the main document's code: '" + text + "'");
    ++i_;
}

// -- căn cứ, decision word, Kính gửi
void Importer::preamble() {
    while (more()) {
        const Line& l = line();
        const std::string f = text::fold(l.plain);
        if (f.starts_with("can cu ") || f.starts_with("xet ") || f.starts_with("theo de nghi")) {
            doc_.legalBasis.push_back(l.plain);
            ++i_;
        } else if (isDecisionWord(l.plain)) {
            ++i_;
        } else if (f.starts_with("kinh gui")) {
            const auto colon = l.plain.find(':');
            std::string rest = trim(std::string_view(l.plain).substr(colon == std::string::npos ? l.plain.size() : colon + 1));
            ++i_;
            if (!rest.empty()) addressee(rest);
            while (i_ < lines_.size() && !lines_[i_].blank() && startsDash(lines_[i_].plain)) {
                addressee(lines_[i_].plain.substr(dashLength(lines_[i_].plain)));
                ++i_;
            }
        } else {
            break;
        }
    }
}

void Importer::addressee(std::string s) {
    s = trim(s);
    while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ',')) s.pop_back();
    if (s.starts_with("- ")) s = trim(std::string_view(s).substr(2));
    if (!s.empty()) doc_.addressees.push_back(trim(s));
}

// -- the whole document
Result<ImportOutcome> Importer::finish() {
    Errors errors;
    auto missing = [&](std::string vi, std::string en, std::string field) {
        errors.push_back(Error::invalidInput(std::move(field), std::move(vi), std::move(en)));
    };
    // Type: the title, else what the notation says, else công văn (a V/v subject, no title).
    if (options_.type) type_ = options_.type;
    const std::string_view typeAbbr = model::notationTypePart(doc_.code.notation);
    if (!type_ && !typeAbbr.empty()) type_ = model::typeFromAbbreviation(typeAbbr);
    if (!type_ && (congVan_ || haveCode_)) type_ = model::DocumentType::CongVan;
    if (!type_) missing("Không xác định được loại văn bản (thêm --type)", "Cannot tell the document type (give --type)", "type");
    else doc_.type = *type_;

    organs();
    if (doc_.issuer.name.empty())
        missing("Không tìm thấy tên cơ quan ban hành trong văn bản (thêm --issuer)",
                "The issuing organ is not in the text (give --issuer)", "issuer");
    notationAndAbbreviation(errors);

    doc_.place = !place_.empty() ? place_ : options_.place;
    if (doc_.place.empty()) missing("Không có địa danh (thêm --place)", "No place name (give --place)", "place");
    if (date_) doc_.issueDate = date_;
    else if (options_.issueDate) doc_.issueDate = options_.issueDate;
    doc_.subject = subject_;
    if (doc_.subject.empty()) missing("Không tìm thấy trích yếu", "No subject (trích yếu) found", "subject");
    if (doc_.body.empty()) missing("Không tìm thấy nội dung văn bản", "No body text found", "body");
    bodyFacts();
    if (!errors.empty()) return errors;
    return ImportOutcome{std::move(doc_), std::move(notes_)};
}

// Organs: the header's upper-case lines (organ_names.h), else the options, else the authority
// line of a Quyết định ("BỘ TRƯỞNG BỘ TƯ PHÁP" → BỘ TƯ PHÁP).
void Importer::organs() {
    OrganReading r = readOrgans(organLines_, options_.findOrgan);
    doc_.parentIssuer = std::move(r.parent);
    doc_.issuer = std::move(r.issuer);
    for (auto& n : r.notes) notes_.push_back(std::move(n));
    if (options_.parentIssuer) doc_.parentIssuer = *options_.parentIssuer;
    if (options_.issuer) doc_.issuer = *options_.issuer;
    if (doc_.issuer.name.empty() && !doc_.authority.empty()) issuerFromAuthority();
}

void Importer::issuerFromAuthority() {
    static constexpr std::array<std::string_view, 12> kHeads{
        "BỘ TRƯỞNG ", "CHỦ TỊCH ", "GIÁM ĐỐC ", "THỦ TRƯỞNG ", "TỔNG CỤC TRƯỞNG ", "CỤC TRƯỞNG ",
        "VỤ TRƯỞNG ", "CHÁNH VĂN PHÒNG ", "TRƯỞNG BAN ", "HIỆU TRƯỞNG ", "VIỆN TRƯỞNG ", "TỔNG GIÁM ĐỐC "};
    for (const auto h : kHeads)
        if (doc_.authority.starts_with(h) && doc_.authority.size() > h.size()) {
            doc_.issuer.name = doc_.authority.substr(h.size());
            notes_.push_back(finding("Cơ quan ban hành suy ra từ dòng thẩm quyền: " + doc_.issuer.name,
                                     "Issuer inferred from the authority line: " + doc_.issuer.name, "issuer"));
            return;
        }
}

// The organ's abbreviation from the notation ("QĐ-BTP" → BTP; công văn "BNV-VP" → BNV); a
// notation made up when the text has no Số line (a draft).
void Importer::notationAndAbbreviation(Errors& errors) {
    if (doc_.issuer.abbreviation.empty() && !doc_.code.notation.empty()) {
        const std::string& n = doc_.code.notation;
        const auto dash = n.find('-');
        if (dash != std::string::npos)
            doc_.issuer.abbreviation = (doc_.type == model::DocumentType::CongVan) ? n.substr(0, dash) : n.substr(dash + 1);
    }
    if (!doc_.code.notation.empty() || !type_) return;
    const auto abbr = model::info(*type_).abbreviation;
    if (!abbr.empty() && !doc_.issuer.abbreviation.empty()) {
        doc_.code.notation = std::string(abbr) + "-" + doc_.issuer.abbreviation;
        notes_.push_back(finding("Văn bản không có dòng Số: nhập như dự thảo, ký hiệu " + doc_.code.notation,
                                 "No 'Số:' line: imported as a draft with notation " + doc_.code.notation, "code"));
    } else {
        errors.push_back(Error::invalidInput("code", "Không có số, ký hiệu (dòng 'Số:')", "No number and notation ('Số:' line)"));
    }
}

// Relations and the effective date the body states (body_facts.h), each a note.
void Importer::bodyFacts() {
    const std::string self = doc_.code.number ? model::format(doc_.code) : std::string();
    for (auto& [r, no] : relations_) {
        if (!self.empty() && r.targetCode == self) continue;  // "ban hành kèm theo Quyết định này"
        const bool dup = std::any_of(doc_.relations.begin(), doc_.relations.end(),
                                     // (an init-capture: clang 14 cannot capture a structured binding)
                                     [&found = r](const model::Relation& o) { return o.kind == found.kind && o.targetCode == found.targetCode; });
        if (dup) continue;
        const std::string date = r.targetDate ? " (" + formatIsoDate(*r.targetDate) + ")" : "";
        notes_.push_back(finding("Ghi nhận quan hệ " + std::string(model::relationKey(r.kind)) + " với " + r.targetCode + date,
                                 "Recorded the relation " + std::string(model::relationKey(r.kind)) + " to " + r.targetCode + date,
                                 "relations", no));
        doc_.relations.push_back(r);
    }
    if (!effective_) return;
    if (effective_->fact.date) {
        doc_.effectiveDate = effective_->fact.date;
        notes_.push_back(finding("Ngày có hiệu lực: " + formatIsoDate(*doc_.effectiveDate), "Effective date: " + formatIsoDate(*doc_.effectiveDate),
                                 "effectiveDate", effective_->line));
    } else if (doc_.issueDate) {
        doc_.effectiveDate = doc_.issueDate;
        notes_.push_back(finding("Có hiệu lực kể từ ngày ký: ngày có hiệu lực là ngày ban hành " + formatIsoDate(*doc_.issueDate),
                                 "In force from signing: the effective date is the issue date " + formatIsoDate(*doc_.issueDate),
                                 "effectiveDate", effective_->line));
    } else {
        notes_.push_back(finding("Có hiệu lực kể từ ngày ký, nhưng văn bản chưa có ngày ban hành: chưa ghi ngày có hiệu lực",
                                 "In force from signing, but the document has no issue date yet: no effective date recorded",
                                 "effectiveDate", effective_->line));
    }
}

}  // namespace detail

Result<ImportOutcome> importText(std::string_view text, const ImportOptions& options) {
    if (const auto bad = text::firstInvalidUtf8(text)) {
        Error e;
        e.code = Errc::InvalidInput;
        e.messageVi = "Văn bản không phải UTF-8 hợp lệ (byte " + std::to_string(*bad) + "); nếu là TCVN3/VNI, dùng --encoding";
        e.messageEn = "The text is not valid UTF-8 (byte " + std::to_string(*bad) + "); for TCVN3/VNI use --encoding";
        return e;
    }
    const std::string normalised = text::nfc(text);
    auto lines = detail::splitLines(normalised);
    if (std::all_of(lines.begin(), lines.end(), [](const detail::Line& l) { return l.blank(); })) {
        Error e;
        e.code = Errc::InvalidInput;
        e.messageVi = "Văn bản rỗng";
        e.messageEn = "The text is empty";
        return e;
    }
    Warnings splitNotes;
    lines = detail::splitRunTogether(std::move(lines), splitNotes);
    return detail::Importer(std::move(lines), options, std::move(splitNotes)).run();
}

}  // namespace vanthu::input
