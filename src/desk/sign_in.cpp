// Sign-in and sign-out (service/accounts.h), the stylesheet, and `/`.
//
// The sign-in form has no session yet, so its CSRF token is a double submit: a random value in a
// pre-session cookie (HttpOnly, SameSite=Strict) and the same value in the form; a post whose two
// differ is refused. Once signed in, every form carries the session's own token (checkCsrf).
#include <Poco/Net/HTTPServerRequest.h>

#include "core/digest.h"
#include "desk/page.h"
#include "service/accounts.h"

namespace vanthu::desk {

using server::Call;
using server::Reply;

namespace {

constexpr const char* kSessionCookie = "vanthu_session";
constexpr const char* kSignInCookie = "vanthu_signin";

Reply signInPage(Desk& desk, Call& call, const std::string& login, const std::optional<Error>& error, int status) {
    std::string token = cookie(call, kSignInCookie);
    const bool fresh = token.size() != 64;
    if (fresh) token = service::randomToken();
    Data d;
    d.set("signin_token", token);
    d.set("login", login);
    if (error) d.set("error", messageData(error->messageVi, error->messageEn));
    Reply r = page(desk, std::nullopt, "Đăng nhập", "sign_in", d, status);
    if (fresh) r.headers.emplace_back("Set-Cookie", setCookie(desk, call, kSignInCookie, token, 3600));
    return r;
}

Reply getSignIn(Desk& desk, Call& call) {
    if (currentVisitor(desk, call)) return redirect("/van-ban-di");
    return signInPage(desk, call, "", std::nullopt, 200);
}

Reply postSignIn(Desk& desk, Call& call) {
    const Form form = readForm(call);
    const std::string expected = cookie(call, kSignInCookie);
    const auto sent = form.find("signin_token");
    if (expected.size() != 64 || sent == form.end() || !constantTimeEqual(sent->second, expected))
        server::fail(403, "csrf", "Biểu mẫu đăng nhập đã cũ hoặc không đến từ trang này; hãy tải lại trang",
                     "the sign-in form is stale or did not come from this page; reload it", "csrf");
    const std::string login = field(form, "login");
    auto r = service::signIn(desk.api.ctx, login, form.count("password") ? form.at("password") : std::string());
    if (!r.ok()) return signInPage(desk, call, login, r.error(), server::statusFor(r.error().code));
    Reply out = redirect("/van-ban-di");
    out.headers.emplace_back("Set-Cookie", setCookie(desk, call, kSessionCookie, r.value().sessionToken, service::kSessionSeconds));
    out.headers.emplace_back("Set-Cookie", setCookie(desk, call, kSignInCookie, "", 0));  // its work is done
    return out;
}

Reply postSignOut(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    checkCsrf(who, readForm(call));
    service::signOut(desk.api.ctx, who.sessionToken);
    Reply out = redirect("/dang-nhap");
    out.headers.emplace_back("Set-Cookie", setCookie(desk, call, kSessionCookie, "", 0));
    return out;
}

Reply getHome(Desk& desk, Call& call) { return redirect(currentVisitor(desk, call) ? "/van-ban-di" : "/dang-nhap"); }

Reply getCss(Desk& desk, Call&) {
    Reply r;
    r.contentType = "text/css; charset=utf-8";
    r.body = desk.templates.css();
    addSecurityHeaders(r);
    return r;
}

}  // namespace

void addSignInRoutes(server::Router& router, const std::shared_ptr<Desk>& desk) {
    addPage(router, desk, "GET", "/", getHome);
    addPage(router, desk, "GET", "/dang-nhap", getSignIn);
    addPage(router, desk, "POST", "/dang-nhap", postSignIn);
    addPage(router, desk, "POST", "/dang-xuat", postSignOut);
    addPage(router, desk, "GET", "/desk.css", getCss);
}

}  // namespace vanthu::desk
