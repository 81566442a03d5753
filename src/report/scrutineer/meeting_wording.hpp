// The words a meeting's published papers use for its people and requests, as free functions so
// that every page showing them (the HTML agenda and minutes, their PDFs) words them alike.
#pragma once

#include <string>
#include <vector>

#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/panel_request.hpp"

namespace scrutineer::report {

// What an officer's copy of a paper prints after a restricted item's title: "" for a public
// item, " (exempt: not for publication)", " (confidential)". Public copies never hold such items.
std::string restriction_mark(Visibility v);

// "Norfolk Police and Crime Panel, 4 February 2020"
std::string meeting_heading(const Panel& panel, const Meeting& meeting);

// The membership table's Substitute Member column for a main or co-opted member (001, 004): the
// named substitute serving on the day, "(no substitute member)" for a co-opted independent
// member, "To be confirmed" when none is named yet.
std::string substitute_member_cell(const Panel& panel, const PanelMember& member, CalendarDate day);

// "Cllr Cat Cole declared a Disclosable Pecuniary Interest as landlord of the site",
// "Cllr Corlett declared an Other Interest as Chair of Trustees of Leeway".
std::string interest_declaration(const Panel& panel, const Interest& interest);

// When a request is due: "By 1 May 2026", "Future reports", "Next meeting (9 June 2026)",
// "Next meeting (not yet set)".
std::string request_due(const PanelRequest& request, const std::vector<Meeting>& meetings);

// Who resolves, as the seeds' minutes say it: "The Panel" (001), "The Sub Panel" (004).
std::string resolving_body(const Panel& panel);

// "A, B and C"
std::string joined_with_and(const std::vector<std::string>& parts);

}  // namespace scrutineer::report
