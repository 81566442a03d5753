// Backup and restore of a whole store (scrutineer/backup.hpp).
//
// SQLite: sqlite3_backup copies every page of the store inside one read transaction, so the
// copy is one consistent state even while others write (WAL). A restore first copies the backup
// into a file beside the store and checks it there (integrity_check; exactly the schema this
// build's migrations make at the backup's version, nothing more; foreign keys that check); only
// then is it copied into the store itself, again with sqlite3_backup, which writes the destination
// in one write transaction. That, rather than renaming the checked file over the store, keeps the
// store's -wal and -shm files meaningful (a stale -wal beside a renamed file would be replayed into
// it) and lets a running process's connections see the old store or the new one, never a mixture.
//
// PostgreSQL: pg_dump --format=custom of the connection's schema, and pg_restore --clean
// --if-exists --single-transaction, after the archive's list holds only kinds of object
// scrutineer makes and its schema statements are those of the migrations applied in a scratch
// schema. The URL goes to them without its password, which travels in
// PGPASSWORD, so it is not on a command line other users can read.
#include "scrutineer/backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "scrutineer/migrations.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace scrutineer::store {
namespace {

bool is_postgresql(const std::string& target) {
    return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

std::string errno_text(int e) {
    return std::strerror(e);
}

// A failure below the level of the user's request; the callers say what was being done.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---- Files ----------------------------------------------------------------------------------

enum class FileKind { sqlite, pg_dump, empty, other };

// What kind of file a backup is, from its first bytes; a missing or unreadable file is an error
// (whose message ends with `unchanged`).
FileKind kind_of_backup(const std::string& path, const std::string& unchanged) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw BackupError(
            fmt::format("cannot read the backup {}: {}; {}", path, errno_text(errno), unchanged));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw BackupError(
            fmt::format("cannot read the backup {}: it is not a file; {}", path, unchanged));
    }
    char head[16] = {};
    ssize_t n = ::read(fd, head, sizeof head);
    int e = errno;
    ::close(fd);
    if (n < 0)
        throw BackupError(
            fmt::format("cannot read the backup {}: {}; {}", path, errno_text(e), unchanged));
    if (n == 0) return FileKind::empty;
    std::string_view h(head, static_cast<size_t>(n));
    if (h == std::string_view("SQLite format 3\0", 16)) return FileKind::sqlite;
    if (h.substr(0, 5) == "PGDMP") return FileKind::pg_dump;
    return FileKind::other;
}

// Refuses a backup made by a newer scrutineer, whose schema this one does not know.
void refuse_newer_schema(const std::string& source, int version, const std::string& unchanged) {
    if (version > known_schema_version())
        throw BackupError(fmt::format(
            "{} is a backup of a newer scrutineer (schema version {}; this one knows up to {}): "
            "restore it with a newer scrutineer; {}",
            source, version, known_schema_version(), unchanged));
}

// Refuses `path` unless it is a backup of the `wanted` kind (sqlite or pg_dump), saying what it
// is instead and where it can go.
void require_backup_of(FileKind wanted, const std::string& path, const std::string& unchanged) {
    FileKind kind = kind_of_backup(path, unchanged);
    if (kind == wanted) return;
    std::string problem;
    if (kind == FileKind::empty)
        problem = "is empty: it is not a scrutineer backup";
    else if (kind == FileKind::pg_dump)
        problem = "is a PostgreSQL backup (pg_dump): restore it into a postgresql:// database";
    else if (kind == FileKind::sqlite)
        problem = "is an SQLite backup: restore it into an SQLite database file";
    else if (wanted == FileKind::sqlite)
        problem = "is not a scrutineer backup: it is not an SQLite database file";
    else
        problem = "is not a scrutineer backup: it is not a pg_dump archive (custom format)";
    throw BackupError(fmt::format("{} {}; {}", path, problem, unchanged));
}

void fsync_path(const std::string& path, bool directory) {
    int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Failure(fmt::format("cannot open {}: {}", path, errno_text(errno)));
    int rc = ::fsync(fd);
    int e = errno;
    ::close(fd);
    if (rc != 0) throw Failure(fmt::format("cannot flush {} to disk: {}", path, errno_text(e)));
}

// A new file beside `target` (same directory, so that renaming it over the target is atomic),
// readable and writable by its owner only; removed when it goes unless moved into place.
class FileBeside {
  public:
    FileBeside(const std::string& target, const char* purpose) {
        fs::path t(target);
        dir_ = t.parent_path().empty() ? fs::path(".") : t.parent_path();
        for (int attempt = 0;; ++attempt) {
            path_ = (dir_ /
                     fmt::format(".{}.{}-{}-{}", t.filename().string(), purpose, getpid(), attempt))
                        .string();
            int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd >= 0) {
                ::close(fd);
                return;
            }
            if (errno != EEXIST || attempt > 100) {
                error_ = errno;
                path_.clear();
                return;
            }
        }
    }
    ~FileBeside() { remove(); }
    FileBeside(const FileBeside&) = delete;
    FileBeside& operator=(const FileBeside&) = delete;

    bool made() const { return !path_.empty(); }
    int error() const { return error_; }
    const std::string& path() const { return path_; }
    std::string directory() const { return dir_.string(); }

    // On disk, then renamed over `target`, then the directory entry on disk too.
    void move_to(const std::string& target) {
        fsync_path(path_, false);
        if (::rename(path_.c_str(), target.c_str()) != 0)
            throw Failure(
                fmt::format("cannot rename {} to {}: {}", path_, target, errno_text(errno)));
        path_.clear();
        fsync_path(dir_.string(), true);
    }

    void remove() {
        if (path_.empty()) return;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            ::unlink((path_ + suffix).c_str());
        path_.clear();
    }

  private:
    fs::path dir_;
    std::string path_;
    int error_ = 0;
};

// ---- SQLite ---------------------------------------------------------------------------------

class SqliteFile {
  public:
    SqliteFile(const std::string& path, int flags) {
        int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            throw Failure(why);
        }
        sqlite3_busy_timeout(db_, 5000);
        sqlite3_extended_result_codes(db_, 1);
    }
    ~SqliteFile() { sqlite3_close_v2(db_); }
    SqliteFile(const SqliteFile&) = delete;
    SqliteFile& operator=(const SqliteFile&) = delete;

    sqlite3* handle() const { return db_; }
    std::string error() const { return sqlite3_errmsg(db_); }

    // The first column of every row, NULL as "".
    std::vector<std::string> column(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        // sql-check: every call in this file passes a literal, or PRAGMA page_size with the
        // number SQLite gave for the store's.
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw Failure(error());
        std::vector<std::string> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            auto* t = sqlite3_column_text(st, 0);
            out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) throw Failure(error());
        return out;
    }

    // Every row, each column as text (NULL as "").
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        // sql-check: literals of this file only
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw Failure(error());
        std::vector<std::vector<std::string>> out;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            auto& row = out.emplace_back();
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                auto* t = sqlite3_column_text(st, c);
                row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
            }
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) throw Failure(error());
        return out;
    }

    // 0 when the database has no applied migrations: not a scrutineer store.
    int schema_version() {
        if (column("SELECT name FROM sqlite_master WHERE type = 'table' AND name = "
                   "'schema_migrations'")
                .empty())
            return 0;
        auto v = column("SELECT MAX(version) FROM schema_migrations");
        return v.empty() || v[0].empty() ? 0 : std::stoi(v[0]);
    }

    // "" when PRAGMA integrity_check finds nothing wrong; else its first findings.
    std::string integrity_problems() {
        auto lines = column("PRAGMA integrity_check(5)");
        if (lines.size() == 1 && lines[0] == "ok") return "";
        std::string out;
        for (const auto& l : lines) out += (out.empty() ? "" : "; ") + l;
        return out;
    }

  private:
    sqlite3* db_ = nullptr;
};

// SQL with each run of white space outside quotes made one space, so that the indentation of
// a statement in migrations.cpp does not count; everything else does.
std::string normalised_sql(std::string_view sql) {
    std::string out;
    char quote = 0;
    bool space = false;
    for (char c : sql) {
        if (quote) {
            out += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
        if (c == '\'' || c == '"' || c == '`') quote = c;
        if (c == '[') quote = ']';
    }
    return out;
}

// "table 'areas'", as the messages name a schema object.
std::string object_named(const std::string& type, const std::string& name) {
    return fmt::format("{} '{}'", type, name);
}

// Refuses a backup (checked in `copy`) whose schema is not exactly the one this scrutineer's
// migrations make at the backup's migrations: a trigger, view or table planted in a backup
// would otherwise run in the store (a trigger on audit_log inserting an administrator on the
// next sign-in, say). The expected schema is built afresh, by the migrations, in a database in
// memory, and sqlite_master is compared: type, name, table and SQL of every table, index,
// trigger and view. Then the backup's foreign keys must check.
void refuse_unknown_schema(SqliteFile& copy, const std::string& source,
                           const std::string& unchanged) {
    auto fail = [&](const std::string& problem) {
        throw BackupError(fmt::format("{}: {}; {}", source, problem, unchanged));
    };
    std::set<int> known, applied;
    for (const auto& m : migrations()) known.insert(m.version);
    for (const auto& v : copy.column("SELECT version FROM schema_migrations")) {
        int n = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec != std::errc() || end != v.data() + v.size() || !known.count(n))
            fail(fmt::format(
                "the backup records a schema migration '{}' that this scrutineer does not know",
                v));
        applied.insert(n);
    }

    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> expected,
        actual;
    const char* const schema_sql =
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";
    {
        auto fresh = open_database(":memory:");
        // The backup's migrations and no others: those it lacks are marked as applied.
        schema_version(*fresh);
        for (int v : known)
            if (!applied.count(v) && v < *applied.rbegin())
                fresh->execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES "
                    "(?, 'not in the backup', '')",
                    {integer(v)});
        migrate_to(*fresh, *applied.rbegin());
        // sql-check: schema_sql is the constant above
        for (const auto& r : fresh->query(schema_sql))
            expected[{as_text(r.at(0)), as_text(r.at(1))}] = {as_text(r.at(2)),
                                                              normalised_sql(as_text(r.at(3)))};
    }
    for (const auto& r : copy.rows(schema_sql))
        actual[{r.at(0), r.at(1)}] = {r.at(2), normalised_sql(r.at(3))};

    for (const auto& [key, object] : actual) {
        auto it = expected.find(key);
        if (it == expected.end())
            fail(fmt::format(
                "the backup holds a {} that scrutineer did not make: it is not restored",
                object_named(key.first, key.second)));
        if (it->second != object)
            fail(fmt::format(
                "the backup's {} is not as scrutineer made it (it is: {}): it is not restored",
                object_named(key.first, key.second), object.second));
    }
    for (const auto& [key, object] : expected)
        if (!actual.count(key))
            fail(
                fmt::format("the backup lacks the {} of scrutineer's schema version {}: it is not "
                            "restored",
                            object_named(key.first, key.second), *applied.rbegin()));

    auto broken = copy.rows("PRAGMA foreign_key_check");
    if (!broken.empty())
        fail(fmt::format(
            "the backup's foreign keys do not check: {} rows refer to rows that are not there (the "
            "first: row {} of the table '{}' refers to a row of '{}' that is not there)",
            broken.size(), broken[0].at(1), broken[0].at(0), broken[0].at(2)));
}

// A file path as the path of a file: URI (characters that mean something in a URI escaped).
std::string uri_path(const std::string& path) {
    std::string out;
    for (char c : fs::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#')
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else
            out += c;
    }
    return out;
}

// Copies the whole of `from` into `to` with the online backup API, in one step: one read
// transaction on `from` (a consistent state of it), one write transaction on `to` (rolled back
// by sqlite3_backup_finish if the copy does not complete).
void copy_database(SqliteFile& from, SqliteFile& to) {
    for (int attempt = 0;; ++attempt) {
        sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
        if (!b) throw Failure(to.error());
        int step = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (step == SQLITE_DONE) return;
        int primary = step & 0xff;
        if ((primary == SQLITE_BUSY || primary == SQLITE_LOCKED) && attempt < 200) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        std::string why = sqlite3_errmsg(to.handle());
        if (why == "not an error" || why.empty()) why = sqlite3_errstr(step);
        throw Failure(why);
    }
}

BackupSummary backup_sqlite(const std::string& database, const std::string& destination) {
    std::error_code ec;
    if (!fs::exists(database, ec))
        throw BackupError(
            fmt::format("there is no SQLite database {}: nothing to back up", database));
    BackupSummary summary;
    summary.engine = Engine::sqlite;
    std::unique_ptr<SqliteFile> store;
    try {
        store = std::make_unique<SqliteFile>(database, SQLITE_OPEN_READWRITE);
        summary.schema_version = store->schema_version();
    } catch (const Failure& e) {
        throw BackupError(fmt::format(
            "cannot back up {}: it is not a readable SQLite database ({})", database, e.what()));
    }
    if (summary.schema_version == 0)
        throw BackupError(fmt::format(
            "cannot back up {}: it is not a scrutineer database (no schema_migrations)", database));

    FileBeside staged(destination, "backup");
    if (!staged.made())
        throw BackupError(fmt::format("cannot write the backup {}: {} (in the directory {})",
                                      destination, errno_text(staged.error()), staged.directory()));
    try {
        {
            SqliteFile copy(staged.path(), SQLITE_OPEN_READWRITE);
            copy_database(*store, copy);
            // The copy is a plain file on its own: no -wal beside it.
            copy.column("PRAGMA journal_mode = DELETE");
            if (auto problems = copy.integrity_problems(); !problems.empty())
                throw Failure("the copy failed its integrity check: " + problems);
        }
        staged.move_to(destination);
    } catch (const Failure& e) {
        throw BackupError(fmt::format("backing up {} to {} failed: {}; no backup was written",
                                      database, destination, e.what()));
    }
    summary.bytes = fs::file_size(destination, ec);
    return summary;
}

BackupSummary restore_sqlite(const std::string& database, const std::string& source) {
    const std::string unchanged = fmt::format("the database {} is unchanged", database);
    require_backup_of(FileKind::sqlite, source, unchanged);
    std::error_code ec;
    bool existed = fs::exists(database, ec);
    FileBeside staged(database, "restore");
    if (!staged.made())
        throw BackupError(
            fmt::format("cannot restore into {}: cannot write a file in its directory {} ({}); {}",
                        database, staged.directory(), errno_text(staged.error()), unchanged));

    BackupSummary summary;
    summary.engine = Engine::sqlite;
    summary.bytes = fs::file_size(source, ec);
    // The backup, copied beside the store and checked there.
    try {
        // Opened as immutable, so that reading it leaves no -wal or -shm file beside it; unless
        // it has a -wal (a store's file copied while in use), whose pages belong to it.
        std::string backup_name =
            fs::exists(source + "-wal", ec) ? source : "file:" + uri_path(source) + "?immutable=1";
        SqliteFile backup(backup_name, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
        SqliteFile copy(staged.path(), SQLITE_OPEN_READWRITE);
        copy_database(backup, copy);
        // Nothing in the backup's schema (a view's or trigger's functions) runs while it is
        // checked.
        copy.column("PRAGMA trusted_schema = OFF");
        copy.column("PRAGMA journal_mode = DELETE");
        if (auto problems = copy.integrity_problems(); !problems.empty())
            throw BackupError(fmt::format("{} is damaged (its integrity check found: {}); {}",
                                          source, problems, unchanged));
        summary.schema_version = copy.schema_version();
        if (summary.schema_version == 0)
            throw BackupError(fmt::format(
                "{} is not a scrutineer backup: it is an SQLite database without scrutineer's "
                "schema_migrations; {}",
                source, unchanged));
        refuse_newer_schema(source, summary.schema_version, unchanged);
        refuse_unknown_schema(copy, source, unchanged);
    } catch (const Failure& e) {
        throw BackupError(fmt::format("{} is not a scrutineer backup, or is damaged: {}; {}",
                                      source, e.what(), unchanged));
    } catch (const DatabaseError& e) {
        throw BackupError(
            fmt::format("cannot check the schema of {}: {}; {}", source, e.what(), unchanged));
    }

    // Into the store, in one write transaction.
    try {
        SqliteFile store(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (sqlite3_db_readonly(store.handle(), "main") == 1)
            throw Failure("the database file is read-only");
        store.column("PRAGMA journal_mode = WAL");
        // A WAL database cannot change its page size, so the copy takes the store's.
        auto page_size = store.column("PRAGMA page_size").at(0);
        {
            SqliteFile copy(staged.path(), SQLITE_OPEN_READWRITE);
            if (copy.column("PRAGMA page_size").at(0) != page_size) {
                copy.column("PRAGMA page_size = " + std::to_string(std::stoi(page_size)));
                copy.column("VACUUM");
            }
        }
        SqliteFile copy(staged.path(), SQLITE_OPEN_READONLY);
        copy_database(copy, store);
    } catch (const Failure& e) {
        if (!existed)
            for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((database + suffix).c_str());
        throw BackupError(fmt::format("restoring {} into {} failed: {}; {}", source, database,
                                      e.what(), existed ? unchanged : "no database was created"));
    }
    return summary;
}

// ---- PostgreSQL -----------------------------------------------------------------------------

std::string percent_decoded(std::string_view s) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// A URL's password (in user:password@ or a password= parameter) taken out: the URL without it,
// with `mask` in its place ("" drops it), and the password itself.
std::pair<std::string, std::string> split_password(const std::string& url,
                                                   const std::string& mask) {
    size_t scheme = url.find("://");
    if (scheme == std::string::npos) return {url, ""};
    size_t start = scheme + 3;
    size_t end = url.find_first_of("/?#", start);
    if (end == std::string::npos) end = url.size();
    std::string authority = url.substr(start, end - start), password;
    size_t at = authority.rfind('@');
    if (at != std::string::npos) {
        size_t colon = authority.find(':');
        if (colon != std::string::npos && colon < at) {
            password = percent_decoded(authority.substr(colon + 1, at - colon - 1));
            authority = authority.substr(0, colon) + (mask.empty() ? "" : ":" + mask) +
                        authority.substr(at);
        }
    }
    std::string rest = url.substr(end);
    size_t q = rest.find('?');
    if (q != std::string::npos) {
        size_t hash = rest.find('#', q);
        std::string query =
            rest.substr(q + 1, hash == std::string::npos ? std::string::npos : hash - q - 1);
        std::string tail = hash == std::string::npos ? "" : rest.substr(hash);
        std::string kept;
        size_t p = 0;
        while (p <= query.size()) {
            size_t amp = query.find('&', p);
            std::string param =
                query.substr(p, amp == std::string::npos ? std::string::npos : amp - p);
            if (param.rfind("password=", 0) == 0) {
                password = percent_decoded(param.substr(9));
                if (!mask.empty()) kept += (kept.empty() ? "" : "&") + ("password=" + mask);
            } else if (!param.empty()) {
                kept += (kept.empty() ? "" : "&") + param;
            }
            if (amp == std::string::npos) break;
            p = amp + 1;
        }
        rest = rest.substr(0, q) + (kept.empty() ? "" : "?" + kept) + tail;
    }
    return {url.substr(0, start) + authority + rest, password};
}

struct ProgramResult {
    int exit_code = 0;
    std::string out, err;
};

std::string read_all(int fd) {
    std::string out;
    ::lseek(fd, 0, SEEK_SET);
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
    return out;
}

int scratch_file() {
    std::string tmpl = (fs::temp_directory_path() / "scrutineer-XXXXXX").string();
    int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0)
        throw BackupError(fmt::format("cannot make a temporary file in {}: {}",
                                      fs::temp_directory_path().string(), errno_text(errno)));
    ::unlink(tmpl.c_str());
    return fd;
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

// Runs a PostgreSQL client program (found on PATH) with `password` in PGPASSWORD, its standard
// output and error kept.
ProgramResult run_program(const std::vector<std::string>& args, const std::string& password) {
    int out_fd = scratch_file(), err_fd = scratch_file();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::string_view(*e).rfind("PGPASSWORD=", 0) != 0) env.emplace_back(*e);
    if (!password.empty()) env.push_back("PGPASSWORD=" + password);
    std::vector<char*> envp, argv;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<std::string> args_copy = args;
    for (auto& a : args_copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, args[0].c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        ::close(out_fd);
        ::close(err_fd);
        if (rc == ENOENT)
            throw BackupError(fmt::format(
                "{} was not found: install the PostgreSQL client programs (on Debian: apt-get "
                "install postgresql-client) or put them on PATH",
                args[0]));
        throw BackupError(fmt::format("cannot run {}: {}", args[0], errno_text(rc)));
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ProgramResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_all(out_fd);
    r.err = trimmed(read_all(err_fd));
    ::close(out_fd);
    ::close(err_fd);
    return r;
}

std::string postgresql_schema_of(Database& db) {
    auto rows = db.query("SELECT current_schema(), current_setting('search_path'), current_user");
    if (rows.at(0).at(0)) return *rows[0][0];
    // No schema of the search_path exists yet: its first, as pg_restore would create it.
    std::string first = as_text(rows[0][1]);
    first = first.substr(0, first.find(','));
    first.erase(0, first.find_first_not_of(' '));
    first = trimmed(first);
    if (first == "\"$user\"" || first == "$user") return as_text(rows[0][2]);
    if (first.size() >= 2 && first.front() == '"' && first.back() == '"')
        first = first.substr(1, first.size() - 2);
    return first;
}

// The schema as a pg_dump/pg_restore pattern that matches it alone.
std::string exact_pattern(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

BackupSummary backup_postgresql(const std::string& url, const std::string& destination) {
    auto [plain_url, password] = split_password(url, "");
    const std::string shown = without_password(url);
    BackupSummary summary;
    summary.engine = Engine::postgresql;
    std::string schema;
    try {
        auto db = open_database(url);
        schema = postgresql_schema_of(*db);
        auto has = db->query(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND "
            "table_name = 'schema_migrations'",
            {text(schema)});
        if (as_int(has.at(0).at(0)) == 0)
            throw BackupError(
                fmt::format("cannot back up {}: its schema {} is not a scrutineer database (no "
                            "schema_migrations)",
                            shown, schema));
        summary.schema_version = schema_version(*db);
    } catch (const DatabaseError& e) {
        throw BackupError(fmt::format("cannot back up {}: {}", shown, e.what()));
    }
    FileBeside staged(destination, "backup");
    if (!staged.made())
        throw BackupError(fmt::format("cannot write the backup {}: {} (in the directory {})",
                                      destination, errno_text(staged.error()), staged.directory()));
    auto r = run_program({"pg_dump", "--format=custom", "--schema=" + exact_pattern(schema),
                          "--file=" + staged.path(), "--dbname=" + plain_url},
                         password);
    if (r.exit_code != 0)
        throw BackupError(fmt::format("pg_dump could not back up {} (exit status {}): {}", shown,
                                      r.exit_code, r.err.empty() ? "no message" : r.err));
    try {
        staged.move_to(destination);
    } catch (const Failure& e) {
        throw BackupError(fmt::format("cannot write the backup {}: {}", destination, e.what()));
    }
    std::error_code ec;
    summary.bytes = fs::file_size(destination, ec);
    return summary;
}

// The archive's tables, as "schema.name", from pg_restore --list.
std::vector<std::pair<std::string, std::string>> archive_tables(const ProgramResult& listing) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t p = 0;
    while (p < listing.out.size()) {
        size_t nl = listing.out.find('\n', p);
        std::string line =
            listing.out.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
        p = nl == std::string::npos ? listing.out.size() : nl + 1;
        if (line.empty() || line[0] == ';') continue;
        const std::string marker = " TABLE DATA ";
        size_t m = line.find(marker);
        if (m == std::string::npos) continue;
        std::string rest = line.substr(m + marker.size());
        size_t space = rest.find(' ');
        if (space == std::string::npos) continue;
        std::string schema = rest.substr(0, space);
        std::string name = rest.substr(space + 1);
        name = name.substr(0, name.find(' '));
        out.emplace_back(schema, name);
    }
    return out;
}

// One entry of pg_restore --list: "215; 1259 16390 TABLE public imports owner".
struct ArchiveEntry {
    std::string type, schema, tag;
};

// The archive's entries. The type is found among pg_dump's names of the kinds of object (some
// are two or three words); an entry of a kind not in the list keeps its whole text as `type`.
std::vector<ArchiveEntry> archive_entries(const std::string& listing) {
    static const std::vector<std::string> kinds = {"TABLE DATA",
                                                   "TABLE",
                                                   "SEQUENCE SET",
                                                   "SEQUENCE OWNED BY",
                                                   "SEQUENCE",
                                                   "DEFAULT ACL",
                                                   "DEFAULT",
                                                   "FK CONSTRAINT",
                                                   "CONSTRAINT",
                                                   "INDEX ATTACH",
                                                   "INDEX",
                                                   "SCHEMA",
                                                   "COMMENT",
                                                   "ACL",
                                                   "EVENT TRIGGER",
                                                   "TRIGGER",
                                                   "FUNCTION",
                                                   "PROCEDURE",
                                                   "AGGREGATE",
                                                   "MATERIALIZED VIEW DATA",
                                                   "MATERIALIZED VIEW",
                                                   "VIEW",
                                                   "RULE",
                                                   "POLICY",
                                                   "ROW SECURITY",
                                                   "EXTENSION",
                                                   "TYPE",
                                                   "SHELL TYPE",
                                                   "DOMAIN",
                                                   "OPERATOR CLASS",
                                                   "OPERATOR FAMILY",
                                                   "OPERATOR",
                                                   "CAST",
                                                   "COLLATION",
                                                   "CONVERSION",
                                                   "PUBLICATION TABLE",
                                                   "PUBLICATION",
                                                   "SUBSCRIPTION",
                                                   "FOREIGN TABLE",
                                                   "SERVER",
                                                   "FOREIGN DATA WRAPPER",
                                                   "USER MAPPING",
                                                   "PROCEDURAL LANGUAGE",
                                                   "LARGE OBJECT",
                                                   "BLOB",
                                                   "BLOBS",
                                                   "STATISTICS",
                                                   "TRANSFORM",
                                                   "ACCESS METHOD",
                                                   "TEXT SEARCH CONFIGURATION",
                                                   "TEXT SEARCH DICTIONARY",
                                                   "TEXT SEARCH PARSER",
                                                   "TEXT SEARCH TEMPLATE"};
    std::vector<ArchiveEntry> out;
    size_t p = 0;
    while (p < listing.size()) {
        size_t nl = listing.find('\n', p);
        std::string line = listing.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
        p = nl == std::string::npos ? listing.size() : nl + 1;
        if (line.empty() || line[0] == ';') continue;
        // "ID; OID OID " and then the entry.
        size_t semi = line.find("; ");
        size_t first = semi == std::string::npos ? semi : line.find(' ', semi + 2);
        size_t second = first == std::string::npos ? first : line.find(' ', first + 1);
        if (second == std::string::npos) continue;
        std::string rest = line.substr(second + 1);
        ArchiveEntry e;
        for (const auto& k : kinds)
            if (rest.rfind(k + " ", 0) == 0) {
                e.type = k;
                rest = rest.substr(k.size() + 1);
                break;
            }
        if (e.type.empty()) {
            e.type = rest;
            out.push_back(e);
            continue;
        }
        size_t space = rest.find(' ');
        e.schema = rest.substr(0, space);
        e.tag = space == std::string::npos ? "" : rest.substr(space + 1);
        // The owner is the last word.
        if (size_t last = e.tag.rfind(' '); last != std::string::npos) e.tag.resize(last);
        out.push_back(e);
    }
    return out;
}

std::string lowercase(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Refuses an archive holding anything but what scrutineer's schema is made of (tables, their
// data, identity sequences, defaults, constraints, indexes; the schema itself, its comment and
// privileges, which pg_restore --no-privileges leaves): a trigger, function, view, rule,
// policy, extension... is named and nothing is restored. Done from the archive's list, before
// any of it reaches the server.
void refuse_unknown_kinds(const std::vector<ArchiveEntry>& entries, const std::string& schema,
                          const std::string& source, const std::string& unchanged) {
    static const std::set<std::string> made = {
        "TABLE DATA",    "TABLE",      "SEQUENCE SET", "SEQUENCE OWNED BY", "SEQUENCE", "DEFAULT",
        "FK CONSTRAINT", "CONSTRAINT", "INDEX",        "COMMENT",           "ACL"};
    for (const auto& e : entries) {
        if (made.count(e.type) && e.schema == schema) continue;
        if (e.type == "SCHEMA" && e.tag == schema) continue;
        if ((e.type == "COMMENT" || e.type == "ACL") && e.schema == "-" &&
            e.tag == "SCHEMA " + schema)
            continue;
        // A trigger's, rule's or policy's tag is "table name".
        std::string name = e.tag;
        if ((e.type == "TRIGGER" || e.type == "RULE" || e.type == "POLICY") &&
            name.find(' ') != std::string::npos)
            name = name.substr(name.find(' ') + 1);
        std::string what =
            name.empty() ? lowercase(e.type) : fmt::format("{} '{}'", lowercase(e.type), name);
        if (e.schema != schema && e.schema != "-")
            what += fmt::format(" in the schema '{}'", e.schema);
        throw BackupError(fmt::format(
            "{}: the backup holds {} {} that scrutineer did not make: it is not restored; {}",
            source,
            what[0] == 'a' || what[0] == 'e' || what[0] == 'i' || what[0] == 'o' ? "an" : "a", what,
            unchanged));
    }
}

// The schema part of a custom-format archive as pg_restore prints it, one normalised statement
// each: comments and settings left out, white space made single, and the schema's name taken
// out of qualified names (so that two schemas of different names compare).
std::set<std::string> archive_statements(const std::string& file, const std::string& schema,
                                         const std::string& what_for) {
    auto r = run_program({"pg_restore", "--schema-only", "--no-owner", "--no-privileges",
                          "--no-comments", "--file=-", file},
                         "");
    if (r.exit_code != 0)
        throw BackupError(fmt::format("{} is damaged ({}); {}", file, r.err, what_for));
    std::string text;
    size_t p = 0;
    while (p < r.out.size()) {
        size_t nl = r.out.find('\n', p);
        std::string line = r.out.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
        p = nl == std::string::npos ? r.out.size() : nl + 1;
        if (line.empty() || line.rfind("--", 0) == 0 || line.rfind("SET ", 0) == 0 ||
            line.rfind("SELECT pg_catalog.set_config", 0) == 0 || line[0] == '\\')
            continue;
        text += line + "\n";
    }
    std::set<std::string> out;
    auto unqualified = [&](std::string statement) {
        for (const std::string& prefix : {exact_pattern(schema) + ".", schema + "."})
            for (size_t at; (at = statement.find(prefix)) != std::string::npos;)
                statement.erase(at, prefix.size());
        return statement;
    };
    p = 0;
    while (p < text.size()) {
        size_t end = text.find(";\n", p);
        std::string statement =
            text.substr(p, end == std::string::npos ? std::string::npos : end - p);
        p = end == std::string::npos ? text.size() : end + 2;
        statement = normalised_sql(statement);
        if (statement.empty() || statement.rfind("CREATE SCHEMA ", 0) == 0) continue;
        out.insert(unqualified(statement));
    }
    return out;
}

// What a statement of pg_restore's makes, for messages: "table 'areas'", "index 'x'".
std::string made_by(const std::string& statement) {
    auto word_after = [&](const std::string& prefix) -> std::string {
        if (statement.rfind(prefix, 0) != 0) return "";
        std::string rest = statement.substr(prefix.size());
        return rest.substr(0, rest.find_first_of(" ("));
    };
    for (const auto& [prefix, kind] :
         std::vector<std::pair<std::string, std::string>>{{"CREATE TABLE ", "table"},
                                                          {"CREATE UNIQUE INDEX ", "index"},
                                                          {"CREATE INDEX ", "index"},
                                                          {"CREATE SEQUENCE ", "sequence"}})
        if (auto name = word_after(prefix); !name.empty())
            return fmt::format("{} '{}'", kind, name);
    if (statement.rfind("ALTER TABLE ", 0) == 0) {
        size_t c = statement.find(" ADD CONSTRAINT ");
        if (c != std::string::npos) {
            std::string name = statement.substr(c + 16);
            return fmt::format("constraint '{}'", name.substr(0, name.find(' ')));
        }
    }
    return "statement";
}

// "a table 'x'", "an index 'x'".
std::string with_article(const std::string& what) {
    return (what[0] == 'i' ? "an " : "a ") + what;
}

// Refuses an archive whose schema is not the one this scrutineer's migrations make at the
// archive's migrations: they are applied in a scratch schema on the same server, dumped with
// pg_dump, and both archives' statements (tables with their columns and checks, identity
// sequences, constraints, foreign keys, indexes) compared as pg_restore prints them.
void refuse_unknown_schema(const std::string& url, const std::string& plain_url,
                           const std::string& password, const std::string& source,
                           const std::string& backup_schema, const std::set<int>& applied,
                           const std::string& unchanged) {
    const std::string shown = without_password(url);
    std::set<int> known;
    for (const auto& m : migrations()) known.insert(m.version);
    for (int v : applied)
        if (!known.count(v))
            throw BackupError(
                fmt::format("{}: the backup records a schema migration '{}' that "
                            "this scrutineer does not know; {}",
                            source, v, unchanged));
    std::string scratch = fmt::format("scrutineer_restore_check_{}_{}", getpid(),
                                      std::chrono::steady_clock::now().time_since_epoch().count());
    std::set<std::string> expected;
    std::unique_ptr<Database> db;
    try {
        db = open_database(url);
        // sql-check: the scratch schema's name is made here of digits and letters
        db->execute("CREATE SCHEMA " + scratch);
    } catch (const DatabaseError& e) {
        throw BackupError(fmt::format(
            "cannot check {} against scrutineer's schema: making a scratch schema in {} failed "
            "({}); {}",
            source, shown, e.what(), unchanged));
    }
    try {
        // sql-check: as above
        db->execute("SET search_path TO " + scratch);
        schema_version(*db);
        for (int v : known)
            if (!applied.count(v) && v < *applied.rbegin())
                db->execute(
                    "INSERT INTO schema_migrations (version, description, applied_at) VALUES "
                    "(?, 'not in the backup', '')",
                    {integer(v)});
        migrate_to(*db, *applied.rbegin());
        FileBeside file((fs::temp_directory_path() / "scrutineer-schema").string(), "check");
        if (!file.made())
            throw Failure(fmt::format("cannot make a file in {}: {}",
                                      fs::temp_directory_path().string(),
                                      errno_text(file.error())));
        auto r = run_program(
            {"pg_dump", "--format=custom", "--schema-only", "--schema=" + exact_pattern(scratch),
             "--file=" + file.path(), "--dbname=" + plain_url},
            password);
        if (r.exit_code != 0) throw Failure(fmt::format("pg_dump of it failed: {}", r.err));
        expected = archive_statements(file.path(), scratch, unchanged);
    } catch (const std::exception& e) {
        try {
            // sql-check: as above
            db->execute("DROP SCHEMA " + scratch + " CASCADE");
        } catch (const DatabaseError&) {
        }
        if (dynamic_cast<const BackupError*>(&e)) throw;
        throw BackupError(fmt::format("cannot check {} against scrutineer's schema: {}; {}", source,
                                      e.what(), unchanged));
    }
    try {
        // sql-check: as above
        db->execute("DROP SCHEMA " + scratch + " CASCADE");
    } catch (const DatabaseError&) {
    }

    auto actual = archive_statements(source, backup_schema, unchanged);
    for (const auto& statement : actual)
        if (!expected.count(statement)) {
            std::string what = made_by(statement);
            bool known_name = std::any_of(expected.begin(), expected.end(),
                                          [&](const std::string& e) { return made_by(e) == what; });
            std::string problem =
                known_name ? fmt::format("the backup's {} is not as scrutineer made it ({})", what,
                                         statement.substr(0, 300))
                           : fmt::format("the backup holds {} that scrutineer did not make ({})",
                                         with_article(what), statement.substr(0, 300));
            throw BackupError(
                fmt::format("{}: {}: it is not restored; {}", source, problem, unchanged));
        }
    for (const auto& statement : expected)
        if (!actual.count(statement))
            throw BackupError(fmt::format(
                "{}: the backup lacks the {} of scrutineer's schema version {} ({}): it is not "
                "restored; {}",
                source, made_by(statement), *applied.rbegin(), statement.substr(0, 300),
                unchanged));
}

BackupSummary restore_postgresql(const std::string& url, const std::string& source) {
    const std::string shown = without_password(url);
    const std::string unchanged = fmt::format("the database {} is unchanged", shown);
    require_backup_of(FileKind::pg_dump, source, unchanged);
    auto [plain_url, password] = split_password(url, "");
    auto listing = run_program({"pg_restore", "--list", source}, "");
    if (listing.exit_code != 0)
        throw BackupError(fmt::format("{} is not a scrutineer backup, or is damaged ({}); {}",
                                      source, listing.err, unchanged));
    std::string backup_schema;
    for (const auto& [schema, table] : archive_tables(listing))
        if (table == "schema_migrations") backup_schema = schema;
    auto entries = archive_entries(listing.out);
    if (backup_schema.empty())
        throw BackupError(
            fmt::format("{} is not a scrutineer backup: it has no schema_migrations table; {}",
                        source, unchanged));

    std::string target_schema;
    try {
        auto db = open_database(url);
        target_schema = postgresql_schema_of(*db);
    } catch (const DatabaseError& e) {
        throw BackupError(fmt::format("cannot restore into {}: {}", shown, e.what()));
    }
    if (target_schema != backup_schema)
        throw BackupError(fmt::format(
            "{} is a backup of the schema {}, but {} uses the schema {}: restore it through a "
            "URL whose search_path is {} (...?options=-csearch_path%3D{}); {}",
            source, backup_schema, shown, target_schema, backup_schema, backup_schema, unchanged));

    // The backup's schema version, from its schema_migrations rows.
    auto data = run_program({"pg_restore", "--data-only", "--schema=" + backup_schema,
                             "--table=schema_migrations", "--file=-", source},
                            "");
    if (data.exit_code != 0)
        throw BackupError(fmt::format("{} is damaged ({}); {}", source, data.err, unchanged));
    BackupSummary summary;
    summary.engine = Engine::postgresql;
    bool in_copy = false;
    std::set<int> applied;
    size_t p = 0;
    while (p < data.out.size()) {
        size_t nl = data.out.find('\n', p);
        std::string line = data.out.substr(p, nl == std::string::npos ? std::string::npos : nl - p);
        p = nl == std::string::npos ? data.out.size() : nl + 1;
        if (!in_copy) {
            in_copy = line.rfind("COPY ", 0) == 0;
            continue;
        }
        if (line == "\\.") break;
        std::string first = line.substr(0, line.find('\t'));
        if (!first.empty() && first.size() < 9 &&
            std::all_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            summary.schema_version = std::max(summary.schema_version, std::stoi(first));
            applied.insert(std::stoi(first));
        }
    }
    std::error_code ec;
    summary.bytes = fs::file_size(source, ec);
    if (summary.schema_version == 0)
        throw BackupError(
            fmt::format("{} is not a scrutineer backup: its schema_migrations table is empty; {}",
                        source, unchanged));
    refuse_newer_schema(source, summary.schema_version, unchanged);
    refuse_unknown_kinds(entries, backup_schema, source, unchanged);
    refuse_unknown_schema(url, plain_url, password, source, backup_schema, applied, unchanged);

    auto r = run_program(
        {"pg_restore", "--clean", "--if-exists", "--single-transaction", "--exit-on-error",
         "--no-owner", "--no-privileges", "--dbname=" + plain_url, source},
        password);
    if (r.exit_code != 0)
        throw BackupError(fmt::format(
            "restoring {} into {} failed ({}); pg_restore ran it as one transaction, so {}", source,
            shown, r.err.empty() ? "no message" : r.err, unchanged));
    return summary;
}

}  // namespace

int known_schema_version() {
    int known = 0;
    for (const auto& m : migrations()) known = std::max(known, m.version);
    return known;
}

std::string without_password(const std::string& url) {
    return split_password(url, "***").first;
}

BackupSummary backup_store(const std::string& database, const std::string& destination) {
    if (is_postgresql(database)) return backup_postgresql(database, destination);
    return backup_sqlite(database, destination);
}

BackupSummary restore_store(const std::string& database, const std::string& source) {
    if (is_postgresql(database)) return restore_postgresql(database, source);
    return restore_sqlite(database, source);
}

}  // namespace scrutineer::store
