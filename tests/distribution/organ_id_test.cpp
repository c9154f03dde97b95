#include "distribution/organ_id.h"

#include <gtest/gtest.h>

namespace vanthu::distribution {
namespace {

TEST(OrganId, StrictFormIsThirteenCharacters) {
    EXPECT_TRUE(isStrictOrganId("000.00.00.G12"));
    EXPECT_TRUE(isStrictOrganId("000.00.16.H40"));
    EXPECT_FALSE(isStrictOrganId("000.00.00.g12"));   // lower-case letter
    EXPECT_FALSE(isStrictOrganId("000.00.00.G1"));    // short
    EXPECT_FALSE(isStrictOrganId("000.00.00.G123"));  // long
    EXPECT_FALSE(isStrictOrganId("28.22.H17"));
    EXPECT_FALSE(isStrictOrganId("000-00-00-G12"));
    EXPECT_FALSE(isStrictOrganId(""));
}

TEST(OrganId, ReceivedIdsAreToleratedUpToFourSegments) {
    for (const char* ok : {"000.00.00.G12", "28.22.H17", "02.44.W00", "H37.DN.001", "CS:GOV:123"})
        EXPECT_TRUE(isAcceptableOrganId(ok)) << ok;
    for (const char* bad : {"", "a.b.c.d.e", "000..00.G12", ".G12", "G12.", "000 00.G12", "a\tb"})
        EXPECT_FALSE(isAcceptableOrganId(bad)) << bad;
}

TEST(OrganId, ParentZeroesTheLeftmostNonZeroLevel) {
    EXPECT_EQ(parentOrganId("000.00.16.H40"), "000.00.00.H40");
    EXPECT_EQ(parentOrganId("000.01.01.H56"), "000.00.01.H56");
    EXPECT_EQ(parentOrganId("123.01.01.H56"), "000.01.01.H56");
    EXPECT_EQ(parentOrganId("000.00.00.G12"), "");
    EXPECT_EQ(parentOrganId("28.22.H17"), "");
}

}  // namespace
}  // namespace vanthu::distribution
