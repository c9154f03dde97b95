#include "server/router.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <iostream>
#include <limits>
#include <sstream>

#include "core/strings.h"
#include "server/path.h"

namespace vanthu::server {

struct Router::Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{name}" captures
    int literals = 0;
    Handler handler;
    RouteOptions options;
    std::atomic<std::uint64_t> byClass[6]{};
    std::atomic<std::uint64_t> micros{0};

    bool fits(const std::vector<std::string>& path) const {
        if (path.size() != segments.size()) return false;
        for (std::size_t i = 0; i < path.size(); ++i)
            if (!(segments[i].size() > 2 && segments[i].front() == '{' && segments[i].back() == '}') && segments[i] != path[i]) return false;
        return true;
    }
};

namespace {

bool isCapture(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }

// Prometheus label values escape backslash, quote and newline.
std::string label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

// Every reply's headers come from finalHeaders (http_reply.h), the one header writer: a header
// it refuses is a fault of ours, answered as a 500 without it.
void send(Poco::Net::HTTPServerResponse& res, const Reply& reply) {
    std::vector<std::pair<std::string, std::string>> headers;
    const Reply* out = &reply;
    Reply fault;
    try {
        headers = finalHeaders(reply);
    } catch (const HeaderRefused& e) {
        std::cerr << "vanthu serve: fault: " << e.what() << "\n";
        fault = faultReply(Errc::Internal);
        headers = finalHeaders(fault);
        out = &fault;
    }
    try {
        res.setStatusAndReason(Poco::Net::HTTPResponse::HTTPStatus(out->status));  // its reason phrase, not "OK"
        // Set-Cookie is the one header a reply may repeat (RFC 6265 §3: cookies do not fold).
        for (const auto& [k, v] : headers) {
            if (equalsIgnoringAsciiCase(k, "Set-Cookie"))
                res.add(k, v);
            else
                res.set(k, v);
        }
        res.setContentLength64(Poco::Int64(out->body.size()));
        res.sendBuffer(out->body.data(), out->body.size());
    } catch (...) {
        // the client went away; nothing to tell it
    }
}

}  // namespace

store::User authenticate(const store::Store& store, const std::string& authorization) {
    if (authorization.empty())
        fail(401, "unauthorized", "Thiếu mã truy cập (Authorization: Bearer …)", "missing bearer token", "Authorization");
    const std::string scheme = "bearer ";
    if (!equalsIgnoringAsciiCase(std::string_view(authorization).substr(0, scheme.size()), scheme))
        fail(401, "unauthorized", "Mã truy cập phải theo dạng Bearer", "Authorization must be 'Bearer <token>'", "Authorization");
    const auto user = store.authenticate(std::string(trimAscii(std::string_view(authorization).substr(scheme.size()))));
    if (!user) fail(401, "unauthorized", "Mã truy cập không hợp lệ", "invalid token", "Authorization");
    return *user;
}

Router::Router(store::Store& store, std::size_t maxBody, bool logRequests)
    : store_(store), maxBody_(maxBody), log_(logRequests), unmatched_(std::make_unique<Route>()) {
    unmatched_->pattern = "(none)";
}

Router::~Router() = default;

void Router::add(std::string method, const std::string& pattern, Handler handler, RouteOptions options) {
    auto r = std::make_unique<Route>();
    r->method = std::move(method);
    r->pattern = pattern;
    r->segments = detail::pathSegments(pattern);
    for (const auto& s : r->segments) r->literals += isCapture(s) ? 0 : 1;
    r->handler = std::move(handler);
    r->options = options;
    routes_.push_back(std::move(r));
}

const Router::Route* Router::match(Request& req, bool& pathKnown) const {
    // Among the routes whose pattern fits the path, only the most specific ones count: GET on
    // "/documents/import" is a 405 (that path is POST only), not a GET of a document "import".
    int bestLiterals = -1;
    for (const auto& r : routes_)
        if (r->fits(req.segments)) bestLiterals = std::max(bestLiterals, r->literals);
    pathKnown = bestLiterals >= 0;
    const Route* best = nullptr;
    for (const auto& r : routes_)
        if (r->literals == bestLiterals && r->method == req.method && r->fits(req.segments)) best = r.get();
    if (best)
        for (std::size_t i = 0; i < best->segments.size(); ++i)
            if (isCapture(best->segments[i])) req.captures[best->segments[i].substr(1, best->segments[i].size() - 2)] = req.segments[i];
    return best;
}

// The one place where every outcome becomes a reply.
Reply Router::answer(Poco::Net::HTTPServerRequest& raw, const Route*& matched, bool& bodyUnread) {
    bodyUnread = true;
    try {
        Request req = readHead(raw);
        bool pathKnown = false;
        matched = match(req, pathKnown);
        if (!matched) {
            if (pathKnown)
                fail(405, "method_not_allowed", "Phương thức " + req.method + " không được hỗ trợ ở đây",
                     "method " + req.method + " not allowed here", "method");
            fail(404, "not_found", "Không có đường dẫn này", "no such path", "path");
        }
        bodyUnread = false;  // read here, or by a handler that reads its own (the edXML inbox)
        if (matched->options.readsBody) req.body = readBody(raw, matched->options.maxBody ? matched->options.maxBody : maxBody_);
        Call call{req, raw, std::nullopt};
        if (matched->options.authenticated) call.user = authenticate(store_, req.authorization);
        return matched->handler(call);
    } catch (const HttpError& e) {
        return errorReply(e);
    } catch (const Failure& f) {
        if (statusFor(f.code()) < 500) {
            Error e{f.code(), f.what(), f.what(), "", 0, 0};
            return errorReply(HttpError{statusFor(f.code()), Errors{e}});
        }
        std::cerr << "vanthu serve: " << errcName(f.code()) << ": " << f.what() << "\n";
        return faultReply(f.code());
    } catch (const Poco::Exception& e) {
        std::cerr << "vanthu serve: fault: " << e.displayText() << "\n";
        return faultReply(Errc::Internal);
    } catch (const std::exception& e) {
        std::cerr << "vanthu serve: fault: " << e.what() << "\n";
        return faultReply(Errc::Internal);
    }
}

void Router::serve(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) {
    const auto t0 = std::chrono::steady_clock::now();
    const Route* matched = nullptr;
    bool bodyUnread = false;
    const Reply reply = answer(req, matched, bodyUnread);
    // A request refused before its body was read: drop the body, or the next request on this
    // keep-alive connection would start inside it. A large one is not worth reading: close.
    if (bodyUnread && (req.hasContentLength() || req.getChunkedTransferEncoding())) {
        if (req.hasContentLength() && req.getContentLength64() <= Poco::Int64(maxBody_)) {
            try {
                req.stream().ignore(std::numeric_limits<std::streamsize>::max());
            } catch (...) {
                res.setKeepAlive(false);
            }
        } else {
            res.setKeepAlive(false);
        }
    }
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    Route& counted = matched ? const_cast<Route&>(*matched) : *unmatched_;
    counted.micros += std::uint64_t(us);
    const int cls = reply.status / 100;
    if (cls >= 1 && cls <= 5) counted.byClass[cls]++;
    if (log_) {
        std::ostringstream line;  // one write, so lines of concurrent requests do not interleave
        line << req.getMethod() << " " << req.getURI() << " " << reply.status << " " << us << "us route="
             << (matched ? matched->method + " " + matched->pattern : std::string("-")) << "\n";
        std::cerr << line.str();
    }
    if (reply.status == 413) res.setKeepAlive(false);  // the rest of the body may still be on the wire
    send(res, reply);
}

std::string Router::metricsText() const {
    std::uint64_t byClass[6]{};
    std::uint64_t micros = 0;
    std::ostringstream os;
    os << "# HELP vanthu_http_route_requests_total HTTP requests answered, by route and status class.\n"
          "# TYPE vanthu_http_route_requests_total counter\n";
    const auto each = [&](const Route& r, const std::string& method) {
        for (int c = 1; c <= 5; ++c) {
            const auto n = r.byClass[c].load();
            byClass[c] += n;
            if (n)
                os << "vanthu_http_route_requests_total{method=\"" << label(method) << "\",route=\"" << label(r.pattern)
                   << "\",status=\"" << c << "xx\"} " << n << "\n";
        }
        micros += r.micros.load();
    };
    for (const auto& r : routes_) each(*r, r->method);
    each(*unmatched_, "-");
    os << "# HELP vanthu_http_requests_total HTTP requests answered, by status class.\n"
          "# TYPE vanthu_http_requests_total counter\n";
    std::uint64_t count = 0;
    for (int c = 1; c <= 5; ++c) {
        os << "vanthu_http_requests_total{status=\"" << c << "xx\"} " << byClass[c] << "\n";
        count += byClass[c];
    }
    os << "# HELP vanthu_http_request_duration_seconds Time spent answering requests.\n"
          "# TYPE vanthu_http_request_duration_seconds summary\n"
          "vanthu_http_request_duration_seconds_sum "
       << double(micros) / 1e6 << "\n"
       << "vanthu_http_request_duration_seconds_count " << count << "\n";
    return os.str();
}

}  // namespace vanthu::server
