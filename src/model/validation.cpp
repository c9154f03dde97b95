#include "model/validation.h"

#include <array>
#include <functional>

namespace vanthu::model {
namespace {

// Where a rule violation is shown: the element's position, "/document" when it has none.
SourcePos where(const SourcePos& pos, std::string_view subfield = {}) {
    SourcePos at = pos;
    if (at.field.empty()) at.field = "/document";
    if (!subfield.empty()) at.field += "/" + std::string(subfield);
    return at;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool endsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Academic and professional titles that Decree 30 (PL I II.7.b) forbids before the signer's name.
bool hasAcademicTitle(std::string_view name) {
    static constexpr std::array<std::string_view, 10> kTitles{
        "GS.", "PGS.", "TS.", "ThS.", "TSKH.", "KS.", "BS.", "CN.", "GS ", "PGS "};
    for (auto t : kTitles)
        if (startsWith(name, t)) return true;
    return false;
}

// Letters that can label a điểm: the Vietnamese alphabet has no f, j, w, z.
bool isVietnamesePointLabel(std::string_view label) {
    static constexpr std::array<std::string_view, 23> kLetters{"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                                              "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};
    for (auto l : kLetters)
        if (label == l) return true;
    // Doubled letters continue the series in long lists: aa, bb …
    return label.size() == 2 && label[0] == label[1] && isVietnamesePointLabel(label.substr(0, 1));
}

void forEachBlock(const std::vector<Block>& blocks, const std::function<void(const Block&)>& f) {
    for (const auto& b : blocks) {
        f(b);
        forEachBlock(b.children, f);
    }
}

// Article numbers as compose will print them: explicit labels, else 1, 2, 3 … in order.
std::vector<std::string> articleNumbers(const std::vector<Block>& body) {
    std::vector<std::string> out;
    int n = 0;
    forEachBlock(body, [&](const Block& b) {
        if (b.kind != BlockKind::Article) return;
        ++n;
        out.push_back(b.number.empty() ? std::to_string(n) : b.number);
    });
    return out;
}

void checkSignature(const Signature& s, ValidationReport& r) {
    if (hasAcademicTitle(s.name))
        r.errors.push_back(Error::rule(
            where(s.pos, "name"),
            "Không ghi học hàm, học vị trước họ tên người ký: '" + s.name + "' (NĐ 30/2020, PL I, II.7.b)",
            "No academic title may precede the signer's name: '" + s.name + "' (Decree 30/2020, App. I, II.7.b)"));
    // An acting head signs as "Q. GIÁM ĐỐC": the Q. line is the position (Decree 30, Art. 13).
    const bool acting = !s.chain.empty() && s.chain.back().authority == Authority::Q;
    if (s.position.empty() && !acting)
        r.errors.push_back(Error::rule(where(s.pos, "position"), "Thiếu chức vụ của người ký (ô 7a)",
                                       "The signer's position is missing (box 7a)"));
    for (std::size_t i = 0; i < s.chain.size(); ++i) {
        const auto a = s.chain[i].authority;
        if (a == Authority::TM && i != 0)
            r.errors.push_back(Error::rule(where(s.pos, "capacity"), "'TM.' phải đứng đầu chuỗi thẩm quyền ký",
                                           "'TM.' must open the signing-authority chain"));
        if (a == Authority::TUQ && i + 1 < s.chain.size())
            r.errors.push_back(Error::rule(
                where(s.pos, "capacity"),
                "Người được ký thừa ủy quyền (TUQ.) không được ủy quyền lại (NĐ 30/2020, Điều 13)",
                "A TUQ. (by authorisation) signature may not be delegated again (Decree 30/2020, Art. 13)"));
    }
}

void checkBody(const std::vector<Block>& body, ValidationReport& r) {
    forEachBlock(body, [&](const Block& b) {
        if (b.kind == BlockKind::Point && !b.number.empty() && !isVietnamesePointLabel(b.number))
            r.errors.push_back(Error::rule(
                where(b.pos, "@number"),
                "Ký hiệu điểm '" + b.number + "' không theo thứ tự bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g…)",
                "Point label '" + b.number + "' is not a letter of the Vietnamese alphabet (a, b, c, d, đ, e, g…)"));
    });
}

}  // namespace

bool mayBeLegalNormative(DocumentType t) {
    return t == DocumentType::NghiQuyet || t == DocumentType::QuyetDinh || t == DocumentType::ChiThi;
}

namespace {

SourcePos codePosition(const Document& doc) {
    return {doc.pos.field.empty() ? "/document/code" : doc.pos.field + "/code", doc.pos.line, doc.pos.column};
}

void checkNotation(const Document& doc, ValidationReport& r) {
    const auto& ti = info(doc.type);
    const SourcePos codePos = codePosition(doc);
    // Ký hiệu (decree-30-2020.md §4, §10 rules 8–9).
    if (!ti.abbreviation.empty()) {
        const auto part = notationTypePart(doc.code.notation);
        if (part != ti.abbreviation)
            r.errors.push_back(
                Error::rule(where(codePos, "@notation"),
                            "Ký hiệu '" + doc.code.notation + "' phải bắt đầu bằng '" + std::string(ti.abbreviation) +
                                "-' (chữ viết tắt của " + std::string(ti.name) + ", phân biệt hoa thường, Đ khác D)",
                            "Notation '" + doc.code.notation + "' must start with '" + std::string(ti.abbreviation) +
                                "-', the abbreviation of " + std::string(ti.name) + " (case-sensitive, Đ is not D)"));
        else if (doc.code.notation.size() <= part.size() + 1)
            r.errors.push_back(Error::rule(where(codePos, "@notation"),
                                           "Ký hiệu thiếu chữ viết tắt tên cơ quan ban hành",
                                           "The notation lacks the issuing organ's abbreviation"));
    } else if (doc.type == DocumentType::CongVan) {
        if (typeFromAbbreviation(notationTypePart(doc.code.notation)))
            r.warnings.push_back(Warning::at(
                where(codePos, "@notation"),
                "Ký hiệu công văn không có chữ viết tắt tên loại; '" + doc.code.notation +
                    "' bắt đầu bằng một chữ viết tắt tên loại văn bản",
                "A công văn's notation has no type abbreviation; '" + doc.code.notation + "' starts with one"));
        if (doc.code.notation.find('-') == std::string::npos)
            r.errors.push_back(Error::rule(
                where(codePos, "@notation"),
                "Ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo, nối bằng '-' (ví dụ BNV-VP)",
                "A công văn's notation is organ-unit joined by '-' (e.g. BNV-VP)"));
    }

}

void checkNumberAndDate(const Document& doc, ValidationReport& r) {
    const SourcePos codePos = codePosition(doc);
    // Số with year: legal-normative documents only, and the year is the year of issue (§9).
    if (doc.code.year) {
        if (!mayBeLegalNormative(doc.type))
            r.errors.push_back(
                Error::rule(where(codePos, "@year"),
                            "Chỉ văn bản quy phạm pháp luật (nghị quyết, quyết định, chỉ thị) có năm trong số hiệu",
                            "Only legal-normative documents (NQ, QĐ, CT) carry the year in their number"));
        if (doc.issueDate && doc.issueDate->year != *doc.code.year)
            r.errors.push_back(Error::rule(where(codePos, "@year"),
                                           "Năm trong số hiệu (" + std::to_string(*doc.code.year) +
                                               ") khác năm ban hành (" + std::to_string(doc.issueDate->year) + ")",
                                           "The year in the number (" + std::to_string(*doc.code.year) +
                                               ") differs from the year of issue (" +
                                               std::to_string(doc.issueDate->year) + ")"));
    }
    if (doc.code.number && !doc.issueDate)
        r.errors.push_back(Error::rule(
            where(codePos, "@number"), "Văn bản đã có số phải có ngày ban hành (số và ngày được cấp cùng lúc)",
            "A numbered document needs its issue date (number and date are assigned together)"));
    if (doc.issueDate && !isValidDate(*doc.issueDate))
        r.errors.push_back(Error::invalidInput(where(doc.pos, "issueDate"), "Ngày ban hành không tồn tại",
                                               "The issue date does not exist"));
    else if (doc.issueDate && doc.issueDate->year < kEarliestIssueYear)
        r.errors.push_back(Error::invalidInput(where(doc.pos, "issueDate"), "Ngày ban hành phải từ năm 1945 trở đi",
                                               "The issue date must be in 1945 or later"));
    if (doc.effectiveDate && !isValidDate(*doc.effectiveDate))
        r.errors.push_back(Error::invalidInput(where(doc.pos, "effectiveDate"), "Ngày có hiệu lực không tồn tại",
                                               "The effective date does not exist"));

}

void checkSubjectAuthorityAndBasis(const Document& doc, ValidationReport& r) {
    // Trích yếu of a công văn is printed after "V/v"; it must not be typed twice.
    if (doc.type == DocumentType::CongVan && (startsWith(doc.subject, "V/v") || startsWith(doc.subject, "v/v")))
        r.warnings.push_back(Warning::at(where(doc.pos, "subject"),
                                         "Trích yếu công văn được in sau 'V/v'; không nhập 'V/v' trong trích yếu",
                                         "A công văn's subject is printed after 'V/v'; do not type 'V/v' in it"));

    if (doc.type == DocumentType::QuyetDinh && doc.authority.empty())
        r.warnings.push_back(Warning::at(
            where(doc.pos, "authority"), "Quyết định thường có dòng thẩm quyền ban hành (ví dụ 'BỘ TRƯỞNG BỘ TƯ PHÁP')",
            "A Quyết định usually has its issuing-authority line (e.g. 'BỘ TRƯỞNG BỘ TƯ PHÁP')"));

    // Căn cứ: ';' after each line, '.' after the last (§2, §10 rule 15). Compose normalises it.
    for (std::size_t i = 0; i < doc.legalBasis.size(); ++i) {
        const bool last = i + 1 == doc.legalBasis.size();
        const auto& line = doc.legalBasis[i];
        if (!(last ? endsWith(line, ".") : endsWith(line, ";")))
            r.warnings.push_back(Warning::at(where(doc.pos, "legalBasis/basis[" + std::to_string(i + 1) + "]"),
                                             std::string("Dòng căn cứ ") + std::to_string(i + 1) +
                                                 (last ? " (cuối) phải kết thúc bằng '.'" : " phải kết thúc bằng ';'") +
                                                 "; sẽ được sửa khi trình bày",
                                             std::string("Legal basis line ") + std::to_string(i + 1) +
                                                 (last ? " (the last) must end with '.'" : " must end with ';'") +
                                                 "; it will be corrected on rendering"));
    }

}

void checkRecipients(const Document& doc, ValidationReport& r) {
    // Nơi nhận: "Như Điều N" must name an article that exists; "Như trên" needs a Kính gửi.
    const auto articles = articleNumbers(doc.body);
    for (const auto& rc : doc.recipients) {
        if (rc.kind == RecipientKind::AsArticle) {
            bool found = false;
            for (const auto& a : articles) found = found || a == std::to_string(rc.article);
            if (!found)
                r.errors.push_back(Error::rule(where(rc.pos),
                                               "'Như Điều " + std::to_string(rc.article) +
                                                   "' nhưng văn bản không có Điều " + std::to_string(rc.article),
                                               "'Như Điều " + std::to_string(rc.article) +
                                                   "' but the document has no Article " + std::to_string(rc.article)));
        }
        if (rc.kind == RecipientKind::AsAbove && doc.addressees.empty())
            r.errors.push_back(Error::rule(where(rc.pos), "'Như trên' nhưng văn bản không có phần 'Kính gửi'",
                                           "'Như trên' (as above) but the document has no 'Kính gửi' addressees"));
    }
    if (!doc.addressees.empty() && !doc.recipients.empty() && doc.recipients.front().kind != RecipientKind::AsAbove)
        r.warnings.push_back(
            Warning::at(where(doc.recipients.front().pos),
                        "Văn bản có 'Kính gửi': mục đầu tiên của Nơi nhận thường là '- Như trên;'",
                        "With 'Kính gửi' addressees the first Nơi nhận item is usually '- Như trên;'"));

}

void checkAttachedDocuments(const Document& doc, ValidationReport& r) {
    for (const auto& a : doc.attachments) {
        if (info(a.type).abbreviation.empty())
            r.errors.push_back(
                Error::rule(where(a.pos, "@type"),
                            "Văn bản ban hành kèm theo phải là văn bản có tên loại (không phải công văn, thư công)",
                            "An attached document must be a typed document (not a công văn or thư công)"));
        checkBody(a.body, r);
        if (a.signature) checkSignature(*a.signature, r);
    }
    for (const auto& ap : doc.appendices) checkBody(ap.body, r);
}

}  // namespace

ValidationReport validate(const Document& doc) {
    ValidationReport r;
    checkNotation(doc, r);
    checkNumberAndDate(doc, r);
    checkSubjectAuthorityAndBasis(doc, r);
    checkBody(doc.body, r);
    for (const auto& s : doc.signatures) checkSignature(s, r);
    if (doc.signatures.empty())
        r.warnings.push_back(
            Warning::at(where(doc.pos, "signature"), "Văn bản chưa có người ký", "The document has no signer"));
    checkRecipients(doc, r);
    checkAttachedDocuments(doc, r);
    return r;
}

}  // namespace vanthu::model
