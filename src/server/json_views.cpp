#include "server/json_views.h"

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Dynamic::Var;

Object::Ptr documentJson(const store::DocumentRecord& d, const std::vector<store::Relation>& relations) {
    Object::Ptr o = new Object;
    o->set("id", d.id);
    o->set("status", std::string(store::statusName(d.status)));
    o->set("type", d.type);
    const bool numbered = d.number > 0;
    o->set("number", numbered ? Var(d.number) : Var());
    o->set("code", numbered ? Var(d.code) : Var());
    o->set("register", numbered ? Var(d.registerId) : Var());
    o->set("year", numbered ? Var(d.year) : Var());
    o->set("series", numbered ? Var(d.series) : Var());
    o->set("issue_date", d.issueDate.empty() ? Var() : Var(d.issueDate));
    o->set("notation", d.notation);
    o->set("subject", d.subject);
    o->set("signer", d.signer);
    o->set("issuer", d.issuer);
    o->set("organ", d.organId);
    o->set("secret", d.secret);
    o->set("legal_normative", d.legalNormative);
    Array::Ptr rels = new Array;
    for (const auto& r : relations) {
        Object::Ptr x = new Object;
        x->set("from", r.from);
        x->set("to", r.to);
        x->set("kind", r.kind);
        x->set("note", r.note);
        rels->add(x);
    }
    o->set("relations", rels);
    return o;
}

Array::Ptr warningsJson(const Warnings& warnings) {
    Array::Ptr a = new Array;
    for (const auto& w : warnings) {
        Object::Ptr o = new Object;
        o->set("code", "warning");
        o->set("message_vi", w.messageVi);
        o->set("message_en", w.messageEn);
        o->set("field", w.field);
        a->add(o);
    }
    return a;
}

Object::Ptr registerJson(const store::Register& r) {
    Object::Ptr o = new Object;
    o->set("id", r.id);
    o->set("organ", r.organId);
    o->set("name", r.name);
    o->set("kind", r.kind);
    o->set("scope", r.scope);
    return o;
}

Object::Ptr deliveryJson(const service::DeliveryView& v) {
    const auto& d = v.row;
    Object::Ptr o = new Object;
    o->set("id", d.id);
    o->set("document", d.documentId);
    o->set("document_id", d.edxmlDocumentId);
    o->set("recipient", d.recipientName);
    o->set("recipient_key", d.recipientKey);
    o->set("organ_id", d.recipientOrganId);
    o->set("transport", d.transport);
    o->set("state", d.state);
    o->set("take_back", d.takeBack);
    o->set("attempts", d.attempts);
    o->set("last_error", d.lastError);
    o->set("created_at", d.createdAt);
    o->set("updated_at", d.updatedAt);
    Array::Ptr ev = new Array;
    for (const auto& e : v.events) {
        Object::Ptr x = new Object;
        x->set("state", e.state);
        x->set("at", e.at);
        x->set("detail", e.detail);
        ev->add(x);
    }
    o->set("statuses", ev);
    return o;
}

Object::Ptr incomingJson(const service::IncomingView& v, bool withFiles) {
    const auto& e = v.entry;
    Object::Ptr o = new Object;
    o->set("id", e.id);
    o->set("number", e.number);
    o->set("year", e.year);
    o->set("received_at", e.receivedAt);
    o->set("sender", e.sender);
    o->set("sender_organ_id", e.senderOrganId);
    o->set("document_id", e.edxmlDocumentId);
    o->set("code", e.code);
    o->set("document_date", e.documentDate);
    o->set("type_and_subject", e.typeAndSubject);
    o->set("state", e.state);
    o->set("reason", e.reason);
    o->set("recipient_unit", e.recipientUnit);
    o->set("handed_at", e.handedAt);
    o->set("note", e.note);
    o->set("take_back", e.takeBack);
    if (withFiles) {
        Array::Ptr ws = new Array;
        for (const auto& w : v.warnings) ws->add(w);
        o->set("warnings", ws);
        Array::Ptr a = new Array;
        for (const auto& f : v.files) {
            Object::Ptr x = new Object;
            x->set("index", f.index);
            x->set("name", f.name);
            x->set("mime", f.mime);
            x->set("sha256", f.sha256);
            a->add(x);
        }
        o->set("files", a);
    }
    return o;
}

Object::Ptr inboxRowJson(const store::InboxRow& r) {
    Object::Ptr x = new Object;
    x->set("id", r.id);
    x->set("received_at", r.receivedAt);
    x->set("link", r.link);
    x->set("sender_organ_id", r.senderOrganId);
    x->set("kind", r.kind);
    x->set("document_id", r.edxmlDocumentId);
    x->set("outcome", r.outcome);
    x->set("reason", r.reason);
    x->set("sha256", r.packageSha);
    x->set("size", r.size);
    if (!r.headers.empty()) x->set("headers", r.headers);  // refused unread: what is kept instead of the bytes
    if (!r.bodyPrefix.empty()) x->set("body_prefix", r.bodyPrefix);
    return x;
}

}  // namespace vanthu::server
