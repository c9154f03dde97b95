// Documents (store/store.h): drafts, imports of issued documents, issuing (numbering.h), the
// lifecycle (model/lifecycle.h) and relations between documents.
#include "model/document_code.h"
#include "model/lifecycle.h"
#include "store/numbering.h"
#include "store/store_impl.h"

namespace vanthu::store {

using detail::err;
using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

namespace {

constexpr const char* kDocColumns =
    "id, organ_id, register_id, status, type, secret, legal, number, issue_year, series, notation, code,"
    " issue_date, subject, signer, issuer, recipients, xml";

DocumentRecord docFromRow(const Rows& r, std::size_t i) {
    DocumentRecord d;
    d.id = r.i(i, 0);
    d.organId = r.i(i, 1);
    d.registerId = r.i(i, 2);
    d.status = model::statusFromName(r.s(i, 3)).value_or(Status::Draft);
    d.type = r.s(i, 4);
    d.secret = r.i(i, 5) != 0;
    d.legalNormative = r.i(i, 6) != 0;
    d.number = int(r.i(i, 7));
    d.year = int(r.i(i, 8));
    d.series = r.s(i, 9);
    d.notation = r.s(i, 10);
    d.code = r.s(i, 11);
    d.issueDate = r.s(i, 12);
    d.subject = r.s(i, 13);
    d.signer = r.s(i, 14);
    d.issuer = r.s(i, 15);
    d.recipients = r.s(i, 16);
    d.xml = r.s(i, 17);
    return d;
}

Error noSuchDocument() { return err(Errc::NotFound, "Không có văn bản này", "no such document", "id"); }

}  // namespace

std::optional<DocumentRecord> Store::Impl::loadDoc(Session& s, Id id, const std::string& lock) {
    const Rows r = query(s, std::string("SELECT ") + kDocColumns + " FROM documents WHERE id = $1" + lock, {id});
    if (r.empty()) return std::nullopt;
    return docFromRow(r, 0);
}

void Store::Impl::indexText(Tx& tx, Id id, Id organ, const detail::DocumentColumns& d) {
    if (backend != Backend::Sqlite) return;  // PostgreSQL: the GIN index follows the column
    exec(tx.s(), "DELETE FROM doc_fts WHERE rowid = $1", {id});
    exec(tx.s(), "INSERT INTO doc_fts (rowid, folded, exact, tags) VALUES ($1, $2, $3, $4)",
         {id, d.folded, d.lowered, detail::ftsTags(organ, d.type, d.secret != 0)});
}

Result<DocumentRecord> Store::createDraft(Id organId, const std::string& xml, const model::Document& doc,
                                          const std::string& actor) {
    const auto d = detail::columnsOf(doc);
    return detail::guarded([&]() -> Result<DocumentRecord> {
        const std::string now = impl_->now();
        Impl::Tx tx(*impl_);
        const Rows r = query(tx.s(),
            "INSERT INTO documents (organ_id, status, type, secret, legal, notation, subject, signer, signer_folded,"
            " issuer, issuer_abbr, recipients, archive_units, copies, folded, lowered, xml, created_at, updated_at)"
            " VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
            {organId, d.type, d.secret, d.legal, d.notation, d.subject, d.signer, d.signerFolded, d.issuer, d.issuerAbbr,
             d.recipients, d.archiveUnits, d.copies, d.folded, d.lowered, xml, now, now});
        const Id id = r.i(0, 0);
        impl_->indexText(tx, id, organId, d);
        impl_->audit(tx, actor, "document.create", id, d.type + " " + d.notation);
        auto rec = impl_->loadDoc(tx.s(), id);
        tx.commit();
        return *rec;
    });
}

Result<DocumentRecord> Store::updateDraft(Id id, const std::string& xml, const model::Document& doc,
                                          const std::string& actor) {
    const auto d = detail::columnsOf(doc);
    return detail::guarded([&]() -> Result<DocumentRecord> {
        Impl::Tx tx(*impl_);
        auto cur = impl_->loadDoc(tx.s(), id, tx.forUpdate());
        if (!cur) return noSuchDocument();
        if (cur->status != Status::Draft)
            return err(Errc::Conflict, "Văn bản đã ban hành không sửa được; hãy đính chính hoặc thay thế",
                       "an issued document cannot be edited; correct or replace it", "status");
        exec(tx.s(),
             "UPDATE documents SET type = $1, secret = $2, legal = $3, notation = $4, subject = $5, signer = $6,"
             " signer_folded = $7, issuer = $8, issuer_abbr = $9, recipients = $10, archive_units = $11, copies = $12,"
             " folded = $13, lowered = $14, xml = $15, updated_at = $16 WHERE id = $17",
             {d.type, d.secret, d.legal, d.notation, d.subject, d.signer, d.signerFolded, d.issuer, d.issuerAbbr,
              d.recipients, d.archiveUnits, d.copies, d.folded, d.lowered, xml, impl_->now(), id});
        impl_->indexText(tx, id, cur->organId, d);
        impl_->audit(tx, actor, "document.update", id, d.type + " " + d.notation);
        auto rec = impl_->loadDoc(tx.s(), id);
        tx.commit();
        return *rec;
    });
}

Result<DocumentRecord> Store::importIssued(Id organId, Id registerId, const std::string& xml,
                                           const model::Document& doc, const std::string& actor) {
    if (!doc.code.number || *doc.code.number <= 0)
        return err(Errc::InvalidInput, "Văn bản nhập phải có số", "an imported document needs its number", "/document/code/@number");
    if (!doc.issueDate)
        return err(Errc::InvalidInput, "Văn bản nhập phải có ngày ban hành", "an imported document needs its issue date", "/document/issueDate");
    const auto d = detail::columnsOf(doc);
    const std::int64_t year = doc.issueDate->year;
    const std::string code = model::format(doc.code);
    const std::string key = model::searchKey(code);
    const std::int64_t number = *doc.code.number;
    const Register reg = registerId ? registerById(registerId).value_or(Register{}) : defaultRegister(organId);
    if (reg.id == 0 || reg.organId != organId)
        return err(Errc::NotFound, "Không có sổ này", "no such register for this organ", "register");
    return detail::guarded([&]() -> Result<DocumentRecord> {
        Impl::Tx tx(*impl_);
        const Rows dup = query(tx.s(), "SELECT id FROM documents WHERE organ_id = $1 AND issue_year = $2 AND secret = $3 AND code_key = $4 AND number > 0",
                               {organId, year, d.secret, key});
        if (!dup.empty())
            return err(Errc::Conflict, "Số, ký hiệu " + code + " đã có trong năm " + std::to_string(year),
                       "number and notation " + code + " already exist for " + std::to_string(year), "/document/code");
        const std::string series = detail::seriesFor(d.secret != 0, d.legal != 0, d.type, reg);
        if (detail::numberTaken(tx, reg.id, year, series, number))
            return err(Errc::Conflict, "Số " + std::to_string(number) + " đã được cấp trong sổ này",
                       "number " + std::to_string(number) + " is already taken in this register", "/document/code/@number");
        const std::string now = impl_->now();
        const Rows r = query(tx.s(),
            "INSERT INTO documents (organ_id, register_id, status, type, secret, legal, number, issue_year, series, notation,"
            " code, code_key, issue_date, subject, signer, signer_folded, issuer, issuer_abbr, recipients, archive_units,"
            " copies, folded, lowered, xml, created_at, updated_at)"
            " VALUES ($1, $2, 'issued', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
            " $21, $22, $23, $24, $25) RETURNING id",
            {organId, reg.id, d.type, d.secret, d.legal, number, year, series, d.notation, code, key,
             detail::dateText(*doc.issueDate), d.subject, d.signer, d.signerFolded, d.issuer, d.issuerAbbr, d.recipients,
             d.archiveUnits, d.copies, d.folded, d.lowered, xml, now, now});
        const Id id = r.i(0, 0);
        detail::recordImportedNumber(tx, reg.id, year, series, number, id);
        impl_->indexText(tx, id, organId, d);
        impl_->audit(tx, actor, "document.import", id, code);
        auto rec = impl_->loadDoc(tx.s(), id);
        tx.commit();
        return *rec;
    });
}

Result<DocumentRecord> Store::document(Id id) const {
    return detail::guarded([&]() -> Result<DocumentRecord> {
        Session s = impl_->read();
        auto rec = impl_->loadDoc(s, id);
        if (!rec) return noSuchDocument();
        return *rec;
    });
}

namespace {

// The issue date asked for, or today by the injected clock.
model::Date issueDateOf(const IssueRequest& request, const Clock& clock) {
    if (request.date) return *request.date;
    const auto days = std::chrono::floor<std::chrono::days>(clock());
    const std::chrono::year_month_day ymd{days};
    return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

}  // namespace

Result<DocumentRecord> Store::issue(Id id, const IssueRequest& request, const std::string& actor) {
    return detail::guarded([&]() -> Result<DocumentRecord> {
        // Resolve the register before the write transaction (the default one may be created).
        std::optional<DocumentRecord> first;
        {
            Session pre = impl_->read();
            first = impl_->loadDoc(pre, id);
        }
        if (!first) return noSuchDocument();
        const Register reg = request.registerId ? registerById(request.registerId).value_or(Register{})
                                                : defaultRegister(first->organId);
        if (reg.id == 0 || reg.organId != first->organId)
            return err(Errc::NotFound, "Không có sổ này cho cơ quan", "no such register for this organ", "register");
        const model::Date date = issueDateOf(request, impl_->clock);
        if (!model::isValidDate(date)) return err(Errc::InvalidInput, "Ngày không hợp lệ", "invalid date", "date");

        Impl::Tx tx(*impl_);
        auto doc = impl_->loadDoc(tx.s(), id, tx.forUpdate());
        if (!doc) return noSuchDocument();
        if (!model::canTransition(doc->status, Status::Issued))
            return err(Errc::Conflict, "Văn bản đã được cấp số " + doc->code, "the document is already issued as " + doc->code, "status");
        DocumentRecord out = *doc;
        out.status = Status::Issued;
        out.registerId = reg.id;
        out.year = date.year;
        out.series = detail::seriesFor(doc->secret, doc->legalNormative, doc->type, reg);
        out.number = int(detail::takeNextNumber(tx, reg.id, out.year, out.series));
        model::DocumentCode code;
        code.number = out.number;
        if (doc->legalNormative) code.year = date.year;
        code.notation = doc->notation;
        out.code = model::format(code);
        out.issueDate = detail::dateText(date);
        try {
            exec(tx.s(), "UPDATE documents SET status = 'issued', register_id = $1, number = $2, issue_year = $3, series = $4,"
                         " code = $5, code_key = $6, issue_date = $7, updated_at = $8 WHERE id = $9",
                 {reg.id, std::int64_t(out.number), std::int64_t(out.year), out.series, out.code, model::searchKey(out.code),
                  out.issueDate, impl_->now(), id});
        } catch (const detail::UniqueViolation&) {
            // documents_code_unique: only after an import into another register took this very
            // code. The transaction rolls back, so the number is not consumed (numbering.h).
            return err(Errc::Conflict, "Số, ký hiệu " + out.code + " đã có", "number and notation " + out.code + " already exist", "register");
        }
        detail::writeRegisterEntry(tx, reg.id, out.year, out.series, out.number, id);
        impl_->audit(tx, actor, "document.issue", id, out.code + " register " + std::to_string(reg.id));
        if (request.withinTransaction) {
            detail::SessionSql sql(tx);
            request.withinTransaction(sql, out);
        }
        tx.commit();
        return out;
    });
}

Result<DocumentRecord> Store::setStatus(Id id, Status to, const std::string& actor, const std::string& note,
                                       const std::function<void(Sql&, const DocumentRecord&)>& withinTransaction) {
    return detail::guarded([&]() -> Result<DocumentRecord> {
        Impl::Tx tx(*impl_);
        auto doc = impl_->loadDoc(tx.s(), id, tx.forUpdate());
        if (!doc) return noSuchDocument();
        const Status from = doc->status;
        // Issuing goes through issue(), which numbers the document.
        if (to == Status::Issued || !model::canTransition(from, to))
            return err(Errc::Conflict, "Không chuyển được từ " + std::string(statusName(from)) + " sang " + std::string(statusName(to)),
                       "cannot go from " + std::string(statusName(from)) + " to " + std::string(statusName(to)), "status");
        exec(tx.s(), "UPDATE documents SET status = $1, updated_at = $2 WHERE id = $3",
             {std::string(statusName(to)), impl_->now(), id});
        if (to == Status::Recalled) exec(tx.s(), "UPDATE documents SET recalled = 1 WHERE id = $1", {id});
        impl_->audit(tx, actor, "document." + std::string(statusName(to)), id, note);
        auto rec = impl_->loadDoc(tx.s(), id);
        if (withinTransaction) {
            detail::SessionSql sql(tx);
            withinTransaction(sql, *rec);
        }
        tx.commit();
        return *rec;
    });
}

Result<Relation> Store::addRelation(const Relation& r, const std::string& actor) {
    if (!model::relationKindFromKey(r.kind))
        return err(Errc::InvalidInput, "Loại quan hệ không hợp lệ", "unknown relation kind", "kind");
    if (r.from == r.to) return err(Errc::InvalidInput, "Văn bản không thể liên quan tới chính nó", "a document cannot relate to itself", "target");
    return detail::guarded([&]() -> Result<Relation> {
        Impl::Tx tx(*impl_);
        if (!impl_->loadDoc(tx.s(), r.from)) return noSuchDocument();
        if (!impl_->loadDoc(tx.s(), r.to)) return err(Errc::NotFound, "Không có văn bản đích", "no such target document", "target");
        const Rows have = query(tx.s(), "SELECT kind FROM relations WHERE from_id = $1 AND to_id = $2 AND kind = $3", {r.from, r.to, r.kind});
        if (!have.empty()) return err(Errc::Conflict, "Quan hệ đã có", "the relation already exists", "kind");
        exec(tx.s(), "INSERT INTO relations (from_id, to_id, kind, note) VALUES ($1, $2, $3, $4)", {r.from, r.to, r.kind, r.note});
        impl_->audit(tx, actor, "relation." + r.kind, r.from, std::to_string(r.to) + " " + r.note);
        tx.commit();
        return r;
    });
}

std::vector<Relation> Store::relations(Id id) const {
    return detail::guarded([&] {
        Session s = impl_->read();
        const Rows r = query(s, "SELECT from_id, to_id, kind, note FROM relations WHERE from_id = $1 OR to_id = $2 ORDER BY from_id, to_id, kind", {id, id});
        std::vector<Relation> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(Relation{r.i(i, 0), r.i(i, 1), r.s(i, 2), r.s(i, 3)});
        return out;
    });
}

}  // namespace vanthu::store
