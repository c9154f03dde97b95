// tests/exchange/axis_standin.h: a small stand-in for the national exchange axis (VDXP,
// edxml.md §7.1) on 127.0.0.1, port 0: sendEdoc, getReceivedEdocList, getEdoc, updateStatus,
// every call verified with verifyAxisHeaders against the caller's systemid secret.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vanthu::testing {

class AxisStandIn {
public:
    struct System {
        std::string secret, organId;
    };
    struct Stored {
        std::string docId, from, to, messageType, bytes, status = "pending";  // pending | done | fail
    };
    explicit AxisStandIn(std::map<std::string, System> systems);  // systemid → secret, organId
    ~AxisStandIn();
    int port() const;
    std::vector<Stored> stored() const;
    int refused() const;  // calls whose signature did not verify
    // Back to pending, as the axis does for a receiver that fetched but never acknowledged it.
    void redeliver(const std::string& docId);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::testing
