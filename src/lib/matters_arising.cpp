#include "scrutineer/matters_arising.hpp"

namespace scrutineer {
namespace {

const Meeting* find(const std::vector<Meeting>& meetings, int64_t id) {
    for (const auto& m : meetings)
        if (m.id == id) return &m;
    return nullptr;
}

}  // namespace

std::vector<PanelRequest> matters_arising(const Meeting& meeting,
                                          const std::vector<Meeting>& meetings,
                                          const std::vector<PanelRequest>& requests) {
    std::vector<PanelRequest> out;
    for (const auto& r : requests) {
        if (r.panel_id != meeting.panel_id || r.meeting_id == meeting.id) continue;
        const Meeting* made = find(meetings, r.meeting_id);
        if (!made || made->date >= meeting.date) continue;
        const Meeting* closed_at =
            r.answered_at_meeting_id ? find(meetings, *r.answered_at_meeting_id) : nullptr;
        bool open_then = !is_closed(r.status) || r.answered_at_meeting_id == meeting.id ||
                         (closed_at && closed_at->date >= meeting.date) ||
                         (r.answered_on && *r.answered_on >= meeting.date);
        if (open_then) out.push_back(r);
    }
    return out;
}

std::optional<CalendarDate> answer_due(const PanelRequest& request,
                                       const std::vector<Meeting>& meetings) {
    switch (request.due) {
        case DueKind::date:
            return request.due_date;
        case DueKind::future_reports:
            return std::nullopt;
        case DueKind::next_meeting: {
            const Meeting* made = find(meetings, request.meeting_id);
            if (!made) return std::nullopt;
            const Meeting* next = nullptr;
            for (const auto& m : meetings)
                if (m.panel_id == made->panel_id && m.date > made->date &&
                    m.status != MeetingStatus::cancelled && !m.reserve &&
                    (!next || m.date < next->date))
                    next = &m;
            if (!next) return std::nullopt;
            return next->date;
        }
    }
    return std::nullopt;
}

bool is_overdue(const PanelRequest& request, const std::vector<Meeting>& meetings,
                CalendarDate today) {
    if (is_closed(request.status)) return false;
    auto due = answer_due(request, meetings);
    if (!due) return false;
    // A request due at the next meeting is overdue once that meeting has taken place without
    // answering it, i.e. from the day after it; a dated one from the day after its date.
    return today > *due;
}

}  // namespace scrutineer
