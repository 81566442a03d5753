// Writing a performance monitoring report's suggested approach (suggested_approach.hpp) in the
// app: GET and POST /meetings/{meeting}/items/{item}/suggested-approach — who it is from and,
// for each priority the item reviews, the areas the Panel may wish to question on, one a line
// ("- " for a point under the one before). Officers and administrators (may_edit); the item
// must be one the role may see; an audit row for each save; the form again with its errors.
#pragma once

#include <optional>

#include "scrutineer/site.hpp"

namespace scrutineer::web {

std::optional<Response> suggested_approach_pages(Site& site, const Request& req);

}  // namespace scrutineer::web
