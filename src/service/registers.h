// service/registers.h: the register books (sổ đăng ký văn bản đi), search and the audit check —
// each with the same organ scope and clearance as the documents themselves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/context.h"

namespace vanthu::service {

Result<store::Register> createRegister(Context& ctx, const store::User& who, store::Id organ, const std::string& name,
                                       const std::string& kind, const std::string& scope);
// The registers the user may see (creating the organ's default one on first use).
std::vector<store::Register> listRegisters(Context& ctx, const store::User& who);

// One year of an outgoing register, as the clerk may see it (the secret series only when cleared).
struct RegisterBook {
    store::Register reg;
    std::string organName;
    int year = 0;
    std::vector<store::RegisterEntry> entries;
};
Result<RegisterBook> outgoingBook(Context& ctx, const store::User& who, store::Id registerId, int year);

// Search within the user's organ (admin: all) and clearance.
store::SearchResult search(Context& ctx, const store::User& who, store::Query query);

Result<store::AuditReport> verifyAudit(Context& ctx, const store::User& who);

}  // namespace vanthu::service
