// Internal to the render layer (not a public header): what the PDF writer and the chart drawing
// share when they put text on a cairo surface — repairing UTF-8 before cairo sees it, the
// DejaVu Sans faces through cairo's "toy" font API with a cache of measured widths, and
// GOV.UK's colours.
//
// Why the toy API: on Debian it is cairo-ft with fontconfig underneath, so it finds the
// installed DejaVu files without another dependency; English prose needs no shaping (the toy
// API places glyphs one by one, without kerning or ligatures), and measuring and drawing go
// through the same scaled font, so what is measured is what is drawn.
#pragma once

#include <cairo.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace scrutineer::cairo_text {

// Valid UTF-8 only (cairo refuses the whole string otherwise): bad bytes become U+FFFD; tabs
// become spaces and other control characters but '\n' are dropped.
std::string clean_utf8(const std::string& s);

// The byte length of the UTF-8 character starting at s[i] (valid UTF-8).
size_t char_length(const std::string& s, size_t i);

struct Colour {
    double r, g, b;
};
// GOV.UK's text, secondary text, link (also the charts' line), border and light grey colours,
// and its red (a chart's reference line).
constexpr Colour kText{0x0b / 255.0, 0x0c / 255.0, 0x0c / 255.0};
constexpr Colour kSecondary{0x50 / 255.0, 0x5a / 255.0, 0x5f / 255.0};
constexpr Colour kLink{0x1d / 255.0, 0x70 / 255.0, 0xb8 / 255.0};
constexpr Colour kBorder{0xb1 / 255.0, 0xb4 / 255.0, 0xb6 / 255.0};
constexpr Colour kShade{0xf3 / 255.0, 0xf2 / 255.0, 0xf1 / 255.0};
constexpr Colour kRed{0xd4 / 255.0, 0x35 / 255.0, 0x1c / 255.0};
// An SPC chart's concern and a special cause where neither way is better (spc_icons.hpp).
constexpr Colour kConcern{0xb3 / 255.0, 0x59 / 255.0, 0x00 / 255.0};
constexpr Colour kPurple{0x4c / 255.0, 0x2c / 255.0, 0x92 / 255.0};

inline void set_colour(cairo_t* cr, Colour c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

struct FaceDeleter {
    void operator()(cairo_font_face_t* f) const { cairo_font_face_destroy(f); }
};
using FacePtr = std::unique_ptr<cairo_font_face_t, FaceDeleter>;

// DejaVu Sans regular and bold on one cairo context.
class Fonts {
  public:
    explicit Fonts(cairo_t* cr);

    // Makes the face and size current on the context.
    void use(bool bold, double size);

    // The advance of `text` (clean UTF-8) in the font; measured once per text, style and size.
    double width(const std::string& text, bool bold, double size);

    // Distance from a line's top to its baseline, for a line `line_height` high in `size`.
    double baseline(double size, double line_height);

  private:
    cairo_t* cr_;
    FacePtr regular_, bold_;
    std::unordered_map<std::string, double> widths_;
    std::map<std::pair<double, double>, double> baselines_;
};

}  // namespace scrutineer::cairo_text
