// core/iso_date.h: calendar dates as year, month and day, and their "YYYY-MM-DD" form.
// model::Date is this type (model/document.h), so every module formats and checks dates here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanthu {

struct CalendarDate {
    int year = 0;
    int month = 0;
    int day = 0;
    bool operator==(const CalendarDate&) const = default;
};

// A real day of the (proleptic) Gregorian calendar, year ≥ 1: 2019-02-30 is not.
bool isValidDate(const CalendarDate& d) noexcept;

// "2018-05-08"; edXML writes "2018/05/08" (separator '/').
std::string formatIsoDate(const CalendarDate& d, char separator = '-');

// Exactly ten characters "YYYY-MM-DD" of ASCII digits, syntax only: 2019-02-30 parses,
// "2018-5-8" does not. Check isValidDate() after it, or use parseIsoDate().
std::optional<CalendarDate> parseIsoDateSyntax(std::string_view s, char separator = '-') noexcept;
// The same, and a real calendar day.
std::optional<CalendarDate> parseIsoDate(std::string_view s, char separator = '-') noexcept;

}  // namespace vanthu
