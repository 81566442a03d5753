// The ASB Case Review's way in and its overview (issue #5; docs/asb-case-review.md, "Pages:
// applying, triage, dashboards, statistics"):
//   /asb-case-review                 what a case review is, the Norfolk threshold and qualifying
//                                    complaints, who may apply and every way to apply, with each
//                                    district's SPOC (public)
//   /asb-case-review/apply           the public application form; /asb-case-review/apply/sent
//                                    the confirmation (the reference and the dates, nothing
//                                    personal)
//   /asb/cases/new                   staff entry of a telephone, letter, email or reception
//                                    application (the same form and parser, may_work_cases)
//   /asb                             the dashboard: cases by stage, due this week, overdue, and
//                                    the triage of new applications (may_see_case_dashboards)
//   /asb/cases                       every case, filtered by district and stage
//   /asb/statistics[.csv]            the figures councils publish, for a financial year or
//                                    quarter
//   /asb/settings                    the procedure's settings (changed by administrators only)
//   /asb/agencies                    the agencies, each district's contact and the peer
//                                    review rota
// Cases are read through case_review_store, whose loaders leave out personal data for roles
// that may not see it.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> case_review_intake_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
