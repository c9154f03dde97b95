#include "compose/register_sheet.h"

#include "core/error.h"

namespace vanthu::compose {
namespace {

Paragraph para(std::string text, Role role, double size, bool bold, Align align, double spaceAfter = 3) {
    Paragraph p;
    p.role = role;
    p.format.align = align;
    p.format.spaceAfterPt = spaceAfter;
    Span s;
    s.text = std::move(text);
    s.style.sizePt = size;
    s.style.bold = bold;
    p.spans.push_back(std::move(s));
    return p;
}

Cell cell(const std::string& text, bool heading) {
    Cell c;
    c.paragraphs.push_back(para(text, Role::TableText, 11, heading, heading ? Align::Center : Align::Left, 0));
    return c;
}

void appendCsvLine(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        const std::string& f = fields[i];
        if (f.find_first_of(",\"\r\n") == std::string::npos) {
            out += f;
            continue;
        }
        out += '"';
        for (char c : f) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
}

}  // namespace

std::string registerSheetCsv(const RegisterSheet& sheet) {
    std::string out = "\xEF\xBB\xBF";
    appendCsvLine(out, sheet.headings);
    for (const auto& row : sheet.rows) appendCsvLine(out, row);
    return out;
}

Composition composeRegisterSheet(const RegisterSheet& sheet) {
    if (sheet.relativeWidths.size() != sheet.headings.size())
        throw Failure(Errc::InvalidInput, "register sheet: " + std::to_string(sheet.relativeWidths.size()) + " widths for " +
                                              std::to_string(sheet.headings.size()) + " columns");
    Composition c;
    c.meta.title = sheet.title;
    c.meta.typeName = sheet.title;
    c.meta.organName = sheet.organName;
    c.meta.created = std::to_string(sheet.year > 0 ? sheet.year : 2000) + "-01-01T00:00:00Z";
    Section sec;
    sec.label = "register";
    sec.page.widthPt = mm(297);
    sec.page.heightPt = mm(210);
    sec.page.marginLeftPt = mm(20);
    sec.page.marginRightPt = mm(15);
    sec.blocks.push_back(para(sheet.organName, Role::Issuer, 13, true, Align::Left));
    sec.blocks.push_back(para(sheet.title, Role::TypeName, 14, true, Align::Center));
    const std::string year = "Năm: " + std::to_string(sheet.year);
    sec.blocks.push_back(para(sheet.registerName.empty() ? year : sheet.registerName + " — " + year, Role::Subject, 13, false, Align::Center));
    Table t;
    t.kind = Table::Kind::Body;
    t.borders = true;
    t.headerRows = 1;
    t.cellPaddingPt = 5.4;
    double sum = 0;
    for (double r : sheet.relativeWidths) sum += r;
    for (double r : sheet.relativeWidths) t.columnWidthsPt.push_back(sec.page.textWidthPt() * r / sum);
    std::vector<Cell> head;
    for (const auto& h : sheet.headings) head.push_back(cell(h, true));
    t.rows.push_back(std::move(head));
    for (const auto& row : sheet.rows) {
        if (row.size() != sheet.headings.size())
            throw Failure(Errc::InvalidInput, "register sheet: a row of " + std::to_string(row.size()) + " cells for " +
                                                  std::to_string(sheet.headings.size()) + " columns");
        std::vector<Cell> cells;
        for (const auto& text : row) cells.push_back(cell(text, false));
        t.rows.push_back(std::move(cells));
    }
    sec.blocks.push_back(std::move(t));
    c.sections.push_back(std::move(sec));
    return c;
}

}  // namespace vanthu::compose
