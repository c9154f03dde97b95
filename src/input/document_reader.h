// input/document_reader.h: our document XML (schemas/document.xsd) → model::Document.
//
// Pipeline, each stage stopping at its own errors:
//   1. size cap (Errc::TooLarge), UTF-8, safe parse, DOCTYPE/entity rejection (Errc::InvalidInput)
//   2. XSD validation, every error (Errc::SchemaViolation), together with the date check: a date
//      that does not exist (2019-02-30) is an Errc::InvalidInput error unless the XSD has already
//      flagged that very element or attribute (no error is reported twice)
//   3. the tree → model::Document, every string NFC-normalised, each SourcePos filled
//   4. model::validate(): its errors (Errc::RuleViolation …) fail the read; its warnings are
//      returned with the document
// All errors carry field ("/document/body/article[2]/title", "…/code/@notation"), line and
// column (1-based, code points) and a Vietnamese and an English message. Stage 1–3 errors come
// sorted by position (at most xml::kMaxErrors of each kind, then one "N more" entry with line 0);
// stage 4 errors keep model::validate()'s order. Well-formedness errors (stage 1) have an empty
// field: there is no tree to name a path in.
//
// Text: in every element and attribute value, runs of XML white space (space, tab, CR, LF) become
// one space and both ends are trimmed, so indentation and line breaks of the XML file never reach
// the model. Inline text (p, bullet, title, text, cell) keeps one space across <b>/<i>/<u>
// boundaries; runs with equal formatting are merged and empty runs dropped.
//
// Thread-safe. Faults (the schema file missing or not compiling, I/O errors) throw Failure.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "core/error.h"
#include "core/result.h"
#include "core/warning.h"
#include "model/document.h"

namespace vanthu::input {

constexpr std::size_t kDefaultMaxDocumentBytes = 2 * 1024 * 1024;

struct ReadOptions {
    std::size_t maxBytes = kDefaultMaxDocumentBytes;
    // The XSD; empty = dataDir()/"schemas/document.xsd". Each path is compiled once per process
    // and cached.
    std::filesystem::path schema;
};

struct ReadOutcome {
    model::Document document;
    Warnings warnings;  // from model::validate(); show them to the clerk, they do not block
};

Result<ReadOutcome> readDocumentXml(std::string_view bytes, const ReadOptions& options = {});

// Checks the file size first: over options.maxBytes gives Errc::TooLarge without reading the
// file, and at most maxBytes + 1 bytes are ever read (a file growing meanwhile is refused too).
// A missing file gives Errc::NotFound, a directory or device Errc::InvalidInput (field = the path).
Result<ReadOutcome> readDocumentFile(const std::filesystem::path& path, const ReadOptions& options = {});

}  // namespace vanthu::input
