#include "model/lifecycle.h"

#include <array>

namespace vanthu::model {
namespace {

constexpr std::array kStatuses = {DocumentStatus::Draft, DocumentStatus::Issued, DocumentStatus::Distributed,
                                  DocumentStatus::Archived, DocumentStatus::Recalled};

constexpr std::array kRelationKinds = {RelationKind::Replaces,   RelationKind::Revokes,    RelationKind::Amends,
                                       RelationKind::Corrects,   RelationKind::Implements, RelationKind::IssuedWith,
                                       RelationKind::RespondsTo};

}  // namespace

std::string_view statusName(DocumentStatus s) {
    switch (s) {
    case DocumentStatus::Draft: return "draft";
    case DocumentStatus::Issued: return "issued";
    case DocumentStatus::Distributed: return "distributed";
    case DocumentStatus::Archived: return "archived";
    case DocumentStatus::Recalled: return "recalled";
    }
    return "draft";
}

std::optional<DocumentStatus> statusFromName(std::string_view name) {
    for (DocumentStatus s : kStatuses)
        if (statusName(s) == name) return s;
    return std::nullopt;
}

bool canTransition(DocumentStatus from, DocumentStatus to) {
    using S = DocumentStatus;
    switch (to) {
    case S::Issued: return from == S::Draft;
    case S::Distributed: return from == S::Issued;
    case S::Recalled: return from == S::Issued || from == S::Distributed;
    case S::Archived: return from == S::Issued || from == S::Distributed || from == S::Recalled;
    case S::Draft: return false;  // nothing goes back to a draft: the number stays taken
    }
    return false;
}

std::optional<RelationKind> relationKindFromKey(std::string_view key) {
    for (RelationKind k : kRelationKinds)
        if (relationKey(k) == key) return k;
    return std::nullopt;
}

}  // namespace vanthu::model
