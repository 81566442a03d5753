// A panel's forward work programme and rolling programme (docs/work-programme.md):
//   GET  /panels/{id}/work-programme[?year=YYYY]      the programme table as the seeds print it
//        (the PCP: Date | Item | Attendees; the CSP sub-panel: Date | Report | Issues for
//        consideration | Invited to attend), reserve dates, the notes under it, the statutory
//        items placed and warnings (members, officers, administrators), the items identified
//        for consideration at future meetings (open requests due in "future reports");
//   GET  /panels/{id}/work-programme.csv[?year=YYYY]  the same table as CSV;
//   GET  /panels/{id}/work-programme.ics              the panel's meetings as iCalendar;
//   GET  /panels/{id}/rolling-programme[?on=YYYY-MM-DD]  each priority of the plan the panel
//        scrutinises with its last in-depth review, the pairs proposed for the next meetings,
//        and warnings;
//   POST /panels/{id}/work-programme        an officer adds a programme entry;
//   POST /panels/{id}/rolling-programme     an officer places a priority's in-depth review on a
//        scheduled meeting (an agenda item with that priority).
// The PCP scrutinises the current Police and Crime Plan; the CSP sub-panel the current CSP plan.
#pragma once

#include <optional>

#include "scrutineer/http.hpp"
#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> work_programme_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
