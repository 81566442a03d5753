#include "scrutineer/overdue.hpp"

namespace scrutineer {

std::optional<CalendarDate> last_day(const DueDate& due) {
    switch (due.kind) {
        case DueDate::Kind::ongoing:
            return std::nullopt;
        case DueDate::Kind::month:
            return last_day_of(due.month);
        case DueDate::Kind::date:
            return due.date;
    }
    return std::nullopt;
}

bool is_overdue(const DueDate& due, ActionStatus status, CalendarDate today) {
    if (status == ActionStatus::complete) return false;
    auto last = last_day(due);
    return last && today > *last;
}

bool is_overdue(const Action& action, CalendarDate today) {
    return is_overdue(action.due, action.status, today);
}

std::vector<PrioritySummary> summarise_by_priority(const std::vector<Action>& actions,
                                                   CalendarDate today) {
    std::vector<PrioritySummary> out;
    for (const auto& a : actions) {
        auto it = out.begin();
        while (it != out.end() && it->priority_id != a.priority_id) ++it;
        if (it == out.end()) it = out.insert(out.end(), PrioritySummary{a.priority_id, {}});
        StatusCounts& c = it->counts;
        c.by_status[static_cast<size_t>(a.status)]++;
        c.total++;
        if (is_overdue(a, today)) c.overdue++;
    }
    return out;
}

}  // namespace scrutineer
