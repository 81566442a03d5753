#include "scrutineer/display_rounding.hpp"

#include <stdexcept>

namespace scrutineer {
namespace {

std::string u128_to_string(unsigned __int128 v) {
    if (v == 0) return "0";
    std::string s;
    while (v > 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    }
    return s;
}

}  // namespace

std::string round_half_away(const Fraction& value, int decimals) {
    if (decimals < 0 || decimals > 12) throw std::invalid_argument("decimals out of range");
    __int128 scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    bool negative = value.num < 0;
    unsigned __int128 n = static_cast<unsigned __int128>(negative ? -value.num : value.num);
    unsigned __int128 d = static_cast<unsigned __int128>(value.den);
    // round(n*scale/d) with ties away from zero, in integers: floor((2*n*scale + d) / (2*d)).
    unsigned __int128 scaled = (2 * n * static_cast<unsigned __int128>(scale) + d) / (2 * d);
    std::string digits = u128_to_string(scaled);
    if (decimals > 0) {
        if (digits.size() <= static_cast<size_t>(decimals))
            digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<size_t>(decimals), ".");
    }
    if (negative && scaled != 0) digits.insert(0, "-");
    return digits;
}

std::string with_thousands_separators(const std::string& plain) {
    size_t start = (!plain.empty() && plain[0] == '-') ? 1 : 0;
    size_t dot = plain.find('.');
    size_t end = dot == std::string::npos ? plain.size() : dot;
    std::string out = plain.substr(0, start);
    for (size_t i = start; i < end; ++i) {
        out += plain[i];
        size_t remaining = end - i - 1;
        if (remaining > 0 && remaining % 3 == 0) out += ',';
    }
    out += plain.substr(end);
    return out;
}

std::string round_for_display(const Fraction& value, int decimals) {
    return with_thousands_separators(round_half_away(value, decimals));
}

}  // namespace scrutineer
