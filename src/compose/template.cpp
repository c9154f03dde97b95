#include "compose/template.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <optional>
#include <utility>

#include "core/error.h"
#include "core/files.h"
#include "model/document_type.h"
#include "text/unicode.h"
#include "xml/node.h"
#include "xml/parser.h"
#include "xml/schema.h"

namespace vanthu::compose::detail {
namespace {

using xml::Node;

constexpr std::string_view kNs = "urn:vanthu:template:1";

constexpr std::string_view kRoleNames[kRoleCount] = {
    "ParentOrgan", "Issuer", "Number", "CongVanSubject", "QuocHieu", "TieuNgu", "PlaceDate",
    "SecrecyMark", "UrgencyMark", "CirculationMark", "TypeName", "Subject", "AttachedNote",
    "AuthorityLine", "LegalBasis", "DecisionWord", "Addressee", "PartLabel", "PartTitle",
    "ChapterLabel", "ChapterTitle", "SectionLabel", "SectionTitle", "Article", "Clause", "Point",
    "Heading1", "Heading2", "Heading3", "Heading4", "Body", "Bullet", "TableText",
    "RecipientsLabel", "RecipientItem", "DrafterMark", "SignerAuthority", "SignerPosition",
    "SignerOtherTitle", "SignatureSpace", "SignerName", "Contact", "AppendixLabel",
    "AppendixTitle", "Spacer",
};

constexpr std::pair<std::string_view, Item> kItems[] = {
    {"circulationMark", Item::CirculationMark}, {"header", Item::Header}, {"typeName", Item::TypeName},
    {"subject", Item::Subject}, {"authority", Item::Authority}, {"legalBasis", Item::LegalBasis},
    {"decisionWord", Item::DecisionWord}, {"addressees", Item::Addressees}, {"body", Item::Body},
    {"signature", Item::Signature}, {"contact", Item::Contact}, {"attachedNote", Item::AttachedNote},
    {"appendixLabel", Item::AppendixLabel}, {"appendixTitle", Item::AppendixTitle},
};

constexpr std::pair<std::string_view, HeaderItem> kHeaderItems[] = {
    {"parentOrgan", HeaderItem::ParentOrgan}, {"issuer", HeaderItem::Issuer}, {"number", HeaderItem::Number},
    {"congVanSubject", HeaderItem::CongVanSubject}, {"secrecyMark", HeaderItem::SecrecyMark},
    {"urgencyMark", HeaderItem::UrgencyMark}, {"quocHieu", HeaderItem::QuocHieu}, {"tieuNgu", HeaderItem::TieuNgu},
    {"placeDate", HeaderItem::PlaceDate},
};

constexpr std::string_view kWordKeys[static_cast<std::size_t>(Word::Count)] = {
    "quocHieu", "tieuNgu", "numberLine", "placeDate", "draftDate", "congVanSubject", "kinhGui",
    "decisionWord", "noiNhan", "asAbove", "asArticle", "archive", "archiveCopies", "attachedNote",
    "appendixNote", "appendixNoteNested", "appendixLabel", "appendixLabelNumbered", "contactAddress",
    "contactPhone", "contactFax", "contactEmail", "contactWebsite", "contactSeparator",
};

constexpr std::string_view kLabelKinds[static_cast<std::size_t>(LabelKind::Count)] = {
    "part", "chapter", "section", "subsection", "article", "clause", "point",
    "heading1", "heading2", "heading3", "heading4", "bullet",
};

template <class T, std::size_t N>
std::optional<T> lookup(const std::pair<std::string_view, T> (&table)[N], std::string_view key) {
    for (const auto& [k, v] : table)
        if (k == key) return v;
    return std::nullopt;
}

template <std::size_t N>
std::optional<std::size_t> indexOf(const std::string_view (&table)[N], std::string_view key) {
    for (std::size_t i = 0; i < N; ++i)
        if (table[i] == key) return i;
    return std::nullopt;
}

// ---- reading one file ----

class Reader {
public:
    Reader(std::filesystem::path file, const xml::Document& doc) : file_(std::move(file)), doc_(doc) {}

    [[noreturn]] void fail(Node n, const std::string& what) const {
        throw Failure(Errc::Internal, file_.string() + ":" + std::to_string(n ? doc_.position(n).line : 0) + ": " + what);
    }

    std::optional<std::string> attr(Node n, const char* name) const { return n.attribute(name); }

    // "14pt", "20mm", "1.27cm" → points. The schema has checked the form.
    std::optional<double> length(Node n, const char* name) const {
        const auto s = attr(n, name);
        if (!s) return std::nullopt;
        std::string_view v = *s;
        double factor = 1;
        if (v.ends_with("mm")) factor = mm(1);
        else if (v.ends_with("cm")) factor = mm(10);
        else if (!v.ends_with("pt")) fail(n, std::string("bad length ") + name + "=\"" + *s + "\"");
        v.remove_suffix(2);
        return number(n, name, v) * factor;
    }

    std::optional<double> decimal(Node n, const char* name) const {
        const auto s = attr(n, name);
        if (!s) return std::nullopt;
        return number(n, name, *s);
    }

    std::optional<bool> boolean(Node n, const char* name) const {
        const auto s = attr(n, name);
        if (!s) return std::nullopt;
        return *s == "true" || *s == "1";
    }

    std::optional<Align> align(Node n, const char* name) const {
        const auto s = attr(n, name);
        if (!s) return std::nullopt;
        if (*s == "left") return Align::Left;
        if (*s == "center") return Align::Center;
        if (*s == "right") return Align::Right;
        if (*s == "justify") return Align::Justify;
        fail(n, "bad alignment " + *s);
    }

    std::vector<std::string> tokens(Node n, const char* name) const {
        std::vector<std::string> out;
        const auto s = attr(n, name);
        if (!s) return out;
        std::size_t i = 0;
        while (i < s->size()) {
            while (i < s->size() && std::isspace(static_cast<unsigned char>((*s)[i]))) ++i;
            std::size_t j = i;
            while (j < s->size() && !std::isspace(static_cast<unsigned char>((*s)[j]))) ++j;
            if (j > i) out.push_back(s->substr(i, j - i));
            i = j;
        }
        return out;
    }

    // Fixed wording must already be NFC: compose copies it into the output unchanged.
    std::string nfcText(Node n, const std::string& s) const {
        if (!text::isValidUtf8(s) || !text::isNfc(s)) fail(n, "text is not NFC UTF-8: \"" + s + "\"");
        return s;
    }

private:
    double number(Node n, const char* name, std::string_view v) const {
        double d = 0;
        const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
        if (ec != std::errc{} || p != v.data() + v.size()) fail(n, std::string("bad number in ") + name);
        return d;
    }

    std::filesystem::path file_;
    const xml::Document& doc_;
};

// The schema has fixed the namespace of every element below the root.
template <class F>
void forChildren(Node parent, std::string_view local, F f) {
    for (const Node c : parent.elements(local)) f(c);
}

Node child(Node parent, std::string_view local) { return parent.element(local); }

template <class T>
void set(T& target, const std::optional<T>& v) {
    if (v) target = *v;
}

void applyStyle(const Reader& r, Node n, RoleStyle& s) {
    s.defined = true;
    set(s.text.sizePt, r.length(n, "size"));
    set(s.text.bold, r.boolean(n, "bold"));
    set(s.text.italic, r.boolean(n, "italic"));
    set(s.text.underline, r.boolean(n, "underline"));
    if (const auto c = r.attr(n, "case")) s.upper = *c == "upper";
    set(s.format.align, r.align(n, "align"));
    set(s.format.firstLineIndentPt, r.length(n, "firstLineIndent"));
    set(s.format.leftIndentPt, r.length(n, "leftIndent"));
    set(s.format.rightIndentPt, r.length(n, "rightIndent"));
    set(s.format.spaceBeforePt, r.length(n, "spaceBefore"));
    set(s.format.spaceAfterPt, r.length(n, "spaceAfter"));
    set(s.format.lineSpacing, r.decimal(n, "lineSpacing"));
    set(s.format.keepWithNext, r.boolean(n, "keepWithNext"));
    set(s.format.keepLinesTogether, r.boolean(n, "keepLinesTogether"));
    if (const auto rule = r.attr(n, "rule")) {
        if (*rule == "text") {
            s.rule = RuleKind::TextWidth;
        } else if (*rule == "none") {
            s.rule = RuleKind::None;
        } else {
            s.rule = RuleKind::Fraction;
            s.ruleFraction = *r.decimal(n, "rule");
        }
    }
    set(s.ruleThicknessPt, r.length(n, "ruleThickness"));
    set(s.ruleGapPt, r.length(n, "ruleGap"));
}

std::vector<Item> itemList(const Reader& r, Node n, const char* name) {
    std::vector<Item> out;
    for (const auto& t : r.tokens(n, name)) {
        const auto it = lookup(kItems, t);
        if (!it) r.fail(n, "unknown block " + t);
        out.push_back(*it);
    }
    return out;
}

std::vector<HeaderItem> headerItems(const Reader& r, Node n, const char* name) {
    std::vector<HeaderItem> out;
    for (const auto& t : r.tokens(n, name)) {
        const auto it = lookup(kHeaderItems, t);
        if (!it) r.fail(n, "unknown header item " + t);
        out.push_back(*it);
    }
    return out;
}

// Page size, margins and page numbers.
void applyPage(const Reader& r, Node root, Template& t) {
    if (Node n = child(root, "page")) {
        set(t.page.widthPt, r.length(n, "width"));
        set(t.page.heightPt, r.length(n, "height"));
        set(t.page.marginTopPt, r.length(n, "marginTop"));
        set(t.page.marginBottomPt, r.length(n, "marginBottom"));
        set(t.page.marginLeftPt, r.length(n, "marginLeft"));
        set(t.page.marginRightPt, r.length(n, "marginRight"));
        set(t.page.headerDistancePt, r.length(n, "headerDistance"));
    }
    if (Node n = child(root, "pageNumbers")) {
        set(t.numbering.enabled, r.boolean(n, "enabled"));
        set(t.numbering.onFirstPage, r.boolean(n, "firstPage"));
        set(t.numbering.style.sizePt, r.length(n, "size"));
        set(t.numbering.style.bold, r.boolean(n, "bold"));
        set(t.numbering.style.italic, r.boolean(n, "italic"));
        set(t.numbering.align, r.align(n, "align"));
    }
}

// The header table's rows and the order of blocks in each section.
void applyHeaderAndLayout(const Reader& r, Node root, Template& t) {
    if (Node n = child(root, "header")) {
        set(t.headerLeftFraction, r.decimal(n, "leftWidth"));
        set(t.cellPaddingPt, r.length(n, "cellPadding"));
        t.headerRows.clear();
        forChildren(n, "row", [&](Node row) {
            HeaderRow h;
            h.left = headerItems(r, row, "left");
            h.right = headerItems(r, row, "right");
            const auto sections = r.tokens(row, "sections");
            if (!sections.empty()) {
                h.inMain = std::find(sections.begin(), sections.end(), "main") != sections.end();
                h.inAttachment = std::find(sections.begin(), sections.end(), "attachment") != sections.end();
            }
            t.headerRows.push_back(std::move(h));
        });
    }
    if (Node n = child(root, "layout")) {
        if (r.attr(n, "main")) t.mainLayout = itemList(r, n, "main");
        if (r.attr(n, "attachment")) t.attachmentLayout = itemList(r, n, "attachment");
        if (r.attr(n, "appendix")) t.appendixLayout = itemList(r, n, "appendix");
    }
}

// Styles per role, table headers, numbering labels and fixed wording.
void applyStylesAndWords(const Reader& r, Node root, Template& t) {
    if (Node n = child(root, "styles")) {
        forChildren(n, "style", [&](Node s) {
            Role role{};
            if (!roleFromName(*r.attr(s, "role"), role)) r.fail(s, "unknown role " + *r.attr(s, "role"));
            applyStyle(r, s, t.styles[idx(role)]);
        });
    }
    if (Node n = child(root, "tables")) {
        set(t.tableHeaderBold, r.boolean(n, "headerBold"));
        set(t.tableHeaderAlign, r.align(n, "headerAlign"));
    }
    if (Node n = child(root, "labels")) {
        forChildren(n, "label", [&](Node l) {
            const auto k = indexOf(kLabelKinds, *r.attr(l, "kind"));
            if (!k) r.fail(l, "unknown label kind");
            LabelSpec& spec = t.labels[*k];
            spec.pattern = r.nfcText(l, *r.attr(l, "pattern"));
            const std::string num = r.attr(l, "numbering").value_or("arabic");
            spec.numbering = num == "roman"      ? Numbering::Roman
                             : num == "alpha-vi" ? Numbering::AlphaVi
                             : num == "dotted"   ? Numbering::Dotted
                             : num == "none"     ? Numbering::None
                                                 : Numbering::Arabic;
        });
    }
    if (Node n = child(root, "wording")) {
        forChildren(n, "text", [&](Node w) {
            const auto k = indexOf(kWordKeys, *r.attr(w, "key"));
            if (!k) r.fail(w, "unknown wording key");
            t.words[*k] = r.nfcText(w, *r.attr(w, "value"));
        });
    }
}

// The signature block, recipients, addressees, urgency and circulation marks, contact and draft.
void applyBlocksAndMarks(const Reader& r, Node root, Template& t) {
    if (Node n = child(root, "signature")) {
        set(t.signatureLeftFraction, r.decimal(n, "leftWidth"));
        set(t.signatureSpaceBeforePt, r.length(n, "spaceBefore"));
        if (const auto lines = r.decimal(n, "spaceLines")) t.signatureSpaceLines = static_cast<int>(*lines);
    }
    if (Node n = child(root, "recipients")) set(t.firstRecipientAsAbove, r.boolean(n, "firstAsAbove"));
    if (Node n = child(root, "addressees")) set(t.addresseesLeftFraction, r.decimal(n, "multipleLeft"));
    if (Node n = child(root, "marks")) {
        forChildren(n, "urgency", [&](Node u) {
            const std::string level = *r.attr(u, "level");
            const auto urgency = level == "hoa-toc"       ? model::Urgency::HoaToc
                                 : level == "thuong-khan" ? model::Urgency::ThuongKhan
                                                          : model::Urgency::Khan;
            Frame& f = t.urgencyFrames[static_cast<std::size_t>(urgency)];
            set(f.widthPt, r.length(u, "width"));
            set(f.heightPt, r.length(u, "height"));
        });
        if (Node c = child(n, "circulation")) {
            set(t.circulationLeftFraction, r.decimal(c, "left"));
            set(t.circulationHeightPt, r.length(c, "height"));
            set(t.circulationPaddingPt, r.length(c, "padding"));
        }
    }
    if (Node n = child(root, "contact")) {
        set(t.contactRule, r.boolean(n, "ruleAbove"));
        set(t.contactRuleThicknessPt, r.length(n, "ruleThickness"));
    }
    if (Node n = child(root, "draft")) {
        if (const auto gap = r.decimal(n, "gap")) t.draftGap = static_cast<int>(*gap);
    }
}

// Applies one file on top of `t` (a copy of the default, or a blank template for default.xml).
void apply(const Reader& r, Node root, Template& t) {
    t.id = *r.attr(root, "id");
    t.types.clear();
    for (const auto& key : r.tokens(root, "types")) {
        const auto type = model::typeFromKey(key);
        if (!type) r.fail(root, "unknown document type " + key);
        t.types.push_back(*type);
    }
    applyPage(r, root, t);
    applyHeaderAndLayout(r, root, t);
    applyStylesAndWords(r, root, t);
    applyBlocksAndMarks(r, root, t);
}

// Decree 30 bounds that a template could break (decree-30-2020.md §1, §2, §10). The output is
// tested again in tests/compose; this catches a bad edit at start-up with the file named.
void checkRanges(const Template& t) {
    auto fail = [&](const std::string& what) {
        throw Failure(Errc::Internal, t.file.string() + ": " + what + " (Decree 30/2020, reference/decree-30-2020.md)");
    };
    auto inMm = [](double pt, double lo, double hi) { return pt >= mm(lo) - 0.01 && pt <= mm(hi) + 0.01; };
    if (!inMm(t.page.marginTopPt, 20, 25) || !inMm(t.page.marginBottomPt, 20, 25) ||
        !inMm(t.page.marginLeftPt, 30, 35) || !inMm(t.page.marginRightPt, 15, 20))
        fail("margins outside T 20–25, B 20–25, L 30–35, R 15–20 mm");
    if (t.numbering.onFirstPage) fail("page numbers must not appear on page 1");
    if (t.numbering.style.sizePt < 13 || t.numbering.style.sizePt > 14) fail("page numbers must be 13–14 pt");
    for (std::size_t i = 0; i < kRoleCount; ++i) {
        const RoleStyle& s = t.styles[i];
        if (!s.defined) fail("no style for role " + std::string(kRoleNames[i]));
        if (s.rule == RuleKind::Fraction && (s.ruleFraction < 1.0 / 3 - 1e-9 || s.ruleFraction > 0.5 + 1e-9))
            fail("the rule of " + std::string(kRoleNames[i]) + " must be 1/3–1/2 of its line");
    }
    for (Role r : {Role::Body, Role::Article, Role::Clause, Role::Point, Role::Bullet, Role::LegalBasis}) {
        const auto& f = t.style(r).format;
        if (f.lineSpacing < 1.0 || f.lineSpacing > 1.5) fail("line spacing of body text must be 1.0–1.5");
        if (f.spaceAfterPt + f.spaceBeforePt < 6) fail("paragraph spacing of body text must be at least 6 pt");
    }
    for (const auto& l : t.labels)
        if (l.pattern.empty()) fail("a <label> kind is missing");
    for (std::size_t w = 0; w < t.words.size(); ++w)
        if (t.words[w].empty() && w != static_cast<std::size_t>(Word::DecisionWord) &&
            w != static_cast<std::size_t>(Word::ArchiveCopies) && w != static_cast<std::size_t>(Word::ContactSeparator))
            fail("wording '" + std::string(kWordKeys[w]) + "' is missing");
    for (const Frame& f : {t.urgencyFrames[1], t.urgencyFrames[2], t.urgencyFrames[3]})
        if (f.widthPt <= 0 || f.heightPt <= 0) fail("an urgency box size is missing");
}

}  // namespace

std::string_view roleName(Role r) {
    const auto i = idx(r);
    return i < kRoleCount ? kRoleNames[i] : std::string_view{};
}

bool roleFromName(std::string_view name, Role& out) {
    if (const auto i = indexOf(kRoleNames, name)) {
        out = static_cast<Role>(*i);
        return true;
    }
    return false;
}

TemplateSet TemplateSet::load(const std::filesystem::path& templatesDir, const std::filesystem::path& xsd) {
    // xml::Schema reads the XSD (and its xs:import of document.xsd) through the deny-all entity
    // loader opened for the XSD's own folder only.
    const auto schema = xml::Schema::load(xsd);

    struct Parsed {
        std::filesystem::path file;
        xml::Document doc;
    };
    auto describe = [](const std::filesystem::path& file, const Errors& errors) {
        std::string s;
        for (const auto& e : errors) s += "\n  " + file.string() + ":" + e.describe();
        return s;
    };
    auto parse = [&](const std::filesystem::path& file) {
        auto doc = xml::parse(readFile(file));
        if (!doc.ok()) throw Failure(Errc::Internal, "malformed template " + file.string() + ":" + describe(file, doc.errors()));
        const Errors errors = schema->validate(doc.value());
        if (!errors.empty()) throw Failure(Errc::Internal, file.string() + " breaks schemas/template.xsd:" + describe(file, errors));
        if (doc.value().root().namespaceUri() != kNs) throw Failure(Errc::Internal, file.string() + ": not a template");
        return Parsed{file, std::move(doc.value())};
    };

    const auto defaultFile = templatesDir / "default.xml";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(defaultFile, ec))
        throw Failure(Errc::NotFound, "default template missing: " + defaultFile.string());

    TemplateSet set;
    {
        Parsed p = parse(defaultFile);
        const Node root = p.doc.root();
        Reader r(p.file, p.doc);
        if (r.attr(root, "extends")) r.fail(root, "default.xml cannot extend another template");
        set.defaults_.file = p.file;
        apply(r, root, set.defaults_);
        checkRanges(set.defaults_);
    }

    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(templatesDir))
        if (e.path().extension() == ".xml" && e.path().filename() != "default.xml") files.push_back(e.path());
    std::sort(files.begin(), files.end());  // deterministic error reporting

    for (const auto& file : files) {
        Parsed p = parse(file);
        const Node root = p.doc.root();
        Reader r(p.file, p.doc);
        if (r.attr(root, "extends").value_or("") != "default") r.fail(root, "a per-type template must extend=\"default\"");
        Template t = set.defaults_;
        t.file = file;
        apply(r, root, t);
        if (t.types.empty()) r.fail(root, "a per-type template must name its types=\"…\"");
        checkRanges(t);
        for (const auto type : t.types) {
            if (set.byType_.count(type))
                r.fail(root, "type " + std::string(model::info(type).key) + " already has template " + set.byType_.at(type).id);
            set.byType_.emplace(type, t);
        }
    }
    return set;
}

const Template& TemplateSet::forType(model::DocumentType t) const {
    const auto it = byType_.find(t);
    return it == byType_.end() ? defaults_ : it->second;
}

}  // namespace vanthu::compose::detail
