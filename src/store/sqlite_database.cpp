// SQLite through SQLiteCpp. WAL mode, foreign keys on, a busy timeout so that a second process
// waits for a writer rather than failing at once. The faults a user can meet (a read-only file
// or directory, a full disk, a file size limit, a damaged file, a lock held too long) are told
// in words naming the file, not as SQLite's bare message.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>

#include "scrutineer/database.hpp"

namespace scrutineer::store {
namespace {

bool writable(const std::string& path) {
    return ::access(path.c_str(), W_OK) == 0;
}

// Why SQLite could not write `path`, whose file or directory is read-only.
std::string read_only_reason(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string dir = fs::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    if (fs::exists(path, ec) && !writable(path))
        return fmt::format(
            "the database file {} is read-only: scrutineer needs to write to it (give the user "
            "it runs as write permission on it)",
            path);
    for (const char* suffix : {"-wal", "-shm"})
        if (fs::exists(path + suffix, ec) && !writable(path + suffix))
            return fmt::format(
                "the database's file {}{} is read-only: scrutineer needs to write to it (give "
                "the user it runs as write permission on it)",
                path, suffix);
    if (!writable(dir))
        return fmt::format(
            "the directory {} of the database {} is not writable: SQLite keeps the files {}-wal "
            "and {}-shm beside the database (give the user scrutineer runs as write permission "
            "on the directory)",
            dir, path, path, path);
    return fmt::format("the database file {} is read-only: scrutineer cannot write to it", path);
}

// Why a read or write of the database `path` failed. SQLite's record of the system error is
// not reliable (it is the thread's errno when the error is reported, which later calls may have
// changed), so the usual causes are looked at directly: free space, the file size limit.
std::string io_failure_reason(const std::string& path, int system_errno) {
    namespace fs = std::filesystem;
    if (system_errno == ENOSPC || system_errno == EDQUOT)
        return fmt::format("the disk is full ({})", std::strerror(system_errno));
    std::string dir = fs::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    struct statvfs vfs {};
    if (::statvfs(dir.c_str(), &vfs) == 0) {
        uint64_t free_bytes = static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
        if (free_bytes < (4u << 20))
            return fmt::format("the disk is full ({} bytes free on the file system of {})",
                               free_bytes, dir);
    }
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        std::error_code ec;
        uintmax_t largest = 0;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            auto size = fs::file_size(path + suffix, ec);
            if (!ec) largest = std::max(largest, size);
        }
        if (system_errno == EFBIG || largest + (1u << 20) >= limit.rlim_cur)
            return fmt::format(
                "this process may not write files larger than {} bytes (its file size limit, "
                "ulimit -f), and the database or its -wal file needs to grow beyond it",
                static_cast<uint64_t>(limit.rlim_cur));
    }
    if (system_errno) return std::strerror(system_errno);
    return "the disk or file system reported an error";
}

// The user's words for an SQLite failure on the database `path`.
std::string explain(const std::string& path, int code, int system_errno, const std::string& message,
                    const std::string& sql) {
    switch (code & 0xff) {
        case SQLITE_READONLY:
            return read_only_reason(path) + " (SQLite: " + message + ")";
        case SQLITE_FULL:
            return fmt::format(
                "the disk is full, or the database reached its size limit: SQLite could not "
                "write to {} ({})",
                path, message);
        case SQLITE_IOERR:
            return fmt::format(
                "SQLite could not {} the database {}: {} ({})",
                code == SQLITE_IOERR_READ || code == SQLITE_IOERR_SHORT_READ ? "read" : "write to",
                path, io_failure_reason(path, system_errno), message);
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return fmt::format(
                "the database file {} is damaged or is not an SQLite database ({}): restore it "
                "from a backup (scrutineer restore)",
                path, message);
        case SQLITE_BUSY:
            return fmt::format(
                "the database {} is busy: another process kept it locked for more than 5 "
                "seconds ({})",
                path, message);
        case SQLITE_CANTOPEN: {
            namespace fs = std::filesystem;
            std::error_code ec;
            std::string dir = fs::path(path).parent_path().string();
            if (!dir.empty() && !fs::is_directory(dir, ec))
                return fmt::format(
                    "cannot open the SQLite database {}: the directory {} does "
                    "not exist",
                    path, dir);
            if (fs::exists(path, ec) && !writable(path)) return read_only_reason(path);
            return fmt::format("cannot open the SQLite database {}: {}", path, message);
        }
        default:
            if (sql.empty())
                return fmt::format("cannot open the SQLite database {}: {}", path, message);
            return fmt::format("SQLite: {} (in: {})", message, sql.substr(0, 120));
    }
}

class SqliteDatabase final : public Database {
  public:
    explicit SqliteDatabase(const std::string& path)
        : path_(path), db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
        db_.setBusyTimeout(5000);
        // synchronous = FULL: a commit is on the disk (fsync of the WAL) before it returns, so an
        // edit the user was told is saved survives a power cut too, not only a crash. It costs
        // about 3 ms per commit here (bench/sqlite_commit.sh, docs/reliability.md); an import is
        // one commit.
        for (const char* pragma :
             {"PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL",
              "PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536"}) {
            try {
                db_.exec(pragma);
            } catch (const SQLite::Exception& e) {
                throw DatabaseError(describe(e, pragma));
            }
        }
    }

    Engine engine() const override { return Engine::sqlite; }

    void execute(const std::string& sql, const std::vector<Value>& params) override {
        try {
            SQLite::Statement& st = prepared(sql);
            Finished finished{st};
            bind(st, params);
            while (st.executeStep()) {
            }
        } catch (const SQLite::Exception& e) {
            throw DatabaseError(describe(e, sql));
        }
    }

    std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
        try {
            SQLite::Statement& st = prepared(sql);
            Finished finished{st};
            bind(st, params);
            std::vector<Row> rows;
            while (st.executeStep()) {
                Row r(static_cast<size_t>(st.getColumnCount()));
                for (int c = 0; c < st.getColumnCount(); ++c) {
                    SQLite::Column col = st.getColumn(c);
                    if (!col.isNull()) r[static_cast<size_t>(c)] = col.getString();
                }
                rows.push_back(std::move(r));
            }
            return rows;
        } catch (const SQLite::Exception& e) {
            throw DatabaseError(describe(e, sql));
        }
    }

    void query_each(const std::string& sql, const std::vector<Value>& params,
                    const std::function<void(RowView)>& row) override {
        try {
            SQLite::Statement& st = prepared(sql);
            Finished finished{st};
            bind(st, params);
            std::vector<std::optional<std::string_view>> columns(
                static_cast<size_t>(st.getColumnCount()));
            while (st.executeStep()) {
                for (size_t c = 0; c < columns.size(); ++c) {
                    SQLite::Column col = st.getColumn(static_cast<int>(c));
                    if (col.isNull())
                        columns[c].reset();
                    else
                        columns[c].emplace(col.getText(), static_cast<size_t>(col.getBytes()));
                }
                row(columns);
            }
        } catch (const SQLite::Exception& e) {
            throw DatabaseError(describe(e, sql));
        }
    }

    void execute_many(const std::string& sql,
                      const std::vector<std::vector<Value>>& rows) override {
        for (const auto& r : rows) execute(sql, r);
    }

    void begin() override { execute("BEGIN IMMEDIATE", {}); }
    void commit() override { execute("COMMIT", {}); }
    void rollback() override { execute("ROLLBACK", {}); }

  private:
    // Resets a statement when its use ends, however it ends. A statement left unreset stays
    // active: one that met SQLITE_BUSY is kept ready to be retried, and an active write makes
    // a later COMMIT on this connection fail ("cannot commit transaction - SQL statements in
    // progress") although the statement itself was long given up.
    struct Finished {
        SQLite::Statement& st;
        ~Finished() { st.tryReset(); }
    };

    // Statements are prepared once per SQL text and reset before each use and after it.
    SQLite::Statement& prepared(const std::string& sql) {
        auto it = statements_.find(sql);
        if (it == statements_.end())
            it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
        // tryReset: reset() throws the statement's last error again (a BEGIN IMMEDIATE that met
        // a busy store would fail at once at every later use on this connection).
        it->second->tryReset();
        it->second->clearBindings();
        return *it->second;
    }

    static void bind(SQLite::Statement& st, const std::vector<Value>& params) {
        for (size_t i = 0; i < params.size(); ++i) {
            int index = static_cast<int>(i) + 1;
            if (params[i])
                st.bind(index, *params[i]);
            else
                st.bind(index);
        }
    }

    std::string describe(const SQLite::Exception& e, const std::string& sql) {
        return explain(path_, e.getExtendedErrorCode(), sqlite3_system_errno(db_.getHandle()),
                       e.what(), sql);
    }

    std::string path_;
    SQLite::Database db_;
    std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

// A new database file is created readable and writable by its owner only (0600, as backups
// are): it holds personal data and password hashes, and SQLite would create it 0644 (less the
// umask). SQLite gives the -wal and -shm files the main file's permissions. An existing file
// keeps its own; a path SQLite treats specially (":memory:", "file:" URIs, "" for a temporary
// database) is left to it, and so is any failure here: SQLite's open says what is wrong.
void create_private(const std::string& path) {
    if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
}

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) {
    create_private(path);
    try {
        return std::make_unique<SqliteDatabase>(path);
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(path, e.getExtendedErrorCode(), 0, e.what(), ""));
    }
}

}  // namespace scrutineer::store
