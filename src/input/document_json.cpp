#include "input/document_json.h"

#include <initializer_list>
#include <map>
#include <set>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "input/document_writer.h"
#include "input/strict_json.h"
#include "input/text_cleanup.h"
#include "model/document.h"
#include "model/document_type.h"

namespace vanthu::input {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Thrown inside the converter and turned into one located Error at the top.
struct JsonError {
    std::string path, vi, en;
};

[[noreturn]] void fail(const std::string& path, std::string vi, std::string en) { throw JsonError{path, std::move(vi), std::move(en)}; }

std::string child(const std::string& path, std::string_view key) { return path.empty() ? std::string(key) : path + "." + std::string(key); }
std::string item(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

bool isObject(const Var& v) { return v.type() == typeid(Object::Ptr); }
bool isArray(const Var& v) { return v.type() == typeid(Array::Ptr); }

[[noreturn]] void missing(const std::string& path) {
    fail(path, "Thiếu trường bắt buộc '" + path + "'", "Missing required field '" + path + "'");
}

Object::Ptr object(const Var& v, const std::string& path) {
    if (v.isEmpty()) missing(path);
    if (!isObject(v)) fail(path, "'" + path + "' phải là một đối tượng JSON", "'" + path + "' must be a JSON object");
    return v.extract<Object::Ptr>();
}
Array::Ptr array(const Var& v, const std::string& path) {
    if (v.isEmpty()) missing(path);
    if (!isArray(v)) fail(path, "'" + path + "' phải là một mảng JSON", "'" + path + "' must be a JSON array");
    return v.extract<Array::Ptr>();
}
std::string string(const Var& v, const std::string& path) {
    if (v.isEmpty()) missing(path);
    if (!v.isString()) fail(path, "'" + path + "' phải là một chuỗi", "'" + path + "' must be a string");
    return v.extract<std::string>();
}
int integer(const Var& v, const std::string& path) {
    if (v.isEmpty()) missing(path);
    if (!v.isInteger()) fail(path, "'" + path + "' phải là một số nguyên", "'" + path + "' must be an integer");
    const auto n = v.convert<long long>();
    if (n < 0 || n > 99999999) fail(path, "'" + path + "' nằm ngoài khoảng cho phép", "'" + path + "' is out of range");
    return static_cast<int>(n);
}
bool boolean(const Var& v, const std::string& path) {
    if (!v.isBoolean()) fail(path, "'" + path + "' phải là true hoặc false", "'" + path + "' must be true or false");
    return v.extract<bool>();
}

// Unknown fields are errors: a misspelt key must not be dropped silently.
void onlyKeys(const Object& o, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (const auto& name : o.getNames()) {
        bool ok = false;
        for (auto a : allowed) ok = ok || name == a;
        if (!ok) fail(child(path, name), "Trường không được hỗ trợ: '" + child(path, name) + "'", "Unknown field '" + child(path, name) + "'");
    }
}

std::string optString(const Object& o, const std::string& path, const char* key) {
    return o.has(key) ? string(o.get(key), child(path, key)) : std::string();
}

// Inline text: "plain" or ["plain ", {"text": "bold", "b": true}, …].
model::Inlines inlines(const Var& v, const std::string& path) {
    model::Inlines runs;
    if (v.isString()) {
        runs.push_back({v.extract<std::string>(), false, false, false});
        return runs;
    }
    const auto a = array(v, path);
    for (std::size_t i = 0; i < a->size(); ++i) {
        const Var& e = a->get(static_cast<unsigned>(i));
        const std::string p = item(path, i);
        if (e.isString()) {
            runs.push_back({e.extract<std::string>(), false, false, false});
            continue;
        }
        const auto o = object(e, p);
        onlyKeys(*o, p, {"text", "b", "i", "u"});
        model::Run r;
        r.text = string(o->get("text"), child(p, "text"));
        r.bold = o->has("b") && boolean(o->get("b"), child(p, "b"));
        r.italic = o->has("i") && boolean(o->get("i"), child(p, "i"));
        r.underline = o->has("u") && boolean(o->get("u"), child(p, "u"));
        runs.push_back(std::move(r));
    }
    return runs;
}

std::vector<model::Block> body(const Var& v, const std::string& path, int headingDepth);

model::Block block(const Var& v, const std::string& path, int headingDepth) {
    static const std::map<std::string, model::BlockKind, std::less<>> kKinds{
        {"part", model::BlockKind::Part},       {"chapter", model::BlockKind::Chapter}, {"section", model::BlockKind::Section},
        {"subsection", model::BlockKind::Subsection}, {"article", model::BlockKind::Article}, {"clause", model::BlockKind::Clause},
        {"point", model::BlockKind::Point},     {"heading", model::BlockKind::Heading}, {"p", model::BlockKind::Paragraph},
        {"bullet", model::BlockKind::Bullet},   {"table", model::BlockKind::Table}};
    const auto o = object(v, path);
    if (o->size() != 1)
        fail(path, "Mỗi phần tử của '" + path + "' phải có đúng một khóa (article, clause, p, …)",
             "Each entry of the body must have exactly one key (article, clause, p, …): '" + path + "'");
    const std::string kind = o->getNames().front();
    const auto k = kKinds.find(kind);
    const std::string p = child(path, kind);
    if (k == kKinds.end()) fail(p, "Loại khối không được hỗ trợ: '" + kind + "'", "Unknown block kind '" + kind + "'");
    model::Block b;
    b.kind = k->second;
    const Var& content = o->get(kind);
    switch (b.kind) {
        case model::BlockKind::Paragraph:
        case model::BlockKind::Bullet:
            b.text = inlines(content, p);
            return b;
        case model::BlockKind::Table: {
            const auto t = object(content, p);
            onlyKeys(*t, p, {"widths", "rows"});
            if (t->has("widths")) {
                const auto w = array(t->get("widths"), child(p, "widths"));
                for (std::size_t i = 0; i < w->size(); ++i) b.columnWidths.push_back(integer(w->get(unsigned(i)), item(child(p, "widths"), i)));
            }
            const auto rows = array(t->get("rows"), child(p, "rows"));
            for (std::size_t i = 0; i < rows->size(); ++i) {
                const std::string rp = item(child(p, "rows"), i);
                const auto r = object(rows->get(unsigned(i)), rp);
                onlyKeys(*r, rp, {"header", "cells"});
                model::Block row;
                row.kind = model::BlockKind::Row;
                row.headerRow = r->has("header") && boolean(r->get("header"), child(rp, "header"));
                const auto cells = array(r->get("cells"), child(rp, "cells"));
                for (std::size_t j = 0; j < cells->size(); ++j) {
                    model::Block cell;
                    cell.kind = model::BlockKind::Cell;
                    cell.text = inlines(cells->get(unsigned(j)), item(child(rp, "cells"), j));
                    row.children.push_back(std::move(cell));
                }
                b.children.push_back(std::move(row));
            }
            return b;
        }
        default:
            break;
    }
    const auto c = object(content, p);
    onlyKeys(*c, p, {"number", "title", "text", "body"});
    b.number = optString(*c, p, "number");
    if (c->has("title")) b.title = inlines(c->get("title"), child(p, "title"));
    if (c->has("text")) b.text = inlines(c->get("text"), child(p, "text"));
    const bool heading = b.kind == model::BlockKind::Heading;
    if (heading) b.level = std::min(headingDepth + 1, 4);
    if (c->has("body")) b.children = body(c->get("body"), child(p, "body"), heading ? headingDepth + 1 : headingDepth);
    return b;
}

std::vector<model::Block> body(const Var& v, const std::string& path, int headingDepth) {
    std::vector<model::Block> out;
    const auto a = array(v, path);
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(block(a->get(unsigned(i)), item(path, i), headingDepth));
    return out;
}

std::optional<model::Date> date(const Var& v, const std::string& path) {
    const std::string s = string(v, path);
    auto d = parseIsoDate(s);
    if (!d) fail(path, "'" + path + "' phải là ngày dạng YYYY-MM-DD: '" + s + "'", "'" + path + "' must be a date YYYY-MM-DD: '" + s + "'");
    return d;
}

model::Organ organ(const Var& v, const std::string& path) {
    const auto o = object(v, path);
    onlyKeys(*o, path, {"name", "abbreviation", "organId"});
    return {string(o->get("name"), child(path, "name")), optString(*o, path, "abbreviation"), optString(*o, path, "organId")};
}

model::Signature signature(const Var& v, const std::string& path) {
    static const std::map<std::string, model::Authority, std::less<>> kAuthorities{
        {"TM", model::Authority::TM}, {"KT", model::Authority::KT}, {"TL", model::Authority::TL},
        {"TUQ", model::Authority::TUQ}, {"Q", model::Authority::Q}};
    const auto o = object(v, path);
    onlyKeys(*o, path, {"capacities", "position", "otherTitle", "name"});
    model::Signature s;
    if (o->has("capacities")) {
        const auto caps = array(o->get("capacities"), child(path, "capacities"));
        for (std::size_t i = 0; i < caps->size(); ++i) {
            const std::string cp = item(child(path, "capacities"), i);
            const auto c = object(caps->get(unsigned(i)), cp);
            onlyKeys(*c, cp, {"kind", "title"});
            model::AuthorityLine line;
            if (c->has("kind")) {
                const std::string k = string(c->get("kind"), child(cp, "kind"));
                const auto a = kAuthorities.find(k);
                if (a == kAuthorities.end())
                    fail(child(cp, "kind"), "Thẩm quyền ký phải là TM, KT, TL, TUQ hoặc Q: '" + k + "'",
                         "The signing authority must be TM, KT, TL, TUQ or Q: '" + k + "'");
                line.authority = a->second;
            }
            line.title = string(c->get("title"), child(cp, "title"));
            s.chain.push_back(std::move(line));
        }
    }
    s.position = optString(*o, path, "position");
    s.otherTitle = optString(*o, path, "otherTitle");
    s.name = string(o->get("name"), child(path, "name"));
    return s;
}

std::vector<model::Appendix> appendices(const Var& v, const std::string& path) {
    std::vector<model::Appendix> out;
    const auto a = array(v, path);
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string p = item(path, i);
        const auto o = object(a->get(unsigned(i)), p);
        onlyKeys(*o, p, {"number", "title", "orientation", "body"});
        model::Appendix ap;
        ap.number = optString(*o, p, "number");
        ap.title = string(o->get("title"), child(p, "title"));
        const std::string orientation = optString(*o, p, "orientation");
        if (!orientation.empty() && orientation != "portrait" && orientation != "landscape")
            fail(child(p, "orientation"), "Hướng trang phải là portrait hoặc landscape", "orientation must be portrait or landscape");
        ap.landscape = orientation == "landscape";
        ap.body = body(o->get("body"), child(p, "body"), 0);
        out.push_back(std::move(ap));
    }
    return out;
}

template <class Map>
typename Map::mapped_type keyed(const Map& m, const Object& o, const std::string& path, const char* key, typename Map::mapped_type none) {
    if (!o.has(key)) return none;
    const std::string v = string(o.get(key), child(path, key));
    const auto it = m.find(v);
    if (it == m.end()) fail(child(path, key), "Giá trị không hợp lệ cho '" + child(path, key) + "': '" + v + "'",
                            "Invalid value for '" + child(path, key) + "': '" + v + "'");
    return it->second;
}

std::vector<model::Recipient> recipients(const Var& v) {
    std::vector<model::Recipient> out;
    const auto a = array(v, "recipients");
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string p = item("recipients", i);
        const auto r = object(a->get(unsigned(i)), p);
        onlyKeys(*r, p, {"recipient", "asAbove", "asArticle", "purpose", "organId"});
        model::Recipient rec;
        rec.purpose = optString(*r, p, "purpose");
        if (r->has("asAbove")) {
            rec.kind = model::RecipientKind::AsAbove;
        } else if (r->has("asArticle")) {
            rec.kind = model::RecipientKind::AsArticle;
            rec.article = integer(r->get("asArticle"), child(p, "asArticle"));
        } else {
            rec.name = string(r->get("recipient"), child(p, "recipient"));
            rec.organId = optString(*r, p, "organId");
        }
        out.push_back(std::move(rec));
    }
    return out;
}

model::ArchiveLine archive(const Var& v) {
    model::ArchiveLine out;
    const auto a = object(v, "archive");
    onlyKeys(*a, "archive", {"units", "copies", "drafter", "issuedCopies"});
    const auto units = array(a->get("units"), "archive.units");
    out.units.clear();
    for (std::size_t i = 0; i < units->size(); ++i) out.units.push_back(string(units->get(unsigned(i)), item("archive.units", i)));
    if (a->has("copies")) out.copies = integer(a->get("copies"), "archive.copies");
    out.drafterInitials = optString(*a, "archive", "drafter");
    if (a->has("issuedCopies")) out.issuedCopies = integer(a->get("issuedCopies"), "archive.issuedCopies");
    return out;
}

std::vector<model::AttachedDocument> attachedDocuments(const Var& v) {
    std::vector<model::AttachedDocument> out;
    const auto a = array(v, "attachments");
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string p = item("attachments", i);
        const auto at = object(a->get(unsigned(i)), p);
        onlyKeys(*at, p, {"type", "subject", "body", "signature", "appendices"});
        model::AttachedDocument ad;
        const auto t = model::typeFromKey(string(at->get("type"), child(p, "type")));
        if (!t) fail(child(p, "type"), "Loại văn bản không tồn tại", "Unknown document type");
        ad.type = *t;
        ad.subject = string(at->get("subject"), child(p, "subject"));
        ad.body = body(at->get("body"), child(p, "body"), 0);
        if (at->has("signature")) ad.signature = signature(at->get("signature"), child(p, "signature"));
        if (at->has("appendices")) ad.appendices = appendices(at->get("appendices"), child(p, "appendices"));
        out.push_back(std::move(ad));
    }
    return out;
}

std::vector<model::Relation> relations(const Var& v) {
    static const std::map<std::string, model::RelationKind, std::less<>> kKinds{
        {"replaces", model::RelationKind::Replaces},     {"revokes", model::RelationKind::Revokes},
        {"amends", model::RelationKind::Amends},         {"corrects", model::RelationKind::Corrects},
        {"implements", model::RelationKind::Implements}, {"issued-with", model::RelationKind::IssuedWith},
        {"responds-to", model::RelationKind::RespondsTo}};
    std::vector<model::Relation> out;
    const auto a = array(v, "relations");
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string p = item("relations", i);
        const auto r = object(a->get(unsigned(i)), p);
        onlyKeys(*r, p, {"kind", "code", "date", "note"});
        model::Relation rel;
        rel.kind = keyed(kKinds, *r, p, "kind", model::RelationKind::Replaces);
        rel.targetCode = string(r->get("code"), child(p, "code"));
        if (r->has("date")) rel.targetDate = date(r->get("date"), child(p, "date"));
        rel.note = optString(*r, p, "note");
        out.push_back(std::move(rel));
    }
    return out;
}

model::Contact contact(const Var& v) {
    const auto c = object(v, "contact");
    onlyKeys(*c, "contact", {"address", "phone", "fax", "email", "website"});
    return {optString(*c, "contact", "address"), optString(*c, "contact", "phone"), optString(*c, "contact", "fax"),
                 optString(*c, "contact", "email"), optString(*c, "contact", "website")};
}

// Độ mật, độ khẩn and the circulation mark, each from its fixed list of keys.
void marks(const Object& o, model::Document& d) {
    static const std::map<std::string, model::Secrecy, std::less<>> kSecrecy{
        {"mat", model::Secrecy::Mat}, {"toi-mat", model::Secrecy::ToiMat}, {"tuyet-mat", model::Secrecy::TuyetMat}};
    static const std::map<std::string, model::Urgency, std::less<>> kUrgency{
        {"khan", model::Urgency::Khan}, {"thuong-khan", model::Urgency::ThuongKhan}, {"hoa-toc", model::Urgency::HoaToc}};
    static const std::map<std::string, model::Circulation, std::less<>> kCirculation{
        {"xem-xong-tra-lai", model::Circulation::XemXongTraLai}, {"luu-hanh-noi-bo", model::Circulation::LuuHanhNoiBo}};
    d.secrecy = keyed(kSecrecy, o, "", "secrecy", model::Secrecy::None);
    d.urgency = keyed(kUrgency, o, "", "urgency", model::Urgency::None);
    d.circulation = keyed(kCirculation, o, "", "circulation", model::Circulation::None);
}

model::Document document(const Object& o) {
    onlyKeys(o, "", {"type", "id", "secrecy", "urgency", "circulation", "code", "parentIssuer", "issuer", "place", "issueDate", "effectiveDate",
                     "subject", "authority", "legalBasis", "addressees", "body", "signatures", "recipients", "archive",
                     "appendices", "attachments", "relations", "contact"});
    model::Document d;
    const auto type = model::typeFromKey(string(o.get("type"), "type"));
    if (!type) fail("type", "Loại văn bản không tồn tại: '" + o.get("type").toString() + "'", "Unknown document type '" + o.get("type").toString() + "'");
    d.type = *type;
    d.id = optString(o, "", "id");
    marks(o, d);
    const auto code = object(o.get("code"), "code");
    onlyKeys(*code, "code", {"number", "year", "notation"});
    if (code->has("number")) d.code.number = integer(code->get("number"), "code.number");
    if (code->has("year")) d.code.year = integer(code->get("year"), "code.year");
    d.code.notation = string(code->get("notation"), "code.notation");
    if (o.has("parentIssuer")) d.parentIssuer = organ(o.get("parentIssuer"), "parentIssuer");
    d.issuer = organ(o.get("issuer"), "issuer");
    d.place = string(o.get("place"), "place");
    if (o.has("issueDate")) d.issueDate = date(o.get("issueDate"), "issueDate");
    if (o.has("effectiveDate")) d.effectiveDate = date(o.get("effectiveDate"), "effectiveDate");
    d.subject = string(o.get("subject"), "subject");
    if (o.has("authority") && o.get("authority").isArray()) {  // lines printed one under the other
        const auto a = array(o.get("authority"), "authority");
        for (std::size_t i = 0; i < a->size(); ++i)
            d.authority += (i ? "\n" : "") + string(a->get(unsigned(i)), item("authority", i));
    } else {
        d.authority = optString(o, "", "authority");
    }
    for (const char* list : {"legalBasis", "addressees"}) {
        if (!o.has(list)) continue;
        const auto a = array(o.get(list), list);
        auto& into = std::string_view(list) == "legalBasis" ? d.legalBasis : d.addressees;
        for (std::size_t i = 0; i < a->size(); ++i) into.push_back(string(a->get(unsigned(i)), item(list, i)));
    }
    d.body = body(o.get("body"), "body", 0);
    if (o.has("signatures")) {
        const auto a = array(o.get("signatures"), "signatures");
        for (std::size_t i = 0; i < a->size(); ++i) d.signatures.push_back(signature(a->get(unsigned(i)), item("signatures", i)));
    }
    if (o.has("recipients")) d.recipients = recipients(o.get("recipients"));
    if (o.has("archive")) d.archive = archive(o.get("archive"));
    if (o.has("appendices")) d.appendices = appendices(o.get("appendices"), "appendices");
    if (o.has("attachments")) d.attachments = attachedDocuments(o.get("attachments"));
    if (o.has("relations")) d.relations = relations(o.get("relations"));
    if (o.has("contact")) d.contact = contact(o.get("contact"));
    return d;
}

}  // namespace

Result<std::string> documentJsonToXml(std::string_view json) {
    auto error = [](std::string field, std::string vi, std::string en) {
        Error e;
        e.code = Errc::InvalidInput;
        e.field = std::move(field);
        e.messageVi = std::move(vi);
        e.messageEn = std::move(en);
        return e;
    };
    auto parsed = parseStrictJsonObject(json);  // one object, each key once, no control character
    if (!parsed.ok()) return parsed.errors();
    try {
        const auto o = parsed.value();
        // A required field that is absent reads as an empty Var: name it.
        return writeDocumentXml(document(*o));
    } catch (const JsonError& e) {
        return error(e.path, e.vi, e.en);
    } catch (const Poco::Exception& e) {  // a required nested key missing (Var empty), bad conversion
        return error("", "JSON không đúng cấu trúc văn bản: " + e.message(), "The JSON does not have the document's shape: " + e.message());
    }
}

}  // namespace vanthu::input
