#include "docx/docx_writer.h"

#include <utility>

#include "core/byte_sink.h"
#include "core/clock.h"
#include "docx/body_writer.h"
#include "docx/namespaces.h"
#include "docx/package_parts.h"
#include "docx/zip_writer.h"

namespace vanthu::docx {

std::vector<Part> buildParts(const compose::Composition& c, const DocxOptions& options) {
    BodyParts body = writeBody(c);
    const std::string created = c.meta.created.empty() ? isoUtc(options.created) : c.meta.created;

    std::vector<Part> parts;
    parts.reserve(10 + body.headers.size());
    // [Content_Types].xml first (filled in last, from the list): readers that stream the archive
    // want it before anything else.
    parts.push_back({"[Content_Types].xml", "", {}});
    parts.push_back({"_rels/.rels", "", packageRelsPart()});
    parts.push_back({"word/document.xml", std::string(ns::kCtDocument), std::move(body.document)});
    parts.push_back({"word/_rels/document.xml.rels", "", documentRelsPart(body.headers.size())});
    parts.push_back({"word/styles.xml", std::string(ns::kCtStyles), stylesPart(c)});
    parts.push_back({"word/settings.xml", std::string(ns::kCtSettings), settingsPart()});
    parts.push_back({"word/fontTable.xml", std::string(ns::kCtFontTable), fontTablePart(c.fontFamily)});
    for (std::size_t i = 0; i < body.headers.size(); ++i)
        parts.push_back({headerPartName(i), std::string(ns::kCtHeader), std::move(body.headers[i])});
    parts.push_back({"docProps/core.xml", std::string(ns::kCtCoreProps), corePropsPart(c.meta, created)});
    parts.push_back({"docProps/app.xml", std::string(ns::kCtExtendedProps), appPropsPart(c.meta)});
    parts.push_back({"docProps/custom.xml", std::string(ns::kCtCustomProps), customPropsPart(c.meta)});
    parts.front().bytes = contentTypesPart(parts);
    return parts;
}

std::string renderDocx(const compose::Composition& c, const DocxOptions& options) {
    const std::vector<Part> parts = buildParts(c, options);
    std::size_t total = 0;
    for (const Part& p : parts) total += p.bytes.size();
    StringSink sink;
    sink.bytes.reserve(total / 4 + 4096);  // XML deflates to well under a quarter
    ZipWriter zip(sink);
    for (const Part& p : parts) zip.add(p.name, p.bytes);
    zip.finish();
    return std::move(sink.bytes);
}

}  // namespace vanthu::docx
