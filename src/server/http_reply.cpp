#include "server/http_reply.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

int statusFor(Errc code) {
    switch (code) {
    case Errc::InvalidInput: return 400;
    case Errc::Unauthorized: return 401;
    case Errc::Forbidden: return 403;
    case Errc::NotFound: return 404;
    case Errc::Conflict: return 409;
    case Errc::TooLarge: return 413;
    case Errc::SchemaViolation:
    case Errc::RuleViolation: return 422;
    case Errc::Storage: return 503;
    case Errc::FontMissing:
    case Errc::Internal: return 500;
    }
    return 500;
}

std::string codeFor(const Error& error) {
    if (!error.reason.empty()) return error.reason;
    if (error.code == Errc::Storage) return "storage_unavailable";
    if (statusFor(error.code) >= 500) return "internal";  // faults are not detailed to clients
    return std::string(errcName(error.code));
}

[[noreturn]] void fail(int status, std::string reason, std::string vi, std::string en, std::string field) {
    Error e;
    e.code = status == 401 ? Errc::Unauthorized : status == 403 ? Errc::Forbidden : status == 404 ? Errc::NotFound
           : status == 409 ? Errc::Conflict : status == 413 ? Errc::TooLarge : status == 422 ? Errc::RuleViolation
                                                                                             : Errc::InvalidInput;
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = std::move(field);
    e.reason = std::move(reason);
    throw HttpError{status, Errors{std::move(e)}};
}

[[noreturn]] void failWith(Errors errors) {
    const int status = errors.empty() ? 500 : statusFor(errors.front().code);
    if (errors.empty()) errors.push_back(Error{Errc::Internal, "Lỗi máy chủ", "server fault", "", 0, 0});
    throw HttpError{status, std::move(errors)};
}

std::string toJson(const Object& o) {
    std::ostringstream os;
    o.stringify(os);
    return os.str();
}

Reply jsonReply(int status, const Object& body) {
    Reply r;
    r.status = status;
    r.body = toJson(body);
    return r;
}

namespace {

Object::Ptr errorObject(const Error& e) {
    Object::Ptr o = new Object;
    o->set("code", codeFor(e));
    o->set("message_vi", e.messageVi);
    o->set("message_en", e.messageEn);
    o->set("field", e.field);
    if (e.line) {
        o->set("line", e.line);
        o->set("column", e.column);
    }
    return o;
}

}  // namespace

Reply errorReply(const HttpError& e) {
    Object::Ptr o = errorObject(e.errors.front());
    if (e.errors.size() > 1) {
        Array::Ptr all = new Array;
        for (const auto& x : e.errors) all->add(errorObject(x));
        o->set("errors", all);
    }
    Reply r = jsonReply(e.status, *o);
    if (e.status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
}

Reply faultReply(Errc code) {
    if (code == Errc::Storage)  // a full disk or a lost database connection: nothing was written
        return errorReply(HttpError{503, Errors{Error{code, "Không ghi được vào cơ sở dữ liệu (đĩa đầy hoặc mất kết nối), chưa có gì được lưu; vui lòng thử lại sau",
                                                     "the database cannot be written (disk full or connection lost); nothing was saved: try again later", "", 0, 0}}});
    return errorReply(HttpError{500, Errors{Error{code, "Lỗi máy chủ", "server fault", "", 0, 0}}});
}

}  // namespace vanthu::server
