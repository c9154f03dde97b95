#include "server/http_request.h"

#include <Poco/Net/HTTPServerRequest.h>

#include <istream>
#include <limits>

#include "server/front_door.h"
#include "server/http_reply.h"
#include "server/path.h"
#include "core/strings.h"
#include "core/utf8.h"

namespace vanthu::server {

std::string Request::param(const std::string& name) const {
    const auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

const std::string& Request::capture(const std::string& name) const {
    static const std::string none;
    const auto it = captures.find(name);
    return it == captures.end() ? none : it->second;
}

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

[[noreturn]] void badTarget(const std::string& field) {
    fail(400, "invalid_input", "Địa chỉ yêu cầu không hợp lệ (mã %XX sai hoặc không phải UTF-8): " + field,
         "malformed request target (bad %XX escape or not UTF-8): " + field, field);
}

// "a=1&b=%20x" → params; every name and value decoded strictly and checked to be UTF-8.
void readQuery(std::string_view query, Request& r) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const auto name = percentDecode(pair.substr(0, eq), true);
        if (!name || !vanthu::isValidUtf8(*name)) badTarget("query");
        const auto value = percentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
        if (!value || !vanthu::isValidUtf8(*value)) badTarget(*name);
        r.params[*name] = *value;
        r.paramNames.insert(*name);
    }
}

[[noreturn]] void tooLarge(std::size_t cap) {
    fail(413, "too_large", "Nội dung yêu cầu quá lớn (tối đa " + std::to_string(cap) + " byte)",
         "request body too large (limit " + std::to_string(cap) + " bytes)", "body");
}

}  // namespace

std::optional<std::string> percentDecode(std::string_view in, bool plusIsSpace) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            const int hi = i + 1 < in.size() ? hexValue(in[i + 1]) : -1;
            const int lo = i + 2 < in.size() ? hexValue(in[i + 2]) : -1;
            if (hi < 0 || lo < 0) return std::nullopt;
            out += char(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

Request readHead(const Poco::Net::HTTPServerRequest& req) {
    Request r;
    r.method = req.getMethod();
    r.target = req.getURI();
    std::string_view target = r.target;
    if (const auto hash = target.find('#'); hash != std::string_view::npos) target = target.substr(0, hash);
    const auto q = target.find('?');
    const auto path = percentDecode(target.substr(0, q), false);
    if (!path) badTarget("path");
    r.path = *path;
    r.segments = detail::pathSegments(r.path);
    if (q != std::string_view::npos) readQuery(target.substr(q + 1), r);
    const std::string ct = req.get("Content-Type", "");
    r.contentType = lowerAscii(trimAscii(std::string_view(ct).substr(0, ct.find(';'))));
    r.authorization = req.get("Authorization", "");
    return r;
}

std::string readBody(Poco::Net::HTTPServerRequest& req, std::size_t cap) {
    if (req.hasContentLength() && req.getContentLength64() > Poco::Int64(cap)) {
        if (req.getContentLength64() <= Poco::Int64(4 * cap)) req.stream().ignore(std::numeric_limits<std::streamsize>::max());
        tooLarge(cap);
    }
    if (!req.hasContentLength() && !req.getChunkedTransferEncoding()) return "";
    std::string body;
    if (req.hasContentLength()) body.reserve(std::size_t(req.getContentLength64()));
    std::istream& in = req.stream();
    char buf[65536];
    while (in) {
        in.read(buf, sizeof buf);
        body.append(buf, std::size_t(in.gcount()));
        if (body.size() > cap) tooLarge(cap);
    }
    // A body cut short, by the client or at its deadline (front_door.h), is not a request.
    if (requestCutShort() || (req.hasContentLength() && Poco::Int64(body.size()) < req.getContentLength64()))
        fail(408, "request_timeout", "Nội dung yêu cầu không đến đủ hoặc đến quá chậm",
             "the request body did not arrive in full, or too slowly", "body");
    return body;
}

}  // namespace vanthu::server
