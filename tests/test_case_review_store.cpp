// ASB Case Reviews in the store on both engines: a full case's round trip, references numbered
// per year, refused saves that change nothing, letters kept as sent, personal data only for the
// roles allowed it, the access log, the settings, the peer review rota after a restart,
// anonymisation keeping the figures, and the demo file loaded twice.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "case_review_sample.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_statistics.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/input_error.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

class CaseReviewStoreTest : public test::StoreTest {
  protected:
    // The sample's agencies and a reviewer, stored; the sample's ids mapped to the store's.
    void SetUp() override {
        test::StoreTest::SetUp();
        norwich = save_agency(
            *db_, {0, "Norwich City Council", AgencyKind::district_council, test::kNorwich});
        police = save_agency(*db_, {0, "Norfolk Constabulary", AgencyKind::police, ""});
        clarion = save_agency(*db_, {0, "Clarion Housing", AgencyKind::housing_provider, ""});
        health = save_agency(*db_, {0, "NHS Norfolk and Waveney ICB", AgencyKind::health, ""});
        reviewer = save_peer_reviewer(
            *db_, {0, "Dana Example", "Breckland Council", test::kBreckland, 1, true});
    }

    int64_t stored_agency(int64_t sample_id) const {
        switch (sample_id) {
            case test::kNorwichCouncil:
                return norwich;
            case test::kPolice:
                return police;
            case test::kClarion:
                return clarion;
            case test::kHealth:
                return health;
        }
        return sample_id;
    }

    // A sample case with the store's ids and nothing stored yet.
    AsbCase stored_ids(AsbCase c) const {
        c.id = 0;
        if (c.lead_agency_id) c.lead_agency_id = stored_agency(*c.lead_agency_id);
        for (auto& r : c.information_returns) r.agency_id = stored_agency(r.agency_id);
        for (auto& a : c.panel_agency_ids) a = stored_agency(a);
        if (c.peer_reviewer_id) c.peer_reviewer_id = reviewer;
        for (auto& a : c.actions) {
            a.id = 0;
            a.owner_agency_id = stored_agency(a.owner_agency_id);
        }
        for (auto& l : c.letters) {
            l.id = 0;
            l.signed_by_agency_id = stored_agency(l.signed_by_agency_id);
        }
        return c;
    }

    // Every step, with an appeal against letter E.
    AsbCase full_case() const {
        AsbCase c = stored_ids(test::action_plan_case());
        c.third_party = true;
        c.applicant = {"Mr Ben Example", "4 Other Road, Norwich", "NR99 9XE", "01632 960205",
                       "ben.example@example.org"};
        c.applicant_relationship = "son";
        c.victim_consent = true;
        c.facts.drug_alcohol_or_mental_health = true;
        c.threshold_reasons = "Three qualifying complaints within six months";
        c.longer_review_notified_on = test::day("2022-07-08");
        Appeal a;
        a.lodged_on = test::day("2022-07-20");
        a.against = AppealAgainst::review;
        a.grounds = "The camera was never fitted at 1 Analytical Row";
        a.escalated_on = test::day("2022-07-21");
        a.inspector = "Inspector Morgan Example";
        a.referred_to_district_code = test::kBreckland;
        a.referred_on = test::day("2022-07-22");
        c.appeal = a;
        return c;
    }

    int64_t norwich = 0, police = 0, clarion = 0, health = 0, reviewer = 0;
};

void expect_same(const AsbCase& got, const AsbCase& want) {
    EXPECT_EQ(got.district_code, want.district_code);
    EXPECT_EQ(got.channel, want.channel);
    EXPECT_EQ(got.received, want.received);
    EXPECT_EQ(got.entered_by, want.entered_by);
    EXPECT_EQ(got.victim, want.victim);
    EXPECT_EQ(got.third_party, want.third_party);
    EXPECT_EQ(got.applicant, want.applicant);
    EXPECT_EQ(got.applicant_relationship, want.applicant_relationship);
    EXPECT_EQ(got.victim_consent, want.victim_consent);
    EXPECT_EQ(got.summary, want.summary);
    EXPECT_EQ(got.facts, want.facts);
    EXPECT_EQ(got.complaints, want.complaints);
    EXPECT_EQ(got.threshold, want.threshold);
    EXPECT_EQ(got.review_grounds, want.review_grounds);
    EXPECT_EQ(got.threshold_reasons, want.threshold_reasons);
    EXPECT_EQ(got.lead_agency_id, want.lead_agency_id);
    EXPECT_EQ(got.lead_agency_independence, want.lead_agency_independence);
    EXPECT_EQ(got.lead_agency_appointed_on, want.lead_agency_appointed_on);
    EXPECT_EQ(got.information_requested_on, want.information_requested_on);
    EXPECT_EQ(got.information_returns, want.information_returns);
    EXPECT_EQ(got.initial_review_received_on, want.initial_review_received_on);
    EXPECT_EQ(got.panel_date, want.panel_date);
    EXPECT_EQ(got.panel_agency_ids, want.panel_agency_ids);
    EXPECT_EQ(got.peer_reviewer_id, want.peer_reviewer_id);
    EXPECT_EQ(got.panel_outcome, want.panel_outcome);
    EXPECT_EQ(got.panel_findings, want.panel_findings);
    EXPECT_EQ(got.actions, want.actions);
    EXPECT_EQ(got.longer_review_notified_on, want.longer_review_notified_on);
    EXPECT_EQ(got.letters, want.letters);
    EXPECT_EQ(got.appeal, want.appeal);
    EXPECT_EQ(got.closed_on, want.closed_on);
    EXPECT_EQ(got.anonymised_on, want.anonymised_on);
}

// Every piece of text a case holds, to look for personal data in.
std::string all_text(const AsbCase& c) {
    std::string out;
    auto add = [&](const std::string& s) { out += s + "\n"; };
    for (const Person* p : {&c.victim, &c.applicant})
        for (const std::string* s : {&p->name, &p->address, &p->postcode, &p->phone, &p->email})
            add(*s);
    add(c.reference);
    add(c.applicant_relationship);
    add(c.summary);
    add(c.threshold_reasons);
    add(c.lead_agency_independence);
    add(c.panel_findings);
    for (const auto& k : c.complaints) {
        add(k.incident);
        add(k.reporter);
        add(k.reported_to);
        add(k.reference);
        add(k.description);
    }
    for (const auto& a : c.actions) add(a.action);
    for (const auto& l : c.letters) {
        add(l.addressee);
        add(l.address);
        add(l.salutation);
        for (const auto& b : l.body) add(b.text);
    }
    if (c.appeal) {
        add(c.appeal->grounds);
        add(c.appeal->decision_notes);
    }
    return out;
}

std::vector<std::string> personal_strings(const AsbCase& c) {
    std::vector<std::string> out = {c.victim.name,     c.victim.address, c.victim.postcode,
                                    c.victim.phone,    c.victim.email,   c.applicant.name,
                                    c.applicant.email, c.summary};
    for (const auto& k : c.complaints) {
        out.push_back(k.reference);
        out.push_back(k.description);
    }
    for (const auto& a : c.actions) out.push_back(a.action);
    if (c.appeal) out.push_back(c.appeal->grounds);
    return out;
}

// The rows of every case review table, to show that something changed nothing.
std::map<std::string, int64_t> table_counts(const std::function<int64_t(const char*)>& count) {
    std::map<std::string, int64_t> out;
    for (const char* t :
         {"case_review_agencies", "case_review_contacts", "peer_reviewers", "case_review_cases",
          "case_review_grounds", "case_review_complaints", "case_review_information_returns",
          "case_review_panel_agencies", "case_review_actions", "case_review_letters",
          "case_review_appeals", "case_review_access_log"})
        out[t] = count(t);
    return out;
}

}  // namespace

TEST_P(CaseReviewStoreTest, AFullCaseRoundTrips) {
    AsbCase c = full_case();
    int64_t id = create_case(*db_, c);
    auto got = load_case(*db_, id, Role::case_worker);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, id);
    EXPECT_EQ(got->reference, "ASB-2022-0001");
    ASSERT_EQ(got->actions.size(), 2u);
    ASSERT_EQ(got->letters.size(), 3u);
    // The store gives the ids; everything else comes back as it went in.
    for (size_t i = 0; i < c.actions.size(); ++i) {
        EXPECT_NE(got->actions[i].id, 0);
        c.actions[i].id = got->actions[i].id;
    }
    for (size_t i = 0; i < c.letters.size(); ++i) {
        EXPECT_NE(got->letters[i].id, 0);
        c.letters[i].id = got->letters[i].id;
    }
    expect_same(*got, c);
    EXPECT_EQ(stage_of(*got), stage_of(c));

    auto by_reference = load_case_by_reference(*db_, "ASB-2022-0001", Role::administrator);
    ASSERT_TRUE(by_reference);
    expect_same(*by_reference, c);
    EXPECT_FALSE(load_case_by_reference(*db_, "ASB-2022-0002", Role::administrator));
    EXPECT_FALSE(load_case(*db_, id + 100, Role::administrator));

    // An update: the appeal decided, an action completed, one dropped from the list (kept), a
    // new one added, the panel agencies changed, the review grounds and returns rewritten.
    AsbCase u = *got;
    u.appeal->outcome = AppealOutcome::not_upheld;
    u.appeal->decided_on = test::day("2022-08-01");
    u.appeal->decision_notes = "Fitted on 25 July";
    u.appeal->pcc_notified_on = test::day("2022-08-02");
    u.actions[0].completed_on = test::day("2022-07-25");
    CaseAction dropped = u.actions[1];
    u.actions.erase(u.actions.begin() + 1);
    u.actions.push_back({0, "Letter to the landlord", norwich, test::day("2022-09-01"), {}});
    u.panel_agency_ids.push_back(health);
    u.information_returns.pop_back();
    u.closed_on = test::day("2022-09-30");
    save_case(*db_, u);
    auto after = load_case(*db_, id, Role::case_worker);
    ASSERT_TRUE(after);
    ASSERT_EQ(after->actions.size(), 3u);
    EXPECT_EQ(after->actions[0], u.actions[0]);
    EXPECT_EQ(after->actions[1].action, "Letter to the landlord");
    EXPECT_NE(after->actions[1].id, 0);
    EXPECT_EQ(after->actions[2], dropped);  // never deleted: after the listed ones
    u.actions = after->actions;
    expect_same(*after, u);
    EXPECT_EQ(count("case_review_cases"), 1);
    EXPECT_THROW(save_case(*db_,
                           [&] {
                               AsbCase missing = u;
                               missing.id = id + 100;
                               return missing;
                           }()),
                 std::out_of_range);
}

TEST_P(CaseReviewStoreTest, ReferencesAreNumberedWithinTheYearReceived) {
    auto received_on = [&](const char* day) {
        AsbCase c = stored_ids(test::received_case());
        c.received = test::day(day);
        c.complaints = {test::complaint("i1", "2021-12-01", "2021-12-02")};
        return create_case(*db_, c);
    };
    auto reference = [&](int64_t id) { return load_case(*db_, id, Role::officer)->reference; };
    EXPECT_EQ(reference(received_on("2022-03-01")), "ASB-2022-0001");
    EXPECT_EQ(reference(received_on("2022-05-01")), "ASB-2022-0002");
    EXPECT_EQ(reference(received_on("2023-01-02")), "ASB-2023-0001");
    EXPECT_EQ(reference(received_on("2022-12-31")), "ASB-2022-0003");

    // A case given its reference keeps it; numbering carries on after it.
    AsbCase given = stored_ids(test::received_case());
    given.reference = "ASB-2022-0007";
    int64_t id = create_case_with_reference(*db_, given);
    EXPECT_EQ(reference(id), "ASB-2022-0007");
    EXPECT_EQ(reference(received_on("2022-06-01")), "ASB-2022-0008");
    for (const char* bad : {"ASB-2022-0007", "ASB-2021-0009", "ASB-2022-7", "ASB-2022-00x1",
                            "ASB-2022-0000", "2022-0009"}) {
        given.reference = bad;
        EXPECT_THROW(create_case_with_reference(*db_, given), std::invalid_argument) << bad;
    }
    EXPECT_EQ(count("case_review_cases"), 6);
}

TEST_P(CaseReviewStoreTest, AnInvalidCaseIsRefusedAndChangesNothing) {
    int64_t id = create_case(*db_, full_case());
    auto before_case = load_case(*db_, id, Role::administrator);
    auto counts = [&] { return table_counts([&](const char* t) { return count(t); }); };
    auto before = counts();

    AsbCase no_consent = full_case();
    no_consent.victim_consent = false;
    try {
        create_case(*db_, no_consent);
        ADD_FAILURE() << "created a third-party case without consent";
    } catch (const CaseInvalid& e) {
        EXPECT_EQ(e.field, "victim_consent");
    }
    AsbCase changed = *before_case;
    changed.victim_consent = false;
    changed.summary = "Changed";
    changed.complaints.clear();
    EXPECT_THROW(save_case(*db_, changed), CaseInvalid);
    // An agency the store does not have.
    changed = *before_case;
    changed.panel_agency_ids.push_back(police + 1000);
    try {
        save_case(*db_, changed);
        ADD_FAILURE() << "saved a panel agency that does not exist";
    } catch (const CaseInvalid& e) {
        EXPECT_EQ(e.field, "panel_agency_ids[3]");
    }
    changed = *before_case;
    changed.peer_reviewer_id = reviewer + 1000;
    EXPECT_THROW(save_case(*db_, changed), CaseInvalid);
    // Another case's action.
    int64_t other = create_case(*db_, full_case());
    auto counts_with_other = counts();
    changed = *before_case;
    changed.actions[0].id = load_case(*db_, other, Role::administrator)->actions[0].id;
    EXPECT_THROW(save_case(*db_, changed), CaseInvalid);
    EXPECT_EQ(counts(), counts_with_other);
    expect_same(*load_case(*db_, id, Role::administrator), *before_case);
    counts_with_other["case_review_cases"] -= 1;
    EXPECT_EQ(counts_with_other["case_review_cases"], before["case_review_cases"]);
}

TEST_P(CaseReviewStoreTest, LettersAreAppendedAndNeverChanged) {
    AsbCase c = stored_ids(test::received_case());
    int64_t id = create_case(*db_, c);
    CaseLetter a = test::sent(LetterKind::a, "2022-06-10");
    a.signed_by_agency_id = norwich;
    a.body = {{LetterBlock::Kind::paragraph, "Thank you for your application."},
              {LetterBlock::Kind::bullet, "Within 5 working days"},
              {LetterBlock::Kind::paragraph, "Quotes \" and ] and é survive"}};
    int64_t first = add_case_letter(*db_, id, a);
    CaseLetter b = a;
    b.kind = LetterKind::b;
    b.dated = test::day("2022-06-20");
    b.signed_by_agency_id = 0;  // signed by no stored agency
    int64_t second = add_case_letter(*db_, id, b);
    EXPECT_NE(first, second);
    auto got = load_case(*db_, id, Role::case_worker);
    ASSERT_EQ(got->letters.size(), 2u);
    a.id = first;
    b.id = second;
    EXPECT_EQ(got->letters[0], a);
    EXPECT_EQ(got->letters[1], b);

    // Saving the case with other letters, or none, leaves the letters as sent.
    AsbCase u = *got;
    u.threshold = ThresholdOutcome::not_met;
    u.letters.pop_back();
    save_case(*db_, u);
    auto again = load_case(*db_, id, Role::case_worker);
    ASSERT_EQ(again->letters.size(), 2u);
    EXPECT_EQ(again->letters[1], b);
    EXPECT_EQ(again->threshold, ThresholdOutcome::not_met);
    EXPECT_THROW(add_case_letter(*db_, id + 100, a), std::out_of_range);
    a.signed_by_agency_id = police + 1000;
    EXPECT_THROW(add_case_letter(*db_, id, a), std::invalid_argument);
    EXPECT_EQ(count("case_review_letters"), 2);
}

TEST_P(CaseReviewStoreTest, RolesWithoutPersonalDataGetNoPersonalStrings) {
    AsbCase c = full_case();
    int64_t id = create_case(*db_, c);
    auto personal = personal_strings(c);
    for (Role r : {Role::public_user, Role::panel_member, Role::officer}) {
        std::vector<AsbCase> seen = {*load_case(*db_, id, r),
                                     *load_case_by_reference(*db_, "ASB-2022-0001", r)};
        for (const auto& each : load_cases(*db_, r)) seen.push_back(each);
        ASSERT_EQ(seen.size(), 3u);
        for (const auto& s : seen) {
            std::string text = all_text(s);
            for (const auto& p : personal) {
                EXPECT_EQ(text.find(p), std::string::npos) << to_string(r) << ": " << p;
            }
            // What the statistics count stays.
            EXPECT_EQ(s.district_code, c.district_code);
            EXPECT_EQ(s.received, c.received);
            EXPECT_EQ(s.letters.size(), c.letters.size());
            EXPECT_EQ(stage_of(s), stage_of(c));
        }
    }
    for (Role r : {Role::case_worker, Role::administrator}) {
        std::string text = all_text(*load_case(*db_, id, r));
        for (const auto& p : personal) {
            EXPECT_NE(text.find(p), std::string::npos) << to_string(r) << ": " << p;
        }
    }
}

TEST_P(CaseReviewStoreTest, LoadCasesNewestReceivedFirst) {
    AsbCase older = stored_ids(test::received_case());
    older.received = test::day("2022-06-01");
    AsbCase newer = stored_ids(test::received_case());
    int64_t first = create_case(*db_, older);
    int64_t second = create_case(*db_, newer);
    auto cases = load_cases(*db_, Role::case_worker);
    ASSERT_EQ(cases.size(), 2u);
    EXPECT_EQ(cases[0].id, second);
    EXPECT_EQ(cases[1].id, first);
    EXPECT_EQ(cases[0].complaints.size(), 3u);
}

TEST_P(CaseReviewStoreTest, TheAccessLogSaysWhoViewedOrChangedACase) {
    int64_t id = create_case(*db_, full_case());
    int64_t other = create_case(*db_, full_case());
    log_case_access(*db_, id, "case.worker", "viewed");
    log_case_access(*db_, id, "case.worker", "recorded threshold decision", "met");
    log_case_access(*db_, other, "admin", "viewed");
    auto log = load_case_access_log(*db_, id);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].action, "recorded threshold decision");
    EXPECT_EQ(log[0].detail, "met");
    EXPECT_EQ(log[1].action, "viewed");
    EXPECT_EQ(log[1].actor, "case.worker");
    EXPECT_EQ(log[1].detail, "");
    EXPECT_EQ(log[0].at.size(), 19u);  // "2025-06-03 14:02:11"
    EXPECT_EQ(log[0].at[10], ' ');
    EXPECT_EQ(load_case_access_log(*db_, other).size(), 1u);
    EXPECT_THROW(log_case_access(*db_, id + 100, "x", "viewed"), std::out_of_range);
}

TEST_P(CaseReviewStoreTest, SettingsRoundTripWithTheirSources) {
    EXPECT_EQ(load_case_review_settings(*db_), CaseReviewSettings{});
    auto rows = load_case_review_setting_rows(*db_);
    ASSERT_EQ(rows.size(), 13u);
    for (const auto& r : rows) {
        EXPECT_FALSE(r.source.empty()) << r.name;
    }
    auto value_of = [&](const std::string& name) {
        for (const auto& r : load_case_review_setting_rows(*db_))
            if (r.name == name) return r.value;
        return std::string("?");
    };
    EXPECT_EQ(value_of("min_qualifying"), "3");
    EXPECT_EQ(value_of("alt_min_reporters"), "");
    EXPECT_EQ(value_of("appeal_counting"), "days_after");
    EXPECT_EQ(value_of("retention_months"), "72");

    save_case_review_setting(*db_, "min_qualifying", "2");
    save_case_review_setting(*db_, "alt_min_reporters", "5");
    save_case_review_setting(*db_, "appeal_counting", "working_days_after");
    save_case_review_setting(*db_, "whole_review_working_days", "40");
    save_case_review_setting(*db_, "retention_months", "24");
    CaseReviewSettings want;
    want.threshold.min_qualifying = 2;
    want.threshold.alt_min_reporters = 5;
    want.clocks.appeal_counting = Counting::working_days_after;
    want.clocks.whole_review = 40;
    want.retention_months = 24;
    EXPECT_EQ(load_case_review_settings(*db_), want);
    save_case_review_setting(*db_, "alt_min_reporters", "");
    want.threshold.alt_min_reporters.reset();
    EXPECT_EQ(load_case_review_settings(*db_), want);

    // Refused, and nothing changes.
    for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"threshold", "3"},
             {"min_qualifying", "three"},
             {"min_qualifying", "4"},  // no area may ask for more than the Act's 3
             {"min_qualifying", ""},
             {"min_qualifying", "2.5"},
             {"alt_min_reporters", "0"},
             {"appeal_counting", "fortnightly"},
             {"appeal_counting", "days_beginning_with"},
             {"acknowledgement_working_days", "0"},
             {"retention_months", "-1"}}) {
        EXPECT_THROW(save_case_review_setting(*db_, name, value), std::invalid_argument)
            << name << " = '" << value << "'";
    }
    EXPECT_EQ(load_case_review_settings(*db_), want);
    EXPECT_EQ(value_of("min_qualifying"), "2");
}

TEST_P(CaseReviewStoreTest, TheRotaCarriesOnAfterARestart) {
    int64_t broadland = save_peer_reviewer(
        *db_, {0, "Kit Sample", "Broadland District Council", "E07000144", 2, true});
    int64_t norwich_reviewer = save_peer_reviewer(
        *db_, {0, "Sky Madeup", "Norwich City Council", test::kNorwich, 3, true});
    // Saved again by name and council: the same row, now inactive, without a position given.
    EXPECT_EQ(save_peer_reviewer(
                  *db_, {0, "Sky Madeup", "Norwich City Council", test::kNorwich, 0, false}),
              norwich_reviewer);
    auto reviewers = load_peer_reviewers(*db_);
    ASSERT_EQ(reviewers.size(), 3u);
    EXPECT_EQ(reviewers[2].position, 3);
    EXPECT_FALSE(reviewers[2].active);
    EXPECT_THROW(save_peer_reviewer(*db_, {0, "", "Council", "", 1, true}), std::invalid_argument);

    RotaState empty = load_rota(*db_);
    EXPECT_FALSE(empty.last_assigned);
    EXPECT_EQ(empty.reviews_assigned.at(reviewer), 0);

    auto assign = [&](int64_t reviewer_id) {
        AsbCase c = full_case();
        c.peer_reviewer_id = reviewer_id;
        return create_case(*db_, c);
    };
    int64_t first_id = assign(reviewer);
    int64_t second = assign(broadland);
    assign(reviewer);
    RotaState rota = load_rota(*db_);
    EXPECT_EQ(rota.reviews_assigned.at(reviewer), 2);
    EXPECT_EQ(rota.reviews_assigned.at(broadland), 1);
    EXPECT_EQ(rota.reviews_assigned.at(norwich_reviewer), 0);
    EXPECT_EQ(rota.last_assigned, reviewer);
    ASSERT_EQ(rota.reviewers.size(), 3u);
    EXPECT_EQ(rota.reviewers[0].id, reviewer);

    // Reassigning a case makes its new reviewer the latest; saving it unchanged does not.
    AsbCase c = *load_case(*db_, second, Role::administrator);
    c.peer_reviewer_id = norwich_reviewer;
    save_case(*db_, c);
    EXPECT_EQ(load_rota(*db_).last_assigned, norwich_reviewer);
    save_case(*db_, *load_case(*db_, first_id, Role::administrator));
    EXPECT_EQ(load_rota(*db_).last_assigned, norwich_reviewer);

    // After a restart (a new connection), the rota is where it was.
    db_.reset();
    db_ = open_database(target_);
    RotaState after = load_rota(*db_);
    EXPECT_EQ(after.last_assigned, norwich_reviewer);
    EXPECT_EQ(after.reviews_assigned.at(reviewer), 2);
    EXPECT_EQ(after.reviews_assigned.at(broadland), 0);
    EXPECT_EQ(after.reviews_assigned.at(norwich_reviewer), 1);
    // The next for a Norwich case: the fewest reviews among the active others.
    auto next = next_peer_reviewer(after, test::kNorwich);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->id, broadland);
}

TEST_P(CaseReviewStoreTest, AgenciesAndContactsBySameNameOrDistrict) {
    EXPECT_EQ(save_agency(*db_, {0, "Norfolk Constabulary", AgencyKind::police, ""}), police);
    EXPECT_THROW(save_agency(*db_, {0, "", AgencyKind::police, ""}), std::invalid_argument);
    EXPECT_THROW(save_agency(*db_, {0, "Breckland Council", AgencyKind::district_council, ""}),
                 std::invalid_argument);
    EXPECT_EQ(load_agencies(*db_).size(), 4u);
    EXPECT_EQ(load_agency(*db_, clarion)->name, "Clarion Housing");
    EXPECT_FALSE(load_agency(*db_, clarion + 100));

    CaseReviewContact c{test::kNorwich,        "Norwich",      "Norwich City Council",
                        "Robin Madeup",        "SPOC",         "01632 960006",
                        "asb@norwich.example", "01632 960106", "Inspector Morgan Example"};
    save_case_review_contact(*db_, c);
    c.spoc_name = "Lee Imaginary";
    save_case_review_contact(*db_, c);
    auto all = load_case_review_contacts(*db_);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].spoc_name, "Lee Imaginary");
    EXPECT_EQ(load_case_review_contact(*db_, test::kNorwich)->opt_inspector,
              "Inspector Morgan Example");
    EXPECT_FALSE(load_case_review_contact(*db_, test::kBreckland));
}

TEST_P(CaseReviewStoreTest, AnonymisationRemovesPersonalDataOfOldClosedCasesOnly) {
    CalendarDate today = test::day("2028-11-24");
    AsbCase old_case = full_case();  // closed 6 years and a day before today
    old_case.appeal->outcome = AppealOutcome::upheld;
    old_case.appeal->decided_on = test::day("2022-08-01");
    old_case.closed_on = test::day("2022-11-23");
    AsbCase recent = full_case();
    recent.closed_on = test::day("2022-11-25");
    AsbCase open = full_case();
    int64_t old_id = create_case(*db_, old_case);
    int64_t recent_id = create_case(*db_, recent);
    int64_t open_id = create_case(*db_, open);

    std::vector<AreaName> districts = {{test::kNorwich, "Norwich"},
                                       {test::kBreckland, "Breckland"}};
    AreaName county{test::kNorfolk, "Norfolk"};
    auto figures = [&] {
        return case_review_figures(load_cases(*db_, Role::administrator), financial_year(2022),
                                   districts, county, CaseReviewClockRules{},
                                   test::england_and_wales(), today);
    };
    auto before = figures();
    ASSERT_EQ(before.back().applications, 3);

    auto done = anonymise_closed_cases(*db_, today, "admin");
    ASSERT_EQ(done.size(), 1u);
    auto anonymised_case = load_case(*db_, old_id, Role::administrator);
    EXPECT_EQ(done[0], anonymised_case->reference);
    EXPECT_EQ(anonymised_case->anonymised_on, today);
    std::string text = all_text(*anonymised_case);
    for (const auto& p : personal_strings(old_case)) {
        EXPECT_EQ(text.find(p), std::string::npos) << p;
    }
    for (const auto& l : anonymised_case->letters) {
        EXPECT_EQ(l.addressee.find("Lovelace"), std::string::npos);
        for (const auto& b : l.body) {
            EXPECT_NE(b.text, "Text");
        }
    }
    auto log = load_case_access_log(*db_, old_id);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].actor, "admin");
    EXPECT_EQ(log[0].action, "anonymised");
    // The others keep their personal data.
    for (int64_t id : {recent_id, open_id}) {
        auto c = load_case(*db_, id, Role::administrator);
        EXPECT_FALSE(c->anonymised_on);
        EXPECT_EQ(c->victim, old_case.victim);
        EXPECT_EQ(c->letters[0].addressee, "Ms Ada Lovelace");
        EXPECT_TRUE(load_case_access_log(*db_, id).empty());
    }
    EXPECT_EQ(figures(), before);
    // Again: nothing more to do.
    EXPECT_TRUE(anonymise_closed_cases(*db_, today, "admin").empty());
    // A shorter retention period reaches the recent case too.
    save_case_review_setting(*db_, "retention_months", "12");
    auto more = anonymise_closed_cases(*db_, today, "admin");
    ASSERT_EQ(more.size(), 1u);
    EXPECT_EQ(more[0], load_case(*db_, recent_id, Role::administrator)->reference);
    EXPECT_EQ(figures(), before);
}

TEST_P(CaseReviewStoreTest, TheDemoFileLoadsTwiceWithoutChange) {
    import_bank_holidays(*db_, test::england_and_wales(), "test", "test");
    std::string path = test::data_dir() + "/demo/case-reviews.json";
    load_case_review_file(*db_, path);
    auto counts = [&] { return table_counts([&](const char* t) { return count(t); }); };
    auto first = counts();
    auto cases = load_cases(*db_, Role::administrator);
    EXPECT_EQ(cases.size(), 7u);
    EXPECT_EQ(load_case_review_contacts(*db_).size(), 7u);
    EXPECT_EQ(load_peer_reviewers(*db_).size(), 7u);
    std::map<std::string, CaseStage> stages;
    for (const auto& c : cases) stages[c.reference] = stage_of(c);
    EXPECT_EQ(stages.at("ASB-2020-0001"), CaseStage::closed);
    EXPECT_EQ(stages.at("ASB-2026-0001"), CaseStage::action_plan);
    EXPECT_EQ(stages.at("ASB-2026-0002"), CaseStage::closed);
    EXPECT_EQ(stages.at("ASB-2026-0003"), CaseStage::closed);
    EXPECT_EQ(stages.at("ASB-2026-0004"), CaseStage::review_under_way);
    EXPECT_EQ(stages.at("ASB-2026-0005"), CaseStage::awaiting_threshold_decision);
    EXPECT_EQ(stages.at("ASB-2026-0006"), CaseStage::awaiting_acknowledgement);
    // The threshold as the store's rules assess the complaints.
    auto settings = load_case_review_settings(*db_);
    std::map<std::string, bool> met;
    for (const auto& c : cases)
        met[c.reference] =
            assess_threshold(c.received, c.complaints, settings.threshold).threshold_met;
    EXPECT_TRUE(met.at("ASB-2026-0001"));
    EXPECT_FALSE(met.at("ASB-2026-0002"));
    EXPECT_FALSE(met.at("ASB-2026-0003"));
    EXPECT_TRUE(met.at("ASB-2026-0004"));
    // Each letter composed and signed as the file says.
    auto norwich_case = *load_case_by_reference(*db_, "ASB-2026-0001", Role::administrator);
    ASSERT_EQ(norwich_case.letters.size(), 3u);
    EXPECT_EQ(norwich_case.letters[2].kind, LetterKind::e);
    EXPECT_EQ(norwich_case.letters[2].signed_by_organisation, "Norwich City Council");
    EXPECT_FALSE(norwich_case.letters[2].body.empty());
    // The rota as the file's cases were assigned, in the order the rota gives.
    RotaState rota = load_rota(*db_);
    ASSERT_TRUE(rota.last_assigned);
    std::map<int64_t, std::string> names;
    for (const auto& r : rota.reviewers) names[r.id] = r.name;
    EXPECT_EQ(names.at(*rota.last_assigned), "Sky Madeup");
    int assigned = 0;
    for (const auto& [id, n] : rota.reviews_assigned) assigned += n;
    EXPECT_EQ(assigned, 4);

    load_case_review_file(*db_, path);
    EXPECT_EQ(counts(), first);
    EXPECT_EQ(load_rota(*db_).last_assigned, rota.last_assigned);
}

TEST_P(CaseReviewStoreTest, ABadDemoFileNamesTheFieldAndChangesNothing) {
    import_bank_holidays(*db_, test::england_and_wales(), "test", "test");
    std::ifstream in(test::data_dir() + "/demo/case-reviews.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto counts = [&] { return table_counts([&](const char* t) { return count(t); }); };
    auto before = counts();
    auto expect_refused = [&](std::string bad, const std::string& field) {
        std::string path = (tmp_.path / "bad.json").string();
        std::ofstream(path) << bad;
        try {
            load_case_review_file(*db_, path);
            ADD_FAILURE() << "loaded a file with a bad " << field;
        } catch (const InputError& e) {
            EXPECT_EQ(e.file, path);
            EXPECT_EQ(e.field, field) << e.what();
        }
        EXPECT_EQ(counts(), before);
    };
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        auto at = t.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) t.replace(at, from.size(), to);
        return t;
    };
    // The last case's lead agency (read, then found missing while writing: all rolled back).
    expect_refused(replaced("\"lead_agency\": \"North Norfolk District Council\"",
                            "\"lead_agency\": \"North Norfolk Council\""),
                   "cases[4].lead_agency");
    expect_refused(replaced("\"channel\": \"reception\"", "\"channel\": \"fax\""),
                   "cases[5].channel");
    expect_refused(replaced("\"victim_consent\": true", "\"victim_consent\": false"),
                   "cases[3].victim_consent");
    expect_refused(replaced("\"received\": \"2026-11-20\"", "\"recieved\": \"2026-11-20\""),
                   "cases[6].recieved");
}

INSTANTIATE_STORE_TESTS(CaseReviewStoreTest);
