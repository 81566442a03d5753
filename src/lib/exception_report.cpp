#include "scrutineer/exception_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scrutineer/display_rounding.hpp"

namespace scrutineer {
namespace {

// A chart value as a councillor reads it: a whole number with thousands separators, else one
// decimal.
std::string value_words(double v) {
    double whole = std::round(v);
    if (std::fabs(v - whole) < 1e-9) return with_thousands_separators(fmt::format("{:.0f}", whole));
    return with_thousands_separators(fmt::format("{:.1f}", std::round(v * 10) / 10));
}

// How many points at the end of the chart are on the same side of the mean as the last
// (0 when the last is on the mean).
size_t run_at_end(const XmrChart& chart) {
    const auto& p = chart.points;
    double mean = chart.limits.mean;
    if (p.empty() || p.back().value == mean) return 0;
    bool above = p.back().value > mean;
    size_t n = 0;
    for (size_t i = p.size(); i-- > 0;) {
        if (p[i].value == mean || (p[i].value > mean) != above) break;
        ++n;
    }
    return n;
}

// How many points at the end are each strictly above (or below) the one before, counting the
// first of them.
size_t trend_at_end(const XmrChart& chart, bool* rising) {
    const auto& p = chart.points;
    if (p.size() < 2 || p.back().value == p[p.size() - 2].value) return 0;
    bool up = p.back().value > p[p.size() - 2].value;
    size_t n = 1;
    for (size_t i = p.size() - 1; i > 0; --i) {
        if (up ? !(p[i].value > p[i - 1].value) : !(p[i].value < p[i - 1].value)) break;
        ++n;
    }
    if (rising) *rising = up;
    return n;
}

int cause_order(SpecialCause c) {
    return c == SpecialCause::concern ? 0 : c == SpecialCause::improvement ? 1 : 2;
}

}  // namespace

std::string special_cause_reason(const IndicatorSpc& spc) {
    const XmrChart& chart = spc.chart;
    if (chart.points.empty()) return {};
    const SpcPoint& last = chart.points.back();
    if (last.special_cause == SpecialCause::neither) return {};
    Month month = spc.first + static_cast<int>(chart.points.size()) - 1;
    const XmrLimits& l = chart.limits;
    if (last.rules & kOutsideLimits) {
        bool above = last.value > l.upper_limit;
        return fmt::format("{}: {}, {} the {} process limit ({})", long_name(month),
                           value_words(last.value), above ? "above" : "below",
                           above ? "upper" : "lower",
                           value_words(above ? l.upper_limit : l.lower_limit));
    }
    if (last.rules & kShift)
        return fmt::format("{} months in a row {} its average", run_at_end(chart),
                           last.value > l.mean ? "above" : "below");
    if (last.rules & kTrend) {
        bool rising = false;
        size_t n = trend_at_end(chart, &rising);
        return fmt::format("{} months in a row {}", n, rising ? "rising" : "falling");
    }
    if (last.rules & kTwoOfThree)
        return fmt::format("2 of the last 3 months near the {} process limit",
                           last.high ? "upper" : "lower");
    return "a special cause on its SPC chart";
}

std::vector<ExceptionItem> exception_report(const Dataset& data,
                                            const std::vector<AreaTable>& tables) {
    std::vector<ExceptionItem> items;
    for (const auto& t : tables)
        for (const auto& r : t.rows) {
            if (!r.variation) continue;
            SpecialCause cause = special_cause_of(*r.variation);
            if (cause == SpecialCause::neither) continue;
            const IndicatorDefinition* def = data.find_indicator(r.indicator);
            if (!def) continue;
            auto spc = indicator_spc(data, t.area, *def, r.period_end, nullptr);
            if (!spc) continue;
            ExceptionItem item;
            item.area = t.area;
            item.indicator = r.indicator;
            item.cause = cause;
            item.variation = *r.variation;
            item.row = &r;
            item.reason = fmt::format("{} in {}: {}", r.indicator, data.areas[t.area].name,
                                      special_cause_reason(*spc));
            // The counts behind it, as the seed's panel asked: the actual numbers beside the
            // percentage.
            if (is_count_like(r.kind) && r.kind != IndicatorKind::rate && r.last_12 && r.lta)
                item.reason += fmt::format(
                    "; {} in the last 12 months against an average of {} "
                    "a year",
                    round_for_display(*r.last_12, 0), round_for_display(*r.lta, 0));
            items.push_back(std::move(item));
        }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return cause_order(a.cause) < cause_order(b.cause);
    });
    return items;
}

}  // namespace scrutineer
