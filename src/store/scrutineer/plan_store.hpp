// Plans, delivery plans, narratives and published figures in the store (migration 2).
//
// Saving: each save_ function checks the item first (validate() in plan.hpp, PlanInvalid) and
// then writes it. With an id it updates that row (std::out_of_range if there is none); with id 0
// it updates the row with the same natural key, or adds one, so that loading the same content
// twice changes nothing. Natural keys: a plan's key; a priority's number in its plan; an
// objective's number in its priority; an outcome's and an action's number in its plan; an
// update's (action, date, text); a narrative's (priority, period end); a published figure's
// (paper, area, indicator, period label). Saves do not open a transaction: callers group them.
//
// Loading: every load function takes the viewer's role and returns only what may_see allows,
// for the row itself and for everything it belongs to (an objective of an exempt priority is
// hidden from the public too). The filter is in the SQL, so no page can forget it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/plan.hpp"

namespace scrutineer::store {

int64_t save_plan(Database& db, const Plan& plan);
int64_t save_priority(Database& db, const Priority& priority);  // with its delivery groups
int64_t save_objective(Database& db, const StrategicObjective& objective);
int64_t save_outcome(Database& db, const LongTermOutcome& outcome);
int64_t save_action(Database& db, const Action& action);
int64_t save_action_update(Database& db, const ActionUpdate& update);
int64_t save_narrative(Database& db, const Narrative& narrative);
void save_priority_indicator(Database& db, const PriorityIndicator& link);
int64_t save_published_figure(Database& db, const PublishedFigure& figure);

// Marks plan `old_id` replaced by `new_id` (a variation or a new plan); both stay.
void replace_plan(Database& db, int64_t old_id, int64_t new_id);

// Current plans first, then by period and title.
std::vector<Plan> load_plans(Database& db, Role viewer);
std::optional<Plan> load_plan(Database& db, Role viewer, int64_t id);
std::optional<Plan> find_plan(Database& db, Role viewer, const std::string& key);
// The plan a panel scrutinises: the newest current Police and Crime Plan for a Police and Crime
// Panel, the newest current CSP plan for a CSP scrutiny sub-panel; nothing for other panels.
std::optional<Plan> scrutinised_plan(Database& db, Role viewer, const Panel& panel);

// By number.
std::vector<Priority> load_priorities(Database& db, Role viewer, int64_t plan_id);
std::vector<StrategicObjective> load_objectives(Database& db, Role viewer, int64_t priority_id);
std::vector<LongTermOutcome> load_outcomes(Database& db, Role viewer, int64_t plan_id);

// By number, compared part by part ("2.10" after "2.9").
std::vector<Action> load_actions(Database& db, Role viewer, int64_t plan_id);
std::optional<Action> load_action(Database& db, Role viewer, int64_t id);

// Oldest first.
std::vector<ActionUpdate> load_action_updates(Database& db, Role viewer, int64_t action_id);

// Latest period first.
std::vector<Narrative> load_narratives(Database& db, Role viewer, int64_t priority_id);

std::vector<PriorityIndicator> load_priority_indicators(Database& db, Role viewer,
                                                        int64_t priority_id);

// In the order the paper printed them; all papers, or one.
std::vector<PublishedFigure> load_published_figures(Database& db, Role viewer);
std::vector<PublishedFigure> load_published_figures(Database& db, Role viewer,
                                                    const std::string& paper);

// A whole plan as a viewer may see it, for a page or an export.
struct PriorityDetail {
    Priority priority;
    std::vector<StrategicObjective> objectives;
    std::vector<PriorityIndicator> indicators;
    std::vector<Narrative> narratives;
};
struct ActionDetail {
    Action action;
    std::vector<ActionUpdate> updates;
};
struct PlanDetail {
    Plan plan;
    std::vector<PriorityDetail> priorities;
    std::vector<LongTermOutcome> outcomes;
    std::vector<ActionDetail> actions;
};
std::optional<PlanDetail> load_plan_detail(Database& db, Role viewer, int64_t plan_id);

}  // namespace scrutineer::store
