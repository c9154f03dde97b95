#include "distribution/delivery_state.h"

#include <gtest/gtest.h>

namespace vanthu::distribution {
namespace {

DeliveryStatus after(std::initializer_list<const char*> codes) {
    DeliveryStatus d;
    markSent(d);
    for (const char* c : codes) applyStatus(d, c);
    return d;
}

TEST(DeliveryState, FollowsTheRecipientsStatuses) {
    DeliveryStatus d;
    EXPECT_EQ(markSent(d), Transition::Applied);
    EXPECT_EQ(stateName(d.state), "sent");
    for (const char* c : {"01", "03", "04", "05", "06"}) EXPECT_EQ(applyStatus(d, c), Transition::Applied) << c;
    EXPECT_EQ(d.state, DeliveryState::Done);
}

TEST(DeliveryState, RepeatsAreNoOpsAndLowerCodesAreIgnored) {
    auto d = after({"01", "03"});
    EXPECT_EQ(applyStatus(d, "03"), Transition::Repeat);
    EXPECT_EQ(applyStatus(d, "01"), Transition::Ignored);
    EXPECT_EQ(applyStatus(d, "02"), Transition::Ignored);  // accepted, then refused: not allowed
    EXPECT_EQ(d.state, DeliveryState::Accepted);
    EXPECT_EQ(markSent(d), Transition::Ignored);
}

TEST(DeliveryState, SkipsAreAllowedAndFinalStatesStay) {
    auto d = after({"05"});
    EXPECT_EQ(d.state, DeliveryState::InProgress);
    d = after({"02"});
    EXPECT_EQ(d.state, DeliveryState::Refused);
    for (const char* c : {"03", "04", "06"}) EXPECT_EQ(applyStatus(d, c), Transition::Ignored) << c;
    d = after({"06"});
    EXPECT_EQ(applyStatus(d, "05"), Transition::Ignored);
    EXPECT_EQ(applyStatus(d, "07"), Transition::Unknown);
}

TEST(DeliveryState, AStatusMayOvertakeOurOwnSentMark) {
    DeliveryStatus d;  // still QUEUED: we crashed before recording SENT
    EXPECT_EQ(applyStatus(d, "01"), Transition::Applied);
    EXPECT_EQ(markSent(d), Transition::Ignored);
    EXPECT_EQ(d.state, DeliveryState::Arrived);
}

TEST(DeliveryState, TakeBackIsOpenedBy13AndClosedBy15Or16) {
    auto d = after({"01", "03"});
    EXPECT_EQ(applyStatus(d, "15"), Transition::Ignored);  // no take-back requested
    EXPECT_EQ(applyStatus(d, "13"), Transition::Applied);
    EXPECT_EQ(applyStatus(d, "13"), Transition::Repeat);
    EXPECT_EQ(applyStatus(d, "16"), Transition::Applied);
    EXPECT_EQ(d.takeBack, TakeBack::Refused);
    EXPECT_EQ(applyStatus(d, "16"), Transition::Repeat);
    EXPECT_EQ(applyStatus(d, "15"), Transition::Ignored);
    EXPECT_EQ(d.state, DeliveryState::Accepted);  // the business state is untouched
}

TEST(DeliveryState, DeadLetterAndClerkRetry) {
    DeliveryStatus d;
    EXPECT_EQ(markDead(d), Transition::Applied);
    EXPECT_EQ(stateName(d.state), "dead");
    EXPECT_EQ(markSent(d), Transition::Ignored);
    EXPECT_EQ(retry(d), Transition::Applied);
    EXPECT_EQ(d.state, DeliveryState::Queued);
    EXPECT_EQ(retry(d), Transition::Ignored);
}

TEST(Backoff, DoublesUpToTheCapWithJitterInTheUpperHalf) {
    const RetryPolicy p{std::chrono::milliseconds{1000}, std::chrono::milliseconds{60000}, 10};
    EXPECT_EQ(backoff(1, p, 0.0).count(), 500);
    EXPECT_EQ(backoff(1, p, 0.5).count(), 750);
    EXPECT_EQ(backoff(3, p, 0.0).count(), 2000);
    EXPECT_EQ(backoff(20, p, 0.0).count(), 30000);  // capped at 60 s, jitter halves the floor
    EXPECT_LT(backoff(20, p, 0.999999).count(), 60000);
    EXPECT_GE(backoff(20, p, 0.999999).count(), 59999);
}

}  // namespace
}  // namespace vanthu::distribution
