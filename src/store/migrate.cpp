// Moving an archive from SQLite to PostgreSQL (Store::copyArchive): every row of every table, in
// the order the foreign keys need, in one transaction on the target, ids kept, so codes, register
// entries and the audit chain (whose hashes cover the rows' text) are the same afterwards.
#include "store/store_impl.h"

namespace vanthu::store {

namespace {

// Parents before children. audit_head is not here: its one row exists in every new store and is
// updated instead. doc_fts is SQLite's own index (PostgreSQL's follows documents.folded).
constexpr const char* kTables[] = {"organs",    "users",          "registers",  "series",          "documents",
                                   "register_entries", "relations", "artifacts", "document_artifacts", "audit_log",
                                   "deliveries", "delivery_events", "inbox",     "incoming_series", "incoming",
                                   "incoming_files"};
constexpr const char* kIdentityTables[] = {"organs", "users", "registers", "documents", "deliveries",
                                           "delivery_events", "inbox", "incoming"};
constexpr std::int64_t kPage = 100;  // rows per read: artifacts are tens of kilobytes each

struct Column {
    std::string name;
    bool integer = false;
};

std::vector<Column> targetColumns(Sql& sql, const std::string& table) {
    const auto r = sql.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = $1 ORDER BY ordinal_position",
        {table});
    std::vector<Column> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const auto& type = r.s(i, 1);
        out.push_back({r.s(i, 0), type == "bigint" || type == "integer" || type == "smallint"});
    }
    if (out.empty()) throw Failure(Errc::Internal, "the target has no table " + table);
    return out;
}

std::string joined(const std::vector<Column>& cols, const std::string& prefix = "") {
    std::string out;
    for (const auto& c : cols) out += (out.empty() ? "" : ", ") + prefix + c.name;
    return out;
}

void copyTable(const Store& from, Sql& to, const std::string& table) {
    const auto cols = targetColumns(to, table);
    std::string insert = "INSERT INTO " + table + " (" + joined(cols) + ") VALUES (";
    for (std::size_t i = 0; i < cols.size(); ++i) insert += (i ? ", $" : "$") + std::to_string(i + 1);
    insert += ")";
    const std::string select = "SELECT " + joined(cols) + " FROM " + table + " ORDER BY rowid LIMIT $1 OFFSET $2";
    for (std::int64_t offset = 0;; offset += kPage) {
        SqlRows page;
        from.read([&](Sql& in) { page = in.query(select, {kPage, offset}); });
        for (const auto& row : page.rows) {
            std::vector<SqlValue> values;
            values.reserve(cols.size());
            for (std::size_t c = 0; c < cols.size(); ++c)
                values.push_back(cols[c].integer ? SqlValue(std::int64_t(row[c].empty() ? 0 : std::stoll(row[c])))
                                                 : SqlValue(row[c]));
            to.exec(insert, values);
        }
        if (std::int64_t(page.size()) < kPage) return;
    }
}

}  // namespace

void Store::copyArchive(const Store& from, Store& to) {
    if (from.backend() != Backend::Sqlite || to.backend() != Backend::Postgres)
        throw Failure(Errc::InvalidInput, "an archive moves from SQLite to PostgreSQL");
    if (from.schemaVersion() != to.schemaVersion())
        throw Failure(Errc::InvalidInput, "the two stores are at different schema versions");
    const auto present = to.census();
    if (present.organs || present.documents || present.auditRows)
        throw Failure(Errc::InvalidInput, "the target database is not empty (" + std::to_string(present.documents) +
                                              " documents): a move goes into a new database");
    to.transaction([&](Sql& sql) {
        for (const char* table : kTables) copyTable(from, sql, table);
        SqlRows head;
        from.read([&](Sql& in) { head = in.query("SELECT last_id, last_hash FROM audit_head WHERE id = 1"); });
        sql.exec("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1", {head.i(0, 0), head.s(0, 1)});
        // The identities go on after the copied ids.
        for (const char* table : kIdentityTables)
            sql.query(std::string("SELECT setval(pg_get_serial_sequence('") + table + "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " +
                      table + "), false)");
    });
}

}  // namespace vanthu::store
