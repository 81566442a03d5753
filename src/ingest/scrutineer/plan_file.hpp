// Plan files and published-figures files (JSON, docs/plans.md), and loading them into the store.
//
// The readers check everything before anything is stored, and throw InputError naming the file
// and the field ("priorities[2].objectives[0].text") of the first problem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/database.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/plan.hpp"

namespace scrutineer {

// A plan file: {"format": "scrutineer-plan/1", "plan": {...}, "priorities": [...],
// "outcomes": [...], "actions": [...]}. Ids are not in files: priorities, objectives and
// plans are referred to by number and key.
struct PlanFilePriority {
    Priority priority;
    std::vector<StrategicObjective> objectives;
    std::vector<std::string> indicators;
    std::vector<Narrative> narratives;
};
struct PlanFileAction {
    Action action;
    std::optional<int> priority_number;   // "priority": the priority's number in this plan
    std::optional<int> objective_number;  // "objective": the objective's number under it
    std::vector<ActionUpdate> updates;
};
struct PlanFile {
    std::string path;
    Plan plan;
    std::optional<std::string> replaced_by;  // the key of the plan that replaced this one
    std::vector<PlanFilePriority> priorities;
    std::vector<LongTermOutcome> outcomes;
    std::vector<PlanFileAction> actions;
};
PlanFile read_plan_file(const std::string& path);
PlanFile parse_plan_file(const std::string& text, const std::string& path);

// A published-figures file: {"format": "scrutineer-published-figures/1", "paper",
// "meeting_date", "tables": [{"section", "area_code", "area_label", "period_label", "rows":
// [{"indicator", "last_12", "lta", "difference", "note"?, "period_label"?}]}]}.
struct PublishedFiguresFile {
    std::string path;
    std::vector<PublishedFigure> figures;  // positions 1, 2, ... in file order
};
PublishedFiguresFile read_published_figures_file(const std::string& path);
PublishedFiguresFile parse_published_figures_file(const std::string& text, const std::string& path);

}  // namespace scrutineer

namespace scrutineer::store {

// Loads plan and published-figures files (told apart by "format") in one transaction: all or
// nothing. A file already loaded (same content) is skipped and said so; a changed file updates
// what it holds by natural key (plan_store.hpp), so nothing is duplicated. A plan's
// "replaced_by" may name a plan of another file of the same call or one already stored.
ImportSummary load_plan_files(Database& db, const std::vector<std::string>& paths,
                              const std::string& user);

// The demo plans: every *.json file in data_dir/demo, as the user "demo".
void load_demo_plans(Database& db, const std::string& data_dir);

}  // namespace scrutineer::store
