#include "scrutineer/csv_field.hpp"

#include <cctype>

namespace scrutineer {

namespace {

bool formula_start(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// Whether a spreadsheet could read `s` as a formula: it starts (after any single quotes, see
// the header) with a formula character, and is not a plain number.
bool needs_neutralising(const std::string& s) {
    size_t first = s.find_first_not_of('\'');
    return first != std::string::npos && formula_start(s[first]) && !csv_number(s);
}

}  // namespace

bool csv_number(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t digits = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t decimals = 0;
        for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ++decimals;
        if (decimals == 0) return false;
        digits += decimals;
    }
    return digits > 0 && i == s.size();
}

std::string csv_field(const std::string& s) {
    bool neutralise = needs_neutralising(s);
    if (!neutralise && s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = neutralise ? "\"'" : "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_unneutralised(const std::string& text, bool quoted) {
    if (quoted && !text.empty() && text[0] == '\'' && needs_neutralising(text))
        return text.substr(1);
    return text;
}

}  // namespace scrutineer
