#include "text/vietnamese.h"

#include <array>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string_view>

#include <unicode/locid.h>
#include <unicode/rbnf.h>

#include "text/icu_bridge.h"

namespace vanthu::text {

namespace {

using detail::check;
using detail::toUtf8;

std::unique_ptr<icu::RuleBasedNumberFormat> makeSpeller() {
    UErrorCode ec = U_ZERO_ERROR;
    // Status is U_USING_DEFAULT_WARNING but the rules are Vietnamese, with the northern forms
    // "lẻ" and "nghìn" (toolchain.md §5).
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("vi"), ec);
    check(ec, "RuleBasedNumberFormat(spellout, vi)");
    return f;
}

// Vietnamese alphabet as used for điểm labels: no f, j, w, z; đ after d (Decree 30 practice).
constexpr std::array<std::string_view, 23> kPointLetters = {
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
    "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

}  // namespace

std::string formatDateLine(int year, int month, int day) {
    namespace chr = std::chrono;
    const bool inRange = year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    if (!inRange || !chr::year_month_day{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                                         chr::day{static_cast<unsigned>(day)}}.ok())
        throw std::invalid_argument("formatDateLine: not a calendar date");
    // PL I II.4.b: days 1–9 and months 1–2 take a leading zero; months 3–12 never do.
    const std::string dd = zeroPad(day);
    const std::string mm = month <= 2 ? zeroPad(month) : std::to_string(month);
    return "ngày " + dd + " tháng " + mm + " năm " + std::to_string(year);
}

std::string zeroPad(int n) {
    if (n < 0) throw std::invalid_argument("zeroPad: negative");
    return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

std::string spellOut(std::int64_t n) {
    // RBNF::format is const, but ICU gives no promise for concurrent use of one instance:
    // one clone per thread.
    static const detail::PerThread<icu::RuleBasedNumberFormat> speller(makeSpeller());
    icu::UnicodeString out;
    speller.local().format(static_cast<int64_t>(n), out);
    if (out.isBogus() || out.isEmpty()) throw Failure(Errc::Internal, "ICU spellout failed");
    return toUtf8(out);
}

std::string roman(int n) {
    if (n < 1 || n > 3999) throw std::invalid_argument("roman: REQUIRES 1 <= n <= 3999");
    struct Step { int value; const char* digits; };
    static constexpr Step kSteps[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
                                      {90, "XC"},  {50, "L"},   {40, "XL"}, {10, "X"},   {9, "IX"},
                                      {5, "V"},    {4, "IV"},   {1, "I"}};
    std::string out;
    for (const auto& s : kSteps)
        for (; n >= s.value; n -= s.value) out += s.digits;
    return out;
}

std::string pointLabel(int index) {
    // 1..23 → a..y; after y the letters double (24 → "aa", 28 → "đđ", 46 → "yy"), then triple,
    // which is how long lists of điểm continue in practice. No list in a real document reaches
    // the doubled letters often, but the function must not fail there.
    if (index < 1) throw std::invalid_argument("pointLabel: REQUIRES index >= 1");
    const auto zeroBased = static_cast<std::size_t>(index - 1);
    const std::string_view letter = kPointLetters.at(zeroBased % kPointLetters.size());
    const std::size_t repeat = zeroBased / kPointLetters.size() + 1;
    std::string out;
    for (std::size_t i = 0; i < repeat; ++i) out += letter;
    return out;
}

}  // namespace vanthu::text
