// server/http_connection.h (private to server/): Poco's HTTP server with one fix to how it reads
// a request head.
//
// Poco reads the head before any handler of ours runs, and a Content-Length it cannot parse as a
// 64-bit number ("99999999999999999999") escapes its connection loop as a SyntaxException: the
// client saw the connection close, with no answer. Here that request gets a 400 naming
// Content-Length, in our JSON error form, and the connection closes (its body cannot be framed,
// RFC 9112 §6.3). For that the loop over one connection's requests is ours (http_connection.cpp),
// step for step the one of Poco::Net::HTTPServerConnection, whose stop handling it keeps; a
// server with deadlines or its own acceptor replaces this loop, and keeps the 400.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServer.h>

namespace vanthu::server {

// The handler factory an HttpServer takes: Poco lets only its own HTTPServer tell the open
// connections that the server stopped.
class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    void notifyStopped(const void* server, bool abortCurrent) {
        const bool abort = abortCurrent;
        serverStopped.notify(server, abort);
    }
};

class HttpServer final : public Poco::Net::TCPServer {
public:
    // Takes ownership of `factory`.
    HttpServer(RequestHandlerFactory* factory, Poco::ThreadPool& threads, const Poco::Net::ServerSocket& socket,
               Poco::Net::HTTPServerParams::Ptr params);
    // Stops accepting, and tells the open connections to end (now, with abortCurrent).
    void stopAll(bool abortCurrent);

private:
    HttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr owner, RequestHandlerFactory* factory, Poco::ThreadPool& threads,
               const Poco::Net::ServerSocket& socket, Poco::Net::HTTPServerParams::Ptr params);
    Poco::Net::HTTPRequestHandlerFactory::Ptr owner_;  // shared with the connections
    RequestHandlerFactory* factory_;
};

}  // namespace vanthu::server
