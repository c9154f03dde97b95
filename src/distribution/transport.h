// distribution/transport.h: the seam the outbox (outbox.h) and the transports meet at (issue 5
// items 4–5). The implementations speak HTTP, so they live in server/ (DESIGN.md: the only module
// that knows HTTP): server/http_transport.h (vanthu to vanthu, PackageSigner) and
// server/axis_transport.h (the national axis, axisRequestHeaders). Package bytes come from edxml::writeEdoc/writeStatus.
#pragma once

#include <optional>
#include <string>

#include "distribution/agency_directory.h"
#include "distribution/edxml.h"

namespace vanthu::distribution {

struct OutgoingPackage {
    std::string documentId;        // with recipientOrganId: the idempotency key of the delivery
    std::string recipientOrganId;
    edxml::MessageType type = edxml::MessageType::Edoc;
    std::string bytes;             // the .edxml, deterministic for the same document and files
};

struct SendResult {
    enum class Outcome { Delivered, RetryLater, Rejected };  // Rejected: do not retry (4xx, FAIL with a code)
    Outcome outcome = Outcome::RetryLater;
    std::string remoteId;  // the axis DocId, or the receiving vanthu's id
    std::string error;     // for the delivery row's "last error"
    std::string reply;     // Delivered: what the receiver answered (vanthu: a status package)
    std::optional<edxml::Status> answer;  // that package, when the transport has read it already
};

// One implementation per way of reaching an agency (Endpoint::transport). Implementations are
// called from the outbox's worker threads: they must be thread-safe, and a send must be safe to
// repeat (the receiver deduplicates on DocumentId + recipient).
class Transport {
public:
    virtual ~Transport() = default;
    virtual SendResult send(const Agency& recipient, const OutgoingPackage& package) = 0;
};

}  // namespace vanthu::distribution
