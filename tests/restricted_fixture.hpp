// What the access tests hide and look for: a plan with exempt and confidential parts, and the
// personal data on ASB cases.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/database.hpp"

namespace scrutineer::test {

struct RestrictedPlan {
    int64_t plan = 0, priority = 0, exempt_priority = 0, action = 0, exempt_action = 0,
            confidential_action = 0;
};

// A CSP plan with a public priority and action (2.1), an exempt priority, an exempt action (2.2)
// and a confidential one (2.3); the public action has a public, an exempt and a confidential
// update, and the public priority an exempt and a confidential narrative. Each restricted text
// is `exempt` or `confidential` followed by _PRIORITY, _ACTION, _UPDATE or _NARRATIVE.
RestrictedPlan seed_restricted_plan(store::Database& db, const std::string& exempt,
                                    const std::string& confidential);

// Every piece of personal data on `cases` at least six characters long: the victim's and
// applicant's names and contact details, the summary, the incidents' references and
// descriptions, and each letter's addressee, address and salutation.
std::set<std::string> personal_data_of(const std::vector<AsbCase>& cases);

}  // namespace scrutineer::test
