// `scrutineer asb check`, `asb timeline` and `asb anonymise` as a user runs them: the exact keys
// of their JSON, the dates, the settings and bank holidays of a database, and bad input named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/migrations.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::run_scrutineer;

namespace {

std::vector<std::string> keys_of(const std::string& out) {
    std::vector<std::string> keys;
    const auto j = nlohmann::ordered_json::parse(out);
    for (const auto& [key, value] : j.items()) {
        (void)value;
        keys.push_back(key);
    }
    return keys;
}

std::unique_ptr<store::Database> database(const std::string& path) {
    auto db = store::open_database(path);
    store::migrate(*db);
    return db;
}

const char* kApplication = R"json({
  "application_date": "2024-08-29",
  "complaints": [
    {"incident": "i1", "reporter": "victim", "behaviour_date": "2024-01-31",
     "reported_date": "2024-02-29", "reported_to": "police"},
    {"incident": "i1", "behaviour_date": "2024-01-31", "reported_date": "2024-03-01",
     "reported_to": "Norwich City Council"},
    {"incident": "i2", "behaviour_date": "2024-03-10", "reported_date": "2024-04-10",
     "reported_to": "Clarion Housing"}
  ]
})json";

}  // namespace

TEST(AsbCheckCli, PrintsTheDecisionExactly) {
    test::TempDir tmp;
    auto r = run_scrutineer("asb check '" + tmp.write("a.json", kApplication) + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out,
              R"j({"threshold_met":false,"qualifying":2,"rule":"not met: 2 qualifying )j"
              R"j(complaints, 3 needed","complaints":[{"incident":"i1","qualifies":true,)j"
              R"j("reason":"reported on 2024-02-29, within one month of the behaviour on )j"
              R"j(2024-01-31 (by 2024-02-29); application on 2024-08-29 within six months of )j"
              R"j(the report (by 2024-08-29)"},{"incident":"i1","qualifies":false,"reason":)j"
              R"j("does not qualify: reported on 2024-03-01, more than one month after the )j"
              R"j(behaviour on 2024-01-31 (by 2024-02-29); application on 2024-08-29 within )j"
              R"j(six months of the report (by 2024-09-01)"},{"incident":"i2","qualifies":)j"
              R"j(true,"reason":"reported on 2024-04-10, within one month of the behaviour )j"
              R"j(on 2024-03-10 (by 2024-04-10); application on 2024-08-29 within six months )j"
              R"j(of the report (by 2024-10-10)"}]})j"
              "\n");
    EXPECT_EQ(keys_of(r.out),
              (std::vector<std::string>{"threshold_met", "qualifying", "rule", "complaints"}));
}

TEST(AsbCheckCli, MetAndTheRulesGiven) {
    test::TempDir tmp;
    // Three incidents: met under Norfolk's rules.
    auto met = run_scrutineer("asb check '" + tmp.write("met.json", R"json({
      "application_date": "2024-06-20",
      "complaints": [
        {"incident": "a", "behaviour_date": "2024-05-01", "reported_date": "2024-05-01"},
        {"incident": "b", "behaviour_date": "2024-05-08", "reported_date": "2024-05-09"},
        {"incident": "c", "behaviour_date": "2024-05-15", "reported_date": "2024-06-15"}]})json") +
                              "'");
    EXPECT_EQ(met.exit_code, 0) << met.err;
    auto j = nlohmann::json::parse(met.out);
    EXPECT_EQ(j["threshold_met"], true);
    EXPECT_EQ(j["qualifying"], 3);
    EXPECT_EQ(j["rule"], "at least 3 qualifying complaints (3)");

    // One incident reported by five people: met only with the alternative rule.
    std::string five = R"json({"application_date": "2024-06-20", "complaints": [)json";
    for (const char* who : {"A", "B", "C", "D", "E"})
        five += std::string(who == std::string("A") ? "" : ",") +
                R"json({"incident": "noise", "reporter": ")json" + who +
                R"json(", "behaviour_date": "2024-06-01", "reported_date": "2024-06-02"})json";
    five += "]";
    auto norfolk = run_scrutineer("asb check '" + tmp.write("n.json", five + "}") + "'");
    EXPECT_EQ(norfolk.exit_code, 0) << norfolk.err;
    EXPECT_EQ(nlohmann::json::parse(norfolk.out)["threshold_met"], false);
    auto alt = run_scrutineer(
        "asb check '" +
        tmp.write("alt.json",
                  five + R"json(, "rules": {"min_qualifying": 3, "alt_min_reporters": 5}})json") +
        "'");
    EXPECT_EQ(alt.exit_code, 0) << alt.err;
    auto ja = nlohmann::json::parse(alt.out);
    EXPECT_EQ(ja["threshold_met"], true);
    EXPECT_EQ(ja["qualifying"], 1);
    EXPECT_EQ(ja["rule"], "at least 5 different people reported the problem (5)");
    auto nulled = run_scrutineer(
        "asb check '" +
        tmp.write("null.json", five + R"json(, "rules": {"alt_min_reporters": null}})json") + "'");
    EXPECT_EQ(nlohmann::json::parse(nulled.out)["threshold_met"], false);
}

TEST(AsbCheckCli, BadInputNamesTheFieldAndExitsNonZero) {
    test::TempDir tmp;
    struct Case {
        std::string json, message;
    };
    std::string ok = R"json({"incident": "a", "behaviour_date": "2024-05-01",
                             "reported_date": "2024-05-01"})json";
    for (const Case& c : std::vector<Case>{
             {R"json({"application_date": "2024-06-20", "complaints": [)json" + ok + "," + ok +
                  R"json(, {"incident": "c", "behaviour_date": "2024-02-01",
                     "reported_date": "2024-02-30"}]})json",
              "field 'complaints[2].reported_date': '2024-02-30' is not a date (YYYY-MM-DD)"},
             {R"json({"application_date": "2024-06-20", "complaints": [{"incident": "c",
                  "behaviour_date": "2024-05-10", "reported_date": "2024-05-09"}]})json",
              "field 'complaints[0].reported_date': reported on 2024-05-09, before the behaviour "
              "on 2024-05-10"},
             {R"json({"application_date": "2024-06-20", "complaints": [{"incident": "c",
                  "behaviour_date": "2024-07-10", "reported_date": "2024-07-10"}]})json",
              "field 'complaints[0].behaviour_date': the behaviour on 2024-07-10 is after the "
              "application on 2024-06-20"},
             {R"json({"application_date": "2024-06-20", "complaints": [{"incident": "c",
                  "behaviour_date": "2024-05-10", "reported_date": "2024-05-09",
                  "reportedto": "police"}]})json",
              "field 'complaints[0].reportedto': is not a field this file may have"},
             {R"json({"application_date": "2024-06-20", "complaints": [], "rule": {}})json",
              "field 'rule': is not a field this file may have"},
             {R"json({"application_date": "2024-06-20", "complaints": [],
                  "rules": {"min_qualifying": 4}})json",
              "field 'rules': the qualifying complaints needed must be 1 to 3"},
             {R"json({"application_date": "2024-06-20", "complaints": [],
                  "rules": {"alt_min_reporters": "five"}})json",
              "field 'rules.alt_min_reporters': is not a whole number"},
             {R"json({"complaints": []})json", "field 'application_date': is missing"},
             {R"json({"application_date": "2024-06-20"})json", "field 'complaints': is missing"},
             {R"json({"application_date": "2024-06-20", "complaints": [{"incident": "",
                  "behaviour_date": "2024-05-10", "reported_date": "2024-05-10"}]})json",
              "field 'complaints[0].incident': is empty"},
             {"{", "not valid JSON"},
         }) {
        std::string file = tmp.write("bad.json", c.json);
        auto r = run_scrutineer("asb check '" + file + "'");
        EXPECT_EQ(r.exit_code, 2) << c.json;
        EXPECT_EQ(r.out, "") << c.json;
        EXPECT_NE(r.err.find("error: " + file + ": "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
        EXPECT_EQ(r.err.find("Nothing was imported"), std::string::npos) << r.err;
    }
    auto missing = run_scrutineer("asb check /nonexistent/application.json");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("cannot open the file"), std::string::npos) << missing.err;
}

TEST(AsbTimelineCli, ExactKeysAndDates) {
    // Received Fri 20 Dec 2024 (see test_case_review_clock.cpp for the workings).
    auto r = run_scrutineer("asb timeline --received 2024-12-20");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, R"({"acknowledgement_due":"2024-12-31","threshold_decision_due":"2025-01-08",)"
                     R"("review_expected_by":"2025-02-05"})"
                     "\n");
    // Panel Thu 18 Dec 2025 -> Tue 6 Jan 2026; letter Fri 12 Dec 2025 + 21 days -> Fri 2 Jan.
    auto all = run_scrutineer(
        "asb timeline --received 2025-11-03 --panel 2025-12-18 --outcome-letter 2025-12-12");
    EXPECT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(keys_of(all.out),
              (std::vector<std::string>{"acknowledgement_due", "threshold_decision_due",
                                        "review_expected_by", "outcome_letter_due", "appeal_by"}));
    auto j = nlohmann::json::parse(all.out);
    EXPECT_EQ(j["outcome_letter_due"], "2026-01-06");
    EXPECT_EQ(j["appeal_by"], "2026-01-02");
    EXPECT_EQ(keys_of(run_scrutineer("asb timeline --received 2025-11-03 --panel 2025-12-18").out),
              (std::vector<std::string>{"acknowledgement_due", "threshold_decision_due",
                                        "review_expected_by", "outcome_letter_due"}));
    EXPECT_EQ(
        keys_of(
            run_scrutineer("asb timeline --received 2025-11-03 --outcome-letter 2025-12-12").out),
        (std::vector<std::string>{"acknowledgement_due", "threshold_decision_due",
                                  "review_expected_by", "appeal_by"}));
}

TEST(AsbTimelineCli, WorkingsOnlyWhenAsked) {
    auto r = run_scrutineer("asb timeline --received 2025-04-17 --workings");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["acknowledgement_due"], "2025-04-28");
    EXPECT_EQ(j["acknowledgement_due_workings"],
              "5 working days from Thu 17 Apr 2025, skipping 18 Apr and 21 Apr: Mon 28 Apr 2025");
    EXPECT_EQ(j["threshold_decision_due"], "2025-05-06");
    EXPECT_EQ(j.size(), 6u);
}

TEST(AsbTimelineCli, TheDatabasesSettingsAndBankHolidays) {
    test::TempDir tmp;
    std::string path = (tmp.path / "t.db").string();
    {
        auto db = database(path);
        store::save_case_review_setting(*db, "appeal_counting", "working_days_after");
    }
    // No bank holidays stored: the shipped ones. Appeal in working days, as the FAQ says:
    // Fri 12 Dec 2025 + 21 working days = Thu 15 Jan 2026.
    auto faq = run_scrutineer(
        "asb timeline --received 2025-11-03 --outcome-letter 2025-12-12 "
        "--database '" +
        path + "'");
    EXPECT_EQ(faq.exit_code, 0) << faq.err;
    auto j = nlohmann::json::parse(faq.out);
    EXPECT_EQ(j["appeal_by"], "2026-01-15");
    EXPECT_EQ(j["acknowledgement_due"], "2025-11-10");

    // A stored list is used instead of the shipped one: with only an invented holiday on Mon 23
    // Dec 2024 (no Christmas), Tue 24 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4), Mon 30 Dec (5).
    {
        auto db = database(path);
        store::import_bank_holidays(
            *db, BankHolidays({BankHoliday{CalendarDate::of(2024, 12, 23), "Invented day"}}),
            "test", "test");
    }
    auto stored = run_scrutineer("asb timeline --received 2024-12-20 --database '" + path + "'");
    EXPECT_EQ(stored.exit_code, 0) << stored.err;
    EXPECT_EQ(nlohmann::json::parse(stored.out)["acknowledgement_due"], "2024-12-30");
}

TEST(AsbTimelineCli, BadDatesAreNamed) {
    struct Case {
        std::string args, message;
    };
    for (const Case& c : std::vector<Case>{
             {"asb timeline", "error: asb timeline: give --received YYYY-MM-DD\n"},
             {"asb timeline --received 2025-02-29",
              "error: --received: '2025-02-29' is not a date (YYYY-MM-DD)\n"},
             {"asb timeline --received 2025-02-20 --panel 20/03/2025",
              "error: --panel: '20/03/2025' is not a date (YYYY-MM-DD)\n"},
             {"asb timeline --received 2025-02-20 --panel 2025-02-19",
              "error: --panel: 2025-02-19 is before --received 2025-02-20\n"},
             {"asb timeline --received 2025-02-20 --outcome-letter 2025-13-01",
              "error: --outcome-letter: '2025-13-01' is not a date (YYYY-MM-DD)\n"},
         }) {
        auto r = run_scrutineer(c.args);
        EXPECT_EQ(r.exit_code, 2) << c.args;
        EXPECT_EQ(r.out, "") << c.args;
        EXPECT_EQ(r.err, c.message) << c.args;
    }
}

TEST(AsbAnonymiseCli, AnonymisesCasesPastTheRetentionPeriod) {
    test::TempDir tmp;
    std::string path = (tmp.path / "a.db").string();
    {
        auto db = database(path);
        store::load_case_review_file(*db, test::data_dir() + "/demo/case-reviews.json");
    }
    // The demo's ASB-2020-0001 closed on 20 Mar 2020: kept for 72 months, to 20 Mar 2026.
    auto before = run_scrutineer("asb anonymise --today 2026-03-19 --database '" + path + "'");
    EXPECT_EQ(before.exit_code, 0) << before.err;
    EXPECT_EQ(before.out, "");
    EXPECT_EQ(before.err,
              "Anonymised 0 cases: closed at least 72 months before 2026-03-19 (the retention "
              "period).\n");
    auto on = run_scrutineer("asb anonymise --today 2026-03-20 --database '" + path + "'");
    EXPECT_EQ(on.exit_code, 0) << on.err;
    EXPECT_EQ(on.out, "ASB-2020-0001\n");
    {
        auto db = database(path);
        auto c = store::load_case_by_reference(*db, "ASB-2020-0001", Role::administrator);
        ASSERT_TRUE(c);
        EXPECT_EQ(c->anonymised_on, CalendarDate::of(2026, 3, 20));
    }
    // Done once: the second run finds nothing.
    EXPECT_EQ(run_scrutineer("asb anonymise --today 2026-03-21 --database '" + path + "'").out, "");
    auto bad = run_scrutineer("asb anonymise --today tomorrow --database '" + path + "'");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err, "error: --today: 'tomorrow' is not a date (YYYY-MM-DD)\n");
}
