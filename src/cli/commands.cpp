#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>

#include "cli/archive_commands.h"
#include "compose/composer.h"
#include "core/error.h"
#include "core/files.h"
#include "docx/docx_writer.h"
#include "input/document_reader.h"
#include "model/document.h"
#include "xml/parser.h"

namespace vanthu::cli {
namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  vanthu check FILE.xml                                 validate a document (schema + Decree 30 rules)\n"
    "  vanthu render FILE.xml --format docx -o OUT [--created YYYY-MM-DDTHH:MM:SSZ]\n"
    "                                                        render a document\n"
    "  vanthu version\n";

struct Args {
    std::string command;
    std::string file;
    std::string format = "docx";
    std::string output;
    std::string created;
};

std::optional<Args> parseArgs(const std::vector<std::string>& a, std::ostream& err) {
    if (a.empty()) return std::nullopt;
    Args r;
    r.command = a[0];
    for (std::size_t i = 1; i < a.size(); ++i) {
        auto value = [&](const char* name) -> std::optional<std::string> {
            if (i + 1 >= a.size()) {
                err << "vanthu: " << name << " needs a value\n";
                return std::nullopt;
            }
            return a[++i];
        };
        if (a[i] == "--format" || a[i] == "-f") {
            auto v = value("--format");
            if (!v) return std::nullopt;
            r.format = *v;
        } else if (a[i] == "-o" || a[i] == "--output") {
            auto v = value("-o");
            if (!v) return std::nullopt;
            r.output = *v;
        } else if (a[i] == "--created") {
            auto v = value("--created");
            if (!v) return std::nullopt;
            r.created = *v;
        } else if (!a[i].empty() && a[i][0] == '-') {
            err << "vanthu: unknown option " << a[i] << "\n";
            return std::nullopt;
        } else if (r.file.empty()) {
            r.file = a[i];
        } else {
            err << "vanthu: unexpected argument " << a[i] << "\n";
            return std::nullopt;
        }
    }
    return r;
}

std::optional<std::chrono::sys_seconds> parseInstant(const std::string& s) {
    int y, mo, d, h, mi, sec;
    char z = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 || z != 'Z')
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    return sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec};
}

// The instant written into outputs: --created, else $SOURCE_DATE_EPOCH, else the issue date at
// midnight UTC, else 2000-01-01 — never the wall clock, so the same input gives the same bytes.
std::chrono::sys_seconds createdFor(const model::Document& doc, const std::optional<std::chrono::sys_seconds>& flag) {
    using namespace std::chrono;
    if (flag) return *flag;
    if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) return sys_seconds{seconds{std::atoll(e)}};
    if (doc.issueDate)
        return sys_days{year{doc.issueDate->year} / month{unsigned(doc.issueDate->month)} / day{unsigned(doc.issueDate->day)}};
    return sys_days{year{2000} / 1 / 1};
}

void printErrors(std::ostream& err, const std::string& file, const Errors& errors, const char* kind = nullptr) {
    for (const auto& e : errors) {
        err << file << ":" << e.line << ":" << e.column << ": " << (e.field.empty() ? "-" : e.field) << ": ";
        if (kind) err << kind << ": ";
        err << e.messageVi << " (" << e.messageEn << ")\n";
    }
}

int check(const Args& a, std::ostream& out, std::ostream& err) {
    auto read = input::readDocumentFile(a.file);
    if (!read.ok()) {
        printErrors(err, a.file, read.errors());
        return kExitInvalid;
    }
    printErrors(err, a.file, read.value().warnings, "cảnh báo/warning");
    out << a.file << ": OK\n";
    return kExitOk;
}

int render(const Args& a, std::ostream& out, std::ostream& err) {
    if (a.output.empty()) {
        err << "vanthu: render needs -o OUT\n" << kUsage;
        return kExitInvalid;
    }
    if (a.format != "docx") {
        err << "vanthu: unsupported format '" << a.format << "' (supported: docx)\n";
        return kExitInvalid;
    }
    std::optional<std::chrono::sys_seconds> created;
    if (!a.created.empty() && !(created = parseInstant(a.created))) {
        err << "vanthu: --created wants YYYY-MM-DDTHH:MM:SSZ, got '" << a.created << "'\n";
        return kExitInvalid;
    }
    auto read = input::readDocumentFile(a.file);
    if (!read.ok()) {
        printErrors(err, a.file, read.errors());
        return kExitInvalid;
    }
    printErrors(err, a.file, read.value().warnings, "cảnh báo/warning");
    const auto& doc = read.value().document;
    const auto when = createdFor(doc, created);
    const auto composer = compose::Composer::load(dataDir());
    const auto composition = composer->compose(doc, compose::ComposeOptions{when});
    const std::string bytes = docx::renderDocx(composition, docx::DocxOptions{when});
    writeFileAtomic(a.output, bytes);
    out << a.output << "\n";
    return kExitOk;
}

}  // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (isArchiveCommand(argv)) return runArchive(argv, out, err);
    const auto args = parseArgs(argv, err);
    if (!args) {
        err << kUsage;
        return kExitInvalid;
    }
    try {
        xml::initialise();
        if (args->command == "version") {
            out << "vanthu 0.1.0\n";
            return kExitOk;
        }
        if (args->command == "help" || args->command == "--help") {
            out << kUsage << archiveUsage();
            return kExitOk;
        }
        if (args->file.empty()) {
            err << "vanthu: " << args->command << " needs a FILE\n" << kUsage;
            return kExitInvalid;
        }
        if (args->command == "check") return check(*args, out, err);
        if (args->command == "render") return render(*args, out, err);
        err << "vanthu: unknown command '" << args->command << "'\n" << kUsage;
        return kExitInvalid;
    } catch (const Failure& f) {
        err << "vanthu: " << errcName(f.code()) << ": " << f.what() << "\n";
        return kExitFault;
    } catch (const std::exception& e) {
        err << "vanthu: internal error: " << e.what() << "\n";
        return kExitFault;
    }
}

}  // namespace vanthu::cli
