// "Within a year" and "at least once in any 12 months", counted one stated way everywhere in the
// work programme (rolling_programme.hpp, statutory_items.hpp):
//
//   something done on day D must be done again by the same day one year later; it goes over a
//   year on the day after that. 29 February counts to 28 February of the next year (the same
//   day does not exist), so the period is always 365 days, or 366 when it spans a 29 February.
//
// Example: reviewed on 9 June 2022, due again by 9 June 2023, over a year on 10 June 2023.
#pragma once

#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

// The last day on which it is still within a year of `from`: the same day one year later
// (29 February -> 28 February).
CalendarDate within_a_year_of(CalendarDate from);

// The day it goes over a year: the day after within_a_year_of(from).
CalendarDate over_a_year_on(CalendarDate from);

// `d` plus `days` calendar days (negative to go back).
CalendarDate add_days(CalendarDate d, int days);

}  // namespace scrutineer
