// A Police and Crime Panel's meeting with the panel's other meetings, as a role may see them:
// what the information bulletin and the complaints monitoring report of a meeting are made from
// (both belong to the panel that holds the PCC to account). The web pages for the two
// (/meetings/{id}/bulletin, /meetings/{id}/complaints-report) and their documents
// (bulletin_document.hpp, complaints_document.hpp) load through here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"

namespace scrutineer::report {

struct PcpMeeting {
    Meeting meeting;           // with the items the role may see
    Panel panel;               // a Police and Crime Panel
    std::vector<Meeting> all;  // the panel's meetings, as the role may see them
};

// Throws ReportUnavailable (performance_report.hpp): "There is no meeting 99." or "Only a
// Police and Crime Panel's meetings have <what>." (`what`: "an information bulletin").
PcpMeeting load_pcp_meeting(store::Database& db, int64_t meeting_id, Role viewer,
                            const std::string& what);

}  // namespace scrutineer::report
