// The creation-time rule (render/renderer.h): one function for the CLI, the server and the outbox.
#include <charconv>
#include <cstdint>
#include <cstdlib>

#include "compose/register_sheet.h"
#include "core/error.h"
#include "render/renderer.h"

namespace vanthu::render {

using namespace std::chrono;

namespace {

constexpr sys_days kFallback = sys_days{year{2000} / January / 1};
// The last instant a four-digit ISO 8601 year (and so a PDF date or dcterms:created) can write.
constexpr sys_seconds kLastWritable = sys_days{year{9999} / December / 31} + hours{23} + minutes{59} + seconds{59};

}  // namespace

sys_seconds creationTime(const CreationRule& rule, std::optional<sys_days> ownDate) {
    if (rule.created) return *rule.created;
    if (rule.sourceDateEpoch) return *rule.sourceDateEpoch;
    return ownDate ? sys_seconds{*ownDate} : sys_seconds{kFallback};
}

sys_seconds creationTime(const CreationRule& rule, const model::Document& doc) {
    std::optional<sys_days> own;
    if (doc.issueDate)  // model::validate() has refused impossible dates
        own = sys_days{year{doc.issueDate->year} / month{unsigned(doc.issueDate->month)} / day{unsigned(doc.issueDate->day)}};
    return creationTime(rule, own);
}

sys_seconds creationTime(const CreationRule& rule, const compose::RegisterSheet& sheet) {
    std::optional<sys_days> own;
    if (sheet.year >= 1 && sheet.year <= 9999) own = sys_days{year{sheet.year} / January / 1};
    return creationTime(rule, own);
}

std::optional<sys_seconds> parseSourceDateEpoch(std::string_view text) {
    if (text.empty()) return std::nullopt;
    auto refuse = [&] {
        return Failure(Errc::InvalidInput, "SOURCE_DATE_EPOCH must be seconds since 1970-01-01 (decimal digits, "
                                           "at most 9999-12-31T23:59:59Z), got '" + std::string(text) + "'");
    };
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, value);
    // from_chars takes a leading '-': refuse it, as the spec wants `date +%s` of a real build.
    if (ec != std::errc{} || stop != end || text.front() == '-') throw refuse();
    const sys_seconds t{seconds{value}};
    if (t > kLastWritable) throw refuse();
    return t;
}

std::optional<sys_seconds> sourceDateEpochFromEnvironment() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    return value ? parseSourceDateEpoch(value) : std::nullopt;
}

}  // namespace vanthu::render
