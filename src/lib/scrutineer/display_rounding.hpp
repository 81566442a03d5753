// The display rounding rule: figures are computed from unrounded values and rounded only
// for display, to a fixed number of decimal places, half away from zero, decimal-correct
// (the exact value 8.75 shows as 8.8, never 8.7).
#pragma once

#include <string>

#include "scrutineer/fraction.hpp"

namespace scrutineer {

// The value rounded half away from zero to `decimals` places, as plain text: "8.8", "-0.1",
// "1455.3333". No thousands separators; "-0.0" never appears (it is "0.0").
std::string round_half_away(const Fraction& value, int decimals);

// The same with thousands separators in the whole part: "12,836", "1,455.3".
std::string round_for_display(const Fraction& value, int decimals);

// Inserts thousands separators into a plain decimal string: "-12836.5" -> "-12,836.5".
std::string with_thousands_separators(const std::string& plain);

}  // namespace scrutineer
