// tests/server/http_client.h: a loopback HTTP client for the server suites.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <memory>
#include <sstream>
#include <string>

namespace vanthu::testing {

struct HttpReply {
    int status = 0;  // 0: no reply (connection failed)
    std::string contentType;
    std::string body;
    Poco::JSON::Object::Ptr json() const {
        try {
            Poco::JSON::Parser p;
            auto v = p.parse(body);
            return v.extract<Poco::JSON::Object::Ptr>();
        } catch (...) {
            return nullptr;
        }
    }
};

// One keep-alive connection; reconnects by itself after an error.
class HttpClient {
public:
    explicit HttpClient(int port) : port_(port) {}

    HttpReply call(const std::string& method, const std::string& path, const std::string& token = "",
                   const std::string& body = "", const std::string& contentType = "") {
        HttpReply out;
        try {
            if (!session_) {
                session_ = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", Poco::UInt16(port_));
                session_->setKeepAlive(true);
                session_->setTimeout(Poco::Timespan(30, 0));
            }
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            if (!token.empty()) req.set("Authorization", "Bearer " + token);
            if (!contentType.empty()) req.setContentType(contentType);
            if (!body.empty() || method == "POST" || method == "PUT") req.setContentLength64(Poco::Int64(body.size()));
            std::ostream& os = session_->sendRequest(req);
            os.write(body.data(), std::streamsize(body.size()));
            Poco::Net::HTTPResponse res;
            std::istream& is = session_->receiveResponse(res);
            out.status = int(res.getStatus());
            out.contentType = res.getContentType();
            out.body.assign(std::istreambuf_iterator<char>(is), {});
            if (!res.getKeepAlive()) session_.reset();
        } catch (...) {
            session_.reset();
            out.status = 0;
        }
        return out;
    }

    HttpReply get(const std::string& path, const std::string& token = "") { return call("GET", path, token); }
    HttpReply postJson(const std::string& path, const std::string& token, const std::string& json) {
        return call("POST", path, token, json, "application/json");
    }
    HttpReply postXml(const std::string& path, const std::string& token, const std::string& xml) {
        return call("POST", path, token, xml, "application/xml");
    }

private:
    int port_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
};

}  // namespace vanthu::testing
