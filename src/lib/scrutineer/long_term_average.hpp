// The long-term-average rule (seed 001 §8, notes after the tables):
//
//   "The long-term average (LTA) for the number of crimes is a three-year average calculated
//    from the 36 months prior to the current 12-month period - so requires a total of 48
//    months of data."
//
// For a period ending in month M:
//   Last 12 months (L12)  = the months M-11 .. M
//   Long Term Average     = (sum of the months M-47 .. M-12) / 3, kept exact
//   Difference            = (L12 - LTA) / LTA x 100, as a percentage
#pragma once

#include "scrutineer/fraction.hpp"
#include "scrutineer/month.hpp"

namespace scrutineer {

inline constexpr int kMonthsInPeriod = 12;
inline constexpr int kLtaYears = 3;
inline constexpr int kMonthsNeeded = kMonthsInPeriod * (1 + kLtaYears);  // 48

struct PeriodWindows {
    Month last_12_first, last_12_last;  // M-11 .. M
    Month lta_first, lta_last;          // M-47 .. M-12
};

PeriodWindows windows_for(Month period_end);

// The 3-year average of a 36-month sum.
Fraction long_term_average(const Fraction& sum_of_36_months);

// (L12 - LTA) / LTA x 100. The caller makes sure LTA is not zero.
Fraction percentage_difference(const Fraction& last_12, const Fraction& lta);

// L12 - LTA, for percentages: a difference in percentage points, never a percentage change.
Fraction percentage_point_difference(const Fraction& last_12, const Fraction& lta);

}  // namespace scrutineer
