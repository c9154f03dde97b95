// tests/service: rendering under a budget (issue 14, Build 3) — renders in turn, a bounded queue
// with a clear 503 reason beyond it, the same bytes rendered once however many ask at once, and a
// cache bounded in bytes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "service/render_gate.h"

namespace vanthu::service {
namespace {

using namespace std::chrono_literals;

TEST(RenderGate, EightAskingForTheSameBytesAtOnceRenderThemOnce) {
    RenderGateOptions o;
    o.wait = 60s;  // a waiter nobody wakes would sit here for a minute
    RenderGate gate(o);
    const auto began = std::chrono::steady_clock::now();
    std::atomic<int> renders{0};
    std::latch start(8);
    std::vector<std::thread> clients;
    std::vector<std::string> got(8);
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([&, i] {
            start.arrive_and_wait();
            auto r = gate.run("draft-1.pdf", [&] {
                ++renders;
                std::this_thread::sleep_for(50ms);  // long enough for the others to queue behind it
                return std::string("%PDF bytes");
            });
            got[i] = r.ok() ? r.value() : "refused";
        });
    for (auto& c : clients) c.join();
    // Not a speed figure: the renders take 50 ms; waiting out the minute means a lost wake-up.
    EXPECT_LT(std::chrono::steady_clock::now() - began, 30s) << "waiters were not woken when the bytes were ready";
    for (const auto& g : got) EXPECT_EQ(g, "%PDF bytes");
    // Two may start together (concurrent = 2); the rest find the bytes cached.
    EXPECT_LE(renders.load(), 2);
    EXPECT_GE(gate.stats().hits, 6);
}

TEST(RenderGate, NeverMoreThanTheConcurrentLimitAtOnce) {
    RenderGateOptions o;
    o.concurrent = 2;
    RenderGate gate(o);
    std::atomic<int> active{0}, peak{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([&, i] {
            auto r = gate.run("doc-" + std::to_string(i), [&] {
                const int now = ++active;
                for (int p = peak; now > p && !peak.compare_exchange_weak(p, now);) {
                }
                std::this_thread::sleep_for(20ms);
                --active;
                return std::string(10, 'x');
            });
            EXPECT_TRUE(r.ok());
        });
    for (auto& c : clients) c.join();
    EXPECT_EQ(peak.load(), 2);
    EXPECT_EQ(gate.stats().renders, 8);
}

TEST(RenderGate, AFullQueueIsRefusedAtOnceWithAReasonInBothLanguages) {
    RenderGateOptions o;
    o.concurrent = 1;
    o.queued = 1;
    RenderGate gate(o);
    std::latch rendering(1), release(1);
    std::thread first([&] {
        (void)gate.run("a", [&] {
            rendering.count_down();
            release.wait();
            return std::string("a");
        });
    });
    rendering.wait();
    std::thread second([&] { (void)gate.run("b", [] { return std::string("b"); }); });  // waits in the queue
    while (true) {  // until the second one is queued
        std::this_thread::sleep_for(5ms);
        auto probe = gate.run("a", [] { return std::string("never"); });  // "a" not cached yet: the queue is full
        if (!probe.ok()) {
            EXPECT_EQ(probe.error().code, Errc::Storage);  // 503
            EXPECT_EQ(probe.error().reason, "render_busy");
            EXPECT_FALSE(probe.error().messageVi.empty());
            EXPECT_FALSE(probe.error().messageEn.empty());
            break;
        }
    }
    release.count_down();
    first.join();
    second.join();
    EXPECT_GE(gate.stats().refused, 1);
}

TEST(RenderGate, AWaitThatRunsOutIsRefused) {
    RenderGateOptions o;
    o.concurrent = 1;
    o.wait = 30ms;
    RenderGate gate(o);
    std::latch rendering(1), release(1);
    std::thread first([&] {
        (void)gate.run("slow", [&] {
            rendering.count_down();
            release.wait();
            return std::string("s");
        });
    });
    rendering.wait();
    auto late = gate.run("other", [] { return std::string("o"); });
    release.count_down();
    first.join();
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().reason, "render_busy");
}

TEST(RenderGate, TheCacheKeepsAtMostItsBytesDroppingTheLeastRecentlyUsed) {
    RenderGateOptions o;
    o.cacheBytes = 250;
    RenderGate gate(o);
    int renders = 0;
    auto hundred = [&] {
        ++renders;
        return std::string(100, 'x');
    };
    ASSERT_TRUE(gate.run("a", hundred).ok());
    ASSERT_TRUE(gate.run("b", hundred).ok());
    ASSERT_TRUE(gate.run("a", hundred).ok());  // a is now the most recent
    ASSERT_TRUE(gate.run("c", hundred).ok());  // 300 > 250: b goes
    EXPECT_EQ(renders, 3);
    EXPECT_LE(gate.stats().cachedBytes, 250u);
    ASSERT_TRUE(gate.run("a", hundred).ok());
    EXPECT_EQ(renders, 3);  // still cached
    ASSERT_TRUE(gate.run("b", hundred).ok());
    EXPECT_EQ(renders, 4);  // was dropped
}

TEST(RenderGate, AFailedRenderPassesItsExceptionAndKeepsNothing) {
    RenderGate gate;
    EXPECT_THROW((void)gate.run("k", []() -> std::string { throw std::runtime_error("font missing"); }), std::runtime_error);
    int renders = 0;
    auto r = gate.run("k", [&] {
        ++renders;
        return std::string("ok");
    });
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(renders, 1);
    // The failed render released its turn: a gate of one is usable again.
    RenderGateOptions one;
    one.concurrent = 1;
    one.wait = 100ms;
    RenderGate single(one);
    EXPECT_THROW((void)single.run("x", []() -> std::string { throw std::runtime_error("boom"); }), std::runtime_error);
    EXPECT_TRUE(single.run("y", [] { return std::string("y"); }).ok());
}

TEST(RenderGate, AnEmptyKeyIsNeverCached) {
    RenderGate gate;
    int renders = 0;
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(gate.run("", [&] { return std::to_string(++renders); }).ok());
    EXPECT_EQ(renders, 3);
}

}  // namespace
}  // namespace vanthu::service
