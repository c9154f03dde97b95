#include "input/document_reader.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstdint>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "core/files.h"
#include "input/text_cleanup.h"
#include "model/validation.h"
#include "text/unicode.h"
#include "xml/parser.h"
#include "xml/schema.h"

namespace vanthu::input {
namespace {

using xml::Node;

std::shared_ptr<const xml::Schema> schemaFor(const std::filesystem::path& configured) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const xml::Schema>> cache;
    const auto path = configured.empty() ? dataDir() / "schemas/document.xsd" : configured;
    std::error_code ec;
    const auto key = std::filesystem::weakly_canonical(path, ec).string();
    std::lock_guard lock(mutex);
    auto& slot = cache[ec ? path.string() : key];
    if (!slot) slot = xml::Schema::load(path);  // throws Failure; the slot stays empty and is retried
    return slot;
}

Location locationOf(const xml::Document& doc, Node at) {
    const auto p = doc.position(at);
    return Location{doc.path(at), p.line, p.column};
}

std::string describeVi(Node n) {
    return n.kind() == Node::Kind::Attribute ? "thuộc tính '" + std::string(n.name()) + "' của phần tử " + std::string(n.parent().name())
                                             : "phần tử " + std::string(n.name());
}

std::string describeEn(Node n) {
    return n.kind() == Node::Kind::Attribute ? "attribute '" + std::string(n.name()) + "' of " + std::string(n.parent().name())
                                             : std::string(n.name());
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// The real-calendar check of one date node; nullopt when the date exists.
std::optional<Error> checkDate(const xml::Document& doc, Node n) {
    const std::string value = collapseWhitespace(n.text());
    const auto d = parseIsoDate(value);
    if (!d)
        return Error::invalidInput(
            locationOf(doc, n),
            "Giá trị '" + value + "' của " + describeVi(n) +
                " không phải là ngày hợp lệ (dạng NNNN-TT-NN, ví dụ 2018-05-08)",
            "'" + value + "' in " + describeEn(n) + " is not a date of the form YYYY-MM-DD (e.g. 2018-05-08)");
    if (model::isValidDate(*d)) return std::nullopt;
    std::string whyVi, whyEn;
    if (d->month < 1 || d->month > 12) {
        whyVi = "không có tháng " + std::to_string(d->month);
        whyEn = "there is no month " + std::to_string(d->month);
    } else if (d->day < 1) {
        whyVi = "không có ngày 0";
        whyEn = "there is no day 0";
    } else {
        const int max = daysInMonth(d->year, d->month);
        whyVi = "tháng " + std::to_string(d->month) + " năm " + std::to_string(d->year) + " chỉ có " + std::to_string(max) + " ngày";
        whyEn = "month " + std::to_string(d->month) + " of " + std::to_string(d->year) + " has only " + std::to_string(max) + " days";
    }
    if (d->year < 1) {
        whyVi = "năm " + std::to_string(d->year) + " không hợp lệ";
        whyEn = "year " + std::to_string(d->year) + " is not valid";
    }
    return Error::invalidInput(locationOf(doc, n),
                               "Ngày '" + value + "' của " + describeVi(n) + " không tồn tại: " + whyVi,
                               "The date '" + value + "' in " + describeEn(n) + " does not exist: " + whyEn);
}

// Dates the schema types as xs:date: document/issueDate, effectiveDate and relation/@date. A node the XSD has
// already reported on is skipped, so the clerk never sees one mistake twice.
Errors checkDates(const xml::Document& doc, const Errors& schemaErrors) {
    std::set<std::string> flagged;
    for (const auto& e : schemaErrors) flagged.insert(e.field);
    std::vector<Node> dates;
    const Node root = doc.root();
    for (const Node& d : root.elements("issueDate")) dates.push_back(d);
    for (const Node& d : root.elements("effectiveDate")) dates.push_back(d);
    for (const Node& rels : root.elements("relations"))
        for (const Node& r : rels.elements("relation"))
            if (const Node a = r.attributeNode("date")) dates.push_back(a);
    Errors out;
    for (const Node& n : dates) {
        if (flagged.count(doc.path(n))) continue;
        if (auto e = checkDate(doc, n)) out.push_back(std::move(*e));
    }
    return out;
}

// By line:column; unlocated errors (line 0, e.g. "N more errors not listed") go last.
void sortByPosition(Errors& errors) {
    const auto key = [](const Error& e) { return std::pair(e.line > 0 ? e.line : INT_MAX, e.column); };
    std::stable_sort(errors.begin(), errors.end(), [&](const Error& a, const Error& b) { return key(a) < key(b); });
}

// ------------------------------------------------------------------ tree → model -------------

class Builder {
public:
    explicit Builder(const xml::Document& doc) : doc_(doc) {}

    model::Document build();
    Errors errors;  // values the schema lets through but the model cannot hold (ints too large)

private:
    model::SourcePos pos(Node n) const {
        const auto p = doc_.position(n);
        return {doc_.path(n), p.line, p.column};
    }
    static std::string clean(std::string_view s) { return text::nfc(collapseWhitespace(s)); }
    static std::string textOf(Node n) { return n ? clean(n.text()) : std::string(); }
    static std::string attr(Node n, std::string_view name) { return clean(n.attribute(name).value_or("")); }
    std::optional<int> intValue(Node at, std::string_view raw);
    std::optional<int> intAttr(Node n, std::string_view name) {
        const Node a = n.attributeNode(name);
        return a ? intValue(a, a.text()) : std::nullopt;
    }

    std::string authority(Node n);
    model::Inlines inlines(Node n) const;
    static void collectRuns(Node n, model::Run format, model::Inlines& out);
    std::vector<model::Block> blocks(Node parent, int headingDepth);
    model::Block block(Node n, int headingDepth);
    model::Organ organ(Node n) const;
    model::Signature signature(Node n) const;
    model::Appendix appendix(Node n);
    model::AttachedDocument attachment(Node n);
    void recipients(Node n, model::Document& d);
    void relations(Node n, model::Document& d);

    const xml::Document& doc_;
};

std::optional<int> Builder::intValue(Node at, std::string_view raw) {
    std::string s = collapseWhitespace(raw);
    std::string_view v = s;
    if (v.starts_with('+')) v.remove_prefix(1);
    int out = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec == std::errc{} && end == v.data() + v.size()) return out;
    errors.push_back(Error::invalidInput(
        locationOf(doc_, at), "Giá trị '" + s + "' của " + describeVi(at) + " không phải là số nguyên hoặc quá lớn",
        "'" + s + "' in " + describeEn(at) + " is not an integer or is too large"));
    return std::nullopt;
}

// Plain text, or <line>s joined with '\n' (the model's line separator for the authority).
std::string Builder::authority(Node n) {
    std::string lines;
    for (const Node& l : n.elements("line")) lines += (lines.empty() ? "" : "\n") + textOf(l);
    std::string loose;
    for (Node c = n.firstChild(); c; c = c.nextSibling())
        if (c.isText()) loose += c.text();
    loose = clean(loose);
    if (!lines.empty() && !loose.empty())
        errors.push_back(Error::schema(locationOf(doc_, n),
                                       "Thẩm quyền ban hành: hoặc một dòng chữ, hoặc các phần tử <line>, không cả hai",
                                       "authority: either one line of text or <line> elements, not both"));
    else if (lines.empty() && loose.empty())
        errors.push_back(Error::schema(locationOf(doc_, n), "Thẩm quyền ban hành để trống", "authority is empty"));
    return lines.empty() ? loose : lines;
}

void Builder::collectRuns(Node n, model::Run format, model::Inlines& out) {
    for (Node c = n.firstChild(); c; c = c.nextSibling()) {
        if (c.isText()) {
            model::Run r = format;
            r.text = c.text();
            out.push_back(std::move(r));
        } else if (c.isElement()) {
            model::Run inner = format;
            if (c.name() == "b") inner.bold = true;
            else if (c.name() == "i") inner.italic = true;
            else if (c.name() == "u") inner.underline = true;
            collectRuns(c, inner, out);
        }
    }
}

model::Inlines Builder::inlines(Node n) const {
    model::Inlines raw;
    if (n) collectRuns(n, model::Run{}, raw);
    return normaliseRuns(std::move(raw));
}

std::vector<model::Block> Builder::blocks(Node parent, int headingDepth) {
    std::vector<model::Block> out;
    for (const Node& c : parent.elements()) {
        if (c.name() == "title" || c.name() == "text") continue;  // parts of the parent block
        out.push_back(block(c, headingDepth));
    }
    return out;
}

model::Block Builder::block(Node n, int headingDepth) {
    using model::BlockKind;
    static const std::map<std::string_view, BlockKind, std::less<>> kKinds{
        {"part", BlockKind::Part},       {"chapter", BlockKind::Chapter}, {"section", BlockKind::Section},
        {"subsection", BlockKind::Subsection}, {"article", BlockKind::Article}, {"clause", BlockKind::Clause},
        {"point", BlockKind::Point},     {"heading", BlockKind::Heading}, {"p", BlockKind::Paragraph},
        {"bullet", BlockKind::Bullet},   {"table", BlockKind::Table},     {"row", BlockKind::Row},
        {"cell", BlockKind::Cell},
    };
    model::Block b;
    b.pos = pos(n);
    const auto kind = kKinds.find(n.name());
    if (kind == kKinds.end()) {  // the schema admits no other element here
        errors.push_back(Error::schema(locationOf(doc_, n),
                                       "Phần tử '" + std::string(n.name()) + "' không được phép ở đây",
                                       "Element '" + std::string(n.name()) + "' is not allowed here"));
        return b;
    }
    b.kind = kind->second;
    b.number = attr(n, "number");
    switch (b.kind) {
        case BlockKind::Paragraph:
        case BlockKind::Bullet:
        case BlockKind::Cell: b.text = inlines(n); break;
        case BlockKind::Table:
            if (const Node w = n.attributeNode("widths")) {
                const std::string widths = w.text();
                std::string_view rest = widths;
                while (!rest.empty()) {
                    const auto start = rest.find_first_not_of(" \t\r\n");
                    if (start == std::string_view::npos) break;
                    rest.remove_prefix(start);
                    const auto end = std::min(rest.find_first_of(" \t\r\n"), rest.size());
                    if (const auto v = intValue(w, rest.substr(0, end))) b.columnWidths.push_back(*v);
                    rest.remove_prefix(end);
                }
            }
            b.children = blocks(n, headingDepth);
            break;
        case BlockKind::Row: {
            const auto header = n.attribute("header");
            b.headerRow = header && (collapseWhitespace(*header) == "true" || collapseWhitespace(*header) == "1");
            b.children = blocks(n, headingDepth);
            break;
        }
        case BlockKind::Heading:
            b.level = std::min(headingDepth + 1, 4);
            b.title = inlines(n.element("title"));
            b.children = blocks(n, headingDepth + 1);
            break;
        default:  // Part … Subsection, Article, Clause, Point
            b.title = inlines(n.element("title"));
            b.text = inlines(n.element("text"));
            b.children = blocks(n, headingDepth);
            break;
    }
    return b;
}

model::Organ Builder::organ(Node n) const {
    model::Organ o;
    if (!n) return o;
    o.name = textOf(n);
    o.abbreviation = attr(n, "abbreviation");
    o.organId = attr(n, "organId");
    return o;
}

model::Signature Builder::signature(Node n) const {
    static const std::map<std::string, model::Authority, std::less<>> kAuthorities{
        {"TM", model::Authority::TM}, {"KT", model::Authority::KT}, {"TL", model::Authority::TL},
        {"TUQ", model::Authority::TUQ}, {"Q", model::Authority::Q}};
    model::Signature s;
    s.pos = pos(n);
    for (const Node& c : n.elements("capacity")) {
        model::AuthorityLine line;
        const auto k = kAuthorities.find(attr(c, "kind"));
        line.authority = k == kAuthorities.end() ? model::Authority::None : k->second;
        line.title = textOf(c);
        s.chain.push_back(std::move(line));
    }
    s.position = textOf(n.element("position"));
    s.otherTitle = textOf(n.element("otherTitle"));
    s.name = textOf(n.element("name"));
    return s;
}

model::Appendix Builder::appendix(Node n) {
    model::Appendix a;
    a.pos = pos(n);
    a.number = attr(n, "number");
    a.title = textOf(n.element("title"));
    a.landscape = attr(n, "orientation") == "landscape";
    if (const Node body = n.element("body")) a.body = blocks(body, 0);
    return a;
}

model::AttachedDocument Builder::attachment(Node n) {
    model::AttachedDocument a;
    a.pos = pos(n);
    if (const auto t = model::typeFromKey(attr(n, "type"))) a.type = *t;
    else
        errors.push_back(Error::schema(locationOf(doc_, n.attributeNode("type") ? n.attributeNode("type") : n),
                                       "Loại văn bản '" + attr(n, "type") + "' không tồn tại",
                                       "Unknown document type '" + attr(n, "type") + "'"));
    a.subject = textOf(n.element("subject"));
    if (const Node body = n.element("body")) a.body = blocks(body, 0);
    if (const Node sig = n.element("signature")) a.signature = signature(sig);
    for (const Node& ap : n.elements("appendix")) a.appendices.push_back(appendix(ap));
    return a;
}

void Builder::recipients(Node n, model::Document& d) {
    for (const Node& c : n.elements()) {
        if (c.name() == "archive") {
            d.archive.units.clear();
            for (const Node& u : c.elements("unit")) d.archive.units.push_back(textOf(u));
            d.archive.copies = intAttr(c, "copies").value_or(0);
            d.archive.drafterInitials = attr(c, "drafter");
            d.archive.issuedCopies = intAttr(c, "issuedCopies").value_or(0);
            continue;
        }
        model::Recipient r;
        r.pos = pos(c);
        r.purpose = attr(c, "purpose");
        if (c.name() == "asAbove") {
            r.kind = model::RecipientKind::AsAbove;
        } else if (c.name() == "asArticle") {
            r.kind = model::RecipientKind::AsArticle;
            r.article = intAttr(c, "article").value_or(0);
        } else {
            r.kind = model::RecipientKind::Agency;
            r.name = textOf(c);
            r.organId = attr(c, "organId");
        }
        d.recipients.push_back(std::move(r));
    }
}

void Builder::relations(Node n, model::Document& d) {
    static const std::map<std::string, model::RelationKind, std::less<>> kKinds{
        {"replaces", model::RelationKind::Replaces},     {"revokes", model::RelationKind::Revokes},
        {"amends", model::RelationKind::Amends},         {"corrects", model::RelationKind::Corrects},
        {"implements", model::RelationKind::Implements}, {"issued-with", model::RelationKind::IssuedWith},
        {"responds-to", model::RelationKind::RespondsTo}};
    for (const Node& r : n.elements("relation")) {
        model::Relation rel;
        if (const auto k = kKinds.find(attr(r, "kind")); k != kKinds.end()) rel.kind = k->second;
        rel.targetCode = attr(r, "code");
        if (const auto date = r.attribute("date")) rel.targetDate = parseIsoDate(collapseWhitespace(*date));
        rel.note = textOf(r);
        d.relations.push_back(std::move(rel));
    }
}

model::Document Builder::build() {
    model::Document d;
    const Node root = doc_.root();
    d.pos = pos(root);
    d.id = attr(root, "id");
    if (const auto t = model::typeFromKey(attr(root, "type"))) d.type = *t;
    else
        errors.push_back(Error::schema(locationOf(doc_, root.attributeNode("type") ? root.attributeNode("type") : root),
                                       "Loại văn bản '" + attr(root, "type") + "' không tồn tại",
                                       "Unknown document type '" + attr(root, "type") + "'"));

    static const std::map<std::string, model::Secrecy, std::less<>> kSecrecy{
        {"mat", model::Secrecy::Mat}, {"toi-mat", model::Secrecy::ToiMat}, {"tuyet-mat", model::Secrecy::TuyetMat}};
    static const std::map<std::string, model::Urgency, std::less<>> kUrgency{
        {"khan", model::Urgency::Khan}, {"thuong-khan", model::Urgency::ThuongKhan}, {"hoa-toc", model::Urgency::HoaToc}};
    static const std::map<std::string, model::Circulation, std::less<>> kCirculation{
        {"xem-xong-tra-lai", model::Circulation::XemXongTraLai}, {"luu-hanh-noi-bo", model::Circulation::LuuHanhNoiBo}};
    if (const auto it = kSecrecy.find(attr(root, "secrecy")); it != kSecrecy.end()) d.secrecy = it->second;
    if (const auto it = kUrgency.find(attr(root, "urgency")); it != kUrgency.end()) d.urgency = it->second;
    if (const auto it = kCirculation.find(attr(root, "circulation")); it != kCirculation.end()) d.circulation = it->second;

    if (const Node code = root.element("code")) {
        d.code.number = intAttr(code, "number");
        d.code.year = intAttr(code, "year");
        d.code.notation = attr(code, "notation");
    }
    d.parentIssuer = organ(root.element("parentIssuer"));
    d.issuer = organ(root.element("issuer"));
    d.place = textOf(root.element("place"));
    if (const Node date = root.element("issueDate")) d.issueDate = parseIsoDate(collapseWhitespace(date.text()));
    if (const Node date = root.element("effectiveDate")) d.effectiveDate = parseIsoDate(collapseWhitespace(date.text()));
    d.subject = textOf(root.element("subject"));
    if (const Node a = root.element("authority")) d.authority = authority(a);
    if (const Node lb = root.element("legalBasis"))
        for (const Node& b : lb.elements("basis")) d.legalBasis.push_back(textOf(b));
    if (const Node ad = root.element("addressees"))
        for (const Node& a : ad.elements("addressee")) d.addressees.push_back(textOf(a));
    if (const Node body = root.element("body")) d.body = blocks(body, 0);
    for (const Node& s : root.elements("signature")) d.signatures.push_back(signature(s));
    if (const Node r = root.element("recipients")) recipients(r, d);
    for (const Node& a : root.elements("appendix")) d.appendices.push_back(appendix(a));
    for (const Node& a : root.elements("attachment")) d.attachments.push_back(attachment(a));
    if (const Node r = root.element("relations")) relations(r, d);
    if (const Node c = root.element("contact")) {
        d.contact.address = attr(c, "address");
        d.contact.phone = attr(c, "phone");
        d.contact.fax = attr(c, "fax");
        d.contact.email = attr(c, "email");
        d.contact.website = attr(c, "website");
    }
    return d;
}

}  // namespace

Result<ReadOutcome> readDocumentXml(std::string_view bytes, const ReadOptions& options) {
    auto parsed = xml::parse(bytes, options.maxBytes);
    if (!parsed.ok()) return parsed.errors();
    const xml::Document& doc = parsed.value();

    Errors errors = schemaFor(options.schema)->validate(doc);
    Errors dateErrors = checkDates(doc, errors);
    errors.insert(errors.end(), std::make_move_iterator(dateErrors.begin()), std::make_move_iterator(dateErrors.end()));
    if (!errors.empty()) {
        sortByPosition(errors);
        return errors;
    }

    Builder builder(doc);
    model::Document document = builder.build();
    if (!builder.errors.empty()) {
        sortByPosition(builder.errors);
        return std::move(builder.errors);
    }

    model::ValidationReport report = model::validate(document);
    if (!report.errors.empty()) return std::move(report.errors);
    return ReadOutcome{std::move(document), std::move(report.warnings)};
}

Result<ReadOutcome> readDocumentFile(const std::filesystem::path& path, const ReadOptions& options) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status)) {
        Error e;
        e.code = Errc::NotFound;
        e.field = path.string();
        e.messageVi = "Không tìm thấy tệp '" + path.string() + "'";
        e.messageEn = "File not found: '" + path.string() + "'";
        return e;
    }
    if (!std::filesystem::is_regular_file(status)) {
        Error e;
        e.code = Errc::InvalidInput;
        e.field = path.string();
        e.messageVi = "'" + path.string() + "' không phải là một tệp";
        e.messageEn = "'" + path.string() + "' is not a regular file";
        return e;
    }
    const auto tooLarge = [&](std::uintmax_t size, bool atLeast) {
        const std::string n = (atLeast ? "> " : "") + std::to_string(size);
        Error e;
        e.code = Errc::TooLarge;
        e.field = path.string();
        e.messageVi = "Tệp '" + path.string() + "' quá lớn: " + n + " byte, giới hạn là " + std::to_string(options.maxBytes) + " byte";
        e.messageEn = "The file '" + path.string() + "' is too large: " + n + " bytes, the limit is " +
                      std::to_string(options.maxBytes) + " bytes";
        return e;
    };
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw Failure(Errc::Storage, "cannot stat " + path.string() + ": " + ec.message());
    if (size > options.maxBytes) return tooLarge(size, false);  // refused before a single byte is read

    // Read at most maxBytes + 1 bytes: a file that grew since the size check is still refused
    // without reading all of it.
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure(Errc::Storage, "cannot open " + path.string());
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(size) + 1);
    char chunk[64 * 1024];
    while (bytes.size() <= options.maxBytes && in.read(chunk, sizeof chunk).gcount() > 0)
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw Failure(Errc::Storage, "cannot read " + path.string());
    if (bytes.size() > options.maxBytes) return tooLarge(options.maxBytes, true);
    return readDocumentXml(bytes, options);
}

}  // namespace vanthu::input
