#include "scrutineer/peer_review_rota.hpp"

#include <algorithm>

namespace scrutineer {

std::optional<PeerReviewer> next_peer_reviewer(const RotaState& rota,
                                               const std::string& case_district_code) {
    // The list in position order (ties keep the order given).
    std::vector<const PeerReviewer*> list;
    for (const auto& r : rota.reviewers) list.push_back(&r);
    std::stable_sort(list.begin(), list.end(), [](const PeerReviewer* a, const PeerReviewer* b) {
        return a->position < b->position;
    });

    // Where the list starts for the tie-break: just after the reviewer assigned last (whether or
    // not still active); from the top when nobody has been assigned or they have left the list.
    std::size_t start = 0;
    if (rota.last_assigned)
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i]->id == *rota.last_assigned) start = i + 1;

    const PeerReviewer* best = nullptr;
    int best_load = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const PeerReviewer* r = list[(start + k) % list.size()];
        if (!r->active) continue;
        // Independent: never a council reviewing its own district's case.
        if (!r->district_code.empty() && r->district_code == case_district_code) continue;
        auto it = rota.reviews_assigned.find(r->id);
        int load = it == rota.reviews_assigned.end() ? 0 : it->second;
        // Strictly fewer: of equally loaded reviewers the first after the last one wins.
        if (!best || load < best_load) {
            best = r;
            best_load = load;
        }
    }
    if (!best) return std::nullopt;
    return *best;
}

}  // namespace scrutineer
