// The suggested approach of a performance monitoring report (suggested_approach.hpp): kept per
// agenda item, with the item's visibility (the loaders of items already leave out what a role
// may not see, so a caller loads the approach only for an item it was allowed to load).
#pragma once

#include <cstdint>
#include <optional>

#include "scrutineer/database.hpp"
#include "scrutineer/suggested_approach.hpp"

namespace scrutineer::store {

// Nothing when none has been written for the item.
std::optional<SuggestedApproach> load_suggested_approach(Database& db, int64_t agenda_item_id);

// Replaces the item's approach (author and every priority's questions) in one transaction.
// Throws std::invalid_argument when the item does not exist or the author is blank, and
// QuestionsInvalid when a priority's questions put a point before any question.
void save_suggested_approach(Database& db, const SuggestedApproach& approach);

}  // namespace scrutineer::store
