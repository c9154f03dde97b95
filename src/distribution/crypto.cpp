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

int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
}  // namespace

std::string base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (const auto rest = bytes.size() - i; rest > 0) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64Decode(std::string_view text, Base64Error* error) {
    std::string out;
    out.reserve(text.size() / 4 * 3);
    unsigned acc = 0;
    int have = 0;       // sextets in acc
    int padding = 0;    // '=' seen
    std::size_t count = 0;  // significant characters
    auto fail = [&](std::size_t at, std::string reason) -> std::optional<std::string> {
        if (error) *error = {at, std::move(reason)};
        return std::nullopt;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        ++count;
        if (c == '=') {
            if (have < 2) return fail(i, "misplaced '=' padding");
            ++padding;
            if (padding > 2) return fail(i, "too much '=' padding");
            continue;
        }
        const int v = valueOf(c);
        if (v < 0) return fail(i, std::string("character '") + (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F ? std::string("?") : std::string(1, c)) + "' is not base64");
        if (padding > 0) return fail(i, "data after '=' padding");
        acc = (acc << 6) | static_cast<unsigned>(v);
        if (++have == 4) {
            out += static_cast<char>((acc >> 16) & 0xFF);
            out += static_cast<char>((acc >> 8) & 0xFF);
            out += static_cast<char>(acc & 0xFF);
            acc = 0;
            have = 0;
        }
    }
    if (count % 4 != 0) return fail(text.size(), "length is not a multiple of 4");
    if (padding > 0) {
        // have is 2 or 3 here: 2 sextets → 1 byte, 3 → 2 bytes; the unused bits must be zero.
        if (have + padding != 4) return fail(text.size(), "wrong '=' padding");
        if (have == 2) {
            if (acc & 0x0F) return fail(text.size(), "non-zero bits in the last character");
            out += static_cast<char>((acc >> 4) & 0xFF);
        } else {
            if (acc & 0x03) return fail(text.size(), "non-zero bits in the last character");
            out += static_cast<char>((acc >> 10) & 0xFF);
            out += static_cast<char>((acc >> 2) & 0xFF);
        }
    }
    return out;
}

}  // namespace vanthu::distribution
