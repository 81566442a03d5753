// One way to talk to either database engine: SQLite (embedded, a file) or PostgreSQL (shared).
// All SQL in the store is written once, with `?` placeholders, in the common dialect of both;
// values travel as text or NULL. Only prepared statements with bound parameters are used.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace scrutineer::store {

enum class Engine { sqlite, postgresql };

// A bound parameter or a column value: text, or NULL.
using Value = std::optional<std::string>;
using Row = std::vector<Value>;

Value text(std::string s);
Value integer(int64_t v);
inline const Value null_value{};

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Database {
  public:
    virtual ~Database() = default;
    virtual Engine engine() const = 0;
    virtual void execute(const std::string& sql, const std::vector<Value>& params = {}) = 0;
    virtual std::vector<Row> query(const std::string& sql,
                                   const std::vector<Value>& params = {}) = 0;
    // The same rows one at a time, without copying them: for the large reads (every stored
    // observation), where building a Row of strings per row was most of the time. A view is
    // valid only during the call; nullopt is NULL.
    using RowView = std::span<const std::optional<std::string_view>>;
    virtual void query_each(const std::string& sql, const std::vector<Value>& params,
                            const std::function<void(RowView)>& row) = 0;
    // Many rows through one prepared statement (inside the caller's transaction).
    virtual void execute_many(const std::string& sql,
                              const std::vector<std::vector<Value>>& rows) = 0;
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;

  private:
    friend class Transaction;
    int open_transactions_ = 0;  // Transactions in scope: only the outermost begins and ends
};

// "postgresql://..." or "postgres://..." opens PostgreSQL; anything else is an SQLite file
// path (created if missing; WAL mode).
std::unique_ptr<Database> open_database(const std::string& target);

// Commits at the end of a scope unless told otherwise; rolls back if an exception leaves it.
// Transactions nest: an inner one joins the outermost, which alone begins, commits or rolls
// back (so a saver that opens its own transaction can run inside a loader's). An inner failure
// must reach the outermost as an exception: do not catch it and carry on.
class Transaction {
  public:
    explicit Transaction(Database& db) : db_(db), outermost_(db.open_transactions_ == 0) {
        if (outermost_) db_.begin();
        ++db_.open_transactions_;
    }
    ~Transaction() {
        --db_.open_transactions_;
        if (!done_ && outermost_) try {
                db_.rollback();
            } catch (...) {
            }
    }
    void commit() {
        if (outermost_) db_.commit();
        done_ = true;
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

  private:
    Database& db_;
    bool outermost_;
    bool done_ = false;
};

// Helpers for reading values.
int64_t as_int(const Value& v);
std::string as_text(const Value& v);

}  // namespace scrutineer::store
