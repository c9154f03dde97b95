// service/render_gate.h: rendering under a budget — at most a few renders at once, a bounded
// queue behind them (503 beyond it, or after waiting too long), and a bounded cache of what was
// rendered, keyed by a digest of everything the bytes depend on, so the same draft fetched again
// (or eight times at once) is rendered once. Issued documents are kept as artifacts instead.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

namespace vanthu::service {

struct RenderGateOptions {
    int concurrent = 2;                      // renders at once (the machine's cores, typically)
    int queued = 16;                         // waiting beyond those; more are refused at once
    std::chrono::milliseconds wait{30'000};  // how long one waits for its turn
    std::size_t cacheBytes = 64u << 20;      // rendered bytes kept, least recently used dropped
};

class RenderGate {
public:
    explicit RenderGate(RenderGateOptions options = {});
    ~RenderGate();
    RenderGate(const RenderGate&) = delete;
    RenderGate& operator=(const RenderGate&) = delete;

    // The bytes for `key` ("" = do not cache): from the cache, or from `render` run in turn. Errc::Storage with the
    // reason "render_busy" (503) when the queue is full or the turn does not come in time.
    // Exceptions of `render` pass through; nothing is cached then.
    Result<std::string> run(const std::string& key, const std::function<std::string()>& render);

    struct Stats {
        long hits = 0, renders = 0, refused = 0;
        std::size_t cachedBytes = 0;
    };
    Stats stats() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace vanthu::service
