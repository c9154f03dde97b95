// xml/writer.h: a small, fast, escaping XML writer for the parts we generate (DOCX parts, edXML).
// Appends UTF-8 to a caller-owned std::string; no libxml2, no iostreams, no locale, so the same
// calls always give the same bytes. Not thread-safe; use one per part.
//
//   std::string out;
//   xml::Writer w(out);                        // writes the XML declaration
//   w.open("w:p").attr("w:rsid", 7).open("w:r").open("w:t").text("a < b").close().close().close();
//   // <w:p w:rsid="7"><w:r><w:t>a &lt; b</w:t></w:r></w:p>
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::xml {

class Writer {
public:
    // Appends to `out`. With `declaration`, first writes
    // <?xml version="1.0" encoding="UTF-8" standalone="yes"?> and a newline (the form Word writes).
    explicit Writer(std::string& out, bool declaration = true);

    // "<qname" with the start tag left open for attr(). REQUIRES: qname outlives the writer (a
    // literal); it is not escaped or checked.
    Writer& open(std::string_view qname);
    // ' qname="value"'. REQUIRES: a start tag is open. Escapes & < > " and TAB/LF/CR (as character
    // references, so attribute-value normalisation keeps them).
    Writer& attr(std::string_view qname, std::string_view value);
    Writer& attr(std::string_view qname, long long value);  // std::to_chars, no locale
    // Closes a pending start tag, then the escaped text (& < > and CR escaped).
    Writer& text(std::string_view utf8);
    // Closes a pending start tag, then `xml` verbatim. REQUIRES: a well-formed, balanced fragment
    // (used for pre-built run properties, which repeat on every run).
    Writer& raw(std::string_view xml);
    // "/>" if nothing was written inside the element, else "</qname>". REQUIRES: depth() > 0.
    Writer& close();
    Writer& leaf(std::string_view qname) { return open(qname).close(); }
    // Number of elements still open (0 when balanced).
    std::size_t depth() const noexcept { return stack_.size(); }

private:
    void finishStartTag();

    std::string& out_;
    std::vector<std::string_view> stack_;
    bool startTagOpen_ = false;
};

// Escaping helpers, exposed for the writer's tests and for code that builds fragments for raw().
// REQUIRES: valid UTF-8 (text enters vanthu validated and NFC, DESIGN.md "Text"). Characters that
// XML 1.0 forbids (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF; XML 1.0 §2.2) are replaced by
// U+FFFD so the output is always well-formed.
void appendEscapedText(std::string& out, std::string_view s);
void appendEscapedAttr(std::string& out, std::string_view s);

}  // namespace vanthu::xml
