// Letters A, B, C(i), C(ii), D and E of the Norfolk ASB Case Review guidance (Appendix 1),
// written from the case: the template's wording with its blanks filled (the application's date,
// the reasons, the panel's date, the action plan with owners and dates, the appeal details and
// the district ASB team's contact details). The letter is kept on the case as written.
#pragma once

#include <map>
#include <string>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/case_review_clock.hpp"

namespace scrutineer {

struct LetterSigner {
    std::string name;
    std::string title;
    int64_t agency_id = 0;
    std::string organisation;
};

struct LetterContext {
    CalendarDate dated;         // the letter's date
    CaseReviewContact contact;  // the district's SPOC and ASB team
    LetterSigner signer;
    std::map<int64_t, std::string> agency_names;  // for action owners and the lead agency
    CaseReviewClockRules clocks;
    BankHolidays holidays;  // to give dates, not just periods ("by 6 January 2023")
};

// The letter's body is its text between the salutation and "Yours sincerely", as blocks;
// whoever shows the letter writes the heading (letter_heading), the salutation, "Yours
// sincerely" and the signature (signed_by_name, _title, _organisation) around it.
//
// The letter; throws std::invalid_argument when the case lacks what the letter needs (a
// threshold decision for B/C, review grounds for C(i), a panel date and outcome for D/E, at
// least one action for E) or the signer breaks signer_problem.
CaseLetter compose_letter(const AsbCase& c, LetterKind kind, const LetterContext& ctx);

// The letter's heading: "ANTI-SOCIAL BEHAVIOUR, CRIME AND POLICING ACT 2014 ANTI-SOCIAL
// BEHAVIOUR (ASB) CASE REVIEW".
const char* letter_heading();

}  // namespace scrutineer
