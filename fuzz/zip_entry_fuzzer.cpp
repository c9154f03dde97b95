// fuzz/zip_entry_fuzzer.cpp: the zip reader of received attachments (distribution/zip_entry.h)
// on any bytes: a refusal always says why, and an entry is never larger than the cap.
#include <string>

#include "distribution/zip_entry.h"
#include "fuzz_support.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kCap = 1024 * 1024;
    std::string why;
    const auto entry = distribution::detail::firstZipEntry(fuzz::bytesOf(data, size), kCap, &why);
    if (entry) VANTHU_FUZZ_CHECK(entry->size() <= kCap);
    else VANTHU_FUZZ_CHECK(!why.empty());
    return 0;
}
