#include "scrutineer/funnel_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scrutineer/html_escape.hpp"
#include "scrutineer/spc_icons.hpp"
#include "scrutineer/svg_chart.hpp"

namespace scrutineer {
namespace {

// A "nice" axis (1, 2 or 5 times a power of ten per step) from 0 to at least `hi`.
ValueAxis axis_to(double hi) {
    LineChart c;
    c.points.push_back({Month{0}, hi > 0 ? hi : 1});
    return value_axis(c);
}

}  // namespace

std::string render_funnel_svg(const Dataset& data, const FunnelPlot& plot, const std::string& title,
                              const std::string& description, const std::string& id, int width,
                              int height) {
    const double left = 64, right = 40, top = 16, bottom = 56;
    const double w = width - left - right, h = height - top - bottom;
    double max_pop = 0, max_rate = plot.target_rate;
    for (const auto& p : plot.points) {
        max_pop = std::max(max_pop, static_cast<double>(p.population));
        max_rate = std::max(max_rate, p.rate);
    }
    const ValueAxis xaxis = axis_to(max_pop * 1.05);
    // The limits' curves from a tenth of the smallest district to the axis's end.
    double min_pop = max_pop;
    for (const auto& p : plot.points)
        min_pop = std::min(min_pop, static_cast<double>(p.population));
    double from = std::max(1.0, std::min(min_pop * 0.5, xaxis.hi / 20));
    std::vector<std::pair<double, FunnelLimits>> curve;
    const int steps = 80;
    for (int i = 0; i <= steps; ++i) {
        double n = from + (xaxis.hi - from) * i / steps;
        curve.push_back({n, poisson_funnel_limits(plot.target_rate / plot.per, n, plot.per)});
    }
    // The y axis covers the points and the 99.8% limits at the smallest district's size.
    double y_hi = max_rate;
    for (const auto& p : plot.points) y_hi = std::max(y_hi, p.limits.upper_998);
    const ValueAxis yaxis = axis_to(y_hi * 1.05);
    auto x = [&](double n) { return left + n / xaxis.hi * w; };
    auto y = [&](double v) {
        return top + h - (std::clamp(v, yaxis.lo, yaxis.hi) - yaxis.lo) / (yaxis.hi - yaxis.lo) * h;
    };

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"100%\" "
        "role=\"img\" aria-labelledby=\"{4}-title {4}-desc\" class=\"app-chart\" "
        "font-family=\"&quot;GDS Transport&quot;, arial, sans-serif\">\n"
        "<title id=\"{4}-title\">{2}</title>\n<desc id=\"{4}-desc\">{3}</desc>\n",
        width, height, html_escape(title), html_escape(description), html_escape(id));
    for (double v : yaxis.ticks())
        out += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b1b4b6\"/>\n"
            "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" font-size=\"14\" "
            "fill=\"#0b0c0c\">{}</text>\n",
            left, y(v), left + w, y(v), left - 8, y(v) + 5, chart_number(v));
    for (double n : xaxis.ticks())
        out += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
            "stroke=\"#0b0c0c\"/>\n"
            "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\" font-size=\"14\" "
            "fill=\"#0b0c0c\">{4}</text>\n",
            x(n), top + h, top + h + 6, top + h + 24, chart_number(n));
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"14\" "
        "fill=\"#0b0c0c\">Population (residents)</text>\n"
        "<text x=\"14\" y=\"{:.1f}\" font-size=\"14\" fill=\"#0b0c0c\" transform=\"rotate(-90 14 "
        "{:.1f})\" text-anchor=\"middle\">{}</text>\n",
        left + w / 2, top + h + 46, top + h / 2, top + h / 2,
        html_escape("Crimes " + funnel_rate_unit(plot)));
    // The limits: 95% dashed, 99.8% dotted, both sides.
    auto path = [&](auto pick, const char* dash, const char* what) {
        std::string d;
        for (size_t i = 0; i < curve.size(); ++i)
            d += fmt::format("{}{:.1f},{:.1f} ", i ? "L" : "M", x(curve[i].first),
                             y(pick(curve[i].second)));
        out += fmt::format(
            "<path d=\"{}\" fill=\"none\" stroke=\"#505a5f\" stroke-width=\"1.5\" "
            "stroke-dasharray=\"{}\"><title>{}</title></path>\n",
            d, dash, what);
    };
    path([](const FunnelLimits& l) { return l.upper_95; }, "8 5", "Upper 95% limit");
    path([](const FunnelLimits& l) { return l.lower_95; }, "8 5", "Lower 95% limit");
    path([](const FunnelLimits& l) { return l.upper_998; }, "2 4", "Upper 99.8% limit");
    path([](const FunnelLimits& l) { return l.lower_998; }, "2 4", "Lower 99.8% limit");
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#0b0c0c\" "
        "stroke-width=\"2\"><title>{}: {} {}</title></line>\n",
        left, y(plot.target_rate), left + w, y(plot.target_rate),
        html_escape(data.areas[plot.force].name), chart_number(plot.target_rate),
        html_escape(funnel_rate_unit(plot)));
    // The districts: outside the 99.8% limits a square, outside the 95% a diamond, within a
    // circle; each with its name and figures as a tooltip.
    for (const auto& p : plot.points) {
        double px = x(static_cast<double>(p.population)), py = y(p.rate);
        std::string tip = html_escape(
            fmt::format("{}: {} {}, population {}", data.areas[p.area].name, chart_number(p.rate),
                        funnel_rate_unit(plot), chart_number(static_cast<double>(p.population))));
        switch (p.position) {
            case FunnelPosition::above_998:
            case FunnelPosition::below_998:
                out += fmt::format(
                    "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" fill=\"{}\">"
                    "<title>{}</title></rect>\n",
                    px - 6, py - 6, kSpecialColour, tip);
                break;
            case FunnelPosition::above_95:
            case FunnelPosition::below_95:
                out += fmt::format(
                    "<path d=\"M{0:.1f},{1:.1f} l7,7 l-7,7 l-7,-7 z\" fill=\"{2}\"><title>{3}"
                    "</title></path>\n",
                    px, py - 7, kSpecialColour, tip);
                break;
            case FunnelPosition::within:
                out += fmt::format(
                    "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"{}\"><title>{}</title>"
                    "</circle>\n",
                    px, py, kCommonCauseColour, tip);
                break;
        }
    }
    out += "</svg>\n";
    return out;
}

}  // namespace scrutineer
