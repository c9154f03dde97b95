#include "server/axis_transport.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/URI.h>

#include <sstream>

#include "core/digest.h"
#include "distribution/signing.h"

namespace vanthu::server {

using distribution::Agency;
using distribution::Header;
using distribution::OutgoingPackage;
using distribution::SendResult;
using distribution::axisRequestHeaders;
using distribution::axisTimestamp;
namespace edxml = distribution::edxml;
namespace {

std::chrono::sys_time<std::chrono::milliseconds> nowOf(const AxisConfig& c) {
    if (c.now) return c.now();
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Error axisError(const std::string& en) {
    return Error::invalidInput(std::string(), "Trục liên thông trả lời lỗi: " + en, "the exchange axis answered: " + en);
}

Poco::JSON::Object::Ptr parseObject(const std::string& body) {
    try {
        Poco::JSON::Parser p;
        return p.parse(body).extract<Poco::JSON::Object::Ptr>();
    } catch (...) {
        return nullptr;
    }
}

}  // namespace

AxisReply axisCall(const AxisConfig& config, const std::string& operation, const std::vector<Header>& operationHeaders,
                   const std::string* fileDoc) {
    AxisReply out;
    try {
        const Poco::URI uri(config.endpoint + "/" + operation);
        Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
        session.setTimeout(Poco::Timespan(std::int64_t(config.timeout.count()) * 1000));
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& h : axisRequestHeaders(config.systemId, config.secret, axisTimestamp(nowOf(config)), operationHeaders))
            req.set(h.name, h.value);
        if (fileDoc) {
            Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
            form.addPart("file_doc", new Poco::Net::StringPartSource(*fileDoc, "application/xml", "package.edxml"));
            form.prepareSubmit(req);
            std::ostringstream body;
            form.write(body);
            const std::string b = body.str();
            req.setChunkedTransferEncoding(false);
            req.setContentLength64(Poco::Int64(b.size()));
            session.sendRequest(req).write(b.data(), std::streamsize(b.size()));
        } else {
            req.setContentLength64(0);
            session.sendRequest(req);
        }
        Poco::Net::HTTPResponse res;
        std::istream& is = session.receiveResponse(res);
        out.body.assign(std::istreambuf_iterator<char>(is), {});
        out.httpStatus = int(res.getStatus());
    } catch (const Poco::Exception& e) {
        out.httpStatus = 0;
        out.body = e.displayText();
    }
    return out;
}

AxisTransport::AxisTransport(AxisConfig config) : config_(std::move(config)) {}

SendResult AxisTransport::send(const Agency& recipient, const OutgoingPackage& package) {
    SendResult out;
    const std::string type = package.type == edxml::MessageType::Status ? "status" : "edoc";
    std::vector<Header> ops{{"from", config_.organId}, {"servicetype", "eDoc"}, {"messagetype", type},
                            {"to", "[\"" + recipient.organId + "\"]"}, {"hash-file", hexLower(sha256(package.bytes))}};
    const AxisReply r = axisCall(config_, "sendEdoc", ops, &package.bytes);
    if (r.httpStatus == 0 || r.httpStatus == 408 || r.httpStatus == 429 || r.httpStatus >= 500) {
        out.outcome = SendResult::Outcome::RetryLater;
        out.error = "axis: " + (r.httpStatus ? "HTTP " + std::to_string(r.httpStatus) : r.body);
        return out;
    }
    const auto o = parseObject(r.body);
    if (r.httpStatus != 200 || !o) {
        out.outcome = SendResult::Outcome::Rejected;
        out.error = "axis: HTTP " + std::to_string(r.httpStatus) + ": " + r.body.substr(0, 300);
        return out;
    }
    const std::string status = o->optValue<std::string>("status", "");
    if (status == "OK" && o->optValue<std::string>("ErrorCode", "0") == "0") {
        out.outcome = SendResult::Outcome::Delivered;
        out.remoteId = o->optValue<std::string>("DocId", "");
        return out;
    }
    out.outcome = SendResult::Outcome::Rejected;
    out.error = "axis FAIL " + o->optValue<std::string>("ErrorCode", "?") + ": " + o->optValue<std::string>("ErrorDesc", "");
    return out;
}

AxisClient::AxisClient(AxisConfig config) : config_(std::move(config)) {}

Result<std::vector<AxisListed>> AxisClient::receivedList(const std::string& messageType) {
    const AxisReply r = axisCall(config_, "getReceivedEdocList", {{"servicetype", "eDoc"}, {"messagetype", messageType}}, nullptr);
    const auto o = parseObject(r.body);
    if (r.httpStatus != 200 || !o || !o->has("data")) return axisError("getReceivedEdocList HTTP " + std::to_string(r.httpStatus));
    std::vector<AxisListed> out;
    const auto data = o->getArray("data");
    for (std::size_t i = 0; data && i < data->size(); ++i) {
        const auto x = data->getObject(unsigned(i));
        out.push_back({x->optValue<std::string>("docId", ""), x->optValue<std::string>("from", ""),
                       x->optValue<std::string>("messageType", ""), x->optValue<std::string>("status", "")});
    }
    return out;
}

Result<std::string> AxisClient::getEdoc(const std::string& docId) {
    const AxisReply r = axisCall(config_, "getEdoc", {{"docId", docId}}, nullptr);
    const auto o = parseObject(r.body);
    if (r.httpStatus != 200 || !o || !o->has("data")) return axisError("getEdoc HTTP " + std::to_string(r.httpStatus));
    Base64Error bad;
    auto bytes = base64Decode(o->getValue<std::string>("data"), &bad);
    if (!bytes) return axisError("getEdoc: data is not base64");
    return *bytes;
}

Result<bool> AxisClient::updateStatus(const std::string& docId, const std::string& status) {
    const AxisReply r = axisCall(config_, "updateStatus", {{"docId", docId}, {"status", status}}, nullptr);
    const auto o = parseObject(r.body);
    if (r.httpStatus != 200 || !o) return axisError("updateStatus HTTP " + std::to_string(r.httpStatus));
    return o->optValue<std::string>("status", "") == "OK";
}

}  // namespace vanthu::server
