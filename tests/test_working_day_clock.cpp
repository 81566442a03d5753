// The clock: working days over Easter, Christmas and the one-off holidays, calendar days after
// and beginning with a day (the s55 case), and the workings as the issue words them.
#include <gtest/gtest.h>

#include <stdexcept>

#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/working_day_clock.hpp"
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

std::vector<std::string> skipped_dates(const Deadline& d) {
    std::vector<std::string> out;
    for (const auto& h : d.skipped) out.push_back(to_string(h.date));
    return out;
}

}  // namespace

TEST(WorkingDayClock, ChristmasAndNewYear2022AsTheIssueWordsIt) {
    Deadline d = working_days_after(date("2022-12-20"), 10, shipped());
    EXPECT_EQ(to_string(d.due), "2023-01-06");
    EXPECT_EQ(skipped_dates(d),
              (std::vector<std::string>{"2022-12-26", "2022-12-27", "2023-01-02"}));
    EXPECT_EQ(d.skipped[1].title, "Christmas Day");
    EXPECT_FALSE(d.beyond_known_holidays);
    EXPECT_EQ(workings(d),
              "10 working days from Tue 20 Dec 2022, skipping 26\u201327 Dec and 2 Jan: Fri 6 Jan "
              "2023");
}

TEST(WorkingDayClock, Easter2023SkipsGoodFridayAndEasterMonday) {
    EXPECT_FALSE(is_working_day(date("2023-04-07"), shipped()));  // Good Friday
    EXPECT_FALSE(is_working_day(date("2023-04-10"), shipped()));  // Easter Monday
    EXPECT_TRUE(is_working_day(date("2023-04-06"), shipped()));
    EXPECT_TRUE(is_working_day(date("2023-04-11"), shipped()));
    Deadline d = working_days_after(date("2023-04-06"), 1, shipped());
    EXPECT_EQ(to_string(d.due), "2023-04-11");
    EXPECT_EQ(skipped_dates(d), (std::vector<std::string>{"2023-04-07", "2023-04-10"}));
    EXPECT_EQ(workings(d),
              "1 working day from Thu 6 Apr 2023, skipping 7 Apr and 10 Apr: Tue 11 Apr 2023");
    // Five working days from the Monday before: Tue, Wed, Thu, then Tue and Wed after Easter.
    EXPECT_EQ(to_string(working_days_after(date("2023-04-03"), 5, shipped()).due), "2023-04-12");
}

TEST(WorkingDayClock, PlatinumJubilee2022MovedTheSpringBankHoliday) {
    EXPECT_TRUE(is_working_day(date("2022-05-30"), shipped()));  // the usual last Monday in May
    EXPECT_FALSE(is_working_day(date("2022-06-02"), shipped()));
    EXPECT_FALSE(is_working_day(date("2022-06-03"), shipped()));
    Deadline d = working_days_after(date("2022-05-27"), 5, shipped());
    // Mon 30 May, Tue 31, Wed 1 Jun, then Thu 2 and Fri 3 are holidays: Mon 6, Tue 7.
    EXPECT_EQ(to_string(d.due), "2022-06-07");
    EXPECT_EQ(workings(d),
              "5 working days from Fri 27 May 2022, skipping 2\u20133 Jun: Tue 7 Jun 2022");
    EXPECT_EQ(d.skipped[1].title, "Platinum Jubilee bank holiday");
}

TEST(WorkingDayClock, OneOffHolidaysCount) {
    // The State Funeral of Queen Elizabeth II, Monday 19 September 2022.
    EXPECT_EQ(to_string(working_days_after(date("2022-09-16"), 1, shipped()).due), "2022-09-20");
    // VE Day 2020 moved the early May bank holiday to Friday 8 May; Monday 4 May was worked.
    EXPECT_TRUE(is_working_day(date("2020-05-04"), shipped()));
    EXPECT_EQ(to_string(working_days_after(date("2020-05-07"), 1, shipped()).due), "2020-05-11");
    // The coronation of King Charles III, Monday 8 May 2023, after the early May holiday on 1 May.
    EXPECT_EQ(to_string(working_days_after(date("2023-04-28"), 6, shipped()).due), "2023-05-10");
}

TEST(WorkingDayClock, AWeekendStartCountsFromTheNextWorkingDay) {
    // Saturday 7 January 2023 is day 0; Monday 9 is the first working day after it.
    EXPECT_EQ(to_string(working_days_after(date("2023-01-07"), 1, shipped()).due), "2023-01-09");
    EXPECT_EQ(to_string(working_days_after(date("2023-01-08"), 5, shipped()).due), "2023-01-13");
    // A bank holiday as day 0 likewise: Easter Monday 2023.
    EXPECT_EQ(to_string(working_days_after(date("2023-04-10"), 1, shipped()).due), "2023-04-11");
}

TEST(WorkingDayClock, ZeroDaysIsTheDayItself) {
    Deadline w = working_days_after(date("2023-01-07"), 0, shipped());  // a Saturday
    EXPECT_EQ(to_string(w.due), "2023-01-07");
    EXPECT_TRUE(w.skipped.empty());
    EXPECT_EQ(workings(w), "0 working days from Sat 7 Jan 2023: Sat 7 Jan 2023");
    EXPECT_EQ(to_string(days_after(date("2022-10-03"), 0).due), "2022-10-03");
}

TEST(WorkingDayClock, NegativeAndOverlargeCountsAreRejected) {
    EXPECT_THROW(working_days_after(date("2023-01-09"), -1, shipped()), std::invalid_argument);
    EXPECT_THROW(days_after(date("2023-01-09"), -1), std::invalid_argument);
    EXPECT_THROW(days_beginning_with(date("2023-01-09"), -1), std::invalid_argument);
    // A period of no days beginning with a day has no last day.
    EXPECT_THROW(days_beginning_with(date("2023-01-09"), 0), std::invalid_argument);
    EXPECT_THROW(days_after(date("2023-01-09"), kMaxDeadlineCount + 1), std::invalid_argument);
    try {
        days_after(date("2023-01-09"), -3);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "the number of days must be 0 or more, not -3");
    }
}

TEST(WorkingDayClock, Section55IsFiftySixDaysBeginningWithPublication) {
    // HMICFRS publishes on Thursday 24 October 2019; the PCC's response is due within 56 days
    // beginning with that day (Police Act 1996 s55): the publication day is day 1.
    Deadline d = days_beginning_with(date("2019-10-24"), 56);
    EXPECT_EQ(to_string(d.due), "2019-12-18");
    EXPECT_EQ(workings(d), "56 days beginning with Thu 24 Oct 2019 (day 1): Wed 18 Dec 2019");
    // "After" the day would be one day later.
    EXPECT_EQ(to_string(days_after(date("2019-10-24"), 56).due), "2019-12-19");
    // One day beginning with a day is that day; the count crosses month and year ends.
    EXPECT_EQ(to_string(days_beginning_with(date("2019-10-24"), 1).due), "2019-10-24");
    EXPECT_EQ(to_string(days_beginning_with(date("2023-12-01"), 56).due), "2024-01-25");
    EXPECT_EQ(to_string(days_beginning_with(date("2024-01-15"), 56).due), "2024-03-10");
}

TEST(WorkingDayClock, DaysAfterWording) {
    Deadline d = days_after(date("2022-10-03"), 21);
    EXPECT_EQ(to_string(d.due), "2022-10-24");
    EXPECT_EQ(workings(d), "21 days after Mon 3 Oct 2022: Mon 24 Oct 2022");
    EXPECT_EQ(workings(days_after(date("2024-02-28"), 1)),
              "1 day after Wed 28 Feb 2024: Thu 29 "
              "Feb 2024");
    // The dispatcher gives the same answers.
    EXPECT_EQ(deadline(Counting::days_after, date("2022-10-03"), 21, shipped()).due, d.due);
    EXPECT_EQ(deadline(Counting::days_beginning_with, date("2019-10-24"), 56, shipped()).due,
              date("2019-12-18"));
    EXPECT_EQ(deadline(Counting::working_days_after, date("2022-12-20"), 10, shipped()).due,
              date("2023-01-06"));
}

TEST(WorkingDayClock, CountsBeyondTheListSaySo) {
    Deadline d = working_days_after(date("2027-12-20"), 10, shipped());
    EXPECT_TRUE(d.beyond_known_holidays);
    EXPECT_EQ(workings(d),
              "10 working days from Mon 20 Dec 2027, skipping 27\u201328 Dec: Wed 5 Jan 2028 "
              "(bank holidays known only to 31 Dec 2027)");
    // Within the list, at its very end: no warning.
    EXPECT_FALSE(working_days_after(date("2027-12-20"), 5, shipped()).beyond_known_holidays);
    // Before its first year.
    Deadline early = working_days_after(date("2014-12-22"), 3, shipped());
    EXPECT_TRUE(early.beyond_known_holidays);
    EXPECT_NE(workings(early).find("(bank holidays known only from 1 Jan 2015)"),
              std::string::npos);
    // No list at all: weekdays only, and said.
    Deadline none = working_days_after(date("2022-12-23"), 1, BankHolidays{});
    EXPECT_EQ(to_string(none.due), "2022-12-26");
    EXPECT_EQ(workings(none),
              "1 working day from Fri 23 Dec 2022: Mon 26 Dec 2022 (no bank holidays known)");
    // Calendar-day counts do not depend on the list.
    EXPECT_FALSE(days_after(date("2030-01-01"), 10).beyond_known_holidays);
}

TEST(WorkingDayClock, LongCountsNameTheYearsOfSkippedHolidays) {
    // 300 working days from 1 Dec 2022 pass two Christmases: each skipped run carries its year.
    Deadline d = working_days_after(date("2022-12-01"), 300, shipped());
    std::string w = workings(d);
    EXPECT_NE(
        w.find("skipping 26\u201327 Dec 2022, 2 Jan 2023, 7 Apr 2023, 10 Apr 2023, 1 May 2023"),
        std::string::npos)
        << w;
    EXPECT_NE(w.find("25\u201326 Dec 2023 and 1 Jan 2024: Mon 12 Feb 2024"), std::string::npos)
        << w;
    // Every day counted was a working day, and every holiday passed over is listed.
    int working = 0;
    std::vector<std::string> holidays_passed;
    for (CalendarDate x = date("2022-12-02"); x <= d.due;
         x = CalendarDate{std::chrono::sys_days{x.ymd} + std::chrono::days{1}}) {
        if (is_working_day(x, shipped())) ++working;
        if (shipped().is_holiday(x)) holidays_passed.push_back(to_string(x));
    }
    EXPECT_EQ(working, 300);
    EXPECT_TRUE(is_working_day(d.due, shipped()));
    EXPECT_EQ(skipped_dates(d), holidays_passed);
    EXPECT_EQ(holidays_passed.size(), 12u);  // 3 at Christmas 2022, 2 at Easter, 3 in May, Aug, 3
}

TEST(BankHolidays, SortedAndOneADay) {
    BankHolidays h({{date("2023-04-10"), "Easter Monday"}, {date("2023-04-07"), "Good Friday"}});
    EXPECT_EQ(to_string(h.list().front().date), "2023-04-07");
    EXPECT_EQ(*h.first_year(), 2023);
    EXPECT_EQ(*h.last_year(), 2023);
    EXPECT_TRUE(h.is_holiday(date("2023-04-10")));
    EXPECT_FALSE(h.is_holiday(date("2023-04-08")));
    EXPECT_EQ(h.find(date("2023-04-07"))->title, "Good Friday");
    EXPECT_THROW(BankHolidays({{date("2023-04-07"), "Good Friday"}, {date("2023-04-07"), "Again"}}),
                 std::invalid_argument);
    EXPECT_FALSE(BankHolidays{}.last_year());
}

TEST(BankHolidays, CountingNamesRoundTrip) {
    for (Counting c :
         {Counting::working_days_after, Counting::days_after, Counting::days_beginning_with})
        EXPECT_EQ(parse_counting(to_string(c)), c);
    EXPECT_FALSE(parse_counting("fortnights"));
}
