#include "distribution/crypto.h"

#include <array>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/error.h"

namespace vanthu::distribution {

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

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0–63 for the alphabet, kSkip for XML white space, kPad for '=', kBad otherwise.
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
}  // namespace

std::string base64Encode(std::string_view bytes) {
    std::string out((bytes.size() + 2) / 3 * 4, '=');
    char* o = out.data();
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
        o[0] = kAlphabet[(v >> 18) & 63];
        o[1] = kAlphabet[(v >> 12) & 63];
        o[2] = kAlphabet[(v >> 6) & 63];
        o[3] = kAlphabet[v & 63];
        o += 4;
    }
    if (const auto rest = bytes.size() - i; rest > 0) {  // the '=' padding is already in place
        unsigned v = p[i] << 16;
        if (rest == 2) v |= p[i + 1] << 8;
        o[0] = kAlphabet[(v >> 18) & 63];
        o[1] = kAlphabet[(v >> 12) & 63];
        if (rest == 2) o[2] = kAlphabet[(v >> 6) & 63];
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

}  // namespace vanthu::distribution
