// fuzz/agency_directory_fuzzer.cpp: the agency directory import (distribution/agency_directory.h)
// on any bytes. An accepted directory exports to XML that imports to an equal directory and
// exports to the same bytes (the header's contract), and answers look-ups of its own names.
#include "distribution/agency_directory.h"
#include "fuzz_support.h"

using namespace vanthu;
using distribution::AgencyDirectory;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto loaded = AgencyDirectory::fromXml(fuzz::bytesOf(data, size));
    fuzz::checkErrors(loaded);
    if (!loaded.ok()) return 0;
    const auto& directory = loaded->directory;
    const std::string exported = directory.toXml();
    const auto again = AgencyDirectory::fromXml(exported);
    VANTHU_FUZZ_CHECK(again.ok());
    VANTHU_FUZZ_CHECK(again->directory.agencies() == directory.agencies());
    VANTHU_FUZZ_CHECK(again->directory.groups() == directory.groups());
    VANTHU_FUZZ_CHECK(again->directory.toXml() == exported);
    for (const auto& agency : directory.agencies()) {
        (void)directory.find(agency.name, agency.key);
        (void)directory.scopeChain(agency.key);
        VANTHU_FUZZ_CHECK(isValidUtf8(AgencyDirectory::matchKey(agency.name)));
    }
    return 0;
}
