// A funnel plot (funnel_plot.hpp) as hand-written SVG, like the trend chart (svg_chart.hpp):
// each district's 12-month rate against its population, the force's rate as a line, and the
// 95% and 99.8% Poisson limits as curves that narrow as the population grows. The page writes
// the districts outside the limits in words beside it, and the plot's figures as a table.
#pragma once

#include <string>

#include "scrutineer/funnel_plot.hpp"

namespace scrutineer {

// `title` and `description` for screen readers; `id` prefixes the SVG's element ids; `width`
// and `height` in SVG units (760 x 360 on wide screens, 400 x 320 on phones).
std::string render_funnel_svg(const Dataset& data, const FunnelPlot& plot, const std::string& title,
                              const std::string& description, const std::string& id,
                              int width = 760, int height = 360);

}  // namespace scrutineer
