// compose/composer.h: model::Document + templates/<type>.xml → compose::Composition, the one
// place where Decree 30/2020's format is decided (DESIGN.md "How data flows"; the rules are in
// reference/decree-30-2020.md §1–§3 and the values in templates/*.xml).
//
// Thread-safety: a Composer is immutable after load(); compose() may run on any number of
// threads at once. compose() does no file I/O and builds no regex or ICU objects beyond the
// text module's cached ones.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "compose/composition.h"
#include "model/document.h"

namespace vanthu::font {
class FontMetrics;
}

namespace vanthu::compose {

struct ComposeOptions {
    std::chrono::sys_seconds created{};  // the injected clock: Metadata::created
};

class Composer {
public:
    // Loads dataDir/templates/*.xml (validated against dataDir/schemas/template.xsd) and the
    // fonts of dataDir/fonts/fonts.xml. Throws Failure: FontMissing (a font file), NotFound
    // (templates/default.xml), Internal (a template that is malformed, breaks the schema or sets
    // a value outside Decree 30's ranges; the message names file and line).
    static std::shared_ptr<const Composer> load(const std::filesystem::path& dataDir);

    // The same with fonts already loaded (tests, and a server that shares them with layout).
    static std::shared_ptr<const Composer> load(const std::filesystem::path& dataDir,
                                                std::shared_ptr<const font::FontMetrics> fonts);

    ~Composer();
    Composer(const Composer&) = delete;
    Composer& operator=(const Composer&) = delete;

    // REQUIRES: the document passed model::validate() without errors (compose does not fail on
    // an invalid document, but prints what it is given). Sections: "main", then one per
    // appendix of the main document ("appendix I" …), then one per attached document
    // ("attachment 1") followed by its appendices ("attachment 1 appendix I").
    Composition compose(const model::Document& doc, const ComposeOptions& options) const;

    const font::FontMetrics& fonts() const;

    struct Impl;
    explicit Composer(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::compose
