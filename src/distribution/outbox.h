// distribution/outbox.h: the store-backed outbox (issue 5 item 4).
//
// Rows are created in the issue transaction (enqueueFor, through IssueRequest::withinTransaction):
// one per (document, recipient agency with a strict organId and an endpoint). Worker threads
// claim due rows (leased, so a killed worker's rows come due again), build or load the package,
// call the recipient's Transport, and record the outcome with its event in one transaction:
//   delivered → SENT, then the receiver's answer (status 01 or 02) applied at once;
//   retry     → attempts+1, next attempt after backoff(attempts) (delivery_state.h), DEAD after
//               RetryPolicy::maxAttempts; a clerk's retry() puts a DEAD row back in the queue;
//   rejected  → DEAD at once, with the receiver's reason.
// Sending is at least once; the receiver deduplicates on (DocumentId, sender), so a row resent
// after a crash is registered once (tests/exchange).
//
// Thread-safety: all public functions may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "distribution/agency_directory.h"
#include "distribution/delivery_state.h"
#include "distribution/edxml.h"
#include "distribution/package_builder.h"
#include "distribution/transport.h"
#include "store/exchange_store.h"
#include "store/store.h"

namespace vanthu::distribution {

// Builds the edoc package of an issued document (the server renders PDF and DOCX for it).
// Must be deterministic and thread-safe; the outbox stores the result once per document.
using PackageSource = std::function<Result<std::string>(const store::DocumentRecord&)>;

struct OutboxOptions {
    RetryPolicy policy;
    int workers = 2;
    int batch = 8;                                 // rows claimed per pass (per worker)
    std::chrono::milliseconds lease{30000};        // a claimed row comes due again after this
    std::chrono::milliseconds idle{200};           // sleep when nothing is due (wake() cuts it short)
    std::function<double()> jitter;                // [0, 1); default: a per-thread generator
    std::function<std::int64_t()> nowMs;           // default: the system clock
};

// The rows a document's issue creates, and the recipients that get none (shown to the clerk).
struct Planned {
    std::vector<store::OutboxEntry> entries;
    std::vector<Target> undeliverable;   // no organId / non-strict organId
    std::vector<Target> noEndpoint;      // a strict organId but no endpoint in the directory
};
Planned plan(const Resolution& resolution, const AgencyDirectory& directory);

class Outbox {
public:
    Outbox(store::Store& store, std::map<std::string, std::shared_ptr<Transport>> transports, PackageSource source,
           OutboxOptions options);
    ~Outbox();  // stops
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // For IssueRequest::withinTransaction: the rows, with the edXML DocumentId of the issued record.
    static void enqueueFor(store::Sql& sql, const store::DocumentRecord& issued, const std::string& fromOrganId,
                           const std::vector<store::OutboxEntry>& entries, std::int64_t nowMs);
    // A status package we owe a sender (kind "status"); the bytes are stored with the row.
    void enqueueStatus(store::Sql& sql, store::OutboxEntry entry, const std::string& packageBytes);

    void start();
    void stop();
    void wake();
    int runOnce();  // one pass over the due rows (tests, tools); returns how many were attempted

    // A status package received from a recipient: applied to its delivery (keyed by
    // ResponseFor.DocumentId + From.OrganId). NotFound when no delivery matches.
    Result<Transition> applyStatus(const edxml::Status& status, const std::string& detail);
    // The sender takes a recalled document back (edxml.md §5, status 13): every recipient that
    // was sent it gets `statusBytes` (a 13 about the document) and its row waits for 15 or 16;
    // rows still queued are stopped (DEAD, "recalled before it was sent"). One transaction.
    struct TakeBackCounts {
        int asked = 0, stopped = 0;
    };
    TakeBackCounts takeBack(store::Id documentId, const std::string& statusBytes, const std::string& reason);
    // The same inside the caller's transaction (the recall's: Store::setStatus's callback).
    static TakeBackCounts takeBackIn(store::Sql& sql, store::Id documentId, const std::string& statusBytes,
                                     const std::string& reason, std::int64_t nowMs);
    // DEAD → QUEUED, due now (a clerk's retry). Conflict when the row is not dead.
    Result<store::DeliveryRow> retry(store::Id deliveryId, const std::string& actor);

    std::int64_t now() const;

private:
    void worker();
    void attempt(store::DeliveryRow row);
    // The steps of an attempt: the package's bytes (or why there are none), the send, the row.
    std::optional<SendResult> loadPackage(const store::DeliveryRow& row, OutgoingPackage& pkg);
    std::optional<std::string> edocPackage(std::int64_t documentId, SendResult& failure);
    SendResult send(const store::DeliveryRow& row, const OutgoingPackage& pkg) const;
    void recordAttempt(const store::DeliveryRow& row, const SendResult& res);

    store::Store& store_;
    std::map<std::string, std::shared_ptr<Transport>> transports_;
    PackageSource source_;
    OutboxOptions options_;
    std::mutex packageMutex_;  // one package build per document at a time
    std::mutex wakeMutex_;
    std::condition_variable wakeCv_;
    std::atomic<bool> running_{false};
    std::vector<std::thread> threads_;
};

std::string isoMs(std::int64_t ms);  // "2026-12-01T08:30:00.042Z"

}  // namespace vanthu::distribution
