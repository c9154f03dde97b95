// desk/page.h (private to desk/): what every page of the desk shares — the templates, the HTML
// reply with its security headers, form bodies, cookies, the signed-in visitor and the CSRF check.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "desk/desk.h"
#include "server/http_reply.h"
#include "server/router.h"
#include "server/routes.h"
#include "store/store.h"

namespace vanthu::desk {

using Data = kainjow::mustache::data;

// The templates of templates/desk, parsed once at start. render() escapes every {{value}}; only
// {{{content}}} of the layout takes HTML, and that is always the output of another template.
class Templates {
public:
    explicit Templates(const std::string& dir);  // throws Failure(InvalidInput) naming the file
    std::string render(const std::string& name, const Data& data) const;
    const std::string& css() const { return css_; }

private:
    std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> pages_;
    std::string css_;
};

struct Visitor {
    store::User user;
    std::string csrf;
    std::string sessionToken;
    std::string organName;
};

struct Desk {
    server::Api& api;
    Templates templates;
    DeskOptions options;
};

// A page: `body` (template `name` over `data`) inside the layout, with the headers of every desk
// reply (CSP, nosniff, no framing, no caching).
server::Reply page(const Desk& desk, const std::optional<Visitor>& who, const std::string& title, const std::string& name, Data data,
                   int status = 200);
server::Reply redirect(const std::string& location);
void addSecurityHeaders(server::Reply& reply);

// application/x-www-form-urlencoded, each name and value percent-decoded and checked UTF-8.
// Throws HttpError 400 naming the field.
using Form = std::map<std::string, std::string>;
Form readForm(const server::Call& call);
std::string field(const Form& form, const std::string& name);  // "" when absent, NFC otherwise

std::string cookie(const server::Call& call, const std::string& name);
std::string setCookie(const Desk& desk, const server::Call& call, const std::string& name, const std::string& value, long maxAgeSeconds);

// The signed-in visitor, or nullopt. requireVisitor() sends the browser to the sign-in page
// (throws Redirect); checkCsrf() refuses a form without this session's token (throws HttpError 403).
std::optional<Visitor> currentVisitor(const Desk& desk, const server::Call& call);
struct Redirect {
    std::string location;
};
Visitor requireVisitor(const Desk& desk, const server::Call& call);
void checkCsrf(const Visitor& who, const Form& form);

// A handler of the desk: Reply f(Desk&, Call&), whose HttpErrors become an HTML error page.
// Each handler holds the Desk (shared), so it lives as long as the route table.
using PageFn = server::Reply (*)(Desk&, server::Call&);
server::Handler pageHandler(const std::shared_ptr<Desk>& desk, PageFn f);
// A desk route: no bearer token (the page checks the session cookie itself).
void addPage(server::Router& router, const std::shared_ptr<Desk>& desk, const std::string& method, const std::string& pattern, PageFn f);

// One error or warning for a template: {message_vi, message_en}.
Data messageData(const std::string& vi, const std::string& en);

// Labels in Vietnamese: a status key ("issued" → "Đã ban hành"), a type key ("cong-van" → "Công văn").
const std::vector<std::pair<std::string, std::string>>& statusLabels();
std::string statusLabel(const std::string& status);
std::string typeName(const std::string& key);
// One search hit as a row of the lists (Văn bản đi, Tra cứu): id, code, date, type, subject, status.
Data hitRow(const store::SearchHit& hit);

// Routes of each part (sign_in.cpp, outgoing.cpp, lookup.cpp, users.cpp).
void addSignInRoutes(server::Router& router, const std::shared_ptr<Desk>& desk);
void addOutgoingRoutes(server::Router& router, const std::shared_ptr<Desk>& desk);
void addLookupRoutes(server::Router& router, const std::shared_ptr<Desk>& desk);
void addUserRoutes(server::Router& router, const std::shared_ptr<Desk>& desk);

}  // namespace vanthu::desk
