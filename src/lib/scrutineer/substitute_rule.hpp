// The substitute rule (004 Terms of Reference: "Each member of the Sub Panel to have one named
// substitute. No other substitutes are acceptable."; 001 minutes: "Cllr Philip Duigan for Cllr
// Martin Storey"): a substitute may attend only for the main member whose named substitute they
// are, and only when that member is not present. Co-opted independent members have none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"

namespace scrutineer {

// Why the attendance record breaks the rule (one sentence per problem), or nothing. Also
// refuses people who are not members serving on the meeting's day, and a member recorded twice.
std::vector<std::string> attendance_problems(const Panel& panel, CalendarDate meeting_day,
                                             const std::vector<Attendance>& rows);

// "Cllr Philip Duigan for Cllr Martin Storey"
std::string substitution_label(const Panel& panel, const Attendance& row);

}  // namespace scrutineer
