// The complaints monitoring report a Police and Crime Panel meeting receives (seed 001 item 8)
// as a document (document.hpp), as the web page /meetings/{id}/complaints-report shows it
// (complaints_monitoring.hpp): the period since the previous report, the complaints relating
// to the PCC ongoing at its end or completed in it, the OPCCN's Freedom of Information requests
// (counted, with their themes), and the complaints and FOI requests relating to the Panel.
// The complaints and the FOI counts are tables; in a spreadsheet the complaint numbers and the
// counts are numbers (format "0").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scrutineer/access.hpp"
#include "scrutineer/complaints_monitoring.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/pcp_meeting.hpp"

namespace scrutineer::report {

struct LoadedComplaintsReport {
    PcpMeeting pcp;
    std::optional<Meeting> previous;  // the previous meeting with a complaints monitoring report
    ComplaintsReport report;
};

// Throws ReportUnavailable when there is no such meeting or it is not a Police and Crime
// Panel's. A meeting whose agenda has no complaints monitoring report still gets one (what it
// would contain), saying so, as the web page does.
LoadedComplaintsReport load_complaints_report(store::Database& db, int64_t meeting_id, Role viewer);

doc::Document complaints_document(const LoadedComplaintsReport& loaded);

// "complaints-report-2020-02-04"
std::string complaints_file_stem(const Meeting& meeting);

}  // namespace scrutineer::report
