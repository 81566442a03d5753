#include "scrutineer/working_day_clock.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <stdexcept>

namespace scrutineer {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

CalendarDate plus_days(CalendarDate d, int n) {
    return CalendarDate{std::chrono::year_month_day{sys_days{d.ymd} + days{n}}};
}

int days_between(CalendarDate a, CalendarDate b) {
    return static_cast<int>((sys_days{b.ymd} - sys_days{a.ymd}).count());
}

bool is_weekend(CalendarDate d) {
    std::chrono::weekday w{sys_days{d.ymd}};
    return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

void check_count(int n, int least) {
    if (n < least)
        throw std::invalid_argument(
            least == 0 ? fmt::format("the number of days must be 0 or more, not {}", n)
                       : fmt::format("the number of days must be 1 or more when the first day "
                                     "counts as day 1, not {}",
                                     n));
    if (n > kMaxDeadlineCount)
        throw std::invalid_argument(
            fmt::format("the number of days must be at most {}, not {}", kMaxDeadlineCount, n));
}

// "26–27 Dec and 2 Jan": runs of consecutive days within one month, each with its month.
std::string holiday_list(const std::vector<BankHoliday>& skipped, bool with_years) {
    std::vector<std::string> runs;
    for (size_t i = 0; i < skipped.size();) {
        size_t j = i;
        while (j + 1 < skipped.size() && skipped[j + 1].date.month() == skipped[i].date.month() &&
               skipped[j + 1].date.year() == skipped[i].date.year() &&
               days_between(skipped[j].date, skipped[j + 1].date) == 1)
            ++j;
        CalendarDate first = skipped[i].date, last = skipped[j].date;
        std::string run = i == j ? std::to_string(first.day())
                                 : fmt::format("{}\u2013{}", first.day(), last.day());
        run += std::string(" ") + kMonths[first.month() - 1];
        if (with_years) run += fmt::format(" {}", first.year());
        runs.push_back(run);
        i = j + 1;
    }
    std::string out;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (i > 0) out += i + 1 == runs.size() ? " and " : ", ";
        out += runs[i];
    }
    return out;
}

std::string long_short_name(CalendarDate d) {
    return fmt::format("{} {} {}", d.day(), kMonths[d.month() - 1], d.year());
}

}  // namespace

BankHolidays::BankHolidays(std::vector<BankHoliday> list) : list_(std::move(list)) {
    std::stable_sort(list_.begin(), list_.end(),
                     [](const BankHoliday& a, const BankHoliday& b) { return a.date < b.date; });
    for (size_t i = 1; i < list_.size(); ++i)
        if (list_[i].date == list_[i - 1].date)
            throw std::invalid_argument(fmt::format("{} is given twice as a bank holiday ({}; {})",
                                                    to_string(list_[i].date), list_[i - 1].title,
                                                    list_[i].title));
}

const BankHoliday* BankHolidays::find(CalendarDate d) const {
    auto it = std::lower_bound(list_.begin(), list_.end(), d,
                               [](const BankHoliday& h, CalendarDate x) { return h.date < x; });
    return it != list_.end() && it->date == d ? &*it : nullptr;
}

std::optional<int> BankHolidays::first_year() const {
    if (list_.empty()) return std::nullopt;
    return list_.front().date.year();
}

std::optional<int> BankHolidays::last_year() const {
    if (list_.empty()) return std::nullopt;
    return list_.back().date.year();
}

bool is_working_day(CalendarDate d, const BankHolidays& holidays) {
    return !is_weekend(d) && !holidays.is_holiday(d);
}

Deadline working_days_after(CalendarDate from, int n, const BankHolidays& holidays) {
    check_count(n, 0);
    Deadline out{from, n, Counting::working_days_after, from, {}, false, {}, {}};
    if (auto y = holidays.first_year()) out.holidays_known_from = CalendarDate::of(*y, 1, 1);
    if (auto y = holidays.last_year()) out.holidays_known_to = CalendarDate::of(*y, 12, 31);
    auto covered = [&](CalendarDate d) {
        return out.holidays_known_from && *out.holidays_known_from <= d &&
               d <= *out.holidays_known_to;
    };
    CalendarDate d = from;
    for (int counted = 0; counted < n;) {
        d = plus_days(d, 1);
        if (is_weekend(d)) continue;
        if (!covered(d)) out.beyond_known_holidays = true;
        if (const BankHoliday* h = holidays.find(d)) {
            out.skipped.push_back(*h);
            continue;
        }
        ++counted;
    }
    out.due = d;
    return out;
}

Deadline days_after(CalendarDate from, int n) {
    check_count(n, 0);
    return Deadline{from, n, Counting::days_after, plus_days(from, n), {}, false, {}, {}};
}

Deadline days_beginning_with(CalendarDate from, int n) {
    check_count(n, 1);
    return Deadline{from, n, Counting::days_beginning_with, plus_days(from, n - 1), {}, false,
                    {},   {}};
}

Deadline deadline(Counting counting, CalendarDate from, int n, const BankHolidays& holidays) {
    switch (counting) {
        case Counting::working_days_after:
            return working_days_after(from, n, holidays);
        case Counting::days_after:
            return days_after(from, n);
        case Counting::days_beginning_with:
            return days_beginning_with(from, n);
    }
    throw std::invalid_argument("unknown way of counting days");
}

std::string short_name(CalendarDate d) {
    unsigned w = std::chrono::weekday{sys_days{d.ymd}}.c_encoding();
    return fmt::format("{} {}", kWeekdays[w], long_short_name(d));
}

std::string workings(const Deadline& d) {
    std::string days_word = d.count == 1 ? "day" : "days";
    std::string out;
    switch (d.counting) {
        case Counting::working_days_after:
            out = fmt::format("{} working {} from {}", d.count, days_word, short_name(d.from));
            if (!d.skipped.empty())
                out += ", skipping " + holiday_list(d.skipped, days_between(d.from, d.due) >= 365);
            break;
        case Counting::days_after:
            out = fmt::format("{} {} after {}", d.count, days_word, short_name(d.from));
            break;
        case Counting::days_beginning_with:
            out = fmt::format("{} {} beginning with {} (day 1)", d.count, days_word,
                              short_name(d.from));
            break;
    }
    out += ": " + short_name(d.due);
    if (d.beyond_known_holidays) {
        if (!d.holidays_known_to)
            out += " (no bank holidays known)";
        else if (d.due > *d.holidays_known_to)
            out += fmt::format(" (bank holidays known only to {})",
                               long_short_name(*d.holidays_known_to));
        else
            out += fmt::format(" (bank holidays known only from {})",
                               long_short_name(*d.holidays_known_from));
    }
    return out;
}

std::string to_string(Counting c) {
    switch (c) {
        case Counting::working_days_after:
            return "working_days_after";
        case Counting::days_after:
            return "days_after";
        case Counting::days_beginning_with:
            return "days_beginning_with";
    }
    return "days_after";
}

std::optional<Counting> parse_counting(std::string_view text) {
    for (Counting c :
         {Counting::working_days_after, Counting::days_after, Counting::days_beginning_with})
        if (to_string(c) == text) return c;
    return std::nullopt;
}

}  // namespace scrutineer
