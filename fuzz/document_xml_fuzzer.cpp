// fuzz/document_xml_fuzzer.cpp: our document XML (input/document_reader.h) on any bytes: parse,
// schema, the tree → model, model::validate(). An accepted document must write back (input/
// document_writer.h) to XML that is accepted again and writes to the same bytes (the writer's
// contract; the model itself differs in its SourcePos).
#include "fuzz_support.h"
#include "input/document_reader.h"
#include "input/document_writer.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto read = input::readDocumentXml(fuzz::bytesOf(data, size));
    fuzz::checkErrors(read);
    if (!read.ok()) return 0;
    const auto written = input::writeDocumentXml(read->document);
    const auto again = input::readDocumentXml(written);
    VANTHU_FUZZ_CHECK(again.ok());
    VANTHU_FUZZ_CHECK(input::writeDocumentXml(again->document) == written);
    return 0;
}
