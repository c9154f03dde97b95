// fuzz/legacy_encoding_fuzzer.cpp: the legacy Vietnamese encodings (text/legacy.h: TCVN3, VNI,
// CP1258) on any bytes. Decoding gives valid UTF-8; when that text encodes back, decoding the
// result gives the same text again (decode ∘ encode is the identity on what decode produces).
// Any bytes are also tried as UTF-8 for encodeLegacy, which must refuse what it cannot represent.
#include <string>

#include "fuzz_support.h"
#include "text/legacy.h"

using namespace vanthu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = fuzz::bytesOf(data, size);
    for (const auto enc : {text::LegacyEncoding::Tcvn3, text::LegacyEncoding::Vni, text::LegacyEncoding::Cp1258}) {
        const std::string decoded = text::decodeLegacy(bytes, enc);
        VANTHU_FUZZ_CHECK(isValidUtf8(decoded));
        const auto encoded = text::encodeLegacy(decoded, enc);
        fuzz::checkErrors(encoded);
        if (encoded.ok()) VANTHU_FUZZ_CHECK(text::decodeLegacy(encoded.value(), enc) == decoded);
        if (isValidUtf8(bytes)) fuzz::checkErrors(text::encodeLegacy(bytes, enc));
    }
    return 0;
}
