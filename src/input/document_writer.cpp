#include "input/document_writer.h"

#include <cstdio>
#include <string_view>

#include "core/iso_date.h"
#include "model/document_type.h"
#include "xml/writer.h"

namespace vanthu::input {
namespace {

std::string_view secrecyKey(model::Secrecy s) {
    switch (s) {
        case model::Secrecy::Mat: return "mat";
        case model::Secrecy::ToiMat: return "toi-mat";
        case model::Secrecy::TuyetMat: return "tuyet-mat";
        case model::Secrecy::None: break;
    }
    return {};
}

std::string_view urgencyKey(model::Urgency u) {
    switch (u) {
        case model::Urgency::Khan: return "khan";
        case model::Urgency::ThuongKhan: return "thuong-khan";
        case model::Urgency::HoaToc: return "hoa-toc";
        case model::Urgency::None: break;
    }
    return {};
}

std::string_view circulationKey(model::Circulation c) {
    switch (c) {
        case model::Circulation::XemXongTraLai: return "xem-xong-tra-lai";
        case model::Circulation::LuuHanhNoiBo: return "luu-hanh-noi-bo";
        case model::Circulation::None: break;
    }
    return {};
}

std::string_view authorityKey(model::Authority a) {
    switch (a) {
        case model::Authority::TM: return "TM";
        case model::Authority::KT: return "KT";
        case model::Authority::TL: return "TL";
        case model::Authority::TUQ: return "TUQ";
        case model::Authority::Q: return "Q";
        case model::Authority::None: break;
    }
    return {};
}

std::string_view elementOf(model::BlockKind k) {
    using model::BlockKind;
    switch (k) {
        case BlockKind::Part: return "part";
        case BlockKind::Chapter: return "chapter";
        case BlockKind::Section: return "section";
        case BlockKind::Subsection: return "subsection";
        case BlockKind::Article: return "article";
        case BlockKind::Clause: return "clause";
        case BlockKind::Point: return "point";
        case BlockKind::Heading: return "heading";
        case BlockKind::Paragraph: return "p";
        case BlockKind::Bullet: return "bullet";
        case BlockKind::Table: return "table";
        case BlockKind::Row: return "row";
        case BlockKind::Cell: return "cell";
    }
    return "p";
}

// Writes with the indentation a person would give the file. Whitespace between block elements
// is insignificant to the reader (it collapses and trims), so it can be added freely there, but
// never inside inline content.
class DocWriter {
public:
    explicit DocWriter(std::string& out) : w_(out, false) { out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"; }

    void document(const model::Document& d) {
        w_.open("document").attr("xmlns", "urn:vanthu:document:1").attr("type", model::info(d.type).key);
        if (!d.id.empty()) w_.attr("id", d.id);
        optionalAttr("secrecy", secrecyKey(d.secrecy));
        optionalAttr("urgency", urgencyKey(d.urgency));
        optionalAttr("circulation", circulationKey(d.circulation));
        ++depth_;

        nl();
        w_.open("code");
        if (d.code.number) w_.attr("number", *d.code.number);
        if (d.code.year) w_.attr("year", *d.code.year);
        w_.attr("notation", d.code.notation).close();
        if (!d.parentIssuer.empty()) organ("parentIssuer", d.parentIssuer);
        organ("issuer", d.issuer);
        textElement("place", d.place);
        if (d.issueDate) textElement("issueDate", formatIsoDate(*d.issueDate));
        if (d.effectiveDate) textElement("effectiveDate", formatIsoDate(*d.effectiveDate));
        textElement("subject", d.subject);
        if (d.authority.find('\n') != std::string::npos) {  // several lines: one <line> each
            std::vector<std::string> lines;
            for (std::size_t at = 0; at <= d.authority.size();) {
                const auto end = std::min(d.authority.find('\n', at), d.authority.size());
                lines.push_back(d.authority.substr(at, end - at));
                at = end + 1;
            }
            list("authority", "line", lines);
        } else if (!d.authority.empty()) {
            textElement("authority", d.authority);
        }
        list("legalBasis", "basis", d.legalBasis);
        list("addressees", "addressee", d.addressees);
        body(d.body);
        for (const auto& s : d.signatures) signature(s);
        recipients(d);
        for (const auto& a : d.appendices) appendix(a);
        for (const auto& a : d.attachments) attachment(a);
        relations(d.relations);
        contact(d.contact);

        --depth_;
        nl();
        w_.close();
        w_.raw("\n");
    }

private:
    void nl() {
        indent_.assign(1, '\n');
        indent_.append(2 * depth_, ' ');
        w_.raw(indent_);
    }
    void open(std::string_view name) {
        nl();
        w_.open(name);
        ++depth_;
    }
    void close() {
        --depth_;
        nl();
        w_.close();
    }
    void optionalAttr(std::string_view name, std::string_view value) {
        if (!value.empty()) w_.attr(name, value);
    }
    void textElement(std::string_view name, std::string_view text) {
        nl();
        w_.open(name).text(text).close();
    }
    void list(std::string_view outer, std::string_view inner, const std::vector<std::string>& items) {
        if (items.empty()) return;
        open(outer);
        for (const auto& i : items) textElement(inner, i);
        close();
    }
    void organ(std::string_view name, const model::Organ& o) {
        nl();
        w_.open(name);
        if (!o.abbreviation.empty()) w_.attr("abbreviation", o.abbreviation);
        if (!o.organId.empty()) w_.attr("organId", o.organId);
        w_.text(o.name).close();
    }

    // Mixed content on one line: each run inside the elements of its formatting.
    void inlineElement(std::string_view name, const model::Inlines& runs) {
        nl();
        w_.open(name);
        for (const auto& r : runs) {
            int opened = 0;
            if (r.bold) w_.open("b"), ++opened;
            if (r.italic) w_.open("i"), ++opened;
            if (r.underline) w_.open("u"), ++opened;
            w_.text(r.text);
            while (opened-- > 0) w_.close();
        }
        w_.close();
    }

    void body(const std::vector<model::Block>& blocks) {
        open("body");
        for (const auto& b : blocks) block(b);
        close();
    }

    void block(const model::Block& b) {
        using model::BlockKind;
        const std::string_view name = elementOf(b.kind);
        switch (b.kind) {
            case BlockKind::Paragraph:
            case BlockKind::Bullet:
                inlineElement(name, b.text);
                return;
            case BlockKind::Table: {
                open(name);
                if (!b.columnWidths.empty()) {
                    std::string widths;
                    for (int v : b.columnWidths) widths += (widths.empty() ? "" : " ") + std::to_string(v);
                    w_.attr("widths", widths);
                }
                for (const auto& row : b.children) {
                    open("row");
                    if (row.headerRow) w_.attr("header", "true");
                    for (const auto& cell : row.children) inlineElement("cell", cell.text);
                    close();
                }
                close();
                return;
            }
            default:
                break;
        }
        open(name);
        if (!b.number.empty()) w_.attr("number", b.number);
        const bool titled = b.kind != BlockKind::Point;
        const bool texted = b.kind == BlockKind::Article || b.kind == BlockKind::Clause || b.kind == BlockKind::Point;
        // Divisions and headings require a title; a point requires its text (schema).
        const bool titleRequired = !texted;
        if (titled && (titleRequired || !b.title.empty())) inlineElement("title", b.title);
        if (texted && (b.kind == BlockKind::Point || !b.text.empty())) inlineElement("text", b.text);
        for (const auto& c : b.children) block(c);
        close();
    }

    void signature(const model::Signature& s) {
        open("signature");
        for (const auto& line : s.chain) {
            nl();
            w_.open("capacity");
            optionalAttr("kind", authorityKey(line.authority));
            w_.text(line.title).close();
        }
        if (!s.position.empty()) textElement("position", s.position);
        if (!s.otherTitle.empty()) textElement("otherTitle", s.otherTitle);
        textElement("name", s.name);
        close();
    }

    void recipients(const model::Document& d) {
        // The schema needs the archive line inside <recipients>; a document without recipients
        // and with the default archive line writes none.
        if (d.recipients.empty() && d.archive.units.size() == 1 && d.archive.units[0] == "VT" &&
            d.archive.copies == 0 && d.archive.drafterInitials.empty() && d.archive.issuedCopies == 0)
            return;
        open("recipients");
        for (const auto& r : d.recipients) {
            nl();
            switch (r.kind) {
                case model::RecipientKind::AsAbove:
                    w_.open("asAbove");
                    optionalAttr("purpose", r.purpose);
                    w_.close();
                    break;
                case model::RecipientKind::AsArticle:
                    w_.open("asArticle").attr("article", r.article);
                    optionalAttr("purpose", r.purpose);
                    w_.close();
                    break;
                case model::RecipientKind::Agency:
                    w_.open("recipient");
                    optionalAttr("purpose", r.purpose);
                    optionalAttr("organId", r.organId);
                    w_.text(r.name).close();
                    break;
            }
        }
        open("archive");
        if (d.archive.copies > 0) w_.attr("copies", d.archive.copies);
        optionalAttr("drafter", d.archive.drafterInitials);
        if (d.archive.issuedCopies > 0) w_.attr("issuedCopies", d.archive.issuedCopies);
        for (const auto& u : d.archive.units) textElement("unit", u);
        close();
        close();
    }

    void appendix(const model::Appendix& a) {
        open("appendix");
        if (!a.number.empty()) w_.attr("number", a.number);
        if (a.landscape) w_.attr("orientation", "landscape");
        textElement("title", a.title);
        body(a.body);
        close();
    }

    void attachment(const model::AttachedDocument& a) {
        open("attachment");
        w_.attr("type", model::info(a.type).key);
        textElement("subject", a.subject);
        body(a.body);
        if (a.signature) signature(*a.signature);
        for (const auto& ap : a.appendices) appendix(ap);
        close();
    }

    void relations(const std::vector<model::Relation>& rs) {
        if (rs.empty()) return;
        open("relations");
        for (const auto& r : rs) {
            nl();
            w_.open("relation").attr("kind", model::relationKey(r.kind)).attr("code", r.targetCode);
            if (r.targetDate) w_.attr("date", formatIsoDate(*r.targetDate));
            w_.text(r.note).close();
        }
        close();
    }

    void contact(const model::Contact& c) {
        if (c.empty()) return;
        nl();
        w_.open("contact");
        optionalAttr("address", c.address);
        optionalAttr("phone", c.phone);
        optionalAttr("fax", c.fax);
        optionalAttr("email", c.email);
        optionalAttr("website", c.website);
        w_.close();
    }

    xml::Writer w_;
    int depth_ = 0;
    std::string indent_;
};

}  // namespace

std::string writeDocumentXml(const model::Document& d) {
    std::string out;
    DocWriter(out).document(d);
    return out;
}

}  // namespace vanthu::input
