// Commissioned-services files (JSON, docs/commissioned-services.md), and loading them into the
// store. The reader checks everything before anything is stored and throws InputError naming
// the file and the field ("services[2].grants[0].decision_number") of the first problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/commissioned_services.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/questionnaire.hpp"

namespace scrutineer {

// {"format": "scrutineer-commissioned-services/1", "source"?, "services": [{"name",
// "provider"?, "priority"?: {"plan": key, "number": n}, "description"?, "source"?, "grants"?:
// [...], "reporting_periods"?: [{"label", "start", "end", "measures": [...]}],
// "questionnaire"?: {...}}]}. Ids are not in files: a priority is named by its plan's key and
// its number.
struct ServicesFileEntry {
    Service service;
    std::optional<std::pair<std::string, int>> priority;  // plan key, priority number
    std::vector<Grant> grants;
    std::vector<ServiceMeasure> measures;
    std::optional<Questionnaire> questionnaire;
};
struct ServicesFile {
    std::string path;
    std::vector<ServicesFileEntry> services;
};
ServicesFile parse_services_file(const std::string& text, const std::string& path);
ServicesFile read_services_file(const std::string& path);

}  // namespace scrutineer

namespace scrutineer::store {

// Loads a commissioned-services file in one transaction: all or nothing. A file already loaded
// (same content) is skipped and said so; a changed file updates what it holds by natural key
// (commissioned_services_store.hpp). Priorities must already be stored (load the plans first).
ImportSummary load_services_file(Database& db, const std::string& path, const std::string& user);

// The demo: data_dir/demo/commissioned-services.json, as the user "demo".
void load_demo_services(Database& db, const std::string& data_dir);

}  // namespace scrutineer::store
