// The work programme in the store (migration 8): the rows of a panel's programme that are not
// meetings (events, provisional meetings, notes under the table) and the programme's settings
// (the civic year's first day and the statutory precept deadlines, with where each comes from).
// Meetings and their agenda items are the scrutiny store's (scrutiny_store.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/work_programme.hpp"

namespace scrutineer::store {

// A panel's entries the role may see: by month (entries without one, the notes, last), then
// as added.
std::vector<ProgrammeEntry> load_programme_entries(Database& db, int64_t panel_id, Role viewer);
std::optional<ProgrammeEntry> load_programme_entry(Database& db, int64_t id, Role viewer);

// Checks the entry (validate(), ProgrammeEntryInvalid; a panel that does not exist is
// ProgrammeEntryInvalid on "panel_id") and writes it: with an id, that row (std::out_of_range
// if none); with id 0, the row with the same panel, kind, when and title, or a new one, so
// loading the same content twice changes nothing. A date sets the month. Does not open a
// transaction.
int64_t save_programme_entry(Database& db, const ProgrammeEntry& entry);
void delete_programme_entry(Database& db, int64_t id);

// One stored setting, with the source of its value.
struct ProgrammeSetting {
    std::string name;   // "precept_report_by"
    std::string value;  // "02-08"
    std::string source;
};
std::vector<ProgrammeSetting> load_programme_settings(Database& db);  // by name
// The settings as the rules take them; throws DatabaseError naming a missing or bad setting.
WorkProgrammeSettings load_work_programme_settings(Database& db);
// Changes one setting's value ("MM-DD"); std::invalid_argument for an unknown name or a value
// that is not a day of the year.
void save_programme_setting(Database& db, const std::string& name, const std::string& value);

// The panel's id for its key, read from the panels table (migration 4), if there is one.
std::optional<int64_t> panel_id_for_key(Database& db, const std::string& key);

}  // namespace scrutineer::store
