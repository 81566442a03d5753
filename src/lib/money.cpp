#include "scrutineer/money.hpp"

#include <fmt/format.h>

#include "scrutineer/display_rounding.hpp"

namespace scrutineer {
namespace {

constexpr int64_t kMaxPounds = 1'000'000'000'000;

bool digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::optional<int64_t> parse_pounds(std::string_view t) {
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.substr(0, 2) == "\xC2\xA3") t.remove_prefix(2);  // "£" in UTF-8
    size_t dot = t.find('.');
    std::string_view whole = t.substr(0, dot);
    std::string_view pence = dot == std::string_view::npos ? "" : t.substr(dot + 1);
    if (whole.empty()) return std::nullopt;
    if (dot != std::string_view::npos &&
        (pence.size() != 2 || !digit(pence[0]) || !digit(pence[1])))
        return std::nullopt;
    // Thousands separators, if any, must all be in their places: "60,500", not "6,0500".
    bool separated = whole.find(',') != std::string_view::npos;
    int64_t pounds = 0;
    size_t digits = 0;
    for (size_t i = 0; i < whole.size(); ++i) {
        char c = whole[i];
        if (c == ',') {
            size_t after = whole.size() - i - 1;
            if (i == 0 || after % 4 != 3) return std::nullopt;
            continue;
        }
        if (!digit(c)) return std::nullopt;
        if (separated && i > 0 && (whole.size() - i) % 4 == 0) return std::nullopt;
        if (++digits > 13) return std::nullopt;
        pounds = pounds * 10 + (c - '0');
    }
    if (pounds > kMaxPounds) return std::nullopt;
    int64_t p = pence.empty() ? 0 : (pence[0] - '0') * 10 + (pence[1] - '0');
    return pounds * 100 + p;
}

std::string format_pounds(int64_t pence) {
    bool negative = pence < 0;
    int64_t magnitude = negative ? -pence : pence;
    std::string pounds = with_thousands_separators(std::to_string(magnitude / 100));
    std::string out = (negative ? "-£" : "£") + pounds;
    if (magnitude % 100 != 0) out += fmt::format(".{:02d}", magnitude % 100);
    return out;
}

}  // namespace scrutineer
