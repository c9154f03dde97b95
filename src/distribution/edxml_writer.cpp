// Serialising edoc and status packages (edxml.md §3, §5, §8): element order of the VPCP sample,
// the root's default namespace and the envelope's "edXML" prefix bound to the same URI, every
// element present (empty when unknown) except Signature, ResponseFor and the VNPT-only extras.
#include <string>

#include "core/digest.h"
#include "distribution/edxml.h"
#include "distribution/edxml_rules.h"
#include "distribution/pretty_writer.h"

namespace vanthu::distribution::edxml {
namespace {

using distribution::detail::PrettyWriter;

const std::string kNs(kNamespace);

void organization(PrettyWriter& w, std::string_view tag, const Organization& o) {
    w.open(tag);
    w.element("edXML:OrganId", o.organId);
    w.element("edXML:OrganizationInCharge", o.organizationInCharge);
    w.element("edXML:OrganName", o.organName);
    w.element("edXML:OrganAdd", o.organAdd);
    w.element("edXML:Email", o.email);
    w.element("edXML:Telephone", o.telephone);
    w.element("edXML:Fax", o.fax);
    w.element("edXML:Website", o.website);
    w.close();
}

void staffInfo(PrettyWriter& w, const StaffInfo& s) {
    w.open("edXML:StaffInfo");
    w.element("edXML:Department", s.department);
    w.element("edXML:Staff", s.staff);
    w.element("edXML:Mobile", s.mobile);
    w.element("edXML:Email", s.email);
    w.close();
}

void responseFor(PrettyWriter& w, const ResponseFor& r) {
    w.open("edXML:ResponseFor");
    w.element("edXML:OrganId", r.organId);
    w.element("edXML:Code", r.code);
    w.element("edXML:PromulgationDate", r.promulgationDate ? formatDate(*r.promulgationDate) : "");
    w.element("edXML:DocumentId", r.documentId);
    w.close();
}

std::string num(long long v) { return std::to_string(v); }

void openEnvelope(PrettyWriter& w) {
    w.open("edXML").attrAlways("xmlns", kNs);
    w.open("edXML:edXMLEnvelope").attrAlways("xmlns:edXML", kNs);
    w.open("edXML:edXMLHeader");
}

Errors failed(detail::Checker& c) { return std::move(c.errors); }

void otherInfo(PrettyWriter& w, const OtherInfo& other) {
    w.open("edXML:OtherInfo");
    w.element("edXML:Priority", num(other.priority));
    w.element("edXML:SphereOfPromulgation", other.sphereOfPromulgation);
    w.element("edXML:TyperNotation", other.typerNotation);
    w.element("edXML:PromulgationAmount", num(other.promulgationAmount));
    w.element("edXML:PageAmount", num(other.pageAmount));
    if (other.direction) w.element("edXML:Direction", *other.direction ? "true" : "false");
    w.open("edXML:Appendixes");
    for (const auto& a : other.appendixes) w.element("edXML:Appendix", a);
    w.close();
    w.close();  // OtherInfo
}

// MessageHeader: who sends to whom, which document, and its metadata.
void messageHeader(PrettyWriter& w, const Edoc& e) {
    w.open("edXML:MessageHeader");
    organization(w, "edXML:From", e.from);
    for (const auto& to : e.to) organization(w, "edXML:To", to);
    w.element("edXML:DocumentId", e.documentId);
    w.open("edXML:Code").element("edXML:CodeNumber", e.code.number).element("edXML:CodeNotation", e.code.notation).close();
    w.open("edXML:PromulgationInfo")
        .element("edXML:Place", e.place)
        .element("edXML:PromulgationDate", formatDate(e.promulgationDate))
        .close();
    w.open("edXML:DocumentType")
        .element("edXML:Type", num(e.type))
        .element("edXML:TypeDetail", num(e.typeDetail))
        .element("edXML:TypeName", e.typeName)
        .close();
    w.element("edXML:Subject", e.subject);
    w.element("edXML:Content", e.content);
    w.open("edXML:SignerInfo")
        .element("edXML:Competence", e.signer.competence)
        .element("edXML:Position", e.signer.position)
        .element("edXML:FullName", e.signer.fullName)
        .close();
    w.element("edXML:DueDate", e.dueDate ? formatDate(*e.dueDate) : "");
    otherInfo(w, e.other);
    for (const auto& r : e.responseFor) responseFor(w, r);
    w.element("edXML:SteeringType", num(e.steeringType));
    w.open("edXML:ToPlaces");
    for (const auto& p : e.toPlaces) w.element("edXML:Place", p);
    w.close();
    w.close();  // MessageHeader
}

void traceHeaderList(PrettyWriter& w, const Edoc& e) {
    w.open("edXML:TraceHeaderList");
    for (const auto& t : e.traces)
        w.open("edXML:TraceHeader").element("edXML:OrganId", t.organId).element("edXML:Timestamp", formatDateTime(t.timestamp)).close();
    w.open("edXML:Bussiness");
    if (!e.business.documentId.empty()) w.element("edXML:DocumentId", e.business.documentId);
    w.element("edXML:BussinessDocType", num(e.business.docType));
    w.element("edXML:BussinessDocReason", e.business.reason);
    w.element("edXML:Paper", num(e.business.paper));
    staffInfo(w, e.business.staff);
    w.close();  // Bussiness
    w.close();  // TraceHeaderList
}

// The manifest in the body names each attachment; the encoded bytes follow the envelope.
void manifest(PrettyWriter& w, const std::vector<Attachment>& attachments) {
    w.open("edXML:edXMLBody");
    w.open("edXML:edXMLManifest").attrAlways("version", "1.0");
    for (const auto& a : attachments) {
        w.open("edXML:Reference");
        w.element("edXML:ContentId", "cid:" + a.contentId);
        w.element("edXML:ContentType", a.mime);
        w.element("edXML:Description", a.description.empty() ? a.name : a.description);
        w.element("edXML:AttachmentName", a.name);
        w.close();
    }
    w.close();  // edXMLManifest
    w.close();  // edXMLBody
}

void encodedAttachments(PrettyWriter& w, const std::vector<Attachment>& attachments) {
    w.open("AttachmentEncoded");
    for (const auto& a : attachments) {
        w.open("Attachment");
        w.element("ContentId", "cid:" + a.contentId);
        w.element("AttachmentName", a.name);
        w.element("Description", a.description.empty() ? a.name : a.description);
        w.element("ContentType", a.mime);
        w.element("edXML:ContentTransferEncoded", base64Encode(a.bytes), "xmlns:edXML", kNs);
        w.close();
    }
    w.close();  // AttachmentEncoded
}

}  // namespace

Result<std::string> writeEdoc(const Edoc& e, const WriteOptions& options) {
    detail::Checker check(detail::Mode::Emit);
    detail::checkEdoc(e, options.now, check);
    if (!check.errors.empty()) return failed(check);

    std::string out;
    out.reserve(1024 + e.attachments.size() * 256);
    for (const auto& a : e.attachments) out.reserve(out.capacity() + a.bytes.size() * 4 / 3 + 4);
    PrettyWriter w(out);
    openEnvelope(w);
    messageHeader(w, e);
    traceHeaderList(w, e);
    w.close();  // edXMLHeader
    manifest(w, e.attachments);
    w.close();  // edXMLEnvelope
    encodedAttachments(w, e.attachments);
    w.close();  // edXML
    w.finish();
    return out;
}

Result<std::string> writeStatus(const Status& s, const WriteOptions& options) {
    detail::Checker check(detail::Mode::Emit);
    detail::checkStatus(s, options.now, check);
    if (!check.errors.empty()) return failed(check);

    std::string out;
    PrettyWriter w(out);
    openEnvelope(w);
    w.open("edXML:MessageHeader");
    organization(w, "edXML:From", s.from);
    responseFor(w, s.responseFor);
    staffInfo(w, s.staff);
    w.element("edXML:StatusCode", s.statusCode);
    w.element("edXML:Description", s.description);
    w.element("edXML:Timestamp", formatDateTime(s.timestamp));
    w.close();  // MessageHeader
    w.close();  // edXMLHeader
    w.close();  // edXMLEnvelope
    w.close();  // edXML
    w.finish();
    return out;
}

}  // namespace vanthu::distribution::edxml
