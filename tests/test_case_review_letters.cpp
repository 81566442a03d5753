// Letters A to E as the Norfolk templates word them, their blanks filled from the case (dates,
// names, reasons, grounds, the action plan, the appeal date and who to), and the decision letter
// signer rule.
#include <gtest/gtest.h>

#include <stdexcept>

#include "case_review_sample.hpp"
#include "scrutineer/case_review_letters.hpp"
#include "scrutineer/decision_letter_signer.hpp"

using namespace scrutineer;
using namespace scrutineer::test;

namespace {

CaseReviewContact norwich_contact() {
    CaseReviewContact k;
    k.district_code = kNorwich;
    k.district_name = "Norwich";
    k.council_name = "Norwich City Council";
    k.spoc_name = "Alex Smith";
    k.spoc_title = "ASB Case Review Coordinator";
    k.spoc_phone = "01603 212121";
    k.spoc_email = "asb@norwich.example";
    k.asb_team_phone = "0344 980 3333";
    k.opt_inspector = "Inspector Matthew Wakefield";
    return k;
}

LetterContext context(const char* dated) {
    LetterContext ctx;
    ctx.dated = day(dated);
    ctx.contact = norwich_contact();
    ctx.signer = LetterSigner{"Alex Smith", "ASB Case Review Coordinator", kNorwichCouncil,
                              "Norwich City Council"};
    ctx.agency_names = {{kNorwichCouncil, "Norwich City Council"},
                        {kPolice, "Norfolk Constabulary"},
                        {kClarion, "Clarion Housing"}};
    ctx.holidays = england_and_wales();
    return ctx;
}

std::vector<std::string> texts(const CaseLetter& l, LetterBlock::Kind kind) {
    std::vector<std::string> out;
    for (const auto& b : l.body)
        if (b.kind == kind) out.push_back(b.text);
    return out;
}

std::string whole_text(const CaseLetter& l) {
    std::string out;
    for (const auto& b : l.body) out += b.text + "\n";
    return out;
}

bool has(const CaseLetter& l, const std::string& text) {
    return whole_text(l).find(text) != std::string::npos;
}

// The message compose_letter throws, or "".
std::string refusal(const AsbCase& c, LetterKind kind, const LetterContext& ctx) {
    try {
        compose_letter(c, kind, ctx);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

AsbCase not_met_case() {
    AsbCase c = received_case();
    c.threshold = ThresholdOutcome::not_met;
    c.threshold_reasons =
        "Only two of the incidents were reported within one month of the behaviour\n"
        "- The third incident was reported more than six months before the application";
    return c;
}

AsbCase below_threshold_case() {
    AsbCase c = received_case();
    c.threshold = ThresholdOutcome::review_below_threshold;
    c.review_grounds = {ReviewGround::harm, ReviewGround::persistence};
    c.threshold_reasons = "The victim is vulnerable and the behaviour has gone on for a year.";
    return c;
}

AsbCase no_further_action_case() {
    AsbCase c = action_plan_case();
    c.letters.pop_back();
    c.actions.clear();
    c.panel_outcome = PanelOutcome::no_further_action;
    c.panel_findings =
        "The police issued a Community Protection Warning\n"
        "Clarion Housing served a notice of seeking possession";
    return c;
}

}  // namespace

TEST(CaseReviewLetters, Heading) {
    EXPECT_STREQ(letter_heading(),
                 "ANTI-SOCIAL BEHAVIOUR, CRIME AND POLICING ACT 2014 ANTI-SOCIAL BEHAVIOUR (ASB) "
                 "CASE REVIEW");
}

TEST(CaseReviewLetters, LetterAAcknowledgement) {
    CaseLetter l = compose_letter(received_case(), LetterKind::a, context("2022-06-10"));
    EXPECT_EQ(l.kind, LetterKind::a);
    EXPECT_EQ(l.dated, day("2022-06-10"));
    EXPECT_EQ(l.addressee, "Ms Ada Lovelace");
    EXPECT_EQ(l.address, "1 Analytical Row, Norwich\nNR1 1AA");
    EXPECT_EQ(l.salutation, "Dear Ms Ada Lovelace");
    EXPECT_EQ(l.signed_by_name, "Alex Smith");
    EXPECT_EQ(l.signed_by_title, "ASB Case Review Coordinator");
    EXPECT_EQ(l.signed_by_organisation, "Norwich City Council");
    EXPECT_EQ(l.signed_by_agency_id, kNorwichCouncil);
    ASSERT_EQ(l.body.size(), 3u);
    EXPECT_EQ(l.body[0].text,
              "I write to confirm receipt of your application for an Anti-Social Behaviour Case "
              "Review to be conducted in respect of the anti-social behaviour you are "
              "experiencing as you are concerned that effective action has not been taken.");
    // Received Thursday 9 June 2022: the 10th working day after is Thursday 23 June.
    EXPECT_EQ(l.body[1].text,
              "Alex Smith, ASB Case Review Coordinator, will be contacting you within 10 working "
              "days, by 23 June 2022, to confirm whether your request has met the threshold.");
    EXPECT_EQ(l.body[2].text,
              "If you wish to report any further incidents of Anti-Social Behaviour these can be "
              "reported by either phoning Norfolk Police on 101 or the Norwich City Council ASB "
              "Team on 0344 980 3333, but in an emergency always dial 999.");
}

TEST(CaseReviewLetters, LetterAOverChristmas) {
    AsbCase c = received_case();
    c.received = day("2022-12-20");
    CaseLetter l = compose_letter(c, LetterKind::a, context("2022-12-21"));
    // 10 working days from Tue 20 Dec 2022, skipping 26-27 Dec and 2 Jan: Fri 6 Jan 2023.
    EXPECT_TRUE(has(l, "within 10 working days, by 6 January 2023,")) << whole_text(l);
}

TEST(CaseReviewLetters, ThirdPartyApplicationGoesToTheApplicant) {
    AsbCase c = received_case();
    c.third_party = true;
    c.victim_consent = true;
    c.applicant = Person{"Mr Charles Babbage", "2 Engine Street, Norwich", "", "", ""};
    c.applicant_relationship = "ward councillor";
    CaseLetter l = compose_letter(c, LetterKind::a, context("2022-06-10"));
    EXPECT_EQ(l.addressee, "Mr Charles Babbage");
    EXPECT_EQ(l.address, "2 Engine Street, Norwich");
    EXPECT_EQ(l.salutation, "Dear Mr Charles Babbage");
}

TEST(CaseReviewLetters, LetterBThresholdNotMet) {
    LetterContext ctx = context("2022-06-20");
    ctx.signer =
        LetterSigner{"Sergeant Pat Jones", "OPT Sergeant", kPolice, "Norfolk Constabulary"};
    CaseLetter l = compose_letter(not_met_case(), LetterKind::b, ctx);
    EXPECT_EQ(l.body[0].text,
              "Thank you for your recent application dated 9 June 2022 for an ASB Case Review to "
              "be conducted in respect of the anti-social behaviour you are experiencing.");
    EXPECT_EQ(l.body[1].text,
              "I am writing to inform you that having considered your application we do not feel "
              "that it meets the threshold for the ASB Case Review to be conducted for the "
              "following reasons:");
    EXPECT_EQ(texts(l, LetterBlock::Kind::bullet),
              (std::vector<std::string>{
                  "Only two of the incidents were reported within one month of the behaviour",
                  "The third incident was reported more than six months before the "
                  "application"}));
    // 21 days after Monday 20 June 2022.
    EXPECT_TRUE(has(l,
                    "If you are dissatisfied with this outcome you have the right to appeal to "
                    "Inspector Matthew Wakefield within 21 days of the date of this letter, "
                    "that is by 11 July 2022. A copy of this process is included with this "
                    "letter."))
        << whole_text(l);
    EXPECT_EQ(l.body.back().text,
              "If you wish to report any further incidents of Anti-Social Behaviour these can be "
              "reported by either contacting Norfolk Police on 101 or the Norwich City Council "
              "ASB Team on 0344 980 3333, but in an emergency always dial 999.");
    EXPECT_EQ(l.signed_by_name, "Sergeant Pat Jones");
}

TEST(CaseReviewLetters, AppealInWorkingDaysWhenTheAreaSaysSo) {
    LetterContext ctx = context("2022-06-20");
    ctx.clocks.appeal_counting = Counting::working_days_after;
    CaseLetter l = compose_letter(not_met_case(), LetterKind::b, ctx);
    // The 21st working day after Monday 20 June 2022 is Tuesday 19 July.
    EXPECT_TRUE(has(l,
                    "within 21 working days of the date of this letter, that is by 19 July "
                    "2022."))
        << whole_text(l);
}

TEST(CaseReviewLetters, LetterCiReviewBelowTheThreshold) {
    CaseLetter l = compose_letter(below_threshold_case(), LetterKind::c_i, context("2022-06-20"));
    EXPECT_EQ(l.body[0].text,
              "Thank you for your recent application dated 9 June 2022 for an ASB Case Review to "
              "be conducted in respect of your anti-social behaviour case.");
    EXPECT_TRUE(has(l,
                    "although we do not feel that your application meets the qualifying "
                    "threshold, the following means that an ASB Case Review will be "
                    "conducted:"));
    EXPECT_EQ(texts(l, LetterBlock::Kind::bullet),
              (std::vector<std::string>{
                  "The persistence of the anti-social behaviour about which the original "
                  "complaint was made",
                  "The harm caused, or the potential of harm to be caused, by the behaviour"}));
    EXPECT_TRUE(has(l, "The victim is vulnerable and the behaviour has gone on for a year."));
    EXPECT_TRUE(has(l, "Therefore, the ASB Case Review process has commenced."));
    // 30 working days from Thursday 9 June 2022: Thursday 21 July.
    EXPECT_TRUE(has(l,
                    "It is anticipated that the review process will take 30 working days in "
                    "total, that is by 21 July 2022, although in more complex cases this may "
                    "be longer, in which circumstances you will be notified."))
        << whole_text(l);
    EXPECT_TRUE(has(l, "please do not hesitate to contact Alex Smith direct on 01603 212121."));
    EXPECT_FALSE(has(l, "appeal"));
}

TEST(CaseReviewLetters, LetterCiiThresholdMet) {
    AsbCase c = received_case();
    c.threshold = ThresholdOutcome::met;
    CaseLetter l = compose_letter(c, LetterKind::c_ii, context("2022-06-20"));
    EXPECT_EQ(l.body[0].text,
              "Thank you for your recent request dated 9 June 2022 to have your anti-social "
              "behaviour case considered for an ASB Case Review.");
    EXPECT_EQ(l.body[1].text,
              "I can confirm that having considered the details of your case it does meet with "
              "the previously determined threshold, and as such the ASB Case Review process has "
              "commenced.");
    EXPECT_TRUE(has(l, "Further information will now be sought from relevant partners"));
    EXPECT_TRUE(has(l, "30 working days in total, that is by 21 July 2022"));
    EXPECT_TRUE(has(l, "contact Alex Smith direct on 01603 212121."));
    EXPECT_TRUE(texts(l, LetterBlock::Kind::bullet).empty());
}

TEST(CaseReviewLetters, LetterDNoFurtherAction) {
    CaseLetter l = compose_letter(no_further_action_case(), LetterKind::d, context("2022-07-14"));
    EXPECT_EQ(l.body[0].text,
              "I refer to my previous correspondence confirming to you that your ASB case had met "
              "the threshold to activate the ASB Case Review Process.");
    EXPECT_EQ(l.body[1].text,
              "I write to advise you that details of your case were reviewed by the ASB Case "
              "Review Panel at their meeting held on 7 July 2022. Having reviewed all of the "
              "information available to the Panel it was felt that relevant agencies had taken "
              "appropriate action to resolve the anti-social behaviour you were experiencing as "
              "follows:");
    EXPECT_EQ(texts(l, LetterBlock::Kind::bullet),
              (std::vector<std::string>{"The police issued a Community Protection Warning",
                                        "Clarion Housing served a notice of seeking possession"}));
    EXPECT_TRUE(has(l,
                    "The Review Panel have therefore concluded that no further action would "
                    "be taken in relation to this case."));
    // Signed by the council for the SPOC: "contact me directly".
    EXPECT_TRUE(has(l, "please do not hesitate to contact me directly on 01603 212121."));
    // The appeal goes to the OPT inspector (step 7), 21 days after Thursday 14 July 2022.
    EXPECT_TRUE(has(l,
                    "you have the right to appeal to Inspector Matthew Wakefield within 21 "
                    "days of the date of this letter, that is by 4 August 2022."))
        << whole_text(l);
    EXPECT_EQ(l.body.back().text,
              "If you wish to report any further incidents of Anti-Social Behaviour these can be "
              "reported by either contacting Norfolk Police on 101 or the Norwich City Council "
              "Anti-Social Behaviour team on 0344 980 3333, in an emergency always dial 999.");
    EXPECT_FALSE(has(l, "ant-social"));
    EXPECT_FALSE(has(l, "CSP Chair"));
}

TEST(CaseReviewLetters, LetterEActionPlan) {
    LetterContext ctx = context("2022-07-14");
    ctx.signer = LetterSigner{"Jo Brown", "Tenancy Manager", kClarion, "Clarion Housing"};
    CaseLetter l = compose_letter(action_plan_case(), LetterKind::e, ctx);
    EXPECT_TRUE(has(l,
                    "at the meeting held on 7 July 2022, resulting in the following action "
                    "plan being agreed by the agencies involved:"));
    EXPECT_EQ(texts(l, LetterBlock::Kind::bullet),
              (std::vector<std::string>{
                  "Install a doorbell camera (Clarion Housing, by 1 August 2022)",
                  "Visit the neighbour with a warning (Norfolk Constabulary, by 21 July 2022)"}));
    EXPECT_TRUE(has(l,
                    "You will soon be contacted directly by the agencies responsible for "
                    "delivering the action plan"));
    EXPECT_TRUE(has(l,
                    "This review will be concluded once the action plan has been fully "
                    "implemented"));
    // Someone other than the SPOC signs: the SPOC is named.
    EXPECT_TRUE(has(l, "please do not hesitate to contact Alex Smith directly on 01603 212121."));
    EXPECT_TRUE(has(l,
                    "appeal to Inspector Matthew Wakefield within 21 days of the date of this "
                    "letter, that is by 4 August 2022."));
    EXPECT_EQ(l.signed_by_organisation, "Clarion Housing");
}

TEST(CaseReviewLetters, LetterDAfterAReviewBelowTheThreshold) {
    AsbCase c = no_further_action_case();
    c.threshold = ThresholdOutcome::review_below_threshold;
    c.review_grounds = {ReviewGround::adequacy_of_response};
    CaseLetter l = compose_letter(c, LetterKind::d, context("2022-07-14"));
    EXPECT_EQ(l.body[0].text,
              "I refer to my previous correspondence confirming to you that an ASB Case Review "
              "would be conducted in respect of your ASB case.");
}

TEST(CaseReviewLetters, RefusedWhenTheCaseLacksWhatTheLetterNeeds) {
    EXPECT_EQ(refusal(received_case(), LetterKind::b, context("2022-06-20")),
              "Letter B needs the threshold decision 'not met'");
    AsbCase b = not_met_case();
    b.threshold_reasons = " \n";
    EXPECT_EQ(refusal(b, LetterKind::b, context("2022-06-20")),
              "Letter B needs the reasons the threshold was not met");
    AsbCase ci = below_threshold_case();
    ci.review_grounds.clear();
    EXPECT_EQ(refusal(ci, LetterKind::c_i, context("2022-06-20")),
              "Letter C(i) needs the grounds for a review below the threshold");
    EXPECT_EQ(refusal(received_case(), LetterKind::c_ii, context("2022-06-20")),
              "Letter C(ii) needs the threshold decision 'met'");
    AsbCase d = no_further_action_case();
    d.panel_date.reset();
    EXPECT_EQ(refusal(d, LetterKind::d, context("2022-07-14")),
              "Letter D needs the date of the review panel");
    EXPECT_EQ(refusal(no_further_action_case(), LetterKind::d, context("2022-07-06")),
              "Letter D needs a date on or after the panel (7 July 2022)");
    EXPECT_EQ(refusal(no_further_action_case(), LetterKind::e, context("2022-07-14")),
              "Letter E needs the panel's outcome 'action plan'");
    AsbCase e = action_plan_case();
    e.actions.clear();
    EXPECT_EQ(refusal(e, LetterKind::e, context("2022-07-14")),
              "Letter E needs at least one action in the action plan");
    EXPECT_EQ(refusal(received_case(), LetterKind::a, context("2022-06-08")),
              "Letter A needs a date on or after the application's receipt (9 June 2022), not 8 "
              "June 2022");
    LetterContext no_inspector = context("2022-06-20");
    no_inspector.contact.opt_inspector = "";
    EXPECT_EQ(refusal(not_met_case(), LetterKind::b, no_inspector),
              "Letter B needs the OPT inspector appeals go to");
    LetterContext no_phone = context("2022-06-10");
    no_phone.contact.asb_team_phone = "";
    EXPECT_EQ(refusal(received_case(), LetterKind::a, no_phone),
              "Letter A needs the district's council name and ASB team's telephone number");
    AsbCase e2 = action_plan_case();
    e2.actions[0].owner_agency_id = 99;
    EXPECT_EQ(refusal(e2, LetterKind::e, context("2022-07-14")),
              "Letter E needs the name of agency 99 (an action's owner)");
}

TEST(CaseReviewLetters, TheLeadAgencyMayNotSignADecisionLetter) {
    LetterContext ctx = context("2022-07-14");
    ctx.signer =
        LetterSigner{"Sergeant Pat Jones", "OPT Sergeant", kPolice, "Norfolk Constabulary"};
    EXPECT_EQ(refusal(action_plan_case(), LetterKind::e, ctx),
              "Letter E must be signed by an organisation other than the lead agency, Norfolk "
              "Constabulary");
    EXPECT_EQ(refusal(no_further_action_case(), LetterKind::d, ctx),
              "Letter D must be signed by an organisation other than the lead agency, Norfolk "
              "Constabulary");
}

TEST(DecisionLetterSigner, WhichLettersAreDecisions) {
    EXPECT_FALSE(is_decision_letter(LetterKind::a));
    for (auto k :
         {LetterKind::b, LetterKind::c_i, LetterKind::c_ii, LetterKind::d, LetterKind::e}) {
        EXPECT_TRUE(is_decision_letter(k)) << to_string(k);
    }
}

TEST(DecisionLetterSigner, EachLetterKind) {
    const std::string police = "Norfolk Constabulary";
    AsbCase c = action_plan_case();  // lead agency: the police
    // Letter A is the SPOC's acknowledgement: anyone may sign it.
    EXPECT_FALSE(signer_problem(c, LetterKind::a, kPolice, police));
    EXPECT_FALSE(signer_problem(c, LetterKind::a, 0, police));
    for (auto k :
         {LetterKind::b, LetterKind::c_i, LetterKind::c_ii, LetterKind::d, LetterKind::e}) {
        auto problem = signer_problem(c, k, kPolice, police);
        ASSERT_TRUE(problem) << to_string(k);
        EXPECT_EQ(*problem, std::string(label(k)) +
                                " must be signed by an organisation other than the lead agency, "
                                "Norfolk Constabulary");
        EXPECT_FALSE(signer_problem(c, k, kNorwichCouncil, police)) << to_string(k);
        EXPECT_FALSE(signer_problem(c, k, kClarion, police)) << to_string(k);
        EXPECT_TRUE(signer_problem(c, k, 0, police)) << to_string(k);
    }
    // Before a lead agency is appointed, threshold letters may be signed by anyone; outcome
    // letters need the lead agency known, so that the rule can be kept.
    AsbCase early = received_case();
    for (auto k : {LetterKind::b, LetterKind::c_i, LetterKind::c_ii}) {
        EXPECT_FALSE(signer_problem(early, k, kPolice, "")) << to_string(k);
    }
    for (auto k : {LetterKind::d, LetterKind::e}) {
        auto problem = signer_problem(early, k, kNorwichCouncil, "");
        ASSERT_TRUE(problem) << to_string(k);
        EXPECT_NE(problem->find("lead agency"), std::string::npos);
    }
    // Without the lead agency's name the message still says what is wrong.
    EXPECT_EQ(*signer_problem(c, LetterKind::d, kPolice, ""),
              "Letter D must be signed by an organisation other than the lead agency");
}
