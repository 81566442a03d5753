// An ASB Case Review letter (case_review_letters.hpp) as a printable document (document.hpp), in
// the layout of the Norfolk guidance's template letters (Appendix 1): the district council and
// its ASB team at the top, the case reference, the addressee and address, the date, the
// salutation, the bold heading, the body (paragraphs and bullets), "Yours sincerely" and the
// signer's name, title and organisation. The PDF writer lays it out; the letter's HTML page
// shows the same parts (case_letter_parts).
//
// A letter is personal data from end to end: only roles with may_see_case_personal_data get it.
#pragma once

#include <string>
#include <vector>

#include "scrutineer/asb_case.hpp"
#include "scrutineer/document.hpp"

namespace scrutineer {

// "Letter C(ii): Threshold met"
std::string case_letter_title(const CaseLetter& letter);

// "ASB-2025-0007-letter-c_ii-2025-06-03.pdf"
std::string case_letter_file_name(const CaseLetter& letter, const std::string& case_reference);

// What stands above the letter's salutation and below its body, in the order printed.
struct CaseLetterParts {
    std::vector<std::string> sender;     // the council, its ASB team's telephone and e-mail
    std::string reference;               // "Our reference: ASB-2025-0007"
    std::vector<std::string> addressee;  // the name, then the address line by line
    std::string date;                    // "3 June 2025"
    std::string heading;                 // letter_heading()
    std::string closing;                 // "Yours sincerely"
    std::vector<std::string> signature;  // name, title, "on behalf of" the organisation
};
CaseLetterParts case_letter_parts(const CaseLetter& letter, const std::string& case_reference,
                                  const CaseReviewContact& contact);

// The letter as a document: its title (case_letter_title and the reference) in the PDF's
// metadata, the letter's date as the creation date (the same letter gives the same bytes), the
// case reference in the footer.
doc::Document case_letter_document(const CaseLetter& letter, const std::string& case_reference,
                                   const CaseReviewContact& contact);

}  // namespace scrutineer
