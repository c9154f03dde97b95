// Deliveries per second between two instances on loopback (issue 5): A's outbox (store-backed,
// HttpTransport with the link signature) sends edoc packages carrying a 50 KB PDF to B's inbox
// (signature check, edXML schema + rules, dedupe, incoming register, attachments stored, status 01
// back), both on SQLite in a temporary directory. Each package has its own DocumentId, so every
// delivery is registered (no dedupe shortcut). VANTHU_BENCH_DELIVERIES (default 1000), workers
// VANTHU_BENCH_WORKERS (default 8).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "distribution/agency_directory.h"
#include "server/http_transport.h"
#include "distribution/outbox.h"
#include "distribution/package_builder.h"
#include "input/document_reader.h"
#include "server/exchange.h"
#include "server/server.h"
#include "store/exchange_store.h"
#include "store/store.h"
#include "xml/parser.h"

namespace {

using namespace vanthu;
namespace dist = vanthu::distribution;

int envInt(const char* name, int dflt) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : dflt;
}

std::string pdfOf(std::size_t size) {  // "%PDF-" then deterministic incompressible bytes
    std::string s = "%PDF-1.7\n";
    std::uint64_t x = 88172645463325252ull;
    while (s.size() < size) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s += char(x & 0xff);
    }
    return s;
}

void BM_DeliveriesBetweenTwoInstances(benchmark::State& state) {
    xml::initialise();
    const int n = envInt("VANTHU_BENCH_DELIVERIES", 1000);
    const int workers = envInt("VANTHU_BENCH_WORKERS", 8);
    const auto dir = std::filesystem::temp_directory_path() / ("vanthu-exchange-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string samples = VANTHU_SAMPLES_DIR;
    auto loaded = dist::AgencyDirectory::loadFile(samples + "/agencies.xml");
    const auto& directory = loaded.value().directory;
    const dist::Agency& btp = *directory.agency("btp");
    const dist::Agency& tn = *directory.agency("ubnd-thai-nguyen");
    { std::ofstream(dir / "links-b") << "link-a " << btp.organId << " bench-secret\n"; }

    // B: the receiving instance.
    auto storeB = store::Store::open({"sqlite:" + (dir / "b.db").string(), {}, 48});
    server::ExchangeOptions eb;
    eb.linksPath = (dir / "links-b").string();
    eb.receiveFor = {tn.organId};
    eb.workers = false;
    server::ServerOptions sb;
    sb.exchange = std::make_shared<server::Exchange>(*storeB, eb, nullptr);
    server::Server b(*storeB, sb, nullptr);
    b.start();

    // A: n documents, each with its package (own DocumentId, a 50 KB PDF), queued to B.
    auto storeA = store::Store::open({"sqlite:" + (dir / "a.db").string(), {}, 16});
    const auto organ = storeA->ensureOrgan("BTP", "BỘ TƯ PHÁP");
    auto read = input::readDocumentFile(samples + "/01-qd-1020-btp.xml");
    std::ifstream xf(samples + "/01-qd-1020-btp.xml", std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(xf)), {});
    const std::string pdf = pdfOf(50 * 1024);
    std::size_t packageBytes = 0;
    std::vector<store::OutboxEntry> rows;
    for (int i = 0; i < n; ++i) {
        model::Document doc = read.value().document;
        doc.code.number = 1 + i;
        const auto rec = storeA->createDraft(organ.id, xml, doc, "bench");
        dist::BuildOptions bo;
        bo.now = std::chrono::sys_seconds(std::chrono::seconds(1767225600));  // 2026-01-01, fixed
        auto e = dist::buildEdoc(doc, dist::organizationOf(btp, directory), {dist::organizationOf(tn, directory)},
                                 {{"qd.pdf", "application/pdf", pdf}}, bo);
        if (!e.ok()) {
            state.SkipWithError(e.error().describe().c_str());
            return;
        }
        auto bytes = dist::edxml::writeEdoc(e.value());
        if (!bytes.ok()) {
            state.SkipWithError(bytes.error().describe().c_str());
            return;
        }
        packageBytes = bytes.value().size();
        storeA->putArtifact(rec.value().id, "edxml", "application/xml", bytes.value());
        store::OutboxEntry o;
        o.documentId = rec.value().id;
        o.edxmlDocumentId = e.value().documentId;
        o.recipientOrganId = tn.organId;
        o.recipientKey = tn.key;
        o.recipientName = tn.name;
        o.transport = "vanthu";
        o.url = "http://127.0.0.1:" + std::to_string(b.port()) + "/api/v1/edxml";
        o.link = "link-b";
        rows.push_back(o);
    }
    auto links = std::make_shared<const vanthu::server::LinkTable>(std::vector<vanthu::server::Link>{{"link-b", tn.organId, "bench-secret"}});
    dist::OutboxOptions oo;
    oo.workers = workers;
    oo.batch = 4;
    oo.idle = std::chrono::milliseconds(2);
    std::map<std::string, std::shared_ptr<dist::Transport>> transports{{"vanthu", std::make_shared<vanthu::server::HttpTransport>(btp.organId, links)}};
    dist::Outbox outbox(*storeA, transports, [](const store::DocumentRecord&) -> Result<std::string> { return std::string(); }, oo);

    auto acknowledged = [&] {
        std::int64_t k = 0;
        storeA->read([&](store::Sql& sql) { k = sql.query("SELECT COUNT(*) FROM deliveries WHERE state = '01'").i(0, 0); });
        return k;
    };
    for (auto _ : state) {
        state.PauseTiming();
        storeA->transaction([&](store::Sql& sql) {
            for (const auto& r : rows) store::exchange::enqueue(sql, r, outbox.now(), dist::isoMs(outbox.now()));
        });
        state.ResumeTiming();
        const auto t0 = std::chrono::steady_clock::now();
        outbox.start();
        while (acknowledged() < n && std::chrono::steady_clock::now() - t0 < std::chrono::minutes(5))
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        outbox.stop();
    }
    std::int64_t registered = 0;
    storeB->read([&](store::Sql& sql) { registered = sql.query("SELECT COUNT(*) FROM incoming").i(0, 0); });
    state.SetItemsProcessed(std::int64_t(n) * state.iterations());
    state.counters["deliveries"] = double(n);
    state.counters["registered_at_B"] = double(registered);
    state.counters["acknowledged_01"] = double(acknowledged());
    state.counters["package_bytes"] = double(packageBytes);
    state.counters["workers"] = workers;
    b.stop();
    storeA.reset();
    storeB.reset();
    std::filesystem::remove_all(dir);
}
BENCHMARK(BM_DeliveriesBetweenTwoInstances)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
