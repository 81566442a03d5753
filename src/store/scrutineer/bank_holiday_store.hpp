// The England and Wales bank holidays in the store (table bank_holidays, migration 5): the list
// every working-day deadline is counted with (working_day_clock.hpp, docs/clocks.md).
#pragma once

#include <string>

#include "scrutineer/database.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/working_day_clock.hpp"

namespace scrutineer::store {

// Replaces the stored list with `holidays` in one transaction, with an imports row (kind
// 'bank_holidays', the checksum of the list) and an audit-log row by `actor`. A list equal to
// the stored one changes nothing and says so. Throws std::invalid_argument for an empty list.
ImportSummary import_bank_holidays(Database& db, const BankHolidays& holidays,
                                   const std::string& source, const std::string& actor);

BankHolidays load_bank_holidays(Database& db);

// Imports the file shipped with scrutineer (data/bank-holidays/england-and-wales.json) when the
// store has no bank holidays, or when the file covers later years than the stored list: a new
// release's file updates existing databases, and a list imported by hand that reaches further
// than the shipped file is kept. Returns what it did (no lines when nothing).
ImportSummary ensure_bank_holidays(Database& db, const std::string& shipped_file_path);

}  // namespace scrutineer::store
