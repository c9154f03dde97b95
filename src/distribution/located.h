// distribution/located.h: PRIVATE helpers to build located, bilingual errors.
#pragma once

#include <string>

#include "core/error.h"
#include "model/document.h"
#include "xml/parser.h"

namespace vanthu::distribution::detail {

inline Error errorAt(Errc code, std::string vi, std::string en, const model::SourcePos& pos) {
    Error e;
    e.code = code;
    e.messageVi = std::move(vi);
    e.messageEn = std::move(en);
    e.field = pos.field;
    e.line = pos.line;
    e.column = pos.column;
    return e;
}

inline model::SourcePos posOf(const xml::Document& doc, xml::Node n) {
    const auto p = doc.position(n);
    return {doc.path(n), p.line, p.column};
}

// Trimmed text with runs of XML white space collapsed to one space.
std::string collapsed(std::string_view s);

}  // namespace vanthu::distribution::detail
