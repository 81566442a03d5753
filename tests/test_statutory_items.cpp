// Statutory items in a programme year: the precept review by the report deadline with a
// reserve date by the revised-precept deadline, the PCC's annual report, the budget
// consultation before the precept, complaints monitoring at least once in any 12 months, the
// election of chair and vice-chair at the first meeting of the civic year, the terms of
// reference review; which apply by kind of panel; the deadlines are settings.
#include <gtest/gtest.h>

#include "scrutineer/statutory_items.hpp"

using namespace scrutineer;

namespace {

CalendarDate d(const char* s) {
    return *parse_date(s);
}

WorkProgrammeSettings settings() {
    WorkProgrammeSettings s;
    s.civic_year_starts = *parse_month_day("06-01");
    s.precept = {*parse_month_day("02-01"), *parse_month_day("02-08"), *parse_month_day("02-15"),
                 *parse_month_day("02-22")};
    return s;
}

ProgrammeYear year2020() {
    return programme_year_starting(2020, settings().civic_year_starts);
}

int64_t next_id = 1;

Meeting meeting(const char* date, std::vector<std::string> titles) {
    Meeting m;
    m.id = next_id++;
    m.panel_id = 1;
    m.date = d(date);
    m.time = "10:00";
    int pos = 1;
    for (auto& t : titles) {
        AgendaItem i;
        i.meeting_id = m.id;
        i.position = pos++;
        i.title = t;
        m.items.push_back(i);
    }
    return m;
}

Meeting reserve(const char* date, const std::string& reason) {
    Meeting m = meeting(date, {});
    m.reserve = true;
    m.reserve_reason = reason;
    return m;
}

// Seed 001's programme for 2020-21, with the precept dates corrected to the year.
std::vector<Meeting> pcp_programme() {
    return {
        meeting("2020-06-30", {"Election of Chairman and Vice-Chairman",
                               "Panel Arrangements and Rules of Procedure – Review",
                               "PCC Complaints Monitoring Report"}),
        meeting("2020-09-30", {"PCC’s 2019-20 Annual Report",  // a curly apostrophe
                               "Independent Custody Visitor Scheme Annual Report"}),
        meeting("2020-12-01", {"PCC's 2021-22 Budget Consultation"}),
        meeting("2021-02-02", {"Review the PCC's proposed precept for 2021-22",
                               "PCC Complaints Monitoring Report"}),
        reserve("2021-02-19", "to review a revised precept for 2021-22, if vetoed"),
    };
}

bool has_warning(const StatutoryCheck& c, StatutoryItemKind k, const std::string& words) {
    for (const auto& w : c.warnings)
        if (w.kind == k && w.problem.find(words) != std::string::npos) return true;
    return false;
}

std::string all_warnings(const StatutoryCheck& c) {
    std::string out;
    for (const auto& w : c.warnings) out += w.problem + "\n";
    return out;
}

}  // namespace

TEST(StatutoryItems, WhichApplyDependsOnThePanelKind) {
    auto kinds = [](PanelKind k) {
        std::vector<StatutoryItemKind> out;
        for (const auto& r : statutory_rules_for(k)) out.push_back(r.kind);
        return out;
    };
    auto pcp = kinds(PanelKind::police_and_crime_panel);
    EXPECT_EQ(pcp.size(), 6u);
    EXPECT_NE(std::find(pcp.begin(), pcp.end(), StatutoryItemKind::precept_review), pcp.end());
    auto csp = kinds(PanelKind::csp_scrutiny_sub_panel);
    EXPECT_EQ(csp,
              (std::vector<StatutoryItemKind>{StatutoryItemKind::election_of_chair_and_vice_chair,
                                              StatutoryItemKind::terms_of_reference_review}));
    EXPECT_TRUE(kinds(PanelKind::sub_panel).empty());
    for (const auto& r : statutory_rules()) {
        EXPECT_FALSE(r.wording.empty());
        EXPECT_FALSE(r.source.empty());
    }
}

TEST(StatutoryItems, SeedProgrammePlacesEverythingInTime) {
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, pcp_programme(), year2020(),
                                   settings());
    EXPECT_TRUE(c.warnings.empty()) << all_warnings(c);
    std::map<StatutoryItemKind, CalendarDate> first;
    for (const auto& p : c.placed)
        if (!first.count(p.kind)) first[p.kind] = p.date;
    EXPECT_EQ(first[StatutoryItemKind::election_of_chair_and_vice_chair], d("2020-06-30"));
    EXPECT_EQ(first[StatutoryItemKind::terms_of_reference_review], d("2020-06-30"));
    EXPECT_EQ(first[StatutoryItemKind::complaints_monitoring], d("2020-06-30"));
    EXPECT_EQ(first[StatutoryItemKind::pcc_annual_report], d("2020-09-30"));
    EXPECT_EQ(first[StatutoryItemKind::budget_consultation], d("2020-12-01"));
    EXPECT_EQ(first[StatutoryItemKind::precept_review], d("2021-02-02"));
    bool reserve_placed = false;
    for (const auto& p : c.placed)
        if (p.kind == StatutoryItemKind::precept_review && p.reserve) {
            reserve_placed = true;
            EXPECT_EQ(p.date, d("2021-02-19"));
            EXPECT_EQ(p.item, "to review a revised precept for 2021-22, if vetoed");
        }
    EXPECT_TRUE(reserve_placed);
    // The Independent Custody Visitor Scheme's annual report is not the PCC's.
    for (const auto& p : c.placed) {
        EXPECT_EQ(p.item.find("Custody"), std::string::npos);
    }
}

TEST(StatutoryItems, PreceptMeetingAfterTheReportDeadlineIsLate) {
    auto ms = pcp_programme();
    ms[3].date = d("2021-02-10");
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::precept_review,
                            "The precept review is on 10 February 2021, after 8 February 2021"))
        << all_warnings(c);
    // The warning carries the rule's wording with the year's dates, and its source.
    for (const auto& w : c.warnings)
        if (w.kind == StatutoryItemKind::precept_review) {
            EXPECT_NE(w.rule.find("report by 8 February 2021"), std::string::npos) << w.rule;
            EXPECT_NE(w.rule.find("by 22 February 2021"), std::string::npos);
            EXPECT_NE(w.source.find("Regulations 2012"), std::string::npos);
        }
    // On the deadline itself it is in time.
    ms[3].date = d("2021-02-08");
    EXPECT_TRUE(check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings())
                    .warnings.empty());
}

TEST(StatutoryItems, TheDeadlinesAreSettings) {
    auto ms = pcp_programme();
    ms[3].date = d("2021-02-10");
    auto s = settings();
    s.precept.report_by = *parse_month_day("02-10");
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), s);
    EXPECT_FALSE(has_warning(c, StatutoryItemKind::precept_review, "after"));
}

TEST(StatutoryItems, NoReserveDateIsWarned) {
    auto ms = pcp_programme();
    ms.pop_back();
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::precept_review,
                            "There is no reserve date after the precept review to review a "
                            "revised precept if the Panel vetoes: keep one on or before 22 "
                            "February 2021."))
        << all_warnings(c);
    // A reserve date before the review meeting is not one.
    ms.push_back(reserve("2021-01-20", "to review a revised precept, if vetoed"));
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::precept_review, "There is no reserve date"));
    // One after 22 February is late.
    ms.back().date = d("2021-02-24");
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::precept_review,
                            "The reserve date for a revised precept is 24 February 2021, after "
                            "22 February 2021"))
        << all_warnings(c);
}

TEST(StatutoryItems, MissingPreceptReviewIsWarned) {
    auto ms = pcp_programme();
    ms.erase(ms.begin() + 3);
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::precept_review,
                            "No meeting in the programme year 2020-21 (1 June 2020 to 31 May "
                            "2021) reviews the proposed precept: place it on a meeting on or "
                            "before 8 February 2021."))
        << all_warnings(c);
}

TEST(StatutoryItems, ComplaintsMonitoringMoreThanTwelveMonthsApartIsWarned) {
    auto ms = pcp_programme();
    // The June one moves to the previous March; the next is in February: 24 March 2020 to
    // 2 February 2021 is within 12 months.
    ms[0].items.pop_back();
    ms.push_back(meeting("2020-03-24", {"PCC Complaints Monitoring Report"}));
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_FALSE(has_warning(c, StatutoryItemKind::complaints_monitoring, "")) << all_warnings(c);
    // Moved to April 2021: more than 12 months after 24 March 2020.
    ms[3].items.pop_back();
    ms.push_back(meeting("2021-04-20", {"PCC Complaints Monitoring Report"}));
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::complaints_monitoring,
                            "Complaints monitoring is on 24 March 2020 and next on 20 April "
                            "2021: more than 12 months apart (over 12 months on 25 March 2021)."))
        << all_warnings(c);
}

TEST(StatutoryItems, ComplaintsMonitoringWithNoneAfterIsWarnedWithinTheYear) {
    auto ms = pcp_programme();
    ms[3].items.pop_back();  // only 30 June 2020 is left: 12 months end after the year
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_FALSE(has_warning(c, StatutoryItemKind::complaints_monitoring, "")) << all_warnings(c);
    ms[0].items.pop_back();
    ms.push_back(meeting("2020-03-24", {"PCC Complaints Monitoring Report"}));
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::complaints_monitoring,
                            "No complaints monitoring is placed after 24 March 2020: it goes "
                            "over 12 months on 25 March 2021."))
        << all_warnings(c);
    ms.pop_back();
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(
        has_warning(c, StatutoryItemKind::complaints_monitoring, "has complaints monitoring"));
}

TEST(StatutoryItems, ElectionOfChairAtTheFirstMeetingOfTheCivicYear) {
    auto ms = pcp_programme();
    ms.push_back(meeting("2020-06-10", {"Police and Crime Plan performance monitoring"}));
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::election_of_chair_and_vice_chair,
                            "The chair and vice-chair are elected on 30 June 2020, not at the "
                            "first meeting of the civic year on 10 June 2020."))
        << all_warnings(c);
    // An agenda item of the election kind counts whatever its title.
    Meeting first = meeting("2020-06-05", {});
    AgendaItem e;
    e.kind = AgendaItemKind::election_of_chair;
    e.title = "To elect a Chair for 2020-21";
    first.items.push_back(e);
    ms.push_back(first);
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_FALSE(has_warning(c, StatutoryItemKind::election_of_chair_and_vice_chair, ""))
        << all_warnings(c);
}

TEST(StatutoryItems, BudgetConsultationAfterThePreceptIsLateAndMissingItemsAreNamed) {
    auto ms = pcp_programme();
    ms[2].date = d("2021-03-01");
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::budget_consultation,
                            "The budget consultation is on 1 March 2021, after the precept "
                            "review on 2 February 2021."))
        << all_warnings(c);
    ms[1].items.clear();  // no PCC's annual report
    c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::pcc_annual_report, "PCC's annual report"));
}

TEST(StatutoryItems, CspSubPanelChecksOnlyItsOwnItems) {
    std::vector<Meeting> ms = {
        meeting("2022-06-09", {"Appointment of Chair & Vice-Chair", "Confirm Terms of Reference",
                               "NCCSP Plan 2021-24 – performance monitoring"}),
        meeting("2022-09-28", {"NCCSP Plan 2021-24 – performance monitoring"}),
    };
    auto y = programme_year_starting(2022, settings().civic_year_starts);
    auto c = check_statutory_items(PanelKind::csp_scrutiny_sub_panel, ms, y, settings());
    EXPECT_TRUE(c.warnings.empty()) << all_warnings(c);
    EXPECT_EQ(c.placed.size(), 2u);
    ms[0].items.erase(ms[0].items.begin(), ms[0].items.begin() + 2);
    c = check_statutory_items(PanelKind::csp_scrutiny_sub_panel, ms, y, settings());
    EXPECT_EQ(c.warnings.size(), 2u) << all_warnings(c);
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::election_of_chair_and_vice_chair,
                            "place it at the first meeting, on 9 June 2022"));
    EXPECT_TRUE(check_statutory_items(PanelKind::sub_panel, ms, y, settings()).warnings.empty());
}

TEST(StatutoryItems, CancelledMeetingsDoNotCount) {
    auto ms = pcp_programme();
    ms[3].status = MeetingStatus::cancelled;
    auto c = check_statutory_items(PanelKind::police_and_crime_panel, ms, year2020(), settings());
    EXPECT_TRUE(has_warning(c, StatutoryItemKind::precept_review, "reviews the proposed precept"));
}
