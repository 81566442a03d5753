// A fresh, empty, migrated database per test on each engine: SQLite (a file in a temp dir) and
// PostgreSQL (its own schema on the server tests/pg_cluster.sh starts as a CTest fixture).
// Use with TEST_P and INSTANTIATE_STORE_TESTS(Suite).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <fmt/format.h>
#include <atomic>
#include <fstream>
#include <memory>
#include <string>

#include "scrutineer/database.hpp"
#include "scrutineer/migrations.hpp"
#include "test_support.hpp"

namespace scrutineer::store {
// Names the engine in test listings.
inline void PrintTo(Engine e, std::ostream* os) {
    *os << (e == Engine::sqlite ? "SQLite" : "PostgreSQL");
}
}  // namespace scrutineer::store

namespace scrutineer::test {

using namespace scrutineer::store;

inline std::string postgresql_url() {
    std::ifstream in(SCRUTINEER_TEST_PG_URL_FILE);
    std::string url;
    std::getline(in, url);
    if (url.empty())
        throw std::runtime_error("no PostgreSQL test server: " SCRUTINEER_TEST_PG_URL_FILE
                                 " is missing (run the tests with ctest, which starts one)");
    return url;
}

// A fresh, empty database on the engine the test is parameterised with.
class StoreTest : public ::testing::TestWithParam<store::Engine> {
  protected:
    void SetUp() override {
        static std::atomic<int> n{0};
        if (GetParam() == Engine::sqlite) {
            target_ = (tmp_.path / "store.db").string();
        } else {
            // Each test gets its own schema, so tests can run in parallel on one server.
            std::string schema = fmt::format("t{}_{}", getpid(), n++);
            auto admin = open_database(postgresql_url());
            admin->execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            admin->execute("CREATE SCHEMA " + schema);
            target_ = postgresql_url() + "&options=-csearch_path%3D" + schema;
        }
        db_ = open_database(target_);
        migrate(*db_);
    }

    int64_t count(const std::string& table) {
        return as_int(db_->query("SELECT COUNT(*) FROM " + table).at(0).at(0));
    }

    TempDir tmp_;
    std::string target_;
    std::unique_ptr<Database> db_;
};

}  // namespace scrutineer::test

#define INSTANTIATE_STORE_TESTS(Suite)                                                        \
    INSTANTIATE_TEST_SUITE_P(                                                                 \
        Engines, Suite,                                                                       \
        ::testing::Values(scrutineer::store::Engine::sqlite,                                  \
                          scrutineer::store::Engine::postgresql),                             \
        [](const auto& info) {                                                                \
            return info.param == scrutineer::store::Engine::sqlite ? "SQLite" : "PostgreSQL"; \
        })
