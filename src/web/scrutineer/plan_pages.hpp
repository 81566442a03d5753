// The data behind the plan pages: plans with their priorities, each priority's indicators at a
// glance and its actions by status, a priority's page and an action's page. Everything is read
// through plan_store's loaders, which leave out what the viewer's role may not see.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/month.hpp"
#include "scrutineer/plan.hpp"
#include "scrutineer/spc.hpp"
#include "scrutineer/templates.hpp"

namespace scrutineer::web {

// An indicator's latest figures for the force area, computed or as last published.
struct Glance {
    std::string last_12, lta, difference, significance, source, url;
    bool significant = false;
    // Computed from the data (not as published): its period end and what its SPC chart says of
    // that month.
    std::optional<Month> month{};
    std::optional<Variation> variation{};
};
using GlanceFn = std::function<std::optional<Glance>(const std::string& indicator)>;

// The plans as `viewer` may see them: `previous` false, the current ones (each with a summary
// for a reader with five minutes: how many of its indicators are improving, getting worse or
// showing no real change, its overdue actions, and the month its data is up to); true, the
// replaced ones.
Data plans_data(store::Database& db, Role viewer, CalendarDate today, const GlanceFn& glance,
                bool previous = false);
std::optional<Data> plan_data(store::Database& db, Role viewer, int64_t plan_id,
                              CalendarDate today);
std::optional<Data> priority_data(store::Database& db, Role viewer, int64_t priority_id,
                                  CalendarDate today, const GlanceFn& glance);
std::optional<Data> action_data(store::Database& db, Role viewer, int64_t action_id,
                                CalendarDate today);

// The last published figure for the indicator in the force area `area_code`, as a Glance.
std::optional<Glance> published_glance(const std::vector<PublishedFigure>& figures,
                                       const std::string& indicator, const std::string& area_code);

}  // namespace scrutineer::web
