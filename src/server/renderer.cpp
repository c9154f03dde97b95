// The standard renderer: DOCX and PDF (PDF/A-2b) for documents and register sheets.
#include <chrono>
#include <mutex>

#include "compose/composer.h"
#include "compose/register_sheet.h"
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

class StandardRenderer final : public DocumentRenderer {
public:
    bool supports(std::string_view format) const override { return format == "docx" || format == "pdf"; }

    std::optional<std::string> renderDocument(const model::Document& doc, std::string_view format) const override {
        if (!supports(format)) return std::nullopt;
        const auto when = createdFor(doc);
        return render(composer().compose(doc, compose::ComposeOptions{when}), when, format);
    }

    std::optional<std::string> renderRegister(const compose::RegisterSheet& sheet, std::string_view format) const override {
        if (!supports(format)) return std::nullopt;
        const sys_seconds when = sys_days{year{sheet.year > 0 ? sheet.year : 2000} / 1 / 1};
        return render(compose::composeRegisterSheet(sheet), when, format);
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
