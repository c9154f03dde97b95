// docx/package_parts.h (private): the small parts around word/document.xml.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "compose/composition.h"
#include "docx/docx_writer.h"

namespace vanthu::docx {

std::string contentTypesPart(const std::vector<Part>& parts);  // one Override per typed part
std::string packageRelsPart();                                  // _rels/.rels
std::string documentRelsPart(std::size_t headerCount);          // word/_rels/document.xml.rels
std::string stylesPart(const compose::Composition& c);
std::string settingsPart();
std::string fontTablePart(std::string_view fontFamily);
std::string corePropsPart(const compose::Metadata& m, std::string_view createdW3cdtf);
std::string appPropsPart(const compose::Metadata& m);
std::string customPropsPart(const compose::Metadata& m);

// The longest prefix of `utf8` that is at most `maxUnits` UTF-16 code units, cut between code
// points and never before a combining mark (U+0300–U+036F), so a base letter keeps its marks.
std::string_view truncateUtf16(std::string_view utf8, std::size_t maxUnits);

}  // namespace vanthu::docx
