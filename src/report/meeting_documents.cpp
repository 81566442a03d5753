#include "scrutineer/meeting_documents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>
#include <set>

#include "scrutineer/agenda.hpp"
#include "scrutineer/matters_arising.hpp"
#include "scrutineer/meeting_wording.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/substitute_rule.hpp"
#include "scrutineer/trimmed.hpp"

namespace scrutineer::report {
namespace {

using doc::bold;
using doc::plain;

// Text with its e-mail addresses and web addresses as links.
doc::Text linked(const std::string& text) {
    static const std::regex address(
        R"(https?://[^\s<>()]+[^\s<>().,;:]|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})");
    doc::Text out;
    size_t at = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), address);
         it != std::sregex_iterator(); ++it) {
        size_t start = static_cast<size_t>(it->position());
        if (start > at) out.push_back(plain(text.substr(at, start - at)));
        std::string found = it->str();
        out.push_back(doc::hyperlink(
            found, found.find('@') != std::string::npos && found.rfind("http", 0) != 0
                       ? "mailto:" + found
                       : found));
        at = start + found.size();
    }
    if (at < text.size()) out.push_back(plain(text.substr(at)));
    return out;
}

// The resolution verbs in capitals made bold: "The Panel CONSIDERED and NOTED the overview".
doc::Text with_verbs_in_bold(const std::string& text) {
    static const std::regex verbs(R"(\b(NOTED|CONSIDERED|AGREED|REQUESTED|DELEGATED)\b)");
    doc::Text out;
    size_t at = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), verbs);
         it != std::sregex_iterator(); ++it) {
        size_t start = static_cast<size_t>(it->position());
        if (start > at) out.push_back(plain(text.substr(at, start - at)));
        out.push_back(bold(it->str()));
        at = start + it->str().size();
    }
    if (at < text.size()) out.push_back(plain(text.substr(at)));
    return out;
}

bool has_capital_verb(const std::string& text) {
    static const std::regex verbs(R"(\b(NOTED|CONSIDERED|AGREED|REQUESTED|DELEGATED)\b)");
    return std::regex_search(text, verbs);
}

std::string meeting_date_of(int64_t meeting_id, const std::vector<Meeting>& meetings) {
    for (const auto& m : meetings)
        if (m.id == meeting_id) return long_name(m.date);
    return "";
}

// The requests as a table: the meeting that made them (for matters arising), what was asked,
// who is to answer, when, and where it stands.
doc::Table requests_table(const std::vector<PanelRequest>& requests,
                          const std::vector<Meeting>& meetings, bool with_meeting) {
    doc::Table t;
    if (with_meeting) {
        t.widths = {0.16, 0.38, 0.17, 0.17, 0.12};
        t.header.push_back({plain("Made at")});
    } else {
        t.widths = {0.48, 0.18, 0.20, 0.14};
    }
    for (const char* h : {"Request", "For", "Due", "Status"}) t.header.push_back({plain(h)});
    for (const auto& r : requests) {
        std::vector<doc::Text> row;
        if (with_meeting) row.push_back({plain(meeting_date_of(r.meeting_id, meetings))});
        doc::Text text{bold(std::string(label(r.kind)) + ": "), plain(r.text)};
        if (!r.response.empty()) text.push_back(plain("\nResponse: " + r.response));
        row.push_back(text);
        row.push_back({plain(label(r.addressee))});
        row.push_back({plain(request_due(r, meetings))});
        row.push_back({plain(label(r.status))});
        t.rows.push_back(std::move(row));
    }
    return t;
}

// The guidance on declaring interests every agenda gives under its declarations item (seed 004,
// item 5; 001 item 3 says the same).
void declarations_guidance(doc::Document& d) {
    d.add(doc::Paragraph{{plain("If you have a "), bold("Disclosable Pecuniary Interest"),
                          plain(" in a matter to be considered at the meeting and that interest "
                                "is on your Register of Interests you must not speak or vote on "
                                "the matter.")}});
    d.add(doc::Paragraph{{plain("If you have a "), bold("Disclosable Pecuniary Interest"),
                          plain(" in a matter to be considered at the meeting and that interest "
                                "is not on your Register of Interests you must declare that "
                                "interest at the meeting and not speak or vote on the matter.")}});
    d.add(doc::Paragraph{
        {plain("In either case you may remain in the room where the meeting is taking place. If "
               "you consider that it would be inappropriate in the circumstances to remain in "
               "the room, you may leave the room while the matter is dealt with.")}});
    d.add(doc::Paragraph{{plain("If you do not have a Disclosable Pecuniary Interest you may "
                                "nevertheless have an "),
                          bold("Other Interest"),
                          plain(" in a matter to be discussed if it affects, to a greater extent "
                                "than others in your division")}});
    doc::List l;
    l.items = {
        {{plain("Your wellbeing or financial position, or")}, "", 0, false},
        {{plain("that of your family or close friends")}, "", 0, false},
        {{plain("Any body -")}, "", 0, false},
        {{plain("Exercising functions of a public nature.")}, "", 1, false},
        {{plain("Directed to charitable purposes; or")}, "", 1, false},
        {{plain("One of whose principal purposes includes the influence of public opinion or "
                "policy (including any political party or trade union);")},
         "",
         1,
         false},
    };
    d.add(l);
    d.add(doc::Paragraph{
        {plain("Of which you are in a position of general control or management.")}});
    d.add(doc::Paragraph{{plain(
        "If that is the case then you must declare such an interest but can speak and vote on "
        "the matter.")}});
    d.add(doc::Paragraph{
        {bold("District Council Members will be bound by their own District Council Code of "
              "Conduct.")}});
}

doc::Document papers_frame(const MeetingPapers& p, const std::string& what) {
    doc::Document d;
    d.title = what + ": " + meeting_heading(p.panel, p.meeting);
    d.subject = fmt::format("The {} of the meeting of the {} on {}",
                            what == "Agenda" ? "agenda" : "minutes", p.panel.name,
                            long_name(p.meeting.date));
    d.header = p.panel.name;
    d.footer = what + ", " + long_name(p.meeting.date);
    return d;
}

}  // namespace

std::optional<MeetingPapers> load_meeting_papers(store::Database& db, int64_t meeting_id,
                                                 Role viewer) {
    auto m = store::load_meeting(db, meeting_id, viewer);
    if (!m) return std::nullopt;
    auto panel = store::load_panel(db, m->panel_id);
    if (!panel) return std::nullopt;
    MeetingPapers p;
    p.panel = std::move(*panel);
    p.meeting = std::move(*m);
    p.meetings = store::load_meetings(db, p.panel.id, viewer);
    p.attendance = store::load_attendance(db, meeting_id);
    p.others = store::load_other_attendees(db, meeting_id);
    // Interests are declared for items: those of items the role may not see stay out with them.
    std::set<int64_t> visible;
    for (const auto& item : p.meeting.items) visible.insert(item.id);
    for (auto& i : store::load_interests(db, meeting_id))
        if (!i.agenda_item_id || visible.count(*i.agenda_item_id))
            p.interests.push_back(std::move(i));
    p.minutes = store::load_minutes(db, meeting_id, viewer);
    std::erase_if(p.minutes,
                  [&](const MinutePoint& pt) { return !visible.count(pt.agenda_item_id); });
    p.requests = store::load_requests(db, viewer, p.panel.id);
    return p;
}

std::string agenda_file_stem(const Meeting& meeting) {
    return "agenda-" + to_string(meeting.date);
}

std::string minutes_file_stem(const Meeting& meeting) {
    return "minutes-" + to_string(meeting.date);
}

std::vector<doc::ListItem> minute_items(const std::string& number, const MinutePoint& point,
                                        const std::string& subject) {
    std::string text = point.text;
    bool resolution = point.is_resolution;
    auto styled = [&](const std::string& s) {
        return resolution ? with_verbs_in_bold(s) : doc::Text{plain(s)};
    };
    std::vector<doc::ListItem> items;
    // Lines of a paragraph join up; a blank line ends it; each bullet is an item of its own.
    enum { none, paragraph, bullet } last = none;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string raw = text.substr(start, end - start);
        start = end + 1;
        std::string line = trimmed(raw);
        if (line.empty()) {
            last = none;
            continue;
        }
        int depth = 0;
        if (line.size() > 1 && (line[0] == '-' || line[0] == '*') && line[1] == ' ')
            line = trimmed(line.substr(2)), depth = 1;
        else if (line.rfind("\u2022 ", 0) == 0)
            line = trimmed(line.substr(4)), depth = 1;
        if (depth > 0 && raw.find_first_not_of(' ') >= 2) depth = 2;
        if (depth == 0 && last == paragraph) {
            auto more = styled(" " + line);
            items.back().text.insert(items.back().text.end(), more.begin(), more.end());
            continue;
        }
        doc::ListItem item;
        item.text = styled(line);
        if (items.empty()) {
            item.label = number;  // the point's first line carries its number, bullet or not
        } else {
            item.depth = depth;
            item.continuation = depth == 0;
        }
        items.push_back(std::move(item));
        last = depth == 0 ? paragraph : bullet;
    }
    if (items.empty()) items.push_back(doc::ListItem{{}, number, 0, false});
    if (resolution && !has_capital_verb(text)) {
        // "the report." with the verb NOTED: "The Panel NOTED the report."
        doc::Text lead{plain(subject + " "), bold(point.verb ? label(*point.verb) : "RESOLVED"),
                       plain(" ")};
        items.front().text.insert(items.front().text.begin(), lead.begin(), lead.end());
    }
    return items;
}

doc::Document agenda_document(const MeetingPapers& p,
                              const std::map<int64_t, std::string>* paper_anchors) {
    const Meeting& m = p.meeting;
    doc::Document d = papers_frame(p, "Agenda");
    d.created = to_string(m.agenda_published_on ? *m.agenda_published_on : m.date);

    d.add(doc::Heading{1, p.panel.name, {}});
    doc::KeyValues when;
    when.key_width = 0.14;
    when.rows = {{"Date:", {bold(long_name(m.date))}},
                 {"Time:", {bold(time_label(m.time))}},
                 {"Venue:", {bold(m.venue)}}};
    d.add(when);
    if (m.status == MeetingStatus::cancelled)
        d.add(doc::Paragraph{{bold("This meeting has been cancelled.")}});
    if (m.reserve)
        d.add(doc::Paragraph{{bold("Reserve date"),
                              plain(m.reserve_reason.empty() ? "" : ": " + m.reserve_reason)}});
    if (!m.briefing.empty())
        d.add(doc::Paragraph{
            {plain("Panel Members are invited to a briefing session at " + m.briefing + ".")}});

    d.add(doc::Heading{2, "Membership", {}});
    doc::Table members;
    members.widths = {0.36, 0.36, 0.28};
    members.header = {
        {plain("Main Member")}, {plain("Substitute Member")}, {plain("Representing")}};
    for (const PanelMember* pm : p.panel.serving(m.date))
        if (pm->kind != MemberKind::substitute)
            members.rows.push_back({{plain(display_name(*pm))},
                                    {plain(substitute_member_cell(p.panel, *pm, m.date))},
                                    {plain(pm->body)}});
    d.add(members);
    if (!p.panel.contact.empty()) {
        d.add(
            doc::Paragraph{{plain("For further details and general enquiries about this "
                                  "Agenda please contact the Committee Officer:")}});
        d.add(doc::Paragraph{linked(p.panel.contact)});
    }

    d.add(doc::Heading{2, "A g e n d a", "Agenda"});
    for (const auto& item : m.items) {
        std::string title =
            fmt::format("{}. {}{}{}", item.position, item.title,
                        item.to_follow ? " (To follow)" : "", restriction_mark(item.visibility));
        d.add(doc::Heading{3, title, {}});
        if (!item.purpose.empty()) d.add(doc::Paragraph{{plain(item.purpose)}});
        if (item.kind == AgendaItemKind::declarations) declarations_guidance(d);
        if (item.kind == AgendaItemKind::public_questions && !m.public_questions_deadline.empty() &&
            item.purpose.find(m.public_questions_deadline) == std::string::npos)
            d.add(doc::Paragraph{{plain("Please note that all questions are to be received by "),
                                  bold(m.public_questions_deadline), plain(".")}});
        if (!item.invitees.empty())
            d.add(doc::Paragraph{{plain("Invited to attend: " + item.invitees)}});
        auto anchor = paper_anchors ? paper_anchors->find(item.id)
                                    : std::map<int64_t, std::string>::const_iterator{};
        if (paper_anchors && anchor != paper_anchors->end()) {
            // In the pack: the page its paper starts on (the stored page is HTML's fallback).
            doc::Run page = doc::page_number_of(
                anchor->second, item.report_page ? std::to_string(*item.report_page) : "below");
            page.bold = true;
            d.add(doc::Paragraph{{plain("(Page "), page, plain(")")}});
        } else if (item.report_page && !paper_anchors) {
            d.add(doc::Paragraph{
                {plain("(Page "), bold(std::to_string(*item.report_page)), plain(")")}});
        }
    }

    auto arising = matters_arising(m, p.meetings, p.requests);
    if (!arising.empty()) {
        d.add(doc::Heading{2, "Matters arising: open requests from earlier meetings", {}});
        d.add(requests_table(arising, p.meetings, true));
    }
    if (m.agenda_published_on)
        d.add(
            doc::Paragraph{{plain("Date Agenda Published: " + long_name(*m.agenda_published_on))}});
    return d;
}

doc::Document minutes_document(const MeetingPapers& p) {
    const Meeting& m = p.meeting;
    doc::Document d = papers_frame(p, "Minutes");
    d.created = to_string(m.date);

    d.add(doc::Heading{1, p.panel.name, {}});
    d.add(doc::Paragraph{{plain(fmt::format("Minutes of the Meeting held on {} at {} in the {}",
                                            long_name(m.date), time_label(m.time), m.venue))}});

    doc::KeyValues present;
    present.key_width = 0.5;
    std::vector<std::string> substitutes, apologies;
    for (const auto& a : p.attendance) {
        const PanelMember* pm = p.panel.member(a.member_id);
        if (!pm) continue;
        switch (a.status) {
            case AttendanceStatus::present:
                present.rows.push_back(
                    {display_name(*pm) + (a.capacity.empty() ? "" : " (" + a.capacity + ")"),
                     {plain(pm->body)}});
                break;
            case AttendanceStatus::substitute:
                substitutes.push_back(substitution_label(p.panel, a));
                break;
            case AttendanceStatus::apologies:
                apologies.push_back(display_name(*pm));
                break;
            case AttendanceStatus::absent:
                break;
        }
    }
    if (p.attendance.empty()) {
        d.add(doc::Paragraph{{plain("Attendance has not been recorded.")}});
    } else {
        d.add(doc::Heading{2, "Members Present:", "Members present"});
        if (present.rows.empty())
            d.add(doc::Paragraph{{plain("None recorded.")}});
        else
            d.add(present);
        if (!substitutes.empty()) {
            d.add(doc::Heading{2, "Substitute Members Present:", "Substitute members present"});
            std::string lines;
            for (const auto& s : substitutes) lines += (lines.empty() ? "" : "\n") + s;
            d.add(doc::Paragraph{{plain(lines)}});
        }
    }
    if (!p.others.empty()) {
        d.add(doc::Heading{2, "Officers/Others Present:", "Officers and others present"});
        doc::KeyValues others;
        others.key_width = 0.3;
        for (const auto& o : p.others) others.rows.push_back({o.name, {plain(o.role)}});
        d.add(others);
    }
    if (!apologies.empty())
        d.add(doc::Paragraph{
            {plain("Apologies had been received from " + joined_with_and(apologies) + ".")}});

    std::string subject = resolving_body(p.panel);
    for (const auto& item : m.items) {
        d.add(doc::Heading{
            2,
            fmt::format("{}. {}{}", item.position, item.title, restriction_mark(item.visibility)),
            {}});
        for (const auto& i : p.interests)
            if (i.agenda_item_id == item.id ||
                (!i.agenda_item_id && item.kind == AgendaItemKind::declarations))
                d.add(doc::Paragraph{{plain(interest_declaration(p.panel, i) + ".")}});
        doc::List points;
        int n = 0;
        for (const auto& point : p.minutes) {
            if (point.agenda_item_id != item.id) continue;
            for (auto& li : minute_items(minute_number(item.position, ++n), point, subject))
                points.items.push_back(std::move(li));
        }
        if (points.items.empty())
            d.add(doc::Paragraph{{plain("No minutes recorded.")}});
        else
            d.add(points);
        std::vector<PanelRequest> made;
        for (const auto& q : p.requests)
            if (q.meeting_id == m.id && q.agenda_item_id == item.id) made.push_back(q);
        if (!made.empty()) {
            d.add(doc::Paragraph{{bold("Requests made under this item:")}});
            d.add(requests_table(made, p.meetings, false));
        }
    }
    // Declarations for the whole meeting when there is no declarations item to put them under.
    bool has_declarations_item =
        std::any_of(m.items.begin(), m.items.end(),
                    [](const AgendaItem& i) { return i.kind == AgendaItemKind::declarations; });
    if (!has_declarations_item)
        for (const auto& i : p.interests)
            if (!i.agenda_item_id)
                d.add(doc::Paragraph{{plain(interest_declaration(p.panel, i) + ".")}});

    if (!m.ended_at.empty())
        d.add(doc::Paragraph{{plain("Meeting ended at " + time_label(m.ended_at))}});
    if (m.minutes_confirmed_at)
        for (const auto& other : p.meetings)
            if (other.id == *m.minutes_confirmed_at)
                d.add(doc::Paragraph{
                    {plain("Confirmed as an accurate record and signed by the Chair at the "
                           "meeting of " +
                           long_name(other.date) + ".")}});
    return d;
}

}  // namespace scrutineer::report
