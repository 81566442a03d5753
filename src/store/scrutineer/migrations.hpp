// The one schema of both engines, as numbered migrations applied in order on open.
#pragma once

#include <string>
#include <vector>

#include "scrutineer/database.hpp"

namespace scrutineer::store {

struct Migration {
    int version;
    std::string description;
    std::vector<std::string> statements;  // {{id}} becomes the engine's identity column
    void (*then)(Database&) = nullptr;    // run after the statements, in their transaction
};

const std::vector<Migration>& migrations();

// Applies every migration the database lacks, each in its own transaction. Returns how many.
// Refuses a database whose schema is newer than this program knows.
int migrate(Database& db);
// The same, but only the migrations up to `version`: the schema an older scrutineer made (a
// restore compares a backup's schema with it).
int migrate_to(Database& db, int version);

int schema_version(Database& db);

}  // namespace scrutineer::store
