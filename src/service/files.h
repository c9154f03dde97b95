// service/files.h: the files a clerk takes away — a document as DOCX, PDF or its XML, and the
// register books as CSV, DOCX or PDF — rendered through the one renderer of render/.
//
// An issued document is immutable: its DOCX and PDF are rendered once, stored as artifacts (the
// same bytes the recipients got in their package), and served from the store afterwards. A draft
// is rendered fresh each time. The register's number and date win over the submitted XML's.
#pragma once

#include <string>

#include "core/result.h"
#include "service/context.h"

namespace vanthu::service {

struct File {
    std::string bytes;
    std::string mediaType;
    std::string name;  // a download name: "document-12.pdf"
};

// True when the renderer can produce `format` ("docx", "pdf"); the callers answer 501 otherwise.
bool canRender(const Context& ctx, const std::string& format);

// format: "xml", "docx" or "pdf" (another is NotFound).
Result<File> documentFile(Context& ctx, const store::User& who, store::Id id, const std::string& format);
// format: "csv", "docx" or "pdf".
Result<File> outgoingBookFile(Context& ctx, const store::User& who, store::Id registerId, int year, const std::string& format);
Result<File> incomingBookFile(Context& ctx, const store::User& who, int year, const std::string& format);

const std::string& mediaTypeOf(const std::string& format);  // docx, pdf, csv, xml; else octet-stream

}  // namespace vanthu::service
