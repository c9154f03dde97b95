// server/http_request.h (private to server/): a request as the routes see it, read from Poco's
// with every check that does not depend on the route.
//
// The target is percent-decoded strictly (RFC 3986 §2.1): a '%' not followed by two hex digits,
// or a query name/value that is not UTF-8 once decoded, is a 400 naming the parameter, on every
// route, before the token is looked at. The body is read separately (readBody) once the route is
// known, so each route declares its own cap.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace Poco::Net {
class HTTPServerRequest;
}  // namespace Poco::Net

namespace vanthu::server {

struct Request {
    std::string method;
    std::string target;                         // as received, for the log
    std::string path;                           // decoded, without the query
    std::vector<std::string> segments;          // the path's non-empty segments
    std::map<std::string, std::string> params;  // decoded query parameters (the last one wins)
    std::set<std::string> paramNames;
    std::map<std::string, std::string> captures;  // {name} segments of the matched route
    std::string contentType;                    // media type, lower case, without parameters
    std::string authorization;
    std::string body;

    std::string param(const std::string& name) const;  // "" when absent
    const std::string& capture(const std::string& name) const;
};

// Decodes %XX escapes; '+' becomes a space when `plusIsSpace` (query strings). nullopt when an
// escape is malformed.
std::optional<std::string> percentDecode(std::string_view in, bool plusIsSpace);

// Method, target, content type, authorization; throws HttpError 400 for a malformed target.
Request readHead(const Poco::Net::HTTPServerRequest& req);

// Reads the body, at most `cap` bytes: a declared or actual larger body is a 413 (a moderately
// oversized declared body is drained first so the client sees the answer, not a reset).
// RFC 9112 §6.3: without Content-Length or chunked coding a request has no body.
std::string readBody(Poco::Net::HTTPServerRequest& req, std::size_t cap);

}  // namespace vanthu::server
