#include "scrutineer/bulletin_document.hpp"

#include <fmt/format.h>

#include "scrutineer/accountability_store.hpp"
#include "scrutineer/hmicfrs_response.hpp"

namespace scrutineer::report {
namespace {

using doc::bold;
using doc::plain;

std::string period_text(const Period& p) {
    if (!p.after) return "up to and including " + long_name(p.up_to);
    return fmt::format("after {} up to and including {}", long_name(*p.after), long_name(p.up_to));
}

std::string state_text(const ResponseState& s) {
    switch (s.status) {
        case ResponseStatus::complete:
            return "Complete";
        case ResponseStatus::due:
            return s.days_left == 1 ? "Due: 1 day left"
                                    : fmt::format("Due: {} days left", s.days_left);
        case ResponseStatus::overdue:
            return s.days_overdue == 1 ? "Overdue by 1 day"
                                       : fmt::format("Overdue by {} days", s.days_overdue);
    }
    return "";
}

void forum_section(doc::Document& d, const ForumSection& s, const char* letter, bool officer) {
    d.add(doc::Heading{2, fmt::format("{}) {} meetings", letter, label(s.forum)), {}});
    if (s.meetings.empty()) {
        if (!s.last_meeting) {
            d.add(doc::Paragraph{
                {plain(fmt::format("No meetings of the {} are recorded.", label(s.forum)))}});
            return;
        }
        std::string text =
            fmt::format("The {} has not met since the Panel's last meeting. It last met on {}",
                        label(s.forum), long_name(s.last_meeting->held_on));
        text += s.reported_at ? fmt::format(
                                    ", and items discussed were reported to the Panel at "
                                    "its {} meeting.",
                                    long_name(*s.reported_at))
                              : "; its items were reported to an earlier meeting of the Panel.";
        d.add(doc::Paragraph{{plain(text)}});
        return;
    }
    d.add(doc::Paragraph{{plain("Items discussed at its meetings in the period:")}});
    for (const auto& m : s.meetings) {
        d.add(doc::Heading{3, "Date: " + long_name(m.held_on), {}});
        for (bool private_agenda : {false, true}) {
            doc::List items;
            for (const auto& item : m.items) {
                if (item.private_agenda != private_agenda) continue;
                doc::ListItem li;
                li.text = {bold(item.title)};
                if (private_agenda) {
                    li.text.push_back(
                        plain(item.report_from.empty()
                                  ? "\nNot published."
                                  : "\nReport from " + item.report_from + ", not published."));
                    if (officer && !item.summary.empty())
                        li.text.push_back(plain("\n[Private] " + item.summary));
                } else if (!item.summary.empty()) {
                    li.text.push_back(plain("\n" + item.summary));
                }
                items.items.push_back(std::move(li));
            }
            if (items.items.empty()) continue;
            d.add(doc::Paragraph{{bold(private_agenda ? "Private agenda" : "Public agenda")}});
            d.add(items);
        }
        if (!m.notes.empty()) d.add(doc::Paragraph{{plain(m.notes)}});
    }
}

}  // namespace

LoadedBulletin load_bulletin(store::Database& db, int64_t meeting_id, Role viewer) {
    LoadedBulletin l;
    l.viewer = viewer;
    l.pcp = load_pcp_meeting(db, meeting_id, viewer, "an information bulletin");
    l.previous = previous_bulletin_meeting(l.pcp.all, l.pcp.meeting);
    auto sources = store::load_bulletin_sources(db, viewer, l.pcp.all);
    l.bulletin = information_bulletin(l.pcp.meeting, l.previous, sources, viewer);
    return l;
}

std::string bulletin_file_stem(const Meeting& meeting) {
    return "information-bulletin-" + to_string(meeting.date);
}

doc::Document bulletin_document(const LoadedBulletin& l) {
    const InformationBulletin& b = l.bulletin;
    const Meeting& m = l.pcp.meeting;
    bool officer = may_see(l.viewer, Visibility::confidential);
    const std::string title = "Information bulletin – questions arising to the PCC";

    doc::Document d;
    d.title = title + ": " + l.pcp.panel.name + ", " + long_name(m.date);
    d.subject = fmt::format("The information bulletin for the meeting of the {} on {}",
                            l.pcp.panel.name, long_name(m.date));
    d.header = l.pcp.panel.name;
    d.footer = "Information bulletin, " + long_name(m.date);
    d.created = to_string(cut_off(m));

    d.add(doc::Heading{1, title, {}});
    d.add(doc::Paragraph{{bold(l.pcp.panel.name + ", " + long_name(m.date))}});
    d.add(doc::Paragraph{
        {plain("This information bulletin summarises for the Panel both the decisions taken by "
               "the Police and Crime Commissioner (PCC) and the range of his activity since the "
               "last Panel meeting" +
               (l.previous ? " (" + long_name(l.previous->date) + ")" : std::string()) + ".")}});
    doc::KeyValues periods;
    periods.key_width = 0.4;
    periods.rows = {
        {"Decisions, news and inspection responses", {plain(period_text(b.period))}},
        {"Out-of-county activity and meetings", {plain(period_text(b.activity_period))}}};
    d.add(periods);

    // a) Decisions: one table, a row per decision, by category as the bulletin orders them.
    d.add(doc::Heading{2, "a) Decisions taken", {}});
    d.add(doc::Paragraph{
        {plain("Decisions made by the PCC, up until " + long_name(b.period.up_to) + ".")}});
    if (b.decisions.empty()) {
        d.add(doc::Paragraph{{plain("No decisions are recorded for the period.")}});
    } else {
        doc::Table t;
        t.sheet = "Decisions";
        t.widths = {0.2, 0.14, 0.14, 0.52};
        t.header = {{plain("Category")}, {plain("Decision")}, {plain("Date")}, {plain("Title")}};
        for (const auto& dec : b.decisions) {
            doc::Text what{bold(dec.title)};
            if (dec.confidential && (dec.summary.empty() || !officer))
                what.push_back(plain("\nA confidential decision: only its title is published."));
            else if (!dec.summary.empty())
                what.push_back(
                    plain((dec.confidential ? "\n[Confidential] " : "\n") + dec.summary));
            t.rows.push_back({{plain(dec.category)},
                              {plain((dec.confidential ? "Confidential Decision " : "Decision ") +
                                     to_string(dec.number))},
                              {plain(date_phrase(dec.date, dec.date_known))},
                              what});
        }
        d.add(t);
    }

    d.add(doc::Heading{2, "b) Items of news", {}});
    d.add(doc::Paragraph{{plain("Items of news published up until " + long_name(b.period.up_to) +
                                ", covering the PCC's activity and including the key statements "
                                "he has made.")}});
    if (b.news.empty()) {
        d.add(doc::Paragraph{{plain("No items of news are recorded for the period.")}});
    } else {
        doc::Table t;
        t.sheet = "News";
        t.widths = {0.2, 0.8};
        t.header = {{plain("Published")}, {plain("Item")}};
        for (const auto& n : b.news) {
            doc::Text item{bold(n.title)};
            if (!n.summary.empty()) item.push_back(plain("\n" + n.summary));
            t.rows.push_back({{plain(long_name(n.published_on))}, item});
        }
        d.add(t);
    }

    forum_section(d, b.forums.at(0), "c", officer);
    forum_section(d, b.forums.at(1), "d", officer);

    d.add(doc::Heading{
        2,
        l.previous ? fmt::format("e) Other out-of-county activity between {} and {}",
                                 long_name(l.previous->date), long_name(m.date))
                   : fmt::format("e) Other out-of-county activity up to {}", long_name(m.date)),
        {}});
    if (b.activities.empty()) {
        d.add(doc::Paragraph{{plain("No out-of-county activity is recorded for the period.")}});
    } else {
        doc::Table t;
        t.sheet = "Out-of-county activity";
        t.widths = {0.2, 0.8};
        t.header = {{plain("Date")}, {plain("Activity")}};
        for (const auto& a : b.activities)
            t.rows.push_back({{plain(long_name(a.date))}, {plain(a.activity)}});
        d.add(t);
    }

    forum_section(d, b.forums.at(2), "f", officer);

    d.add(doc::Heading{2, "g) PCC response to inspections of the force published by HMICFRS", {}});
    d.add(
        doc::Paragraph{{plain("Section 55 of the Police Act 1996 requires the PCC to respond to "
                              "an inspection report within 56 days beginning with the day it "
                              "is published.")}});
    if (b.responses.empty()) {
        d.add(doc::Paragraph{{plain("No responses were completed in the period.")}});
    } else {
        doc::List done;
        for (const auto& i : b.responses)
            done.items.push_back(
                {{plain("The PCC has published a formal response to the HMICFRS inspection "),
                  bold(i.title),
                  plain(fmt::format(" ({}), published on {}.", label(i.type),
                                    long_name(i.published_on)))},
                 "",
                 0,
                 false});
        d.add(done);
    }
    if (!b.awaited.empty()) {
        d.add(doc::Heading{3, "Responses not yet complete on " + long_name(b.period.up_to), {}});
        doc::Table t;
        t.sheet = "Inspection responses";
        t.widths = {0.46, 0.18, 0.18, 0.18};
        t.header = {
            {plain("Inspection")}, {plain("Published")}, {plain("Due by")}, {plain("Status")}};
        for (const auto& [i, state] : b.awaited)
            t.rows.push_back({{plain(i.title)},
                              {plain(long_name(i.published_on))},
                              {plain(long_name(state.due))},
                              {plain(state_text(state))}});
        d.add(t);
    }
    return d;
}

}  // namespace scrutineer::report
