#include "scrutineer/work_programme_document.hpp"

#include <fmt/format.h>

#include "scrutineer/meeting_wording.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/work_programme_store.hpp"

namespace scrutineer::report {
namespace {

using doc::bold;
using doc::plain;

std::string lines(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "\n") + p;
    return out;
}

}  // namespace

LoadedWorkProgramme load_work_programme(store::Database& db, int64_t meeting_id, Role viewer) {
    auto meeting = store::load_meeting(db, meeting_id, viewer);
    if (!meeting) throw ReportUnavailable(fmt::format("There is no meeting {}.", meeting_id));
    auto panel = store::load_panel(db, meeting->panel_id);
    if (!panel) throw ReportUnavailable(fmt::format("There is no meeting {}.", meeting_id));
    LoadedWorkProgramme l;
    l.panel = std::move(*panel);
    l.meeting = std::move(*meeting);
    l.meetings = store::load_meetings(db, l.panel.id, viewer);
    auto entries = store::load_programme_entries(db, l.panel.id, viewer);
    l.programme = forward_work_programme(l.meetings, entries, l.meeting.date);
    for (auto& q : store::load_requests(db, viewer, l.panel.id))
        if (q.due == DueKind::future_reports && !is_closed(q.status))
            l.future.push_back(std::move(q));
    return l;
}

std::string work_programme_file_stem(const Meeting& meeting) {
    return "work-programme-" + to_string(meeting.date);
}

doc::Document work_programme_document(const LoadedWorkProgramme& l) {
    bool csp = l.panel.kind == PanelKind::csp_scrutiny_sub_panel;
    doc::Document d;
    d.title =
        fmt::format("Forward Work Programme: {}, {}", l.panel.name, long_name(l.meeting.date));
    d.subject = fmt::format("The forward work programme of the {} as at {}", l.panel.name,
                            long_name(l.meeting.date));
    d.header = l.panel.name;
    d.footer = "Forward Work Programme, " + long_name(l.meeting.date);
    d.created = to_string(l.meeting.date);

    d.add(doc::Heading{1, l.panel.name + " Forward Work Programme", "Forward Work Programme"});
    d.add(doc::Paragraph{{plain("The programme from " + long_name(l.meeting.date) +
                                ", as at the meeting of that day.")}});
    if (l.programme.rows.empty()) {
        d.add(doc::Paragraph{
            {plain("Nothing is in the programme from " + long_name(l.meeting.date) + ".")}});
    } else {
        doc::Table t;
        t.sheet = "Forward Work Programme";
        if (csp) {
            t.widths = {0.2, 0.3, 0.3, 0.2};
            t.header = {{plain("Date")},
                        {plain("Report")},
                        {plain("Issues for consideration")},
                        {plain("Invited to attend")}};
        } else {
            t.widths = {0.25, 0.5, 0.25};
            t.header = {{plain("Date")}, {plain("Item")}, {plain("Attendees")}};
        }
        for (const auto& r : l.programme.rows) {
            std::string when = r.when;
            if (r.reserve) when += "\nReserve date";
            if (r.cancelled) when += "\nCancelled";
            if (r.entry_id && r.entry_kind == ProgrammeEntryKind::provisional_meeting)
                when += "\nTo be confirmed";
            std::vector<std::string> titles, purposes;
            for (const auto& i : r.items) {
                titles.push_back(i.title + (i.in_depth ? " (in-depth review)" : ""));
                if (!i.purpose.empty()) purposes.push_back(i.purpose);
            }
            std::vector<doc::Text> row{{bold(when)}, {plain(lines(titles))}};
            if (csp) row.push_back({plain(lines(purposes))});
            row.push_back({plain(r.attendees)});
            t.rows.push_back(std::move(row));
        }
        for (const auto& n : l.programme.notes) t.notes.push_back(n.title);
        d.add(t);
    }

    d.add(doc::Heading{2, "Items identified for consideration at future meetings", {}});
    if (l.future.empty()) {
        d.add(doc::Paragraph{{plain("None at present.")}});
    } else {
        doc::List items;
        for (const auto& q : l.future) {
            std::string made;
            for (const auto& m : l.meetings)
                if (m.id == q.meeting_id) made = long_name(m.date);
            doc::Text text{plain(q.text)};
            if (!made.empty())
                text.push_back(
                    plain(fmt::format(" ({}, agreed at the meeting of {})", label(q.kind), made)));
            text.push_back(plain(restriction_mark(q.visibility)));
            items.items.push_back({text, "", 0, false});
        }
        d.add(items);
    }
    return d;
}

}  // namespace scrutineer::report
