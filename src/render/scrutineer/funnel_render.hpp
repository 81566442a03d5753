// The funnel plot (funnel_plot.hpp) as CSV, for checking the figures, and as text in words.
#pragma once

#include <string>

#include "scrutineer/funnel_plot.hpp"

namespace scrutineer {

// `area_code,area_name,count,population,rate_per_1000,lower_95,upper_95,lower_998,upper_998,
// position`: one row per district of the plot in table order, rates and limits per `plot.per`
// residents to 4 decimal places (the header says per how many).
std::string render_funnel_csv(const Dataset& data, const FunnelPlot& plot);

// The force rate on the first line, then the districts outside the limits in words, those
// within by name, and those left out with the reason.
std::string render_funnel_text(const Dataset& data, const FunnelPlot& plot);

}  // namespace scrutineer
