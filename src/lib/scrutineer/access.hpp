// Who may see what (SPEC §8). Every item a user can open carries a visibility; every page, API
// answer and export asks `may_see` before showing it.
#pragma once

#include <optional>
#include <string>

namespace scrutineer {

enum class Role { public_user, panel_member, officer, case_worker, administrator };

enum class Visibility {
    public_item,   // published: anyone
    exempt,        // exempt information (e.g. operational data "provided on an exempt basis")
    confidential,  // confidential: officers and administrators only
};

const char* to_string(Role role);
const char* to_string(Visibility visibility);
std::optional<Role> parse_role(const std::string& text);
std::optional<Visibility> parse_visibility(const std::string& text);

// The permission table (docs/security.md):
//   public_item   — everyone
//   exempt        — panel members, officers, administrators (members receive exempt papers)
//   confidential  — officers and administrators
// Case workers see public items here; ASB case personal data has its own rule below.
bool may_see(Role role, Visibility visibility);

// Officers and administrators edit plans, narratives and imports.
bool may_edit(Role role);

// Personal data of the people a commissioned service works with (each participant's
// questionnaire scores, who has returned which questionnaire): officers and administrators.
// Everyone may see the cohort's summary figures.
bool may_see_participant_data(Role role);

// ASB Case Review (docs/security.md): the personal data on a case (names, contact details,
// incident descriptions, letters) and the work on cases (entering applications, recording
// steps, sending letters) are for case workers and administrators only.
bool may_see_case_personal_data(Role role);
bool may_work_cases(Role role);
// The case review dashboards and statistics without personal data: officers as well.
bool may_see_case_dashboards(Role role);

}  // namespace scrutineer
