// store/document_columns.h (private to store/): what the store derives from a model::Document
// to keep in its own columns (written on create, update and import), and the FTS tokens the
// SQLite index and the search queries share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/document.h"

namespace vanthu::store::detail {

struct DocumentColumns {
    std::string type, notation, subject, signer, signerFolded, issuer, issuerAbbr, recipients, archiveUnits;
    std::string folded, lowered;  // subject and body: folded (search) and as typed, lower case (rank)
    std::int64_t secret = 0, legal = 0, copies = 0;
};

DocumentColumns columnsOf(const model::Document& doc);

// FTS tokens of an already-folded string: ASCII letters and digits plus any non-ASCII byte.
std::vector<std::string> tokens(const std::string& folded);
// "\"a\" \"b\"": tokens as FTS5 phrases.
std::string quotedTokens(const std::vector<std::string>& toks);
// The FTS5 tags column: "o12 tquyetdinh [secret]" (organ, type, secrecy).
std::string typeTag(const std::string& type);
std::string ftsTags(std::int64_t organ, const std::string& type, bool secret);

}  // namespace vanthu::store::detail
