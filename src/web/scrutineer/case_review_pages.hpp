// The ASB Case Review case page and its letters (issue #5; docs/asb-case-review.md, "The case
// page and letters"): everything under /asb/cases/{id}.
//
//   GET  /asb/cases/{id}                          the case: summary, victim and applicant (personal
//                                                 data), complaints with their threshold verdicts,
//                                                 the clocks with their workings, each step of the
//                                                 guidance with its form, the letters, the access
//                                                 log
//   POST /asb/cases/{id}/{step}                   one step recorded (threshold, lead-agency,
//                                                 information, initial-review, panel,
//                                                 peer-reviewer, outcome, actions, actions/{id},
//                                                 longer-review, appeal, appeal-escalation,
//                                                 appeal-referral, appeal-decision, appeal-pcc,
//                                                 close)
//   POST /asb/cases/{id}/letters                  a letter composed from the case and kept on it
//   GET  /asb/cases/{id}/letters/{letter}         the letter as a printable page
//   GET  /asb/cases/{id}/letters/{letter}.pdf     the letter as PDF
//
// Who: the case page for may_see_case_dashboards (officers get it without personal data), the
// forms and every POST for may_work_cases, the letters for may_see_case_personal_data only. Every
// view and change is written to the case's access log; every change also to the audit log, with
// the case reference and the action only.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> case_review_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
