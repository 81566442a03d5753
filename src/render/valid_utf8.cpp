#include "scrutineer/valid_utf8.hpp"

namespace scrutineer {

std::pair<char32_t, size_t> decode_utf8(std::string_view text, size_t at) {
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
        return {kReplacementCharacter, 1};
    }
    if (at + length > text.size()) return {kReplacementCharacter, 1};
    for (size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return {kReplacementCharacter, 1};
        code = (code << 6) | (byte(at + i) & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return {kReplacementCharacter, 1};
    return {code, length};
}

std::string valid_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t at = 0; at < s.size();) {
        auto [code, length] = decode_utf8(s, at);
        if (code == kReplacementCharacter &&
            std::string_view(s).substr(at, length) != "\xEF\xBF\xBD")
            out += "\xEF\xBF\xBD";
        else
            out.append(s, at, length);
        at += length;
    }
    return out;
}

}  // namespace scrutineer
