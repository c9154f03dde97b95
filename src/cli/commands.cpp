#include "cli/commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include "cli/archive_commands.h"
#include "core/error.h"
#include "core/files.h"
#include "distribution/agency_directory.h"
#include "distribution/organ_id.h"
#include "distribution/package_builder.h"
#include "distribution/resolution.h"
#include "cli/import_command.h"
#include "input/document_reader.h"
#include "model/document.h"
#include "render/renderer.h"
#include "xml/parser.h"

namespace vanthu::cli {
namespace {

constexpr const char* kUsage =
    "usage:\n"
    "  vanthu check FILE.xml                                 validate a document (schema + Decree 30 rules)\n"
    "  vanthu render FILE.xml --format docx|pdf -o OUT [--created YYYY-MM-DDTHH:MM:SSZ]\n"
    "                                                        render a document\n"
    "  vanthu import FILE.txt -o OUT.xml [--issuer NAME …]  a document from its text → document XML\n"
    "  vanthu recipients FILE.xml [--directory AGENCIES.xml]\n"
    "                                                        show what each Nơi nhận line resolves to\n"
    "  vanthu agencies AGENCIES.xml [-o OUT.xml]             check an agency directory (schema + rules), count what it\n"
    "                                                        can deliver to; -o writes it back in the normal form\n"
    "  vanthu version\n";

struct Args {
    std::string command;
    std::string file;
    std::string format = "docx";
    std::string output;
    std::string created;
    std::string directory;
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
        } else if (a[i] == "--directory") {
            auto v = value("--directory");
            if (!v) return std::nullopt;
            r.directory = *v;
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

template <class Items>  // Errors or Warnings: both have field, line, column and the two messages
void printErrors(std::ostream& err, const std::string& file, const Items& errors, const char* kind = nullptr) {
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
    if (!render::formatNamed(a.format)) {
        err << "vanthu: unsupported format '" << a.format << "' (supported: docx, pdf)\n";
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
    // The creation time follows render/renderer.h's rule (--created, $SOURCE_DATE_EPOCH, the issue
    // date). Templates, fonts and the ICC profile load while rendering, before anything is written:
    // a missing or corrupt font fails here (exit 1), and no output file appears.
    render::RendererOptions options;
    options.created = created;
    const render::Renderer renderer(std::move(options));
    const std::string bytes = renderer.render(read.value().document, *render::formatNamed(a.format));
    writeFileAtomic(a.output, bytes);
    out << a.output << "\n";
    return kExitOk;
}

const char* kindLabel(distribution::Target::Kind k) {
    switch (k) {
        case distribution::Target::Kind::Agency: return "agency";
        case distribution::Target::Kind::InternalUnit: return "unit";
        case distribution::Target::Kind::Archive: return "archive";
    }
    return "?";
}

// Checks an agency directory before it is put in service (`vanthu serve --directory`): every
// error located (exit 2), warnings printed, then what it holds and can deliver to.
int agencies(const Args& a, std::ostream& out, std::ostream& err) {
    auto dir = distribution::AgencyDirectory::loadFile(a.file);
    if (!dir.ok()) {
        printErrors(err, a.file, dir.errors());
        return kExitInvalid;
    }
    printErrors(err, a.file, dir.value().warnings, "cảnh báo/warning");
    const auto& d = dir.value().directory;
    std::size_t strict = 0, units = 0;
    std::map<std::string, std::size_t> byTransport;
    for (const auto& ag : d.agencies()) {
        if (distribution::isStrictOrganId(ag.organId)) ++strict;
        units += ag.units.size();
        if (!ag.endpoint.empty()) ++byTransport[ag.endpoint.transport];
    }
    out << a.file << ": " << d.agencies().size() << " agencies (" << strict << " with a QCVN 102 organId), " << units
        << " internal units, " << d.groups().size() << " groups\n";
    out << "endpoints:";
    if (byTransport.empty()) out << " none";
    for (const auto& [t, n] : byTransport) out << " " << t << " " << n;
    out << "\n";
    if (!a.output.empty()) writeFileAtomic(a.output, d.toXml());
    return kExitOk;
}

// Prints each Nơi nhận line and what it resolved to, then the unresolved pieces. Unresolved
// pieces are not an error (exit 0): the clerk decides before issuing.
int recipients(const Args& a, std::ostream& out, std::ostream& err) {
    const std::filesystem::path dirPath = a.directory.empty() ? dataDir() / "samples" / "agencies.xml" : std::filesystem::path(a.directory);
    auto dir = distribution::AgencyDirectory::loadFile(dirPath);
    if (!dir.ok()) {
        printErrors(err, dirPath.string(), dir.errors());
        return kExitInvalid;
    }
    printErrors(err, dirPath.string(), dir.value().warnings, "cảnh báo/warning");
    auto read = input::readDocumentFile(a.file);
    if (!read.ok()) {
        printErrors(err, a.file, read.errors());
        return kExitInvalid;
    }
    const auto& directory = dir.value().directory;
    const auto r = distribution::resolveRecipients(read.value().document, directory);
    printErrors(err, a.file, r.warnings, "cảnh báo/warning");
    out << a.file << ": ";
    if (const auto* issuer = directory.agency(r.issuerKey))
        out << "issuer " << issuer->name << " [" << issuer->key << (issuer->organId.empty() ? "" : ", " + issuer->organId) << "]\n";
    else
        out << "issuer " << read.value().document.issuer.name << " (not in the directory)\n";
    std::size_t resolved = 0;
    for (const auto& line : r.lines) {
        if (line.resolved()) ++resolved;
        out << "- " << line.text << "\n";
        for (const auto& t : line.targets) {
            out << "    " << kindLabel(t.kind);
            if (t.kind != distribution::Target::Kind::Archive) {
                out << "  " << t.name << " [" << t.key;
                if (!t.organId.empty()) out << ", " << t.organId;
                out << "]";
                if (!t.via.empty() && t.via != "organId") out << "  via " << t.via;
                if (t.matched != t.name && t.via != "organId") out << "  ← \"" << t.matched << "\"";
            }
            out << "\n";
        }
        for (const auto& u : line.unresolved) out << "    UNRESOLVED  " << u << "\n";
    }
    out << resolved << "/" << r.lines.size() << " lines resolved; " << r.agencies.size() << " agencies, "
        << r.internalUnits.size() << " internal units; " << r.unresolved.size() << " unresolved\n";
    for (const auto& u : r.unresolved) out << "  unresolved (" << u.line << "): " << u.piece << "\n";
    // Resolved, but no QCVN 102 organId: they need paper or another channel.
    for (const auto& t : distribution::recipientsOf(r, directory).undeliverable)
        out << "  cannot receive edXML (no QCVN 102 organId): " << t.name << " [" << t.key << "]\n";
    return kExitOk;
}

}  // namespace

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (isArchiveCommand(argv)) return runArchive(argv, out, err);
    if (!argv.empty() && argv[0] == "import") {  // its own options (cli/import_command.cpp)
        try {
            xml::initialise();
            return importCommand(argv, out, err);
        } catch (const Failure& f) {
            err << "vanthu: " << errcName(f.code()) << ": " << f.what() << "\n";
            return kExitFault;
        }
    }
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
        if (args->command == "recipients") return recipients(*args, out, err);
        if (args->command == "agencies") return agencies(*args, out, err);
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
