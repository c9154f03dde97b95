#include "core/digest.h"

#include <array>
#include <cstdint>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/error.h"

namespace vanthu {

std::string sha256(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_sha256(), nullptr) != 1)
        throw Failure(Errc::Internal, "EVP_Digest(SHA-256) failed");
    return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::string hmacSha256(std::string_view key, std::string_view msg) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    // One-shot HMAC(): no context object to own, so no RAII wrapper is needed.
    static const unsigned char kEmpty = 0;
    const void* k = key.empty() ? static_cast<const void*>(&kEmpty) : key.data();
    if (HMAC(EVP_sha256(), k, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
             md.data(), &len) == nullptr)
        throw Failure(Errc::Internal, "HMAC-SHA256 failed");
    return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::string md5(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &len, EVP_md5(), nullptr) != 1)
        throw Failure(Errc::Internal, "EVP_Digest(MD5) failed");
    return std::string(reinterpret_cast<const char*>(md.data()), len);
}

std::string sha256Hex(std::string_view bytes) { return hexLower(sha256(bytes)); }

std::string hexLower(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += kHex[b >> 4];
        out += kHex[b & 0x0F];
    }
    return out;
}

bool constantTimeEqual(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipeSecret(std::string& secret) noexcept { OPENSSL_cleanse(secret.data(), secret.size()); }

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Strict decoder: 0–63 for the alphabet, kSkip for XML white space, kPad for '=', kBad otherwise.
constexpr signed char kSkip = -2, kPad = -3, kBad = -1;
struct DecodeTable {
    signed char v[256];
    constexpr DecodeTable() : v() {
        for (auto& x : v) x = kBad;
        for (int i = 0; i < 64; ++i) v[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
        v[' '] = v['\t'] = v['\n'] = v['\r'] = kSkip;
        v['='] = kPad;
    }
};
constexpr DecodeTable kDecode;

// Lenient decoder: 0–63 for the alphabet, kLenientSkip for white space, kLenientBad otherwise
// (an OR of four entries ≥ 64 tells the fast path to stop).
constexpr std::uint8_t kLenientSkip = 0xFE, kLenientBad = 0xFF;
constexpr std::array<std::uint8_t, 256> lenientTable() {
    std::array<std::uint8_t, 256> t{};
    for (auto& v : t) v = kLenientBad;
    for (int i = 0; i < 64; ++i) t[std::uint8_t(kAlphabet[i])] = std::uint8_t(i);
    for (char c : {' ', '\t', '\r', '\n'}) t[std::uint8_t(c)] = kLenientSkip;
    return t;
}
constexpr auto kLenient = lenientTable();

// Two output characters per 12 bits: half the table lookups and stores of one per 6 bits.
constexpr std::array<std::array<char, 2>, 4096> pairTable() {
    std::array<std::array<char, 2>, 4096> t{};
    for (int i = 0; i < 4096; ++i) t[std::size_t(i)] = {kAlphabet[i >> 6], kAlphabet[i & 63]};
    return t;
}
constexpr auto kPairs = pairTable();

}  // namespace

// One pass over a pre-sized string (the stream-based codec was a fifth of the exchange's CPU).
std::string base64Encode(std::string_view bytes) {
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::string out((n + 2) / 3 * 4, '=');
    char* o = out.data();
    std::size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const std::uint32_t v = std::uint32_t(in[i]) << 16 | std::uint32_t(in[i + 1]) << 8 | in[i + 2];
        const auto& hi = kPairs[v >> 12];
        const auto& lo = kPairs[v & 0xFFF];
        o[0] = hi[0];
        o[1] = hi[1];
        o[2] = lo[0];
        o[3] = lo[1];
        o += 4;
    }
    if (i < n) {
        const std::uint32_t v = std::uint32_t(in[i]) << 16 | (i + 1 < n ? std::uint32_t(in[i + 1]) << 8 : 0);
        o[0] = kAlphabet[v >> 18];
        o[1] = kAlphabet[(v >> 12) & 63];
        if (i + 1 < n) o[2] = kAlphabet[(v >> 6) & 63];  // else stays '='
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text, Base64Error* error) {
    std::string out(text.size() / 4 * 3 + 3, '\0');  // an upper bound; trimmed at the end
    char* o = out.data();
    unsigned acc = 0;
    int have = 0;           // sextets in acc
    int padding = 0;        // '=' seen
    std::size_t count = 0;  // significant characters
    auto fail = [&](std::size_t at, std::string reason) -> std::optional<std::string> {
        if (error) *error = {at, std::move(reason)};
        return std::nullopt;
    };
    const auto* in = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size(); ++i) {
        // Fast path: four alphabet characters at a group boundary (attachments are tens of kB).
        while (have == 0 && padding == 0 && i + 4 <= text.size()) {
            const int a = kDecode.v[in[i]], b = kDecode.v[in[i + 1]], c = kDecode.v[in[i + 2]], d = kDecode.v[in[i + 3]];
            if (a < 0 || b < 0 || c < 0 || d < 0) break;
            const unsigned v = unsigned(a) << 18 | unsigned(b) << 12 | unsigned(c) << 6 | unsigned(d);
            *o++ = static_cast<char>((v >> 16) & 0xFF);
            *o++ = static_cast<char>((v >> 8) & 0xFF);
            *o++ = static_cast<char>(v & 0xFF);
            count += 4;
            i += 4;
        }
        if (i >= text.size()) break;
        const auto c = static_cast<unsigned char>(text[i]);
        const int v = kDecode.v[c];
        if (v >= 0) {
            if (padding > 0) return fail(i, "data after '=' padding");
            ++count;
            acc = (acc << 6) | static_cast<unsigned>(v);
            if (++have == 4) {
                *o++ = static_cast<char>((acc >> 16) & 0xFF);
                *o++ = static_cast<char>((acc >> 8) & 0xFF);
                *o++ = static_cast<char>(acc & 0xFF);
                acc = 0;
                have = 0;
            }
            continue;
        }
        if (v == kSkip) continue;
        ++count;
        if (v == kPad) {
            if (have < 2) return fail(i, "misplaced '=' padding");
            if (++padding > 2) return fail(i, "too much '=' padding");
            continue;
        }
        return fail(i, std::string("character '") + (c < 0x20 || c >= 0x7F ? std::string("?") : std::string(1, static_cast<char>(c))) +
                           "' is not base64");
    }
    if (count % 4 != 0) return fail(text.size(), "length is not a multiple of 4");
    if (padding > 0) {
        // have is 2 or 3 here: 2 sextets → 1 byte, 3 → 2 bytes; the unused bits must be zero.
        if (have + padding != 4) return fail(text.size(), "wrong '=' padding");
        if (have == 2) {
            if (acc & 0x0F) return fail(text.size(), "non-zero bits in the last character");
            *o++ = static_cast<char>((acc >> 4) & 0xFF);
        } else {
            if (acc & 0x03) return fail(text.size(), "non-zero bits in the last character");
            *o++ = static_cast<char>((acc >> 10) & 0xFF);
            *o++ = static_cast<char>((acc >> 2) & 0xFF);
        }
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
}

// Stops at the first '=' (padding) or at a character outside the alphabet: the callers compare
// the SHA-256 of the result with the stored one, so damaged text yields bytes that do not match.
std::string base64DecodePrefix(std::string_view text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');  // at most 6 bits per character
    char* o = out.data();
    std::uint32_t acc = 0;
    int bits = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    // Fast path: whole groups of four alphabet characters (all of a row we wrote ourselves).
    for (; i + 4 <= n; i += 4) {
        const std::uint32_t a = kLenient[in[i]], b = kLenient[in[i + 1]], c = kLenient[in[i + 2]], d = kLenient[in[i + 3]];
        if ((a | b | c | d) >= 64) break;
        const std::uint32_t v = a << 18 | b << 12 | c << 6 | d;
        *o++ = char(v >> 16);
        *o++ = char((v >> 8) & 0xFF);
        *o++ = char(v & 0xFF);
    }
    for (; i < n; ++i) {
        const std::uint8_t d = kLenient[in[i]];
        if (d == kLenientSkip) continue;
        if (d == kLenientBad) break;
        acc = (acc << 6) | d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            *o++ = char((acc >> bits) & 0xFF);
        }
    }
    out.resize(std::size_t(o - out.data()));
    return out;
}

}  // namespace vanthu
