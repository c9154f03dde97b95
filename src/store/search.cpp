// Search (store/store.h Query): by code in any spelling, by words without diacritics, by date,
// signer, issuer, type and register; SQLite FTS5 or PostgreSQL's tsvector. The tokens and tags
// come from document_columns.h, so the index and the queries agree.
#include <algorithm>

#include "model/document_code.h"
#include "store/store_impl.h"
#include "text/unicode.h"

namespace vanthu::store {

using detail::exec;
using detail::Params;
using detail::query;
using detail::quotedTokens;
using detail::Rows;
using detail::Session;
using detail::tokens;
using detail::Value;

namespace {

bool codeLikeKey(const std::string& key) {
    return key.find_first_of("0123456789") != std::string::npos && key.find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos;
}

SearchHit hitFrom(const Rows& r, std::size_t i) { return SearchHit{r.i(i, 0), r.s(i, 1), r.s(i, 2), r.s(i, 3), r.s(i, 4), r.s(i, 5)}; }

// `s` matched as typed inside a LIKE pattern: its % and _ are not wildcards ('!' escapes, on
// both back ends: ESCAPE '!').
std::string likeLiteral(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out;
}

// The WHERE clause of the general path and its parameters, numbered in order of appearance.
struct Filter {
    std::string where = " WHERE 1 = 1";
    Params params;
    void add(const std::string& sqlWithN, Value v) {
        params.push_back(std::move(v));
        std::string s = sqlWithN;
        s.replace(s.find("$N"), 2, "$" + std::to_string(params.size()));
        where += s;
    }
    std::string next(Value v) {  // a parameter for the caller's own text: "$n"
        params.push_back(std::move(v));
        return "$" + std::to_string(params.size());
    }
};

void addFields(const Query& q, Filter& f) {
    if (q.organId) f.add(" AND d.organ_id = $N", *q.organId);
    if (!q.includeSecret) f.where += " AND d.secret = 0";
    if (!q.code.empty()) f.add(" AND d.code_key = $N", model::searchKey(q.code));
    if (!q.type.empty()) f.add(" AND d.type = $N", q.type);
    if (!q.issuer.empty()) f.add(" AND d.issuer_abbr = $N", q.issuer);
    if (!q.signer.empty()) f.add(" AND d.signer_folded LIKE $N ESCAPE '!'", "%" + likeLiteral(text::fold(q.signer)) + "%");
    if (!q.from.empty()) f.add(" AND d.issue_date <> '' AND d.issue_date >= $N", q.from);
    if (!q.to.empty()) f.add(" AND d.issue_date <> '' AND d.issue_date <= $N", q.to);
    if (q.registerId) f.add(" AND d.register_id = $N", q.registerId);
    if (!q.status.empty()) f.add(" AND d.status = $N", q.status);
}

// The words (folded) or the code must match. False when the text has nothing to match.
bool addTextMatch(const std::string& text, bool pg, Filter& f) {
    const auto toks = tokens(text::fold(text));
    const std::string key = model::searchKey(text);
    const bool codeLike = codeLikeKey(key);
    if (toks.empty() && !codeLike) return false;
    std::string cond = "1 = 0";
    if (!toks.empty()) {
        std::string match;
        for (const auto& t : toks) {
            if (pg) match += (match.empty() ? "" : " & ") + t;
            else match += (match.empty() ? "" : " ") + ("\"" + t + "\"");
        }
        if (!pg) match = "folded : (" + match + ")";
        const std::string n = f.next(match);
        cond = pg ? "to_tsvector('simple', d.folded) @@ to_tsquery('simple', " + n + ")"
                  : "d.id IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH " + n + ")";
    }
    if (codeLike) cond += " OR d.code_key = " + f.next(key);
    f.where += " AND (" + cond + ")";
    return true;
}

// Rank: a code match first (2), then documents carrying every word with the diacritics as typed
// (1), then the rest. Its parameters follow the filter's (`base` of them), in `out`.
std::string rankOf(const std::string& text, bool pg, std::size_t base, Params& out) {
    std::string rank = "0";
    const std::string key = model::searchKey(text);
    const auto typed = tokens(text::toLower(text::nfc(text)));
    std::size_t k = 0;
    if (codeLikeKey(key)) {
        out.push_back(key);
        rank += " + (CASE WHEN d.code_key = $" + std::to_string(base + ++k) + " THEN 2 ELSE 0 END)";
    }
    if (typed.empty()) return rank;
    if (pg) {
        std::string all;
        for (const auto& w : typed) {
            if (k > 32) break;
            out.push_back(w);
            all += std::string(all.empty() ? "" : " AND ") + "strpos(d.lowered, $" + std::to_string(base + ++k) + ") > 0";
        }
        return rank + " + (CASE WHEN " + all + " THEN 1 ELSE 0 END)";
    }
    std::string exact;
    for (const auto& w : typed) exact += (exact.empty() ? "" : " ") + ("\"" + w + "\"");
    out.push_back("exact : (" + exact + ")");
    return rank + " + (CASE WHEN d.id IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH $" + std::to_string(base + ++k) +
           ") THEN 1 ELSE 0 END)";
}

}  // namespace

// SQLite, words only (plus organ, type, secrecy): everything is answered by the FTS5 index —
// counts and pages — and only the page's rows are read. Same order as the general path:
// documents carrying the words as typed first, then the others, newest (highest id) first.
std::optional<SearchResult> Store::Impl::searchIndexOnly(const Query& q) {
    if (backend != Backend::Sqlite || q.text.empty() || !q.code.empty() || !q.issuer.empty() || !q.signer.empty() ||
        !q.from.empty() || !q.to.empty() || q.registerId != 0 || !q.status.empty() || codeLikeKey(model::searchKey(q.text)))
        return std::nullopt;
    const auto folded = tokens(text::fold(q.text));
    const auto typed = tokens(text::toLower(text::nfc(q.text)));
    if (folded.empty() || typed.empty()) return SearchResult{};
    std::string base = "(folded : (" + quotedTokens(folded) + "))";
    if (q.organId) base += " AND (tags : \"o" + std::to_string(*q.organId) + "\")";
    if (!q.type.empty()) base += " AND (tags : \"" + detail::typeTag(q.type) + "\")";
    if (!q.includeSecret) base = "(" + base + ") NOT (tags : \"secret\")";
    const std::string exact = "exact : (" + quotedTokens(typed) + ")";
    const std::string first = "(" + base + ") AND (" + exact + ")";
    const std::string rest = "(" + base + ") NOT (" + exact + ")";
    Session s = read();
    auto count = [&](const std::string& m) { return query(s, "SELECT COUNT(*) FROM doc_fts WHERE doc_fts MATCH $1", {m}).i(0, 0); };
    auto ids = [&](const std::string& m, std::int64_t limit, std::int64_t offset) {
        const Rows r = query(s, "SELECT rowid FROM doc_fts WHERE doc_fts MATCH $1 ORDER BY rowid DESC LIMIT $2 OFFSET $3", {m, limit, offset});
        std::vector<Id> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.i(i, 0));
        return out;
    };
    SearchResult out;
    out.total = count(base);
    const std::int64_t size = std::clamp(q.pageSize, 1, 100), offset = std::int64_t(std::max(1, q.page) - 1) * size;
    const std::int64_t nFirst = count(first);
    std::vector<Id> page;
    if (offset < nFirst) page = ids(first, size, offset);
    if (std::int64_t(page.size()) < size) {
        const auto more = ids(rest, size - std::int64_t(page.size()), std::max<std::int64_t>(0, offset - nFirst));
        page.insert(page.end(), more.begin(), more.end());
    }
    for (Id id : page) {
        const Rows r = query(s, "SELECT id, code, subject, type, issue_date, status FROM documents WHERE id = $1", {id});
        if (!r.empty()) out.items.push_back(hitFrom(r, 0));
    }
    return out;
}

SearchResult Store::search(const Query& q) const {
    return detail::guarded([&] {
        if (auto fast = impl_->searchIndexOnly(q)) return *fast;
        const bool pg = impl_->backend == Backend::Postgres;
        Filter f;
        addFields(q, f);
        std::string rank = "0";
        Params rankParams;
        if (!q.text.empty()) {
            if (!addTextMatch(q.text, pg, f)) return SearchResult{};
            rank = rankOf(q.text, pg, f.params.size(), rankParams);
        }
        Session s = impl_->read();
        SearchResult out;
        out.total = query(s, "SELECT COUNT(*) FROM documents d" + f.where, f.params).i(0, 0);
        const int pageSize = std::clamp(q.pageSize, 1, 100);
        const int page = std::max(1, q.page);
        Params all = f.params;
        for (auto& p : rankParams) all.push_back(p);
        all.push_back(std::int64_t(pageSize));
        all.push_back(std::int64_t(page - 1) * pageSize);
        const std::string n1 = "$" + std::to_string(all.size() - 1), n2 = "$" + std::to_string(all.size());
        // SQLite numbers "$n" parameters in order of appearance, not by n: every statement keeps
        // its placeholders in ascending order in the text, so the rank goes after the WHERE.
        const Rows r = query(s, "SELECT d.id, d.code, d.subject, d.type, d.issue_date, d.status FROM documents d" + f.where +
                                    " ORDER BY " + (rank == "0" ? std::string() : "(" + rank + ") DESC, ") + "d.id DESC LIMIT " + n1 + " OFFSET " + n2,
                             all);
        for (std::size_t i = 0; i < r.size(); ++i) out.items.push_back(hitFrom(r, i));
        return out;
    });
}

void Store::optimize() {
    detail::guarded([&] {
        if (impl_->backend == Backend::Sqlite) {
            Impl::Tx tx(*impl_);
            exec(tx.s(), "INSERT INTO doc_fts (doc_fts) VALUES ('optimize')");
            tx.commit();
            Session s = impl_->read();
            query(s, "PRAGMA optimize");
        } else {
            Session s = impl_->read();
            exec(s, "ANALYZE");
        }
        return 0;
    });
}

}  // namespace vanthu::store
