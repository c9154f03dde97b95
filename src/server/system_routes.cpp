// Health, metrics, the API description and the audit check; and the small helpers every routes
// file shares (routes.h).
#include <Poco/JSON/Object.h>

#include "server/routes.h"
#include "server/server.h"
#include "service/registers.h"

namespace vanthu::server {

std::string openApiJson();  // openapi.cpp

using Poco::JSON::Object;

std::string apiPath(const std::string& path) { return "/api/v1" + path; }

void onlyParams(const Request& req, std::initializer_list<const char*> allowed) {
    for (const auto& n : req.paramNames) {
        bool known = false;
        for (const char* a : allowed) known = known || n == a;
        if (!known) fail(400, "unknown_field", "Tham số không được hỗ trợ: " + n, "unknown query parameter: " + n, n);
    }
}

std::int64_t pathId(const std::string& s) {
    if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789") != std::string::npos)
        fail(404, "not_found", "Không có tài nguyên này", "no such resource", "id");
    return std::stoll(s);
}

int positiveParam(const std::string& s, const char* field, int max) {
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos || std::stoi(s) < 1 || std::stoi(s) > max)
        fail(400, "invalid_input", std::string("Tham số ") + field + " không hợp lệ", std::string("invalid ") + field, field);
    return std::stoi(s);
}

Reply fileReply(const service::File& file, bool attachment) {
    Reply r;
    r.contentType = file.mediaType;
    r.body = file.bytes;
    if (attachment) r.headers.emplace_back("Content-Disposition", attachmentDisposition(file.name, "file"));
    return r;
}

[[noreturn]] void formatUnavailable(const std::string& format) {
    fail(501, "not_implemented", "Chưa hỗ trợ định dạng " + format, "format " + format + " is not available yet", "format");
}

namespace {

Reply getHealth(Api& api, Call&) {
    Object o;
    o.set("status", "ok");
    o.set("backend", api.ctx.store.backend() == store::Backend::Sqlite ? "sqlite" : "postgresql");
    o.set("schema_version", api.ctx.store.schemaVersion());
    return jsonReply(200, o);
}

Reply getMetrics(Api& api, Call&) {
    Reply r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = api.metrics();
    return r;
}

Reply getOpenApi(Api&, Call&) {
    Reply r;
    r.body = openApiJson();
    return r;
}

Reply getAuditVerify(Api& api, Call& call) {
    onlyParams(call.request, {});
    auto rep = service::verifyAudit(api.ctx, call.actor());
    const auto& report = need(rep);
    Object o;
    o.set("ok", report.ok());
    o.set("rows", report.rows);
    o.set("first_bad_row", report.firstBadRow);
    o.set("problem", report.problem);
    return jsonReply(200, o);
}

}  // namespace

void addSystemRoutes(Router& router, Api& api) {
    RouteOptions open;
    open.authenticated = false;
    for (const std::string root : {"", "/api/v1"}) {
        router.add("GET", root + "/healthz", bound(api, getHealth), open);
        router.add("GET", root + "/metrics", bound(api, getMetrics), open);
        router.add("GET", root + "/openapi.json", bound(api, getOpenApi), open);
    }
    router.add("GET", apiPath("/audit/verify"), bound(api, getAuditVerify));
}

}  // namespace vanthu::server
