// store/numbering.h (private to store/): the numbers of the registers (decree-30-2020.md §4, §9).
//
// THE GUARANTEE: within one series (register, calendar year, series key) a number is never
// handed out twice and never skipped. Every number comes from here, and both halves hold on
// both back ends:
//   - never twice: the series row is read and advanced while the caller's write transaction
//     holds it exclusively. SQLite: the transaction began with BEGIN IMMEDIATE (the database
//     write lock, one writer at a time; in-process writers queue on Database::writeMutex), and
//     one upsert … RETURNING reads and advances the counter. PostgreSQL: the row is created if
//     missing (INSERT … ON CONFLICT DO NOTHING), then locked with SELECT … FOR UPDATE, so
//     concurrent clerks queue on that row until the holder commits or rolls back. The
//     primary key of register_entries (register_id, year, series, number) backs this up.
//   - never skipped: the counter moves only inside the transaction that also writes the
//     document's number, its register entry and its audit row. A rollback — any error, a
//     conflict on the code, a throw from IssueRequest::withinTransaction, a crash before
//     commit — takes the counter back with everything else, so no number is consumed without a
//     document.
// An imported document (importIssued) brings its own number: it is refused when the series
// already holds it, and the series then continues after the highest number seen.
//
// Series keys (store/store.h): "mat" (secret), "qppl:<type>" (legal-normative), "type:<type>"
// (a per-type register), "all" (the register's shared series).
#pragma once

#include <cstdint>
#include <string>

#include "store/session.h"
#include "store/store.h"

namespace vanthu::store::detail {

// The series a document is numbered in.
std::string seriesFor(bool secret, bool legalNormative, const std::string& type, const Register& reg);

// Takes the next number of the series. REQUIRES: `tx` is the transaction that writes the
// document and its register entry (writeRegisterEntry) before it commits.
std::int64_t takeNextNumber(Tx& tx, Id registerId, std::int64_t year, const std::string& series);

// Whether an entry of the series already holds `number` (an import's own number).
bool numberTaken(Tx& tx, Id registerId, std::int64_t year, const std::string& series, std::int64_t number);

// The register entry of a numbered document (register_entries: one per number).
void writeRegisterEntry(Tx& tx, Id registerId, std::int64_t year, const std::string& series, std::int64_t number, Id documentId);

// An imported number was handed out before (on paper, or by another system): its entry is
// written and the series continues after it. REQUIRES: !numberTaken(…) in this transaction.
void recordImportedNumber(Tx& tx, Id registerId, std::int64_t year, const std::string& series, std::int64_t number,
                          Id documentId);

}  // namespace vanthu::store::detail
