// A meeting's published documents in every format (docs/reports.md), for every kind of report
// made for a meeting (report_kinds.hpp), for example:
//   GET /meetings/{id}/agenda.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/minutes.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/performance-report.{pdf,html,docx,xlsx}
// made from what the viewer's role may see (the public get the public version; officers get
// restricted items marked), PDF and HTML shown inline and DOCX and XLSX downloaded, with a file
// name such as performance-report-2020-02-04.docx.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> meeting_document_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
