// Backups: what the store holds (census), a consistent SQLite copy taken while others write, and
// the PostgreSQL snapshot a pg_dump can share (cli/backup_commands.cpp drives both).
#include <filesystem>

#include "store/store_impl.h"

namespace vanthu::store {

using detail::Session;

namespace {

constexpr const char* kCensusSql =
    "SELECT (SELECT COUNT(*) FROM organs), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM documents),"
    " (SELECT COUNT(*) FROM documents WHERE status <> 'draft'), (SELECT COUNT(*) FROM artifacts),"
    " (SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM deliveries), (SELECT COUNT(*) FROM incoming)";

Census censusOf(Session& s) {
    const auto r = detail::query(s, kCensusSql);
    return Census{r.i(0, 0), r.i(0, 1), r.i(0, 2), r.i(0, 3), r.i(0, 4), r.i(0, 5), r.i(0, 6), r.i(0, 7)};
}

std::string quotedLiteral(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

}  // namespace

Census Store::census() const {
    return detail::guarded([&] {
        Session s = impl_->read();
        return censusOf(s);
    });
}

void Store::copyTo(const std::string& path) const {
    if (impl_->backend != Backend::Sqlite)
        throw Failure(Errc::InvalidInput, "copyTo is for SQLite; a PostgreSQL store is dumped with pg_dump");
    if (std::filesystem::exists(path)) throw Failure(Errc::InvalidInput, "the backup file " + path + " exists already");
    detail::guarded([&] {
        Session s = impl_->read();
        // One read transaction over the WAL: every commit before it is in the copy, none after,
        // and writers go on meanwhile (sqlite.org/lang_vacuum.html#vacuuminto).
        detail::exec(s, "VACUUM INTO " + quotedLiteral(path));
        return 0;
    });
}

void Store::withExportedSnapshot(const std::function<void(const std::string&, const Census&)>& body) const {
    if (impl_->backend != Backend::Postgres) throw Failure(Errc::InvalidInput, "an exported snapshot is a PostgreSQL feature");
    detail::guarded([&] {
        detail::ReadSnapshot snapshot(*impl_);
        const std::string id = detail::query(snapshot.s(), "SELECT pg_export_snapshot()").s(0, 0);
        body(id, censusOf(snapshot.s()));  // the census sees exactly what a pg_dump --snapshot=id sees
        return 0;
    });
}

}  // namespace vanthu::store
