// An import never makes another write fail (issue #18): police.uk files are read, decompressed
// and counted with no lock held, and the write lock is taken only to store their counts; a
// statement that met a busy store is reset, so the connection's next transaction commits.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "case_review_sample.hpp"
#include "restricted_fixture.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::Browser;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";

// A month of police.uk rows for Norfolk, `rows` of them.
std::string month_file(const std::string& month, int rows) {
    std::vector<std::string> lines;
    for (int i = 0; i < rows; ++i)
        lines.push_back(test::police_uk_row(month, "Norfolk Constabulary",
                                            i % 2 ? "Norwich 001A" : "Breckland 002B",
                                            i % 3 ? "Burglary" : "Shoplifting"));
    return test::police_uk_file(lines);
}

// Held by the test while an import is reading its files: the import's progress callback (called
// as each file is counted) waits until the test releases it, or 120 s at most.
struct Gate {
    std::mutex mutex;
    std::condition_variable cv;
    bool reading = false, released = false;
    void arrive() {
        std::unique_lock lock(mutex);
        reading = true;
        cv.notify_all();
        cv.wait_for(lock, std::chrono::seconds(120), [&] { return released; });
    }
    bool wait_until_reading() {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::seconds(60), [&] { return reading; });
    }
    void release() {
        std::lock_guard lock(mutex);
        released = true;
        cv.notify_all();
    }
};

class ImportWhileWritingTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
        test::save_norwich_contact(*db_);
        store::create_user(*db_, "olivia", "Olivia Officer", Role::officer, kPassword, "test");
        action_ = test::seed_restricted_plan(*db_, "EXEMPT", "CONFIDENTIAL").action;
        app_ = std::make_unique<test::RunningApp>(target_);
    }
    std::unique_ptr<test::RunningApp> app_;
    int64_t action_ = 0;
};

}  // namespace

// The test: while a command-line import is reading its files (held there by the test,
// as a large import would be for tens of seconds) and an officer's upload is imported too, 20
// public applications and 20 officer updates are posted: every one is stored, none is answered
// with a 5xx. Before the fix the import held the write lock while reading, and each of these
// waited 5 s and failed with "database ... is busy" (500).
TEST_P(ImportWhileWritingTest, WritesMadeWhileImportsReadTheirFilesAreAllStored) {
    std::vector<std::string> paths;
    for (const char* month : {"2025-01", "2025-02", "2025-03"})
        paths.push_back(
            tmp_.write(fmt::format("{}-norfolk-street.csv", month), month_file(month, 300)));
    Gate gate;
    auto cli_import = std::async(std::launch::async, [&] {
        auto db = store::open_database(target_);
        store::PoliceUkStoreImport how;
        how.threads = 1;
        bool first = true;
        how.progress = [&](size_t, size_t) {
            if (std::exchange(first, false)) gate.arrive();
        };
        return store::import_police_uk_files(*db, paths, "command line", how);
    });
    ASSERT_TRUE(gate.wait_until_reading());

    Browser officer{app_->port(), {}};
    ASSERT_EQ(officer.sign_in("olivia", kPassword).status, 303);
    std::string boundary = "b0undary";
    std::string token = Browser::token_in(officer.get("/imports").body);
    std::string upload =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
        token + "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npolice_uk\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; "
        "filename=\"2025-04-norfolk-street.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
        month_file("2025-04", 300) + "\r\n--" + boundary + "--\r\n";
    auto started = officer.post("/imports", upload, "multipart/form-data; boundary=" + boundary);
    ASSERT_EQ(started.status, 303) << started.body;

    std::vector<int> statuses;
    for (int i = 0; i < 20; ++i) {
        // Each applicant from an address of their own (the form is rate-limited per address).
        Browser visitor{app_->port()};
        visitor.source = fmt::format("127.0.0.{}", 10 + i);
        auto sent = visitor.post_fields("/asb-case-review/apply", test::public_application(i),
                                        "/asb-case-review/apply");
        EXPECT_EQ(sent.status, 303) << sent.body.substr(0, 2000);
        statuses.push_back(sent.status);
        auto update = officer.post_fields(fmt::format("/actions/{}/updates", action_),
                                          {{"date", "2025-05-01"},
                                           {"text", fmt::format("Update {} during an import", i)},
                                           {"visibility", "public"}},
                                          fmt::format("/actions/{}", action_));
        EXPECT_EQ(update.status, 303) << update.body.substr(0, 2000);
        statuses.push_back(update.status);
    }
    gate.release();
    auto summary = cli_import.get();
    EXPECT_EQ(summary.files_imported, 3u);
    for (int s : statuses) EXPECT_LT(s, 500);

    // The upload's import finished too, and everything is in the store.
    auto job = started.headers["location"];
    for (int i = 0;
         i < 600 && officer.get(job + ".json").body.find("\"finished\":true") == std::string::npos;
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_NE(officer.get(job + ".json").body.find("\"failed\":false"), std::string::npos);
    EXPECT_EQ(count("case_review_cases"), 20);
    EXPECT_EQ(
        store::as_int(db_->query("SELECT COUNT(*) FROM action_updates WHERE text LIKE 'Update % "
                                 "during an import'")
                          .at(0)
                          .at(0)),
        20);
    EXPECT_EQ(count("police_uk_months"), 4);
}

INSTANTIATE_STORE_TESTS(ImportWhileWritingTest);

// A write that met a store kept busy beyond the wait (SQLITE_BUSY) leaves its statement ready to
// be retried, that is active; before the fix the connection's next COMMIT then failed with
// "cannot commit transaction - SQL statements in progress". Statements are now reset whenever
// their use ends.
TEST(SqliteStatements, AWriteThatMetABusyStoreDoesNotSpoilTheNextTransaction) {
    test::TempDir dir;
    std::string path = (dir.path / "busy.db").string();
    auto holder = store::open_database(path);
    holder->execute("CREATE TABLE notes (text TEXT NOT NULL)");
    auto writer = store::open_database(path);
    writer->execute("INSERT INTO notes (text) VALUES (?)", {store::text("before")});
    holder->begin();  // BEGIN IMMEDIATE: the write lock, kept past the writer's wait
    EXPECT_THROW(writer->execute("INSERT INTO notes (text) VALUES (?)", {store::text("busy")}),
                 store::DatabaseError);
    holder->rollback();
    {
        store::Transaction tx(*writer);
        writer->execute("INSERT INTO notes (text) SELECT ?", {store::text("after")});
        EXPECT_NO_THROW(tx.commit());
    }
    auto rows = holder->query("SELECT text FROM notes ORDER BY rowid");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(store::as_text(rows[1][0]), "after");
}
