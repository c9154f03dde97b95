// server/http_reply.h (private to server/): what a route answers, and the one mapping from our
// error vocabulary (core/error.h) to HTTP statuses and JSON error bodies.
//
// Every error body is {"code", "message_vi", "message_en", "field"} (+ "line"/"column" when the
// error is located, + "errors" when there are several). A route ends a request early by throwing
// HttpError (fail(), refuse(), or need() on a Result); the router catches it in one place.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/result.h"

namespace Poco::JSON {
class Object;
}  // namespace Poco::JSON

namespace vanthu::server {

struct Reply {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// A request that ends with a 4xx/5xx reply. `errors` holds every located error behind it.
struct HttpError {
    int status = 400;
    Errors errors;  // never empty
};

int statusFor(Errc code);                 // InvalidInput 400, Unauthorized 401, Forbidden 403 …
std::string codeFor(const Error& error);  // the JSON "code": error.reason, else the Errc's name

// Ends the request with `status` and one error; `reason` is the JSON code ("unknown_field").
[[noreturn]] void fail(int status, std::string reason, std::string vi, std::string en, std::string field = {});
// Ends the request with the status the errors' first code maps to.
[[noreturn]] void failWith(Errors errors);

template <class T>
T& need(Result<T>& r) {
    if (!r.ok()) failWith(r.errors());
    return r.value();
}

Reply jsonReply(int status, const Poco::JSON::Object& body);
Reply errorReply(const HttpError& e);
// A fault of ours (or a lost database: 503). Logged by the caller; the client learns nothing more.
Reply faultReply(Errc code);

std::string toJson(const Poco::JSON::Object& o);

// --- The one header writer (issue 14, Build 2) ---------------------------------------------
//
// Every reply leaves through finalHeaders(): it adds `X-Content-Type-Options: nosniff` to every
// reply and a Content-Security-Policy to every HTML one (unless the route set its own), and it
// refuses any header name that is not an RFC 9110 token and any value with CR, LF or another
// control character (HT allowed): a HeaderRefused, which the router answers as a 500 fault.
struct HeaderRefused : std::runtime_error {
    using std::runtime_error::runtime_error;
};
extern const char* const kHtmlContentSecurityPolicy;
bool isSafeHeaderValue(std::string_view value);  // no CTL but HT (RFC 9110 §5.5), no DEL
std::vector<std::pair<std::string, std::string>> finalHeaders(const Reply& reply);

// Files that came from outside (received attachments, uploads) are inert when served: their
// declared type is allow-listed (PDF, DOCX, ODT, XML, PNG, JPEG, ZIP; anything else, or anything
// malformed, is application/octet-stream) and they go out as attachments.
std::string inertMediaType(std::string_view declared);
// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`: path parts, quotes, control
// characters and ill-formed UTF-8 removed, at most 150 bytes; `fallback` when nothing is left.
std::string attachmentDisposition(std::string_view name, std::string_view fallback);
Reply outsideFileReply(std::string bytes, std::string_view declaredType, std::string_view name, std::string_view fallbackName);

}  // namespace vanthu::server
