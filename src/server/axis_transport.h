// server/axis_transport.h: the national exchange axis (VDXP, edxml.md §7.1) as a client:
// every call is POST {endpoint}/{operation} with its parameters as XroadVnpt-* headers signed by
// axisRequestHeaders (signing.h); the secret is never sent.
//
//   AxisTransport::send   sendEdoc (from, servicetype=eDoc, messagetype=edoc|status; the package
//                         as multipart part "file_doc") → {status OK|FAIL, ErrorCode, ErrorDesc, DocId}
//   AxisClient            getReceivedEdocList, getEdoc (base64 of the package), updateStatus done|fail
//
// Tested against the stand-in axis of tests/exchange/axis_standin.cpp. Not yet wired: the inbox
// poller that would call AxisClient from `vanthu serve` (src/distribution/README.md).
// Thread-safe: a new connection per call.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "distribution/signing.h"
#include "distribution/transport.h"

namespace vanthu::server {

struct AxisConfig {
    std::string endpoint;  // "http://127.0.0.1:port" (no trailing '/')
    std::string systemId;  // issued by VPCP
    std::string secret;
    std::string organId;   // ours: the "from" of sendEdoc
    std::chrono::milliseconds timeout{10000};
    std::function<std::chrono::sys_time<std::chrono::milliseconds>()> now;  // default: system clock
};

struct AxisReply {
    int httpStatus = 0;  // 0: no answer (network)
    std::string body;
};

class AxisTransport final : public distribution::Transport {
public:
    explicit AxisTransport(AxisConfig config);
    distribution::SendResult send(const distribution::Agency& recipient, const distribution::OutgoingPackage& package) override;

private:
    AxisConfig config_;
};

struct AxisListed {
    std::string docId, from, messageType, status;
};

class AxisClient {
public:
    explicit AxisClient(AxisConfig config);
    Result<std::vector<AxisListed>> receivedList(const std::string& messageType);  // "edoc" | "status"
    Result<std::string> getEdoc(const std::string& docId);                          // the package bytes
    Result<bool> updateStatus(const std::string& docId, const std::string& status);  // "done" | "fail"

private:
    AxisConfig config_;
};

// One signed call: POST {endpoint}/{operation} with the operation's logical headers and an
// optional multipart file_doc. Shared by AxisTransport and AxisClient.
AxisReply axisCall(const AxisConfig& config, const std::string& operation, const std::vector<distribution::Header>& operationHeaders,
                   const std::string* fileDoc);

}  // namespace vanthu::server
