// Panels, meetings and the requests ledger (issue #4): the panels with their membership and its
// composition check; a meeting's agenda, attendance, interests, quorum per item, minutes and the
// requests made and carried ("matters arising"); the published agenda and minutes; the ledger.
// Officers and administrators create meetings and record what happened; everyone reads what
// their role may see.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> scrutiny_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
