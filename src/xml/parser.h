// xml/parser.h: safe parsing of untrusted XML (toolchain.md §6): no DTD, no entities, no network,
// a size cap; every error located. libxml2 types never appear in this header.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

namespace vanthu::xml {

// Call once in main(), before threads: xmlInitParser() and a deny-all external entity loader.
void initialise();

constexpr std::size_t kDefaultMaxBytes = 8 * 1024 * 1024;

class Node;  // a read-only view of an element (see node.h for the API used by readers)

// An owned, parsed document. Movable, not copyable.
class Document {
public:
    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;

    void* raw() const;   // the xmlDoc*, for the xml module's own use (schema validation)
    std::string_view source() const;  // the bytes it was parsed from (for column lookup)

    // Line and column (1-based) of an element node (an xmlNode*); 0:0 if unknown.
    std::pair<int, int> position(const void* node) const;
    // "/document/body/article[2]" of an element node (an xmlNode*), without namespace prefixes.
    std::string path(const void* node) const;

    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

// Rejects: more than maxBytes (TooLarge), ill-formed UTF-8 (InvalidInput, with line:col),
// malformed XML (InvalidInput, libxml2's line:col), any DOCTYPE (InvalidInput), entity references.
Result<Document> parse(std::string_view bytes, std::size_t maxBytes = kDefaultMaxBytes);

}  // namespace vanthu::xml
