#include "scrutineer/asb_case.hpp"

#include <map>

#include "scrutineer/enum_names.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<ApplicationChannel> kChannels[] = {
    {ApplicationChannel::web_form, "web_form", "Web form"},
    {ApplicationChannel::telephone, "telephone", "Telephone"},
    {ApplicationChannel::letter, "letter", "Letter"},
    {ApplicationChannel::email, "email", "Email"},
    {ApplicationChannel::reception, "reception", "Council reception"},
};

constexpr EnumName<AgencyKind> kAgencyKinds[] = {
    {AgencyKind::district_council, "district_council", "District council"},
    {AgencyKind::police, "police", "Police"},
    {AgencyKind::housing_provider, "housing_provider", "Housing provider"},
    {AgencyKind::health, "health", "Health services"},
    {AgencyKind::youth_offending_team, "youth_offending_team", "Youth Offending Team (YOT)"},
    {AgencyKind::childrens_services, "childrens_services", "Children's services or school"},
    {AgencyKind::county_council, "county_council", "County council"},
    {AgencyKind::other, "other", "Other agency"},
};

constexpr EnumName<ThresholdOutcome> kThresholdOutcomes[] = {
    {ThresholdOutcome::undecided, "undecided", "Threshold not yet decided"},
    {ThresholdOutcome::met, "met", "Threshold met"},
    {ThresholdOutcome::not_met, "not_met", "Threshold not met"},
    {ThresholdOutcome::review_below_threshold, "review_below_threshold",
     "Threshold not met – but case review triggered"},
};

constexpr EnumName<ReviewGround> kReviewGrounds[] = {
    {ReviewGround::persistence, "persistence",
     "The persistence of the anti-social behaviour about which the original complaint was made"},
    {ReviewGround::harm, "harm",
     "The harm caused, or the potential of harm to be caused, by the behaviour"},
    {ReviewGround::adequacy_of_response, "adequacy_of_response",
     "The adequacy of the response to that behaviour"},
};

constexpr EnumName<PanelOutcome> kPanelOutcomes[] = {
    {PanelOutcome::undecided, "undecided", "Not yet decided"},
    {PanelOutcome::no_further_action, "no_further_action", "No further action"},
    {PanelOutcome::action_plan, "action_plan", "Action plan"},
};

struct LetterName {
    LetterKind value;
    const char* code;
    const char* label;
    const char* title;
};

constexpr LetterName kLetterKinds[] = {
    {LetterKind::a, "a", "Letter A", "Acknowledgement"},
    {LetterKind::b, "b", "Letter B", "Threshold not met"},
    {LetterKind::c_i, "c_i", "Letter C(i)", "Threshold not met – but case review triggered"},
    {LetterKind::c_ii, "c_ii", "Letter C(ii)", "Threshold met"},
    {LetterKind::d, "d", "Letter D", "Review panel outcome – no further action"},
    {LetterKind::e, "e", "Letter E", "Review panel outcome – further action"},
};

const LetterName& letter_entry(LetterKind k) {
    for (const auto& e : kLetterKinds)
        if (e.value == k) return e;
    return kLetterKinds[0];
}

constexpr EnumName<AppealAgainst> kAppealAgainst[] = {
    {AppealAgainst::threshold_decision, "threshold_decision", "The threshold decision"},
    {AppealAgainst::review, "review", "The case review's outcome"},
};

constexpr EnumName<AppealOutcome> kAppealOutcomes[] = {
    {AppealOutcome::undecided, "undecided", "Not yet decided"},
    {AppealOutcome::upheld, "upheld", "Upheld"},
    {AppealOutcome::not_upheld, "not_upheld", "Not upheld"},
};

constexpr EnumName<CaseStage> kCaseStageNames[] = {
    {CaseStage::awaiting_acknowledgement, "awaiting_acknowledgement", "Awaiting acknowledgement"},
    {CaseStage::awaiting_threshold_decision, "awaiting_threshold_decision",
     "Awaiting threshold decision"},
    {CaseStage::threshold_not_met, "threshold_not_met", "Threshold not met"},
    {CaseStage::review_under_way, "review_under_way", "Review under way"},
    {CaseStage::awaiting_outcome_letter, "awaiting_outcome_letter", "Awaiting outcome letter"},
    {CaseStage::action_plan, "action_plan", "Action plan being monitored"},
    {CaseStage::outcome_sent, "outcome_sent", "Outcome sent"},
    {CaseStage::appeal, "appeal", "Appeal"},
    {CaseStage::closed, "closed", "Closed"},
};

bool is_threshold_letter(LetterKind k) {
    return k == LetterKind::b || k == LetterKind::c_i || k == LetterKind::c_ii;
}
bool is_outcome_letter(LetterKind k) {
    return k == LetterKind::d || k == LetterKind::e;
}
bool is_appealable(LetterKind k) {
    return k == LetterKind::b || is_outcome_letter(k);
}

// The latest letter (by date; of two on one day the one recorded later) that passes `keep`.
template <class Keep>
const CaseLetter* latest_letter(const AsbCase& c, Keep keep) {
    const CaseLetter* found = nullptr;
    for (const auto& l : c.letters)
        if (keep(l.kind) && (found == nullptr || !(l.dated < found->dated))) found = &l;
    return found;
}

template <class Keep>
const CaseLetter* first_letter(const AsbCase& c, Keep keep) {
    for (const auto& l : c.letters)
        if (keep(l.kind)) return &l;
    return nullptr;
}

[[noreturn]] void invalid(std::string field, std::string problem) {
    throw CaseInvalid(std::move(field), std::move(problem));
}

void not_before(std::optional<CalendarDate> d, CalendarDate start, const std::string& field,
                const std::string& start_name) {
    if (d && *d < start)
        invalid(field, "dated " + to_string(*d) + ", before " + start_name + " (" +
                           to_string(start) + ")");
}

void check_people(const AsbCase& c) {
    if (c.district_code.empty()) invalid("district_code", "the case has no district");
    if (!c.anonymised_on) {
        if (c.victim.name.empty()) invalid("victim.name", "the victim's name is missing");
        if (c.third_party) {
            if (c.applicant.name.empty())
                invalid("applicant.name", "a third-party application needs the applicant's name");
            if (c.applicant_relationship.empty())
                invalid("applicant_relationship",
                        "a third-party application needs the applicant's relationship to the "
                        "victim");
        }
    }
    if (c.third_party && !c.victim_consent)
        invalid("victim_consent",
                "a third party may apply only with the victim's recorded consent");
}

void check_complaints(const AsbCase& c) {
    if (c.complaints.empty())
        invalid("complaints", "an application needs at least one reported incident");
    for (std::size_t i = 0; i < c.complaints.size(); ++i)
        if (auto problem = complaint_problem(c.complaints[i], c.received))
            invalid("complaints[" + std::to_string(i) + "]", *problem);
}

void check_threshold(const AsbCase& c) {
    if (c.threshold == ThresholdOutcome::review_below_threshold && c.review_grounds.empty())
        invalid("review_grounds",
                "a review below the threshold needs at least one ground (persistence, harm or "
                "adequacy of response)");
    if (c.threshold != ThresholdOutcome::review_below_threshold && !c.review_grounds.empty())
        invalid("review_grounds",
                "review grounds are recorded only for a review below the "
                "threshold");
    const bool held = review_held(c);
    if (!held) {
        if (c.lead_agency_id)
            invalid("lead_agency_id",
                    "a lead agency is appointed only for a "
                    "review");
        if (c.panel_date) invalid("panel_date", "a panel meets only for a review");
    }
}

void check_review(const AsbCase& c) {
    const CalendarDate r = c.received;
    const std::string receipt = "the application's receipt";
    if (c.lead_agency_appointed_on && !c.lead_agency_id)
        invalid("lead_agency_appointed_on", "an appointment date needs a lead agency");
    not_before(c.lead_agency_appointed_on, r, "lead_agency_appointed_on", receipt);
    not_before(c.information_requested_on, r, "information_requested_on", receipt);
    if (!c.information_returns.empty() && !c.information_requested_on)
        invalid("information_returns", "information is returned only after it was requested");
    for (std::size_t i = 0; i < c.information_returns.size(); ++i)
        if (c.information_requested_on)
            not_before(c.information_returns[i].returned_on, *c.information_requested_on,
                       "information_returns[" + std::to_string(i) + "]", "the request");
    not_before(c.initial_review_received_on, r, "initial_review_received_on", receipt);
    if (c.lead_agency_appointed_on)
        not_before(c.initial_review_received_on, *c.lead_agency_appointed_on,
                   "initial_review_received_on", "the lead agency's appointment");
    not_before(c.panel_date, r, "panel_date", receipt);
    if (c.panel_outcome != PanelOutcome::undecided && !c.panel_date)
        invalid("panel_outcome", "a panel outcome needs the panel's date");
    if (!c.actions.empty() && c.panel_outcome != PanelOutcome::action_plan)
        invalid("actions", "actions are agreed only when the panel's outcome is an action plan");
    for (std::size_t i = 0; i < c.actions.size(); ++i) {
        const auto& a = c.actions[i];
        const std::string f = "actions[" + std::to_string(i) + "]";
        if (a.action.empty() && !c.anonymised_on) invalid(f, "the action is not described");
        if (a.owner_agency_id == 0) invalid(f, "the action has no owner agency");
        if (c.panel_date) {
            not_before(a.due, *c.panel_date, f, "the panel");
            not_before(a.completed_on, *c.panel_date, f, "the panel");
        }
    }
    not_before(c.longer_review_notified_on, r, "longer_review_notified_on", receipt);
}

void check_letters(const AsbCase& c) {
    for (std::size_t i = 0; i < c.letters.size(); ++i) {
        const auto& l = c.letters[i];
        const std::string f = "letters[" + std::to_string(i) + "]";
        not_before(l.dated, c.received, f, "the application's receipt");
        const char* needs = nullptr;
        switch (l.kind) {
            case LetterKind::a:
                break;
            case LetterKind::b:
                if (c.threshold != ThresholdOutcome::not_met)
                    needs = "letter B needs the threshold decision 'not met'";
                break;
            case LetterKind::c_i:
                if (c.threshold != ThresholdOutcome::review_below_threshold)
                    needs = "letter C(i) needs a review triggered below the threshold";
                break;
            case LetterKind::c_ii:
                if (c.threshold != ThresholdOutcome::met)
                    needs = "letter C(ii) needs the threshold decision 'met'";
                break;
            case LetterKind::d:
                if (c.panel_outcome != PanelOutcome::no_further_action)
                    needs = "letter D needs the panel's outcome 'no further action'";
                break;
            case LetterKind::e:
                if (c.panel_outcome != PanelOutcome::action_plan)
                    needs = "letter E needs the panel's outcome 'action plan'";
                break;
        }
        if (needs) invalid(f, needs);
        if (is_outcome_letter(l.kind) && c.panel_date)
            not_before(l.dated, *c.panel_date, f, "the panel");
    }
}

void check_appeal(const AsbCase& c) {
    if (!c.appeal) return;
    const Appeal& a = *c.appeal;
    const CaseLetter* against =
        a.against == AppealAgainst::threshold_decision
            ? latest_letter(c, [](LetterKind k) { return k == LetterKind::b; })
            : latest_letter(c, is_outcome_letter);
    if (!against)
        invalid("appeal.against", a.against == AppealAgainst::threshold_decision
                                      ? "an appeal against the threshold decision needs letter B"
                                      : "an appeal against the review needs letter D or E");
    not_before(a.lodged_on, against->dated, "appeal.lodged_on", "the letter appealed against");
    not_before(a.escalated_on, a.lodged_on, "appeal.escalated_on", "the appeal");
    not_before(a.referred_on, a.lodged_on, "appeal.referred_on", "the appeal");
    if (!a.referred_to_district_code.empty() && a.referred_to_district_code == c.district_code)
        invalid("appeal.referred_to_district_code",
                "an appeal is referred to another district's team, not the case's own district (" +
                    c.district_code + ")");
    if (a.referred_on && a.referred_to_district_code.empty())
        invalid("appeal.referred_to_district_code", "a referral needs the district referred to");
    if (a.outcome != AppealOutcome::undecided && !a.decided_on)
        invalid("appeal.decided_on", "an appeal's outcome needs the date it was decided");
    if (a.outcome == AppealOutcome::undecided && a.decided_on)
        invalid("appeal.outcome", "a decision date needs the appeal's outcome");
    not_before(a.decided_on, a.lodged_on, "appeal.decided_on", "the appeal");
    if (a.pcc_notified_on && !a.decided_on)
        invalid("appeal.pcc_notified_on", "the PCC's office is notified of a decision");
    if (a.decided_on)
        not_before(a.pcc_notified_on, *a.decided_on, "appeal.pcc_notified_on", "the decision");
}

std::string removed(const std::string& s) {
    return s.empty() ? std::string{} : std::string{"[removed]"};
}

Person removed(const Person& p) {
    return Person{removed(p.name), removed(p.address), removed(p.postcode), removed(p.phone),
                  removed(p.email)};
}

// Equal names stay equal, different ones different: "reporter 1", "reporter 2", ...
class Pseudonyms {
  public:
    explicit Pseudonyms(std::string prefix) : prefix_(std::move(prefix)) {}
    std::string operator()(const std::string& name) {
        if (name.empty()) return name;
        auto [it, added] = names_.try_emplace(name, "");
        if (added) it->second = prefix_ + " " + std::to_string(names_.size());
        return it->second;
    }

  private:
    std::string prefix_;
    std::map<std::string, std::string> names_;
};

}  // namespace

const char* to_string(ApplicationChannel c) {
    return enum_entry(kChannels, c).code;
}
const char* label(ApplicationChannel c) {
    return enum_entry(kChannels, c).label;
}
std::optional<ApplicationChannel> parse_application_channel(std::string_view text) {
    return parse_enum(kChannels, text);
}

const char* to_string(AgencyKind k) {
    return enum_entry(kAgencyKinds, k).code;
}
const char* label(AgencyKind k) {
    return enum_entry(kAgencyKinds, k).label;
}
std::optional<AgencyKind> parse_agency_kind(std::string_view text) {
    return parse_enum(kAgencyKinds, text);
}

const char* to_string(ThresholdOutcome o) {
    return enum_entry(kThresholdOutcomes, o).code;
}
const char* label(ThresholdOutcome o) {
    return enum_entry(kThresholdOutcomes, o).label;
}
std::optional<ThresholdOutcome> parse_threshold_outcome(std::string_view text) {
    return parse_enum(kThresholdOutcomes, text);
}

const char* to_string(ReviewGround g) {
    return enum_entry(kReviewGrounds, g).code;
}
const char* label(ReviewGround g) {
    return enum_entry(kReviewGrounds, g).label;
}
std::optional<ReviewGround> parse_review_ground(std::string_view text) {
    return parse_enum(kReviewGrounds, text);
}

const char* to_string(PanelOutcome o) {
    return enum_entry(kPanelOutcomes, o).code;
}
const char* label(PanelOutcome o) {
    return enum_entry(kPanelOutcomes, o).label;
}
std::optional<PanelOutcome> parse_panel_outcome(std::string_view text) {
    return parse_enum(kPanelOutcomes, text);
}

const char* to_string(LetterKind k) {
    return letter_entry(k).code;
}
const char* label(LetterKind k) {
    return letter_entry(k).label;
}
const char* title(LetterKind k) {
    return letter_entry(k).title;
}
std::optional<LetterKind> parse_letter_kind(std::string_view text) {
    for (const auto& e : kLetterKinds)
        if (text == e.code) return e.value;
    return std::nullopt;
}

const char* to_string(AppealAgainst a) {
    return enum_entry(kAppealAgainst, a).code;
}
const char* label(AppealAgainst a) {
    return enum_entry(kAppealAgainst, a).label;
}
std::optional<AppealAgainst> parse_appeal_against(std::string_view text) {
    return parse_enum(kAppealAgainst, text);
}

const char* to_string(AppealOutcome o) {
    return enum_entry(kAppealOutcomes, o).code;
}
const char* label(AppealOutcome o) {
    return enum_entry(kAppealOutcomes, o).label;
}
std::optional<AppealOutcome> parse_appeal_outcome(std::string_view text) {
    return parse_enum(kAppealOutcomes, text);
}

const char* to_string(CaseStage s) {
    return enum_entry(kCaseStageNames, s).code;
}
const char* label(CaseStage s) {
    return enum_entry(kCaseStageNames, s).label;
}
std::optional<CaseStage> parse_case_stage(std::string_view text) {
    return parse_enum(kCaseStageNames, text);
}

CaseInvalid::CaseInvalid(std::string field_, std::string problem_)
    : std::invalid_argument("field '" + field_ + "': " + problem_),
      field(std::move(field_)),
      problem(std::move(problem_)) {}

void validate(const AsbCase& c) {
    check_people(c);
    check_complaints(c);
    check_threshold(c);
    check_review(c);
    check_letters(c);
    check_appeal(c);
    not_before(c.closed_on, c.received, "closed_on", "the application's receipt");
    if (c.anonymised_on && !c.closed_on)
        invalid("anonymised_on", "only a closed case is anonymised");
    if (c.closed_on) not_before(c.anonymised_on, *c.closed_on, "anonymised_on", "the closure");
}

const CaseLetter* letter_of(const AsbCase& c, LetterKind kind) {
    return first_letter(c, [kind](LetterKind k) { return k == kind; });
}

const CaseLetter* threshold_letter(const AsbCase& c) {
    return first_letter(c, is_threshold_letter);
}

const CaseLetter* outcome_letter(const AsbCase& c) {
    return first_letter(c, is_outcome_letter);
}

const CaseLetter* appealable_letter(const AsbCase& c) {
    return latest_letter(c, is_appealable);
}

bool review_held(const AsbCase& c) {
    return c.threshold == ThresholdOutcome::met ||
           c.threshold == ThresholdOutcome::review_below_threshold;
}

CaseStage stage_of(const AsbCase& c) {
    if (c.closed_on) return CaseStage::closed;
    if (c.appeal && c.appeal->outcome == AppealOutcome::undecided) return CaseStage::appeal;
    // The latest decision sent decides (an upheld appeal may lead to a later letter).
    const CaseLetter* decision = latest_letter(
        c, [](LetterKind k) { return is_threshold_letter(k) || is_outcome_letter(k); });
    if (decision) {
        switch (decision->kind) {
            case LetterKind::e:
                for (const auto& a : c.actions)
                    if (!a.completed_on) return CaseStage::action_plan;
                return CaseStage::outcome_sent;
            case LetterKind::d:
                return CaseStage::outcome_sent;
            case LetterKind::b:
                return CaseStage::threshold_not_met;
            default:  // C(i) or C(ii): a review
                return c.panel_outcome != PanelOutcome::undecided
                           ? CaseStage::awaiting_outcome_letter
                           : CaseStage::review_under_way;
        }
    }
    if (letter_of(c, LetterKind::a)) return CaseStage::awaiting_threshold_decision;
    return CaseStage::awaiting_acknowledgement;
}

AsbCase without_personal_data(const AsbCase& c) {
    AsbCase out = c;
    out.victim = removed(c.victim);
    out.applicant = removed(c.applicant);
    out.applicant_relationship = removed(c.applicant_relationship);
    out.summary = removed(c.summary);
    // Incidents and reporters keep their identity (the threshold counts distinct ones) under
    // numbered names: the ids people give are often names or addresses.
    Pseudonyms incidents("incident"), reporters("reporter");
    for (auto& complaint : out.complaints) {
        complaint.incident = incidents(complaint.incident);
        complaint.reporter = reporters(complaint.reporter);
        complaint.reference = removed(complaint.reference);
        complaint.description = removed(complaint.description);
    }
    out.threshold_reasons = removed(c.threshold_reasons);
    out.lead_agency_independence = removed(c.lead_agency_independence);
    out.panel_findings = removed(c.panel_findings);
    for (auto& a : out.actions) a.action = removed(a.action);
    for (auto& l : out.letters) {
        l.addressee = removed(l.addressee);
        l.address = removed(l.address);
        l.salutation = removed(l.salutation);
        if (!l.body.empty()) l.body = {LetterBlock{LetterBlock::Kind::paragraph, "[removed]"}};
    }
    if (out.appeal) {
        out.appeal->grounds = removed(c.appeal->grounds);
        out.appeal->decision_notes = removed(c.appeal->decision_notes);
    }
    return out;
}

AsbCase anonymised(const AsbCase& c, CalendarDate today) {
    AsbCase out = without_personal_data(c);
    out.anonymised_on = today;
    return out;
}

bool due_for_anonymisation(const AsbCase& c, CalendarDate today, int retention_months) {
    if (!c.closed_on || c.anonymised_on) return false;
    // Kept for the whole retention period: the period ran from the closure to the same day
    // `retention_months` calendar months later.
    return add_calendar_months(*c.closed_on, retention_months) <= today;
}

}  // namespace scrutineer
