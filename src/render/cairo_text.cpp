#include "cairo_text.hpp"

#include <fmt/format.h>

namespace scrutineer::cairo_text {

std::string clean_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c == '\t')
                out += ' ';
            else if (c == '\n' || c >= 0x20)
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        int n = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : -1;
        if (c >= 0xF5) n = -1;
        bool ok = n > 0 && i + n < s.size();
        if (ok) {
            for (int k = 1; k <= n; ++k)
                if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
        }
        if (ok) {
            auto c1 = static_cast<unsigned char>(s[i + 1]);
            // No overlong forms, surrogates or code points past U+10FFFF.
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
                (c == 0xF4 && c1 > 0x8F))
                ok = false;
        }
        if (ok) {
            out.append(s, i, n + 1);
            i += n + 1;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

size_t char_length(const std::string& s, size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

Fonts::Fonts(cairo_t* cr)
    : cr_(cr),
      regular_(cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                          CAIRO_FONT_WEIGHT_NORMAL)),
      bold_(cairo_toy_font_face_create("DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                                       CAIRO_FONT_WEIGHT_BOLD)) {}

void Fonts::use(bool bold, double size) {
    cairo_set_font_face(cr_, bold ? bold_.get() : regular_.get());
    cairo_set_font_size(cr_, size);
}

double Fonts::width(const std::string& text, bool bold, double size) {
    if (text.empty()) return 0;
    std::string key = fmt::format("{}{}\x1f{}", bold ? 'b' : 'r', size, text);
    if (auto it = widths_.find(key); it != widths_.end()) return it->second;
    use(bold, size);
    cairo_text_extents_t e;
    cairo_text_extents(cr_, text.c_str(), &e);
    return widths_[key] = e.x_advance;
}

double Fonts::baseline(double size, double line_height) {
    auto key = std::make_pair(size, line_height);
    if (auto it = baselines_.find(key); it != baselines_.end()) return it->second;
    use(false, size);
    cairo_font_extents_t e;
    cairo_font_extents(cr_, &e);
    return baselines_[key] = (line_height - (e.ascent + e.descent)) / 2 + e.ascent;
}

}  // namespace scrutineer::cairo_text
