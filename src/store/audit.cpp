// The audit log (store/store.h): append-only, one row per write in the write's own transaction;
// each row's hash covers its fields and the previous row's hash, so a changed, removed or
// inserted row breaks the chain (verifyAudit).
#include "store/store_impl.h"

namespace vanthu::store {

using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

std::string detail::chainHash(std::int64_t id, const std::string& at, const std::string& actor, const std::string& action,
                              std::int64_t doc, const std::string& detail, const std::string& prev) {
    // Length-prefixed fields: no separator inside a field can forge another row.
    std::string m;
    for (const std::string& f : {std::to_string(id), at, actor, action, std::to_string(doc), detail, prev})
        m += std::to_string(f.size()) + ":" + f + ";";
    return sha256Hex(m);
}

void Store::Impl::audit(Tx& tx, const std::string& actor, const std::string& action, Id doc, const std::string& detail) {
    const Rows head = query(tx.s(), "SELECT last_id, last_hash FROM audit_head WHERE id = 1" + tx.forUpdate());
    const std::int64_t id = head.i(0, 0) + 1;
    const std::string prev = head.s(0, 1);
    const std::string at = now();
    const std::string hash = detail::chainHash(id, at, actor, action, doc, detail, prev);
    exec(tx.s(),
         "INSERT INTO audit_log (id, at, actor, action, document_id, detail, prev_hash, hash)"
         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
         {id, at, actor, action, doc, detail, prev, hash});
    exec(tx.s(), "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1", {id, hash});
}

AuditReport Store::verifyAudit() const {
    return detail::guarded([&] {
        // Rows and head from one snapshot: read apart, a writer committing in between would move
        // the head past the rows read, and a sound chain would look cut short.
        detail::ReadSnapshot snapshot(*impl_);
        Session& s = snapshot.s();
        AuditReport rep;
        const Rows r = query(s, "SELECT id, at, actor, action, document_id, detail, prev_hash, hash FROM audit_log ORDER BY id");
        std::string prev;
        std::int64_t expect = 1;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const std::int64_t id = r.i(i, 0);
            ++rep.rows;
            auto bad = [&](std::string what) {
                rep.firstBadRow = id;
                rep.problem = std::move(what);
            };
            if (id != expect) { bad("row " + std::to_string(expect) + " is missing"); rep.firstBadRow = expect; return rep; }
            if (r.s(i, 6) != prev) { bad("prev_hash does not match the previous row"); return rep; }
            const std::string h = detail::chainHash(id, r.s(i, 1), r.s(i, 2), r.s(i, 3), r.i(i, 4), r.s(i, 5), prev);
            if (h != r.s(i, 7)) { bad("hash does not match the row's content"); return rep; }
            prev = h;
            ++expect;
        }
        const Rows head = query(s, "SELECT last_id, last_hash FROM audit_head WHERE id = 1");
        if (head.i(0, 0) != expect - 1 || head.s(0, 1) != prev) {
            rep.firstBadRow = expect;
            rep.problem = "the chain ends before its recorded head (rows removed at the end)";
        }
        return rep;
    });
}

std::int64_t Store::auditCount() const {
    return detail::guarded([&] {
        Session s = impl_->read();
        return query(s, "SELECT COUNT(*) FROM audit_log").i(0, 0);
    });
}

}  // namespace vanthu::store
