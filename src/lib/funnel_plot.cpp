#include "scrutineer/funnel_plot.hpp"

#include <fmt/format.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <stdexcept>

#include "scrutineer/display_rounding.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/long_term_average.hpp"

namespace scrutineer {
namespace {

// Tail probabilities either side: 95% leaves 2.5% in each tail, 99.8% leaves 0.1%.
constexpr double kTail95 = 0.025;
constexpr double kTail998 = 0.001;

// The lower limit: the `tail` quantile of chi-squared with 2E degrees of freedom, halved (the
// Gamma(E, 1) quantile). Boost.Math computes the quantile; at E = 0 the limit is 0.
double lower_count(double expected, double tail) {
    if (expected <= 0) return 0;
    boost::math::chi_squared_distribution<double> chi2(2 * expected);
    return boost::math::quantile(chi2, tail) / 2;
}

// The upper limit: the 1 - `tail` quantile of chi-squared with 2E + 2 degrees of freedom, halved.
double upper_count(double expected, double tail) {
    boost::math::chi_squared_distribution<double> chi2(2 * expected + 2);
    return boost::math::quantile(boost::math::complement(chi2, tail)) / 2;
}

FunnelLimits scaled(const FunnelLimits& l, double by) {
    return {l.lower_95 * by, l.upper_95 * by, l.lower_998 * by, l.upper_998 * by};
}

// The 12-month count of `area`, or nullopt with `why` set.
std::optional<int64_t> last_12_count(const Dataset& data, size_t area,
                                     const IndicatorDefinition& indicator, Month period_end,
                                     std::string& why) {
    auto series = indicator_series(data, area, indicator, &why);
    if (!series) return std::nullopt;
    const auto w = windows_for(period_end);
    auto sum = sum_over(*series, w.last_12_first, w.last_12_last);
    if (!sum) {
        why =
            fmt::format("the 12 months to {} are not all in the data (months missing: {})",
                        long_name(period_end),
                        describe_months(missing_months(*series, w.last_12_first, w.last_12_last)));
        return std::nullopt;
    }
    if (*sum % kMicro != 0) {
        why = "its 12-month figure is not a whole count";
        return std::nullopt;
    }
    return *sum / kMicro;
}

// The population of `code` in the age band, 0 when there is no estimate.
int64_t population_of(const Dataset& data, const std::string& code, int from, int to) {
    auto it = data.population.find(code);
    return it == data.population.end() ? 0 : population_aged(it->second, from, to);
}

// Decimal places for figures in words: one, two below 1 and three below 0.1 (small rates), and
// more (up to 4) while `a` and `b` would otherwise read the same.
int decimals_for(double a, double b) {
    int d = 1;
    while (std::abs(a) < std::pow(10.0, 1 - d) && d < 3) ++d;
    while (d < 4 && fmt::format("{:.{}f}", a, d) == fmt::format("{:.{}f}", b, d)) ++d;
    return d;
}

std::string figure(double v, int decimals) {
    return fmt::format("{:.{}f}", v, decimals);
}

}  // namespace

FunnelLimits poisson_count_limits(double expected) {
    if (!std::isfinite(expected) || expected < 0)
        throw std::invalid_argument(
            fmt::format("funnel limits: the expected count is {}; it must be 0 or more", expected));
    return {lower_count(expected, kTail95), upper_count(expected, kTail95),
            lower_count(expected, kTail998), upper_count(expected, kTail998)};
}

FunnelLimits poisson_ratio_limits(double expected) {
    if (!(expected > 0) || !std::isfinite(expected))
        throw std::invalid_argument(fmt::format(
            "funnel limits: the expected count is {}; a ratio needs more than 0", expected));
    return scaled(poisson_count_limits(expected), 1 / expected);
}

FunnelLimits poisson_funnel_limits(double target_rate_per_person, double population, int per) {
    if (!(population > 0) || !std::isfinite(population))
        throw std::invalid_argument(
            fmt::format("funnel limits: the population is {}; it must be more than 0", population));
    if (!(target_rate_per_person >= 0) || !std::isfinite(target_rate_per_person))
        throw std::invalid_argument(fmt::format(
            "funnel limits: the target rate is {}; it must be 0 or more", target_rate_per_person));
    if (per < 1)
        throw std::invalid_argument(
            fmt::format("funnel limits: rates per {} people; it must be 1 or more", per));
    return scaled(poisson_count_limits(target_rate_per_person * population), per / population);
}

const char* to_string(FunnelPosition position) {
    switch (position) {
        case FunnelPosition::within:
            return "within";
        case FunnelPosition::above_95:
            return "above_95";
        case FunnelPosition::below_95:
            return "below_95";
        case FunnelPosition::above_998:
            return "above_998";
        case FunnelPosition::below_998:
            return "below_998";
    }
    return "within";
}

FunnelPosition funnel_position(double value, const FunnelLimits& l) {
    if (value > l.upper_998) return FunnelPosition::above_998;
    if (value < l.lower_998) return FunnelPosition::below_998;
    if (value > l.upper_95) return FunnelPosition::above_95;
    if (value < l.lower_95) return FunnelPosition::below_95;
    return FunnelPosition::within;
}

FunnelPlot funnel_plot(const Dataset& data, const IndicatorDefinition& indicator, Month period_end,
                       size_t force, int per) {
    if (force >= data.areas.size() || data.areas[force].level != AreaLevel::force)
        throw std::invalid_argument("funnel plot: the area given is not a force");
    if (per < 1)
        throw std::invalid_argument(
            fmt::format("funnel plot: rates per {} people; it must be 1 or more", per));
    const Area& force_area = data.areas[force];
    switch (indicator.kind) {
        case IndicatorKind::percentage:
        case IndicatorKind::snapshot:
            throw std::invalid_argument(fmt::format(
                "{} is a {}: a funnel plot compares counts of events with the population, and "
                "a {} is not a count",
                indicator.name, to_string(indicator.kind), to_string(indicator.kind)));
        case IndicatorKind::count:
        case IndicatorKind::composite:
        case IndicatorKind::rate:
            break;
    }
    if (indicator.force_only)
        throw std::invalid_argument(
            fmt::format("{} is not available at district level, so there are no areas to compare",
                        indicator.name));

    FunnelPlot plot;
    plot.force = force;
    plot.indicator = indicator.name;
    plot.period_end = period_end;
    plot.per = per;
    if (indicator.kind == IndicatorKind::rate) {
        plot.age_from = indicator.age_from;
        plot.age_to = indicator.age_to;
    }

    std::string why;
    auto force_count = last_12_count(data, force, indicator, period_end, why);
    if (!force_count)
        throw std::invalid_argument(
            fmt::format("{} for {}: {}", indicator.name, force_area.name, why));
    plot.force_count = *force_count;

    std::vector<size_t> districts;
    for (size_t a = 0; a < data.areas.size(); ++a)
        if (data.areas[a].level == AreaLevel::district && data.areas[a].force == force)
            districts.push_back(a);

    plot.force_population = population_of(data, force_area.code, plot.age_from, plot.age_to);
    if (plot.force_population <= 0 && !districts.empty()) {
        int64_t sum = 0;
        for (size_t d : districts) {
            int64_t p = population_of(data, data.areas[d].code, plot.age_from, plot.age_to);
            if (p <= 0) {
                sum = 0;
                break;
            }
            sum += p;
        }
        plot.force_population = sum;
        plot.force_population_from_districts = sum > 0;
    }
    if (plot.force_population <= 0)
        throw std::invalid_argument(fmt::format(
            "no population for {} ({}){}: import a population file (ONS mid-year estimates) "
            "with its code, or with every one of its districts",
            force_area.name, force_area.code,
            plot.age_from == 0 && plot.age_to == 90
                ? std::string()
                : fmt::format(" aged {} to {}", plot.age_from, plot.age_to)));

    const double rate_per_person =
        static_cast<double>(plot.force_count) / static_cast<double>(plot.force_population);
    plot.target_rate = rate_per_person * per;

    for (size_t d : districts) {
        auto count = last_12_count(data, d, indicator, period_end, why);
        if (!count) {
            plot.left_out.push_back({d, why});
            continue;
        }
        int64_t people = population_of(data, data.areas[d].code, plot.age_from, plot.age_to);
        if (people <= 0) {
            plot.left_out.push_back({d, "no population estimate"});
            continue;
        }
        FunnelPoint p;
        p.area = d;
        p.count = *count;
        p.population = people;
        const double n = static_cast<double>(people);
        p.rate = static_cast<double>(p.count) * per / n;
        FunnelLimits counts = poisson_count_limits(rate_per_person * n);
        p.limits = scaled(counts, per / n);
        p.position = funnel_position(static_cast<double>(p.count), counts);
        plot.points.push_back(p);
    }
    return plot;
}

std::string funnel_rate_unit(const FunnelPlot& plot) {
    std::string unit = "per " + with_thousands_separators(std::to_string(plot.per)) + " residents";
    if (plot.age_from == 0 && plot.age_to == 90) return unit;
    if (plot.age_to == 90) return unit + fmt::format(" aged {} and over", plot.age_from);
    return unit + fmt::format(" aged {} to {}", plot.age_from, plot.age_to);
}

std::string funnel_sentence(const Dataset& data, const FunnelPlot& plot, const FunnelPoint& point) {
    const std::string& name = data.areas.at(point.area).name;
    const std::string unit = funnel_rate_unit(plot);
    double limit = 0;
    const char* side = "";
    const char* level = "";
    switch (point.position) {
        case FunnelPosition::within: {
            int d = decimals_for(point.limits.lower_95, point.limits.upper_95);
            return fmt::format(
                "{}: {} {}, within the 95% limits ({} to {}) for an area of its size", name,
                figure(point.rate, d), unit, figure(point.limits.lower_95, d),
                figure(point.limits.upper_95, d));
        }
        case FunnelPosition::above_998:
            limit = point.limits.upper_998, side = "above", level = "99.8%";
            break;
        case FunnelPosition::above_95:
            limit = point.limits.upper_95, side = "above", level = "95%";
            break;
        case FunnelPosition::below_998:
            limit = point.limits.lower_998, side = "below", level = "99.8%";
            break;
        case FunnelPosition::below_95:
            limit = point.limits.lower_95, side = "below", level = "95%";
            break;
    }
    int d = decimals_for(point.rate, limit);
    return fmt::format("{}: {} {}, {} the {} limit ({}) for an area of its size", name,
                       figure(point.rate, d), unit, side, level, figure(limit, d));
}

}  // namespace scrutineer
