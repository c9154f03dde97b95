#include "service/access.h"

namespace vanthu::service {

using store::Role;

std::string actorLabel(const store::User& user) { return user.name + " #" + std::to_string(user.id); }

Error refusal(Errc code, std::string reason, std::string vi, std::string en, std::string field) {
    Error e;
    e.code = code;
    e.reason = std::move(reason);
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = std::move(field);
    return e;
}

std::optional<Error> requireRole(const store::User& user, std::initializer_list<Role> roles) {
    for (auto r : roles)
        if (user.role == r || user.role == Role::Admin) return std::nullopt;
    const std::string role(store::roleName(user.role));
    return refusal(Errc::Forbidden, "forbidden_role", "Vai trò " + role + " không được làm việc này", "role " + role + " may not do this",
                   "role");
}

Result<store::DocumentRecord> visibleDocument(const Context& ctx, const store::User& user, store::Id id) {
    auto r = ctx.store.document(id);
    if (!r.ok()) return r;
    const auto& d = r.value();
    if (user.role != Role::Admin && d.organId != user.organId)
        return refusal(Errc::Forbidden, "forbidden_organ", "Văn bản thuộc cơ quan khác", "the document belongs to another organ", "id");
    // Not "forbidden": to a user not cleared a secret document does not exist (issue 14), so its
    // answer is the one of a missing id.
    if (d.secret && !user.cleared) return Error::notFound("id", "Không có văn bản này", "no such document");
    return r;
}

Result<store::Register> visibleRegister(const Context& ctx, const store::User& user, store::Id id) {
    const auto reg = ctx.store.registerById(id);
    if (!reg) return refusal(Errc::NotFound, "not_found", "Không có sổ này", "no such register", "register");
    if (user.role != Role::Admin && reg->organId != user.organId)
        return refusal(Errc::Forbidden, "forbidden_organ", "Sổ thuộc cơ quan khác", "the register belongs to another organ", "register");
    return *reg;
}

Result<store::Id> organFor(const Context& ctx, const store::User& user, const model::Document& doc) {
    if (user.role == Role::Admin) {
        if (doc.issuer.abbreviation.empty())
            return refusal(Errc::RuleViolation, "rule_violation", "Cần chữ viết tắt của cơ quan ban hành", "the issuer needs an abbreviation",
                           "/document/issuer/@abbreviation");
        return ctx.store.ensureOrgan(doc.issuer.abbreviation, doc.issuer.name).id;
    }
    const auto organ = ctx.store.organ(user.organId);
    if (!organ || doc.issuer.abbreviation != organ->abbreviation)
        return refusal(Errc::Forbidden, "forbidden_organ", "Cơ quan ban hành không phải cơ quan của người dùng",
                       "the issuer is not the user's organ", "/document/issuer/@abbreviation");
    return user.organId;
}

}  // namespace vanthu::service
