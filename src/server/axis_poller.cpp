#include "server/axis_poller.h"

#include <iostream>

namespace vanthu::server {

AxisPoller::AxisPoller(AxisConfig config, std::chrono::milliseconds interval, AxisSink sink)
    : client_(std::move(config)), interval_(interval), sink_(std::move(sink)) {}

AxisPoller::~AxisPoller() { stop(); }

void AxisPoller::start() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (running_) return;
    running_ = true;
    thread_ = std::thread([this] {
        std::unique_lock<std::mutex> lock(mutex_);
        while (running_) {
            lock.unlock();
            try {
                pollOnce();
            } catch (const std::exception& e) {
                std::cerr << "vanthu axis: " << e.what() << "\n";
            }
            lock.lock();
            cv_.wait_for(lock, interval_, [this] { return !running_; });
        }
    });
}

void AxisPoller::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!running_) return;
        running_ = false;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

int AxisPoller::pollOnce() {
    int handled = 0;
    // Documents first (edxml.md §7.1 "Receive"), then the statuses about what we sent ("Track").
    for (const char* type : {"edoc", "status"}) {
        auto listed = client_.receivedList(type);
        if (!listed.ok()) {
            std::cerr << "vanthu axis: " << listed.error().messageEn << "\n";
            continue;  // the axis is down or refused us; the next pass tries again
        }
        for (const auto& item : listed.value()) {
            auto bytes = client_.getEdoc(item.docId);
            if (!bytes.ok()) {
                std::cerr << "vanthu axis: " << item.docId << ": " << bytes.error().messageEn << "\n";
                continue;
            }
            const AxisReceived r = sink_(item.docId, item.from, type, bytes.value());
            if (!r.taken) continue;
            ++handled;
            auto acked = client_.updateStatus(item.docId, r.parsed ? "done" : "fail");
            if (!acked.ok() || !acked.value())
                std::cerr << "vanthu axis: updateStatus " << item.docId << " was not accepted; it will come again\n";
        }
    }
    return handled;
}

}  // namespace vanthu::server
