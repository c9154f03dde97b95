// service/exchange.h: the document exchange's use-cases (issue 5), with no HTTP in them.
//
// Sending: an issued document's Nơi nhận are resolved against the agency directory and planned as
// outbox rows in the issue transaction (planIssue); a recall asks every recipient to give it back
// (13) in the recall's transaction (takeBack). The outbox workers build each package from the
// stored document and its rendered PDF/DOCX and hand it to the transport of the recipient's
// endpoint; the transports are the server's (HTTP) and are injected.
//
// Receiving: ingest() takes bytes whose sender a transport has authenticated (a vanthu link, or
// the national axis): parse and validate (DOCTYPE refused, schema, §9 rules) → From must be that
// sender (a forged one is refused, never registered) → a To must be an agency we receive for →
// dedupe on (DocumentId, sender) → incoming register + attachments, one transaction. Every
// package is kept in the inbox with its outcome. The clerk then accepts (03), rejects (02) and
// reports progress (04–06), and answers a take-back (15/16): answerIncoming().
//
// Thread-safety: every member may be called from any thread once constructed.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "core/warning.h"
#include "distribution/agency_directory.h"
#include "distribution/outbox.h"
#include "distribution/transport.h"
#include "service/context.h"
#include "store/exchange_store.h"

namespace vanthu::service {

// Renders a stored document's model for its package ("pdf", "docx"); nullopt: not available.
using PackageRenderer = std::function<std::optional<std::string>(const model::Document&, const std::string& format)>;

struct ExchangeSetup {
    distribution::AgencyDirectory directory;
    std::vector<std::string> receiveFor;  // the organIds this instance receives for
    std::map<std::string, std::shared_ptr<distribution::Transport>> transports;  // by endpoint transport
    distribution::OutboxOptions outbox;
    std::size_t maxPackageBytes = 16 * 1024 * 1024;
    PackageRenderer render;
};

// How a package reached us. Over a vanthu link the first answer (01 or 02) is the transport's
// reply; from the national axis every answer goes back through the axis as a status package.
enum class Channel { Link, Axis };

// The outcome of one received package.
struct Ingested {
    bool parsed = false;            // it read and validated (the axis' updateStatus done | fail)
    std::optional<Error> refused;   // invalid_package, forged_sender, unknown_recipient …
    std::string answer;             // a status package (01, or 02) for the sender, when one is owed now
    std::string statusCode;         // a status package received: its code ("03", "13" …)
    bool matched = false;           // … and whether it matched one of our deliveries / incoming entries
    bool applied = false;           // … and whether it changed the delivery's state
};

// What the clerk answers to an incoming document.
struct Answer {
    std::string code;           // 02 03 04 05 06, or 15/16 to a take-back
    std::string reason;
    std::string recipientUnit;  // the unit it is handed to (register columns 7–8)
};

struct IncomingView {
    store::IncomingEntry entry;
    std::vector<std::string> warnings;         // what the inbox tolerated when registering it
    std::vector<store::IncomingFile> files;
};

struct DeliveryView {
    store::DeliveryRow row;
    std::vector<store::DeliveryEvent> events;
};

// The preview a clerk sees before issuing: each Nơi nhận line, what gets a delivery, warnings.
struct RecipientsPreview {
    distribution::Resolution resolution;
    std::vector<store::OutboxEntry> deliveries;
    Warnings warnings;
};

struct RegisterBook;  // service/registers.h

class Exchange {
public:
    Exchange(store::Store& store, ExchangeSetup setup);
    ~Exchange();  // stops the workers
    Exchange(const Exchange&) = delete;
    Exchange& operator=(const Exchange&) = delete;

    void start();
    void stop();
    void wake();
    distribution::Outbox& outbox();
    const distribution::AgencyDirectory& directory() const;
    std::int64_t nowMs() const;  // the outbox's clock

    // --- sending -------------------------------------------------------------------------
    // The delivery rows of a draft about to be issued, as the callback that writes them inside
    // the issue transaction (empty when nothing is sent); a warning for each recipient that will
    // not be delivered.
    std::function<void(store::Sql&, const store::DocumentRecord&)> planIssue(const store::DocumentRecord& draft, Warnings& warnings);
    // The take-back rows of a recall, for the recall's transaction; `counts` is filled there.
    std::function<void(store::Sql&, const store::DocumentRecord&)> takeBack(store::Id document, const std::string& note,
                                                                          std::shared_ptr<distribution::Outbox::TakeBackCounts> counts);
    void recalled(const distribution::Outbox::TakeBackCounts& counts, Warnings& warnings);

    // --- receiving -----------------------------------------------------------------------
    // `row` describes the arrival (time, link, size); `peer` is the organId the transport
    // authenticated. Never throws for bad bytes; a database fault throws Failure.
    Ingested ingest(store::InboxRow row, const std::string& bytes, const std::string& peer, Channel channel);
    // Keeps a package refused before its sender was authenticated (too large, unknown link, bad
    // signature): `headers` as received, the body's size, SHA-256 and first kUnreadPrefixBytes bytes,
    // never the body itself (whoever can reach the port must not fill the database).
    void keepUnread(store::InboxRow row, const std::string& headers, const std::string& body);
    static constexpr std::size_t kUnreadPrefixBytes = 256, kUnreadHeaderBytes = 4096;
    // A vanthu link's refusal of a package that was never parsed: row defaults for the caller.
    store::InboxRow arrival(const std::string& link) const;

    // --- use-cases of the clerk (role, organ checked here) ---------------------------------
    Result<RecipientsPreview> previewRecipients(const store::User& who, store::Id document);
    Result<std::vector<DeliveryView>> deliveriesOf(const store::User& who, store::Id document, std::vector<DeliveryView>* takeBacks);
    Result<std::vector<DeliveryView>> unacknowledged(const store::User& who, int days);
    Result<DeliveryView> retryDelivery(const store::User& who, store::Id delivery);

    Result<std::vector<store::IncomingEntry>> incomingRegister(const store::User& who, int year);
    Result<IncomingView> incoming(const store::User& who, store::Id entry);
    Result<store::IncomingFile> incomingFile(const store::User& who, store::Id entry, std::int64_t index, std::string& bytes);
    Result<IncomingView> answerIncoming(const store::User& who, store::Id entry, const Answer& answer, Warnings& warnings);
    int currentYear() const;  // ICT

    Result<std::vector<store::InboxRow>> inbox(const store::User& who);
    Result<std::string> inboxPackage(const store::User& who, store::Id id);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::service
