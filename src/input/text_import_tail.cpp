// The end of a text import: Nơi nhận, the signature blocks (with the placeholders a copy puts
// where the signature was), attached documents and appendices (text_importer.h).
#include <regex>

#include "input/signature_lines.h"
#include "input/text_importer.h"
#include "text/unicode.h"

namespace vanthu::input::detail {

// -- Nơi nhận and signatures, in either order (conversions linearise the two-column table
//    either way); stops at an attached document or an appendix.
void Importer::tail(bool main, std::optional<model::Signature>* attachmentSignature) {
    while (more()) {
        const Line& l = line();
        const std::string f = text::fold(l.plain);
        if (typeFromTitle(l.plain) || isAppendixLabel(l.plain)) return;
        if (f.starts_with("noi nhan")) {
            if (!l.plain.starts_with("Nơi nhận") && !l.plain.starts_with("NƠI NHẬN"))
                note(l, "Đọc '" + l.plain + "' là 'Nơi nhận:'", "Read '" + l.plain + "' as 'Nơi nhận:'");
            if (!main) note(l, "Văn bản kèm theo không có Nơi nhận riêng; đã bỏ '" + l.plain + "'", "An attached document has no Nơi nhận of its own; dropped '" + l.plain + "'");
            ++i_;
            recipientLines(main);
            continue;
        }
        if (authorityLine(l.plain) || positionOnlySignatureAt(i_) || signedNameAt(i_)) {
            model::Signature s = signature();
            if (main) doc_.signatures.push_back(std::move(s));
            else if (attachmentSignature) *attachmentSignature = std::move(s);
            continue;
        }
        if (seen_.count(l.plain)) {  // a body paragraph repeated after the signature part
            note(l, "Bỏ đoạn lặp lại nguyên văn (lỗi chuyển đổi): '" + l.plain + "'", "Dropped a paragraph repeated verbatim (a conversion artefact): '" + l.plain + "'");
            ++i_;
            continue;
        }
        return;  // running text again: the caller decides
    }
}

void Importer::recipientLines(bool keep) {
    static const std::regex asArticleRe(R"(^Như\s+(Điều|điều)\s+(\d+)$)");
    while (i_ < lines_.size()) {
        if (lines_[i_].blank()) {
            const Line* next = peekNonBlank(i_);
            if (!next || !startsDash(next->plain)) return;
            i_ = static_cast<std::size_t>(next - lines_.data());
        }
        const Line& l = lines_[i_];
        if (!startsDash(l.plain)) return;
        std::string item = trim(std::string_view(l.plain).substr(dashLength(l.plain)));
        ++i_;
        if (!keep) {
            note(l, "Bỏ dòng nơi nhận '" + l.plain + "'", "Dropped the recipient line '" + l.plain + "'");
            continue;
        }
        while (!item.empty() && (item.back() == ';' || item.back() == '.' || item.back() == ',')) item.pop_back();
        item = trim(item);
        const std::string f = text::fold(item);
        std::smatch m;
        model::Recipient r;
        if (f.starts_with("luu:") || f.starts_with("luu :")) {
            archive(item.substr(item.find(':') + 1));
            continue;
        }
        std::string purpose;
        if (item.ends_with(')')) {
            const auto open = item.rfind('(');
            if (open != std::string::npos && text::fold(item.substr(open + 1)).starts_with("de ")) {
                purpose = trim(std::string_view(item).substr(open + 1, item.size() - open - 2));
                item = trim(std::string_view(item).substr(0, open));
            }
        }
        const std::string fi = text::fold(item);
        if (fi == "nhu tren") {
            r.kind = model::RecipientKind::AsAbove;
        } else if (std::regex_match(item, m, asArticleRe)) {
            r.kind = model::RecipientKind::AsArticle;
            r.article = std::stoi(m[2].str());
        } else {
            r.kind = model::RecipientKind::Agency;
            r.name = item;
        }
        r.purpose = purpose;
        doc_.recipients.push_back(std::move(r));
    }
}

// "VT, QLXLVPHC&TDTHPL (02)" → units and copies.
void Importer::archive(std::string rest) {
    rest = trim(rest);
    static const std::regex copiesRe(R"(^(.*?)\s*\((\d+)\)$)");
    std::smatch m;
    if (std::regex_match(rest, m, copiesRe)) {
        doc_.archive.copies = std::stoi(m[2].str());
        rest = m[1].str();
    }
    doc_.archive.units.clear();
    std::size_t p = 0;
    while (p <= rest.size()) {
        const std::size_t q = std::min(rest.find(',', p), rest.size());
        const std::string unit = trim(std::string_view(rest).substr(p, q - p));
        if (!unit.empty()) doc_.archive.units.push_back(unit);
        p = q + 1;
    }
    if (doc_.archive.units.empty()) doc_.archive.units = {"VT"};
}


bool Importer::placeholderAt(std::size_t at) const {
    const auto r = readSignerLine(lines_[at].plain);
    return r && r->placeholder && r->name.empty();
}

// "Đã ký: Nguyễn Văn A": a placeholder that carries the name, so a signature block on its own.
bool Importer::signedNameAt(std::size_t at) const {
    const auto r = readSignerLine(lines_[at].plain);
    return r && r->placeholder && !r->name.empty();
}

const Line* Importer::peekPastPlaceholders(std::size_t from) const {
    const Line* l = peekNonBlank(from);
    while (l && placeholderAt(indexOf(l))) l = peekNonBlank(indexOf(l) + 1);
    return l;
}

model::Signature Importer::signature() {
    model::Signature s;
    const Line& start = line();
    while (more() && s.chain.size() < 3) {
        const auto a = authorityLine(line().plain);
        if (!a) break;
        s.chain.push_back(*a);
        ++i_;
    }
    if (more() && isUpperLine(line().plain) && line().plain.size() <= 80 && !typeFromTitle(line().plain) &&
        !foldedStarts(line().plain, "noi nhan")) {
        // "NGUYỄN VĂN A" right under the authority, with no name after it, is the name.
        const auto r = readSignerLine(line().plain);
        const Line* after = peekPastPlaceholders(i_ + 1);
        const bool nameFollows = after && readSignerLine(after->plain) && !readSignerLine(after->plain)->name.empty();
        if (!(r && !r->name.empty() && !nameFollows)) {
            s.position = line().plain;
            ++i_;
        }
    }
    signerLines(s);
    if (s.name.empty())
        note(i_ < lines_.size() ? lines_[i_] : start, "Không thấy họ tên người ký", "No signer's name found", "signature");
    return s;
}

// After the position: placeholders, a second title (7b), the name, placeholders after it.
void Importer::signerLines(model::Signature& s) {
    while (more()) {
        const Line& l = line();
        if (foldedStarts(l.plain, "noi nhan") || typeFromTitle(l.plain) || isAppendixLabel(l.plain) || authorityLine(l.plain)) return;
        const auto r = readSignerLine(l.plain);
        if (r && r->placeholder && r->name.empty()) {
            note(l, std::string(r->image ? "Bỏ ảnh chữ ký" : "Bỏ dòng thay cho chữ ký, con dấu") + " '" + l.plain + "'",
                 std::string(r->image ? "Dropped the signature image" : "Dropped the placeholder for the signature or seal") + " '" + l.plain + "'", "signature");
            ++i_;
            continue;
        }
        if (!s.name.empty()) return;
        if (r) {
            takeName(s, *r, l);
            continue;
        }
        // "Phan Chí Hiếu- Văn phòng Bộ …": the next block glued to the name by the conversion.
        const auto dash = l.plain.find('-');
        if (dash != std::string::npos && isPersonName(trim(std::string_view(l.plain).substr(0, dash)))) {
            note(l, "Tách tên người ký khỏi phần văn bản dính liền sau nó", "Split the signer's name from text glued after it", "signature");
            s.name = trim(std::string_view(l.plain).substr(0, dash));
            ++i_;
            continue;
        }
        const Line* next = peekPastPlaceholders(i_ + 1);
        const auto nextReading = next ? readSignerLine(next->plain) : std::nullopt;
        if (s.otherTitle.empty() && isUpperLine(l.plain) && l.plain.size() <= 80 && nextReading && !nextReading->name.empty()) {
            s.otherTitle = l.plain;
            ++i_;
            continue;
        }
        return;
    }
}

void Importer::takeName(model::Signature& s, const SignerLine& r, const Line& l) {
    s.name = r.name;
    if (r.placeholder)
        note(l, "Lấy tên người ký '" + r.name + "' từ dòng '" + l.plain + "'", "Took the signer's name '" + r.name + "' from the line '" + l.plain + "'", "signature");
    if (r.fromUpperCase)
        note(l, "Tên người ký in hoa '" + l.plain + "' ghi thành '" + r.name + "'", "The signer's name in capitals '" + l.plain + "' written as '" + r.name + "'", "signature");
    if (!r.droppedTitle.empty())
        note(l, "Bỏ học hàm, học vị '" + r.droppedTitle + "' trước tên người ký", "Dropped the title '" + r.droppedTitle + "' before the signer's name", "signature");
    ++i_;
}

// -- attached documents and appendices
void Importer::attachment(model::DocumentType type) {
    model::AttachedDocument a;
    a.type = type;
    a.subject = subjectLines();
    body(a.body);
    tail(false, &a.signature);
    while (more() && isAppendixLabel(line().plain)) appendix(a.appendices);
    doc_.attachments.push_back(std::move(a));
    tail(true, nullptr);
}

void Importer::appendix(std::vector<model::Appendix>& into) {
    static const std::regex re(R"(^(PHỤ LỤC|Phụ lục)(\s+([IVXLC]+|\d+))?\s*$)");
    model::Appendix a;
    std::smatch m;
    const std::string label = line().plain;
    if (std::regex_match(label, m, re)) a.number = m[3].str();
    ++i_;
    std::string title;
    while (more() && !line().plain.starts_with('(') && isUpperLine(line().plain)) {
        title += (title.empty() ? "" : " ") + line().plain;
        ++i_;
    }
    a.title = title.empty() ? "PHỤ LỤC" : title;
    skipNote();
    body(a.body);
    into.push_back(std::move(a));
}

}  // namespace vanthu::input::detail
