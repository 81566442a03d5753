// The rolling programme: every priority reviewed in depth within a year, two at a time; never
// reviewed first, then longest ago; placed priorities count; warnings name the day a priority
// goes over a year unreviewed.
#include <gtest/gtest.h>

#include <map>

#include "scrutineer/rolling_programme.hpp"
#include "scrutineer/within_a_year.hpp"

using namespace scrutineer;

namespace {

CalendarDate d(const char* s) {
    return *parse_date(s);
}

std::vector<Priority> priorities(int n) {
    std::vector<Priority> out;
    for (int i = 1; i <= n; ++i) {
        Priority p;
        p.id = 100 + i;
        p.plan_id = 1;
        p.number = i;
        p.title = "Priority title " + std::to_string(i);
        out.push_back(p);
    }
    return out;
}

// Quarterly meetings from `first`, ids 1, 2, ...
std::vector<ScheduledMeeting> quarterly(CalendarDate first, int count) {
    std::vector<ScheduledMeeting> out;
    int y = first.year();
    unsigned m = first.month();
    for (int i = 0; i < count; ++i) {
        out.push_back({i + 1, CalendarDate::of(y, m, first.day()), {}});
        m += 3;
        if (m > 12) {
            m -= 12;
            ++y;
        }
    }
    return out;
}

}  // namespace

TEST(WithinAYear, SameDayNextYearAndTwentyNinthFebruary) {
    EXPECT_EQ(within_a_year_of(d("2022-06-09")), d("2023-06-09"));
    EXPECT_EQ(over_a_year_on(d("2022-06-09")), d("2023-06-10"));
    EXPECT_EQ(within_a_year_of(d("2024-02-29")), d("2025-02-28"));
    EXPECT_EQ(over_a_year_on(d("2024-02-29")), d("2025-03-01"));
    EXPECT_EQ(within_a_year_of(d("2023-03-01")), d("2024-03-01"));  // spans 29 Feb: 366 days
    EXPECT_EQ(add_days(d("2023-12-31"), 1), d("2024-01-01"));
}

TEST(RollingProgramme, FivePrioritiesFourMeetingsAYearAreEachCoveredWithinAYear) {
    auto ps = priorities(5);
    auto next = quarterly(d("2022-06-09"), 12);  // three years of quarterly meetings
    auto rp = rolling_programme(ps, {}, next, d("2022-06-01"));
    ASSERT_EQ(rp.meetings.size(), 12u);
    std::map<int64_t, std::vector<CalendarDate>> reviewed;
    for (const auto& m : rp.meetings) {
        EXPECT_TRUE(m.placed.empty());
        ASSERT_EQ(m.proposed.size(), 2u);  // two at a time
        EXPECT_NE(m.proposed[0], m.proposed[1]);
        for (int64_t id : m.proposed) reviewed[id].push_back(m.date);
    }
    ASSERT_EQ(reviewed.size(), 5u);
    for (const auto& [id, dates] : reviewed) {
        // The first review within a year of the start, and each next within a year of the last.
        EXPECT_LE(dates.front(), within_a_year_of(rp.start)) << id;
        for (size_t i = 1; i < dates.size(); ++i) {
            EXPECT_LE(dates[i], within_a_year_of(dates[i - 1])) << id;
        }
    }
    EXPECT_TRUE(rp.warnings.empty());
    // In order: 1 and 2, 3 and 4, then 5 with 1 (reviewed longest ago).
    EXPECT_EQ(rp.meetings[0].proposed, (std::vector<int64_t>{101, 102}));
    EXPECT_EQ(rp.meetings[1].proposed, (std::vector<int64_t>{103, 104}));
    EXPECT_EQ(rp.meetings[2].proposed, (std::vector<int64_t>{105, 101}));
}

TEST(RollingProgramme, NeverReviewedFirstThenLongestAgo) {
    auto ps = priorities(4);
    std::vector<InDepthReview> held = {
        {101, d("2022-06-09"), 1}, {102, d("2022-06-09"), 1}, {103, d("2022-09-28"), 2}};
    auto rp = rolling_programme(ps, held, quarterly(d("2022-12-08"), 2), d("2022-12-01"));
    // 104 was never reviewed: first. Then 101 (June, lower number than 102, same day).
    EXPECT_EQ(rp.meetings[0].proposed, (std::vector<int64_t>{104, 101}));
    // Then 102 (June) and 103 (September).
    EXPECT_EQ(rp.meetings[1].proposed, (std::vector<int64_t>{102, 103}));
    ASSERT_EQ(rp.priorities.size(), 4u);
    EXPECT_EQ(rp.priorities[0].last_reviewed, d("2022-06-09"));
    EXPECT_EQ(rp.priorities[0].last_meeting_id, 1);
    EXPECT_EQ(rp.priorities[0].due_by, d("2023-06-09"));
    EXPECT_EQ(rp.priorities[0].next_review, d("2022-12-08"));
    EXPECT_TRUE(rp.priorities[0].next_is_proposal);
    EXPECT_FALSE(rp.priorities[3].last_reviewed.has_value());
    EXPECT_EQ(rp.start, d("2022-06-09"));  // the first in-depth review
    EXPECT_EQ(rp.priorities[3].due_by, d("2023-06-09"));
}

TEST(RollingProgramme, APlacedPriorityCountsAsPlaced) {
    auto ps = priorities(4);
    auto next = quarterly(d("2022-06-09"), 3);
    next[0].placed = {103};  // one place left at the first meeting
    next[2].placed = {101};  // 101 is placed at the third: not proposed before it
    auto rp = rolling_programme(ps, {}, next, d("2022-06-01"));
    EXPECT_EQ(rp.meetings[0].placed, (std::vector<int64_t>{103}));
    EXPECT_EQ(rp.meetings[0].proposed, (std::vector<int64_t>{102}));
    // 104 never reviewed; then 102 and 103 both placed or proposed on 9 June: by number.
    EXPECT_EQ(rp.meetings[1].proposed, (std::vector<int64_t>{104, 102}));
    EXPECT_EQ(rp.meetings[2].placed, (std::vector<int64_t>{101}));
    EXPECT_EQ(rp.meetings[2].proposed, (std::vector<int64_t>{103}));
    EXPECT_FALSE(rp.priorities[0].next_is_proposal);
    EXPECT_EQ(rp.priorities[0].next_meeting_id, 3);
}

TEST(RollingProgramme, WarnsNamingTheDayAPriorityGoesOverAYear) {
    auto ps = priorities(2);
    std::vector<InDepthReview> held = {{101, d("2022-06-09"), 1}, {102, d("2023-03-01"), 2}};
    // The next meeting is after 101's year is up.
    std::vector<ScheduledMeeting> next = {{3, d("2023-06-20"), {}}};
    auto rp = rolling_programme(ps, held, next, d("2023-05-01"));
    ASSERT_EQ(rp.warnings.size(), 1u);
    EXPECT_EQ(rp.warnings[0].priority_id, 101);
    EXPECT_EQ(rp.warnings[0].over_on, d("2023-06-10"));
    EXPECT_FALSE(rp.warnings[0].already_over);
    EXPECT_NE(rp.warnings[0].message.find("would go over a year unreviewed on 10 June 2023"),
              std::string::npos)
        << rp.warnings[0].message;
    EXPECT_NE(rp.warnings[0].message.find("last reviewed in depth on 9 June 2022"),
              std::string::npos);
    EXPECT_NE(rp.warnings[0].message.find("proposed for 20 June 2023"), std::string::npos);

    // On the day itself it has gone over.
    auto later = rolling_programme(ps, held, {}, d("2023-06-10"));
    ASSERT_EQ(later.warnings.size(), 1u);
    EXPECT_TRUE(later.warnings[0].already_over);
    EXPECT_NE(later.warnings[0].message.find("went over"), std::string::npos);
    // The day before, with no meetings to come, it has not.
    EXPECT_TRUE(rolling_programme(ps, held, {}, d("2023-06-09")).warnings.empty());
}

TEST(RollingProgramme, WarnsWhenNoScheduledMeetingReviewsAPriorityInTime) {
    auto ps = priorities(6);
    // One meeting a year cannot cover six priorities two at a time.
    std::vector<ScheduledMeeting> next = {
        {1, d("2022-06-09"), {}}, {2, d("2023-06-01"), {}}, {3, d("2024-05-30"), {}}};
    auto rp = rolling_programme(ps, {}, next, d("2022-06-01"), d("2022-06-01"));
    EXPECT_EQ(rp.start, d("2022-06-01"));
    // 105 and 106 are proposed only at the third meeting, after 1 June 2023.
    bool found = false;
    for (const auto& w : rp.warnings)
        if (w.priority_id == 105) {
            found = true;
            EXPECT_EQ(w.over_on, d("2023-06-02"));
            EXPECT_NE(w.message.find("not reviewed in depth since the rolling programme started "
                                     "on 1 June 2022"),
                      std::string::npos)
                << w.message;
        }
    EXPECT_TRUE(found);
    // Warnings are by the day each goes over.
    for (size_t i = 1; i < rp.warnings.size(); ++i) {
        EXPECT_LE(rp.warnings[i - 1].over_on, rp.warnings[i].over_on);
    }
}

TEST(RollingProgramme, ReviewsAndNextMeetingsComeFromTheMeetings) {
    Meeting held;
    held.id = 1;
    held.date = d("2022-06-09");
    held.status = MeetingStatus::held;
    AgendaItem a;
    a.title = "Partnership priority: Neighbourhood Crime";
    a.priority_ids = {102};
    AgendaItem plain;
    plain.title = "Forward Work Programme";
    held.items = {plain, a};
    Meeting reserve;
    reserve.id = 2;
    reserve.date = d("2022-10-01");
    reserve.reserve = true;
    Meeting cancelled;
    cancelled.id = 3;
    cancelled.date = d("2022-11-01");
    cancelled.status = MeetingStatus::cancelled;
    Meeting next;
    next.id = 4;
    next.date = d("2022-09-28");
    next.items = {a, a};
    Meeting scheduled_but_past = next;
    scheduled_but_past.id = 5;
    scheduled_but_past.date = d("2022-07-01");
    std::vector<Meeting> all = {next, held, reserve, cancelled, scheduled_but_past};
    auto reviews = in_depth_reviews(all);
    ASSERT_EQ(reviews.size(), 1u);
    EXPECT_EQ(reviews[0].priority_id, 102);
    EXPECT_EQ(reviews[0].meeting_id, 1);
    auto upcoming = next_meetings(all, d("2022-08-01"));
    ASSERT_EQ(upcoming.size(), 1u);
    EXPECT_EQ(upcoming[0].meeting_id, 4);
    EXPECT_EQ(upcoming[0].placed, (std::vector<int64_t>{102}));
}
