// Indicators that come from police.uk street-level crime files (issue #2): each "Crime type"
// string as it appears in the files, plus "All crime" = every type except anti-social behaviour.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/indicator.hpp"

namespace scrutineer {

inline constexpr std::string_view kAllCrime = "All crime";
inline constexpr std::string_view kAntiSocialBehaviour = "Anti-social behaviour";

bool counts_towards_all_crime(std::string_view crime_type);

// The indicators of the tables, in order: those the catalogue defines (in its order), then
// "All crime" and the police.uk crime types alphabetically, then any other series' names
// alphabetically (as counts). A name is listed once.
std::vector<IndicatorDefinition> order_indicators(const std::vector<IndicatorDefinition>& catalogue,
                                                  const std::vector<std::string>& police_uk_types,
                                                  const std::vector<std::string>& other_series);

}  // namespace scrutineer
