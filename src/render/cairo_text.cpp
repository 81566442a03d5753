#include "cairo_text.hpp"

#include <fmt/format.h>

#include "scrutineer/valid_utf8.hpp"

// fontconfig, under cairo's toy font API, never frees about 1 KB: its parsed configuration and
// the pattern of each font face cairo keeps. It happens once per process (the same 1,016 bytes
// after 1 or 25 documents), so under AddressSanitizer (scripts/test.sh) LeakSanitizer is told to
// leave that library's allocations out; leaks anywhere else are still reported. It is here, with
// the fonts, so that every program drawing text — the tests, `scrutineer report`, the server —
// gets it; outside a sanitizer build nothing calls it.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}

namespace scrutineer::cairo_text {

std::string clean_utf8(const std::string& s) {
    // Valid UTF-8 (valid_utf8.hpp), with tabs as spaces and no other control characters but
    // newlines (cairo's toy text API would draw them as boxes).
    std::string out;
    out.reserve(s.size());
    for (size_t at = 0; at < s.size();) {
        auto [code, length] = decode_utf8(s, at);
        if (code == '\t')
            out += ' ';
        else if (code == kReplacementCharacter &&
                 std::string_view(s).substr(at, length) != "\xEF\xBF\xBD")
            out += "\xEF\xBF\xBD";
        else if (code == '\n' || code >= 0x20)
            out.append(s, at, length);
        at += length;
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
