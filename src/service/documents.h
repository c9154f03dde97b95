// service/documents.h: the use-cases of one document's life — draft, edit, import an issued one,
// issue (number + deliveries in one transaction), distribute, archive, recall (with take-back),
// relate. Each checks role, organ and clearance (service/access.h) and knows no HTTP.
//
// Errors: Forbidden (forbidden_role / forbidden_organ), NotFound (also a secret document to a user
// not cleared), Conflict
// (not a draft, a lifecycle step not allowed, a duplicate number), InvalidInput / SchemaViolation /
// RuleViolation from reading the XML (located), TooLarge.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/warning.h"
#include "model/document.h"
#include "service/context.h"

namespace vanthu::service {

struct DocumentOutcome {
    store::DocumentRecord record;
    Warnings warnings;  // for the clerk: model rules, a number that was dropped, recipients not reached
};

// A new draft from document XML (a number in it is not kept: drafts are numbered at issue).
Result<DocumentOutcome> createDraft(Context& ctx, const store::User& who, const std::string& xml);
Result<DocumentOutcome> updateDraft(Context& ctx, const store::User& who, store::Id id, const std::string& xml);
// An already issued document with its own number, into `registerId` (0: the default register).
Result<DocumentOutcome> importIssued(Context& ctx, const store::User& who, const std::string& xml, store::Id registerId);

Result<store::DocumentRecord> viewDocument(Context& ctx, const store::User& who, store::Id id);
// The document's relations that `who` may follow: one to a document they may not see (secret, or
// another organ's) is left out, its note with it.
std::vector<store::Relation> relationsOf(Context& ctx, const store::User& who, store::Id id);

struct IssueOptions {
    store::Id registerId = 0;          // 0: the organ's default outgoing register
    std::optional<model::Date> date;   // default: today
};
// Numbers the draft in its register and writes its delivery rows, in one transaction.
Result<DocumentOutcome> issueDocument(Context& ctx, const store::User& who, store::Id id, const IssueOptions& options);

// distributed / archived / recalled; a recall asks the recipients to give the document back.
Result<DocumentOutcome> changeStatus(Context& ctx, const store::User& who, store::Id id, store::Status to, const std::string& note);

Result<store::DocumentRecord> relate(Context& ctx, const store::User& who, store::Id from, store::Id to, const std::string& kind,
                                     const std::string& note);

// The stored document's model as the renderer needs it: the register's number and date win over
// what the submitted XML said.
Result<model::Document> documentForRendering(Context& ctx, const store::DocumentRecord& record);

}  // namespace vanthu::service
