// model/lifecycle.h: the document lifecycle and the relation kinds the store accepts.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>

#include "model/lifecycle.h"

namespace vanthu::model {
namespace {

using S = DocumentStatus;

TEST(Lifecycle, StatusNamesRoundTrip) {
    for (S s : {S::Draft, S::Issued, S::Distributed, S::Archived, S::Recalled}) EXPECT_EQ(statusFromName(statusName(s)), s);
    EXPECT_EQ(statusName(S::Distributed), "distributed");
    EXPECT_EQ(statusFromName("Issued"), std::nullopt);  // the stored text is lower case
    EXPECT_EQ(statusFromName(""), std::nullopt);
}

TEST(Lifecycle, EveryAllowedTransitionAndNoOther) {
    const S all[] = {S::Draft, S::Issued, S::Distributed, S::Archived, S::Recalled};
    const std::pair<S, S> allowed[] = {{S::Draft, S::Issued},          {S::Issued, S::Distributed},
                                       {S::Issued, S::Recalled},       {S::Issued, S::Archived},
                                       {S::Distributed, S::Recalled},  {S::Distributed, S::Archived},
                                       {S::Recalled, S::Archived}};
    for (S from : all)
        for (S to : all) {
            const bool expected = std::find(std::begin(allowed), std::end(allowed), std::pair{from, to}) != std::end(allowed);
            EXPECT_EQ(canTransition(from, to), expected) << statusName(from) << " → " << statusName(to);
        }
}

TEST(Lifecycle, RelationKindsAreTheSevenOfTheModel) {
    EXPECT_EQ(relationKindFromKey("corrects"), RelationKind::Corrects);
    EXPECT_EQ(relationKindFromKey("replaces"), RelationKind::Replaces);
    EXPECT_EQ(relationKindFromKey("revokes"), RelationKind::Revokes);
    EXPECT_EQ(relationKindFromKey("amends"), RelationKind::Amends);
    EXPECT_EQ(relationKindFromKey("implements"), RelationKind::Implements);
    EXPECT_EQ(relationKindFromKey("issued-with"), RelationKind::IssuedWith);
    EXPECT_EQ(relationKindFromKey("responds-to"), RelationKind::RespondsTo);
    EXPECT_EQ(relationKindFromKey("recalls"), std::nullopt);  // a recall is a status, not a relation
    EXPECT_EQ(relationKindFromKey("Corrects"), std::nullopt);
    EXPECT_EQ(relationKindFromKey(""), std::nullopt);
}

}  // namespace
}  // namespace vanthu::model
