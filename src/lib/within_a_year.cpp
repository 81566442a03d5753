#include "scrutineer/within_a_year.hpp"

#include <chrono>

namespace scrutineer {

CalendarDate within_a_year_of(CalendarDate from) {
    using namespace std::chrono;
    year_month_day next = from.ymd + years{1};
    if (!next.ok()) next = year_month_day{next.year() / next.month() / last};  // 29 Feb
    return CalendarDate{next};
}

CalendarDate over_a_year_on(CalendarDate from) {
    return add_days(within_a_year_of(from), 1);
}

CalendarDate add_days(CalendarDate d, int days) {
    using namespace std::chrono;
    return CalendarDate{year_month_day{sys_days{d.ymd} + std::chrono::days{days}}};
}

}  // namespace scrutineer
