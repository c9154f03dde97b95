// distribution/delivery_state.h: the per-recipient delivery state of issue 5 item 4 and
// edxml.md §5, as pure functions, so the outbox (which persists it, with the store) and the tests
// share one definition.
//
//   QUEUED → SENT → 01 → 03 | 02 → 04 → 05 → 06        (transport, then the recipient's statuses)
//   skips allowed (01 → 05); 02 and 06 are final; a code not above the current one is ignored;
//   a repeated code is a no-op; 13 (sender takes back) opens a take-back that 15 or 16 closes.
//   QUEUED → DEAD after too many failed attempts; a clerk's retry puts it back to QUEUED.
#pragma once

#include <chrono>
#include <string_view>

namespace vanthu::distribution {

enum class DeliveryState { Queued, Sent, Arrived, Refused, Accepted, Assigned, InProgress, Done, Dead };
enum class TakeBack { None, Requested, Agreed, Refused };

struct DeliveryStatus {
    DeliveryState state = DeliveryState::Queued;
    TakeBack takeBack = TakeBack::None;
    bool operator==(const DeliveryStatus&) const = default;
};

std::string_view stateName(DeliveryState s);  // "queued", "sent", "01" … "06", "dead"

enum class Transition {
    Applied,  // the state changed
    Repeat,   // the same code again: no-op (re-delivered status packages)
    Ignored,  // lower than the current state, after a final state, or a 15/16 without a 13
    Unknown,  // not a status code of edxml.md §5
};

// A status code (from a status package of this recipient) applied to its delivery.
Transition applyStatus(DeliveryStatus& d, std::string_view code);

// Transport events. markSent: QUEUED → SENT (else Ignored). markDead: QUEUED → DEAD.
// retry: DEAD → QUEUED (a clerk's decision).
Transition markSent(DeliveryStatus& d);
Transition markDead(DeliveryStatus& d);
Transition retry(DeliveryStatus& d);

struct RetryPolicy {
    std::chrono::milliseconds base{1000};
    std::chrono::milliseconds max{15 * 60 * 1000};
    int maxAttempts = 12;  // then DEAD
};

// Delay before attempt `attempt` (1 = the first retry): base·2^(attempt−1) capped at max, then
// "full jitter" scaled by jitter01 ∈ [0, 1) (injected, so tests and replays are deterministic):
// the result is in [delay/2, delay).
std::chrono::milliseconds backoff(int attempt, const RetryPolicy& policy, double jitter01);

}  // namespace vanthu::distribution
