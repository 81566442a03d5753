#include "scrutineer/scrutiny_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "scrutineer/agenda.hpp"
#include "scrutineer/row_values.hpp"
#include "scrutineer/substitute_rule.hpp"

namespace scrutineer::store {
namespace {

void require(bool ok, const std::string& message) {
    if (!ok) throw std::invalid_argument(message);
}

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

int64_t returned_id(const std::vector<Row>& rows) {
    if (rows.empty()) throw DatabaseError("the store returned no id");
    return as_int(rows[0][0]);
}

// ---- panels ----

constexpr const char* kPanelColumns =
    "id, key, name, kind, parent_id, terms_of_reference, quorum, chair_from_body, "
    "vice_chair_from_other_bodies, chair_id, vice_chair_id, offices_elected_on, contact";

Panel panel_from(const Row& r) {
    Panel p;
    p.id = as_int(r[0]);
    p.key = as_text(r[1]);
    p.name = as_text(r[2]);
    p.kind = parsed(r[3], parse_panel_kind, "panel kind");
    p.parent_id = optional_id(r[4]);
    p.terms_of_reference = as_text(r[5]);
    p.quorum = static_cast<int>(as_int(r[6]));
    p.chair_from_body = as_text(r[7]);
    p.vice_chair_from_other_bodies = as_flag(r[8]);
    p.chair_id = optional_id(r[9]);
    p.vice_chair_id = optional_id(r[10]);
    p.offices_elected_on = optional_date(r[11]);
    p.contact = as_text(r[12]);
    return p;
}

void load_seats_and_members(Database& db, Panel& p) {
    for (const auto& r :
         db.query("SELECT body, seats, kind, substitutes FROM panel_seats WHERE panel_id = ? "
                  "ORDER BY position",
                  {integer(p.id)}))
        p.seats.push_back(SeatRule{as_text(r[0]), static_cast<int>(as_int(r[1])),
                                   parsed(r[2], parse_member_kind, "member kind"), as_flag(r[3])});
    for (const auto& r :
         db.query("SELECT id, title, name, body, kind, substitute_for, term_start, term_end "
                  "FROM panel_members WHERE panel_id = ? ORDER BY id",
                  {integer(p.id)})) {
        PanelMember m;
        m.id = as_int(r[0]);
        m.panel_id = p.id;
        m.title = as_text(r[1]);
        m.name = as_text(r[2]);
        m.body = as_text(r[3]);
        m.kind = parsed(r[4], parse_member_kind, "member kind");
        m.substitute_for = optional_id(r[5]);
        m.term_start = date_of_value(r[6]);
        m.term_end = optional_date(r[7]);
        p.members.push_back(std::move(m));
    }
}

std::optional<Panel> panel_where(Database& db, const std::string& where, const Value& v) {
    // sql-check: where is the column "id" or "key", from this file's callers
    auto rows =
        db.query(fmt::format("SELECT {} FROM panels WHERE {} = ?", kPanelColumns, where), {v});
    if (rows.empty()) return std::nullopt;
    Panel p = panel_from(rows[0]);
    load_seats_and_members(db, p);
    return p;
}

// ---- meetings ----

constexpr const char* kMeetingColumns =
    "id, panel_id, date, time, venue, briefing, status, reserve, reserve_reason, "
    "public_questions_deadline, agenda_published_on, ended_at, minutes_confirmed_at";

Meeting meeting_from(const Row& r) {
    Meeting m;
    m.id = as_int(r[0]);
    m.panel_id = as_int(r[1]);
    m.date = date_of_value(r[2]);
    m.time = as_text(r[3]);
    m.venue = as_text(r[4]);
    m.briefing = as_text(r[5]);
    m.status = parsed(r[6], parse_meeting_status, "meeting status");
    m.reserve = as_flag(r[7]);
    m.reserve_reason = as_text(r[8]);
    m.public_questions_deadline = as_text(r[9]);
    m.agenda_published_on = optional_date(r[10]);
    m.ended_at = as_text(r[11]);
    m.minutes_confirmed_at = optional_id(r[12]);
    return m;
}

void load_items(Database& db, Meeting& m, Role viewer) {
    auto f = visible_to(viewer, {"visibility"});
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query("SELECT id, position, kind, title, purpose, report_page, to_follow, invitees, "
                  "visibility FROM agenda_items WHERE meeting_id = ? AND " +
                      f.sql + " ORDER BY position",
                  with({integer(m.id)}, f))) {
        AgendaItem i;
        i.id = as_int(r[0]);
        i.meeting_id = m.id;
        i.position = static_cast<int>(as_int(r[1]));
        i.kind = parsed(r[2], parse_agenda_item_kind, "agenda item kind");
        i.title = as_text(r[3]);
        i.purpose = as_text(r[4]);
        if (r[5]) i.report_page = static_cast<int>(as_int(r[5]));
        i.to_follow = as_flag(r[6]);
        i.invitees = as_text(r[7]);
        i.visibility = parsed(r[8], parse_visibility, "visibility");
        m.items.push_back(std::move(i));
    }
    for (const auto& r :
         db.query("SELECT p.agenda_item_id, p.priority_id FROM agenda_item_priorities p JOIN "
                  "agenda_items a ON a.id = p.agenda_item_id WHERE a.meeting_id = ? "
                  "ORDER BY p.agenda_item_id, p.priority_id",
                  {integer(m.id)}))
        for (auto& i : m.items)
            if (i.id == as_int(r[0])) i.priority_ids.push_back(as_int(r[1]));
}

std::optional<Meeting> adjacent_meeting(Database& db, const Meeting& meeting, Role viewer,
                                        bool before) {
    // sql-check: the comparisons and orders are "<"/">" and "ASC"/"DESC", chosen in code
    auto rows = db.query(
        fmt::format("SELECT {} FROM meetings WHERE panel_id = ? AND status <> 'cancelled' AND "
                    "reserve = 0 AND id <> ? AND (date {} ? OR (date = ? AND id {} ?)) "
                    "ORDER BY date {}, id {} LIMIT 1",
                    kMeetingColumns, before ? "<" : ">", before ? "<" : ">",
                    before ? "DESC" : "ASC", before ? "DESC" : "ASC"),
        {integer(meeting.panel_id), integer(meeting.id), date_value(meeting.date),
         date_value(meeting.date), integer(meeting.id)});
    if (rows.empty()) return std::nullopt;
    Meeting m = meeting_from(rows[0]);
    load_items(db, m, viewer);
    return m;
}

// ---- requests ----

PanelRequest request_from(const Row& r) {
    PanelRequest q;
    q.id = as_int(r[0]);
    q.panel_id = as_int(r[1]);
    q.meeting_id = as_int(r[2]);
    q.agenda_item_id = optional_id(r[3]);
    q.kind = parsed(r[4], parse_request_kind, "request kind");
    q.text = as_text(r[5]);
    q.addressee = parsed(r[6], parse_addressee, "addressee");
    q.due = parsed(r[7], parse_due_kind, "due kind");
    q.due_date = optional_date(r[8]);
    q.status = parsed(r[9], parse_request_status, "request status");
    q.response = as_text(r[10]);
    q.response_note = as_text(r[11]);
    q.answered_on = optional_date(r[12]);
    q.answered_at_meeting_id = optional_id(r[13]);
    q.visibility = parsed(r[14], parse_visibility, "visibility");
    return q;
}

}  // namespace

// ---- panels and members ----

std::vector<Panel> load_panels(Database& db) {
    std::vector<Panel> out;
    for (const auto& r : db.query(fmt::format(
             "SELECT {} FROM panels ORDER BY parent_id IS NOT NULL, name, id", kPanelColumns)))
        out.push_back(panel_from(r));
    for (auto& p : out) load_seats_and_members(db, p);
    return out;
}

std::optional<Panel> load_panel(Database& db, int64_t id) {
    return panel_where(db, "id", integer(id));
}

std::optional<Panel> find_panel(Database& db, const std::string& key) {
    return panel_where(db, "key", text(key));
}

int64_t save_panel(Database& db, const Panel& p) {
    require(!blank(p.key), "Enter the panel's short name (key)");
    require(!blank(p.name), "Enter the panel's name");
    require(p.quorum >= 1, "Enter the quorum as a whole number of members, at least 1");
    for (const auto& s : p.seats) {
        require(!blank(s.body), "Each seat rule needs the body it is for");
        require(s.seats >= 1, fmt::format("{}: enter a number of seats, at least 1", s.body));
        require(s.kind != MemberKind::substitute,
                fmt::format("{}: seats are for main or co-opted members", s.body));
    }
    Transaction tx(db);
    std::vector<Value> v = {text(p.key),
                            text(p.name),
                            text(to_string(p.kind)),
                            id_or_null(p.parent_id),
                            text(p.terms_of_reference),
                            integer(p.quorum),
                            text(p.chair_from_body),
                            flag(p.vice_chair_from_other_bodies),
                            id_or_null(p.chair_id),
                            id_or_null(p.vice_chair_id),
                            date_or_null(p.offices_elected_on),
                            text(p.contact)};
    int64_t id = p.id;
    if (id == 0) {
        id = returned_id(db.query(
            "INSERT INTO panels (key, name, kind, parent_id, terms_of_reference, quorum, "
            "chair_from_body, vice_chair_from_other_bodies, chair_id, vice_chair_id, "
            "offices_elected_on, contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            v));
    } else {
        v.push_back(integer(id));
        db.execute(
            "UPDATE panels SET key = ?, name = ?, kind = ?, parent_id = ?, terms_of_reference = ?, "
            "quorum = ?, chair_from_body = ?, vice_chair_from_other_bodies = ?, chair_id = ?, "
            "vice_chair_id = ?, offices_elected_on = ?, contact = ? WHERE id = ?",
            v);
        db.execute("DELETE FROM panel_seats WHERE panel_id = ?", {integer(id)});
    }
    int position = 0;
    for (const auto& s : p.seats)
        db.execute(
            "INSERT INTO panel_seats (panel_id, position, body, seats, kind, substitutes) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {integer(id), integer(++position), text(s.body), integer(s.seats),
             text(to_string(s.kind)), flag(s.substitutes)});
    tx.commit();
    return id;
}

int64_t save_member(Database& db, const PanelMember& m) {
    require(!blank(m.name), "Enter the member's name");
    require(!blank(m.body), "Enter the body the member represents");
    require(!m.term_end || *m.term_end >= m.term_start,
            "The end of the term must be on or after its start");
    if (m.kind == MemberKind::substitute) {
        require(m.substitute_for.has_value(), "Choose the main member this is the substitute of");
        auto rows = db.query("SELECT panel_id, kind FROM panel_members WHERE id = ?",
                             {integer(*m.substitute_for)});
        require(!rows.empty() && as_int(rows[0][0]) == m.panel_id,
                "The substitute's main member must be on the same panel");
        require(as_text(rows[0][1]) == "main",
                "Only main members have substitutes; co-opted independent members have none");
    } else {
        require(!m.substitute_for, "Only a substitute member substitutes for someone");
    }
    std::vector<Value> v = {integer(m.panel_id),
                            text(m.title),
                            text(m.name),
                            text(m.body),
                            text(to_string(m.kind)),
                            id_or_null(m.substitute_for),
                            date_value(m.term_start),
                            date_or_null(m.term_end)};
    if (m.id == 0)
        return returned_id(db.query(
            "INSERT INTO panel_members (panel_id, title, name, body, kind, substitute_for, "
            "term_start, term_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            v));
    v.push_back(integer(m.id));
    db.execute(
        "UPDATE panel_members SET panel_id = ?, title = ?, name = ?, body = ?, kind = ?, "
        "substitute_for = ?, term_start = ?, term_end = ? WHERE id = ?",
        v);
    return m.id;
}

// ---- meetings ----

std::vector<Meeting> load_meetings(Database& db, int64_t panel_id, Role viewer) {
    std::vector<Meeting> out;
    for (const auto& r : db.query(fmt::format("SELECT {} FROM meetings WHERE panel_id = ? "
                                              "ORDER BY date, id",
                                              kMeetingColumns),
                                  {integer(panel_id)}))
        out.push_back(meeting_from(r));
    for (auto& m : out) load_items(db, m, viewer);
    return out;
}

std::optional<Meeting> load_meeting(Database& db, int64_t id, Role viewer) {
    auto rows = db.query(fmt::format("SELECT {} FROM meetings WHERE id = ?", kMeetingColumns),
                         {integer(id)});
    if (rows.empty()) return std::nullopt;
    Meeting m = meeting_from(rows[0]);
    load_items(db, m, viewer);
    return m;
}

int64_t save_meeting(Database& db, const Meeting& m) {
    require(valid_time(m.time), "Enter the time as HH:MM on the 24-hour clock, for example 10:00");
    require(!blank(m.venue), "Enter the venue");
    require(m.ended_at.empty() || valid_time(m.ended_at),
            "Enter the time the meeting ended as HH:MM, for example 11:31");
    require(m.ended_at.empty() || m.status == MeetingStatus::held,
            "Only a meeting that was held has a time it ended");
    require(!db.query("SELECT id FROM panels WHERE id = ?", {integer(m.panel_id)}).empty(),
            "The meeting's panel does not exist");
    std::vector<Value> v = {integer(m.panel_id),
                            date_value(m.date),
                            text(m.time),
                            text(m.venue),
                            text(m.briefing),
                            text(to_string(m.status)),
                            flag(m.reserve),
                            text(m.reserve_reason),
                            text(m.public_questions_deadline),
                            date_or_null(m.agenda_published_on),
                            text(m.ended_at),
                            id_or_null(m.minutes_confirmed_at)};
    if (m.id == 0)
        return returned_id(db.query(
            "INSERT INTO meetings (panel_id, date, time, venue, briefing, status, reserve, "
            "reserve_reason, public_questions_deadline, agenda_published_on, ended_at, "
            "minutes_confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            v));
    v.push_back(integer(m.id));
    db.execute(
        "UPDATE meetings SET panel_id = ?, date = ?, time = ?, venue = ?, briefing = ?, "
        "status = ?, reserve = ?, reserve_reason = ?, public_questions_deadline = ?, "
        "agenda_published_on = ?, ended_at = ?, minutes_confirmed_at = ? WHERE id = ?",
        v);
    return m.id;
}

int64_t save_agenda_item(Database& db, const AgendaItem& item) {
    require(!blank(item.title), "Enter the item's title");
    require(!item.report_page || *item.report_page >= 1, "Enter the report's page as a number");
    Transaction tx(db);
    int last = 0;
    {
        auto rows = db.query("SELECT MAX(position) FROM agenda_items WHERE meeting_id = ?",
                             {integer(item.meeting_id)});
        if (!rows.empty() && rows[0][0]) last = static_cast<int>(as_int(rows[0][0]));
    }
    int position = item.position;
    std::vector<Value> v = {integer(item.meeting_id),
                            integer(0),
                            text(to_string(item.kind)),
                            text(item.title),
                            text(item.purpose),
                            item.report_page ? integer(*item.report_page) : null_value,
                            flag(item.to_follow),
                            text(item.invitees),
                            text(to_string(item.visibility))};
    int64_t id = item.id;
    if (id == 0) {
        if (position < 1 || position > last + 1) position = last + 1;
        // Make room: move the later items down one, from the bottom up (positions are unique).
        for (int p = last; p >= position; --p)
            db.execute("UPDATE agenda_items SET position = ? WHERE meeting_id = ? AND position = ?",
                       {integer(p + 1), integer(item.meeting_id), integer(p)});
        v[1] = integer(position);
        id = returned_id(db.query(
            "INSERT INTO agenda_items (meeting_id, position, kind, title, purpose, report_page, "
            "to_follow, invitees, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            v));
    } else {
        auto rows = db.query("SELECT position FROM agenda_items WHERE id = ?", {integer(id)});
        require(!rows.empty(), "The agenda item does not exist");
        v[1] = rows[0][0];  // an edit keeps the item's place
        v.push_back(integer(id));
        db.execute(
            "UPDATE agenda_items SET meeting_id = ?, position = ?, kind = ?, title = ?, "
            "purpose = ?, report_page = ?, to_follow = ?, invitees = ?, "
            "visibility = ? WHERE id = ?",
            v);
        db.execute("DELETE FROM agenda_item_priorities WHERE agenda_item_id = ?", {integer(id)});
    }
    for (int64_t priority : item.priority_ids)
        db.execute("INSERT INTO agenda_item_priorities (agenda_item_id, priority_id) VALUES (?, ?)",
                   {integer(id), integer(priority)});
    tx.commit();
    return id;
}

void delete_agenda_item(Database& db, int64_t item_id) {
    Transaction tx(db);
    auto rows =
        db.query("SELECT meeting_id, position FROM agenda_items WHERE id = ?", {integer(item_id)});
    if (rows.empty()) return;
    require(
        db.query("SELECT id FROM minute_points WHERE agenda_item_id = ?", {integer(item_id)})
                .empty() &&
            db.query("SELECT id FROM panel_requests WHERE agenda_item_id = ?", {integer(item_id)})
                .empty(),
        "The item has minutes or requests recorded against it, so it cannot be removed");
    db.execute("DELETE FROM interests WHERE agenda_item_id = ?", {integer(item_id)});
    db.execute("DELETE FROM agenda_item_priorities WHERE agenda_item_id = ?", {integer(item_id)});
    db.execute("DELETE FROM suggested_questions WHERE agenda_item_id = ?", {integer(item_id)});
    db.execute("DELETE FROM suggested_approaches WHERE agenda_item_id = ?", {integer(item_id)});
    db.execute("DELETE FROM agenda_items WHERE id = ?", {integer(item_id)});
    int64_t meeting = as_int(rows[0][0]);
    int position = static_cast<int>(as_int(rows[0][1]));
    auto later = db.query(
        "SELECT id, position FROM agenda_items WHERE meeting_id = ? AND position > ? "
        "ORDER BY position",
        {integer(meeting), integer(position)});
    for (const auto& r : later)
        db.execute("UPDATE agenda_items SET position = ? WHERE id = ?",
                   {integer(as_int(r[1]) - 1), r[0]});
    tx.commit();
}

void add_standard_items(Database& db, int64_t meeting_id) {
    auto meeting = load_meeting(db, meeting_id, Role::administrator);
    require(meeting.has_value(), "The meeting does not exist");
    auto panel = load_panel(db, meeting->panel_id);
    auto previous = previous_meeting(db, *meeting, Role::administrator);
    // The first meeting of a civic year (from June) elects the chair and vice-chair.
    bool elects =
        meeting->date.month() >= 6 &&
        (!previous || previous->date.year() < meeting->date.year() || previous->date.month() < 6);
    Transaction tx(db);
    for (AgendaItem item : standard_items(*panel, *meeting, previous, elects)) {
        item.meeting_id = meeting_id;
        save_agenda_item(db, item);
    }
    tx.commit();
}

std::optional<Meeting> previous_meeting(Database& db, const Meeting& meeting, Role viewer) {
    return adjacent_meeting(db, meeting, viewer, true);
}

std::optional<Meeting> next_meeting(Database& db, const Meeting& meeting, Role viewer) {
    return adjacent_meeting(db, meeting, viewer, false);
}

// ---- attendance, interests, minutes ----

std::vector<Attendance> load_attendance(Database& db, int64_t meeting_id) {
    std::vector<Attendance> out;
    for (const auto& r :
         db.query("SELECT a.member_id, a.status, a.for_member_id, a.capacity FROM attendance a "
                  "JOIN panel_members m ON m.id = a.member_id WHERE a.meeting_id = ? ORDER BY m.id",
                  {integer(meeting_id)}))
        out.push_back(Attendance{as_int(r[0]),
                                 parsed(r[1], parse_attendance_status, "attendance status"),
                                 optional_id(r[2]), as_text(r[3])});
    return out;
}

void save_attendance(Database& db, int64_t meeting_id, const std::vector<Attendance>& rows) {
    auto meeting = load_meeting(db, meeting_id, Role::administrator);
    require(meeting.has_value(), "The meeting does not exist");
    auto panel = load_panel(db, meeting->panel_id);
    auto problems = attendance_problems(*panel, meeting->date, rows);
    if (!problems.empty()) throw std::invalid_argument(problems.front());
    Transaction tx(db);
    db.execute("DELETE FROM attendance WHERE meeting_id = ?", {integer(meeting_id)});
    for (const auto& a : rows)
        db.execute(
            "INSERT INTO attendance (meeting_id, member_id, status, for_member_id, capacity) "
            "VALUES (?, ?, ?, ?, ?)",
            {integer(meeting_id), integer(a.member_id), text(to_string(a.status)),
             id_or_null(a.for_member_id), text(a.capacity)});
    tx.commit();
}

std::vector<OtherAttendee> load_other_attendees(Database& db, int64_t meeting_id) {
    std::vector<OtherAttendee> out;
    for (const auto& r :
         db.query("SELECT id, name, role FROM other_attendees WHERE meeting_id = ? ORDER BY id",
                  {integer(meeting_id)}))
        out.push_back(OtherAttendee{as_int(r[0]), as_text(r[1]), as_text(r[2])});
    return out;
}

void save_other_attendees(Database& db, int64_t meeting_id,
                          const std::vector<OtherAttendee>& rows) {
    for (const auto& o : rows)
        require(!blank(o.name), "Each officer or other present needs a name");
    Transaction tx(db);
    db.execute("DELETE FROM other_attendees WHERE meeting_id = ?", {integer(meeting_id)});
    for (const auto& o : rows)
        db.execute("INSERT INTO other_attendees (meeting_id, name, role) VALUES (?, ?, ?)",
                   {integer(meeting_id), text(o.name), text(o.role)});
    tx.commit();
}

std::vector<Interest> load_interests(Database& db, int64_t meeting_id) {
    std::vector<Interest> out;
    for (const auto& r :
         db.query("SELECT id, member_id, agenda_item_id, kind, description FROM interests "
                  "WHERE meeting_id = ? ORDER BY id",
                  {integer(meeting_id)}))
        out.push_back(Interest{as_int(r[0]), as_int(r[1]), optional_id(r[2]),
                               parsed(r[3], parse_interest_kind, "interest kind"), as_text(r[4])});
    return out;
}

int64_t add_interest(Database& db, int64_t meeting_id, const Interest& i) {
    auto meeting = load_meeting(db, meeting_id, Role::administrator);
    require(meeting.has_value(), "The meeting does not exist");
    auto member =
        db.query("SELECT panel_id FROM panel_members WHERE id = ?", {integer(i.member_id)});
    require(!member.empty() && as_int(member[0][0]) == meeting->panel_id,
            "Choose a member of the panel");
    if (i.agenda_item_id)
        require(std::any_of(meeting->items.begin(), meeting->items.end(),
                            [&](const AgendaItem& a) { return a.id == *i.agenda_item_id; }),
                "Choose an item of this meeting's agenda");
    require(!blank(i.description), "Describe the interest");
    return returned_id(
        db.query("INSERT INTO interests (meeting_id, member_id, agenda_item_id, kind, description) "
                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                 {integer(meeting_id), integer(i.member_id), id_or_null(i.agenda_item_id),
                  text(to_string(i.kind)), text(i.description)}));
}

void delete_interest(Database& db, int64_t interest_id) {
    db.execute("DELETE FROM interests WHERE id = ?", {integer(interest_id)});
}

std::vector<MinutePoint> load_minutes(Database& db, int64_t meeting_id, Role viewer) {
    auto f = visible_to(viewer, {"a.visibility"});
    std::vector<MinutePoint> out;
    // sql-check: the visibility filter (row_values.hpp): column names from this code and ? marks
    for (const auto& r :
         db.query("SELECT p.id, p.agenda_item_id, p.position, p.is_resolution, p.verb, p.text "
                  "FROM minute_points p JOIN agenda_items a ON a.id = p.agenda_item_id "
                  "WHERE a.meeting_id = ? AND " +
                      f.sql + " ORDER BY a.position, p.position",
                  with({integer(meeting_id)}, f))) {
        MinutePoint p;
        p.id = as_int(r[0]);
        p.agenda_item_id = as_int(r[1]);
        p.position = static_cast<int>(as_int(r[2]));
        p.is_resolution = as_flag(r[3]);
        if (r[4]) p.verb = parsed(r[4], parse_resolution_verb, "resolution");
        p.text = as_text(r[5]);
        out.push_back(std::move(p));
    }
    return out;
}

int64_t add_minute_point(Database& db, const MinutePoint& p) {
    require(!blank(p.text), "Enter the text of the minute");
    require(!p.is_resolution || p.verb.has_value(),
            "Choose what the panel resolved: NOTED, CONSIDERED, AGREED, REQUESTED or DELEGATED");
    require(p.is_resolution || !p.verb.has_value(), "Only a resolution has a verb");
    require(
        !db.query("SELECT id FROM agenda_items WHERE id = ?", {integer(p.agenda_item_id)}).empty(),
        "The agenda item does not exist");
    Transaction tx(db);
    int position = p.position;
    if (position < 1) {
        auto rows = db.query("SELECT MAX(position) FROM minute_points WHERE agenda_item_id = ?",
                             {integer(p.agenda_item_id)});
        position = (!rows.empty() && rows[0][0] ? static_cast<int>(as_int(rows[0][0])) : 0) + 1;
    }
    int64_t id = returned_id(
        db.query("INSERT INTO minute_points (agenda_item_id, position, is_resolution, verb, text) "
                 "VALUES (?, ?, ?, ?, ?) RETURNING id",
                 {integer(p.agenda_item_id), integer(position), flag(p.is_resolution),
                  p.verb ? text(to_string(*p.verb)) : null_value, text(p.text)}));
    tx.commit();
    return id;
}

// ---- the requests ledger ----

std::vector<PanelRequest> load_requests(Database& db, Role viewer,
                                        std::optional<int64_t> panel_id) {
    auto f = visible_to(viewer, {"r.visibility", "a.visibility"});
    std::string sql = fmt::format(
        "SELECT {} FROM panel_requests r LEFT JOIN agenda_items a ON a.id = r.agenda_item_id "
        "JOIN meetings m ON m.id = r.meeting_id WHERE {}{} ORDER BY m.date, r.id",
        "r.id, r.panel_id, r.meeting_id, r.agenda_item_id, r.kind, r.text, r.addressee, r.due, "
        "r.due_date, r.status, r.response, r.response_note, r.answered_on, "
        "r.answered_at_meeting_id, r.visibility",
        f.sql, panel_id ? " AND r.panel_id = ?" : "");
    std::vector<Value> params = f.params;
    if (panel_id) params.push_back(integer(*panel_id));
    std::vector<PanelRequest> out;
    // sql-check: sql is literals, the visibility filter (row_values.hpp) and an optional literal
    //   condition
    for (const auto& r : db.query(sql, params)) out.push_back(request_from(r));
    return out;
}

std::optional<PanelRequest> load_request(Database& db, int64_t id, Role viewer) {
    for (auto& r : load_requests(db, viewer))
        if (r.id == id) return r;
    return std::nullopt;
}

int64_t save_request(Database& db, const PanelRequest& q) {
    require(!blank(q.text), "Enter what the panel asked for");
    require(q.due != DueKind::date || q.due_date.has_value(),
            "Enter the date the answer is due, as YYYY-MM-DD");
    require(
        !is_closed(q.status) || q.answered_on.has_value() || q.answered_at_meeting_id.has_value(),
        "Enter the date it was answered or declined");
    auto meeting = db.query("SELECT panel_id FROM meetings WHERE id = ?", {integer(q.meeting_id)});
    require(!meeting.empty(), "The meeting that made the request does not exist");
    require(as_int(meeting[0][0]) == q.panel_id, "The request belongs to the meeting's panel");
    std::vector<Value> v = {integer(q.panel_id),
                            integer(q.meeting_id),
                            id_or_null(q.agenda_item_id),
                            text(to_string(q.kind)),
                            text(q.text),
                            text(to_string(q.addressee)),
                            text(to_string(q.due)),
                            q.due == DueKind::date ? date_or_null(q.due_date) : null_value,
                            text(to_string(q.status)),
                            text(q.response),
                            text(q.response_note),
                            date_or_null(q.answered_on),
                            id_or_null(q.answered_at_meeting_id),
                            text(to_string(q.visibility))};
    if (q.id == 0)
        return returned_id(db.query(
            "INSERT INTO panel_requests (panel_id, meeting_id, agenda_item_id, kind, text, "
            "addressee, due, due_date, status, response, response_note, answered_on, "
            "answered_at_meeting_id, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            v));
    v.push_back(integer(q.id));
    db.execute(
        "UPDATE panel_requests SET panel_id = ?, meeting_id = ?, agenda_item_id = ?, kind = ?, "
        "text = ?, addressee = ?, due = ?, due_date = ?, status = ?, response = ?, "
        "response_note = ?, answered_on = ?, answered_at_meeting_id = ?, visibility = ? "
        "WHERE id = ?",
        v);
    return q.id;
}

}  // namespace scrutineer::store
