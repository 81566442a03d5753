// The items a panel's programme must place in each programme year, and where (issue #4):
//
//   precept review          — on a meeting on or before the day the panel must report on the
//                             proposed precept (8 February), with a reserve date on or before
//                             the day it must report on a revised precept after a veto
//                             (22 February), after the review meeting;
//   PCC's annual report     — reviewed at a public meeting in the year;
//   budget consultation     — the PCC's budget consultation, before the precept review;
//   complaints monitoring   — at least once in any 12 months (within_a_year.hpp);
//   election of chair and vice-chair — at the first meeting of the civic year;
//   terms of reference review — once a year.
//
// Which of them a panel has depends on its kind, and how an agenda item is recognised as one
// of them (words in its title, or its kind) is in the same table: statutory_rules() is data,
// and the checks take the table as an argument. The deadlines are the settings
// (WorkProgrammeSettings), not numbers here. Sources: docs/work-programme.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/work_programme.hpp"

namespace scrutineer {

enum class StatutoryItemKind {
    precept_review,
    pcc_annual_report,
    budget_consultation,
    complaints_monitoring,
    election_of_chair_and_vice_chair,
    terms_of_reference_review,
};
const char* to_string(StatutoryItemKind k);  // "precept_review", ...

struct StatutoryRule {
    StatutoryItemKind kind;
    std::string name;     // "Review of the PCC's proposed precept"
    std::string wording;  // the rule as the programme must keep it, for people
    std::string source;   // where the rule comes from
    // An agenda item is this one when its title holds every phrase of one of these (case and
    // apostrophes ignored), or when it is of one of `item_kinds`.
    std::vector<std::vector<std::string>> title_phrases;
    std::vector<AgendaItemKind> item_kinds;
    std::vector<PanelKind> panels;  // the kinds of panel it applies to
};

// The table of rules (in the order a year's programme meets them).
const std::vector<StatutoryRule>& statutory_rules();
// The rules that apply to a kind of panel (none for a sub-panel such as Complaints Policy).
std::vector<StatutoryRule> statutory_rules_for(
    PanelKind kind, const std::vector<StatutoryRule>& rules = statutory_rules());

// Whether an agenda item title is the rule's item.
bool matches(const StatutoryRule& rule, const AgendaItem& item);

struct StatutoryPlacement {
    StatutoryItemKind kind;
    std::string name;
    int64_t meeting_id = 0;
    CalendarDate date;
    std::string item;  // the agenda item's title, or the reserve date's reason
    bool reserve = false;
};

struct StatutoryWarning {
    StatutoryItemKind kind;
    std::string name;
    std::string problem;  // "The precept review is on 10 February 2021, after 8 February 2021."
    std::string rule;     // the rule's wording
    std::string source;
};

struct StatutoryCheck {
    ProgrammeYear year;
    std::vector<StatutoryPlacement> placed;  // by date
    std::vector<StatutoryWarning> warnings;  // in the rules' order
};

// Checks the panel's meetings (any status but cancelled counts; reserve dates only as reserve
// dates) against the rules for the programme year. Meetings outside the year are read only for
// the 12-month rule.
StatutoryCheck check_statutory_items(const std::vector<StatutoryRule>& rules,
                                     const std::vector<Meeting>& meetings,
                                     const ProgrammeYear& year,
                                     const WorkProgrammeSettings& settings);
inline StatutoryCheck check_statutory_items(PanelKind kind, const std::vector<Meeting>& meetings,
                                            const ProgrammeYear& year,
                                            const WorkProgrammeSettings& settings) {
    return check_statutory_items(statutory_rules_for(kind), meetings, year, settings);
}

}  // namespace scrutineer
