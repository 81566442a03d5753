// A panel's forward work programme as it stood for one of its meetings (seed 001's "Forward
// Work Programme" table, Date | Item | Attendees; seed 004's for the NCCSP Scrutiny Sub Panel,
// Date | Report | Issues for consideration | Invited to attend) as a document (document.hpp):
// the programme from that meeting's day on (work_programme.hpp, the web page
// /panels/{id}/work-programme), the notes under the table, and the items identified for
// consideration at future meetings (the panel's open requests due in "future reports").
//
// What goes in is what the viewer's role may see: meetings' items and programme entries the
// role may not see stay out (the store's loaders); a restricted request in the officers' version
// carries its mark ("(exempt: not for publication)").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/panel_request.hpp"
#include "scrutineer/work_programme.hpp"

namespace scrutineer::report {

struct LoadedWorkProgramme {
    Panel panel;
    Meeting meeting;                   // the programme is as at its day
    std::vector<Meeting> meetings;     // the panel's, as the role may see them
    ForwardWorkProgramme programme;    // from the meeting's day on
    std::vector<PanelRequest> future;  // open requests due in "future reports"
};

// Throws ReportUnavailable when there is no such meeting.
LoadedWorkProgramme load_work_programme(store::Database& db, int64_t meeting_id, Role viewer);

doc::Document work_programme_document(const LoadedWorkProgramme& loaded);

// "work-programme-2020-02-04"
std::string work_programme_file_stem(const Meeting& meeting);

}  // namespace scrutineer::report
