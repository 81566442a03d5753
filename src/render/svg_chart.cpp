#include "scrutineer/svg_chart.hpp"

#include "scrutineer/display_rounding.hpp"
#include "scrutineer/html_escape.hpp"
#include "scrutineer/spc_icons.hpp"

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
    if (std::fabs(v - std::round(v)) < 1e-9)
        return with_thousands_separators(fmt::format("{:.0f}", v));
    return with_thousands_separators(fmt::format("{:.1f}", v));
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
    if (c.spc) {
        // The limits are drawn too; a lower limit below zero is cut off at the axis unless the
        // values themselves go below zero.
        hi = std::max(hi, c.spc->upper_limit);
        if (lo < 0) lo = std::min(lo, c.spc->lower_limit);
    }
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"100%\" "
        "role=\"img\" "
        "aria-labelledby=\"{4}-title {4}-desc\" class=\"app-chart\" font-family=\"&quot;GDS "
        "Transport&quot;, arial, sans-serif\">\n"
        "<title id=\"{4}-title\">{2}</title>\n<desc id=\"{4}-desc\">{3}</desc>\n",
        c.width, c.height, html_escape(c.title), html_escape(c.description), html_escape(c.id));
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
    // The SPC chart's mean (solid) and process limits (dotted) across the months it covers.
    if (c.spc && c.spc->first < n) {
        const ChartSpc& spc = *c.spc;
        size_t last = std::min(n - 1, spc.first + spc.causes.size() - 1);
        auto level = [&](double v, const char* dash, const char* what) {
            if (v < lo || v > hi) return;
            out += fmt::format(
                "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#0b0c0c\" "
                "stroke-width=\"1.5\"{}><title>{}: {}</title></line>\n",
                x(spc.first), y(v), x(last), y(v), dash, what, chart_number(v));
        };
        level(spc.mean, "", "Mean");
        level(spc.upper_limit, " stroke-dasharray=\"2 4\"", "Upper process limit");
        level(spc.lower_limit, " stroke-dasharray=\"2 4\"", "Lower process limit");
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
    const char* line_colour = c.spc ? kCommonCauseColour : kImprovementColour;
    if (!path.empty())
        out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
                           path, line_colour, c.spc ? 2 : 3);
    for (size_t i = 0; i < n; ++i) {
        const auto& p = c.points[i];
        if (!p.value) continue;
        SpecialCause cause = SpecialCause::neither;
        if (c.spc && i >= c.spc->first && i - c.spc->first < c.spc->causes.size())
            cause = c.spc->causes[i - c.spc->first];
        std::string title =
            fmt::format("{}: {}{}", long_name(p.month), chart_number(*p.value),
                        cause == SpecialCause::improvement ? " (special cause: improvement)"
                        : cause == SpecialCause::concern   ? " (special cause: concern)"
                        : cause == SpecialCause::special   ? " (special cause)"
                                                           : "");
        double px = x(i), py = y(*p.value);
        const char* colour = special_cause_colour(cause);
        // Each kind of point has its own shape as well as its colour: a diamond for an
        // improvement, a square for a concern, a triangle for a special cause where neither
        // way is better, a small circle otherwise.
        switch (cause) {
            case SpecialCause::improvement:
                out += fmt::format(
                    "<path d=\"M{0:.1f},{1:.1f} l7,7 l-7,7 l-7,-7 z\" "
                    "fill=\"{2}\"><title>{3}</title>"
                    "</path>\n",
                    px, py - 7, colour, html_escape(title));
                break;
            case SpecialCause::concern:
                out += fmt::format(
                    "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"12\" "
                    "fill=\"{}\"><title>{}"
                    "</title></rect>\n",
                    px - 6, py - 6, colour, html_escape(title));
                break;
            case SpecialCause::special:
                out += fmt::format(
                    "<path d=\"M{0:.1f},{1:.1f} l7,12 l-14,0 z\" fill=\"{2}\"><title>{3}</title>"
                    "</path>\n",
                    px, py - 7, colour, html_escape(title));
                break;
            case SpecialCause::neither:
                out += fmt::format(
                    "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\"><title>{}</title>"
                    "</circle>\n",
                    px, py, line_colour, html_escape(title));
                break;
        }
    }
    out += "</svg>\n";
    return out;
}

}  // namespace scrutineer
