// Bank holidays in the store on both engines: the round trip, replacing the list with its import
// and audit rows, an unchanged list changing nothing, and the shipped file updating a database
// only when it reaches later years.
#include <gtest/gtest.h>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/input_error.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

class BankHolidayStoreTest : public test::StoreTest {
  protected:
    std::string shipped() const {
        return test::data_dir() + "/bank-holidays/england-and-wales.json";
    }
    int64_t imports_of_kind() {
        return as_int(
            db_->query("SELECT COUNT(*) FROM imports WHERE kind = 'bank_holidays'").at(0).at(0));
    }
    int64_t audit_rows() {
        return as_int(
            db_->query("SELECT COUNT(*) FROM audit_log WHERE action = 'bank holidays imported'")
                .at(0)
                .at(0));
    }
};

CalendarDate date(const char* text) {
    return *parse_date(text);
}

BankHolidays two_holidays(const char* title_of_the_second = "Easter Monday") {
    return BankHolidays(
        {{date("2023-04-07"), "Good Friday"}, {date("2023-04-10"), title_of_the_second}});
}

// A file in GOV.UK's format with the events given as (date, title).
std::string feed(const std::vector<std::pair<std::string, std::string>>& events) {
    std::string list;
    for (const auto& [d, t] : events)
        list += (list.empty() ? "" : ", ") + std::string(R"({"title": ")") + t + R"(", "date": ")" +
                d + R"(", "notes": "", "bunting": true})";
    return R"({"england-and-wales": {"division": "england-and-wales", "events": [)" + list + "]}}";
}

}  // namespace

TEST_P(BankHolidayStoreTest, RoundTripWithAnImportAndAnAuditRow) {
    EXPECT_TRUE(load_bank_holidays(*db_).empty());
    BankHolidays file = read_bank_holidays_file(shipped());
    auto summary = import_bank_holidays(*db_, file, "england-and-wales.json", "ada");
    EXPECT_EQ(summary.files_imported, 1);
    ASSERT_EQ(summary.lines.size(), 1u);
    EXPECT_EQ(summary.lines[0],
              "england-and-wales.json: 107 bank holidays (2015 to 2027) replace the 0 stored "
              "(none)");
    EXPECT_EQ(load_bank_holidays(*db_), file);
    EXPECT_EQ(count("bank_holidays"), 107);
    auto log = import_log(*db_);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].kind, "bank_holidays");
    EXPECT_EQ(log[0].rows, 107);
    EXPECT_EQ(log[0].imported_by, "ada");
    EXPECT_EQ(audit_rows(), 1);
    auto detail = db_->query("SELECT actor, detail FROM audit_log");
    EXPECT_EQ(as_text(detail.at(0).at(0)), "ada");
    // Every row points at its import.
    EXPECT_EQ(as_int(db_->query("SELECT COUNT(*) FROM bank_holidays WHERE import_id = ?",
                                {integer(log[0].id)})
                         .at(0)
                         .at(0)),
              107);
}

TEST_P(BankHolidayStoreTest, AnotherListReplacesTheWholeList) {
    import_bank_holidays(*db_, read_bank_holidays_file(shipped()), "shipped", "ada");
    auto summary = import_bank_holidays(*db_, two_holidays(), "short.json", "olivia");
    EXPECT_EQ(summary.lines.at(0),
              "short.json: 2 bank holidays (2023 to 2023) replace the 107 stored (2015 to 2027)");
    EXPECT_EQ(load_bank_holidays(*db_), two_holidays());
    EXPECT_EQ(imports_of_kind(), 2);
    EXPECT_EQ(audit_rows(), 2);
    // The same list again changes nothing and says so.
    auto again = import_bank_holidays(*db_, two_holidays(), "short-again.json", "olivia");
    EXPECT_EQ(again.files_imported, 0);
    EXPECT_EQ(again.files_already_in, 1);
    EXPECT_NE(again.lines.at(0).find("already stored; nothing changed"), std::string::npos);
    EXPECT_EQ(imports_of_kind(), 2);
    EXPECT_EQ(audit_rows(), 2);
    // Going back to an earlier list is a change (audit row) that points at its earlier import.
    import_bank_holidays(*db_, read_bank_holidays_file(shipped()), "shipped", "ada");
    EXPECT_EQ(load_bank_holidays(*db_).list().size(), 107u);
    EXPECT_EQ(imports_of_kind(), 2);
    EXPECT_EQ(audit_rows(), 3);
    // A changed title is a different list.
    import_bank_holidays(*db_, two_holidays("Easter Monday (renamed)"), "renamed.json", "ada");
    EXPECT_EQ(load_bank_holidays(*db_).find(date("2023-04-10"))->title, "Easter Monday (renamed)");
}

TEST_P(BankHolidayStoreTest, AnEmptyListIsRefusedAndChangesNothing) {
    import_bank_holidays(*db_, two_holidays(), "short.json", "ada");
    EXPECT_THROW(import_bank_holidays(*db_, BankHolidays{}, "empty.json", "ada"),
                 std::invalid_argument);
    EXPECT_EQ(load_bank_holidays(*db_), two_holidays());
    EXPECT_EQ(audit_rows(), 1);
}

TEST_P(BankHolidayStoreTest, EnsureImportsTheShippedFileOnlyWhenItReachesLaterYears) {
    // An empty store gets the shipped list.
    auto first = ensure_bank_holidays(*db_, shipped());
    EXPECT_EQ(first.files_imported, 1);
    EXPECT_EQ(load_bank_holidays(*db_).list().size(), 107u);
    EXPECT_EQ(import_log(*db_).at(0).imported_by, "scrutineer");
    // Again: nothing to do.
    EXPECT_TRUE(ensure_bank_holidays(*db_, shipped()).lines.empty());
    EXPECT_EQ(imports_of_kind(), 1);
    // A list imported by hand reaching 2028 is not overwritten by the shipped file (to 2027).
    BankHolidays newer = read_bank_holidays_file(shipped());
    auto list = newer.list();
    list.push_back({date("2028-01-03"), "New Year\u2019s Day"});
    import_bank_holidays(*db_, BankHolidays(list), "bank-holidays.json", "ada");
    EXPECT_TRUE(ensure_bank_holidays(*db_, shipped()).lines.empty());
    EXPECT_EQ(load_bank_holidays(*db_).list().size(), 108u);
    // A stored list that ends earlier than the shipped file (an older release's) is replaced.
    import_bank_holidays(*db_, two_holidays(), "old.json", "ada");
    auto updated = ensure_bank_holidays(*db_, shipped());
    EXPECT_EQ(updated.files_imported, 1);
    EXPECT_EQ(load_bank_holidays(*db_).list().size(), 107u);
}

TEST_P(BankHolidayStoreTest, EnsureWithABadShippedFileChangesNothing) {
    import_bank_holidays(*db_, two_holidays(), "short.json", "ada");
    std::string bad = tmp_.write("bad.json", feed({{"2030-01-01", "A"}, {"2030-02-30", "B"}}));
    EXPECT_THROW(ensure_bank_holidays(*db_, bad), InputError);
    EXPECT_EQ(load_bank_holidays(*db_), two_holidays());
    std::string good = tmp_.write("good.json", feed({{"2030-01-01", "A"}}));
    ensure_bank_holidays(*db_, good);  // reaches 2030: replaces
    EXPECT_EQ(load_bank_holidays(*db_).list().size(), 1u);
}

INSTANTIATE_STORE_TESTS(BankHolidayStoreTest);
