// text/icu_bridge.h: PRIVATE to src/text/*.cpp. The one place that turns ICU conventions
// (UErrorCode, UTF-16 UnicodeString, int32_t lengths) into ours (Failure, UTF-8 std::string,
// size_t) — STYLE.md §4 and §7. Nothing outside text/ may include it.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <unicode/stringpiece.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include "core/error.h"
#include "core/narrow.h"
#include "text/unicode.h"

namespace vanthu::text::detail {

// ICU reports through UErrorCode; warnings (U_USING_DEFAULT_WARNING …) are not failures.
inline void check(UErrorCode ec, const char* what) {
    if (U_FAILURE(ec)) throw Failure(Errc::Internal, std::string("ICU ") + what + ": " + u_errorName(ec));
}

// Every public text:: function takes UTF-8 and REQUIRES it valid: ICU's fromUTF8 would silently
// turn bad bytes into U+FFFD, which is data loss we refuse to hide.
inline void requireValidUtf8(std::string_view s, const char* what) {
    if (const auto at = firstInvalidUtf8(s))
        throw Failure(Errc::InvalidInput,
                      std::string(what) + ": invalid UTF-8 at byte " + std::to_string(*at));
}

inline icu::UnicodeString toIcu(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), narrow<int32_t>(utf8.size())));
}

inline std::string toUtf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

// ICU service objects that are not safe to share between threads (Transliterator says so in
// translit.h; BreakIterator and RBNF keep per-call state) are built once as a prototype and
// cloned once per thread. The mutex only guards clone() on the shared prototype, so it is taken
// once per thread, never per call.
template <class T>
class PerThread {
public:
    explicit PerThread(std::unique_ptr<T> prototype) : prototype_(std::move(prototype)) {}
    // Each distinct PerThread object gets its own clone in each thread.
    T& local() const {
        thread_local std::unique_ptr<T> mine;
        thread_local const PerThread* owner = nullptr;
        if (!mine || owner != this) {
            std::lock_guard lock(mutex_);
            mine.reset(prototype_->clone());
            if (!mine) throw Failure(Errc::Internal, "ICU clone failed");
            owner = this;
        }
        return *mine;
    }

private:
    std::unique_ptr<T> prototype_;
    mutable std::mutex mutex_;
};

}  // namespace vanthu::text::detail
