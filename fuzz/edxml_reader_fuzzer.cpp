// fuzz/edxml_reader_fuzzer.cpp: received edXML packages (distribution/edxml.h) on any bytes, as
// POST /edxml and the axis poller read them: parse, schema, the §9 rules, attachments (base64,
// zipped ones unzipped within the package's budget).
#include "distribution/edxml.h"
#include "fuzz_support.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    distribution::edxml::ReadOptions options;
    options.maxBytes = 1024 * 1024;  // zipped attachments may unzip to this much in all
    const auto read = distribution::edxml::readPackage(fuzz::bytesOf(data, size), options);
    fuzz::checkErrors(read);
    if (!read.ok()) return 0;
    if (const auto* edoc = std::get_if<distribution::edxml::Edoc>(&read->package)) {
        std::size_t attached = 0;
        for (const auto& a : edoc->attachments) attached += a.bytes.size();
        VANTHU_FUZZ_CHECK(attached <= 2 * options.maxBytes);
    }
    return 0;
}
