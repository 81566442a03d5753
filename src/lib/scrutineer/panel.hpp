// Panels and their members (SPEC §4, seed 004's Terms of Reference, seed 001's membership): the
// Police and Crime Panel, the CSP scrutiny sub-panel and sub-panels such as the Complaints Policy
// Sub Panel, with their composition rules, quorum, members and substitutes, chair and vice-chair.
// The composition check is in panel_composition.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

enum class PanelKind { police_and_crime_panel, csp_scrutiny_sub_panel, sub_panel };
const char* to_string(PanelKind kind);  // "police_and_crime_panel", ...
const char* label(PanelKind kind);      // "Police and Crime Panel", ...
std::optional<PanelKind> parse_panel_kind(std::string_view text);

// How a person sits on a panel: a main member representing a body, the named substitute of one
// main member, or a co-opted independent member (who has no substitute).
enum class MemberKind { main, substitute, co_opted_independent };
const char* to_string(MemberKind kind);  // "main", "substitute", "co_opted_independent"
const char* label(MemberKind kind);      // "Main member", "Substitute member", ...
std::optional<MemberKind> parse_member_kind(std::string_view text);

// Seats for a body: "3 County Councillors", "one co-opted from each District" (one rule per
// district), "2 co-opted independent members". Members of a body with `substitutes` each have
// exactly one named substitute ("No other substitutes are acceptable").
struct SeatRule {
    std::string
        body;  // "Norfolk County Council"; for co-opted independents, "Co-opted Independent Member"
    int seats = 0;
    MemberKind kind = MemberKind::main;  // main or co_opted_independent
    bool substitutes = true;
};

struct PanelMember {
    int64_t id = 0;
    int64_t panel_id = 0;
    std::string title;  // "Cllr", "Mr", "Air Commodore"
    std::string name;   // "William Richmond"
    std::string body;   // the body represented: "Norfolk County Council"
    MemberKind kind = MemberKind::main;
    std::optional<int64_t> substitute_for;  // a substitute's main member
    CalendarDate term_start{};
    std::optional<CalendarDate> term_end;  // inclusive; none while serving

    bool serving_on(CalendarDate day) const {
        return term_start <= day && (!term_end || day <= *term_end);
    }
};

// "Cllr William Richmond", "Air Commodore Kevin Pellatt", "Peter Hill" (no title).
std::string display_name(const PanelMember& m);

struct Panel {
    int64_t id = 0;
    std::string key;  // short and stable: "pcp", "nccsp-scrutiny"
    std::string name;
    PanelKind kind = PanelKind::police_and_crime_panel;
    std::optional<int64_t> parent_id;  // a sub-panel's panel
    std::string terms_of_reference;    // the role, as the Terms of Reference word it
    int quorum = 0;
    std::vector<SeatRule> seats;
    std::string chair_from_body;                // empty: any member may be chair
    bool vice_chair_from_other_bodies = false;  // "the Vice Chair ... from other members"
    std::optional<int64_t> chair_id;
    std::optional<int64_t> vice_chair_id;
    std::optional<CalendarDate> offices_elected_on;  // chair and vice-chair are elected annually
    std::string contact;  // the committee officer, as the agenda gives it
    std::vector<PanelMember> members;

    const PanelMember* member(int64_t id) const;
    // Members serving on the day, main and co-opted first, in the order stored.
    std::vector<const PanelMember*> serving(CalendarDate day) const;
    // The named substitute of a main member serving on the day, if any.
    const PanelMember* substitute_of(int64_t main_id, CalendarDate day) const;
};

}  // namespace scrutineer
