// input/document_json.h: a document written as JSON → our document XML.
//
// The JSON form mirrors schemas/document.xsd, with the same names (README.md, "The document as
// JSON"): scalar fields are strings or numbers, repeated elements are arrays, a body is an ordered
// array of one-key objects ({"article": {…}}, {"p": "…"}), and inline text is a string or an array
// of strings and {"text", "b", "i", "u"} runs. The result is XML text for readDocumentXml(), so a
// document sent as JSON meets exactly the schema and Decree 30 checks an XML one does.
//
// Errors (Errc::InvalidInput) name the JSON path ("body[2].article.title"): malformed JSON (with
// its position), unknown fields, values of the wrong kind, a body entry that is not a one-key
// object. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace vanthu::input {

Result<std::string> documentJsonToXml(std::string_view json);

}  // namespace vanthu::input
