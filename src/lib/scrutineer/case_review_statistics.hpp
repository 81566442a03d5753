// The ASB Case Review figures councils publish and the NCCSP audits (Act s104(10); 2022 review
// 3.17-3.19): per district and for the county, for a year or a quarter.
//
// A case is counted in the period its application was received in (a cohort), so each
// application is counted once, whatever period its steps fell in. Timeliness counts, for each
// clock, the steps done in time (met), done late (missed), and not done and already past due on
// the day asked (overdue). Anonymised cases count exactly as before.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/case_review_clock.hpp"

namespace scrutineer {

struct StatisticsPeriod {
    std::string label;  // "2025-26", "2025-26 Q1" (financial years, April to March)
    CalendarDate start;
    CalendarDate end;
};
// The financial year starting in April of `year` ("2025-26"), and its quarters 1-4 ("2025-26
// Q1" = April-June).
StatisticsPeriod financial_year(int year);
StatisticsPeriod financial_quarter(int year, int quarter);

struct ClockTimeliness {
    int met = 0;
    int missed = 0;
    int overdue = 0;
    bool operator==(const ClockTimeliness&) const = default;
};

struct CaseReviewFigures {
    std::string area_code;  // district code, or the county's code for the county row
    std::string area_name;
    int applications = 0;
    int threshold_met = 0;
    int threshold_not_met = 0;             // letter B
    int review_below_threshold = 0;        // letter C(i)
    int undecided = 0;                     // no threshold decision yet
    int reviews_held = 0;                  // a panel held (panel date on or before today)
    int reviews_with_recommendations = 0;  // panel outcome: action plan (letter E)
    int appeals = 0;
    int appeals_upheld = 0;
    int appeals_not_upheld = 0;
    int appeals_undecided = 0;
    std::map<CaseClock, ClockTimeliness> timeliness;  // every clock but the appeal window

    bool operator==(const CaseReviewFigures&) const = default;
};

struct AreaName {
    std::string code;
    std::string name;
};

// One row per district (in the order given, with zeros where there were no cases), then the
// county's row (the districts added up).
std::vector<CaseReviewFigures> case_review_figures(
    const std::vector<AsbCase>& cases, const StatisticsPeriod& period,
    const std::vector<AreaName>& districts, const AreaName& county,
    const CaseReviewClockRules& rules, const BankHolidays& holidays, CalendarDate today);

}  // namespace scrutineer
