// Plans and delivery plans (SPEC §1): a Police and Crime Plan or a Community Safety Partnership
// plan, its priorities with strategic objectives, a delivery plan's long-term outcomes and
// numbered actions with dated updates, narratives, the indicators each priority is measured by,
// and figures as a paper published them.
//
// Every item carries a visibility (access.hpp); the store hands a viewer only what `may_see`
// allows. Ids are the store's; 0 means "not stored yet".
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/month.hpp"

namespace scrutineer {

enum class PlanKind { police_and_crime_plan, csp_plan };

// A plan that was varied or replaced stays, marked replaced, pointing at its successor.
enum class PlanStatus { current, replaced };

// Where an action stands, as its owner or the analyst judges it. `not_assessed` is for actions
// a paper listed without saying how they are going: a status is never guessed.
enum class ActionStatus { not_assessed, not_started, on_track, at_risk, off_track, complete };
inline constexpr ActionStatus kActionStatuses[] = {
    ActionStatus::not_assessed, ActionStatus::not_started, ActionStatus::on_track,
    ActionStatus::at_risk,      ActionStatus::off_track,   ActionStatus::complete};

const char* to_string(PlanKind kind);        // "police_and_crime_plan", "csp_plan"
const char* to_string(PlanStatus status);    // "current", "replaced"
const char* to_string(ActionStatus status);  // "not_assessed", "on_track", ...
const char* label(ActionStatus status);      // "Not assessed", "On track", ... for people
std::optional<PlanKind> parse_plan_kind(std::string_view text);
std::optional<PlanStatus> parse_plan_status(std::string_view text);
std::optional<ActionStatus> parse_action_status(std::string_view text);

struct Plan {
    int64_t id = 0;
    std::string key;    // short and stable, e.g. "pcc-norfolk-2016-2020"; files and links use it
    std::string owner;  // the owning body: "PCC", "NCCSP"
    std::string title;
    int first_year = 0;  // the period: 2016..2020, 2021..2024
    int last_year = 0;
    PlanKind kind = PlanKind::police_and_crime_plan;
    PlanStatus status = PlanStatus::current;
    std::optional<int64_t> replaced_by;  // the plan that varied or replaced this one
    std::string description;
    std::string source;  // the document its text was copied from
    Visibility visibility = Visibility::public_item;
};

// A group that delivers a priority, and who leads it (either may be all that is known).
struct DeliveryGroup {
    std::string name;
    std::string lead;
    Visibility visibility = Visibility::public_item;
};

struct Priority {
    int64_t id = 0;
    int64_t plan_id = 0;
    int number = 0;  // its place in the plan, from 1
    std::string title;
    std::string description;
    std::string sponsor_agency;  // CSP priorities: the lead agency that sponsors delivery
    std::string lead_officer;
    std::vector<DeliveryGroup> delivery_groups;
    std::vector<std::string> targets;
    Visibility visibility = Visibility::public_item;
};

struct StrategicObjective {
    int64_t id = 0;
    int64_t priority_id = 0;
    int number = 0;  // its place under the priority, from 1
    std::string text;
    std::string description;
    Visibility visibility = Visibility::public_item;
};

// A delivery plan's long-term outcome, numbered across the plan ("Long-term outcome 7: ...").
struct LongTermOutcome {
    int64_t id = 0;
    int64_t plan_id = 0;
    int number = 0;
    std::string text;
    std::string delivery_plan;  // the delivery plan that states it
    Visibility visibility = Visibility::public_item;
};

// When an action is due: a month ("April 2022"), a day, or Ongoing (never due).
struct DueDate {
    enum class Kind { ongoing, month, date };
    Kind kind = Kind::ongoing;
    Month month{};        // when kind == month
    CalendarDate date{};  // when kind == date

    static DueDate ongoing() { return {}; }
    static DueDate in(Month m) { return {Kind::month, m, {}}; }
    static DueDate on(CalendarDate d) { return {Kind::date, {}, d}; }
    bool operator==(const DueDate&) const = default;
};

// Exactly "YYYY-MM", "YYYY-MM-DD" or "Ongoing".
std::optional<DueDate> parse_due_date(std::string_view text);
std::string to_string(const DueDate& due);  // the form parse_due_date reads
std::string long_name(const DueDate& due);  // "April 2022", "9 June 2022", "Ongoing"

struct Action {
    int64_t id = 0;
    int64_t plan_id = 0;
    std::optional<int64_t> priority_id;   // the priority it delivers, when the plan says
    std::optional<int64_t> objective_id;  // the strategic objective, when the plan says
    std::string delivery_plan;  // e.g. "Reducing the Threat of Criminal Exploitation Delivery Plan"
    std::string section;        // a heading inside it, e.g. "County Lines"
    std::string number;         // "2.1": numbers separated by dots
    std::string text;
    std::vector<std::string> success_measures;
    std::vector<std::string> owners;  // the groups or agencies named as owners
    std::string owner_body;  // whose plan holds it: "NCCSP", "OPCCN", "Norfolk Constabulary"
    DueDate due;
    ActionStatus status = ActionStatus::not_assessed;
    Visibility visibility = Visibility::public_item;
};

struct ActionUpdate {
    int64_t id = 0;
    int64_t action_id = 0;
    CalendarDate date;
    std::string text;
    std::string author;
    Visibility visibility = Visibility::public_item;
};

// What the analyst says about a priority for the period ending in a month.
struct Narrative {
    int64_t id = 0;
    int64_t priority_id = 0;
    Month period_end;
    std::string text;
    std::string author;
    Visibility visibility = Visibility::public_item;
};

// An indicator a priority is measured by (indicator names as in the indicator tables).
struct PriorityIndicator {
    int64_t priority_id = 0;
    std::string indicator;
    int position = 0;  // order within the priority, from 1
    Visibility visibility = Visibility::public_item;
};

// One row of a performance table exactly as a paper printed it: the figures stay text
// ("1,554", "-0.1p.p", "**", "") because they are a record of what was published, not values
// to compute with.
struct PublishedFigure {
    int64_t id = 0;
    std::string paper;  // "Norfolk Police and Crime Panel, 4 February 2020, item 7"
    CalendarDate meeting_date;
    std::string section;       // the paper's heading for the table
    std::string area_code;     // GSS code of the force area or district
    std::string area_label;    // the table's area heading as printed, e.g. "BRECKLAND"
    std::string indicator;     // without footnote marks; those go to `note`
    std::string period_label;  // "12 months to September 2019"
    std::string last_12;
    std::string lta;
    std::string difference;
    std::string note;  // footnotes and remarks printed with the row
    int position = 0;  // row order within the paper
    Visibility visibility = Visibility::public_item;
};

// A plan item that breaks a rule. `field` names the member ("number", "due"); what() says
// "field 'number': ...".
struct PlanInvalid : std::invalid_argument {
    std::string field;
    std::string problem;
    PlanInvalid(std::string field_, std::string problem_);
};

// "2.1", "10.3", "2.1.4": whole numbers separated by dots, at least two of them.
bool is_action_number(std::string_view text);

// Each throws PlanInvalid for the first broken rule: required text present, numbers from 1,
// years in order, list items non-empty and on one line, a replaced_by only on a replaced plan.
void validate(const Plan& plan);
void validate(const Priority& priority);
void validate(const StrategicObjective& objective);
void validate(const LongTermOutcome& outcome);
void validate(const Action& action);
void validate(const ActionUpdate& update);
void validate(const Narrative& narrative);
void validate(const PriorityIndicator& link);
void validate(const PublishedFigure& figure);

}  // namespace scrutineer
