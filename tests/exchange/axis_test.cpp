// The axis transport (edxml.md §7.1) against the stand-in axis on loopback: sendEdoc with signed
// headers and the package as file_doc; the recipient's system lists, fetches (byte-identical) and
// acknowledges it; a wrong secret or a sender that is not the system's agency is refused.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>

#include "server/axis_transport.h"
#include "distribution/edxml_fixtures.h"
#include "exchange/axis_standin.h"

namespace vanthu::testing {
namespace {

namespace dist = vanthu::distribution;

vanthu::server::AxisConfig config(int port, std::string systemId, std::string secret, std::string organId) {
    vanthu::server::AxisConfig c;
    c.endpoint = "http://127.0.0.1:" + std::to_string(port);
    c.systemId = std::move(systemId);
    c.secret = std::move(secret);
    c.organId = std::move(organId);
    return c;
}

TEST(AxisTransport, SendListGetUpdateThroughTheStandIn) {
    AxisStandIn axis({{"sys-btp", {"secret-btp", "000.00.00.G12"}}, {"sys-tn", {"secret-tn", "000.00.00.H52"}}});
    const std::string bytes = dist::fixtures::edoc1020Bytes();
    dist::Agency to;
    to.organId = "000.00.00.H52";
    to.endpoint.transport = "axis";
    dist::OutgoingPackage pkg{"000.00.00.G12,2018/05/08,1020/QĐ-BTP", to.organId, dist::edxml::MessageType::Edoc, bytes};

    vanthu::server::AxisTransport send(config(axis.port(), "sys-btp", "secret-btp", "000.00.00.G12"));
    const auto r = send.send(to, pkg);
    ASSERT_EQ(r.outcome, dist::SendResult::Outcome::Delivered) << r.error;
    EXPECT_EQ(r.remoteId, "AX1");

    vanthu::server::AxisClient recv(config(axis.port(), "sys-tn", "secret-tn", "000.00.00.H52"));
    auto list = recv.receivedList("edoc");
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list.value().size(), 1u);
    EXPECT_EQ(list.value()[0].docId, "AX1");
    EXPECT_EQ(list.value()[0].from, "000.00.00.G12");
    auto got = recv.getEdoc("AX1");
    ASSERT_TRUE(got.ok());
    EXPECT_TRUE(got.value() == bytes) << "the package changed on the axis";
    ASSERT_TRUE(recv.updateStatus("AX1", "done").ok());
    EXPECT_TRUE(recv.receivedList("edoc").value().empty());
    EXPECT_EQ(axis.stored().at(0).status, "done");
    // The sender's system cannot read the recipient's mail.
    vanthu::server::AxisClient other(config(axis.port(), "sys-btp", "secret-btp", "000.00.00.G12"));
    EXPECT_FALSE(other.getEdoc("AX1").ok());
    EXPECT_EQ(axis.refused(), 0);
}

TEST(AxisTransport, WrongSecretAndForeignSenderAreRefused) {
    AxisStandIn axis({{"sys-btp", {"secret-btp", "000.00.00.G12"}}});
    dist::Agency to;
    to.organId = "000.00.00.H52";
    dist::OutgoingPackage pkg{"x", to.organId, dist::edxml::MessageType::Edoc, dist::fixtures::edoc1020Bytes()};
    const auto bad = vanthu::server::AxisTransport(config(axis.port(), "sys-btp", "not the secret", "000.00.00.G12")).send(to, pkg);
    EXPECT_EQ(bad.outcome, dist::SendResult::Outcome::Rejected);
    EXPECT_EQ(axis.refused(), 1);
    const auto foreign = vanthu::server::AxisTransport(config(axis.port(), "sys-btp", "secret-btp", "000.00.31.G12")).send(to, pkg);
    EXPECT_EQ(foreign.outcome, dist::SendResult::Outcome::Rejected);
    EXPECT_NE(foreign.error.find("FAIL 19"), std::string::npos) << foreign.error;
    EXPECT_TRUE(axis.stored().empty());
    // The axis down: retried later, not rejected.
    int downPort = 0;
    {
        Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
        downPort = s.address().port();
    }
    const auto down = vanthu::server::AxisTransport(config(downPort, "sys-btp", "secret-btp", "000.00.00.G12")).send(to, pkg);
    EXPECT_EQ(down.outcome, dist::SendResult::Outcome::RetryLater) << down.error;
}

}  // namespace
}  // namespace vanthu::testing
