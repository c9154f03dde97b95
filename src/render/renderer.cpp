// The standard renderer (render/renderer.h): compose → docx, compose → layout → pdf.
#include "render/renderer.h"

#include <mutex>

#include "compose/composer.h"
#include "compose/register_sheet.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/files.h"
#include "docx/docx_writer.h"
#include "font/metrics.h"
#include "layout/fonts.h"
#include "pdf/pdf_writer.h"

namespace vanthu::render {

namespace {

// A data file that will not load is a fault of the installation: it must not reach the caller as
// NotFound or InvalidInput (a 404 or 400 for a request that was fine). A missing font keeps its
// own code, which names the file (tests/tools/check_pdf.py looks for "font_missing").
template <class Load>
auto loading(const char* what, Load&& load) {
    try {
        return load();
    } catch (const Failure& f) {
        if (f.code() == Errc::FontMissing || f.code() == Errc::Internal) throw;
        throw Failure(Errc::Internal, std::string("cannot load ") + what + ": " + f.what());
    }
}

}  // namespace

// Everything loaded, each part set once under `mutex` and never changed afterwards, so a reference
// handed out after the lock is released stays valid and unchanging.
struct Renderer::Loaded {
    std::mutex mutex;
    std::shared_ptr<const font::FontMetrics> metrics;
    std::shared_ptr<const compose::Composer> composer;
    std::shared_ptr<const layout::Fonts> fonts;
    pdf::PdfOptions pdf;
    LoadCounts counts;

    // REQUIRES: mutex held.
    void loadTemplates(const std::filesystem::path& dataDir) {
        if (composer) return;
        auto m = loading("fonts", [&] { return font::FontMetrics::load(dataDir / "fonts"); });
        auto c = loading("templates", [&] { return compose::Composer::load(dataDir, m); });
        metrics = std::move(m);
        composer = std::move(c);
        ++counts.templates;
    }

    // REQUIRES: mutex held, loadTemplates() done.
    void loadPdf(const std::filesystem::path& iccProfile) {
        if (fonts) return;
        auto f = loading("fonts", [&] { return layout::Fonts::open(metrics); });
        auto icc = loading("the ICC profile", [&] {
            return iccProfile.empty() ? pdf::loadIccProfile() : pdf::loadIccProfile(iccProfile);
        });
        pdf.iccProfile = std::move(icc);
        fonts = std::move(f);
        ++counts.pdf;
    }
};

Renderer::Renderer(RendererOptions options)
    : options_(std::move(options)), loaded_(std::make_unique<Loaded>()) {
    if (options_.dataDir.empty()) options_.dataDir = dataDir();
    rule_.created = options_.created;
    if (!rule_.created) rule_.sourceDateEpoch = sourceDateEpochFromEnvironment();  // step 1 wins: not read
}

Renderer::~Renderer() = default;

const Renderer::Loaded& Renderer::templates() const {
    std::lock_guard lock(loaded_->mutex);
    loaded_->loadTemplates(options_.dataDir);
    return *loaded_;
}

const Renderer::Loaded& Renderer::pdfResources() const {
    std::lock_guard lock(loaded_->mutex);
    loaded_->loadTemplates(options_.dataDir);
    loaded_->loadPdf(options_.iccProfile);
    return *loaded_;
}

Renderer::LoadCounts Renderer::loadCounts() const {
    std::lock_guard lock(loaded_->mutex);
    return loaded_->counts;
}

std::string Renderer::render(const model::Document& doc, Format format) const {
    const auto when = creationTime(rule_, doc);
    if (format == Format::Docx) {
        const auto& l = templates();
        return docx::renderDocx(l.composer->compose(doc, compose::ComposeOptions{when}), docx::DocxOptions{when});
    }
    const auto& l = pdfResources();
    return pdf::renderPdf(l.composer->compose(doc, compose::ComposeOptions{when}), *l.fonts, l.pdf);
}

std::string Renderer::render(const compose::RegisterSheet& sheet, Format format) const {
    const auto when = creationTime(rule_, sheet);
    auto composition = compose::composeRegisterSheet(sheet);
    composition.meta.created = isoUtc(when);  // the rule, not the sheet's own default
    if (format == Format::Docx) return docx::renderDocx(composition, docx::DocxOptions{when});  // needs no fonts
    const auto& l = pdfResources();
    return pdf::renderPdf(composition, *l.fonts, l.pdf);
}

bool Renderer::supports(std::string_view format) const { return formatNamed(format).has_value(); }

std::optional<std::string> Renderer::renderDocument(const model::Document& doc, std::string_view format) const {
    const auto f = formatNamed(format);
    if (!f) return std::nullopt;
    return render(doc, *f);
}

std::optional<std::string> Renderer::renderRegister(const compose::RegisterSheet& sheet, std::string_view format) const {
    const auto f = formatNamed(format);
    if (!f) return std::nullopt;
    return render(sheet, *f);
}

std::optional<Format> formatNamed(std::string_view name) {
    if (name == "docx") return Format::Docx;
    if (name == "pdf") return Format::Pdf;
    return std::nullopt;
}

std::shared_ptr<Renderer> sharedRenderer() {
    static const auto shared = std::make_shared<Renderer>();  // thread-safe static initialisation
    return shared;
}

}  // namespace vanthu::render
