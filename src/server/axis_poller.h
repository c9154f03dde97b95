// server/axis_poller.h: receiving from the national exchange axis inside `vanthu serve`
// (edxml.md §7.1, flows "Receive" and "Track").
//
// Every interval: getReceivedEdocList for edoc packages, then for status packages; getEdoc for
// each; the bytes go to the sink (the inbox of server/exchange.h); then updateStatus "done", or
// "fail" when the package did not read. A package the sink could not take (a fault, e.g. the
// database is down) stays pending on the axis and comes again in the next pass. The inbox
// deduplicates on (DocumentId, sender), so a crash between the sink and updateStatus registers
// nothing twice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "server/axis_transport.h"

namespace vanthu::server {

struct AxisReceived {
    bool taken = true;   // false: a fault; leave the package pending on the axis
    bool parsed = true;  // updateStatus done (true) or fail (false)
};

// docId (the axis'), from (the sender's organId as the axis authenticated it), messageType, bytes.
using AxisSink = std::function<AxisReceived(const std::string& docId, const std::string& from, const std::string& messageType,
                                            const std::string& bytes)>;

class AxisPoller {
public:
    AxisPoller(AxisConfig config, std::chrono::milliseconds interval, AxisSink sink);
    ~AxisPoller();  // stops
    AxisPoller(const AxisPoller&) = delete;
    AxisPoller& operator=(const AxisPoller&) = delete;

    void start();
    void stop();
    int pollOnce();  // one pass; returns how many packages were handed to the sink

private:
    AxisClient client_;
    std::chrono::milliseconds interval_;
    AxisSink sink_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool running_ = false;
    std::thread thread_;
};

}  // namespace vanthu::server
