// The XmR chart (spc.hpp) as the `scrutineer spc` command prints it.
#pragma once

#include <string>

#include "scrutineer/spc.hpp"

namespace scrutineer {

// `point,value,mean,lower_limit,upper_limit,special_cause`: one row per value, point counted
// from 1, numbers fixed to 4 decimals, special_cause neither/improvement/concern/special.
inline constexpr const char* kSpcCsvHeader =
    "point,value,mean,lower_limit,upper_limit,special_cause";
std::string render_spc_csv(const XmrChart& chart);

// The same as a table for a person, with the limits, the rules that flagged each point and what
// the latest point shows in words.
std::string render_spc_text(const XmrChart& chart, Improvement improvement);

}  // namespace scrutineer
