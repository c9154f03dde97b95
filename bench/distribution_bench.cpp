// edXML packages for the 1020/QĐ-BTP sample with a 50 KB attachment (the size issue 5 aims its
// ≥ 500 deliveries/s at): build, write, read back (safe parse + XSD + §9 rules + base64), sign;
// and recipient resolution of the sample with the most Nơi nhận lines.
#include <chrono>
#include <string>

#include <benchmark/benchmark.h>

#include "distribution/agency_directory.h"
#include "distribution/edxml.h"
#include "distribution/package_builder.h"
#include "distribution/resolution.h"
#include "distribution/signing.h"
#include "input/document_reader.h"
#include "xml/parser.h"

namespace {

using namespace vanthu;
using namespace vanthu::distribution;

const auto kNow = std::chrono::sys_seconds{std::chrono::seconds{1525771800}};  // 2018-05-08 16:30 ICT

BuildOptions buildOptions() {
    BuildOptions o;
    o.now = kNow;
    return o;
}

struct Fixture {
    Fixture() {
        xml::initialise();
        auto dir = AgencyDirectory::loadFile(VANTHU_SAMPLES_DIR "/agencies.xml");
        if (!dir.ok()) throw std::runtime_error(dir.error().describe());
        directory = dir.value().directory;
        auto read = input::readDocumentFile(VANTHU_SAMPLES_DIR "/01-qd-1020-btp.xml");
        if (!read.ok()) throw std::runtime_error(read.error().describe());
        document = read.value().document;
        auto read7 = input::readDocumentFile(VANTHU_SAMPLES_DIR "/07-qd-quy-pham.xml");
        if (!read7.ok()) throw std::runtime_error(read7.error().describe());
        document7 = read7.value().document;
        std::string pdf = "%PDF-1.7\n";
        for (std::size_t i = 0; pdf.size() < 50 * 1024; ++i) pdf += static_cast<char>((i * 2654435761u) >> 24);
        files = {{"1020_QD-BTP.pdf", "application/pdf", pdf}};
        from = organizationOf(*directory.agency("btp"), directory);
        to = {organizationOf(*directory.agency("ubnd-thai-nguyen"), directory)};
        auto e = buildEdoc(document, from, to, files, buildOptions());
        if (!e.ok()) throw std::runtime_error(e.error().describe());
        edoc = e.value();
        bytes = edxml::writeEdoc(edoc).value();
    }
    AgencyDirectory directory;
    model::Document document, document7;
    std::vector<AttachmentFile> files;
    edxml::Organization from;
    std::vector<edxml::Organization> to;
    edxml::Edoc edoc;
    std::string bytes;
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

void BM_BuildAndWriteEdoc50k(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) {
        auto e = buildEdoc(f.document, f.from, f.to, f.files, buildOptions());
        auto bytes = edxml::writeEdoc(e.value());
        benchmark::DoNotOptimize(bytes);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes.size()));
}
BENCHMARK(BM_BuildAndWriteEdoc50k);

void BM_ReadEdoc50k(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) {
        auto r = edxml::readEdoc(f.bytes);
        if (!r.ok()) state.SkipWithError("read failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes.size()));
}
BENCHMARK(BM_ReadEdoc50k);

void BM_SignPackage50k(benchmark::State& state) {
    const auto& f = fixture();
    const PackageSigner signer("a link secret of reasonable length");
    for (auto _ : state) benchmark::DoNotOptimize(signer.sign(f.bytes));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.bytes.size()));
}
BENCHMARK(BM_SignPackage50k);

void BM_ResolveRecipients07(benchmark::State& state) {
    const auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(resolveRecipients(f.document7, f.directory));
}
BENCHMARK(BM_ResolveRecipients07);

void BM_LoadDirectory(benchmark::State& state) {
    xml::initialise();
    for (auto _ : state) benchmark::DoNotOptimize(AgencyDirectory::loadFile(VANTHU_SAMPLES_DIR "/agencies.xml"));
}
BENCHMARK(BM_LoadDirectory);

}  // namespace
