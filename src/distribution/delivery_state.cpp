#include "distribution/delivery_state.h"

#include <algorithm>
#include <cmath>

namespace vanthu::distribution {
namespace {

// Rank of the recipient's progress; 02 and 03 share a rank (one or the other).
int rank(DeliveryState s) {
    switch (s) {
        case DeliveryState::Queued: return 0;
        case DeliveryState::Dead: return 0;
        case DeliveryState::Sent: return 1;
        case DeliveryState::Arrived: return 2;
        case DeliveryState::Refused: return 3;
        case DeliveryState::Accepted: return 3;
        case DeliveryState::Assigned: return 4;
        case DeliveryState::InProgress: return 5;
        case DeliveryState::Done: return 6;
    }
    return 0;
}

bool isFinal(DeliveryState s) { return s == DeliveryState::Refused || s == DeliveryState::Done; }

}  // namespace

std::string_view stateName(DeliveryState s) {
    switch (s) {
        case DeliveryState::Queued: return "queued";
        case DeliveryState::Sent: return "sent";
        case DeliveryState::Arrived: return "01";
        case DeliveryState::Refused: return "02";
        case DeliveryState::Accepted: return "03";
        case DeliveryState::Assigned: return "04";
        case DeliveryState::InProgress: return "05";
        case DeliveryState::Done: return "06";
        case DeliveryState::Dead: return "dead";
    }
    return "?";
}

Transition applyStatus(DeliveryStatus& d, std::string_view code) {
    if (code == "13" || code == "15" || code == "16") {
        if (code == "13") {
            if (d.takeBack == TakeBack::Requested) return Transition::Repeat;
            if (d.takeBack != TakeBack::None) return Transition::Ignored;  // a take-back is decided once
            d.takeBack = TakeBack::Requested;
            return Transition::Applied;
        }
        const TakeBack answer = code == "15" ? TakeBack::Agreed : TakeBack::Refused;
        if (d.takeBack == answer) return Transition::Repeat;
        if (d.takeBack != TakeBack::Requested) return Transition::Ignored;
        d.takeBack = answer;
        return Transition::Applied;
    }
    DeliveryState next;
    if (code == "01") next = DeliveryState::Arrived;
    else if (code == "02") next = DeliveryState::Refused;
    else if (code == "03") next = DeliveryState::Accepted;
    else if (code == "04") next = DeliveryState::Assigned;
    else if (code == "05") next = DeliveryState::InProgress;
    else if (code == "06") next = DeliveryState::Done;
    else return Transition::Unknown;
    if (d.state == next) return Transition::Repeat;
    if (isFinal(d.state) || rank(next) <= rank(d.state)) return Transition::Ignored;
    // A status can overtake our own SENT bookkeeping (the recipient was fast, we crashed before
    // writing SENT): it still applies, from QUEUED too.
    d.state = next;
    return Transition::Applied;
}

Transition markSent(DeliveryStatus& d) {
    if (d.state == DeliveryState::Sent) return Transition::Repeat;
    if (d.state != DeliveryState::Queued) return Transition::Ignored;
    d.state = DeliveryState::Sent;
    return Transition::Applied;
}

Transition markDead(DeliveryStatus& d) {
    if (d.state == DeliveryState::Dead) return Transition::Repeat;
    if (d.state != DeliveryState::Queued) return Transition::Ignored;
    d.state = DeliveryState::Dead;
    return Transition::Applied;
}

Transition retry(DeliveryStatus& d) {
    if (d.state != DeliveryState::Dead) return Transition::Ignored;
    d.state = DeliveryState::Queued;
    return Transition::Applied;
}

std::chrono::milliseconds backoff(int attempt, const RetryPolicy& policy, double jitter01) {
    using std::chrono::milliseconds;
    const double base = static_cast<double>(policy.base.count());
    const double cap = static_cast<double>(policy.max.count());
    const double exp = std::min(cap, base * std::pow(2.0, std::max(0, attempt - 1)));
    const double j = std::clamp(jitter01, 0.0, std::nextafter(1.0, 0.0));
    return milliseconds{static_cast<milliseconds::rep>(exp / 2 + j * exp / 2)};
}

}  // namespace vanthu::distribution
