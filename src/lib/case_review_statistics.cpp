#include "scrutineer/case_review_statistics.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace scrutineer {
namespace {

std::string year_label(int year) {
    return fmt::format("{}-{:02}", year, (year + 1) % 100);
}

CaseReviewFigures empty_row(const AreaName& area) {
    CaseReviewFigures f;
    f.area_code = area.code;
    f.area_name = area.name;
    for (CaseClock clock : kCaseClocks)
        if (clock != CaseClock::appeal) f.timeliness[clock] = {};
    return f;
}

void count(CaseReviewFigures& f, const AsbCase& c, const CaseReviewClockRules& rules,
           const BankHolidays& holidays, CalendarDate today) {
    ++f.applications;
    switch (c.threshold) {
        case ThresholdOutcome::met:
            ++f.threshold_met;
            break;
        case ThresholdOutcome::not_met:
            ++f.threshold_not_met;
            break;
        case ThresholdOutcome::review_below_threshold:
            ++f.review_below_threshold;
            break;
        case ThresholdOutcome::undecided:
            ++f.undecided;
            break;
    }
    if (review_held(c) && c.panel_date && *c.panel_date <= today) {
        ++f.reviews_held;
        if (c.panel_outcome == PanelOutcome::action_plan) ++f.reviews_with_recommendations;
    }
    if (c.appeal) {
        ++f.appeals;
        switch (c.appeal->outcome) {
            case AppealOutcome::upheld:
                ++f.appeals_upheld;
                break;
            case AppealOutcome::not_upheld:
                ++f.appeals_not_upheld;
                break;
            case AppealOutcome::undecided:
                ++f.appeals_undecided;
                break;
        }
    }
    for (const ClockReading& r : case_clocks(c, rules, holidays)) {
        if (r.clock == CaseClock::appeal) continue;  // the applicant's window, not a duty
        ClockTimeliness& t = f.timeliness[r.clock];
        switch (state_on(r, today)) {
            case ClockState::met:
                ++t.met;
                break;
            case ClockState::missed:
                ++t.missed;
                break;
            case ClockState::overdue:
                ++t.overdue;
                break;
            case ClockState::due:
                break;
        }
    }
}

void add(CaseReviewFigures& total, const CaseReviewFigures& f) {
    total.applications += f.applications;
    total.threshold_met += f.threshold_met;
    total.threshold_not_met += f.threshold_not_met;
    total.review_below_threshold += f.review_below_threshold;
    total.undecided += f.undecided;
    total.reviews_held += f.reviews_held;
    total.reviews_with_recommendations += f.reviews_with_recommendations;
    total.appeals += f.appeals;
    total.appeals_upheld += f.appeals_upheld;
    total.appeals_not_upheld += f.appeals_not_upheld;
    total.appeals_undecided += f.appeals_undecided;
    for (const auto& [clock, t] : f.timeliness) {
        ClockTimeliness& sum = total.timeliness[clock];
        sum.met += t.met;
        sum.missed += t.missed;
        sum.overdue += t.overdue;
    }
}

}  // namespace

StatisticsPeriod financial_year(int year) {
    return {year_label(year), CalendarDate::of(year, 4, 1), CalendarDate::of(year + 1, 3, 31)};
}

StatisticsPeriod financial_quarter(int year, int quarter) {
    if (quarter < 1 || quarter > 4)
        throw std::invalid_argument(
            fmt::format("a financial year has quarters 1 to 4, not {}", quarter));
    // Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March.
    const int first_month = 4 + 3 * (quarter - 1);  // 4, 7, 10, 13
    const int y = first_month > 12 ? year + 1 : year;
    const unsigned m = static_cast<unsigned>(first_month > 12 ? first_month - 12 : first_month);
    return {fmt::format("{} Q{}", year_label(year), quarter), CalendarDate::of(y, m, 1),
            last_day_of(Month::of(y, static_cast<int>(m + 2)))};
}

std::vector<CaseReviewFigures> case_review_figures(
    const std::vector<AsbCase>& cases, const StatisticsPeriod& period,
    const std::vector<AreaName>& districts, const AreaName& county,
    const CaseReviewClockRules& rules, const BankHolidays& holidays, CalendarDate today) {
    std::vector<CaseReviewFigures> rows;
    for (const auto& d : districts) rows.push_back(empty_row(d));
    for (const AsbCase& c : cases) {
        // The cohort: applications received in the period, whatever period their steps fell in.
        if (c.received < period.start || period.end < c.received) continue;
        for (auto& row : rows)
            if (row.area_code == c.district_code) {
                count(row, c, rules, holidays, today);
                break;
            }
    }
    CaseReviewFigures total = empty_row(county);
    for (const auto& row : rows) add(total, row);
    rows.push_back(std::move(total));
    return rows;
}

}  // namespace scrutineer
