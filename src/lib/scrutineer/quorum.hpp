// The quorum, checked per item (SPEC §4; 004 Terms of Reference "The quorum for the Sub Panel
// will be five members"; the declarations of interest on every agenda: "If you have a
// Disclosable Pecuniary Interest in a matter ... you must not speak or vote on the matter").
//
// For an item, the members who count are those present (main and co-opted members present,
// and named substitutes attending for an absent member) less those who declared a Disclosable
// Pecuniary Interest in that item or in the whole meeting. An Other Interest is declared but the
// member may speak and vote, so still counts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"

namespace scrutineer {

struct QuorumCheck {
    int counted = 0;  // members who may take part in the item
    int quorum = 0;
    bool met = false;
    std::vector<int64_t> excluded;  // present but not counted: a Disclosable Pecuniary Interest
};

// Members present at the meeting who may vote (attendance rows with status present or
// substitute), whatever the item.
std::vector<int64_t> voting_members_present(const std::vector<Attendance>& attendance);

QuorumCheck quorum_for_item(const Panel& panel, const std::vector<Attendance>& attendance,
                            const std::vector<Interest>& interests,
                            std::optional<int64_t> agenda_item_id);

// "Quorate: 6 members may take part (quorum 5)"; "Not quorate: 4 members may take part (quorum
// 5); Cllr X may not take part (Disclosable Pecuniary Interest)".
std::string describe(const Panel& panel, const QuorumCheck& check);

}  // namespace scrutineer
