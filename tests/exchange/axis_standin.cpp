#include "core/digest.h"
#include "exchange/axis_standin.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <sstream>

#include "distribution/signing.h"

namespace vanthu::testing {

namespace dist = vanthu::distribution;

struct AxisStandIn::Impl {
    std::map<std::string, System> systems;
    mutable std::mutex mu;
    std::vector<Stored> docs;
    int refused = 0;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    int port = 0;

    std::string reply(Poco::Net::HTTPServerRequest& req, int& status) {
        std::vector<dist::Header> headers;
        for (const auto& [k, v] : req) headers.push_back({k, v});
        const std::string systemId = req.get("XroadVnpt-systemid", "");
        const auto sys = systems.find(systemId);
        std::string why;
        const auto logical = sys == systems.end() ? std::vector<dist::Header>{} : dist::verifyAxisHeaders(sys->second.secret, headers, &why);
        Poco::JSON::Object o;
        if (logical.empty()) {
            std::lock_guard<std::mutex> lock(mu);
            ++refused;
            status = 401;
            o.set("status", "FAIL");
            o.set("ErrorCode", "15");
            o.set("ErrorDesc", sys == systems.end() ? "unknown systemid" : why);
            return toJson(o);
        }
        auto param = [&](const std::string& k) {
            for (const auto& h : logical)
                if (h.name == k) return h.value;
            return std::string();
        };
        const std::string op = req.getURI().substr(req.getURI().rfind('/') + 1);
        status = 200;
        std::lock_guard<std::mutex> lock(mu);
        if (op == "sendEdoc") {
            struct Collect : Poco::Net::PartHandler {
                std::string file;
                void handlePart(const Poco::Net::MessageHeader& h, std::istream& s) override {
                    std::string disp = h.get("Content-Disposition", "");
                    std::ostringstream os;
                    Poco::StreamCopier::copyStream(s, os);
                    if (disp.find("name=\"file_doc\"") != std::string::npos) file = os.str();
                }
            } parts;
            Poco::Net::HTMLForm form(req, req.stream(), parts);
            if (parts.file.empty() || hexLower(sha256(parts.file)) != param("hash-file")) {
                o.set("status", "FAIL");
                o.set("ErrorCode", "10");
                o.set("ErrorDesc", "file_doc missing or hash-file does not match");
                return toJson(o);
            }
            if (param("from") != sys->second.organId) {
                o.set("status", "FAIL");
                o.set("ErrorCode", "19");
                o.set("ErrorDesc", "sender not registered for this systemid");
                return toJson(o);
            }
            std::string to = param("to");  // ["000.00.05.G12"]
            to = to.size() > 4 ? to.substr(2, to.size() - 4) : "";
            Stored s{"AX" + std::to_string(docs.size() + 1), param("from"), to, param("messagetype"), parts.file};
            docs.push_back(s);
            o.set("status", "OK");
            o.set("ErrorCode", "0");
            o.set("ErrorDesc", "");
            o.set("DocId", s.docId);
            return toJson(o);
        }
        if (op == "getReceivedEdocList") {
            Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
            for (const auto& d : docs)
                if (d.to == sys->second.organId && d.messageType == param("messagetype") && d.status == "pending") {
                    Poco::JSON::Object::Ptr x = new Poco::JSON::Object;
                    x->set("docId", d.docId);
                    x->set("from", d.from);
                    x->set("to", d.to);
                    x->set("serviceType", "eDoc");
                    x->set("messageType", d.messageType);
                    x->set("status", d.status);
                    a->add(x);
                }
            o.set("status", "OK");
            o.set("data", a);
            return toJson(o);
        }
        for (auto& d : docs) {
            if (d.docId != param("docId") || d.to != sys->second.organId) continue;
            if (op == "getEdoc") {
                o.set("status", "OK");
                o.set("data", base64Encode(d.bytes));
                return toJson(o);
            }
            if (op == "updateStatus") {
                d.status = param("status");
                o.set("status", "OK");
                return toJson(o);
            }
        }
        status = 404;
        o.set("status", "FAIL");
        o.set("ErrorCode", "15");
        o.set("ErrorDesc", "no such document for this system");
        return toJson(o);
    }

    static std::string toJson(const Poco::JSON::Object& o) {
        std::ostringstream os;
        o.stringify(os);
        return os.str();
    }
};

namespace {
class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(AxisStandIn::Impl& impl) : impl_(impl) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
        int status = 500;
        std::string body;
        try {
            body = impl_.reply(req, status);
        } catch (const std::exception& e) {
            status = 500;
            body = e.what();
        }
        res.setStatus(Poco::Net::HTTPResponse::HTTPStatus(status));
        res.setContentType("application/json");
        res.setContentLength64(Poco::Int64(body.size()));
        res.sendBuffer(body.data(), body.size());
    }

private:
    AxisStandIn::Impl& impl_;
};
class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(AxisStandIn::Impl& impl) : impl_(impl) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Handler(impl_); }

private:
    AxisStandIn::Impl& impl_;
};
}  // namespace

AxisStandIn::AxisStandIn(std::map<std::string, System> systems) : impl_(std::make_unique<Impl>()) {
    impl_->systems = std::move(systems);
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    impl_->port = socket.address().port();
    impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), socket, new Poco::Net::HTTPServerParams);
    impl_->server->start();
}

AxisStandIn::~AxisStandIn() { impl_->server->stopAll(true); }

int AxisStandIn::port() const { return impl_->port; }

std::vector<AxisStandIn::Stored> AxisStandIn::stored() const {
    std::lock_guard<std::mutex> lock(impl_->mu);
    return impl_->docs;
}

int AxisStandIn::refused() const {
    std::lock_guard<std::mutex> lock(impl_->mu);
    return impl_->refused;
}

void AxisStandIn::redeliver(const std::string& docId) {
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (auto& d : impl_->docs)
        if (d.docId == docId) d.status = "pending";
}

}  // namespace vanthu::testing
