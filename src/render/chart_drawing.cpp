// The cairo drawing of a LineChart (chart_drawing.hpp). Sizes are the SVG's (svg_chart.cpp) in
// its 760 × 320 units, multiplied by the scale of the rectangle drawn into, so that the two
// pictures look alike; the value axis is the SVG's own (value_axis()).
#include "scrutineer/chart_drawing.hpp"

#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <vector>

#include "cairo_text.hpp"

namespace scrutineer {
namespace {

using namespace cairo_text;

const char* const kMonthAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// One line of text for the chart: clean UTF-8, line breaks as spaces.
std::string one_line(const std::string& s) {
    std::string out = clean_utf8(s);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

// The title's words in lines no wider than `width`.
std::vector<std::string> wrap_words(Fonts& fonts, const std::string& text, bool bold, double size,
                                    double width) {
    std::vector<std::string> lines;
    std::string line;
    size_t i = 0;
    while (i < text.size()) {
        size_t j = text.find(' ', i);
        if (j == std::string::npos) j = text.size();
        std::string word = text.substr(i, j - i);
        i = j + 1;
        if (word.empty()) continue;
        std::string joined = line.empty() ? word : line + " " + word;
        if (!line.empty() && fonts.width(joined, bold, size) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = joined;
        }
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

// The month labels along the x axis: which points get one and their text.
struct MonthLabel {
    size_t index;
    std::string text;
    double left = 0, width = 0;  // placed: the text's left edge and advance
};

// The labels for every `step` months (aligned to January: January, April, July, October for
// 3; every January of a year divisible by step / 12 for 12 and more), as "Apr 2019"
// (`style` 0), "Apr 19" (1) or "2019" (2).
std::vector<MonthLabel> month_labels(const LineChart& c, int step, int style) {
    std::vector<MonthLabel> out;
    for (size_t i = 0; i < c.points.size(); ++i) {
        Month m = c.points[i].month;
        bool labelled =
            step < 12 ? (m.month() - 1) % step == 0 : m.month() == 1 && m.year() % (step / 12) == 0;
        if (!labelled) continue;
        std::string text =
            style == 2   ? std::to_string(m.year())
            : style == 1 ? fmt::format("{} {:02}", kMonthAbbrev[m.month() - 1], m.year() % 100)
                         : fmt::format("{} {}", kMonthAbbrev[m.month() - 1], m.year());
        out.push_back(MonthLabel{i, std::move(text)});
    }
    return out;
}

struct Scaled {
    double s;  // output units per SVG unit
    double operator()(double svg_units) const { return svg_units * s; }
};

}  // namespace

void draw_line_chart(cairo_t* cr, const LineChart& c, double x, double y, double width,
                     double height) {
    if (width <= 0 || height <= 0) return;
    const double cw = c.width > 0 ? c.width : 760, ch = c.height > 0 ? c.height : 320;
    const Scaled u{std::min(width / cw, height / ch)};
    cairo_save(cr);
    Fonts fonts(cr);
    const double f = u(14);  // the labels' size
    auto text_at = [&](const std::string& text, double tx, double ty, bool bold, double size,
                       Colour colour) {
        fonts.use(bold, size);
        set_colour(cr, colour);
        cairo_move_to(cr, tx, ty);
        cairo_show_text(cr, text.c_str());
    };
    auto line = [&](double x1, double y1, double x2, double y2, double w, Colour colour) {
        set_colour(cr, colour);
        cairo_set_line_width(cr, w);
        cairo_move_to(cr, x1, y1);
        cairo_line_to(cr, x2, y2);
        cairo_stroke(cr);
    };

    // The title, wrapped, above everything.
    double top = y;
    const double title_size = u(16);
    for (const auto& l : wrap_words(fonts, one_line(c.title), true, title_size, width)) {
        top += title_size * 1.25;
        text_at(l, x, top - title_size * 0.3, true, title_size, kText);
    }
    if (top > y) top += u(6);
    top += std::max(u(8), f * 0.6);  // room for the top tick's label

    // The value axis and its labels' column at the left, with the axis label beside it.
    const ValueAxis axis = value_axis(c);
    const std::vector<double> ticks = axis.ticks();
    double label_column = 0;
    for (double v : ticks)
        label_column = std::max(label_column, fonts.width(chart_number(v), false, f));
    const std::string value_label = one_line(c.value_label);
    const double left = x + (value_label.empty() ? 0 : f * 1.5) + label_column + u(8);
    const double right = x + width - u(16);
    const bool has_reference = c.reference.has_value();
    const double bottom = y + height - u(30) - (has_reference ? f * 1.8 : 0);
    if (right <= left || bottom <= top) {
        cairo_restore(cr);
        return;
    }
    const double w = right - left, h = bottom - top;
    const size_t n = c.points.size();
    auto px = [&](size_t i) {
        return left + (n <= 1 ? w / 2 : w * static_cast<double>(i) / static_cast<double>(n - 1));
    };
    auto py = [&](double v) { return bottom - (v - axis.lo) / (axis.hi - axis.lo) * h; };

    // Gridlines with their values.
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (double v : ticks) {
        line(left, py(v), right, py(v), u(1), kBorder);
        std::string label = chart_number(v);
        text_at(label, left - u(8) - fonts.width(label, false, f), py(v) + f * 0.35, false, f,
                kText);
    }
    if (!value_label.empty()) {
        double size = f;
        double lw = fonts.width(value_label, false, size);
        if (lw > h) {
            size *= h / lw;
            lw = h;
        }
        cairo_save(cr);
        cairo_translate(cr, x + size * 1.0, top + h / 2);
        cairo_rotate(cr, -M_PI / 2);
        text_at(value_label, -lw / 2, 0, false, size, kText);
        cairo_restore(cr);
    }

    // Month labels: the first spacing whose labels neither overlap nor leave the rectangle.
    std::vector<MonthLabel> labels;
    const double gap = f * 0.8;
    auto place = [&](std::vector<MonthLabel>& ls) {
        double previous_end = -1e300;
        for (auto& l : ls) {
            l.width = fonts.width(l.text, false, f);
            l.left = std::clamp(px(l.index) - l.width / 2, x, x + width - l.width);
            if (l.left < previous_end + gap) return false;
            previous_end = l.left + l.width;
        }
        return true;
    };
    const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    for (int step : steps) {
        for (int style = step < 12 ? 0 : 2; style <= (step < 12 ? 1 : 2); ++style) {
            auto candidate = month_labels(c, step, style);
            if (candidate.size() < std::min<size_t>(n, 2) || !place(candidate)) continue;
            labels = std::move(candidate);
            break;
        }
        if (!labels.empty()) break;
    }
    if (labels.empty() && n > 0) {  // nothing fits at any spacing: the first month only
        labels = month_labels(c, 1, 0);
        labels.resize(1);
        place(labels);
    }
    for (const auto& l : labels) {
        line(px(l.index), bottom, px(l.index), bottom + u(6), u(1), kText);
        text_at(l.text, l.left, bottom + u(24), false, f, kText);
    }

    // The reference line, dashed, and its label and value under the month labels.
    if (has_reference) {
        const double dashes[] = {u(8), u(6)};
        cairo_set_dash(cr, dashes, 2, 0);
        line(left, py(*c.reference), right, py(*c.reference), u(2), kRed);
        double key_y = bottom + u(24) + f * 1.6;
        line(left, key_y - f * 0.35, left + u(28), key_y - f * 0.35, u(2), kRed);
        cairo_set_dash(cr, nullptr, 0, 0);
        std::string label = one_line(c.reference_label);
        label =
            (label.empty() ? std::string("Reference") : label) + ": " + chart_number(*c.reference);
        text_at(label, left + u(36), key_y, false, f, kText);
    }

    // The SPC chart's mean (solid) and process limits (dotted) across the months it covers, as
    // the SVG draws them.
    if (c.spc && c.spc->first < n && !c.spc->causes.empty()) {
        const ChartSpc& spc = *c.spc;
        size_t last = std::min(n - 1, spc.first + spc.causes.size() - 1);
        auto level = [&](double v, bool dotted) {
            if (v < axis.lo || v > axis.hi) return;
            const double dots[] = {u(2), u(4)};
            cairo_set_dash(cr, dotted ? dots : nullptr, dotted ? 2 : 0, 0);
            line(px(spc.first), py(v), px(last), py(v), u(1.5), kText);
        };
        level(spc.mean, false);
        level(spc.upper_limit, true);
        level(spc.lower_limit, true);
        cairo_set_dash(cr, nullptr, 0, 0);
    }

    // The values: a line broken at missing months, and a mark on each month (grey on an SPC
    // chart, where the special causes are marked by colour and shape).
    set_colour(cr, c.spc ? kSecondary : kLink);
    cairo_set_line_width(cr, u(3));
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    bool pen = false;
    for (size_t i = 0; i < n; ++i) {
        const auto& v = c.points[i].value;
        if (!v) {
            pen = false;
            continue;
        }
        if (pen)
            cairo_line_to(cr, px(i), py(*v));
        else
            cairo_move_to(cr, px(i), py(*v));
        pen = true;
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < n; ++i) {
        if (!c.points[i].value) continue;
        SpecialCause cause = SpecialCause::neither;
        if (c.spc && i >= c.spc->first && i - c.spc->first < c.spc->causes.size())
            cause = c.spc->causes[i - c.spc->first];
        const double x0 = px(i), y0 = py(*c.points[i].value);
        cairo_new_path(cr);
        // The SVG's shapes: a diamond for an improvement, a square for a concern, a triangle
        // for a special cause where neither way is better, a dot otherwise.
        switch (cause) {
            case SpecialCause::improvement:
                set_colour(cr, kLink);
                cairo_move_to(cr, x0, y0 - u(7));
                cairo_line_to(cr, x0 + u(7), y0);
                cairo_line_to(cr, x0, y0 + u(7));
                cairo_line_to(cr, x0 - u(7), y0);
                cairo_close_path(cr);
                break;
            case SpecialCause::concern:
                set_colour(cr, kConcern);
                cairo_rectangle(cr, x0 - u(6), y0 - u(6), u(12), u(12));
                break;
            case SpecialCause::special:
                set_colour(cr, kPurple);
                cairo_move_to(cr, x0, y0 - u(7));
                cairo_line_to(cr, x0 + u(7), y0 + u(5));
                cairo_line_to(cr, x0 - u(7), y0 + u(5));
                cairo_close_path(cr);
                break;
            case SpecialCause::neither:
                set_colour(cr, c.spc ? kSecondary : kLink);
                cairo_arc(cr, x0, y0, u(3.5), 0, 2 * M_PI);
                break;
        }
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

namespace {

cairo_status_t append_png(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string render_line_chart_png(const LineChart& chart, int width_px, int height_px) {
    if (width_px < 16 || width_px > 8000 || height_px < 16 || height_px > 8000)
        throw std::invalid_argument(
            fmt::format("A chart picture must be 16 to 8000 pixels each way, not {} × {}", width_px,
                        height_px));
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px, height_px), cairo_surface_destroy);
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                          cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    // A margin of 3% of the shorter side, as the page's margin is around the PDF's drawing.
    const double margin = std::round(0.03 * std::min(width_px, height_px));
    draw_line_chart(cr.get(), chart, margin, margin, width_px - 2 * margin, height_px - 2 * margin);
    cairo_status_t status = cairo_status(cr.get());
    cr.reset();
    cairo_surface_flush(surface.get());
    std::string out;
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream(surface.get(), append_png, &out);
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("The chart picture could not be made: ") +
                                 cairo_status_to_string(status));
    return out;
}

}  // namespace scrutineer
