// The clock for every deadline in scrutineer: calendar days and working days, counted one
// stated way each, with the workings shown (docs/clocks.md).
//
// A working day is a weekday (Monday to Friday) that is not an England and Wales bank holiday.
// Three ways of counting, each named for the words the statutes and guidance use:
// - working_days_after: "within N working days of D" is on or before the Nth working day after
//   D; D itself is day 0, whatever day of the week it is.
// - days_after: "N days after D" is D + N calendar days; D is day 0.
// - days_beginning_with: "N days beginning with D" counts D itself as day 1, so the last day
//   is D + N - 1 (Police Act 1996 s55: HMICFRS report responses, 56 days beginning with the day
//   of publication).
//
// The bank holidays are data (data/bank-holidays/), not rules: one-off holidays and moved days
// are in the list as they happened. A count that runs outside the years the list covers says so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

struct BankHoliday {
    CalendarDate date;
    std::string title;

    bool operator==(const BankHoliday&) const = default;
};

// A list of bank holidays, sorted by date, at most one a day.
class BankHolidays {
  public:
    BankHolidays() = default;
    // Sorts the list; throws std::invalid_argument naming a date given twice.
    explicit BankHolidays(std::vector<BankHoliday> list);

    const std::vector<BankHoliday>& list() const { return list_; }
    bool empty() const { return list_.empty(); }
    bool is_holiday(CalendarDate d) const { return find(d) != nullptr; }
    const BankHoliday* find(CalendarDate d) const;
    // The years the list covers: from 1 January of its first holiday's year to 31 December of
    // its last holiday's year (nothing when empty).
    std::optional<int> first_year() const;
    std::optional<int> last_year() const;

    bool operator==(const BankHolidays&) const = default;

  private:
    std::vector<BankHoliday> list_;
};

// Monday to Friday and not a bank holiday.
bool is_working_day(CalendarDate d, const BankHolidays& holidays);

enum class Counting { working_days_after, days_after, days_beginning_with };

// The largest count accepted (about a century of days), so that no count runs off the calendar.
inline constexpr int kMaxDeadlineCount = 36500;

// A computed deadline and how it was reached.
struct Deadline {
    CalendarDate from;
    int count = 0;
    Counting counting = Counting::days_after;
    CalendarDate due;
    // Working-day counts only: the bank holidays passed over between `from` and `due`.
    std::vector<BankHoliday> skipped;
    // Working-day counts only: a day counted lies outside the years the list covers (or the
    // list is empty), so a bank holiday there may have been counted as a working day.
    bool beyond_known_holidays = false;
    std::optional<CalendarDate> holidays_known_from, holidays_known_to;
};

// The Nth working day after `from` (n = 0: `from` itself). Throws std::invalid_argument when n
// is negative or above kMaxDeadlineCount.
Deadline working_days_after(CalendarDate from, int n, const BankHolidays& holidays);
// `from` + n calendar days (n >= 0).
Deadline days_after(CalendarDate from, int n);
// The nth day counting `from` as day 1: `from` + n - 1 (n >= 1: a period of no days has no
// last day).
Deadline days_beginning_with(CalendarDate from, int n);
// One of the three, by `counting` (the holidays are used only for working days).
Deadline deadline(Counting counting, CalendarDate from, int n, const BankHolidays& holidays);

// The workings in one line, e.g.
//   "10 working days from Tue 20 Dec 2022, skipping 26–27 Dec and 2 Jan: Fri 6 Jan 2023"
//   "56 days beginning with Thu 24 Oct 2019 (day 1): Wed 18 Dec 2019"
//   "21 days after Mon 3 Oct 2022: Mon 24 Oct 2022"
// Skipped holidays on consecutive days of one month are joined with an en dash; their years
// are shown only when the count spans a year or more. A count beyond the list's years ends
// with e.g. " (bank holidays known only to 31 Dec 2027)".
std::string workings(const Deadline& d);

// "Tue 20 Dec 2022"
std::string short_name(CalendarDate d);

// "working_days_after", "days_after", "days_beginning_with"; and back (nothing if unknown).
std::string to_string(Counting c);
std::optional<Counting> parse_counting(std::string_view text);

}  // namespace scrutineer
