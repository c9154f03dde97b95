// input/body_lines.h (private to the text import): the labels that open a unit of the body, and
// the repair of units run together with the text before them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/warning.h"
#include "input/text_lines.h"

namespace vanthu::input::detail {

// Numbering schemes of plan/report headings: "A.", "I.", "1.", "1.1.", "1.1.1.", "1.1.1.1.".
enum class Scheme { Letter, Roman, Arabic1, Arabic2, Arabic3, Arabic4 };

enum class LabelKind { Part, Chapter, Section, Article, Numbered, Point };

struct UnitLabel {
    LabelKind kind;
    std::string number;         // "II", "9", "1.2", "đ"
    std::optional<Scheme> scheme;  // Numbered only
    std::size_t labelBytes = 0; // where the unit's own text begins
    std::string rest;           // that text
};

// "Phần I", "Chương II", "Mục 1", "Điều 9.", "I.", "A.", "1.", "1.2.", "a)" at the start of a line.
std::optional<UnitLabel> unitLabel(const std::string& plain);

// A line that cannot continue the sentence of the line before: a unit label, a bullet, a table.
bool startsNewUnit(const std::string& plain);

// "2", "- 2 -", "Trang 2": a page number a copy out of a paginated source left between lines.
bool isPageNumberLine(const std::string& plain);

// Lines with a unit run into the text before it, split in two at the unit (the repair is a note
// with the source line): "…THỰC HIỆNĐiều 9. Trách nhiệm", "…này.Chương II", "Điều 5. Tổ chức thực
// hiện1. Các sở…", "…như sau:a) Văn phòng". Table rows are left alone.
std::vector<Line> splitRunTogether(std::vector<Line> lines, Warnings& notes);

}  // namespace vanthu::input::detail
