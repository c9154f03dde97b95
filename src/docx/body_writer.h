// docx/body_writer.h (private): word/document.xml and the header parts its sections reference.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "compose/composition.h"

namespace vanthu::docx {

// Relationship ids of word/_rels/document.xml.rels: styles, settings, fontTable, then headers.
constexpr std::string_view kStylesRelId = "rId1";
constexpr std::string_view kSettingsRelId = "rId2";
constexpr std::string_view kFontTableRelId = "rId3";
std::string headerRelId(std::size_t index);  // "rId4" for the first header part
std::string headerPartName(std::size_t index);  // "word/header1.xml"

struct BodyParts {
    std::string document;              // word/document.xml
    std::vector<std::string> headers;  // word/header<i+1>.xml, referenced as headerRelId(i)
};

// Throws std::invalid_argument if a table row has more cells than the table has columns.
BodyParts writeBody(const compose::Composition& c);

// "<w:rPr>…</w:rPr>" for a run of `style`: all four rFonts slots = fontFamily, black, the size,
// w:lang vi-VN in all three slots. Also used for styles.xml's docDefaults.
std::string runProperties(std::string_view fontFamily, const compose::TextStyle& style);

}  // namespace vanthu::docx
