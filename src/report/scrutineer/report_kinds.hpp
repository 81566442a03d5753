// Every document `scrutineer report KIND` and the web's downloads make, by name, in one place:
// what each needs (a meeting, a period) and the function that loads and builds it. The command
// line (src/cli/main.cpp) and the pages (src/web/meeting_document_pages.cpp) both come here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/month.hpp"

namespace scrutineer::report {

struct ReportRequest {
    std::string kind;  // one of report_kinds()
    Role viewer = Role::public_user;
    std::optional<int64_t> meeting;  // for the kinds of a meeting
    std::optional<Month> period;     // performance: the month the tables end in
    const Dataset* data = nullptr;   // performance: the store's indicator data
    // asb-figures: the financial year starting in April of `year` (none: the latest year with
    // applications), counted as on `today` (none: the year's last day).
    std::optional<int> year = std::nullopt;
    std::optional<CalendarDate> today = std::nullopt;
    // asb-letter: the case, the letter ("A", "B", "C(i)", "C(ii)", "D", "E") and who is making
    // it, for the case's access log.
    std::optional<int64_t> case_id = std::nullopt;
    std::string letter = {};
    std::string actor = "command line";
};

struct MadeReport {
    doc::Document document;
    std::string file_stem;  // "performance-report-2020-02-04": the caller adds the extension
};

// The kinds, in the order the command's help lists them.
const std::vector<std::string>& report_kinds();

// Whether the kind is made for a meeting (the web serves those under /meetings/{id}/).
bool made_for_a_meeting(const std::string& kind);

// Whether the kind needs the store's indicator data (ReportRequest::data).
bool needs_indicator_data(const std::string& kind);

// Throws ReportUnavailable (performance_report.hpp) naming what is missing: no such meeting,
// nothing of that kind for it, an unknown kind.
MadeReport make_report(store::Database& db, const ReportRequest& request);

}  // namespace scrutineer::report
