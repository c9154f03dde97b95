// xml/writer.h: a small, fast, escaping XML writer for the parts we generate (DOCX parts, edXML).
// Writes UTF-8 to a std::string; no libxml2 needed for output. Not thread-safe; one per part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vanthu::xml {

class Writer {
public:
    explicit Writer(std::string& out, bool declaration = true);  // appends to `out`

    Writer& open(std::string_view qname);                  // "<w:p"  (start tag left open)
    Writer& attr(std::string_view qname, std::string_view value);   // escapes & < > " and controls
    Writer& attr(std::string_view qname, long long value);
    Writer& text(std::string_view utf8);                   // closes a pending start tag; escapes
    Writer& close();                                       // "/>" or "</w:p>"
    Writer& leaf(std::string_view qname) { return open(qname).close(); }
    // REQUIRES: every open() closed. Returns the number of still-open elements (0 when balanced).
    std::size_t depth() const { return stack_.size(); }

private:
    void finishStartTag();
    std::string& out_;
    std::vector<std::string_view> stack_;  // qnames must outlive the writer (use literals)
    bool startTagOpen_ = false;
};

// Escaping helpers, exposed for tests.
void appendEscapedText(std::string& out, std::string_view s);
void appendEscapedAttr(std::string& out, std::string_view s);

}  // namespace vanthu::xml
