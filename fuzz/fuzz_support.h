// fuzz/fuzz_support.h: what every harness shares. A harness feeds libFuzzer's bytes to one parser
// and checks the properties every parser promises for hostile input (DEVELOPING.md, "Rules"):
// no crash, no exception escaping (a throw here would be a 500 in the server), and every error
// bilingual, valid UTF-8 (it goes into JSON) and never Errc::Internal (a fault, not an answer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "core/result.h"
#include "core/utf8.h"

// A property that must hold for every input; a violation is a finding, like a crash.
#define VANTHU_FUZZ_CHECK(cond)                                                                   \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            std::fprintf(stderr, "vanthu fuzz: property failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                         \
        }                                                                                         \
    } while (0)

namespace vanthu::fuzz {

inline std::string_view bytesOf(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

inline void checkError(const Error& e) {
    const bool sound = e.code != Errc::Internal && !e.messageVi.empty() && !e.messageEn.empty() &&
                       isValidUtf8(e.messageVi) && isValidUtf8(e.messageEn) && isValidUtf8(e.field) &&
                       e.line >= 0 && e.column >= 0;
    if (!sound) std::fprintf(stderr, "vanthu fuzz: the error: %s\n", e.describe().c_str());  // to name the finding
    VANTHU_FUZZ_CHECK(e.code != Errc::Internal);
    VANTHU_FUZZ_CHECK(!e.messageVi.empty() && !e.messageEn.empty());
    VANTHU_FUZZ_CHECK(isValidUtf8(e.messageVi) && isValidUtf8(e.messageEn) && isValidUtf8(e.field));
    VANTHU_FUZZ_CHECK(e.line >= 0 && e.column >= 0);
}

template <class T>
void checkErrors(const Result<T>& r) {
    if (r.ok()) return;
    VANTHU_FUZZ_CHECK(!r.errors().empty());
    for (const auto& e : r.errors()) checkError(e);
}

}  // namespace vanthu::fuzz
