// service/access.h: who may do what — one rule for every interface (API, desk, CLI).
//
// Roles: viewer < drafter, signer, clerk < admin (an admin passes every role check). Every user
// belongs to one organ and sees only its documents and registers (admin: all); secret documents
// only for users created as cleared. The refusals are Errc::Forbidden with the reasons
// forbidden_role and forbidden_organ; to a user not cleared a secret document is NotFound, as a
// missing id is (saying "forbidden" would confirm it exists and is secret).
#pragma once

#include <initializer_list>
#include <optional>

#include "core/error.h"
#include "core/result.h"
#include "model/document.h"
#include "service/context.h"

namespace vanthu::service {

std::optional<Error> requireRole(const store::User& user, std::initializer_list<store::Role> roles);

Result<store::DocumentRecord> visibleDocument(const Context& ctx, const store::User& user, store::Id id);
Result<store::Register> visibleRegister(const Context& ctx, const store::User& user, store::Id id);

// The organ a submitted document belongs to: the user's own (its issuer must be that organ); an
// admin's goes to its issuer's organ, created on first use.
Result<store::Id> organFor(const Context& ctx, const store::User& user, const model::Document& doc);

// A bilingual refusal with a reason: the building block of the rules above and of the use-cases.
Error refusal(Errc code, std::string reason, std::string vi, std::string en, std::string field);

}  // namespace vanthu::service
