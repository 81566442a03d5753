// What the panel asked for (SPEC §4; seeds 001 minutes 7.3 and 004 minutes): every
// recommendation, question and information request made at a meeting, who it is for, when it is
// due and how it was answered. Open requests are carried to every later meeting's agenda as
// matters arising until they are closed (matters_arising.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/meeting.hpp"

namespace scrutineer {

enum class RequestKind { recommendation, question, information_request };
const char* to_string(RequestKind k);
const char* label(RequestKind k);  // "Recommendation", "Question", "Information request"
std::optional<RequestKind> parse_request_kind(std::string_view text);

// Who is to answer.
enum class Addressee { pcc, chief_constable, partnership, other };
const char* to_string(Addressee a);
const char* label(
    Addressee a);  // "Police and Crime Commissioner", "Chief Constable", "The Partnership", "Other"
std::optional<Addressee> parse_addressee(std::string_view text);

// When it is due: at the next meeting, by a date, or in "future reports" (no date).
enum class DueKind { next_meeting, date, future_reports };
const char* to_string(DueKind k);
std::optional<DueKind> parse_due_kind(std::string_view text);

// Where it stands. "Overdue" is not stored: it is worked out on the day (is_overdue).
enum class RequestStatus { open, answered, partly_answered, declined };
const char* to_string(RequestStatus s);
const char* label(RequestStatus s);  // "Open", "Answered", "Partly answered", "Declined"
std::optional<RequestStatus> parse_request_status(std::string_view text);
bool is_closed(RequestStatus s);  // answered or declined

struct PanelRequest {
    int64_t id = 0;
    int64_t panel_id = 0;
    int64_t meeting_id = 0;                 // the meeting that made it
    std::optional<int64_t> agenda_item_id;  // the item under which it was made
    RequestKind kind = RequestKind::information_request;
    std::string text;
    Addressee addressee = Addressee::pcc;
    DueKind due = DueKind::next_meeting;
    std::optional<CalendarDate> due_date;  // when due == date
    RequestStatus status = RequestStatus::open;
    std::string response;       // the answer's text
    std::string response_note;  // "Written response appended to the minutes of 9 June 2022"
    std::optional<CalendarDate> answered_on;
    std::optional<int64_t> answered_at_meeting_id;  // the meeting whose papers answered it
    Visibility visibility = Visibility::public_item;
};

}  // namespace scrutineer
