// model/validation.h: the Decree 30/2020 invariants a document must keep, each violation
// located (SourcePos) and worded in Vietnamese and English. Errors block rendering; warnings
// are shown to the clerk (e.g. punctuation that compose will normalise).
#pragma once

#include "core/error.h"
#include "core/warning.h"
#include "model/document.h"

namespace vanthu::model {

struct ValidationReport {
    Errors errors;
    Warnings warnings;
    bool ok() const { return errors.empty(); }
};

ValidationReport validate(const Document& doc);

// No document of this state is dated before 1945: one rule for what is imported, drafted and
// issued (a date given at issue is refused by the same bound).
inline constexpr int kEarliestIssueYear = 1945;

// Legal-normative documents (VBQPPL) carry the year in their number (decree-30-2020.md §9).
bool mayBeLegalNormative(DocumentType t);

}  // namespace vanthu::model
