// The deadline calculator and the bank holidays pages over real HTTP, on both engines.
#include <gtest/gtest.h>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";

bool has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
}

using test::Browser;

// Uploads `json` as the bank holidays file, with the token of the /bank-holidays page.
HttpResult upload(Browser& b, const std::string& json,
                  const std::string& filename = "bank-holidays.json") {
    return b.upload("/bank-holidays", filename, json, "application/json", "/bank-holidays");
}

std::string feed(const std::string& date, const std::string& title) {
    return R"({"england-and-wales": {"division": "england-and-wales", "events": [{"title": ")" +
           title + R"(", "date": ")" + date + R"(", "notes": "", "bunting": true}]}})";
}

class ClockWebTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        for (auto [name, role] :
             {std::pair{"olivia", Role::officer}, std::pair{"ada", Role::administrator}})
            store::create_user(*db_, name, name, role, kPassword, "test");
    }
    void with_shipped_holidays() {
        store::ensure_bank_holidays(*db_,
                                    test::data_dir() + "/bank-holidays/england-and-wales.json");
    }
    void start() { app_ = std::make_unique<test::RunningApp>(target_); }
    Browser browser() { return Browser{app_->port(), {}}; }
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(ClockWebTest, TheCalculatorShowsTheDueDateAndItsWorkings) {
    with_shipped_holidays();
    start();
    auto form = app_->get("/deadlines");
    ASSERT_EQ(form.status, 200) << form.body;
    EXPECT_TRUE(has(form.body, "Deadline calculator"));
    EXPECT_TRUE(has(form.body, "name=\"from-day\""));
    EXPECT_FALSE(has(form.body, "govuk-error-summary"));
    EXPECT_FALSE(has(form.body, "No bank holidays are stored yet"));

    auto christmas = app_->get(
        "/deadlines?from-day=20&from-month=12&from-year=2022&count=10&counting=working_days_"
        "after");
    ASSERT_EQ(christmas.status, 200) << christmas.body;
    EXPECT_TRUE(has(christmas.body, "id=\"result\">Due Friday 6 January 2023"));
    EXPECT_TRUE(has(christmas.body,
                    "10 working days from Tue 20 Dec 2022, skipping 26\u201327 Dec and 2 Jan: "
                    "Fri 6 Jan 2023"));
    EXPECT_TRUE(has(christmas.body, "Tuesday 27 December 2022: Christmas Day"));
    // The form keeps what was asked.
    EXPECT_TRUE(has(christmas.body, "value=\"20\""));
    EXPECT_TRUE(has(christmas.body,
                    "value=\"working_days_after\" aria-describedby=\"counting-hint\" checked"));

    // The s55 case, asked with a plain YYYY-MM-DD date (as other pages link to it).
    auto s55 = app_->get("/deadlines?from=2019-10-24&count=56&counting=days_beginning_with");
    ASSERT_EQ(s55.status, 200) << s55.body;
    EXPECT_TRUE(has(s55.body, "Due Wednesday 18 December 2019"));
    EXPECT_TRUE(has(s55.body, "56 days beginning with Thu 24 Oct 2019 (day 1): Wed 18 Dec 2019"));

    auto beyond = app_->get("/deadlines?from=2027-12-20&count=10&counting=working_days_after");
    EXPECT_TRUE(has(beyond.body, "(bank holidays known only to 31 Dec 2027)"));
    EXPECT_TRUE(has(beyond.body, "no bank holidays are known"));
}

TEST_P(ClockWebTest, BadInputGetsAnErrorSummaryAnd400) {
    with_shipped_holidays();
    start();
    auto bad_date = app_->get(
        "/deadlines?from-day=30&from-month=2&from-year=2023&count=10&counting=days_after");
    EXPECT_EQ(bad_date.status, 400);
    EXPECT_TRUE(has(bad_date.body, "govuk-error-summary"));
    EXPECT_TRUE(
        has(bad_date.body, "<a href=\"#from-day\">The date to count from must be a real date"));
    EXPECT_TRUE(has(bad_date.body, "govuk-form-group--error"));
    EXPECT_TRUE(has(bad_date.body, "<title>Error: Deadline calculator"));
    EXPECT_FALSE(has(bad_date.body, "id=\"result\""));

    auto text_date = app_->get("/deadlines?from=24/10/2019&count=56&counting=days_after");
    EXPECT_EQ(text_date.status, 400);
    EXPECT_TRUE(has(text_date.body, "The date to count from must be a real date"));

    auto missing = app_->get("/deadlines?from-day=&from-month=10&from-year=2019");
    EXPECT_EQ(missing.status, 400);
    EXPECT_TRUE(
        has(missing.body, "<a href=\"#from-day\">The date to count from must include a day"));
    EXPECT_TRUE(has(missing.body, "<a href=\"#count\">Enter the number of days"));
    EXPECT_TRUE(has(missing.body, "<a href=\"#counting\">Choose how to count the days"));

    auto negative = app_->get("/deadlines?from=2019-10-24&count=-3&counting=days_after");
    EXPECT_EQ(negative.status, 400);
    EXPECT_TRUE(has(negative.body, "The number of days must be 0 or more"));
    auto zero = app_->get("/deadlines?from=2019-10-24&count=0&counting=days_beginning_with");
    EXPECT_EQ(zero.status, 400);
    EXPECT_TRUE(has(zero.body, "The number of days must be 1 or more when the first day counts"));
    auto words = app_->get("/deadlines?from=2019-10-24&count=ten&counting=days_after");
    EXPECT_EQ(words.status, 400);
    EXPECT_TRUE(has(words.body, "The number of days must be a whole number, like 10"));
}

TEST_P(ClockWebTest, WithoutStoredHolidaysTheCalculatorSaysSo) {
    start();
    auto r = app_->get("/deadlines?from=2022-12-23&count=1&counting=working_days_after");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, "No bank holidays are stored yet"));
    EXPECT_TRUE(has(r.body, "Due Monday 26 December 2022"));
    EXPECT_TRUE(has(app_->get("/bank-holidays").body, "No bank holidays are stored yet"));
}

TEST_P(ClockWebTest, BankHolidaysByYearAndOnlyAdministratorsReplaceThem) {
    with_shipped_holidays();
    start();
    auto page = app_->get("/bank-holidays");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(has(page.body, "107 bank holidays from 2015 to 2027"));
    EXPECT_TRUE(
        has(page.body,
            "<caption class=\"govuk-table__caption govuk-table__caption--m\">2022</caption>"));
    EXPECT_TRUE(has(page.body,
                    "Friday 3 June 2022</time></td><td class=\"govuk-table__cell\">"
                    "Platinum Jubilee bank holiday"));
    EXPECT_FALSE(has(page.body, "action=\"/bank-holidays\""));

    Browser officer = browser();
    officer.sign_in("olivia", kPassword);
    EXPECT_FALSE(has(officer.get("/bank-holidays").body, "action=\"/bank-holidays\""));
    auto refused = upload(officer, feed("2030-01-01", "Invented"));
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(store::load_bank_holidays(*db_).list().size(), 107u);

    Browser admin = browser();
    admin.sign_in("ada", kPassword);
    EXPECT_TRUE(has(admin.get("/bank-holidays").body, "action=\"/bank-holidays\""));
    // A bad file: the error names the event and field; nothing changes.
    auto bad = upload(
        admin,
        R"({"england-and-wales": {"division": "england-and-wales", "events": [{"title": "X", "date": "2030-13-01"}]}})");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(has(bad.body, "govuk-error-summary"));
    EXPECT_TRUE(has(bad.body,
                    "bank-holidays.json: field &apos;england-and-wales.events[0].date&apos;: "
                    "&apos;2030-13-01&apos; is not a date (YYYY-MM-DD). The bank holidays were not "
                    "changed."))
        << bad.body;
    EXPECT_EQ(store::load_bank_holidays(*db_).list().size(), 107u);
    auto none = upload(admin, "", "empty.json");
    EXPECT_EQ(none.status, 400);
    EXPECT_TRUE(has(none.body, "Choose the bank holidays file"));

    // A good file replaces the list, with an audit row, and the pages show it at once.
    auto done = upload(admin, feed("2030-01-01", "Invented day"));
    ASSERT_EQ(done.status, 303) << done.body;
    EXPECT_EQ(done.headers["location"], "/bank-holidays");
    EXPECT_EQ(store::load_bank_holidays(*db_).list().size(), 1u);
    auto audit = db_->query(
        "SELECT actor FROM audit_log WHERE action = 'bank holidays imported' ORDER BY id DESC");
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(store::as_text(audit[0][0]), "ada");
    auto after = admin.get("/bank-holidays");
    EXPECT_TRUE(has(after.body, "Invented day"));
    EXPECT_TRUE(has(after.body, "from bank-holidays.json (uploaded), imported by ada"));
    EXPECT_FALSE(has(after.body, "Platinum Jubilee"));
}

INSTANTIATE_STORE_TESTS(ClockWebTest);
