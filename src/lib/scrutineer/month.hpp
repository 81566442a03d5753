// Calendar months as the indicator tables use them: "2019-09" is the month, and a
// reporting period is named by the month it ends in.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace scrutineer {

// A calendar month, stored as months since January of year 0 so that arithmetic is plain
// integer arithmetic: Month{2019, 9} - 11 is October 2018.
struct Month {
    int index = 0;

    static constexpr Month of(int year, int month) { return Month{year * 12 + (month - 1)}; }
    constexpr int year() const { return index / 12; }
    constexpr int month() const { return index % 12 + 1; }

    constexpr Month operator+(int months) const { return Month{index + months}; }
    constexpr Month operator-(int months) const { return Month{index - months}; }
    constexpr int operator-(Month other) const { return index - other.index; }
    constexpr auto operator<=>(const Month&) const = default;
};

// Parses exactly "YYYY-MM" (year 1900..2999, month 01..12); nothing else is a month.
std::optional<Month> parse_month(std::string_view text);

// "2019-09"
std::string to_string(Month m);

// "September 2019", the form the seeds' footnotes use.
std::string long_name(Month m);

}  // namespace scrutineer
