#include "scrutineer/review_panel_agencies.hpp"

namespace scrutineer {
namespace {

// The agency as the message names it ("The panel has no ...").
const char* panel_noun(AgencyKind k) {
    switch (k) {
        case AgencyKind::district_council:
            return "council of the case's district";
        case AgencyKind::police:
            return "police";
        case AgencyKind::housing_provider:
            return "housing provider";
        case AgencyKind::health:
            return "health services";
        case AgencyKind::youth_offending_team:
            return "Youth Offending Team (YOT)";
        case AgencyKind::childrens_services:
            return "children's services or school";
        case AgencyKind::county_council:
            return "county council";
        case AgencyKind::other:
            break;
    }
    return "other agency";
}

bool meets(const Agency& a, const AgencyRequirement& r, const AsbCase& c) {
    if (a.kind != r.kind) return false;
    return r.kind != AgencyKind::district_council || a.district_code == c.district_code;
}

}  // namespace

std::vector<AgencyRequirement> required_panel_agencies(const CaseFacts& facts) {
    std::vector<AgencyRequirement> out = {
        {AgencyKind::district_council, "always"},
        {AgencyKind::police, "always"},
        {AgencyKind::housing_provider, "always"},
    };
    if (facts.drug_alcohol_or_mental_health)
        out.push_back({AgencyKind::health, "drug, alcohol or mental health issues"});
    if (facts.perpetrator_under_18)
        out.push_back({AgencyKind::youth_offending_team, "perpetrator under 18"});
    if (facts.victim_under_18 || facts.perpetrator_under_18)
        out.push_back({AgencyKind::childrens_services,
                       facts.victim_under_18 && facts.perpetrator_under_18
                           ? "victim and perpetrator under 18"
                           : (facts.victim_under_18 ? "victim under 18" : "perpetrator under 18")});
    return out;
}

std::vector<std::string> missing_panel_agencies(const AsbCase& c,
                                                const std::vector<Agency>& chosen) {
    std::vector<std::string> out;
    for (const auto& r : required_panel_agencies(c.facts)) {
        bool met = false;
        for (const auto& a : chosen) met = met || meets(a, r, c);
        if (met) continue;
        out.push_back(
            std::string("The panel has no ") + panel_noun(r.kind) +
            (r.why == "always" ? std::string(" (always needed)") : " (needed: " + r.why + ")"));
    }
    return out;
}

}  // namespace scrutineer
