#include "service/files.h"

#include "compose/register_sheet.h"
#include "core/digest.h"
#include "render/render_budget.h"
#include "render/renderer.h"
#include "service/access.h"
#include "service/documents.h"
#include "service/exchange.h"
#include "service/registers.h"
#include "service/render_gate.h"

namespace vanthu::service {

const std::string& mediaTypeOf(const std::string& format) {
    static const std::string docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", pdf = "application/pdf",
                             csv = "text/csv; charset=utf-8", xml = "application/xml; charset=utf-8", other = "application/octet-stream";
    if (format == "docx") return docx;
    if (format == "pdf") return pdf;
    if (format == "csv") return csv;
    if (format == "xml") return xml;
    return other;
}

bool canRender(const Context& ctx, const std::string& format) { return ctx.renderer && ctx.renderer->supports(format); }

namespace {

// REQUIRES: canRender(ctx, format) — the caller has refused other formats already.
std::string renderOrFault(const std::optional<std::string>& bytes, const std::string& format) {
    if (!bytes) throw Failure(Errc::Internal, "the renderer refused " + format + " after supporting it");
    return *bytes;
}

// Renders through the gate when there is one (in turn, cached under `key`), else at once.
Result<std::string> renderInTurn(const Context& ctx, const std::string& key, const std::function<std::string()>& render) {
    if (!ctx.renderGate) return render();
    return ctx.renderGate->run(key, render);
}

// Everything the rendered bytes of a stored document depend on, besides the renderer itself.
std::string renderKey(const store::DocumentRecord& d, const std::string& format) {
    return sha256Hex(format + "\n" + std::string(store::statusName(d.status)) + "\n" + std::to_string(d.number) + "\n" +
                     std::to_string(d.year) + "\n" + d.issueDate + "\n" + (d.legalNormative ? "1" : "0") + "\n" + d.xml);
}

// The same sheet as CSV (compose/register_sheet.h), DOCX or PDF.
Result<File> sheetFile(const Context& ctx, const compose::RegisterSheet& sheet, const std::string& format, std::string name) {
    if (format == "csv") return File{compose::registerSheetCsv(sheet), mediaTypeOf("csv"), std::move(name)};
    if (!canRender(ctx, format)) throw Failure(Errc::Internal, "no renderer for " + format);
    auto bytes = renderInTurn(ctx, "", [&] { return renderOrFault(ctx.renderer->renderRegister(sheet, format), format); });
    if (!bytes.ok()) return bytes.errors();
    return File{std::move(bytes.value()), mediaTypeOf(format), std::move(name)};
}

}  // namespace

Result<File> documentFile(Context& ctx, const store::User& who, store::Id id, const std::string& format) {
    auto found = visibleDocument(ctx, who, id);
    if (!found.ok()) return found.errors();
    const auto& d = found.value();
    const std::string name = "document-" + std::to_string(d.id) + "." + format;
    if (format == "xml") return File{d.xml, mediaTypeOf("xml"), name};
    if (format != "docx" && format != "pdf") return refusal(Errc::NotFound, "not_found", "Không có định dạng này", "no such format", "format");
    if (!canRender(ctx, format)) throw Failure(Errc::Internal, "no renderer for " + format);
    const bool immutable = d.status != store::Status::Draft;
    if (immutable)
        if (auto kept = ctx.store.artifact(d.id, format)) return File{std::move(*kept), mediaTypeOf(format), name};
    auto doc = documentForRendering(ctx, d);
    if (!doc.ok()) return doc.errors();
    if (auto e = render::overBudget(render::costOf(doc.value()), ctx.renderLimits)) return *e;
    auto bytes = renderInTurn(ctx, renderKey(d, format),
                              [&] { return renderOrFault(ctx.renderer->renderDocument(doc.value(), format), format); });
    if (!bytes.ok()) return bytes.errors();
    File f{std::move(bytes.value()), mediaTypeOf(format), name};
    if (immutable) ctx.store.putArtifact(d.id, format, f.mediaType, f.bytes);
    return f;
}

Result<File> outgoingBookFile(Context& ctx, const store::User& who, store::Id registerId, int year, const std::string& format) {
    auto found = outgoingBook(ctx, who, registerId, year);
    if (!found.ok()) return found.errors();
    const auto& book = found.value();
    const std::string name = "so-van-ban-di-" + std::to_string(year) + "." + format;
    compose::RegisterSheet sheet;
    sheet.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";
    sheet.organName = book.organName;
    sheet.registerName = book.reg.name;
    sheet.year = year;
    sheet.headings = store::registerHeadings();
    sheet.relativeWidths = {1.9, 1.4, 3.2, 1.4, 2.0, 1.4, 0.8, 1.4, 0.9, 1.3};  // dates and codes never wrap
    for (const auto& e : book.entries) sheet.rows.push_back(store::registerCells(e));
    return sheetFile(ctx, sheet, format, name);
}

Result<File> incomingBookFile(Context& ctx, const store::User& who, int year, const std::string& format) {
    if (!ctx.exchange) return refusal(Errc::NotFound, "not_found", "Không có sổ văn bản đến", "no incoming register here", "register");
    auto found = ctx.exchange->incomingRegister(who, year);
    if (!found.ok()) return found.errors();
    const auto& entries = found.value();
    const std::string name = "so-van-ban-den-" + std::to_string(year) + "." + format;
    compose::RegisterSheet sheet;
    sheet.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN";
    const auto organ = ctx.store.organ(who.organId);
    sheet.organName = organ ? organ->name : "";
    sheet.year = year;
    sheet.headings = store::incomingHeadings();
    sheet.relativeWidths = {1.4, 0.9, 2.0, 1.9, 1.4, 3.4, 1.6, 1.4, 1.0, 1.2};  // dates and codes never wrap
    for (const auto& e : entries) sheet.rows.push_back(store::incomingCells(e));
    return sheetFile(ctx, sheet, format, name);
}

}  // namespace vanthu::service
