// core/clock.h: time and ids are injected so the same input gives the same bytes (STYLE.md §10).
#pragma once

#include <chrono>
#include <string>

namespace vanthu {

struct RenderClock {
    // The instant written into generated files (DOCX core properties, zip entry times).
    // The CLI passes a fixed instant derived from the document (its issue date) unless told otherwise.
    std::chrono::sys_seconds now{};
};

// "2018-05-08T00:00:00Z"
std::string isoUtc(std::chrono::sys_seconds t);

}  // namespace vanthu
