// Văn bản đến (the incoming register of a year) and Tra cứu (one search box): read-only pages.
#include "desk/page.h"
#include "model/document_type.h"
#include "service/exchange.h"
#include "service/registers.h"

namespace vanthu::desk {

using server::Call;
using server::Reply;

namespace {

int currentYear(const Desk& desk) {
    const std::int64_t days = desk.api.ctx.store.unixNow() / 86400;
    return int(std::chrono::year_month_day(std::chrono::sys_days(std::chrono::days(days))).year());
}

// GET /van-ban-den?nam=2026
Reply getIncoming(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    const std::string y = call.request.param("nam");
    const int year = y.empty() ? currentYear(desk) : server::positiveParam(y, "nam", 9999);
    Data d;
    d.set("year", std::to_string(year));
    Data rows{Data::type::list};
    if (!desk.api.ctx.exchange) {
        d.set("no_exchange", true);
    } else {
        auto entries = desk.api.ctx.exchange->incomingRegister(who.user, year);
        for (const auto& e : server::need(entries)) {
            Data r;
            r.set("number", std::to_string(e.number));
            r.set("received", e.receivedAt.substr(0, 10));
            r.set("sender", e.sender);
            r.set("code", e.code);
            r.set("date", e.documentDate);
            r.set("subject", e.typeAndSubject);
            r.set("unit", e.recipientUnit);
            r.set("state", e.state);
            rows << r;
        }
    }
    d.set("empty", rows.is_empty_list());
    d.set("rows", rows);
    return page(desk, who, "Văn bản đến " + std::to_string(year), "incoming_list", d);
}

// GET /tra-cuu?q=… : a code in any spelling or words with or without diacritics.
Reply getSearch(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    store::Query q;
    q.text = call.request.param("q");
    if (q.text.size() > 500) server::fail(400, "invalid_param", "Chuỗi tra cứu quá dài (tối đa 500 byte)", "the query is too long (500 bytes at most)", "q");
    Data d;
    d.set("q", q.text);
    if (!q.text.empty()) {
        q.pageSize = 50;
        const auto found = service::search(desk.api.ctx, who.user, q);
        Data rows{Data::type::list};
        for (const auto& h : found.items) rows << hitRow(h);
        d.set("searched", true);
        d.set("empty", found.items.empty());
        d.set("total", std::to_string(found.total));
        d.set("rows", rows);
    }
    return page(desk, who, "Tra cứu", "search", d);
}

}  // namespace

void addLookupRoutes(server::Router& router, const std::shared_ptr<Desk>& desk) {
    addPage(router, desk, "GET", "/van-ban-den", getIncoming);
    addPage(router, desk, "GET", "/tra-cuu", getSearch);
}

}  // namespace vanthu::desk
