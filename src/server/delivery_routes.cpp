// Tracking what we sent: deliveries (unacknowledged ones, a retry), a document's deliveries and
// its recipients preview, and the agency directory in force.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "server/exchange_routes.h"
#include "server/json_views.h"
#include "service/access.h"
#include "service/exchange.h"

namespace vanthu::server {

using Poco::JSON::Array;
using Poco::JSON::Object;
namespace dist = vanthu::distribution;

namespace {

Array::Ptr deliveriesJson(const std::vector<service::DeliveryView>& views) {
    Array::Ptr a = new Array;
    for (const auto& v : views) a->add(deliveryJson(v));
    return a;
}

Reply getUnacknowledged(const ExchangeRoutes& x, Call& call) {
    const auto& req = call.request;
    onlyParams(req, {"unacknowledged_days"});
    int days = 0;
    if (req.params.count("unacknowledged_days")) {
        const std::string d = req.param("unacknowledged_days");
        if (d.empty() || d.size() > 5 || d.find_first_not_of("0123456789") != std::string::npos)
            fail(400, "invalid_input", "unacknowledged_days phải là số ngày", "unacknowledged_days must be a number of days", "unacknowledged_days");
        days = std::stoi(d);
    }
    auto found = x.exchange.unacknowledged(call.actor(), days);
    Object o;
    o.set("unacknowledged_days", days);
    o.set("items", deliveriesJson(need(found)));
    return jsonReply(200, o);
}

Reply postRetry(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    auto v = x.exchange.retryDelivery(call.actor(), pathId(call.request.capture("id")));
    return jsonReply(200, *deliveryJson(need(v)));
}

Reply getDocumentDeliveries(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    const std::int64_t id = pathId(call.request.capture("id"));
    std::vector<service::DeliveryView> takeBacks;
    auto found = x.exchange.deliveriesOf(call.actor(), id, &takeBacks);
    Object o;
    o.set("document", id);
    o.set("items", deliveriesJson(need(found)));
    o.set("take_back_items", deliveriesJson(takeBacks));  // the 13s of a recall, each a delivery of its own
    return jsonReply(200, o);
}

const char* targetKind(dist::Target::Kind k) {
    return k == dist::Target::Kind::Agency ? "agency" : k == dist::Target::Kind::InternalUnit ? "unit" : "archive";
}

// The preview a clerk sees before issuing.
Reply getDocumentRecipients(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    const std::int64_t id = pathId(call.request.capture("id"));
    auto found = x.exchange.previewRecipients(call.actor(), id);
    const auto& preview = need(found);
    Array::Ptr lines = new Array;
    for (const auto& l : preview.resolution.lines) {
        Object::Ptr line = new Object;
        line->set("text", l.text);
        line->set("resolved", l.resolved());
        Array::Ptr targets = new Array;
        for (const auto& t : l.targets) {
            Object::Ptr y = new Object;
            y->set("kind", targetKind(t.kind));
            y->set("key", t.key);
            y->set("name", t.name);
            y->set("organ_id", t.organId);
            targets->add(y);
        }
        line->set("targets", targets);
        Array::Ptr unresolved = new Array;
        for (const auto& u : l.unresolved) unresolved->add(u);
        line->set("unresolved", unresolved);
        lines->add(line);
    }
    Array::Ptr deliver = new Array;
    for (const auto& e : preview.deliveries) {
        Object::Ptr y = new Object;
        y->set("organ_id", e.recipientOrganId);
        y->set("name", e.recipientName);
        y->set("transport", e.transport);
        deliver->add(y);
    }
    Object o;
    o.set("document", id);
    o.set("lines", lines);
    o.set("deliveries", deliver);
    o.set("warnings", warningsJson(preview.warnings));
    return jsonReply(200, o);
}

// The directory in force, exported in its normal form.
Reply getAgencies(const ExchangeRoutes& x, Call& call) {
    onlyParams(call.request, {});
    if (auto e = service::requireRole(call.actor(), {store::Role::Clerk})) failWith({*e});
    Reply r;
    r.contentType = "application/xml; charset=utf-8";
    r.body = x.exchange.directory().toXml();
    return r;
}

}  // namespace

void addDeliveryRoutes(Router& router, const ExchangeRoutes& routes) {
    const auto x = std::make_shared<const ExchangeRoutes>(routes);
    router.add("GET", apiPath("/deliveries"), bound(x, getUnacknowledged));
    router.add("POST", apiPath("/deliveries/{id}/retry"), bound(x, postRetry));
    router.add("GET", apiPath("/documents/{id}/deliveries"), bound(x, getDocumentDeliveries));
    router.add("GET", apiPath("/documents/{id}/recipients"), bound(x, getDocumentRecipients));
    router.add("GET", apiPath("/agencies"), bound(x, getAgencies));
}

}  // namespace vanthu::server
