// The complaints monitoring report (SPEC §5, seed 001 item 8): complaints about the conduct of
// the Police and Crime Commissioner (numbered, dated, with a summary, a status and an outcome),
// complaints about the Panel, and the Freedom of Information requests the OPCCN and the Panel
// received, counted with their themes, "since the Panel's last monitoring report".
//
// THE PERIOD RULE (like the bulletin's, information_bulletin.hpp): a report covers the days
// after the cut-off of the previous meeting whose agenda had a complaints monitoring report, up
// to and including this meeting's cut-off (the agenda's publication day, else the meeting's
// day). Reports are "at least annual", not at every meeting, so only meetings whose agenda is
// recorded with such an item count; with none before, the report covers everything up to its
// cut-off. In a report:
// - complaints: those made on or before the cut-off that were still ongoing on it, and those
//   completed within the period ("all other complaints have previously been reported to the
//   Panel as being completed"). A completed complaint whose completion day is not recorded
//   counts as completed on the day it was made;
// - FOI requests: those received within the period, counted, with their distinct themes in the
//   order received.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/calendar_date.hpp"
#include "scrutineer/information_bulletin.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/pcc_accountability.hpp"

namespace scrutineer {

// Whom a complaint or request is about: the PCC (and his office, the OPCCN) or the Panel.
enum class ComplaintSubject { pcc, panel };
const char* to_string(ComplaintSubject s);  // "pcc", "panel"
const char* label(ComplaintSubject s);      // "the PCC", "the Panel"
std::optional<ComplaintSubject> parse_complaint_subject(std::string_view text);

enum class ComplaintStatus { ongoing, completed };
const char* to_string(ComplaintStatus s);  // "ongoing", "completed"
const char* label(ComplaintStatus s);      // "Ongoing", "Completed"
std::optional<ComplaintStatus> parse_complaint_status(std::string_view text);

// A complaint about the PCC or the OPCC's staff (named apart from the ASB Case Review's
// qualifying Complaint, qualifying_complaint.hpp).
struct PccComplaint {
    int64_t id = 0;
    ComplaintSubject about = ComplaintSubject::pcc;
    int number = 0;  // "Complaint 13": numbered from 1 for each subject
    CalendarDate dated{};
    std::string summary;
    ComplaintStatus status = ComplaintStatus::ongoing;
    std::string outcome;  // "The complaint was recorded and the PCC provided a written apology."
    std::optional<CalendarDate> completed_on;  // completed only; may be unknown
};

// Completed on or before the day (a completion day not recorded counts as the day it was made).
bool completed_by(const PccComplaint& c, CalendarDate day);
CalendarDate completion_day(const PccComplaint& c);

struct FoiRequest {
    int64_t id = 0;
    ComplaintSubject about = ComplaintSubject::pcc;  // received by the OPCCN or by the Panel
    // As Decision::date: when only a bound is known, `date_known` is false and this is it.
    CalendarDate received_on{};
    bool date_known = true;
    std::string theme;  // "Encampments consultation"
};

std::optional<RecordProblem> check_complaint(const PccComplaint& c);
std::optional<RecordProblem> check_foi_request(const FoiRequest& r);

struct FoiSummary {
    int count = 0;
    std::vector<std::string> themes;  // distinct, in the order received
};

struct ComplaintLine {
    PccComplaint complaint;
    ComplaintStatus status_on_cut_off = ComplaintStatus::ongoing;
};

struct ComplaintsReport {
    Period period;
    std::optional<CalendarDate> previous_report;  // the previous report's meeting day
    std::vector<ComplaintLine> pcc_complaints;    // by number
    std::vector<ComplaintLine> panel_complaints;  // by number
    FoiSummary opccn_foi;
    FoiSummary panel_foi;
};

// The previous meeting of `panel_meetings` (not cancelled, before `meeting`) whose agenda has a
// complaints monitoring report.
std::optional<Meeting> previous_report_meeting(const std::vector<Meeting>& panel_meetings,
                                               const Meeting& meeting);

ComplaintsReport complaints_report(const Meeting& meeting,
                                   const std::optional<Meeting>& previous_report,
                                   const std::vector<PccComplaint>& complaints,
                                   const std::vector<FoiRequest>& requests);

}  // namespace scrutineer
