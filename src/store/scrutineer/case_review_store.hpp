// ASB Case Reviews in the store (migration 9): the agencies, each district's contact details,
// the peer review rota, the procedure's settings, the cases with every step, the letters as
// sent, and the log of who viewed or changed each case (docs/asb-case-review.md).
//
// Loaders take the viewer's role: a role without may_see_case_personal_data gets each case
// without_personal_data. Savers do not open transactions (the caller holds one) and do not write
// the audit log (the web does, with store::audit); they validate first, so a rejected save
// changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/asb_case.hpp"
#include "scrutineer/case_review_settings.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/peer_review_rota.hpp"

namespace scrutineer::store {

// Agencies, by name. save_agency: with an id, that row; with 0, the row with the same name or a
// new one. std::invalid_argument for an empty name or a district council without a district.
std::vector<Agency> load_agencies(Database& db);
std::optional<Agency> load_agency(Database& db, int64_t id);
int64_t save_agency(Database& db, const Agency& agency);

// Each district's SPOC and ASB team, by district name; one row per district code.
std::vector<CaseReviewContact> load_case_review_contacts(Database& db);
std::optional<CaseReviewContact> load_case_review_contact(Database& db,
                                                          const std::string& district_code);
void save_case_review_contact(Database& db, const CaseReviewContact& contact);

// The rota: reviewers by position; save_peer_reviewer as save_agency (same name and council).
std::vector<PeerReviewer> load_peer_reviewers(Database& db);
int64_t save_peer_reviewer(Database& db, const PeerReviewer& reviewer);
// The reviewers with the reviews each has been given and the latest one assigned (from the
// cases' peer_reviewer_id and the order they were assigned in).
RotaState load_rota(Database& db);

// One stored setting with where its value comes from.
struct CaseReviewSetting {
    std::string name;    // "min_qualifying", "alt_min_reporters", "appeal_days", "appeal_counting",
                         // "retention_months", ...
    std::string value;   // "3", "" (none), "21", "days_after", "72"
    std::string source;  // "Norfolk ASB Case Review guidance (2014), Threshold"
};
std::vector<CaseReviewSetting> load_case_review_setting_rows(Database& db);  // by name
CaseReviewSettings load_case_review_settings(Database& db);
// std::invalid_argument for an unknown name, a value that is not a number (or a counting for
// appeal_counting), or settings that then have a settings_problem.
void save_case_review_setting(Database& db, const std::string& name, const std::string& value);

// Cases. create_case validates, gives the case its reference ("ASB-<year received>-<4-digit
// number in that year>") and returns its id. save_case validates and writes the case and its
// complaints, information returns, panel agencies, actions (by id; an action is never deleted)
// and appeal; its letters are not touched (add_case_letter). std::out_of_range for an unknown id.
int64_t create_case(Database& db, const AsbCase& c);
// As create_case, keeping c.reference ("ASB-<year received>-<4 digits>", not yet in use): for
// cases written elsewhere with their reference (the demo file). std::invalid_argument for a
// reference of another form or year, or one already given.
int64_t create_case_with_reference(Database& db, const AsbCase& c);
void save_case(Database& db, const AsbCase& c);
// Appends a letter to the case as sent, returns its id. Letters are never changed or deleted
// (anonymisation replaces their text).
int64_t add_case_letter(Database& db, int64_t case_id, const CaseLetter& letter);

std::optional<AsbCase> load_case(Database& db, int64_t id, Role viewer);
std::optional<AsbCase> load_case_by_reference(Database& db, const std::string& reference,
                                              Role viewer);
// All cases, newest received first.
std::vector<AsbCase> load_cases(Database& db, Role viewer);

// Who viewed or changed a case, newest first.
struct CaseAccess {
    std::string at;  // "2025-06-03 14:02:11" UTC
    std::string actor;
    std::string action;  // "viewed", "recorded threshold decision", "sent letter C(ii)", ...
    std::string detail;
};
void log_case_access(Database& db, int64_t case_id, const std::string& actor,
                     const std::string& action, const std::string& detail = "");
std::vector<CaseAccess> load_case_access_log(Database& db, int64_t case_id);

// Anonymises every case due_for_anonymisation on `today` under the stored retention period, in
// one transaction, logging each; returns the references anonymised.
std::vector<std::string> anonymise_closed_cases(Database& db, CalendarDate today,
                                                const std::string& actor);

// The demo's agencies, contacts, reviewers and cases (data/demo/case-reviews.json), as
// `scrutineer demo` loads them; loading twice changes nothing. Throws std::runtime_error naming
// the file and the field for bad content. Its letters are composed (compose_letter) with the
// stored settings and bank holidays: load the bank holidays first.
void load_case_review_file(Database& db, const std::string& path);

}  // namespace scrutineer::store
