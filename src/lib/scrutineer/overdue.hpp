// The overdue rule (SPEC §1: "overdue actions are derived from the due date, not typed by
// hand"), and the status summary of a delivery plan's actions per priority.
//
// An action is overdue when today is after its last day and it is not complete:
//   - a day due date's last day is that day;
//   - a month due date ("April 2022") runs to the last day of that month;
//   - "Ongoing" has no last day and is never overdue.
// Nobody sets "overdue": it follows from the due date, the status and the day it is asked.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "scrutineer/calendar_date.hpp"
#include "scrutineer/plan.hpp"

namespace scrutineer {

// The last day on which the action is still in time; none for Ongoing.
std::optional<CalendarDate> last_day(const DueDate& due);

bool is_overdue(const DueDate& due, ActionStatus status, CalendarDate today);
bool is_overdue(const Action& action, CalendarDate today);

// Actions counted by status; an overdue action is counted under its status and in `overdue`.
struct StatusCounts {
    std::array<int, std::size(kActionStatuses)> by_status{};
    int overdue = 0;
    int total = 0;

    int count(ActionStatus status) const { return by_status[static_cast<size_t>(status)]; }
};

// The counts for one priority; no priority_id for the actions not tied to a priority.
struct PrioritySummary {
    std::optional<int64_t> priority_id;
    StatusCounts counts;
};

// One summary per priority that has actions, in order of first appearance in `actions`.
std::vector<PrioritySummary> summarise_by_priority(const std::vector<Action>& actions,
                                                   CalendarDate today);

}  // namespace scrutineer
