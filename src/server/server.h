// server/server.h: the HTTP service (JSON under /api/v1) over a store::Store.
//
// The server is thin: it authenticates (Bearer tokens, hashed in the store), checks roles, organ
// scope and secrecy clearance, maps requests to store calls and every failure to a JSON error
// {code, message_vi, message_en, field} with its 4xx status, in one place (STYLE.md §14). Bad
// input never yields a 500; a 500 means a fault of ours (logged). The full reply is built in
// memory before anything is sent.
//
// Rendering goes through a render::DocumentRenderer (render/renderer.h), shared with the exchange;
// a format it does not support answers 501 with a JSON error.
//
// Thread-safety: start()/stop() from one thread; requests are served on the server's own pool.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "render/render_budget.h"
#include "render/renderer.h"
#include "service/render_gate.h"
#include "store/store.h"

namespace vanthu::server {

class Exchange;  // server/exchange.h
class Router;    // server/router.h
struct Api;      // server/routes.h

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                                // 0: a free port (see Server::port())
    std::size_t maxBodyBytes = 4 * 1024 * 1024;  // larger bodies get 413
    int maxThreads = 32;                         // workers; connections wait in the front door (front_door.h)
    std::size_t maxConnectionsPerAddress = 128;  // 0: no cap (behind a reverse proxy)
    int headTimeoutMs = 5000;                    // request line and headers
    int bodyTimeoutMs = 30000;                   // the rest of the request, from dispatch
    bool logRequests = false;
    std::shared_ptr<Exchange> exchange;          // document exchange (issue 5); null = none
    render::RenderLimits renderLimits{};         // documents beyond them: 413, when stored and rendered
    service::RenderGateOptions renders{};        // renders at once, queued, cached (service/render_gate.h)
    std::function<void(Router&, Api&)> moreRoutes;  // more routes on the same table (the desk, src/desk)
};

class Server {
public:
    // renderer: null = render::sharedRenderer(), the instance the exchange uses when given none.
    Server(store::Store& store, ServerOptions options, std::shared_ptr<render::DocumentRenderer> renderer);
    ~Server();  // stops
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void start();
    void stop();
    int port() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// Imports samples/*.xml (each issuer becomes an organ); documents already present are skipped.
// Returns the number imported.
int loadSamples(store::Store& store, const std::string& samplesDir);

}  // namespace vanthu::server
