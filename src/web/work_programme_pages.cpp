#include "scrutineer/work_programme_pages.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "scrutineer/csv_field.hpp"
#include "scrutineer/icalendar.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/rolling_programme.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/statutory_items.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme.hpp"
#include "scrutineer/work_programme_store.hpp"

namespace scrutineer::web {
namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

std::string panel_url(const Panel& p) {
    return fmt::format("/panels/{}", p.id);
}

// What the panel's pages need, read as the viewer may see it.
struct Loaded {
    Panel panel;
    std::vector<Meeting> meetings;
    std::vector<ProgrammeEntry> entries;
    WorkProgrammeSettings settings;
};

std::optional<Loaded> load(Site& site, int64_t panel_id) {
    auto db = site.database();
    auto panel = store::load_panel(*db, panel_id);
    if (!panel) return std::nullopt;
    Loaded l;
    l.panel = std::move(*panel);
    l.meetings = store::load_meetings(*db, panel_id, site.role());
    l.entries = store::load_programme_entries(*db, panel_id, site.role());
    l.settings = store::load_work_programme_settings(*db);
    return l;
}

// ---- the forward work programme ----

// The programme year asked for (?year=YYYY: the year starting on the civic year's first day);
// otherwise the one containing today if anything is in it or later; otherwise the latest year
// with a meeting. Nothing, with `error` set, for a bad ?year.
std::optional<ProgrammeYear> chosen_year(const Request& req, const Loaded& l, CalendarDate today,
                                         std::string& error) {
    MonthDay starts = l.settings.civic_year_starts;
    std::string text = trimmed(req.query_value("year"));
    if (!text.empty()) {
        bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
                          return std::isdigit(static_cast<unsigned char>(c));
                      });
        int y = digits ? std::stoi(text) : 0;
        if (!digits || y < 1900 || y > 2998) {
            error = "Enter the programme year as the year it starts, like 2020";
            return std::nullopt;
        }
        return programme_year_starting(y, starts);
    }
    ProgrammeYear current = programme_year_containing(today, starts);
    bool anything = false;
    for (const auto& m : l.meetings)
        if (m.date >= current.first) anything = true;
    if (anything || l.meetings.empty()) return current;
    return programme_year_containing(l.meetings.back().date, starts);
}

Data year_links(const Loaded& l, const ProgrammeYear& shown, CalendarDate today) {
    std::set<int> years;
    years.insert(programme_year_containing(today, l.settings.civic_year_starts).first.year());
    for (const auto& m : l.meetings)
        years.insert(programme_year_containing(m.date, l.settings.civic_year_starts).first.year());
    Data out = list();
    for (int y : years) {
        ProgrammeYear py = programme_year_starting(y, l.settings.civic_year_starts);
        Data d = object();
        d.set("label", label(py));
        d.set("url", fmt::format("/panels/{}/work-programme?year={}", l.panel.id, y));
        d.set("current", py.first == shown.first);
        out.push_back(d);
    }
    return out;
}

Data row_data(const ProgrammeRow& r) {
    Data d = object();
    d.set("when", r.when);
    d.set("is_meeting", r.meeting_id.has_value());
    d.set("meeting_url", r.meeting_id ? fmt::format("/meetings/{}", *r.meeting_id) : "");
    d.set("reserve", r.reserve);
    d.set("cancelled", r.cancelled);
    d.set("held", r.held);
    d.set("provisional",
          r.entry_id.has_value() && r.entry_kind == ProgrammeEntryKind::provisional_meeting);
    d.set("is_event", r.entry_id.has_value() && r.entry_kind == ProgrammeEntryKind::event);
    Data items = list();
    Data purposes = list();
    for (const auto& i : r.items) {
        Data it = object();
        it.set("title", i.title);
        it.set("purpose", i.purpose);
        it.set("has_purpose", !i.purpose.empty());
        it.set("in_depth", i.in_depth);
        items.push_back(it);
    }
    d.set("items", items);
    d.set("attendees", r.attendees);
    return d;
}

std::string programme_csv(const Panel& panel, const ForwardWorkProgramme& fwp) {
    bool csp = panel.kind == PanelKind::csp_scrutiny_sub_panel;
    std::string out = csp ? "Date,Report,Issues for consideration,Invited to attend\r\n"
                          : "Date,Item,Attendees\r\n";
    for (const auto& r : fwp.rows) {
        std::string when = r.when + (r.cancelled ? " (cancelled)" : "");
        std::vector<std::string> titles, purposes;
        for (const auto& i : r.items) {
            titles.push_back(i.title);
            if (!i.purpose.empty()) purposes.push_back(i.purpose);
        }
        out += csv_field(when) + "," + csv_field(join(titles, "\n"));
        if (csp) out += "," + csv_field(join(purposes, "\n"));
        out += "," + csv_field(r.attendees) + "\r\n";
    }
    for (const auto& n : fwp.notes) out += csv_field("Note") + "," + csv_field(n.title) + "\r\n";
    return out;
}

Response work_programme_page(Site& site, const Request& req, int64_t panel_id, bool as_csv,
                             const FormErrors& form_errors = {},
                             const std::map<std::string, std::string>& form = {},
                             int status = 200) {
    auto l = load(site, panel_id);
    if (!l) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    std::string error;
    auto year = chosen_year(req, *l, site.today(), error);
    if (!year) return site.bad_request(req, "year", error);
    auto fwp = forward_work_programme(l->meetings, l->entries, year->first);

    if (as_csv) {
        Response r = Response::text(programme_csv(l->panel, fwp));
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"work-programme-{}-{}.csv\"",
                                           l->panel.id, year->first.year()));
        return r;
    }

    Data d = object();
    d.set("panel_name", l->panel.name);
    d.set("panel_url", panel_url(l->panel));
    d.set("panel_id", std::to_string(l->panel.id));
    d.set("panel_kind", label(l->panel.kind));
    d.set("csp", l->panel.kind == PanelKind::csp_scrutiny_sub_panel);
    d.set("year_label", label(*year));
    d.set("year_first", long_name(year->first));
    d.set("year", std::to_string(year->first.year()));
    d.set("years", year_links(*l, *year, site.today()));
    Data rows = list();
    for (const auto& r : fwp.rows) rows.push_back(row_data(r));
    d.set("rows", rows);
    d.set("has_rows", !fwp.rows.empty());
    Data notes = list();
    for (const auto& n : fwp.notes) notes.push_back(Data(n.title));
    d.set("notes", notes);
    d.set("has_notes", !fwp.notes.empty());
    d.set("ics_url", fmt::format("/panels/{}/work-programme.ics", l->panel.id));
    d.set("csv_url",
          fmt::format("/panels/{}/work-programme.csv?year={}", l->panel.id, year->first.year()));
    d.set("rolling_url", fmt::format("/panels/{}/rolling-programme", l->panel.id));

    // The statutory items: for members, officers and administrators.
    bool staff = may_see(site.role(), Visibility::exempt);
    d.set("show_statutory", staff);
    if (staff) {
        auto rules = statutory_rules_for(l->panel.kind);
        auto check = check_statutory_items(rules, l->meetings, *year, l->settings);
        d.set("has_rules", !rules.empty());
        Data placed = list();
        for (const auto& p : check.placed) {
            Data e = object();
            e.set("name", p.name);
            e.set("date", long_name(p.date));
            e.set("item", p.item);
            e.set("reserve", p.reserve);
            e.set("meeting_url", fmt::format("/meetings/{}", p.meeting_id));
            placed.push_back(e);
        }
        d.set("placed", placed);
        d.set("has_placed", !check.placed.empty());
        Data warnings = list();
        for (const auto& w : check.warnings) {
            Data e = object();
            e.set("name", w.name);
            e.set("problem", w.problem);
            e.set("rule", w.rule);
            e.set("source", w.source);
            warnings.push_back(e);
        }
        d.set("warnings", warnings);
        d.set("has_warnings", !check.warnings.empty());
        d.set("warning_count", std::to_string(check.warnings.size()));
    }

    // Items identified for consideration at future meetings: open requests due in "future
    // reports".
    {
        auto db = site.database();
        Data future = list();
        bool any_future = false;
        for (const auto& q : store::load_requests(*db, site.role(), l->panel.id)) {
            if (q.due != DueKind::future_reports || is_closed(q.status)) continue;
            Data e = object();
            e.set("text", q.text);
            e.set("kind", label(q.kind));
            std::string made;
            for (const auto& m : l->meetings)
                if (m.id == q.meeting_id) made = long_name(m.date);
            e.set("made_on", made);
            e.set("has_made_on", !made.empty());
            e.set("restricted", q.visibility != Visibility::public_item);
            e.set("visibility", to_string(q.visibility));
            future.push_back(e);
            any_future = true;
        }
        d.set("has_future", any_future);
        d.set("future", future);
    }

    // The officer's form to add an entry.
    auto value = [&](const char* k, const char* fallback = "") {
        auto it = form.find(k);
        return it == form.end() ? std::string(fallback) : it->second;
    };
    std::string kind = value("kind", "event");
    Data kinds = list();
    for (auto k : {ProgrammeEntryKind::event, ProgrammeEntryKind::provisional_meeting,
                   ProgrammeEntryKind::note}) {
        Data o = object();
        o.set("value", to_string(k));
        o.set("label", label(k));
        o.set("selected", kind == to_string(k));
        kinds.push_back(o);
    }
    d.set("entry_kinds", kinds);
    std::string vis = value("visibility", "public");
    Data visibilities = list();
    for (auto v : {Visibility::public_item, Visibility::exempt, Visibility::confidential}) {
        Data o = object();
        o.set("value", to_string(v));
        o.set("label", v == Visibility::public_item ? "Public"
                       : v == Visibility::exempt    ? "Exempt"
                                                    : "Confidential");
        o.set("selected", vis == to_string(v));
        visibilities.push_back(o);
    }
    d.set("visibilities", visibilities);
    for (const char* f : {"when", "month", "date", "title", "invitees"})
        d.set(std::string("form_") + f, value(f));
    form_errors.into(d, {"kind", "when", "month", "date", "title", "invitees", "visibility"});

    std::string title = fmt::format("Forward work programme: {}", l->panel.name);
    return site.page(req, "work_programme", form_errors.any() ? "Error: " + title : title, d,
                     status);
}

Response add_entry(Site& site, const Request& req, int64_t panel_id) {
    if (auto no = site.require(req, may_edit(site.role()), "change the work programme")) return *no;
    std::map<std::string, std::string> form;
    for (const char* f : {"kind", "when", "month", "date", "title", "invitees", "visibility"})
        form[f] = trimmed(req.form_value(f));
    FormErrors errors;
    ProgrammeEntry e;
    e.panel_id = panel_id;
    auto kind = parse_programme_entry_kind(form["kind"]);
    if (!kind)
        errors.add("kind", "Choose what the entry is: an event, a provisional meeting or a note");
    else
        e.kind = *kind;
    e.when = form["when"];
    e.title = form["title"];
    e.invitees = form["invitees"];
    if (!form["month"].empty()) {
        e.month = parse_month(form["month"]);
        if (!e.month) errors.add("month", "Enter the month as YYYY-MM, like 2020-05");
    }
    if (!form["date"].empty()) {
        e.date = parse_date(form["date"]);
        if (!e.date)
            errors.add("date", "Enter the date as YYYY-MM-DD, like 2020-11-24, or leave it empty");
        else if (!e.month)
            e.month = month_of(*e.date);
    }
    auto v = parse_visibility(form["visibility"]);
    if (!v)
        errors.add("visibility", "Choose who may see the entry");
    else
        e.visibility = *v;
    if (!errors.any()) {
        try {
            validate(e);
        } catch (const ProgrammeEntryInvalid& err) {
            std::string message = err.problem;
            if (!message.empty()) message[0] = static_cast<char>(std::toupper(message[0]));
            errors.add(err.field, message);
        }
    }
    if (!errors.any()) {
        auto db = site.database();
        if (!store::load_panel(*db, panel_id))
            return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
        store::Transaction tx(*db);
        int64_t id = store::save_programme_entry(*db, e);
        store::audit(*db, site.actor(), "work_programme.entry",
                     fmt::format("panel {} entry {}: {} {} '{}'", panel_id, id, to_string(e.kind),
                                 e.when, e.title));
        tx.commit();
        return Response::redirect(fmt::format("/panels/{}/work-programme", panel_id));
    }
    return work_programme_page(site, req, panel_id, false, errors, form, 400);
}

// ---- the iCalendar feed ----

// The host name of the site's public URL (no scheme, port or path): the calendar events' UIDs
// end in it. Never the request's Host header: the feed is kept and served to every visitor.
std::string host_of(const std::string& public_url) {
    std::string host = public_url.substr(public_url.find("://") + 3);
    host = host.substr(0, host.find('/'));
    if (host.rfind('[', 0) == 0) return host.substr(0, host.find(']') + 1);  // an IPv6 address
    return host.substr(0, host.find(':'));
}

// Two hours after "HH:MM" (no later than 23:59): meetings whose end is not recorded.
std::string two_hours_after(const std::string& hh_mm) {
    int minutes = std::stoi(hh_mm.substr(0, 2)) * 60 + std::stoi(hh_mm.substr(3, 2)) + 120;
    minutes = std::min(minutes, 23 * 60 + 59);
    return fmt::format("{:02d}:{:02d}", minutes / 60, minutes % 60);
}

Response calendar(Site& site, const Request& req, int64_t panel_id) {
    auto l = load(site, panel_id);
    if (!l) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    // Absolute links from the configured public URL only (checked when the application starts).
    const std::string& base = site.public_url();
    std::string host = host_of(base);
    CalendarFeed feed;
    feed.name = l->panel.name;
    for (const auto& m : l->meetings) {
        CalendarEvent e;
        e.uid = fmt::format("meeting-{}@{}", m.id, host);
        e.date = m.date;
        if (valid_time(m.time)) {
            e.start = m.time;
            e.end = m.status == MeetingStatus::held && valid_time(m.ended_at) && m.ended_at > m.time
                        ? m.ended_at
                        : two_hours_after(m.time);
        }
        std::vector<std::string> titles, lines;
        std::vector<std::string> invitees;
        for (const auto& i : m.items) {
            if (i.kind != AgendaItemKind::business && i.kind != AgendaItemKind::election_of_chair &&
                i.kind != AgendaItemKind::election_of_vice_chair)
                continue;
            titles.push_back(i.title);
            if (!i.invitees.empty() &&
                std::find(invitees.begin(), invitees.end(), i.invitees) == invitees.end())
                invitees.push_back(i.invitees);
        }
        if (m.reserve) {
            e.summary = l->panel.name + " — Reserve date" +
                        (m.reserve_reason.empty() ? "" : " – " + m.reserve_reason);
        } else if (!titles.empty()) {
            std::vector<std::string> first(titles.begin(),
                                           titles.begin() + std::min<size_t>(2, titles.size()));
            e.summary = l->panel.name + " — " + join(first, "; ") +
                        (titles.size() > 2 ? fmt::format(" and {} more", titles.size() - 2) : "");
        } else {
            e.summary = l->panel.name;
        }
        if (m.status == MeetingStatus::cancelled) e.summary = "Cancelled: " + e.summary;
        e.location = m.venue;
        if (m.reserve) lines.push_back("A reserve date, held only if needed.");
        for (size_t i = 0; i < titles.size(); ++i)
            lines.push_back(fmt::format("{}. {}", i + 1, titles[i]));
        if (!invitees.empty()) lines.push_back("Invited to attend: " + join(invitees, "; "));
        e.description = join(lines, "\n");
        e.url = fmt::format("{}/meetings/{}", base, m.id);
        e.status = m.status == MeetingStatus::cancelled ? EventStatus::cancelled
                   : m.reserve                          ? EventStatus::tentative
                                                        : EventStatus::confirmed;
        feed.events.push_back(std::move(e));
    }
    CalendarDate t = site.today();
    Response r = Response::text(write_icalendar(
        feed, fmt::format("{:04d}{:02d}{:02d}T000000Z", t.year(), t.month(), t.day())));
    r.content_type = "text/calendar; charset=utf-8";
    return r;
}

// ---- the rolling programme ----

// The plan the panel scrutinises: the PCP the current Police and Crime Plan, the CSP sub-panel
// the current CSP plan (the latest period if there are several).
Response rolling_page(Site& site, const Request& req, int64_t panel_id,
                      const FormErrors& form_errors = {}, int status = 200) {
    auto l = load(site, panel_id);
    if (!l) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    CalendarDate on = site.today();
    std::string on_text = trimmed(req.query_value("on"));
    if (!on_text.empty()) {
        auto d = parse_date(on_text);
        if (!d) return site.bad_request(req, "on", "Enter the date as YYYY-MM-DD, like 2022-06-01");
        on = *d;
    }
    std::optional<Plan> plan;
    std::vector<Priority> priorities;
    {
        auto db = site.database();
        plan = store::scrutinised_plan(*db, site.role(), l->panel);
        if (plan) priorities = store::load_priorities(*db, site.role(), plan->id);
    }
    Data d = object();
    d.set("panel_name", l->panel.name);
    d.set("panel_url", panel_url(l->panel));
    d.set("panel_id", std::to_string(l->panel.id));
    d.set("work_programme_url", fmt::format("/panels/{}/work-programme", l->panel.id));
    d.set("on", long_name(on));
    d.set("on_iso", to_string(on));
    d.set("on_today", on == site.today());
    d.set("has_plan", plan.has_value());
    d.set("per_meeting", std::to_string(kPrioritiesPerMeeting));
    if (plan) {
        d.set("plan_title", plan->title);
        d.set("plan_url", fmt::format("/plans/{}", plan->id));
    }
    std::map<int64_t, const Priority*> by_id;
    for (const auto& p : priorities) by_id[p.id] = &p;
    auto name_of = [&](int64_t id) {
        auto it = by_id.find(id);
        return it == by_id.end() ? std::string("a priority not shown")
                                 : fmt::format("{}. {}", it->second->number, it->second->title);
    };
    auto rp = rolling_programme(priorities, in_depth_reviews(l->meetings),
                                next_meetings(l->meetings, on), on);
    d.set("start", long_name(rp.start));
    std::set<int64_t> warned;
    for (const auto& w : rp.warnings) warned.insert(w.priority_id);
    Data rows = list();
    for (const auto& pr : rp.priorities) {
        Data r = object();
        r.set("id", std::to_string(pr.priority_id));
        r.set("number", std::to_string(pr.number));
        r.set("title", pr.title);
        r.set("url", fmt::format("/priorities/{}", pr.priority_id));
        r.set("reviewed", pr.last_reviewed.has_value());
        r.set("last_reviewed", pr.last_reviewed ? long_name(*pr.last_reviewed) : "");
        r.set("last_meeting_url",
              pr.last_meeting_id ? fmt::format("/meetings/{}", *pr.last_meeting_id) : "");
        r.set("due_by", long_name(pr.due_by));
        r.set("has_next", pr.next_review.has_value());
        r.set("next_review", pr.next_review ? long_name(*pr.next_review) : "");
        r.set("next_is_proposal", pr.next_is_proposal);
        r.set("warned", warned.count(pr.priority_id) > 0);
        rows.push_back(r);
    }
    d.set("priorities", rows);
    d.set("has_priorities", !rp.priorities.empty());
    Data meetings = list();
    Data meeting_options = list();
    for (const auto& m : rp.meetings) {
        Data e = object();
        e.set("id", std::to_string(m.meeting_id));
        e.set("date", long_name(m.date));
        e.set("url", fmt::format("/meetings/{}", m.meeting_id));
        Data placed = list();
        for (int64_t id : m.placed) placed.push_back(Data(name_of(id)));
        Data proposed = list();
        for (int64_t id : m.proposed) {
            Data p = object();
            p.set("name", name_of(id));
            p.set("priority_id", std::to_string(id));
            p.set("meeting_id", std::to_string(m.meeting_id));
            proposed.push_back(p);
        }
        e.set("placed", placed);
        e.set("has_placed", !m.placed.empty());
        e.set("proposed", proposed);
        e.set("has_proposed", !m.proposed.empty());
        meetings.push_back(e);
        Data o = object();
        o.set("value", std::to_string(m.meeting_id));
        o.set("label", long_name(m.date));
        meeting_options.push_back(o);
    }
    d.set("meetings", meetings);
    d.set("has_meetings", !rp.meetings.empty());
    d.set("meeting_options", meeting_options);
    Data priority_options = list();
    for (const auto& p : priorities) {
        Data o = object();
        o.set("value", std::to_string(p.id));
        o.set("label", fmt::format("{}. {}", p.number, p.title));
        priority_options.push_back(o);
    }
    d.set("priority_options", priority_options);
    Data warnings = list();
    for (const auto& w : rp.warnings) {
        Data e = object();
        e.set("message", w.message);
        e.set("already_over", w.already_over);
        warnings.push_back(e);
    }
    d.set("warnings", warnings);
    d.set("has_warnings", !rp.warnings.empty());
    form_errors.into(d, {"priority_id", "meeting_id"});
    std::string title = fmt::format("Rolling programme: {}", l->panel.name);
    return site.page(req, "rolling_programme", form_errors.any() ? "Error: " + title : title, d,
                     status);
}

Response place_review(Site& site, const Request& req, int64_t panel_id) {
    if (auto no = site.require(req, may_edit(site.role()), "change the rolling programme"))
        return *no;
    FormErrors errors;
    auto priority_id = parse_id(trimmed(req.form_value("priority_id")));
    auto meeting_id = parse_id(trimmed(req.form_value("meeting_id")));
    auto db = site.database();
    auto panel = store::load_panel(*db, panel_id);
    if (!panel) return site.not_found(req, fmt::format("There is no panel {}.", panel_id));
    auto plan = store::scrutinised_plan(*db, site.role(), *panel);
    const Priority* priority = nullptr;
    std::vector<Priority> priorities;
    if (plan) priorities = store::load_priorities(*db, site.role(), plan->id);
    for (const auto& p : priorities)
        if (priority_id && p.id == *priority_id) priority = &p;
    if (!priority) errors.add("priority_id", "Choose a priority of the plan the panel scrutinises");
    std::optional<Meeting> meeting;
    if (meeting_id) meeting = store::load_meeting(*db, *meeting_id, site.role());
    if (!meeting || meeting->panel_id != panel_id)
        errors.add("meeting_id", "Choose a meeting of this panel");
    else if (meeting->status != MeetingStatus::scheduled || meeting->reserve)
        errors.add("meeting_id",
                   "Choose a scheduled meeting that is not a reserve date: in-depth reviews are "
                   "placed on the meetings to come");
    if (!errors.any())
        for (const auto& i : meeting->items)
            if (std::find(i.priority_ids.begin(), i.priority_ids.end(), priority->id) !=
                i.priority_ids.end())
                errors.add("priority_id", fmt::format("Priority {} is already on the meeting of {}",
                                                      priority->number, long_name(meeting->date)));
    if (errors.any()) return rolling_page(site, req, panel_id, errors, 400);
    AgendaItem item;
    item.meeting_id = meeting->id;
    item.kind = AgendaItemKind::business;
    item.title = fmt::format("In-depth review: priority {}, {}", priority->number, priority->title);
    item.purpose = "To undertake an in-depth review of the priority (rolling programme).";
    item.priority_ids = {priority->id};
    item.visibility = priority->visibility;
    store::Transaction tx(*db);
    int64_t id = store::save_agenda_item(*db, item);
    store::audit(
        *db, site.actor(), "rolling_programme.place",
        fmt::format("priority {} on meeting {} (agenda item {})", priority->id, meeting->id, id));
    tx.commit();
    return Response::redirect(fmt::format("/panels/{}/rolling-programme", panel_id));
}

}  // namespace

std::optional<Response> work_programme_pages(Site& site, const Request& req) {
    auto s = path_segments(req.path);
    if (s.size() != 3 || s[0] != "panels") return std::nullopt;
    auto id = parse_id(s[1]);
    const std::string& page = s[2];
    if (page != "work-programme" && page != "work-programme.csv" && page != "work-programme.ics" &&
        page != "rolling-programme")
        return std::nullopt;
    if (!id) return site.not_found(req, fmt::format("There is no panel {}.", s[1]));
    if (req.method == "GET" || req.method == "HEAD") {
        if (page == "work-programme") return work_programme_page(site, req, *id, false);
        if (page == "work-programme.csv") return work_programme_page(site, req, *id, true);
        if (page == "work-programme.ics") return calendar(site, req, *id);
        return rolling_page(site, req, *id);
    }
    if (req.method == "POST") {
        if (page == "work-programme") return add_entry(site, req, *id);
        if (page == "rolling-programme") return place_review(site, req, *id);
    }
    return std::nullopt;
}

}  // namespace scrutineer::web
