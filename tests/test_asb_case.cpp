// The ASB case: validate's rules, the stage worked out from what was recorded, the personal data
// removed for roles that may not see it and on anonymisation, and the review panel's agencies.
#include <gtest/gtest.h>

#include <functional>

#include "case_review_sample.hpp"
#include "scrutineer/asb_case.hpp"
#include "scrutineer/review_panel_agencies.hpp"

using namespace scrutineer;
using namespace scrutineer::test;

namespace {

// The field validate names, or "" when the case is valid.
std::string invalid_field(const AsbCase& c) {
    try {
        validate(c);
    } catch (const CaseInvalid& e) {
        return e.field;
    }
    return "";
}

}  // namespace

TEST(AsbCaseEnums, CodesAndLabelsRoundTrip) {
    for (auto ch :
         {ApplicationChannel::web_form, ApplicationChannel::telephone, ApplicationChannel::letter,
          ApplicationChannel::email, ApplicationChannel::reception}) {
        EXPECT_EQ(parse_application_channel(to_string(ch)), ch);
    }
    EXPECT_STREQ(label(ApplicationChannel::telephone), "Telephone");
    EXPECT_FALSE(parse_application_channel("fax"));
    for (CaseStage s : kCaseStages) {
        EXPECT_EQ(parse_case_stage(to_string(s)), s);
    }
    EXPECT_STREQ(label(CaseStage::awaiting_acknowledgement), "Awaiting acknowledgement");
    for (auto k : {LetterKind::a, LetterKind::b, LetterKind::c_i, LetterKind::c_ii, LetterKind::d,
                   LetterKind::e}) {
        EXPECT_EQ(parse_letter_kind(to_string(k)), k);
    }
    EXPECT_STREQ(to_string(LetterKind::c_i), "c_i");
    EXPECT_STREQ(label(LetterKind::c_i), "Letter C(i)");
    EXPECT_STREQ(title(LetterKind::c_i), "Threshold not met – but case review triggered");
    EXPECT_STREQ(title(LetterKind::e), "Review panel outcome – further action");
    EXPECT_STREQ(label(ReviewGround::harm),
                 "The harm caused, or the potential of harm to be caused, by the behaviour");
    EXPECT_EQ(parse_review_ground("adequacy_of_response"), ReviewGround::adequacy_of_response);
    EXPECT_EQ(parse_threshold_outcome("review_below_threshold"),
              ThresholdOutcome::review_below_threshold);
    EXPECT_EQ(parse_panel_outcome("action_plan"), PanelOutcome::action_plan);
    EXPECT_EQ(parse_agency_kind("youth_offending_team"), AgencyKind::youth_offending_team);
    EXPECT_EQ(parse_appeal_against("threshold_decision"), AppealAgainst::threshold_decision);
    EXPECT_EQ(parse_appeal_outcome("not_upheld"), AppealOutcome::not_upheld);
    EXPECT_FALSE(parse_appeal_outcome("maybe"));
}

TEST(AsbCaseValidate, TheSampleCasesAreValid) {
    EXPECT_EQ(invalid_field(received_case()), "");
    EXPECT_EQ(invalid_field(action_plan_case()), "");
}

TEST(AsbCaseValidate, WhatNamesTheField) {
    AsbCase c = received_case();
    c.third_party = true;
    c.applicant.name = "Mr Charles Babbage";
    c.applicant_relationship = "neighbour";
    try {
        validate(c);
        FAIL() << "no consent accepted";
    } catch (const CaseInvalid& e) {
        EXPECT_EQ(e.field, "victim_consent");
        EXPECT_EQ(std::string(e.what()), "field 'victim_consent': " + e.problem);
        EXPECT_NE(e.problem.find("consent"), std::string::npos);
    }
    c.victim_consent = true;
    EXPECT_EQ(invalid_field(c), "");
}

TEST(AsbCaseValidate, PeopleAndTheDistrict) {
    AsbCase c = received_case();
    c.district_code = "";
    EXPECT_EQ(invalid_field(c), "district_code");

    c = received_case();
    c.victim.name = "";
    EXPECT_EQ(invalid_field(c), "victim.name");

    c = received_case();
    c.third_party = true;
    c.victim_consent = true;
    c.applicant_relationship = "daughter";
    EXPECT_EQ(invalid_field(c), "applicant.name");
    c.applicant.name = "Ms Byron";
    c.applicant_relationship = "";
    EXPECT_EQ(invalid_field(c), "applicant_relationship");
}

TEST(AsbCaseValidate, Complaints) {
    AsbCase c = received_case();
    c.complaints.clear();
    EXPECT_EQ(invalid_field(c), "complaints");

    c = received_case();
    c.complaints[1].reported_date = day("2022-04-01");  // before the behaviour on 10 April
    EXPECT_EQ(invalid_field(c), "complaints[1]");

    c = received_case();
    c.complaints[2].reported_date = day("2022-06-10");  // after the application
    c.complaints[2].behaviour_date = day("2022-06-10");
    EXPECT_EQ(invalid_field(c), "complaints[2]");
}

TEST(AsbCaseValidate, StepsInOrder) {
    AsbCase c = action_plan_case();
    c.letters[0].dated = day("2022-06-08");  // before receipt
    EXPECT_EQ(invalid_field(c), "letters[0]");

    c = action_plan_case();
    c.panel_date.reset();
    EXPECT_EQ(invalid_field(c), "panel_outcome");

    c = action_plan_case();
    c.panel_outcome = PanelOutcome::no_further_action;  // actions without an action plan
    EXPECT_EQ(invalid_field(c), "actions");

    c = action_plan_case();
    c.actions[0].owner_agency_id = 0;
    EXPECT_EQ(invalid_field(c), "actions[0]");

    c = action_plan_case();
    c.letters[2].dated = day("2022-07-06");  // letter E before the panel
    EXPECT_EQ(invalid_field(c), "letters[2]");

    c = action_plan_case();
    c.information_returns[1].returned_on = day("2022-06-20");  // before the request
    EXPECT_EQ(invalid_field(c), "information_returns[1]");

    c = action_plan_case();
    c.initial_review_received_on = day("2022-06-20");  // before the lead agency was appointed
    EXPECT_EQ(invalid_field(c), "initial_review_received_on");

    c = received_case();
    c.lead_agency_id = kPolice;  // no review: no lead agency
    EXPECT_EQ(invalid_field(c), "lead_agency_id");

    c = received_case();
    c.closed_on = day("2022-06-01");
    EXPECT_EQ(invalid_field(c), "closed_on");

    c = received_case();
    c.anonymised_on = day("2022-07-01");  // never closed
    EXPECT_EQ(invalid_field(c), "anonymised_on");
}

TEST(AsbCaseValidate, LettersMatchTheDecisions) {
    AsbCase c = received_case();
    c.letters.push_back(sent(LetterKind::b, "2022-06-20"));  // threshold undecided
    EXPECT_EQ(invalid_field(c), "letters[0]");
    c.threshold = ThresholdOutcome::not_met;
    EXPECT_EQ(invalid_field(c), "");

    c = action_plan_case();
    c.letters[2].kind = LetterKind::d;  // letter D for an action plan
    EXPECT_EQ(invalid_field(c), "letters[2]");
}

TEST(AsbCaseValidate, ReviewBelowTheThresholdNeedsItsGrounds) {
    AsbCase c = received_case();
    c.threshold = ThresholdOutcome::review_below_threshold;
    EXPECT_EQ(invalid_field(c), "review_grounds");
    c.review_grounds = {ReviewGround::harm};
    EXPECT_EQ(invalid_field(c), "");
    c.threshold = ThresholdOutcome::met;  // grounds only for a review below the threshold
    EXPECT_EQ(invalid_field(c), "review_grounds");
}

TEST(AsbCaseValidate, AppealReferredToAnotherDistrict) {
    AsbCase c = action_plan_case();
    c.appeal = Appeal{};
    c.appeal->lodged_on = day("2022-07-20");
    c.appeal->against = AppealAgainst::review;
    c.appeal->escalated_on = day("2022-07-21");
    c.appeal->referred_to_district_code = kNorwich;  // the case's own district
    c.appeal->referred_on = day("2022-07-22");
    EXPECT_EQ(invalid_field(c), "appeal.referred_to_district_code");
    c.appeal->referred_to_district_code = kBreckland;
    EXPECT_EQ(invalid_field(c), "");

    c.appeal->against = AppealAgainst::threshold_decision;  // no letter B on this case
    EXPECT_EQ(invalid_field(c), "appeal.against");
    c.appeal->against = AppealAgainst::review;

    c.appeal->lodged_on = day("2022-07-13");  // before letter E
    EXPECT_EQ(invalid_field(c), "appeal.lodged_on");
    c.appeal->lodged_on = day("2022-07-20");

    c.appeal->outcome = AppealOutcome::upheld;  // no decision date
    EXPECT_EQ(invalid_field(c), "appeal.decided_on");
    c.appeal->decided_on = day("2022-08-01");
    c.appeal->pcc_notified_on = day("2022-07-30");  // before the decision
    EXPECT_EQ(invalid_field(c), "appeal.pcc_notified_on");
    c.appeal->pcc_notified_on = day("2022-08-02");
    EXPECT_EQ(invalid_field(c), "");
}

TEST(AsbCaseLetters, Getters) {
    AsbCase c = action_plan_case();
    ASSERT_NE(letter_of(c, LetterKind::a), nullptr);
    EXPECT_EQ(letter_of(c, LetterKind::a)->dated, day("2022-06-10"));
    EXPECT_EQ(letter_of(c, LetterKind::d), nullptr);
    ASSERT_NE(threshold_letter(c), nullptr);
    EXPECT_EQ(threshold_letter(c)->kind, LetterKind::c_ii);
    ASSERT_NE(outcome_letter(c), nullptr);
    EXPECT_EQ(outcome_letter(c)->kind, LetterKind::e);
    ASSERT_NE(appealable_letter(c), nullptr);
    EXPECT_EQ(appealable_letter(c)->kind, LetterKind::e);

    AsbCase b = received_case();
    b.threshold = ThresholdOutcome::not_met;
    b.letters = {sent(LetterKind::a, "2022-06-10"), sent(LetterKind::b, "2022-06-20")};
    EXPECT_EQ(outcome_letter(b), nullptr);
    ASSERT_NE(appealable_letter(b), nullptr);
    EXPECT_EQ(appealable_letter(b)->kind, LetterKind::b);
    EXPECT_EQ(appealable_letter(received_case()), nullptr);
}

TEST(AsbCaseStage, EveryStage) {
    AsbCase c = received_case();
    EXPECT_EQ(stage_of(c), CaseStage::awaiting_acknowledgement);
    EXPECT_FALSE(review_held(c));

    c.letters.push_back(sent(LetterKind::a, "2022-06-10"));
    EXPECT_EQ(stage_of(c), CaseStage::awaiting_threshold_decision);
    c.threshold = ThresholdOutcome::met;  // decided, letter not yet sent
    EXPECT_EQ(stage_of(c), CaseStage::awaiting_threshold_decision);

    AsbCase b = c;
    b.threshold = ThresholdOutcome::not_met;
    b.letters.push_back(sent(LetterKind::b, "2022-06-20"));
    EXPECT_EQ(stage_of(b), CaseStage::threshold_not_met);
    EXPECT_FALSE(review_held(b));

    c.letters.push_back(sent(LetterKind::c_ii, "2022-06-20"));
    EXPECT_EQ(stage_of(c), CaseStage::review_under_way);
    EXPECT_TRUE(review_held(c));
    c.panel_date = day("2022-07-07");
    EXPECT_EQ(stage_of(c), CaseStage::review_under_way);
    c.panel_outcome = PanelOutcome::no_further_action;
    EXPECT_EQ(stage_of(c), CaseStage::awaiting_outcome_letter);

    AsbCase d = c;
    d.letters.push_back(sent(LetterKind::d, "2022-07-14"));
    EXPECT_EQ(stage_of(d), CaseStage::outcome_sent);

    AsbCase e = action_plan_case();
    EXPECT_EQ(stage_of(e), CaseStage::action_plan);
    e.actions[0].completed_on = day("2022-07-28");
    EXPECT_EQ(stage_of(e), CaseStage::action_plan);
    e.actions[1].completed_on = day("2022-07-20");
    EXPECT_EQ(stage_of(e), CaseStage::outcome_sent);

    e.appeal = Appeal{};
    e.appeal->lodged_on = day("2022-07-20");
    EXPECT_EQ(stage_of(e), CaseStage::appeal);
    e.appeal->outcome = AppealOutcome::not_upheld;
    e.appeal->decided_on = day("2022-08-01");
    EXPECT_EQ(stage_of(e), CaseStage::outcome_sent);

    e.closed_on = day("2022-08-05");
    EXPECT_EQ(stage_of(e), CaseStage::closed);

    AsbCase below = received_case();
    below.threshold = ThresholdOutcome::review_below_threshold;
    below.review_grounds = {ReviewGround::persistence};
    below.letters = {sent(LetterKind::a, "2022-06-10"), sent(LetterKind::c_i, "2022-06-20")};
    EXPECT_TRUE(review_held(below));
    EXPECT_EQ(stage_of(below), CaseStage::review_under_way);
}

TEST(AsbCaseStage, AnUpheldAppealAgainstLetterBLeadsToAReview) {
    AsbCase c = received_case();
    c.threshold = ThresholdOutcome::not_met;
    c.letters = {sent(LetterKind::a, "2022-06-10"), sent(LetterKind::b, "2022-06-20")};
    c.appeal = Appeal{};
    c.appeal->lodged_on = day("2022-06-28");
    c.appeal->against = AppealAgainst::threshold_decision;
    EXPECT_EQ(stage_of(c), CaseStage::appeal);
    c.appeal->outcome = AppealOutcome::upheld;
    c.appeal->decided_on = day("2022-07-05");
    EXPECT_EQ(stage_of(c), CaseStage::threshold_not_met);
    c.threshold = ThresholdOutcome::review_below_threshold;
    c.review_grounds = {ReviewGround::adequacy_of_response};
    c.letters.push_back(sent(LetterKind::c_i, "2022-07-06"));
    EXPECT_EQ(stage_of(c), CaseStage::review_under_way);
}

namespace {

// Every string in the case, whatever member holds it.
std::vector<std::string> all_strings(const AsbCase& c) {
    std::vector<std::string> out = {c.reference,
                                    c.district_code,
                                    c.entered_by,
                                    c.applicant_relationship,
                                    c.summary,
                                    c.threshold_reasons,
                                    c.lead_agency_independence,
                                    c.panel_findings};
    for (const Person* p : {&c.victim, &c.applicant})
        for (const std::string* s : {&p->name, &p->address, &p->postcode, &p->phone, &p->email})
            out.push_back(*s);
    for (const auto& k : c.complaints)
        for (const std::string* s :
             {&k.incident, &k.reporter, &k.reported_to, &k.reference, &k.description})
            out.push_back(*s);
    for (const auto& a : c.actions) out.push_back(a.action);
    for (const auto& l : c.letters) {
        for (const std::string* s : {&l.addressee, &l.address, &l.salutation, &l.signed_by_name,
                                     &l.signed_by_title, &l.signed_by_organisation})
            out.push_back(*s);
        for (const auto& b : l.body) out.push_back(b.text);
    }
    if (c.appeal)
        for (const std::string* s :
             {&c.appeal->grounds, &c.appeal->inspector, &c.appeal->referred_to_district_code,
              &c.appeal->decision_notes})
            out.push_back(*s);
    return out;
}

// A case whose every personal string holds a distinctive word ("Quixotic..."), the same people
// appearing in several places, as they do in real cases.
AsbCase case_full_of_personal_data() {
    AsbCase c = action_plan_case();
    c.victim = Person{"Quixotic Victimname", "Quixotic 12 Elm Road", "QX1 1QX",
                      "Quixotic 07700 900001", "quixotic.victim@example.org"};
    c.third_party = true;
    c.victim_consent = true;
    c.applicant = Person{"Quixotic Applicantname", "Quixotic 3 Oak Lane", "QX2 2QX",
                         "Quixotic 07700 900002", "quixotic.applicant@example.org"};
    c.applicant_relationship = "Quixotic daughter";
    c.summary = "Quixotic Perpetratorname shouts at Quixotic Victimname";
    c.complaints[0].incident = "Quixotic shouting at 12 Elm Road";
    c.complaints[0].reporter = "Quixotic Victimname";
    c.complaints[1].reporter = "Quixotic Neighbourname";
    c.complaints[2].incident = "Quixotic shouting at 12 Elm Road";  // the same incident again
    c.complaints[2].reporter = "Quixotic Victimname";
    for (auto& k : c.complaints) {
        k.reference = "Quixotic NC-" + k.incident;
        k.description = "Quixotic Perpetratorname kicked the door";
    }
    c.threshold_reasons = "Quixotic Perpetratorname was warned";
    c.lead_agency_independence = "Quixotic PC Officername had not handled the case";
    c.panel_findings = "Quixotic Perpetratorname's tenancy";
    c.actions[0].action = "Warn Quixotic Perpetratorname";
    for (auto& l : c.letters) {
        l.addressee = "Quixotic Applicantname";
        l.address = "Quixotic 3 Oak Lane";
        l.salutation = "Dear Quixotic Applicantname";
        l.body = {LetterBlock{LetterBlock::Kind::paragraph, "Quixotic body"},
                  LetterBlock{LetterBlock::Kind::bullet, "Quixotic bullet"}};
    }
    c.appeal = Appeal{};
    c.appeal->lodged_on = day("2022-07-20");
    c.appeal->grounds = "Quixotic Victimname disagrees";
    c.appeal->inspector = "Inspector Matthew Wakefield";
    c.appeal->decision_notes = "Quixotic notes";
    return c;
}

}  // namespace

TEST(AsbCasePersonalData, WithoutPersonalDataLeavesNoPersonalString) {
    AsbCase c = case_full_of_personal_data();
    ASSERT_EQ(invalid_field(c), "");
    int before = 0;
    for (const auto& s : all_strings(c))
        before += s.find("Quixotic") != std::string::npos ||
                  s.find("quixotic") != std::string::npos || s.find("QX") != std::string::npos;
    ASSERT_GT(before, 30);  // the search finds them when they are there

    AsbCase out = without_personal_data(c);
    for (const auto& s : all_strings(out)) {
        EXPECT_EQ(s.find("Quixotic"), std::string::npos) << s;
        EXPECT_EQ(s.find("quixotic"), std::string::npos) << s;
        EXPECT_EQ(s.find("QX"), std::string::npos) << s;
    }
    EXPECT_EQ(out.victim.name, "[removed]");
    EXPECT_EQ(out.applicant.email, "[removed]");
    EXPECT_EQ(out.complaints[0].description, "[removed]");
    EXPECT_EQ(out.letters[0].body.size(), 1u);
    EXPECT_EQ(out.letters[0].body[0].text, "[removed]");
    EXPECT_EQ(out.actions[1].action, "[removed]");
    // Nothing recorded stays empty.
    AsbCase plain = received_case();
    EXPECT_EQ(without_personal_data(plain).applicant.name, "");
    EXPECT_EQ(without_personal_data(plain).threshold_reasons, "");
}

TEST(AsbCasePersonalData, WithoutPersonalDataKeepsWhatIsCounted) {
    AsbCase c = case_full_of_personal_data();
    AsbCase out = without_personal_data(c);
    EXPECT_EQ(out.reference, c.reference);
    EXPECT_EQ(out.district_code, c.district_code);
    EXPECT_EQ(out.channel, c.channel);
    EXPECT_EQ(out.received, c.received);
    EXPECT_EQ(out.third_party, c.third_party);
    EXPECT_EQ(out.victim_consent, c.victim_consent);
    EXPECT_EQ(out.facts, c.facts);
    EXPECT_EQ(out.threshold, c.threshold);
    EXPECT_EQ(out.lead_agency_id, c.lead_agency_id);
    EXPECT_EQ(out.information_returns, c.information_returns);
    EXPECT_EQ(out.panel_date, c.panel_date);
    EXPECT_EQ(out.panel_agency_ids, c.panel_agency_ids);
    EXPECT_EQ(out.panel_outcome, c.panel_outcome);
    ASSERT_EQ(out.actions.size(), c.actions.size());
    EXPECT_EQ(out.actions[0].due, c.actions[0].due);
    EXPECT_EQ(out.actions[0].owner_agency_id, c.actions[0].owner_agency_id);
    ASSERT_EQ(out.letters.size(), c.letters.size());
    EXPECT_EQ(out.letters[2].kind, LetterKind::e);
    EXPECT_EQ(out.letters[2].dated, c.letters[2].dated);
    EXPECT_EQ(out.letters[2].signed_by_agency_id, c.letters[2].signed_by_agency_id);
    EXPECT_EQ(out.appeal->lodged_on, c.appeal->lodged_on);
    EXPECT_EQ(out.appeal->inspector, c.appeal->inspector);
    // The same incident and the same reporter keep one numbered name each.
    EXPECT_EQ(out.complaints[0].incident, "incident 1");
    EXPECT_EQ(out.complaints[2].incident, "incident 1");
    EXPECT_EQ(out.complaints[1].incident, "incident 2");
    EXPECT_EQ(out.complaints[0].reporter, out.complaints[2].reporter);
    EXPECT_NE(out.complaints[0].reporter, out.complaints[1].reporter);
    for (std::size_t i = 0; i < c.complaints.size(); ++i) {
        EXPECT_EQ(out.complaints[i].behaviour_date, c.complaints[i].behaviour_date);
        EXPECT_EQ(out.complaints[i].reported_date, c.complaints[i].reported_date);
        EXPECT_EQ(out.complaints[i].reported_to, c.complaints[i].reported_to);
    }
    // So the threshold comes out the same.
    ThresholdDecision before = assess_threshold(c.received, c.complaints);
    ThresholdDecision after = assess_threshold(out.received, out.complaints);
    EXPECT_EQ(after.threshold_met, before.threshold_met);
    EXPECT_EQ(after.qualifying, before.qualifying);
    EXPECT_EQ(after.reporters, before.reporters);
    EXPECT_EQ(stage_of(out), stage_of(c));
}

TEST(AsbCasePersonalData, AnonymisedCaseStaysValid) {
    AsbCase c = case_full_of_personal_data();
    c.appeal.reset();
    c.closed_on = day("2022-09-01");
    AsbCase a = anonymised(c, day("2028-09-01"));
    EXPECT_EQ(a.anonymised_on, day("2028-09-01"));
    EXPECT_EQ(a.victim.name, "[removed]");
    EXPECT_EQ(invalid_field(a), "");
    EXPECT_EQ(stage_of(a), CaseStage::closed);
}

TEST(AsbCasePersonalData, DueForAnonymisation) {
    AsbCase c = received_case();
    EXPECT_FALSE(due_for_anonymisation(c, day("2040-01-01"), 72));  // never closed
    c.closed_on = day("2019-01-31");
    EXPECT_FALSE(due_for_anonymisation(c, day("2025-01-30"), 72));
    EXPECT_TRUE(due_for_anonymisation(c, day("2025-01-31"), 72));
    EXPECT_TRUE(due_for_anonymisation(c, day("2025-06-01"), 72));
    // Calendar months: 31 August plus 6 months is the end of February.
    c.closed_on = day("2023-08-31");
    EXPECT_FALSE(due_for_anonymisation(c, day("2024-02-28"), 6));
    EXPECT_TRUE(due_for_anonymisation(c, day("2024-02-29"), 6));
    c.anonymised_on = day("2024-03-01");
    EXPECT_FALSE(due_for_anonymisation(c, day("2024-03-02"), 6));
}

TEST(ReviewPanelAgencies, AlwaysTheCouncilPoliceAndHousing) {
    auto r = required_panel_agencies(CaseFacts{});
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].kind, AgencyKind::district_council);
    EXPECT_EQ(r[1].kind, AgencyKind::police);
    EXPECT_EQ(r[2].kind, AgencyKind::housing_provider);
    for (const auto& x : r) {
        EXPECT_EQ(x.why, "always");
    }
}

TEST(ReviewPanelAgencies, EachFactPromptsItsAgency) {
    CaseFacts health;
    health.drug_alcohol_or_mental_health = true;
    auto r = required_panel_agencies(health);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[3].kind, AgencyKind::health);
    EXPECT_EQ(r[3].why, "drug, alcohol or mental health issues");

    CaseFacts young_perpetrator;
    young_perpetrator.perpetrator_under_18 = true;
    r = required_panel_agencies(young_perpetrator);
    ASSERT_EQ(r.size(), 5u);
    EXPECT_EQ(r[3].kind, AgencyKind::youth_offending_team);
    EXPECT_EQ(r[3].why, "perpetrator under 18");
    EXPECT_EQ(r[4].kind, AgencyKind::childrens_services);
    EXPECT_EQ(r[4].why, "perpetrator under 18");

    CaseFacts young_victim;
    young_victim.victim_under_18 = true;
    r = required_panel_agencies(young_victim);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[3].kind, AgencyKind::childrens_services);
    EXPECT_EQ(r[3].why, "victim under 18");

    CaseFacts all{true, true, true};
    r = required_panel_agencies(all);
    ASSERT_EQ(r.size(), 6u);
    EXPECT_EQ(r[3].kind, AgencyKind::health);
    EXPECT_EQ(r[4].kind, AgencyKind::youth_offending_team);
    EXPECT_EQ(r[5].kind, AgencyKind::childrens_services);
    EXPECT_EQ(r[5].why, "victim and perpetrator under 18");
}

TEST(ReviewPanelAgencies, MissingAgenciesAreNamed) {
    const Agency norwich{kNorwichCouncil, "Norwich City Council", AgencyKind::district_council,
                         kNorwich};
    const Agency breckland{9, "Breckland Council", AgencyKind::district_council, kBreckland};
    const Agency police{kPolice, "Norfolk Constabulary", AgencyKind::police, ""};
    const Agency clarion{kClarion, "Clarion Housing", AgencyKind::housing_provider, ""};
    const Agency health{kHealth, "Norfolk and Suffolk NHS Foundation Trust", AgencyKind::health,
                        ""};

    AsbCase c = received_case();
    EXPECT_TRUE(missing_panel_agencies(c, {norwich, police, clarion}).empty());
    EXPECT_EQ(missing_panel_agencies(c, {breckland, police, clarion}),
              std::vector<std::string>{"The panel has no council of the case's district (always "
                                       "needed)"});
    EXPECT_EQ(missing_panel_agencies(c, {norwich, clarion}),
              std::vector<std::string>{"The panel has no police (always needed)"});

    c.facts.drug_alcohol_or_mental_health = true;
    EXPECT_EQ(missing_panel_agencies(c, {norwich, police, clarion}),
              std::vector<std::string>{"The panel has no health services (needed: drug, alcohol "
                                       "or mental health issues)"});
    EXPECT_TRUE(missing_panel_agencies(c, {health, clarion, police, norwich}).empty());

    c.facts.perpetrator_under_18 = true;
    EXPECT_EQ(missing_panel_agencies(c, {health, clarion, police, norwich}),
              (std::vector<std::string>{
                  "The panel has no Youth Offending Team (YOT) (needed: perpetrator under 18)",
                  "The panel has no children's services or school (needed: perpetrator under "
                  "18)"}));
    EXPECT_EQ(missing_panel_agencies(c, {}).size(), 6u);
}
