// The HTTP service: the route table of every resource over the service's use-cases.
#include "server/server.h"

#include <Poco/Net/ServerSocket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "input/document_reader.h"
#include "server/exchange.h"
#include "server/front_door.h"
#include "server/router.h"
#include "server/routes.h"
#include "service/exchange.h"

namespace vanthu::server {

struct Server::Impl {
    store::Store& store;
    ServerOptions options;
    std::shared_ptr<render::DocumentRenderer> renderer;
    std::atomic<std::uint64_t> issued{0};
    service::Context ctx;
    Api api;
    Router router;
    std::unique_ptr<FrontDoor> http;
    int port = 0;

    Impl(store::Store& s, ServerOptions o, std::shared_ptr<render::DocumentRenderer> r)
        : store(s),
          options(std::move(o)),
          renderer(std::move(r)),
          ctx{store,
              options.exchange ? &options.exchange->service() : nullptr,
              options.maxBodyBytes,
              [this] { issued++; },
              renderer,
              options.renderLimits,
              std::make_shared<service::RenderGate>(options.renders)},
          api{ctx, [this] { return metricsText(); }},
          router(store, options.maxBodyBytes, options.logRequests) {
        addSystemRoutes(router, api);
        addDocumentRoutes(router, api);
        addRegisterRoutes(router, api);
        if (options.exchange) options.exchange->addRoutes(router, api);
        if (options.moreRoutes) options.moreRoutes(router, api);
    }

    std::string metricsText() const {
        std::ostringstream os;
        os << router.metricsText()
           << "# HELP vanthu_documents_issued_total Documents numbered and issued by this process.\n"
              "# TYPE vanthu_documents_issued_total counter\n"
              "vanthu_documents_issued_total "
           << issued.load() << "\n";
        return os.str();
    }
};


Server::Server(store::Store& store, ServerOptions options, std::shared_ptr<render::DocumentRenderer> renderer)
    : impl_(std::make_unique<Impl>(store, std::move(options), renderer ? std::move(renderer) : render::sharedRenderer())) {}

Server::~Server() { stop(); }

void Server::start() {
    if (impl_->http) return;
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(impl_->options.host, Poco::UInt16(impl_->options.port)), 1024);
    impl_->port = socket.address().port();
    FrontDoorOptions door;
    door.workers = impl_->options.maxThreads;
    door.maxPerAddress = impl_->options.maxConnectionsPerAddress;
    door.headTimeout = std::chrono::milliseconds(impl_->options.headTimeoutMs);
    door.bodyTimeout = std::chrono::milliseconds(impl_->options.bodyTimeoutMs);
    Router& router = impl_->router;
    impl_->http = std::make_unique<FrontDoor>(socket, door, [&router](auto& req, auto& res) { router.serve(req, res); });
    impl_->http->start();
}

void Server::stop() {
    if (!impl_->http) return;
    impl_->http->stop();
    impl_->http.reset();
}

int Server::port() const { return impl_->port; }

int loadSamples(store::Store& store, const std::string& samplesDir) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    // Document samples are NN-name.xml; other files there (agencies.xml, the directory) are data.
    for (const auto& e : fs::directory_iterator(samplesDir)) {
        const std::string n = e.path().filename().string();
        if (e.path().extension() == ".xml" && n.size() > 3 && std::isdigit(static_cast<unsigned char>(n[0])) &&
            std::isdigit(static_cast<unsigned char>(n[1])) && n[2] == '-')
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    int n = 0;
    for (const auto& f : files) {
        auto read = input::readDocumentFile(f);
        if (!read.ok()) {
            std::cerr << "vanthu: sample " << f.string() << ": " << read.error().describe() << "\n";
            continue;
        }
        const auto& doc = read.value().document;
        const auto organ = store.ensureOrgan(doc.issuer.abbreviation, doc.issuer.name);
        std::ifstream in(f, std::ios::binary);
        const std::string xml((std::istreambuf_iterator<char>(in)), {});
        auto r = store.importIssued(organ.id, 0, xml, doc, "samples");
        if (r.ok()) ++n;
    }
    return n;
}

}  // namespace vanthu::server
