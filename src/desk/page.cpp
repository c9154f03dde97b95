// The desk's page kit (desk/page.h): templates, HTML replies, forms, cookies, visitors.
#include "desk/page.h"

#include <Poco/Net/HTTPServerRequest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/digest.h"
#include "core/strings.h"
#include "core/utf8.h"
#include "model/document_type.h"
#include "service/accounts.h"
#include "text/unicode.h"

namespace vanthu::desk {

using server::Call;
using server::fail;
using server::Reply;

namespace {

constexpr const char* kSessionCookie = "vanthu_session";

std::string roleLabel(store::Role r) {
    switch (r) {
    case store::Role::Viewer: return "tra cứu";
    case store::Role::Drafter: return "chuyên viên";
    case store::Role::Signer: return "người ký";
    case store::Role::Clerk: return "văn thư";
    case store::Role::Admin: return "quản trị";
    }
    return std::string(store::roleName(r));
}

std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw Failure(Errc::InvalidInput, "desk template missing: " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

Templates::Templates(const std::string& dir) {
    namespace fs = std::filesystem;
    for (const char* name : {"layout", "sign_in", "error", "outgoing_list", "document", "draft_form", "incoming_list", "search", "users"}) {
        const fs::path p = fs::path(dir) / (std::string(name) + ".mustache");
        auto t = std::make_unique<kainjow::mustache::mustache>(readText(p));
        if (!t->is_valid()) throw Failure(Errc::InvalidInput, "desk template " + p.string() + ": " + t->error_message());
        pages_[name] = std::move(t);
    }
    css_ = readText(fs::path(dir) / "desk.css");
}

std::string Templates::render(const std::string& name, const Data& data) const {
    const auto it = pages_.find(name);
    if (it == pages_.end()) throw Failure(Errc::Internal, "no desk template " + name);
    return it->second->render(data);
}

void addSecurityHeaders(Reply& r) {
    // No script at all, styles only from our own file, forms only to ourselves, never framed.
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    r.headers.emplace_back("Cache-Control", "no-store");
}

Reply page(const Desk& desk, const std::optional<Visitor>& who, const std::string& title, const std::string& name, Data data, int status) {
    Data layout;
    layout.set("title", title);
    if (who) {
        Data user;
        user.set("name", who->user.name);
        user.set("role", roleLabel(who->user.role));
        user.set("organ", who->organName);
        user.set("csrf", who->csrf);
        user.set("admin", who->user.role == store::Role::Admin);  // the menu only; the core checks the role
        layout.set("visitor", user);
        data.set("csrf", who->csrf);
    }
    layout.set("content", desk.templates.render(name, data));
    Reply r;
    r.status = status;
    r.contentType = "text/html; charset=utf-8";
    r.body = desk.templates.render("layout", layout);
    addSecurityHeaders(r);
    return r;
}

Reply redirect(const std::string& location) {
    Reply r;
    r.status = 303;
    r.contentType = "text/plain; charset=utf-8";
    r.headers.emplace_back("Location", location);
    addSecurityHeaders(r);
    return r;
}

Form readForm(const Call& call) {
    if (call.request.contentType != "application/x-www-form-urlencoded")
        fail(415, "unsupported_media_type", "Biểu mẫu phải gửi dạng application/x-www-form-urlencoded",
             "the form must be sent as application/x-www-form-urlencoded", "Content-Type");
    Form form;
    std::string_view body = call.request.body;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const auto name = server::percentDecode(pair.substr(0, eq), true);
        const auto value = server::percentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
        const std::string shown = name ? *name : std::string(pair.substr(0, std::min<std::size_t>(eq, 40)));
        if (!name || !value || !isValidUtf8(*name) || !isValidUtf8(*value))
            fail(400, "invalid_form", "Trường " + (isValidUtf8(shown) ? shown : "?") + " của biểu mẫu không phải UTF-8 hợp lệ",
                 "form field " + (isValidUtf8(shown) ? shown : "?") + " is not valid UTF-8 or %-encoding", isValidUtf8(shown) ? shown : "");
        form[*name] = *value;
    }
    return form;
}

std::string field(const Form& form, const std::string& name) {
    const auto it = form.find(name);
    if (it == form.end()) return {};
    std::string v = text::nfc(it->second);
    // Browsers send CRLF from a textarea; the documents keep LF.
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (!(v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n')) out += v[i];
    return out;
}

std::string cookie(const Call& call, const std::string& name) {
    const std::string header = call.raw.get("Cookie", "");
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto semi = rest.find(';');
        const std::string_view item = trimAscii(rest.substr(0, semi));
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        const auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
    }
    return {};
}

std::string setCookie(const Desk& desk, const Call& call, const std::string& name, const std::string& value, long maxAgeSeconds) {
    // Secure when the desk is behind TLS: said at start, or by the TLS proxy in front of it.
    const bool secure = desk.options.secureCookies || equalsIgnoringAsciiCase(call.raw.get("X-Forwarded-Proto", ""), "https");
    return name + "=" + value + "; Path=/; Max-Age=" + std::to_string(maxAgeSeconds) + "; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

std::optional<Visitor> currentVisitor(const Desk& desk, const Call& call) {
    const std::string token = cookie(call, kSessionCookie);
    if (token.empty()) return std::nullopt;
    const auto s = service::sessionFor(desk.api.ctx, token);
    if (!s) return std::nullopt;
    const auto organ = desk.api.ctx.store.organ(s->user.organId);
    return Visitor{s->user, s->csrf, token, organ ? organ->name : std::string()};
}

Visitor requireVisitor(const Desk& desk, const Call& call) {
    auto v = currentVisitor(desk, call);
    if (!v) throw Redirect{"/dang-nhap"};
    return *v;
}

void checkCsrf(const Visitor& who, const Form& form) {
    const auto it = form.find("csrf");
    if (it == form.end() || !constantTimeEqual(it->second, who.csrf))
        fail(403, "csrf", "Biểu mẫu thiếu hoặc sai mã chống giả mạo (CSRF); hãy tải lại trang rồi gửi lại",
             "the form's CSRF token is missing or wrong; reload the page and send it again", "csrf");
}

Data messageData(const std::string& vi, const std::string& en) {
    Data d;
    d.set("message_vi", vi);
    d.set("message_en", en);
    return d;
}

server::Handler pageHandler(const std::shared_ptr<Desk>& shared, PageFn f) {
    return [shared, f](Call& call) -> Reply {
        Desk& desk = *shared;
        try {
            return f(desk, call);
        } catch (const Redirect& r) {
            return redirect(r.location);
        } catch (const server::HttpError& e) {
            Data errors{Data::type::list};
            for (const auto& err : e.errors) errors << messageData(err.messageVi, err.messageEn);
            Data d;
            d.set("errors", errors);
            d.set("status", std::to_string(e.status));
            std::optional<Visitor> who;
            try {
                who = currentVisitor(desk, call);
            } catch (const Failure&) {
            }
            return page(desk, who, "Lỗi " + std::to_string(e.status), "error", d, e.status);
        }
    };
}

void addPage(server::Router& router, const std::shared_ptr<Desk>& desk, const std::string& method, const std::string& pattern, PageFn f) {
    server::RouteOptions o;
    o.authenticated = false;
    router.add(method, pattern, pageHandler(desk, f), o);
}

void addDeskRoutes(server::Router& router, server::Api& api, const DeskOptions& options) {
    auto desk = std::make_shared<Desk>(Desk{api, Templates(options.templatesDir), options});
    addSignInRoutes(router, desk);
    addOutgoingRoutes(router, desk);
    addLookupRoutes(router, desk);
    addUserRoutes(router, desk);
}

const std::vector<std::pair<std::string, std::string>>& statusLabels() {
    static const std::vector<std::pair<std::string, std::string>> labels = {
        {"draft", "Dự thảo"}, {"issued", "Đã ban hành"}, {"distributed", "Đã phát hành"}, {"archived", "Đã lưu trữ"}, {"recalled", "Đã thu hồi"}};
    return labels;
}

std::string statusLabel(const std::string& status) {
    for (const auto& [k, v] : statusLabels())
        if (k == status) return v;
    return status;
}

std::string typeName(const std::string& key) {
    const auto t = model::typeFromKey(key);
    return t ? std::string(model::info(*t).name) : key;
}

Data hitRow(const store::SearchHit& h) {
    Data r;
    r.set("id", std::to_string(h.id));
    r.set("code", h.code.empty() ? std::string("(chưa có số)") : h.code);
    r.set("date", h.issueDate);
    r.set("type", typeName(h.type));
    r.set("subject", h.subject);
    r.set("status", statusLabel(h.status));
    return r;
}

}  // namespace vanthu::desk
