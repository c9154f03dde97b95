// desk/desk.h: the clerk's desk — server-rendered pages in Vietnamese at `/`, on the route table
// and HTTP kit of server/ (router.h, http_request.h, http_reply.h) and the use-cases of service/.
//
// The desk holds no business rule: every page calls a use-case, which checks role, organ and
// clearance itself. What the desk adds is the web's own safety: sessions in cookies (HttpOnly,
// SameSite=Strict, Secure behind TLS), a CSRF token on every form, templates that escape every
// value (kainjow mustache, templates/desk/), and a strict Content-Security-Policy (no inline
// script or style, nothing from another origin, no framing).
#pragma once

#include <functional>
#include <string>

namespace vanthu::server {
class Router;
struct Api;
}  // namespace vanthu::server

namespace vanthu::desk {

struct DeskOptions {
    std::string templatesDir;     // templates/desk: *.mustache and desk.css
    bool secureCookies = false;   // always mark cookies Secure (the desk is behind TLS)
};

// Adds the desk's routes. Throws Failure(InvalidInput) when a template is missing or malformed,
// so a broken install stops at start, not at the first page.
void addDeskRoutes(server::Router& router, server::Api& api, const DeskOptions& options);

}  // namespace vanthu::desk
