// server/exchange_routes.h (private to server/): the exchange's routes files and what they share.
//   inbox_routes.cpp     POST /edxml (peers), GET /inbox, /inbox/{id}
//   incoming_routes.cpp  /incoming: the incoming register, an entry, its files, the clerk's answers
//   delivery_routes.cpp  /deliveries, a document's deliveries and recipients, /agencies
#pragma once

#include <cstddef>
#include <memory>

#include "server/routes.h"

namespace vanthu::service {
class Exchange;
}  // namespace vanthu::service

namespace vanthu::server {

class LinkSource;  // server/http_transport.h

struct ExchangeRoutes {
    service::Exchange& exchange;
    std::shared_ptr<LinkSource> links;
    std::size_t maxPackageBytes;
    Api& api;
};

void addInboxRoutes(Router& router, const ExchangeRoutes& routes);
void addIncomingRoutes(Router& router, const ExchangeRoutes& routes);
void addDeliveryRoutes(Router& router, const ExchangeRoutes& routes);

// A route function of the exchange as a route table handler (the routes' state is shared).
inline Handler bound(std::shared_ptr<const ExchangeRoutes> x, Reply (*f)(const ExchangeRoutes&, Call&)) {
    return [x = std::move(x), f](Call& c) { return f(*x, c); };
}

}  // namespace vanthu::server
