#include "scrutineer/scrutiny_pages.hpp"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "scrutineer/agenda.hpp"
#include "scrutineer/information_bulletin.hpp"
#include "scrutineer/matters_arising.hpp"
#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/meeting_wording.hpp"
#include "scrutineer/panel_composition.hpp"
#include "scrutineer/quorum.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/substitute_rule.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::web {

using namespace scrutineer::report;  // the meeting papers' documents and wording
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = trimmed(text.substr(start, end - start));
        if (!line.empty()) out.push_back(line);
        start = end + 1;
    }
    return out;
}

template <class E, size_t N>
Data choices(const E (&values)[N], E selected) {
    Data l = list();
    for (E v : values) l.push_back(choice(to_string(v), label(v), v == selected));
    return l;
}

Data visibility_choices(Visibility selected) {
    Data l = list();
    l.push_back(choice("public", "Public", selected == Visibility::public_item));
    l.push_back(choice("exempt", "Exempt", selected == Visibility::exempt));
    l.push_back(choice("confidential", "Confidential", selected == Visibility::confidential));
    return l;
}

std::string meeting_url(int64_t id) {
    return fmt::format("/meetings/{}", id);
}

const char* status_class(MeetingStatus s) {
    switch (s) {
        case MeetingStatus::scheduled:
            return "govuk-tag--blue";
        case MeetingStatus::held:
            return "govuk-tag--green";
        case MeetingStatus::cancelled:
            return "govuk-tag--grey";
    }
    return "govuk-tag--grey";
}

const char* request_class(RequestStatus s, bool overdue) {
    if (overdue) return "govuk-tag--red";
    switch (s) {
        case RequestStatus::open:
            return "govuk-tag--blue";
        case RequestStatus::answered:
            return "govuk-tag--green";
        case RequestStatus::partly_answered:
            return "govuk-tag--yellow";
        case RequestStatus::declined:
            return "govuk-tag--grey";
    }
    return "govuk-tag--grey";
}

Data meeting_row(const Panel& panel, const Meeting& m) {
    Data d = object();
    d.set("url", meeting_url(m.id));
    d.set("date", long_name(m.date));
    d.set("time", time_label(m.time));
    d.set("venue", m.venue);
    d.set("status", label(m.status));
    d.set("status_class", status_class(m.status));
    d.set("reserve", m.reserve);
    d.set("reserve_reason", m.reserve_reason);
    d.set("title", meeting_heading(panel, m));
    return d;
}

Data request_row(const PanelRequest& r, const std::vector<Meeting>& meetings, CalendarDate today,
                 const std::map<int64_t, std::string>& panel_names) {
    Data d = object();
    bool overdue = is_overdue(r, meetings, today);
    d.set("id", std::to_string(r.id));
    d.set("url", fmt::format("/requests/{}", r.id));
    d.set("kind", label(r.kind));
    d.set("text", r.text);
    d.set("addressee", label(r.addressee));
    d.set("due", request_due(r, meetings));
    d.set("status", label(r.status));
    d.set("status_class", request_class(r.status, overdue));
    d.set("overdue", overdue);
    d.set("has_response", !r.response.empty());
    d.set("response", r.response);
    d.set("response_note", r.response_note);
    d.set("answered_on", r.answered_on ? long_name(*r.answered_on) : "");
    d.set("restricted", r.visibility != Visibility::public_item);
    d.set("visibility", to_string(r.visibility));
    for (const auto& m : meetings)
        if (m.id == r.meeting_id) {
            d.set("made_at", long_name(m.date));
            d.set("made_at_url", meeting_url(m.id));
        }
    auto p = panel_names.find(r.panel_id);
    d.set("panel", p == panel_names.end() ? "" : p->second);
    return d;
}

// ---- reading pages ----

Response panels_page(Site& site, const Request& req) {
    auto db = site.database();
    Data rows = list();
    for (const auto& p : store::load_panels(*db)) {
        Data d = object();
        d.set("url", fmt::format("/panels/{}", p.id));
        d.set("name", p.name);
        d.set("kind", label(p.kind));
        auto problems = composition_problems(p, site.today());
        d.set("problems", std::to_string(problems.size()));
        d.set("has_problems", !problems.empty());
        auto meetings = store::load_meetings(*db, p.id, site.role());
        const Meeting* next = nullptr;
        for (const auto& m : meetings)
            if (m.date >= site.today() && m.status == MeetingStatus::scheduled && !m.reserve) {
                next = &m;
                break;
            }
        d.set("has_next", next != nullptr);
        if (next) d.set("next", meeting_row(p, *next));
        rows.push_back(d);
    }
    Data data = object();
    data.set("panels", rows);
    data.set("has_panels", !rows.is_empty_list());
    return site.page(req, "panels", "Panels", data);
}

Data member_data(const Panel& p, const PanelMember& m, CalendarDate today) {
    Data d = object();
    d.set("name", display_name(m));
    d.set("body", m.body);
    d.set("kind", label(m.kind));
    d.set("substitute", substitute_member_cell(p, m, today));
    std::string office;
    if (p.chair_id == m.id) office = "Chair";
    if (p.vice_chair_id == m.id) office = "Vice-Chair";
    d.set("office", office);
    d.set("term", m.term_end
                      ? fmt::format("{} to {}", long_name(m.term_start), long_name(*m.term_end))
                      : "From " + long_name(m.term_start));
    return d;
}

Response panel_page(Site& site, const Request& req, int64_t id, Data extra = object()) {
    auto db = site.database();
    auto p = store::load_panel(*db, id);
    if (!p) return site.not_found(req, fmt::format("There is no panel {}.", id));
    CalendarDate today = site.today();
    Data d = object();
    d.set("id", std::to_string(p->id));
    d.set("name", p->name);
    d.set("kind", label(p->kind));
    d.set("terms_of_reference", p->terms_of_reference);
    d.set("has_terms", !p->terms_of_reference.empty());
    d.set("quorum", std::to_string(p->quorum));
    d.set("contact", p->contact);
    d.set("is_pcp", p->kind == PanelKind::police_and_crime_panel);
    Data seats = list();
    for (const auto& s : p->seats) {
        Data r = object();
        r.set("body", s.body);
        r.set("seats", std::to_string(s.seats));
        r.set("kind", label(s.kind));
        r.set("substitutes", s.substitutes ? "One named substitute each" : "No substitute");
        seats.push_back(r);
    }
    d.set("seats", seats);
    std::string chair_rule =
        p->chair_from_body.empty()
            ? "Chair and vice-chair elected annually from the members"
            : fmt::format(
                  "Chair elected annually from the {} members{}", p->chair_from_body,
                  p->vice_chair_from_other_bodies ? "; vice-chair from the other members" : "");
    d.set("chair_rule", chair_rule);
    d.set("offices_elected_on",
          p->offices_elected_on ? long_name(*p->offices_elected_on) : "Not recorded");
    Data members = list();
    for (const PanelMember* m : p->serving(today))
        if (m->kind != MemberKind::substitute) members.push_back(member_data(*p, *m, today));
    d.set("members", members);
    auto problems = composition_problems(*p, today);
    Data pl = list();
    for (const auto& s : problems) pl.push_back(Data(s));
    d.set("problems", pl);
    d.set("has_problems", !problems.empty());
    Data upcoming = list(), past = list();
    for (const auto& m : store::load_meetings(*db, p->id, site.role()))
        (m.date >= today ? upcoming : past).push_back(meeting_row(*p, m));
    d.set("upcoming", upcoming);
    d.set("has_upcoming", !upcoming.is_empty_list());
    d.set("past", past);
    d.set("has_past", !past.is_empty_list());
    d.set("today", to_string(today));
    Data mains = list(), everyone = list(), chairs = list(), vices = list();
    for (const PanelMember* m : p->serving(today)) {
        everyone.push_back(choice(std::to_string(m->id), display_name(*m) + ", " + m->body, false));
        if (m->kind == MemberKind::substitute) continue;
        if (m->kind == MemberKind::main)
            mains.push_back(
                choice(std::to_string(m->id), display_name(*m) + ", " + m->body, false));
        chairs.push_back(choice(std::to_string(m->id), display_name(*m), p->chair_id == m->id));
        vices.push_back(choice(std::to_string(m->id), display_name(*m), p->vice_chair_id == m->id));
    }
    d.set("main_choices", mains);
    d.set("member_choices", everyone);
    d.set("chair_choices", chairs);
    d.set("vice_choices", vices);
    d.set("member_kinds",
          choices({MemberKind::main, MemberKind::substitute, MemberKind::co_opted_independent},
                  MemberKind::main));
    for (const char* key : {"has_error", "error", "error_field", "form_date", "form_time",
                            "form_venue", "form_briefing", "form_questions"})
        if (auto v = extra.get(key)) d.set(key, *v);
    return site.page(req, "panel", p->name, d, extra.get("has_error") ? 400 : 200);
}

struct MeetingView {
    Panel panel;
    Meeting meeting;
    std::vector<Meeting> meetings;  // of the panel, for "next meeting" and matters arising
    std::vector<Attendance> attendance;
    std::vector<Interest> interests;
    std::vector<MinutePoint> minutes;
    std::vector<PanelRequest> requests;  // of the panel, as the viewer may see them
};

std::optional<MeetingView> load_view(store::Database& db, int64_t id, Role role) {
    auto m = store::load_meeting(db, id, role);
    if (!m) return std::nullopt;
    auto p = store::load_panel(db, m->panel_id);
    if (!p) return std::nullopt;
    MeetingView v{*p,
                  *m,
                  store::load_meetings(db, p->id, role),
                  store::load_attendance(db, id),
                  store::load_interests(db, id),
                  store::load_minutes(db, id, role),
                  store::load_requests(db, role, p->id)};
    return v;
}

Data attendance_data(const MeetingView& v) {
    Data d = object();
    Data present = list(), subs = list(), apologies = list(), absent = list();
    std::vector<std::string> apology_names;
    for (const auto& a : v.attendance) {
        const PanelMember* m = v.panel.member(a.member_id);
        if (!m) continue;
        Data r = object();
        r.set("name", display_name(*m) + (a.capacity.empty() ? "" : " (" + a.capacity + ")"));
        r.set("body", m->body);
        switch (a.status) {
            case AttendanceStatus::present:
                present.push_back(r);
                break;
            case AttendanceStatus::substitute:
                r.set("name", substitution_label(v.panel, a));
                subs.push_back(r);
                break;
            case AttendanceStatus::apologies:
                apologies.push_back(r);
                apology_names.push_back(display_name(*m));
                break;
            case AttendanceStatus::absent:
                absent.push_back(r);
                break;
        }
    }
    d.set("present", present);
    d.set("substitutes", subs);
    d.set("has_substitutes", !subs.is_empty_list());
    d.set("apologies", apologies);
    d.set("has_apologies", !apologies.is_empty_list());
    // "A, B and C", as the minutes write it.
    std::string joined;
    for (size_t i = 0; i < apology_names.size(); ++i)
        joined += (i == 0 ? "" : i + 1 == apology_names.size() ? " and " : ", ") + apology_names[i];
    d.set("apologies_text", joined);
    d.set("absent", absent);
    d.set("has_absent", !absent.is_empty_list());
    d.set("recorded", !v.attendance.empty());
    return d;
}

// The item's minutes worded as the published PDF words them (minute_items): numbered points,
// their bullets, and each resolution's verb in bold.
Data minutes_for_item(const MeetingView& v, const AgendaItem& item) {
    Data lines = list();
    int n = 0;
    for (const auto& p : v.minutes) {
        if (p.agenda_item_id != item.id) continue;
        for (const auto& li :
             minute_items(minute_number(item.position, ++n), p, resolving_body(v.panel))) {
            Data r = object();
            r.set("label", li.label);
            r.set("has_label", !li.label.empty());
            r.set("depth", std::to_string(li.depth));
            Data runs = list();
            for (const auto& run : li.text) {
                Data x = object();
                x.set("text", run.text);
                x.set("bold", run.bold);
                runs.push_back(x);
            }
            r.set("runs", runs);
            lines.push_back(r);
        }
    }
    return lines;
}

Data meeting_data(Site& site, store::Database& db, const MeetingView& v) {
    CalendarDate today = site.today();
    Role role = site.role();
    const Meeting& m = v.meeting;
    Data d = object();
    d.set("id", std::to_string(m.id));
    d.set("panel", v.panel.name);
    d.set("panel_url", fmt::format("/panels/{}", v.panel.id));
    d.set("title", meeting_heading(v.panel, m));
    d.set("date", long_name(m.date));
    d.set("date_value", to_string(m.date));
    d.set("time", time_label(m.time));
    d.set("time_value", m.time);
    d.set("venue", m.venue);
    d.set("briefing", m.briefing);
    d.set("has_briefing", !m.briefing.empty());
    d.set("status", label(m.status));
    d.set("status_class", status_class(m.status));
    d.set("statuses",
          choices({MeetingStatus::scheduled, MeetingStatus::held, MeetingStatus::cancelled},
                  m.status));
    d.set("reserve", m.reserve);
    d.set("reserve_reason", m.reserve_reason);
    d.set("questions_deadline", m.public_questions_deadline);
    d.set("has_questions_deadline", !m.public_questions_deadline.empty());
    d.set("published_on", m.agenda_published_on ? long_name(*m.agenda_published_on) : "");
    d.set("has_published_on", m.agenda_published_on.has_value());
    d.set("published_value", m.agenda_published_on ? to_string(*m.agenda_published_on) : "");
    d.set("ended_at", m.ended_at.empty() ? "" : time_label(m.ended_at));
    d.set("ended_value", m.ended_at);
    d.set("has_ended", !m.ended_at.empty());
    if (auto prev = store::previous_meeting(db, m, role)) {
        d.set("has_previous", true);
        d.set("previous", meeting_row(v.panel, *prev));
    }
    if (auto next = store::next_meeting(db, m, role)) {
        d.set("has_next", true);
        d.set("next", meeting_row(v.panel, *next));
    }
    if (m.minutes_confirmed_at)
        for (const auto& other : v.meetings)
            if (other.id == *m.minutes_confirmed_at) {
                d.set("confirmed", true);
                d.set("confirmed_at", meeting_row(v.panel, other));
            }
    std::map<int64_t, std::string> panel_names{{v.panel.id, v.panel.name}};

    // The agenda, each item with its quorum, interests, minutes and requests.
    Data items = list();
    Data item_choices = list();
    for (const auto& item : m.items) {
        Data r = object();
        r.set("id", std::to_string(item.id));
        r.set("position", std::to_string(item.position));
        r.set("title", item.title);
        r.set("purpose", item.purpose);
        r.set("has_purpose", !item.purpose.empty());
        r.set("has_page", item.report_page.has_value());
        r.set("page", item.report_page ? std::to_string(*item.report_page) : "");
        r.set("to_follow", item.to_follow);
        r.set("invitees", item.invitees);
        r.set("has_invitees", !item.invitees.empty());
        r.set("restricted", item.visibility != Visibility::public_item);
        r.set("reviews_priorities", !item.priority_ids.empty());
        r.set("meeting_id", std::to_string(m.id));
        r.set("visibility", to_string(item.visibility));
        if (!v.attendance.empty()) {
            auto q = quorum_for_item(v.panel, v.attendance, v.interests, item.id);
            r.set("has_quorum", true);
            r.set("quorum", describe(v.panel, q));
            r.set("quorate", q.met);
        }
        Data interests = list();
        for (const auto& i : v.interests)
            if (i.agenda_item_id == item.id) {
                Data x = object();
                x.set("text", interest_declaration(v.panel, i));
                interests.push_back(x);
            }
        r.set("interests", interests);
        Data points = minutes_for_item(v, item);
        r.set("minutes", points);
        r.set("has_minutes", !points.is_empty_list());
        Data made = list();
        for (const auto& q : v.requests)
            if (q.meeting_id == m.id && q.agenda_item_id == item.id)
                made.push_back(request_row(q, v.meetings, today, panel_names));
        r.set("has_requests", !made.is_empty_list());
        Data table = object();
        table.set("rows", made);
        r.set("requests_table", table);
        items.push_back(r);
        item_choices.push_back(choice(std::to_string(item.id),
                                      fmt::format("{}. {}", item.position, item.title), false));
    }
    d.set("items", items);
    d.set("has_items", !items.is_empty_list());
    d.set("has_any_minutes", !v.minutes.empty());
    // A performance monitoring report when an item reviews priorities (the rolling programme).
    Data documents = list();
    auto document = [&](const char* name, const char* name_lower, const char* file) {
        Data x = object();
        x.set("name", name);
        x.set("name_lower", name_lower);
        x.set("file", file);
        x.set("id", std::to_string(m.id));
        documents.push_back(x);
    };
    document("Agenda", "agenda", "agenda");
    document("Minutes", "minutes", "minutes");
    if (std::any_of(m.items.begin(), m.items.end(),
                    [](const AgendaItem& i) { return !i.priority_ids.empty(); }))
        document("Performance monitoring report", "performance monitoring report",
                 "performance-report");
    // The bulletin and the complaints report of a Police and Crime Panel meeting whose agenda
    // has them (bulletin_document.hpp, complaints_document.hpp); every meeting's programme.
    bool pcp = v.panel.kind == PanelKind::police_and_crime_panel;
    if (pcp && has_information_bulletin(m))
        document("Information bulletin", "information bulletin", "bulletin");
    if (pcp && has_complaints_report(m))
        document("Complaints monitoring report", "complaints monitoring report",
                 "complaints-report");
    document("Forward work programme", "forward work programme", "work-programme");
    d.set("document_links", documents);
    d.set("item_choices", item_choices);
    d.set("next_position", std::to_string(m.items.size() + 1));

    Data general = list();
    for (const auto& i : v.interests)
        if (!i.agenda_item_id) {
            Data x = object();
            x.set("text", interest_declaration(v.panel, i));
            general.push_back(x);
        }
    d.set("general_interests", general);
    d.set("has_general_interests", !general.is_empty_list());

    // Requests made at this meeting but not under an item the viewer may see, and matters arising.
    Data arising = list();
    for (const auto& q : matters_arising(m, v.meetings, v.requests))
        arising.push_back(request_row(q, v.meetings, today, panel_names));
    d.set("has_matters_arising", !arising.is_empty_list());
    Data matters = object();
    matters.set("rows", arising);
    d.set("matters_table", matters);

    d.set("attendance", attendance_data(v));
    Data others = list();
    std::string others_value;  // the form's text: one "name, role" a line
    for (const auto& o : store::load_other_attendees(db, m.id)) {
        Data x = object();
        x.set("name", o.name);
        x.set("role", o.role);
        others.push_back(x);
        others_value += o.name + (o.role.empty() ? "" : ", " + o.role) + "\n";
    }
    d.set("others", others);
    d.set("has_others", !others.is_empty_list());
    d.set("others_value", others_value);
    d.set("meeting_quorum", std::to_string(v.panel.quorum));

    // The attendance form: one row per main or co-opted member serving on the day.
    Data att = list();
    Data member_choices = list();
    for (const PanelMember* pm : v.panel.serving(m.date)) {
        member_choices.push_back(choice(std::to_string(pm->id), display_name(*pm), false));
        if (pm->kind == MemberKind::substitute) continue;
        std::string current;
        std::string capacity;
        for (const auto& a : v.attendance)
            if (a.member_id == pm->id) {
                current = to_string(a.status);
                capacity = a.capacity;
            }
        const PanelMember* sub = v.panel.substitute_of(pm->id, m.date);
        if (sub)
            for (const auto& a : v.attendance)
                if (a.member_id == sub->id && a.status == AttendanceStatus::substitute &&
                    a.for_member_id == pm->id)
                    current = "substitute";
        Data r = object();
        r.set("id", std::to_string(pm->id));
        r.set("name", display_name(*pm));
        r.set("body", pm->body);
        r.set("capacity", capacity);
        Data opts = list();
        opts.push_back(choice("", "Not recorded", current.empty()));
        opts.push_back(choice("present", "Present", current == "present"));
        if (sub)
            opts.push_back(choice("substitute",
                                  "Apologies, " + display_name(*sub) + " substituting",
                                  current == "substitute"));
        opts.push_back(choice("apologies", "Apologies", current == "apologies"));
        opts.push_back(choice("absent", "Absent", current == "absent"));
        r.set("options", opts);
        att.push_back(r);
    }
    d.set("attendance_rows", att);
    d.set("member_choices", member_choices);
    d.set("interest_kinds",
          choices({InterestKind::disclosable_pecuniary, InterestKind::other}, InterestKind::other));
    d.set("verbs",
          choices({ResolutionVerb::noted, ResolutionVerb::considered, ResolutionVerb::agreed,
                   ResolutionVerb::requested, ResolutionVerb::delegated},
                  ResolutionVerb::noted));
    d.set("request_kinds", choices({RequestKind::recommendation, RequestKind::question,
                                    RequestKind::information_request},
                                   RequestKind::information_request));
    d.set("addressees",
          choices({Addressee::pcc, Addressee::chief_constable, Addressee::partnership,
                   Addressee::other},
                  v.panel.kind == PanelKind::police_and_crime_panel ? Addressee::pcc
                                                                    : Addressee::partnership));
    d.set("visibilities", visibility_choices(Visibility::public_item));
    d.set("may_change", may_edit(role));
    return d;
}

Response meeting_page(Site& site, const Request& req, int64_t id, Data extra = object()) {
    auto db = site.database();
    auto v = load_view(*db, id, site.role());
    if (!v) return site.not_found(req, fmt::format("There is no meeting {}.", id));
    Data d = meeting_data(site, *db, *v);
    for (const char* key : {"has_error", "error", "error_field"})
        if (auto x = extra.get(key)) d.set(key, *x);
    return site.page(req, "meeting", meeting_heading(v->panel, v->meeting), d,
                     extra.get("has_error") ? 400 : 200);
}

// The published agenda and minutes, in the layout of the seeds' packs.
Response published_page(Site& site, const Request& req, int64_t id, bool minutes) {
    auto db = site.database();
    auto v = load_view(*db, id, site.role());
    if (!v) return site.not_found(req, fmt::format("There is no meeting {}.", id));
    Data d = meeting_data(site, *db, *v);
    Data membership = list();
    for (const PanelMember* pm : v->panel.serving(v->meeting.date))
        if (pm->kind != MemberKind::substitute)
            membership.push_back(member_data(v->panel, *pm, v->meeting.date));
    d.set("membership", membership);
    d.set("contact", v->panel.contact);
    d.set("is_pcp", v->panel.kind == PanelKind::police_and_crime_panel);
    std::string title = minutes ? "Minutes: " + meeting_heading(v->panel, v->meeting)
                                : "Agenda: " + meeting_heading(v->panel, v->meeting);
    return site.page(req, minutes ? "minutes" : "agenda", title, d);
}

Response requests_page(Site& site, const Request& req) {
    auto db = site.database();
    CalendarDate today = site.today();
    std::string status_filter = req.query_value("status");
    std::map<int64_t, std::string> names;
    std::map<int64_t, std::vector<Meeting>> meetings;
    Data rows = list();
    int overdue = 0, open = 0;
    for (const auto& p : store::load_panels(*db)) {
        names[p.id] = p.name;
        meetings[p.id] = store::load_meetings(*db, p.id, site.role());
    }
    for (const auto& r : store::load_requests(*db, site.role())) {
        bool late = is_overdue(r, meetings[r.panel_id], today);
        if (!is_closed(r.status)) ++open;
        if (late) ++overdue;
        if (status_filter == "open" && is_closed(r.status)) continue;
        if (status_filter == "overdue" && !late) continue;
        if (status_filter == "closed" && !is_closed(r.status)) continue;
        rows.push_back(request_row(r, meetings[r.panel_id], today, names));
    }
    Data d = object();
    d.set("has_requests", !rows.is_empty_list());
    Data table = object();
    table.set("rows", rows);
    d.set("requests_table", table);
    d.set("open", std::to_string(open));
    d.set("overdue", std::to_string(overdue));
    Data filters = list();
    for (auto [value, text] : {std::pair{"", "All"}, std::pair{"open", "Open"},
                               std::pair{"overdue", "Overdue"}, std::pair{"closed", "Closed"}})
        filters.push_back(choice(value, text, status_filter == value));
    d.set("filters", filters);
    return site.page(req, "requests", "What the panels asked for", d);
}

Response request_page(Site& site, const Request& req, int64_t id, Data extra = object()) {
    auto db = site.database();
    auto r = store::load_request(*db, id, site.role());
    if (!r) return site.not_found(req, fmt::format("There is no request {}.", id));
    auto panel = store::load_panel(*db, r->panel_id);
    auto meetings = store::load_meetings(*db, r->panel_id, site.role());
    Data d = request_row(*r, meetings, site.today(), {{panel->id, panel->name}});
    d.set("statuses", choices({RequestStatus::open, RequestStatus::answered,
                               RequestStatus::partly_answered, RequestStatus::declined},
                              r->status));
    d.set("answered_value", r->answered_on ? to_string(*r->answered_on) : "");
    d.set("response_value", r->response);
    d.set("note_value", r->response_note);
    Data later = list();
    for (const auto& m : meetings) {
        bool after = false;
        for (const auto& made : meetings)
            if (made.id == r->meeting_id && m.date > made.date) after = true;
        if (after)
            later.push_back(
                choice(std::to_string(m.id), long_name(m.date), r->answered_at_meeting_id == m.id));
    }
    d.set("later_meetings", later);
    if (r->answered_at_meeting_id)
        for (const auto& m : meetings)
            if (m.id == *r->answered_at_meeting_id) {
                d.set("has_answered_at", true);
                d.set("answered_at", long_name(m.date));
                d.set("answered_at_url", meeting_url(m.id));
            }
    if (auto due = answer_due(*r, meetings)) d.set("due_date", long_name(*due));
    for (const char* key : {"has_error", "error", "error_field"})
        if (auto x = extra.get(key)) d.set(key, *x);
    return site.page(req, "request", fmt::format("Request {}", r->id), d,
                     extra.get("has_error") ? 400 : 200);
}

// ---- changes (officers and administrators) ----

std::optional<CalendarDate> form_date(const Request& req, const char* name) {
    return parse_date(trimmed(req.form_value(name)));
}

Response create_meeting(Site& site, const Request& req, int64_t panel_id) {
    auto fail = [&](const std::string& field, const std::string& message) {
        Data e = form_error(field, message);
        e.set("form_date", req.form_value("date"));
        e.set("form_time", req.form_value("time"));
        e.set("form_venue", req.form_value("venue"));
        e.set("form_briefing", req.form_value("briefing"));
        e.set("form_questions", req.form_value("questions_deadline"));
        return panel_page(site, req, panel_id, e);
    };
    auto db = site.database();
    if (!store::load_panel(*db, panel_id))
        return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    Meeting m;
    m.panel_id = panel_id;
    auto date = form_date(req, "date");
    if (!date) return fail("meeting-date", "Enter the date of the meeting as YYYY-MM-DD");
    m.date = *date;
    m.time = trimmed(req.form_value("time"));
    if (!valid_time(m.time))
        return fail("meeting-time",
                    "Enter the time as HH:MM on the 24-hour clock, for example 10:00");
    m.venue = trimmed(req.form_value("venue"));
    if (m.venue.empty()) return fail("meeting-venue", "Enter the venue");
    m.briefing = trimmed(req.form_value("briefing"));
    m.public_questions_deadline = trimmed(req.form_value("questions_deadline"));
    m.reserve = req.form_value("reserve") == "yes";
    m.reserve_reason = trimmed(req.form_value("reserve_reason"));
    int64_t id = 0;
    {
        store::Transaction tx(*db);
        id = store::save_meeting(*db, m);
        store::add_standard_items(*db, id);
        store::audit(*db, site.actor(), "meeting.create",
                     fmt::format("meeting {} of panel {} on {}", id, panel_id, to_string(m.date)));
        tx.commit();
    }
    return Response::redirect(meeting_url(id));
}

Response add_member(Site& site, const Request& req, int64_t panel_id) {
    auto db = site.database();
    auto panel = store::load_panel(*db, panel_id);
    if (!panel) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    PanelMember m;
    m.panel_id = panel_id;
    m.title = trimmed(req.form_value("title"));
    m.name = trimmed(req.form_value("name"));
    if (m.name.empty())
        return panel_page(site, req, panel_id,
                          form_error("member-name", "Enter the member's name"));
    m.body = trimmed(req.form_value("body"));
    if (m.body.empty())
        return panel_page(site, req, panel_id,
                          form_error("member-body", "Enter the body the member represents"));
    auto kind = parse_member_kind(req.form_value("kind"));
    if (!kind)
        return panel_page(site, req, panel_id,
                          form_error("member-kind", "Choose how the member sits"));
    m.kind = *kind;
    if (m.kind == MemberKind::substitute) {
        auto main = parse_id(req.form_value("substitute_for"));
        if (!main || !panel->member(*main))
            return panel_page(site, req, panel_id,
                              form_error("member-substitute-for",
                                         "Choose the main member this is the substitute of"));
        m.substitute_for = *main;
    }
    auto start = form_date(req, "term_start");
    if (!start)
        return panel_page(
            site, req, panel_id,
            form_error("member-term-start", "Enter the start of the term as YYYY-MM-DD"));
    m.term_start = *start;
    try {
        store::Transaction tx(*db);
        int64_t id = store::save_member(*db, m);
        store::audit(*db, site.actor(), "panel_member.add",
                     fmt::format("member {} ({}) of panel {}", id, display_name(m), panel_id));
        tx.commit();
    } catch (const std::invalid_argument& e) {
        return panel_page(site, req, panel_id, form_error("member-name", e.what()));
    }
    return Response::redirect(fmt::format("/panels/{}", panel_id));
}

Response end_term(Site& site, const Request& req, int64_t panel_id) {
    auto db = site.database();
    auto panel = store::load_panel(*db, panel_id);
    if (!panel) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    auto id = parse_id(req.form_value("member"));
    const PanelMember* found = id ? panel->member(*id) : nullptr;
    if (!found)
        return panel_page(site, req, panel_id, form_error("term-member", "Choose the member"));
    auto end = form_date(req, "term_end");
    if (!end)
        return panel_page(site, req, panel_id,
                          form_error("term-end", "Enter the last day of the term as YYYY-MM-DD"));
    PanelMember m = *found;
    m.term_end = *end;
    try {
        store::Transaction tx(*db);
        store::save_member(*db, m);
        store::audit(*db, site.actor(), "panel_member.end_term",
                     fmt::format("member {} ({}) of panel {} to {}", m.id, display_name(m),
                                 panel_id, to_string(*end)));
        tx.commit();
    } catch (const std::invalid_argument& e) {
        return panel_page(site, req, panel_id, form_error("term-end", e.what()));
    }
    return Response::redirect(fmt::format("/panels/{}", panel_id));
}

Response record_offices(Site& site, const Request& req, int64_t panel_id) {
    auto db = site.database();
    auto panel = store::load_panel(*db, panel_id);
    if (!panel) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    auto chair = parse_id(req.form_value("chair"));
    auto vice = parse_id(req.form_value("vice_chair"));
    if (!chair || !panel->member(*chair))
        return panel_page(site, req, panel_id, form_error("office-chair", "Choose the chair"));
    if (!vice || !panel->member(*vice))
        return panel_page(site, req, panel_id,
                          form_error("office-vice-chair", "Choose the vice-chair"));
    if (*chair == *vice)
        return panel_page(site, req, panel_id,
                          form_error("office-vice-chair",
                                     "The chair and the vice-chair must be different members"));
    auto on = form_date(req, "elected_on");
    if (!on)
        return panel_page(
            site, req, panel_id,
            form_error("office-elected-on", "Enter the date of the election as YYYY-MM-DD"));
    panel->chair_id = *chair;
    panel->vice_chair_id = *vice;
    panel->offices_elected_on = *on;
    store::Transaction tx(*db);
    store::save_panel(*db, *panel);
    store::audit(*db, site.actor(), "panel.offices",
                 fmt::format("panel {}: chair {}, vice-chair {}, elected {}", panel_id, *chair,
                             *vice, to_string(*on)));
    tx.commit();
    return Response::redirect(fmt::format("/panels/{}", panel_id));
}

Response update_meeting(Site& site, const Request& req, int64_t id) {
    auto db = site.database();
    auto m = store::load_meeting(*db, id, Role::administrator);
    if (!m) return site.not_found(req, fmt::format("There is no meeting {}.", id));
    auto status = parse_meeting_status(req.form_value("status"));
    if (!status)
        return meeting_page(site, req, id, form_error("meeting-status", "Choose a status"));
    std::string ended = trimmed(req.form_value("ended_at"));
    if (!ended.empty() && !valid_time(ended))
        return meeting_page(
            site, req, id,
            form_error("ended-at", "Enter the time it ended as HH:MM, for example 11:31"));
    if (!ended.empty() && *status != MeetingStatus::held)
        return meeting_page(
            site, req, id,
            form_error("ended-at", "Only a meeting that was held has a time it ended"));
    m->status = *status;
    m->ended_at = ended;
    std::string published = trimmed(req.form_value("published_on"));
    if (published.empty())
        m->agenda_published_on.reset();
    else if (auto p = parse_date(published))
        m->agenda_published_on = *p;
    else
        return meeting_page(
            site, req, id,
            form_error("published-on", "Enter the date the agenda was published as YYYY-MM-DD"));
    store::Transaction tx(*db);
    store::save_meeting(*db, *m);
    // Confirming these minutes at a later meeting: "agreed as an accurate record and signed by the
    // Chair".
    if (req.form_value("confirm_previous") == "yes")
        if (auto prev = store::previous_meeting(*db, *m, Role::administrator)) {
            prev->minutes_confirmed_at = m->id;
            store::save_meeting(*db, *prev);
        }
    store::audit(*db, site.actor(), "meeting.update",
                 fmt::format("meeting {}: {}{}", id, to_string(m->status),
                             ended.empty() ? "" : ", ended " + ended));
    tx.commit();
    return Response::redirect(meeting_url(id));
}

Response add_item(Site& site, const Request& req, int64_t meeting_id) {
    auto db = site.database();
    auto m = store::load_meeting(*db, meeting_id, Role::administrator);
    if (!m) return site.not_found(req, fmt::format("There is no meeting {}.", meeting_id));
    AgendaItem item;
    item.meeting_id = meeting_id;
    item.title = trimmed(req.form_value("title"));
    if (item.title.empty())
        return meeting_page(site, req, meeting_id,
                            form_error("item-title", "Enter the item's title"));
    item.purpose = trimmed(req.form_value("purpose"));
    item.invitees = trimmed(req.form_value("invitees"));
    std::string page = trimmed(req.form_value("page"));
    if (!page.empty()) {
        auto n = parse_id(page);
        if (!n || *n < 1 || *n > 100000)
            return meeting_page(
                site, req, meeting_id,
                form_error("item-page", "Enter the report's page as a whole number"));
        item.report_page = static_cast<int>(*n);
    }
    item.to_follow = req.form_value("to_follow") == "yes";
    auto vis = parse_visibility(req.form_value("visibility"));
    if (!vis)
        return meeting_page(site, req, meeting_id,
                            form_error("item-visibility", "Choose who may see it"));
    item.visibility = *vis;
    std::string position = trimmed(req.form_value("position"));
    if (!position.empty()) {
        auto n = parse_id(position);
        if (!n || *n < 1)
            return meeting_page(
                site, req, meeting_id,
                form_error("item-position", "Enter the item's number as a whole number"));
        item.position = static_cast<int>(*n);
    }
    store::Transaction tx(*db);
    int64_t id = store::save_agenda_item(*db, item);
    store::audit(*db, site.actor(), "agenda_item.create",
                 fmt::format("item {} of meeting {}: {}", id, meeting_id, item.title));
    tx.commit();
    return Response::redirect(meeting_url(meeting_id) + "#item-" + std::to_string(id));
}

Response record_attendance(Site& site, const Request& req, int64_t meeting_id) {
    auto db = site.database();
    auto m = store::load_meeting(*db, meeting_id, Role::administrator);
    if (!m) return site.not_found(req, fmt::format("There is no meeting {}.", meeting_id));
    auto panel = store::load_panel(*db, m->panel_id);
    std::vector<Attendance> rows;
    for (const PanelMember* pm : panel->serving(m->date)) {
        if (pm->kind == MemberKind::substitute) continue;
        std::string key = std::to_string(pm->id);
        std::string status = req.form_value("status-" + key);
        std::string capacity = trimmed(req.form_value("capacity-" + key));
        if (status.empty()) continue;
        if (status == "substitute") {
            const PanelMember* sub = panel->substitute_of(pm->id, m->date);
            if (!sub)
                return meeting_page(
                    site, req, meeting_id,
                    form_error("status-" + key,
                               display_name(*pm) +
                                   " has no named substitute, so no one may attend for them"));
            rows.push_back(Attendance{pm->id, AttendanceStatus::apologies, std::nullopt, ""});
            rows.push_back(Attendance{sub->id, AttendanceStatus::substitute, pm->id, capacity});
            continue;
        }
        auto s = parse_attendance_status(status);
        if (!s)
            return meeting_page(
                site, req, meeting_id,
                form_error("status-" + key, "Choose how " + display_name(*pm) + " was recorded"));
        rows.push_back(Attendance{pm->id, *s, std::nullopt, capacity});
    }
    std::vector<OtherAttendee> others;
    for (const auto& line : lines_of(req.form_value("others"))) {
        size_t comma = line.find(',');
        others.push_back(
            OtherAttendee{0, trimmed(line.substr(0, comma)),
                          comma == std::string::npos ? "" : trimmed(line.substr(comma + 1))});
    }
    try {
        store::Transaction tx(*db);
        store::save_attendance(*db, meeting_id, rows);
        store::save_other_attendees(*db, meeting_id, others);
        store::audit(*db, site.actor(), "attendance.record",
                     fmt::format("meeting {}: {} members recorded", meeting_id, rows.size()));
        tx.commit();
    } catch (const std::invalid_argument& e) {
        return meeting_page(site, req, meeting_id, form_error("attendance", e.what()));
    }
    return Response::redirect(meeting_url(meeting_id) + "#attendance");
}

Response add_interest(Site& site, const Request& req, int64_t meeting_id) {
    auto db = site.database();
    Interest i;
    auto member = parse_id(req.form_value("member"));
    if (!member)
        return meeting_page(site, req, meeting_id,
                            form_error("interest-member", "Choose the member"));
    i.member_id = *member;
    std::string item = req.form_value("item");
    if (!item.empty()) {
        auto id = parse_id(item);
        if (!id)
            return meeting_page(site, req, meeting_id,
                                form_error("interest-item", "Choose the item"));
        i.agenda_item_id = *id;
    }
    auto kind = parse_interest_kind(req.form_value("kind"));
    if (!kind)
        return meeting_page(site, req, meeting_id,
                            form_error("interest-kind", "Choose the kind of interest"));
    i.kind = *kind;
    i.description = trimmed(req.form_value("description"));
    try {
        store::Transaction tx(*db);
        int64_t id = store::add_interest(*db, meeting_id, i);
        store::audit(*db, site.actor(), "interest.declare",
                     fmt::format("interest {} at meeting {}", id, meeting_id));
        tx.commit();
    } catch (const std::invalid_argument& e) {
        return meeting_page(site, req, meeting_id, form_error("interest-description", e.what()));
    }
    return Response::redirect(meeting_url(meeting_id) + "#interests");
}

Response add_minute(Site& site, const Request& req, int64_t meeting_id) {
    auto db = site.database();
    auto m = store::load_meeting(*db, meeting_id, Role::administrator);
    if (!m) return site.not_found(req, fmt::format("There is no meeting {}.", meeting_id));
    auto item = parse_id(req.form_value("item"));
    bool ours = false;
    for (const auto& i : m->items)
        if (item && i.id == *item) ours = true;
    if (!ours)
        return meeting_page(site, req, meeting_id,
                            form_error("minute-item", "Choose the agenda item"));
    MinutePoint p;
    p.agenda_item_id = *item;
    p.text = trimmed(req.form_value("text"));
    std::string verb = req.form_value("verb");
    if (!verb.empty()) {
        p.verb = parse_resolution_verb(verb);
        if (!p.verb)
            return meeting_page(site, req, meeting_id,
                                form_error("minute-verb", "Choose what the panel resolved"));
        p.is_resolution = true;
    }
    try {
        store::Transaction tx(*db);
        int64_t id = store::add_minute_point(*db, p);
        store::audit(*db, site.actor(), "minutes.add",
                     fmt::format("minute {} on item {} of meeting {}", id, *item, meeting_id));
        tx.commit();
    } catch (const std::invalid_argument& e) {
        return meeting_page(site, req, meeting_id, form_error("minute-text", e.what()));
    }
    return Response::redirect(meeting_url(meeting_id) + "#item-" + std::to_string(*item));
}

Response add_request(Site& site, const Request& req, int64_t meeting_id) {
    auto db = site.database();
    auto m = store::load_meeting(*db, meeting_id, Role::administrator);
    if (!m) return site.not_found(req, fmt::format("There is no meeting {}.", meeting_id));
    PanelRequest q;
    q.panel_id = m->panel_id;
    q.meeting_id = meeting_id;
    std::string item = req.form_value("item");
    if (!item.empty()) {
        auto id = parse_id(item);
        bool ours = false;
        for (const auto& i : m->items)
            if (id && i.id == *id) ours = true;
        if (!ours)
            return meeting_page(site, req, meeting_id,
                                form_error("request-item", "Choose the agenda item"));
        q.agenda_item_id = *id;
    }
    auto kind = parse_request_kind(req.form_value("kind"));
    if (!kind)
        return meeting_page(site, req, meeting_id,
                            form_error("request-kind", "Choose the kind of request"));
    q.kind = *kind;
    q.text = trimmed(req.form_value("text"));
    if (q.text.empty())
        return meeting_page(site, req, meeting_id,
                            form_error("request-text", "Enter what the panel asked for"));
    auto to = parse_addressee(req.form_value("addressee"));
    if (!to)
        return meeting_page(site, req, meeting_id,
                            form_error("request-addressee", "Choose who is to answer"));
    q.addressee = *to;
    auto due = parse_due_kind(req.form_value("due"));
    if (!due)
        return meeting_page(site, req, meeting_id,
                            form_error("request-due", "Choose when it is due"));
    q.due = *due;
    if (q.due == DueKind::date) {
        q.due_date = form_date(req, "due_date");
        if (!q.due_date)
            return meeting_page(
                site, req, meeting_id,
                form_error("request-due-date", "Enter the date the answer is due as YYYY-MM-DD"));
    }
    auto vis = parse_visibility(req.form_value("visibility"));
    if (!vis)
        return meeting_page(site, req, meeting_id,
                            form_error("request-visibility", "Choose who may see it"));
    q.visibility = *vis;
    store::Transaction tx(*db);
    int64_t id = store::save_request(*db, q);
    store::audit(*db, site.actor(), "request.create",
                 fmt::format("request {} made at meeting {}", id, meeting_id));
    tx.commit();
    return Response::redirect(meeting_url(meeting_id) + "#requests");
}

Response update_request(Site& site, const Request& req, int64_t id) {
    auto db = site.database();
    auto q = store::load_request(*db, id, site.role());
    if (!q) return site.not_found(req, fmt::format("There is no request {}.", id));
    auto status = parse_request_status(req.form_value("status"));
    if (!status)
        return request_page(site, req, id, form_error("request-status", "Choose where it stands"));
    q->status = *status;
    q->response = trimmed(req.form_value("response"));
    q->response_note = trimmed(req.form_value("response_note"));
    std::string answered = trimmed(req.form_value("answered_on"));
    if (answered.empty()) {
        q->answered_on.reset();
    } else if (auto d = parse_date(answered)) {
        q->answered_on = *d;
    } else {
        return request_page(
            site, req, id,
            form_error("answered-on", "Enter the date it was answered as YYYY-MM-DD"));
    }
    std::string at = req.form_value("answered_at");
    q->answered_at_meeting_id.reset();
    if (!at.empty()) {
        auto mid = parse_id(at);
        auto meeting = mid ? store::load_meeting(*db, *mid, Role::administrator) : std::nullopt;
        if (!meeting || meeting->panel_id != q->panel_id)
            return request_page(site, req, id,
                                form_error("answered-at", "Choose one of the panel's meetings"));
        q->answered_at_meeting_id = *mid;
        if (!q->answered_on) q->answered_on = meeting->date;
    }
    if (is_closed(q->status) && !q->answered_on)
        return request_page(
            site, req, id, form_error("answered-on", "Enter the date it was answered or declined"));
    if (!is_closed(q->status) && q->status != RequestStatus::partly_answered) {
        q->answered_on.reset();
        q->answered_at_meeting_id.reset();
    }
    store::Transaction tx(*db);
    store::save_request(*db, *q);
    store::audit(*db, site.actor(), "request.update",
                 fmt::format("request {}: {}", id, to_string(q->status)));
    tx.commit();
    return Response::redirect(fmt::format("/requests/{}", id));
}

}  // namespace

std::optional<Response> scrutiny_pages(Site& site, const Request& req) {
    auto seg = path_segments(req.path);
    if (seg.empty()) return std::nullopt;
    const std::string& root = seg[0];
    if (root != "panels" && root != "meetings" && root != "requests") return std::nullopt;
    int64_t id = 0;
    if (seg.size() > 1) {
        auto parsed = parse_id(seg[1]);
        if (!parsed) return std::nullopt;
        id = *parsed;
    }
    std::string sub = seg.size() > 2 ? seg[2] : "";
    if (seg.size() > 3) return std::nullopt;

    if (req.method == "GET" || req.method == "HEAD") {
        if (root == "panels" && seg.size() == 1) return panels_page(site, req);
        if (root == "panels" && seg.size() == 2) return panel_page(site, req, id);
        if (root == "meetings" && seg.size() == 2) return meeting_page(site, req, id);
        if (root == "meetings" && sub == "agenda") return published_page(site, req, id, false);
        if (root == "meetings" && sub == "minutes") return published_page(site, req, id, true);
        if (root == "requests" && seg.size() == 1) return requests_page(site, req);
        if (root == "requests" && seg.size() == 2) return request_page(site, req, id);
        return std::nullopt;
    }
    if (req.method != "POST") return std::nullopt;
    bool known =
        (root == "panels" &&
         (sub == "meetings" || sub == "members" || sub == "terms" || sub == "offices")) ||
        (root == "meetings" && seg.size() == 2) ||
        (root == "meetings" && (sub == "items" || sub == "attendance" || sub == "interests" ||
                                sub == "minutes" || sub == "requests")) ||
        (root == "requests" && seg.size() == 2);
    if (!known || seg.size() < 2) return std::nullopt;
    if (auto no = site.require(req, may_edit(site.role()), "record meetings")) return *no;
    if (root == "panels" && sub == "members") return add_member(site, req, id);
    if (root == "panels" && sub == "terms") return end_term(site, req, id);
    if (root == "panels" && sub == "offices") return record_offices(site, req, id);
    if (root == "panels") return create_meeting(site, req, id);
    if (root == "requests") return update_request(site, req, id);
    if (sub.empty()) return update_meeting(site, req, id);
    if (sub == "items") return add_item(site, req, id);
    if (sub == "attendance") return record_attendance(site, req, id);
    if (sub == "interests") return add_interest(site, req, id);
    if (sub == "minutes") return add_minute(site, req, id);
    return add_request(site, req, id);
}

}  // namespace scrutineer::web
