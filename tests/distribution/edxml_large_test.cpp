// Large packages (issue 14, Why 5): a real attachment of 11 MiB travels as one base64 text node of
// about 15 MB, which libxml2's fixed 10,000,000-byte limits refused ("Huge input lookup", a 422).
// The limit is ours now (xml/parser.h): the package cap, 16 MiB for POST /edxml and the inbox
// (service::ExchangeSetup::maxPackageBytes, server::ExchangeOptions::maxPackageBytes).
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "distribution/edxml.h"
#include "edxml_fixtures.h"

namespace vanthu::distribution::edxml {
namespace {

constexpr std::size_t kMiB = 1024 * 1024;
constexpr std::size_t kPackageCap = 16 * kMiB;  // service/exchange.h, maxPackageBytes

// Bytes that neither compress nor repeat, so nothing along the way can shortcut them.
std::string noise(std::size_t n) {
    std::string s(n, '\0');
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    for (auto& c : s) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;  // xorshift64
        c = static_cast<char>(x >> 56);
    }
    return s;
}

ReadOptions underTheCap() {
    ReadOptions o;
    o.now = fixtures::receiveTime();
    o.maxBytes = kPackageCap;
    return o;
}

TEST(EdxmlLarge, An11MiBAttachmentIn15MiBPackageIsReadByteExact) {
    auto edoc = fixtures::edoc1020();
    ASSERT_EQ(edoc.attachments.size(), 2u);
    edoc.attachments[1].bytes = noise(11 * kMiB);
    const auto written = writeEdoc(edoc);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    const std::string& bytes = written.value();
    ASSERT_GE(bytes.size(), 15u * 1000 * 1000);  // the package of the report: 15 MB (14.7 MiB), under the 16 MiB cap
    ASSERT_LT(bytes.size(), kPackageCap);

    const auto read = readEdoc(bytes, underTheCap());
    ASSERT_TRUE(read.ok()) << read.error().describe();
    const auto& got = read.value().package;
    ASSERT_EQ(got.attachments.size(), 2u);
    EXPECT_EQ(got.attachments[1].name, edoc.attachments[1].name);
    EXPECT_TRUE(got.attachments[1].bytes == edoc.attachments[1].bytes) << "the 11 MiB attachment differs";
    EXPECT_EQ(got.attachments[0].bytes, edoc.attachments[0].bytes);
}

TEST(EdxmlLarge, OverThePackageCapIsTooLargeUnread) {
    auto edoc = fixtures::edoc1020();
    edoc.attachments[1].bytes = noise(13 * kMiB);  // 17.3 MiB once base64-encoded
    const auto written = writeEdoc(edoc);
    ASSERT_TRUE(written.ok()) << written.error().describe();
    ASSERT_GT(written.value().size(), kPackageCap);
    const auto read = readEdoc(written.value(), underTheCap());
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, Errc::TooLarge) << read.error().describe();
    EXPECT_NE(read.error().messageEn.find(std::to_string(kPackageCap)), std::string::npos) << read.error().messageEn;
}

}  // namespace
}  // namespace vanthu::distribution::edxml
