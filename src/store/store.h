// store/store.h: the archive — organs, users, registers and numbering, documents, relations,
// artifacts, search and the audit log — on SQLite or PostgreSQL through Poco::Data.
//
// One schema and one set of SQL texts with $n placeholders serve both back ends; only the DDL of
// ids, the full-text index and the transaction opener differ (store/schema.cpp, store/session.cpp).
// Which file holds which part: src/store/README.md.
// Migrations are versioned and run at open().
//
// Numbering (decree-30-2020.md §4, §9): a number is assigned when a document is issued, in the
// same transaction that writes its register entry and its audit row. The series row is locked
// first (SQLite: BEGIN IMMEDIATE, one writer at a time; PostgreSQL: SELECT … FOR UPDATE), so a
// number is never handed out twice; it is written only if the whole transaction commits, so a
// crash never leaves a gap (the guarantee in full: store/numbering.h). Series: per register and
// calendar year of the issue date, keyed by
//   "mat"            secret documents (any type),
//   "qppl:<abbr>"    each legal-normative type (code carries the year: 14/2024/QĐ-UBND),
//   "all"            the register's shared series (scope "shared"), or
//   "type:<abbr>"    one per type (scope "per-type").
// Advisory bodies (Hội đồng, Ban, Tổ) get their own register (kind "advisory"), hence their own
// series.
//
// Thread-safety: a Store may be used from any number of threads at once (a session pool inside).
// Expected failures come back as Result errors (NotFound, Conflict, InvalidInput…); a lost
// database throws Failure(Errc::Storage).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/digest.h"
#include "core/error.h"
#include "core/result.h"
#include "model/document.h"
#include "model/lifecycle.h"
#include "store/sql.h"

namespace vanthu::store {

using Id = std::int64_t;
using Clock = std::function<std::chrono::sys_seconds()>;

enum class Backend { Sqlite, Postgres };

struct OpenOptions {
    // "sqlite:PATH" (a file; ":memory:" is refused: pooled sessions would not share it),
    // "postgresql://user@host:port/db" or a libpq "host=… port=… dbname=…" string.
    std::string url;
    Clock clock;                // injected; default: the system clock
    std::size_t maxSessions = 32;
    // SQLite: the database file may not grow beyond this (0 = as far as the disk allows); a write
    // beyond it fails as a full disk does (store::detail::DiskFull, a Failure(Storage)).
    std::uint64_t maxDatabaseBytes = 0;
};

enum class Role { Viewer, Drafter, Signer, Clerk, Admin };
std::string_view roleName(Role r);
std::optional<Role> roleFromName(std::string_view s);

struct Organ {
    Id id = 0;
    std::string abbreviation;  // "BTP", unique
    std::string name;          // "BỘ TƯ PHÁP"
};

struct User {
    Id id = 0;
    std::string name;
    Role role = Role::Viewer;
    Id organId = 0;
    bool cleared = false;  // may see secret documents
};

struct NewUser {
    std::string name;
    Role role = Role::Viewer;
    Id organId = 0;
    bool cleared = false;
    std::string login;         // "" : no desk sign-in
    std::string passwordHash;  // an Argon2id encoded hash (service/accounts.h)
};

struct Credentials {
    User user;
    std::string passwordHash;  // "" when no password was set
    int failedSignIns = 0;
    std::int64_t lockedUntil = 0;  // unix seconds; 0: not locked
    bool disabled = false;
};

struct DeskSession {
    User user;
    std::string csrf;  // the token every form of this session carries
};

struct Register {
    Id id = 0;
    Id organId = 0;
    std::string name;
    std::string kind = "outgoing";  // "outgoing" | "advisory"
    std::string scope = "shared";   // "shared" | "per-type"
};

// The lifecycle is a model rule (model/lifecycle.h); the store keeps the status as its name.
using Status = model::DocumentStatus;
using model::statusName;

struct DocumentRecord {
    Id id = 0;
    Id organId = 0;
    Id registerId = 0;  // 0 until issued
    Status status = Status::Draft;
    std::string type;   // model key "quyet-dinh"
    bool secret = false;
    bool legalNormative = false;
    int number = 0;     // 0 until issued
    int year = 0;       // calendar year of the issue date (0 on a draft)
    std::string series;
    std::string notation;
    std::string code;   // "1020/QĐ-BTP", "14/2024/QĐ-UBND"; "" on a draft
    std::string issueDate;  // "YYYY-MM-DD"; "" on a draft
    std::string subject;
    std::string signer;
    std::string issuer;
    std::string recipients;  // "; "-joined, for the register's column 5
    std::string xml;         // the full document as submitted
};

struct Relation {
    Id from = 0;
    Id to = 0;
    std::string kind;  // model::relationKey: "corrects", "replaces", "revokes"… (model/lifecycle.h)
    std::string note;
};

struct IssueRequest {
    Id registerId = 0;                  // 0: the organ's default outgoing register
    std::optional<model::Date> date;    // default: today (the injected clock)
    // Runs inside the issue transaction, after numbering, before commit (the outbox rows of
    // store/exchange_store.h); a throw rolls the whole issue back.
    std::function<void(Sql&, const DocumentRecord&)> withinTransaction;
};

// Results: a code match first, then documents carrying every typed word with its diacritics,
// then the rest (matched after folding: marks removed, đ→d, lower case); newest (highest id) first
// within each group. SQLite answers words + organ + type + secrecy from the FTS5 index alone.
struct Query {
    std::string text;      // full text (folded); also matched as a code
    std::string code;      // any spelling
    std::string type, issuer, signer, from, to;  // from/to "YYYY-MM-DD"
    std::string status;    // "draft", "issued"… (model::statusName); "" : any
    Id registerId = 0;
    std::optional<Id> organId;  // restrict to one organ (non-admin users)
    bool includeSecret = false;
    int page = 1;
    int pageSize = 20;
};

struct SearchHit {
    Id id = 0;
    std::string code, subject, type, issueDate, status;
};

struct SearchResult {
    std::int64_t total = 0;
    std::vector<SearchHit> items;
};

// One line of the outgoing register (Sổ đăng ký văn bản đi, decree-30-2020.md §6).
struct RegisterEntry {
    int number = 0;
    std::string series;
    Id documentId = 0;
    std::string code, issueDate, typeAndSubject, signer, recipients, archiveUnit, note;
    int copies = 0;
};

struct AuditReport {
    std::int64_t rows = 0;
    std::int64_t firstBadRow = 0;  // 0 when the chain verifies
    std::string problem;
    bool ok() const { return firstBadRow == 0; }
};

// What a store holds, for checking a backup against its source.
struct Census {
    std::int64_t organs = 0, users = 0, documents = 0, issued = 0, artifacts = 0, auditRows = 0, deliveries = 0,
                 incoming = 0;
    bool operator==(const Census&) const = default;
};

class Store {
public:
    static std::unique_ptr<Store> open(const OpenOptions& options);  // runs migrations
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    Backend backend() const;
    int schemaVersion() const;

    // Organs and users.
    Organ ensureOrgan(const std::string& abbreviation, const std::string& name);
    std::optional<Organ> organByAbbreviation(const std::string& abbreviation) const;
    std::optional<Organ> organ(Id id) const;
    // Returns the new token (shown once; only its SHA-256 is stored).
    std::string addUser(const std::string& name, Role role, Id organId, bool cleared);
    std::optional<User> authenticate(const std::string& token) const;

    // Sign-in (store/sign_in.cpp): logins, password hashes, failed attempts, desk sessions. The
    // rules (how many failures lock an account, for how long, how a password is hashed) are the
    // service's (service/accounts.h); the store keeps the rows and reads its clock.
    // A user with a login (unique; Conflict when taken) and a password hash; returns the API token.
    Result<std::string> addUser(const NewUser& user);
    std::optional<Credentials> credentials(const std::string& login) const;
    std::int64_t unixNow() const;  // the injected clock, in seconds
    // Counts a failed sign-in; the `maxFailures`-th locks the account for `lockSeconds` (and
    // resets the count). True when this failure locked it.
    bool recordSignInFailure(Id userId, int maxFailures, std::int64_t lockSeconds);
    void recordSignInSuccess(Id userId);
    void createSession(const std::string& tokenHash, Id userId, const std::string& csrf, std::int64_t ttlSeconds);
    // An unexpired session of a user who is not disabled.
    std::optional<DeskSession> session(const std::string& tokenHash) const;
    void endSession(const std::string& tokenHash);
    void setDisabled(Id userId, bool disabled, const std::string& actor);
    struct UserRow {
        User user;
        std::string login;  // "" : API only
        bool disabled = false;
        bool locked = false;  // locked out now (store clock)
    };
    std::vector<UserRow> users() const;
    // A new password hash for `login` (and the lock and failure count cleared); false when no
    // user has that login.
    bool setPassword(const std::string& login, const std::string& passwordHash, const std::string& actor);

    // Registers. The first outgoing register of an organ is created on demand ("Sổ văn bản đi").
    Result<Register> createRegister(Id organId, const std::string& name, const std::string& kind,
                                    const std::string& scope, const std::string& actor);
    Register defaultRegister(Id organId);
    std::optional<Register> registerById(Id id) const;
    std::vector<Register> registers(std::optional<Id> organId) const;

    // Documents. `doc` is what the input module read from `xml`.
    Result<DocumentRecord> createDraft(Id organId, const std::string& xml, const model::Document& doc,
                                       const std::string& actor);
    Result<DocumentRecord> updateDraft(Id id, const std::string& xml, const model::Document& doc,
                                       const std::string& actor);
    // An already-issued document with its own number; Conflict when (number, notation) is taken
    // for that organ and year, or the register already holds that number.
    Result<DocumentRecord> importIssued(Id organId, Id registerId, const std::string& xml,
                                        const model::Document& doc, const std::string& actor);
    Result<DocumentRecord> document(Id id) const;
    Result<DocumentRecord> issue(Id id, const IssueRequest& request, const std::string& actor);
    // distributed / archived / recalled; Conflict for a transition the lifecycle forbids.
    // `withinTransaction` runs before commit with the new record (the take-back rows of a recall,
    // store/exchange_store.h); a throw rolls the change back.
    Result<DocumentRecord> setStatus(Id id, Status to, const std::string& actor, const std::string& note = "",
                                     const std::function<void(Sql&, const DocumentRecord&)>& withinTransaction = {});
    Result<Relation> addRelation(const Relation& r, const std::string& actor);
    std::vector<Relation> relations(Id id) const;

    SearchResult search(const Query& q) const;
    // Merges the full-text index (SQLite FTS5 'optimize') and refreshes planner statistics; run it
    // after a bulk import. Safe while serving.
    void optimize();

    std::vector<RegisterEntry> entries(Id registerId, int year) const;

    // Artifacts: bytes stored once per SHA-256, linked to a document under a kind ("docx").
    std::string putArtifact(Id documentId, const std::string& kind, const std::string& mediaType,
                            const std::string& bytes);
    std::optional<std::string> artifact(Id documentId, const std::string& kind) const;

    // The audit log: append-only, each row's hash covers its fields and the previous hash.
    AuditReport verifyAudit() const;
    std::int64_t auditCount() const;

    // Backups (store/backup.cpp). census(): the counts, in one read.
    Census census() const;
    // SQLite only: a consistent copy of the whole database into the new file `path`, taken while
    // others write (VACUUM INTO). Failure(InvalidInput) on PostgreSQL or when `path` exists.
    void copyTo(const std::string& path) const;
    // PostgreSQL only: runs `body` while a repeatable-read snapshot is held and exported, with the
    // census as of that snapshot; `pg_dump --snapshot=ID` inside `body` dumps exactly that state.
    void withExportedSnapshot(const std::function<void(const std::string& snapshotId, const Census&)>& body) const;

    // store/migrate.cpp: every row of a SQLite store into an empty PostgreSQL one, ids kept, in
    // one transaction on the target (stop the service first). Failure(InvalidInput) for another
    // direction, different schema versions or a target that is not empty.
    static void copyArchive(const Store& from, Store& to);

    // Removes every table (PostgreSQL: the public schema) or the SQLite file: tests start empty.
    static void resetForTest(const std::string& url);

    // Extensions of the store (store/exchange_store.h): `body` runs in one write transaction
    // (committed when it returns, rolled back when it throws), or on a read session.
    void transaction(const std::function<void(Sql&)>& body);
    void read(const std::function<void(Sql&)>& body) const;

    // Raw SQL for tests and tools (tampering tests, benchmarks); not for request handling.
    void executeForTest(const std::string& sql);

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The 10 columns of the outgoing register, with the Vietnamese headings of decree-30-2020.md §6,
// as text cells: the rows of a compose::RegisterSheet, which prints the book and writes its CSV
// (compose::registerSheetCsv).
std::vector<std::string> registerCells(const RegisterEntry& e);  // one row, the columns of registerHeadings()
const std::vector<std::string>& registerHeadings();

using vanthu::sha256Hex;  // core/digest.h (OpenSSL's SHA-256)

}  // namespace vanthu::store
