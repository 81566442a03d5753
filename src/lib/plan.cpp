#include "scrutineer/plan.hpp"

#include <fmt/format.h>

namespace scrutineer {
namespace {

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

void require_text(const std::string& value, const char* field) {
    if (blank(value)) throw PlanInvalid(field, "is empty");
}

void require_number(int value, const char* field) {
    if (value < 1) throw PlanInvalid(field, fmt::format("is {}; numbers start at 1", value));
}

// Lists are kept one item a line, so an item may not hold a line break.
void require_items(const std::vector<std::string>& items, const char* field) {
    for (size_t i = 0; i < items.size(); ++i) {
        std::string where = fmt::format("{}[{}]", field, i);
        if (blank(items[i])) throw PlanInvalid(where, "is empty");
        if (items[i].find_first_of("\r\n") != std::string::npos)
            throw PlanInvalid(where, "holds a line break; give each item on its own");
    }
}

}  // namespace

PlanInvalid::PlanInvalid(std::string field_, std::string problem_)
    : std::invalid_argument(fmt::format("field '{}': {}", field_, problem_)),
      field(std::move(field_)),
      problem(std::move(problem_)) {}

const char* to_string(PlanKind kind) {
    switch (kind) {
        case PlanKind::police_and_crime_plan:
            return "police_and_crime_plan";
        case PlanKind::csp_plan:
            return "csp_plan";
    }
    return "police_and_crime_plan";
}

const char* to_string(PlanStatus status) {
    return status == PlanStatus::replaced ? "replaced" : "current";
}

const char* to_string(ActionStatus status) {
    switch (status) {
        case ActionStatus::not_assessed:
            return "not_assessed";
        case ActionStatus::not_started:
            return "not_started";
        case ActionStatus::on_track:
            return "on_track";
        case ActionStatus::at_risk:
            return "at_risk";
        case ActionStatus::off_track:
            return "off_track";
        case ActionStatus::complete:
            return "complete";
    }
    return "not_assessed";
}

const char* label(ActionStatus status) {
    switch (status) {
        case ActionStatus::not_assessed:
            return "Not assessed";
        case ActionStatus::not_started:
            return "Not started";
        case ActionStatus::on_track:
            return "On track";
        case ActionStatus::at_risk:
            return "At risk";
        case ActionStatus::off_track:
            return "Off track";
        case ActionStatus::complete:
            return "Complete";
    }
    return "Not assessed";
}

std::optional<PlanKind> parse_plan_kind(std::string_view text) {
    for (PlanKind k : {PlanKind::police_and_crime_plan, PlanKind::csp_plan})
        if (text == to_string(k)) return k;
    return std::nullopt;
}

std::optional<PlanStatus> parse_plan_status(std::string_view text) {
    for (PlanStatus s : {PlanStatus::current, PlanStatus::replaced})
        if (text == to_string(s)) return s;
    return std::nullopt;
}

std::optional<ActionStatus> parse_action_status(std::string_view text) {
    for (ActionStatus s : kActionStatuses)
        if (text == to_string(s)) return s;
    return std::nullopt;
}

std::optional<DueDate> parse_due_date(std::string_view text) {
    if (text == "Ongoing") return DueDate::ongoing();
    if (auto m = parse_month(text)) return DueDate::in(*m);
    if (auto d = parse_date(text)) return DueDate::on(*d);
    return std::nullopt;
}

std::string to_string(const DueDate& due) {
    switch (due.kind) {
        case DueDate::Kind::ongoing:
            return "Ongoing";
        case DueDate::Kind::month:
            return to_string(due.month);
        case DueDate::Kind::date:
            return to_string(due.date);
    }
    return "Ongoing";
}

std::string long_name(const DueDate& due) {
    switch (due.kind) {
        case DueDate::Kind::ongoing:
            return "Ongoing";
        case DueDate::Kind::month:
            return long_name(due.month);
        case DueDate::Kind::date:
            return long_name(due.date);
    }
    return "Ongoing";
}

bool is_action_number(std::string_view text) {
    int parts = 0;
    size_t digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            if (++digits > 3) return false;
        } else if (c == '.') {
            if (digits == 0) return false;
            ++parts;
            digits = 0;
        } else {
            return false;
        }
    }
    return digits > 0 && parts >= 1;
}

void validate(const Plan& plan) {
    require_text(plan.key, "key");
    for (char c : plan.key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            throw PlanInvalid("key", fmt::format("'{}' may hold only a-z, 0-9 and '-'", plan.key));
    require_text(plan.owner, "owner");
    require_text(plan.title, "title");
    if (plan.first_year < 1900 || plan.first_year > 2999)
        throw PlanInvalid("first_year", fmt::format("{} is not a year", plan.first_year));
    if (plan.last_year < plan.first_year || plan.last_year > 2999)
        throw PlanInvalid("last_year", fmt::format("{} is not a year from first_year ({}) on",
                                                   plan.last_year, plan.first_year));
    if (plan.replaced_by && plan.status != PlanStatus::replaced)
        throw PlanInvalid("replaced_by", "is given but the plan's status is not 'replaced'");
    if (plan.replaced_by && *plan.replaced_by == plan.id && plan.id != 0)
        throw PlanInvalid("replaced_by", "names the plan itself");
}

void validate(const Priority& priority) {
    require_number(priority.number, "number");
    require_text(priority.title, "title");
    for (size_t i = 0; i < priority.delivery_groups.size(); ++i)
        if (blank(priority.delivery_groups[i].name))
            throw PlanInvalid(fmt::format("delivery_groups[{}].name", i), "is empty");
    require_items(priority.targets, "targets");
}

void validate(const StrategicObjective& objective) {
    require_number(objective.number, "number");
    require_text(objective.text, "text");
}

void validate(const LongTermOutcome& outcome) {
    require_number(outcome.number, "number");
    require_text(outcome.text, "text");
}

void validate(const Action& action) {
    if (!is_action_number(action.number))
        throw PlanInvalid("number", fmt::format("'{}' must look like 2.1 (whole numbers "
                                                "separated by dots)",
                                                action.number));
    require_text(action.text, "text");
    require_items(action.success_measures, "success_measures");
    require_items(action.owners, "owners");
}

void validate(const ActionUpdate& update) {
    require_text(update.text, "text");
}

void validate(const Narrative& narrative) {
    require_text(narrative.text, "text");
}

void validate(const PriorityIndicator& link) {
    require_text(link.indicator, "indicator");
}

void validate(const PublishedFigure& figure) {
    require_text(figure.paper, "paper");
    require_text(figure.area_code, "area_code");
    require_text(figure.indicator, "indicator");
    require_text(figure.period_label, "period_label");
}

}  // namespace scrutineer
