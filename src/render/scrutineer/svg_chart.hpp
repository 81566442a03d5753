// Monthly trend charts as hand-written SVG: text stays text (cairo's SVG output turns it into
// outlines), each point has a <title> for hover and screen readers, and the chart has a <title>
// and <desc>. GOV.UK asks for the data table beside every chart; the pages put it there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/month.hpp"
#include "scrutineer/spc.hpp"

namespace scrutineer {

struct ChartPoint {
    Month month;
    std::optional<double> value;  // nullopt: the month is missing (a gap in the line)
};

// An SPC chart drawn over the line (spc.hpp): its mean and process limits across the points it
// covers, and each of those points marked by what it shows.
struct ChartSpc {
    size_t first = 0;  // the index in LineChart::points of the first point covered
    double mean = 0, lower_limit = 0, upper_limit = 0;
    std::vector<SpecialCause> causes;  // one per point covered, from `first`
};

struct LineChart {
    std::string title;        // e.g. "Robbery, Norwich: recorded crimes per month"
    std::string description;  // one sentence for screen readers
    std::string value_label;  // y axis, e.g. "Crimes per month"
    std::vector<ChartPoint> points;
    std::optional<double> reference;  // e.g. the LTA's monthly average, drawn as a dashed line
    std::string reference_label;
    std::optional<ChartSpc> spc;
    int width = 760, height = 320;
    std::string id = "chart";  // prefixes the SVG's element ids (two charts on one page)
};

std::string render_line_chart_svg(const LineChart& chart);

// The value (y) axis that every drawing of a chart uses (this SVG, and chart_drawing.hpp's cairo
// drawing for PDF and DOCX), so that they show the same scale: from `lo` to `hi` in steps of
// `step` (1, 2 or 5 times a power of ten, giving about five intervals), with 0 at the bottom
// unless a value is negative, and room for the reference line.
struct ValueAxis {
    double lo = 0, hi = 1, step = 1;
    std::vector<double> ticks() const;  // lo, lo + step, ..., hi
};
ValueAxis value_axis(const LineChart& chart);

// A tick's or a point's value as the charts print it: "40", "2.5", "1,250".
std::string chart_number(double v);

}  // namespace scrutineer
