#include "scrutineer/accountability_store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "scrutineer/indicator_store.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"

namespace scrutineer::store {
namespace {

Value date_value(CalendarDate d) {
    return text(to_string(d));
}

Value optional_date(const std::optional<CalendarDate>& d) {
    return d ? date_value(*d) : null_value;
}

CalendarDate date_of_value(const Value& v) {
    auto d = parse_date(as_text(v));
    if (!d) throw DatabaseError(fmt::format("'{}' in the store is not a date", as_text(v)));
    return *d;
}

std::optional<CalendarDate> optional_date_of(const Value& v) {
    if (!v) return std::nullopt;
    return date_of_value(v);
}

Value flag(bool b) {
    return integer(b ? 1 : 0);
}

bool flag_of(const Value& v) {
    return as_int(v) != 0;
}

[[noreturn]] void refuse(const RecordProblem& p) {
    throw std::invalid_argument(p.message);
}

void require_row(Database& db, const char* table, int64_t id, const char* what) {
    // sql-check: table is a literal table name from this file's callers
    if (db.query(fmt::format("SELECT id FROM {} WHERE id = ?", table), {integer(id)}).empty())
        throw std::invalid_argument(fmt::format("there is no {} {}", what, id));
}

// ---- decisions ----

constexpr const char* kDecisionColumns =
    "id, year, sequence, date, date_known, category, title, summary, confidential";

Decision decision_of(const Row& r, Role viewer) {
    Decision d;
    d.id = as_int(r[0]);
    d.number = DecisionNumber{static_cast<int>(as_int(r[1])), static_cast<int>(as_int(r[2]))};
    d.date = date_of_value(r[3]);
    d.date_known = flag_of(r[4]);
    d.category = as_text(r[5]);
    d.title = as_text(r[6]);
    d.summary = as_text(r[7]);
    d.confidential = flag_of(r[8]);
    return redacted(std::move(d), viewer);
}

// ---- forum meetings ----

ForumItem forum_item_of(const Row& r, Role viewer) {
    ForumItem i;
    i.id = as_int(r[0]);
    i.forum_meeting_id = as_int(r[1]);
    i.position = static_cast<int>(as_int(r[2]));
    i.private_agenda = flag_of(r[3]);
    i.title = as_text(r[4]);
    i.summary = as_text(r[5]);
    i.report_from = as_text(r[6]);
    return redacted(std::move(i), viewer);
}

std::vector<ForumMeeting> forum_meetings_where(Database& db, Role viewer, const std::string& where,
                                               const std::vector<Value>& params) {
    std::vector<ForumMeeting> out;
    // sql-check: where is "" or "WHERE m.id = ?" from this file's callers
    for (const auto& r :
         db.query("SELECT m.id, m.forum, m.held_on, m.notes FROM forum_meetings m " + where +
                      " ORDER BY m.held_on DESC, m.id",
                  params)) {
        ForumMeeting m;
        m.id = as_int(r[0]);
        auto forum = parse_forum(as_text(r[1]));
        if (!forum) throw DatabaseError(fmt::format("unknown forum '{}'", as_text(r[1])));
        m.forum = *forum;
        m.held_on = date_of_value(r[2]);
        m.notes = as_text(r[3]);
        out.push_back(std::move(m));
    }
    if (out.empty()) return out;
    // sql-check: where is "" or "WHERE m.id = ?" from this file's callers
    auto items = db.query(
        "SELECT i.id, i.forum_meeting_id, i.position, i.private_agenda, i.title, i.summary, "
        "i.report_from FROM forum_items i JOIN forum_meetings m ON m.id = i.forum_meeting_id " +
            std::string(where.empty() ? "" : where) +
            " ORDER BY i.forum_meeting_id, i.private_agenda, i.position",
        params);
    for (const auto& r : items) {
        ForumItem item = forum_item_of(r, viewer);
        for (auto& m : out)
            if (m.id == item.forum_meeting_id) m.items.push_back(item);
    }
    return out;
}

// ---- inspections ----

std::vector<Inspection> inspections_where(Database& db, const std::string& where,
                                          const std::vector<Value>& params) {
    std::vector<Inspection> out;
    // sql-check: where is "" or "WHERE i.id = ?" from this file's callers
    for (const auto& r : db.query(
             "SELECT i.id, i.title, i.published_on, i.type, i.summary FROM hmicfrs_inspections i " +
                 where + " ORDER BY i.published_on DESC, i.id",
             params)) {
        Inspection i;
        i.id = as_int(r[0]);
        i.title = as_text(r[1]);
        i.published_on = date_of_value(r[2]);
        auto type = parse_inspection_type(as_text(r[3]));
        if (!type) throw DatabaseError(fmt::format("unknown inspection type '{}'", as_text(r[3])));
        i.type = *type;
        i.summary = as_text(r[4]);
        out.push_back(std::move(i));
    }
    if (out.empty()) return out;
    // sql-check: where is "" or "WHERE i.id = ?" from this file's callers
    for (const auto& r : db.query("SELECT s.inspection_id, s.step, s.done_on FROM "
                                  "hmicfrs_response_steps s JOIN hmicfrs_inspections i ON i.id = "
                                  "s.inspection_id " +
                                      where,
                                  params)) {
        auto step = parse_response_step(as_text(r[1]));
        if (!step) throw DatabaseError(fmt::format("unknown response step '{}'", as_text(r[1])));
        for (auto& i : out)
            if (i.id == as_int(r[0])) i.step(*step) = StepDone{true, optional_date_of(r[2])};
    }
    return out;
}

void write_steps(Database& db, int64_t inspection_id, const Inspection& inspection) {
    db.execute("DELETE FROM hmicfrs_response_steps WHERE inspection_id = ?",
               {integer(inspection_id)});
    for (ResponseStep step : kResponseSteps) {
        const StepDone& done = inspection.step(step);
        if (!done.done) continue;
        db.execute(
            "INSERT INTO hmicfrs_response_steps (inspection_id, step, done_on) VALUES (?, ?, ?)",
            {integer(inspection_id), text(to_string(step)), optional_date(done.on)});
    }
}

// ---- complaints ----

PccComplaint complaint_of(const Row& r) {
    PccComplaint c;
    c.id = as_int(r[0]);
    auto about = parse_complaint_subject(as_text(r[1]));
    auto status = parse_complaint_status(as_text(r[5]));
    if (!about || !status) throw DatabaseError("a complaint in the store has an unknown value");
    c.about = *about;
    c.number = static_cast<int>(as_int(r[2]));
    c.dated = date_of_value(r[3]);
    c.summary = as_text(r[4]);
    c.status = *status;
    c.outcome = as_text(r[6]);
    c.completed_on = optional_date_of(r[7]);
    return c;
}

constexpr const char* kComplaintColumns =
    "id, about, number, dated, summary, status, outcome, completed_on";

CalendarDate today_utc() {
    return date_of(std::chrono::system_clock::now());
}

}  // namespace

// ---- decisions ----

std::vector<Decision> load_decisions(Database& db, Role viewer, std::optional<int> year) {
    std::vector<Decision> out;
    std::string sql = fmt::format("SELECT {} FROM pcc_decisions", kDecisionColumns);
    std::vector<Value> params;
    if (year) {
        sql += " WHERE year = ?";
        params.push_back(integer(*year));
    }
    sql += " ORDER BY year, sequence";
    // sql-check: sql is literals and kDecisionColumns; the year is bound
    for (const auto& r : db.query(sql, params)) out.push_back(decision_of(r, viewer));
    return out;
}

std::optional<Decision> load_decision(Database& db, int64_t id, Role viewer) {
    auto rows = db.query(fmt::format("SELECT {} FROM pcc_decisions WHERE id = ?", kDecisionColumns),
                         {integer(id)});
    if (rows.empty()) return std::nullopt;
    return decision_of(rows[0], viewer);
}

std::optional<Decision> find_decision(Database& db, DecisionNumber number, Role viewer) {
    auto rows = db.query(fmt::format("SELECT {} FROM pcc_decisions WHERE year = ? AND sequence = ?",
                                     kDecisionColumns),
                         {integer(number.year), integer(number.sequence)});
    if (rows.empty()) return std::nullopt;
    return decision_of(rows[0], viewer);
}

std::vector<int> decision_years(Database& db) {
    std::vector<int> out;
    for (const auto& r : db.query("SELECT DISTINCT year FROM pcc_decisions ORDER BY year DESC"))
        out.push_back(static_cast<int>(as_int(r[0])));
    return out;
}

int64_t save_decision(Database& db, const Decision& d) {
    if (auto p = check_decision(d)) refuse(*p);
    std::vector<Value> v = {integer(d.number.year), integer(d.number.sequence), date_value(d.date),
                            flag(d.date_known),     text(d.category),           text(d.title),
                            text(d.summary),        flag(d.confidential)};
    auto same = db.query("SELECT id FROM pcc_decisions WHERE year = ? AND sequence = ?",
                         {integer(d.number.year), integer(d.number.sequence)});
    if (!same.empty() && as_int(same[0][0]) != d.id)
        throw std::invalid_argument(
            fmt::format("Decision {} is already recorded", to_string(d.number)));
    if (d.id != 0) {
        require_row(db, "pcc_decisions", d.id, "decision");
        v.push_back(integer(d.id));
        db.execute(
            "UPDATE pcc_decisions SET year = ?, sequence = ?, date = ?, date_known = ?, "
            "category = ?, title = ?, summary = ?, confidential = ? WHERE id = ?",
            v);
        return d.id;
    }
    return as_int(db.query("INSERT INTO pcc_decisions (year, sequence, date, date_known, "
                           "category, title, summary, confidential) VALUES (?, ?, ?, ?, ?, ?, "
                           "?, ?) RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

// ---- news ----

std::vector<NewsItem> load_news_items(Database& db) {
    std::vector<NewsItem> out;
    for (const auto& r : db.query("SELECT id, published_on, title, summary FROM pcc_news_items "
                                  "ORDER BY published_on, id"))
        out.push_back(NewsItem{as_int(r[0]), date_of_value(r[1]), as_text(r[2]), as_text(r[3])});
    return out;
}

int64_t save_news_item(Database& db, const NewsItem& n) {
    if (auto p = check_news_item(n)) refuse(*p);
    auto same = db.query("SELECT id FROM pcc_news_items WHERE published_on = ? AND title = ?",
                         {date_value(n.published_on), text(n.title)});
    if (!same.empty() && as_int(same[0][0]) != n.id)
        throw std::invalid_argument(
            fmt::format("An item of news called '{}' is already recorded "
                        "on {}",
                        n.title, long_name(n.published_on)));
    std::vector<Value> v = {date_value(n.published_on), text(n.title), text(n.summary)};
    if (n.id != 0) {
        require_row(db, "pcc_news_items", n.id, "item of news");
        v.push_back(integer(n.id));
        db.execute(
            "UPDATE pcc_news_items SET published_on = ?, title = ?, summary = ? WHERE id = ?", v);
        return n.id;
    }
    return as_int(
        db.query("INSERT INTO pcc_news_items (published_on, title, summary) VALUES (?, ?, ?) "
                 "RETURNING id",
                 v)
            .at(0)
            .at(0));
}

// ---- forum meetings ----

std::vector<ForumMeeting> load_forum_meetings(Database& db, Role viewer) {
    return forum_meetings_where(db, viewer, "", {});
}

std::optional<ForumMeeting> load_forum_meeting(Database& db, int64_t id, Role viewer) {
    auto found = forum_meetings_where(db, viewer, "WHERE m.id = ?", {integer(id)});
    if (found.empty()) return std::nullopt;
    return found[0];
}

int64_t save_forum_meeting(Database& db, Forum forum, CalendarDate held_on,
                           const std::string& notes) {
    if (!held_on.ymd.ok()) throw std::invalid_argument("Enter the date of the meeting");
    auto same = db.query("SELECT id FROM forum_meetings WHERE forum = ? AND held_on = ?",
                         {text(to_string(forum)), date_value(held_on)});
    if (!same.empty()) {
        int64_t id = as_int(same[0][0]);
        if (!notes.empty())
            db.execute("UPDATE forum_meetings SET notes = ? WHERE id = ?",
                       {text(notes), integer(id)});
        return id;
    }
    return as_int(db.query("INSERT INTO forum_meetings (forum, held_on, notes) VALUES (?, ?, ?) "
                           "RETURNING id",
                           {text(to_string(forum)), date_value(held_on), text(notes)})
                      .at(0)
                      .at(0));
}

int64_t save_forum_item(Database& db, const ForumItem& item) {
    if (auto p = check_forum_item(item)) refuse(*p);
    require_row(db, "forum_meetings", item.forum_meeting_id, "forum meeting");
    if (item.position < 0) throw std::invalid_argument("An item's position is 1 or more");
    int position = item.position;
    if (position == 0)
        position = static_cast<int>(
                       as_int(db.query("SELECT COALESCE(MAX(position), 0) FROM forum_items WHERE "
                                       "forum_meeting_id = ? AND private_agenda = ?",
                                       {integer(item.forum_meeting_id), flag(item.private_agenda)})
                                  .at(0)
                                  .at(0))) +
                   1;
    std::vector<Value> v = {integer(item.forum_meeting_id),
                            integer(position),
                            flag(item.private_agenda),
                            text(item.title),
                            text(item.summary),
                            text(item.report_from)};
    int64_t id = item.id;
    if (id != 0) {
        require_row(db, "forum_items", id, "forum item");
        v.push_back(integer(id));
        db.execute(
            "UPDATE forum_items SET forum_meeting_id = ?, position = ?, private_agenda = ?, "
            "title = ?, summary = ?, report_from = ? WHERE id = ?",
            v);
    } else {
        id = as_int(db.query("INSERT INTO forum_items (forum_meeting_id, position, "
                             "private_agenda, title, summary, report_from) VALUES (?, ?, ?, ?, "
                             "?, ?) ON CONFLICT (forum_meeting_id, private_agenda, position) DO "
                             "UPDATE SET title = excluded.title, summary = excluded.summary, "
                             "report_from = excluded.report_from RETURNING id",
                             v)
                        .at(0)
                        .at(0));
    }
    return id;
}

int64_t save_inspection(Database& db, const Inspection& inspection, CalendarDate today) {
    if (auto p = check_inspection(inspection, today)) refuse(*p);
    auto same = db.query("SELECT id FROM hmicfrs_inspections WHERE title = ? AND published_on = ?",
                         {text(inspection.title), date_value(inspection.published_on)});
    if (!same.empty() && as_int(same[0][0]) != inspection.id)
        throw std::invalid_argument(
            fmt::format("The inspection '{}' published on {} is already recorded", inspection.title,
                        long_name(inspection.published_on)));
    std::vector<Value> v = {text(inspection.title), date_value(inspection.published_on),
                            text(to_string(inspection.type)), text(inspection.summary)};
    int64_t id = inspection.id;
    if (id != 0) {
        require_row(db, "hmicfrs_inspections", id, "inspection");
        v.push_back(integer(id));
        db.execute(
            "UPDATE hmicfrs_inspections SET title = ?, published_on = ?, type = ?, summary = ? "
            "WHERE id = ?",
            v);
    } else {
        id = as_int(db.query("INSERT INTO hmicfrs_inspections (title, published_on, type, "
                             "summary) VALUES (?, ?, ?, ?) RETURNING id",
                             v)
                        .at(0)
                        .at(0));
    }
    write_steps(db, id, inspection);
    return id;
}

void add_foi_requests(Database& db, const std::vector<FoiRequest>& requests,
                      const std::string& source) {
    for (const auto& q : requests)
        if (auto p = check_foi_request(q)) refuse(*p);
    for (const auto& q : requests)
        db.execute(
            "INSERT INTO foi_requests (about, received_on, date_known, theme, source) VALUES (?, "
            "?, ?, ?, ?)",
            {text(to_string(q.about)), date_value(q.received_on), flag(q.date_known), text(q.theme),
             text(source)});
}

// ---- out-of-county activity ----

std::vector<OutOfCountyActivity> load_activities(Database& db) {
    std::vector<OutOfCountyActivity> out;
    for (const auto& r :
         db.query("SELECT id, date, activity FROM out_of_county_activities ORDER BY date, id"))
        out.push_back(OutOfCountyActivity{as_int(r[0]), date_of_value(r[1]), as_text(r[2])});
    return out;
}

int64_t save_activity(Database& db, const OutOfCountyActivity& a) {
    if (auto p = check_activity(a)) refuse(*p);
    std::vector<Value> v = {date_value(a.date), text(a.activity)};
    if (a.id != 0) {
        require_row(db, "out_of_county_activities", a.id, "activity");
        v.push_back(integer(a.id));
        db.execute("UPDATE out_of_county_activities SET date = ?, activity = ? WHERE id = ?", v);
        return a.id;
    }
    return as_int(db.query("INSERT INTO out_of_county_activities (date, activity) VALUES (?, ?) "
                           "ON CONFLICT (date, activity) DO UPDATE SET activity = "
                           "excluded.activity RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

// ---- HMICFRS inspections ----

std::vector<Inspection> load_inspections(Database& db) {
    return inspections_where(db, "", {});
}

std::optional<Inspection> load_inspection(Database& db, int64_t id) {
    auto found = inspections_where(db, "WHERE i.id = ?", {integer(id)});
    if (found.empty()) return std::nullopt;
    return found[0];
}

void set_response_step(Database& db, int64_t inspection_id, ResponseStep step, const StepDone& done,
                       CalendarDate today) {
    auto inspection = load_inspection(db, inspection_id);
    if (!inspection)
        throw std::invalid_argument(fmt::format("there is no inspection {}", inspection_id));
    inspection->step(step) = done;
    if (auto p = check_inspection(*inspection, today)) refuse(*p);
    write_steps(db, inspection_id, *inspection);
}

// ---- complaints and FOI requests ----

std::vector<PccComplaint> load_complaints(Database& db) {
    std::vector<PccComplaint> out;
    for (const auto& r : db.query(fmt::format("SELECT {} FROM pcc_complaints ORDER BY CASE about "
                                              "WHEN 'pcc' THEN 0 ELSE 1 END, number",
                                              kComplaintColumns)))
        out.push_back(complaint_of(r));
    return out;
}

std::optional<PccComplaint> load_complaint(Database& db, int64_t id) {
    auto rows =
        db.query(fmt::format("SELECT {} FROM pcc_complaints WHERE id = ?", kComplaintColumns),
                 {integer(id)});
    if (rows.empty()) return std::nullopt;
    return complaint_of(rows[0]);
}

int next_complaint_number(Database& db, ComplaintSubject about) {
    return static_cast<int>(as_int(db.query("SELECT COALESCE(MAX(number), 0) FROM pcc_complaints "
                                            "WHERE about = ?",
                                            {text(to_string(about))})
                                       .at(0)
                                       .at(0))) +
           1;
}

int64_t save_complaint(Database& db, const PccComplaint& c) {
    if (auto p = check_complaint(c)) refuse(*p);
    auto same = db.query("SELECT id FROM pcc_complaints WHERE about = ? AND number = ?",
                         {text(to_string(c.about)), integer(c.number)});
    if (!same.empty() && as_int(same[0][0]) != c.id)
        throw std::invalid_argument(
            fmt::format("Complaint {} about {} is already recorded", c.number, label(c.about)));
    std::vector<Value> v = {
        text(to_string(c.about)),  integer(c.number), date_value(c.dated),          text(c.summary),
        text(to_string(c.status)), text(c.outcome),   optional_date(c.completed_on)};
    if (c.id != 0) {
        require_row(db, "pcc_complaints", c.id, "complaint");
        v.push_back(integer(c.id));
        db.execute(
            "UPDATE pcc_complaints SET about = ?, number = ?, dated = ?, summary = ?, status = ?, "
            "outcome = ?, completed_on = ? WHERE id = ?",
            v);
        return c.id;
    }
    return as_int(db.query("INSERT INTO pcc_complaints (about, number, dated, summary, status, "
                           "outcome, completed_on) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

std::vector<FoiRequest> load_foi_requests(Database& db) {
    std::vector<FoiRequest> out;
    for (const auto& r : db.query("SELECT id, about, received_on, date_known, theme FROM "
                                  "foi_requests ORDER BY received_on, id")) {
        FoiRequest q;
        q.id = as_int(r[0]);
        auto about = parse_complaint_subject(as_text(r[1]));
        if (!about) throw DatabaseError("an FOI request in the store has an unknown subject");
        q.about = *about;
        q.received_on = date_of_value(r[2]);
        q.date_known = flag_of(r[3]);
        q.theme = as_text(r[4]);
        out.push_back(std::move(q));
    }
    return out;
}

BulletinSources load_bulletin_sources(Database& db, Role viewer,
                                      const std::vector<Meeting>& panel_meetings) {
    BulletinSources s;
    s.decisions = load_decisions(db, viewer);
    s.news = load_news_items(db);
    s.forum_meetings = load_forum_meetings(db, viewer);
    s.activities = load_activities(db);
    s.inspections = load_inspections(db);
    for (const auto& m : panel_meetings)
        if (m.status != MeetingStatus::cancelled) s.panel_meeting_days.push_back(m.date);
    return s;
}

// ---- data files ----

namespace {

using json = nlohmann::json;
constexpr const char* kFormat = "scrutineer-pcc-accountability/1";

using Fields = JsonFields;

// This file's wording for a field that is not a list.
const json& list(const Fields& f, const char* key) {
    if (f.has(key) && !f.obj[key].is_array()) f.fail(key, "is not a list ([...])");
    return f.list(key);
}

// Runs a saver, naming the record of the file when it refuses.
template <class F>
auto in_file(const std::string& path, const std::string& where, F&& f) {
    try {
        return f();
    } catch (const std::invalid_argument& e) {
        throw InputError(path, 0, where, e.what());
    }
}

struct Counts {
    size_t decisions = 0, news = 0, forum_meetings = 0, forum_items = 0, activities = 0,
           inspections = 0, complaints = 0, foi_requests = 0;
};

Counts load_document(Database& db, const json& j, const std::string& path, CalendarDate today) {
    Fields top(j, "", path,
               {"format", "source", "notes", "decisions", "news", "forum_meetings", "activities",
                "inspections", "complaints", "foi_requests"});
    top.require_format(kFormat, "PCC accountability");
    Counts n;
    const json& decisions = list(top, "decisions");
    for (size_t i = 0; i < decisions.size(); ++i) {
        Fields f(decisions[i], json_item("decisions", i), path,
                 {"number", "date", "date_known", "category", "title", "summary", "confidential"});
        Decision d;
        auto number = parse_decision_number(f.text("number"));
        if (!number)
            f.fail("number",
                   fmt::format("'{}' is not a decision number (YYYY-NN)", f.text("number")));
        d.number = *number;
        d.date = f.date("date");
        d.date_known = f.flag("date_known", true);
        d.category = f.text("category");
        d.title = f.text("title");
        d.summary = f.text("summary");
        d.confidential = f.flag("confidential", false);
        if (auto p = check_decision(d)) f.fail(p->field, p->message);
        if (auto same = find_decision(db, d.number, Role::administrator)) d.id = same->id;
        in_file(path, f.where, [&] { return save_decision(db, d); });
        ++n.decisions;
    }
    const json& news = list(top, "news");
    auto stored_news = load_news_items(db);
    for (size_t i = 0; i < news.size(); ++i) {
        Fields f(news[i], json_item("news", i), path, {"published_on", "title", "summary"});
        NewsItem item{0, f.date("published_on"), f.text("title"), f.text("summary")};
        if (auto p = check_news_item(item)) f.fail(p->field, p->message);
        for (const auto& s : stored_news)
            if (s.published_on == item.published_on && s.title == item.title) item.id = s.id;
        in_file(path, f.where, [&] { return save_news_item(db, item); });
        ++n.news;
    }
    const json& forums = list(top, "forum_meetings");
    for (size_t i = 0; i < forums.size(); ++i) {
        Fields f(forums[i], json_item("forum_meetings", i), path,
                 {"forum", "held_on", "notes", "items"});
        auto forum = parse_forum(f.text("forum"));
        if (!forum)
            f.fail("forum", fmt::format("'{}' is not police_accountability_forum, "
                                        "audit_committee or collaboration_panel",
                                        f.text("forum")));
        int64_t meeting_id = in_file(path, f.where, [&] {
            return save_forum_meeting(db, *forum, f.date("held_on"), f.text("notes", false));
        });
        ++n.forum_meetings;
        const json& items = list(f, "items");
        int public_position = 0, private_position = 0;
        for (size_t k = 0; k < items.size(); ++k) {
            Fields fi(items[k], f.where + "." + json_item("items", k), path,
                      {"private", "title", "summary", "report_from"});
            ForumItem item;
            item.forum_meeting_id = meeting_id;
            item.private_agenda = fi.flag("private", false);
            item.position = item.private_agenda ? ++private_position : ++public_position;
            item.title = fi.text("title");
            item.summary = fi.text("summary", false);
            item.report_from = fi.text("report_from", false);
            if (auto p = check_forum_item(item)) fi.fail(p->field, p->message);
            in_file(path, fi.where, [&] { return save_forum_item(db, item); });
            ++n.forum_items;
        }
    }
    const json& activities = list(top, "activities");
    for (size_t i = 0; i < activities.size(); ++i) {
        Fields f(activities[i], json_item("activities", i), path, {"date", "activity"});
        OutOfCountyActivity a{0, f.date("date"), f.text("activity")};
        if (auto p = check_activity(a)) f.fail(p->field, p->message);
        in_file(path, f.where, [&] { return save_activity(db, a); });
        ++n.activities;
    }
    const json& inspections = list(top, "inspections");
    auto stored_inspections = load_inspections(db);
    for (size_t i = 0; i < inspections.size(); ++i) {
        Fields f(inspections[i], json_item("inspections", i), path,
                 {"title", "published_on", "type", "summary", "steps"});
        Inspection in;
        in.title = f.text("title");
        in.published_on = f.date("published_on");
        auto type = parse_inspection_type(f.text("type"));
        if (!type) f.fail("type", fmt::format("'{}' is not national or force", f.text("type")));
        in.type = *type;
        in.summary = f.text("summary", false);
        const json& steps = list(f, "steps");
        for (size_t k = 0; k < steps.size(); ++k) {
            Fields fs(steps[k], f.where + "." + json_item("steps", k), path, {"step", "on"});
            auto step = parse_response_step(fs.text("step"));
            if (!step)
                fs.fail("step", fmt::format("'{}' is not sent_to_hmicfrs, sent_to_chief_constable, "
                                            "sent_to_panel or published",
                                            fs.text("step")));
            if (in.step(*step).done) fs.fail("step", "is given twice");
            in.step(*step) = StepDone{true, fs.optional_date("on")};
        }
        if (auto p = check_inspection(in, today)) f.fail(p->field, p->message);
        for (const auto& s : stored_inspections)
            if (s.title == in.title && s.published_on == in.published_on) in.id = s.id;
        in_file(path, f.where, [&] { return save_inspection(db, in, today); });
        ++n.inspections;
    }
    const json& complaints = list(top, "complaints");
    for (size_t i = 0; i < complaints.size(); ++i) {
        Fields f(complaints[i], json_item("complaints", i), path,
                 {"about", "number", "dated", "summary", "status", "outcome", "completed_on"});
        PccComplaint c;
        auto about = parse_complaint_subject(f.text("about"));
        if (!about) f.fail("about", fmt::format("'{}' is not pcc or panel", f.text("about")));
        c.about = *about;
        c.number = f.required_whole("number");
        c.dated = f.date("dated");
        c.summary = f.text("summary");
        auto status = parse_complaint_status(f.text("status"));
        if (!status)
            f.fail("status", fmt::format("'{}' is not ongoing or completed", f.text("status")));
        c.status = *status;
        c.outcome = f.text("outcome", false);
        c.completed_on = f.optional_date("completed_on");
        if (auto p = check_complaint(c)) f.fail(p->field, p->message);
        auto same = db.query("SELECT id FROM pcc_complaints WHERE about = ? AND number = ?",
                             {store::text(to_string(c.about)), integer(c.number)});
        if (!same.empty()) c.id = as_int(same[0][0]);
        in_file(path, f.where, [&] { return save_complaint(db, c); });
        ++n.complaints;
    }
    const json& requests = list(top, "foi_requests");
    std::vector<FoiRequest> foi;
    for (size_t i = 0; i < requests.size(); ++i) {
        Fields f(requests[i], json_item("foi_requests", i), path,
                 {"about", "received_on", "date_known", "theme"});
        FoiRequest q;
        auto about = parse_complaint_subject(f.text("about"));
        if (!about) f.fail("about", fmt::format("'{}' is not pcc or panel", f.text("about")));
        q.about = *about;
        q.received_on = f.date("received_on");
        q.date_known = f.flag("date_known", true);
        q.theme = f.text("theme");
        if (auto p = check_foi_request(q)) f.fail(p->field.c_str(), p->message);
        foi.push_back(std::move(q));
    }
    std::string source = std::filesystem::path(path).filename().string();
    db.execute("DELETE FROM foi_requests WHERE source = ?", {store::text(source)});
    add_foi_requests(db, foi, source);
    n.foi_requests = foi.size();
    return n;
}

}  // namespace

ImportSummary load_accountability_file(Database& db, const std::string& path,
                                       const std::string& user) {
    ImportSummary summary;
    std::string content = read_file(path);
    std::string checksum = sha256_hex(content);
    json j = parse_json(content, path);
    auto loaded = db.query(
        "SELECT source, imported_at FROM imports WHERE kind = 'pcc_accountability' AND checksum = "
        "?",
        {store::text(checksum)});
    if (!loaded.empty()) {
        summary.files_already_in = 1;
        summary.lines.push_back(fmt::format("{}: already loaded ({} on {}); nothing changed", path,
                                            as_text(loaded[0][0]), as_text(loaded[0][1])));
        return summary;
    }
    Transaction tx(db);
    Counts n = load_document(db, j, path, today_utc());
    size_t rows = n.decisions + n.news + n.forum_meetings + n.forum_items + n.activities +
                  n.inspections + n.complaints + n.foi_requests;
    db.execute(
        "INSERT INTO imports (kind, source, checksum, row_count, imported_by, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {store::text("pcc_accountability"), store::text(path), store::text(checksum),
         integer(static_cast<int64_t>(rows)), store::text(user),
         store::text(
             fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now())))});
    tx.commit();
    summary.files_imported = 1;
    summary.lines.push_back(
        fmt::format("{}: {} decisions, {} items of news, {} forum meetings ({} items), {} "
                    "out-of-county activities, {} inspections, {} complaints, {} FOI requests",
                    path, n.decisions, n.news, n.forum_meetings, n.forum_items, n.activities,
                    n.inspections, n.complaints, n.foi_requests));
    return summary;
}

ImportSummary load_demo_accountability(Database& db, const std::string& data_dir) {
    return load_accountability_file(
        db, (std::filesystem::path(data_dir) / "demo" / "pcc-accountability.json").string(),
        "demo");
}

}  // namespace scrutineer::store
