// render/render_budget.h: what a render may cost. Time and memory of a render grow with the runs,
// blocks and characters of the document (every run is shaped and measured, every block laid out),
// so a document within these limits renders within a known time and memory (render/README.md
// gives the measured figures); one beyond them is refused before any work, with TooLarge.
#pragma once

#include <cstddef>
#include <optional>

#include "core/error.h"
#include "model/document.h"

namespace vanthu::render {

struct RenderCost {
    std::size_t runs = 0;        // inline runs (a bold word is one)
    std::size_t blocks = 0;      // paragraphs, articles, rows, cells …
    std::size_t characters = 0;  // bytes of UTF-8 text in the body, appendices and attachments
};

// The body, the appendices and the attached documents: what grows without bound.
RenderCost costOf(const model::Document& doc);

struct RenderLimits {
    // The largest sample (samples/01, a Quyết định with its 9-page Kế hoạch) has about 120
    // blocks and runs and 26 000 characters; these limits are a few hundred times that.
    std::size_t maxRuns = 60'000;
    std::size_t maxBlocks = 40'000;
    std::size_t maxCharacters = 2'000'000;
};

// A TooLarge error naming what is over and by how much, in Vietnamese and English (field
// "/document/body"); nullopt when the document is within the limits.
std::optional<Error> overBudget(const RenderCost& cost, const RenderLimits& limits);

}  // namespace vanthu::render
