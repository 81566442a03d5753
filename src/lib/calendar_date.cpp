#include "scrutineer/calendar_date.hpp"

#include <fmt/format.h>
#include <array>

namespace scrutineer {

std::optional<CalendarDate> parse_date(std::string_view t) {
    if (t.size() != 10 || t[7] != '-') return std::nullopt;
    auto month = parse_month(t.substr(0, 7));
    if (!month || t[8] < '0' || t[8] > '9' || t[9] < '0' || t[9] > '9') return std::nullopt;
    unsigned day = static_cast<unsigned>((t[8] - '0') * 10 + (t[9] - '0'));
    CalendarDate d = CalendarDate::of(month->year(), static_cast<unsigned>(month->month()), day);
    if (!d.ymd.ok()) return std::nullopt;  // 2023-02-29, 2022-04-31, day 00
    return d;
}

std::string to_string(CalendarDate d) {
    return fmt::format("{:04d}-{:02d}-{:02d}", d.year(), d.month(), d.day());
}

std::string long_name(CalendarDate d) {
    static constexpr std::array<const char*, 12> names = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return fmt::format("{} {} {}", d.day(), names[d.month() - 1], d.year());
}

CalendarDate last_day_of(Month m) {
    using namespace std::chrono;
    year_month_day_last end{year{m.year()} / month{static_cast<unsigned>(m.month())} / last};
    return CalendarDate{year_month_day{end}};
}

Month month_of(CalendarDate d) {
    return Month::of(d.year(), static_cast<int>(d.month()));
}

CalendarDate date_of(std::chrono::system_clock::time_point t) {
    return CalendarDate{std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}};
}

}  // namespace scrutineer
