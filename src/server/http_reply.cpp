#include "server/http_reply.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cctype>
#include <sstream>

#include "core/strings.h"
#include "core/utf8.h"

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
           : status == 408 ? Errc::InvalidInput : status == 409 ? Errc::Conflict : status == 413 ? Errc::TooLarge : status == 422 ? Errc::RuleViolation
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

// --- the one header writer ---------------------------------------------------------------

// The desk's pages load their scripts, styles and images from us only, and nothing frames them.
const char* const kHtmlContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

bool isSafeHeaderValue(std::string_view value) {
    for (unsigned char c : value)
        if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
    return true;
}

namespace {

// RFC 9110 §5.6.2 token: the characters a header name may have.
bool isToken(std::string_view name) {
    if (name.empty()) return false;
    for (unsigned char c : name)
        if (!(std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(char(c)) != std::string_view::npos)) return false;
    return true;
}

bool isHtml(std::string_view contentType) {
    const std::string type = lowerAscii(trimAscii(contentType.substr(0, contentType.find(';'))));
    return type == "text/html" || type == "application/xhtml+xml";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> finalHeaders(const Reply& reply) {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("Content-Type", reply.contentType);
    bool hasCsp = false;
    for (const auto& [name, value] : reply.headers) {
        if (equalsIgnoringAsciiCase(name, "Content-Type") || equalsIgnoringAsciiCase(name, "X-Content-Type-Options")) continue;
        hasCsp = hasCsp || equalsIgnoringAsciiCase(name, "Content-Security-Policy");
        out.emplace_back(name, value);
    }
    out.emplace_back("X-Content-Type-Options", "nosniff");
    if (isHtml(reply.contentType) && !hasCsp) out.emplace_back("Content-Security-Policy", kHtmlContentSecurityPolicy);
    for (const auto& [name, value] : out) {
        if (!isToken(name)) throw HeaderRefused("header name refused: not a token");
        if (!isSafeHeaderValue(value)) throw HeaderRefused("header value refused (control character) in " + name);
    }
    return out;
}

std::string inertMediaType(std::string_view declared) {
    // Only the type/subtype counts; parameters (charset…) are dropped, the whole must be printable.
    if (!isSafeHeaderValue(declared)) return "application/octet-stream";
    const std::string type = lowerAscii(trimAscii(declared.substr(0, declared.find(';'))));
    static const char* const allowed[] = {
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/xml",
        "image/png",
        "image/jpeg",
        "application/zip",
    };
    for (const char* a : allowed)
        if (type == a) return type;
    if (type == "text/xml") return "application/xml";  // the same documents; never rendered as text
    return "application/octet-stream";
}

std::string attachmentDisposition(std::string_view name, std::string_view fallback) {
    // The last path segment only, then code point by code point: no controls, no quotes or
    // backslashes, nothing ill-formed; at most 150 bytes so the header stays short.
    if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name = name.substr(slash + 1);
    std::string clean, ascii;  // ascii: the same with each non-ASCII character as '_'
    for (std::size_t i = 0; i < name.size();) {
        const std::size_t start = i;
        const char32_t cp = decodeUtf8(name, i);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD || cp == U'"' || cp == U'\\' ||
            cp == 0x2028 || cp == 0x2029)
            continue;
        if (clean.size() + (i - start) > 150) break;
        clean.append(name.substr(start, i - start));
        ascii += cp < 0x80 ? char(cp) : '_';
    }
    if (trimAscii(clean).empty() || clean == "." || clean == "..") clean = ascii = std::string(fallback);
    std::string encoded;
    static const char hex[] = "0123456789ABCDEF";
    for (unsigned char c : clean) {
        if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(char(c)) != std::string_view::npos) {
            encoded += char(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Reply outsideFileReply(std::string bytes, std::string_view declaredType, std::string_view name, std::string_view fallbackName) {
    Reply r;
    r.contentType = inertMediaType(declaredType);
    r.body = std::move(bytes);
    r.headers.emplace_back("Content-Disposition", attachmentDisposition(name, fallbackName));
    return r;
}

}  // namespace vanthu::server
