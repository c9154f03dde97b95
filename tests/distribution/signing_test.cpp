#include "core/digest.h"
#include "distribution/signing.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "edxml_fixtures.h"
#include "support/test_support.h"

namespace vanthu::distribution {
namespace {

using namespace std::chrono;

// The expected digests below were computed outside vanthu, with Python's hmac module, over the
// exact strings shown; they are not produced by the code under test.

TEST(Crypto, HmacSha256MatchesRfc4231) {
    EXPECT_EQ(hexLower(hmacSha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");  // RFC 4231 test case 2
    EXPECT_EQ(hexLower(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AxisSigning, TimestampIsTheSdkPattern) {
    const sys_time<milliseconds> t = sys_days{year{2018} / 5 / 8} + hours{9} + minutes{30} + milliseconds{42};
    EXPECT_EQ(axisTimestamp(t), "08052018T163000+0042");
    EXPECT_EQ(axisTimestamp(sys_days{year{2018} / 12 / 31} + hours{17}), "01012019T000000+0000");  // ICT is UTC+7
}

std::vector<Header> sendEdocHeaders() {
    const sys_time<milliseconds> t = sys_days{year{2018} / 5 / 8} + hours{9} + minutes{30} + milliseconds{42};
    return axisRequestHeaders("000.00.00.G12", "vanthu-golden-secret", axisTimestamp(t),
                              {{"from", "000.00.00.G12"}, {"servicetype", "eDoc"}, {"messagetype", "edoc"}});
}

TEST(AxisSigning, GoldenVectorForAFixedSecret) {
    const auto headers = sendEdocHeaders();
    auto value = [&](std::string_view name) {
        for (const auto& h : headers)
            if (h.name == name) return h.value;
        return std::string("<missing>");
    };
    EXPECT_EQ(value("XroadVnpt-sign-header-key"), "systemid;timestamp;from;servicetype;messagetype");
    EXPECT_EQ(value("XroadVnpt-sign-header"),
              R"({"XroadVnpt-systemid":"000.00.00.G12","XroadVnpt-timestamp":"08052018T163000+0042",)"
              R"("XroadVnpt-from":"000.00.00.G12","XroadVnpt-servicetype":"eDoc","XroadVnpt-messagetype":"edoc"})");
    EXPECT_EQ(value("XroadVnpt-hash-header"), "d26c2b9ceeadf5203ed76e50f2e989205f044b918e21599e9a36d3ed5f4d386d");
    EXPECT_EQ(value("XroadVnpt-version"), "3.0.201608");
    EXPECT_EQ(value("User-Agent"), "JAVASDKAgent/1.0.0 XRoad/VPCP");
    EXPECT_EQ(value("XroadVnpt-systemid"), "000.00.00.G12");
    for (const auto& h : headers) EXPECT_EQ(h.value.find("vanthu-golden-secret"), std::string::npos) << "the secret is never sent";
    std::string text;
    for (const auto& h : headers) text += h.name + ": " + h.value + "\n";
    testing::expectGolden("distribution/axis-sendEdoc-headers.txt", text);
}

TEST(AxisSigning, JsonIsEscapedAsGsonDoes) {
    EXPECT_EQ(axisSignHeader({{"k", "a\"b\\c\nd\u2028é"}}), R"({"XroadVnpt-k":"a\"b\\c\u000ad\u2028é"})");
}

TEST(AxisSigning, VerifyAcceptsTheSignedHeadersAndRefusesTampering) {
    auto headers = sendEdocHeaders();
    std::string why;
    const auto logical = verifyAxisHeaders("vanthu-golden-secret", headers, &why);
    ASSERT_EQ(logical.size(), 5u) << why;
    EXPECT_EQ(logical[2], (Header{"from", "000.00.00.G12"}));

    EXPECT_TRUE(verifyAxisHeaders("another-secret", headers, &why).empty());
    EXPECT_NE(why.find("does not match the HMAC"), std::string::npos);

    for (auto& h : headers)
        if (h.name == "XroadVnpt-from") h.value = "000.00.00.G99";  // a forged sender, signature kept
    EXPECT_TRUE(verifyAxisHeaders("vanthu-golden-secret", headers, &why).empty());
    EXPECT_NE(why.find("does not match the headers sent"), std::string::npos);
}

TEST(PackageSigner, SignsThePackageBytesWithTheLinkSecret) {
    const PackageSigner signer("link-secret");
    const auto package = fixtures::edoc1020Bytes();
    const auto sig = signer.sign(package);
    EXPECT_EQ(sig, "hmac-sha256=b27f0c466ac9a5ceb48a4ff7902fb0dca45a281e8e50834d402ee3db05d917d9");  // over the golden edoc
    EXPECT_TRUE(signer.verify(package, sig));
    EXPECT_FALSE(signer.verify(package + " ", sig));
    EXPECT_FALSE(signer.verify(package, "hmac-sha256=" + std::string(64, '0')));
    EXPECT_FALSE(signer.verify(package, sig.substr(12)));  // no scheme
    EXPECT_FALSE(PackageSigner("other-secret").verify(package, sig));
    EXPECT_THROW(PackageSigner(""), Failure);
}

}  // namespace
}  // namespace vanthu::distribution
