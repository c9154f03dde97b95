// The /documents routes: one function per endpoint over service/documents.h.
#include <sstream>

#include "input/document_json.h"
#include "server/json_body.h"
#include "server/json_views.h"
#include "server/routes.h"
#include "service/files.h"
#include "service/documents.h"

namespace vanthu::server {

using Poco::JSON::Object;

namespace {

bool isXml(const std::string& ct) { return ct == "application/xml" || ct == "text/xml"; }

// The XML of a POST/PUT: the body itself (application/xml), or JSON holding either
// {"xml": "…"} or {"document": {…}} (input/document_json.h), which becomes the same XML and
// meets the same checks. `registerId`: the import's optional "register" field.
std::string documentXml(const Request& req, std::int64_t* registerId = nullptr) {
    if (isXml(req.contentType)) return req.body;
    if (req.contentType != "application/json")
        fail(415, "unsupported_media_type", "Cần Content-Type application/xml hoặc application/json",
             "Content-Type must be application/xml or application/json", "Content-Type");
    const auto o = parseJsonObject(req.body);
    if (registerId) {
        onlyKeys(*o, {"xml", "document", "register"});
        *registerId = idField(*o, "register");
    } else {
        onlyKeys(*o, {"xml", "document"});
    }
    if (!o->has("document")) return stringField(*o, "xml", true);
    if (o->has("xml")) fail(400, "invalid_input", "Chỉ gửi một trong hai trường xml hoặc document", "send either xml or document, not both", "document");
    if (o->get("document").type() != typeid(Object::Ptr))
        fail(400, "invalid_input", "Trường document phải là một đối tượng JSON", "document must be a JSON object", "document");
    std::ostringstream json;
    o->get("document").extract<Object::Ptr>()->stringify(json);
    auto xml = input::documentJsonToXml(json.str());
    return std::move(need(xml));
}

// An optional JSON body with only `allowed` fields (no body: an empty object).
Object::Ptr optionalJson(const Request& req, std::initializer_list<const char*> allowed) {
    if (req.body.empty()) return new Object;
    return jsonBody(req, allowed);
}

Reply documentReply(int status, Api& api, Call& call, const service::DocumentOutcome& out, bool withWarnings, bool location) {
    Object::Ptr o = documentJson(out.record, service::relationsOf(api.ctx, call.actor(), out.record.id));
    if (withWarnings) o->set("warnings", warningsJson(out.warnings));
    Reply r = jsonReply(status, *o);
    if (location) r.headers.emplace_back("Location", apiPath("/documents/" + std::to_string(out.record.id)));
    return r;
}

Reply postDocument(Api& api, Call& call) {
    onlyParams(call.request, {});
    auto out = service::createDraft(api.ctx, call.actor(), documentXml(call.request));
    return documentReply(201, api, call, need(out), true, true);
}

Reply postImport(Api& api, Call& call) {
    onlyParams(call.request, {});
    std::int64_t registerId = 0;
    const std::string xml = documentXml(call.request, &registerId);
    auto out = service::importIssued(api.ctx, call.actor(), xml, registerId);
    return documentReply(201, api, call, need(out), true, true);
}

// GET /documents/{id}.docx|.pdf|.xml: the document's file (an issued one rendered once and kept).
Reply getDocumentFile(Api& api, Call& call, std::int64_t id, const std::string& ext) {
    if ((ext == "docx" || ext == "pdf") && !service::canRender(api.ctx, ext)) {
        auto visible = service::viewDocument(api.ctx, call.actor(), id);
        need(visible);  // 403/404 before 501
        formatUnavailable(ext);
    }
    auto file = service::documentFile(api.ctx, call.actor(), id, ext);
    return fileReply(need(file), ext != "xml");
}

Reply getDocument(Api& api, Call& call) {
    onlyParams(call.request, {});
    std::string idText = call.request.capture("id");
    std::string ext;
    if (const auto dot = idText.find('.'); dot != std::string::npos) {
        ext = idText.substr(dot + 1);
        idText = idText.substr(0, dot);
    }
    const std::int64_t id = pathId(idText);
    if (!ext.empty()) return getDocumentFile(api, call, id, ext);
    auto d = service::viewDocument(api.ctx, call.actor(), id);
    return jsonReply(200, *documentJson(need(d), service::relationsOf(api.ctx, call.actor(), id)));
}

Reply putDocument(Api& api, Call& call) {
    onlyParams(call.request, {});
    const std::int64_t id = pathId(call.request.capture("id"));
    auto out = service::updateDraft(api.ctx, call.actor(), id, documentXml(call.request));
    return documentReply(200, api, call, need(out), true, false);
}

Reply postIssue(Api& api, Call& call) {
    onlyParams(call.request, {});
    const std::int64_t id = pathId(call.request.capture("id"));
    const auto o = optionalJson(call.request, {"register", "date"});
    service::IssueOptions opt;
    opt.registerId = idField(*o, "register");
    opt.date = parseIsoDate(stringField(*o, "date", false), "date");
    auto out = service::issueDocument(api.ctx, call.actor(), id, opt);
    return documentReply(200, api, call, need(out), true, false);
}

Reply postStatus(Api& api, Call& call, store::Status to) {
    onlyParams(call.request, {});
    const std::int64_t id = pathId(call.request.capture("id"));
    const auto o = optionalJson(call.request, {"note"});
    auto out = service::changeStatus(api.ctx, call.actor(), id, to, stringField(*o, "note", false));
    return documentReply(200, api, call, need(out), to == store::Status::Recalled && api.ctx.exchange, false);
}

Reply postRelation(Api& api, Call& call) {
    onlyParams(call.request, {});
    const std::int64_t id = pathId(call.request.capture("id"));
    const auto o = jsonBody(call.request, {"kind", "target", "note"});
    const std::int64_t target = idField(*o, "target");
    const std::string kind = stringField(*o, "kind", true);
    if (!target) fail(400, "missing_field", "Thiếu trường target", "missing field target", "target");
    auto d = service::relate(api.ctx, call.actor(), id, target, kind, stringField(*o, "note", false));
    return jsonReply(201, *documentJson(need(d), service::relationsOf(api.ctx, call.actor(), id)));
}

}  // namespace

void addDocumentRoutes(Router& router, Api& api) {
    const auto status = [&api](store::Status s) { return [&api, s](Call& c) { return postStatus(api, c, s); }; };
    router.add("POST", apiPath("/documents"), bound(api, postDocument));
    router.add("POST", apiPath("/documents/import"), bound(api, postImport));
    router.add("GET", apiPath("/documents/{id}"), bound(api, getDocument));
    router.add("PUT", apiPath("/documents/{id}"), bound(api, putDocument));
    router.add("POST", apiPath("/documents/{id}/issue"), bound(api, postIssue));
    router.add("POST", apiPath("/documents/{id}/distribute"), status(store::Status::Distributed));
    router.add("POST", apiPath("/documents/{id}/archive"), status(store::Status::Archived));
    router.add("POST", apiPath("/documents/{id}/recall"), status(store::Status::Recalled));
    router.add("POST", apiPath("/documents/{id}/relations"), bound(api, postRelation));
}

}  // namespace vanthu::server
