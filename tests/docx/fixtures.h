// tests/docx/fixtures.h: Compositions built by hand, so the docx tests do not depend on compose.
#pragma once

#include <chrono>
#include <string_view>

#include "compose/composition.h"
#include "docx/docx_writer.h"

namespace vanthu::testing {

// Vietnamese with stacked marks (vietnamese-text.md rows 1, 4, 6), NFC.
inline constexpr std::string_view kStackedMarks = "ĐIỀU KHOẢN Ấ Ệ Ẩ Ữ ₫";

// A Quyết định of two sections: header table with rules, an urgency frame, type name and subject
// with a rule, căn cứ, articles (one with the stacked-mark string, markup characters, a tab and a
// line break), a body table with a header row and an empty cell, a keep-together signature table;
// then an appendix (numbering restarts) ending with two adjacent body tables.
compose::Composition smallDecision();

// The same shape with `articles` articles of several clauses each: 30 articles ≈ 25 A4 pages.
compose::Composition longDecision(int articles);

// A fixed instant: 2018-05-08T00:00:00Z.
docx::DocxOptions fixedOptions();

}  // namespace vanthu::testing
