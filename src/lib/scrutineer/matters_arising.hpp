// The requests ledger's carry-over and its "overdue" (SPEC §4: "An open request is visible at
// every later meeting"; 004: "requests for further information would be addressed in reports to
// the next meeting", "written responses ... appended to these minutes").
//
// Matters arising at a meeting: every request the panel made at an earlier meeting that was
// still open when this meeting met — open or partly answered now, or closed (answered,
// declined) on or after this meeting's date, or at this meeting. A request closed before the
// meeting is not carried.
//
// Overdue, on a day, for a request still open or partly answered:
//   - due "by a date": the day is after that date;
//   - due at "the next meeting": the panel's next meeting after the one that made it has taken
//     place (its date is before the day) and the request was not answered by it;
//   - "future reports": never overdue (it has no date), but its age shows on the ledger.
#pragma once

#include <optional>
#include <vector>

#include "scrutineer/meeting.hpp"
#include "scrutineer/panel_request.hpp"

namespace scrutineer {

// `meetings` are the panel's meetings (any order); cancelled ones are skipped as "next meeting".
std::vector<PanelRequest> matters_arising(const Meeting& meeting,
                                          const std::vector<Meeting>& meetings,
                                          const std::vector<PanelRequest>& requests);

// The date by which the request should be answered: its date, or the date of the panel's first
// meeting after the one that made it (not cancelled); none for future reports or when no later
// meeting is known yet.
std::optional<CalendarDate> answer_due(const PanelRequest& request,
                                       const std::vector<Meeting>& meetings);

bool is_overdue(const PanelRequest& request, const std::vector<Meeting>& meetings,
                CalendarDate today);

}  // namespace scrutineer
