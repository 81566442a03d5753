// SQLite through SQLiteCpp. WAL mode, foreign keys on, a busy timeout so that a second process
// waits for a writer rather than failing at once.
#include <SQLiteCpp/SQLiteCpp.h>

#include <map>

#include "scrutineer/database.hpp"

namespace scrutineer::store {
namespace {

class SqliteDatabase final : public Database {
  public:
    explicit SqliteDatabase(const std::string& path)
        : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
        db_.setBusyTimeout(5000);
        db_.exec("PRAGMA journal_mode = WAL");
        db_.exec("PRAGMA foreign_keys = ON");
        db_.exec("PRAGMA synchronous = NORMAL");
        db_.exec("PRAGMA mmap_size = 1073741824");
        db_.exec("PRAGMA cache_size = -65536");
    }

    Engine engine() const override { return Engine::sqlite; }

    void execute(const std::string& sql, const std::vector<Value>& params) override {
        try {
            SQLite::Statement& st = prepared(sql);
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
    // Statements are prepared once per SQL text and reset for each use.
    SQLite::Statement& prepared(const std::string& sql) {
        auto it = statements_.find(sql);
        if (it == statements_.end())
            it = statements_.emplace(sql, std::make_unique<SQLite::Statement>(db_, sql)).first;
        it->second->reset();
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

    static std::string describe(const SQLite::Exception& e, const std::string& sql) {
        return std::string("SQLite: ") + e.what() + " (in: " + sql.substr(0, 120) + ")";
    }

    SQLite::Database db_;
    std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) {
    try {
        return std::make_unique<SqliteDatabase>(path);
    } catch (const SQLite::Exception& e) {
        throw DatabaseError("cannot open the SQLite database " + path + ": " + e.what());
    }
}

}  // namespace scrutineer::store
