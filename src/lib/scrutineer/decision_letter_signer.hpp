// The decision letter signer rule (Norfolk ASB Case Review guidance, step 5): "Decision letters
// to be signed on behalf of the Operational Partnership Team by a different organisation to the
// lead agency for the ASB Case Review."
//
// Decision letters are B, C(i), C(ii), D and E. Once a lead agency is appointed, none of them may
// be signed by it; letters D and E need a lead agency (a review has one) and a signer from
// another organisation. Letter A is the SPOC's acknowledgement and has no such rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scrutineer/asb_case.hpp"

namespace scrutineer {

bool is_decision_letter(LetterKind kind);

// Why this signer may not sign this letter on this case, or nothing. E.g. "Letter E must be
// signed by an organisation other than the lead agency, Norfolk Constabulary".
std::optional<std::string> signer_problem(const AsbCase& c, LetterKind kind,
                                          int64_t signer_agency_id,
                                          const std::string& lead_agency_name);

}  // namespace scrutineer
