#include "desk/draft_form.h"

#include <sstream>

#include "core/strings.h"
#include "text/unicode.h"

namespace vanthu::desk {

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const std::string_view t = trimSpaces(line);
        if (!t.empty()) out.emplace_back(t);
    }
    return out;
}

std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const std::string_view t = trimSpaces(item);
        if (!t.empty()) out.emplace_back(t);
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
    return out;
}

model::Authority authorityFromKey(const std::string& k) {
    if (k == "TM") return model::Authority::TM;
    if (k == "KT") return model::Authority::KT;
    if (k == "TL") return model::Authority::TL;
    if (k == "TUQ") return model::Authority::TUQ;
    if (k == "Q") return model::Authority::Q;
    return model::Authority::None;
}

model::Signature signatureFromForm(const Form& form) {
    model::Signature s;
    const std::string authority = field(form, "tham-quyen");
    const std::string over = field(form, "tham-quyen-chuc-danh");
    if (authorityFromKey(authority) != model::Authority::None || !over.empty()) s.chain.push_back({authorityFromKey(authority), over});
    s.position = field(form, "chuc-vu");
    s.name = field(form, "nguoi-ky");
    return s;
}

std::vector<model::Recipient> recipientsFromForm(const std::string& text) {
    std::vector<model::Recipient> out;
    for (std::string line : lines(text)) {
        while (!line.empty() && (line.back() == ';' || line.back() == '.')) line.pop_back();
        if (!line.empty() && line.front() == '-') line = std::string(trimSpaces(line.substr(1)));
        model::Recipient r;
        if (text::toLower(line) == "như trên") r.kind = model::RecipientKind::AsAbove;
        else r.name = line;
        out.push_back(r);
    }
    return out;
}

}  // namespace

const std::vector<FormField>& draftFields() {
    static const std::vector<FormField> fields = {
        {"co-quan-chu-quan", "Cơ quan chủ quản", "Parent organ", false, "Ví dụ: UBND TỈNH NINH BÌNH (bỏ trống nếu không có)"},
        {"ky-hieu", "Ký hiệu", "Notation", false, "Ví dụ: BTP-VP cho công văn, QĐ-BTP cho quyết định"},
        {"dia-danh", "Địa danh", "Place", false, "Ví dụ: Hà Nội"},
        {"trich-yeu", "Trích yếu", "Subject", true, "Công văn: không gõ \"V/v\", phần mềm tự in"},
        {"tham-quyen-ban-hanh", "Thẩm quyền ban hành", "Issuing authority", false, "Quyết định: ví dụ BỘ TRƯỞNG BỘ TƯ PHÁP"},
        {"kinh-gui", "Kính gửi", "Addressees", true, "Mỗi dòng một nơi"},
        {"noi-dung", "Nội dung", "Body", true, "Mỗi dòng một đoạn"},
        {"tham-quyen-chuc-danh", "Chức danh của người đứng đầu", "Title the signer acts for", false, "Ví dụ: BỘ TRƯỞNG (khi ký KT.)"},
        {"chuc-vu", "Chức vụ người ký", "Signer's position", false, "Ví dụ: THỨ TRƯỞNG"},
        {"nguoi-ky", "Người ký", "Signer", false, "Họ và tên, không kèm học hàm, học vị"},
        {"noi-nhan", "Nơi nhận", "Recipients", true, "Mỗi dòng một nơi; \"Như trên\" khi có Kính gửi"},
        {"luu", "Lưu", "Archive copies", false, "Ví dụ: VT, VP (cách nhau bằng dấu phẩy)"},
    };
    return fields;
}

const std::vector<model::DocumentType>& formTypes() {
    using model::DocumentType;
    static const std::vector<DocumentType> types = {DocumentType::CongVan, DocumentType::QuyetDinh, DocumentType::ToTrinh, DocumentType::BaoCao,
                                                    DocumentType::ThongBao, DocumentType::KeHoach, DocumentType::GiayMoi};
    return types;
}

model::Document documentFromForm(const Form& form, const store::Organ& organ) {
    model::Document d;
    d.type = model::typeFromKey(field(form, "loai")).value_or(model::DocumentType::CongVan);
    d.code.notation = field(form, "ky-hieu");
    d.parentIssuer.name = field(form, "co-quan-chu-quan");
    d.issuer.name = organ.name;
    d.issuer.abbreviation = organ.abbreviation;
    d.place = field(form, "dia-danh");
    d.subject = field(form, "trich-yeu");
    d.authority = field(form, "tham-quyen-ban-hanh");
    d.addressees = lines(field(form, "kinh-gui"));
    for (const auto& p : lines(field(form, "noi-dung"))) {
        model::Block b;
        b.kind = model::BlockKind::Paragraph;
        b.text.push_back(model::Run{p});
        d.body.push_back(b);
    }
    const model::Signature s = signatureFromForm(form);
    if (!s.name.empty() || !s.position.empty() || !s.chain.empty()) d.signatures.push_back(s);
    d.recipients = recipientsFromForm(field(form, "noi-nhan"));
    const auto units = commaList(field(form, "luu"));
    if (!units.empty()) d.archive.units = units;
    const std::string secrecy = field(form, "do-mat"), urgency = field(form, "do-khan");
    d.secrecy = secrecy == "mat" ? model::Secrecy::Mat : secrecy == "toi-mat" ? model::Secrecy::ToiMat : model::Secrecy::None;
    d.urgency = urgency == "khan"          ? model::Urgency::Khan
                : urgency == "thuong-khan" ? model::Urgency::ThuongKhan
                : urgency == "hoa-toc"     ? model::Urgency::HoaToc
                                           : model::Urgency::None;
    return d;
}

Form formFromDocument(const model::Document& d) {
    Form f;
    f["loai"] = std::string(model::info(d.type).key);
    f["ky-hieu"] = d.code.notation;
    f["co-quan-chu-quan"] = d.parentIssuer.name;
    f["dia-danh"] = d.place;
    f["trich-yeu"] = d.subject;
    f["tham-quyen-ban-hanh"] = d.authority;
    f["kinh-gui"] = joined(d.addressees, "\n");
    std::vector<std::string> paragraphs;
    for (const auto& b : d.body) paragraphs.push_back(model::plainText(b.text.empty() ? b.title : b.text));
    f["noi-dung"] = joined(paragraphs, "\n");
    if (!d.signatures.empty()) {
        const auto& s = d.signatures.front();
        if (!s.chain.empty()) {
            const std::string_view prefix = model::authorityPrefix(s.chain.front().authority);
            f["tham-quyen"] = std::string(prefix.substr(0, prefix.empty() ? 0 : prefix.size() - 1));
            f["tham-quyen-chuc-danh"] = s.chain.front().title;
        }
        f["chuc-vu"] = s.position;
        f["nguoi-ky"] = s.name;
    }
    std::vector<std::string> recipients;
    for (const auto& r : d.recipients) recipients.push_back(r.kind == model::RecipientKind::AsAbove ? "Như trên" : r.name);
    f["noi-nhan"] = joined(recipients, "\n");
    f["luu"] = joined(d.archive.units, ", ");
    f["do-mat"] = d.secrecy == model::Secrecy::Mat ? "mat" : d.secrecy == model::Secrecy::ToiMat ? "toi-mat" : "";
    f["do-khan"] = d.urgency == model::Urgency::Khan         ? "khan"
                   : d.urgency == model::Urgency::ThuongKhan ? "thuong-khan"
                   : d.urgency == model::Urgency::HoaToc     ? "hoa-toc"
                                                             : "";
    return f;
}

std::string fieldOfFinding(const std::string& path) {
    // Most specific first: a signature's parts, then whole elements.
    static const std::vector<std::pair<const char*, const char*>> map = {
        {"/signature", "nguoi-ky"},        {"/capacity", "tham-quyen-chuc-danh"}, {"/position", "chuc-vu"},
        {"/code", "ky-hieu"},              {"/parentIssuer", "co-quan-chu-quan"}, {"/place", "dia-danh"},
        {"/subject", "trich-yeu"},         {"/authority", "tham-quyen-ban-hanh"}, {"/addressees", "kinh-gui"},
        {"/body", "noi-dung"},             {"/archive", "luu"},                   {"/recipients", "noi-nhan"},
    };
    const auto has = [&](const char* part) { return path.find(part) != std::string::npos; };
    if (has("/signature")) {
        if (has("/capacity")) return "tham-quyen-chuc-danh";
        if (has("/position")) return "chuc-vu";
        return "nguoi-ky";
    }
    for (const auto& [part, name] : map)
        if (has(part)) return name;
    return {};
}

}  // namespace vanthu::desk
