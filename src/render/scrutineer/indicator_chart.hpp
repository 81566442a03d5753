// The trend chart behind an indicator's cell: the 48 months (the LTA's 36 and the last 12) up to
// the period end, for one area, with the months the data does not have as gaps. The indicator
// page draws it as SVG beside its data table; the performance monitoring report puts it under
// the area's table (PDF vectors, inline SVG, a picture in Word).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/dataset.hpp"
#include "scrutineer/fraction.hpp"
#include "scrutineer/svg_chart.hpp"

namespace scrutineer {

struct IndicatorTrend {
    LineChart chart;
    std::vector<std::optional<Fraction>> values;  // one a month, as chart.points
    std::string why;  // when the area has no series for the indicator, why (else empty)
};

IndicatorTrend indicator_trend(const Dataset& data, size_t area,
                               const IndicatorDefinition& indicator, Month period_end);

}  // namespace scrutineer
