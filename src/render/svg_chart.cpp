#include "scrutineer/svg_chart.hpp"

#include "scrutineer/html_escape.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

namespace scrutineer {
namespace {

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `ticks` intervals.
double nice_step(double range, int ticks) {
    double raw = range / ticks;
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double norm = raw / mag;
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
    return nice * mag;
}

const char* kMonthAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string chart_number(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
    return fmt::format("{:.1f}", v);
}

ValueAxis value_axis(const LineChart& c) {
    double lo = 0, hi = 1;
    bool any = false;
    for (const auto& p : c.points)
        if (p.value) {
            hi = any ? std::max(hi, *p.value) : *p.value;
            lo = any ? std::min(lo, *p.value) : std::min(0.0, *p.value);
            any = true;
        }
    if (c.reference) hi = std::max(hi, *c.reference);
    if (hi <= lo) hi = lo + 1;
    double step = nice_step(hi - lo, 5);
    return ValueAxis{std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

std::vector<double> ValueAxis::ticks() const {
    std::vector<double> out;
    for (int i = 0; lo + i * step <= hi + step / 2; ++i) out.push_back(lo + i * step);
    return out;
}

std::string render_line_chart_svg(const LineChart& c) {
    const double left = 64, right = 16, top = 16, bottom = 48;
    const double w = c.width - left - right, h = c.height - top - bottom;
    const ValueAxis axis = value_axis(c);
    const double lo = axis.lo, hi = axis.hi;
    size_t n = c.points.size();
    auto x = [&](size_t i) {
        return left + (n <= 1 ? w / 2 : w * static_cast<double>(i) / static_cast<double>(n - 1));
    };
    auto y = [&](double v) { return top + h - (v - lo) / (hi - lo) * h; };

    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" "
        "role=\"img\" "
        "aria-labelledby=\"chart-title chart-desc\" class=\"app-chart\" font-family=\"&quot;GDS "
        "Transport&quot;, arial, sans-serif\">\n"
        "<title id=\"chart-title\">{}</title>\n<desc id=\"chart-desc\">{}</desc>\n",
        c.width, c.height, html_escape(c.title), html_escape(c.description));
    // Horizontal grid lines and y labels.
    for (double v : axis.ticks()) {
        out += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b1b4b6\" "
            "stroke-width=\"1\"/>\n<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" "
            "font-size=\"14\" fill=\"#0b0c0c\">{}</text>\n",
            left, y(v), left + w, y(v), left - 8, y(v) + 5, chart_number(v));
    }
    out += fmt::format(
        "<text x=\"14\" y=\"{:.1f}\" font-size=\"14\" fill=\"#0b0c0c\" transform=\"rotate(-90 14 "
        "{:.1f})\" text-anchor=\"middle\">{}</text>\n",
        top + h / 2, top + h / 2, html_escape(c.value_label));
    // X labels: January of each year, or every month for short series.
    for (size_t i = 0; i < n; ++i) {
        Month m = c.points[i].month;
        bool label = n <= 13 || m.month() == 1;
        if (!label) continue;
        std::string text = n <= 13
                               ? fmt::format("{} {}", kMonthAbbrev[m.month() - 1], m.year() % 100)
                               : std::to_string(m.year());
        out += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
            "stroke=\"#0b0c0c\"/>\n"
            "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\" font-size=\"14\" "
            "fill=\"#0b0c0c\">{4}</text>\n",
            x(i), top + h, top + h + 6, top + h + 24, text);
    }
    if (c.reference) {
        out += fmt::format(
            "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#d4351c\" "
            "stroke-width=\"2\" stroke-dasharray=\"8 6\"><title>{}: {}</title></line>\n",
            left, y(*c.reference), left + w, y(*c.reference), html_escape(c.reference_label),
            chart_number(*c.reference));
    }
    // The line, broken at missing months.
    std::string path;
    bool pen = false;
    for (size_t i = 0; i < n; ++i) {
        if (!c.points[i].value) {
            pen = false;
            continue;
        }
        path += fmt::format("{}{:.1f},{:.1f} ", pen ? "L" : "M", x(i), y(*c.points[i].value));
        pen = true;
    }
    if (!path.empty())
        out += "<path d=\"" + path + "\" fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\"/>\n";
    for (size_t i = 0; i < n; ++i) {
        const auto& p = c.points[i];
        if (!p.value) continue;
        out += fmt::format(
            "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"#1d70b8\"><title>{} {}: "
            "{}</title></circle>\n",
            x(i), y(*p.value), long_name(p.month).substr(0, long_name(p.month).find(' ')),
            p.month.year(), chart_number(*p.value));
    }
    out += "</svg>\n";
    return out;
}

}  // namespace scrutineer
