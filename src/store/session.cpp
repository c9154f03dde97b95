#include "store/session.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/PostgreSQLException.h>
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <unordered_map>

namespace vanthu::store::detail {

using Poco::Data::Statement;
using Poco::Data::Keywords::bind;

namespace {

// ---- unique violations, by code -----------------------------------------------------------

bool isSqliteUnique(sqlite3* db) {
    const int code = sqlite3_extended_errcode(db);
    return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
}

// Poco 1.11 keeps no PGresult in its exceptions, but writes the SQLSTATE into the text of a
// failed execution: "[PostgreSQL]: postgresql_stmt_execute error: <message> Severity: <s>
// State: <SQLSTATE> Detail: …" (Data/PostgreSQL/src/StatementExecutor.cpp). The SQLSTATE is a
// code, the same in every server language. Our connections use PQERRORS_TERSE
// (Pool::customizeSession), so <message> is the primary message only, without the DETAIL line
// that quotes row values: the first " State: " followed by five code characters and " Detail: "
// is Poco's own.
std::string_view sqlstateOf(std::string_view text) {
    constexpr std::string_view kLead = "postgresql_stmt_execute error: ", kState = " State: ", kDetail = " Detail: ";
    const auto lead = text.find(kLead);  // after Poco's "[PostgreSQL]: " prefix
    if (lead == std::string_view::npos) return {};
    for (auto at = text.find(kState, lead); at != std::string_view::npos; at = text.find(kState, at + 1)) {
        const std::string_view code = text.substr(at + kState.size(), 5);
        const bool codeChars = code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) {
                                   return std::isdigit((unsigned char)c) || std::isupper((unsigned char)c);
                               });
        if (codeChars && text.substr(at + kState.size() + 5, kDetail.size()) == kDetail) return code;
    }
    return {};
}

[[noreturn]] void throwSqlite(sqlite3* db, int rc, const std::string& sql) {
    const bool unique = rc == SQLITE_CONSTRAINT && isSqliteUnique(db);
    try {
        Poco::Data::SQLite::Utility::throwException(db, rc, sql);
    } catch (const Poco::Exception& e) {
        if (unique) throw UniqueViolation(e.displayText());
        if ((rc & 0xff) == SQLITE_FULL) throw DiskFull(e.displayText());
        throw;
    }
    throw Poco::Data::DataException("sqlite3 error " + std::to_string(rc));  // not reached
}

// ---- SQLite: prepared statements cached per connection ---------------------------------------

// Preparing is most of the cost of a short statement (an INSERT into a table with foreign keys
// and unique indexes takes ~100 µs to compile, ~10 µs to run), and the same few dozen texts run
// all day. A cache belongs to one connection, which one thread uses at a time (the pool hands it
// out); its statements are finalized by the Pool before the connection closes (the pool keeps
// every SQLite connection open while the store is open, see Pool).
class StatementCache {
public:
    explicit StatementCache(sqlite3* db) : db_(db) {}
    ~StatementCache() {
        for (auto& [sql, st] : stmts_) sqlite3_finalize(st);
    }
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // nullptr when the text holds more than one statement (run uncached by Poco then).
    sqlite3_stmt* get(const std::string& sql) {
        if (const auto it = stmts_.find(sql); it != stmts_.end()) return it->second;
        sqlite3_stmt* st = nullptr;
        const char* tail = nullptr;
        const int rc = sqlite3_prepare_v3(db_, sql.c_str(), int(sql.size() + 1), SQLITE_PREPARE_PERSISTENT, &st, &tail);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(st);
            Poco::Data::SQLite::Utility::throwException(db_, rc, sql);
        }
        if (!st || (tail && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos)) {
            sqlite3_finalize(st);
            return nullptr;
        }
        stmts_.emplace(sql, st);
        return st;
    }
    sqlite3* db() const { return db_; }

private:
    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> stmts_;
};

// The caches of every open SQLite connection of the process, by connection handle.
struct CacheRegistry {
    std::mutex mutex;
    std::unordered_map<sqlite3*, std::pair<const void*, std::unique_ptr<StatementCache>>> byDb;  // owner pool, cache

    static CacheRegistry& instance() {
        static CacheRegistry r;
        return r;
    }
    void add(const void* owner, sqlite3* db) {
        std::lock_guard<std::mutex> lock(mutex);
        byDb[db] = {owner, std::make_unique<StatementCache>(db)};
    }
    StatementCache* find(sqlite3* db) {
        std::lock_guard<std::mutex> lock(mutex);
        const auto it = byDb.find(db);
        return it == byDb.end() ? nullptr : it->second.second.get();
    }
    void dropOwner(const void* owner) {
        std::lock_guard<std::mutex> lock(mutex);
        for (auto it = byDb.begin(); it != byDb.end();) it = it->second.first == owner ? byDb.erase(it) : std::next(it);
    }
};

bool isSqlite(Session& s) { return s.connector() == Poco::Data::SQLite::Connector::KEY; }

StatementCache* cacheOf(Session& s) {
    if (!isSqlite(s)) return nullptr;
    return CacheRegistry::instance().find(Poco::Data::SQLite::Utility::dbHandle(s));
}

void appendRow(sqlite3_stmt* st, Rows& out) {
    const int cols = sqlite3_column_count(st);
    std::vector<Cell> row;
    row.reserve(std::size_t(cols));
    for (int c = 0; c < cols; ++c) {
        switch (sqlite3_column_type(st, c)) {
        case SQLITE_INTEGER: row.emplace_back(std::int64_t(sqlite3_column_int64(st, c))); break;
        case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(st, c)); break;
        case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
        case SQLITE_BLOB: {
            const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
            row.emplace_back(std::string(p ? p : "", std::size_t(sqlite3_column_bytes(st, c))));
            break;
        }
        default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            row.emplace_back(std::string(p ? p : "", std::size_t(sqlite3_column_bytes(st, c))));
        }
        }
    }
    out.rows.push_back(std::move(row));
}

// Runs a cached statement; the reset on every exit leaves it ready for the next call and holds
// no read transaction open.
void runCached(StatementCache& cache, sqlite3_stmt* st, const std::string& sql, const Params& params, Rows* out) {
    struct Reset {
        sqlite3_stmt* st;
        ~Reset() {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
        }
    } reset{st};
    for (std::size_t k = 0; k < params.size(); ++k) {
        const int idx = int(k + 1);  // $n in order of appearance (DEVELOPING.md), as Poco binds them
        const int rc = std::holds_alternative<std::int64_t>(params[k])
                           ? sqlite3_bind_int64(st, idx, sqlite3_int64(std::get<std::int64_t>(params[k])))
                           : sqlite3_bind_text(st, idx, std::get<std::string>(params[k]).data(),
                                               int(std::get<std::string>(params[k]).size()), SQLITE_STATIC);
        if (rc != SQLITE_OK) throwSqlite(cache.db(), rc, sql);
    }
    for (;;) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) return;
        if (rc != SQLITE_ROW) throwSqlite(cache.db(), rc, sql);  // the code before the reset changes it
        if (out) appendRow(st, *out);
    }
}

// ---- Poco::Data: PostgreSQL, and SQLite texts of several statements -------------------------

void bindAll(Statement& st, const Params& params) {
    for (const auto& p : params) {
        if (std::holds_alternative<std::int64_t>(p))
            st, bind(static_cast<Poco::Int64>(std::get<std::int64_t>(p)));
        else
            st, bind(std::get<std::string>(p));
    }
}

// Executes through Poco, turning its unique violations into UniqueViolation.
void executeByPoco(Session& s, Statement& st) {
    try {
        st.execute();
    } catch (const Poco::Data::SQLite::ConstraintViolationException& e) {
        if (isSqliteUnique(Poco::Data::SQLite::Utility::dbHandle(s))) throw UniqueViolation(e.displayText());
        throw;
    } catch (const Poco::Data::SQLite::DatabaseFullException& e) {
        throw DiskFull(e.displayText());
    } catch (const Poco::Data::PostgreSQL::PostgreSQLException& e) {
        const auto state = sqlstateOf(e.message());
        if (state == "23505") throw UniqueViolation(e.displayText());
        if (state == "53100") throw DiskFull(e.displayText());
        throw;
    }
}

}  // namespace

void exec(Session& s, const std::string& sql, const Params& params) {
    if (StatementCache* cache = cacheOf(s))
        if (sqlite3_stmt* st = cache->get(sql)) return runCached(*cache, st, sql, params, nullptr);
    Statement st(s);
    st << sql;
    bindAll(st, params);
    executeByPoco(s, st);
}

Rows query(Session& s, const std::string& sql, const Params& params) {
    Rows out;
    if (StatementCache* cache = cacheOf(s))
        if (sqlite3_stmt* st = cache->get(sql)) {
            runCached(*cache, st, sql, params, &out);
            return out;
        }
    Statement st(s);
    st << sql;
    bindAll(st, params);
    executeByPoco(s, st);
    if (st.extractionCount() == 0) return out;  // no result columns (or no rows on some statements)
    Poco::Data::RecordSet rs(st);
    const std::size_t cols = rs.columnCount();
    const std::size_t n = rs.rowCount();
    out.rows.reserve(n);
    for (std::size_t r = 0; r < n; ++r) {
        std::vector<Cell> row;
        row.reserve(cols);
        for (std::size_t c = 0; c < cols; ++c) row.emplace_back(rs.value(c, r, false));
        out.rows.push_back(std::move(row));
    }
    return out;
}

// ---- the pool ------------------------------------------------------------------------------

// SQLite: the minimum is the maximum, so the pool's janitor never closes an idle connection
// under its statement cache; the connections close with the store (~Pool drops the caches first).
Pool::Pool(Backend b, const std::string& connector, const std::string& conn, int maxSessions, std::int64_t maxPages)
    : Poco::Data::SessionPool(connector, conn, b == Backend::Sqlite ? maxSessions : 1, maxSessions, 60),
      backend_(b),
      maxPages_(maxPages) {}

Pool::~Pool() {
    if (backend_ == Backend::Sqlite) CacheRegistry::instance().dropOwner(this);
}

void Pool::customizeSession(Session& s) {
    if (backend_ != Backend::Sqlite) {
        // Terse primary messages: no DETAIL line quoting row values before Poco's " State: "
        // (sqlstateOf); Poco still appends the detail after it.
        if (auto* pg = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(s.impl()))
            PQsetErrorVerbosity(static_cast<PGconn*>(pg->handle()), PQERRORS_TERSE);
        exec(s, "SET client_min_messages = warning");  // libpq prints NOTICEs to stderr
        return;
    }
    CacheRegistry::instance().add(this, Poco::Data::SQLite::Utility::dbHandle(s));
    query(s, "PRAGMA busy_timeout = 30000");
    query(s, "PRAGMA synchronous = NORMAL");
    query(s, "PRAGMA foreign_keys = ON");
    if (maxPages_ > 0) query(s, "PRAGMA max_page_count = " + std::to_string(maxPages_));
    // Checkpoint every 8000 pages (32 MiB of WAL) instead of 1000: a delivery appends ~50
    // pages (base64 artifacts), and each checkpoint also rewrites the same index pages and
    // syncs; fewer, larger checkpoints cost less in all (bench/README.md). Durability is
    // unchanged: commits are in the WAL either way.
    query(s, "PRAGMA wal_autocheckpoint = 8000");
}

namespace {
void registerConnectors() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Before SQLite initialises: no allocation statistics, so sqlite3_malloc/free do not take
        // SQLite's one global mutex (every thread of every store queued on it under load).
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if already initialised: harmless
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}
}  // namespace

void Database::connect(const std::string& url, std::size_t maxSessions, std::uint64_t maxDatabaseBytes) {
    registerConnectors();
    if (url.rfind("sqlite:", 0) == 0) {
        const std::string path = url.substr(7);
        if (path.empty() || path == ":memory:") throw Failure(Errc::InvalidInput, "sqlite: needs a file path (" + url + ")");
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent);
        backend = Backend::Sqlite;
        // SQLite's default page is 4096 bytes; the quota is rounded up to whole pages.
        const std::int64_t maxPages = maxDatabaseBytes ? std::int64_t((maxDatabaseBytes + 4095) / 4096) : 0;
        pool = std::make_unique<Pool>(Backend::Sqlite, "SQLite", path, int(maxSessions), maxPages);
        Session s = pool->get();
        query(s, "PRAGMA journal_mode = WAL");  // persistent; readers never block the writer
    } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 || url.find('=') != std::string::npos) {
        backend = Backend::Postgres;  // libpq reads both URIs and key=value strings
        pool = std::make_unique<Pool>(Backend::Postgres, "PostgreSQL", url, int(maxSessions));
    } else {
        throw Failure(Errc::InvalidInput, "unknown database '" + url + "': want sqlite:PATH or postgresql://…");
    }
}

void dropEverythingForTest(const std::string& url) {
    if (url.rfind("sqlite:", 0) == 0) {
        const std::string path = url.substr(7);
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        return;
    }
    registerConnectors();
    try {
        // The schema named by "options=-csearch_path=NAME" in the URL, else public.
        std::string schema = "public";
        if (const auto at = url.find("search_path="); at != std::string::npos) {
            schema.clear();
            for (std::size_t i = at + 12; i < url.size() && (std::isalnum((unsigned char)url[i]) || url[i] == '_'); ++i) schema += url[i];
        }
        if (schema.empty()) throw Failure(Errc::InvalidInput, "reset: bad search_path in " + url);
        Session s("PostgreSQL", url);
        exec(s, "SET client_min_messages = warning");
        exec(s, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        exec(s, "CREATE SCHEMA " + schema);
    } catch (const Poco::Exception& e) {
        throw Failure(Errc::Storage, "reset " + url + ": " + e.displayText());
    }
}

// ---- transactions and the Sql seam ----------------------------------------------------------

Tx::Tx(Database& db) : db_(db), s_(db.pool->get()) {
    if (db_.backend == Backend::Sqlite) {
        // Writers of this process queue on a mutex instead of SQLite's busy handler, which
        // sleeps in steps of up to 100 ms; BEGIN IMMEDIATE still guards against other processes.
        lock_ = std::unique_lock<std::mutex>(db_.writeMutex);
        exec(s_, "BEGIN IMMEDIATE");  // take the write lock now, not at the first write
    } else {
        s_.begin();
    }
}

ReadSnapshot::ReadSnapshot(Database& db) : s_(db.pool->get()) {
    exec(s_, db.backend == Backend::Sqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

ReadSnapshot::~ReadSnapshot() {
    try {
        exec(s_, "ROLLBACK");
    } catch (...) {
    }
}

Tx::~Tx() {
    if (done_) return;
    try {
        if (db_.backend == Backend::Sqlite) exec(s_, "ROLLBACK");
        else s_.rollback();
    } catch (...) {
    }
}

void Tx::commit() {
    if (db_.backend == Backend::Sqlite) exec(s_, "COMMIT");
    else s_.commit();
    done_ = true;
}

// SqlValue and our Value are the same variant: the parameters pass through uncopied.
void SessionSql::exec(const std::string& sql, const std::vector<SqlValue>& params) { detail::exec(s_, sql, params); }

SqlRows SessionSql::query(const std::string& sql, const std::vector<SqlValue>& params) {
    Rows r = detail::query(s_, sql, params);
    SqlRows out;
    out.rows.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) {
        std::vector<std::string> row;
        row.reserve(r.rows[i].size());
        for (std::size_t c = 0; c < r.rows[i].size(); ++c) row.push_back(r.take(i, c));
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace vanthu::store::detail
