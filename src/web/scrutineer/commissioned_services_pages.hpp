// The commissioned-services pages (SPEC §7): /services (every service with its grants and
// their totals), /services/{id} (grants, outputs and outcomes by reporting period, the
// questionnaire's cohort summary, and each participant's change for officers and
// administrators only), officers' forms to add a grant, add a figure and upload questionnaire
// returns, and /api/v1/services. Everything is read through commissioned_services_store, which
// leaves participants' data out for roles that may not see it.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> commissioned_services_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
