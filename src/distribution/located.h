// distribution/located.h: PRIVATE helpers to locate errors and warnings in a parsed package.
#pragma once

#include <string>

#include "core/error.h"
#include "model/document.h"
#include "xml/parser.h"

namespace vanthu::distribution::detail {

inline model::SourcePos posOf(const xml::Document& doc, xml::Node n) {
    const auto p = doc.position(n);
    return {doc.path(n), p.line, p.column};
}

// Trimmed text with runs of XML white space collapsed to one space.
std::string collapsed(std::string_view s);

}  // namespace vanthu::distribution::detail
