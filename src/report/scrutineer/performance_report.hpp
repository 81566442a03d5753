// The performance monitoring report for a meeting (SPEC §3; seeds 000 and 001): the scrutiny
// officer's cover report — purpose, the suggested approach with the questions for the two
// priorities in focus, action — and Annex 1, the OPCC's report: background, the plan's
// priorities and objectives, how progress is monitored, each priority in focus with its
// objectives and progress narrative, the performance measures (the indicator tables for the
// force and every district, with footnotes and trend charts) and the commissioned services.
//
// The priorities in focus are the meeting's performance item's (AgendaItem::priority_ids, set
// when the rolling programme's proposal is placed on the agenda); a meeting without one gets
// the rolling programme's proposal for it. What goes in is what the viewer's role may see: the
// public version is made as the public (no exempt or confidential item reaches it); an officer's
// marks each restricted item "(exempt: not for publication)" or "(confidential)".
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/commissioned_services.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/plan.hpp"
#include "scrutineer/suggested_approach.hpp"

namespace scrutineer::report {

struct ServiceUpdate {
    Service service;
    std::vector<Grant> grants;
    std::vector<ServiceMeasure> measures;
};

struct PriorityInFocus {
    Priority priority;
    std::vector<StrategicObjective> objectives;
    std::optional<CalendarDate> last_looked;  // its last in-depth review before the meeting
    std::optional<Narrative> narrative;       // the latest for a period up to the report's
    std::vector<PriorityIndicator> indicators;
    std::vector<ServiceUpdate> services;
    std::string questions;  // the suggested approach's, one area a line (suggested_approach.hpp)
};

// Everything the report is made from, as one role may see it.
struct PerformanceReport {
    Role viewer = Role::public_user;
    Panel panel;
    Meeting meeting;
    std::optional<AgendaItem> item;  // the meeting's performance monitoring item
    Plan plan;
    std::vector<Priority> priorities;                               // the plan's
    std::map<int64_t, std::vector<StrategicObjective>> objectives;  // by priority id
    std::vector<PriorityInFocus> in_focus;
    std::string approach_author;  // "Jo Martin, Democratic Support and Scrutiny Team Manager"
    std::optional<CalendarDate> annual_report_meeting;  // the last "Annual Report" item held
    // The indicator tables: the period they end in, and per area (table order) the rows of the
    // indicators linked to the priorities in focus, computed from the store's data.
    const Dataset* data = nullptr;
    std::optional<Month> period_end;
    std::vector<AreaTable> tables;
    // Linked indicators the data does not hold, as the meeting's paper printed them, if it did.
    std::vector<PublishedFigure> published;
};

// What was asked for cannot be made: no such meeting, no plan the panel scrutinises, no
// priorities in focus, no period with data. what() says which, in words for the user.
struct ReportUnavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The Police and Crime Panel's next scheduled meeting on or after `today` (not a reserve date,
// not cancelled). Throws ReportUnavailable when there is none.
int64_t next_panel_meeting(store::Database& db, Role viewer, CalendarDate today);

// Loads the report for a meeting as `viewer` may see it. `data` is the store's dataset (the
// caller usually has it loaded already) and must outlive the result; `period_end` defaults to
// the latest month with data before the meeting's month. Throws ReportUnavailable.
PerformanceReport load_performance_report(store::Database& db, const Dataset& data,
                                          int64_t meeting_id, Role viewer,
                                          std::optional<Month> period_end = std::nullopt);

doc::Document performance_report_document(const PerformanceReport& report);

// "performance-report-2020-02-04" (the caller adds the format's extension)
std::string performance_report_file_stem(const PerformanceReport& report);

}  // namespace scrutineer::report
