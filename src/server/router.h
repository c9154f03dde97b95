// server/router.h (private to server/): the route table of `vanthu serve` and the one path every
// request takes through it:
//
//   read the target (strict %XX, 400) → match (method, pattern) (404 / 405) → read the body under
//   the route's cap (413) → authenticate (401) → the route's handler → one error mapping →
//   metrics and the request log → send.
//
// Patterns are paths whose segments are literals or {name} captures ("/api/v1/documents/{id}/issue");
// the match with the most literal segments wins, so "/documents/import" beats "/documents/{id}".
// Routes are added before the server starts; dispatch is then read-only and thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/http_reply.h"
#include "server/http_request.h"
#include "store/store.h"

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace vanthu::server {

// One request inside its handler.
struct Call {
    Request& request;
    Poco::Net::HTTPServerRequest& raw;  // for a route that reads its own body (the edXML inbox)
    std::optional<store::User> user;    // set for authenticated routes

    const store::User& actor() const { return *user; }
};

using Handler = std::function<Reply(Call&)>;

struct RouteOptions {
    bool authenticated = true;   // false: no token needed (health, metrics, the peers' inbox)
    bool readsBody = true;       // false: the handler reads call.raw itself
    std::size_t maxBody = 0;     // 0: the server's --max-body
};

// The one authenticator: "Authorization: Bearer <token>" (scheme case-insensitive, blanks around
// the token ignored), looked up in the store. Throws HttpError 401.
store::User authenticate(const store::Store& store, const std::string& authorization);

class Router {
public:
    Router(store::Store& store, std::size_t maxBody, bool logRequests);
    ~Router();

    void add(std::string method, const std::string& pattern, Handler handler, RouteOptions options = {});

    // Answers one request completely (never throws).
    void serve(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res);

    // Prometheus text: requests by route and status class, and durations.
    std::string metricsText() const;

private:
    struct Route;
    Reply answer(Poco::Net::HTTPServerRequest& req, const Route*& matched, bool& bodyUnread);
    const Route* match(Request& req, bool& pathKnown) const;

    store::Store& store_;
    std::size_t maxBody_;
    bool log_;
    std::vector<std::unique_ptr<Route>> routes_;
    std::unique_ptr<Route> unmatched_;  // counts requests no route took
};

}  // namespace vanthu::server
