// distribution/signing.h: authentication of packages in transit.
//
// 1. The national axis (VDXP, edxml.md §7.1): every call carries its parameters as headers
//    "XroadVnpt-<name>: <value>", plus
//      XroadVnpt-sign-header-key  the logical names joined by ';' (in the order sent)
//      XroadVnpt-sign-header      {"XroadVnpt-<name>":"<value>",…} (compact JSON, same order)
//      XroadVnpt-hash-header      hex(HMAC-SHA256(key = secret, msg = that JSON string))
//      User-Agent, XroadVnpt-version
//    The secret is never sent. Pure functions: the caller passes the timestamp.
// 2. vanthu to vanthu: the package bytes signed with the link's shared secret (PackageSigner).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::distribution {

struct Header {
    std::string name, value;
    bool operator==(const Header&) const = default;
};

constexpr std::string_view kAxisPrefix = "XroadVnpt-";
constexpr std::string_view kAxisVersion = "3.0.201608";
constexpr std::string_view kAxisUserAgent = "JAVASDKAgent/1.0.0 XRoad/VPCP";

// "ddMMyyyy'T'HHmmss+SSSS" of the SDK: ICT wall clock, '+' literal, milliseconds on 4 digits.
// 2018-05-08 09:30:00.042 UTC → "08052018T163000+0042".
std::string axisTimestamp(std::chrono::sys_time<std::chrono::milliseconds> t);

// The JSON that is signed: {"XroadVnpt-systemid":"…",…} in the order given, escaped as Gson
// does (\" \\ control characters as \uXXXX, U+2028/U+2029 escaped, other UTF-8 as is).
std::string axisSignHeader(const std::vector<Header>& logical);

// The headers to send for `logical` (already in order: systemid, timestamp, then the operation's
// own keys such as from, servicetype, messagetype). A logical "Content-Type" is also sent as is.
std::vector<Header> signAxisHeaders(std::string_view secret, const std::vector<Header>& logical);

// Convenience: systemid and timestamp first, then the operation's headers.
std::vector<Header> axisRequestHeaders(std::string_view systemId, std::string_view secret, std::string_view timestamp,
                                       const std::vector<Header>& operationHeaders);

// For the receiving side (the stand-in axis in tests): the hash is the HMAC of the sign-header
// string as received, and that string is exactly what the listed XroadVnpt-<name> headers give.
// Header names compare case-insensitively (HTTP). Returns the logical headers, or an empty vector
// and sets *why (English) when the request is not authentic.
std::vector<Header> verifyAxisHeaders(std::string_view secret, const std::vector<Header>& received, std::string* why);

// vanthu-to-vanthu: HMAC-SHA256 of the package bytes with the per-link shared secret, sent as
//   X-Vanthu-Signature: hmac-sha256=<64 hex digits>
// Thread-safe (immutable); the secret is wiped from memory on destruction.
class PackageSigner {
public:
    static constexpr std::string_view kHeader = "X-Vanthu-Signature";
    static constexpr std::string_view kScheme = "hmac-sha256=";

    // Throws Failure(Errc::InvalidInput) for an empty secret.
    explicit PackageSigner(std::string secret);
    ~PackageSigner();
    PackageSigner(const PackageSigner&) = delete;
    PackageSigner& operator=(const PackageSigner&) = delete;

    std::string sign(std::string_view package) const;  // the header value
    // Constant-time comparison; false for a malformed value or another scheme.
    bool verify(std::string_view package, std::string_view headerValue) const;

private:
    std::string secret_;
};

}  // namespace vanthu::distribution
