#include "store/document_columns.h"

#include "model/document_type.h"
#include "text/unicode.h"

namespace vanthu::store::detail {
namespace {

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

}  // namespace

DocumentColumns columnsOf(const model::Document& doc) {
    DocumentColumns d;
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

std::string quotedTokens(const std::vector<std::string>& toks) {
    std::string out;
    for (const auto& t : toks) out += (out.empty() ? "\"" : " \"") + t + "\"";
    return out;
}

std::string typeTag(const std::string& type) {
    std::string t = "t";
    for (char c : type)
        if (c != '-') t += c;
    return t;
}

std::string ftsTags(std::int64_t organ, const std::string& type, bool secret) {
    return "o" + std::to_string(organ) + " " + typeTag(type) + (secret ? " secret" : "");
}

}  // namespace vanthu::store::detail
