// store/store_impl.h (private to store/): Store::Impl and the helpers its .cpp files share. Each
// part of the public Store lives in its own file (src/store/README.md): accounts.cpp,
// registers.cpp, documents.cpp (with numbering.cpp), search.cpp, artifacts.cpp, audit.cpp, and
// store.cpp (open, migrations, the Sql seam, test hooks).
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "model/document.h"
#include "store/document_columns.h"
#include "store/session.h"
#include "store/store.h"

namespace vanthu::store {

struct Store::Impl : detail::Database {
    using Tx = detail::Tx;

    Clock clock;
    int version = 0;

    std::string now() const;  // the injected clock, ISO 8601 UTC

    // audit.cpp: appends one row to the hash chain, in the caller's transaction.
    void audit(Tx& tx, const std::string& actor, const std::string& action, Id doc, const std::string& detail);

    // documents.cpp: one document row; `lock` is tx.forUpdate() when the caller changes it.
    std::optional<DocumentRecord> loadDoc(detail::Session& s, Id id, const std::string& lock = "");
    // documents.cpp: the SQLite FTS5 row of a document (PostgreSQL's GIN index follows the column).
    void indexText(Tx& tx, Id id, Id organ, const detail::DocumentColumns& d);

    // search.cpp: the SQLite words-only query answered from the FTS5 index alone.
    std::optional<SearchResult> searchIndexOnly(const Query& q);

    void migrate();  // store.cpp
};

namespace detail {

// An expected failure, in both languages, located at `field`.
Error err(Errc c, std::string vi, std::string en, std::string field = {});
// "YYYY-MM-DD"
std::string dateText(const model::Date& d);
// The audit chain's row hash (audit.cpp); verifyAudit recomputes it.
std::string chainHash(std::int64_t id, const std::string& at, const std::string& actor, const std::string& action,
                      std::int64_t doc, const std::string& detail, const std::string& prev);

}  // namespace detail
}  // namespace vanthu::store
