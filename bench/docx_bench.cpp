// Renders the 1020/QĐ-BTP sample (a Quyết định with its 25-page Kế hoạch) to DOCX in memory,
// stage by stage, and the floor: deflating the same parts with zlib at the writer's level.
// Issue #2 aims at < 0.4 ms for the whole render and within 2× of the floor.
#include <chrono>
#include <string>

#include <benchmark/benchmark.h>
#include <zlib.h>

#include "compose/composer.h"
#include "core/files.h"
#include "docx/docx_writer.h"
#include "docx/zip_writer.h"
#include "input/document_reader.h"
#include "render/renderer.h"
#include "xml/parser.h"

namespace {

using namespace vanthu;

const char* kSample = VANTHU_SAMPLES_DIR "/01-qd-1020-btp.xml";
const auto kCreated = std::chrono::sys_seconds{std::chrono::seconds{1525737600}};  // 2018-05-08

struct Fixture {
    Fixture() {
        xml::initialise();
        auto read = input::readDocumentFile(kSample);
        if (!read.ok()) throw std::runtime_error("sample does not read: " + read.error().describe());
        document = read.value().document;
        composer = compose::Composer::load(dataDir());
        composition = composer->compose(document, {kCreated});
        parts = docx::buildParts(composition, {kCreated});
        render::RendererOptions ro;
        ro.created = kCreated;
        renderer = std::make_shared<render::Renderer>(ro);
        renderer->render(document, render::Format::Docx);  // loads templates and fonts outside the timing
    }
    model::Document document;
    std::shared_ptr<const compose::Composer> composer;
    compose::Composition composition;
    std::vector<docx::Part> parts;
    std::shared_ptr<render::Renderer> renderer;
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

void BM_ReadXml(benchmark::State& state) {
    const std::string bytes = readFile(kSample);
    for (auto _ : state) benchmark::DoNotOptimize(input::readDocumentXml(bytes));
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(bytes.size()));
}
BENCHMARK(BM_ReadXml)->Unit(benchmark::kMicrosecond);

void BM_Compose(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.composer->compose(f.document, {kCreated}));
}
BENCHMARK(BM_Compose)->Unit(benchmark::kMicrosecond);

void BM_DocxParts(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(docx::buildParts(f.composition, {kCreated}));
}
BENCHMARK(BM_DocxParts)->Unit(benchmark::kMicrosecond);

// The DOCX render as the issue measures it: Composition → .docx bytes in memory.
void BM_RenderDocx(benchmark::State& state) {
    const auto& f = fixture();
    std::size_t size = 0;
    for (auto _ : state) {
        auto bytes = docx::renderDocx(f.composition, {kCreated});
        size = bytes.size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["docx_bytes"] = double(size);
}
BENCHMARK(BM_RenderDocx)->Unit(benchmark::kMicrosecond);

// Compose + render: what a request pays once the document is parsed.
void BM_ComposeAndRenderDocx(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(docx::renderDocx(f.composer->compose(f.document, {kCreated}), {kCreated}));
}
BENCHMARK(BM_ComposeAndRenderDocx)->Unit(benchmark::kMicrosecond);

// The same through render::Renderer, as the CLI, the server and the outbox call it.
void BM_RendererDocx(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.renderer->render(f.document, render::Format::Docx));
}
BENCHMARK(BM_RendererDocx)->Unit(benchmark::kMicrosecond);

// Compose alone on a long body: 1020/QĐ-BTP with 300 articles of two clauses (900 paragraphs,
// some 35 pages). Was a timing assertion in tests/compose (< 20 ms, a bound for Debug builds).
model::Block longBodyBlock(model::BlockKind kind, std::string text, std::vector<model::Block> children = {}) {
    model::Block b;
    b.kind = kind;
    b.text = {model::Run{std::move(text)}};
    b.children = std::move(children);
    return b;
}

void BM_ComposeLong(benchmark::State& state) {
    const auto& f = fixture();
    model::Document d = f.document;
    d.body.clear();
    for (int i = 0; i < 300; ++i) {
        model::Block article;
        article.kind = model::BlockKind::Article;
        article.children = {
            longBodyBlock(model::BlockKind::Clause,
                          "Nội dung khoản thứ nhất của điều, đủ dài để chiếm hai dòng trên trang giấy A4."),
            longBodyBlock(model::BlockKind::Clause, "Nội dung khoản thứ hai.")};
        d.body.push_back(std::move(article));
    }
    std::size_t blocks = 0;
    for (auto _ : state) blocks = f.composer->compose(d, {kCreated}).sections.at(0).blocks.size();
    if (blocks == 0) state.SkipWithError("composed no block");
    state.counters["blocks"] = double(blocks);
}
BENCHMARK(BM_ComposeLong)->Unit(benchmark::kMicrosecond);

// The floor: raw deflate of the very same part bytes at the zip writer's level, nothing else.
void BM_DeflateFloor(benchmark::State& state) {
    const auto& f = fixture();
    const int level = docx::ZipOptions{}.level;
    std::string out;
    for (auto _ : state) {
        for (const auto& p : f.parts) {
            z_stream z{};
            deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
            out.resize(deflateBound(&z, uLong(p.bytes.size())));
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p.bytes.data()));
            z.avail_in = uInt(p.bytes.size());
            z.next_out = reinterpret_cast<Bytef*>(out.data());
            z.avail_out = uInt(out.size());
            deflate(&z, Z_FINISH);
            deflateEnd(&z);
            benchmark::DoNotOptimize(out.data());
        }
    }
}
BENCHMARK(BM_DeflateFloor)->Unit(benchmark::kMicrosecond);

}  // namespace
