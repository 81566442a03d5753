// Panels, members, meetings, agendas, attendance, interests, minutes and the requests ledger in
// the store (migration 4). Loaders take the viewer's role and leave out agenda items, minutes and
// requests it may not see (access.hpp). Savers validate with the domain's rules and throw
// std::invalid_argument with a message for people; every saver runs in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/panel_request.hpp"

namespace scrutineer::store {

// ---- panels and members ----
std::vector<Panel> load_panels(Database& db);  // with seats and members, by name
std::optional<Panel> load_panel(Database& db, int64_t id);
std::optional<Panel> find_panel(Database& db, const std::string& key);
// Inserts (id 0) or updates the panel's own fields and seat rules (not its members).
int64_t save_panel(Database& db, const Panel& panel);
// Inserts (id 0) or updates a member; a substitute must name a main member of the same panel.
int64_t save_member(Database& db, const PanelMember& member);

// ---- meetings ----
// A panel's meetings in date order, with the agenda items the role may see.
std::vector<Meeting> load_meetings(Database& db, int64_t panel_id, Role viewer);
std::optional<Meeting> load_meeting(Database& db, int64_t id, Role viewer);
// Inserts (id 0) or updates a meeting's own fields (not its items).
int64_t save_meeting(Database& db, const Meeting& meeting);
// Inserts (id 0) or updates an item; a new item at a position already taken moves the later
// items down one.
int64_t save_agenda_item(Database& db, const AgendaItem& item);
void delete_agenda_item(Database& db, int64_t item_id);
// The standard items every agenda opens with, added to a new meeting (agenda.hpp).
void add_standard_items(Database& db, int64_t meeting_id);

// The meeting before this one of the same panel that was not cancelled, if any (the period
// an information bulletin covers starts at its date).
std::optional<Meeting> previous_meeting(Database& db, const Meeting& meeting, Role viewer);
std::optional<Meeting> next_meeting(Database& db, const Meeting& meeting, Role viewer);

// ---- attendance, interests, minutes ----
std::vector<Attendance> load_attendance(Database& db, int64_t meeting_id);
// Replaces the meeting's attendance; refuses a substitute who is not the named substitute of an
// absent member (substitute_rule.hpp).
void save_attendance(Database& db, int64_t meeting_id, const std::vector<Attendance>& rows);
std::vector<OtherAttendee> load_other_attendees(Database& db, int64_t meeting_id);
void save_other_attendees(Database& db, int64_t meeting_id, const std::vector<OtherAttendee>& rows);
std::vector<Interest> load_interests(Database& db, int64_t meeting_id);
int64_t add_interest(Database& db, int64_t meeting_id, const Interest& interest);
void delete_interest(Database& db, int64_t interest_id);
// The minutes of the items the role may see, by item then position.
std::vector<MinutePoint> load_minutes(Database& db, int64_t meeting_id, Role viewer);
int64_t add_minute_point(Database& db, const MinutePoint& point);

// ---- the requests ledger ----
// Requests the role may see: of one panel, or (panel_id empty) of all, oldest first.
std::vector<PanelRequest> load_requests(Database& db, Role viewer,
                                        std::optional<int64_t> panel_id = std::nullopt);
std::optional<PanelRequest> load_request(Database& db, int64_t id, Role viewer);
int64_t save_request(Database& db, const PanelRequest& request);

}  // namespace scrutineer::store
