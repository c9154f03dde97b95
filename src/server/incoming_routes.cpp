// The incoming register (Sổ đăng ký văn bản đến), one entry, its files, and the clerk's answers.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "server/exchange_routes.h"
#include "server/json_body.h"
#include "server/json_views.h"
#include "service/exchange.h"
#include "core/utf8.h"
#include "text/unicode.h"

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// A free-text answer field: UTF-8, at most 2000 bytes, stored NFC.
std::string answerText(const Object& o, const char* key) {
    const std::string s = stringField(o, key, false);
    if (!vanthu::isValidUtf8(s)) fail(400, "invalid_input", std::string("Trường ") + key + " không phải UTF-8", std::string(key) + " is not UTF-8", key);
    if (s.size() > 2000)
        fail(400, "too_long", std::string("Trường ") + key + " quá dài", std::string(key) + " is too long (limit 2000 bytes)", key);
    return text::nfc(s);
}

Object::Ptr answerBody(const Request& req, std::initializer_list<const char*> allowed) {
    if (req.body.empty()) return new Object;
    return jsonBody(req, allowed);
}

Reply getIncomingRegister(const ExchangeRoutes& x, Call& call) {
    const auto& req = call.request;
    onlyParams(req, {"year", "format"});
    int year = x.exchange.currentYear();
    if (req.params.count("year")) {
        const std::string y = req.param("year");
        if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
            fail(400, "invalid_input", "Năm không hợp lệ", "invalid year", "year");
        year = std::stoi(y);
    }
    const std::string format = req.params.count("format") ? req.param("format") : "json";
    if (format != "json" && format != "csv" && format != "docx" && format != "pdf")
        fail(406, "not_acceptable", "Định dạng phải là json, csv, docx hoặc pdf", "format must be json, csv, docx or pdf", "format");
    if (format != "json") {
        if (format != "csv" && !service::canRender(x.api.ctx, format)) formatUnavailable(format);
        auto file = service::incomingBookFile(x.api.ctx, call.actor(), year, format);
        return fileReply(need(file), false);
    }
    auto found = x.exchange.incomingRegister(call.actor(), year);
    const auto& entries = need(found);
    Object o;
    o.set("year", year);
    Array::Ptr a = new Array;
    for (const auto& e : entries) a->add(incomingJson(service::IncomingView{e, {}, {}}, false));
    o.set("items", a);
    return jsonReply(200, o);
}

Reply getIncoming(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    auto v = x.exchange.incoming(call.actor(), pathId(call.request.capture("id")));
    return jsonReply(200, *incomingJson(need(v), true));
}

Reply getIncomingFile(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    std::string bytes;
    auto f = x.exchange.incomingFile(call.actor(), pathId(call.request.capture("id")), pathId(call.request.capture("index")), bytes);
    // A peer's file, typed and named by the peer: served inert (http_reply.h).
    const auto& file = need(f);
    return outsideFileReply(std::move(bytes), file.mime, file.name, "file-" + std::to_string(file.index));
}

Reply answered(const ExchangeRoutes& x, Call& call, const service::Answer& a) {
    Warnings warnings;
    auto v = x.exchange.answerIncoming(call.actor(), pathId(call.request.capture("id")), a, warnings);
    Object::Ptr o = incomingJson(need(v), false);
    o->set("warnings", warningsJson(warnings));
    return jsonReply(200, *o);
}

Reply postAccept(const ExchangeRoutes& x, Call& call) {
    const auto o = answerBody(call.request, {"reason", "recipient_unit"});
    return answered(x, call, service::Answer{"03", answerText(*o, "reason"), answerText(*o, "recipient_unit")});
}

Reply postReject(const ExchangeRoutes& x, Call& call) {
    const auto o = answerBody(call.request, {"reason"});
    const std::string reason = answerText(*o, "reason");
    if (reason.empty()) fail(400, "missing_field", "Cần lý do từ chối", "a rejection needs a reason", "reason");
    return answered(x, call, service::Answer{"02", reason, ""});
}

Reply postProgress(const ExchangeRoutes& x, Call& call) {
    const auto o = answerBody(call.request, {"code", "reason", "recipient_unit"});
    const std::string code = answerText(*o, "code");
    if (code != "04" && code != "05" && code != "06")
        fail(400, "invalid_input", "Mã trạng thái phải là 04, 05 hoặc 06", "code must be 04, 05 or 06", "code");
    return answered(x, call, service::Answer{code, answerText(*o, "reason"), answerText(*o, "recipient_unit")});
}

Reply postTakeBackAnswer(const ExchangeRoutes& x, Call& call) {
    const auto o = answerBody(call.request, {"agree", "reason"});
    const auto agree = boolField(*o, "agree");
    if (!agree) fail(400, "missing_field", "Cần trường agree (true hoặc false)", "agree (true or false) is required", "agree");
    return answered(x, call, service::Answer{*agree ? "15" : "16", answerText(*o, "reason"), ""});
}

}  // namespace

void addIncomingRoutes(Router& router, const ExchangeRoutes& routes) {
    const auto x = std::make_shared<const ExchangeRoutes>(routes);
    router.add("GET", apiPath("/incoming"), bound(x, getIncomingRegister));
    router.add("GET", apiPath("/incoming/{id}"), bound(x, getIncoming));
    router.add("GET", apiPath("/incoming/{id}/files/{index}"), bound(x, getIncomingFile));
    router.add("POST", apiPath("/incoming/{id}/accept"), bound(x, postAccept));
    router.add("POST", apiPath("/incoming/{id}/reject"), bound(x, postReject));
    router.add("POST", apiPath("/incoming/{id}/status"), bound(x, postProgress));
    router.add("POST", apiPath("/incoming/{id}/take-back"), bound(x, postTakeBackAnswer));
}

}  // namespace vanthu::server
