// The ASB Case Review annual figures councils publish (Anti-social Behaviour, Crime and Policing
// Act 2014 s104(10); case_review_statistics.hpp) for a financial year, as a document
// (document.hpp): the year's table with a row per district and the county's row (applications,
// threshold decisions, reviews held, reviews with recommendations, appeals), the same figures
// quarter by quarter, and the timeliness of each clock. Every figure is a count: a number in a
// spreadsheet (format "0"). The web page /asb/statistics shows the same figures.
//
// Counts only: no reference, name or address of any case reaches the document. Only roles that
// may see the case dashboards (may_see_case_dashboards, access.hpp) get it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/case_review_statistics.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/document.hpp"

namespace scrutineer::report {

// The county the districts add up to (the figures' county row).
const AreaName& case_review_county();

// What the figures are made from, as a role may see it (store::load_cases).
struct CaseReviewRecords {
    std::vector<AsbCase> cases;
    std::vector<AreaName> districts;  // the districts with a case review contact, in order
    CaseReviewClockRules clocks;
    BankHolidays holidays;
};
CaseReviewRecords load_case_review_records(store::Database& db, Role viewer);

// The financial year (its starting year) of the latest application received; none without
// applications.
std::optional<int> latest_case_review_year(const std::vector<AsbCase>& cases);
// The financial year `day` is in (its starting year).
int financial_year_of(CalendarDate day);

struct AsbFigures {
    int start_year = 0;  // the financial year starts in April of it
    StatisticsPeriod year;
    std::vector<CaseReviewFigures> figures;                // per district, then the county
    std::vector<std::vector<CaseReviewFigures>> quarters;  // Q1..Q4, each as `figures`
    CalendarDate today;  // the day timeliness ("overdue") and "reviews held" are counted on
};

// `year`: the financial year starting in April of it; none: latest_case_review_year.
// `today`: the day to count on; none: the year's last day. Throws ReportUnavailable when the
// role may not see the figures ("Your role does not allow ..."), before anything is read, and
// when neither a year nor any application nor today says which year.
AsbFigures load_asb_figures(store::Database& db, Role viewer, std::optional<int> year,
                            std::optional<CalendarDate> today);

doc::Document asb_figures_document(const AsbFigures& figures);

// "asb-case-review-figures-2025-26"
std::string asb_figures_file_stem(const AsbFigures& figures);

}  // namespace scrutineer::report
