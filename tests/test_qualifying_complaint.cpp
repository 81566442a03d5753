// The qualifying-complaint rule and the ASB Case Review threshold at every boundary: month ends,
// leap years, both ends inclusive and one day beyond, the same incident reported to several
// agencies, the alternative rule and min_qualifying.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "scrutineer/qualifying_complaint.hpp"

using namespace scrutineer;

namespace {

CalendarDate date(const char* text) {
    auto d = parse_date(text);
    if (!d) throw std::invalid_argument(text);
    return *d;
}

std::string plus_months(const char* d, int n) {
    return to_string(add_calendar_months(date(d), n));
}

Complaint complaint(const char* incident, const char* behaviour, const char* reported,
                    const char* reporter = "victim", const char* to = "police") {
    return Complaint{incident, reporter, date(behaviour), date(reported), to, "", ""};
}

// One complaint assessed alone: does it qualify?
bool qualifies(const char* behaviour, const char* reported, const char* applied) {
    auto d = assess_threshold(date(applied), {complaint("i1", behaviour, reported)});
    return d.complaints.at(0).qualifies;
}

}  // namespace

TEST(CalendarMonths, SameDayNumberOrTheMonthsLastDay) {
    EXPECT_EQ(plus_months("2024-01-31", 1), "2024-02-29");  // leap year
    EXPECT_EQ(plus_months("2023-01-31", 1), "2023-02-28");
    EXPECT_EQ(plus_months("2023-08-31", 6), "2024-02-29");
    EXPECT_EQ(plus_months("2022-08-31", 6), "2023-02-28");
    EXPECT_EQ(plus_months("2024-04-30", 1), "2024-05-30");  // not the end of May
    EXPECT_EQ(plus_months("2024-03-31", 1), "2024-04-30");
    EXPECT_EQ(plus_months("2024-03-10", 1), "2024-04-10");
    EXPECT_EQ(plus_months("2024-12-31", 2), "2025-02-28");  // across a year end
    EXPECT_EQ(plus_months("2024-11-15", 6), "2025-05-15");
    EXPECT_EQ(plus_months("2024-02-29", 12), "2025-02-28");
    EXPECT_EQ(plus_months("2000-01-31", 1), "2000-02-29");  // 2000 is a leap year
    EXPECT_EQ(plus_months("2100-01-31", 1), "2100-02-28");  // 2100 is not
    EXPECT_EQ(plus_months("2024-05-17", 0), "2024-05-17");
    EXPECT_THROW(add_calendar_months(date("2024-05-17"), -1), std::invalid_argument);
}

TEST(QualifyingComplaint, ReportedWithinOneMonthBothEndsInclusive) {
    // Behaviour on 31 Jan 2024: one month later is 29 Feb 2024 (leap year).
    EXPECT_TRUE(qualifies("2024-01-31", "2024-01-31", "2024-03-01"));  // reported the same day
    EXPECT_TRUE(qualifies("2024-01-31", "2024-02-29", "2024-03-01"));
    EXPECT_FALSE(qualifies("2024-01-31", "2024-03-01", "2024-03-01"));  // one day beyond
    // 31 Jan 2023: 28 Feb 2023.
    EXPECT_TRUE(qualifies("2023-01-31", "2023-02-28", "2023-03-01"));
    EXPECT_FALSE(qualifies("2023-01-31", "2023-03-01", "2023-03-01"));
    // 30 Apr: 30 May, not 31 May.
    EXPECT_TRUE(qualifies("2024-04-30", "2024-05-30", "2024-06-01"));
    EXPECT_FALSE(qualifies("2024-04-30", "2024-05-31", "2024-06-01"));
    // The guidance's example: behaviour on 10 Mar, reported on 10 Apr.
    EXPECT_TRUE(qualifies("2024-03-10", "2024-04-10", "2024-04-20"));
    EXPECT_FALSE(qualifies("2024-03-10", "2024-04-11", "2024-04-20"));
    // Across the year end: 15 Dec 2024 -> 15 Jan 2025.
    EXPECT_TRUE(qualifies("2024-12-15", "2025-01-15", "2025-02-01"));
    EXPECT_FALSE(qualifies("2024-12-15", "2025-01-16", "2025-02-01"));
}

TEST(QualifyingComplaint, ApplicationWithinSixMonthsBothEndsInclusive) {
    // Reported 31 Aug 2023: six months later is 29 Feb 2024 (leap year).
    EXPECT_TRUE(qualifies("2023-08-31", "2023-08-31", "2023-08-31"));  // applied the same day
    EXPECT_TRUE(qualifies("2023-08-30", "2023-08-31", "2024-02-29"));
    EXPECT_FALSE(qualifies("2023-08-30", "2023-08-31", "2024-03-01"));
    // Reported 31 Aug 2022: 28 Feb 2023.
    EXPECT_TRUE(qualifies("2022-08-30", "2022-08-31", "2023-02-28"));
    EXPECT_FALSE(qualifies("2022-08-30", "2022-08-31", "2023-03-01"));
    // Reported 30 Apr 2024: 30 Oct 2024.
    EXPECT_TRUE(qualifies("2024-04-20", "2024-04-30", "2024-10-30"));
    EXPECT_FALSE(qualifies("2024-04-20", "2024-04-30", "2024-10-31"));
}

TEST(QualifyingComplaint, TheReasonGivesTheDatesThatDecide) {
    auto yes = assess_threshold(date("2024-08-29"), {complaint("i1", "2024-01-31", "2024-02-29")});
    EXPECT_EQ(yes.complaints.at(0).reason,
              "reported on 2024-02-29, within one month of the behaviour on 2024-01-31 (by "
              "2024-02-29); application on 2024-08-29 within six months of the report (by "
              "2024-08-29)");
    auto late = assess_threshold(date("2024-08-30"), {complaint("i1", "2024-01-31", "2024-03-01")});
    EXPECT_FALSE(late.complaints.at(0).qualifies);
    EXPECT_EQ(late.complaints.at(0).reason,
              "does not qualify: reported on 2024-03-01, more than one month after the behaviour "
              "on 2024-01-31 (by 2024-02-29); application on 2024-08-30 within six months of the "
              "report (by 2024-09-01)");
    auto stale =
        assess_threshold(date("2024-08-30"), {complaint("i1", "2024-01-31", "2024-02-29")});
    EXPECT_EQ(stale.complaints.at(0).reason,
              "does not qualify: reported on 2024-02-29, within one month of the behaviour on "
              "2024-01-31 (by 2024-02-29); application on 2024-08-30 more than six months after "
              "the report (by 2024-08-29)");
}

TEST(QualifyingComplaint, BadComplaintsAreErrorsNamingThem) {
    try {
        assess_threshold(date("2024-06-01"), {complaint("i1", "2024-05-01", "2024-05-02"),
                                              complaint("i2", "2024-05-10", "2024-05-09")});
        ADD_FAILURE() << "a report before the behaviour was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "complaints[1] (incident 'i2'): reported on 2024-05-09, before the "
                     "behaviour on 2024-05-10");
    }
    Complaint c = complaint("i1", "2024-05-01", "2024-05-02");
    EXPECT_EQ(complaint_problem(c, date("2024-06-01")), std::nullopt);
    EXPECT_EQ(complaint_problem(c, date("2024-05-02")), std::nullopt);
    EXPECT_EQ(complaint_problem(c, date("2024-05-01")),
              "reported on 2024-05-02, after the application on 2024-05-01");
    EXPECT_EQ(complaint_problem(c, date("2024-04-30")),
              "the behaviour on 2024-05-01 is after the application on 2024-04-30");
    c.incident = "";
    EXPECT_EQ(complaint_problem(c, date("2024-06-01")),
              "the incident is not identified (an empty incident)");
    EXPECT_THROW(assess_threshold(date("2024-06-01"), {c}), std::invalid_argument);
}

TEST(Threshold, ThreeQualifyingIncidentsInNorfolk) {
    auto app = date("2024-06-20");
    std::vector<Complaint> two = {complaint("i1", "2024-05-01", "2024-05-01"),
                                  complaint("i2", "2024-05-08", "2024-05-09")};
    auto d2 = assess_threshold(app, two);
    EXPECT_FALSE(d2.threshold_met);
    EXPECT_EQ(d2.qualifying, 2);
    EXPECT_EQ(d2.rule, "not met: 2 qualifying complaints, 3 needed");

    auto three = two;
    three.push_back(complaint("i3", "2024-05-15", "2024-06-15"));
    auto d3 = assess_threshold(app, three);
    EXPECT_TRUE(d3.threshold_met);
    EXPECT_EQ(d3.qualifying, 3);
    EXPECT_EQ(d3.reporters, 1);
    EXPECT_EQ(d3.rule, "at least 3 qualifying complaints (3)");

    // A third incident reported one day too late does not make the threshold.
    auto late = two;
    late.push_back(complaint("i3", "2024-05-15", "2024-06-16"));
    auto dl = assess_threshold(app, late);
    EXPECT_FALSE(dl.threshold_met);
    EXPECT_EQ(dl.qualifying, 2);
    ASSERT_EQ(dl.complaints.size(), 3u);
    EXPECT_TRUE(dl.complaints[0].qualifies);
    EXPECT_FALSE(dl.complaints[2].qualifies);
    EXPECT_EQ(dl.complaints[2].incident, "i3");

    auto none = assess_threshold(app, {});
    EXPECT_FALSE(none.threshold_met);
    EXPECT_EQ(none.rule, "not met: 0 qualifying complaints, 3 needed");
    auto one = assess_threshold(app, {complaint("i1", "2024-05-01", "2024-05-01")});
    EXPECT_EQ(one.rule, "not met: 1 qualifying complaint, 3 needed");
}

TEST(Threshold, TheSameIncidentReportedToSeveralAgenciesCountsOnce) {
    auto app = date("2024-06-20");
    std::vector<Complaint> cs = {
        complaint("party", "2024-05-04", "2024-05-04", "victim", "police"),
        complaint("party", "2024-05-04", "2024-05-06", "victim", "Norwich City Council"),
        complaint("party", "2024-05-04", "2024-05-07", "victim", "Clarion Housing"),
        complaint("bins", "2024-05-10", "2024-05-11"),
    };
    auto d = assess_threshold(app, cs);
    EXPECT_FALSE(d.threshold_met);
    EXPECT_EQ(d.qualifying, 2);
    EXPECT_TRUE(d.complaints[0].qualifies);
    EXPECT_FALSE(d.complaints[1].qualifies);
    EXPECT_FALSE(d.complaints[2].qualifies);
    EXPECT_TRUE(d.complaints[3].qualifies);
    EXPECT_EQ(d.complaints[1].reason,
              "the same incident as complaints[0] (reported to police on 2024-05-04), which "
              "counts; an incident counts once");
    cs.push_back(complaint("shouting", "2024-06-01", "2024-06-02"));
    EXPECT_TRUE(assess_threshold(app, cs).threshold_met);
}

TEST(Threshold, AnIncidentsLaterReportCountsWhenItsFirstDoesNot) {
    // Reported to the council too late for the application, then to the police within a month
    // of the behaviour and within six months of the application: the police report counts.
    auto app = date("2024-09-05");
    auto d = assess_threshold(
        app, {complaint("fire", "2024-02-20", "2024-03-01", "victim", "Broadland District Council"),
              complaint("fire", "2024-02-20", "2024-03-20", "victim", "police")});
    EXPECT_EQ(d.qualifying, 1);
    EXPECT_FALSE(d.complaints[0].qualifies);
    EXPECT_TRUE(d.complaints[1].qualifies);
}

TEST(Threshold, TheAlternativeRuleFiveDifferentPeople) {
    auto app = date("2024-06-20");
    ThresholdRules rules;
    rules.alt_min_reporters = 5;
    std::vector<Complaint> cs;
    for (const char* who : {"A", "B", "C", "D"})
        cs.push_back(complaint("noise", "2024-06-01", "2024-06-02", who));
    auto four = assess_threshold(app, cs, rules);
    EXPECT_FALSE(four.threshold_met);
    EXPECT_EQ(four.qualifying, 1);
    EXPECT_EQ(four.reporters, 4);
    EXPECT_EQ(four.rule, "not met: 1 qualifying complaint, 3 needed; 4 different people, 5 needed");

    // The fifth person reports it: five different people reported the problem.
    cs.push_back(complaint("noise", "2024-06-01", "2024-06-03", "E"));
    auto five = assess_threshold(app, cs, rules);
    EXPECT_TRUE(five.threshold_met);
    EXPECT_EQ(five.qualifying, 1);
    EXPECT_EQ(five.reporters, 5);
    EXPECT_EQ(five.rule, "at least 5 different people reported the problem (5)");

    // The same person twice is one person.
    auto again = cs;
    again.back().reporter = "A";
    EXPECT_FALSE(assess_threshold(app, again, rules).threshold_met);

    // A report that does not qualify does not count its reporter.
    auto stale = cs;
    stale.back() = complaint("noise", "2024-04-01", "2024-05-15", "E");
    EXPECT_EQ(assess_threshold(app, stale, rules).reporters, 4);

    // Without the alternative rule, five people are not enough.
    auto norfolk = assess_threshold(app, cs);
    EXPECT_FALSE(norfolk.threshold_met);
    EXPECT_EQ(norfolk.rule, "not met: 1 qualifying complaint, 3 needed");

    // No reporter given: the victim.
    std::vector<Complaint> anon = {complaint("x", "2024-06-01", "2024-06-02", ""),
                                   complaint("y", "2024-06-01", "2024-06-02", "victim")};
    EXPECT_EQ(assess_threshold(app, anon, rules).reporters, 1);
}

TEST(Threshold, MinQualifyingIsTheAreasToSet) {
    auto app = date("2024-06-20");
    std::vector<Complaint> two = {complaint("i1", "2024-05-01", "2024-05-01"),
                                  complaint("i2", "2024-05-08", "2024-05-09")};
    ThresholdRules rules;
    rules.min_qualifying = 2;
    auto d = assess_threshold(app, two, rules);
    EXPECT_TRUE(d.threshold_met);
    EXPECT_EQ(d.rule, "at least 2 qualifying complaints (2)");
    rules.min_qualifying = 1;
    EXPECT_EQ(assess_threshold(app, two, rules).rule, "at least 1 qualifying complaint (2)");
    rules.min_qualifying = 3;
    EXPECT_FALSE(assess_threshold(app, two, rules).threshold_met);
}

TEST(Threshold, RulesProblems) {
    EXPECT_EQ(rules_problem(ThresholdRules{}), std::nullopt);
    ThresholdRules r;
    r.min_qualifying = 4;
    EXPECT_EQ(rules_problem(r),
              "the qualifying complaints needed must be 1 to 3 (the Act lets no area ask for more "
              "than 3), not 4");
    EXPECT_THROW(assess_threshold(date("2024-06-01"), {}, r), std::invalid_argument);
    r.min_qualifying = 0;
    EXPECT_NE(rules_problem(r), std::nullopt);
    r = {};
    r.alt_min_reporters = 0;
    EXPECT_NE(rules_problem(r), std::nullopt);
    r.alt_min_reporters = 1;
    EXPECT_EQ(rules_problem(r), std::nullopt);
    r = {};
    r.report_within_months = 0;
    EXPECT_NE(rules_problem(r), std::nullopt);
    r = {};
    r.apply_within_months = 13;
    EXPECT_NE(rules_problem(r), std::nullopt);
    r.apply_within_months = 12;
    EXPECT_EQ(rules_problem(r), std::nullopt);
}

TEST(Threshold, OtherPeriodsAreWorded) {
    ThresholdRules r;
    r.report_within_months = 2;
    r.apply_within_months = 12;
    auto d = assess_threshold(date("2025-03-30"), {complaint("i1", "2024-01-31", "2024-03-31")}, r);
    EXPECT_TRUE(d.complaints.at(0).qualifies);
    EXPECT_EQ(d.complaints.at(0).reason,
              "reported on 2024-03-31, within two months of the behaviour on 2024-01-31 (by "
              "2024-03-31); application on 2025-03-30 within twelve months of the report (by "
              "2025-03-31)");
}

// 200,000 complaints took 30 s: each one searched all before it for the same incident. Now
// linear: the first that counted for each incident is looked up. Same-incident repeats still
// point at the first.
// Many complaints, each its own incident but the last (a repeat of the first): each is found
// once (the time they take: bench/asb_check.sh).
TEST(Threshold, ManyComplaintsAreEachAssessedOnce) {
    std::vector<Complaint> many;
    const size_t n = 20000;
    for (size_t i = 0; i < n; ++i)
        many.push_back(Complaint{"incident " + std::to_string(i % (n - 1)), "victim",
                                 date("2024-03-01"), date("2024-03-10"), "police", "", ""});
    auto d = assess_threshold(date("2024-04-01"), many);
    EXPECT_EQ(d.qualifying, static_cast<int>(n - 1));
    EXPECT_FALSE(d.complaints.back().qualifies);
    EXPECT_EQ(d.complaints.back().reason.rfind("the same incident as complaints[0] ", 0), 0u)
        << d.complaints.back().reason;
}
