// The shipped bank holidays (data/bank-holidays/england-and-wales.json) were written without
// network access, so they are proved here: the regular England and Wales holidays of every year
// are regenerated from their rules, and the file must be exactly those plus the one-off holidays
// less the days they moved. And the reader's errors name the file and the field.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/input_error.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using std::chrono::days;
using std::chrono::sys_days;

namespace {

CalendarDate date(const char* text) {
    return *parse_date(text);
}

CalendarDate plus(CalendarDate d, int n) {
    return CalendarDate{std::chrono::year_month_day{sys_days{d.ymd} + days{n}}};
}

std::chrono::weekday weekday_of(CalendarDate d) {
    return std::chrono::weekday{sys_days{d.ymd}};
}

bool weekend(CalendarDate d) {
    return weekday_of(d) == std::chrono::Saturday || weekday_of(d) == std::chrono::Sunday;
}

// Easter Sunday by Knuth's form of the Gregorian computus (The Art of Computer Programming,
// vol. 1, 1.3.2 exercise 14): golden number, century, corrections, epact, full moon, Sunday.
CalendarDate easter_sunday(int year) {
    int g = year % 19 + 1;
    int c = year / 100 + 1;
    int x = 3 * c / 4 - 12;
    int z = (8 * c + 5) / 25 - 5;
    int d = 5 * year / 4 - x - 10;
    int e = (11 * g + 20 + z - x) % 30;
    if ((e == 25 && g > 11) || e == 24) ++e;
    int n = 44 - e;
    if (n < 21) n += 30;
    n = n + 7 - (d + n) % 7;
    return n > 31 ? CalendarDate::of(year, 4, static_cast<unsigned>(n - 31))
                  : CalendarDate::of(year, 3, static_cast<unsigned>(n));
}

CalendarDate first_monday(int year, unsigned month) {
    CalendarDate d = CalendarDate::of(year, month, 1);
    while (weekday_of(d) != std::chrono::Monday) d = plus(d, 1);
    return d;
}

CalendarDate last_monday(int year, unsigned month) {
    CalendarDate d = last_day_of(Month::of(year, static_cast<int>(month)));
    while (weekday_of(d) != std::chrono::Monday) d = plus(d, -1);
    return d;
}

// The regular holidays of a year, by date with their GOV.UK titles. New Year's Day at a weekend
// moves to the Monday after; Christmas Day and Boxing Day at a weekend move to the next weekdays
// that are not already holidays (a Boxing Day on a Monday stays, and Christmas Day moves to the
// Tuesday).
std::map<CalendarDate, std::string> regular_holidays(int year) {
    std::map<CalendarDate, std::string> out;
    CalendarDate new_year = CalendarDate::of(year, 1, 1);
    while (weekend(new_year)) new_year = plus(new_year, 1);
    out[new_year] = "New Year\u2019s Day";
    CalendarDate easter = easter_sunday(year);
    out[plus(easter, -2)] = "Good Friday";
    out[plus(easter, 1)] = "Easter Monday";
    out[first_monday(year, 5)] = "Early May bank holiday";
    out[last_monday(year, 5)] = "Spring bank holiday";
    out[last_monday(year, 8)] = "Summer bank holiday";
    std::vector<std::pair<CalendarDate, std::string>> fixed = {
        {CalendarDate::of(year, 12, 25), "Christmas Day"},
        {CalendarDate::of(year, 12, 26), "Boxing Day"}};
    for (const auto& [d, title] : fixed)
        if (!weekend(d)) out[d] = title;
    for (const auto& [d, title] : fixed) {
        if (!weekend(d)) continue;
        CalendarDate s = plus(d, 1);
        while (weekend(s) || out.count(s)) s = plus(s, 1);
        out[s] = title;
    }
    return out;
}

const std::string kFile = "england-and-wales.json";

std::string event(const std::string& date, const std::string& title) {
    return R"({"title": ")" + title + R"(", "date": ")" + date +
           R"(", "notes": "", "bunting": true})";
}

std::string feed(const std::vector<std::string>& events) {
    std::string list;
    for (const auto& e : events) list += (list.empty() ? "" : ", ") + e;
    return R"({"england-and-wales": {"division": "england-and-wales", "events": [)" + list + "]}}";
}

// The message of the InputError the text raises, or "" when it raises none.
std::string error_of(const std::string& text) {
    try {
        parse_bank_holidays(text, kFile);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(BankHolidaysData, TheComputusGivesThePublishedEasterSundays) {
    const std::map<int, std::string> published = {
        {2015, "2015-04-05"}, {2016, "2016-03-27"}, {2017, "2017-04-16"}, {2018, "2018-04-01"},
        {2019, "2019-04-21"}, {2020, "2020-04-12"}, {2021, "2021-04-04"}, {2022, "2022-04-17"},
        {2023, "2023-04-09"}, {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
        {2027, "2027-03-28"}, {2038, "2038-04-25"}, {2008, "2008-03-23"}};
    for (const auto& [year, sunday] : published) EXPECT_EQ(to_string(easter_sunday(year)), sunday);
}

TEST(BankHolidaysData, TheShippedFileIsTheRulesPlusTheOneOffs) {
    BankHolidays file =
        read_bank_holidays_file(test::data_dir() + "/bank-holidays/england-and-wales.json");
    std::map<CalendarDate, std::string> expected;
    for (int year = 2015; year <= 2027; ++year) expected.merge(regular_holidays(year));
    // Days moved by a one-off holiday, and the one-offs themselves (GOV.UK's titles).
    for (const char* moved : {"2020-05-04", "2022-05-30"}) {
        ASSERT_TRUE(expected.count(date(moved))) << moved;
        expected.erase(date(moved));
    }
    const std::map<std::string, std::string> one_offs = {
        {"2020-05-08", "Early May bank holiday (VE day)"},
        {"2022-06-02", "Spring bank holiday"},
        {"2022-06-03", "Platinum Jubilee bank holiday"},
        {"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
        {"2023-05-08", "Bank holiday for the coronation of King Charles III"}};
    for (const auto& [d, title] : one_offs) {
        ASSERT_FALSE(expected.count(date(d.c_str()))) << d;
        expected[date(d.c_str())] = title;
    }
    std::map<CalendarDate, std::string> actual;
    for (const auto& h : file.list()) actual[h.date] = h.title;
    for (const auto& [d, title] : expected) {
        EXPECT_EQ(actual.count(d), 1u) << "missing from the file: " << to_string(d) << " " << title;
        if (actual.count(d)) {
            EXPECT_EQ(actual[d], title) << to_string(d);
        }
    }
    for (const auto& [d, title] : actual) {
        EXPECT_EQ(expected.count(d), 1u)
            << "in the file but not expected: " << to_string(d) << " " << title;
    }
    EXPECT_EQ(file.list().size(), 107u);
    EXPECT_EQ(*file.first_year(), 2015);
    EXPECT_EQ(*file.last_year(), 2027);
    // Every holiday is on a weekday (substitute days included).
    for (const auto& h : file.list()) {
        EXPECT_FALSE(weekend(h.date)) << to_string(h.date);
    }
}

TEST(BankHolidaysData, SubstituteDaysFollowTheWeekendRule) {
    auto y2021 = regular_holidays(2021);  // Christmas on Saturday, Boxing Day on Sunday
    EXPECT_EQ(y2021[date("2021-12-27")], "Christmas Day");
    EXPECT_EQ(y2021[date("2021-12-28")], "Boxing Day");
    auto y2022 = regular_holidays(2022);  // New Year on Saturday; Christmas on Sunday
    EXPECT_EQ(y2022[date("2022-01-03")], "New Year\u2019s Day");
    EXPECT_EQ(y2022[date("2022-12-26")], "Boxing Day");
    EXPECT_EQ(y2022[date("2022-12-27")], "Christmas Day");
    auto y2015 = regular_holidays(2015);  // Boxing Day on Saturday
    EXPECT_EQ(y2015[date("2015-12-28")], "Boxing Day");
}

TEST(BankHolidaysFile, ReadsTheGovUkFeedWithItsOtherDivisions) {
    std::string text = R"({"england-and-wales": {"division": "england-and-wales", "events": [)" +
                       event("2023-04-10", "Easter Monday") + ", " +
                       event("2023-04-07", "Good Friday") +
                       R"(]}, "scotland": {"division": "scotland", "events": [)" +
                       event("2023-01-02", "2nd January") + "]}}";
    BankHolidays h = parse_bank_holidays(text, kFile);
    ASSERT_EQ(h.list().size(), 2u);
    EXPECT_EQ(to_string(h.list()[0].date), "2023-04-07");  // sorted
    EXPECT_EQ(h.list()[0].title, "Good Friday");
    EXPECT_FALSE(h.is_holiday(date("2023-01-02")));  // Scotland's is not read
}

TEST(BankHolidaysFile, ErrorsNameTheFileTheEventAndTheField) {
    EXPECT_EQ(error_of(feed({event("2023-04-07", "Good Friday"), event("2023-02-30", "Bad")})),
              "england-and-wales.json: field 'england-and-wales.events[1].date': '2023-02-30' is "
              "not a date (YYYY-MM-DD)");
    EXPECT_EQ(error_of(feed({R"({"date": "2023-04-07"})"})),
              "england-and-wales.json: field 'england-and-wales.events[0].title': is missing, "
              "empty or not text");
    EXPECT_EQ(error_of(feed({event("2023-04-07", "")})),
              "england-and-wales.json: field 'england-and-wales.events[0].title': is missing, "
              "empty or not text");
    EXPECT_EQ(error_of(feed({event("2023-04-07", "Good Friday"), event("2023-04-10", "Easter"),
                             event("2023-04-07", "Again")})),
              "england-and-wales.json: field 'england-and-wales.events[2].date': 2023-04-07 is "
              "given twice (also events[0])");
    EXPECT_EQ(error_of(feed({R"({"title": "No date"})"})),
              "england-and-wales.json: field 'england-and-wales.events[0].date': is missing or "
              "not text");
    EXPECT_EQ(error_of(R"({"scotland": {"division": "scotland", "events": []}})"),
              "england-and-wales.json: field 'england-and-wales': is missing: the file must have "
              "the England and Wales division, as GOV.UK's bank-holidays.json does");
    EXPECT_EQ(error_of(R"({"england-and-wales": {"division": "scotland", "events": []}})"),
              "england-and-wales.json: field 'england-and-wales.division': is \"scotland\", not "
              "\"england-and-wales\"");
    EXPECT_EQ(error_of(R"({"england-and-wales": {"events": {}}})"),
              "england-and-wales.json: field 'england-and-wales.events': is missing or not a list");
    EXPECT_EQ(error_of(feed({})),
              "england-and-wales.json: field 'england-and-wales.events': has no bank holidays");
    EXPECT_NE(error_of("{not json").find("england-and-wales.json: not valid JSON"),
              std::string::npos);
    EXPECT_EQ(error_of(feed({event("2023-04-07", "Good Friday")})), "");
}

TEST(BankHolidaysFile, AMissingFileIsNamed) {
    try {
        read_bank_holidays_file("/no/such/bank-holidays.json");
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "/no/such/bank-holidays.json: cannot open the file");
    }
}
