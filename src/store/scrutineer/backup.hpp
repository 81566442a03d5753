// A whole store to a backup file and back: SQLite through its online backup API, PostgreSQL
// through pg_dump and pg_restore (the PostgreSQL client programs, found on PATH).
//
// A backup is consistent even while the store is in use (SQLite: one read transaction over a
// WAL database, so writers go on; PostgreSQL: pg_dump's snapshot). It is written beside the
// destination and renamed, readable by its owner only (it holds personal data), so a failed
// backup leaves no half file. A restore checks the backup first (a file of the right kind,
// whole, a scrutineer store whose schema this scrutineer knows) and then replaces the store in
// one transaction: if anything fails, the store is as it was.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "scrutineer/database.hpp"

namespace scrutineer::store {

// A backup or restore that was not done. The message names the file or database and the
// problem; nothing was changed.
struct BackupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct BackupSummary {
    Engine engine = Engine::sqlite;
    int schema_version = 0;  // the store's (backup) or the backup's (restore)
    uint64_t bytes = 0;      // the backup file's size
};

// Writes a consistent copy of the store `database` (an SQLite file or a postgresql:// URL) to
// the file `destination`, replacing it if it exists. The store is not changed. PostgreSQL: the
// schema the connection uses (its search_path's first, normally `public`), in pg_dump's custom
// format.
BackupSummary backup_store(const std::string& database, const std::string& destination);

// Replaces the whole store `database` by the backup `source` (made by backup_store on the same
// engine): all of it or nothing. SQLite: the checked backup is copied into the database in one
// write transaction, so other connections see the old store or the new one and a crash during
// it leaves the old one; a database that does not exist yet is created. PostgreSQL: pg_restore
// --clean --single-transaction into the schema the backup was taken from, which must be the
// connection's.
BackupSummary restore_store(const std::string& database, const std::string& source);

// The highest schema version this scrutineer knows (a backup newer than it is refused).
int known_schema_version();

// A postgresql:// URL with any password in it replaced by "***", for messages.
std::string without_password(const std::string& url);

}  // namespace scrutineer::store
