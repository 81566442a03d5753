// The trend chart behind an indicator's cell: the 48 months (the LTA's 36 and the last 12) up to
// the period end, for one area, with the months the data does not have as gaps, drawn as an SPC
// chart (indicator_spc.hpp) with the Long Term Average's monthly mean as a line. The indicator
// page draws it as SVG beside its data table; the performance monitoring report puts it under
// the area's table (PDF vectors, inline SVG, a picture in Word).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/dataset.hpp"
#include "scrutineer/fraction.hpp"
#include "scrutineer/indicator_spc.hpp"
#include "scrutineer/svg_chart.hpp"

namespace scrutineer {

struct IndicatorTrend {
    LineChart chart;  // with the SPC chart's mean, limits and signals, and the LTA per month
    std::vector<std::optional<Fraction>> values;  // one a month, as chart.points
    std::string why;   // when the area has no series for the indicator, why (else empty)
    std::string gaps;  // "The data has no figures for …: the line has gaps there." (or empty)
    std::optional<IndicatorSpc> spc;
    std::string spc_note;  // why there is no SPC chart
};

IndicatorTrend indicator_trend(const Dataset& data, size_t area,
                               const IndicatorDefinition& indicator, Month period_end);

}  // namespace scrutineer
