// input/text_lines.h (private to the text import): the source split into lines, Markdown
// removed, and the small tests on one line that every part of the importer asks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace vanthu::input::detail {

// One line of the source, Markdown removed.
struct Line {
    int no = 0;           // 1-based source line
    std::string plain;    // the text without markup, NFC, trimmed
    model::Inlines runs;  // the same with **bold** / *italic* kept
    bool blank() const { return plain.empty(); }
};

// Ends stripped of white space and NO-BREAK SPACE (converters put it on empty lines).
std::string trim(std::string_view s);

// **bold**, *italic*, ***both***, \-escapes. Unbalanced markers are dropped, not printed.
model::Inlines parseInline(std::string_view s);

// The text as lines: <br> table rows of the signature block laid out as lines, Markdown
// headings and quotes removed, hard line breaks inside a paragraph joined.
std::vector<Line> splitLines(std::string_view text);

bool hasCasedLetters(const std::string& s);
bool isUpperLine(const std::string& s);
bool foldedStarts(const std::string& plain, std::string_view prefix);
// The first letter of `s` is lower case ("công", "đ…"); false when it starts with no letter.
bool startsLowerCase(std::string_view s);

// Ends with . ; : , (closing quotes and brackets looked through).
bool endsSentence(std::string s);

// Runs without their first `bytes` bytes of text (a label removed), leading spaces trimmed.
model::Inlines dropPrefix(model::Inlines runs, std::size_t bytes);
// The runs cut at byte `at` of their plain text: {before, after}, formatting kept on both sides.
std::pair<model::Inlines, model::Inlines> splitRuns(const model::Inlines& runs, std::size_t at);
// `a`, a space, `b`, as one run sequence.
model::Inlines joinRuns(model::Inlines a, const model::Inlines& b);

// Markdown table rows: "| a | b |" → {"a", "b"}; "---" / ":-:" cells are rules.
std::vector<std::string> tableCells(const std::string& row);
bool isTableRule(const std::string& cell);

// "- ", "– ", "• ": the bytes of a bullet's marker and space, 0 when there is none.
std::size_t dashLength(const std::string& s);
inline bool startsDash(const std::string& s) { return dashLength(s) > 0; }

}  // namespace vanthu::input::detail
