#include "scrutineer/funnel_render.hpp"

#include <fmt/format.h>

#include "scrutineer/csv_field.hpp"
#include "scrutineer/display_rounding.hpp"

namespace scrutineer {
namespace {

std::string four(double v) {
    return fmt::format("{:.4f}", v);
}

std::string whole(int64_t n) {
    return with_thousands_separators(std::to_string(n));
}

}  // namespace

std::string render_funnel_csv(const Dataset& data, const FunnelPlot& plot) {
    std::string out = fmt::format(
        "area_code,area_name,count,population,rate_per_{},lower_95,upper_95,lower_998,upper_998,"
        "position\n",
        plot.per);
    for (const auto& p : plot.points) {
        const Area& a = data.areas.at(p.area);
        out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_field(a.code), csv_field(a.name),
                           p.count, p.population, four(p.rate), four(p.limits.lower_95),
                           four(p.limits.upper_95), four(p.limits.lower_998),
                           four(p.limits.upper_998), to_string(p.position));
    }
    return out;
}

std::string render_funnel_text(const Dataset& data, const FunnelPlot& plot) {
    const Area& force = data.areas.at(plot.force);
    std::string out = fmt::format(
        "Force rate: {:.{}f} {}, {} in {}, the 12 months to {} ({} in a population of {}{}).\n",
        plot.target_rate, plot.target_rate >= 1 ? 1 : 3, funnel_rate_unit(plot), plot.indicator,
        force.name, long_name(plot.period_end), whole(plot.force_count),
        whole(plot.force_population),
        plot.force_population_from_districts ? ", the sum of its districts'" : "");
    out +=
        "Limits: exact Poisson, 95% and 99.8%, around the force rate; an area on a limit is "
        "within it.\n";
    std::string within;
    size_t outside = 0;
    for (const auto& p : plot.points) {
        if (p.position == FunnelPosition::within) {
            within += (within.empty() ? "" : ", ") + data.areas.at(p.area).name;
            continue;
        }
        if (outside++ == 0) out += "\nOutside the limits:\n";
        out += "  " + funnel_sentence(data, plot, p) + ".\n";
    }
    if (outside == 0 && !plot.points.empty()) out += "\nNo area is outside the limits.\n";
    if (!within.empty()) out += "\nWithin the limits: " + within + ".\n";
    if (plot.points.empty()) out += "\nNo area to compare.\n";
    for (const auto& o : plot.left_out)
        out += fmt::format("Left out: {}: {}.\n", data.areas.at(o.area).name, o.why);
    return out;
}

}  // namespace scrutineer
