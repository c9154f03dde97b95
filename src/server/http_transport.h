// server/http_transport.h: vanthu to vanthu over HTTP (issue 5 item 5a), and the per-link
// shared secrets it signs with.
//
// A link joins two agencies; each side's links file names it, the peer's organId and the secret:
//     # name          peer organId      secret
//     btp-ubndhn      000.00.00.H26     4f1c…
// The secret never comes from the agency directory (which only names the link of an endpoint).
//
// A send is   POST <endpoint url>  (the receiver's /api/v1/edxml)
//             Content-Type: application/xml
//             X-Vanthu-Sender: <our organId>        which link the receiver verifies with
//             X-Vanthu-Signature: hmac-sha256=<hex> PackageSigner over the body
// 200 with the receiver's answer = delivered (for a document, its status package 01 or 02, handed
// back; for a status, the JSON acknowledgement); a 200 without one (a proxy's page, an empty or a
// cut-off body), 408/429/5xx and network errors = retry later; any other 4xx = rejected.
//
// Thread-safe: one keep-alive connection per worker thread and endpoint.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "distribution/transport.h"

namespace vanthu::server {

struct Link {
    std::string name, peerOrganId, secret;
};

class LinkTable {
public:
    LinkTable() = default;
    explicit LinkTable(std::vector<Link> links);
    // One link per line: name, peer organId, secret (white space separated); '#' starts a comment.
    static Result<LinkTable> parse(const std::string& text);
    static Result<LinkTable> loadFile(const std::filesystem::path& path);

    const Link* byName(const std::string& name) const;
    const Link* byPeer(const std::string& organId) const;
    bool empty() const { return links_.empty(); }

private:
    std::vector<Link> links_;
};

// The links in force: a fixed table, or a links file re-read when its modification time changes
// (looked at most once a second), so an agency's link is added or its secret rotated without a
// restart. A file that no longer reads keeps the last good table (and says so on stderr).
class LinkSource {
public:
    explicit LinkSource(LinkTable fixed);
    // Fails when the file does not read at start.
    static Result<std::shared_ptr<LinkSource>> watch(const std::filesystem::path& path);
    std::shared_ptr<const LinkTable> current();

private:
    LinkSource() = default;
    std::filesystem::path path_;
    std::mutex mutex_;
    std::shared_ptr<const LinkTable> table_;
    std::filesystem::file_time_type modified_{};
    std::chrono::steady_clock::time_point lookedAt_{};
};

constexpr std::string_view kSenderHeader = "X-Vanthu-Sender";

class HttpTransport final : public distribution::Transport {
public:
    HttpTransport(std::string selfOrganId, std::shared_ptr<LinkSource> links,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
    HttpTransport(std::string selfOrganId, std::shared_ptr<const LinkTable> links,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
    distribution::SendResult send(const distribution::Agency& recipient, const distribution::OutgoingPackage& package) override;

private:
    std::string self_;
    std::shared_ptr<LinkSource> links_;
    std::chrono::milliseconds timeout_;
};

}  // namespace vanthu::server
