#include "scrutineer/plan_store.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <initializer_list>
#include <stdexcept>

#include "scrutineer/row_values.hpp"

namespace scrutineer::store {
namespace {

// Lists live one item a line in a TEXT column (validate() keeps line breaks out of items).
std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

int as_small(const Value& v) {
    return static_cast<int>(as_int(v));
}

Value vis(Visibility v) {
    return text(to_string(v));
}

Visibility visibility_of(const Value& v) {
    auto parsed = parse_visibility(as_text(v));
    if (!parsed) throw DatabaseError(fmt::format("unknown visibility '{}'", as_text(v)));
    return *parsed;
}

bool exists(Database& db, const char* table, int64_t id) {
    // sql-check: table is a literal table name from this file's callers
    return !db.query(fmt::format("SELECT id FROM {} WHERE id = ?", table), {integer(id)}).empty();
}

void require_row(Database& db, const char* table, int64_t id, const char* field) {
    if (!exists(db, table, id))
        throw PlanInvalid(field, fmt::format("there is no row {} in {}", id, table));
}

// An update by id of a row that is not there is the caller's mistake, not bad input.
void require_existing(Database& db, const char* table, int64_t id) {
    if (!exists(db, table, id))
        throw std::out_of_range(fmt::format("{}: there is no row with id {}", table, id));
}

// "2.10" after "2.9".
std::vector<int> number_parts(const std::string& number) {
    std::vector<int> parts;
    int n = 0;
    for (char c : number) {
        if (c == '.') {
            parts.push_back(n);
            n = 0;
        } else if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
        }
    }
    parts.push_back(n);
    return parts;
}

const char* kPlanColumns =
    "p.id, p.plan_key, p.owner, p.title, p.first_year, p.last_year, p.kind, p.status, "
    "p.replaced_by, p.description, p.source, p.visibility, r.visibility";

Plan plan_from(const Row& r, Role viewer) {
    Plan p;
    p.id = as_int(r[0]);
    p.key = as_text(r[1]);
    p.owner = as_text(r[2]);
    p.title = as_text(r[3]);
    p.first_year = as_small(r[4]);
    p.last_year = as_small(r[5]);
    p.kind = parse_plan_kind(as_text(r[6])).value_or(PlanKind::police_and_crime_plan);
    p.status = parse_plan_status(as_text(r[7])).value_or(PlanStatus::current);
    // A successor the viewer may not see is not named to them.
    if (r[8] && may_see(viewer, visibility_of(r[12]))) p.replaced_by = as_int(r[8]);
    p.description = as_text(r[9]);
    p.source = as_text(r[10]);
    p.visibility = visibility_of(r[11]);
    return p;
}

std::vector<Plan> query_plans(Database& db, Role viewer, const std::string& where,
                              std::vector<Value> params) {
    VisibilityFilter f = visible_to(viewer, {"p.visibility"});
    std::vector<Plan> out;
    // sql-check: where is a literal from this file's callers; f is the visibility filter
    //   (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query(fmt::format("SELECT {} FROM plans p LEFT JOIN plans r ON r.id = p.replaced_by "
                              "WHERE {} AND {} ORDER BY CASE p.status WHEN 'current' THEN 0 "
                              "ELSE 1 END, p.first_year DESC, p.title, p.id",
                              kPlanColumns, where, f.sql),
                  with(std::move(params), f)))
        out.push_back(plan_from(r, viewer));
    return out;
}

const char* kActionColumns =
    "a.id, a.plan_id, a.priority_id, a.objective_id, a.delivery_plan, a.section, a.number, "
    "a.text, a.success_measures, a.owners, a.owner_body, a.due, a.status, a.visibility";

// An action is shown only with its plan, and its priority and objective when it has them.
const char* kActionParents =
    "JOIN plans p ON p.id = a.plan_id LEFT JOIN priorities pr ON pr.id = a.priority_id LEFT "
    "JOIN strategic_objectives o ON o.id = a.objective_id";

Action action_from(const Row& r) {
    Action a;
    a.id = as_int(r[0]);
    a.plan_id = as_int(r[1]);
    a.priority_id = optional_id(r[2]);
    a.objective_id = optional_id(r[3]);
    a.delivery_plan = as_text(r[4]);
    a.section = as_text(r[5]);
    a.number = as_text(r[6]);
    a.text = as_text(r[7]);
    a.success_measures = split_lines(as_text(r[8]));
    a.owners = split_lines(as_text(r[9]));
    a.owner_body = as_text(r[10]);
    auto due = parse_due_date(as_text(r[11]));
    if (!due)
        throw DatabaseError(
            fmt::format("action {}: unknown due date '{}'", a.number, as_text(r[11])));
    a.due = *due;
    a.status = parse_action_status(as_text(r[12])).value_or(ActionStatus::not_assessed);
    a.visibility = visibility_of(r[13]);
    return a;
}

}  // namespace

int64_t save_plan(Database& db, const Plan& plan) {
    validate(plan);
    if (plan.replaced_by) require_row(db, "plans", *plan.replaced_by, "replaced_by");
    std::vector<Value> v = {text(plan.key),
                            text(plan.owner),
                            text(plan.title),
                            integer(plan.first_year),
                            integer(plan.last_year),
                            text(to_string(plan.kind)),
                            text(to_string(plan.status)),
                            id_or_null(plan.replaced_by),
                            text(plan.description),
                            text(plan.source),
                            vis(plan.visibility)};
    if (plan.id != 0) {
        require_existing(db, "plans", plan.id);
        v.push_back(integer(plan.id));
        db.execute(
            "UPDATE plans SET plan_key = ?, owner = ?, title = ?, first_year = ?, last_year = ?, "
            "kind = ?, status = ?, replaced_by = ?, description = ?, source = ?, visibility = ? "
            "WHERE id = ?",
            v);
        return plan.id;
    }
    return as_int(
        db.query("INSERT INTO plans (plan_key, owner, title, first_year, last_year, kind, status, "
                 "replaced_by, description, source, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?, ?) ON CONFLICT (plan_key) DO UPDATE SET owner = excluded.owner, title = "
                 "excluded.title, first_year = excluded.first_year, last_year = "
                 "excluded.last_year, kind = excluded.kind, status = excluded.status, "
                 "replaced_by = excluded.replaced_by, description = excluded.description, "
                 "source = excluded.source, visibility = excluded.visibility RETURNING id",
                 v)
            .at(0)
            .at(0));
}

void replace_plan(Database& db, int64_t old_id, int64_t new_id) {
    require_existing(db, "plans", old_id);
    require_existing(db, "plans", new_id);
    // Following the successors of the new plan must not lead back to the old one.
    for (std::optional<int64_t> at = new_id; at;) {
        if (*at == old_id)
            throw PlanInvalid("replaced_by", "the replacement would make plans replace each other");
        at = optional_id(
            db.query("SELECT replaced_by FROM plans WHERE id = ?", {integer(*at)}).at(0).at(0));
    }
    db.execute("UPDATE plans SET status = 'replaced', replaced_by = ? WHERE id = ?",
               {integer(new_id), integer(old_id)});
}

int64_t save_priority(Database& db, const Priority& priority) {
    validate(priority);
    require_row(db, "plans", priority.plan_id, "plan_id");
    std::vector<Value> v = {integer(priority.plan_id),
                            integer(priority.number),
                            text(priority.title),
                            text(priority.description),
                            text(priority.sponsor_agency),
                            text(priority.lead_officer),
                            text(join_lines(priority.targets)),
                            vis(priority.visibility)};
    int64_t id = priority.id;
    if (id != 0) {
        require_existing(db, "priorities", id);
        v.push_back(integer(id));
        db.execute(
            "UPDATE priorities SET plan_id = ?, number = ?, title = ?, description = ?, "
            "sponsor_agency = ?, lead_officer = ?, targets = ?, visibility = ? WHERE id = ?",
            v);
    } else {
        id = as_int(db.query("INSERT INTO priorities (plan_id, number, title, description, "
                             "sponsor_agency, lead_officer, targets, visibility) VALUES (?, ?, ?, "
                             "?, ?, ?, ?, ?) ON CONFLICT (plan_id, number) DO UPDATE SET title = "
                             "excluded.title, description = excluded.description, "
                             "sponsor_agency = excluded.sponsor_agency, lead_officer = "
                             "excluded.lead_officer, targets = excluded.targets, visibility = "
                             "excluded.visibility RETURNING id",
                             v)
                        .at(0)
                        .at(0));
    }
    db.execute("DELETE FROM priority_delivery_groups WHERE priority_id = ?", {integer(id)});
    for (size_t i = 0; i < priority.delivery_groups.size(); ++i) {
        const auto& g = priority.delivery_groups[i];
        db.execute(
            "INSERT INTO priority_delivery_groups (priority_id, position, name, lead, visibility) "
            "VALUES (?, ?, ?, ?, ?)",
            {integer(id), integer(static_cast<int64_t>(i + 1)), text(g.name), text(g.lead),
             vis(g.visibility)});
    }
    return id;
}

int64_t save_objective(Database& db, const StrategicObjective& objective) {
    validate(objective);
    require_row(db, "priorities", objective.priority_id, "priority_id");
    std::vector<Value> v = {integer(objective.priority_id), integer(objective.number),
                            text(objective.text), text(objective.description),
                            vis(objective.visibility)};
    if (objective.id != 0) {
        require_existing(db, "strategic_objectives", objective.id);
        v.push_back(integer(objective.id));
        db.execute(
            "UPDATE strategic_objectives SET priority_id = ?, number = ?, text = ?, description "
            "= ?, visibility = ? WHERE id = ?",
            v);
        return objective.id;
    }
    return as_int(db.query("INSERT INTO strategic_objectives (priority_id, number, text, "
                           "description, visibility) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                           "(priority_id, number) DO UPDATE SET text = excluded.text, "
                           "description = excluded.description, visibility = "
                           "excluded.visibility RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

int64_t save_outcome(Database& db, const LongTermOutcome& outcome) {
    validate(outcome);
    require_row(db, "plans", outcome.plan_id, "plan_id");
    std::vector<Value> v = {integer(outcome.plan_id), integer(outcome.number), text(outcome.text),
                            text(outcome.delivery_plan), vis(outcome.visibility)};
    if (outcome.id != 0) {
        require_existing(db, "long_term_outcomes", outcome.id);
        v.push_back(integer(outcome.id));
        db.execute(
            "UPDATE long_term_outcomes SET plan_id = ?, number = ?, text = ?, delivery_plan = ?, "
            "visibility = ? WHERE id = ?",
            v);
        return outcome.id;
    }
    return as_int(db.query("INSERT INTO long_term_outcomes (plan_id, number, text, "
                           "delivery_plan, visibility) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                           "(plan_id, number) DO UPDATE SET text = excluded.text, delivery_plan "
                           "= excluded.delivery_plan, visibility = excluded.visibility "
                           "RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

int64_t save_action(Database& db, const Action& action) {
    validate(action);
    require_row(db, "plans", action.plan_id, "plan_id");
    if (action.priority_id) {
        auto r =
            db.query("SELECT plan_id FROM priorities WHERE id = ?", {integer(*action.priority_id)});
        if (r.empty() || as_int(r[0][0]) != action.plan_id)
            throw PlanInvalid("priority_id", fmt::format("{} is not a priority of plan {}",
                                                         *action.priority_id, action.plan_id));
    }
    if (action.objective_id) {
        auto r = db.query(
            "SELECT o.priority_id, pr.plan_id FROM strategic_objectives o JOIN priorities pr ON "
            "pr.id = o.priority_id WHERE o.id = ?",
            {integer(*action.objective_id)});
        if (r.empty() || as_int(r[0][1]) != action.plan_id ||
            (action.priority_id && as_int(r[0][0]) != *action.priority_id))
            throw PlanInvalid("objective_id",
                              fmt::format("{} is not an objective of the action's priority",
                                          *action.objective_id));
    }
    std::vector<Value> v = {integer(action.plan_id),
                            id_or_null(action.priority_id),
                            id_or_null(action.objective_id),
                            text(action.delivery_plan),
                            text(action.section),
                            text(action.number),
                            text(action.text),
                            text(join_lines(action.success_measures)),
                            text(join_lines(action.owners)),
                            text(action.owner_body),
                            text(to_string(action.due)),
                            text(to_string(action.status)),
                            vis(action.visibility)};
    if (action.id != 0) {
        require_existing(db, "actions", action.id);
        v.push_back(integer(action.id));
        db.execute(
            "UPDATE actions SET plan_id = ?, priority_id = ?, objective_id = ?, delivery_plan = "
            "?, section = ?, number = ?, text = ?, success_measures = ?, owners = ?, owner_body "
            "= ?, due = ?, status = ?, visibility = ? WHERE id = ?",
            v);
        return action.id;
    }
    return as_int(
        db.query("INSERT INTO actions (plan_id, priority_id, objective_id, delivery_plan, "
                 "section, number, text, success_measures, owners, owner_body, due, status, "
                 "visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                 "(plan_id, number) DO UPDATE SET priority_id = excluded.priority_id, "
                 "objective_id = excluded.objective_id, delivery_plan = excluded.delivery_plan, "
                 "section = excluded.section, text = excluded.text, success_measures = "
                 "excluded.success_measures, owners = excluded.owners, owner_body = "
                 "excluded.owner_body, due = excluded.due, status = excluded.status, "
                 "visibility = excluded.visibility RETURNING id",
                 v)
            .at(0)
            .at(0));
}

int64_t save_action_update(Database& db, const ActionUpdate& update) {
    validate(update);
    require_row(db, "actions", update.action_id, "action_id");
    int64_t id = update.id;
    if (id == 0) {
        // The same words on the same day for the same action are the same update.
        auto same = db.query(
            "SELECT id FROM action_updates WHERE action_id = ? AND entry_date = ? AND text = ?",
            {integer(update.action_id), text(to_string(update.date)), text(update.text)});
        if (same.empty())
            return as_int(db.query("INSERT INTO action_updates (action_id, entry_date, text, "
                                   "author, visibility) VALUES (?, ?, ?, ?, ?) RETURNING id",
                                   {integer(update.action_id), text(to_string(update.date)),
                                    text(update.text), text(update.author), vis(update.visibility)})
                              .at(0)
                              .at(0));
        id = as_int(same[0][0]);
    } else {
        require_existing(db, "action_updates", id);
    }
    db.execute(
        "UPDATE action_updates SET action_id = ?, entry_date = ?, text = ?, author = ?, "
        "visibility = ? WHERE id = ?",
        {integer(update.action_id), text(to_string(update.date)), text(update.text),
         text(update.author), vis(update.visibility), integer(id)});
    return id;
}

int64_t save_narrative(Database& db, const Narrative& narrative) {
    validate(narrative);
    require_row(db, "priorities", narrative.priority_id, "priority_id");
    std::vector<Value> v = {integer(narrative.priority_id), text(to_string(narrative.period_end)),
                            text(narrative.text), text(narrative.author),
                            vis(narrative.visibility)};
    if (narrative.id != 0) {
        require_existing(db, "narratives", narrative.id);
        v.push_back(integer(narrative.id));
        db.execute(
            "UPDATE narratives SET priority_id = ?, period_end = ?, text = ?, author = ?, "
            "visibility = ? WHERE id = ?",
            v);
        return narrative.id;
    }
    return as_int(db.query("INSERT INTO narratives (priority_id, period_end, text, author, "
                           "visibility) VALUES (?, ?, ?, ?, ?) ON CONFLICT (priority_id, "
                           "period_end) DO UPDATE SET text = excluded.text, author = "
                           "excluded.author, visibility = excluded.visibility RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

void save_priority_indicator(Database& db, const PriorityIndicator& link) {
    validate(link);
    require_row(db, "priorities", link.priority_id, "priority_id");
    db.execute(
        "INSERT INTO priority_indicators (priority_id, indicator, position, visibility) VALUES "
        "(?, ?, ?, ?) ON CONFLICT (priority_id, indicator) DO UPDATE SET position = "
        "excluded.position, visibility = excluded.visibility",
        {integer(link.priority_id), text(link.indicator), integer(link.position),
         vis(link.visibility)});
}

int64_t save_published_figure(Database& db, const PublishedFigure& f) {
    validate(f);
    std::vector<Value> v = {text(f.paper),        text(to_string(f.meeting_date)),
                            text(f.section),      text(f.area_code),
                            text(f.area_label),   text(f.indicator),
                            text(f.period_label), text(f.last_12),
                            text(f.lta),          text(f.difference),
                            text(f.note),         integer(f.position),
                            vis(f.visibility)};
    if (f.id != 0) {
        require_existing(db, "published_figures", f.id);
        v.push_back(integer(f.id));
        db.execute(
            "UPDATE published_figures SET paper = ?, meeting_date = ?, section = ?, area_code = "
            "?, area_label = ?, indicator = ?, period_label = ?, last_12 = ?, lta = ?, "
            "difference = ?, note = ?, position = ?, visibility = ? WHERE id = ?",
            v);
        return f.id;
    }
    return as_int(
        db.query("INSERT INTO published_figures (paper, meeting_date, section, area_code, "
                 "area_label, indicator, period_label, last_12, lta, difference, note, position, "
                 "visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (paper, "
                 "area_code, indicator, period_label) DO UPDATE SET meeting_date = "
                 "excluded.meeting_date, section = excluded.section, area_label = "
                 "excluded.area_label, last_12 = excluded.last_12, lta = excluded.lta, "
                 "difference = excluded.difference, note = excluded.note, position = "
                 "excluded.position, visibility = excluded.visibility RETURNING id",
                 v)
            .at(0)
            .at(0));
}

std::vector<Plan> load_plans(Database& db, Role viewer) {
    return query_plans(db, viewer, "1 = 1", {});
}

std::optional<Plan> load_plan(Database& db, Role viewer, int64_t id) {
    auto plans = query_plans(db, viewer, "p.id = ?", {integer(id)});
    if (plans.empty()) return std::nullopt;
    return plans[0];
}

std::optional<Plan> find_plan(Database& db, Role viewer, const std::string& key) {
    auto plans = query_plans(db, viewer, "p.plan_key = ?", {text(key)});
    if (plans.empty()) return std::nullopt;
    return plans[0];
}

std::vector<Priority> load_priorities(Database& db, Role viewer, int64_t plan_id) {
    VisibilityFilter f = visible_to(viewer, {"pr.visibility", "p.visibility"});
    std::vector<Priority> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r : db.query(
             "SELECT pr.id, pr.plan_id, pr.number, pr.title, pr.description, pr.sponsor_agency, "
             "pr.lead_officer, pr.targets, pr.visibility FROM priorities pr JOIN plans p ON p.id "
             "= pr.plan_id WHERE pr.plan_id = ? AND " +
                 f.sql + " ORDER BY pr.number",
             with({integer(plan_id)}, f))) {
        Priority p;
        p.id = as_int(r[0]);
        p.plan_id = as_int(r[1]);
        p.number = as_small(r[2]);
        p.title = as_text(r[3]);
        p.description = as_text(r[4]);
        p.sponsor_agency = as_text(r[5]);
        p.lead_officer = as_text(r[6]);
        p.targets = split_lines(as_text(r[7]));
        p.visibility = visibility_of(r[8]);
        out.push_back(std::move(p));
    }
    VisibilityFilter g = visible_to(viewer, {"visibility"});
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (auto& p : out)
        for (const auto& r : db.query("SELECT name, lead, visibility FROM "
                                      "priority_delivery_groups WHERE priority_id = ? AND " +
                                          g.sql + " ORDER BY position",
                                      with({integer(p.id)}, g)))
            p.delivery_groups.push_back({as_text(r[0]), as_text(r[1]), visibility_of(r[2])});
    return out;
}

std::vector<StrategicObjective> load_objectives(Database& db, Role viewer, int64_t priority_id) {
    VisibilityFilter f = visible_to(viewer, {"o.visibility", "pr.visibility", "p.visibility"});
    std::vector<StrategicObjective> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r : db.query(
             "SELECT o.id, o.priority_id, o.number, o.text, o.description, o.visibility FROM "
             "strategic_objectives o JOIN priorities pr ON pr.id = o.priority_id JOIN plans p ON "
             "p.id = pr.plan_id WHERE o.priority_id = ? AND " +
                 f.sql + " ORDER BY o.number",
             with({integer(priority_id)}, f)))
        out.push_back({as_int(r[0]), as_int(r[1]), as_small(r[2]), as_text(r[3]), as_text(r[4]),
                       visibility_of(r[5])});
    return out;
}

std::vector<LongTermOutcome> load_outcomes(Database& db, Role viewer, int64_t plan_id) {
    VisibilityFilter f = visible_to(viewer, {"o.visibility", "p.visibility"});
    std::vector<LongTermOutcome> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query("SELECT o.id, o.plan_id, o.number, o.text, o.delivery_plan, o.visibility FROM "
                  "long_term_outcomes o JOIN plans p ON p.id = o.plan_id WHERE o.plan_id = ? "
                  "AND " +
                      f.sql + " ORDER BY o.number",
                  with({integer(plan_id)}, f)))
        out.push_back({as_int(r[0]), as_int(r[1]), as_small(r[2]), as_text(r[3]), as_text(r[4]),
                       visibility_of(r[5])});
    return out;
}

std::vector<Action> load_actions(Database& db, Role viewer, int64_t plan_id) {
    VisibilityFilter f =
        visible_to(viewer, {"a.visibility", "p.visibility", "pr.visibility", "o.visibility"});
    std::vector<Action> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query(fmt::format("SELECT {} FROM actions a {} WHERE a.plan_id = ? AND {}",
                              kActionColumns, kActionParents, f.sql),
                  with({integer(plan_id)}, f)))
        out.push_back(action_from(r));
    std::stable_sort(out.begin(), out.end(), [](const Action& a, const Action& b) {
        return number_parts(a.number) < number_parts(b.number);
    });
    return out;
}

std::optional<Action> load_action(Database& db, Role viewer, int64_t id) {
    VisibilityFilter f =
        visible_to(viewer, {"a.visibility", "p.visibility", "pr.visibility", "o.visibility"});
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    auto rows = db.query(fmt::format("SELECT {} FROM actions a {} WHERE a.id = ? AND {}",
                                     kActionColumns, kActionParents, f.sql),
                         with({integer(id)}, f));
    if (rows.empty()) return std::nullopt;
    return action_from(rows[0]);
}

std::vector<ActionUpdate> load_action_updates(Database& db, Role viewer, int64_t action_id) {
    VisibilityFilter f = visible_to(
        viewer, {"u.visibility", "a.visibility", "p.visibility", "pr.visibility", "o.visibility"});
    std::vector<ActionUpdate> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r : db.query(
             fmt::format("SELECT u.id, u.action_id, u.entry_date, u.text, u.author, u.visibility "
                         "FROM action_updates u JOIN actions a ON a.id = u.action_id {} WHERE "
                         "u.action_id = ? AND {} ORDER BY u.entry_date, u.id",
                         kActionParents, f.sql),
             with({integer(action_id)}, f))) {
        auto date = parse_date(as_text(r[2]));
        if (!date) throw DatabaseError(fmt::format("unknown update date '{}'", as_text(r[2])));
        out.push_back(
            {as_int(r[0]), as_int(r[1]), *date, as_text(r[3]), as_text(r[4]), visibility_of(r[5])});
    }
    return out;
}

std::vector<Narrative> load_narratives(Database& db, Role viewer, int64_t priority_id) {
    VisibilityFilter f = visible_to(viewer, {"n.visibility", "pr.visibility", "p.visibility"});
    std::vector<Narrative> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query("SELECT n.id, n.priority_id, n.period_end, n.text, n.author, n.visibility FROM "
                  "narratives n JOIN priorities pr ON pr.id = n.priority_id JOIN plans p ON p.id = "
                  "pr.plan_id WHERE n.priority_id = ? AND " +
                      f.sql + " ORDER BY n.period_end DESC",
                  with({integer(priority_id)}, f))) {
        auto month = parse_month(as_text(r[2]));
        if (!month) throw DatabaseError(fmt::format("unknown period end '{}'", as_text(r[2])));
        out.push_back({as_int(r[0]), as_int(r[1]), *month, as_text(r[3]), as_text(r[4]),
                       visibility_of(r[5])});
    }
    return out;
}

std::vector<PriorityIndicator> load_priority_indicators(Database& db, Role viewer,
                                                        int64_t priority_id) {
    VisibilityFilter f = visible_to(viewer, {"l.visibility", "pr.visibility", "p.visibility"});
    std::vector<PriorityIndicator> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r : db.query(
             "SELECT l.priority_id, l.indicator, l.position, l.visibility FROM "
             "priority_indicators l JOIN priorities pr ON pr.id = l.priority_id JOIN plans p ON "
             "p.id = pr.plan_id WHERE l.priority_id = ? AND " +
                 f.sql + " ORDER BY l.position, l.indicator",
             with({integer(priority_id)}, f)))
        out.push_back({as_int(r[0]), as_text(r[1]), as_small(r[2]), visibility_of(r[3])});
    return out;
}

namespace {

std::vector<PublishedFigure> query_figures(Database& db, Role viewer, const std::string& where,
                                           std::vector<Value> params) {
    VisibilityFilter f = visible_to(viewer, {"visibility"});
    std::vector<PublishedFigure> out;
    // sql-check: where is a literal from this file's callers; f is the visibility filter
    //   (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query("SELECT id, paper, meeting_date, section, area_code, area_label, indicator, "
                  "period_label, last_12, lta, difference, note, position, visibility FROM "
                  "published_figures WHERE " +
                      where + " AND " + f.sql + " ORDER BY meeting_date, paper, position, id",
                  with(std::move(params), f))) {
        auto date = parse_date(as_text(r[2]));
        if (!date) throw DatabaseError(fmt::format("unknown meeting date '{}'", as_text(r[2])));
        PublishedFigure p;
        p.id = as_int(r[0]);
        p.paper = as_text(r[1]);
        p.meeting_date = *date;
        p.section = as_text(r[3]);
        p.area_code = as_text(r[4]);
        p.area_label = as_text(r[5]);
        p.indicator = as_text(r[6]);
        p.period_label = as_text(r[7]);
        p.last_12 = as_text(r[8]);
        p.lta = as_text(r[9]);
        p.difference = as_text(r[10]);
        p.note = as_text(r[11]);
        p.position = as_small(r[12]);
        p.visibility = visibility_of(r[13]);
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

std::vector<PublishedFigure> load_published_figures(Database& db, Role viewer) {
    return query_figures(db, viewer, "1 = 1", {});
}

std::vector<PublishedFigure> load_published_figures(Database& db, Role viewer,
                                                    const std::string& paper) {
    return query_figures(db, viewer, "paper = ?", {text(paper)});
}

std::optional<PlanDetail> load_plan_detail(Database& db, Role viewer, int64_t plan_id) {
    auto plan = load_plan(db, viewer, plan_id);
    if (!plan) return std::nullopt;
    PlanDetail d{*plan, {}, load_outcomes(db, viewer, plan_id), {}};
    for (auto& p : load_priorities(db, viewer, plan_id)) {
        int64_t id = p.id;
        d.priorities.push_back({std::move(p), load_objectives(db, viewer, id),
                                load_priority_indicators(db, viewer, id),
                                load_narratives(db, viewer, id)});
    }
    for (auto& a : load_actions(db, viewer, plan_id)) {
        int64_t id = a.id;
        d.actions.push_back({std::move(a), load_action_updates(db, viewer, id)});
    }
    return d;
}

std::optional<Plan> scrutinised_plan(Database& db, Role viewer, const Panel& panel) {
    std::optional<PlanKind> kind;
    if (panel.kind == PanelKind::police_and_crime_panel) kind = PlanKind::police_and_crime_plan;
    if (panel.kind == PanelKind::csp_scrutiny_sub_panel) kind = PlanKind::csp_plan;
    if (!kind) return std::nullopt;
    std::optional<Plan> out;
    for (const auto& p : load_plans(db, viewer))
        if (p.kind == *kind && p.status == PlanStatus::current &&
            (!out || p.first_year > out->first_year))
            out = p;
    return out;
}

}  // namespace scrutineer::store
