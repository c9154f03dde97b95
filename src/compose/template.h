// compose/template.h (private to compose): the templates of templates/*.xml as loaded, after
// schema validation (schemas/template.xsd) and inheritance (a per-type file overrides
// templates/default.xml attribute by attribute). Everything compose decides about sizes,
// styles, spacing, wording and block order comes from here; compose.cpp holds only documented
// fallbacks and the punctuation rules of Decree 30.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "compose/composition.h"
#include "model/document.h"

namespace vanthu::compose::detail {

constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::Spacer) + 1;
constexpr std::size_t idx(Role r) { return static_cast<std::size_t>(r); }

// The template's name of a role: the enumerator's name ("QuocHieu"); "" if out of range.
std::string_view roleName(Role r);
bool roleFromName(std::string_view name, Role& out);

// What comes in which order (the <layout> lists).
enum class Item {
    CirculationMark, Header, TypeName, Subject, Authority, LegalBasis, DecisionWord, Addressees,
    Body, Signature, Contact, AttachedNote, AppendixLabel, AppendixTitle,
};

// What goes in the header table's cells (the <header><row left=… right=…> lists).
enum class HeaderItem { ParentOrgan, Issuer, Number, CongVanSubject, SecrecyMark, UrgencyMark, QuocHieu, TieuNgu, PlaceDate };

enum class RuleKind { None, TextWidth, Fraction };

struct RoleStyle {
    bool defined = false;
    TextStyle text;
    ParagraphFormat format;
    bool upper = false;                // case="upper": text::toUpper at compose time
    RuleKind rule = RuleKind::None;
    double ruleFraction = 0;           // of the longest measured line (RuleKind::Fraction)
    double ruleThicknessPt = 0.5;
    double ruleGapPt = 1;
};

enum class Numbering { Arabic, Roman, AlphaVi, Dotted, None };

enum class LabelKind { Part, Chapter, Section, Subsection, Article, Clause, Point, Heading1, Heading2, Heading3, Heading4, Bullet, Count };

struct LabelSpec {
    std::string pattern;  // "Điều {n}."
    Numbering numbering = Numbering::Arabic;
};

// Fixed wording, keyed by the <text key="…"> names of the template.
enum class Word {
    QuocHieu, TieuNgu, NumberLine, PlaceDate, DraftDate, CongVanSubject, KinhGui, DecisionWord,
    NoiNhan, AsAbove, AsArticle, Archive, ArchiveCopies, AttachedNote, AppendixNote,
    AppendixNoteNested, AppendixLabel, AppendixLabelNumbered, ContactAddress, ContactPhone,
    ContactFax, ContactEmail, ContactWebsite, ContactSeparator, Count,
};

struct HeaderRow {
    std::vector<HeaderItem> left, right;
    bool inMain = true;
    bool inAttachment = true;
};

struct Template {
    std::string id;
    std::filesystem::path file;
    std::vector<model::DocumentType> types;

    PageSetup page;
    PageNumbering numbering;

    double headerLeftFraction = 0.45;
    double cellPaddingPt = 0;  // left/right cell margin of layout tables (the DOCX writer uses 0)
    std::vector<HeaderRow> headerRows;

    std::vector<Item> mainLayout, attachmentLayout, appendixLayout;
    std::array<RoleStyle, kRoleCount> styles{};

    bool tableHeaderBold = true;
    Align tableHeaderAlign = Align::Center;

    std::array<LabelSpec, static_cast<std::size_t>(LabelKind::Count)> labels{};
    std::array<std::string, static_cast<std::size_t>(Word::Count)> words{};

    double signatureLeftFraction = 0.5;
    double signatureSpaceBeforePt = 12;
    int signatureSpaceLines = 4;

    bool firstRecipientAsAbove = false;
    double addresseesLeftFraction = 0.25;

    std::array<Frame, 4> urgencyFrames{};  // indexed by model::Urgency
    double circulationLeftFraction = 0.58;
    double circulationHeightPt = mm(8);
    double circulationPaddingPt = mm(2);

    bool contactRule = true;
    double contactRuleThicknessPt = 0.5;

    int draftGap = 5;  // spaces standing for a missing number, day, month, year on a draft

    const RoleStyle& style(Role r) const { return styles[idx(r)]; }
    const std::string& word(Word w) const { return words[static_cast<std::size_t>(w)]; }
    const LabelSpec& label(LabelKind k) const { return labels[static_cast<std::size_t>(k)]; }
};

class TemplateSet {
public:
    // Reads templatesDir/default.xml and every other *.xml there, validating each against
    // `xsd`. Throws Failure(Errc::NotFound) when default.xml is missing, Failure(Errc::Internal)
    // with every located problem when a file is malformed, breaks the schema, names a type twice,
    // lacks a style for a role, or sets a value outside Decree 30's ranges.
    static TemplateSet load(const std::filesystem::path& templatesDir, const std::filesystem::path& xsd);

    const Template& forType(model::DocumentType t) const;
    const Template& defaults() const { return defaults_; }
    const std::map<model::DocumentType, Template>& byType() const { return byType_; }

private:
    Template defaults_;
    std::map<model::DocumentType, Template> byType_;
};

}  // namespace vanthu::compose::detail
