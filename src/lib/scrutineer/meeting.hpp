// A panel's meetings (SPEC §4, seeds 001 and 004): the agenda with its standard items and
// reports, who attended (members, substitutes "Cllr X for Cllr Y", apologies, officers), the
// interests declared, and the minutes with their resolutions. The rules are each in their own
// file: substitutes (substitute_rule.hpp), the quorum (quorum.hpp), numbering and standard items
// (agenda.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

enum class MeetingStatus { scheduled, held, cancelled };
const char* to_string(MeetingStatus s);  // "scheduled", "held", "cancelled"
const char* label(MeetingStatus s);      // "Scheduled", "Held", "Cancelled"
std::optional<MeetingStatus> parse_meeting_status(std::string_view text);

// The items every agenda has, in the order the seeds' agendas put them, and the business items.
enum class AgendaItemKind {
    apologies,          // "To receive apologies and details of any substitute members attending"
    election_of_chair,  // at the first meeting of the civic year
    election_of_vice_chair,
    minutes,          // "To confirm the minutes of the meeting held on ..."
    declarations,     // "Members to Declare any Interests"
    urgent_business,  // "items of business which the Chair decides should be considered as a matter
                      // of urgency"
    public_questions,  // with the submission deadline
    business,          // a report, the work programme, ...
};
const char* to_string(AgendaItemKind k);
std::optional<AgendaItemKind> parse_agenda_item_kind(std::string_view text);

struct AgendaItem {
    int64_t id = 0;
    int64_t meeting_id = 0;
    int position = 0;  // the item number on the agenda, from 1
    AgendaItemKind kind = AgendaItemKind::business;
    std::string title;
    std::string purpose;                // "To consider the PCC's precept proposal for 2020-21."
    std::optional<int> report_page;     // the page of its report in the published pack
    bool to_follow = false;             // "(To follow)": the report is not yet in the pack
    std::string invitees;               // who is invited to attend for it
    std::vector<int64_t> priority_ids;  // plan priorities it reviews in depth (rolling programme)
    Visibility visibility = Visibility::public_item;  // an exempt item is taken in private
};

struct Meeting {
    int64_t id = 0;
    int64_t panel_id = 0;
    CalendarDate date{};
    std::string time;      // "10:00"
    std::string venue;     // "Edwards Room, County Hall, Norwich"
    std::string briefing;  // "10am on 30 January 2020 in the Conference Room, ..."; may be empty
    MeetingStatus status = MeetingStatus::scheduled;
    bool reserve = false;                   // a reserve date, held only if needed
    std::string reserve_reason;             // "to review a revised precept, if vetoed"
    std::string public_questions_deadline;  // "5pm on Monday 27 January 2020"
    std::optional<CalendarDate> agenda_published_on;
    std::string ended_at;  // "11:31"
    // The later meeting at which these minutes were confirmed and signed by the chair.
    std::optional<int64_t> minutes_confirmed_at;
    std::vector<AgendaItem> items;  // in agenda order
};

// "10am", "2.30pm": the seeds' way of writing a time of day, from "10:00", "14:30".
std::string time_label(std::string_view hh_mm);
// Exactly "HH:MM" on a 24-hour clock.
bool valid_time(std::string_view text);

// How a member was recorded at a meeting.
enum class AttendanceStatus { present, apologies, absent, substitute };
const char* to_string(AttendanceStatus s);
std::optional<AttendanceStatus> parse_attendance_status(std::string_view text);

struct Attendance {
    int64_t member_id = 0;
    AttendanceStatus status = AttendanceStatus::present;
    std::optional<int64_t> for_member_id;  // a substitute attending: the main member they replace
    std::string capacity;                  // "Chairman", "Vice-Chair in the Chair"; may be empty
};

// Officers and others present ("Mr Simon Bailey, Chief Constable").
struct OtherAttendee {
    int64_t id = 0;
    std::string name;
    std::string role;
};

enum class InterestKind { disclosable_pecuniary, other };
const char* to_string(InterestKind k);  // "disclosable_pecuniary", "other"
const char* label(InterestKind k);      // "Disclosable Pecuniary Interest", "Other Interest"
std::optional<InterestKind> parse_interest_kind(std::string_view text);

// A declaration for an item (or for the whole meeting when `agenda_item_id` is empty).
struct Interest {
    int64_t id = 0;
    int64_t member_id = 0;
    std::optional<int64_t> agenda_item_id;
    InterestKind kind = InterestKind::other;
    std::string description;  // "as Chair of Trustees of Leeway"
};

// What the minutes record for an item: discussion points and resolutions in order.
enum class ResolutionVerb { noted, considered, agreed, requested, delegated };
const char* to_string(ResolutionVerb v);  // "noted", ...
const char* label(ResolutionVerb v);  // "NOTED", "CONSIDERED", "AGREED", "REQUESTED", "DELEGATED"
std::optional<ResolutionVerb> parse_resolution_verb(std::string_view text);

struct MinutePoint {
    int64_t id = 0;
    int64_t agenda_item_id = 0;
    int position = 0;
    bool is_resolution = false;
    std::optional<ResolutionVerb> verb;  // resolutions only
    std::string text;
};

}  // namespace scrutineer
