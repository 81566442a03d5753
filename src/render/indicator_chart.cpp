#include "scrutineer/indicator_chart.hpp"

#include <fmt/format.h>

#include "scrutineer/indicator_table.hpp"
#include "scrutineer/long_term_average.hpp"
#include "scrutineer/police_uk.hpp"

namespace scrutineer {
namespace {

// The y axis's label: what one month's value is.
std::string value_label(const IndicatorDefinition& indicator) {
    switch (indicator.kind) {
        case IndicatorKind::count:
        case IndicatorKind::composite:
            return indicator.name == kAntiSocialBehaviour ? "Incidents recorded per month"
                                                          : "Crimes recorded per month";
        case IndicatorKind::rate:
            return "Number per month";
        case IndicatorKind::percentage:
            return "Per cent";
        case IndicatorKind::snapshot:
            return "Number";
    }
    return "Per month";
}

}  // namespace

IndicatorTrend indicator_trend(const Dataset& data, size_t area,
                               const IndicatorDefinition& indicator, Month period_end) {
    IndicatorTrend t;
    auto series = indicator_series(data, area, indicator, &t.why);
    t.chart.title = fmt::format("{}, {}: monthly values", indicator.name, data.areas[area].name);
    t.chart.value_label = value_label(indicator);
    auto w = windows_for(period_end);
    std::vector<Month> missing;
    for (Month m = w.lta_first; m <= period_end; m = m + 1) {
        if (series && series->has(m)) {
            int64_t v = *series->at(m);
            t.chart.points.push_back({m, static_cast<double>(v) / kMicro});
            t.values.push_back(from_micro(v));
        } else {
            t.chart.points.push_back({m, std::nullopt});
            t.values.push_back(std::nullopt);
            missing.push_back(m);
        }
    }
    if (series && !missing.empty() && missing.size() < t.chart.points.size())
        t.gaps = fmt::format("The data has no figures for {}: the line has gaps there.",
                             describe_months(missing));
    // The Long Term Average as a monthly figure (a count's LTA is a yearly one): the mean of
    // its 36 months, when all are in the data.
    if (series && indicator.kind != IndicatorKind::percentage)
        if (auto sum = sum_over(*series, w.lta_first, w.lta_last)) {
            t.chart.reference = static_cast<double>(*sum) / kMicro / (kLtaYears * kMonthsInPeriod);
            t.chart.reference_label = "Long Term Average, per month";
        }
    if (series) t.spc = indicator_spc(data, area, indicator, period_end, &t.spc_note);
    if (t.spc) {
        ChartSpc c;
        c.first = static_cast<size_t>(t.spc->first - w.lta_first);
        c.mean = t.spc->chart.limits.mean;
        c.lower_limit = t.spc->chart.limits.lower_limit;
        c.upper_limit = t.spc->chart.limits.upper_limit;
        for (const auto& p : t.spc->chart.points) c.causes.push_back(p.special_cause);
        t.chart.spc = std::move(c);
    }
    t.chart.description = fmt::format("{} months from {} to {}.", t.chart.points.size(),
                                      long_name(w.lta_first), long_name(period_end));
    return t;
}

}  // namespace scrutineer
