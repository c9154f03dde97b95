#include "distribution/signing.h"

#include <algorithm>
#include <cstdio>

#include "core/digest.h"
#include "core/error.h"
#include "core/strings.h"

namespace vanthu::distribution {
namespace {

const Header* findHeader(const std::vector<Header>& hs, std::string_view name) {
    for (const auto& h : hs)
        if (equalsIgnoringAsciiCase(h.name, name)) return &h;
    return nullptr;
}

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

}  // namespace

std::string axisTimestamp(std::chrono::sys_time<std::chrono::milliseconds> t) {
    using namespace std::chrono;
    const auto local = t + hours{7};
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss hms{local - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02u%02u%04dT%02d%02d%02d+%04d", unsigned(ymd.day()), unsigned(ymd.month()), int(ymd.year()),
                  int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()),
                  int(hms.subseconds().count()));
    return buf;
}

std::string axisSignHeader(const std::vector<Header>& logical) {
    std::string json = "{";
    for (std::size_t i = 0; i < logical.size(); ++i) {
        if (i > 0) json += ',';
        appendJsonString(json, std::string(kAxisPrefix) + logical[i].name);
        json += ':';
        appendJsonString(json, logical[i].value);
    }
    json += '}';
    return json;
}

std::vector<Header> signAxisHeaders(std::string_view secret, const std::vector<Header>& logical) {
    std::vector<Header> out;
    std::string keys;
    for (const auto& h : logical) {
        if (equalsIgnoringAsciiCase(h.name, "Content-Type")) out.push_back(h);
        out.push_back({std::string(kAxisPrefix) + h.name, h.value});
        if (!keys.empty()) keys += ';';
        keys += h.name;
    }
    const auto json = axisSignHeader(logical);
    out.push_back({"XroadVnpt-sign-header-key", keys});
    out.push_back({"XroadVnpt-sign-header", json});
    out.push_back({"XroadVnpt-hash-header", hexLower(hmacSha256(secret, json))});
    out.push_back({"User-Agent", std::string(kAxisUserAgent)});
    out.push_back({"XroadVnpt-version", std::string(kAxisVersion)});
    return out;
}

std::vector<Header> axisRequestHeaders(std::string_view systemId, std::string_view secret, std::string_view timestamp,
                                       const std::vector<Header>& operationHeaders) {
    std::vector<Header> logical{{"systemid", std::string(systemId)}, {"timestamp", std::string(timestamp)}};
    logical.insert(logical.end(), operationHeaders.begin(), operationHeaders.end());
    return signAxisHeaders(secret, logical);
}

std::vector<Header> verifyAxisHeaders(std::string_view secret, const std::vector<Header>& received, std::string* why) {
    auto fail = [&](std::string reason) {
        if (why) *why = std::move(reason);
        return std::vector<Header>{};
    };
    const auto* keys = findHeader(received, "XroadVnpt-sign-header-key");
    const auto* json = findHeader(received, "XroadVnpt-sign-header");
    const auto* hash = findHeader(received, "XroadVnpt-hash-header");
    if (!keys || !json || !hash) return fail("the XroadVnpt signing headers are missing");
    if (!constantTimeEqual(hexLower(hmacSha256(secret, json->value)), hash->value))
        return fail("XroadVnpt-hash-header does not match the HMAC of XroadVnpt-sign-header");
    std::vector<Header> logical;
    std::string_view rest = keys->value;
    while (!rest.empty()) {
        const auto semi = rest.find(';');
        const auto name = rest.substr(0, semi);
        const auto* h = findHeader(received, std::string(kAxisPrefix) + std::string(name));
        if (!h) return fail("the signed header XroadVnpt-" + std::string(name) + " is missing");
        logical.push_back({std::string(name), h->value});
        rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    }
    if (axisSignHeader(logical) != json->value) return fail("XroadVnpt-sign-header does not match the headers sent");
    return logical;
}

PackageSigner::PackageSigner(std::string secret) : secret_(std::move(secret)) {
    if (secret_.empty()) throw Failure(Errc::InvalidInput, "PackageSigner: the link secret is empty");
}

PackageSigner::~PackageSigner() { wipeSecret(secret_); }

std::string PackageSigner::sign(std::string_view package) const {
    return std::string(kScheme) + hexLower(hmacSha256(secret_, package));
}

bool PackageSigner::verify(std::string_view package, std::string_view headerValue) const {
    if (!headerValue.starts_with(kScheme)) return false;
    return constantTimeEqual(sign(package), headerValue);
}

}  // namespace vanthu::distribution
