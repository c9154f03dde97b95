// vanthu import: an existing document as plain text (or Markdown) → our document XML.
#include "cli/import_command.h"

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "cli/commands.h"

#include "core/error.h"
#include "core/files.h"
#include "distribution/agency_directory.h"
#include "input/document_reader.h"
#include "input/document_writer.h"
#include "input/text_cleanup.h"
#include "input/text_import.h"
#include "model/document_type.h"
#include "text/legacy.h"

namespace vanthu::cli {
namespace {

constexpr const char* kImportUsage =
    "usage: vanthu import FILE.txt -o OUT.xml [--encoding utf-8|tcvn3|vni|cp1258]\n"
    "         [--issuer NAME] [--abbreviation ABBR] [--organ-id ID] [--parent NAME]\n"
    "         [--place PLACE] [--date YYYY-MM-DD] [--type TYPE-KEY] [--directory AGENCIES.xml]\n"
    "  Reads a document from its text (copied from Word/PDF or converted to Markdown), writes it\n"
    "  as document XML (schemas/document.xsd) and checks it as 'vanthu check' does. The options\n"
    "  supply what the text lacks (often the header table); --parent \"\" says there is no cơ quan\n"
    "  chủ quản; --directory settles how the header's organ lines split. What was guessed or repaired is\n"
    "  printed as notes, one per line: FILE:LINE:1: field: note: ghi chú (note).\n";

template <class Items>  // Errors or Warnings
void printNotes(std::ostream& err, const std::string& file, const Items& errors, const char* kind) {
    for (const auto& e : errors) {
        err << file << ":" << e.line << ":" << e.column << ": " << (e.field.empty() ? "-" : e.field) << ": ";
        if (kind) err << kind << ": ";
        err << e.messageVi << " (" << e.messageEn << ")\n";
    }
}

struct ImportArgs {
    std::string file, output, encoding = "utf-8", issuer, abbreviation, organId, parent, place, date, type, directory;
    bool parentGiven = false;  // --parent "" is an answer: no cơ quan chủ quản
};

// The command line; nothing when it is wrong (the reason and the usage are printed).
std::optional<ImportArgs> parseImportArgs(const std::vector<std::string>& a, std::ostream& err) {
    ImportArgs r;
    for (std::size_t i = 1; i < a.size(); ++i) {
        auto value = [&](std::string& into) {
            if (i + 1 >= a.size()) {
                err << "vanthu: " << a[i] << " needs a value\n" << kImportUsage;
                return false;
            }
            into = a[++i];
            return true;
        };
        const std::string& o = a[i];
        bool ok = true;
        if (o == "-o" || o == "--output") ok = value(r.output);
        else if (o == "--encoding") ok = value(r.encoding);
        else if (o == "--issuer") ok = value(r.issuer);
        else if (o == "--abbreviation") ok = value(r.abbreviation);
        else if (o == "--organ-id") ok = value(r.organId);
        else if (o == "--parent") ok = value(r.parent), r.parentGiven = true;
        else if (o == "--directory") ok = value(r.directory);
        else if (o == "--place") ok = value(r.place);
        else if (o == "--date") ok = value(r.date);
        else if (o == "--type") ok = value(r.type);
        else if (!o.empty() && o[0] == '-') {
            err << "vanthu: unknown option " << o << "\n" << kImportUsage;
            return std::nullopt;
        } else if (r.file.empty()) r.file = o;
        else {
            err << "vanthu: unexpected argument " << o << "\n" << kImportUsage;
            return std::nullopt;
        }
        if (!ok) return std::nullopt;
    }
    if (r.file.empty() || r.output.empty()) {
        err << kImportUsage;
        return std::nullopt;
    }
    return r;
}

// What the options supply that the text lacks; nothing when a value is wrong.
std::optional<input::ImportOptions> importOptions(const ImportArgs& args, std::ostream& err) {
    input::ImportOptions options;
    if (!args.issuer.empty()) options.issuer = model::Organ{args.issuer, args.abbreviation, args.organId};
    if (args.parentGiven) options.parentIssuer = model::Organ{args.parent, "", ""};
    if (!args.directory.empty()) {
        auto loaded = distribution::AgencyDirectory::loadFile(args.directory);
        if (!loaded.ok()) {
            printNotes(err, args.directory, loaded.errors(), nullptr);
            return std::nullopt;
        }
        // Shared: the options (and so the lookup) outlive this function.
        auto agencies = std::make_shared<distribution::AgencyDirectory>(std::move(loaded.value().directory));
        options.findOrgan = [agencies](const std::string& printed) -> std::optional<input::KnownOrgan> {
            const auto* a = agencies->findOrgan(model::Organ{printed, "", ""});
            if (!a) return std::nullopt;
            return input::KnownOrgan{"", a->abbreviation, a->organId};  // the name stays as printed
        };
    }
    options.place = args.place;
    if (!args.date.empty()) {
        const auto d = input::parseIsoDate(args.date);
        if (!d || !model::isValidDate(*d)) {
            err << "vanthu: --date wants an existing date YYYY-MM-DD, got '" << args.date << "'\n";
            return std::nullopt;
        }
        options.issueDate = d;
    }
    if (!args.type.empty()) {
        options.type = model::typeFromKey(args.type);
        if (!options.type) {
            err << "vanthu: unknown --type '" << args.type << "' (a key of schemas/document.xsd, e.g. quyet-dinh, cong-van)\n";
            return std::nullopt;
        }
    }
    return options;
}

// The file's text as UTF-8, within the document size limit.
std::optional<std::string> readSourceText(const ImportArgs& args, std::ostream& err) {
    std::string bytes;
    try {
        bytes = readFile(args.file);
    } catch (const Failure& f) {
        err << args.file << ":0:0: -: Không đọc được tệp (" << f.what() << ")\n";
        return std::nullopt;
    }
    if (bytes.size() > input::kDefaultMaxDocumentBytes) {
        err << args.file << ":0:0: -: Tệp quá lớn: " << bytes.size() << " byte, tối đa " << input::kDefaultMaxDocumentBytes
            << " (The file is too large)\n";
        return std::nullopt;
    }
    if (args.encoding == "tcvn3") return text::decodeLegacy(bytes, text::LegacyEncoding::Tcvn3);
    if (args.encoding == "vni") return text::decodeLegacy(bytes, text::LegacyEncoding::Vni);
    if (args.encoding == "cp1258") return text::decodeLegacy(bytes, text::LegacyEncoding::Cp1258);
    if (args.encoding != "utf-8") {
        err << "vanthu: unknown --encoding '" << args.encoding << "' (utf-8, tcvn3, vni, cp1258)\n";
        return std::nullopt;
    }
    return bytes;
}

}  // namespace

int importCommand(const std::vector<std::string>& a, std::ostream& out, std::ostream& err) {
    const auto args = parseImportArgs(a, err);
    if (!args) return kExitInvalid;
    const auto options = importOptions(*args, err);
    if (!options) return kExitInvalid;
    const auto text = readSourceText(*args, err);
    if (!text) return kExitInvalid;
    const std::string& file = args->file;
    const std::string& output = args->output;

    auto imported = input::importText(*text, *options);
    if (!imported.ok()) {
        printNotes(err, file, imported.errors(), nullptr);
        return kExitInvalid;
    }
    printNotes(err, file, imported.value().notes, "ghi chú/note");

    // What we write must be a document vanthu accepts: read it back through the full checks.
    const std::string xml = input::writeDocumentXml(imported.value().document);
    auto check = input::readDocumentXml(xml);
    if (!check.ok()) {
        printNotes(err, output, check.errors(), nullptr);
        return kExitInvalid;
    }
    printNotes(err, output, check.value().warnings, "cảnh báo/warning");
    writeFileAtomic(output, xml);
    out << output << "\n";
    return kExitOk;
}

}  // namespace vanthu::cli
