// The never-skip, never-duplicate guarantee and how it holds: store/numbering.h.
#include "store/numbering.h"

namespace vanthu::store::detail {

std::string seriesFor(bool secret, bool legalNormative, const std::string& type, const Register& reg) {
    if (secret) return "mat";
    if (legalNormative) return "qppl:" + type;
    if (reg.scope == "per-type") return "type:" + type;
    return "all";
}

std::int64_t takeNextNumber(Tx& tx, Id registerId, std::int64_t year, const std::string& series) {
    if (tx.backend() == Backend::Postgres) {
        // The series row is created if needed, then locked: concurrent clerks queue here.
        exec(tx.s(), "INSERT INTO series (register_id, year, series, last_number) VALUES ($1, $2, $3, 0)"
                     " ON CONFLICT (register_id, year, series) DO NOTHING", {registerId, year, series});
        const Rows cur = query(tx.s(), "SELECT last_number FROM series WHERE register_id = $1 AND year = $2 AND series = $3 FOR UPDATE",
                               {registerId, year, series});
        const std::int64_t number = cur.i(0, 0) + 1;
        exec(tx.s(), "UPDATE series SET last_number = $1 WHERE register_id = $2 AND year = $3 AND series = $4",
             {number, registerId, year, series});
        return number;
    }
    // BEGIN IMMEDIATE already holds the database write lock: one upsert does it.
    return query(tx.s(), "INSERT INTO series (register_id, year, series, last_number) VALUES ($1, $2, $3, 1)"
                         " ON CONFLICT (register_id, year, series) DO UPDATE SET last_number = series.last_number + 1"
                         " RETURNING last_number", {registerId, year, series}).i(0, 0);
}

bool numberTaken(Tx& tx, Id registerId, std::int64_t year, const std::string& series, std::int64_t number) {
    return !query(tx.s(), "SELECT document_id FROM register_entries WHERE register_id = $1 AND year = $2 AND series = $3 AND number = $4",
                  {registerId, year, series, number}).empty();
}

void writeRegisterEntry(Tx& tx, Id registerId, std::int64_t year, const std::string& series, std::int64_t number, Id documentId) {
    exec(tx.s(), "INSERT INTO register_entries (register_id, year, series, number, document_id) VALUES ($1, $2, $3, $4, $5)",
         {registerId, year, series, number, documentId});
}

void recordImportedNumber(Tx& tx, Id registerId, std::int64_t year, const std::string& series, std::int64_t number,
                          Id documentId) {
    writeRegisterEntry(tx, registerId, year, series, number, documentId);
    exec(tx.s(), "INSERT INTO series (register_id, year, series, last_number) VALUES ($1, $2, $3, 0)"
                 " ON CONFLICT (register_id, year, series) DO NOTHING", {registerId, year, series});
    exec(tx.s(), "UPDATE series SET last_number = $1 WHERE register_id = $2 AND year = $3 AND series = $4 AND last_number < $5",
         {number, registerId, year, series, number});
}

}  // namespace vanthu::store::detail
