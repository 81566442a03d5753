// An ASB Case Review (the Community Trigger) as Norfolk runs it (SPEC §6; Norfolk ASB Case
// Review guidance, steps 1-7; docs/asb-case-review.md): the application and who made it, the
// reported incidents, and each step as it is recorded. What stage a case is at is worked out
// from what has been recorded, never stored.
//
// Personal data (may_see_case_personal_data): the victim's and applicant's names and contact
// details, the incidents' descriptions and reference numbers, the case summary, the letters'
// text. Everything else (district, dates, outcomes, agencies) is what the statistics count and
// is kept when a case is anonymised.
//
// Ids are the store's; 0 means "not stored yet".
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/calendar_date.hpp"
#include "scrutineer/qualifying_complaint.hpp"

namespace scrutineer {

// How the application came in. The 2022 review found the web form was the only route; staff
// enter the others for the applicant.
enum class ApplicationChannel { web_form, telephone, letter, email, reception };
const char* to_string(ApplicationChannel c);  // "web_form", ...
const char* label(ApplicationChannel c);      // "Web form", "Telephone", ...
std::optional<ApplicationChannel> parse_application_channel(std::string_view text);

enum class AgencyKind {
    district_council,
    police,
    housing_provider,
    health,
    youth_offending_team,
    childrens_services,
    county_council,
    other,
};
const char* to_string(AgencyKind k);  // "district_council", ...
const char* label(AgencyKind k);      // "District council", "Police", "Housing provider", ...
std::optional<AgencyKind> parse_agency_kind(std::string_view text);

// An organisation that takes part in case reviews.
struct Agency {
    int64_t id = 0;
    std::string name;  // "Norwich City Council", "Norfolk Constabulary"
    AgencyKind kind = AgencyKind::other;
    std::string district_code;  // a district council's ONS code; empty for the others
};

// Who a district's applications go to, and the contact details its letters give.
struct CaseReviewContact {
    std::string district_code;  // E07000148
    std::string district_name;  // Norwich
    std::string council_name;   // Norwich City Council
    std::string spoc_name;      // the single point of contact
    std::string spoc_title;
    std::string spoc_phone;
    std::string spoc_email;
    std::string asb_team_phone;  // "(insert name of Council) ASB Team on XXXX"
    std::string opt_inspector;   // who appeals go to: "Inspector Matthew Wakefield"
};

// A person named on a case (personal data).
struct Person {
    std::string name;
    std::string address;
    std::string postcode;
    std::string phone;
    std::string email;

    bool operator==(const Person&) const = default;
};

// The facts that decide which agencies the review panel needs (step 5).
struct CaseFacts {
    bool drug_alcohol_or_mental_health = false;  // health services
    bool perpetrator_under_18 = false;           // YOT, and children's services / school
    bool victim_under_18 = false;                // children's services / school

    bool operator==(const CaseFacts&) const = default;
};

enum class ThresholdOutcome {
    undecided,
    met,                     // letter C(ii)
    not_met,                 // letter B
    review_below_threshold,  // not met, but a review is triggered: letter C(i)
};
const char* to_string(ThresholdOutcome o);
const char* label(ThresholdOutcome o);  // "Threshold met", "Threshold not met", ...
std::optional<ThresholdOutcome> parse_threshold_outcome(std::string_view text);

// The guidance's grounds for a review below the threshold (letter C(i)).
enum class ReviewGround { persistence, harm, adequacy_of_response };
const char* to_string(ReviewGround g);
// "The persistence of the anti-social behaviour about which the original complaint was made",
// "The harm caused, or the potential of harm to be caused, by the behaviour", "The adequacy of
// the response to that behaviour" (the letter's words).
const char* label(ReviewGround g);
std::optional<ReviewGround> parse_review_ground(std::string_view text);

enum class PanelOutcome { undecided, no_further_action /* letter D */, action_plan /* E */ };
const char* to_string(PanelOutcome o);
const char* label(PanelOutcome o);
std::optional<PanelOutcome> parse_panel_outcome(std::string_view text);

// An agency asked for its information on the case (step 3: within 5 working days).
struct InformationReturn {
    int64_t agency_id = 0;
    std::optional<CalendarDate> returned_on;

    bool operator==(const InformationReturn&) const = default;
};

// An action the panel agreed (step 6), monitored until complete.
struct CaseAction {
    int64_t id = 0;
    std::string action;  // personal data may appear in it
    int64_t owner_agency_id = 0;
    CalendarDate due;
    std::optional<CalendarDate> completed_on;

    bool operator==(const CaseAction&) const = default;
};

enum class LetterKind { a, b, c_i, c_ii, d, e };
const char* to_string(LetterKind k);  // "a", "b", "c_i", "c_ii", "d", "e"
const char* label(LetterKind k);      // "Letter A", "Letter C(i)", ...
// The template's title: "Acknowledgement", "Threshold not met", "Threshold not met – but case
// review triggered", "Threshold met", "Review panel outcome – no further action", "Review panel
// outcome – further action".
const char* title(LetterKind k);
std::optional<LetterKind> parse_letter_kind(std::string_view text);

// A block of a letter's text.
struct LetterBlock {
    enum class Kind { paragraph, bullet } kind = Kind::paragraph;
    std::string text;

    bool operator==(const LetterBlock&) const = default;
};

// A letter as it was sent: kept on the case as written, whatever changes on the case later.
struct CaseLetter {
    int64_t id = 0;
    LetterKind kind = LetterKind::a;
    CalendarDate dated;
    std::string addressee;          // "Ms Jane Doe" (personal data)
    std::string address;            // (personal data)
    std::string salutation;         // "Dear Ms Doe" (personal data)
    std::vector<LetterBlock> body;  // (personal data)
    std::string signed_by_name;
    std::string signed_by_title;
    int64_t signed_by_agency_id = 0;
    std::string signed_by_organisation;

    bool operator==(const CaseLetter&) const = default;
};

enum class AppealAgainst { threshold_decision, review };
const char* to_string(AppealAgainst a);
const char* label(AppealAgainst a);
std::optional<AppealAgainst> parse_appeal_against(std::string_view text);

enum class AppealOutcome { undecided, upheld, not_upheld };
const char* to_string(AppealOutcome o);
const char* label(AppealOutcome o);
std::optional<AppealOutcome> parse_appeal_outcome(std::string_view text);

// Step 7: the appeal goes to the OPT inspector, who refers it to another district's team for
// an independent review and notifies the PCC's office of the decision.
struct Appeal {
    CalendarDate lodged_on;
    AppealAgainst against = AppealAgainst::review;
    std::string grounds;                       // personal data
    std::optional<CalendarDate> escalated_on;  // to the OPT inspector
    std::string inspector;
    std::string referred_to_district_code;  // never the case's own district
    std::optional<CalendarDate> referred_on;
    AppealOutcome outcome = AppealOutcome::undecided;
    std::optional<CalendarDate> decided_on;
    std::string decision_notes;
    std::optional<CalendarDate> pcc_notified_on;  // the PCC's office told of the decision

    bool operator==(const Appeal&) const = default;
};

struct AsbCase {
    int64_t id = 0;
    std::string reference;  // "ASB-2025-0007", given by the store
    std::string district_code;
    ApplicationChannel channel = ApplicationChannel::web_form;
    CalendarDate received;   // the day the application was received (the clocks start here)
    std::string entered_by;  // the staff member who entered it; "public" for the web form

    Person victim;
    bool third_party = false;            // made by someone else for the victim
    Person applicant;                    // the third party (empty when the victim applied)
    std::string applicant_relationship;  // "daughter", "ward councillor"
    bool victim_consent = false;         // recorded consent: required for a third party
    std::string summary;                 // the problem in the applicant's words (personal data)
    CaseFacts facts;
    std::vector<Complaint> complaints;

    // Step 2: the threshold decision (its letter, B, C(i) or C(ii), records the date).
    ThresholdOutcome threshold = ThresholdOutcome::undecided;
    std::set<ReviewGround> review_grounds;  // for a review below the threshold
    std::string threshold_reasons;          // letter B's reasons, C(i)'s explanation

    // Step 3: the lead agency, and its independence from the case's past handling.
    std::optional<int64_t> lead_agency_id;
    std::string lead_agency_independence;
    std::optional<CalendarDate> lead_agency_appointed_on;
    std::optional<CalendarDate> information_requested_on;
    std::vector<InformationReturn> information_returns;

    // Step 4.
    std::optional<CalendarDate> initial_review_received_on;

    // Step 5: the multi-agency panel and its independent peer reviewer.
    std::optional<CalendarDate> panel_date;
    std::vector<int64_t> panel_agency_ids;
    std::optional<int64_t> peer_reviewer_id;
    PanelOutcome panel_outcome = PanelOutcome::undecided;
    std::string panel_findings;  // letter D's overview of the action taken (personal data)
    std::vector<CaseAction> actions;

    // The applicant told the review will take longer than 30 working days.
    std::optional<CalendarDate> longer_review_notified_on;

    std::vector<CaseLetter> letters;  // as sent, oldest first
    std::optional<Appeal> appeal;
    std::optional<CalendarDate> closed_on;
    std::optional<CalendarDate> anonymised_on;
};

// A case that breaks a rule: `field` names the member ("victim_consent", "complaints[2]");
// what() says "field 'victim_consent': ...".
struct CaseInvalid : std::invalid_argument {
    std::string field;
    std::string problem;
    CaseInvalid(std::string field_, std::string problem_);
};

// Throws CaseInvalid for the first broken rule: a district; a victim's name (unless
// anonymised); a third party's name, relationship and the victim's recorded consent; at least one
// complaint, each without a complaint_problem; steps in order (nothing dated before receipt,
// a panel outcome only after a panel date, ...); an appeal referred to another district.
void validate(const AsbCase& c);

// The first letter of that kind, if sent.
const CaseLetter* letter_of(const AsbCase& c, LetterKind kind);
// The threshold decision letter (B, C(i) or C(ii)) and the outcome letter (D or E), if sent.
const CaseLetter* threshold_letter(const AsbCase& c);
const CaseLetter* outcome_letter(const AsbCase& c);
// The letter an appeal may be made against: the latest of B, D and E.
const CaseLetter* appealable_letter(const AsbCase& c);

// Whether a review is held: the threshold was met, or a review was triggered below it.
bool review_held(const AsbCase& c);

enum class CaseStage {
    awaiting_acknowledgement,     // received, letter A not yet sent
    awaiting_threshold_decision,  // acknowledged, no decision letter
    threshold_not_met,            // letter B sent: open for an appeal until closed
    review_under_way,             // review: information, initial review, panel
    awaiting_outcome_letter,      // panel decided, no letter D or E yet
    action_plan,                  // letter E sent, actions still open
    outcome_sent,                 // letter D sent, or letter E with every action complete
    appeal,                       // an appeal not yet decided
    closed,
};
const char* to_string(CaseStage s);
const char* label(CaseStage s);  // "Awaiting acknowledgement", ...
std::optional<CaseStage> parse_case_stage(std::string_view text);
inline constexpr CaseStage kCaseStages[] = {
    CaseStage::awaiting_acknowledgement,
    CaseStage::awaiting_threshold_decision,
    CaseStage::threshold_not_met,
    CaseStage::review_under_way,
    CaseStage::awaiting_outcome_letter,
    CaseStage::action_plan,
    CaseStage::outcome_sent,
    CaseStage::appeal,
    CaseStage::closed,
};

CaseStage stage_of(const AsbCase& c);

// The case with its personal data removed (names, contact details, descriptions, references,
// summary, grounds, letters' text and addressees, actions' text): what a role without
// may_see_case_personal_data is given, and what anonymisation keeps. Dates, district, channel,
// outcomes, agencies and letter kinds stay, so every statistic is the same afterwards.
// Removed text reads "[removed]" where something was recorded, empty where nothing was.
AsbCase without_personal_data(const AsbCase& c);

// Anonymised on `today`: without_personal_data, and anonymised_on set.
AsbCase anonymised(const AsbCase& c, CalendarDate today);

// A closed case whose personal data has been kept longer than the retention period: closed
// on or before `today` minus retention_months (calendar months), and not yet anonymised.
bool due_for_anonymisation(const AsbCase& c, CalendarDate today, int retention_months);

}  // namespace scrutineer
