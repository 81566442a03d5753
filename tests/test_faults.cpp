// Faults of the SQLite store's file: a read-only database file or directory, a full disk (an
// import that runs out of room part-way, made with the file size limit, RLIMIT_FSIZE, or with
// SQLite's max_page_count). Each gives an error naming the database and the problem, the
// command exits non-zero, and the store afterwards passes its integrity check and holds exactly
// what it held before; the same import then succeeds where there is room.
//
// Read-only is real only for a user who is not root (root writes through file modes), so when
// the tests run as root the command is run as the user nobody.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scrutineer/database.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/migrations.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::run_command;
using test::shell_quoted;
using namespace scrutineer::store;

namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

std::string month_file(const std::string& month) {
    std::string year = month.substr(0, 4);
    std::string set = year == "2025" ? "norfolk-street-2025" : "norfolk-street-2024-01_2024-04";
    return test::data_dir() + "/police-uk/" + set + "/" + month + "-norfolk-street.csv.gz";
}

// Every row of every table, in order: what the store holds.
std::string contents(const std::string& path) {
    auto db = open_database(path);
    std::string out;
    for (const auto& t :
         db->query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
        std::string table = as_text(t.at(0));
        auto columns = db->query("SELECT cid FROM pragma_table_info(?)", {text(table)});
        std::string order;
        for (size_t i = 0; i < columns.size(); ++i) order += (i ? "," : "") + std::to_string(i + 1);
        out += "# " + table + "\n";
        for (const auto& row : db->query("SELECT * FROM \"" + table + "\" ORDER BY " + order)) {
            for (const auto& v : row) out += (v ? *v : std::string("NULL")) + "|";
            out += "\n";
        }
    }
    return out;
}

std::string integrity(const std::string& path) {
    auto db = open_database(path);
    std::string out;
    for (const auto& r : db->query("PRAGMA integrity_check")) out += as_text(r.at(0));
    return out;
}

class FaultTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db_path_ = (tmp_.path / "store.db").string();
        auto made = test::run_scrutineer("import --quiet --database " + shell_quoted(db_path_) +
                                         " --areas norfolk --police-uk " +
                                         shell_quoted(month_file("2024-01")));
        ASSERT_EQ(made.exit_code, 0) << made.err;
        before_ = contents(db_path_);
        ASSERT_TRUE(has(before_, "2024-01-norfolk-street.csv.gz"));
    }

    void TearDown() override {
        std::error_code ec;
        fs::permissions(tmp_.path, fs::perms::owner_all, fs::perm_options::add, ec);
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::permissions(db_path_ + suffix, fs::perms::owner_read | fs::perms::owner_write,
                            fs::perm_options::add, ec);
    }

    // The command, as a user who is not root: nobody when the tests run as root.
    std::string as_ordinary_user(const std::string& args) const {
        std::string command = shell_quoted(SCRUTINEER_BINARY) + " " + args;
        return geteuid() == 0 ? "runuser -u nobody -- " + command : command;
    }

    // The store holds what it held before the fault, and is whole.
    void expect_unchanged() {
        EXPECT_EQ(integrity(db_path_), "ok");
        EXPECT_EQ(contents(db_path_), before_);
    }

    test::TempDir tmp_;
    std::string db_path_;
    std::string before_;
};

TEST_F(FaultTest, ImportIntoAReadOnlyDatabaseFileSaysSoAndChangesNothing) {
    fs::permissions(db_path_,
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                    fs::perm_options::replace);
    // The directory may be written: only the file is read-only.
    fs::permissions(tmp_.path, fs::perms::all, fs::perm_options::replace);
    auto r = run_command(as_ordinary_user("import --database " + shell_quoted(db_path_) +
                                          " --police-uk " + shell_quoted(month_file("2024-02"))));
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(has(r.err, "error: the database file " + db_path_ + " is read-only")) << r.err;
    EXPECT_TRUE(has(r.err, "Nothing was changed.")) << r.err;
    // Reading it is still allowed.
    auto list = run_command(as_ordinary_user("imports --database " + shell_quoted(db_path_)));
    EXPECT_EQ(list.exit_code, 0) << list.err;
    EXPECT_TRUE(has(list.out, "2024-01-norfolk-street.csv.gz")) << list.out;
    fs::permissions(db_path_, fs::perms::owner_write, fs::perm_options::add);
    expect_unchanged();
}

TEST_F(FaultTest, ADatabaseInADirectoryThatCannotBeWrittenSaysSo) {
    // SQLite keeps the -wal and -shm files beside the database: the directory must be writable.
    fs::permissions(tmp_.path,
                    fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                        fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::replace);
    // (the database is its owner's only, 0600: the ordinary user is let read and write it)
    if (geteuid() == 0)
        fs::permissions(db_path_, fs::perms::others_read | fs::perms::others_write,
                        fs::perm_options::add);
    auto r = run_command(as_ordinary_user("import --database " + shell_quoted(db_path_) +
                                          " --police-uk " + shell_quoted(month_file("2024-02"))));
    fs::permissions(tmp_.path, fs::perms::owner_all, fs::perm_options::add);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(has(r.err, "the directory " + tmp_.path.string() + " of the database " + db_path_ +
                               " is not writable"))
        << r.err;
    expect_unchanged();
}

TEST_F(FaultTest, ADatabaseWhoseDirectoryDoesNotExistSaysSo) {
    std::string missing = (tmp_.path / "no-such-dir" / "store.db").string();
    auto r = test::run_scrutineer("imports --database " + shell_quoted(missing));
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(has(r.err, "cannot open the SQLite database " + missing + ": the directory " +
                               (tmp_.path / "no-such-dir").string() + " does not exist"))
        << r.err;
}

// The file size limit stops the import while it writes (SIGXFSZ ignored, so writes fail with
// EFBIG, as they fail with ENOSPC on a full disk).
TEST_F(FaultTest, AnImportThatRunsOutOfRoomPartWayChangesNothing) {
    std::string months = shell_quoted(month_file("2024-02")) + " " +
                         shell_quoted(month_file("2024-03")) + " " +
                         shell_quoted(month_file("2024-04"));
    std::string import = shell_quoted(SCRUTINEER_BINARY) + " import --database " +
                         shell_quoted(db_path_) + " --police-uk " + months;
    // 64 blocks of 512 bytes: room for the -shm file (32 KB) and seven pages of the -wal, not
    // for the import's.
    auto r = run_command("sh -c \"trap '' XFSZ; ulimit -f 64; exec " + import + "\"");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_TRUE(has(r.err, "error: SQLite could not write to the database " + db_path_ +
                               ": this process may not write files larger than 32768 bytes "
                               "(its file size limit, ulimit -f)"))
        << r.err;
    EXPECT_TRUE(has(r.err, "Nothing was changed.")) << r.err;
    expect_unchanged();

    // With room, the same import goes in whole: nothing of the failed one was left to block it.
    auto again = run_command(import);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    std::string after = contents(db_path_);
    for (const char* m : {"2024-02", "2024-03", "2024-04"})
        EXPECT_TRUE(has(after, std::string(m) + "-norfolk-street.csv.gz")) << m;
    EXPECT_EQ(integrity(db_path_), "ok");
}

// The database reaching its size limit is told as SQLite's "full" (the code a full disk gives).
TEST_F(FaultTest, AFullDatabaseIsToldAndTheImportRolledBack) {
    {
        auto db = open_database(db_path_);
        auto pages = as_int(db->query("PRAGMA page_count").at(0).at(0));
        db->query(fmt::format("PRAGMA max_page_count = {}", pages));
        try {
            import_police_uk_files(*db, {month_file("2025-01"), month_file("2025-02")}, "test",
                                   PoliceUkStoreImport{});
            ADD_FAILURE() << "the import did not run out of room";
        } catch (const DatabaseError& e) {
            std::string m = e.what();
            EXPECT_TRUE(has(m, "the disk is full, or the database reached its size limit")) << m;
            EXPECT_TRUE(has(m, "could not write to " + db_path_)) << m;
        }
        // The connection goes on working after the failure.
        EXPECT_EQ(as_int(db->query("SELECT COUNT(*) FROM imports").at(0).at(0)), 1);
    }
    expect_unchanged();
    auto db = open_database(db_path_);
    import_police_uk_files(*db, {month_file("2025-01"), month_file("2025-02")}, "test",
                           PoliceUkStoreImport{});
    EXPECT_EQ(as_int(db->query("SELECT COUNT(*) FROM imports").at(0).at(0)), 3);
}

}  // namespace
