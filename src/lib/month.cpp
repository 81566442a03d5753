#include "scrutineer/month.hpp"

#include <fmt/format.h>
#include <array>

namespace scrutineer {

std::optional<Month> parse_month(std::string_view t) {
    if (t.size() != 7 || t[4] != '-') return std::nullopt;
    int year = 0;
    for (int i = 0; i < 4; ++i) {
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
        year = year * 10 + (t[i] - '0');
    }
    if (t[5] < '0' || t[5] > '9' || t[6] < '0' || t[6] > '9') return std::nullopt;
    int month = (t[5] - '0') * 10 + (t[6] - '0');
    if (year < 1900 || year > 2999 || month < 1 || month > 12) return std::nullopt;
    return Month::of(year, month);
}

std::string to_string(Month m) {
    return fmt::format("{:04d}-{:02d}", m.year(), m.month());
}

std::string long_name(Month m) {
    static constexpr std::array<const char*, 12> names = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    return fmt::format("{} {}", names[m.month() - 1], m.year());
}

}  // namespace scrutineer
