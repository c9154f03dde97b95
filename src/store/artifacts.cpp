// Artifacts (store/store.h): rendered bytes kept once per SHA-256 (base64 in a TEXT column,
// bytes_codec.h), linked to a document under a kind ("docx", "pdf").
#include "store/bytes_codec.h"
#include "store/store_impl.h"

namespace vanthu::store {

using detail::exec;
using detail::query;
using detail::Rows;
using detail::Session;

std::string Store::putArtifact(Id documentId, const std::string& kind, const std::string& mediaType, const std::string& bytes) {
    const std::string sha = sha256Hex(bytes);
    const detail::Params row = {sha, mediaType, std::int64_t(bytes.size()), detail::base64(bytes)};
    return detail::guarded([&] {
        Impl::Tx tx(*impl_);
        exec(tx.s(), "INSERT INTO artifacts (sha256, media_type, size, data) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING", row);
        exec(tx.s(), "DELETE FROM document_artifacts WHERE document_id = $1 AND kind = $2", {documentId, kind});
        exec(tx.s(), "INSERT INTO document_artifacts (document_id, kind, sha256) VALUES ($1, $2, $3)", {documentId, kind, sha});
        impl_->audit(tx, "system", "artifact.put", documentId, kind + " " + sha);
        tx.commit();
        return sha;
    });
}

std::optional<std::string> Store::artifact(Id documentId, const std::string& kind) const {
    return detail::guarded([&]() -> std::optional<std::string> {
        Session s = impl_->read();
        Rows r = query(s, "SELECT a.data, a.sha256 FROM document_artifacts l JOIN artifacts a ON a.sha256 = l.sha256"
                          " WHERE l.document_id = $1 AND l.kind = $2", {documentId, kind});
        if (r.empty()) return std::nullopt;
        std::string bytes = detail::unbase64(r.take(0, 0));
        if (sha256Hex(bytes) != r.s(0, 1)) return std::nullopt;  // damaged: render again
        return bytes;
    });
}

}  // namespace vanthu::store
