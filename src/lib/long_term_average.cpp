#include "scrutineer/long_term_average.hpp"

namespace scrutineer {

PeriodWindows windows_for(Month m) {
    return PeriodWindows{m - (kMonthsInPeriod - 1), m, m - (kMonthsNeeded - 1),
                         m - kMonthsInPeriod};
}

Fraction long_term_average(const Fraction& sum_of_36_months) {
    return sum_of_36_months / Fraction::whole(kLtaYears);
}

Fraction percentage_difference(const Fraction& last_12, const Fraction& lta) {
    return (last_12 - lta) / lta * Fraction::whole(100);
}

Fraction percentage_point_difference(const Fraction& last_12, const Fraction& lta) {
    return last_12 - lta;
}

}  // namespace scrutineer
