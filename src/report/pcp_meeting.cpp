#include "scrutineer/pcp_meeting.hpp"

#include <fmt/format.h>

#include "scrutineer/performance_report.hpp"
#include "scrutineer/scrutiny_store.hpp"

namespace scrutineer::report {

PcpMeeting load_pcp_meeting(store::Database& db, int64_t meeting_id, Role viewer,
                            const std::string& what) {
    auto meeting = store::load_meeting(db, meeting_id, viewer);
    if (!meeting) throw ReportUnavailable(fmt::format("There is no meeting {}.", meeting_id));
    auto panel = store::load_panel(db, meeting->panel_id);
    if (!panel || panel->kind != PanelKind::police_and_crime_panel)
        throw ReportUnavailable("Only a Police and Crime Panel's meetings have " + what + ".");
    auto all = store::load_meetings(db, panel->id, viewer);
    return PcpMeeting{std::move(*meeting), std::move(*panel), std::move(all)};
}

}  // namespace scrutineer::report
