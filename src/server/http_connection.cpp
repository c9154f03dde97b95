#include "server/http_connection.h"

#include <Poco/Exception.h>
#include <Poco/Timestamp.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <memory>
#include <optional>

#include "server/http_reply.h"

namespace vanthu::server {

namespace {

// Poco's HTTPServerConnection (its stop subscription and error responses), with our own loop
// over the requests of one connection: the same steps as Poco's, but a head whose numbers do not
// parse is answered instead of unwinding (which closed the socket before anything was sent).
class Connection final : public Poco::Net::HTTPServerConnection {
public:
    Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
        : HTTPServerConnection(socket, params, factory), params_(std::move(params)), factory_(std::move(factory)) {}

    void run() override {
        Poco::Net::HTTPServerSession session(socket(), params_);
        while (session.hasMoreRequests()) {
            try {
                Poco::Net::HTTPServerResponseImpl response(session);
                std::optional<Poco::Net::HTTPServerRequestImpl> request;
                try {
                    request.emplace(response, session, params_);
                } catch (const Poco::SyntaxException&) {  // Content-Length beyond 2^63 or not a number
                    refuseHead();
                    return;
                }
                serve(session, response, *request);
            } catch (const Poco::Net::NoMessageException&) {
                return;
            } catch (const Poco::Net::MessageException&) {
                sendErrorResponse(session, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
            } catch (const Poco::Exception&) {
                if (session.networkException()) session.networkException()->rethrow();
                throw;
            }
        }
    }

private:
    void serve(Poco::Net::HTTPServerSession& session, Poco::Net::HTTPServerResponseImpl& response, Poco::Net::HTTPServerRequestImpl& request) {
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive());
        if (!params_->getSoftwareVersion().empty()) response.set("Server", params_->getSoftwareVersion());
        try {
            std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_->createRequestHandler(request));
            if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) response.sendContinue();
            handler->handleRequest(request, response);
            session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive());
        } catch (const Poco::Exception&) {
            if (!response.sent()) {
                try {
                    sendErrorResponse(session, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
                } catch (...) {
                }
            }
            throw;
        }
    }

    // The body cannot be framed, so the connection ends after the answer (RFC 9112 §6.3); what
    // the client still sends is read for a moment, so closing does not reset the answer away.
    void refuseHead() {
        const Reply r = errorReply(HttpError{
            400, {Error::invalidInput("Content-Length", "Content-Length không phải một số byte hợp lệ",
                                      "Content-Length is not a valid number of bytes")}});
        const std::string bytes = "HTTP/1.1 400 Bad Request\r\nContent-Type: " + r.contentType +
                                  "\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\nConnection: close\r\n\r\n" + r.body;
        try {
            socket().sendBytes(bytes.data(), int(bytes.size()));
            socket().shutdownSend();
            socket().setReceiveTimeout(Poco::Timespan(1, 0));
            char buf[4096];
            for (int total = 0, n; total < (1 << 20) && (n = socket().receiveBytes(buf, sizeof buf)) > 0;) total += n;
        } catch (const Poco::Exception&) {  // the client is gone or slow: nothing more to do
        }
    }

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
};

class ConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
        : params_(std::move(params)), factory_(std::move(factory)) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new Connection(socket, params_, factory_);
    }

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
};

}  // namespace

HttpServer::HttpServer(RequestHandlerFactory* factory, Poco::ThreadPool& threads, const Poco::Net::ServerSocket& socket,
                       Poco::Net::HTTPServerParams::Ptr params)
    : HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr(factory), factory, threads, socket, params) {}

HttpServer::HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr owner, RequestHandlerFactory* factory, Poco::ThreadPool& threads,
                       const Poco::Net::ServerSocket& socket, Poco::Net::HTTPServerParams::Ptr params)
    : TCPServer(new ConnectionFactory(params, owner), threads, socket, params), owner_(owner), factory_(factory) {}

void HttpServer::stopAll(bool abortCurrent) {
    stop();
    factory_->notifyStopped(this, abortCurrent);
}

}  // namespace vanthu::server
