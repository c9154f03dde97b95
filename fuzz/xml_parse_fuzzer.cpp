// fuzz/xml_parse_fuzzer.cpp: our XML layer (src/xml/parser.h) on any bytes. An accepted document
// is walked as the readers walk it: every element's position, path, text and attributes.
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "xml/parser.h"

using namespace vanthu;

namespace {

void walk(const xml::Document& doc) {
    std::vector<xml::Node> todo{doc.root()};
    while (!todo.empty()) {
        const auto n = todo.back();
        todo.pop_back();
        const auto at = doc.position(n);
        if (n.isElement()) VANTHU_FUZZ_CHECK(at.line >= 1);
        const auto path = doc.path(n);
        VANTHU_FUZZ_CHECK(path.starts_with("/"));
        (void)n.text();
        for (const auto& name : {"type", "number", "id", "xmlns"})
            if (const auto attr = n.attributeNode(name)) {
                (void)doc.position(attr);
                VANTHU_FUZZ_CHECK(doc.path(attr).find("/@") != std::string::npos);
            }
        for (const auto& child : n.elements()) todo.push_back(child);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = fuzz::bytesOf(data, size);
    const auto parsed = xml::parse(bytes);
    fuzz::checkErrors(parsed);
    if (!parsed.ok()) return 0;
    const auto& doc = parsed.value();
    VANTHU_FUZZ_CHECK(doc.source() == bytes);
    walk(doc);
    const auto end = doc.positionOfOffset(bytes.size());
    VANTHU_FUZZ_CHECK(end == xml::positionOfOffset(bytes, bytes.size()));
    return 0;
}
