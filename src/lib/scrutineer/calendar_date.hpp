// Calendar days, for due dates and dated updates. The caller says what day it is (the domain
// reads no clock), so rules that depend on "today" can be tested at any date.
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "scrutineer/month.hpp"

namespace scrutineer {

struct CalendarDate {
    std::chrono::year_month_day ymd{};

    static constexpr CalendarDate of(int year, unsigned month, unsigned day) {
        return CalendarDate{std::chrono::year{year} / std::chrono::month{month} /
                            std::chrono::day{day}};
    }
    int year() const { return static_cast<int>(ymd.year()); }
    unsigned month() const { return static_cast<unsigned>(ymd.month()); }
    unsigned day() const { return static_cast<unsigned>(ymd.day()); }

    auto operator<=>(const CalendarDate&) const = default;
};

// Parses exactly "YYYY-MM-DD" (year 1900..2999, a day that exists); nothing else is a date.
std::optional<CalendarDate> parse_date(std::string_view text);

// "2022-06-09"
std::string to_string(CalendarDate d);

// "9 June 2022", as the seeds write dates.
std::string long_name(CalendarDate d);

// The last day of a month: 2024-02 -> 2024-02-29.
CalendarDate last_day_of(Month m);

Month month_of(CalendarDate d);

// The UTC calendar day of a moment, e.g. of std::chrono::system_clock::now().
CalendarDate date_of(std::chrono::system_clock::time_point t);

}  // namespace scrutineer
