// server/http_reply.h (private to server/): what a route answers, and the one mapping from our
// error vocabulary (core/error.h) to HTTP statuses and JSON error bodies.
//
// Every error body is {"code", "message_vi", "message_en", "field"} (+ "line"/"column" when the
// error is located, + "errors" when there are several). A route ends a request early by throwing
// HttpError (fail(), refuse(), or need() on a Result); the router catches it in one place.
#pragma once

#include <string>
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

}  // namespace vanthu::server
