#include "distribution/package_builder.h"

#include <set>

#include "core/digest.h"
#include "distribution/edxml_rules.h"
#include "distribution/organ_id.h"
#include "model/document_code.h"

namespace vanthu::distribution {
namespace {

int priorityOf(model::Urgency u) {
    switch (u) {
        case model::Urgency::None: return 0;
        case model::Urgency::Khan: return 1;
        case model::Urgency::ThuongKhan: return 2;
        case model::Urgency::HoaToc: return 3;
    }
    return 0;
}

// 16 digest bytes shaped as an RFC 9562 version-8 (custom) UUID.
std::string defaultContentId(const std::string& documentId, std::size_t index, const AttachmentFile& f) {
    std::string d = sha256(documentId + "\n" + std::to_string(index) + "\n" + f.name + "\n" + sha256(f.bytes));
    d.resize(16);
    d[6] = static_cast<char>((static_cast<unsigned char>(d[6]) & 0x0F) | 0x80);
    d[8] = static_cast<char>((static_cast<unsigned char>(d[8]) & 0x3F) | 0x80);
    const auto h = hexLower(d);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string competenceOf(const model::Signature& s) {
    std::string out;
    for (const auto& line : s.chain) {
        if (line.authority == model::Authority::None) continue;
        if (!out.empty()) out += ", ";
        out += std::string(model::authorityPrefix(line.authority)) + " " + line.title;
    }
    return out;
}

}  // namespace

edxml::Organization organizationOf(const Agency& agency, const AgencyDirectory& directory) {
    edxml::Organization o;
    o.organId = agency.organId;
    o.organName = agency.name;
    const Agency* parent = directory.agency(agency.parent);
    o.organizationInCharge = parent ? parent->name : agency.name;
    return o;
}

Recipients recipientsOf(const Resolution& resolution, const AgencyDirectory& directory) {
    Recipients out;
    for (const auto& t : resolution.agencies) {
        const Agency* a = directory.agency(t.key);
        if (a == nullptr || !isStrictOrganId(a->organId)) {
            out.undeliverable.push_back(t);
            continue;
        }
        out.to.push_back(organizationOf(*a, directory));
    }
    return out;
}

Result<edxml::Edoc> buildEdoc(const model::Document& doc, const edxml::Organization& from,
                              std::vector<edxml::Organization> to, std::vector<AttachmentFile> files,
                              const BuildOptions& options) {
    Errors errors;
    if (!doc.code.number || !doc.issueDate)
        errors.push_back(Error::rule(doc.pos, "Văn bản chưa có số hoặc ngày ban hành (bản dự thảo) nên chưa gửi được",
                                     "The document has no number or no issue date (a draft); it cannot be sent"));
    if (doc.secrecy != model::Secrecy::None)
        errors.push_back(Error::rule(doc.pos,
                                     "Văn bản mật (" + std::string(model::secrecyText(doc.secrecy)) +
                                         ") không được gửi qua hệ thống liên thông văn bản điện tử",
                                     "A secret document (" + std::string(model::secrecyText(doc.secrecy)) +
                                         ") is never sent over the electronic document exchange"));
    if (!errors.empty()) return errors;

    edxml::Edoc e;
    e.from = from;
    e.to = std::move(to);
    e.code.number = model::formatNumber(*doc.code.number);
    e.code.notation = doc.code.year ? std::to_string(*doc.code.year) + "/" + doc.code.notation : doc.code.notation;
    e.promulgationDate = *doc.issueDate;
    e.documentId = edxml::compositeDocumentId(from.organId, e.promulgationDate, e.code);
    e.place = doc.place;
    e.type = 1;  // edxml.md §3: send 1 (the meaning of 1 and 2 is undocumented)
    e.typeDetail = 0;
    e.typeName = std::string(model::info(doc.type).name);
    e.subject = doc.subject;
    e.content = doc.subject;
    if (!doc.signatures.empty()) {
        const auto& s = doc.signatures.front();
        e.signer = {competenceOf(s), s.position, s.name};
    }
    e.other.priority = priorityOf(doc.urgency);
    e.other.sphereOfPromulgation = options.sphereOfPromulgation;
    e.other.typerNotation = doc.archive.drafterInitials;
    e.other.promulgationAmount = doc.archive.issuedCopies;
    e.other.pageAmount = options.pageAmount;
    for (const auto& a : doc.appendices)
        e.other.appendixes.push_back("Phụ lục" + (a.number.empty() ? std::string() : " " + a.number) + (a.title.empty() ? "" : ": " + a.title));
    e.steeringType = 0;
    for (const auto& r : doc.recipients) e.toPlaces.push_back(recipientLine(r));
    if (!doc.archive.units.empty()) e.toPlaces.push_back(archiveLine(doc.archive));
    e.traces.push_back({from.organId, edxml::ictOf(options.now)});
    e.business.docType = 0;
    e.business.reason = "Văn bản điện tử mới";
    e.business.paper = 0;
    e.business.staff = options.staff;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto& f = files[i];
        edxml::Attachment a;
        a.contentId = options.contentId ? options.contentId(i, f) : defaultContentId(e.documentId, i, f);
        a.name = std::move(f.name);
        a.mime = std::move(f.mime);
        a.bytes = std::move(f.bytes);
        e.attachments.push_back(std::move(a));
    }

    edxml::detail::Checker check(edxml::detail::Mode::Emit);
    edxml::detail::checkEdoc(e, options.now, check);
    if (!check.errors.empty()) return std::move(check.errors);
    return e;
}

edxml::Status statusFor(const edxml::Edoc& received, const edxml::Organization& reporter, std::string code,
                        std::string description, const edxml::StaffInfo& staff, std::chrono::sys_seconds now) {
    edxml::Status s;
    s.from = reporter;
    s.responseFor = {received.from.organId, received.code.text(), received.promulgationDate, received.documentId};
    s.staff = staff;
    s.statusCode = std::move(code);
    s.description = std::move(description);
    s.timestamp = edxml::ictOf(now);
    return s;
}

}  // namespace vanthu::distribution
