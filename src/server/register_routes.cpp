// The /registers and /search routes over service/registers.h.
#include <chrono>

#include "model/document_type.h"
#include "server/json_body.h"
#include "server/json_views.h"
#include "server/routes.h"
#include "service/access.h"
#include "service/registers.h"
#include "core/utf8.h"

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Dynamic::Var;

namespace {

Reply getRegisters(Api& api, Call& call) {
    onlyParams(call.request, {});
    Array::Ptr a = new Array;
    for (const auto& r : service::listRegisters(api.ctx, call.actor())) a->add(registerJson(r));
    Object o;
    o.set("items", a);
    return jsonReply(200, o);
}

Reply postRegister(Api& api, Call& call) {
    onlyParams(call.request, {});
    const auto& who = call.actor();
    if (who.role != store::Role::Admin)  // the role check first: a clerk learns nothing about the body
        if (auto e = service::requireRole(who, {store::Role::Admin})) failWith({*e});
    const auto o = jsonBody(call.request, {"name", "kind", "scope", "organ"});
    const std::int64_t organ = o->has("organ") ? idField(*o, "organ") : who.organId;
    const std::string kind = o->has("kind") ? stringField(*o, "kind", false) : "outgoing";
    const std::string scope = o->has("scope") ? stringField(*o, "scope", false) : "shared";
    auto r = service::createRegister(api.ctx, who, organ, stringField(*o, "name", true), kind, scope);
    return jsonReply(201, *registerJson(need(r)));
}

int thisYear() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return int(std::chrono::year_month_day{days}.year());
}

Reply getEntries(Api& api, Call& call) {
    onlyParams(call.request, {"format", "year"});
    const auto& req = call.request;
    const std::int64_t id = pathId(req.capture("id"));
    const int year = req.params.count("year") ? positiveParam(req.param("year"), "year", 9999) : thisYear();
    const std::string fmt = req.params.count("format") ? req.param("format") : "json";
    auto found = service::outgoingBook(api.ctx, call.actor(), id, year);
    const auto& book = need(found);
    if (fmt != "json" && fmt != "csv" && fmt != "docx" && fmt != "pdf")
        fail(406, "not_acceptable", "Định dạng phải là json, csv, docx hoặc pdf", "format must be json, csv, docx or pdf", "format");
    if (fmt != "json") {
        if (fmt != "csv" && !service::canRender(api.ctx, fmt)) formatUnavailable(fmt);
        auto file = service::outgoingBookFile(api.ctx, call.actor(), id, year, fmt);
        return fileReply(need(file), false);
    }
    Object o;
    o.set("register", registerJson(book.reg));
    o.set("year", year);
    Array::Ptr a = new Array;
    for (const auto& e : book.entries) {
        Object::Ptr x = new Object;
        x->set("number", e.number);
        x->set("series", e.series);
        x->set("document", e.documentId);
        x->set("code", e.code);
        x->set("date", e.issueDate);
        x->set("type_and_subject", e.typeAndSubject);
        x->set("signer", e.signer);
        x->set("recipients", e.recipients);
        x->set("archive", e.archiveUnit);
        x->set("copies", e.copies);
        x->set("note", e.note);
        a->add(x);
    }
    o.set("items", a);
    return jsonReply(200, o);
}

Reply getSearch(Api& api, Call& call) {
    const auto& req = call.request;
    onlyParams(req, {"q", "code", "type", "issuer", "signer", "from", "to", "register", "page", "page_size"});
    for (const char* k : {"q", "code", "type", "issuer", "signer"})
        if (req.param(k).size() > 500 || !vanthu::isValidUtf8(req.param(k)) || vanthu::firstControlCharacter(req.param(k)))
            fail(400, "invalid_input", std::string("Tham số ") + k + " không hợp lệ", std::string("invalid ") + k, k);
    store::Query q;
    q.text = req.param("q");
    q.code = req.param("code");
    q.type = req.param("type");
    if (!q.type.empty() && !model::typeFromKey(q.type)) fail(400, "invalid_input", "Loại văn bản không hợp lệ", "unknown document type", "type");
    q.issuer = req.param("issuer");
    q.signer = req.param("signer");
    if (parseIsoDate(req.param("from"), "from")) q.from = req.param("from");
    if (parseIsoDate(req.param("to"), "to")) q.to = req.param("to");
    if (!req.param("register").empty()) q.registerId = positiveParam(req.param("register"), "register", 999999);
    if (!req.param("page").empty()) q.page = positiveParam(req.param("page"), "page", 100000);
    if (!req.param("page_size").empty()) q.pageSize = positiveParam(req.param("page_size"), "page_size", 100);
    const auto res = service::search(api.ctx, call.actor(), q);
    Object o;
    o.set("total", res.total);
    o.set("page", q.page);
    o.set("page_size", q.pageSize);
    Array::Ptr items = new Array;
    for (const auto& h : res.items) {
        Object::Ptr x = new Object;
        x->set("id", h.id);
        x->set("code", h.code.empty() ? Var() : Var(h.code));
        x->set("subject", h.subject);
        x->set("type", h.type);
        x->set("issue_date", h.issueDate.empty() ? Var() : Var(h.issueDate));
        x->set("status", h.status);
        items->add(x);
    }
    o.set("items", items);
    return jsonReply(200, o);
}

}  // namespace

void addRegisterRoutes(Router& router, Api& api) {
    router.add("GET", apiPath("/registers"), bound(api, getRegisters));
    router.add("POST", apiPath("/registers"), bound(api, postRegister));
    router.add("GET", apiPath("/registers/{id}/entries"), bound(api, getEntries));
    router.add("GET", apiPath("/search"), bound(api, getSearch));
}

}  // namespace vanthu::server
