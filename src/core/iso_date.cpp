#include "core/iso_date.h"

#include <cstdio>

namespace vanthu {

bool isValidDate(const CalendarDate& d) noexcept {
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    const int max = d.month == 2 && leap ? 29 : kDays[d.month - 1];
    return d.day <= max;
}

std::string formatIsoDate(const CalendarDate& d, char separator) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%c%02d%c%02d", d.year, separator, d.month, separator, d.day);
    return buf;
}

namespace {
bool digits(std::string_view s, std::size_t from, std::size_t n, int& out) noexcept {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}
}  // namespace

std::optional<CalendarDate> parseIsoDateSyntax(std::string_view s, char separator) noexcept {
    CalendarDate d;
    if (s.size() != 10 || s[4] != separator || s[7] != separator) return std::nullopt;
    if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day)) return std::nullopt;
    return d;
}

std::optional<CalendarDate> parseIsoDate(std::string_view s, char separator) noexcept {
    auto d = parseIsoDateSyntax(s, separator);
    if (!d || !isValidDate(*d)) return std::nullopt;
    return d;
}

}  // namespace vanthu
