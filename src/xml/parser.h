// xml/parser.h: safe parsing of untrusted XML (toolchain.md §6): no DTD, no entities, no network,
// a size cap; every error located. libxml2 types never appear in this header.
//
// Locations: lines and columns are 1-based; a column counts Unicode code points from the start of
// the line (not bytes), which is what libxml2 reports for its own errors and what an editor shows.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "xml/node.h"

namespace vanthu::xml {

// Installs process-wide libxml2 state once (std::call_once, so any thread may call it; main()
// should call it before starting threads): xmlInitParser() and an external-entity loader that
// refuses everything (Schema::load opens a narrow, per-thread exception for its own XSD folder).
// parse() and Schema::load() call it themselves.
void initialise();

// Limits of parse(). The size cap is the caller's (maxBytes): the whole input, and so any one text
// node in it, is at most that long; libxml2's own fixed limits (10,000,000 bytes for a text node
// or for how far it looks ahead, which stopped a 15 MiB edXML package with "Huge input lookup")
// are lifted (XML_PARSE_HUGE). Its depth limit is lifted with them, so kMaxDepth is ours: the
// same 256 levels of elements libxml2 allows by default (our schemas need fewer than 20).
constexpr std::size_t kDefaultMaxBytes = 8 * 1024 * 1024;
constexpr std::size_t kMaxDepth = 256;

// parse() and Schema::validate() report at most this many errors; when there are more, one last
// error (empty field, line 0) says how many were left out, so a hostile file cannot make the
// error list itself huge.
constexpr std::size_t kMaxErrors = 100;

struct Position {
    int line = 0;    // 1-based; 0 = unknown
    int column = 0;  // 1-based, in code points; 0 = unknown
    bool operator==(const Position&) const = default;
};

// An owned, parsed document. Movable, not copyable. Thread-compatible: concurrent const use is safe.
class Document {
public:
    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;

    Node root() const;                // the document element
    std::string_view source() const;  // the bytes it was parsed from (an owned copy)

    // Where a node starts in source(): an element at its '<', an attribute at the first character
    // of its name; a text node answers its parent element's position. Exact (computed from the
    // source, not libxml2's line numbers), also for several elements on one line.
    Position position(Node n) const;

    // "/document/body/article[2]/title" for an element, ".../code/@notation" for an attribute.
    // Local names without prefixes. Rule: "[k]" (1-based, among element siblings of the same local
    // name) is written only when the parent has more than one child element of that name.
    // A text node answers its parent element's path.
    std::string path(Node n) const;

    // "1:1 position of a byte offset in source()" (the column counts code points).
    Position positionOfOffset(std::size_t byteOffset) const;

    void* raw() const;  // the xmlDoc*, for the xml module's own use (schema validation)

    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// In this order: more than maxBytes (Errc::TooLarge, nothing else is looked at); empty input;
// ill-formed UTF-8 (InvalidInput at the first bad byte); any DOCTYPE (InvalidInput at "<!DOCTYPE";
// the parser stops there, so no entity is ever declared or expanded); an element deeper than
// kMaxDepth (InvalidInput at its '<'; the parser stops there); malformed XML (InvalidInput,
// every libxml2 error with its line:column); entity references left in the tree (InvalidInput).
// Only the five predefined entities and character references are accepted. The input is always
// read as UTF-8 whatever its XML declaration says.
Result<Document> parse(std::string_view bytes, std::size_t maxBytes = kDefaultMaxBytes);

// The closing "… and N more errors" entry used when a list is cut at kMaxErrors.
Error moreErrors(Errc code, std::size_t omitted);


// 1-based line and code-point column of a byte offset in s (lines end at '\n').
Position positionOfOffset(std::string_view s, std::size_t byteOffset) noexcept;

}  // namespace vanthu::xml
