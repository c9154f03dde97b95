// Người dùng (admins): the users with their login and state; disable and enable. The role check is
// the core's (service::listUsers, service::setUserDisabled); the page only shows what it answers.
#include "desk/page.h"
#include "service/accounts.h"

namespace vanthu::desk {

using server::Call;
using server::Reply;

namespace {

Reply getUsers(Desk& desk, Call& call) {
    const Visitor who = requireVisitor(desk, call);
    auto users = service::listUsers(desk.api.ctx, who.user);
    Data rows{Data::type::list};
    for (const auto& u : server::need(users)) {
        const auto organ = desk.api.ctx.store.organ(u.user.organId);
        Data r;
        r.set("id", std::to_string(u.user.id));
        r.set("login", u.login.empty() ? std::string("(chỉ API)") : u.login);
        r.set("name", u.user.name);
        r.set("role", std::string(store::roleName(u.user.role)));
        r.set("organ", organ ? organ->abbreviation : std::string());
        r.set("state", u.disabled ? "đã khóa" : u.locked ? "tạm khóa (nhập sai mật khẩu)" : "đang dùng");
        r.set("disabled", u.disabled);
        r.set("self", u.user.id == who.user.id);
        rows << r;
    }
    Data d;
    d.set("rows", rows);
    return page(desk, who, "Người dùng", "users", d);
}

Reply setDisabled(Desk& desk, Call& call, bool disabled) {
    const Visitor who = requireVisitor(desk, call);
    checkCsrf(who, readForm(call));
    if (auto e = service::setUserDisabled(desk.api.ctx, who.user, server::pathId(call.request.capture("id")), disabled))
        server::failWith({*e});
    return redirect("/nguoi-dung");
}

Reply postDisable(Desk& desk, Call& call) { return setDisabled(desk, call, true); }
Reply postEnable(Desk& desk, Call& call) { return setDisabled(desk, call, false); }

}  // namespace

void addUserRoutes(server::Router& router, const std::shared_ptr<Desk>& desk) {
    addPage(router, desk, "GET", "/nguoi-dung", getUsers);
    addPage(router, desk, "POST", "/nguoi-dung/{id}/khoa", postDisable);
    addPage(router, desk, "POST", "/nguoi-dung/{id}/mo-khoa", postEnable);
}

}  // namespace vanthu::desk
