// A monthly trend chart (svg_chart.hpp's LineChart) drawn with cairo: as vectors on any cairo
// surface (the PDF writer draws it on its pages) or as a PNG picture (the DOCX writer embeds
// that). It is the same picture as the web pages' SVG — the same value axis (value_axis()),
// colours and line widths — with, in addition, the title above it, month labels thinned so that
// they never overlap, and the reference line's label in a key under the month labels.
//
// What it does not do: no alternative text (the PNG has none; the PDF writer tags the drawing
// as a Figure and the DOCX writer gives the picture its description), no per-point values to
// hover over (the SVG's <title>s), no legend for the line itself (the y axis label names it).
// The document is expected to give the chart's numbers in a table beside it.
#pragma once

#include <string>

#include "scrutineer/svg_chart.hpp"

// cairo's context type, declared as cairo.h declares it, so that this header does not need
// cairo's include directory.
typedef struct _cairo cairo_t;

namespace scrutineer {

// Draws `chart` in the rectangle (x, y, width, height) of `cr`'s user space: the title (when
// not empty) in bold at the top, the y axis label turned on its side at the left, gridlines at
// the value axis's ticks with their labels, month labels on the x axis (every month, or every
// 2nd, 3rd, 6th or 12th, ... whichever is the first whose labels do not overlap), the reference
// line dashed with its label and value under the chart, and the values as a line with a dot on
// each month, broken where a month's value is missing. Sizes scale with the rectangle against
// the chart's own width and height (14-unit text at 760 × 320), as the SVG scales with its
// viewBox. Leaves `cr`'s state as it found it (cairo_save/cairo_restore); draws only vectors
// and text, no images.
void draw_line_chart(cairo_t* cr, const LineChart& chart, double x, double y, double width,
                     double height);

// The chart as a PNG picture `width_px` × `height_px` (RGB, no alpha) on a white background,
// drawn with a margin of 3% of the shorter side. The same chart
// gives the same bytes. Throws std::invalid_argument for a size outside 16..8000 pixels and
// std::runtime_error naming cairo's status when drawing or encoding fails.
std::string render_line_chart_png(const LineChart& chart, int width_px, int height_px);

}  // namespace scrutineer
