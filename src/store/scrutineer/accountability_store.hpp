// The PCC's accountability in the store (migration 7): decisions, news items, forum meetings and
// their items, out-of-county activity, HMICFRS inspections with their response steps,
// complaints about the PCC and the Panel, and FOI requests.
//
// Loaders that return what a viewer reads take the viewer's role: a confidential decision's
// summary and a private agenda item's summary are emptied for roles that may not see
// confidential items (pcc_accountability.hpp, `redacted`), so no page or API answer built on
// them can show it. Savers check the record with the domain's rules and throw
// std::invalid_argument with a message for people before writing anything. They open no
// transaction of their own: callers run them inside a store::Transaction together with the
// audit-log row of the change (as the web pages do), so that the two are one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/complaints_monitoring.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/hmicfrs_response.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/information_bulletin.hpp"
#include "scrutineer/pcc_accountability.hpp"

namespace scrutineer::store {

// ---- decisions ----
// By number (year, then sequence); of one year (the number's year) when given.
std::vector<Decision> load_decisions(Database& db, Role viewer,
                                     std::optional<int> year = std::nullopt);
std::optional<Decision> load_decision(Database& db, int64_t id, Role viewer);
std::optional<Decision> find_decision(Database& db, DecisionNumber number, Role viewer);
// The years decisions are numbered in, latest first.
std::vector<int> decision_years(Database& db);
// Inserts (id 0; a number already recorded is refused) or updates.
int64_t save_decision(Database& db, const Decision& decision);

// ---- news ----
std::vector<NewsItem> load_news_items(Database& db);  // by day published, then id
// Inserts (id 0; the same title on the same day is refused) or updates.
int64_t save_news_item(Database& db, const NewsItem& item);

// ---- forum meetings ----
// With their items (public agenda first, each by position), latest meeting first.
std::vector<ForumMeeting> load_forum_meetings(Database& db, Role viewer);
std::optional<ForumMeeting> load_forum_meeting(Database& db, int64_t id, Role viewer);
// The meeting of the forum on the day, inserted if new (its notes updated if given).
int64_t save_forum_meeting(Database& db, Forum forum, CalendarDate held_on,
                           const std::string& notes);
// Inserts (id 0: after the last item of its agenda when position is 0) or updates.
int64_t save_forum_item(Database& db, const ForumItem& item);

// ---- out-of-county activity ----
std::vector<OutOfCountyActivity> load_activities(Database& db);  // by day
int64_t save_activity(Database& db, const OutOfCountyActivity& activity);

// ---- HMICFRS inspections and the PCC's responses ----
std::vector<Inspection> load_inspections(Database& db);  // latest published first
std::optional<Inspection> load_inspection(Database& db, int64_t id);
// Inserts (id 0) or updates the inspection and its four steps; `today` bounds the step days.
int64_t save_inspection(Database& db, const Inspection& inspection, CalendarDate today);
// Marks one step done (on a day, or on a day not known) or not done.
void set_response_step(Database& db, int64_t inspection_id, ResponseStep step, const StepDone& done,
                       CalendarDate today);

// ---- complaints and FOI requests ----
std::vector<PccComplaint> load_complaints(Database& db);  // by subject (PCC first), then number
std::optional<PccComplaint> load_complaint(Database& db, int64_t id);
// Inserts (id 0; a number already used for the subject is refused) or updates.
int64_t save_complaint(Database& db, const PccComplaint& complaint);
// The next free complaint number for the subject.
int next_complaint_number(Database& db, ComplaintSubject about);
std::vector<FoiRequest> load_foi_requests(Database& db);  // by day received
// Adds requests (all or none); `source` names the file they came from, or "" from a form.
void add_foi_requests(Database& db, const std::vector<FoiRequest>& requests,
                      const std::string& source = "");

// ---- for a meeting ----
// Everything the bulletin chooses from, as the viewer may read it, with the days of the
// panel's meetings (`panel_meetings`) that were not cancelled.
BulletinSources load_bulletin_sources(Database& db, Role viewer,
                                      const std::vector<Meeting>& panel_meetings);

// ---- the demo and data files ----
// Loads a file {"format": "scrutineer-pcc-accountability/1", "source", "notes", "decisions",
// "news", "forum_meetings", "activities", "inspections", "complaints", "foi_requests"} in one
// transaction, all or nothing; records are matched by their natural keys (a decision by its
// number, a complaint by subject and number, ...), so loading a file again changes nothing,
// and a file's FOI requests replace those it loaded before. Bad input throws InputError naming
// the file and the field. The summary's lines are for people.
ImportSummary load_accountability_file(Database& db, const std::string& path,
                                       const std::string& user);
// data_dir/demo/pcc-accountability.json, as the user "demo".
ImportSummary load_demo_accountability(Database& db, const std::string& data_dir);

}  // namespace scrutineer::store
