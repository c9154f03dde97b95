// fuzz/document_code_fuzzer.cpp: số ký hiệu (model/document_code.h) on any text. A code that
// parses formats to a written form that parses to the same code; the search key of any spelling
// is valid UTF-8 and a fixed point (the key of a key is itself, so an index and a query agree).
#include <string>

#include "fuzz_support.h"
#include "model/document_code.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::bytesOf(data, size);
    if (const auto code = model::parseCode(text)) {
        const std::string written = model::format(*code);
        const auto again = model::parseCode(written);
        VANTHU_FUZZ_CHECK(again.has_value());
        VANTHU_FUZZ_CHECK(*again == *code);
        (void)model::notationTypePart(code->notation);
    }
    if (!isValidUtf8(text)) return 0;  // searchKey takes text, as every caller has it: validated UTF-8
    const std::string key = model::searchKey(text);
    VANTHU_FUZZ_CHECK(isValidUtf8(key));
    VANTHU_FUZZ_CHECK(model::searchKey(key) == key);
    return 0;
}
