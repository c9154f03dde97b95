// xml/document_impl.h: PRIVATE to the xml module (includes libxml2). Not for other modules.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/c_handle.h"
#include "xml/parser.h"

namespace vanthu::xml {

using XmlDoc = CHandle<xmlDoc, xmlFreeDoc>;
using XmlParserCtxt = CHandle<xmlParserCtxt, xmlFreeParserCtxt>;

struct Document::Impl {
    // Everything position() and path() need, computed in linear passes at parse time so that
    // locating every node of a large document stays linear (no rescans of long lines or of long
    // sibling lists).
    struct ElementInfo {
        std::size_t offset = 0;  // of its '<' in source
        Position pos;            // of its '<'; column 0 when the source scan did not match the tree
        int index = 1;           // 1-based among element siblings with the same local name
        int sameName = 1;        // how many element siblings (itself included) have that name
    };

    XmlDoc doc;
    std::string source;                   // the parsed bytes (owned copy)
    std::vector<std::size_t> lineStarts;  // byte offset of each line's first byte
    std::unordered_map<const xmlNode*, ElementInfo> elements;

    Position at(std::size_t byteOffset) const;  // O(length of that line)
};

// While an instance lives, the deny-all entity loader lets *this thread* open regular files under
// `dir` (and nothing else). Used by Schema::load for the XSD and its local xs:include/xs:import.
class LoaderAllowance {
public:
    explicit LoaderAllowance(const std::filesystem::path& dir);
    ~LoaderAllowance();
    LoaderAllowance(const LoaderAllowance&) = delete;
    LoaderAllowance& operator=(const LoaderAllowance&) = delete;

private:
    std::filesystem::path previous_;
};

}  // namespace vanthu::xml
