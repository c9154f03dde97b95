// Renders the 1020/QĐ-BTP sample (a Quyết định with its Kế hoạch, 11 pages) to PDF in memory,
// with the time split into shaping, line breaking, the rest of layout, subsetting and
// compression; and generated documents of about 30, 100 and 300 pages, to show the cost grows
// linearly with the length. Issue #3 aims at < 3 ms for the sample.
#include <chrono>
#include <string>

#include <benchmark/benchmark.h>

#include "compose/composer.h"
#include "core/files.h"
#include "font/metrics.h"
#include "input/document_reader.h"
#include "layout/fonts.h"
#include "layout/layout.h"
#include "pdf/pdf_writer.h"
#include "render/renderer.h"
#include "xml/parser.h"

namespace {

using namespace vanthu;

const char* kSample = VANTHU_SAMPLES_DIR "/01-qd-1020-btp.xml";
const auto kCreated = std::chrono::sys_seconds{std::chrono::seconds{1525737600}};  // 2018-05-08

struct PdfFixture {
    PdfFixture() {
        xml::initialise();
        auto read = input::readDocumentFile(kSample);
        if (!read.ok()) throw std::runtime_error("sample does not read: " + read.error().describe());
        metrics = font::FontMetrics::load(dataDir() / "fonts");
        fonts = layout::Fonts::open(metrics);
        composer = compose::Composer::load(dataDir(), metrics);
        document = read.value().document;
        composition = composer->compose(document, {kCreated});
        options.iccProfile = pdf::loadIccProfile();
        render::RendererOptions ro;
        ro.created = kCreated;
        renderer = std::make_shared<render::Renderer>(ro);
        renderer->render(document, render::Format::Pdf);  // loads fonts and the ICC profile outside the timing
    }
    model::Document document;
    std::shared_ptr<render::Renderer> renderer;
    std::shared_ptr<const font::FontMetrics> metrics;
    std::shared_ptr<const layout::Fonts> fonts;
    std::shared_ptr<const compose::Composer> composer;
    compose::Composition composition;
    pdf::PdfOptions options;
};

const PdfFixture& fixture() {
    static const PdfFixture f;
    return f;
}

void report(benchmark::State& state, const pdf::PdfStats& s) {
    const double n = double(state.iterations());
    auto ms = [n](double seconds) { return benchmark::Counter(seconds * 1000.0 / n); };
    state.counters["shape_ms"] = ms(s.layout.shapeSeconds);
    state.counters["break_ms"] = ms(s.layout.breakSeconds);
    state.counters["layout_ms"] = ms(s.layout.totalSeconds);
    state.counters["subset_ms"] = ms(s.subsetSeconds);
    state.counters["compress_ms"] = ms(s.compressSeconds);
    state.counters["write_ms"] = ms(s.writeSeconds);
    state.counters["pages"] = double(s.pages);
    state.counters["pdf_bytes"] = double(s.bytes);
}

// The PDF render as the issue measures it: Composition → PDF bytes in memory.
void BM_RenderPdf(benchmark::State& state) {
    const auto& f = fixture();
    pdf::PdfStats stats;
    for (auto _ : state) {
        pdf::PdfStats one;
        auto bytes = pdf::renderPdf(f.composition, *f.fonts, f.options, &one);
        benchmark::DoNotOptimize(bytes);
        stats.layout.shapeSeconds += one.layout.shapeSeconds;
        stats.layout.breakSeconds += one.layout.breakSeconds;
        stats.layout.totalSeconds += one.layout.totalSeconds;
        stats.subsetSeconds += one.subsetSeconds;
        stats.compressSeconds += one.compressSeconds;
        stats.writeSeconds += one.writeSeconds;
        stats.pages = one.pages;
        stats.bytes = one.bytes;
    }
    report(state, stats);
}
BENCHMARK(BM_RenderPdf)->Unit(benchmark::kMicrosecond);

// The same without the timers (stats off), to show they cost nothing much.
void BM_RenderPdfNoStats(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(pdf::renderPdf(f.composition, *f.fonts, f.options));
}
BENCHMARK(BM_RenderPdfNoStats)->Unit(benchmark::kMicrosecond);

// Document → PDF bytes through render::Renderer (compose included), as the CLI, the server and
// the outbox call it.
void BM_RendererPdf(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.renderer->render(f.document, render::Format::Pdf));
}
BENCHMARK(BM_RendererPdf)->Unit(benchmark::kMicrosecond);

// Compose + PDF by hand: what BM_RendererPdf does without the Renderer.
void BM_ComposeAndRenderPdf(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state)
        benchmark::DoNotOptimize(pdf::renderPdf(f.composer->compose(f.document, {kCreated}), *f.fonts, f.options));
}
BENCHMARK(BM_ComposeAndRenderPdf)->Unit(benchmark::kMicrosecond);

void BM_LayoutOnly(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(layout::layoutDocument(f.composition, *f.fonts));
}
BENCHMARK(BM_LayoutOnly)->Unit(benchmark::kMicrosecond);

// A generated document: the sample's main section with its body blocks repeated `copies` times
// (about 10 pages per copy), so length grows and nothing else changes.
compose::Composition repeated(int copies) {
    const auto& f = fixture();
    compose::Composition c = f.composition;
    compose::Section s = c.sections.at(1);  // the Kế hoạch: headings, articles, tables
    const auto blocks = s.blocks;
    for (int i = 1; i < copies; ++i) s.blocks.insert(s.blocks.end(), blocks.begin(), blocks.end());
    c.sections = {s};
    return c;
}

void BM_RenderLongPdf(benchmark::State& state) {
    const auto& f = fixture();
    const compose::Composition c = repeated(static_cast<int>(state.range(0)));
    std::size_t pages = 0;
    for (auto _ : state) {
        pdf::PdfStats one;
        benchmark::DoNotOptimize(pdf::renderPdf(c, *f.fonts, f.options, &one));
        pages = one.pages;
    }
    state.counters["pages"] = double(pages);
    state.counters["us_per_page"] = benchmark::Counter(double(pages) * double(state.iterations()),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_RenderLongPdf)->Arg(3)->Arg(11)->Arg(33)->Unit(benchmark::kMillisecond);

}  // namespace
