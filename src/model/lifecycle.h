// model/lifecycle.h: the life of a document record and the links between records, as rules the
// store and the use-cases share (decree-30-2020.md §9: a number once issued is never taken back;
// a mistake is corrected, replaced or recalled by another document).
//
//   Draft        → Issued (issuing numbers it: the only way out of a draft)
//   Issued       → Distributed, Recalled, Archived
//   Distributed  → Recalled, Archived
//   Recalled     → Archived (a recalled document is still kept)
//   Archived     → nothing; and nothing goes back to Draft (the number stays taken)
//
// Only a draft is edited.
#pragma once

#include <optional>
#include <string_view>

#include "model/document.h"

namespace vanthu::model {

enum class DocumentStatus { Draft, Issued, Distributed, Archived, Recalled };

std::string_view statusName(DocumentStatus s);  // "draft", "issued", … (the stored text)
std::optional<DocumentStatus> statusFromName(std::string_view name);

// Whether the lifecycle lets a document go from `from` to `to` (Draft → Issued included; the
// store reaches that one only through numbering).
bool canTransition(DocumentStatus from, DocumentStatus to);

// The relation kinds between records are model::RelationKind (document.h): "corrects",
// "replaces", "revokes", "amends", "implements", "issued-with", "responds-to".
std::optional<RelationKind> relationKindFromKey(std::string_view key);

}  // namespace vanthu::model
