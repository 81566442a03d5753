// Which agencies the multi-agency case review panel needs (Norfolk ASB Case Review guidance,
// step 5): at least the district council, the police and the housing provider(s); health
// services where there are drug, alcohol or mental health issues; the YOT where the perpetrator
// is under 18; children's services or the school where the victim or the perpetrator is under 18.
#pragma once

#include <string>
#include <vector>

#include "scrutineer/asb_case.hpp"

namespace scrutineer {

struct AgencyRequirement {
    AgencyKind kind = AgencyKind::other;
    std::string why;  // "always", "drug, alcohol or mental health issues", "perpetrator under 18"
};

// The kinds of agency the panel needs for these facts, in the guidance's order.
std::vector<AgencyRequirement> required_panel_agencies(const CaseFacts& facts);

// For each requirement no chosen agency meets, a message: "The panel has no health services
// (needed: drug, alcohol or mental health issues)". A district council requirement is met only
// by the council of the case's district.
std::vector<std::string> missing_panel_agencies(const AsbCase& c,
                                                const std::vector<Agency>& chosen);

}  // namespace scrutineer
