#include "scrutineer/xml_escape.hpp"

#include <utility>

#include "scrutineer/valid_utf8.hpp"

namespace scrutineer {

namespace {

bool allowed_in_xml(char32_t c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (size_t at = 0; at < text.size();) {
        auto [code, length] = decode_utf8(text, at);
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
