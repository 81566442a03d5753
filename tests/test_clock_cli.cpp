// `scrutineer clock` and `scrutineer holidays` as a user runs them.
#include <gtest/gtest.h>

#include "test_support.hpp"

using namespace scrutineer;
using test::run_scrutineer;

TEST(ClockCli, PrintsTheDueDateExactly) {
    auto christmas = run_scrutineer("clock --from 2022-12-20 --working-days 10");
    EXPECT_EQ(christmas.exit_code, 0) << christmas.err;
    EXPECT_EQ(christmas.out, "2023-01-06\n");
    EXPECT_EQ(christmas.err, "");
    EXPECT_EQ(run_scrutineer("clock --from 2023-04-06 --working-days 1").out, "2023-04-11\n");
    EXPECT_EQ(run_scrutineer("clock --from 2019-10-24 --days 56 --beginning-with").out,
              "2019-12-18\n");
    EXPECT_EQ(run_scrutineer("clock --from 2019-10-24 --days 56").out, "2019-12-19\n");
    EXPECT_EQ(run_scrutineer("clock --from 2023-01-07 --working-days 0").out, "2023-01-07\n");
}

TEST(ClockCli, ExplainAddsTheWorkings) {
    auto r = run_scrutineer("clock --from 2022-12-20 --working-days 10 --explain");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "2023-01-06\n10 working days from Tue 20 Dec 2022, skipping 26\u201327 Dec and 2 "
              "Jan: Fri 6 Jan 2023\n");
    EXPECT_EQ(run_scrutineer("clock --from 2019-10-24 --days 56 --beginning-with --explain").out,
              "2019-12-18\n56 days beginning with Thu 24 Oct 2019 (day 1): Wed 18 Dec 2019\n");
}

TEST(ClockCli, AnotherHolidaysFile) {
    test::TempDir tmp;
    std::string file = tmp.write(
        "h.json",
        R"({"england-and-wales": {"division": "england-and-wales", "events": [)"
        R"({"title": "Invented day", "date": "2022-12-21", "notes": "", "bunting": false}]}})");
    auto r = run_scrutineer("clock --from 2022-12-20 --working-days 1 --explain --holidays '" +
                            file + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "2022-12-22\n1 working day from Tue 20 Dec 2022, skipping 21 Dec: Thu 22 Dec 2022\n");
}

TEST(ClockCli, BadInputIsACleanErrorWithExitCode2) {
    struct Case {
        std::string args, message;
    };
    for (const Case& c : std::vector<Case>{
             {"clock --from 2023-02-29 --days 3",
              "error: --from: '2023-02-29' is not a date (YYYY-MM-DD)\n"},
             {"clock --from 20/12/2022 --days 3",
              "error: --from: '20/12/2022' is not a date (YYYY-MM-DD)\n"},
             {"clock --days 3", "error: clock: give --from YYYY-MM-DD\n"},
             {"clock --from 2022-12-20",
              "error: clock: give one of --working-days N or --days N\n"},
             {"clock --from 2022-12-20 --days 3 --working-days 3",
              "error: clock: give one of --working-days N or --days N\n"},
             {"clock --from 2022-12-20 --working-days 3 --beginning-with",
              "error: clock: --beginning-with goes with --days\n"},
             {"clock --from 2022-12-20 --days=-1",
              "error: --days: the number of days must be 0 or more, not -1\n"},
             {"clock --from 2022-12-20 --working-days ten",
              "error: --working-days: 'ten' is not a whole number of days\n"},
             {"clock --from 2022-12-20 --days 0 --beginning-with",
              "error: --days: the number of days must be 1 or more when the first day counts as "
              "day 1, not 0\n"},
             {"clock --from 2022-12-20 --working-days 1 --holidays /no/such.json",
              "error: --holidays: /no/such.json: cannot open the file\n"},
         }) {
        auto r = run_scrutineer(c.args);
        EXPECT_EQ(r.exit_code, 2) << c.args;
        EXPECT_EQ(r.out, "") << c.args;
        EXPECT_EQ(r.err, c.message) << c.args;
    }
}

TEST(HolidaysCli, ImportAndList) {
    test::TempDir tmp;
    std::string db = (tmp.path / "h.db").string();
    // Without a database: the shipped file.
    auto shipped = run_scrutineer("holidays list --year 2022");
    EXPECT_EQ(shipped.exit_code, 0) << shipped.err;
    EXPECT_EQ(shipped.out,
              "date,title\n"
              "2022-01-03,New Year\u2019s Day\n"
              "2022-04-15,Good Friday\n"
              "2022-04-18,Easter Monday\n"
              "2022-05-02,Early May bank holiday\n"
              "2022-06-02,Spring bank holiday\n"
              "2022-06-03,Platinum Jubilee bank holiday\n"
              "2022-08-29,Summer bank holiday\n"
              "2022-09-19,Bank Holiday for the State Funeral of Queen Elizabeth II\n"
              "2022-12-26,Boxing Day\n"
              "2022-12-27,Christmas Day\n");
    // An empty database has none.
    EXPECT_EQ(run_scrutineer("holidays list --database '" + db + "'").out, "date,title\n");
    std::string file = tmp.write(
        "bank-holidays.json",
        R"({"england-and-wales": {"division": "england-and-wales", "events": [)"
        R"({"title": "Good Friday", "date": "2023-04-07", "notes": "", "bunting": false},)"
        R"({"title": "Easter Monday, and more", "date": "2023-04-10"}]}})");
    auto imported = run_scrutineer("holidays import '" + file + "' --database '" + db + "'");
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.err.find("2 bank holidays (2023 to 2023) replace the 0 stored (none)"),
              std::string::npos)
        << imported.err;
    EXPECT_EQ(run_scrutineer("holidays list --database '" + db + "'").out,
              "date,title\n2023-04-07,Good Friday\n2023-04-10,\"Easter Monday, and more\"\n");
    // A bad file: named, exit 2, nothing changed.
    std::string bad = tmp.write(
        "bad.json", R"({"england-and-wales": {"division": "england-and-wales", "events": [)"
                    R"({"title": "Good Friday", "date": "2023-04-07"}, {"date": "2023-04-10"}]}})");
    auto refused = run_scrutineer("holidays import '" + bad + "' --database '" + db + "'");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("bad.json: field 'england-and-wales.events[1].title': is missing"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(run_scrutineer("holidays list --database '" + db + "' --year 2023").out,
              "date,title\n2023-04-07,Good Friday\n2023-04-10,\"Easter Monday, and more\"\n");
}
