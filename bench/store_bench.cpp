// Store and service benchmarks (bench/README.md "Store"):
//   VANTHU_BENCH_DOCS=1000000 build/bench/vanthu_store_bench
// The archive of VANTHU_BENCH_DOCS generated documents (default 20000) is built once into
// var/bench/archive-<N>.db and reused; code lookup and full-text query report p50/p99 over 2000
// queries each (VANTHU_BENCH_QUERIES); HTTP issuing reports issues per second with 16 clients on loopback.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <thread>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "server/server.h"
#include "store/store.h"

namespace {

using namespace vanthu;
using Clock = std::chrono::steady_clock;

// Timed queries per benchmark (VANTHU_BENCH_QUERIES, default 2000).
int queryCount() {
    const char* e = std::getenv("VANTHU_BENCH_QUERIES");
    return e && *e ? std::atoi(e) : 2000;
}

long docCount() {
    const char* e = std::getenv("VANTHU_BENCH_DOCS");
    return e && *e ? std::atol(e) : 20000;
}

const char* kTopics[] = {
    "tổ chức thi hành pháp luật", "phổ biến, giáo dục pháp luật", "cải cách hành chính", "chuyển đổi số",
    "phòng, chống tham nhũng", "quản lý văn bản điện tử", "công tác văn thư, lưu trữ", "thi đua, khen thưởng",
    "bảo đảm an toàn thông tin", "kiểm soát thủ tục hành chính", "theo dõi tình hình thi hành pháp luật",
    "bồi dưỡng cán bộ, công chức", "quản lý ngân sách nhà nước", "phòng cháy, chữa cháy", "xây dựng nông thôn mới",
    "bảo vệ môi trường", "an toàn giao thông", "đăng ký hộ tịch", "hỗ trợ pháp lý cho doanh nghiệp", "hòa giải ở cơ sở"};
const char* kLead[] = {"Kế hoạch", "Báo cáo kết quả", "Hướng dẫn", "Tăng cường", "Triển khai", "Đôn đốc", "Tổng kết"};
const char* kYears[] = {"năm 2019", "năm 2020", "năm 2021", "năm 2022", "năm 2023", "năm 2024", "giai đoạn 2021-2025"};
const char* kSigners[] = {"Phan Chí Hiếu", "Nguyễn Thanh Tịnh", "Đặng Hoàng Oanh", "Mai Lương Khôi", "Trần Tiến Dũng"};

model::Document generated(std::mt19937& rng, int number, int year) {
    model::Document d;
    d.type = rng() % 3 == 0 ? model::DocumentType::KeHoach : model::DocumentType::CongVan;
    d.code.number = number;
    d.code.notation = d.type == model::DocumentType::KeHoach ? "KH-BTP" : "BTP-VP";
    d.issuer = {"BỘ TƯ PHÁP", "BTP", ""};
    d.place = "Hà Nội";
    d.issueDate = model::Date{year, int(1 + rng() % 12), int(1 + rng() % 28)};
    d.subject = std::string(kLead[rng() % 7]) + " " + kTopics[rng() % 20] + " " + kYears[rng() % 7];
    model::Block p;
    p.kind = model::BlockKind::Paragraph;
    p.text.push_back({"Thực hiện nhiệm vụ " + std::string(kTopics[rng() % 20]) + ", đề nghị các đơn vị " + kTopics[rng() % 20] +
                          " và báo cáo kết quả trước ngày " + std::to_string(1 + rng() % 28) + ".",
                      false, false, false});
    d.body.push_back(p);
    model::Signature s;
    s.name = kSigners[rng() % 5];
    d.signatures.push_back(s);
    return d;
}

struct Archive {
    std::unique_ptr<store::Store> store;
    std::vector<std::string> codes;
};

// Builds (once) or opens the archive of N documents; numbers run 1… per year, 100k per year.
Archive& archive() {
    static Archive a = [] {
        const long n = docCount();
        const auto path = std::filesystem::path("var/bench") / ("archive-" + std::to_string(n) + ".db");
        const bool exists = std::filesystem::exists(path);
        Archive out;
        out.store = store::Store::open(store::OpenOptions{"sqlite:" + path.string(), {}, 8});
        const auto organ = out.store->ensureOrgan("BTP", "BỘ TƯ PHÁP");
        std::mt19937 rng(7);
        const auto t0 = Clock::now();
        for (long i = 0; i < n; ++i) {
            const int year = 2000 + int(i / 100000), number = int(i % 100000) + 1;
            auto d = generated(rng, number, year);
            out.codes.push_back(std::to_string(number) + "/" + d.code.notation);
            if (exists) continue;
            auto r = out.store->importIssued(organ.id, 0, "<document/>", d, "bench");
            if (!r.ok()) std::cerr << "generate: " << r.error().describe() << "\n";
            if ((i + 1) % 100000 == 0)
                std::cerr << "generated " << (i + 1) << " documents in "
                          << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - t0).count() << " s\n";
        }
        if (!exists) {
            out.store->optimize();
            std::cerr << "generated " << n << " documents and optimised the index in "
                      << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - t0).count() << " s\n";
        }
        return out;
    }();
    return a;
}

void percentiles(benchmark::State& state, std::vector<double>& ms) {
    std::sort(ms.begin(), ms.end());
    state.counters["p50_ms"] = ms[ms.size() / 2];
    state.counters["p99_ms"] = ms[ms.size() * 99 / 100];
    state.counters["docs"] = double(docCount());
}

void BM_CodeLookup(benchmark::State& state) {
    auto& a = archive();
    std::mt19937 rng(11);
    std::vector<double> ms;
    for (auto _ : state) {
        for (int i = 0; i < queryCount(); ++i) {
            store::Query q;
            q.code = a.codes[rng() % a.codes.size()];
            const auto t0 = Clock::now();
            auto r = a.store->search(q);
            benchmark::DoNotOptimize(r);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
    }
    percentiles(state, ms);
}
BENCHMARK(BM_CodeLookup)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_FullTextQuery(benchmark::State& state) {
    auto& a = archive();
    const char* queries[] = {"ke hoach thi hanh phap luat", "chuyển đổi số năm 2024", "hoa giai o co so", "an toàn thông tin",
                             "bao cao ket qua cai cach hanh chinh giai doan 2021-2025"};
    std::vector<double> ms;
    for (auto _ : state) {
        for (int i = 0; i < queryCount(); ++i) {
            store::Query q;
            q.text = queries[i % 5];
            const auto t0 = Clock::now();
            auto r = a.store->search(q);
            benchmark::DoNotOptimize(r);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
    }
    percentiles(state, ms);
}
BENCHMARK(BM_FullTextQuery)->Iterations(1)->Unit(benchmark::kMillisecond);

// Issues per second over HTTP: 16 clients, keep-alive, one register, on a fresh SQLite file.
void BM_HttpIssue(benchmark::State& state) {
    const int kDocs = 4000, kClients = 16;
    const std::string url = "sqlite:var/bench/issue.db";
    store::Store::resetForTest(url);
    auto st = store::Store::open(store::OpenOptions{url, {}, 40});
    const auto organ = st->ensureOrgan("BTP", "BỘ TƯ PHÁP");
    const std::string token = st->addUser("bench", store::Role::Clerk, organ.id, false);
    std::mt19937 rng(3);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < kDocs; ++i) {
        auto d = generated(rng, 1, 2024);
        d.code.number.reset();
        d.issueDate.reset();
        ids.push_back(st->createDraft(organ.id, "<document/>", d, "bench")->id);
    }
    server::Server srv(*st, server::ServerOptions{}, nullptr);
    srv.start();
    double seconds = 0;
    std::atomic<int> errors{0};
    for (auto _ : state) {
        std::atomic<int> next{0};
        const auto t0 = Clock::now();
        std::vector<std::thread> threads;
        for (int c = 0; c < kClients; ++c)
            threads.emplace_back([&] {
                Poco::Net::HTTPClientSession s("127.0.0.1", Poco::UInt16(srv.port()));
                s.setKeepAlive(true);
                for (int i = next++; i < kDocs; i = next++) {
                    Poco::Net::HTTPRequest req("POST", "/api/v1/documents/" + std::to_string(ids[std::size_t(i)]) + "/issue",
                                               Poco::Net::HTTPMessage::HTTP_1_1);
                    req.setKeepAlive(true);
                    req.set("Authorization", "Bearer " + token);
                    req.setContentLength(0);
                    s.sendRequest(req);
                    Poco::Net::HTTPResponse res;
                    std::istream& is = s.receiveResponse(res);
                    std::string body(std::istreambuf_iterator<char>(is), {});
                    if (res.getStatus() != 200) ++errors;
                }
            });
        for (auto& t : threads) t.join();
        seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    srv.stop();
    state.counters["issues_per_s"] = kDocs / seconds;
    state.counters["errors"] = errors.load();
}
BENCHMARK(BM_HttpIssue)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
