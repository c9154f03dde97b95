// store/session.h (private to store/; never included from outside the module): the SQL driver
// under the store. One pool of connections per store, statements with $1…$n on both back ends,
// SQLite statements prepared once per connection, the write transaction (Tx), and the mapping of
// driver errors: a unique violation becomes UniqueViolation (recognised by its code), every other
// Poco exception Failure(Storage) at the store's edge (guarded).
//
// Poco types appear here and in the store's .cpp files only; store/store.h and store/sql.h have
// none.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"
#include "store/sql.h"
#include "store/store.h"

namespace vanthu::store::detail {

using Poco::Data::Session;
using Value = SqlValue;
using Params = std::vector<Value>;

// One result cell. SQLite rows come straight from sqlite3_column_* (no Poco::Dynamic::Var and
// its copies of each text); PostgreSQL rows keep Poco's Var and its conversions.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string, Poco::Dynamic::Var>;

// Inline: the store reads every cell through these, on the hot path of each request.
struct Rows {
    std::vector<std::vector<Cell>> rows;
    bool empty() const { return rows.empty(); }
    std::size_t size() const { return rows.size(); }
    std::int64_t i(std::size_t r, std::size_t c) const {
        const Cell& v = rows.at(r).at(c);
        switch (v.index()) {
        case 1: return std::get<1>(v);
        case 2: return std::int64_t(std::get<2>(v));
        case 3: return std::get<3>(v).empty() ? 0 : Poco::NumberParser::parse64(std::get<3>(v));
        case 4: return std::get<4>(v).isEmpty() ? 0 : std::get<4>(v).convert<Poco::Int64>();
        default: return 0;
        }
    }
    std::string s(std::size_t r, std::size_t c) const {
        const Cell& v = rows.at(r).at(c);
        switch (v.index()) {
        case 1: return std::to_string(std::get<1>(v));
        case 2: return Poco::Dynamic::Var(std::get<2>(v)).convert<std::string>();
        case 3: return std::get<3>(v);
        case 4: return std::get<4>(v).isEmpty() ? std::string() : std::get<4>(v).convert<std::string>();
        default: return {};
        }
    }
    // s(), moving a text cell out instead of copying it (artifact bodies are tens of kilobytes).
    std::string take(std::size_t r, std::size_t c) {
        Cell& v = rows.at(r).at(c);
        if (auto* t = std::get_if<std::string>(&v)) return std::move(*t);
        return s(r, c);
    }
};

// A statement broke a UNIQUE or PRIMARY KEY constraint: SQLite's extended result code
// SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_PRIMARYKEY, PostgreSQL's SQLSTATE 23505. The
// message is the driver's, as a Failure(Storage) would carry it; a caller that expects the
// conflict catches this and answers Conflict, anyone else lets it pass as Failure(Storage).
class UniqueViolation : public Failure {
public:
    explicit UniqueViolation(const std::string& what) : Failure(Errc::Storage, what) {}
};

// The database cannot grow: SQLite's SQLITE_FULL (the disk, or OpenOptions::maxDatabaseBytes),
// PostgreSQL's SQLSTATE 53100. The transaction it happened in is rolled back whole; the message
// says so in both languages, for the clerk who sees the 503.
class DiskFull : public Failure {
public:
    explicit DiskFull(const std::string& driver)
        : Failure(Errc::Storage, "Đĩa lưu trữ đã đầy, không có gì được ghi; thử lại khi có chỗ (the database disk is full; "
                                 "nothing was written: try again when there is space) [" + driver + "]") {}
};

// Both throw Poco exceptions (UniqueViolation for a unique violation). SQLite binds $n by order
// of appearance (DEVELOPING.md): keep each text's placeholders ascending.
void exec(Session& s, const std::string& sql, const Params& params = {});
Rows query(Session& s, const std::string& sql, const Params& params = {});

// Runs the per-connection settings on every pooled session; SQLite connections stay open for the
// pool's life (their statement caches are dropped with it).
class Pool final : public Poco::Data::SessionPool {
public:
    // maxPages: SQLite's max_page_count on every connection (0 = no limit).
    Pool(Backend b, const std::string& connector, const std::string& conn, int maxSessions, std::int64_t maxPages = 0);
    ~Pool() override;

protected:
    void customizeSession(Session& s) override;

private:
    Backend backend_;
    std::int64_t maxPages_ = 0;
};

// The connections of one store. Store::Impl derives from it.
struct Database {
    Backend backend = Backend::Sqlite;
    std::unique_ptr<Pool> pool;
    std::mutex writeMutex;  // SQLite: one writer at a time in this process

    // "sqlite:PATH" or a PostgreSQL URL / key=value string (OpenOptions::url); Failure on a bad one.
    void connect(const std::string& url, std::size_t maxSessions, std::uint64_t maxDatabaseBytes = 0);
    Session read() { return pool->get(); }
};

// Removes every table of `url` (tests start empty): Store::resetForTest.
void dropEverythingForTest(const std::string& url);

// One write transaction on a pooled session. SQLite: BEGIN IMMEDIATE behind the in-process
// writer mutex (writers queue on it instead of sleeping in SQLite's busy handler); PostgreSQL:
// BEGIN, and the callers lock the rows they change (forUpdate()). Rolls back on every exit but
// commit(), so a failed statement never leaves a half-open transaction in the pool.
class Tx {
public:
    explicit Tx(Database& db);
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;

    void commit();
    Session& s() { return s_; }
    Backend backend() const { return db_.backend; }
    // PostgreSQL row lock for a SELECT inside this transaction; SQLite already holds the
    // database write lock (BEGIN IMMEDIATE).
    std::string forUpdate() const { return db_.backend == Backend::Postgres ? " FOR UPDATE" : ""; }

private:
    Database& db_;
    Session s_;
    std::unique_lock<std::mutex> lock_;
    bool done_ = false;
};

// One read-only snapshot on a pooled session: every statement in it sees the same committed state
// (SQLite: a deferred transaction, whose snapshot starts at the first read; PostgreSQL: REPEATABLE
// READ READ ONLY). Ends with a rollback: nothing to keep.
class ReadSnapshot {
public:
    explicit ReadSnapshot(Database& db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    Session& s() { return s_; }

private:
    Session s_;
};

// The store's session behind the Sql seam of store/sql.h (extensions run inside our transactions).
class SessionSql final : public Sql {
public:
    SessionSql(Session& s, Backend b, bool inTx) : s_(s), b_(b), inTx_(inTx) {}
    explicit SessionSql(Tx& tx) : SessionSql(tx.s(), tx.backend(), true) {}
    void exec(const std::string& sql, const std::vector<SqlValue>& params) override;
    SqlRows query(const std::string& sql, const std::vector<SqlValue>& params) override;
    Backend backend() const override { return b_; }
    std::string forUpdate() const override { return b_ == Backend::Postgres && inTx_ ? " FOR UPDATE" : ""; }

private:
    Session& s_;
    Backend b_;
    bool inTx_;
};

// Every public store call runs inside this: Poco's exceptions become Failure(Storage), so no Poco
// type leaves store/.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const Failure&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw Failure(Errc::Storage, e.displayText());
    }
}

}  // namespace vanthu::store::detail
