// The peer review rota (2022 review of the Community Trigger, 3.14-3.16): each review gets an
// independent reviewer nominated by another council, assigned "next on list" so that reviews are
// distributed equally.
//
// The rule: of the active reviewers not from the case's own district, the one with the fewest
// reviews assigned so far; among those equally loaded, the first on the list after the reviewer
// assigned last (wrapping round). The counts and the last assignment come from the stored cases,
// so the rota carries on where it was after a restart.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace scrutineer {

struct PeerReviewer {
    int64_t id = 0;
    std::string name;           // the council's nominated lead
    std::string council;        // "Breckland Council"
    std::string district_code;  // the council's district; empty for the county council
    int position = 0;           // place on the list
    bool active = true;

    bool operator==(const PeerReviewer&) const = default;
};

struct RotaState {
    std::vector<PeerReviewer> reviewers;      // in list order (by position)
    std::map<int64_t, int> reviews_assigned;  // reviewer id -> reviews so far
    std::optional<int64_t> last_assigned;     // the reviewer given the latest review
};

// The next reviewer for a case in `case_district_code`; nothing when no active reviewer is from
// another district.
std::optional<PeerReviewer> next_peer_reviewer(const RotaState& rota,
                                               const std::string& case_district_code);

}  // namespace scrutineer
