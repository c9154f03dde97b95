// server/exchange.h: document exchange inside `vanthu serve` (issue 5): the HTTP side of it.
//
// The use-cases (plan and send deliveries, ingest a package, the incoming register, the clerk's
// answers) are service::Exchange's (service/exchange.h). This class wires them to HTTP: it loads
// the agency directory and the links file, builds the transports (a vanthu link over HTTP, the
// national axis), runs the axis poller, and adds the exchange routes to the server's route table
// (addRoutes), so they take the same request reader, authenticator, error mapping, metrics and
// log as every other route.
//
// Inbox order (never parse before authenticating): size cap → X-Vanthu-Sender names a link →
// X-Vanthu-Signature verifies → service::Exchange::ingest (edXML checks, From = the link's agency,
// a To of ours, dedupe, one transaction) → the answer is a status 01 package (02 with the reason
// when refused after parsing). Packages from the national axis (AxisOptions; server/axis_poller.h)
// take the same ingest after the axis authenticated the sender.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "distribution/outbox.h"
#include "store/store.h"

namespace vanthu::service {
class Exchange;
}  // namespace vanthu::service

namespace vanthu::render {
class DocumentRenderer;  // render/renderer.h
}  // namespace vanthu::render

namespace vanthu::server {

class Router;
struct Api;

// The national axis (edxml.md §7.1): sending through AxisTransport for the directory's
// endpoints of transport "axis", receiving with an AxisPoller. The secret comes from a file.
struct AxisOptions {
    std::string endpoint;  // "http://host:port/path" (no trailing '/')
    std::string systemId;
    std::string secret;
    std::chrono::milliseconds poll{5000};
};

struct ExchangeOptions {
    std::string directoryPath;             // agency directory XML ("" = dataDir()/samples/agencies.xml)
    std::string linksPath;                 // per-link shared secrets (server/http_transport.h); "" = none
    std::vector<std::string> receiveFor;   // the organIds this instance receives for
    distribution::OutboxOptions outbox;
    std::optional<AxisOptions> axis;       // nullopt: deliveries to axis endpoints wait ("no transport")
    std::size_t maxPackageBytes = 16 * 1024 * 1024;  // larger POST /edxml bodies get 413 unread
    bool workers = true;                   // false: no worker threads (tests drive runOnce())
};

class Exchange {
public:
    // Throws Failure(InvalidInput) for a directory or links file that does not load.
    Exchange(store::Store& store, ExchangeOptions options, std::shared_ptr<render::DocumentRenderer> renderer);
    ~Exchange();
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    void start();
    void stop();

    // The exchange routes (/edxml, /inbox, /incoming, /deliveries, /agencies, a document's
    // deliveries and recipients). REQUIRES: before the server starts.
    void addRoutes(Router& router, Api& api);
    service::Exchange& service();
    distribution::Outbox& outbox();
    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::server
