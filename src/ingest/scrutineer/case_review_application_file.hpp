// An ASB Case Review application as `scrutineer asb check` reads it, to evaluate the threshold
// without the app (docs/data-formats.md, "ASB Case Review application"):
//   {"application_date": "2024-08-29",
//    "complaints": [{"incident": "i1", "reporter": "victim", "behaviour_date": "2024-01-31",
//                    "reported_date": "2024-02-29", "reported_to": "police"}, ...],
//    "rules": {"min_qualifying": 3, "alt_min_reporters": null}}
// "rules" and each of its fields are optional (Norfolk's: 3 qualifying complaints, no
// alternative rule, one month to report, six months to apply); "reporter" is optional (the
// victim); "reported_to", "reference" and "description" are optional text. Unknown fields are
// refused. An InputError names the file and the field of the first problem, e.g.
// "complaints[2].reported_date: '2024-02-30' is not a date (YYYY-MM-DD)"; a complaint reported
// before its behaviour or dated after the application, or rules outside their ranges
// (rules_problem), are errors too.
#pragma once

#include <string>
#include <vector>

#include "scrutineer/qualifying_complaint.hpp"

namespace scrutineer {

struct CaseReviewApplication {
    CalendarDate application_date;
    std::vector<Complaint> complaints;
    ThresholdRules rules;
};

CaseReviewApplication read_case_review_application(const std::string& path);
CaseReviewApplication parse_case_review_application(const std::string& text,
                                                    const std::string& path);

}  // namespace scrutineer
