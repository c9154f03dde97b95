// tests/server: vanthu-to-vanthu sending against a peer that misbehaves (issue 14, Build 7 faults):
// a 500, a 200 that is a proxy's page, a body cut off before its Content-Length, an empty 200 and
// no answer at all are each "retry later" with the reason, never "delivered"; only the receiver's
// status package (edxml.md: the 01 that answers an edoc) or its JSON acknowledgement of a status is.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "distribution/edxml.h"
#include "server/http_transport.h"
#include "support/test_support.h"

namespace vanthu::server {
namespace {

using distribution::SendResult;
namespace edxml = distribution::edxml;
using namespace std::chrono_literals;

std::string goldenStatus() {
    std::ifstream f(std::filesystem::path(VANTHU_TEST_DATA_DIR).parent_path() / "golden" / "distribution" /
                        "status-1020-qd-btp-03.edxml",
                    std::ios::binary);
    std::ostringstream os;
    os << f.rdbuf();
    return os.str();
}

// One connection at a time: reads the request (headers and Content-Length body), then writes
// `answer` raw and closes; with `silent`, answers nothing for `hold`.
class ScriptedPeer {
public:
    ScriptedPeer(std::string answer, std::chrono::milliseconds hold = 0ms)
        : answer_(std::move(answer)), hold_(hold), socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedPeer() {
        stop_ = true;
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/api/v1/edxml"; }
    int requests() const { return requests_; }

private:
    void serve() {
        while (!stop_) {
            if (!socket_.poll(Poco::Timespan(0, 50'000), Poco::Net::Socket::SELECT_READ)) continue;
            Poco::Net::StreamSocket c = socket_.acceptConnection();
            try {  // the client may have given up and closed: that is its business
                readRequest(c);
                ++requests_;
                for (auto until = std::chrono::steady_clock::now() + hold_; std::chrono::steady_clock::now() < until && !stop_;)
                    std::this_thread::sleep_for(10ms);
                if (!answer_.empty()) c.sendBytes(answer_.data(), int(answer_.size()));
                c.shutdown();
            } catch (const Poco::Exception&) {
            }
            c.close();
        }
    }
    static void readRequest(Poco::Net::StreamSocket& c) {
        c.setReceiveTimeout(Poco::Timespan(2, 0));
        std::string in;
        char buf[4096];
        std::size_t need = std::string::npos;
        while (true) {
            const int n = c.receiveBytes(buf, sizeof buf);
            if (n <= 0) return;
            in.append(buf, std::size_t(n));
            const auto end = in.find("\r\n\r\n");
            if (end == std::string::npos) continue;
            if (need == std::string::npos) {
                const auto cl = in.find("Content-Length: ");
                need = end + 4 + (cl == std::string::npos ? 0 : std::stoul(in.substr(cl + 16)));
            }
            if (in.size() >= need) return;
        }
    }

    std::string answer_;
    std::chrono::milliseconds hold_;
    Poco::Net::ServerSocket socket_;
    std::atomic<bool> stop_{false};
    std::atomic<int> requests_{0};
    std::thread thread_;
};

std::string response(const std::string& statusLine, const std::string& body, const std::string& declaredLength = "") {
    return "HTTP/1.1 " + statusLine + "\r\nContent-Type: application/xml\r\nContent-Length: " +
           (declaredLength.empty() ? std::to_string(body.size()) : declaredLength) + "\r\nConnection: close\r\n\r\n" + body;
}

SendResult sendTo(const ScriptedPeer& peer, edxml::MessageType type = edxml::MessageType::Edoc) {
    HttpTransport transport("000.00.00.G12", std::make_shared<const LinkTable>(std::vector<Link>{{"link-b", "000.00.05.G12", "s3cret"}}),
                            std::chrono::milliseconds(400));
    distribution::Agency to;
    to.organId = "000.00.05.G12";
    to.endpoint = {"vanthu", peer.url(), "link-b"};
    distribution::OutgoingPackage package;
    package.type = type;
    package.documentId = "doc-1";
    package.bytes = "<edXML/>";  // the peer does not read it
    return transport.send(to, package);
}

void expectRetried(const SendResult& r, const std::string& why) {
    EXPECT_EQ(r.outcome, SendResult::Outcome::RetryLater) << why << ": " << r.error;
    EXPECT_FALSE(r.error.empty()) << why;
}

TEST(HttpTransportFaults, AServerErrorIsRetried) {
    ScriptedPeer peer(response("500 Internal Server Error", "oops"));
    expectRetried(sendTo(peer), "500");
}

TEST(HttpTransportFaults, AProxyPageWithStatus200IsRetriedNotDelivered) {
    ScriptedPeer peer(response("200 OK", "<html><body>Gateway says hello</body></html>"));
    const auto r = sendTo(peer);
    expectRetried(r, "a 200 that is not a status package");
    EXPECT_NE(r.error.find("without a status package"), std::string::npos) << r.error;
}

TEST(HttpTransportFaults, ABodyCutOffBeforeItsLengthIsRetried) {
    const auto status = goldenStatus();
    ASSERT_GT(status.size(), 200u);
    ScriptedPeer peer(response("200 OK", status.substr(0, status.size() / 2), std::to_string(status.size())));
    expectRetried(sendTo(peer), "truncated");
}

TEST(HttpTransportFaults, AnEmpty200IsRetried) {
    ScriptedPeer peer(response("200 OK", ""));
    expectRetried(sendTo(peer), "empty");
    ScriptedPeer statusPeer(response("200 OK", ""));
    expectRetried(sendTo(statusPeer, edxml::MessageType::Status), "empty answer to a status");
}

TEST(HttpTransportFaults, NoAnswerWithinTheTimeoutIsRetried) {
    ScriptedPeer peer(response("200 OK", goldenStatus()), 2000ms);  // the transport waits 400 ms
    expectRetried(sendTo(peer), "timeout");
}

TEST(HttpTransportFaults, AConnectionClosedWithoutAWordIsRetried) {
    ScriptedPeer peer("");
    expectRetried(sendTo(peer), "closed");
}

TEST(HttpTransportFaults, TheReceiversStatusPackageIsADelivery) {
    ScriptedPeer peer(response("200 OK", goldenStatus()));
    const auto r = sendTo(peer);
    EXPECT_EQ(r.outcome, SendResult::Outcome::Delivered) << r.error;
    EXPECT_EQ(r.reply, goldenStatus());
    ScriptedPeer ack(response("200 OK", R"({"status":"03","applied":true})"));
    EXPECT_EQ(sendTo(ack, edxml::MessageType::Status).outcome, SendResult::Outcome::Delivered);
}

TEST(HttpTransportFaults, ARefusalIsNotRetried) {
    ScriptedPeer peer(response("422 Unprocessable Entity", R"({"code":"invalid"})"));
    EXPECT_EQ(sendTo(peer).outcome, SendResult::Outcome::Rejected);
}

}  // namespace
}  // namespace vanthu::server
