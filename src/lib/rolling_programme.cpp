#include "scrutineer/rolling_programme.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <set>

#include "scrutineer/within_a_year.hpp"

namespace scrutineer {

std::vector<InDepthReview> in_depth_reviews(const std::vector<Meeting>& meetings) {
    std::vector<InDepthReview> out;
    for (const auto& m : meetings) {
        if (m.status != MeetingStatus::held) continue;
        for (const auto& item : m.items)
            for (int64_t priority : item.priority_ids) out.push_back({priority, m.date, m.id});
    }
    std::stable_sort(out.begin(), out.end(), [](const InDepthReview& a, const InDepthReview& b) {
        return a.date < b.date;
    });
    return out;
}

std::vector<ScheduledMeeting> next_meetings(const std::vector<Meeting>& meetings,
                                            CalendarDate today) {
    std::vector<ScheduledMeeting> out;
    for (const auto& m : meetings) {
        if (m.status != MeetingStatus::scheduled || m.reserve || m.date < today) continue;
        ScheduledMeeting s{m.id, m.date, {}};
        for (const auto& item : m.items)
            for (int64_t priority : item.priority_ids)
                if (std::find(s.placed.begin(), s.placed.end(), priority) == s.placed.end())
                    s.placed.push_back(priority);
        out.push_back(std::move(s));
    }
    std::stable_sort(
        out.begin(), out.end(),
        [](const ScheduledMeeting& a, const ScheduledMeeting& b) { return a.date < b.date; });
    return out;
}

namespace {

std::string priority_name(const Priority& p) {
    return fmt::format("Priority {}, {}", p.number, p.title);
}

struct Planned {
    CalendarDate date;
    int64_t meeting_id;
    bool proposal;
};

}  // namespace

RollingProgramme rolling_programme(const std::vector<Priority>& priorities,
                                   const std::vector<InDepthReview>& reviews,
                                   const std::vector<ScheduledMeeting>& next, CalendarDate today,
                                   std::optional<CalendarDate> start, int per_meeting) {
    RollingProgramme out;
    std::set<int64_t> known;
    for (const auto& p : priorities) known.insert(p.id);

    // The last review held of each priority of the plan.
    std::map<int64_t, InDepthReview> last;
    for (const auto& r : reviews) {
        if (!known.count(r.priority_id)) continue;
        auto it = last.find(r.priority_id);
        if (it == last.end() || it->second.date <= r.date) last[r.priority_id] = r;
    }
    if (!start) {
        for (const auto& r : reviews)
            if (known.count(r.priority_id) && (!start || r.date < *start)) start = r.date;
    }
    out.start = start.value_or(today);

    // Where each priority is already placed among the next meetings (meeting indices).
    std::map<int64_t, std::vector<size_t>> placements;
    for (size_t i = 0; i < next.size(); ++i)
        for (int64_t id : next[i].placed)
            if (known.count(id)) placements[id].push_back(i);

    // Fill the meetings in date order, each priority's queue position being its latest
    // (held, placed or proposed) review.
    std::map<int64_t, std::optional<CalendarDate>> latest;
    for (const auto& p : priorities)
        latest[p.id] =
            last.count(p.id) ? std::optional<CalendarDate>(last[p.id].date) : std::nullopt;
    std::map<int64_t, std::vector<Planned>> planned;
    for (size_t i = 0; i < next.size(); ++i) {
        MeetingProposal mp{next[i].meeting_id, next[i].date, {}, {}};
        for (int64_t id : next[i].placed)
            if (known.count(id)) mp.placed.push_back(id);
        auto placed_from = [&](int64_t id) {  // placed on this meeting or a later one
            auto it = placements.find(id);
            if (it == placements.end()) return false;
            return std::any_of(it->second.begin(), it->second.end(),
                               [&](size_t at) { return at >= i; });
        };
        std::vector<const Priority*> queue;
        for (const auto& p : priorities)
            if (!placed_from(p.id)) queue.push_back(&p);
        std::stable_sort(queue.begin(), queue.end(), [&](const Priority* a, const Priority* b) {
            const auto& la = latest[a->id];
            const auto& lb = latest[b->id];
            if (la.has_value() != lb.has_value()) return !la.has_value();  // never reviewed first
            if (la && *la != *lb) return *la < *lb;                        // longest ago first
            return a->number < b->number;
        });
        int free = per_meeting - static_cast<int>(mp.placed.size());
        for (const Priority* p : queue) {
            if (free <= 0) break;
            mp.proposed.push_back(p->id);
            --free;
        }
        for (int64_t id : mp.placed) {
            latest[id] = mp.date;
            planned[id].push_back({mp.date, mp.meeting_id, false});
        }
        for (int64_t id : mp.proposed) {
            latest[id] = mp.date;
            planned[id].push_back({mp.date, mp.meeting_id, true});
        }
        out.meetings.push_back(std::move(mp));
    }

    CalendarDate horizon = next.empty() ? today : std::max(today, next.back().date);
    for (const auto& p : priorities) {
        PriorityReview pr;
        pr.priority_id = p.id;
        pr.number = p.number;
        pr.title = p.title;
        if (auto it = last.find(p.id); it != last.end()) {
            pr.last_reviewed = it->second.date;
            pr.last_meeting_id = it->second.meeting_id;
        }
        CalendarDate from = pr.last_reviewed.value_or(out.start);
        pr.due_by = within_a_year_of(from);
        const auto& plans = planned[p.id];
        if (!plans.empty()) {
            pr.next_review = plans.front().date;
            pr.next_meeting_id = plans.front().meeting_id;
            pr.next_is_proposal = plans.front().proposal;
        }
        out.priorities.push_back(pr);

        // The first time a year passes between one review (held, placed or proposed) and the
        // next, or after the last one before the programme's horizon.
        std::string since = pr.last_reviewed ? fmt::format("last reviewed in depth on {}",
                                                           long_name(*pr.last_reviewed))
                                             : fmt::format(
                                                   "not reviewed in depth since the rolling "
                                                   "programme started on {}",
                                                   long_name(out.start));
        std::optional<RollingWarning> w;
        for (const auto& next_review : plans) {
            if (next_review.date > within_a_year_of(from)) {
                w = RollingWarning{p.id, over_a_year_on(from), false, ""};
                w->message = fmt::format(
                    "{}: {} a year unreviewed on {} ({}); its next in-depth review is {} for {}",
                    priority_name(p), over_a_year_on(from) <= today ? "went over" : "would go over",
                    long_name(over_a_year_on(from)), since,
                    next_review.proposal ? "proposed" : "placed", long_name(next_review.date));
                break;
            }
            from = next_review.date;
            since = fmt::format("reviewed in depth on {}", long_name(from));
        }
        if (!w && within_a_year_of(from) < horizon) {
            w = RollingWarning{p.id, over_a_year_on(from), false, ""};
            w->message = fmt::format(
                "{}: {} a year unreviewed on {} ({}); no scheduled meeting reviews it by then",
                priority_name(p), over_a_year_on(from) <= today ? "went over" : "would go over",
                long_name(over_a_year_on(from)), since);
        }
        if (w) {
            w->already_over = w->over_on <= today;
            out.warnings.push_back(*w);
        }
    }
    std::stable_sort(
        out.warnings.begin(), out.warnings.end(),
        [](const RollingWarning& a, const RollingWarning& b) { return a.over_on < b.over_on; });
    return out;
}

}  // namespace scrutineer
