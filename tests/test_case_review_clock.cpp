// The ASB Case Review clocks over Christmas/New Year and Easter, with the dates worked out by hand
// from the England and Wales bank holidays shipped in data/bank-holidays (the ones that matter
// here: 25-26 Dec 2024, 1 Jan 2025, Good Friday 18 Apr 2025, Easter Monday 21 Apr 2025, 5 May
// 2025, 26 May 2025, 25-26 Dec 2025, 1 Jan 2026); the appeal window counted both ways; the clocks
// of a case and their states; the settings' checks.
#include <gtest/gtest.h>

#include <stdexcept>

#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/case_review_clock.hpp"
#include "scrutineer/case_review_settings.hpp"
#include "test_support.hpp"

using namespace scrutineer;

namespace {

CalendarDate date(const char* text) {
    auto d = parse_date(text);
    if (!d) throw std::invalid_argument(text);
    return *d;
}

const BankHolidays& shipped() {
    static const BankHolidays h =
        read_bank_holidays_file(test::data_dir() + "/bank-holidays/england-and-wales.json");
    return h;
}

CaseReviewTimeline timeline(const char* received, const char* panel = nullptr,
                            const char* letter = nullptr, CaseReviewClockRules rules = {}) {
    std::optional<CalendarDate> p, l;
    if (panel) p = date(panel);
    if (letter) l = date(letter);
    return case_review_timeline(date(received), p, l, rules, shipped());
}

CaseLetter letter(LetterKind kind, const char* dated) {
    CaseLetter l;
    l.kind = kind;
    l.dated = date(dated);
    return l;
}

const ClockReading* find(const std::vector<ClockReading>& clocks, CaseClock which) {
    for (const auto& r : clocks)
        if (r.clock == which) return &r;
    return nullptr;
}

}  // namespace

TEST(CaseReviewTimeline, ReceivedFridayBeforeChristmas2024) {
    // Received Fri 20 Dec 2024. Working days: Mon 23 (1), Tue 24 (2), [Wed 25, Thu 26 Christmas
    // and Boxing Day], Fri 27 (3), Mon 30 (4), Tue 31 (5) -> acknowledgement Tue 31 Dec 2024;
    // [Wed 1 Jan New Year's Day], Thu 2 (6), Fri 3 (7), Mon 6 (8), Tue 7 (9), Wed 8 (10) ->
    // threshold decision Wed 8 Jan 2025; Thu 9 .. Fri 31 Jan are 11..27, Mon 3 Feb (28), Tue 4
    // (29), Wed 5 (30) -> review expected by Wed 5 Feb 2025.
    auto t = timeline("2024-12-20");
    EXPECT_EQ(to_string(t.acknowledgement_due.due), "2024-12-31");
    EXPECT_EQ(to_string(t.threshold_decision_due.due), "2025-01-08");
    EXPECT_EQ(to_string(t.review_expected_by.due), "2025-02-05");
    EXPECT_EQ(t.acknowledgement_due.skipped.size(), 2u);
    EXPECT_EQ(t.threshold_decision_due.skipped.size(), 3u);
    EXPECT_EQ(t.acknowledgement_due.counting, Counting::working_days_after);
    EXPECT_EQ(t.review_expected_by.count, 30);
    EXPECT_FALSE(t.outcome_letter_due);
    EXPECT_FALSE(t.appeal_by);
    EXPECT_EQ(workings(t.acknowledgement_due),
              "5 working days from Fri 20 Dec 2024, skipping 25\u201326 Dec: Tue 31 Dec 2024");
}

TEST(CaseReviewTimeline, ReceivedTuesdayBeforeChristmas2025) {
    // Received Tue 23 Dec 2025: Wed 24 (1), [Thu 25, Fri 26], Mon 29 (2), Tue 30 (3), Wed 31 (4),
    // [Thu 1 Jan], Fri 2 (5) -> acknowledgement Fri 2 Jan 2026; Mon 5 (6) .. Fri 9 (10) ->
    // threshold decision Fri 9 Jan 2026; Mon 12 .. Fri 30 Jan are 11..25, Mon 2 Feb (26) .. Fri 6
    // (30) -> review expected by Fri 6 Feb 2026.
    auto t = timeline("2025-12-23");
    EXPECT_EQ(to_string(t.acknowledgement_due.due), "2026-01-02");
    EXPECT_EQ(to_string(t.threshold_decision_due.due), "2026-01-09");
    EXPECT_EQ(to_string(t.review_expected_by.due), "2026-02-06");
}

TEST(CaseReviewTimeline, ReceivedThursdayBeforeEaster2025) {
    // Received Thu 17 Apr 2025: [Fri 18 Good Friday, Mon 21 Easter Monday], Tue 22 (1), Wed 23
    // (2), Thu 24 (3), Fri 25 (4), Mon 28 (5) -> acknowledgement Mon 28 Apr 2025; Tue 29 (6),
    // Wed 30 (7), Thu 1 May (8), Fri 2 (9), [Mon 5 May early May bank holiday], Tue 6 (10) ->
    // threshold decision Tue 6 May 2025; Wed 7 .. Fri 23 May are 11..23, [Mon 26 May spring bank
    // holiday], Tue 27 (24) .. Fri 30 (27), Mon 2 Jun (28), Tue 3 (29), Wed 4 (30) -> review
    // expected by Wed 4 Jun 2025.
    auto t = timeline("2025-04-17");
    EXPECT_EQ(to_string(t.acknowledgement_due.due), "2025-04-28");
    EXPECT_EQ(to_string(t.threshold_decision_due.due), "2025-05-06");
    EXPECT_EQ(to_string(t.review_expected_by.due), "2025-06-04");
    EXPECT_EQ(t.review_expected_by.skipped.size(), 4u);
}

TEST(CaseReviewTimeline, OutcomeLetterTenWorkingDaysAfterThePanel) {
    // Panel Thu 18 Dec 2025: Fri 19 (1), Mon 22 (2), Tue 23 (3), Wed 24 (4), [25, 26 Dec], Mon
    // 29 (5), Tue 30 (6), Wed 31 (7), [1 Jan], Fri 2 (8), Mon 5 (9), Tue 6 Jan 2026 (10).
    auto christmas = timeline("2025-11-20", "2025-12-18");
    ASSERT_TRUE(christmas.outcome_letter_due);
    EXPECT_EQ(to_string(christmas.outcome_letter_due->due), "2026-01-06");
    EXPECT_EQ(christmas.outcome_letter_due->from, date("2025-12-18"));
    // Panel Wed 16 Apr 2025: Thu 17 (1), [Fri 18, Mon 21 Easter], Tue 22 (2) .. Fri 25 (5),
    // Mon 28 (6), Tue 29 (7), Wed 30 (8), Thu 1 May (9), Fri 2 May 2025 (10).
    auto easter = timeline("2025-03-20", "2025-04-16");
    ASSERT_TRUE(easter.outcome_letter_due);
    EXPECT_EQ(to_string(easter.outcome_letter_due->due), "2025-05-02");
}

TEST(CaseReviewTimeline, AppealWindowCountedEitherWay) {
    // Letter E dated Fri 12 Dec 2025. As the letters say, 21 days: 12 + 21 = 33 Dec = Fri 2 Jan
    // 2026 (holidays make no difference to calendar days).
    auto days = timeline("2025-11-03", nullptr, "2025-12-12");
    ASSERT_TRUE(days.appeal_by);
    EXPECT_EQ(to_string(days.appeal_by->due), "2026-01-02");
    EXPECT_EQ(days.appeal_by->counting, Counting::days_after);
    EXPECT_FALSE(days.outcome_letter_due);
    // As the FAQ says, 21 working days: Mon 15 (1) .. Fri 19 (5), Mon 22 (6), Tue 23 (7), Wed 24
    // (8), [25, 26 Dec], Mon 29 (9), Tue 30 (10), Wed 31 (11), [1 Jan], Fri 2 (12), Mon 5 (13) ..
    // Fri 9 (17), Mon 12 (18), Tue 13 (19), Wed 14 (20), Thu 15 Jan 2026 (21).
    CaseReviewClockRules faq;
    faq.appeal_counting = Counting::working_days_after;
    auto working = timeline("2025-11-03", nullptr, "2025-12-12", faq);
    ASSERT_TRUE(working.appeal_by);
    EXPECT_EQ(to_string(working.appeal_by->due), "2026-01-15");

    // Over Easter: letter dated Thu 10 Apr 2025. Days: 10 + 21 = 1 May 2025. Working days: Fri
    // 11 (1), Mon 14 .. Thu 17 (2-5), [18, 21 Apr], Tue 22 .. Fri 25 (6-9), Mon 28 .. Fri 2 May
    // (10-14), [Mon 5 May], Tue 6 .. Fri 9 (15-18), Mon 12 (19), Tue 13 (20), Wed 14 May (21).
    EXPECT_EQ(to_string(timeline("2025-03-03", nullptr, "2025-04-10").appeal_by->due),
              "2025-05-01");
    EXPECT_EQ(to_string(timeline("2025-03-03", nullptr, "2025-04-10", faq).appeal_by->due),
              "2025-05-14");
}

TEST(CaseReviewTimeline, TheRulesAreTheAreas) {
    CaseReviewClockRules r;
    r.acknowledgement = 3;
    r.whole_review = 20;
    // Received Fri 20 Dec 2024: Mon 23 (1), Tue 24 (2), Fri 27 (3).
    auto t = timeline("2024-12-20", nullptr, nullptr, r);
    EXPECT_EQ(to_string(t.acknowledgement_due.due), "2024-12-27");
    // 20: as above, Wed 8 Jan is 10, Thu 9 .. Wed 22 Jan (20).
    EXPECT_EQ(to_string(t.review_expected_by.due), "2025-01-22");

    // With a list of its own (here no holidays at all) the clock uses that list.
    auto none =
        case_review_timeline(date("2024-12-20"), std::nullopt, std::nullopt, {}, BankHolidays{});
    EXPECT_EQ(to_string(none.acknowledgement_due.due), "2024-12-27");
    EXPECT_TRUE(none.acknowledgement_due.beyond_known_holidays);
    BankHolidays one({BankHoliday{date("2024-12-23"), "Invented day"}});
    auto invented = case_review_timeline(date("2024-12-20"), std::nullopt, std::nullopt, {}, one);
    EXPECT_EQ(to_string(invented.acknowledgement_due.due), "2024-12-30");
}

TEST(CaseClocks, NamesAndLabels) {
    for (CaseClock c : kCaseClocks) {
        EXPECT_EQ(parse_case_clock(to_string(c)), c);
        EXPECT_STRNE(label(c), "");
    }
    EXPECT_STREQ(to_string(CaseClock::threshold_decision), "threshold_decision");
    EXPECT_STREQ(label(CaseClock::acknowledgement), "Acknowledgement (letter A)");
    EXPECT_EQ(parse_case_clock("appeal_window"), std::nullopt);
    EXPECT_STREQ(to_string(ClockState::overdue), "overdue");
    EXPECT_STREQ(label(ClockState::missed), "Missed");
}

TEST(CaseClocks, JustReceivedHasTheFirstTwoClocks) {
    AsbCase c;
    c.received = date("2025-12-23");
    auto clocks = case_clocks(c, {}, shipped());
    ASSERT_EQ(clocks.size(), 2u);
    EXPECT_EQ(clocks[0].clock, CaseClock::acknowledgement);
    EXPECT_EQ(to_string(clocks[0].deadline.due), "2026-01-02");
    EXPECT_FALSE(clocks[0].done_on);
    EXPECT_EQ(clocks[1].clock, CaseClock::threshold_decision);
    EXPECT_EQ(to_string(clocks[1].deadline.due), "2026-01-09");
    // Due up to and including the due date, overdue the day after.
    EXPECT_EQ(state_on(clocks[0], date("2026-01-02")), ClockState::due);
    EXPECT_EQ(state_on(clocks[0], date("2026-01-03")), ClockState::overdue);
}

TEST(CaseClocks, EveryStepOfAReviewOverNewYear) {
    AsbCase c;
    c.received = date("2025-12-23");  // Tue
    c.threshold = ThresholdOutcome::met;
    c.letters = {letter(LetterKind::a, "2026-01-02"), letter(LetterKind::c_ii, "2026-01-12")};
    // Agencies asked on Mon 12 Jan 2026: 5 working days, Mon 19 Jan.
    c.information_requested_on = date("2026-01-12");
    c.information_returns = {InformationReturn{1, date("2026-01-14")},
                             InformationReturn{2, std::nullopt}};
    // Lead agency appointed Mon 12 Jan: 10 working days, Tue 13 (1) .. Fri 23 (9), Mon 26 (10).
    c.lead_agency_appointed_on = date("2026-01-12");

    auto clocks = case_clocks(c, {}, shipped());
    ASSERT_EQ(clocks.size(), 5u);  // no panel yet, nothing to appeal
    EXPECT_EQ(clocks[0].clock, CaseClock::acknowledgement);
    EXPECT_EQ(clocks[0].done_on, date("2026-01-02"));
    EXPECT_EQ(state_on(clocks[0], date("2026-03-01")), ClockState::met);
    EXPECT_EQ(clocks[1].clock, CaseClock::threshold_decision);
    EXPECT_EQ(clocks[1].done_on, date("2026-01-12"));  // due Fri 9 Jan
    EXPECT_EQ(state_on(clocks[1], date("2026-01-12")), ClockState::missed);

    const ClockReading* info = find(clocks, CaseClock::case_information);
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(to_string(info->deadline.due), "2026-01-19");
    EXPECT_FALSE(info->done_on);  // one agency has not returned
    EXPECT_EQ(state_on(*info, date("2026-01-20")), ClockState::overdue);

    const ClockReading* initial = find(clocks, CaseClock::initial_review);
    ASSERT_NE(initial, nullptr);
    EXPECT_EQ(to_string(initial->deadline.due), "2026-01-26");
    EXPECT_EQ(state_on(*initial, date("2026-01-26")), ClockState::due);
    EXPECT_EQ(state_on(*initial, date("2026-01-27")), ClockState::overdue);

    // A review is held, so the whole review's clock runs from receipt: Fri 6 Feb 2026.
    const ClockReading* whole = find(clocks, CaseClock::whole_review);
    ASSERT_NE(whole, nullptr);
    EXPECT_EQ(to_string(whole->deadline.due), "2026-02-06");
    EXPECT_EQ(find(clocks, CaseClock::outcome_letter), nullptr);
    EXPECT_EQ(find(clocks, CaseClock::appeal), nullptr);  // C(ii) cannot be appealed

    // The last agency returns on Tue 20 Jan (late); the initial review arrives on Mon 26 Jan;
    // the panel meets on Mon 2 Feb and letter E goes on Tue 10 Feb.
    c.information_returns[1].returned_on = date("2026-01-20");
    c.initial_review_received_on = date("2026-01-26");
    c.panel_date = date("2026-02-02");
    c.panel_outcome = PanelOutcome::action_plan;
    c.letters.push_back(letter(LetterKind::e, "2026-02-10"));
    clocks = case_clocks(c, {}, shipped());
    ASSERT_EQ(clocks.size(), 7u);
    for (size_t i = 0; i < clocks.size(); ++i) {
        EXPECT_EQ(clocks[i].clock, kCaseClocks[i]);  // in kCaseClocks order
    }
    info = find(clocks, CaseClock::case_information);
    EXPECT_EQ(info->done_on, date("2026-01-20"));
    EXPECT_EQ(state_on(*info, date("2026-03-01")), ClockState::missed);
    EXPECT_EQ(state_on(*find(clocks, CaseClock::initial_review), date("2026-03-01")),
              ClockState::met);
    // Outcome letter: 10 working days after Mon 2 Feb is Mon 16 Feb; sent Tue 10 Feb.
    const ClockReading* outcome = find(clocks, CaseClock::outcome_letter);
    EXPECT_EQ(to_string(outcome->deadline.due), "2026-02-16");
    EXPECT_EQ(outcome->done_on, date("2026-02-10"));
    EXPECT_EQ(state_on(*outcome, date("2026-03-01")), ClockState::met);
    // The whole review took longer than 30 working days (due Fri 6 Feb).
    whole = find(clocks, CaseClock::whole_review);
    EXPECT_EQ(whole->done_on, date("2026-02-10"));
    EXPECT_EQ(state_on(*whole, date("2026-03-01")), ClockState::missed);

    // Appeal against letter E (Tue 10 Feb 2026): 21 days after, Tue 3 Mar 2026.
    const ClockReading* appeal = find(clocks, CaseClock::appeal);
    ASSERT_NE(appeal, nullptr);
    EXPECT_EQ(appeal->deadline.from, date("2026-02-10"));
    EXPECT_EQ(to_string(appeal->deadline.due), "2026-03-03");
    EXPECT_FALSE(appeal->done_on);
    EXPECT_EQ(state_on(*appeal, date("2026-03-03")), ClockState::due);
    // The window closes without an appeal: not overdue, not missed.
    EXPECT_EQ(state_on(*appeal, date("2026-03-04")), ClockState::met);

    // 21 working days (no holidays in Feb-Mar 2026): Wed 11 Feb (1) .. Wed 11 Mar (21).
    CaseReviewClockRules faq;
    faq.appeal_counting = Counting::working_days_after;
    auto working = case_clocks(c, faq, shipped());
    EXPECT_EQ(to_string(find(working, CaseClock::appeal)->deadline.due), "2026-03-11");

    // An appeal lodged on the last day is in time; the day after it is out of time.
    Appeal lodged;
    lodged.lodged_on = date("2026-03-03");
    c.appeal = lodged;
    appeal = find(clocks = case_clocks(c, {}, shipped()), CaseClock::appeal);
    EXPECT_EQ(appeal->done_on, date("2026-03-03"));
    EXPECT_EQ(state_on(*appeal, date("2026-04-01")), ClockState::met);
    c.appeal->lodged_on = date("2026-03-04");
    appeal = find(clocks = case_clocks(c, {}, shipped()), CaseClock::appeal);
    EXPECT_EQ(state_on(*appeal, date("2026-04-01")), ClockState::missed);
    EXPECT_EQ(state_on(*find(working = case_clocks(c, faq, shipped()), CaseClock::appeal),
                       date("2026-04-01")),
              ClockState::met);
}

TEST(CaseClocks, ThresholdNotMetHasNoReviewClocksButAnAppeal) {
    // Received Thu 17 Apr 2025 (Easter): letter A on Mon 28 Apr (the last day), letter B on Wed
    // 7 May (due Tue 6 May). Letter B can be appealed: 21 days after Wed 7 May, Wed 28 May.
    AsbCase c;
    c.received = date("2025-04-17");
    c.threshold = ThresholdOutcome::not_met;
    c.letters = {letter(LetterKind::a, "2025-04-28"), letter(LetterKind::b, "2025-05-07")};
    auto clocks = case_clocks(c, {}, shipped());
    ASSERT_EQ(clocks.size(), 3u);
    EXPECT_EQ(state_on(clocks[0], date("2025-06-01")), ClockState::met);
    EXPECT_EQ(clocks[1].done_on, date("2025-05-07"));
    EXPECT_EQ(state_on(clocks[1], date("2025-06-01")), ClockState::missed);
    EXPECT_EQ(clocks[2].clock, CaseClock::appeal);
    EXPECT_EQ(to_string(clocks[2].deadline.due), "2025-05-28");
    EXPECT_EQ(find(clocks, CaseClock::whole_review), nullptr);

    // A review triggered below the threshold (letter C(i)) runs the whole review's clock.
    c.threshold = ThresholdOutcome::review_below_threshold;
    c.letters = {letter(LetterKind::a, "2025-04-28"), letter(LetterKind::c_i, "2025-05-06")};
    clocks = case_clocks(c, {}, shipped());
    const ClockReading* whole = find(clocks, CaseClock::whole_review);
    ASSERT_NE(whole, nullptr);
    EXPECT_EQ(to_string(whole->deadline.due), "2025-06-04");
    EXPECT_EQ(find(clocks, CaseClock::appeal), nullptr);
    EXPECT_EQ(state_on(clocks[1], date("2025-06-01")), ClockState::met);
}

TEST(CaseClocks, InformationWithNoAgencyListedIsNotDone) {
    AsbCase c;
    c.received = date("2025-04-17");
    c.information_requested_on = date("2025-04-22");
    auto clocks = case_clocks(c, {}, shipped());
    const ClockReading* info = find(clocks, CaseClock::case_information);
    ASSERT_NE(info, nullptr);
    EXPECT_FALSE(info->done_on);
    // Tue 22 Apr 2025 + 5 working days: Wed 23 .. Fri 25 (3), Mon 28 (4), Tue 29 (5).
    EXPECT_EQ(to_string(info->deadline.due), "2025-04-29");
}

TEST(CaseReviewSettings, Problems) {
    CaseReviewSettings s;
    EXPECT_EQ(settings_problem(s), std::nullopt);
    EXPECT_EQ(s.retention_months, 72);
    EXPECT_EQ(s.clocks.appeal_counting, Counting::days_after);
    s.clocks.appeal_counting = Counting::working_days_after;
    EXPECT_EQ(settings_problem(s), std::nullopt);
    s.clocks.appeal_counting = Counting::days_beginning_with;
    EXPECT_NE(settings_problem(s), std::nullopt);

    s = {};
    s.threshold.min_qualifying = 4;
    EXPECT_EQ(settings_problem(s), rules_problem(s.threshold));
    s = {};
    s.clocks.whole_review = 0;
    EXPECT_EQ(settings_problem(s), "the whole review clock must be 1 to 100 days, not 0");
    s.clocks.whole_review = 100;
    EXPECT_EQ(settings_problem(s), std::nullopt);
    s.clocks.appeal = 101;
    EXPECT_EQ(settings_problem(s), "the appeal clock must be 1 to 100 days, not 101");
    s = {};
    s.retention_months = 0;
    EXPECT_EQ(settings_problem(s), "the retention period must be 1 to 600 months, not 0");
    s.retention_months = 600;
    EXPECT_EQ(settings_problem(s), std::nullopt);
    s.retention_months = 601;
    EXPECT_NE(settings_problem(s), std::nullopt);
}
