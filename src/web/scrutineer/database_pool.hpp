// Database connections shared by the server's threads: one connection serves one request at a
// time (neither SQLite handles nor libpqxx connections may be shared between threads).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scrutineer/database.hpp"

namespace scrutineer::web {

class DatabasePool {
  public:
    explicit DatabasePool(std::string target) : target_(std::move(target)) {}

    class Lease {
      public:
        Lease(DatabasePool& pool, std::unique_ptr<store::Database> db)
            : pool_(pool), db_(std::move(db)) {}
        ~Lease() { pool_.give_back(std::move(db_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        store::Database& operator*() { return *db_; }
        store::Database* operator->() { return db_.get(); }

      private:
        DatabasePool& pool_;
        std::unique_ptr<store::Database> db_;
    };

    Lease acquire() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto db = std::move(idle_.back());
                idle_.pop_back();
                return Lease(*this, std::move(db));
            }
        }
        return Lease(*this, store::open_database(target_));
    }

  private:
    void give_back(std::unique_ptr<store::Database> db) {
        if (!db) return;
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(db));
    }

    std::string target_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<store::Database>> idle_;
};

}  // namespace scrutineer::web
