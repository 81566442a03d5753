#include "scrutineer/case_review_clock.hpp"

#include "scrutineer/enum_names.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<CaseClock> kClockNames[] = {
    {CaseClock::acknowledgement, "acknowledgement", "Acknowledgement (letter A)"},
    {CaseClock::threshold_decision, "threshold_decision",
     "Threshold decision (letter B, C(i) or C(ii))"},
    {CaseClock::case_information, "case_information", "Case information from the agencies"},
    {CaseClock::initial_review, "initial_review", "Lead agency's initial review"},
    {CaseClock::outcome_letter, "outcome_letter", "Outcome letter (D or E)"},
    {CaseClock::whole_review, "whole_review", "Whole review"},
    {CaseClock::appeal, "appeal", "Appeal"},
};

constexpr EnumName<ClockState> kStateNames[] = {
    {ClockState::due, "due", "Due"},
    {ClockState::overdue, "overdue", "Overdue"},
    {ClockState::met, "met", "Met"},
    {ClockState::missed, "missed", "Missed"},
};

Deadline in_working_days(CalendarDate from, int n, const BankHolidays& holidays) {
    return working_days_after(from, n, holidays);
}

}  // namespace

CaseReviewTimeline case_review_timeline(CalendarDate received, std::optional<CalendarDate> panel,
                                        std::optional<CalendarDate> outcome_letter,
                                        const CaseReviewClockRules& rules,
                                        const BankHolidays& holidays) {
    CaseReviewTimeline t{in_working_days(received, rules.acknowledgement, holidays),
                         in_working_days(received, rules.threshold_decision, holidays),
                         in_working_days(received, rules.whole_review, holidays), std::nullopt,
                         std::nullopt};
    if (panel) t.outcome_letter_due = in_working_days(*panel, rules.outcome_letter, holidays);
    if (outcome_letter)
        t.appeal_by = deadline(rules.appeal_counting, *outcome_letter, rules.appeal, holidays);
    return t;
}

const char* to_string(CaseClock c) {
    return enum_entry(kClockNames, c).code;
}
const char* label(CaseClock c) {
    return enum_entry(kClockNames, c).label;
}
std::optional<CaseClock> parse_case_clock(std::string_view text) {
    return parse_enum(kClockNames, text);
}

std::vector<ClockReading> case_clocks(const AsbCase& c, const CaseReviewClockRules& rules,
                                      const BankHolidays& holidays) {
    std::vector<ClockReading> out;
    auto letter_date = [](const CaseLetter* l) -> std::optional<CalendarDate> {
        if (!l) return std::nullopt;
        return l->dated;
    };
    const CaseLetter* outcome = outcome_letter(c);

    out.push_back({CaseClock::acknowledgement,
                   in_working_days(c.received, rules.acknowledgement, holidays),
                   letter_date(letter_of(c, LetterKind::a))});
    out.push_back({CaseClock::threshold_decision,
                   in_working_days(c.received, rules.threshold_decision, holidays),
                   letter_date(threshold_letter(c))});
    if (c.information_requested_on) {
        // Done when every agency asked has returned its information: on the last return.
        std::optional<CalendarDate> all_in;
        bool complete = !c.information_returns.empty();
        for (const auto& r : c.information_returns) {
            if (!r.returned_on) {
                complete = false;
                break;
            }
            if (!all_in || *all_in < *r.returned_on) all_in = r.returned_on;
        }
        out.push_back(
            {CaseClock::case_information,
             in_working_days(*c.information_requested_on, rules.case_information, holidays),
             complete ? all_in : std::nullopt});
    }
    if (c.lead_agency_appointed_on)
        out.push_back({CaseClock::initial_review,
                       in_working_days(*c.lead_agency_appointed_on, rules.initial_review, holidays),
                       c.initial_review_received_on});
    if (c.panel_date)
        out.push_back({CaseClock::outcome_letter,
                       in_working_days(*c.panel_date, rules.outcome_letter, holidays),
                       letter_date(outcome)});
    if (review_held(c))
        out.push_back({CaseClock::whole_review,
                       in_working_days(c.received, rules.whole_review, holidays),
                       letter_date(outcome)});
    if (const CaseLetter* appealable = appealable_letter(c)) {
        std::optional<CalendarDate> lodged;
        if (c.appeal) lodged = c.appeal->lodged_on;
        out.push_back({CaseClock::appeal,
                       deadline(rules.appeal_counting, appealable->dated, rules.appeal, holidays),
                       lodged});
    }
    return out;
}

const char* to_string(ClockState s) {
    return enum_entry(kStateNames, s).code;
}
const char* label(ClockState s) {
    return enum_entry(kStateNames, s).label;
}

ClockState state_on(const ClockReading& r, CalendarDate today) {
    if (r.done_on) return *r.done_on <= r.deadline.due ? ClockState::met : ClockState::missed;
    if (today <= r.deadline.due) return ClockState::due;
    // An appeal window that has closed without an appeal is not a step missed.
    return r.clock == CaseClock::appeal ? ClockState::met : ClockState::overdue;
}

}  // namespace scrutineer
