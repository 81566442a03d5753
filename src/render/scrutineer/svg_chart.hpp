// Monthly trend charts as hand-written SVG: text stays text (cairo's SVG output turns it into
// outlines), each point has a <title> for hover and screen readers, and the chart has a <title>
// and <desc>. GOV.UK asks for the data table beside every chart; the pages put it there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/month.hpp"

namespace scrutineer {

struct ChartPoint {
    Month month;
    std::optional<double> value;  // nullopt: the month is missing (a gap in the line)
};

struct LineChart {
    std::string title;        // e.g. "Robbery, Norwich: recorded crimes per month"
    std::string description;  // one sentence for screen readers
    std::string value_label;  // y axis, e.g. "Crimes per month"
    std::vector<ChartPoint> points;
    std::optional<double> reference;  // e.g. the LTA's monthly average, drawn as a dashed line
    std::string reference_label;
    int width = 760, height = 320;
};

std::string render_line_chart_svg(const LineChart& chart);

}  // namespace scrutineer
