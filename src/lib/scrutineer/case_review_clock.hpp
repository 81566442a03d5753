// The ASB Case Review clocks (Norfolk ASB Case Review guidance, steps 1-7;
// docs/asb-case-review.md). Working days are weekdays that are not England and Wales bank holidays;
// "within N working days of D" is on or before the Nth working day after D (working_day_clock.hpp).
//
//   acknowledgement (letter A)         5 working days of receipt
//   threshold decision (B, C(i), C(ii)) 10 working days of receipt
//   case information from agencies    5 working days of the request
//   lead agency's initial review      10 working days of the lead agency's appointment
//   outcome letter (D or E)           10 working days of the panel
//   whole review                      30 working days of receipt (notify the applicant if longer)
//   appeal                            21 days of the letter appealed against (B, D or E)
//
// The appeal window is a setting: the template letters say "within 21 days of the date of this
// letter", the FAQ says "21 working days of the receipt of your decision letter". Norfolk's
// letters are what applicants receive, so the default is 21 calendar days after the letter's
// date; an area that follows its FAQ sets working days.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/working_day_clock.hpp"

namespace scrutineer {

struct CaseReviewClockRules {
    int acknowledgement = 5;
    int threshold_decision = 10;
    int case_information = 5;
    int initial_review = 10;
    int outcome_letter = 10;
    int whole_review = 30;
    int appeal = 21;
    Counting appeal_counting = Counting::days_after;

    bool operator==(const CaseReviewClockRules&) const = default;
};

// The due dates from the dates given (what `scrutineer asb timeline` prints).
struct CaseReviewTimeline {
    Deadline acknowledgement_due;
    Deadline threshold_decision_due;
    Deadline review_expected_by;
    std::optional<Deadline> outcome_letter_due;  // with a panel date
    std::optional<Deadline> appeal_by;           // with an outcome letter's date
};
CaseReviewTimeline case_review_timeline(CalendarDate received, std::optional<CalendarDate> panel,
                                        std::optional<CalendarDate> outcome_letter,
                                        const CaseReviewClockRules& rules,
                                        const BankHolidays& holidays);

enum class CaseClock {
    acknowledgement,
    threshold_decision,
    case_information,
    initial_review,
    outcome_letter,
    whole_review,
    appeal,
};
const char* to_string(CaseClock c);  // "acknowledgement", ...
const char* label(CaseClock c);      // "Acknowledgement (letter A)", ...
std::optional<CaseClock> parse_case_clock(std::string_view text);
inline constexpr CaseClock kCaseClocks[] = {
    CaseClock::acknowledgement, CaseClock::threshold_decision, CaseClock::case_information,
    CaseClock::initial_review,  CaseClock::outcome_letter,     CaseClock::whole_review,
    CaseClock::appeal,
};

// One clock of a case: when it was due and when (if yet) the step was done.
//   acknowledgement     done: letter A's date
//   threshold_decision  done: the B, C(i) or C(ii) letter's date
//   case_information    from information_requested_on; done: the last agency's return (all in)
//   initial_review      from lead_agency_appointed_on; done: initial_review_received_on
//   outcome_letter      from panel_date; done: the D or E letter's date
//   whole_review        from receipt, only when a review is held; done: the D or E letter's date
//   appeal              from the latest B, D or E letter; done: the appeal's lodged_on (an
//                       appeal lodged after it is out of time; no appeal is not "missed")
struct ClockReading {
    CaseClock clock = CaseClock::acknowledgement;
    Deadline deadline;
    std::optional<CalendarDate> done_on;
};

// The clocks that have started on the case, in kCaseClocks order.
std::vector<ClockReading> case_clocks(const AsbCase& c, const CaseReviewClockRules& rules,
                                      const BankHolidays& holidays);

enum class ClockState {
    due,      // not done, today is on or before the due date
    overdue,  // not done, today is after the due date
    met,      // done on or before the due date
    missed,   // done after the due date
};
const char* to_string(ClockState s);
const char* label(ClockState s);  // "Due", "Overdue", "Met", "Missed"
// The appeal clock is never overdue: when it has passed without an appeal its state is met
// (the window has closed).
ClockState state_on(const ClockReading& r, CalendarDate today);

}  // namespace scrutineer
