// The clock's pages (docs/clocks.md): GET /deadlines, a public deadline calculator that shows the
// due date and its workings; GET /bank-holidays, the stored England and Wales bank holidays by
// year; POST /bank-holidays, an administrator's upload of GOV.UK's bank-holidays.json (multipart
// form, field "file"), which replaces the stored list (an imports row and an audit-log row).
#pragma once

#include <optional>

#include "scrutineer/http.hpp"
#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> clock_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
