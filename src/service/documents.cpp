#include "service/documents.h"

#include <memory>

#include "core/iso_date.h"
#include "input/document_reader.h"
#include "render/render_budget.h"
#include "service/access.h"
#include "service/exchange.h"

namespace vanthu::service {

using store::Role;

namespace {

Result<input::ReadOutcome> readXml(const Context& ctx, const std::string& xml) {
    input::ReadOptions opts;
    opts.maxBytes = ctx.maxDocumentBytes;
    return input::readDocumentXml(xml, opts);
}

// What is stored must be renderable: a document beyond the render budget is refused at the door.
Result<input::ReadOutcome> readStorable(const Context& ctx, const std::string& xml) {
    auto read = readXml(ctx, xml);
    if (!read.ok()) return read;
    if (auto e = render::overBudget(render::costOf(read.value().document), ctx.renderLimits)) return *e;
    return read;
}

Warning droppedNumberWarning(int number) {
    Warning w;
    w.messageVi = "Số " + std::to_string(number) + " trong văn bản không được giữ: dự thảo được cấp số khi ban hành";
    w.messageEn = "the number " + std::to_string(number) + " in the document is not kept: a draft is numbered when issued";
    w.field = "/document/code/@number";
    return w;
}

}  // namespace

Result<DocumentOutcome> createDraft(Context& ctx, const store::User& who, const std::string& xml) {
    if (auto e = requireRole(who, {Role::Drafter, Role::Clerk})) return *e;
    auto read = readStorable(ctx, xml);
    if (!read.ok()) return read.errors();
    DocumentOutcome out;
    out.warnings = read.value().warnings;
    const model::Document& doc = read.value().document;
    if (doc.code.number) out.warnings.insert(out.warnings.begin(), droppedNumberWarning(*doc.code.number));
    auto organ = organFor(ctx, who, doc);
    if (!organ.ok()) return organ.errors();
    auto rec = ctx.store.createDraft(organ.value(), xml, doc, actorLabel(who));
    if (!rec.ok()) return rec.errors();
    out.record = std::move(rec.value());
    return out;
}

Result<DocumentOutcome> updateDraft(Context& ctx, const store::User& who, store::Id id, const std::string& xml) {
    if (auto e = requireRole(who, {Role::Drafter, Role::Clerk})) return *e;
    auto cur = visibleDocument(ctx, who, id);
    if (!cur.ok()) return cur.errors();
    auto read = readStorable(ctx, xml);
    if (!read.ok()) return read.errors();
    auto organ = organFor(ctx, who, read.value().document);
    if (!organ.ok()) return organ.errors();
    if (organ.value() != cur.value().organId)
        return refusal(Errc::Forbidden, "forbidden_organ", "Không chuyển văn bản sang cơ quan khác được", "a draft cannot move to another organ",
                       "/document/issuer/@abbreviation");
    auto rec = ctx.store.updateDraft(id, xml, read.value().document, actorLabel(who));
    if (!rec.ok()) return rec.errors();
    return DocumentOutcome{std::move(rec.value()), read.value().warnings};
}

Result<DocumentOutcome> importIssued(Context& ctx, const store::User& who, const std::string& xml, store::Id registerId) {
    if (auto e = requireRole(who, {Role::Clerk})) return *e;
    auto read = readStorable(ctx, xml);
    if (!read.ok()) return read.errors();
    auto organ = organFor(ctx, who, read.value().document);
    if (!organ.ok()) return organ.errors();
    if (registerId)
        if (auto reg = visibleRegister(ctx, who, registerId); !reg.ok()) return reg.errors();
    auto rec = ctx.store.importIssued(organ.value(), registerId, xml, read.value().document, actorLabel(who));
    if (!rec.ok()) return rec.errors();
    return DocumentOutcome{std::move(rec.value()), read.value().warnings};
}

Result<store::DocumentRecord> viewDocument(Context& ctx, const store::User& who, store::Id id) { return visibleDocument(ctx, who, id); }

std::vector<store::Relation> relationsOf(Context& ctx, const store::User& who, store::Id id) {
    std::vector<store::Relation> out;
    for (auto& r : ctx.store.relations(id))
        if (visibleDocument(ctx, who, r.from == id ? r.to : r.from).ok()) out.push_back(std::move(r));
    return out;
}

Result<DocumentOutcome> issueDocument(Context& ctx, const store::User& who, store::Id id, const IssueOptions& options) {
    if (auto e = requireRole(who, {Role::Clerk})) return *e;
    auto draft = visibleDocument(ctx, who, id);
    if (!draft.ok()) return draft.errors();
    if (options.registerId)
        if (auto reg = visibleRegister(ctx, who, options.registerId); !reg.ok()) return reg.errors();
    store::IssueRequest request;
    request.registerId = options.registerId;
    request.date = options.date;
    DocumentOutcome out;
    // The delivery rows are written inside the numbering transaction: both commit, or neither.
    if (ctx.exchange) request.withinTransaction = ctx.exchange->planIssue(draft.value(), out.warnings);
    auto rec = ctx.store.issue(id, request, actorLabel(who));
    if (!rec.ok()) return rec.errors();
    out.record = std::move(rec.value());
    if (ctx.onIssued) ctx.onIssued();
    if (ctx.exchange) ctx.exchange->wake();
    return out;
}

Result<DocumentOutcome> changeStatus(Context& ctx, const store::User& who, store::Id id, store::Status to, const std::string& note) {
    if (auto e = requireRole(who, {Role::Clerk})) return *e;
    if (auto d = visibleDocument(ctx, who, id); !d.ok()) return d.errors();
    // A recall asks the recipients to give the document back, in the same transaction.
    const bool takeBack = to == store::Status::Recalled && ctx.exchange;
    auto counts = std::make_shared<distribution::Outbox::TakeBackCounts>();
    auto rec = ctx.store.setStatus(id, to, actorLabel(who), note, takeBack ? ctx.exchange->takeBack(id, note, counts) : nullptr);
    if (!rec.ok()) return rec.errors();
    DocumentOutcome out{std::move(rec.value()), {}};
    if (takeBack) ctx.exchange->recalled(*counts, out.warnings);
    return out;
}

Result<store::DocumentRecord> relate(Context& ctx, const store::User& who, store::Id from, store::Id to, const std::string& kind,
                                     const std::string& note) {
    if (auto e = requireRole(who, {Role::Clerk})) return *e;
    if (auto d = visibleDocument(ctx, who, from); !d.ok()) return d.errors();
    if (auto d = visibleDocument(ctx, who, to); !d.ok()) return d.errors();
    auto r = ctx.store.addRelation(store::Relation{from, to, kind, note}, actorLabel(who));
    if (!r.ok()) return r.errors();
    return visibleDocument(ctx, who, from);
}

Result<model::Document> documentForRendering(Context& ctx, const store::DocumentRecord& d) {
    auto read = readXml(ctx, d.xml);
    if (!read.ok()) return read.errors();
    model::Document doc = read.value().document;
    doc.code.number = d.number > 0 ? std::optional<int>(d.number) : std::nullopt;
    doc.code.year = d.legalNormative && d.number > 0 ? std::optional<int>(d.year) : std::nullopt;
    doc.issueDate = d.issueDate.empty() ? std::nullopt : vanthu::parseIsoDate(d.issueDate);
    if (!d.issueDate.empty() && !doc.issueDate)
        throw Failure(Errc::Internal, "stored document " + std::to_string(d.id) + " has a malformed issue date");
    return doc;
}

}  // namespace vanthu::service
