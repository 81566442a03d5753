#include "scrutineer/xml_escape.hpp"

#include <utility>

namespace scrutineer {

namespace {

// The code point of the UTF-8 sequence at text[at], and its length in bytes; a byte that does not
// start a valid, shortest-form sequence (or a surrogate) gives U+FFFD and length 1.
std::pair<char32_t, size_t> decode(std::string_view text, size_t at) {
    constexpr char32_t kReplacement = 0xFFFD;
    auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char b = byte(at);
    if (b < 0x80) return {b, 1};
    size_t length = 0;
    char32_t code = 0;
    char32_t least = 0;
    if ((b & 0xE0) == 0xC0) {
        length = 2, code = b & 0x1F, least = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        length = 3, code = b & 0x0F, least = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        length = 4, code = b & 0x07, least = 0x10000;
    } else {
        return {kReplacement, 1};
    }
    if (at + length > text.size()) return {kReplacement, 1};
    for (size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return {kReplacement, 1};
        code = (code << 6) | (byte(at + i) & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return {kReplacement, 1};
    return {code, length};
}

bool allowed_in_xml(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (size_t at = 0; at < text.size();) {
        auto [code, length] = decode(text, at);
        if (!allowed_in_xml(code)) {
            at += length;
            continue;
        }
        switch (code) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\t':
                out += "&#9;";
                break;
            case '\n':
                out += "&#10;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                if (code == 0xFFFD && text.substr(at, length) != "\xEF\xBF\xBD")
                    out += "\xEF\xBF\xBD";
                else
                    out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

}  // namespace scrutineer
