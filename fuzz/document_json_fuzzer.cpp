// fuzz/document_json_fuzzer.cpp: a document as JSON (input/document_json.h) on any bytes. The XML
// it gives is what the API feeds the document reader, so that is read too.
#include "fuzz_support.h"
#include "input/document_json.h"
#include "input/document_reader.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto xml = input::documentJsonToXml(fuzz::bytesOf(data, size));
    fuzz::checkErrors(xml);
    if (!xml.ok()) return 0;
    VANTHU_FUZZ_CHECK(isValidUtf8(xml.value()));
    fuzz::checkErrors(input::readDocumentXml(xml.value()));
    return 0;
}
