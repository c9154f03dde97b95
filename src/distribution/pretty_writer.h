// distribution/pretty_writer.h: PRIVATE. xml::Writer with two-space indentation, for files people
// read and diff (the agency directory, edXML packages). Same calls, same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "xml/writer.h"

namespace vanthu::distribution::detail {

class PrettyWriter {
public:
    // Writes <?xml version="1.0" encoding="UTF-8"?> and a newline.
    explicit PrettyWriter(std::string& out) : out_(out), w_(out, false) {
        out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    }
    // REQUIRES (as xml::Writer): qname outlives the writer.
    PrettyWriter& open(std::string_view q) {
        indent();
        w_.open(q);
        if (!hasChildren_.empty()) hasChildren_.back() = true;
        hasChildren_.push_back(false);
        return *this;
    }
    // An attribute; skipped when the value is empty.
    PrettyWriter& attr(std::string_view q, std::string_view v) {
        if (!v.empty()) w_.attr(q, v);
        return *this;
    }
    PrettyWriter& attrAlways(std::string_view q, std::string_view v) {
        w_.attr(q, v);
        return *this;
    }
    PrettyWriter& close() {
        const bool children = hasChildren_.back();
        hasChildren_.pop_back();
        if (children) newline();
        w_.close();
        return *this;
    }
    // <q>text</q>; nothing at all when text is empty.
    PrettyWriter& leaf(std::string_view q, std::string_view text, std::string_view attrName = {},
                       std::string_view attrValue = {}) {
        if (text.empty()) return *this;
        return element(q, text, attrName, attrValue);
    }
    // <q>text</q>, or <q/> when text is empty.
    PrettyWriter& element(std::string_view q, std::string_view text, std::string_view attrName = {},
                          std::string_view attrValue = {}) {
        open(q);
        if (!attrName.empty()) attr(attrName, attrValue);
        if (!text.empty()) w_.text(text);
        hasChildren_.pop_back();
        w_.close();
        return *this;
    }
    void finish() { out_ += "\n"; }

private:
    void indent() {
        if (!hasChildren_.empty()) newline();
    }
    void newline() {
        w_.raw("\n");
        if (!hasChildren_.empty()) w_.raw(std::string(2 * hasChildren_.size(), ' '));
    }

    std::string& out_;
    xml::Writer w_;
    std::vector<bool> hasChildren_;  // one per open element: has it got element children yet?
};

}  // namespace vanthu::distribution::detail
