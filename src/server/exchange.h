// server/exchange.h: document exchange inside `vanthu serve` (issue 5): the outbox workers, the
// inbox (POST /api/v1/edxml), the incoming register and the tracking endpoints.
//
// The server calls four hooks (server.cpp): handlerFor() for the exchange paths, prepareIssue()
// before store::Store::issue (so the delivery rows are written in the issue transaction, through
// IssueRequest::withinTransaction), issued() after it (wakes the workers), and prepareRecall() /
// recalled() around a recall.
//
// Inbox order (never parse before authenticating): size cap → X-Vanthu-Sender names a link →
// X-Vanthu-Signature verifies → edxml::readPackage (DOCTYPE refused, schema, §9 rules) → From
// must be the link's agency (a forged sender is refused and never registered) → a To must be an
// agency we receive for → dedupe on (DocumentId, sender) → incoming register + attachments, one
// transaction → the answer is a status 01 package (02 with the reason when refused after parsing).
// Every package received is kept in the inbox table, with its outcome. Packages from the national
// axis (AxisOptions; server/axis_poller.h) take the same path after the link steps: the axis has
// authenticated the sender, whose organId must be the package's From; their answers (01, 02, and
// the clerk's 03 … 06) go back through the axis as status packages.
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

namespace Poco::Net {
class HTTPRequestHandler;
class HTTPServerRequest;
}  // namespace Poco::Net

namespace vanthu::render {
class DocumentRenderer;  // render/renderer.h
}  // namespace vanthu::render

namespace vanthu::server {

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
    // Throws Failure(InvalidInput) for a directory or links file that does not load. renderer: the
    // server's (packages carry the same PDF and DOCX it serves); null = render::sharedRenderer().
    Exchange(store::Store& store, ExchangeOptions options, std::shared_ptr<render::DocumentRenderer> renderer);
    ~Exchange();
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    void start();
    void stop();

    // nullptr when the path is not an exchange path (the server routes it).
    Poco::Net::HTTPRequestHandler* handlerFor(const Poco::Net::HTTPServerRequest& request);
    // Resolves the draft's Nơi nhận; sets request.withinTransaction to write the delivery rows;
    // appends a warning per line or agency that will not be delivered.
    void prepareIssue(const store::DocumentRecord& draft, store::IssueRequest& request, Errors& warnings);
    void issued();
    // A recall asks every recipient that was sent the document to give it back (13) and stops
    // deliveries not sent yet, in the recall's own transaction: prepareRecall() gives the callback
    // for Store::setStatus (it fills `counts`); recalled() then tells the clerk and wakes the workers.
    std::function<void(store::Sql&, const store::DocumentRecord&)> prepareRecall(
        store::Id document, const std::string& note, std::shared_ptr<distribution::Outbox::TakeBackCounts> counts);
    void recalled(const distribution::Outbox::TakeBackCounts& counts, Errors& warnings);

    distribution::Outbox& outbox();
    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::server
