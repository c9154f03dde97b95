// The codec of stored artifacts (store/bytes_codec.h): RFC 4648 §10 vectors, every byte value,
// wrapped lines from older rows, and damaged text (which must not decode to the original bytes).
#include <gtest/gtest.h>

#include <string>

#include "store/bytes_codec.h"
#include "store/store.h"

namespace vanthu::store::detail {
namespace {

TEST(BytesCodec, EncodesTheRfc4648Vectors) {
    EXPECT_EQ(base64(""), "");
    EXPECT_EQ(base64("f"), "Zg==");
    EXPECT_EQ(base64("fo"), "Zm8=");
    EXPECT_EQ(base64("foo"), "Zm9v");
    EXPECT_EQ(base64("foob"), "Zm9vYg==");
    EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(BytesCodec, DecodesTheRfc4648Vectors) {
    EXPECT_EQ(unbase64(""), "");
    EXPECT_EQ(unbase64("Zg=="), "f");
    EXPECT_EQ(unbase64("Zm8="), "fo");
    EXPECT_EQ(unbase64("Zm9vYmE="), "fooba");
    EXPECT_EQ(unbase64("Zm9vYmFy"), "foobar");
}

TEST(BytesCodec, RoundTripsEveryByteAtEveryLength) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += char(i);
    for (std::size_t n = 0; n <= all.size(); ++n) {
        const std::string in = all.substr(all.size() - n) + all.substr(0, n % 7);
        const std::string enc = base64(in);
        EXPECT_EQ(enc.size() % 4, 0u) << n;
        EXPECT_EQ(enc.find_first_of("\r\n "), std::string::npos) << n;
        EXPECT_EQ(unbase64(enc), in) << n;
    }
}

TEST(BytesCodec, SkipsLineBreaksOfWrappedText) {
    EXPECT_EQ(unbase64("Zm9v\r\nYmFy\n"), "foobar");
    EXPECT_EQ(unbase64(" Zm9v YmE=\t"), "fooba");
}

TEST(BytesCodec, DamagedTextDoesNotGiveTheOriginalBytes) {
    const std::string in = "%PDF-1.7 some bytes \x01\x02\xff";
    std::string enc = base64(in);
    enc[6] = '*';  // not in the alphabet
    EXPECT_NE(sha256Hex(unbase64(enc)), sha256Hex(in));
}

TEST(BytesCodec, Sha256HexMatchesKnownDigests) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace vanthu::store::detail
