// compose/composition.h: every layout decision made once (DESIGN.md "How data flows").
// The DOCX writer and (later) the PDF layout engine only turn this into their format; they do
// not choose sizes, styles, alignment, wording or case. Units are points (1 pt = 1/72 in;
// 1 mm = 72/25.4 pt). All text is NFC UTF-8, already in its printed case.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace vanthu::compose {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPtPerMm; }

// Which component of Decree 30 a paragraph is (ô numbers of decree-30-2020.md §2–§3).
// Writers name styles after roles so tests and clerks can find components again.
enum class Role {
    ParentOrgan,      // ô 2, chủ quản
    Issuer,           // ô 2, cơ quan ban hành (bold, short rule below)
    Number,           // ô 3, "Số: 1020/QĐ-BTP"
    CongVanSubject,   // ô 5b, "V/v …"
    QuocHieu,         // ô 1
    TieuNgu,          // ô 1, rule below as long as the text
    PlaceDate,        // ô 4
    SecrecyMark,      // ô 10a
    UrgencyMark,      // ô 10b, framed
    CirculationMark,  // ô 11, framed
    TypeName,         // ô 5a, "QUYẾT ĐỊNH"
    Subject,          // ô 5a, trích yếu (rule below)
    AttachedNote,     // "(Ban hành kèm theo Quyết định số …)"
    AuthorityLine,    // "BỘ TRƯỞNG BỘ TƯ PHÁP"
    LegalBasis,       // căn cứ lines
    DecisionWord,     // "QUYẾT ĐỊNH:" before the articles
    Addressee,        // ô 9a, "Kính gửi: …"
    PartLabel, PartTitle, ChapterLabel, ChapterTitle, SectionLabel, SectionTitle,
    Article,          // "Điều 1. …"
    Clause,           // "1. …"
    Point,            // "a) …"
    Heading1, Heading2, Heading3, Heading4,
    Body,             // body paragraph
    Bullet,           // "- …"
    TableText,        // text inside a body table
    RecipientsLabel,  // ô 9b, "Nơi nhận:"
    RecipientItem,    // ô 9b items and the Lưu line
    DrafterMark,      // ô 12
    SignerAuthority,  // ô 7a, "KT. BỘ TRƯỞNG"
    SignerPosition,   // ô 7a, "THỨ TRƯỞNG"
    SignerOtherTitle, // ô 7b
    SignatureSpace,   // ô 7c/8, the empty lines where the signature and seal go
    SignerName,       // ô 7b
    Contact,          // ô 13
    AppendixLabel,    // "Phụ lục I"
    AppendixTitle,
    Spacer,           // an empty paragraph that only holds vertical space
};

std::string_view roleStyleId(Role r);    // "QuocHieu": an ASCII id for DOCX styles
std::string_view roleDisplayName(Role r); // "Quốc hiệu"

struct TextStyle {
    double sizePt = 14;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool operator==(const TextStyle&) const = default;
};

struct Span {
    std::string text;
    TextStyle style;
};

enum class Align { Left, Center, Right, Justify };

struct ParagraphFormat {
    Align align = Align::Justify;
    double firstLineIndentPt = 0;  // negative = hanging
    double leftIndentPt = 0;
    double rightIndentPt = 0;
    double spaceBeforePt = 0;
    double spaceAfterPt = 0;
    double lineSpacing = 1.0;      // multiple of single spacing (1.0 … 1.5 in the body)
    bool keepWithNext = false;     // headings, the signature block
    bool keepLinesTogether = false;
    bool pageBreakBefore = false;
    bool widowControl = true;
};

// A solid horizontal rule under the paragraph's last line, centred on the paragraph's text
// column (between its indents). Length is decided here from measured text widths.
struct Rule {
    double lengthPt = 0;
    double thicknessPt = 0.5;
    double gapPt = 1;  // from the bottom of the last line to the rule
};

// A single-border box around the paragraph (urgency and circulation marks, ô 10b/11). compose
// sets every size (templates give width and height); the writers draw it as a bordered
// paragraph padded above and below, and only read these values.
struct Frame {
    double widthPt = 0;
    double heightPt = 0;
    double borderPt = 0;   // the box's line
    double paddingPt = 0;  // from the border to the text, above and below (before the writers'
                           // rounding to whole points in 0–31, OOXML's w:space)
};

struct Paragraph {
    Role role = Role::Body;
    ParagraphFormat format;
    std::vector<Span> spans;
    std::optional<Rule> ruleBelow;
    std::optional<Frame> frame;

    std::string text() const;  // spans concatenated
};

// The frame compose puts around `p` (its spans and format final): a 0.5 pt box of the given
// size, the text padded to the box's height. Paragraph borders have no height, so the padding
// is (height − one line − both borders) / 2, the line estimated as Times New Roman's single
// line ((1825 + 443 + 87) / 2048 = 1.15 em) of the largest span.
Frame frameAround(const Paragraph& p, double widthPt, double heightPt);

struct Cell {
    std::vector<Paragraph> paragraphs;
};

struct Table {
    enum class Kind { Header, Signature, Body } kind = Kind::Body;
    std::vector<double> columnWidthsPt;  // sum = the table width
    std::vector<std::vector<Cell>> rows;
    bool borders = false;       // body tables have grid lines; layout tables do not
    int headerRows = 0;         // repeated on each page
    bool keepTogether = false;  // the signature table never splits across pages
    double cellPaddingPt = 0;   // left and right inside every cell; layout tables use 0 so text
                                // lines up with the margins, body tables Word's 5.4 pt
};

using Block = std::variant<Paragraph, Table>;

struct PageSetup {
    double widthPt = mm(210);
    double heightPt = mm(297);
    double marginTopPt = mm(20);
    double marginBottomPt = mm(20);
    double marginLeftPt = mm(30);
    double marginRightPt = mm(15);
    double headerDistancePt = mm(10);  // top edge to the page-number line
    double textWidthPt() const { return widthPt - marginLeftPt - marginRightPt; }
};

struct PageNumbering {
    bool enabled = true;
    bool onFirstPage = false;  // Decree 30: never on page 1
    int startAt = 1;           // each appendix and attached document restarts at 1
    TextStyle style{13, false, false, false};
    Align align = Align::Center;
};

// One run of pages: the main document, then each attached document and each appendix.
struct Section {
    std::string label;  // "main", "attachment 1", "appendix I"
    PageSetup page;
    PageNumbering numbering;
    std::vector<Block> blocks;
};

// Metadata carried into DOCX core/custom properties and PDF Info/XMP (PL VI field names).
struct Metadata {
    std::string title;          // trích yếu
    std::string typeName;       // "Quyết định"
    std::string code;           // "1020/QĐ-BTP" (empty number on a draft: "/QĐ-BTP")
    std::string codeNumber;     // "1020"
    std::string codeNotation;   // "QĐ-BTP"
    std::string organName;      // issuer
    std::string organId;
    std::string issuedDate;     // ISO "2018-05-08", empty on a draft
    std::string signerName;
    std::string signerPosition;
    std::string language = "vi-VN";
    std::string secrecy;        // "MẬT" … or empty
    std::string urgency;
    std::string created;        // ISO 8601 UTC from the injected clock
};

struct Composition {
    Metadata meta;
    std::string fontFamily = "Times New Roman";
    // The empty paragraphs both writers add (rule carriers, table separators, section carriers,
    // empty cells) are this high.
    double fillerPt = 1;
    std::vector<Section> sections;
};

}  // namespace vanthu::compose
