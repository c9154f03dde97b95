#include "service/render_gate.h"

#include <condition_variable>
#include <list>
#include <malloc.h>
#include <mutex>
#include <unordered_map>

#include "service/access.h"

namespace vanthu::service {

struct RenderGate::State {
    RenderGateOptions options;
    std::mutex mutex;
    std::condition_variable turn;
    int active = 0, waiting = 0;
    // Most recently used first; the map points into the list.
    std::list<std::pair<std::string, std::string>> lru;
    std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator> byKey;
    Stats stats;

    const std::string* cached(const std::string& key) {
        if (key.empty()) return nullptr;
        const auto it = byKey.find(key);
        if (it == byKey.end()) return nullptr;
        lru.splice(lru.begin(), lru, it->second);
        ++stats.hits;
        return &it->second->second;
    }

    void keep(const std::string& key, const std::string& bytes) {
        if (key.empty() || bytes.size() > options.cacheBytes || byKey.count(key)) return;
        lru.emplace_front(key, bytes);
        byKey[key] = lru.begin();
        stats.cachedBytes += bytes.size();
        while (stats.cachedBytes > options.cacheBytes) {
            stats.cachedBytes -= lru.back().second.size();
            byKey.erase(lru.back().first);
            lru.pop_back();
        }
    }
};

RenderGate::RenderGate(RenderGateOptions options) : state_(std::make_unique<State>()) { state_->options = options; }
RenderGate::~RenderGate() = default;

namespace {

Error busy() {
    return refusal(Errc::Storage, "render_busy", "Máy chủ đang bận dựng các văn bản khác, vui lòng thử lại sau",
                   "the server is busy rendering other documents; try again shortly", "");
}

}  // namespace

Result<std::string> RenderGate::run(const std::string& key, const std::function<std::string()>& render) {
    State& s = *state_;
    {
        std::unique_lock<std::mutex> lock(s.mutex);
        if (const auto* hit = s.cached(key)) return *hit;
        if (s.active >= s.options.concurrent && s.waiting >= s.options.queued) {
            ++s.stats.refused;
            return busy();
        }
        ++s.waiting;
        const bool got = s.turn.wait_for(lock, s.options.wait, [&] { return s.active < s.options.concurrent; });
        --s.waiting;
        if (!got) {
            ++s.stats.refused;
            return busy();
        }
        // Another request for the same bytes may have rendered them while this one waited.
        if (const auto* hit = s.cached(key)) return *hit;
        ++s.active;
        ++s.stats.renders;
    }
    auto release = [&s] {
        std::lock_guard<std::mutex> lock(s.mutex);
        --s.active;
        // The last render out gives the allocator's free pages back to the system: a large render
        // otherwise leaves the process at its peak size.
        if (s.active == 0) ::malloc_trim(0);
        s.turn.notify_all();  // every waiter re-checks: some find the bytes cached, one takes the turn
    };
    std::string bytes;
    try {
        bytes = render();
    } catch (...) {
        release();
        throw;
    }
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        s.keep(key, bytes);
    }
    release();
    return bytes;
}

RenderGate::Stats RenderGate::stats() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->stats;
}

}  // namespace vanthu::service
