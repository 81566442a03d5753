#include "scrutineer/indicator_chart.hpp"

#include <fmt/format.h>

#include "scrutineer/indicator_table.hpp"
#include "scrutineer/long_term_average.hpp"

namespace scrutineer {

IndicatorTrend indicator_trend(const Dataset& data, size_t area,
                               const IndicatorDefinition& indicator, Month period_end) {
    IndicatorTrend t;
    auto series = indicator_series(data, area, indicator, &t.why);
    t.chart.title = fmt::format("{}, {}: monthly values", indicator.name, data.areas[area].name);
    t.chart.value_label = indicator.kind == IndicatorKind::percentage ? "Per cent" : "Per month";
    auto w = windows_for(period_end);
    for (Month m = w.lta_first; m <= period_end; m = m + 1) {
        if (series && series->has(m)) {
            int64_t v = *series->at(m);
            t.chart.points.push_back({m, static_cast<double>(v) / kMicro});
            t.values.push_back(from_micro(v));
        } else {
            t.chart.points.push_back({m, std::nullopt});
            t.values.push_back(std::nullopt);
        }
    }
    t.chart.description = fmt::format("{} months from {} to {}.", t.chart.points.size(),
                                      long_name(w.lta_first), long_name(period_end));
    return t;
}

}  // namespace scrutineer
