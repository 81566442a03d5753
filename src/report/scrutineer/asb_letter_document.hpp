// A letter kept on an ASB Case Review (letters A, B, C(i), C(ii), D and E of the Norfolk
// guidance's Appendix 1) as a document, for `scrutineer report asb-letter` and the web: the
// document case_review_letter_document.hpp builds, for the case's latest letter of the kind.
//
// A letter is personal data from end to end: only roles that may see it
// (may_see_case_personal_data: case workers and administrators) get it, and every letter made
// is written to the case's access log with who made it, as the web's letter view does
// ("viewed Letter C(ii)").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scrutineer/access.hpp"
#include "scrutineer/asb_case.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/document.hpp"

namespace scrutineer::report {

// "A", "B", "C(i)", "C(ii)", "D", "E" (any case, with or without "Letter "), or the store's
// codes ("c_ii").
std::optional<LetterKind> parse_letter_name(std::string_view text);

// Throws ReportUnavailable ("Your role does not allow reading the letters ...") unless the role
// may see the cases' personal data.
void check_may_read_letters(Role viewer);

struct MadeLetter {
    doc::Document document;
    std::string file_stem;  // "ASB-2025-0007-letter-c_ii-2025-06-03"
};

// Throws ReportUnavailable, saying nothing of any letter's content: the role may not read
// letters; no such case; the case has no letter of that kind. Logs the view as `actor`.
MadeLetter make_asb_letter(store::Database& db, Role viewer, int64_t case_id, LetterKind kind,
                           const std::string& actor);

}  // namespace scrutineer::report
