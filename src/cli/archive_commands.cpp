// vanthu serve | user add | audit verify: the archive from a shell (cli/archive_commands.h).
#include "cli/archive_commands.h"

#include <csignal>
#include <iostream>
#include <ostream>
#include <stdexcept>
#include <pthread.h>
#include <sys/resource.h>

#include "cli/backup_commands.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "core/error.h"
#include "core/digest.h"
#include "core/files.h"
#include "desk/desk.h"
#include "render/renderer.h"
#include "server/exchange.h"
#include "server/server.h"
#include "service/accounts.h"
#include "store/exchange_store.h"
#include "store/store.h"
#include "xml/parser.h"

namespace vanthu::cli {
namespace {

constexpr const char* kDefaultDb = "sqlite:var/vanthu.db";

constexpr const char* kArchiveUsage =
    "  vanthu serve [--db sqlite:PATH | --db postgresql://…] [--host 127.0.0.1] [--port 8080] [--load-samples]\n"
    "               [--max-body BYTES] [--log]                   run the HTTP service (JSON under /api/v1)\n"
    "               [--secure-cookies]                       and the clerk's desk at / (cookies Secure: behind TLS)\n"
    "               [--max-connections-per-address N] [--head-timeout-ms MS] [--body-timeout-ms MS]\n"
    "                                                        slow clients: 128, 5000, 30000 (N 0: no cap, behind a proxy)\n"
    "               [--directory agencies.xml] [--links FILE] [--receive-for ORGANID[,…]]\n"
    "               [--workers N] [--retry-base-ms MS] [--retry-max-ms MS] [--max-attempts N] [--lease-ms MS]\n"
    "               [--max-package BYTES]\n"
    "                                                        document exchange: outbox workers, POST /api/v1/edxml\n"
    "               [--axis-endpoint URL --axis-system-id ID --axis-secret-file FILE] [--axis-poll-ms MS]\n"
    "                                                        the national exchange axis: send and receive through it\n"
    "  vanthu deliveries [--db …] [--days N]                 deliveries not acknowledged (01 or later) after N days\n"
    "  vanthu user add --name N --role viewer|drafter|signer|clerk|admin --organ ABBR [--cleared] [--db …]\n"
    "               [--login L --password-file FILE|-]       create a user; the token is the last stdout line;\n"
    "                                                        with a login, a desk password: the first line of\n"
    "                                                        FILE, or of standard input for '-' (never an argument)\n"
    "  vanthu user passwd --login L --password-file FILE|- [--db …]\n"
    "                                                        a new desk password (clears a lock-out)\n"
    "  vanthu user list [--db …]                             users: id, login, role, organ, disabled/locked\n"
    "  vanthu user disable|enable --login L [--db …]         a disabled user cannot sign in or use a token\n"
    "  vanthu audit verify [--db …]                          check the audit log's hash chain (exit 4 if broken)\n"
    "  vanthu backup [--db …] -o FILE                        a verified copy while the service runs\n"
    "  vanthu restore --from FILE [--db …] [--force]         a backup back into the database\n"
    "  vanthu migrate --from sqlite:PATH --to postgresql://… the archive into a new PostgreSQL database\n";

using Options = cli::Options;

std::optional<Options> parse(const std::vector<std::string>& a, std::size_t from, const std::set<std::string>& valued,
                             const std::set<std::string>& flags, std::ostream& err) {
    return parseOptions(a, from, valued, flags, err);
}

std::string value(const Options& o, const std::string& k, const std::string& dflt = "") { return optionValue(o, k, dflt); }

// --axis-*: the national exchange axis, all three options together (or none). False after an
// error was written to `err`. The secret never goes on the command line (ps shows it): the first
// line of a file.
bool axisOptions(const Options& o, server::ExchangeOptions& ex, std::ostream& err) {
    if (!o.values.count("--axis-endpoint") && !o.values.count("--axis-system-id") && !o.values.count("--axis-secret-file")) return true;
    server::AxisOptions axis;
    axis.endpoint = value(o, "--axis-endpoint");
    axis.systemId = value(o, "--axis-system-id");
    while (!axis.endpoint.empty() && axis.endpoint.back() == '/') axis.endpoint.pop_back();
    if (axis.endpoint.empty() || axis.systemId.empty() || !o.values.count("--axis-secret-file")) {
        err << "vanthu: the national axis needs --axis-endpoint, --axis-system-id and --axis-secret-file together\n";
        return false;
    }
    std::string secret;
    try {
        secret = readFile(value(o, "--axis-secret-file"));
    } catch (const Failure& f) {
        err << "vanthu: --axis-secret-file: " << f.what() << "\n";
        return false;
    }
    axis.secret = secret.substr(0, secret.find_first_of("\r\n"));
    while (!axis.secret.empty() && (axis.secret.back() == ' ' || axis.secret.back() == '\t')) axis.secret.pop_back();
    if (axis.secret.empty()) {
        err << "vanthu: --axis-secret-file: the first line is empty\n";
        return false;
    }
    if (o.values.count("--axis-poll-ms")) axis.poll = std::chrono::milliseconds(std::stol(value(o, "--axis-poll-ms")));
    ex.axis = std::move(axis);
    return true;
}

// The front door's limits (server/front_door.h): per-address cap and the head and body deadlines.
bool connectionOptions(const Options& o, server::ServerOptions& so, std::ostream& err) {
    try {
        if (o.values.count("--max-connections-per-address")) {
            const long n = std::stol(value(o, "--max-connections-per-address"));
            if (n < 0) throw std::out_of_range("negative");
            so.maxConnectionsPerAddress = std::size_t(n);
        }
        if (o.values.count("--head-timeout-ms")) so.headTimeoutMs = std::stoi(value(o, "--head-timeout-ms"));
        if (o.values.count("--body-timeout-ms")) so.bodyTimeoutMs = std::stoi(value(o, "--body-timeout-ms"));
        if (so.headTimeoutMs <= 0 || so.bodyTimeoutMs <= 0) throw std::out_of_range("not positive");
    } catch (const std::exception&) {
        err << "vanthu: --max-connections-per-address wants a number (0 or more), --head-timeout-ms and --body-timeout-ms"
               " milliseconds (more than 0)\n";
        return false;
    }
    return true;
}

// Each held connection costs a descriptor: take the hard limit (the front door counts what it has).
void raiseOpenFileLimit() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= lim.rlim_max) return;
    lim.rlim_cur = lim.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &lim);
}

int serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 1, {"--db", "--host", "--port", "--max-body", "--directory", "--links", "--receive-for", "--workers",
                                   "--retry-base-ms", "--retry-max-ms", "--max-attempts", "--lease-ms", "--max-package", "--axis-endpoint",
                                   "--axis-system-id", "--axis-secret-file", "--axis-poll-ms", "--max-connections-per-address",
                                   "--head-timeout-ms", "--body-timeout-ms"},
                         {"--load-samples", "--log", "--secure-cookies"}, err);
    if (!o || !o->positional.empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    server::ServerOptions so;
    server::ExchangeOptions ex;
    so.host = value(*o, "--host", "127.0.0.1");
    try {
        so.port = std::stoi(value(*o, "--port", "8080"));
        if (o->values.count("--max-body")) so.maxBodyBytes = std::stoul(value(*o, "--max-body"));
        ex.outbox.workers = std::stoi(value(*o, "--workers", "2"));
        if (o->values.count("--retry-base-ms")) ex.outbox.policy.base = std::chrono::milliseconds(std::stol(value(*o, "--retry-base-ms")));
        if (o->values.count("--retry-max-ms")) ex.outbox.policy.max = std::chrono::milliseconds(std::stol(value(*o, "--retry-max-ms")));
        if (o->values.count("--max-attempts")) ex.outbox.policy.maxAttempts = std::stoi(value(*o, "--max-attempts"));
        if (o->values.count("--max-package")) ex.maxPackageBytes = std::stoul(value(*o, "--max-package"));
        if (o->values.count("--lease-ms")) ex.outbox.lease = std::chrono::milliseconds(std::stol(value(*o, "--lease-ms")));
        if (ex.outbox.policy.base.count() > 0 && ex.outbox.policy.base < ex.outbox.idle) ex.outbox.idle = ex.outbox.policy.base;
        if (!axisOptions(*o, ex, err)) return kExitInvalid;
    } catch (const std::exception&) {
        err << "vanthu: --port, --max-body, --workers, --retry-*-ms, --max-attempts and --axis-poll-ms want numbers\n";
        return kExitInvalid;
    }
    if (so.port < 0 || so.port > 65535) {
        err << "vanthu: --port must be 0–65535\n";
        return kExitInvalid;
    }
    if (!connectionOptions(*o, so, err)) return kExitInvalid;
    so.logRequests = o->flags.count("--log") > 0;
    raiseOpenFileLimit();

    // Block the stop signals in every thread (the server's threads inherit the mask), then wait
    // for one here: a clean stop on SIGINT/SIGTERM.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, std::size_t(so.maxThreads + 4)});
    if (o->flags.count("--load-samples")) {
        const int n = server::loadSamples(*store, (dataDir() / "samples").string());
        out << "vanthu: loaded " << n << " sample documents\n";
    }
    ex.directoryPath = value(*o, "--directory");
    ex.linksPath = value(*o, "--links");
    for (std::string ids = value(*o, "--receive-for"); !ids.empty();) {
        const auto comma = ids.find(',');
        ex.receiveFor.push_back(ids.substr(0, comma));
        ids = comma == std::string::npos ? "" : ids.substr(comma + 1);
    }
    auto renderer = render::sharedRenderer();  // one instance for the server and the outbox
    so.exchange = std::make_shared<server::Exchange>(*store, ex, renderer);
    desk::DeskOptions deskOptions{(dataDir() / "templates" / "desk").string(), o->flags.count("--secure-cookies") > 0};
    so.moreRoutes = [deskOptions](server::Router& router, server::Api& api) { desk::addDeskRoutes(router, api, deskOptions); };
    server::Server srv(*store, so, renderer);
    srv.start();
    so.exchange->start();
    out << "vanthu: listening on http://" << so.host << ":" << srv.port() << "/api/v1" << std::endl;
    out << "vanthu: the clerk's desk (bàn làm việc văn thư): http://" << so.host << ":" << srv.port() << "/" << std::endl;
    int sig = 0;
    sigwait(&stopSignals, &sig);
    out << "vanthu: stopping (signal " << sig << ")" << std::endl;
    so.exchange->stop();
    srv.stop();
    return kExitOk;
}

// Deliveries whose recipient has not acknowledged (no status 01 or later) after N days.
int deliveries(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 1, {"--db", "--days"}, {}, err);
    if (!o || !o->positional.empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    int days = 0;
    try {
        days = std::stoi(value(*o, "--days", "0"));
    } catch (const std::exception&) {
        err << "vanthu: --days wants a number\n";
        return kExitInvalid;
    }
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    const auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::vector<store::DeliveryRow> rows;
    store->read([&](store::Sql& sql) { rows = store::exchange::unacknowledged(sql, distribution::isoMs(nowMs - std::int64_t(days) * 86400000)); });
    out << "document\trecipient\torganId\tstate\tattempts\tcreated\tlast error\n";
    for (const auto& r : rows) {
        const auto doc = store->document(r.documentId);
        out << (doc.ok() ? doc.value().code : std::to_string(r.documentId)) << "\t" << r.recipientName << "\t" << r.recipientOrganId
            << "\t" << r.state << "\t" << r.attempts << "\t" << r.createdAt << "\t" << r.lastError << "\n";
    }
    out << rows.size() << " not acknowledged" << (days ? " after " + std::to_string(days) + " days" : "") << "\n";
    return kExitOk;
}

// The first line of FILE, or of standard input for "-": a password never travels in argv (ps).
std::optional<std::string> readPassword(const std::string& source, std::ostream& err) {
    std::string text;
    if (source == "-") {
        std::getline(std::cin, text);
    } else {
        try {
            text = readFile(source);
        } catch (const Failure& f) {
            err << "vanthu: --password-file: " << f.what() << "\n";
            return std::nullopt;
        }
    }
    std::string line = text.substr(0, text.find_first_of("\r\n"));
    wipeSecret(text);
    return line;
}

std::optional<std::string> passwordHashFrom(const std::string& source, std::ostream& err) {
    auto password = readPassword(source, err);
    if (!password) return std::nullopt;
    auto hash = service::hashPassword(*password);
    wipeSecret(*password);
    if (!hash.ok()) {
        err << "vanthu: " << hash.error().messageEn << " (" << hash.error().messageVi << ")\n";
        return std::nullopt;
    }
    return hash.value();
}

int userAdd(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 2, {"--name", "--role", "--organ", "--db", "--organ-name", "--login", "--password-file"}, {"--cleared"}, err);
    if (!o || !o->positional.empty() || value(*o, "--name").empty() || value(*o, "--organ").empty() ||
        o->values.count("--login") != o->values.count("--password-file")) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    const auto role = store::roleFromName(value(*o, "--role", "viewer"));
    if (!role) {
        err << "vanthu: --role must be viewer, drafter, signer, clerk or admin\n";
        return kExitInvalid;
    }
    store::NewUser user{value(*o, "--name"), *role, 0, o->flags.count("--cleared") > 0, value(*o, "--login"), ""};
    if (o->values.count("--password-file")) {
        const auto hash = passwordHashFrom(value(*o, "--password-file"), err);
        if (!hash) return kExitInvalid;
        user.passwordHash = *hash;
    }
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    const std::string abbr = value(*o, "--organ");
    const auto organ = store->ensureOrgan(abbr, value(*o, "--organ-name", abbr));
    user.organId = organ.id;
    const auto token = store->addUser(user);
    if (!token.ok()) {
        err << "vanthu: " << token.error().messageEn << " (" << token.error().messageVi << ")\n";
        return kExitInvalid;
    }
    out << "user " << user.name << " (" << store::roleName(*role) << ", organ " << organ.abbreviation
        << (user.cleared ? ", cleared for secret documents" : "") << (user.login.empty() ? "" : ", desk login " + user.login)
        << ") created; API token:\n";
    out << token.value() << "\n";
    return kExitOk;
}

int userPasswd(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 2, {"--login", "--password-file", "--db"}, {}, err);
    if (!o || !o->positional.empty() || value(*o, "--login").empty() || !o->values.count("--password-file")) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    const auto hash = passwordHashFrom(value(*o, "--password-file"), err);
    if (!hash) return kExitInvalid;
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    if (!store->setPassword(value(*o, "--login"), *hash, "cli")) {
        err << "vanthu: no user has the login " << value(*o, "--login") << " (không có người dùng này)\n";
        return kExitInvalid;
    }
    out << "password of " << value(*o, "--login") << " changed\n";
    return kExitOk;
}

int userList(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 2, {"--db"}, {}, err);
    if (!o || !o->positional.empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    out << "id\tlogin\tname\trole\torgan\tstate\n";
    for (const auto& u : store->users()) {
        const auto organ = store->organ(u.user.organId);
        out << u.user.id << "\t" << (u.login.empty() ? "-" : u.login) << "\t" << u.user.name << "\t" << store::roleName(u.user.role) << "\t"
            << (organ ? organ->abbreviation : std::to_string(u.user.organId)) << "\t"
            << (u.disabled ? "disabled" : u.locked ? "locked" : "active") << "\n";
    }
    return kExitOk;
}

int userSetDisabled(const std::vector<std::string>& args, bool disabled, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 2, {"--login", "--db"}, {}, err);
    if (!o || !o->positional.empty() || value(*o, "--login").empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    const auto creds = store->credentials(value(*o, "--login"));
    if (!creds) {
        err << "vanthu: no user has the login " << value(*o, "--login") << " (không có người dùng này)\n";
        return kExitInvalid;
    }
    store->setDisabled(creds->user.id, disabled, "cli");
    out << value(*o, "--login") << (disabled ? " disabled" : " enabled") << "\n";
    return kExitOk;
}

int auditVerify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 2, {"--db"}, {}, err);
    if (!o || !o->positional.empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    const auto rep = store->verifyAudit();
    if (rep.ok()) {
        out << "audit: " << rep.rows << " rows, chain verified\n";
        return kExitOk;
    }
    err << "audit: chain broken at row " << rep.firstBadRow << ": " << rep.problem
        << " (nhật ký bị sửa tại dòng " << rep.firstBadRow << ")\n";
    return kExitAuditBroken;
}

}  // namespace

bool isArchiveCommand(const std::vector<std::string>& args) {
    return !args.empty() && (args[0] == "serve" || args[0] == "user" || args[0] == "audit" || args[0] == "deliveries" ||
                             args[0] == "backup" || args[0] == "restore" || args[0] == "migrate");
}

const char* archiveUsage() { return kArchiveUsage; }

int runArchive(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        xml::initialise();
        if (args[0] == "serve") return serve(args, out, err);
        if (args[0] == "deliveries") return deliveries(args, out, err);
        if (args[0] == "backup") return backupCommand(args, out, err);
        if (args[0] == "restore") return restoreCommand(args, out, err);
        if (args[0] == "migrate") return migrateCommand(args, out, err);
        if (args[0] == "user" && args.size() >= 2 && args[1] == "add") return userAdd(args, out, err);
        if (args[0] == "user" && args.size() >= 2 && args[1] == "passwd") return userPasswd(args, out, err);
        if (args[0] == "user" && args.size() >= 2 && args[1] == "list") return userList(args, out, err);
        if (args[0] == "user" && args.size() >= 2 && (args[1] == "disable" || args[1] == "enable"))
            return userSetDisabled(args, args[1] == "disable", out, err);
        if (args[0] == "audit" && args.size() >= 2 && args[1] == "verify") return auditVerify(args, out, err);
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    } catch (const Failure& f) {
        err << "vanthu: " << errcName(f.code()) << ": " << f.what() << "\n";
        return f.code() == Errc::InvalidInput ? kExitInvalid : kExitFault;
    } catch (const std::exception& e) {
        err << "vanthu: internal error: " << e.what() << "\n";
        return kExitFault;
    }
}

}  // namespace vanthu::cli
