// The monthly series behind a cell, for charts and for checking a figure by hand.
#pragma once

#include <string>

#include "scrutineer/series.hpp"

namespace scrutineer {

// CSV `month,value` for every month from `from` to `to`; a month not in the data has an
// empty value (it is missing, not zero).
std::string render_series_csv(const Series& series, Month from, Month to);

}  // namespace scrutineer
