// tests/exchange/exchange_fixtures.h: real `vanthu serve` processes on loopback, each with its own
// SQLite database, agency directory and links file, for the exchange suites.
#pragma once

#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/http_client.h"
#include "store/fixtures.h"
#include "store/store.h"

namespace vanthu::testing {

constexpr const char* kBtp = "000.00.00.G12";   // A: Bộ Tư pháp
constexpr const char* kKhtc = "000.00.05.G12";  // B: Cục Kế hoạch - Tài chính (an agency of its own here)
constexpr const char* kCntt = "000.00.06.G12";  // C: Cục Công nghệ thông tin, down at first

inline int freePort() {
    Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int p = s.address().port();
    s.close();
    return p;
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
}

inline void spit(const std::filesystem::path& p, const std::string& s) {
    std::ofstream f(p, std::ios::binary);
    f << s;
}

// The shipped directory, where the two Cục of Article 3 of the 1020/QĐ-BTP sample are agencies with
// an organId and a vanthu endpoint (in the shipped file they are internal units of the Bộ); every
// other endpoint is dropped so nothing else is queued.
inline std::string testDirectory(int portA, int portB, int portC) {
    std::string x = slurp(std::filesystem::path(VANTHU_SAMPLES_DIR) / "agencies.xml");
    x = std::regex_replace(x, std::regex(R"(\s*<endpoint transport="axis"/>)"), "");
    auto endpoint = [](int port, const char* link) {
        return "<endpoint transport=\"vanthu\" url=\"http://127.0.0.1:" + std::to_string(port) + "/api/v1/edxml\" link=\"" + link + "\"/>";
    };
    for (const char* key : {"btp-khtc", "btp-cntt"}) {
        const std::regex unit("\\s*<unit key=\"" + std::string(key) + "\">[\\s\\S]*?</unit>");
        x = std::regex_replace(x, unit, "");
    }
    const std::string btpOpen = "<agency key=\"btp\" organId=\"000.00.00.G12\">";
    const auto at = x.find(btpOpen);
    if (at == std::string::npos) throw std::runtime_error("agencies.xml: no btp entry");
    const auto firstUnit = x.find("<unit ", at);  // endpoint comes after the aliases, before the units
    x.insert(firstUnit, endpoint(portA, "link-a") + "\n    ");
    const std::string extra =
        "  <agency key=\"btp-khtc\" organId=\"" + std::string(kKhtc) + "\" parent=\"btp\">\n"
        "    <name>Cục Kế hoạch - Tài chính</name>\n    <abbreviation>KHTC</abbreviation>\n    " + endpoint(portB, "link-b") + "\n  </agency>\n"
        "  <agency key=\"btp-cntt\" organId=\"" + std::string(kCntt) + "\" parent=\"btp\">\n"
        "    <name>Cục Công nghệ thông tin</name>\n    <abbreviation>CNTT</abbreviation>\n    " + endpoint(portC, "link-c") + "\n  </agency>\n";
    const auto groups = x.find("  <group ");  // agencies come before the groups
    x.insert(groups == std::string::npos ? x.find("</agencyDirectory>") : groups, extra);
    return x;
}

// One `vanthu serve` process. Stops with SIGINT in the destructor; killHard() sends SIGKILL.
class Instance {
public:
    Instance(std::vector<std::string> args) : args_(std::move(args)) { launch(); }
    ~Instance() { stop(); }
    void launch() {
        out_.emplace();
        handle_.emplace(Poco::Process::launch(VANTHU_BINARY, args_, nullptr, &*out_, nullptr));
        Poco::PipeInputStream is(*out_);
        std::string line;
        port_ = 0;
        while (std::getline(is, line)) {
            const auto at = line.find("http://127.0.0.1:");
            if (at != std::string::npos) {
                port_ = std::stoi(line.substr(at + 17));
                break;
            }
        }
    }
    int port() const { return port_; }
    bool running() const { return handle_ && Poco::Process::isRunning(*handle_); }
    void killHard() {
        if (running()) Poco::Process::kill(*handle_);
        if (handle_) handle_->wait();
        handle_.reset();
    }
    void stop() {
        if (running()) {
            Poco::Process::requestTermination(handle_->id());
            handle_->wait();
        }
        handle_.reset();
    }

private:
    std::vector<std::string> args_;
    std::optional<Poco::Pipe> out_;
    std::optional<Poco::ProcessHandle> handle_;
    int port_ = 0;
};

inline bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::milliseconds(30000)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
}

// Three agencies' files in one temporary directory; A and B run, C's port is reserved.
class ExchangeTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("vanthu-exchange-" + std::to_string(::getpid()) + "-" +
                                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        portA_ = freePort();
        portB_ = freePort();
        portC_ = freePort();
        spit(dir_ / "agencies.xml", testDirectory(portA_, portB_, portC_));
        spit(dir_ / "links-a", std::string("link-b ") + kKhtc + " secret-ab\nlink-c " + kCntt + " secret-ac\n");
        spit(dir_ / "links-b", std::string("link-a ") + kBtp + " secret-ab\n");
        spit(dir_ / "links-c", std::string("link-a ") + kBtp + " secret-ac\n");
        // VANTHU_EXCHANGE_BACKEND=postgres (under scripts/with-postgres.sh): the three instances on
        // PostgreSQL schemas of their own instead of SQLite files.
        const char* backend = std::getenv("VANTHU_EXCHANGE_BACKEND");
        const bool pg = backend && std::string(backend) == "postgres";
        for (const char* n : {"a", "b", "c"}) {
            if (pg) {
                const auto u = databaseUrl(Db::Postgres, std::string("ex") + n);
                VANTHU_REQUIRE_TOOL(u, "PostgreSQL for VANTHU_EXCHANGE_BACKEND=postgres (VANTHU_TEST_PG: scripts/with-postgres.sh)");
                urls_[n] = *u;
                store::Store::resetForTest(urls_[n]);
            } else {
                urls_[n] = "sqlite:" + (dir_ / (std::string(n) + ".db")).string();
            }
            auto s = store::Store::open(store::OpenOptions{urls_[n], {}, 4});
            const auto organ = s->ensureOrgan(n == std::string("a") ? "BTP" : n == std::string("b") ? "KHTC" : "CNTT", "");
            tokens_[n] = s->addUser("Văn thư", store::Role::Clerk, organ.id, false);
            if (n == std::string("a")) {
                // The next number of the shared series of 2018 is 1020: the sample gets its own code.
                const auto reg = s->defaultRegister(organ.id);
                s->executeForTest("INSERT INTO series (register_id, year, series, last_number) VALUES (" + std::to_string(reg.id) +
                                  ", 2018, 'all', 1019)");
            }
        }
    }
    void TearDown() override {
        instances_.clear();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

    std::vector<std::string> serveArgs(const std::string& who, int port, const char* receiveFor) {
        return {"serve", "--db", urls_[who], "--port", std::to_string(port), "--directory", (dir_ / "agencies.xml").string(),
                "--links", (dir_ / ("links-" + who)).string(), "--receive-for", receiveFor, "--retry-base-ms", "40",
                "--retry-max-ms", "200", "--max-attempts", "10000", "--workers", "2", "--lease-ms", "1500", "--max-package", "4000000"};
    }
    // `extra` options come last, so they override the defaults above.
    Instance& start(const std::string& who, const std::vector<std::string>& extra = {}) {
        const int port = who == "a" ? portA_ : who == "b" ? portB_ : portC_;
        const char* id = who == "a" ? kBtp : who == "b" ? kKhtc : kCntt;
        auto args = serveArgs(who, port, id);
        args.insert(args.end(), extra.begin(), extra.end());
        instances_.push_back(std::make_unique<Instance>(args));
        return *instances_.back();
    }

    // Creates the 1020/QĐ-BTP sample as a draft at A and issues it; returns the document id.
    std::int64_t issueSample(HttpClient& a, Poco::JSON::Object::Ptr* answer = nullptr) {
        const std::string xml = slurp(std::filesystem::path(VANTHU_SAMPLES_DIR) / "01-qd-1020-btp.xml");
        const auto created = a.postXml("/api/v1/documents", tokens_["a"], xml);
        EXPECT_EQ(created.status, 201) << created.body;
        const auto id = created.json()->getValue<std::int64_t>("id");
        const auto issued = a.postJson("/api/v1/documents/" + std::to_string(id) + "/issue", tokens_["a"], R"({"date":"2018-05-08"})");
        EXPECT_EQ(issued.status, 200) << issued.body;
        if (answer) *answer = issued.json();
        return id;
    }

    // The delivery rows of a document at A, by recipient organId.
    std::map<std::string, Poco::JSON::Object::Ptr> deliveries(HttpClient& a, std::int64_t id) {
        std::map<std::string, Poco::JSON::Object::Ptr> out;
        const auto r = a.get("/api/v1/documents/" + std::to_string(id) + "/deliveries", tokens_["a"]);
        if (r.status != 200) return out;
        const auto items = r.json()->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i) {
            auto o = items->getObject(unsigned(i));
            out[o->getValue<std::string>("organ_id")] = o;
        }
        return out;
    }
    std::string stateOf(HttpClient& a, std::int64_t id, const std::string& organId) {
        auto d = deliveries(a, id);
        return d.count(organId) ? d[organId]->getValue<std::string>("state") : "";
    }
    Poco::JSON::Array::Ptr incoming(HttpClient& c, const std::string& who) {
        const auto r = c.get("/api/v1/incoming", tokens_[who]);
        if (r.status != 200 || !r.json()) return nullptr;
        return r.json()->getArray("items");
    }

    // Every inbox row's outcome and reason, in order.
    std::vector<std::pair<std::string, std::string>> inboxOf(HttpClient& c, const std::string& who) {
        std::vector<std::pair<std::string, std::string>> out;
        const auto r = c.get("/api/v1/inbox", tokens_[who]);
        if (r.status != 200) return out;
        const auto items = r.json()->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            out.emplace_back(items->getObject(unsigned(i))->getValue<std::string>("outcome"),
                             items->getObject(unsigned(i))->getValue<std::string>("reason"));
        return out;
    }

    std::filesystem::path dir_;
    int portA_ = 0, portB_ = 0, portC_ = 0;
    std::map<std::string, std::string> urls_, tokens_;
    std::vector<std::unique_ptr<Instance>> instances_;
};

}  // namespace vanthu::testing
