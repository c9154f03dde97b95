// vanthu serve | user add | audit verify: the archive from a shell (cli/archive_commands.h).
#include "cli/archive_commands.h"

#include <csignal>
#include <ostream>
#include <pthread.h>

#include "cli/commands.h"
#include "core/error.h"
#include "core/files.h"
#include "server/server.h"
#include "store/store.h"
#include "xml/parser.h"

namespace vanthu::cli {
namespace {

constexpr const char* kDefaultDb = "sqlite:var/vanthu.db";

constexpr const char* kArchiveUsage =
    "  vanthu serve [--db sqlite:PATH | --db postgresql://…] [--host 127.0.0.1] [--port 8080] [--load-samples]\n"
    "               [--max-body BYTES] [--log]                   run the HTTP service (JSON under /api/v1)\n"
    "  vanthu user add --name N --role viewer|drafter|signer|clerk|admin --organ ABBR [--cleared] [--db …]\n"
    "                                                        create a user; the token is the last stdout line\n"
    "  vanthu audit verify [--db …]                          check the audit log's hash chain (exit 4 if broken)\n";

struct Options {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;
    std::set<std::string> flags;
};

std::optional<Options> parse(const std::vector<std::string>& a, std::size_t from, const std::set<std::string>& valued,
                             const std::set<std::string>& flags, std::ostream& err) {
    Options o;
    for (std::size_t i = from; i < a.size(); ++i) {
        if (valued.count(a[i])) {
            if (i + 1 >= a.size()) {
                err << "vanthu: " << a[i] << " needs a value\n";
                return std::nullopt;
            }
            const std::string& key = a[i];
            o.values[key] = a[i + 1];
            ++i;
        } else if (flags.count(a[i])) {
            o.flags.insert(a[i]);
        } else if (!a[i].empty() && a[i][0] == '-') {
            err << "vanthu: unknown option " << a[i] << "\n";
            return std::nullopt;
        } else {
            o.positional.push_back(a[i]);
        }
    }
    return o;
}

std::string value(const Options& o, const std::string& k, const std::string& dflt = "") {
    const auto it = o.values.find(k);
    return it == o.values.end() ? dflt : it->second;
}

int serve(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 1, {"--db", "--host", "--port", "--max-body"}, {"--load-samples", "--log"}, err);
    if (!o || !o->positional.empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    server::ServerOptions so;
    so.host = value(*o, "--host", "127.0.0.1");
    try {
        so.port = std::stoi(value(*o, "--port", "8080"));
        if (o->values.count("--max-body")) so.maxBodyBytes = std::stoul(value(*o, "--max-body"));
    } catch (const std::exception&) {
        err << "vanthu: --port and --max-body want numbers\n";
        return kExitInvalid;
    }
    if (so.port < 0 || so.port > 65535) {
        err << "vanthu: --port must be 0–65535\n";
        return kExitInvalid;
    }
    so.logRequests = o->flags.count("--log") > 0;

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
    server::Server srv(*store, so, server::makeStandardRenderer());
    srv.start();
    out << "vanthu: listening on http://" << so.host << ":" << srv.port() << "/api/v1" << std::endl;
    int sig = 0;
    sigwait(&stopSignals, &sig);
    out << "vanthu: stopping (signal " << sig << ")" << std::endl;
    srv.stop();
    return kExitOk;
}

int userAdd(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto o = parse(args, 2, {"--name", "--role", "--organ", "--db", "--organ-name"}, {"--cleared"}, err);
    if (!o || !o->positional.empty() || value(*o, "--name").empty() || value(*o, "--organ").empty()) {
        err << "usage:\n" << kArchiveUsage;
        return kExitInvalid;
    }
    const auto role = store::roleFromName(value(*o, "--role", "viewer"));
    if (!role) {
        err << "vanthu: --role must be viewer, drafter, signer, clerk or admin\n";
        return kExitInvalid;
    }
    auto store = store::Store::open(store::OpenOptions{value(*o, "--db", kDefaultDb), {}, 2});
    const std::string abbr = value(*o, "--organ");
    const auto organ = store->ensureOrgan(abbr, value(*o, "--organ-name", abbr));
    const bool cleared = o->flags.count("--cleared") > 0;
    const std::string token = store->addUser(value(*o, "--name"), *role, organ.id, cleared);
    out << "user " << value(*o, "--name") << " (" << store::roleName(*role) << ", organ " << organ.abbreviation
        << (cleared ? ", cleared for secret documents" : "") << ") created; API token:\n";
    out << token << "\n";
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
    return !args.empty() && (args[0] == "serve" || args[0] == "user" || args[0] == "audit");
}

const char* archiveUsage() { return kArchiveUsage; }

int runArchive(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    try {
        xml::initialise();
        if (args[0] == "serve") return serve(args, out, err);
        if (args[0] == "user" && args.size() >= 2 && args[1] == "add") return userAdd(args, out, err);
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
