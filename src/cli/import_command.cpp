// vanthu import: an existing document as plain text (or Markdown) → our document XML.
#include "cli/import_command.h"

#include <optional>
#include <ostream>

#include "cli/commands.h"
#include <string>

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

}  // namespace

int importCommand(const std::vector<std::string>& a, std::ostream& out, std::ostream& err) {
    std::string file, output, encoding = "utf-8", issuer, abbreviation, organId, parent, place, date, type, directory;
    bool parentGiven = false;  // --parent "" is an answer: no cơ quan chủ quản
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
        if (o == "-o" || o == "--output") ok = value(output);
        else if (o == "--encoding") ok = value(encoding);
        else if (o == "--issuer") ok = value(issuer);
        else if (o == "--abbreviation") ok = value(abbreviation);
        else if (o == "--organ-id") ok = value(organId);
        else if (o == "--parent") ok = value(parent), parentGiven = true;
        else if (o == "--directory") ok = value(directory);
        else if (o == "--place") ok = value(place);
        else if (o == "--date") ok = value(date);
        else if (o == "--type") ok = value(type);
        else if (!o.empty() && o[0] == '-') {
            err << "vanthu: unknown option " << o << "\n" << kImportUsage;
            return kExitInvalid;
        } else if (file.empty()) file = o;
        else {
            err << "vanthu: unexpected argument " << o << "\n" << kImportUsage;
            return kExitInvalid;
        }
        if (!ok) return kExitInvalid;
    }
    if (file.empty() || output.empty()) {
        err << kImportUsage;
        return kExitInvalid;
    }

    input::ImportOptions options;
    if (!issuer.empty()) options.issuer = model::Organ{issuer, abbreviation, organId};
    if (parentGiven) options.parentIssuer = model::Organ{parent, "", ""};
    std::optional<distribution::AgencyDirectory> agencies;
    if (!directory.empty()) {
        auto loaded = distribution::AgencyDirectory::loadFile(directory);
        if (!loaded.ok()) {
            printNotes(err, directory, loaded.errors(), nullptr);
            return kExitInvalid;
        }
        agencies = std::move(loaded.value().directory);
        options.findOrgan = [&agencies](const std::string& printed) -> std::optional<input::KnownOrgan> {
            const auto* a = agencies->findOrgan(model::Organ{printed, "", ""});
            if (!a) return std::nullopt;
            return input::KnownOrgan{"", a->abbreviation, a->organId};  // the name stays as printed
        };
    }
    options.place = place;
    if (!date.empty()) {
        const auto d = input::parseIsoDate(date);
        if (!d || !model::isValidDate(*d)) {
            err << "vanthu: --date wants an existing date YYYY-MM-DD, got '" << date << "'\n";
            return kExitInvalid;
        }
        options.issueDate = d;
    }
    if (!type.empty()) {
        options.type = model::typeFromKey(type);
        if (!options.type) {
            err << "vanthu: unknown --type '" << type << "' (a key of schemas/document.xsd, e.g. quyet-dinh, cong-van)\n";
            return kExitInvalid;
        }
    }

    std::string bytes;
    try {
        bytes = readFile(file);
    } catch (const Failure& f) {
        err << file << ":0:0: -: Không đọc được tệp (" << f.what() << ")\n";
        return kExitInvalid;
    }
    if (bytes.size() > input::kDefaultMaxDocumentBytes) {
        err << file << ":0:0: -: Tệp quá lớn: " << bytes.size() << " byte, tối đa " << input::kDefaultMaxDocumentBytes
            << " (The file is too large)\n";
        return kExitInvalid;
    }
    if (encoding == "tcvn3") bytes = text::decodeLegacy(bytes, text::LegacyEncoding::Tcvn3);
    else if (encoding == "vni") bytes = text::decodeLegacy(bytes, text::LegacyEncoding::Vni);
    else if (encoding == "cp1258") bytes = text::decodeLegacy(bytes, text::LegacyEncoding::Cp1258);
    else if (encoding != "utf-8") {
        err << "vanthu: unknown --encoding '" << encoding << "' (utf-8, tcvn3, vni, cp1258)\n";
        return kExitInvalid;
    }

    auto imported = input::importText(bytes, options);
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
