// Work programme files (JSON, docs/work-programme.md): the rows of panels' forward work
// programmes that are not meetings, by panel key:
//   {"format": "scrutineer-work-programme/1", "source": "...",
//    "panels": [{"panel": "pcp", "entries": [{"kind": "event", "when": "May 2020",
//                "month": "2020-05", "date"?: "2020-05-07", "title": "PCC elections",
//                "invitees"?: "...", "visibility"?: "public"}]}]}
// The reader checks everything first and throws InputError naming the file and the field
// ("panels[0].entries[2].month") of the first problem; loading is one transaction.
#pragma once

#include <string>
#include <vector>

#include "scrutineer/database.hpp"
#include "scrutineer/work_programme.hpp"

namespace scrutineer {

struct WorkProgrammeFilePanel {
    std::string panel;                    // the panel's key
    std::vector<ProgrammeEntry> entries;  // panel_id 0 until loaded
};
struct WorkProgrammeFile {
    std::string path;
    std::vector<WorkProgrammeFilePanel> panels;
};
WorkProgrammeFile parse_work_programme_file(const std::string& text, const std::string& path);
WorkProgrammeFile read_work_programme_file(const std::string& path);

}  // namespace scrutineer

namespace scrutineer::store {

// Loads the file's entries in one transaction (all or nothing), each panel looked up by key
// (InputError on "panels[i].panel" when it is not stored); an entry already there (same panel,
// kind, when and title) is updated, not added again. Writes one audit row as `user`. Returns a
// line for people.
std::string load_work_programme_file(Database& db, const std::string& path,
                                     const std::string& user);

// The demo: data_dir/demo/work-programme.json, as the user "demo".
std::string load_demo_work_programme(Database& db, const std::string& data_dir);

}  // namespace scrutineer::store
