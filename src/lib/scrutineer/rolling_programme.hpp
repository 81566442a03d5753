// The rolling programme (seed 004, the NCCSP Scrutiny Sub Panel's Forward Work Programme, 2.2:
// "an in-depth review of the Partnership's priorities (one of two priorities at a time, on a
// rolling programme)"): the plan's priorities are reviewed in depth two at a time, so that each
// is covered within a year.
//
// - The last in-depth review of a priority is the latest held meeting with an agenda item that
//   reviews it (AgendaItem::priority_ids).
// - Proposals fill the next scheduled meetings (not reserve dates, not cancelled), two
//   priorities a meeting: priorities never reviewed first, then the one reviewed longest ago
//   (ties by the priority's number). A priority already placed on a scheduled meeting counts as
//   placed there: it fills one of that meeting's two places and is not proposed before it.
//   After a placed or proposed review, the priority joins the queue again from that date.
// - "Within a year" is counted as within_a_year.hpp says: reviewed on D, due again by the same
//   day one year later, over a year the day after. A priority never reviewed is counted from
//   the start of the rolling programme (by default its first in-depth review).
// - A warning names each priority that went over a year unreviewed, or would go over before its
//   next placed or proposed review, or before the last scheduled meeting with none placed, and
//   the day it goes over.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/calendar_date.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/plan.hpp"

namespace scrutineer {

// "one or two priorities at a time": at most this many in-depth reviews a meeting.
inline constexpr int kPrioritiesPerMeeting = 2;

// A priority reviewed in depth at a held meeting.
struct InDepthReview {
    int64_t priority_id = 0;
    CalendarDate date;
    int64_t meeting_id = 0;
};

// A meeting still to come that can take in-depth reviews, and the priorities already on it.
struct ScheduledMeeting {
    int64_t meeting_id = 0;
    CalendarDate date;
    std::vector<int64_t> placed;  // priority ids with an agenda item on it
};

// The in-depth reviews held: items with priorities on held meetings, oldest first.
std::vector<InDepthReview> in_depth_reviews(const std::vector<Meeting>& meetings);

// The scheduled meetings on or after `today` that are not reserve dates, in date order, each
// with the priorities already placed on it.
std::vector<ScheduledMeeting> next_meetings(const std::vector<Meeting>& meetings,
                                            CalendarDate today);

struct PriorityReview {
    int64_t priority_id = 0;
    int number = 0;
    std::string title;
    std::optional<CalendarDate> last_reviewed;  // the last in-depth review held
    std::optional<int64_t> last_meeting_id;
    CalendarDate due_by;  // within a year of the last review (or of the programme's start)
    std::optional<CalendarDate> next_review;  // the next placed or proposed review
    std::optional<int64_t> next_meeting_id;
    bool next_is_proposal = false;
};

struct MeetingProposal {
    int64_t meeting_id = 0;
    CalendarDate date;
    std::vector<int64_t> placed;    // already on the agenda
    std::vector<int64_t> proposed;  // proposed to fill its places
};

struct RollingWarning {
    int64_t priority_id = 0;
    CalendarDate over_on;       // the day it goes (or went) over a year unreviewed
    bool already_over = false;  // over_on is on or before today
    std::string message;  // "Priority 3, Prevent: goes over a year unreviewed on 10 June 2023 ..."
};

struct RollingProgramme {
    CalendarDate start;                      // the day never-reviewed priorities are counted from
    std::vector<PriorityReview> priorities;  // in the plan's order
    std::vector<MeetingProposal> meetings;   // the next meetings, in date order
    std::vector<RollingWarning> warnings;    // by the day each goes over
};

// `start`: when the rolling programme began; by default the first in-depth review held, or
// `today` when there has been none.
RollingProgramme rolling_programme(const std::vector<Priority>& priorities,
                                   const std::vector<InDepthReview>& reviews,
                                   const std::vector<ScheduledMeeting>& next, CalendarDate today,
                                   std::optional<CalendarDate> start = std::nullopt,
                                   int per_meeting = kPrioritiesPerMeeting);

}  // namespace scrutineer
