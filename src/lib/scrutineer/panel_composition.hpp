// The composition rule: does a panel's membership on a day keep its Terms of Reference? (004:
// "3 County Councillors ... 7 District Council members – one co-opted from each District. Each
// member of the Sub Panel to have one named substitute. No other substitutes are acceptable. The
// Chair to be elected from the County Council members on the Sub Panel on an annual basis. The
// Vice Chair to be elected from other members on the Sub Panel on an annual basis."; 001: two
// co-opted independent members, "(no substitute member)".)
#pragma once

#include <string>
#include <vector>

#include "scrutineer/calendar_date.hpp"
#include "scrutineer/panel.hpp"

namespace scrutineer {

// Each way the membership breaks the rules on `day`, in words for the panel's officer, e.g.
// "Norwich City Council has 0 main members; the rules give it 1". Empty when it keeps them all.
std::vector<std::string> composition_problems(const Panel& panel, CalendarDate day);

}  // namespace scrutineer
