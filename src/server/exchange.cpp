// server::Exchange: the directory, links, transports and axis poller around service::Exchange.
#include "server/exchange.h"

#include <iostream>

#include "core/files.h"
#include "server/axis_poller.h"
#include "server/axis_transport.h"
#include "server/exchange_routes.h"
#include "server/http_transport.h"
#include "render/renderer.h"
#include "server/server.h"
#include "service/exchange.h"

namespace vanthu::server {

namespace dist = vanthu::distribution;

struct Exchange::Impl {
    ExchangeOptions options;
    std::shared_ptr<LinkSource> links;   // re-read when the file changes
    std::unique_ptr<service::Exchange> service;
    std::unique_ptr<AxisPoller> poller;  // with ExchangeOptions::axis

    Impl(store::Store& store, ExchangeOptions o, std::shared_ptr<render::DocumentRenderer> renderer) : options(std::move(o)) {
        service::ExchangeSetup setup;
        const std::string dirPath =
            options.directoryPath.empty() ? (dataDir() / "samples" / "agencies.xml").string() : options.directoryPath;
        auto loaded = dist::AgencyDirectory::loadFile(dirPath);
        if (!loaded.ok()) throw Failure(Errc::InvalidInput, "agency directory " + dirPath + ": " + loaded.error().describe());
        setup.directory = std::move(loaded.value().directory);
        if (!options.linksPath.empty()) {
            auto l = LinkSource::watch(options.linksPath);
            if (!l.ok()) throw Failure(Errc::InvalidInput, "links " + options.linksPath + ": " + l.error().describe());
            links = std::move(l.value());
        } else {
            links = std::make_shared<LinkSource>(LinkTable());
        }
        const std::string self = options.receiveFor.empty() ? "" : options.receiveFor.front();
        setup.transports["vanthu"] = std::make_shared<HttpTransport>(self, links);
        std::optional<AxisConfig> axis;
        if (options.axis) {
            if (self.empty()) throw Failure(Errc::InvalidInput, "the national axis needs --receive-for (our organId is the sender)");
            axis = AxisConfig{};
            axis->endpoint = options.axis->endpoint;
            axis->systemId = options.axis->systemId;
            axis->secret = options.axis->secret;
            axis->organId = self;
            setup.transports["axis"] = std::make_shared<AxisTransport>(*axis);
        }
        setup.receiveFor = options.receiveFor;
        setup.outbox = options.outbox;
        setup.maxPackageBytes = options.maxPackageBytes;
        if (renderer)
            setup.render = [renderer](const model::Document& doc, const std::string& format) -> std::optional<std::string> {
                if (!renderer->supports(format)) return std::nullopt;
                return renderer->renderDocument(doc, format);
            };
        service = std::make_unique<service::Exchange>(store, std::move(setup));
        if (axis)
            poller = std::make_unique<AxisPoller>(*axis, options.axis->poll,
                                                  [this](const std::string& docId, const std::string& from, const std::string&,
                                                         const std::string& bytes) { return fromAxis(docId, from, bytes); });
    }

    // The national axis: the poller hands over what getEdoc returned; the axis authenticated the
    // sender (`from`). A fault (the database is down) leaves the package pending on the axis.
    AxisReceived fromAxis(const std::string& docId, const std::string& from, const std::string& bytes) {
        try {
            store::InboxRow row = service->arrival("axis:" + docId);
            row.size = std::int64_t(bytes.size());
            const auto in = service->ingest(std::move(row), bytes, from, service::Channel::Axis);
            return {true, in.parsed};
        } catch (const std::exception& e) {
            std::cerr << "vanthu axis: " << docId << " from " << from << " left pending: " << e.what() << "\n";
            return {false, false};
        }
    }
};

Exchange::Exchange(store::Store& store, ExchangeOptions options, std::shared_ptr<render::DocumentRenderer> renderer)
    : impl_(std::make_unique<Impl>(store, std::move(options), renderer ? std::move(renderer) : render::sharedRenderer())) {}

Exchange::~Exchange() { stop(); }

void Exchange::start() {
    if (!impl_->options.workers) return;
    impl_->service->start();
    if (impl_->poller) impl_->poller->start();
}

void Exchange::stop() {
    if (impl_->poller) impl_->poller->stop();
    impl_->service->stop();
}

void Exchange::addRoutes(Router& router, Api& api) {
    ExchangeRoutes routes{*impl_->service, impl_->links, impl_->options.maxPackageBytes, api};
    addInboxRoutes(router, routes);
    addIncomingRoutes(router, routes);
    addDeliveryRoutes(router, routes);
}

service::Exchange& Exchange::service() { return *impl_->service; }
distribution::Outbox& Exchange::outbox() { return impl_->service->outbox(); }

}  // namespace vanthu::server
