#include "scrutineer/plan_file.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"
#include "scrutineer/plan_store.hpp"

namespace scrutineer {
namespace {

using json = nlohmann::json;

constexpr const char* kPlanFormat = "scrutineer-plan/1";
constexpr const char* kFiguresFormat = "scrutineer-published-figures/1";

using Fields = JsonFields;

// The domain's own rules, reported against the item's place in the file.
template <typename T>
void check(const T& value, const std::string& where, const std::string& path) {
    try {
        validate(value);
    } catch (const PlanInvalid& e) {
        throw InputError(path, 0, where.empty() ? e.field : where + "." + e.field, e.problem);
    }
}

std::string format_of(const json& j, const std::string& path) {
    if (!j.is_object()) throw InputError(path, 0, "", "is not a JSON object ({...})");
    if (!j.contains("format") || !j["format"].is_string())
        throw InputError(path, 0, "format", "is missing");
    return j["format"].get<std::string>();
}

Plan read_plan(const Fields& f, std::optional<std::string>& replaced_by) {
    Plan p;
    p.key = f.text("key");
    p.owner = f.text("owner");
    p.title = f.text("title");
    p.first_year = f.required_whole("first_year");
    p.last_year = f.required_whole("last_year");
    auto kind = parse_plan_kind(f.text("kind"));
    if (!kind) f.fail("kind", "must be 'police_and_crime_plan' or 'csp_plan'");
    p.kind = *kind;
    if (f.has("status")) {
        auto status = parse_plan_status(f.text("status"));
        if (!status) f.fail("status", "must be 'current' or 'replaced'");
        p.status = *status;
    }
    if (f.has("replaced_by")) {
        replaced_by = f.text("replaced_by");
        if (p.status != PlanStatus::replaced)
            f.fail("replaced_by", "is given but the plan's status is not 'replaced'");
    }
    p.description = f.text("description", false);
    p.source = f.text("source", false);
    p.visibility = f.visibility();
    check(p, f.where, f.path);
    return p;
}

PlanFilePriority read_priority(const Fields& f) {
    PlanFilePriority out;
    Priority& p = out.priority;
    p.number = f.required_whole("number");
    p.title = f.text("title");
    p.description = f.text("description", false);
    p.sponsor_agency = f.text("sponsor_agency", false);
    p.lead_officer = f.text("lead_officer", false);
    p.targets = f.texts("targets");
    p.visibility = f.visibility();
    const json& groups = f.list("delivery_groups");
    for (size_t i = 0; i < groups.size(); ++i) {
        Fields g(groups[i], json_item(f.name("delivery_groups"), i), f.path,
                 {"name", "lead", "visibility"});
        // A group is shown with its priority unless the file says otherwise.
        Visibility v = g.has("visibility") ? g.visibility() : p.visibility;
        p.delivery_groups.push_back({g.text("name"), g.text("lead", false), v});
    }
    check(p, f.where, f.path);

    const json& objectives = f.list("objectives");
    for (size_t i = 0; i < objectives.size(); ++i) {
        Fields o(objectives[i], json_item(f.name("objectives"), i), f.path,
                 {"number", "text", "description", "visibility"});
        StrategicObjective obj;
        obj.number = o.whole("number").value_or(static_cast<int>(i + 1));
        obj.text = o.text("text");
        obj.description = o.text("description", false);
        obj.visibility = o.visibility();
        check(obj, o.where, f.path);
        for (const auto& other : out.objectives)
            if (other.number == obj.number)
                o.fail("number", fmt::format("objective {} is given twice", obj.number));
        out.objectives.push_back(std::move(obj));
    }

    out.indicators = f.texts("indicators");
    std::set<std::string> seen;
    for (size_t i = 0; i < out.indicators.size(); ++i) {
        PriorityIndicator link{0, out.indicators[i], static_cast<int>(i + 1), p.visibility};
        check(link, json_item(f.name("indicators"), i), f.path);
        if (!seen.insert(out.indicators[i]).second)
            throw InputError(f.path, 0, json_item(f.name("indicators"), i),
                             fmt::format("'{}' is given twice", out.indicators[i]));
    }

    const json& narratives = f.list("narratives");
    for (size_t i = 0; i < narratives.size(); ++i) {
        Fields n(narratives[i], json_item(f.name("narratives"), i), f.path,
                 {"period_end", "text", "author", "visibility"});
        Narrative nar;
        nar.period_end = n.month("period_end");
        nar.text = n.text("text");
        nar.author = n.text("author", false);
        nar.visibility = n.visibility();
        check(nar, n.where, f.path);
        for (const auto& other : out.narratives)
            if (other.period_end == nar.period_end)
                n.fail("period_end",
                       fmt::format("a narrative for {} is given twice", to_string(nar.period_end)));
        out.narratives.push_back(std::move(nar));
    }
    return out;
}

PlanFileAction read_action(const Fields& f, const std::vector<PlanFilePriority>& priorities) {
    PlanFileAction out;
    Action& a = out.action;
    a.number = f.text("number");
    a.text = f.text("text");
    a.delivery_plan = f.text("delivery_plan", false);
    a.section = f.text("section", false);
    a.success_measures = f.texts("success_measures");
    a.owners = f.texts("owners");
    a.owner_body = f.text("owner_body", false);
    std::string due = f.text("due");
    auto parsed = parse_due_date(due);
    if (!parsed) f.fail("due", fmt::format("'{}' must be YYYY-MM, YYYY-MM-DD or \"Ongoing\"", due));
    a.due = *parsed;
    if (f.has("status")) {
        auto status = parse_action_status(f.text("status"));
        if (!status)
            f.fail("status",
                   "must be one of not_assessed, not_started, on_track, at_risk, off_track, "
                   "complete");
        a.status = *status;
    }
    a.visibility = f.visibility();
    check(a, f.where, f.path);

    out.priority_number = f.whole("priority");
    out.objective_number = f.whole("objective");
    if (out.objective_number && !out.priority_number)
        f.fail("objective", "needs the action's \"priority\" too");
    if (out.priority_number) {
        auto p = std::find_if(priorities.begin(), priorities.end(), [&](const auto& x) {
            return x.priority.number == *out.priority_number;
        });
        if (p == priorities.end())
            f.fail("priority",
                   fmt::format("there is no priority {} in this file", *out.priority_number));
        if (out.objective_number &&
            std::none_of(p->objectives.begin(), p->objectives.end(),
                         [&](const auto& o) { return o.number == *out.objective_number; }))
            f.fail("objective", fmt::format("priority {} has no objective {}", *out.priority_number,
                                            *out.objective_number));
    }

    const json& updates = f.list("updates");
    for (size_t i = 0; i < updates.size(); ++i) {
        Fields u(updates[i], json_item(f.name("updates"), i), f.path,
                 {"date", "text", "author", "visibility"});
        ActionUpdate up;
        up.date = u.date("date");
        up.text = u.text("text");
        up.author = u.text("author", false);
        up.visibility = u.visibility();
        check(up, u.where, f.path);
        out.updates.push_back(std::move(up));
    }
    return out;
}

PlanFile plan_file_from(const json& j, const std::string& path) {
    Fields top(j, "", path, {"format", "plan", "priorities", "outcomes", "actions"});
    PlanFile out;
    out.path = path;
    if (!top.has("plan")) top.fail("plan", "is missing");
    out.plan = read_plan(Fields(j["plan"], "plan", path,
                                {"key", "owner", "title", "first_year", "last_year", "kind",
                                 "status", "replaced_by", "description", "source", "visibility"}),
                         out.replaced_by);
    if (out.replaced_by && *out.replaced_by == out.plan.key)
        throw InputError(path, 0, "plan.replaced_by", "names the plan itself");

    const json& priorities = top.list("priorities");
    for (size_t i = 0; i < priorities.size(); ++i) {
        Fields f(
            priorities[i], json_item("priorities", i), path,
            {"number", "title", "description", "sponsor_agency", "lead_officer", "delivery_groups",
             "targets", "objectives", "indicators", "narratives", "visibility"});
        auto p = read_priority(f);
        for (const auto& other : out.priorities)
            if (other.priority.number == p.priority.number)
                f.fail("number", fmt::format("priority {} is given twice", p.priority.number));
        out.priorities.push_back(std::move(p));
    }

    const json& outcomes = top.list("outcomes");
    for (size_t i = 0; i < outcomes.size(); ++i) {
        Fields f(outcomes[i], json_item("outcomes", i), path,
                 {"number", "text", "delivery_plan", "visibility"});
        LongTermOutcome o;
        o.number = f.required_whole("number");
        o.text = f.text("text");
        o.delivery_plan = f.text("delivery_plan", false);
        o.visibility = f.visibility();
        check(o, f.where, path);
        for (const auto& other : out.outcomes)
            if (other.number == o.number)
                f.fail("number", fmt::format("outcome {} is given twice", o.number));
        out.outcomes.push_back(std::move(o));
    }

    const json& actions = top.list("actions");
    for (size_t i = 0; i < actions.size(); ++i) {
        Fields f(
            actions[i], json_item("actions", i), path,
            {"number", "priority", "objective", "delivery_plan", "section", "text",
             "success_measures", "owners", "owner_body", "due", "status", "updates", "visibility"});
        auto a = read_action(f, out.priorities);
        for (const auto& other : out.actions)
            if (other.action.number == a.action.number)
                f.fail("number", fmt::format("action {} is given twice", a.action.number));
        out.actions.push_back(std::move(a));
    }
    return out;
}

PublishedFiguresFile figures_file_from(const json& j, const std::string& path) {
    Fields top(j, "", path, {"format", "paper", "meeting_date", "source", "tables"});
    PublishedFiguresFile out;
    out.path = path;
    std::string paper = top.text("paper");
    CalendarDate meeting = top.date("meeting_date");
    if (!top.has("tables")) top.fail("tables", "is missing");
    const json& tables = top.list("tables");
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    int position = 0;
    for (size_t t = 0; t < tables.size(); ++t) {
        Fields table(tables[t], json_item("tables", t), path,
                     {"section", "area_code", "area_label", "period_label", "rows"});
        if (!table.has("rows")) table.fail("rows", "is missing");
        const json& rows = table.list("rows");
        for (size_t r = 0; r < rows.size(); ++r) {
            Fields row(rows[r], json_item(table.name("rows"), r), path,
                       {"indicator", "last_12", "lta", "difference", "note", "period_label"});
            PublishedFigure fig;
            fig.paper = paper;
            fig.meeting_date = meeting;
            fig.section = table.text("section", false);
            fig.area_code = table.text("area_code");
            fig.area_label = table.text("area_label", false);
            fig.indicator = row.text("indicator");
            fig.period_label =
                row.has("period_label") ? row.text("period_label") : table.text("period_label");
            fig.last_12 = row.text("last_12", false);
            fig.lta = row.text("lta", false);
            fig.difference = row.text("difference", false);
            fig.note = row.text("note", false);
            fig.position = ++position;
            check(fig, row.where, path);
            if (!seen.insert({fig.area_code, fig.indicator, fig.period_label}).second)
                row.fail("indicator", fmt::format("{} for {} ({}) is given twice", fig.indicator,
                                                  fig.area_code, fig.period_label));
            out.figures.push_back(std::move(fig));
        }
    }
    return out;
}

}  // namespace

PlanFile parse_plan_file(const std::string& text, const std::string& path) {
    json j = parse_json(text, path);
    std::string format = format_of(j, path);
    if (format != kPlanFormat)
        throw InputError(path, 0, "format",
                         fmt::format("is '{}'; a plan file's is '{}'", format, kPlanFormat));
    return plan_file_from(j, path);
}

PlanFile read_plan_file(const std::string& path) {
    return parse_plan_file(read_file(path), path);
}

PublishedFiguresFile parse_published_figures_file(const std::string& text,
                                                  const std::string& path) {
    json j = parse_json(text, path);
    std::string format = format_of(j, path);
    if (format != kFiguresFormat)
        throw InputError(
            path, 0, "format",
            fmt::format("is '{}'; a published-figures file's is '{}'", format, kFiguresFormat));
    return figures_file_from(j, path);
}

PublishedFiguresFile read_published_figures_file(const std::string& path) {
    return parse_published_figures_file(read_file(path), path);
}

}  // namespace scrutineer

namespace scrutineer::store {
namespace {

// A store rule broken by a file (e.g. a key another plan already has) names the file.
template <typename F>
auto in_file(const std::string& path, const std::string& where, F&& save) {
    try {
        return save();
    } catch (const PlanInvalid& e) {
        throw InputError(path, 0, where.empty() ? e.field : where + "." + e.field, e.problem);
    }
}

int64_t save_plan_file(Database& db, const PlanFile& file) {
    const std::string& path = file.path;
    int64_t rows = 0;
    Plan plan = file.plan;
    plan.replaced_by.reset();  // set once every plan of the call is stored
    int64_t plan_id = in_file(path, "plan", [&] { return save_plan(db, plan); });
    std::map<int, int64_t> priority_ids;
    std::map<std::pair<int, int>, int64_t> objective_ids;
    for (size_t i = 0; i < file.priorities.size(); ++i) {
        const auto& p = file.priorities[i];
        std::string where = fmt::format("priorities[{}]", i);
        Priority priority = p.priority;
        priority.plan_id = plan_id;
        int64_t id = in_file(path, where, [&] { return save_priority(db, priority); });
        priority_ids[priority.number] = id;
        ++rows;
        for (auto o : p.objectives) {
            o.priority_id = id;
            objective_ids[{priority.number, o.number}] =
                in_file(path, where, [&] { return save_objective(db, o); });
            ++rows;
        }
        for (size_t k = 0; k < p.indicators.size(); ++k) {
            PriorityIndicator link{id, p.indicators[k], static_cast<int>(k + 1),
                                   priority.visibility};
            in_file(path, where, [&] {
                save_priority_indicator(db, link);
                return 0;
            });
            ++rows;
        }
        for (auto n : p.narratives) {
            n.priority_id = id;
            in_file(path, where, [&] { return save_narrative(db, n); });
            ++rows;
        }
    }
    for (size_t i = 0; i < file.outcomes.size(); ++i) {
        LongTermOutcome o = file.outcomes[i];
        o.plan_id = plan_id;
        in_file(path, fmt::format("outcomes[{}]", i), [&] { return save_outcome(db, o); });
        ++rows;
    }
    for (size_t i = 0; i < file.actions.size(); ++i) {
        const auto& a = file.actions[i];
        std::string where = fmt::format("actions[{}]", i);
        Action action = a.action;
        action.plan_id = plan_id;
        if (a.priority_number) action.priority_id = priority_ids.at(*a.priority_number);
        if (a.objective_number)
            action.objective_id = objective_ids.at({*a.priority_number, *a.objective_number});
        int64_t id = in_file(path, where, [&] { return save_action(db, action); });
        ++rows;
        for (auto u : a.updates) {
            u.action_id = id;
            in_file(path, where, [&] { return save_action_update(db, u); });
            ++rows;
        }
    }
    return rows;
}

std::optional<std::string> already_loaded(Database& db, const std::string& kind,
                                          const std::string& checksum) {
    auto rows = db.query("SELECT source, imported_at FROM imports WHERE kind = ? AND checksum = ?",
                         {text(kind), text(checksum)});
    if (rows.empty()) return std::nullopt;
    return fmt::format("{} on {}", as_text(rows[0][0]), as_text(rows[0][1]));
}

void log_load(Database& db, const std::string& kind, const std::string& path,
              const std::string& checksum, int64_t rows, const std::string& user) {
    db.execute(
        "INSERT INTO imports (kind, source, checksum, row_count, imported_by, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {text(kind), text(path), text(checksum), integer(rows), text(user),
         text(
             fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now())))});
}

}  // namespace

ImportSummary load_plan_files(Database& db, const std::vector<std::string>& paths,
                              const std::string& user) {
    ImportSummary summary;
    struct Pending {
        std::string kind, checksum;
        std::optional<PlanFile> plan;
        std::optional<PublishedFiguresFile> figures;
    };
    // Everything is read and checked before the first write.
    std::vector<Pending> pending;
    std::set<std::string> seen_now;
    std::map<std::string, std::string> key_file;  // plan key -> the file of this call giving it
    for (const auto& path : paths) {
        std::string content = read_file(path);
        std::string checksum = sha256_hex(content);
        std::string format = format_of(parse_json(content, path), path);
        if (format != kPlanFormat && format != kFiguresFormat)
            throw InputError(
                path, 0, "format",
                fmt::format("is '{}'; must be '{}' or '{}'", format, kPlanFormat, kFiguresFormat));
        std::string kind = format == kFiguresFormat ? "published_figures" : "plan";
        if (auto when = already_loaded(db, kind, checksum)) {
            summary.files_already_in++;
            summary.lines.push_back(
                fmt::format("{}: already loaded ({}); nothing changed", path, *when));
            continue;
        }
        if (!seen_now.insert(kind + checksum).second) {
            summary.files_already_in++;
            summary.lines.push_back(fmt::format("{}: the same as a file above; skipped", path));
            continue;
        }
        Pending p{kind, checksum, std::nullopt, std::nullopt};
        if (kind == "plan") {
            p.plan = parse_plan_file(content, path);
            auto [it, fresh] = key_file.emplace(p.plan->plan.key, path);
            if (!fresh)
                throw InputError(path, 0, "plan.key",
                                 fmt::format("'{}' is also the key of the plan in {}",
                                             p.plan->plan.key, it->second));
        } else {
            p.figures = parse_published_figures_file(content, path);
        }
        pending.push_back(std::move(p));
    }
    if (pending.empty()) return summary;

    Transaction tx(db);
    for (const auto& p : pending) {
        if (p.plan) {
            int64_t rows = save_plan_file(db, *p.plan);
            log_load(db, p.kind, p.plan->path, p.checksum, rows, user);
            summary.lines.push_back(fmt::format("{}: {} ({} priorities, {} actions)", p.plan->path,
                                                p.plan->plan.title, p.plan->priorities.size(),
                                                p.plan->actions.size()));
        } else {
            for (const auto& f : p.figures->figures) save_published_figure(db, f);
            log_load(db, p.kind, p.figures->path, p.checksum,
                     static_cast<int64_t>(p.figures->figures.size()), user);
            summary.lines.push_back(fmt::format("{}: {} published figures", p.figures->path,
                                                p.figures->figures.size()));
        }
        summary.files_imported++;
    }
    for (const auto& p : pending) {
        if (!p.plan || !p.plan->replaced_by) continue;
        auto next = find_plan(db, Role::administrator, *p.plan->replaced_by);
        if (!next)
            throw InputError(p.plan->path, 0, "plan.replaced_by",
                             fmt::format("no plan has the key '{}'", *p.plan->replaced_by));
        auto self = find_plan(db, Role::administrator, p.plan->plan.key);
        in_file(p.plan->path, "plan", [&] {
            replace_plan(db, self->id, next->id);
            return 0;
        });
    }
    tx.commit();
    return summary;
}

void load_demo_plans(Database& db, const std::string& data_dir) {
    namespace fs = std::filesystem;
    std::vector<std::string> paths;
    // Only the plan and published-figures files: data/demo holds other demo files too.
    for (const auto& entry : fs::directory_iterator(fs::path(data_dir) / "demo"))
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            std::string path = entry.path().string();
            std::string format = format_of(parse_json(read_file(path), path), path);
            if (format == kPlanFormat || format == kFiguresFormat) paths.push_back(path);
        }
    std::sort(paths.begin(), paths.end());  // the same order on every machine
    load_plan_files(db, paths, "demo");
}

}  // namespace scrutineer::store
