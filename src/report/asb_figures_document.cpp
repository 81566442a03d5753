#include "scrutineer/asb_figures_document.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <iterator>
#include <utility>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/performance_report.hpp"

namespace scrutineer::report {
namespace {

using doc::bold;
using doc::plain;

struct Column {
    const char* heading;
    int CaseReviewFigures::*member;
};
// As the web page's table (case_review_intake_pages.cpp) and its CSV.
const Column kColumns[] = {
    {"Applications", &CaseReviewFigures::applications},
    {"Threshold met", &CaseReviewFigures::threshold_met},
    {"Threshold not met", &CaseReviewFigures::threshold_not_met},
    {"Review below the threshold", &CaseReviewFigures::review_below_threshold},
    {"Not yet decided", &CaseReviewFigures::undecided},
    {"Reviews held", &CaseReviewFigures::reviews_held},
    {"Reviews with recommendations", &CaseReviewFigures::reviews_with_recommendations},
    {"Appeals", &CaseReviewFigures::appeals},
    {"Appeals upheld", &CaseReviewFigures::appeals_upheld},
    {"Appeals not upheld", &CaseReviewFigures::appeals_not_upheld},
    {"Appeals not yet decided", &CaseReviewFigures::appeals_undecided},
};

// A count's cell: its text, and its number for a spreadsheet; the county's row in bold.
doc::Text count(int n, bool county) {
    return {county ? bold(std::to_string(n)) : plain(std::to_string(n))};
}

// The columns in two tables, so that each fits a page's width: the applications and threshold
// decisions (kColumns[0, 5)), the reviews and appeals (kColumns[5, 11)).
struct Columns {
    size_t from, to;
};
constexpr Columns kDecisions{0, 5}, kReviews{5, std::size(kColumns)};

// A row per area (the county last, in bold) with the counts of `cols`; `lead` cells first.
void add_rows(doc::Table& t, const std::vector<CaseReviewFigures>& figures,
              const std::vector<doc::Text>& lead, Columns cols) {
    for (size_t i = 0; i < figures.size(); ++i) {
        const auto& f = figures[i];
        bool county = i + 1 == figures.size();
        std::vector<doc::Text> row = lead;
        std::vector<std::optional<double>> numbers(lead.size());
        row.push_back({county ? bold(f.area_name) : plain(f.area_name)});
        numbers.push_back(std::nullopt);
        for (size_t k = cols.from; k < cols.to; ++k) {
            const Column& c = kColumns[k];
            row.push_back(count(f.*c.member, county));
            numbers.push_back(static_cast<double>(f.*c.member));
        }
        t.rows.push_back(std::move(row));
        t.numbers.push_back(std::move(numbers));
    }
}

doc::Table figures_table(const std::vector<std::string>& lead_headings, Columns cols) {
    doc::Table t;
    for (const auto& h : lead_headings) {
        t.header.push_back({plain(h)});
        t.number_formats.push_back("");
        t.widths.push_back(0.12);
    }
    t.header.push_back({plain("Area")});
    t.number_formats.push_back("");
    t.widths.push_back(0.2);
    for (size_t k = cols.from; k < cols.to; ++k) {
        t.header.push_back({plain(kColumns[k].heading)});
        t.number_formats.push_back("0");
        t.widths.push_back(k == 0 ? 0.16 : 0.12);  // "Applications" on one line
    }
    return t;
}

ClockTimeliness timeliness_of(const CaseReviewFigures& f, CaseClock clock) {
    auto it = f.timeliness.find(clock);
    return it == f.timeliness.end() ? ClockTimeliness{} : it->second;
}

}  // namespace

const AreaName& case_review_county() {
    static const AreaName county{"E10000020", "Norfolk"};
    return county;
}

CaseReviewRecords load_case_review_records(store::Database& db, Role viewer) {
    CaseReviewRecords r;
    r.cases = store::load_cases(db, viewer);
    for (const auto& k : store::load_case_review_contacts(db))
        r.districts.push_back({k.district_code, k.district_name});
    r.clocks = store::load_case_review_settings(db).clocks;
    r.holidays = store::load_bank_holidays(db);
    return r;
}

int financial_year_of(CalendarDate day) {
    return day.month() >= 4 ? day.year() : day.year() - 1;
}

std::optional<int> latest_case_review_year(const std::vector<AsbCase>& cases) {
    std::optional<int> latest;
    for (const auto& c : cases)
        latest = std::max(latest.value_or(0), financial_year_of(c.received));
    return latest;
}

AsbFigures load_asb_figures(store::Database& db, Role viewer, std::optional<int> year,
                            std::optional<CalendarDate> today) {
    if (!may_see_case_dashboards(viewer))
        throw ReportUnavailable(
            "Your role does not allow seeing the ASB Case Review figures: they are for case "
            "workers, officers and administrators");
    CaseReviewRecords r = load_case_review_records(db, viewer);
    if (!year) year = latest_case_review_year(r.cases);
    if (!year && today) year = financial_year_of(*today);
    if (!year)
        throw ReportUnavailable(
            "No ASB case review applications are recorded: name the financial year");
    AsbFigures out;
    out.start_year = *year;
    out.year = financial_year(*year);
    out.today = today ? *today : out.year.end;
    out.figures = case_review_figures(r.cases, out.year, r.districts, case_review_county(),
                                      r.clocks, r.holidays, out.today);
    for (int q = 1; q <= 4; ++q)
        out.quarters.push_back(case_review_figures(r.cases, financial_quarter(*year, q),
                                                   r.districts, case_review_county(), r.clocks,
                                                   r.holidays, out.today));
    return out;
}

std::string asb_figures_file_stem(const AsbFigures& f) {
    return "asb-case-review-figures-" + f.year.label;
}

doc::Document asb_figures_document(const AsbFigures& f) {
    doc::Document d;
    std::string title = "ASB Case Review figures " + f.year.label;
    d.title = title + ": " + case_review_county().name;
    d.subject = fmt::format(
        "Anti-social behaviour case reviews (the Community Trigger) received from {} to {}, per "
        "district and for the county",
        long_name(f.year.start), long_name(f.year.end));
    d.header = "ASB Case Reviews, " + case_review_county().name;
    d.footer = title;
    d.created = to_string(f.today);

    d.add(doc::Heading{1, title, {}});
    d.add(doc::Paragraph{{plain(fmt::format(
        "Applications for an anti-social behaviour case review received from {} to {}, per "
        "district and for {}. Each application is counted in the period it was received in, "
        "whatever period its later steps fell in. Reviews held and steps overdue are counted as "
        "on {}.",
        long_name(f.year.start), long_name(f.year.end), case_review_county().name,
        long_name(f.today)))}});

    // The year: a row per district and the county's, in two tables on one sheet.
    std::string year_sheet = "ASB Case Reviews " + f.year.label;
    d.add(doc::Heading{2, "Applications and threshold decisions", {}});
    doc::Table decisions = figures_table({}, kDecisions);
    decisions.sheet = year_sheet;
    add_rows(decisions, f.figures, {}, kDecisions);
    decisions.notes = {
        "Threshold not met: letter B. Review below the threshold: letter C(i) (a review held "
        "though the threshold was not met)."};
    d.add(decisions);
    d.add(doc::Heading{2, "Reviews and appeals", {}});
    doc::Table reviews = figures_table({}, kReviews);
    reviews.sheet = year_sheet;
    add_rows(reviews, f.figures, {}, kReviews);
    reviews.notes = {
        "Reviews held: a panel met on or before the day counted. Reviews with recommendations: "
        "the panel's outcome was an action plan (letter E)."};
    d.add(reviews);

    const std::string quarters_note =
        "Q1: April to June; Q2: July to September; Q3: October to December; Q4: January to "
        "March.";
    for (auto [title, cols] : {std::pair{"Quarter by quarter: applications and threshold "
                                         "decisions",
                                         kDecisions},
                               std::pair{"Quarter by quarter: reviews and appeals", kReviews}}) {
        d.add(doc::Heading{2, title, {}});
        doc::Table quarters = figures_table({"Quarter"}, cols);
        quarters.sheet = "Quarters";
        for (size_t q = 0; q < f.quarters.size(); ++q) {
            StatisticsPeriod p = financial_quarter(f.start_year, static_cast<int>(q) + 1);
            add_rows(quarters, f.quarters[q], {{plain(p.label)}}, cols);
        }
        quarters.notes = {quarters_note};
        d.add(quarters);
    }

    d.add(doc::Heading{2, "Timeliness", {}});
    d.add(doc::Paragraph{{plain(
        "For each clock: steps done on or before their due date (met), done after it (missed), "
        "and not done and already past due on " +
        long_name(f.today) + " (overdue).")}});
    for (CaseClock clock : kCaseClocks) {
        if (clock == CaseClock::appeal) continue;
        d.add(doc::Heading{3, label(clock), {}});
        doc::Table t;
        t.sheet = "Timeliness";
        t.widths = {0.4, 0.2, 0.2, 0.2};
        t.header = {{plain("Area")}, {plain("Met")}, {plain("Missed")}, {plain("Overdue")}};
        t.number_formats = {"", "0", "0", "0"};
        for (size_t i = 0; i < f.figures.size(); ++i) {
            bool county = i + 1 == f.figures.size();
            ClockTimeliness v = timeliness_of(f.figures[i], clock);
            t.rows.push_back(
                {{county ? bold(f.figures[i].area_name) : plain(f.figures[i].area_name)},
                 count(v.met, county),
                 count(v.missed, county),
                 count(v.overdue, county)});
            t.numbers.push_back({std::nullopt, static_cast<double>(v.met),
                                 static_cast<double>(v.missed), static_cast<double>(v.overdue)});
        }
        d.add(t);
    }
    return d;
}

}  // namespace scrutineer::report
