#include "text/collation.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>

#include <unicode/coll.h>
#include <unicode/locid.h>

#include "text/icu_bridge.h"

namespace vanthu::text {

namespace {

using detail::check;
using detail::requireValidUtf8;
using detail::toIcu;

// One Collator for the process, used only through const member functions (compare, getSortKey).
// ICU's threading model (User Guide, "ICU Architectural Design" › "Thread-safe const APIs";
// also why Collator::safeClone() was deprecated in ICU 50 as redundant with clone()) makes
// const APIs of service objects safe to call concurrently on one instance, so no clone and no
// lock. Nothing here ever calls a setter after construction. TextCollation.ConcurrentUse
// exercises this from several threads.
const icu::Collator& vietnameseCollator() {
    static const std::unique_ptr<const icu::Collator> coll = [] {
        UErrorCode ec = U_ZERO_ERROR;
        std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), ec));
        check(ec, "Collator(vi)");
        // NFD or otherwise non-FCD input must sort like its NFC form.
        c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, ec);
        check(ec, "Collator normalization mode");
        return std::unique_ptr<const icu::Collator>(std::move(c));
    }();
    return *coll;
}

}  // namespace

int compareVietnamese(std::string_view a, std::string_view b) {
    requireValidUtf8(a, "compareVietnamese");
    requireValidUtf8(b, "compareVietnamese");
    UErrorCode ec = U_ZERO_ERROR;
    const UCollationResult r = vietnameseCollator().compare(toIcu(a), toIcu(b), ec);
    check(ec, "Collator::compare");
    return static_cast<int>(r);  // UCOL_LESS == -1, UCOL_EQUAL == 0, UCOL_GREATER == 1
}

std::string sortKey(std::string_view utf8) {
    requireValidUtf8(utf8, "sortKey");
    const icu::UnicodeString s = toIcu(utf8);
    const icu::Collator& coll = vietnameseCollator();
    // getSortKey returns the full length (with ICU's terminating 0x00) even when the buffer is too
    // small, so: try a buffer, grow once if needed.
    std::string key(std::max<std::size_t>(64, utf8.size() * 4), '\0');
    int32_t needed = coll.getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), narrow<int32_t>(key.size()));
    if (needed <= 0) throw Failure(Errc::Internal, "ICU Collator::getSortKey failed");
    if (static_cast<std::size_t>(needed) > key.size()) {
        key.assign(static_cast<std::size_t>(needed), '\0');
        needed = coll.getSortKey(s, reinterpret_cast<uint8_t*>(key.data()), narrow<int32_t>(key.size()));
    }
    // Drop the terminator: ICU keys hold no other 0x00 byte, so a prefix still sorts first and the
    // key can be stored as a BLOB/bytea and compared with memcmp.
    key.resize(static_cast<std::size_t>(needed) - 1);
    return key;
}

void sortVietnamese(std::vector<std::string>& items) {
    // One key per item instead of O(n log n) full comparisons.
    std::vector<std::string> keys;
    keys.reserve(items.size());
    for (const auto& s : items) keys.push_back(sortKey(s));
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return keys[x] < keys[y]; });
    std::vector<std::string> sorted;
    sorted.reserve(items.size());
    for (const std::size_t i : order) sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
}

}  // namespace vanthu::text
