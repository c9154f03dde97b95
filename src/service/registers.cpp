#include "service/registers.h"

#include "core/utf8.h"
#include "service/access.h"

namespace vanthu::service {

using store::Role;

Result<store::Register> createRegister(Context& ctx, const store::User& who, store::Id organ, const std::string& name,
                                       const std::string& kind, const std::string& scope) {
    if (auto e = requireRole(who, {Role::Admin})) return *e;
    if (!ctx.store.organ(organ)) return refusal(Errc::NotFound, "not_found", "Không có cơ quan này", "no such organ", "organ");
    // One line of text, printed at the head of its book (a NUL once went in through "\u0000").
    if (name.find_first_not_of(' ') == std::string::npos || firstControlCharacter(name) || name.find_first_of("\t\n\r") != std::string::npos)
        return Error::invalidInput("name", "Tên sổ phải là một dòng chữ, không có ký tự điều khiển",
                                   "the register's name must be one line of text, without control characters");
    return ctx.store.createRegister(organ, name, kind, scope, actorLabel(who));
}

std::vector<store::Register> listRegisters(Context& ctx, const store::User& who) {
    if (who.role != Role::Admin) ctx.store.defaultRegister(who.organId);
    return ctx.store.registers(who.role == Role::Admin ? std::nullopt : std::optional<store::Id>(who.organId));
}

Result<RegisterBook> outgoingBook(Context& ctx, const store::User& who, store::Id registerId, int year) {
    auto reg = visibleRegister(ctx, who, registerId);
    if (!reg.ok()) return reg.errors();
    RegisterBook book;
    book.reg = reg.value();
    book.year = year;
    if (const auto organ = ctx.store.organ(book.reg.organId)) book.organName = organ->name;
    for (auto& e : ctx.store.entries(registerId, year))
        if (who.cleared || e.series != "mat") book.entries.push_back(std::move(e));  // the secret series needs clearance
    return book;
}

store::SearchResult search(Context& ctx, const store::User& who, store::Query query) {
    if (who.role != Role::Admin) query.organId = who.organId;
    query.includeSecret = who.cleared;
    return ctx.store.search(query);
}

Result<store::AuditReport> verifyAudit(Context& ctx, const store::User& who) {
    if (auto e = requireRole(who, {Role::Admin})) return *e;
    return ctx.store.verifyAudit();
}

}  // namespace vanthu::service
