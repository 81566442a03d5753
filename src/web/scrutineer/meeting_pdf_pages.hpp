// A meeting's published agenda pack and minutes as PDF (issue #4): GET /meetings/{id}/agenda.pdf
// and /meetings/{id}/minutes.pdf, made from what the viewer's role may see
// (meeting_documents.hpp) by the PDF writer (pdf_writer.hpp), shown inline with a file name
// such as agenda-2020-02-04.pdf.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> meeting_pdf_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
