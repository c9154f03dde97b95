// POST /edxml (packages from peers over a vanthu link) and the inbox a clerk inspects.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/String.h>

#include <istream>
#include <limits>

#include "distribution/signing.h"
#include "server/exchange_routes.h"
#include "server/http_transport.h"
#include "server/json_views.h"
#include "service/exchange.h"

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Reply refusedReply(const Error& e) { return errorReply(HttpError{statusFor(e.code), Errors{e}}); }

// The request line and headers as they arrived, one a line (kept with a package refused unread).
std::string headersOf(const Poco::Net::HTTPServerRequest& raw) {
    std::string out = raw.getMethod() + " " + raw.getURI() + " " + raw.getVersion() + "\n";
    for (const auto& [name, value] : raw) {
        const bool credential = Poco::icompare(name, "Authorization") == 0 || Poco::icompare(name, "Cookie") == 0;
        out += name + ": " + (credential ? std::string("(not kept)") : value) + "\n";
    }
    return out;
}

// A vanthu link: size cap, link, signature — then the same ingest as every package. Everything
// that arrives has its inbox row with its outcome; the bytes are kept only once the sender is
// authenticated (before that: headers, digest and a prefix, Exchange::keepUnread).
Reply postEdxml(const ExchangeRoutes& x, Call& call) {
    auto& raw = call.raw;
    store::InboxRow row = x.exchange.arrival(raw.get(std::string(kSenderHeader), ""));
    // 1. size, before reading
    const std::size_t cap = x.maxPackageBytes;
    if (raw.hasContentLength() && raw.getContentLength64() > Poco::Int64(cap)) {
        row.size = std::int64_t(raw.getContentLength64());
        row.reason = "too large";
        // Drop a moderately oversized body unread so the sender sees the 413, not a reset.
        if (raw.getContentLength64() <= Poco::Int64(4 * cap)) raw.stream().ignore(std::numeric_limits<std::streamsize>::max());
        x.exchange.keepUnread(std::move(row), headersOf(raw), "");
        fail(413, "too_large", "Gói tin quá lớn", "package too large (limit " + std::to_string(cap) + " bytes)", "body");
    }
    std::string body;
    try {
        body = readBody(raw, cap);
    } catch (const HttpError&) {
        row.size = std::int64_t(cap);
        row.reason = "too large";
        x.exchange.keepUnread(std::move(row), headersOf(raw), "");
        throw;
    }
    row.size = std::int64_t(body.size());
    // 2. authenticate, before parsing
    const auto table = x.links->current();
    const Link* link = table->byPeer(row.link);
    if (!link) {
        row.reason = "unknown sender link";
        x.exchange.keepUnread(std::move(row), headersOf(raw), body);
        fail(401, "unauthorized", "Không có liên kết với cơ quan gửi", "no link with the sending agency", std::string(kSenderHeader));
    }
    if (!distribution::PackageSigner(link->secret).verify(body, raw.get(std::string(distribution::PackageSigner::kHeader), ""))) {
        row.reason = "bad signature";
        x.exchange.keepUnread(std::move(row), headersOf(raw), body);
        fail(401, "unauthorized", "Chữ ký gói tin không đúng", "the package signature does not verify",
             std::string(distribution::PackageSigner::kHeader));
    }
    // 3. the package itself
    const auto in = x.exchange.ingest(std::move(row), body, link->peerOrganId, service::Channel::Link);
    if (in.refused) return refusedReply(*in.refused);
    if (!in.statusCode.empty()) {
        Object o;
        o.set("status", in.statusCode);
        o.set("applied", in.applied);
        return jsonReply(in.matched ? 200 : 404, o);
    }
    Reply r;
    r.contentType = "application/xml; charset=utf-8";
    r.body = in.answer;
    return r;
}

Reply getInbox(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    auto rows = x.exchange.inbox(call.actor());
    Array::Ptr a = new Array;
    for (const auto& r : need(rows)) a->add(inboxRowJson(r));
    Object o;
    o.set("items", a);
    return jsonReply(200, o);
}

Reply getInboxPackage(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    auto bytes = x.exchange.inboxPackage(call.actor(), pathId(call.request.capture("id")));
    const std::string name = "package-" + call.request.capture("id") + ".xml";
    return outsideFileReply(std::move(need(bytes)), "application/octet-stream", name, name);
}

}  // namespace

void addInboxRoutes(Router& router, const ExchangeRoutes& routes) {
    const auto x = std::make_shared<const ExchangeRoutes>(routes);
    RouteOptions peers;  // the link authenticates the sender; the handler reads the body under its own cap
    peers.authenticated = false;
    peers.readsBody = false;
    router.add("POST", apiPath("/edxml"), bound(x, postEdxml), peers);
    router.add("GET", apiPath("/inbox"), bound(x, getInbox));
    router.add("GET", apiPath("/inbox/{id}"), bound(x, getInboxPackage));
}

}  // namespace vanthu::server
