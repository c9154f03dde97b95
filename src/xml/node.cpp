#include "xml/node.h"

#include <libxml/tree.h>

namespace vanthu::xml {
namespace {

const xmlNode* asNode(const void* p) { return static_cast<const xmlNode*>(p); }
std::string_view view(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }

// Text of descendant text nodes only: never expands entity references (they are rejected at parse
// time anyway), so no amplification is possible here (toolchain.md §6 TRAP).
void appendText(const xmlNode* n, std::string& out) {
    for (; n != nullptr; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) out += view(n->content);
        else if (n->type == XML_ELEMENT_NODE) appendText(n->children, out);
    }
}

}  // namespace

Node::Kind Node::kind() const noexcept {
    if (p_ == nullptr) return Kind::None;
    switch (asNode(p_)->type) {
        case XML_ELEMENT_NODE: return Kind::Element;
        case XML_ATTRIBUTE_NODE: return Kind::Attribute;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: return Kind::Text;
        default: return Kind::Other;
    }
}

std::string_view Node::name() const noexcept {
    const auto k = kind();
    return k == Kind::Element || k == Kind::Attribute ? view(asNode(p_)->name) : std::string_view();
}

std::string_view Node::namespaceUri() const noexcept {
    const auto k = kind();
    if (k != Kind::Element && k != Kind::Attribute) return {};
    const xmlNs* ns = asNode(p_)->ns;
    return ns ? view(ns->href) : std::string_view();
}

Node Node::parent() const noexcept {
    if (p_ == nullptr) return {};
    const xmlNode* p = asNode(p_)->parent;
    return p != nullptr && (p->type == XML_ELEMENT_NODE) ? Node(p) : Node();
}

Node Node::firstChild() const noexcept {
    return kind() == Kind::Element && asNode(p_)->children ? Node(asNode(p_)->children) : Node();
}

Node Node::nextSibling() const noexcept {
    const auto k = kind();
    if (k == Kind::None || k == Kind::Attribute) return {};
    return asNode(p_)->next ? Node(asNode(p_)->next) : Node();
}

std::vector<Node> Node::elements() const {
    std::vector<Node> out;
    if (!isElement()) return out;
    for (const xmlNode* c = asNode(p_)->children; c != nullptr; c = c->next)
        if (c->type == XML_ELEMENT_NODE) out.push_back(Node(c));
    return out;
}

std::vector<Node> Node::elements(std::string_view localName) const {
    std::vector<Node> out;
    if (!isElement()) return out;
    for (const xmlNode* c = asNode(p_)->children; c != nullptr; c = c->next)
        if (c->type == XML_ELEMENT_NODE && view(c->name) == localName) out.push_back(Node(c));
    return out;
}

Node Node::element(std::string_view localName) const {
    if (!isElement()) return {};
    for (const xmlNode* c = asNode(p_)->children; c != nullptr; c = c->next)
        if (c->type == XML_ELEMENT_NODE && view(c->name) == localName) return Node(c);
    return {};
}

Node Node::attributeNode(std::string_view localName) const {
    if (!isElement()) return {};
    for (const xmlAttr* a = asNode(p_)->properties; a != nullptr; a = a->next)
        if (a->ns == nullptr && view(a->name) == localName) return Node(a);
    return {};
}

std::optional<std::string> Node::attribute(std::string_view localName) const {
    const Node a = attributeNode(localName);
    if (!a) return std::nullopt;
    return a.text();
}

std::string Node::text() const {
    std::string out;
    switch (kind()) {
        case Kind::Text: out = view(asNode(p_)->content); break;
        case Kind::Attribute: appendText(static_cast<const xmlAttr*>(p_)->children, out); break;
        case Kind::Element: appendText(asNode(p_)->children, out); break;
        default: break;
    }
    return out;
}

}  // namespace vanthu::xml
