// server/routes.h (private to server/): the route files and what they share.
//
// Each resource has its routes file with one function per endpoint; add*Routes() puts them in
// the route table. A route parses and checks the request (http_request.h, json_body.h), calls
// one use-case of service/, and formats the reply (json_views.h). Rules live in service/.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "server/router.h"
#include "service/context.h"
#include "service/files.h"

namespace vanthu::server {


struct Api {
    service::Context& ctx;
    std::function<std::string()> metrics;  // the Prometheus text of the whole server
};

// A route function of the form Reply f(Api&, Call&) as a route table handler.
inline Handler bound(Api& api, Reply (*f)(Api&, Call&)) {
    return [&api, f](Call& c) { return f(api, c); };
}

void addSystemRoutes(Router& router, Api& api);    // healthz, metrics, openapi.json, audit/verify
void addDocumentRoutes(Router& router, Api& api);  // /documents…
void addRegisterRoutes(Router& router, Api& api);  // /registers…, /search

// The path under the API root: "/api/v1" + path.
std::string apiPath(const std::string& path);

// Query parameters other than `allowed` are a 400 naming the first one.
void onlyParams(const Request& req, std::initializer_list<const char*> allowed);
// A path id: digits only, else 404 (an id that cannot exist names no resource).
std::int64_t pathId(const std::string& segment);
// A query number in [1, max], else 400 naming the parameter.
int positiveParam(const std::string& value, const char* field, int max);

[[noreturn]] void formatUnavailable(const std::string& format);  // 501
// A file for download: its media type, and Content-Disposition: attachment when `attachment`.
Reply fileReply(const service::File& file, bool attachment);

}  // namespace vanthu::server
