// PostgreSQL through libpqxx 6.4. Every statement is prepared once per connection; the
// store's `?` placeholders become `$1, $2, ...`.
#include <pqxx/pqxx>

#include <map>

#include "scrutineer/database.hpp"

namespace scrutineer::store {
namespace {

std::string numbered_placeholders(const std::string& sql) {
    std::string out;
    int n = 0;
    bool in_string = false;
    for (char c : sql) {
        if (c == '\'') in_string = !in_string;
        if (c == '?' && !in_string)
            out += "$" + std::to_string(++n);
        else
            out += c;
    }
    return out;
}

class PostgresqlDatabase final : public Database {
  public:
    explicit PostgresqlDatabase(const std::string& url) : conn_(url) {}

    Engine engine() const override { return Engine::postgresql; }

    void execute(const std::string& sql, const std::vector<Value>& params) override {
        run(sql, params);
    }

    std::vector<Row> query(const std::string& sql, const std::vector<Value>& params) override {
        pqxx::result r = run(sql, params);
        std::vector<Row> rows;
        rows.reserve(r.size());
        for (const auto& tuple : r) {
            Row row(tuple.size());
            for (pqxx::row::size_type c = 0; c < tuple.size(); ++c)
                if (!tuple[c].is_null()) row[c] = tuple[c].c_str();
            rows.push_back(std::move(row));
        }
        return rows;
    }

    void query_each(const std::string& sql, const std::vector<Value>& params,
                    const std::function<void(RowView)>& row) override {
        pqxx::result r = run(sql, params);
        std::vector<std::optional<std::string_view>> columns(static_cast<size_t>(r.columns()));
        for (const auto& tuple : r) {
            for (pqxx::row::size_type c = 0; c < tuple.size(); ++c) {
                if (tuple[c].is_null())
                    columns[c].reset();
                else
                    columns[c].emplace(tuple[c].c_str(), tuple[c].size());
            }
            row(columns);
        }
    }

    void execute_many(const std::string& sql,
                      const std::vector<std::vector<Value>>& rows) override {
        for (const auto& r : rows) run(sql, r);
    }

    void begin() override {
        if (tx_) throw DatabaseError("PostgreSQL: a transaction is already open");
        tx_ = std::make_unique<pqxx::work>(conn_);
    }
    void commit() override {
        if (!tx_) throw DatabaseError("PostgreSQL: no transaction to commit");
        auto tx = std::move(tx_);
        try {
            tx->commit();
        } catch (const pqxx::failure& e) {
            throw DatabaseError(std::string("PostgreSQL: ") + e.what());
        }
    }
    void rollback() override {
        if (!tx_) return;
        auto tx = std::move(tx_);
        tx->abort();
    }

  private:
    pqxx::result run(const std::string& sql, const std::vector<Value>& params) {
        auto it = names_.find(sql);
        if (it == names_.end()) {
            std::string name = "s" + std::to_string(names_.size() + 1);
            try {
                conn_.prepare(name, numbered_placeholders(sql));
            } catch (const pqxx::failure& e) {
                throw DatabaseError(std::string("PostgreSQL: ") + e.what());
            }
            it = names_.emplace(sql, name).first;
        }
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
        try {
            if (tx_)
                return tx_->exec_prepared(it->second, pqxx::prepare::make_dynamic_params(values));
            pqxx::nontransaction once(conn_);
            return once.exec_prepared(it->second, pqxx::prepare::make_dynamic_params(values));
        } catch (const pqxx::failure& e) {
            throw DatabaseError(std::string("PostgreSQL: ") + e.what() +
                                " (in: " + sql.substr(0, 120) + ")");
        }
    }

    pqxx::connection conn_;
    std::unique_ptr<pqxx::work> tx_;
    std::map<std::string, std::string> names_;
};

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string& url) {
    try {
        return std::make_unique<PostgresqlDatabase>(url);
    } catch (const std::exception& e) {
        throw DatabaseError(std::string("cannot connect to PostgreSQL: ") + e.what());
    }
}

}  // namespace scrutineer::store
