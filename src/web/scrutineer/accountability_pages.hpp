// The pages for holding the PCC to account (SPEC §5): /decisions, /pcc-activity (news, forum
// meetings, out-of-county activity), /inspections and /inspections/{id}, /complaints, a Police
// and Crime Panel meeting's /meetings/{id}/bulletin and /meetings/{id}/complaints-report, the
// JSON /api/v1/decisions and /api/v1/inspections, and the officers' forms that add to them.
// Confidential decisions' and private agenda items' summaries reach only roles that may see
// confidential items: every page and answer is built on the store's role-aware loaders.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> accountability_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
