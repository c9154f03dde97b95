// server/front_door.h (private to server/): the acceptor in front of the worker threads, so that
// idle and slow clients cannot starve the others (issue 14, Build 1).
//
// One thread holds every connection that is waiting for a request (new, or kept alive between
// requests) in an epoll set, at the cost of a file descriptor each, and hands a connection to a
// worker only once its whole request head (request line and headers) is in the kernel's receive
// buffer: it looks with recv(MSG_PEEK), so Poco's request reader later reads the same bytes.
//   - a connection whose head is not complete within `headTimeout` of its arrival (a new one) or
//     of its first byte (a kept-alive one; `keepAliveTimeout` of silence before that) is cut:
//     408 if it had sent anything, silently otherwise; a head over `maxHeadBytes` gets 431;
//   - from dispatch, the request (the rest of the head and the body) has `bodyTimeout`: past it
//     the worker's socket is shut for reading, so a blocked read ends (a short body is a 408), the
//     reply still goes out, and the connection closes;
//   - at most `maxPerAddress` connections per client address and `maxConnections` in all: the
//     next one gets a 503 at once and is closed; at most `maxQueued` complete heads wait for a
//     worker: the next one gets a 503.
// Linux only (epoll, MSG_PEEK with edge-triggered readiness). Thread-safety: start/stop from one
// thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
class ServerSocket;
}  // namespace Poco::Net

namespace vanthu::server {

struct FrontDoorOptions {
    int workers = 32;
    std::size_t maxQueued = 512;
    std::size_t maxConnections = 4096;  // lowered to what RLIMIT_NOFILE allows, less 128 for the rest
    std::size_t maxPerAddress = 128;    // 0: no cap (behind a proxy, every client is the proxy)
    std::chrono::milliseconds headTimeout{5000};
    std::chrono::milliseconds keepAliveTimeout{10000};
    std::chrono::milliseconds bodyTimeout{30000};
    std::size_t maxHeadBytes = 32 * 1024;
};

class FrontDoor {
public:
    using Serve = std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;
    FrontDoor(const Poco::Net::ServerSocket& listening, FrontDoorOptions options, Serve serve);
    ~FrontDoor();  // stops
    FrontDoor(const FrontDoor&) = delete;
    FrontDoor& operator=(const FrontDoor&) = delete;

    void start();
    void stop();  // closes every connection; waits for the workers' current requests

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// True while the calling worker's request was cut at its deadline (readBody answers 408).
bool requestCutShort();

}  // namespace vanthu::server
