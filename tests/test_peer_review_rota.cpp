// The peer review rota: "next on list" so that reviews are distributed equally, never a council
// reviewing its own district, carrying on where it was after a restart.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "scrutineer/peer_review_rota.hpp"

using namespace scrutineer;

namespace {

const std::vector<std::string> kDistricts = {"E07000143", "E07000144", "E07000145", "E07000146",
                                             "E07000147", "E07000148", "E07000149"};

// The seven district councils' nominated leads, then the county council's.
std::vector<PeerReviewer> norfolk_reviewers() {
    const char* councils[] = {"Breckland Council",
                              "Broadland District Council",
                              "Great Yarmouth Borough Council",
                              "Borough Council of King's Lynn and West Norfolk",
                              "North Norfolk District Council",
                              "Norwich City Council",
                              "South Norfolk Council"};
    std::vector<PeerReviewer> out;
    for (int i = 0; i < 7; ++i)
        out.push_back(PeerReviewer{100 + i, "Lead " + std::to_string(i + 1), councils[i],
                                   kDistricts[i], i + 1, true});
    out.push_back(PeerReviewer{107, "County lead", "Norfolk County Council", "", 8, true});
    return out;
}

// Assigns a reviewer to the case and records it as the store would.
int64_t assign(RotaState& rota, const std::string& district) {
    auto r = next_peer_reviewer(rota, district);
    if (!r) return 0;
    ++rota.reviews_assigned[r->id];
    rota.last_assigned = r->id;
    return r->id;
}

int load(const RotaState& rota, int64_t id) {
    auto it = rota.reviews_assigned.find(id);
    return it == rota.reviews_assigned.end() ? 0 : it->second;
}

}  // namespace

TEST(PeerReviewRota, EqualLoadsGoRoundTheListInOrder) {
    RotaState rota{norfolk_reviewers(), {}, {}};
    // Cases from a district with no reviewer on the list: everyone is eligible.
    std::vector<int64_t> order;
    for (int i = 0; i < 16; ++i) order.push_back(assign(rota, "E07000999"));
    std::vector<int64_t> expected;
    for (int round = 0; round < 2; ++round)
        for (int64_t id = 100; id <= 107; ++id) expected.push_back(id);
    EXPECT_EQ(order, expected);
}

TEST(PeerReviewRota, NeverTheCasesOwnDistrict) {
    RotaState rota{norfolk_reviewers(), {}, {}};
    // Breckland (100) is next on the list, but the case is Breckland's.
    auto r = next_peer_reviewer(rota, "E07000143");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, 101);
    EXPECT_EQ(r->council, "Broadland District Council");
    // The county council's reviewer has no district and may review any case.
    rota.last_assigned = 106;
    r = next_peer_reviewer(rota, "E07000149");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, 107);
}

TEST(PeerReviewRota, FewestReviewsFirstThenNextAfterTheLast) {
    RotaState rota{norfolk_reviewers(), {}, {}};
    for (int64_t id = 100; id <= 107; ++id) rota.reviews_assigned[id] = 3;
    rota.reviews_assigned[105] = 2;
    rota.last_assigned = 101;
    EXPECT_EQ(next_peer_reviewer(rota, "E07000143")->id, 105);  // fewest, though not next
    rota.reviews_assigned[105] = 3;
    EXPECT_EQ(next_peer_reviewer(rota, "E07000143")->id, 102);  // next after 101
    rota.last_assigned = 107;                                   // wraps round to the top
    EXPECT_EQ(next_peer_reviewer(rota, "E07000149")->id, 100);
    EXPECT_EQ(next_peer_reviewer(rota, "E07000143")->id, 101);  // 100 is the case's district
}

TEST(PeerReviewRota, InactiveReviewersAreSkippedAndTheListIsInPositionOrder) {
    auto reviewers = norfolk_reviewers();
    std::reverse(reviewers.begin(), reviewers.end());  // given out of order
    reviewers[7].active = false;                       // Breckland (position 1)
    RotaState rota{reviewers, {}, {}};
    EXPECT_EQ(next_peer_reviewer(rota, "E07000999")->id, 101);
    rota.last_assigned = 100;  // an inactive reviewer's place still counts for "next"
    EXPECT_EQ(next_peer_reviewer(rota, "E07000999")->id, 101);
    rota.last_assigned = 555;  // no longer on the list: from the top
    EXPECT_EQ(next_peer_reviewer(rota, "E07000999")->id, 101);
}

TEST(PeerReviewRota, NobodyEligible) {
    RotaState empty;
    EXPECT_FALSE(next_peer_reviewer(empty, "E07000148"));
    RotaState only_own{{PeerReviewer{1, "Lead", "Norwich City Council", "E07000148", 1, true},
                        PeerReviewer{2, "County lead", "Norfolk County Council", "", 2, false}},
                       {},
                       {}};
    EXPECT_FALSE(next_peer_reviewer(only_own, "E07000148"));
    EXPECT_EQ(next_peer_reviewer(only_own, "E07000143")->id, 1);
}

TEST(PeerReviewRota, FairOverAThousandCasesFromRandomDistricts) {
    RotaState rota{norfolk_reviewers(), {}, {}};
    std::mt19937 random(20221124);
    std::uniform_int_distribution<std::size_t> pick(0, kDistricts.size() - 1);
    for (int i = 0; i < 1000; ++i) {
        const std::string& district = kDistricts[pick(random)];
        auto r = next_peer_reviewer(rota, district);
        ASSERT_TRUE(r);
        ASSERT_NE(r->district_code, district) << "case " << i;
        // The one chosen had the fewest reviews of everyone who could take the case.
        for (const auto& other : rota.reviewers)
            if (other.district_code != district) {
                ASSERT_LE(load(rota, r->id), load(rota, other.id)) << "case " << i;
            }
        ++rota.reviews_assigned[r->id];
        rota.last_assigned = r->id;
    }
    int total = 0, least = 1000, most = 0;
    for (const auto& r : rota.reviewers) {
        total += load(rota, r.id);
        least = std::min(least, load(rota, r.id));
        most = std::max(most, load(rota, r.id));
    }
    EXPECT_EQ(total, 1000);
    // 1000 reviews among 8 reviewers: 125 each, give or take the cases a council may not take.
    EXPECT_LE(most - least, 2);
    EXPECT_GE(least, 124);
}

TEST(PeerReviewRota, ReviewersEligibleForTheSameCasesDifferByAtMostOne) {
    // Cases only from Norwich and South Norfolk: the other five district reviewers and the
    // county's are eligible for every case, and their loads never differ by more than one.
    RotaState rota{norfolk_reviewers(), {}, {}};
    std::mt19937 random(7);
    std::bernoulli_distribution norwich(0.7);
    const std::vector<int64_t> always_eligible = {100, 101, 102, 103, 104, 107};
    for (int i = 0; i < 1000; ++i) {
        assign(rota, norwich(random) ? "E07000148" : "E07000149");
        int least = 1000, most = 0;
        for (int64_t id : always_eligible) {
            least = std::min(least, load(rota, id));
            most = std::max(most, load(rota, id));
        }
        ASSERT_LE(most - least, 1) << "after case " << i;
    }
    // Norwich's and South Norfolk's reviewers fall behind only while the cases come from their
    // own district, and are then chosen first: each still does its share.
    for (int64_t id : {105, 106}) {
        EXPECT_GE(load(rota, id), 1000 / 8 - 2) << id;
    }
}

TEST(PeerReviewRota, CarriesOnAfterARestart) {
    std::mt19937 random(42);
    std::uniform_int_distribution<std::size_t> pick(0, kDistricts.size() - 1);
    std::vector<std::string> districts;
    for (int i = 0; i < 300; ++i) districts.push_back(kDistricts[pick(random)]);

    // Without a restart.
    RotaState running{norfolk_reviewers(), {}, {}};
    std::vector<int64_t> uninterrupted;
    for (const auto& d : districts) uninterrupted.push_back(assign(running, d));

    // Restarting every 37 cases: the state is rebuilt from the assignments stored on the cases
    // (each case's reviewer, in the order assigned), as the store does.
    std::vector<int64_t> stored;
    for (std::size_t i = 0; i < districts.size();) {
        RotaState rebuilt{norfolk_reviewers(), {}, {}};
        for (int64_t id : stored) ++rebuilt.reviews_assigned[id];
        if (!stored.empty()) rebuilt.last_assigned = stored.back();
        for (std::size_t n = 0; n < 37 && i < districts.size(); ++n, ++i)
            stored.push_back(assign(rebuilt, districts[i]));
    }
    EXPECT_EQ(stored, uninterrupted);
}
