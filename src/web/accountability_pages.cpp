#include "scrutineer/accountability_pages.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <variant>

#include "scrutineer/accountability_store.hpp"
#include "scrutineer/bulletin_document.hpp"
#include "scrutineer/complaints_document.hpp"
#include "scrutineer/json_text.hpp"
#include "scrutineer/performance_report.hpp"  // ReportUnavailable
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::web {
namespace {

// A field's element id: "report_from" is written "report-from".
std::string element_id(std::string field) {
    for (char& c : field)
        if (c == '_') c = '-';
    return field;
}

// The values a form was sent with, to show it again with its errors (`form_<name>`).
void echo(Data& d, const Request& req, std::initializer_list<const char*> names) {
    for (const char* n : names) d.set(std::string("form_") + n, req.form_value(n));
}

std::optional<CalendarDate> date_field(const Request& req, const std::string& name,
                                       const std::string& field, const std::string& what,
                                       bool required, FormErrors& errors) {
    std::string text = trimmed(req.form_value(name));
    if (text.empty()) {
        if (required) errors.add(field, "Enter the " + what);
        return std::nullopt;
    }
    auto d = parse_date(text);
    if (!d)
        errors.add(field, "Enter the " + what +
                              " as a real date in the form YYYY-MM-DD, for example 2020-01-27");
    return d;
}

bool checked(const Request& req, const std::string& name) {
    return !req.form_value(name).empty();
}

Data lines_of(const std::string& text) {
    Data l = list();
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = trimmed(text.substr(start, end - start));
        if (!line.empty()) l.push_back(Data(line));
        start = end + 1;
    }
    return l;
}

bool may_see_confidential(const Site& site) {
    return may_see(site.role(), Visibility::confidential);
}

void audit(store::Database& db, const Site& site, const std::string& action,
           const std::string& detail) {
    store::audit(db, site.actor(), action, detail);
}

// ---- decisions ----

Data decision_data(const Decision& d, bool officer) {
    Data e = object();
    e.set("id", std::to_string(d.id));
    e.set("number", to_string(d.number));
    e.set("date", date_phrase(d.date, d.date_known));
    e.set("date_iso", to_string(d.date));
    e.set("category", d.category);
    e.set("title", d.title);
    e.set("confidential", d.confidential);
    // A confidential decision's summary is empty for viewers who may not read it (the store
    // redacts it); officers see it, marked.
    bool show = !d.confidential || officer;
    e.set("show_summary", show && !d.summary.empty());
    e.set("summary", lines_of(show ? d.summary : ""));
    return e;
}

Data decisions_by_category(const std::vector<Decision>& decisions, bool officer) {
    Data groups = list();
    std::string current;
    Data group, items;
    bool open = false;
    for (const auto& d : decisions) {
        if (!open || d.category != current) {
            if (open) {
                group.set("decisions", items);
                groups.push_back(group);
            }
            group = object();
            items = list();
            group.set("category", d.category);
            current = d.category;
            open = true;
        }
        items.push_back(decision_data(d, officer));
    }
    if (open) {
        group.set("decisions", items);
        groups.push_back(group);
    }
    return groups;
}

Response decisions_page(Site& site, const Request& req, const FormErrors& errors = {},
                        int status = 200) {
    auto db = site.database();
    std::optional<int> year;
    std::string year_text = trimmed(req.query_value("year"));
    if (!year_text.empty()) {
        if (year_text.size() != 4 || year_text.find_first_not_of("0123456789") != std::string::npos)
            return site.bad_request(req, "year", "The year must be four digits, like 2019");
        year = std::stoi(year_text);
    }
    bool officer = may_see_confidential(site);
    Data d = object();
    auto decisions = store::load_decisions(*db, site.role(), year);
    Data rows = list();
    for (const auto& dec : decisions) rows.push_back(decision_data(dec, officer));
    d.set("decisions", rows);
    d.set("has_decisions", !decisions.empty());
    d.set("officer", officer);
    Data years = list();
    for (int y : store::decision_years(*db)) {
        Data e = object();
        e.set("year", std::to_string(y));
        e.set("url", fmt::format("/decisions?year={}", y));
        e.set("current", year == y);
        years.push_back(e);
    }
    d.set("years", years);
    d.set("has_years", !years.is_empty_list());
    d.set("filtered", year.has_value());
    d.set("year", year ? std::to_string(*year) : "");
    Data categories = list();
    for (const auto& c : decision_categories()) {
        Data e = object();
        e.set("value", c);
        e.set("selected", req.form_value("category") == c);
        categories.push_back(e);
    }
    d.set("categories", categories);
    errors.into(d);
    echo(d, req, {"number", "date", "title", "summary"});
    d.set("form_date_known", !checked(req, "date_bound"));
    d.set("form_confidential", checked(req, "confidential"));
    std::string title = year ? fmt::format("PCC decisions {}", *year) : "PCC decisions";
    return site.page(req, "decisions", errors.any() ? "Error: " + title : title, d, status);
}

Response add_decision(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record decisions")) return *no;
    FormErrors errors;
    Decision dec;
    std::string number = trimmed(req.form_value("number"));
    if (number.empty()) {
        errors.add("decision-number", "Enter the decision number, like 2019-63");
    } else if (auto n = parse_decision_number(number)) {
        dec.number = *n;
    } else {
        errors.add("decision-number",
                   "Enter the decision number as the year, a hyphen and its number in that year, "
                   "like 2019-63");
    }
    auto date = date_field(req, "date", "decision-date", "date of the decision", true, errors);
    if (date) dec.date = *date;
    if (date && *date > site.today())
        errors.add("decision-date", "The date of the decision must be today or in the past");
    dec.date_known = !checked(req, "date_bound");
    dec.category = trimmed(req.form_value("category"));
    dec.title = trimmed(req.form_value("title"));
    dec.summary = trimmed(req.form_value("summary"));
    dec.confidential = checked(req, "confidential");
    if (!errors.any())
        if (auto p = check_decision(dec))
            errors.add(element_id("decision-" + p->field), p->message);
    if (!errors.any()) {
        auto db = site.database();
        try {
            store::Transaction tx(*db);
            store::save_decision(*db, dec);
            audit(*db, site, "decision recorded",
                  fmt::format("{} {}: {}{}", to_string(dec.number), to_string(dec.date), dec.title,
                              dec.confidential ? " (confidential)" : ""));
            tx.commit();
            return Response::redirect(fmt::format("/decisions?year={}", dec.number.year));
        } catch (const std::invalid_argument& e) {
            errors.add("decision-number", e.what());
        }
    }
    return decisions_page(site, req, errors, 400);
}

nlohmann::json decision_json(const Decision& d) {
    nlohmann::json j = {{"number", to_string(d.number)},
                        {"date", to_string(d.date)},
                        {"date_known", d.date_known},
                        {"category", d.category},
                        {"title", d.title},
                        {"confidential", d.confidential}};
    // A redacted summary is left out, not sent empty, so that no client mistakes it for one.
    if (!d.summary.empty()) j["summary"] = d.summary;
    return j;
}

Response api_decisions(Site& site, const Request& req) {
    std::optional<int> year;
    std::string year_text = trimmed(req.query_value("year"));
    if (!year_text.empty()) {
        if (year_text.size() != 4 || year_text.find_first_not_of("0123456789") != std::string::npos)
            return Response::json(R"({"error": "year must be four digits, like 2019"})", 400);
        year = std::stoi(year_text);
    }
    auto db = site.database();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& d : store::load_decisions(*db, site.role(), year))
        out.push_back(decision_json(d));
    return Response::json(json_text(out));
}

// ---- news, forum meetings and out-of-county activity ----

Data forum_item_data(const ForumItem& item, bool officer) {
    Data e = object();
    e.set("title", item.title);
    e.set("private", item.private_agenda);
    e.set("report_from", item.report_from);
    e.set("has_report_from", !item.report_from.empty());
    bool show = !item.private_agenda || officer;
    e.set("show_summary", show && !item.summary.empty());
    e.set("summary", lines_of(show ? item.summary : ""));
    return e;
}

Data forum_meeting_data(const ForumMeeting& m, bool officer) {
    Data e = object();
    e.set("forum", label(m.forum));
    e.set("held_on", long_name(m.held_on));
    e.set("notes", lines_of(m.notes));
    e.set("has_notes", !m.notes.empty());
    Data open = list(), closed = list();
    for (const auto& item : m.items)
        (item.private_agenda ? closed : open).push_back(forum_item_data(item, officer));
    e.set("public_items", open);
    e.set("private_items", closed);
    e.set("has_public_items", !open.is_empty_list());
    e.set("has_private_items", !closed.is_empty_list());
    e.set("has_items", !m.items.empty());
    return e;
}

Response activity_page(Site& site, const Request& req, const FormErrors& errors = {},
                       int status = 200) {
    auto db = site.database();
    bool officer = may_see_confidential(site);
    Data d = object();
    Data news = list();
    auto items = store::load_news_items(*db);
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        Data e = object();
        e.set("date", long_name(it->published_on));
        e.set("title", it->title);
        e.set("summary", it->summary);
        news.push_back(e);
    }
    d.set("news", news);
    d.set("has_news", !items.empty());
    Data forums = list();
    auto meetings = store::load_forum_meetings(*db, site.role());
    for (const auto& m : meetings) forums.push_back(forum_meeting_data(m, officer));
    d.set("forum_meetings", forums);
    d.set("has_forum_meetings", !meetings.empty());
    Data activities = list();
    auto acts = store::load_activities(*db);
    for (auto it = acts.rbegin(); it != acts.rend(); ++it) {
        Data e = object();
        e.set("date", long_name(it->date));
        e.set("activity", it->activity);
        activities.push_back(e);
    }
    d.set("activities", activities);
    d.set("has_activities", !acts.empty());
    Data forum_choices = list();
    for (Forum f : kForums) {
        forum_choices.push_back(
            choice(to_string(f), label(f), req.form_value("forum") == to_string(f)));
    }
    d.set("forums", forum_choices);
    errors.into(d);
    echo(d, req,
         {"news_date", "news_title", "news_summary", "held_on", "item_title", "item_summary",
          "report_from", "notes", "activity_date", "activity"});
    d.set("form_private", checked(req, "private"));
    return site.page(req, "pcc_activity",
                     errors.any() ? "Error: The PCC's activity" : "The PCC's activity", d, status);
}

Response add_news(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record items of news")) return *no;
    FormErrors errors;
    NewsItem n;
    auto date =
        date_field(req, "news_date", "news-date", "date the item was published", true, errors);
    if (date) n.published_on = *date;
    n.title = trimmed(req.form_value("news_title"));
    n.summary = trimmed(req.form_value("news_summary"));
    if (!errors.any())
        if (auto p = check_news_item(n)) errors.add(element_id("news-" + p->field), p->message);
    if (!errors.any()) {
        auto db = site.database();
        try {
            store::Transaction tx(*db);
            store::save_news_item(*db, n);
            audit(*db, site, "news item recorded",
                  fmt::format("{}: {}", to_string(n.published_on), n.title));
            tx.commit();
            return Response::redirect("/pcc-activity#news");
        } catch (const std::invalid_argument& e) {
            errors.add("news-title", e.what());
        }
    }
    return activity_page(site, req, errors, 400);
}

Response add_forum_item(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record forum items")) return *no;
    FormErrors errors;
    auto forum = parse_forum(req.form_value("forum"));
    if (!forum) errors.add("forum", "Choose the meeting's forum");
    auto held_on = date_field(req, "held_on", "held-on", "date of the meeting", true, errors);
    ForumItem item;
    item.private_agenda = checked(req, "private");
    item.title = trimmed(req.form_value("item_title"));
    item.summary = trimmed(req.form_value("item_summary"));
    item.report_from = trimmed(req.form_value("report_from"));
    std::string notes = trimmed(req.form_value("notes"));
    if (!errors.any())
        if (auto p = check_forum_item(item)) errors.add(element_id("item-" + p->field), p->message);
    if (!errors.any()) {
        auto db = site.database();
        try {
            store::Transaction tx(*db);
            item.forum_meeting_id = store::save_forum_meeting(*db, *forum, *held_on, notes);
            store::save_forum_item(*db, item);
            audit(*db, site, "forum item recorded",
                  fmt::format("{} {}: {}{}", label(*forum), to_string(*held_on), item.title,
                              item.private_agenda ? " (private agenda)" : ""));
            tx.commit();
            return Response::redirect("/pcc-activity#forums");
        } catch (const std::invalid_argument& e) {
            errors.add("item-title", e.what());
        }
    }
    return activity_page(site, req, errors, 400);
}

Response add_activity(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record the PCC's activity")) return *no;
    FormErrors errors;
    OutOfCountyActivity a;
    auto date =
        date_field(req, "activity_date", "activity-date", "date of the activity", true, errors);
    if (date) a.date = *date;
    a.activity = trimmed(req.form_value("activity"));
    if (!errors.any())
        if (auto p = check_activity(a)) errors.add(element_id("activity-" + p->field), p->message);
    if (!errors.any()) {
        auto db = site.database();
        store::Transaction tx(*db);
        store::save_activity(*db, a);
        audit(*db, site, "out-of-county activity recorded",
              fmt::format("{}: {}", to_string(a.date), a.activity));
        tx.commit();
        return Response::redirect("/pcc-activity#activity");
    }
    return activity_page(site, req, errors, 400);
}

// ---- HMICFRS inspections ----

const char* status_class(ResponseStatus s) {
    switch (s) {
        case ResponseStatus::complete:
            return "govuk-tag--green";
        case ResponseStatus::due:
            return "govuk-tag--blue";
        case ResponseStatus::overdue:
            return "govuk-tag--red";
    }
    return "govuk-tag--grey";
}

std::string state_text(const ResponseState& s) {
    switch (s.status) {
        case ResponseStatus::complete:
            return s.late ? "Complete (a step was done after the deadline)" : "Complete";
        case ResponseStatus::due:
            return s.days_left == 0   ? "Due today"
                   : s.days_left == 1 ? "Due: 1 day left"
                                      : fmt::format("Due: {} days left", s.days_left);
        case ResponseStatus::overdue:
            return s.days_overdue == 1 ? "Overdue by 1 day"
                                       : fmt::format("Overdue by {} days", s.days_overdue);
    }
    return "";
}

Data inspection_row(const Inspection& i, CalendarDate today) {
    Data e = object();
    ResponseState s = response_state(i, today);
    e.set("id", std::to_string(i.id));
    e.set("url", fmt::format("/inspections/{}", i.id));
    e.set("title", i.title);
    e.set("published_on", long_name(i.published_on));
    e.set("type", label(i.type));
    e.set("due", long_name(s.due));
    e.set("status", label(s.status));
    e.set("status_text", state_text(s));
    e.set("status_class", status_class(s.status));
    e.set("overdue", s.status == ResponseStatus::overdue);
    return e;
}

Response inspections_page(Site& site, const Request& req, const FormErrors& errors = {},
                          int status = 200) {
    auto db = site.database();
    Data d = object();
    Data rows = list();
    auto all = store::load_inspections(*db);
    int overdue = 0;
    for (const auto& i : all) {
        rows.push_back(inspection_row(i, site.today()));
        if (response_state(i, site.today()).status == ResponseStatus::overdue) ++overdue;
    }
    d.set("inspections", rows);
    d.set("has_inspections", !all.empty());
    d.set("overdue_count", std::to_string(overdue));
    d.set("has_overdue", overdue > 0);
    d.set("one_overdue", overdue == 1);
    errors.into(d);
    echo(d, req, {"title", "published_on", "summary"});
    d.set("form_force", req.form_value("type") == "force");
    return site.page(req, "inspections",
                     errors.any() ? "Error: HMICFRS inspections" : "HMICFRS inspections", d,
                     status);
}

Response add_inspection(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record inspections")) return *no;
    FormErrors errors;
    Inspection i;
    i.title = trimmed(req.form_value("title"));
    auto published = date_field(req, "published_on", "inspection-published-on",
                                "date the report was published", true, errors);
    if (published) i.published_on = *published;
    auto type = parse_inspection_type(req.form_value("type"));
    if (!type)
        errors.add("inspection-type", "Choose whether it is a national or a force inspection");
    if (type) i.type = *type;
    i.summary = trimmed(req.form_value("summary"));
    if (!errors.any())
        if (auto p = check_inspection(i, site.today())) {
            errors.add(element_id("inspection-" + p->field), p->message);
        }
    if (!errors.any()) {
        auto db = site.database();
        try {
            store::Transaction tx(*db);
            int64_t id = store::save_inspection(*db, i, site.today());
            audit(*db, site, "inspection recorded",
                  fmt::format("{} (published {}): s55 response due {}", i.title,
                              to_string(i.published_on), to_string(section_55_deadline(i).due)));
            tx.commit();
            return Response::redirect(fmt::format("/inspections/{}", id));
        } catch (const std::invalid_argument& e) {
            errors.add("inspection-title", e.what());
        }
    }
    return inspections_page(site, req, errors, 400);
}

Response inspection_page(Site& site, const Request& req, const std::string& id_text,
                         const FormErrors& errors = {}, int status = 200) {
    auto id = parse_id(id_text);
    auto db = site.database();
    auto inspection = id ? store::load_inspection(*db, *id) : std::nullopt;
    if (!inspection) return site.not_found(req, "There is no inspection " + id_text + ".");
    Data d = inspection_row(*inspection, site.today());
    Deadline deadline = section_55_deadline(*inspection);
    ResponseState s = response_state(*inspection, site.today());
    d.set("summary", lines_of(inspection->summary));
    d.set("has_summary", !inspection->summary.empty());
    d.set("workings", workings(deadline));
    d.set("today", long_name(site.today()));
    std::string missing;
    for (ResponseStep step : s.missing)
        missing += (missing.empty() ? "" : "; ") + std::string(label(step));
    d.set("missing_text", missing);
    Data steps = list();
    for (ResponseStep step : kResponseSteps) {
        const StepDone& done = inspection->step(step);
        Data e = object();
        e.set("value", to_string(step));
        e.set("label", label(step));
        e.set("done", done.done);
        e.set("on", done.on ? long_name(*done.on) : "");
        e.set("has_on", done.on.has_value());
        e.set("selected", req.form_value("step") == to_string(step));
        steps.push_back(e);
    }
    d.set("steps", steps);
    errors.into(d);
    echo(d, req, {"done_on"});
    d.set("form_not_done", req.form_value("done") == "no");
    return site.page(req, "inspection",
                     errors.any() ? "Error: " + inspection->title : inspection->title, d, status);
}

Response set_step(Site& site, const Request& req, const std::string& id_text) {
    if (auto no = site.require(req, may_edit(site.role()), "record response steps")) return *no;
    auto id = parse_id(id_text);
    {
        auto db = site.database();
        if (!id || !store::load_inspection(*db, *id))
            return site.not_found(req, "There is no inspection " + id_text + ".");
    }
    FormErrors errors;
    auto step = parse_response_step(req.form_value("step"));
    if (!step) errors.add("step", "Choose the step");
    std::string done_text = req.form_value("done");
    if (done_text != "yes" && done_text != "no")
        errors.add("step-done", "Choose whether the step is done");
    auto on = date_field(req, "done_on", "step-on", "date the step was done", false, errors);
    if (done_text == "no" && on)
        errors.add("step-on", "A step that is not done has no date; leave the date empty");
    if (!errors.any()) {
        StepDone done{done_text == "yes", on};
        auto db = site.database();
        try {
            store::Transaction tx(*db);
            store::set_response_step(*db, *id, *step, done, site.today());
            audit(*db, site, "inspection response step",
                  fmt::format("inspection {}: {} {}", *id, label(*step),
                              !done.done ? "not done"
                              : done.on  ? "done on " + to_string(*done.on)
                                         : "done (day not known)"));
            tx.commit();
            return Response::redirect(fmt::format("/inspections/{}#steps", *id));
        } catch (const std::invalid_argument& e) {
            errors.add("step-on", e.what());
        }
    }
    return inspection_page(site, req, id_text, errors, 400);
}

nlohmann::json step_json(const StepDone& s) {
    nlohmann::json j = {{"done", s.done}};
    j["on"] = s.on ? nlohmann::json(to_string(*s.on)) : nlohmann::json(nullptr);
    return j;
}

Response api_inspections(Site& site) {
    auto db = site.database();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& i : store::load_inspections(*db)) {
        ResponseState s = response_state(i, site.today());
        nlohmann::json steps = nlohmann::json::object();
        for (ResponseStep step : kResponseSteps) steps[to_string(step)] = step_json(i.step(step));
        out.push_back({{"id", i.id},
                       {"title", i.title},
                       {"published_on", to_string(i.published_on)},
                       {"type", to_string(i.type)},
                       {"s55_due", to_string(s.due)},
                       {"workings", workings(section_55_deadline(i))},
                       {"status", s.status == ResponseStatus::complete ? "complete"
                                  : s.status == ResponseStatus::due    ? "due"
                                                                       : "overdue"},
                       {"steps", steps}});
    }
    return Response::json(json_text(out));
}

// ---- complaints and FOI requests ----

Data complaint_data(const PccComplaint& c, ComplaintStatus status) {
    Data e = object();
    e.set("id", std::to_string(c.id));
    e.set("number", std::to_string(c.number));
    e.set("about", label(c.about));
    e.set("dated", long_name(c.dated));
    e.set("summary", lines_of(c.summary));
    e.set("status", label(status));
    e.set("completed", status == ComplaintStatus::completed);
    e.set("outcome", c.outcome);
    e.set("has_outcome", !c.outcome.empty());
    e.set("completed_on", c.completed_on ? long_name(*c.completed_on) : "");
    e.set("has_completed_on", c.completed_on.has_value());
    return e;
}

Response complaints_page(Site& site, const Request& req, const FormErrors& errors = {},
                         int status = 200) {
    auto db = site.database();
    Data d = object();
    Data pcc = list(), panel = list(), choices = list();
    auto complaints = store::load_complaints(*db);
    for (const auto& c : complaints) {
        (c.about == ComplaintSubject::pcc ? pcc : panel).push_back(complaint_data(c, c.status));
        Data e = object();
        e.set("id", std::to_string(c.id));
        e.set("label", fmt::format("Complaint {} about {} (dated {})", c.number, label(c.about),
                                   long_name(c.dated)));
        e.set("selected", req.form_value("complaint") == std::to_string(c.id));
        choices.push_back(e);
    }
    d.set("pcc_complaints", pcc);
    d.set("panel_complaints", panel);
    d.set("has_pcc_complaints", !pcc.is_empty_list());
    d.set("has_panel_complaints", !panel.is_empty_list());
    d.set("complaint_choices", choices);
    d.set("has_complaints", !complaints.empty());
    Data requests = list();
    auto foi = store::load_foi_requests(*db);
    for (auto it = foi.rbegin(); it != foi.rend(); ++it) {
        Data e = object();
        e.set("received", date_phrase(it->received_on, it->date_known));
        e.set("about", it->about == ComplaintSubject::pcc ? "OPCCN" : "The Panel");
        e.set("theme", it->theme);
        requests.push_back(e);
    }
    d.set("foi_requests", requests);
    d.set("has_foi_requests", !foi.empty());
    d.set("next_number", std::to_string(store::next_complaint_number(*db, ComplaintSubject::pcc)));
    errors.into(d);
    echo(d, req,
         {"number", "dated", "summary", "outcome", "completed_on", "received_on", "themes",
          "new_outcome", "new_completed_on"});
    d.set("form_about_panel", req.form_value("about") == "panel");
    d.set("form_completed", req.form_value("status") == "completed");
    d.set("form_date_bound", checked(req, "date_bound"));
    return site.page(
        req, "complaints",
        errors.any() ? "Error: Complaints and FOI requests" : "Complaints and FOI requests", d,
        status);
}

Response add_complaint(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record complaints")) return *no;
    FormErrors errors;
    PccComplaint c;
    auto about = parse_complaint_subject(req.form_value("about"));
    if (!about) errors.add("complaint-about", "Choose whom the complaint is about");
    if (about) c.about = *about;
    std::string number = trimmed(req.form_value("number"));
    if (number.empty() || number.size() > 6 ||
        number.find_first_not_of("0123456789") != std::string::npos || std::stoi(number) < 1)
        errors.add("complaint-number", "Enter the complaint's number, a whole number like 13");
    else
        c.number = std::stoi(number);
    auto dated = date_field(req, "dated", "complaint-dated", "date of the complaint", true, errors);
    if (dated) c.dated = *dated;
    if (dated && *dated > site.today())
        errors.add("complaint-dated", "The date of the complaint must be today or in the past");
    c.summary = trimmed(req.form_value("summary"));
    auto status = parse_complaint_status(req.form_value("status"));
    if (!status)
        errors.add("complaint-status", "Choose whether the complaint is ongoing or completed");
    if (status) c.status = *status;
    c.outcome = trimmed(req.form_value("outcome"));
    c.completed_on = date_field(req, "completed_on", "complaint-completed-on",
                                "date it was completed", false, errors);
    if (!errors.any())
        if (auto p = check_complaint(c)) {
            errors.add(element_id("complaint-" + p->field), p->message);
        }
    if (!errors.any()) {
        auto db = site.database();
        try {
            store::Transaction tx(*db);
            store::save_complaint(*db, c);
            audit(*db, site, "complaint recorded",
                  fmt::format("complaint {} about {}, dated {}, {}", c.number, label(c.about),
                              to_string(c.dated), to_string(c.status)));
            tx.commit();
            return Response::redirect("/complaints#complaints");
        } catch (const std::invalid_argument& e) {
            errors.add("complaint-number", e.what());
        }
    }
    return complaints_page(site, req, errors, 400);
}

Response update_complaint(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "update complaints")) return *no;
    FormErrors errors;
    auto id = parse_id(req.form_value("complaint"));
    auto db = site.database();
    auto c = id ? store::load_complaint(*db, *id) : std::nullopt;
    if (!c) errors.add("update-complaint", "Choose the complaint");
    auto status = parse_complaint_status(req.form_value("new_status"));
    if (!status)
        errors.add("update-status", "Choose whether the complaint is ongoing or completed");
    auto completed_on = date_field(req, "new_completed_on", "update-completed-on",
                                   "date it was completed", false, errors);
    if (!errors.any()) {
        c->status = *status;
        c->completed_on = *status == ComplaintStatus::completed ? completed_on : std::nullopt;
        std::string outcome = trimmed(req.form_value("new_outcome"));
        if (!outcome.empty()) c->outcome = outcome;
        if (auto p = check_complaint(*c)) errors.add("update-completed-on", p->message);
    }
    if (!errors.any()) {
        store::Transaction tx(*db);
        store::save_complaint(*db, *c);
        audit(*db, site, "complaint updated",
              fmt::format("complaint {} about {}: {}", c->number, label(c->about),
                          to_string(c->status)));
        tx.commit();
        return Response::redirect("/complaints#complaints");
    }
    return complaints_page(site, req, errors, 400);
}

Response record_foi(Site& site, const Request& req) {
    if (auto no = site.require(req, may_edit(site.role()), "record FOI requests")) return *no;
    FormErrors errors;
    auto about = parse_complaint_subject(req.form_value("about"));
    if (!about) errors.add("foi-about", "Choose who received the requests");
    auto received = date_field(req, "received_on", "foi-received-on",
                               "date the requests were received", true, errors);
    if (received && *received > site.today())
        errors.add("foi-received-on", "The date received must be today or in the past");
    std::vector<FoiRequest> requests;
    bool any_theme = false;
    std::string text = req.form_value("themes");
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string theme = trimmed(text.substr(start, end - start));
        if (!theme.empty()) any_theme = true;
        if (!theme.empty() && about && received)
            requests.push_back(
                FoiRequest{0, *about, *received, !checked(req, "date_bound"), theme});
        start = end + 1;
    }
    if (!any_theme) errors.add("foi-themes", "Enter each request's theme, one a line");
    if (!errors.any()) {
        auto db = site.database();
        store::Transaction tx(*db);
        store::add_foi_requests(*db, requests);
        audit(*db, site, "FOI requests recorded",
              fmt::format("{} received by {} {}", requests.size(),
                          *about == ComplaintSubject::pcc ? "the OPCCN" : "the Panel",
                          date_phrase(*received, !checked(req, "date_bound"))));
        tx.commit();
        return Response::redirect("/complaints#foi");
    }
    return complaints_page(site, req, errors, 400);
}

// ---- a meeting's bulletin and complaints report ----

// The bulletin or complaints report of a meeting, loaded as the documents load it (src/report),
// or a page saying why there is none: no such meeting, not a Police and Crime Panel's.
template <typename Load>
auto loaded_for(Site& site, const Request& req, const std::string& id_text, Load load)
    -> std::variant<decltype(load(std::declval<store::Database&>(), int64_t{})), Response> {
    auto id = parse_id(id_text);
    if (!id) return site.not_found(req, "There is no meeting " + id_text + ".");
    try {
        auto db = site.database();
        return load(*db, *id);
    } catch (const report::ReportUnavailable& e) {
        return site.not_found(req, e.what());
    }
}

std::string period_text(const Period& p) {
    if (!p.after) return "up to and including " + long_name(p.up_to);
    return fmt::format("after {} up to and including {}", long_name(*p.after), long_name(p.up_to));
}

Data forum_section_data(const ForumSection& s, const std::string& letter, bool officer) {
    Data e = object();
    e.set("letter", letter);
    e.set("forum", label(s.forum));
    e.set("anchor", to_string(s.forum));
    Data meetings = list();
    for (const auto& m : s.meetings) meetings.push_back(forum_meeting_data(m, officer));
    e.set("meetings", meetings);
    e.set("has_meetings", !s.meetings.empty());
    e.set("has_last", s.last_meeting.has_value());
    e.set("last_met", s.last_meeting ? long_name(s.last_meeting->held_on) : "");
    e.set("has_reported_at", s.reported_at.has_value());
    e.set("reported_at", s.reported_at ? long_name(*s.reported_at) : "");
    return e;
}

Response bulletin_page(Site& site, const Request& req, const std::string& id_text) {
    auto found = loaded_for(site, req, id_text, [&](store::Database& db, int64_t id) {
        return report::load_bulletin(db, id, site.role());
    });
    if (auto* r = std::get_if<Response>(&found)) return std::move(*r);
    auto& loaded = std::get<report::LoadedBulletin>(found);
    const auto& pm = loaded.pcp;
    const auto& previous = loaded.previous;
    const auto& b = loaded.bulletin;
    bool officer = may_see_confidential(site);

    Data d = object();
    d.set("panel", pm.panel.name);
    d.set("meeting_date", long_name(pm.meeting.date));
    d.set("meeting_url", fmt::format("/meetings/{}", pm.meeting.id));
    d.set("complaints_url", fmt::format("/meetings/{}/complaints-report", pm.meeting.id));
    d.set("has_previous", previous.has_value());
    d.set("previous_date", previous ? long_name(previous->date) : "");
    d.set("previous_url", previous ? fmt::format("/meetings/{}/bulletin", previous->id) : "");
    d.set("period", period_text(b.period));
    d.set("activity_period", period_text(b.activity_period));
    d.set("cut_off", long_name(b.period.up_to));
    d.set("cut_off_is_agenda", pm.meeting.agenda_published_on.has_value());
    d.set("activity_from", previous ? long_name(previous->date) : "");
    d.set("activity_to", long_name(pm.meeting.date));
    d.set("officer", officer);
    d.set("categories", decisions_by_category(b.decisions, officer));
    d.set("has_decisions", !b.decisions.empty());
    Data news = list();
    for (const auto& n : b.news) {
        Data e = object();
        e.set("date", long_name(n.published_on));
        e.set("title", n.title);
        e.set("summary", n.summary);
        news.push_back(e);
    }
    d.set("news", news);
    d.set("has_news", !b.news.empty());
    const char* letters[] = {"c", "d", "f"};
    for (size_t i = 0; i < b.forums.size() && i < 3; ++i)
        d.set(std::string("forum_") + letters[i],
              forum_section_data(b.forums[i], letters[i], officer));
    Data activities = list();
    for (const auto& a : b.activities) {
        Data e = object();
        e.set("date", long_name(a.date));
        e.set("activity", a.activity);
        activities.push_back(e);
    }
    d.set("activities", activities);
    d.set("has_activities", !b.activities.empty());
    Data responses = list();
    for (const auto& i : b.responses) {
        Data e = inspection_row(i, b.period.up_to);
        e.set("type", label(i.type));
        responses.push_back(e);
    }
    d.set("responses", responses);
    d.set("has_responses", !b.responses.empty());
    Data awaited = list();
    for (const auto& [i, state] : b.awaited) {
        Data e = inspection_row(i, b.period.up_to);
        e.set("status_text", state_text(state));
        awaited.push_back(e);
    }
    d.set("awaited", awaited);
    d.set("has_awaited", !b.awaited.empty());
    return site.page(req, "bulletin",
                     "Information bulletin, " + pm.panel.name + ", " + long_name(pm.meeting.date),
                     d);
}

Data foi_data(const FoiSummary& s) {
    Data e = object();
    e.set("count", std::to_string(s.count));
    e.set("none", s.count == 0);
    e.set("one", s.count == 1);
    Data themes = list();
    for (const auto& t : s.themes) themes.push_back(Data(t));
    e.set("themes", themes);
    return e;
}

Response complaints_report_page(Site& site, const Request& req, const std::string& id_text) {
    auto found = loaded_for(site, req, id_text, [&](store::Database& db, int64_t id) {
        return report::load_complaints_report(db, id, site.role());
    });
    if (auto* res = std::get_if<Response>(&found)) return std::move(*res);
    auto& loaded = std::get<report::LoadedComplaintsReport>(found);
    const auto& pm = loaded.pcp;
    const auto& previous = loaded.previous;
    const auto& r = loaded.report;
    Data d = object();
    d.set("panel", pm.panel.name);
    d.set("meeting_date", long_name(pm.meeting.date));
    d.set("meeting_url", fmt::format("/meetings/{}", pm.meeting.id));
    d.set("bulletin_url", fmt::format("/meetings/{}/bulletin", pm.meeting.id));
    d.set("on_agenda", has_complaints_report(pm.meeting));
    d.set("has_previous", previous.has_value());
    d.set("previous_date", previous ? long_name(previous->date) : "");
    d.set("previous_url",
          previous ? fmt::format("/meetings/{}/complaints-report", previous->id) : "");
    d.set("period", period_text(r.period));
    Data pcc = list(), panel = list();
    for (const auto& l : r.pcc_complaints)
        pcc.push_back(complaint_data(l.complaint, l.status_on_cut_off));
    for (const auto& l : r.panel_complaints)
        panel.push_back(complaint_data(l.complaint, l.status_on_cut_off));
    d.set("pcc_complaints", pcc);
    d.set("has_pcc_complaints", !r.pcc_complaints.empty());
    d.set("panel_complaints", panel);
    d.set("has_panel_complaints", !r.panel_complaints.empty());
    d.set("opccn_foi", foi_data(r.opccn_foi));
    d.set("panel_foi", foi_data(r.panel_foi));
    return site.page(
        req, "complaints_report",
        "Complaints monitoring report, " + pm.panel.name + ", " + long_name(pm.meeting.date), d);
}

}  // namespace

std::optional<Response> accountability_pages(Site& site, const Request& req) {
    auto parts = path_segments(req.path);
    if (req.method == "GET" || req.method == "HEAD") {
        if (req.path == "/decisions") return decisions_page(site, req);
        if (req.path == "/pcc-activity") return activity_page(site, req);
        if (req.path == "/inspections") return inspections_page(site, req);
        if (parts.size() == 2 && parts[0] == "inspections")
            return inspection_page(site, req, parts[1]);
        if (req.path == "/complaints") return complaints_page(site, req);
        if (parts.size() == 3 && parts[0] == "meetings" && parts[2] == "bulletin")
            return bulletin_page(site, req, parts[1]);
        if (parts.size() == 3 && parts[0] == "meetings" && parts[2] == "complaints-report")
            return complaints_report_page(site, req, parts[1]);
        if (req.path == "/api/v1/decisions") return api_decisions(site, req);
        if (req.path == "/api/v1/inspections") return api_inspections(site);
    }
    if (req.method == "POST") {
        if (req.path == "/decisions") return add_decision(site, req);
        if (req.path == "/pcc-activity/news") return add_news(site, req);
        if (req.path == "/pcc-activity/forum-items") return add_forum_item(site, req);
        if (req.path == "/pcc-activity/activities") return add_activity(site, req);
        if (req.path == "/inspections") return add_inspection(site, req);
        if (parts.size() == 3 && parts[0] == "inspections" && parts[2] == "steps")
            return set_step(site, req, parts[1]);
        if (req.path == "/complaints") return add_complaint(site, req);
        if (req.path == "/complaints/update") return update_complaint(site, req);
        if (req.path == "/complaints/foi") return record_foi(site, req);
    }
    return std::nullopt;
}

}  // namespace scrutineer::web
