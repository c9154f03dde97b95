// input/text_cleanup.h: how text from an XML file becomes model text (exposed for tests).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/document.h"

namespace vanthu::input {

// Runs of XML white space (U+0020, U+0009, U+000D, U+000A) → one space; ends trimmed. Other
// spaces (U+00A0 NO-BREAK SPACE …) are content and kept.
std::string collapseWhitespace(std::string_view s);

// The same over a sequence of formatted runs, as if they were one string: one space survives at
// a run boundary, the ends of the whole sequence are trimmed; then empty runs are dropped and
// neighbours with equal formatting merged. Every run's text is NFC-normalised at the end.
model::Inlines normaliseRuns(model::Inlines runs);

// "2018-05-08" (optionally followed by an xs:date time zone: "Z", "+07:00") → {2018, 5, 8}.
// Syntax only: 2019-02-30 parses (then model::isValidDate says no); "2018-5-8" does not.
std::optional<model::Date> parseIsoDate(std::string_view s);

}  // namespace vanthu::input
