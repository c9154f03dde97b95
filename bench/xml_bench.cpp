// The safe XML parser on hostile and long inputs. These were timing assertions in
// tests/xml/parser_test.cpp (< 1 s and < 2 s); the unit tests keep what the parser answers.
#include <string>

#include <benchmark/benchmark.h>

#include "xml/parser.h"

namespace {

using namespace vanthu;

// "Billion laughs": nine levels of ten references each, refused before any expansion.
void BM_RejectEntityAmplification(benchmark::State& state) {
    std::string src = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        src += " <!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) src += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
        src += "\">\n";
    }
    src += "]>\n<lolz>&lol9;</lolz>\n";
    for (auto _ : state) {
        auto r = xml::parse(src);
        if (r.ok()) state.SkipWithError("the amplification was accepted");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_RejectEntityAmplification)->Unit(benchmark::kMicrosecond);

// 60,000 sibling elements on one line: the path and position of every node. Linear if neither
// rescans the line or the sibling list (quadratic would take minutes).
void BM_PathsAndPositions60k(benchmark::State& state) {
    std::string src = "<r>";
    for (int i = 0; i < 60000; ++i) src += "<p>x</p>";
    src += "</r>";
    auto r = xml::parse(src);
    if (!r.ok()) {
        state.SkipWithError("the document does not parse");
        return;
    }
    for (auto _ : state) {
        std::size_t total = 0;
        for (const auto& p : r->root().elements()) total += r->path(p).size() + std::size_t(r->position(p).column);
        benchmark::DoNotOptimize(total);
    }
}
BENCHMARK(BM_PathsAndPositions60k)->Unit(benchmark::kMillisecond);

}  // namespace
