// The standard renderer: DOCX and PDF (PDF/A-2b) for documents and register sheets.
#include <chrono>
#include <mutex>

#include "compose/composer.h"
#include "core/files.h"
#include "docx/docx_writer.h"
#include "font/metrics.h"
#include "layout/fonts.h"
#include "pdf/pdf_writer.h"
#include "server/server.h"

namespace vanthu::server {
namespace {

using namespace std::chrono;

// The instant written into the DOCX: the issue date at midnight UTC, else 2000-01-01, never the
// wall clock (same document, same bytes).
sys_seconds createdFor(const model::Document& doc) {
    if (doc.issueDate)
        return sys_days{year{doc.issueDate->year} / month{unsigned(doc.issueDate->month)} / day{unsigned(doc.issueDate->day)}};
    return sys_days{year{2000} / 1 / 1};
}

compose::Paragraph para(std::string text, compose::Role role, double size, bool bold, compose::Align align) {
    compose::Paragraph p;
    p.role = role;
    p.format.align = align;
    p.format.spaceAfterPt = 3;
    compose::Span s;
    s.text = std::move(text);
    s.style.sizePt = size;
    s.style.bold = bold;
    p.spans.push_back(std::move(s));
    return p;
}

// Sổ đăng ký văn bản đi (decree-30-2020.md §6): landscape A4, the 10 columns, header row repeated.
compose::Composition registerComposition(const RegisterSheet& sheet) {
    compose::Composition c;
    c.meta.title = "Sổ đăng ký văn bản đi";
    c.meta.typeName = "Sổ đăng ký văn bản đi";
    c.meta.organName = sheet.organName;
    c.meta.created = std::to_string(sheet.year) + "-01-01T00:00:00Z";
    compose::Section sec;
    sec.label = "register";
    sec.page.widthPt = compose::mm(297);
    sec.page.heightPt = compose::mm(210);
    sec.page.marginLeftPt = compose::mm(20);
    sec.page.marginRightPt = compose::mm(15);
    sec.blocks.push_back(para(sheet.organName, compose::Role::Issuer, 13, true, compose::Align::Left));
    sec.blocks.push_back(para("SỔ ĐĂNG KÝ VĂN BẢN ĐI", compose::Role::TypeName, 14, true, compose::Align::Center));
    sec.blocks.push_back(para(sheet.registerName + " — Năm: " + std::to_string(sheet.year), compose::Role::Subject, 13, false,
                              compose::Align::Center));
    compose::Table t;
    t.kind = compose::Table::Kind::Body;
    t.borders = true;
    t.headerRows = 1;
    t.cellPaddingPt = 5.4;
    const double w = sec.page.textWidthPt();
    const double rel[10] = {1.4, 1.1, 3.2, 1.4, 2.0, 1.4, 0.8, 1.0, 0.9, 1.3};
    double sum = 0;
    for (double r : rel) sum += r;
    for (double r : rel) t.columnWidthsPt.push_back(w * r / sum);
    auto cell = [](const std::string& text, bool bold) {
        compose::Cell cl;
        auto p = para(text, compose::Role::TableText, 11, bold, bold ? compose::Align::Center : compose::Align::Left);
        p.format.spaceAfterPt = 0;
        cl.paragraphs.push_back(std::move(p));
        return cl;
    };
    std::vector<compose::Cell> head;
    for (const auto& h : store::registerHeadings()) head.push_back(cell(h, true));
    t.rows.push_back(std::move(head));
    for (const auto& e : sheet.entries) {
        t.rows.push_back({cell(e.code, false), cell(e.issueDate, false), cell(e.typeAndSubject, false), cell(e.signer, false),
                          cell(e.recipients, false), cell(e.archiveUnit, false), cell(e.copies ? std::to_string(e.copies) : "", false),
                          cell("", false), cell("", false), cell(e.note, false)});
    }
    sec.blocks.push_back(std::move(t));
    c.sections.push_back(std::move(sec));
    return c;
}

class StandardRenderer final : public DocumentRenderer {
public:
    bool supports(std::string_view format) const override { return format == "docx" || format == "pdf"; }

    std::optional<std::string> renderDocument(const model::Document& doc, std::string_view format) const override {
        if (!supports(format)) return std::nullopt;
        const auto when = createdFor(doc);
        return render(composer().compose(doc, compose::ComposeOptions{when}), when, format);
    }

    std::optional<std::string> renderRegister(const RegisterSheet& sheet, std::string_view format) const override {
        if (!supports(format)) return std::nullopt;
        const sys_seconds when = sys_days{year{sheet.year > 0 ? sheet.year : 2000} / 1 / 1};
        return render(registerComposition(sheet), when, format);
    }

private:
    std::string render(const compose::Composition& c, sys_seconds when, std::string_view format) const {
        if (format == "docx") return docx::renderDocx(c, docx::DocxOptions{when});
        std::call_once(pdfOnce_, [this] {
            composer();
            fonts_ = layout::Fonts::open(metrics_);
            pdfOptions_.iccProfile = pdf::loadIccProfile();
        });
        return pdf::renderPdf(c, *fonts_, pdfOptions_);
    }

    // Templates and fonts are loaded once, on first use (the service starts without them).
    const compose::Composer& composer() const {
        std::call_once(once_, [this] {
            metrics_ = font::FontMetrics::load(dataDir() / "fonts");
            composer_ = compose::Composer::load(dataDir(), metrics_);
        });
        return *composer_;
    }
    mutable std::once_flag once_, pdfOnce_;
    mutable std::shared_ptr<const font::FontMetrics> metrics_;
    mutable std::shared_ptr<const compose::Composer> composer_;
    mutable std::shared_ptr<const layout::Fonts> fonts_;
    mutable pdf::PdfOptions pdfOptions_;
};

}  // namespace

std::shared_ptr<DocumentRenderer> makeStandardRenderer() { return std::make_shared<StandardRenderer>(); }

}  // namespace vanthu::server
