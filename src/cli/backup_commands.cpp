// vanthu backup | restore (cli/backup_commands.h).
//
// SQLite: VACUUM INTO gives a consistent copy while the service writes (a plain `cp` of the file
// misses what is still in the WAL). PostgreSQL: pg_dump in the custom format, sharing a snapshot
// the store exports, so the counts we print are exactly what the dump holds. Every backup is
// verified before it takes its name: a SQLite copy is opened, counted and its audit chain checked;
// a dump is listed by pg_restore. A restore is checked the same way after it is written.
#include "cli/backup_commands.h"

#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "core/error.h"
#include "store/store.h"

namespace vanthu::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: vanthu backup [--db sqlite:PATH | --db postgresql://…] -o FILE\n"
    "       vanthu restore --from FILE [--db sqlite:PATH | --db postgresql://…] [--force]\n"
    "  backup: a consistent copy while the service runs (SQLite: a database file; PostgreSQL: a\n"
    "  pg_dump custom-format file), verified before it is named FILE. restore: FILE back into the\n"
    "  database; an existing archive is replaced only with --force (stop the service first).\n"
    "       vanthu migrate --from sqlite:PATH --to postgresql://…\n"
    "  migrate: the whole archive from SQLite into a new, empty PostgreSQL database (stop the service).\n";

constexpr const char* kDefaultDb = "sqlite:var/vanthu.db";

bool isSqlite(const std::string& url) { return url.rfind("sqlite:", 0) == 0; }
std::string sqlitePath(const std::string& url) { return url.substr(7); }

struct ProgramRun {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

// Runs a program (no shell: arguments go as they are), waiting for it.
ProgramRun runProgram(const std::string& program, const std::vector<std::string>& args) {
    Poco::Pipe outPipe;
    ProgramRun run;
    try {
        Poco::ProcessHandle h = Poco::Process::launch(program, args, nullptr, &outPipe, &outPipe);
        outPipe.close(Poco::Pipe::CLOSE_WRITE);
        Poco::PipeInputStream in(outPipe);
        run.output.assign(std::istreambuf_iterator<char>(in), {});
        run.exitCode = h.wait();
    } catch (const Poco::Exception& e) {
        throw Failure(Errc::Internal, "cannot run " + program + " (package postgresql-client): " + e.displayText());
    }
    return run;
}

std::string fileMagic(const std::string& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), std::streamsize(n));
    head.resize(std::size_t(in.gcount()));
    return head;
}

void printCensus(std::ostream& out, const std::string& what, const store::Census& c, std::int64_t auditRows) {
    out << what << ": " << c.documents << " documents (" << c.issued << " issued), " << c.artifacts << " artifacts, "
        << c.deliveries << " deliveries, " << c.incoming << " incoming, " << c.organs << " organs, " << c.users
        << " users; audit log " << auditRows << " rows, chain verified\n";
}

void removeSqliteFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// Opens a SQLite file as a store (its migrations bring an older backup up to date), counts it and
// checks the audit chain; the census, or a Failure saying what is wrong.
store::Census verifiedSqlite(const std::string& path) {
    auto copy = store::Store::open(store::OpenOptions{"sqlite:" + path, {}, 2});
    const auto census = copy->census();
    const auto audit = copy->verifyAudit();
    if (!audit.ok())
        throw Failure(Errc::InvalidInput, "the audit chain of " + path + " is broken at row " +
                                              std::to_string(audit.firstBadRow) + ": " + audit.problem);
    return census;
}

void syncFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return;
    ::fsync(fileno(f));
    std::fclose(f);
}

// A part file beside the target: renamed into place only once it is verified.
std::string partPath(const std::string& target) { return target + ".part-" + std::to_string(::getpid()); }

int backupSqlite(const std::string& url, const std::string& target, std::ostream& out) {
    const std::string part = partPath(target);
    removeSqliteFiles(part);
    try {
        store::Store::open(store::OpenOptions{url, {}, 2})->copyTo(part);
        const auto census = verifiedSqlite(part);
        fs::remove(part + "-wal");
        fs::remove(part + "-shm");
        syncFile(part);
        fs::rename(part, target);
        printCensus(out, "backup " + target, census, census.auditRows);
    } catch (...) {
        removeSqliteFiles(part);
        throw;
    }
    return kExitOk;
}

// pg_restore --list names a TABLE DATA entry for each table that has rows to restore.
bool dumpListsTable(const std::string& listing, const std::string& table) {
    return listing.find(" TABLE DATA ") != std::string::npos &&
           listing.find(" " + table + " ") != std::string::npos;
}

int backupPostgres(const std::string& url, const std::string& target, std::ostream& out, std::ostream& err) {
    const std::string part = partPath(target);
    fs::remove(part);
    auto store = store::Store::open(store::OpenOptions{url, {}, 2});
    store::Census census;
    ProgramRun dump;
    store->withExportedSnapshot([&](const std::string& snapshot, const store::Census& c) {
        census = c;
        dump = runProgram("pg_dump", {"--format=custom", "--no-owner", "--snapshot=" + snapshot, "--file=" + part,
                                      "--dbname=" + url});
    });
    if (dump.exitCode != 0) {
        fs::remove(part);
        err << "vanthu: pg_dump failed (exit " << dump.exitCode << "): " << dump.output;
        return kExitFault;
    }
    const auto list = runProgram("pg_restore", {"--list", part});
    for (const char* table : {"documents", "audit_log", "artifacts", "organs"})
        if (list.exitCode != 0 || !dumpListsTable(list.output, table)) {
            fs::remove(part);
            err << "vanthu: the dump does not list the table " << table << " (pg_restore --list exit " << list.exitCode
                << ")\n";
            return kExitFault;
        }
    // The audit log is append-only: the dump's rows are a prefix of the live log, so a live chain
    // that verifies now vouches for the dumped one.
    const auto audit = store->verifyAudit();
    if (!audit.ok()) {
        fs::remove(part);
        err << "vanthu: the audit chain is broken at row " << audit.firstBadRow << ": " << audit.problem << "\n";
        return kExitFault;
    }
    syncFile(part);
    fs::rename(part, target);
    printCensus(out, "backup " + target, census, census.auditRows);
    return kExitOk;
}

int restoreSqlite(const std::string& from, const std::string& url, bool force, std::ostream& out) {
    const std::string target = sqlitePath(url);
    if (fs::exists(target) && !force)
        throw Failure(Errc::InvalidInput, "the database " + target +
                                              " exists: stop the service and pass --force to replace it (cơ sở dữ liệu "
                                              "đã có: dừng dịch vụ rồi dùng --force để thay)");
    if (!fs::path(target).parent_path().empty()) fs::create_directories(fs::path(target).parent_path());
    const std::string part = partPath(target);
    removeSqliteFiles(part);
    try {
        fs::copy_file(from, part);
        const auto census = verifiedSqlite(part);
        fs::remove(part + "-wal");
        fs::remove(part + "-shm");
        syncFile(part);
        fs::remove(target + "-wal");  // a stale WAL would be replayed over the restored file
        fs::remove(target + "-shm");
        fs::rename(part, target);
        printCensus(out, "restored " + target, census, census.auditRows);
    } catch (...) {
        removeSqliteFiles(part);
        throw;
    }
    return kExitOk;
}

int restorePostgres(const std::string& from, const std::string& url, bool force, std::ostream& out, std::ostream& err) {
    {
        const auto before = store::Store::open(store::OpenOptions{url, {}, 2})->census();
        if (before.documents > 0 && !force)
            throw Failure(Errc::InvalidInput, "the database holds " + std::to_string(before.documents) +
                                                  " documents: stop the service and pass --force to replace them");
    }
    const auto run = runProgram("pg_restore", {"--clean", "--if-exists", "--no-owner", "--exit-on-error",
                                               "--single-transaction", "--dbname=" + url, from});
    if (run.exitCode != 0) {
        err << "vanthu: pg_restore failed (exit " << run.exitCode << "), nothing was changed: " << run.output;
        return kExitFault;
    }
    auto restored = store::Store::open(store::OpenOptions{url, {}, 2});
    const auto census = restored->census();
    const auto audit = restored->verifyAudit();
    if (!audit.ok()) {
        err << "vanthu: restored, but the audit chain is broken at row " << audit.firstBadRow << ": " << audit.problem << "\n";
        return kExitFault;
    }
    printCensus(out, "restored", census, census.auditRows);
    return kExitOk;
}

}  // namespace

int migrateCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parseOptions(args, 1, {"--from", "--to"}, {}, err);
    const std::string from = o ? optionValue(*o, "--from") : "", to = o ? optionValue(*o, "--to") : "";
    if (!o || !o->positional.empty() || !isSqlite(from) || to.empty() || isSqlite(to)) {
        err << kUsage;
        return kExitInvalid;
    }
    if (!fs::exists(sqlitePath(from))) {
        err << "vanthu: " << sqlitePath(from) << " does not exist (không có tệp cơ sở dữ liệu)\n";
        return kExitInvalid;
    }
    auto source = store::Store::open(store::OpenOptions{from, {}, 2});
    const auto before = source->census();
    if (const auto audit = source->verifyAudit(); !audit.ok()) {
        err << "vanthu: the source's audit chain is broken at row " << audit.firstBadRow << ": " << audit.problem
            << "; nothing was moved\n";
        return kExitFault;
    }
    auto target = store::Store::open(store::OpenOptions{to, {}, 2});
    store::Store::copyArchive(*source, *target);
    const auto after = source->census();
    const auto moved = target->census();
    if (after != before || moved != before) {
        err << "vanthu: the source changed during the move (the service was running?): drop the target database and "
               "move again with the service stopped\n";
        return kExitFault;
    }
    if (const auto audit = target->verifyAudit(); !audit.ok()) {
        err << "vanthu: moved, but the target's audit chain does not verify at row " << audit.firstBadRow << ": "
            << audit.problem << "\n";
        return kExitFault;
    }
    printCensus(out, "moved to PostgreSQL", moved, moved.auditRows);
    return kExitOk;
}

int backupCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parseOptions(args, 1, {"--db", "-o", "--output"}, {}, err);
    const std::string target = o ? optionValue(*o, "-o", optionValue(*o, "--output")) : "";
    if (!o || !o->positional.empty() || target.empty()) {
        err << kUsage;
        return kExitInvalid;
    }
    if (fs::exists(target)) {
        err << "vanthu: " << target << " exists already; a backup never overwrites one (tệp sao lưu đã có)\n";
        return kExitInvalid;
    }
    const std::string url = optionValue(*o, "--db", kDefaultDb);
    return isSqlite(url) ? backupSqlite(url, target, out) : backupPostgres(url, target, out, err);
}

int restoreCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parseOptions(args, 1, {"--db", "--from"}, {"--force"}, err);
    const std::string from = o ? optionValue(*o, "--from") : "";
    if (!o || !o->positional.empty() || from.empty()) {
        err << kUsage;
        return kExitInvalid;
    }
    const std::string url = optionValue(*o, "--db", kDefaultDb);
    const bool force = o->flags.count("--force") > 0;
    const std::string magic = fileMagic(from, 16);
    const bool sqliteFile = magic == std::string("SQLite format 3\0", 16);
    const bool pgDump = magic.rfind("PGDMP", 0) == 0;
    if (isSqlite(url) ? !sqliteFile : !pgDump) {
        err << "vanthu: " << from << " is not a " << (isSqlite(url) ? "SQLite database" : "pg_dump custom-format file")
            << (sqliteFile || pgDump ? " (it is a backup of the other back end: vanthu migrate moves between them)" : "")
            << " (tệp không phải bản sao lưu của cơ sở dữ liệu này)\n";
        return kExitInvalid;
    }
    return isSqlite(url) ? restoreSqlite(from, url, force, out) : restorePostgres(from, url, force, out, err);
}

}  // namespace vanthu::cli
