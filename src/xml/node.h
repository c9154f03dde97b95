// xml/node.h: a read-only view of one node of a parsed xml::Document (an element, an attribute
// or a text node). Cheap to copy (one pointer); valid only while its Document lives.
// libxml2 types never appear here: readers walk the tree through this class.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::xml {

class Node {
public:
    enum class Kind { None, Element, Attribute, Text, Other };  // Text includes CDATA (merged by the parser)

    Node() = default;  // the null node: kind() == None, every query returns empty
    explicit operator bool() const noexcept { return p_ != nullptr; }
    bool operator==(const Node&) const = default;

    Kind kind() const noexcept;
    bool isElement() const noexcept { return kind() == Kind::Element; }
    bool isText() const noexcept { return kind() == Kind::Text; }

    // Local name of an element or attribute, without prefix ("article"); "" otherwise.
    std::string_view name() const noexcept;
    // Namespace URI of an element or attribute; "" when it has none.
    std::string_view namespaceUri() const noexcept;
    // True for an element with this local name (in any namespace; the schema fixes the namespace).
    bool is(std::string_view localName) const noexcept { return isElement() && name() == localName; }

    Node parent() const noexcept;       // the element owning an attribute, the parent of an element/text
    Node firstChild() const noexcept;   // any kind (text, element, comment …)
    Node nextSibling() const noexcept;  // any kind

    std::vector<Node> elements() const;                            // element children, in order
    std::vector<Node> elements(std::string_view localName) const;  // element children with that name
    Node element(std::string_view localName) const;                // the first such child, or null

    // The value of an attribute without namespace ("number"), nullopt when absent.
    std::optional<std::string> attribute(std::string_view localName) const;
    Node attributeNode(std::string_view localName) const;  // as a node (for locating errors), or null

    // Text: its content. Attribute: its value. Element: the concatenated text of its descendant
    // text nodes in document order (entity references cannot occur: parse() rejects them).
    std::string text() const;

    // The xmlNode* / xmlAttr* behind this view; for the xml module's own use.
    const void* raw() const noexcept { return p_; }
    static Node fromRaw(const void* p) noexcept { return Node(p); }

private:
    explicit Node(const void* p) noexcept : p_(p) {}
    const void* p_ = nullptr;
};

}  // namespace vanthu::xml
