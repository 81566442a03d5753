#include "scrutineer/information_bulletin.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace scrutineer {
namespace {

bool contains_words(const std::string& text, std::string_view words) {
    std::string lower;
    lower.reserve(text.size());
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find(words) != std::string::npos;
}

bool agenda_has(const Meeting& meeting, std::string_view words) {
    return std::any_of(meeting.items.begin(), meeting.items.end(),
                       [&](const AgendaItem& i) { return contains_words(i.title, words); });
}

}  // namespace

CalendarDate cut_off(const Meeting& meeting) {
    return meeting.agenda_published_on.value_or(meeting.date);
}

Period reporting_period(const Meeting& meeting, const std::optional<Meeting>& previous) {
    Period p;
    if (previous) p.after = cut_off(*previous);
    p.up_to = cut_off(meeting);
    return p;
}

Period activity_period(const Meeting& meeting, const std::optional<Meeting>& previous) {
    Period p;
    if (previous) p.after = previous->date;
    p.up_to = meeting.date;
    return p;
}

bool has_information_bulletin(const Meeting& meeting) {
    return agenda_has(meeting, "information bulletin");
}

bool has_complaints_report(const Meeting& meeting) {
    return agenda_has(meeting, "complaints monitoring report");
}

std::optional<Meeting> previous_bulletin_meeting(const std::vector<Meeting>& panel_meetings,
                                                 const Meeting& meeting) {
    const Meeting* best = nullptr;
    for (const auto& m : panel_meetings) {
        if (m.id == meeting.id || m.date >= meeting.date) continue;
        if (m.status == MeetingStatus::cancelled) continue;
        if (!m.items.empty() && !has_information_bulletin(m)) continue;
        if (!best || best->date < m.date) best = &m;
    }
    if (!best) return std::nullopt;
    return *best;
}

InformationBulletin information_bulletin(const Meeting& meeting,
                                         const std::optional<Meeting>& previous,
                                         const BulletinSources& sources, Role viewer) {
    InformationBulletin b;
    b.period = reporting_period(meeting, previous);
    b.activity_period = activity_period(meeting, previous);

    for (const auto& d : sources.decisions)
        if (b.period.contains(d.date)) b.decisions.push_back(redacted(d, viewer));
    std::stable_sort(b.decisions.begin(), b.decisions.end(),
                     [](const Decision& x, const Decision& y) {
                         if (x.category != y.category)
                             return category_before(x.category, y.category);
                         return x.number < y.number;
                     });

    for (const auto& n : sources.news)
        if (b.period.contains(n.published_on)) b.news.push_back(n);
    std::stable_sort(b.news.begin(), b.news.end(), [](const NewsItem& x, const NewsItem& y) {
        return x.published_on < y.published_on;
    });

    for (Forum forum : kForums) {
        ForumSection section;
        section.forum = forum;
        for (const auto& fm : sources.forum_meetings) {
            if (fm.forum != forum) continue;
            if (b.activity_period.contains(fm.held_on)) {
                ForumMeeting shown = fm;
                for (auto& item : shown.items) item = redacted(item, viewer);
                std::stable_sort(shown.items.begin(), shown.items.end(),
                                 [](const ForumItem& x, const ForumItem& y) {
                                     if (x.private_agenda != y.private_agenda)
                                         return !x.private_agenda;
                                     return x.position < y.position;
                                 });
                section.meetings.push_back(std::move(shown));
            } else if (fm.held_on <= b.activity_period.up_to &&
                       (!section.last_meeting || section.last_meeting->held_on < fm.held_on)) {
                section.last_meeting = fm;
                section.last_meeting->items.clear();  // reported before; only its day is said
            }
        }
        std::stable_sort(
            section.meetings.begin(), section.meetings.end(),
            [](const ForumMeeting& x, const ForumMeeting& y) { return x.held_on > y.held_on; });
        if (!section.meetings.empty()) section.last_meeting.reset();
        if (section.last_meeting) {
            // The first Panel meeting on or after the forum's, when the Panel's meetings are
            // recorded from before it (otherwise an unrecorded meeting may have been the one).
            bool recorded_before = false;
            for (CalendarDate day : sources.panel_meeting_days) {
                if (day < section.last_meeting->held_on) recorded_before = true;
                if (day >= section.last_meeting->held_on &&
                    (!section.reported_at || day < *section.reported_at))
                    section.reported_at = day;
            }
            if (!recorded_before) section.reported_at.reset();
        }
        b.forums.push_back(std::move(section));
    }

    for (const auto& a : sources.activities)
        if (b.activity_period.contains(a.date)) b.activities.push_back(a);
    std::stable_sort(
        b.activities.begin(), b.activities.end(),
        [](const OutOfCountyActivity& x, const OutOfCountyActivity& y) { return x.date < y.date; });

    CalendarDate cut = b.period.up_to;
    for (const auto& i : sources.inspections) {
        ResponseState now = response_state(i, cut);
        if (now.status == ResponseStatus::complete) {
            if (b.period.contains(reported_on(i))) b.responses.push_back(i);
        } else if (i.published_on <= cut) {
            b.awaited.emplace_back(i, now);
        }
    }
    auto by_publication = [](const Inspection& x, const Inspection& y) {
        return x.published_on < y.published_on;
    };
    std::stable_sort(b.responses.begin(), b.responses.end(), by_publication);
    std::stable_sort(b.awaited.begin(), b.awaited.end(), [&](const auto& x, const auto& y) {
        return by_publication(x.first, y.first);
    });
    return b;
}

}  // namespace scrutineer
