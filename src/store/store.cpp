#include "store/store.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/RandomStream.h>
#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <sstream>
#include <variant>

#include "core/clock.h"
#include "model/document_code.h"
#include "store/schema.h"
#include "store/bytes_codec.h"
#include "text/unicode.h"

namespace vanthu::store {

using Poco::Data::Session;
using Poco::Data::Statement;
using Poco::Data::Keywords::bind;

namespace {

// ---- small SQL helpers: every query goes through these, with $n placeholders --------------

using Value = std::variant<std::int64_t, std::string>;
using Params = std::vector<Value>;

// One result cell. SQLite rows come straight from sqlite3_column_* (no Poco::Dynamic::Var and
// its copies of each text); PostgreSQL rows keep Poco's Var and its conversions.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string, Poco::Dynamic::Var>;

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

// SQLite: prepared statements cached per connection. Preparing is most of the cost of a short
// statement (an INSERT into a table with foreign keys and unique indexes takes ~100 µs to
// compile, ~10 µs to run), and the same few dozen texts run all day. A cache belongs to one
// connection, which one thread uses at a time (the pool hands it out); its statements are
// finalized by the Pool before the connection closes (the pool keeps every SQLite connection
// open while the store is open, see Pool).
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

StatementCache* cacheOf(Session& s) {
    if (s.connector() != Poco::Data::SQLite::Connector::KEY) return nullptr;
    return CacheRegistry::instance().find(Poco::Data::SQLite::Utility::dbHandle(s));
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
        if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(cache.db(), rc, sql);
    }
    for (;;) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) return;
        if (rc != SQLITE_ROW) Poco::Data::SQLite::Utility::throwException(cache.db(), rc, sql);
        if (!out) continue;
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
        out->rows.push_back(std::move(row));
    }
}

void bindAll(Statement& st, const Params& params) {
    for (const auto& p : params) {
        if (std::holds_alternative<std::int64_t>(p))
            st, bind(static_cast<Poco::Int64>(std::get<std::int64_t>(p)));
        else
            st, bind(std::get<std::string>(p));
    }
}

void exec(Session& s, const std::string& sql, const Params& params = {}) {
    if (StatementCache* cache = cacheOf(s))
        if (sqlite3_stmt* st = cache->get(sql)) return runCached(*cache, st, sql, params, nullptr);
    Statement st(s);
    st << sql;
    bindAll(st, params);
    st.execute();
}

Rows query(Session& s, const std::string& sql, const Params& params = {}) {
    Rows out;
    if (StatementCache* cache = cacheOf(s))
        if (sqlite3_stmt* st = cache->get(sql)) {
            runCached(*cache, st, sql, params, &out);
            return out;
        }
    Statement st(s);
    st << sql;
    bindAll(st, params);
    st.execute();
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

std::string isoNow(const Clock& clock) { return isoUtc(clock()); }

std::string dateText(const model::Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

void collectText(const std::vector<model::Block>& blocks, std::string& out) {
    for (const auto& b : blocks) {
        const std::string t = model::plainText(b.title);
        const std::string x = model::plainText(b.text);
        if (!t.empty()) out += t + "\n";
        if (!x.empty()) out += x + "\n";
        collectText(b.children, out);
    }
}

// The searchable text of a document: subject and body (attached documents and appendices too).
std::string bodyText(const model::Document& doc) {
    std::string out;
    collectText(doc.body, out);
    for (const auto& a : doc.appendices) {
        out += a.title + "\n";
        collectText(a.body, out);
    }
    for (const auto& a : doc.attachments) {
        out += a.subject + "\n";
        collectText(a.body, out);
    }
    return out;
}

// Columns derived from the model, written on create/update/import.
struct Derived {
    std::string type, notation, subject, signer, signerFolded, issuer, issuerAbbr, recipients, archiveUnits;
    std::string folded, lowered;
    std::int64_t secret = 0, legal = 0, copies = 0;
};

Derived derive(const model::Document& doc) {
    Derived d;
    d.type = std::string(model::info(doc.type).key);
    d.notation = doc.code.notation;
    d.subject = doc.subject;
    if (!doc.signatures.empty()) d.signer = doc.signatures.front().name;
    d.signerFolded = text::fold(d.signer);
    d.issuer = doc.issuer.name;
    d.issuerAbbr = doc.issuer.abbreviation;
    for (const auto& r : doc.recipients) {
        if (r.kind != model::RecipientKind::Agency) continue;
        if (!d.recipients.empty()) d.recipients += "; ";
        d.recipients += r.name;
    }
    for (const auto& u : doc.archive.units) {
        if (!d.archiveUnits.empty()) d.archiveUnits += ", ";
        d.archiveUnits += u;
    }
    d.copies = doc.archive.issuedCopies;
    const std::string all = doc.subject + "\n" + bodyText(doc);
    d.folded = text::fold(all);
    d.lowered = text::toLower(text::nfc(all));
    d.secret = doc.secrecy != model::Secrecy::None ? 1 : 0;
    d.legal = doc.code.year ? 1 : 0;
    return d;
}

Error err(Errc c, std::string vi, std::string en, std::string field = {}) {
    Error e;
    e.code = c;
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = std::move(field);
    return e;
}

constexpr const char* kDocColumns =
    "id, organ_id, register_id, status, type, secret, legal, number, issue_year, series, notation, code,"
    " issue_date, subject, signer, issuer, recipients, xml";

DocumentRecord docFromRow(const Rows& r, std::size_t i) {
    DocumentRecord d;
    d.id = r.i(i, 0);
    d.organId = r.i(i, 1);
    d.registerId = r.i(i, 2);
    const std::string st = r.s(i, 3);
    d.status = st == "issued" ? Status::Issued : st == "distributed" ? Status::Distributed
             : st == "archived" ? Status::Archived : st == "recalled" ? Status::Recalled : Status::Draft;
    d.type = r.s(i, 4);
    d.secret = r.i(i, 5) != 0;
    d.legalNormative = r.i(i, 6) != 0;
    d.number = int(r.i(i, 7));
    d.year = int(r.i(i, 8));
    d.series = r.s(i, 9);
    d.notation = r.s(i, 10);
    d.code = r.s(i, 11);
    d.issueDate = r.s(i, 12);
    d.subject = r.s(i, 13);
    d.signer = r.s(i, 14);
    d.issuer = r.s(i, 15);
    d.recipients = r.s(i, 16);
    d.xml = r.s(i, 17);
    return d;
}

// The series a document is numbered in (store.h).
std::string seriesFor(const DocumentRecord& d, const Register& reg) {
    if (d.secret) return "mat";
    if (d.legalNormative) return "qppl:" + d.type;
    if (reg.scope == "per-type") return "type:" + d.type;
    return "all";
}

std::string randomHex(std::size_t bytes) {
    Poco::RandomInputStream rnd;
    std::string raw(bytes, '\0');
    rnd.read(raw.data(), std::streamsize(bytes));
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : raw) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

using detail::base64;
using detail::unbase64;

// FTS tokens of an already-folded string: ASCII letters and digits plus any non-ASCII byte.
std::vector<std::string> tokens(const std::string& folded) {
    std::vector<std::string> out;
    std::string cur;
    for (unsigned char c : folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            cur += char(c);
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// FTS5 tokens for the tags column: "o12 tquyetdinh [secret]".
std::string typeTag(const std::string& type) {
    std::string t = "t";
    for (char c : type)
        if (c != '-') t += c;
    return t;
}

std::string ftsTags(std::int64_t organ, const std::string& type, bool secret) {
    return "o" + std::to_string(organ) + " " + typeTag(type) + (secret ? " secret" : "");
}

std::string quotedTokens(const std::vector<std::string>& toks) {
    std::string out;
    for (const auto& t : toks) out += (out.empty() ? "\"" : " \"") + t + "\"";
    return out;
}


}  // namespace

// OpenSSL's SHA-256 (SHA-NI/AVX2 where the CPU has them) is several times faster than Poco's
// portable one; every artifact is hashed when stored and again when read back.
std::string sha256Hex(const std::string& bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw Failure(Errc::Internal, "EVP_Digest(SHA-256) failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(std::size_t(len) * 2, '0');
    for (unsigned int i = 0; i < len; ++i) {
        out[2 * i] = kHex[md[i] >> 4];
        out[2 * i + 1] = kHex[md[i] & 15];
    }
    return out;
}

std::string_view roleName(Role r) {
    switch (r) {
    case Role::Viewer: return "viewer";
    case Role::Drafter: return "drafter";
    case Role::Signer: return "signer";
    case Role::Clerk: return "clerk";
    case Role::Admin: return "admin";
    }
    return "viewer";
}

std::optional<Role> roleFromName(std::string_view s) {
    for (Role r : {Role::Viewer, Role::Drafter, Role::Signer, Role::Clerk, Role::Admin})
        if (roleName(r) == s) return r;
    return std::nullopt;
}

std::string_view statusName(Status s) {
    switch (s) {
    case Status::Draft: return "draft";
    case Status::Issued: return "issued";
    case Status::Distributed: return "distributed";
    case Status::Archived: return "archived";
    case Status::Recalled: return "recalled";
    }
    return "draft";
}

// ---- the store ---------------------------------------------------------------------------

namespace {

// Runs the per-connection settings SQLite needs on every pooled session.
class Pool final : public Poco::Data::SessionPool {
public:
    // SQLite: the minimum is the maximum, so the pool's janitor never closes an idle connection
    // under its statement cache; the connections close with the store (~Pool drops the caches first).
    Pool(Backend b, const std::string& connector, const std::string& conn, int maxSessions)
        : Poco::Data::SessionPool(connector, conn, b == Backend::Sqlite ? maxSessions : 1, maxSessions, 60), backend_(b) {}
    ~Pool() override {
        if (backend_ == Backend::Sqlite) CacheRegistry::instance().dropOwner(this);
    }

protected:
    void customizeSession(Session& s) override {
        if (backend_ != Backend::Sqlite) {
            exec(s, "SET client_min_messages = warning");  // libpq prints NOTICEs to stderr
            return;
        }
        CacheRegistry::instance().add(this, Poco::Data::SQLite::Utility::dbHandle(s));
        query(s, "PRAGMA busy_timeout = 30000");
        query(s, "PRAGMA synchronous = NORMAL");
        query(s, "PRAGMA foreign_keys = ON");
        // Checkpoint every 8000 pages (32 MiB of WAL) instead of 1000: a delivery appends ~50
        // pages (base64 artifacts), and each checkpoint also rewrites the same index pages and
        // syncs; fewer, larger checkpoints cost less in all (bench/README.md). Durability is
        // unchanged: commits are in the WAL either way.
        query(s, "PRAGMA wal_autocheckpoint = 8000");
    }

private:
    Backend backend_;
};

}  // namespace

struct Store::Impl {
    Backend backend = Backend::Sqlite;
    std::unique_ptr<Pool> pool;
    Clock clock;
    int version = 0;
    std::mutex writeMutex;  // SQLite: one writer at a time in this process

    // Pooled sessions that always go back in the pool: a failed statement must not leave a
    // half-open transaction behind, so the transaction guard rolls back on every exit.
    class Tx {
    public:
        Tx(Impl& impl) : impl_(impl), s_(impl.pool->get()) {
            if (impl_.backend == Backend::Sqlite) {
                // Writers of this process queue on a mutex instead of SQLite's busy handler, which
                // sleeps in steps of up to 100 ms; BEGIN IMMEDIATE still guards against other processes.
                lock_ = std::unique_lock<std::mutex>(impl_.writeMutex);
                exec(s_, "BEGIN IMMEDIATE");  // take the write lock now, not at the first write
            } else {
                s_.begin();
            }
        }
        ~Tx() {
            if (done_) return;
            try {
                if (impl_.backend == Backend::Sqlite) exec(s_, "ROLLBACK");
                else s_.rollback();
            } catch (...) {
            }
        }
        void commit() {
            if (impl_.backend == Backend::Sqlite) exec(s_, "COMMIT");
            else s_.commit();
            done_ = true;
        }
        Session& s() { return s_; }
        // PostgreSQL row lock for a SELECT inside this transaction; SQLite already holds the
        // database write lock (BEGIN IMMEDIATE).
        std::string forUpdate() const { return impl_.backend == Backend::Postgres ? " FOR UPDATE" : ""; }

    private:
        Impl& impl_;
        Session s_;
        std::unique_lock<std::mutex> lock_;
        bool done_ = false;
    };

    Session read() { return pool->get(); }

    void audit(Tx& tx, const std::string& actor, const std::string& action, Id doc, const std::string& detail) {
        const Rows head = query(tx.s(), "SELECT last_id, last_hash FROM audit_head WHERE id = 1" + tx.forUpdate());
        const std::int64_t id = head.i(0, 0) + 1;
        const std::string prev = head.s(0, 1);
        const std::string at = isoNow(clock);
        const std::string hash = chainHash(id, at, actor, action, doc, detail, prev);
        exec(tx.s(),
             "INSERT INTO audit_log (id, at, actor, action, document_id, detail, prev_hash, hash)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
             {id, at, actor, action, doc, detail, prev, hash});
        exec(tx.s(), "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1", {id, hash});
    }

    static std::string chainHash(std::int64_t id, const std::string& at, const std::string& actor,
                                 const std::string& action, std::int64_t doc, const std::string& detail,
                                 const std::string& prev) {
        // Length-prefixed fields: no separator inside a field can forge another row.
        std::string m;
        for (const std::string& f : {std::to_string(id), at, actor, action, std::to_string(doc), detail, prev})
            m += std::to_string(f.size()) + ":" + f + ";";
        return sha256Hex(m);
    }

    std::optional<DocumentRecord> loadDoc(Session& s, Id id, const std::string& lock = "") {
        const Rows r = query(s, std::string("SELECT ") + kDocColumns + " FROM documents WHERE id = $1" + lock, {id});
        if (r.empty()) return std::nullopt;
        return docFromRow(r, 0);
    }

    void indexText(Tx& tx, Id id, Id organ, const Derived& d) {
        if (backend != Backend::Sqlite) return;  // PostgreSQL: the GIN index follows the column
        exec(tx.s(), "DELETE FROM doc_fts WHERE rowid = $1", {id});
        exec(tx.s(), "INSERT INTO doc_fts (rowid, folded, exact, tags) VALUES ($1, $2, $3, $4)",
             {id, d.folded, d.lowered, ftsTags(organ, d.type, d.secret != 0)});
    }

    std::optional<SearchResult> searchIndexOnly(const Query& q);

    void migrate() {
        Session s = pool->get();
        exec(s, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        for (const auto& m : detail::migrations(backend)) {
            Tx tx(*this);
            const Rows have = query(tx.s(), "SELECT version FROM schema_migrations WHERE version = $1", {std::int64_t(m.version)});
            if (!have.empty()) {
                version = m.version;
                continue;
            }
            for (const auto& sql : m.statements) exec(tx.s(), sql);
            exec(tx.s(), "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                 {std::int64_t(m.version), m.name, isoNow(clock)});
            tx.commit();
            version = m.version;
        }
    }
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const OpenOptions& options) {
    static std::once_flag once;
    std::call_once(once, [] {
        // Before SQLite initialises: no allocation statistics, so sqlite3_malloc/free do not take
        // SQLite's one global mutex (every thread of every store queued on it under load).
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if already initialised: harmless
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
    auto impl = std::make_unique<Impl>();
    impl->clock = options.clock ? options.clock : [] {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    };
    const std::string& url = options.url;
    try {
        if (url.rfind("sqlite:", 0) == 0) {
            const std::string path = url.substr(7);
            if (path.empty() || path == ":memory:")
                throw Failure(Errc::InvalidInput, "sqlite: needs a file path (" + url + ")");
            const auto parent = std::filesystem::path(path).parent_path();
            if (!parent.empty()) std::filesystem::create_directories(parent);
            impl->backend = Backend::Sqlite;
            impl->pool = std::make_unique<Pool>(Backend::Sqlite, "SQLite", path, int(options.maxSessions));
            Session s = impl->pool->get();
            query(s, "PRAGMA journal_mode = WAL");  // persistent; readers never block the writer
        } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 ||
                   url.find('=') != std::string::npos) {
            impl->backend = Backend::Postgres;  // libpq reads both URIs and key=value strings
            impl->pool = std::make_unique<Pool>(Backend::Postgres, "PostgreSQL", url, int(options.maxSessions));
        } else {
            throw Failure(Errc::InvalidInput, "unknown database '" + url + "': want sqlite:PATH or postgresql://…");
        }
        impl->migrate();
    } catch (const Poco::Exception& e) {
        throw Failure(Errc::Storage, "cannot open " + url + ": " + e.displayText());
    }
    return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Backend Store::backend() const { return impl_->backend; }
int Store::schemaVersion() const { return impl_->version; }

namespace {
// Every public call maps Poco's exceptions to Failure(Storage), so no Poco type leaves store/.
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

bool isUniqueViolation(const Poco::Exception& e) {
    const std::string t = e.displayText();
    return t.find("UNIQUE") != std::string::npos || t.find("unique") != std::string::npos ||
           t.find("duplicate key") != std::string::npos;
}
}  // namespace

Organ Store::ensureOrgan(const std::string& abbreviation, const std::string& name) {
    return guarded([&] {
        {
            Impl::Tx tx(*impl_);
            exec(tx.s(), "INSERT INTO organs (abbreviation, name) VALUES ($1, $2) ON CONFLICT (abbreviation) DO UPDATE"
                         " SET name = excluded.name WHERE organs.name = organs.abbreviation",
                 {abbreviation, name});
            tx.commit();
        }
        // A placeholder name (the abbreviation, from `vanthu user add`) gives way to the real one.
        return *organByAbbreviation(abbreviation);
    });
}

std::optional<Organ> Store::organByAbbreviation(const std::string& abbreviation) const {
    return guarded([&]() -> std::optional<Organ> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, abbreviation, name FROM organs WHERE abbreviation = $1", {abbreviation});
        if (r.empty()) return std::nullopt;
        return Organ{r.i(0, 0), r.s(0, 1), r.s(0, 2)};
    });
}

std::optional<Organ> Store::organ(Id id) const {
    return guarded([&]() -> std::optional<Organ> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, abbreviation, name FROM organs WHERE id = $1", {id});
        if (r.empty()) return std::nullopt;
        return Organ{r.i(0, 0), r.s(0, 1), r.s(0, 2)};
    });
}

std::string Store::addUser(const std::string& name, Role role, Id organId, bool cleared) {
    return guarded([&] {
        const std::string token = "vt_" + randomHex(24);
        Impl::Tx tx(*impl_);
        exec(tx.s(), "INSERT INTO users (name, role, organ_id, cleared, token_hash) VALUES ($1, $2, $3, $4, $5)",
             {name, std::string(roleName(role)), organId, std::int64_t(cleared ? 1 : 0), sha256Hex(token)});
        impl_->audit(tx, "system", "user.add", 0, name + " " + std::string(roleName(role)) + " organ " + std::to_string(organId));
        tx.commit();
        return token;
    });
}

std::optional<User> Store::authenticate(const std::string& token) const {
    if (token.empty() || token.size() > 200) return std::nullopt;
    return guarded([&]() -> std::optional<User> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, name, role, organ_id, cleared FROM users WHERE token_hash = $1", {sha256Hex(token)});
        if (r.empty()) return std::nullopt;
        User u;
        u.id = r.i(0, 0);
        u.name = r.s(0, 1);
        u.role = roleFromName(r.s(0, 2)).value_or(Role::Viewer);
        u.organId = r.i(0, 3);
        u.cleared = r.i(0, 4) != 0;
        return u;
    });
}

Result<Register> Store::createRegister(Id organId, const std::string& name, const std::string& kind,
                                       const std::string& scope, const std::string& actor) {
    if (kind != "outgoing" && kind != "advisory")
        return err(Errc::InvalidInput, "Loại sổ không hợp lệ (outgoing, advisory)", "register kind must be outgoing or advisory", "kind");
    if (scope != "shared" && scope != "per-type")
        return err(Errc::InvalidInput, "Phạm vi số không hợp lệ (shared, per-type)", "register scope must be shared or per-type", "scope");
    if (name.empty() || name.size() > 200)
        return err(Errc::InvalidInput, "Tên sổ không hợp lệ", "register name must be 1–200 bytes", "name");
    return guarded([&]() -> Result<Register> {
        try {
            Impl::Tx tx(*impl_);
            const Rows r = query(tx.s(), "INSERT INTO registers (organ_id, name, kind, scope) VALUES ($1, $2, $3, $4) RETURNING id",
                                 {organId, name, kind, scope});
            const Id id = r.i(0, 0);
            impl_->audit(tx, actor, "register.create", 0, std::to_string(id) + " " + name);
            tx.commit();
            return Register{id, organId, name, kind, scope};
        } catch (const Poco::Exception& e) {
            if (isUniqueViolation(e))
                return err(Errc::Conflict, "Sổ cùng tên đã có", "a register with this name exists", "name");
            throw;
        }
    });
}

Register Store::defaultRegister(Id organId) {
    return guarded([&] {
        const std::string name = "Sổ văn bản đi";
        {
            Session s = impl_->read();
            const Rows r = query(s, "SELECT id, organ_id, name, kind, scope FROM registers WHERE organ_id = $1 AND name = $2", {organId, name});
            if (!r.empty()) return Register{r.i(0, 0), r.i(0, 1), r.s(0, 2), r.s(0, 3), r.s(0, 4)};
        }
        {
            Impl::Tx tx(*impl_);
            exec(tx.s(), "INSERT INTO registers (organ_id, name, kind, scope) VALUES ($1, $2, 'outgoing', 'shared')"
                         " ON CONFLICT (organ_id, name) DO NOTHING", {organId, name});
            tx.commit();
        }
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, organ_id, name, kind, scope FROM registers WHERE organ_id = $1 AND name = $2", {organId, name});
        return Register{r.i(0, 0), r.i(0, 1), r.s(0, 2), r.s(0, 3), r.s(0, 4)};
    });
}

std::optional<Register> Store::registerById(Id id) const {
    return guarded([&]() -> std::optional<Register> {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT id, organ_id, name, kind, scope FROM registers WHERE id = $1", {id});
        if (r.empty()) return std::nullopt;
        return Register{r.i(0, 0), r.i(0, 1), r.s(0, 2), r.s(0, 3), r.s(0, 4)};
    });
}

std::vector<Register> Store::registers(std::optional<Id> organId) const {
    return guarded([&] {
        Session s = impl_->read();
        const Rows r = organId ? query(s, "SELECT id, organ_id, name, kind, scope FROM registers WHERE organ_id = $1 ORDER BY id", {*organId})
                               : query(s, "SELECT id, organ_id, name, kind, scope FROM registers ORDER BY id");
        std::vector<Register> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(Register{r.i(i, 0), r.i(i, 1), r.s(i, 2), r.s(i, 3), r.s(i, 4)});
        return out;
    });
}

Result<DocumentRecord> Store::createDraft(Id organId, const std::string& xml, const model::Document& doc,
                                          const std::string& actor) {
    const Derived d = derive(doc);
    return guarded([&]() -> Result<DocumentRecord> {
        const std::string now = isoNow(impl_->clock);
        Impl::Tx tx(*impl_);
        const Rows r = query(tx.s(),
            "INSERT INTO documents (organ_id, status, type, secret, legal, notation, subject, signer, signer_folded,"
            " issuer, issuer_abbr, recipients, archive_units, copies, folded, lowered, xml, created_at, updated_at)"
            " VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
            {organId, d.type, d.secret, d.legal, d.notation, d.subject, d.signer, d.signerFolded, d.issuer, d.issuerAbbr,
             d.recipients, d.archiveUnits, d.copies, d.folded, d.lowered, xml, now, now});
        const Id id = r.i(0, 0);
        impl_->indexText(tx, id, organId, d);
        impl_->audit(tx, actor, "document.create", id, d.type + " " + d.notation);
        auto rec = impl_->loadDoc(tx.s(), id);
        tx.commit();
        return *rec;
    });
}

Result<DocumentRecord> Store::updateDraft(Id id, const std::string& xml, const model::Document& doc,
                                          const std::string& actor) {
    const Derived d = derive(doc);
    return guarded([&]() -> Result<DocumentRecord> {
        Impl::Tx tx(*impl_);
        auto cur = impl_->loadDoc(tx.s(), id, tx.forUpdate());
        if (!cur) return err(Errc::NotFound, "Không có văn bản này", "no such document", "id");
        if (cur->status != Status::Draft)
            return err(Errc::Conflict, "Văn bản đã ban hành không sửa được; hãy đính chính hoặc thay thế",
                       "an issued document cannot be edited; correct or replace it", "status");
        exec(tx.s(),
             "UPDATE documents SET type = $1, secret = $2, legal = $3, notation = $4, subject = $5, signer = $6,"
             " signer_folded = $7, issuer = $8, issuer_abbr = $9, recipients = $10, archive_units = $11, copies = $12,"
             " folded = $13, lowered = $14, xml = $15, updated_at = $16 WHERE id = $17",
             {d.type, d.secret, d.legal, d.notation, d.subject, d.signer, d.signerFolded, d.issuer, d.issuerAbbr,
              d.recipients, d.archiveUnits, d.copies, d.folded, d.lowered, xml, isoNow(impl_->clock), id});
        impl_->indexText(tx, id, cur->organId, d);
        impl_->audit(tx, actor, "document.update", id, d.type + " " + d.notation);
        auto rec = impl_->loadDoc(tx.s(), id);
        tx.commit();
        return *rec;
    });
}

Result<DocumentRecord> Store::importIssued(Id organId, Id registerId, const std::string& xml,
                                           const model::Document& doc, const std::string& actor) {
    if (!doc.code.number || *doc.code.number <= 0)
        return err(Errc::InvalidInput, "Văn bản nhập phải có số", "an imported document needs its number", "/document/code/@number");
    if (!doc.issueDate)
        return err(Errc::InvalidInput, "Văn bản nhập phải có ngày ban hành", "an imported document needs its issue date", "/document/issueDate");
    const Derived d = derive(doc);
    const int year = doc.issueDate->year;
    const std::string code = model::format(doc.code);
    const std::string key = model::searchKey(code);
    const std::int64_t number = *doc.code.number;
    const Register reg = registerId ? registerById(registerId).value_or(Register{}) : defaultRegister(organId);
    if (reg.id == 0 || reg.organId != organId)
        return err(Errc::NotFound, "Không có sổ này", "no such register for this organ", "register");
    return guarded([&]() -> Result<DocumentRecord> {
        Impl::Tx tx(*impl_);
        const Rows dup = query(tx.s(), "SELECT id FROM documents WHERE organ_id = $1 AND issue_year = $2 AND secret = $3 AND code_key = $4 AND number > 0",
                               {organId, std::int64_t(year), d.secret, key});
        if (!dup.empty())
            return err(Errc::Conflict, "Số, ký hiệu " + code + " đã có trong năm " + std::to_string(year),
                       "number and notation " + code + " already exist for " + std::to_string(year), "/document/code");
        DocumentRecord probe;
        probe.secret = d.secret;
        probe.legalNormative = d.legal;
        probe.type = d.type;
        const std::string series = seriesFor(probe, reg);
        const Rows taken = query(tx.s(), "SELECT document_id FROM register_entries WHERE register_id = $1 AND year = $2 AND series = $3 AND number = $4",
                                 {reg.id, std::int64_t(year), series, number});
        if (!taken.empty())
            return err(Errc::Conflict, "Số " + std::to_string(number) + " đã được cấp trong sổ này",
                       "number " + std::to_string(number) + " is already taken in this register", "/document/code/@number");
        const std::string now = isoNow(impl_->clock);
        const Rows r = query(tx.s(),
            "INSERT INTO documents (organ_id, register_id, status, type, secret, legal, number, issue_year, series, notation,"
            " code, code_key, issue_date, subject, signer, signer_folded, issuer, issuer_abbr, recipients, archive_units,"
            " copies, folded, lowered, xml, created_at, updated_at)"
            " VALUES ($1, $2, 'issued', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
            " $21, $22, $23, $24, $25) RETURNING id",
            {organId, reg.id, d.type, d.secret, d.legal, number, std::int64_t(year), series, d.notation, code, key,
             dateText(*doc.issueDate), d.subject, d.signer, d.signerFolded, d.issuer, d.issuerAbbr, d.recipients,
             d.archiveUnits, d.copies, d.folded, d.lowered, xml, now, now});
        const Id id = r.i(0, 0);
        exec(tx.s(), "INSERT INTO register_entries (register_id, year, series, number, document_id) VALUES ($1, $2, $3, $4, $5)",
             {reg.id, std::int64_t(year), series, number, id});
        // An imported number was handed out before (on paper, or by another system): the series
        // continues after it.
        exec(tx.s(), "INSERT INTO series (register_id, year, series, last_number) VALUES ($1, $2, $3, 0)"
                     " ON CONFLICT (register_id, year, series) DO NOTHING", {reg.id, std::int64_t(year), series});
        exec(tx.s(), "UPDATE series SET last_number = $1 WHERE register_id = $2 AND year = $3 AND series = $4 AND last_number < $5",
             {number, reg.id, std::int64_t(year), series, number});
        impl_->indexText(tx, id, organId, d);
        impl_->audit(tx, actor, "document.import", id, code);
        auto rec = impl_->loadDoc(tx.s(), id);
        tx.commit();
        return *rec;
    });
}

Result<DocumentRecord> Store::document(Id id) const {
    return guarded([&]() -> Result<DocumentRecord> {
        Session s = impl_->read();
        auto rec = impl_->loadDoc(s, id);
        if (!rec) return err(Errc::NotFound, "Không có văn bản này", "no such document", "id");
        return *rec;
    });
}

namespace {
// The store's session behind the Sql seam of store/sql.h (extensions run inside our transactions).
class SessionSql final : public Sql {
public:
    SessionSql(Session& s, Backend b, bool inTx) : s_(s), b_(b), inTx_(inTx) {}
    // SqlValue and our Value are the same variant: the parameters pass through uncopied.
    void exec(const std::string& sql, const std::vector<SqlValue>& params) override { store::exec(s_, sql, params); }
    SqlRows query(const std::string& sql, const std::vector<SqlValue>& params) override {
        Rows r = store::query(s_, sql, params);
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
    Backend backend() const override { return b_; }
    std::string forUpdate() const override { return b_ == Backend::Postgres && inTx_ ? " FOR UPDATE" : ""; }

private:
    static_assert(std::is_same_v<SqlValue, Value>);
    Session& s_;
    Backend b_;
    bool inTx_;
};
}  // namespace

void Store::transaction(const std::function<void(Sql&)>& body) {
    guarded([&] {
        Impl::Tx tx(*impl_);
        SessionSql sql(tx.s(), impl_->backend, true);
        body(sql);
        tx.commit();
        return 0;
    });
}

void Store::read(const std::function<void(Sql&)>& body) const {
    guarded([&] {
        Session s = impl_->read();
        SessionSql sql(s, impl_->backend, false);
        body(sql);
        return 0;
    });
}

Result<DocumentRecord> Store::issue(Id id, const IssueRequest& request, const std::string& actor) {
    return guarded([&]() -> Result<DocumentRecord> {
        // Resolve the register before the write transaction (the default one may be created).
        Session pre = impl_->read();
        auto first = impl_->loadDoc(pre, id);
        if (!first) return err(Errc::NotFound, "Không có văn bản này", "no such document", "id");
        const Register reg = request.registerId ? registerById(request.registerId).value_or(Register{})
                                                : defaultRegister(first->organId);
        if (reg.id == 0 || reg.organId != first->organId)
            return err(Errc::NotFound, "Không có sổ này cho cơ quan", "no such register for this organ", "register");
        model::Date date;
        if (request.date) {
            date = *request.date;
        } else {
            const auto days = std::chrono::floor<std::chrono::days>(impl_->clock());
            const std::chrono::year_month_day ymd{days};
            date = {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
        }
        if (!model::isValidDate(date)) return err(Errc::InvalidInput, "Ngày không hợp lệ", "invalid date", "date");

        Impl::Tx tx(*impl_);
        auto doc = impl_->loadDoc(tx.s(), id, tx.forUpdate());
        if (!doc) return err(Errc::NotFound, "Không có văn bản này", "no such document", "id");
        if (doc->status != Status::Draft)
            return err(Errc::Conflict, "Văn bản đã được cấp số " + doc->code, "the document is already issued as " + doc->code, "status");
        const std::string series = seriesFor(*doc, reg);
        const std::int64_t year = date.year;
        std::int64_t number = 0;
        if (impl_->backend == Backend::Postgres) {
            // The series row is created if needed, then locked: concurrent clerks queue here.
            exec(tx.s(), "INSERT INTO series (register_id, year, series, last_number) VALUES ($1, $2, $3, 0)"
                         " ON CONFLICT (register_id, year, series) DO NOTHING", {reg.id, year, series});
            const Rows cur = query(tx.s(), "SELECT last_number FROM series WHERE register_id = $1 AND year = $2 AND series = $3 FOR UPDATE",
                                   {reg.id, year, series});
            number = cur.i(0, 0) + 1;
            exec(tx.s(), "UPDATE series SET last_number = $1 WHERE register_id = $2 AND year = $3 AND series = $4",
                 {number, reg.id, year, series});
        } else {
            // BEGIN IMMEDIATE already holds the database write lock: one upsert does it.
            number = query(tx.s(), "INSERT INTO series (register_id, year, series, last_number) VALUES ($1, $2, $3, 1)"
                                   " ON CONFLICT (register_id, year, series) DO UPDATE SET last_number = series.last_number + 1"
                                   " RETURNING last_number", {reg.id, year, series}).i(0, 0);
        }
        model::DocumentCode code;
        code.number = int(number);
        if (doc->legalNormative) code.year = date.year;
        code.notation = doc->notation;
        const std::string written = model::format(code);
        const std::string key = model::searchKey(written);
        try {
            exec(tx.s(), "UPDATE documents SET status = 'issued', register_id = $1, number = $2, issue_year = $3, series = $4,"
                         " code = $5, code_key = $6, issue_date = $7, updated_at = $8 WHERE id = $9",
                 {reg.id, number, year, series, written, key, dateText(date), isoNow(impl_->clock), id});
        } catch (const Poco::Exception& e) {
            // documents_code_unique: only after an import into another register took this very
            // code. The transaction rolls back, so the number is not consumed.
            if (isUniqueViolation(e))
                return err(Errc::Conflict, "Số, ký hiệu " + written + " đã có", "number and notation " + written + " already exist", "register");
            throw;
        }
        exec(tx.s(), "INSERT INTO register_entries (register_id, year, series, number, document_id) VALUES ($1, $2, $3, $4, $5)",
             {reg.id, year, series, number, id});
        impl_->audit(tx, actor, "document.issue", id, written + " register " + std::to_string(reg.id));
        DocumentRecord out = *doc;
        out.status = Status::Issued;
        out.registerId = reg.id;
        out.number = int(number);
        out.year = int(year);
        out.series = series;
        out.code = written;
        out.issueDate = dateText(date);
        if (request.withinTransaction) {
            SessionSql sql(tx.s(), impl_->backend, true);
            request.withinTransaction(sql, out);
        }
        tx.commit();
        return out;
    });
}

Result<DocumentRecord> Store::setStatus(Id id, Status to, const std::string& actor, const std::string& note,
                                       const std::function<void(Sql&, const DocumentRecord&)>& withinTransaction) {
    return guarded([&]() -> Result<DocumentRecord> {
        Impl::Tx tx(*impl_);
        auto doc = impl_->loadDoc(tx.s(), id, tx.forUpdate());
        if (!doc) return err(Errc::NotFound, "Không có văn bản này", "no such document", "id");
        const Status from = doc->status;
        bool allowed = false;
        switch (to) {
        case Status::Distributed: allowed = from == Status::Issued; break;
        case Status::Archived: allowed = from == Status::Issued || from == Status::Distributed || from == Status::Recalled; break;
        case Status::Recalled: allowed = from == Status::Issued || from == Status::Distributed; break;
        default: allowed = false;
        }
        if (!allowed)
            return err(Errc::Conflict, "Không chuyển được từ " + std::string(statusName(from)) + " sang " + std::string(statusName(to)),
                       "cannot go from " + std::string(statusName(from)) + " to " + std::string(statusName(to)), "status");
        exec(tx.s(), "UPDATE documents SET status = $1, updated_at = $2 WHERE id = $3",
             {std::string(statusName(to)), isoNow(impl_->clock), id});
        if (to == Status::Recalled) exec(tx.s(), "UPDATE documents SET recalled = 1 WHERE id = $1", {id});
        impl_->audit(tx, actor, "document." + std::string(statusName(to)), id, note);
        auto rec = impl_->loadDoc(tx.s(), id);
        if (withinTransaction) {
            SessionSql sql(tx.s(), impl_->backend, true);
            withinTransaction(sql, *rec);
        }
        tx.commit();
        return *rec;
    });
}

Result<Relation> Store::addRelation(const Relation& r, const std::string& actor) {
    static const std::set<std::string> kinds = {"corrects", "replaces", "revokes", "amends", "implements", "issued-with", "responds-to"};
    if (!kinds.count(r.kind))
        return err(Errc::InvalidInput, "Loại quan hệ không hợp lệ", "unknown relation kind", "kind");
    if (r.from == r.to) return err(Errc::InvalidInput, "Văn bản không thể liên quan tới chính nó", "a document cannot relate to itself", "target");
    return guarded([&]() -> Result<Relation> {
        Impl::Tx tx(*impl_);
        if (!impl_->loadDoc(tx.s(), r.from)) return err(Errc::NotFound, "Không có văn bản này", "no such document", "id");
        auto target = impl_->loadDoc(tx.s(), r.to);
        if (!target) return err(Errc::NotFound, "Không có văn bản đích", "no such target document", "target");
        const Rows have = query(tx.s(), "SELECT kind FROM relations WHERE from_id = $1 AND to_id = $2 AND kind = $3", {r.from, r.to, r.kind});
        if (!have.empty()) return err(Errc::Conflict, "Quan hệ đã có", "the relation already exists", "kind");
        exec(tx.s(), "INSERT INTO relations (from_id, to_id, kind, note) VALUES ($1, $2, $3, $4)", {r.from, r.to, r.kind, r.note});
        impl_->audit(tx, actor, "relation." + r.kind, r.from, std::to_string(r.to) + " " + r.note);
        tx.commit();
        return r;
    });
}

std::vector<Relation> Store::relations(Id id) const {
    return guarded([&] {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT from_id, to_id, kind, note FROM relations WHERE from_id = $1 OR to_id = $2 ORDER BY from_id, to_id, kind", {id, id});
        std::vector<Relation> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(Relation{r.i(i, 0), r.i(i, 1), r.s(i, 2), r.s(i, 3)});
        return out;
    });
}

namespace {
bool codeLikeKey(const std::string& key) {
    return key.find_first_of("0123456789") != std::string::npos && key.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
}
}  // namespace

// SQLite, words only (plus organ, type, secrecy): everything is answered by the FTS5 index —
// counts and pages — and only the page's rows are read. Same order as the general path:
// documents carrying the words as typed first, then the others, newest (highest id) first.
std::optional<SearchResult> Store::Impl::searchIndexOnly(const Query& q) {
    if (backend != Backend::Sqlite || q.text.empty() || !q.code.empty() || !q.issuer.empty() || !q.signer.empty() ||
        !q.from.empty() || !q.to.empty() || q.registerId != 0 || codeLikeKey(model::searchKey(q.text)))
        return std::nullopt;
    const auto folded = tokens(text::fold(q.text));
    const auto typed = tokens(text::toLower(text::nfc(q.text)));
    if (folded.empty() || typed.empty()) return SearchResult{};
    std::string base = "(folded : (" + quotedTokens(folded) + "))";
    if (q.organId) base += " AND (tags : \"o" + std::to_string(*q.organId) + "\")";
    if (!q.type.empty()) base += " AND (tags : \"" + typeTag(q.type) + "\")";
    if (!q.includeSecret) base = "(" + base + ") NOT (tags : \"secret\")";
    const std::string exact = "exact : (" + quotedTokens(typed) + ")";
    const std::string first = "(" + base + ") AND (" + exact + ")";
    const std::string rest = "(" + base + ") NOT (" + exact + ")";
    Session s = read();
    auto count = [&](const std::string& m) { return query(s, "SELECT COUNT(*) FROM doc_fts WHERE doc_fts MATCH $1", {m}).i(0, 0); };
    auto ids = [&](const std::string& m, std::int64_t limit, std::int64_t offset) {
        const Rows r = query(s, "SELECT rowid FROM doc_fts WHERE doc_fts MATCH $1 ORDER BY rowid DESC LIMIT $2 OFFSET $3", {m, limit, offset});
        std::vector<Id> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.i(i, 0));
        return out;
    };
    SearchResult out;
    out.total = count(base);
    const std::int64_t size = std::clamp(q.pageSize, 1, 100), offset = std::int64_t(std::max(1, q.page) - 1) * size;
    const std::int64_t nFirst = count(first);
    std::vector<Id> page;
    if (offset < nFirst) page = ids(first, size, offset);
    if (std::int64_t(page.size()) < size) {
        const auto more = ids(rest, size - std::int64_t(page.size()), std::max<std::int64_t>(0, offset - nFirst));
        page.insert(page.end(), more.begin(), more.end());
    }
    for (Id id : page) {
        const Rows r = query(s, "SELECT id, code, subject, type, issue_date, status FROM documents WHERE id = $1", {id});
        if (!r.empty()) out.items.push_back(SearchHit{r.i(0, 0), r.s(0, 1), r.s(0, 2), r.s(0, 3), r.s(0, 4), r.s(0, 5)});
    }
    return out;
}

SearchResult Store::search(const Query& q) const {
    return guarded([&] {
        if (auto fast = impl_->searchIndexOnly(q)) return *fast;
        const bool pg = impl_->backend == Backend::Postgres;
        std::string where = " WHERE 1 = 1";
        Params params;
        auto add = [&](const std::string& sqlWithN, Value v) {
            params.push_back(std::move(v));
            std::string s = sqlWithN;
            const auto pos = s.find("$N");
            s.replace(pos, 2, "$" + std::to_string(params.size()));
            where += s;
        };
        if (q.organId) add(" AND d.organ_id = $N", *q.organId);
        if (!q.includeSecret) where += " AND d.secret = 0";
        if (!q.code.empty()) add(" AND d.code_key = $N", model::searchKey(q.code));
        if (!q.type.empty()) add(" AND d.type = $N", q.type);
        if (!q.issuer.empty()) add(" AND d.issuer_abbr = $N", q.issuer);
        if (!q.signer.empty()) add(" AND d.signer_folded LIKE $N", "%" + text::fold(q.signer) + "%");
        if (!q.from.empty()) add(" AND d.issue_date <> '' AND d.issue_date >= $N", q.from);
        if (!q.to.empty()) add(" AND d.issue_date <> '' AND d.issue_date <= $N", q.to);
        if (q.registerId) add(" AND d.register_id = $N", q.registerId);

        std::string rank = "0";
        Params rankParams;
        if (!q.text.empty()) {
            const auto toks = tokens(text::fold(q.text));
            const std::string key = model::searchKey(q.text);
            const bool codeLike = codeLikeKey(key);
            if (toks.empty() && !codeLike) return SearchResult{};
            std::string ftsCond = "1 = 0";
            if (!toks.empty()) {
                std::string match;
                for (const auto& t : toks) {
                    if (pg) match += (match.empty() ? "" : " & ") + t;
                    else match += (match.empty() ? "" : " ") + ("\"" + t + "\"");
                }
                if (!pg) match = "folded : (" + match + ")";
                params.push_back(match);
                const std::string n = "$" + std::to_string(params.size());
                ftsCond = pg ? "to_tsvector('simple', d.folded) @@ to_tsquery('simple', " + n + ")"
                             : "d.id IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH " + n + ")";
            }
            if (codeLike) {
                params.push_back(key);
                ftsCond += " OR d.code_key = $" + std::to_string(params.size());
            }
            where += " AND (" + ftsCond + ")";
            // Rank: a code match first (2), then documents carrying every word with the diacritics as
            // typed (1), then the rest; within a rank the newest (highest id) first.
            const auto typed = tokens(text::toLower(text::nfc(q.text)));
            const std::size_t base = params.size();
            std::size_t k = 0;
            if (codeLike) {
                rankParams.push_back(key);
                rank += " + (CASE WHEN d.code_key = $" + std::to_string(base + ++k) + " THEN 2 ELSE 0 END)";
            }
            if (!typed.empty()) {
                if (pg) {
                    std::string all;
                    for (const auto& w : typed) {
                        if (k > 32) break;
                        rankParams.push_back(w);
                        all += std::string(all.empty() ? "" : " AND ") + "strpos(d.lowered, $" + std::to_string(base + ++k) + ") > 0";
                    }
                    rank += " + (CASE WHEN " + all + " THEN 1 ELSE 0 END)";
                } else {
                    std::string exact;
                    for (const auto& w : typed) exact += (exact.empty() ? "" : " ") + ("\"" + w + "\"");
                    rankParams.push_back("exact : (" + exact + ")");
                    rank += " + (CASE WHEN d.id IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH $" + std::to_string(base + ++k) +
                            ") THEN 1 ELSE 0 END)";
                }
            }
        }
        Session s = impl_->read();
        SearchResult out;
        out.total = query(s, "SELECT COUNT(*) FROM documents d" + where, params).i(0, 0);
        const int pageSize = std::clamp(q.pageSize, 1, 100);
        const int page = std::max(1, q.page);
        Params all = params;
        for (auto& p : rankParams) all.push_back(p);
        all.push_back(std::int64_t(pageSize));
        all.push_back(std::int64_t(page - 1) * pageSize);
        const std::string n1 = "$" + std::to_string(all.size() - 1), n2 = "$" + std::to_string(all.size());
        // SQLite numbers "$n" parameters in order of appearance, not by n: every statement keeps
        // its placeholders in ascending order in the text, so the rank goes after the WHERE.
        const Rows r = query(s, "SELECT d.id, d.code, d.subject, d.type, d.issue_date, d.status FROM documents d" + where +
                                    " ORDER BY " + (rank == "0" ? std::string() : "(" + rank + ") DESC, ") + "d.id DESC LIMIT " + n1 + " OFFSET " + n2,
                             all);
        for (std::size_t i = 0; i < r.size(); ++i)
            out.items.push_back(SearchHit{r.i(i, 0), r.s(i, 1), r.s(i, 2), r.s(i, 3), r.s(i, 4), r.s(i, 5)});
        return out;
    });
}

void Store::optimize() {
    guarded([&] {
        if (impl_->backend == Backend::Sqlite) {
            Impl::Tx tx(*impl_);
            exec(tx.s(), "INSERT INTO doc_fts (doc_fts) VALUES ('optimize')");
            tx.commit();
            Session s = impl_->read();
            query(s, "PRAGMA optimize");
        } else {
            Session s = impl_->read();
            exec(s, "ANALYZE");
        }
        return 0;
    });
}

std::vector<RegisterEntry> Store::entries(Id registerId, int year) const {
    return guarded([&] {
        Session s = impl_->read();
        const Rows r = query(s,
            "SELECT e.number, e.series, d.id, d.code, d.issue_date, d.type, d.subject, d.signer, d.recipients,"
            " d.archive_units, d.copies, d.recalled FROM register_entries e JOIN documents d ON d.id = e.document_id"
            " WHERE e.register_id = $1 AND e.year = $2 ORDER BY e.series, e.number",
            {registerId, std::int64_t(year)});
        std::vector<RegisterEntry> out;
        for (std::size_t i = 0; i < r.size(); ++i) {
            RegisterEntry e;
            e.number = int(r.i(i, 0));
            e.series = r.s(i, 1);
            e.documentId = r.i(i, 2);
            e.code = r.s(i, 3);
            const std::string iso = r.s(i, 4);
            e.issueDate = iso.size() == 10 ? iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4) : iso;
            const auto t = model::typeFromKey(r.s(i, 5));
            e.typeAndSubject = (t ? std::string(model::info(*t).name) + ": " : std::string()) + r.s(i, 6);
            e.signer = r.s(i, 7);
            e.recipients = r.s(i, 8);
            e.archiveUnit = r.s(i, 9);
            e.copies = int(r.i(i, 10));
            if (r.i(i, 11) != 0) e.note = "Đã thu hồi";
            out.push_back(std::move(e));
        }
        // Corrections (đính chính) are noted on the corrected entry.
        for (auto& e : out)
            for (const auto& rel : relations(e.documentId))
                if (rel.kind == "corrects" && rel.to == e.documentId) {
                    const auto by = document(rel.from);
                    if (by.ok()) e.note += std::string(e.note.empty() ? "" : "; ") + "Đính chính bởi " + (by->code.empty() ? "#" + std::to_string(by->id) : by->code);
                }
        return out;
    });
}

std::string Store::putArtifact(Id documentId, const std::string& kind, const std::string& mediaType, const std::string& bytes) {
    const std::string sha = sha256Hex(bytes);
    return guarded([&] {
        Impl::Tx tx(*impl_);
        exec(tx.s(), "INSERT INTO artifacts (sha256, media_type, size, data) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
             {sha, mediaType, std::int64_t(bytes.size()), base64(bytes)});
        exec(tx.s(), "DELETE FROM document_artifacts WHERE document_id = $1 AND kind = $2", {documentId, kind});
        exec(tx.s(), "INSERT INTO document_artifacts (document_id, kind, sha256) VALUES ($1, $2, $3)", {documentId, kind, sha});
        impl_->audit(tx, "system", "artifact.put", documentId, kind + " " + sha);
        tx.commit();
        return sha;
    });
}

std::optional<std::string> Store::artifact(Id documentId, const std::string& kind) const {
    return guarded([&]() -> std::optional<std::string> {
        Session s = impl_->read();
        Rows r = query(s, "SELECT a.data, a.sha256 FROM document_artifacts l JOIN artifacts a ON a.sha256 = l.sha256"
                          " WHERE l.document_id = $1 AND l.kind = $2", {documentId, kind});
        if (r.empty()) return std::nullopt;
        std::string bytes = unbase64(r.take(0, 0));
        if (sha256Hex(bytes) != r.s(0, 1)) return std::nullopt;  // damaged: render again
        return bytes;
    });
}

AuditReport Store::verifyAudit() const {
    return guarded([&] {
        Session s = impl_->read();
        AuditReport rep;
        const Rows r = query(s, "SELECT id, at, actor, action, document_id, detail, prev_hash, hash FROM audit_log ORDER BY id");
        std::string prev;
        std::int64_t expect = 1;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const std::int64_t id = r.i(i, 0);
            ++rep.rows;
            auto bad = [&](std::string what) {
                rep.firstBadRow = id;
                rep.problem = std::move(what);
            };
            if (id != expect) { bad("row " + std::to_string(expect) + " is missing"); rep.firstBadRow = expect; return rep; }
            if (r.s(i, 6) != prev) { bad("prev_hash does not match the previous row"); return rep; }
            const std::string h = Impl::chainHash(id, r.s(i, 1), r.s(i, 2), r.s(i, 3), r.i(i, 4), r.s(i, 5), prev);
            if (h != r.s(i, 7)) { bad("hash does not match the row's content"); return rep; }
            prev = h;
            ++expect;
        }
        const Rows head = query(s, "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
        if (head.i(0, 0) != expect - 1 || head.s(0, 1) != prev) {
            rep.firstBadRow = expect;
            rep.problem = "the chain ends before its recorded head (rows removed at the end)";
        }
        return rep;
    });
}

std::int64_t Store::auditCount() const {
    return guarded([&] {
        Session s = impl_->read();
        return query(s, "SELECT COUNT(*) FROM audit_log").i(0, 0);
    });
}

void Store::resetForTest(const std::string& url) {
    if (url.rfind("sqlite:", 0) == 0) {
        const std::string path = url.substr(7);
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        return;
    }
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
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

void Store::executeForTest(const std::string& sql) {
    guarded([&] {
        Session s = impl_->read();
        exec(s, sql);
        return 0;
    });
}

// ---- register export --------------------------------------------------------------------

const std::vector<std::string>& registerHeadings() {
    static const std::vector<std::string> h = {
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
        "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"};
    return h;
}

std::vector<std::string> registerCells(const RegisterEntry& e) {
    return {e.code, e.issueDate, e.typeAndSubject, e.signer, e.recipients, e.archiveUnit, e.copies ? std::to_string(e.copies) : "",
            "", "", e.note};
}

}  // namespace vanthu::store
