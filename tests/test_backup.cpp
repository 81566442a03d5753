// Backup and restore on both engines (scrutineer/backup.hpp): a store holding the demo's data
// (police.uk counts, population, plans, panels and meetings, the PCC's accountability, the work
// programme, commissioned services, bank holidays, ASB case reviews, a user) is backed up,
// changed or destroyed, and restored; then every table's rows, read in the order of all their
// columns, are what they were (and PostgreSQL's identity sequences too). A backup taken while a
// transaction is open holds only what was committed. A file that is not a backup (random bytes,
// an empty file, half a backup, the other engine's backup, a database of something else, a
// newer scrutineer's) is refused with its name and the problem, and the store is unchanged; a
// backup to a place that cannot be written fails clearly and leaves no file. The command does the
// same.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fmt/format.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "scrutineer/accountability_store.hpp"
#include "scrutineer/backup.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/commissioned_services_file.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/scrutiny_file.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme_file.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace fs = std::filesystem;

namespace {

// Every table of the store (and, on PostgreSQL, every sequence's value): its rows, each as its
// values in column order, read ordered by all the columns.
using Dump = std::map<std::string, std::vector<std::string>>;

Dump dump_all(Database& db) {
    bool sqlite = db.engine() == Engine::sqlite;
    auto tables = sqlite ? db.query(
                               "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY "
                               "name")
                         : db.query(
                               "SELECT table_name FROM information_schema.tables WHERE "
                               "table_schema = current_schema() AND table_type = 'BASE "
                               "TABLE' ORDER BY table_name");
    Dump out;
    for (const auto& t : tables) {
        std::string table = as_text(t.at(0));
        auto columns =
            sqlite ? db.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", {text(table)})
                   : db.query(
                         "SELECT column_name FROM information_schema.columns "
                         "WHERE table_schema = current_schema() AND table_name "
                         "= ? ORDER BY ordinal_position",
                         {text(table)});
        std::string list, order;
        for (size_t i = 0; i < columns.size(); ++i) {
            list += (i ? ", \"" : "\"") + as_text(columns[i].at(0)) + "\"";
            order += (i ? ", " : "") + std::to_string(i + 1);
        }
        auto& lines = out[table];
        for (const auto& row :
             db.query("SELECT " + list + " FROM \"" + table + "\" ORDER BY " + order)) {
            std::string line;
            for (const auto& v : row) line += (v ? "'" + *v + "'" : std::string("NULL")) + "|";
            lines.push_back(std::move(line));
        }
    }
    if (!sqlite)
        for (const auto& r : db.query("SELECT sequencename, last_value FROM pg_sequences WHERE "
                                      "schemaname = current_schema() ORDER BY sequencename"))
            out["(sequences)"].push_back(as_text(r.at(0)) + "=" + as_text(r.at(1)));
    return out;
}

size_t rows_in(const Dump& d) {
    size_t n = 0;
    for (const auto& [table, rows] : d) n += rows.size();
    return n;
}

// "" when equal, else the first table that differs and how.
std::string first_difference(const Dump& expected, const Dump& actual) {
    for (const auto& [table, rows] : expected) {
        auto it = actual.find(table);
        if (it == actual.end()) return "table " + table + " is missing";
        if (it->second == rows) continue;
        for (size_t i = 0; i < std::max(rows.size(), it->second.size()); ++i) {
            std::string want = i < rows.size() ? rows[i] : "(no row)";
            std::string got = i < it->second.size() ? it->second[i] : "(no row)";
            if (want != got)
                return fmt::format("table {} ({} rows, now {}): row {} was {} and is {}", table,
                                   rows.size(), it->second.size(), i, want, got);
        }
    }
    for (const auto& [table, rows] : actual)
        if (!expected.count(table)) return "table " + table + " is new";
    return "";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

std::string shell_quoted(const std::string& s) {
    return "'" + s + "'";
}

class BackupTest : public test::StoreTest {
  protected:
    // Demo-like data: every part of the store has rows.
    void populate() {
        std::string data = test::data_dir();
        save_force(*db_, read_area_file(data + "/areas/norfolk.json"));
        import_population_file(*db_, data + "/population/MYE2_persons_mid2019_LAD2020.csv", "test");
        import_police_uk_files(*db_, {data + "/police-uk/norfolk-street-2024-01_2024-04"}, "test",
                               PoliceUkStoreImport{});
        load_demo_plans(*db_, data);
        load_demo_panels(*db_, data);
        load_demo_accountability(*db_, data);
        load_demo_work_programme(*db_, data);
        load_services_file(*db_, data + "/demo/commissioned-services.json", "test");
        ensure_bank_holidays(*db_, data + "/bank-holidays/england-and-wales.json");
        load_case_review_file(*db_, data + "/demo/case-reviews.json");
        create_user(*db_, "ada", "Ada Lovelace", Role::administrator, "correct horse battery",
                    "test");
    }

    // A little of it, for the tests of refusals.
    void populate_a_little() {
        std::string data = test::data_dir();
        save_force(*db_, read_area_file(data + "/areas/norfolk.json"));
        import_police_uk_files(
            *db_,
            {data + "/police-uk/norfolk-street-2024-01_2024-04/2024-01-norfolk-street.csv.gz"},
            "test", PoliceUkStoreImport{});
        load_demo_plans(*db_, test::data_dir());
        create_user(*db_, "ada", "Ada Lovelace", Role::administrator, "correct horse battery",
                    "test");
    }

    // Changes to every kind of data: another import, deleted rows, a new user, an edited plan.
    void change_it() {
        import_police_uk_files(*db_, {test::data_dir() + "/police-uk/norfolk-street-2025"}, "test",
                               PoliceUkStoreImport{});
        db_->execute("DELETE FROM action_updates");
        db_->execute("UPDATE plans SET title = 'Changed after the backup'");
        create_user(*db_, "grace", "Grace Hopper", Role::officer, "another long password", "test");
    }

    Dump dump() {
        auto fresh = open_database(target_);
        return dump_all(*fresh);
    }

    std::string backup_file() const { return (tmp_.path / "store.backup").string(); }

    // Files in the test's directory other than the store's own (and the given ones): what a
    // backup or restore left behind.
    std::vector<std::string> strays(const std::vector<std::string>& expected = {}) const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(tmp_.path)) {
            std::string name = e.path().filename().string();
            if (name.rfind("store.db", 0) == 0) continue;
            if (std::find(expected.begin(), expected.end(), name) != expected.end()) continue;
            out.push_back(name);
        }
        return out;
    }

    // The restore must fail with these words and the file's name, and change nothing.
    void expect_refused(const std::string& file, const std::vector<std::string>& words,
                        const Dump& before) {
        try {
            restore_store(target_, file);
            ADD_FAILURE() << "restored " << file;
        } catch (const BackupError& e) {
            std::string m = e.what();
            EXPECT_TRUE(has(m, file)) << m;
            EXPECT_TRUE(has(m, "is unchanged")) << m;
            for (const auto& w : words) EXPECT_TRUE(has(m, w)) << "no '" << w << "' in: " << m;
        }
        EXPECT_EQ(first_difference(before, dump()), "") << file;
    }
};

TEST_P(BackupTest, ARoundTripAfterChangesGivesBackEveryRow) {
    populate();
    Dump before = dump();
    size_t with_rows = 0;
    for (const auto& [table, rows] : before) with_rows += rows.empty() ? 0 : 1;
    EXPECT_GE(with_rows, 40u) << "the demo data should fill most tables";
    EXPECT_GT(rows_in(before), 3000u);

    auto made = backup_store(target_, backup_file());
    EXPECT_EQ(made.schema_version, known_schema_version());
    EXPECT_GT(made.bytes, 10000u);
    EXPECT_EQ(fs::file_size(backup_file()), made.bytes);
    // Personal data: the backup is its owner's alone.
    EXPECT_EQ(fs::status(backup_file()).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(strays({"store.backup"}), std::vector<std::string>{});

    change_it();
    Dump changed = dump();
    ASSERT_NE(first_difference(before, changed), "");

    // Restored while this test's own connection is open, as a running server's would be.
    auto done = restore_store(target_, backup_file());
    EXPECT_EQ(done.schema_version, known_schema_version());
    EXPECT_EQ(first_difference(before, dump()), "");
    EXPECT_EQ(count("users"), 1) << "the open connection sees the restored store";
    EXPECT_EQ(strays({"store.backup"}), std::vector<std::string>{});

    // The restored store works on: migrations, new rows with new ids.
    auto fresh = open_database(target_);
    EXPECT_EQ(migrate(*fresh), 0);
    auto grace = create_user(*fresh, "grace", "Grace Hopper", Role::officer,
                             "another long password", "test");
    EXPECT_GT(grace.id, as_int(fresh->query("SELECT MIN(id) FROM users").at(0).at(0)));
}

TEST_P(BackupTest, ARestoreRebuildsAStoreThatWasDestroyed) {
    populate();
    Dump before = dump();
    backup_store(target_, backup_file());
    if (GetParam() == Engine::sqlite) {
        db_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(target_ + suffix);
    } else {
        std::string schema = as_text(db_->query("SELECT current_schema()").at(0).at(0));
        db_.reset();
        open_database(test::postgresql_url())->execute("DROP SCHEMA " + schema + " CASCADE");
    }
    restore_store(target_, backup_file());
    EXPECT_EQ(first_difference(before, dump()), "");
}

TEST_P(BackupTest, ABackupOfAStoreInUseHoldsWhatWasCommitted) {
    populate_a_little();
    Dump before = dump();
    {
        auto writer = open_database(target_);
        Transaction tx(*writer);
        create_user(*writer, "pending", "Not Yet Committed", Role::officer,
                    "a long enough password", "test");
        writer->execute("DELETE FROM action_updates");
        backup_store(target_, backup_file());
        tx.commit();
    }
    EXPECT_EQ(count("users"), 2);
    restore_store(target_, backup_file());
    Dump after = dump();
    if (GetParam() == Engine::postgresql) {
        // PostgreSQL's sequences are not transactional: pg_dump saves their values as they are,
        // advanced by the open transaction. So ids are skipped, never given twice.
        auto values = [](const std::vector<std::string>& lines) {
            std::map<std::string, int64_t> out;
            for (const auto& l : lines) {
                std::string value = l.substr(l.find('=') + 1);  // "" for one never used
                out[l.substr(0, l.find('='))] = value.empty() ? 0 : std::stoll(value);
            }
            return out;
        };
        auto was = values(before["(sequences)"]), now = values(after["(sequences)"]);
        EXPECT_EQ(was.size(), now.size());
        for (const auto& [sequence, value] : was) EXPECT_GE(now[sequence], value) << sequence;
        before.erase("(sequences)");
        after.erase("(sequences)");
    }
    EXPECT_EQ(first_difference(before, after), "");
    EXPECT_EQ(count("users"), 1);
}

TEST_P(BackupTest, ARestoreRefusesWhatIsNotABackupAndChangesNothing) {
    populate_a_little();
    backup_store(target_, backup_file());
    std::string whole = slurp(backup_file());
    change_it();  // so that restoring the backup by mistake would show
    Dump before = dump();

    std::mt19937 random(8);
    std::string noise(8192, '\0');
    for (auto& c : noise) c = static_cast<char>(random());
    std::string random_file = tmp_.write("random.bin", noise);
    std::string empty_file = tmp_.write("empty.backup", "");
    std::string half_file = tmp_.write("half.backup", whole.substr(0, whole.size() / 2));
    std::string missing_file = (tmp_.path / "no-such.backup").string();

    expect_refused(random_file, {"is not a scrutineer backup"}, before);
    expect_refused(empty_file, {"is empty"}, before);
    expect_refused(missing_file, {"cannot read the backup", "No such file"}, before);
    if (GetParam() == Engine::sqlite) {
        expect_refused(half_file, {"damaged"}, before);
        expect_refused(tmp_.write("pg.backup", "PGDMP" + noise), {"is a PostgreSQL backup"},
                       before);
        // An SQLite database, but not a scrutineer store.
        std::string other = (tmp_.path / "other.db").string();
        {
            auto db = open_database(other);
            db->execute("CREATE TABLE notes (text TEXT)");
            db->execute("INSERT INTO notes VALUES ('not a store')");
        }
        expect_refused(other, {"without scrutineer's schema_migrations"}, before);
    } else {
        try {
            restore_store(target_, half_file);
            ADD_FAILURE() << "restored half a backup";
        } catch (const BackupError& e) {
            std::string m = e.what();
            EXPECT_TRUE(has(m, half_file) && has(m, "is unchanged")) << m;
            EXPECT_TRUE(has(m, "damaged") || has(m, "failed")) << m;
        }
        EXPECT_EQ(first_difference(before, dump()), "");
        test::TempDir other_dir;
        std::string sqlite_file = (other_dir.path / "store.db").string();
        migrate(*open_database(sqlite_file));
        expect_refused(sqlite_file, {"is an SQLite backup"}, before);
        // A good backup whose restore fails part-way (a table added since depends on one it
        // replaces, so dropping that fails): the one transaction is rolled back.
        db_->execute("CREATE TABLE added_since (user_id BIGINT REFERENCES users (id))");
        db_->execute("INSERT INTO added_since SELECT id FROM users");
        Dump with_added = dump();
        expect_refused(backup_file(), {"restoring", "failed", "cannot drop"}, with_added);
    }
    EXPECT_EQ(strays({"store.backup", "random.bin", "empty.backup", "half.backup", "pg.backup",
                      "other.db"}),
              std::vector<std::string>{});
}

TEST_P(BackupTest, ABackupOfANewerScrutineerIsRefused) {
    populate_a_little();
    int newer = known_schema_version() + 1;
    db_->execute(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, 'from "
        "the future', '2099-01-01T00:00:00Z')",
        {integer(newer)});
    backup_store(target_, backup_file());
    db_->execute("DELETE FROM schema_migrations WHERE version = ?", {integer(newer)});
    Dump before = dump();
    expect_refused(backup_file(),
                   {"newer scrutineer", fmt::format("schema version {}", newer),
                    fmt::format("knows up to {}", known_schema_version())},
                   before);
}

TEST_P(BackupTest, ABackupToAPlaceThatCannotBeWrittenFailsClearly) {
    populate_a_little();
    std::string no_dir = (tmp_.path / "no-such-dir" / "store.backup").string();
    std::string a_file = tmp_.write("a-file", "x");
    std::string under_file = a_file + "/store.backup";
    for (const auto& [dest, why] : std::vector<std::pair<std::string, std::string>>{
             {no_dir, "No such file or directory"}, {under_file, "Not a directory"}}) {
        try {
            backup_store(target_, dest);
            ADD_FAILURE() << "backed up to " << dest;
        } catch (const BackupError& e) {
            std::string m = e.what();
            EXPECT_TRUE(has(m, "cannot write the backup " + dest)) << m;
            EXPECT_TRUE(has(m, why)) << m;
        }
        EXPECT_FALSE(fs::exists(dest));
    }
    EXPECT_EQ(strays({"a-file"}), std::vector<std::string>{});
    if (GetParam() == Engine::sqlite) {
        std::string missing = (tmp_.path / "missing.db").string();
        try {
            backup_store(missing, backup_file());
            ADD_FAILURE() << "backed up a database that does not exist";
        } catch (const BackupError& e) {
            EXPECT_TRUE(has(e.what(), "there is no SQLite database " + missing)) << e.what();
        }
        EXPECT_FALSE(fs::exists(missing)) << "a backup must not create the database";
    }
}

TEST_P(BackupTest, TheCommandBacksUpAndRestores) {
    populate_a_little();
    Dump before = dump();
    auto made = test::run_scrutineer("backup --database " + shell_quoted(target_) + " " +
                                     shell_quoted(backup_file()));
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_TRUE(has(made.err, "Backed up")) << made.err;
    EXPECT_TRUE(has(made.err, backup_file())) << made.err;
    change_it();
    auto restored = test::run_scrutineer("restore --database " + shell_quoted(target_) + " " +
                                         shell_quoted(backup_file()));
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    EXPECT_TRUE(has(restored.err, "Restored")) << restored.err;
    EXPECT_EQ(first_difference(before, dump()), "");

    std::string junk = tmp_.write("junk.backup", std::string(5000, 'j'));
    change_it();
    Dump changed = dump();
    auto refused = test::run_scrutineer("restore --database " + shell_quoted(target_) + " " +
                                        shell_quoted(junk));
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_TRUE(has(refused.err, "error: " + junk + " is not a scrutineer backup")) << refused.err;
    EXPECT_TRUE(has(refused.err, "is unchanged")) << refused.err;
    EXPECT_EQ(first_difference(changed, dump()), "");

    auto unwritable = test::run_scrutineer("backup --database " + shell_quoted(target_) + " " +
                                           shell_quoted(junk + "/under-a-file.backup"));
    EXPECT_NE(unwritable.exit_code, 0);
    EXPECT_TRUE(has(unwritable.err, "cannot write the backup")) << unwritable.err;
}

// The attack: a backup carrying a trigger on audit_log that makes an administrator on the next
// audited action. Restoring it would plant the trigger in the store.
TEST_P(BackupTest, ABackupWithAPlantedTriggerIsRefused) {
    populate_a_little();
    bool sqlite = GetParam() == Engine::sqlite;
    auto plant = [&] {
        if (sqlite) {
            db_->execute(
                "CREATE TRIGGER plant AFTER INSERT ON audit_log BEGIN INSERT INTO users "
                "(username, display_name, role, password_hash, created_at) VALUES ('mallory', "
                "'Mallory', 'administrator', 'x', 'now'); END");
        } else {
            db_->execute(
                "CREATE FUNCTION plant() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "
                "users (username, display_name, role, password_hash, created_at) VALUES "
                "('mallory', 'Mallory', 'administrator', 'x', 'now'); RETURN NEW; END $$");
            db_->execute(
                "CREATE TRIGGER plant AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION "
                "plant()");
        }
    };
    auto triggers = [&] {
        return as_int(db_->query(sqlite ? "SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                          "'trigger'"
                                        : "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON "
                                          "c.oid = t.tgrelid WHERE NOT t.tgisinternal AND "
                                          "c.relnamespace = current_schema()::regnamespace")
                          .at(0)
                          .at(0));
    };
    plant();
    backup_store(target_, backup_file());
    db_->execute("DROP TRIGGER plant" + std::string(sqlite ? "" : " ON audit_log"));
    if (!sqlite) db_->execute("DROP FUNCTION plant()");
    change_it();
    Dump before = dump();
    expect_refused(backup_file(),
                   {sqlite ? "the backup holds a trigger 'plant' that scrutineer did not make: "
                             "it is not restored"
                           : "the backup holds a function 'plant()' that scrutineer did not "
                             "make: it is not restored"},
                   before);
    EXPECT_EQ(triggers(), 0);
    db_->execute(
        "INSERT INTO audit_log (occurred_at, actor, action, detail) VALUES ('now', 'ada', "
        "'sign-in', '')");
    EXPECT_EQ(
        as_int(db_->query("SELECT COUNT(*) FROM users WHERE username = 'mallory'").at(0).at(0)), 0);
}

// Any other object scrutineer did not make, or a table of its changed, is refused too.
TEST_P(BackupTest, ABackupWithAViewAnExtraTableOrAnAlteredColumnIsRefused) {
    populate_a_little();
    bool sqlite = GetParam() == Engine::sqlite;
    struct Case {
        std::string make, undo;
        std::vector<std::string> words;
    };
    std::vector<Case> cases = {
        {"CREATE VIEW admins AS SELECT username FROM users WHERE role = 'administrator'",
         "DROP VIEW admins",
         {"the backup holds a view 'admins' that scrutineer did not make: it is not restored"}},
        {"CREATE TABLE extra (note TEXT)",
         "DROP TABLE extra",
         {sqlite ? "the backup holds a table 'extra' that scrutineer did not make"
                 : "the backup holds a table 'extra' that scrutineer did not make ("}},
        {"ALTER TABLE users ADD COLUMN note TEXT",
         "ALTER TABLE users DROP COLUMN note",
         {"the backup's table 'users' is not as scrutineer made it", "note"}},
        {"CREATE INDEX users_by_name ON users (display_name)",
         "DROP INDEX users_by_name",
         {"index 'users_by_name' that scrutineer did not make"}},
    };
    for (const auto& c : cases) {
        db_->execute(c.make);
        backup_store(target_, backup_file());
        db_->execute(c.undo);
        Dump before = dump();
        SCOPED_TRACE(c.make);
        expect_refused(backup_file(), c.words, before);
    }
    // With the object gone, the backup restores.
    backup_store(target_, backup_file());
    EXPECT_NO_THROW(restore_store(target_, backup_file()));
}

// A backup whose rows refer to rows it does not hold is refused (SQLite: PRAGMA
// foreign_key_check; PostgreSQL: such a store can only have the foreign key dropped or NOT
// VALID, which is a schema scrutineer did not make).
TEST_P(BackupTest, ABackupWhoseForeignKeysDoNotCheckIsRefused) {
    populate_a_little();
    bool sqlite = GetParam() == Engine::sqlite;
    auto first = db_->query("SELECT id, plan_id FROM priorities ORDER BY id LIMIT 1").at(0);
    int64_t priority = as_int(first.at(0)), plan = as_int(first.at(1));
    if (sqlite) {
        db_->execute("PRAGMA foreign_keys = OFF");
        db_->execute("UPDATE priorities SET plan_id = 999999 WHERE id = ?", {integer(priority)});
        db_->execute("PRAGMA foreign_keys = ON");
    } else {
        db_->execute("ALTER TABLE priorities DROP CONSTRAINT priorities_plan_id_fkey");
        db_->execute("UPDATE priorities SET plan_id = 999999 WHERE id = ?", {integer(priority)});
        db_->execute(
            "ALTER TABLE priorities ADD CONSTRAINT priorities_plan_id_fkey FOREIGN KEY "
            "(plan_id) REFERENCES plans (id) NOT VALID");
    }
    backup_store(target_, backup_file());
    db_->execute("UPDATE priorities SET plan_id = ? WHERE id = ?",
                 {integer(plan), integer(priority)});
    if (!sqlite) db_->execute("ALTER TABLE priorities VALIDATE CONSTRAINT priorities_plan_id_fkey");
    Dump before = dump();
    expect_refused(backup_file(),
                   {sqlite ? "the backup's foreign keys do not check"
                           : "constraint 'priorities_plan_id_fkey' is not as scrutineer made it",
                    sqlite ? "of the table 'priorities' refers to a row of 'plans'" : "NOT VALID"},
                   before);
}

// A backup made by an older scrutineer (fewer migrations) still restores; migrations then
// bring it up to date. (PostgreSQL: into an empty schema, as pg_restore --clean drops only the
// tables the backup holds.)
TEST_P(BackupTest, ABackupOfAnOlderSchemaVersionIsRestored) {
    auto wipe = [&] {
        db_.reset();
        if (GetParam() == Engine::sqlite) {
            for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(target_ + suffix);
        } else {
            auto admin = open_database(target_);
            std::string schema = as_text(admin->query("SELECT current_schema()").at(0).at(0));
            admin->execute("DROP SCHEMA " + schema + " CASCADE");
            admin->execute("CREATE SCHEMA " + schema);
        }
        db_ = open_database(target_);
    };
    wipe();
    int older = known_schema_version() - 1;
    migrate_to(*db_, older);
    create_user(*db_, "ada", "Ada Lovelace", Role::administrator, "correct horse battery", "test");
    backup_store(target_, backup_file());
    migrate(*db_);
    create_user(*db_, "grace", "Grace Hopper", Role::officer, "another long password", "test");
    if (GetParam() == Engine::postgresql) wipe();
    auto done = restore_store(target_, backup_file());
    EXPECT_EQ(done.schema_version, older);
    auto fresh = open_database(target_);
    EXPECT_EQ(as_int(fresh->query("SELECT COUNT(*) FROM users").at(0).at(0)), 1);
    EXPECT_EQ(migrate(*fresh), 1);
}

INSTANTIATE_STORE_TESTS(BackupTest);

// PostgreSQL: pg_dump missing or failing is told with its own words; the password never goes
// on the command line (other users can read that), only in PGPASSWORD.
// Page sizes are SQLite's: this one runs on SQLite only.
class SqliteBackupTest : public BackupTest {};

// A WAL database cannot change its page size: a backup with another (a copy made otherwise, or
// an older SQLite's) is rebuilt with the store's before it is copied in.
TEST_P(SqliteBackupTest, ABackupWithAnotherPageSizeIsRestored) {
    populate_a_little();
    Dump before = dump();
    backup_store(target_, backup_file());
    {
        auto backup = open_database(backup_file());
        backup->execute("PRAGMA journal_mode = DELETE");
        backup->execute("PRAGMA page_size = 8192");
        backup->execute("VACUUM");
        ASSERT_EQ(as_text(backup->query("PRAGMA page_size").at(0).at(0)), "8192");
    }
    change_it();
    restore_store(target_, backup_file());
    EXPECT_EQ(first_difference(before, dump()), "");
    EXPECT_EQ(as_text(db_->query("PRAGMA page_size").at(0).at(0)), "4096");
}

INSTANTIATE_TEST_SUITE_P(Engines, SqliteBackupTest,
                         ::testing::Values(scrutineer::store::Engine::sqlite),
                         [](const auto&) { return "SQLite"; });

class PostgresqlBackupTest : public test::StoreTest {
  protected:
    void TearDown() override {
        if (!saved_path_.empty()) setenv("PATH", saved_path_.c_str(), 1);
    }
    void set_path(const std::string& path) {
        if (saved_path_.empty()) saved_path_ = std::getenv("PATH");
        setenv("PATH", path.c_str(), 1);
    }
    std::string saved_path_;
};

TEST_P(PostgresqlBackupTest, PgDumpMissingOrFailingIsTold) {
    std::string dest = (tmp_.path / "store.backup").string();
    test::TempDir empty;
    set_path(empty.path.string());
    try {
        backup_store(target_, dest);
        ADD_FAILURE() << "backed up without pg_dump";
    } catch (const BackupError& e) {
        EXPECT_TRUE(has(e.what(), "pg_dump was not found")) << e.what();
        EXPECT_TRUE(has(e.what(), "postgresql-client")) << e.what();
    }
    EXPECT_FALSE(fs::exists(dest));

    // A pg_dump that fails: its message is shown; what it was given is kept for the checks.
    test::TempDir fake;
    std::string script = fake.write(
        "pg_dump", fmt::format("#!/bin/sh\necho \"$*\" > {0}/args\necho \"$PGPASSWORD\" > "
                               "{0}/password\necho 'pg_dump: error: the disk of the fake "
                               "server is on fire' >&2\nexit 1\n",
                               fake.path.string()));
    fs::permissions(script, fs::perms::owner_all);
    set_path(fake.path.string() + ":" + saved_path_);
    std::string with_password = target_ + "&password=hunter2";
    try {
        backup_store(with_password, dest);
        ADD_FAILURE() << "the failing pg_dump was not noticed";
    } catch (const BackupError& e) {
        std::string m = e.what();
        EXPECT_TRUE(has(m, "pg_dump could not back up")) << m;
        EXPECT_TRUE(has(m, "the disk of the fake server is on fire")) << m;
        EXPECT_FALSE(has(m, "hunter2")) << m;
    }
    EXPECT_FALSE(fs::exists(dest));
    EXPECT_FALSE(has(slurp((fake.path / "args").string()), "hunter2"));
    EXPECT_TRUE(has(slurp((fake.path / "args").string()), "--format=custom"));
    EXPECT_EQ(slurp((fake.path / "password").string()), "hunter2\n");
}

INSTANTIATE_TEST_SUITE_P(Engines, PostgresqlBackupTest,
                         ::testing::Values(scrutineer::store::Engine::postgresql),
                         [](const auto&) { return "PostgreSQL"; });

TEST(BackupMessages, PasswordsAreLeftOutOfURLs) {
    EXPECT_EQ(without_password("postgresql://ada:s3cret@db.example/scrutineer?sslmode=require"),
              "postgresql://ada:***@db.example/scrutineer?sslmode=require");
    EXPECT_EQ(without_password("postgresql://db.example/scrutineer?password=s3cret&user=ada"),
              "postgresql://db.example/scrutineer?password=***&user=ada");
    EXPECT_EQ(without_password("postgresql:///scrutineer?host=/var/run/postgresql"),
              "postgresql:///scrutineer?host=/var/run/postgresql");
}

}  // namespace
