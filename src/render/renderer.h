// render/renderer.h: the one pipeline from a model::Document or a register sheet to DOCX or PDF
// bytes (DESIGN.md "How data flows": compose → docx | layout → pdf). `vanthu render`, the
// server (GET /documents/{id}.docx|.pdf, the register books) and the outbox (the PDF and DOCX
// inside an edXML package) all render through a Renderer, so they write the same bytes.
//
// The creation time — the one rule. Every file we write carries one instant: DOCX
// dcterms:created/modified, PDF /CreationDate and /ModDate, XMP xmp:CreateDate/ModifyDate/
// MetadataDate. It is, first match wins:
//   1. RendererOptions::created, when set (the CLI's --created);
//   2. $SOURCE_DATE_EPOCH (reproducible-builds.org), read once when the Renderer is constructed
//      (not at all under step 1); a value that is not decimal seconds is refused, not guessed at;
//   3. the input's own date at 00:00 UTC: a document's issue date, a register sheet's 1 January of
//      its year;
//   4. 2000-01-01T00:00:00Z.
// Never the wall clock: the same input under the same options and environment gives the same
// bytes. The CLI, the server and the outbox all apply it through creationTime() below.
//
// Loading: templates, fonts and the ICC profile are loaded at most once per Renderer, on first use
// (`vanthu serve` starts without them; DOCX needs no ICC profile), under a lock so concurrent first
// renders load once. A load that fails leaves nothing behind; the next render tries again.
//
// Thread-safety: a Renderer may be shared by any number of threads; rendering is reentrant.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "model/document.h"

namespace vanthu::compose {
class Composer;
struct RegisterSheet;  // compose/register_sheet.h
}  // namespace vanthu::compose

namespace vanthu::render {

// ---- the creation-time rule ----------------------------------------------------------------

// Steps 1 and 2 of the rule, decided once per Renderer.
struct CreationRule {
    std::optional<std::chrono::sys_seconds> created;          // step 1
    std::optional<std::chrono::sys_seconds> sourceDateEpoch;  // step 2
};

// The rule itself. `ownDate`: the input's date (step 3); nullopt skips to step 4.
std::chrono::sys_seconds creationTime(const CreationRule& rule, std::optional<std::chrono::sys_days> ownDate);
std::chrono::sys_seconds creationTime(const CreationRule& rule, const model::Document& doc);
std::chrono::sys_seconds creationTime(const CreationRule& rule, const compose::RegisterSheet& sheet);

// "1525737600" → that instant. nullopt for "" (unset, as the spec says). Throws
// Failure(Errc::InvalidInput) for anything but decimal digits, or for an instant past 9999-12-31.
std::optional<std::chrono::sys_seconds> parseSourceDateEpoch(std::string_view text);
// parseSourceDateEpoch($SOURCE_DATE_EPOCH); nullopt when it is not set.
std::optional<std::chrono::sys_seconds> sourceDateEpochFromEnvironment();

// ---- renderers -------------------------------------------------------------------------------

enum class Format { Docx, Pdf };
std::optional<Format> formatNamed(std::string_view name);  // "docx", "pdf"; nullopt otherwise

// What the server and the exchange hold: an interface, so a test can inject a renderer (one that
// fails, counts or answers 501) without fonts or templates. Formats are named as in URLs.
// Implementations must be thread-safe and deterministic.
class DocumentRenderer {
public:
    virtual ~DocumentRenderer() = default;
    virtual bool supports(std::string_view format) const = 0;
    // nullopt for a format this renderer does not know (the server answers 501).
    virtual std::optional<std::string> renderDocument(const model::Document& doc, std::string_view format) const = 0;
    virtual std::optional<std::string> renderRegister(const compose::RegisterSheet& sheet,
                                                      std::string_view format) const = 0;
};

struct RendererOptions {
    std::filesystem::path dataDir;     // templates/, schemas/, fonts/; "" = vanthu::dataDir()
    std::filesystem::path iccProfile;  // "" = pdf::defaultSrgbProfile()
    std::optional<std::chrono::sys_seconds> created;  // step 1 of the creation-time rule
};

// The standard renderer: DOCX, and PDF/A-2b (pdf/pdf_writer.h).
class Renderer final : public DocumentRenderer {
public:
    // Reads $SOURCE_DATE_EPOCH unless options.created is set (Failure(InvalidInput) when it is
    // malformed); loads nothing yet.
    explicit Renderer(RendererOptions options = {});
    ~Renderer() override;
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Throw Failure when templates, fonts or the ICC profile cannot be loaded: FontMissing naming
    // the font file, Internal for the rest (a missing data file is a fault of the installation,
    // never the caller's NotFound); std::invalid_argument for a Composition that breaks its own
    // invariants (docx::renderDocx).
    std::string render(const model::Document& doc, Format format) const;
    std::string render(const compose::RegisterSheet& sheet, Format format) const;

    bool supports(std::string_view format) const override;
    std::optional<std::string> renderDocument(const model::Document& doc, std::string_view format) const override;
    std::optional<std::string> renderRegister(const compose::RegisterSheet& sheet, std::string_view format) const override;

    const CreationRule& creationRule() const { return rule_; }

    // How many times each set of resources was loaded successfully: 0 or 1, whatever was rendered
    // on however many threads (tests; a second load would be a bug).
    struct LoadCounts {
        int templates = 0;  // font metrics + templates (DOCX and PDF)
        int pdf = 0;        // shaping fonts + ICC profile (PDF only)
    };
    LoadCounts loadCounts() const;

    struct Loaded;  // renderer.cpp: what is loaded, and the lock that loads it

private:
    const Loaded& templates() const;     // loads font metrics and templates once
    const Loaded& pdfResources() const;  // templates(), then shaping fonts and the ICC profile once

    RendererOptions options_;
    CreationRule rule_;
    std::unique_ptr<Loaded> loaded_;
};

// One Renderer over dataDir() for the whole process, made on first call: what the server and the
// exchange use when they are given none, so they share one instance and load everything once.
std::shared_ptr<Renderer> sharedRenderer();

}  // namespace vanthu::render
