// A meeting's published documents in every format (docs/reports.md), for every kind of report
// made for a meeting (report_kinds.hpp), for example:
//   GET /meetings/{id}/agenda.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/minutes.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/performance-report.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/bulletin.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/complaints-report.{pdf,html,docx,xlsx}
//   GET /meetings/{id}/work-programme.{pdf,html,docx,xlsx}
// made from what the viewer's role may see (the public get the public version; officers get
// restricted items marked), PDF and HTML shown inline and DOCX and XLSX downloaded, with a file
// name such as performance-report-2020-02-04.docx.
#pragma once

#include <optional>

#include "scrutineer/report_formats.hpp"
#include "scrutineer/report_kinds.hpp"
#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> meeting_document_pages(Site& site, const Request& req);

// A made report as the answer to a download in `format`: its bytes, its content type, PDF and
// HTML inline and DOCX and XLSX as attachments named "<file_stem>.<extension>", and for HTML
// its own content security policy (no script, nothing loaded). Every document route uses it.
Response document_response(const report::MadeReport& made, report::ReportFormat format);

}  // namespace scrutineer::web
