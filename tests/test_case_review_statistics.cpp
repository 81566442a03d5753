// The ASB Case Review figures: financial years and quarters, each application counted once in
// the period it was received, timeliness met, missed and overdue for each clock, and the same
// figures after the cases are anonymised.
#include <gtest/gtest.h>

#include <stdexcept>

#include "case_review_sample.hpp"
#include "scrutineer/case_review_statistics.hpp"

using namespace scrutineer;
using namespace scrutineer::test;

namespace {

const char* kSouthNorfolk = "E07000149";

std::vector<AreaName> districts() {
    return {{kBreckland, "Breckland"}, {kNorwich, "Norwich"}, {kSouthNorfolk, "South Norfolk"}};
}

// Norwich: the sample case, with an appeal upheld.
AsbCase norwich_review() {
    AsbCase c = action_plan_case();
    c.appeal = Appeal{};
    c.appeal->lodged_on = day("2022-07-20");
    c.appeal->outcome = AppealOutcome::upheld;
    c.appeal->decided_on = day("2022-08-01");
    return c;
}

// Norwich: threshold not met; letter A late (due Monday 10 October), letter B in time; an
// appeal not upheld.
AsbCase norwich_not_met() {
    AsbCase c = received_case();
    c.reference = "ASB-2022-0002";
    c.received = day("2022-10-03");
    for (auto& k : c.complaints) {
        k.behaviour_date = day("2022-09-01");
        k.reported_date = day("2022-09-02");
    }
    c.threshold = ThresholdOutcome::not_met;
    c.threshold_reasons = "Reported more than a month after the behaviour";
    c.letters = {sent(LetterKind::a, "2022-10-12"), sent(LetterKind::b, "2022-10-14")};
    c.appeal = Appeal{};
    c.appeal->against = AppealAgainst::threshold_decision;
    c.appeal->lodged_on = day("2022-10-20");
    c.appeal->outcome = AppealOutcome::not_upheld;
    c.appeal->decided_on = day("2022-11-01");
    return c;
}

// Breckland: received on 1 March 2023 and nothing done since.
AsbCase breckland_untouched() {
    AsbCase c = received_case();
    c.reference = "ASB-2023-0003";
    c.district_code = kBreckland;
    c.received = day("2023-03-01");
    return c;
}

// Breckland: received on 31 March 2022, the financial year before.
AsbCase breckland_last_year() {
    AsbCase c = breckland_untouched();
    c.reference = "ASB-2022-0000";
    c.received = day("2022-03-31");
    for (auto& k : c.complaints) {
        k.behaviour_date = day("2022-03-01");
        k.reported_date = day("2022-03-02");
    }
    return c;
}

// Breckland: a review below the threshold, stalled: one agency's information and the initial
// review never came, the panel is set for after the day asked.
AsbCase breckland_stalled_review() {
    AsbCase c = received_case();
    c.reference = "ASB-2022-0004";
    c.district_code = kBreckland;
    c.received = day("2022-11-01");
    c.letters = {sent(LetterKind::a, "2022-11-02"), sent(LetterKind::c_i, "2022-11-10")};
    c.threshold = ThresholdOutcome::review_below_threshold;
    c.review_grounds = {ReviewGround::harm};
    c.lead_agency_id = kPolice;
    c.lead_agency_appointed_on = day("2022-11-11");
    c.information_requested_on = day("2022-11-11");
    c.information_returns = {{kNorwichCouncil, day("2022-11-14")}, {kClarion, std::nullopt}};
    c.panel_date = day("2023-07-01");
    return c;
}

std::vector<AsbCase> cases() {
    return {norwich_review(), norwich_not_met(), breckland_untouched(), breckland_last_year(),
            breckland_stalled_review()};
}

const CalendarDate kToday = CalendarDate::of(2023, 6, 1);

std::vector<CaseReviewFigures> figures(const std::vector<AsbCase>& cs,
                                       const StatisticsPeriod& period) {
    return case_review_figures(cs, period, districts(), {kNorfolk, "Norfolk"}, {},
                               england_and_wales(), kToday);
}

ClockTimeliness t(int met, int missed, int overdue) {
    return ClockTimeliness{met, missed, overdue};
}

}  // namespace

TEST(CaseReviewStatistics, FinancialYears) {
    StatisticsPeriod y = financial_year(2025);
    EXPECT_EQ(y.label, "2025-26");
    EXPECT_EQ(y.start, day("2025-04-01"));
    EXPECT_EQ(y.end, day("2026-03-31"));
    EXPECT_EQ(financial_year(1999).label, "1999-00");
    EXPECT_EQ(financial_year(2009).label, "2009-10");
}

TEST(CaseReviewStatistics, FinancialQuarters) {
    const char* expected[][3] = {{"2023-24 Q1", "2023-04-01", "2023-06-30"},
                                 {"2023-24 Q2", "2023-07-01", "2023-09-30"},
                                 {"2023-24 Q3", "2023-10-01", "2023-12-31"},
                                 {"2023-24 Q4", "2024-01-01", "2024-03-31"}};
    for (int q = 1; q <= 4; ++q) {
        StatisticsPeriod p = financial_quarter(2023, q);
        EXPECT_EQ(p.label, expected[q - 1][0]);
        EXPECT_EQ(to_string(p.start), expected[q - 1][1]);
        EXPECT_EQ(to_string(p.end), expected[q - 1][2]);
    }
    EXPECT_EQ(financial_quarter(2022, 4).end, day("2023-03-31"));
    EXPECT_THROW(financial_quarter(2023, 0), std::invalid_argument);
    EXPECT_THROW(financial_quarter(2023, 5), std::invalid_argument);
}

TEST(CaseReviewStatistics, CountsPerDistrictAndCounty) {
    auto rows = figures(cases(), financial_year(2022));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].area_code, kBreckland);
    EXPECT_EQ(rows[1].area_name, "Norwich");
    EXPECT_EQ(rows[2].area_name, "South Norfolk");
    EXPECT_EQ(rows[3].area_code, kNorfolk);
    EXPECT_EQ(rows[3].area_name, "Norfolk");

    const auto& breckland = rows[0];
    EXPECT_EQ(breckland.applications, 2);  // not the one received in March 2022
    EXPECT_EQ(breckland.undecided, 1);
    EXPECT_EQ(breckland.review_below_threshold, 1);
    EXPECT_EQ(breckland.threshold_met, 0);
    EXPECT_EQ(breckland.reviews_held, 0);  // the panel is after the day asked
    EXPECT_EQ(breckland.appeals, 0);

    const auto& norwich = rows[1];
    EXPECT_EQ(norwich.applications, 2);
    EXPECT_EQ(norwich.threshold_met, 1);
    EXPECT_EQ(norwich.threshold_not_met, 1);
    EXPECT_EQ(norwich.undecided, 0);
    EXPECT_EQ(norwich.reviews_held, 1);
    EXPECT_EQ(norwich.reviews_with_recommendations, 1);
    EXPECT_EQ(norwich.appeals, 2);
    EXPECT_EQ(norwich.appeals_upheld, 1);
    EXPECT_EQ(norwich.appeals_not_upheld, 1);
    EXPECT_EQ(norwich.appeals_undecided, 0);

    const auto& south = rows[2];
    EXPECT_EQ(south.applications, 0);
    EXPECT_EQ(south.timeliness.size(), 6u);  // every clock but the appeal window, all zero
    for (const auto& [clock, tl] : south.timeliness) {
        EXPECT_EQ(tl, ClockTimeliness{}) << to_string(clock);
    }

    const auto& county = rows[3];
    EXPECT_EQ(county.applications, 4);
    EXPECT_EQ(county.threshold_met + county.threshold_not_met + county.review_below_threshold +
                  county.undecided,
              4);
    EXPECT_EQ(county.reviews_held, 1);
    EXPECT_EQ(county.appeals, 2);
}

TEST(CaseReviewStatistics, TimelinessMetMissedOverdue) {
    auto rows = figures(cases(), financial_year(2022));
    const auto& norwich = rows[1].timeliness;
    EXPECT_EQ(norwich.at(CaseClock::acknowledgement), t(1, 1, 0));  // 12 Oct, due 10 Oct
    EXPECT_EQ(norwich.at(CaseClock::threshold_decision), t(2, 0, 0));
    EXPECT_EQ(norwich.at(CaseClock::case_information), t(1, 0, 0));
    EXPECT_EQ(norwich.at(CaseClock::initial_review), t(1, 0, 0));
    EXPECT_EQ(norwich.at(CaseClock::outcome_letter), t(1, 0, 0));
    EXPECT_EQ(norwich.at(CaseClock::whole_review), t(1, 0, 0));  // no clock for letter B's case
    EXPECT_EQ(norwich.count(CaseClock::appeal), 0u);

    const auto& breckland = rows[0].timeliness;
    EXPECT_EQ(breckland.at(CaseClock::acknowledgement), t(1, 0, 1));
    EXPECT_EQ(breckland.at(CaseClock::threshold_decision), t(1, 0, 1));
    EXPECT_EQ(breckland.at(CaseClock::case_information), t(0, 0, 1));  // one agency never replied
    EXPECT_EQ(breckland.at(CaseClock::initial_review), t(0, 0, 1));
    EXPECT_EQ(breckland.at(CaseClock::outcome_letter), t(0, 0, 0));  // the panel is still to come
    EXPECT_EQ(breckland.at(CaseClock::whole_review), t(0, 0, 1));    // due 13 December 2022

    const auto& county = rows[3].timeliness;
    EXPECT_EQ(county.at(CaseClock::acknowledgement), t(2, 1, 1));
    EXPECT_EQ(county.at(CaseClock::whole_review), t(1, 0, 1));
}

TEST(CaseReviewStatistics, EachApplicationInTheQuarterItWasReceived) {
    auto q1 = figures(cases(), financial_quarter(2022, 1));  // April-June 2022
    EXPECT_EQ(q1[1].applications, 1);
    EXPECT_EQ(q1[0].applications, 0);
    auto q3 = figures(cases(), financial_quarter(2022, 3));  // October-December 2022
    EXPECT_EQ(q3[1].applications, 1);
    EXPECT_EQ(q3[0].applications, 1);
    EXPECT_EQ(q3[3].applications, 2);
    auto q4 = figures(cases(), financial_quarter(2022, 4));
    EXPECT_EQ(q4[0].applications, 1);
    EXPECT_EQ(q4[0].undecided, 1);
    auto last_year = figures(cases(), financial_year(2021));
    EXPECT_EQ(last_year[0].applications, 1);  // 31 March 2022
    EXPECT_EQ(last_year[3].applications, 1);
    int by_quarter = 0;
    for (int q = 1; q <= 4; ++q)
        by_quarter += figures(cases(), financial_quarter(2022, q))[3].applications;
    EXPECT_EQ(by_quarter, figures(cases(), financial_year(2022))[3].applications);
}

TEST(CaseReviewStatistics, AnonymisationKeepsEveryFigure) {
    std::vector<AsbCase> cs = cases();
    for (auto& c : cs) c.closed_on = c.received;  // closed, so that they can be anonymised
    cs[0].closed_on = day("2022-08-05");
    cs[1].closed_on = day("2022-11-10");
    const CalendarDate later = CalendarDate::of(2029, 12, 1);
    std::vector<AsbCase> anon;
    for (const auto& c : cs) {
        ASSERT_TRUE(due_for_anonymisation(c, later, 72)) << c.reference;
        anon.push_back(anonymised(c, later));
        EXPECT_EQ(anon.back().victim.name, "[removed]");
    }
    for (auto period : {financial_year(2021), financial_year(2022), financial_quarter(2022, 1),
                        financial_quarter(2022, 3), financial_quarter(2022, 4)}) {
        auto before = figures(cs, period);
        auto after = figures(anon, period);
        EXPECT_EQ(after, before) << period.label;
    }
    // Anonymised without being closed first (a role without personal data sees the same).
    std::vector<AsbCase> hidden;
    for (const auto& c : cases()) hidden.push_back(without_personal_data(c));
    EXPECT_EQ(figures(hidden, financial_year(2022)), figures(cases(), financial_year(2022)));
}
