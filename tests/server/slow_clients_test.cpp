// Issue 14, Build 1 and its first Must-show: idle and slow clients cannot starve the others.
// Before the front door (server/front_door.h), 32 idle connections (one per Poco thread) stopped
// the service, and with 200 of them /healthz timed out at 15 s.
//
// The clients here are raw sockets: the slow ones must send one byte at a time, and the prober
// must come from another loopback address (127.0.0.2), as a second client would.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/front_door.h"
#include "server/server.h"
#include "store/fixtures.h"

namespace vanthu::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// 600 held connections and the server's side of them need more descriptors than a default 1024.
void raiseDescriptorLimit() {
    rlimit lim{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &lim), 0);
    lim.rlim_cur = lim.rlim_max;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lim), 0);
    ASSERT_GE(lim.rlim_cur, rlim_t(2000)) << "the hard limit of open files is too low for this test";
}

// A blocking TCP connection to 127.0.0.1:port from `from` (any port), or -1.
int connectFrom(const char* from, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &local.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(std::uint16_t(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// What the server sends before it closes, waiting at most `limit` for it.
std::string readUntilClosed(int fd, milliseconds limit) {
    const auto start = Clock::now();
    std::string got;
    char buf[4096];
    while (msSince(start) < double(limit.count())) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, std::size_t(n));
    }
    return got;
}

// One GET /healthz from 127.0.0.2 on a new connection; its status line and time.
struct Probe {
    bool ok = false;
    double ms = 0;
};
Probe probeHealth(int port) {
    const auto start = Clock::now();
    const int fd = connectFrom("127.0.0.2", port);
    if (fd < 0) return {};
    const std::string req = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    Probe p;
    if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == ssize_t(req.size()))
        p.ok = readUntilClosed(fd, milliseconds(5000)).rfind("HTTP/1.1 200 ", 0) == 0;
    p.ms = msSince(start);
    ::close(fd);
    return p;
}

double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

class SlowClientsTest : public ::testing::Test {
protected:
    void start(std::size_t perAddress) {
        std::signal(SIGPIPE, SIG_IGN);
        raiseDescriptorLimit();
        VANTHU_OPEN_EMPTY_URL(testing::Db::Sqlite, "slowclients", url);
        store_ = store::Store::open(store::OpenOptions{url, {}, 8});
        ServerOptions so;
        so.maxConnectionsPerAddress = perAddress;
        server_ = std::make_unique<Server>(*store_, so, nullptr);
        server_->start();
    }
    void TearDown() override {
        for (int fd : held_) ::close(fd);
        if (server_) server_->stop();
    }

    std::unique_ptr<store::Store> store_;
    std::unique_ptr<Server> server_;
    std::vector<int> held_;
};

// The Must-show: 300 idle and 300 one-byte-a-second connections from 127.0.0.1 (the per-address
// cap raised above them); throughout, /healthz from 127.0.0.2 answers with p99 < 200 ms (a
// behavioural bound: unloaded it is about 1 ms; starved, it was 15 s). Each held connection is cut
// at the head deadline (5 s from its arrival): the slow ones with a 408, the idle ones silently.
TEST_F(SlowClientsTest, SixHundredIdleAndSlowConnectionsDoNotStarveAnotherClient) {
    start(700);
    const int port = server_->port();
    constexpr int kIdle = 300, kSlow = 300;
    std::vector<Clock::time_point> opened;
    for (int i = 0; i < kIdle + kSlow; ++i) {
        const int fd = connectFrom("127.0.0.1", port);
        ASSERT_GE(fd, 0) << "connection " << i;
        held_.push_back(fd);
        opened.push_back(Clock::now());
    }

    std::atomic<bool> probing{true};
    std::vector<Probe> probes;
    std::thread prober([&] {
        while (probing) {
            probes.push_back(probeHealth(port));
            std::this_thread::sleep_for(milliseconds(20));
        }
    });

    // Slow connections send the next byte of a request each second; all are watched for the cut.
    const std::string slowRequest = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    std::vector<std::string> answer(held_.size());
    std::vector<double> cutAfterMs(held_.size(), -1);
    std::size_t sentBytes = 0, open = held_.size();
    const auto begin = Clock::now();
    auto nextByte = begin;
    while (open > 0 && msSince(begin) < 12000) {
        if (Clock::now() >= nextByte && sentBytes < slowRequest.size()) {
            for (int i = kIdle; i < kIdle + kSlow; ++i)
                if (cutAfterMs[std::size_t(i)] < 0) (void)::send(held_[std::size_t(i)], &slowRequest[sentBytes], 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            ++sentBytes;
            nextByte += std::chrono::seconds(1);
        }
        std::vector<pollfd> watch;
        std::vector<std::size_t> which;
        for (std::size_t i = 0; i < held_.size(); ++i)
            if (cutAfterMs[i] < 0) {
                watch.push_back({held_[i], POLLIN, 0});
                which.push_back(i);
            }
        if (::poll(watch.data(), watch.size(), 20) <= 0) continue;
        for (std::size_t k = 0; k < watch.size(); ++k) {
            if (!watch[k].revents) continue;
            const std::size_t i = which[k];
            char buf[4096];
            const ssize_t n = ::recv(held_[i], buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                answer[i].append(buf, std::size_t(n));
                continue;
            }
            cutAfterMs[i] = std::chrono::duration<double, std::milli>(Clock::now() - opened[i]).count();
            --open;
        }
    }
    // A little longer: the prober must also be served once the held connections are gone.
    std::this_thread::sleep_for(milliseconds(500));
    probing = false;
    prober.join();

    EXPECT_EQ(open, 0u) << "connections still held 12 s after they opened";
    EXPECT_LT(sentBytes, slowRequest.size()) << "a slow request was completed: the test is not slow enough";
    for (std::size_t i = 0; i < held_.size(); ++i) {
        const bool slow = i >= std::size_t(kIdle);
        SCOPED_TRACE((slow ? "slow connection " : "idle connection ") + std::to_string(i));
        EXPECT_GT(cutAfterMs[i], 4500) << "cut before the 5 s head deadline";
        EXPECT_LT(cutAfterMs[i], 6500) << "not cut at the 5 s head deadline";
        if (slow)
            EXPECT_TRUE(answer[i].empty() || answer[i].rfind("HTTP/1.1 408 ", 0) == 0) << answer[i];
        else
            EXPECT_EQ(answer[i], "") << "an idle connection is closed without an answer";
    }

    const auto timedOut = std::count_if(answer.begin(), answer.end(), [](const std::string& a) { return a.rfind("HTTP/1.1 408 ", 0) == 0; });
    std::cout << "[ cut    ] " << timedOut << " of " << kSlow << " slow connections read their 408 before the close\n";
    std::vector<double> ms;
    std::size_t failed = 0;
    for (const auto& p : probes) {
        ms.push_back(p.ms);
        failed += p.ok ? 0 : 1;
    }
    const double p50 = percentile(ms, 0.5), p99 = percentile(ms, 0.99);
    std::cout << "[ probes ] " << ms.size() << " GET /healthz from 127.0.0.2: median " << p50 << " ms, p99 " << p99 << " ms, max "
              << percentile(ms, 1.0) << " ms\n";
    EXPECT_GE(ms.size(), 100u) << "too few probes to speak of a p99";
    EXPECT_EQ(failed, 0u) << "probes without a 200";
    EXPECT_LT(p99, 200.0);
}

// The per-address cap (128 by default): connection 129 from one address is answered 503 at once
// and closed; another address is still served.
TEST_F(SlowClientsTest, TheConnectionOverThePerAddressCapGetsAnImmediate503) {
    start(ServerOptions{}.maxConnectionsPerAddress);
    ASSERT_EQ(ServerOptions{}.maxConnectionsPerAddress, 128u);
    const int port = server_->port();
    for (int i = 0; i < 128; ++i) {
        const int fd = connectFrom("127.0.0.1", port);
        ASSERT_GE(fd, 0);
        held_.push_back(fd);
    }
    std::this_thread::sleep_for(milliseconds(200));  // the acceptor has counted them
    const int over = connectFrom("127.0.0.1", port);
    ASSERT_GE(over, 0);
    held_.push_back(over);
    const auto start = Clock::now();
    const std::string got = readUntilClosed(over, milliseconds(3000));
    EXPECT_LT(msSince(start), 1000.0) << "not at once";
    EXPECT_EQ(got.rfind("HTTP/1.1 503 ", 0), 0u) << got;
    EXPECT_NE(got.find("too_many_connections"), std::string::npos) << got;
    const Probe other = probeHealth(port);
    EXPECT_TRUE(other.ok) << "127.0.0.2 was refused with 127.0.0.1";
}

// The bounded queue: with its one worker busy and its one place taken, the next complete request
// gets a 503 at once.
TEST(FrontDoorQueue, ARequestBeyondAFullQueueGetsA503) {
    std::signal(SIGPIPE, SIG_IGN);
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64);
    const int port = socket.address().port();
    FrontDoorOptions o;
    o.workers = 1;
    o.maxQueued = 1;
    FrontDoor door(socket, o, [&](Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& res) {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return release; });
        res.setContentLength(0);
        res.send();
    });
    door.start();
    const std::string req = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    std::vector<int> fds;
    for (int i = 0; i < 3; ++i) {
        fds.push_back(connectFrom("127.0.0.1", port));
        ASSERT_GE(fds.back(), 0);
        ASSERT_EQ(::send(fds.back(), req.data(), req.size(), MSG_NOSIGNAL), ssize_t(req.size()));
        std::this_thread::sleep_for(milliseconds(200));  // the first reaches the worker, the second the queue
    }
    const std::string third = readUntilClosed(fds[2], milliseconds(2000));
    EXPECT_EQ(third.rfind("HTTP/1.1 503 ", 0), 0u) << third;
    EXPECT_NE(third.find("server_busy"), std::string::npos) << third;
    {
        std::lock_guard lock(m);
        release = true;
    }
    cv.notify_all();
    EXPECT_EQ(readUntilClosed(fds[0], milliseconds(3000)).rfind("HTTP/1.1 200 ", 0), 0u);
    EXPECT_EQ(readUntilClosed(fds[1], milliseconds(3000)).rfind("HTTP/1.1 200 ", 0), 0u) << "the queued request is served";
    for (int fd : fds) ::close(fd);
    door.stop();
}

}  // namespace
}  // namespace vanthu::server
