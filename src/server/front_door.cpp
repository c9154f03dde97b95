// The acceptor thread, its epoll set of waiting connections, and the worker threads (front_door.h).
#include "server/front_door.h"

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <arpa/inet.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/http_reply.h"

namespace vanthu::server {

namespace {

using Clock = std::chrono::steady_clock;

thread_local const std::atomic<bool>* tCut = nullptr;  // the busy entry of this worker's connection

struct Conn {
    Poco::Net::StreamSocket socket;  // owns the descriptor
    int fd = -1;
    std::string address;
    Clock::time_point deadline;
    bool sawByte = false;
    bool fresh = true;  // no request yet: the head timeout runs from the arrival
};

// A canned answer written by the acceptor itself, without blocking; then the connection closes.
void refuse(int fd, int status, const char* reason, const char* code) {
    const std::string body = std::string("{\"code\":\"") + code + "\",\"message_vi\":\"" +
                             (status == 503 ? "Máy chủ đang bận, xin thử lại" : status == 408 ? "Yêu cầu đến quá chậm" : "Phần đầu yêu cầu quá lớn") +
                             "\",\"message_en\":\"" + reason + "\",\"field\":\"\"}";
    const std::string reply = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                              "\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n" +
                              (status == 503 ? "Retry-After: 1\r\n" : "") + "Connection: close\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(fd, reply.data(), reply.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

// Reads (and drops) what the client sent, so that closing does not reset the connection before
// a canned answer is read.
void discardPending(int fd) {
    char buf[4096];
    while (::recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {
    }
}

// Where the head ends (past its empty line), or npos. Poco accepts LF or CRLF line ends.
std::size_t headEnd(const char* p, std::size_t n) {
    for (std::size_t i = 1; i < n; ++i)
        if (p[i] == '\n' && (p[i - 1] == '\n' || (i >= 2 && p[i - 1] == '\r' && p[i - 2] == '\n'))) return i + 1;
    return std::string::npos;
}

// Poco reads the head before any handler of ours runs, and a Content-Length it cannot parse as a
// 64-bit number ("99999999999999999999") escapes its request reader as a SyntaxException: this
// answers it with a 400 naming Content-Length, in our JSON error form. The body cannot be framed,
// so the connection ends after the answer (RFC 9112 §6.3); what the client still sends is read
// for a moment (bounded in time and bytes), so closing does not reset the answer away.
void refuseUnframable(Poco::Net::StreamSocket& socket) {
    const Reply r = errorReply(HttpError{
        400, {Error::invalidInput("Content-Length", "Content-Length không phải một số byte hợp lệ",
                                  "Content-Length is not a valid number of bytes")}});
    std::string bytes = "HTTP/1.1 400 Bad Request\r\n";
    for (const auto& [name, value] : finalHeaders(r)) bytes += name + ": " + value + "\r\n";
    bytes += "Content-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n" + r.body;
    try {
        socket.sendBytes(bytes.data(), int(bytes.size()));
        socket.shutdownSend();
        socket.setReceiveTimeout(Poco::Timespan(0, 500000));
        char buf[4096];
        for (int total = 0, n; total < (1 << 20) && (n = socket.receiveBytes(buf, sizeof buf)) > 0;) total += n;
    } catch (const Poco::Exception&) {  // the client is gone or slow: nothing more to do
    }
}

std::size_t descriptorBudget(std::size_t wanted) {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur == RLIM_INFINITY) return wanted;
    const std::size_t usable = lim.rlim_cur > 256 ? std::size_t(lim.rlim_cur) - 128 : std::size_t(lim.rlim_cur) / 2;
    return std::min(wanted, usable);
}

}  // namespace

bool requestCutShort() { return tCut && tCut->load(); }

struct FrontDoor::Impl {
    Poco::Net::ServerSocket listening;
    FrontDoorOptions options;
    Serve serve;
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    int epoll = -1, wake = -1;
    std::thread acceptor;
    std::vector<std::thread> workers;

    std::mutex mutex;  // guards everything below
    std::condition_variable work;
    bool stopping = false;
    std::deque<std::unique_ptr<Conn>> ready;     // complete heads, for a worker
    std::vector<std::unique_ptr<Conn>> returned;  // kept alive by a worker, for the acceptor
    std::map<std::string, std::size_t> perAddress;
    std::size_t open = 0;
    struct Busy {
        Clock::time_point deadline;
        std::atomic<bool> cut{false};
    };
    std::unordered_map<int, Busy> busy;  // fd → deadline of a connection a worker holds

    // The acceptor's own: connections waiting for a head.
    std::unordered_map<int, std::unique_ptr<Conn>> waiting;

    Impl(const Poco::Net::ServerSocket& s, FrontDoorOptions o, Serve f) : listening(s), options(o), serve(std::move(f)) {
        options.maxConnections = descriptorBudget(options.maxConnections);
        params->setKeepAlive(true);
        params->setTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(options.bodyTimeout).count()));
    }

    void poke() {
        const std::uint64_t one = 1;
        (void)::write(wake, &one, sizeof one);
    }

    void closed(const std::string& address) {  // REQUIRES: mutex held
        --open;
        if (auto it = perAddress.find(address); it != perAddress.end() && --it->second == 0) perAddress.erase(it);
    }

    void acceptAll();
    void look(Conn& c, Clock::time_point now);
    void watch(std::unique_ptr<Conn> c);
    void drop(int fd);
    void sweep(Clock::time_point now);
    void acceptLoop();
    void workerLoop();
    void serveConnection(std::unique_ptr<Conn> c);
};

void FrontDoor::Impl::watch(std::unique_ptr<Conn> c) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;  // edge: a peeked, unread head does not wake us again
    ev.data.fd = c->fd;
    const int fd = c->fd;
    Conn& ref = *c;
    waiting[fd] = std::move(c);
    if (::epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &ev) != 0) return drop(fd);
    look(ref, Clock::now());  // bytes may have arrived before we watched
}

void FrontDoor::Impl::drop(int fd) {
    auto it = waiting.find(fd);
    if (it == waiting.end()) return;
    ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
    const std::string address = it->second->address;
    it->second->socket.close();
    waiting.erase(it);
    std::lock_guard lock(mutex);
    closed(address);
}

void FrontDoor::Impl::acceptAll() {
    for (;;) {
        sockaddr_storage from{};
        socklen_t len = sizeof from;
        const int fd = ::accept4(listening.impl()->sockfd(), reinterpret_cast<sockaddr*>(&from), &len, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return;
        }
        char text[INET6_ADDRSTRLEN] = "?";
        if (from.ss_family == AF_INET)
            ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&from)->sin_addr, text, sizeof text);
        else if (from.ss_family == AF_INET6)
            ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&from)->sin6_addr, text, sizeof text);
        auto c = std::make_unique<Conn>();
        c->socket = Poco::Net::StreamSocket(new Poco::Net::StreamSocketImpl(fd));
        c->fd = fd;
        c->address = text;
        c->deadline = Clock::now() + options.headTimeout;
        {
            std::lock_guard lock(mutex);
            auto& mine = perAddress[c->address];
            if (open >= options.maxConnections || (options.maxPerAddress && mine >= options.maxPerAddress)) {
                if (mine == 0) perAddress.erase(c->address);
                refuse(fd, 503, "Service Unavailable", "too_many_connections");
                continue;  // the socket closes as c goes
            }
            ++mine;
            ++open;
        }
        watch(std::move(c));
    }
}

// New bytes on a waiting connection: a complete head goes to the workers.
void FrontDoor::Impl::look(Conn& c, Clock::time_point now) {
    std::string peeked(options.maxHeadBytes + 1, '\0');
    const ssize_t n = ::recv(c.fd, peeked.data(), peeked.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) return drop(c.fd);
    if (n < 0) return;
    if (!c.sawByte) {
        c.sawByte = true;
        if (!c.fresh) c.deadline = std::min(c.deadline, now + options.headTimeout);
    }
    if (headEnd(peeked.data(), std::size_t(n)) == std::string::npos) {
        if (std::size_t(n) > options.maxHeadBytes) {
            discardPending(c.fd);
            refuse(c.fd, 431, "Request Header Fields Too Large", "head_too_large");
            drop(c.fd);
        }
        return;
    }
    const int fd = c.fd;
    ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
    std::unique_ptr<Conn> mine = std::move(waiting[fd]);
    waiting.erase(fd);
    std::unique_lock lock(mutex);
    if (ready.size() >= options.maxQueued) {
        discardPending(fd);
        refuse(fd, 503, "Service Unavailable", "server_busy");
        closed(mine->address);
        return;
    }
    busy[fd].deadline = now + options.bodyTimeout;  // unordered_map nodes stay put: workers keep &cut
    ready.push_back(std::move(mine));
    lock.unlock();
    work.notify_one();
}

// Deadlines: waiting heads are cut here; a worker's connection is shut for reading.
void FrontDoor::Impl::sweep(Clock::time_point now) {
    std::vector<int> late;
    for (const auto& [fd, c] : waiting)
        if (now >= c->deadline) late.push_back(fd);
    for (int fd : late) {
        if (waiting[fd]->sawByte) {
            discardPending(fd);
            refuse(fd, 408, "Request Timeout", "request_timeout");
        }
        drop(fd);
    }
    std::lock_guard lock(mutex);
    for (auto& [fd, b] : busy)
        if (!b.cut && now >= b.deadline) {
            b.cut = true;
            ::shutdown(fd, SHUT_RD);
        }
}

void FrontDoor::Impl::acceptLoop() {
    epoll_event events[256];
    auto lastSweep = Clock::now();
    for (;;) {
        const int n = ::epoll_wait(epoll, events, 256, 50);
        const auto now = Clock::now();
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == wake) {
                std::uint64_t count;
                (void)::read(wake, &count, sizeof count);
            } else if (fd == listening.impl()->sockfd()) {
                acceptAll();
            } else if (auto it = waiting.find(fd); it != waiting.end()) {
                look(*it->second, now);
            }
        }
        std::vector<std::unique_ptr<Conn>> back;
        {
            std::lock_guard lock(mutex);
            if (stopping) break;
            back.swap(returned);
        }
        for (auto& c : back) {
            c->sawByte = false;
            c->fresh = false;
            c->deadline = now + options.keepAliveTimeout;
            watch(std::move(c));
        }
        if (now - lastSweep >= std::chrono::milliseconds(50)) {
            sweep(now);
            lastSweep = now;
        }
    }
    for (auto& [fd, c] : waiting) c->socket.close();
    waiting.clear();
}

void FrontDoor::Impl::workerLoop() {
    for (;;) {
        std::unique_ptr<Conn> c;
        {
            std::unique_lock lock(mutex);
            work.wait(lock, [&] { return stopping || !ready.empty(); });
            if (stopping) return;
            c = std::move(ready.front());
            ready.pop_front();
        }
        serveConnection(std::move(c));
    }
}

// One request (Poco's reader and writer over the connection), then the connection goes back to
// the acceptor, or closes.
void FrontDoor::Impl::serveConnection(std::unique_ptr<Conn> c) {
    const int fd = c->fd;
    bool keep = false;
    {
        std::lock_guard lock(mutex);
        tCut = &busy[fd].cut;
    }
    {
        Poco::Net::HTTPServerSession session(c->socket, params);
        try {
            Poco::Net::HTTPServerResponseImpl response(session);
            Poco::Net::HTTPServerRequestImpl request(response, session, params);
            response.setVersion(request.getVersion());
            response.setKeepAlive(request.getKeepAlive());
            if (request.getExpectContinue()) response.sendContinue();
            serve(request, response);
            Poco::Buffer<char> leftover(0);
            session.drainBuffer(leftover);  // a pipelined request: we close rather than hold it here
            keep = response.sent() && response.getKeepAlive() && leftover.size() == 0;
        } catch (const Poco::Net::NoMessageException&) {
        } catch (const Poco::Net::MessageException&) {
            refuse(fd, 400, "Bad Request", "bad_request");
        } catch (const Poco::SyntaxException&) {  // Content-Length beyond 2^63 or not a number
            refuseUnframable(c->socket);
        } catch (...) {
        }
        std::lock_guard lock(mutex);
        if (busy[fd].cut) keep = false;
        tCut = nullptr;
        busy.erase(fd);  // before the descriptor can close and its number be reused
        if (keep) c->socket = session.detachSocket();
    }
    std::lock_guard lock(mutex);
    if (keep && !stopping) {
        returned.push_back(std::move(c));
        poke();
        return;
    }
    c->socket.close();
    closed(c->address);
}

FrontDoor::FrontDoor(const Poco::Net::ServerSocket& listening, FrontDoorOptions options, Serve serve)
    : impl_(std::make_unique<Impl>(listening, options, std::move(serve))) {}

FrontDoor::~FrontDoor() { stop(); }

void FrontDoor::start() {
    Impl& d = *impl_;
    d.listening.setBlocking(false);
    d.epoll = ::epoll_create1(EPOLL_CLOEXEC);
    d.wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (d.epoll < 0 || d.wake < 0) throw Poco::Net::NetException("epoll/eventfd: " + std::string(std::strerror(errno)));
    for (int fd : {d.listening.impl()->sockfd(), d.wake}) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = fd;
        ::epoll_ctl(d.epoll, EPOLL_CTL_ADD, fd, &ev);
    }
    d.acceptor = std::thread([&d] { d.acceptLoop(); });
    for (int i = 0; i < std::max(1, d.options.workers); ++i) d.workers.emplace_back([&d] { d.workerLoop(); });
}

void FrontDoor::stop() {
    Impl& d = *impl_;
    if (!d.acceptor.joinable()) return;
    {
        std::lock_guard lock(d.mutex);
        d.stopping = true;
        for (auto& [fd, b] : d.busy) ::shutdown(fd, SHUT_RDWR);  // ends the workers' reads
    }
    d.work.notify_all();
    d.poke();
    d.acceptor.join();
    for (auto& w : d.workers) w.join();
    d.workers.clear();
    for (auto& c : d.ready) c->socket.close();
    d.ready.clear();
    for (auto& c : d.returned) c->socket.close();
    d.returned.clear();
    d.listening.close();
    ::close(d.epoll);
    ::close(d.wake);
}

}  // namespace vanthu::server
