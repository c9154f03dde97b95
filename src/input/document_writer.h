// input/document_writer.h: model::Document → our document XML (schemas/document.xsd), the
// inverse of document_reader.h. Used to save what the text importer recognised, and wherever a
// document built in code must become a file a clerk can read and edit.
//
// Contract: for a document the reader accepted, readDocumentXml(writeDocumentXml(d)) gives the
// same document again (text, structure, numbers, every attribute; SourcePos aside), and writing
// that one gives the same bytes. Output is indented with two spaces at block level; inline text
// (p, bullet, title, text, cell) is written on one line with <b>/<i>/<u> around formatted runs.
// Same document, same bytes. Thread-safe (no state).
#pragma once

#include <string>

#include "model/document.h"

namespace vanthu::input {

std::string writeDocumentXml(const model::Document& d);

}  // namespace vanthu::input
