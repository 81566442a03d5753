// Sums of money as the papers write them ("£60,500", "£31,800") and as officers type them
// ("60500.00"), kept as whole pence in a 64-bit integer so that totals are exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scrutineer {

// Pounds to pence: an optional "£", whole pounds with or without thousands separators (commas
// every three digits, "60,500"), and optionally a point with exactly two digits of pence
// ("60500.00", "£1,234.50"). Spaces around it are allowed. Nothing else is an amount: no sign,
// no "60,50", no "60500.5", no "k". At most £1,000,000,000,000.
std::optional<int64_t> parse_pounds(std::string_view text);

// "£60,500" for whole pounds, "£1,234.50" otherwise.
std::string format_pounds(int64_t pence);

}  // namespace scrutineer
