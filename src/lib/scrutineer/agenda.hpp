// The agenda's standard items, in the order the seeds' agendas give them (001, 004): apologies
// and substitutes, the minutes of the last meeting, declarations of interest, urgent business,
// and, for panels that take them, public questions with their submission deadline. The first
// meeting of the civic year also elects the chair and vice-chair (004 items 2 and 3).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"

namespace scrutineer {

// The standard items for a new meeting, numbered from 1; `previous` is the panel's last meeting
// before it (its minutes are to be confirmed). Public questions are on the Police and Crime
// Panel's agendas (001 item 5), not on the sub-panels' (004).
std::vector<AgendaItem> standard_items(const Panel& panel, const Meeting& meeting,
                                       const std::optional<Meeting>& previous, bool elects_offices);

// Minute and resolution numbers as the seeds' minutes write them: item 7, its points 7.1, 7.2 …
std::string minute_number(int item_position, int point_position);

}  // namespace scrutineer
