// The variation and assurance icons of NHS England's "Making Data Count", drawn as small inline
// SVG. Each icon is decorative (aria-hidden): the page always writes its meaning beside it
// (variation_words, assurance_words), and the icons differ by letter and shape as well as
// colour, so that nothing is told by colour alone.
#pragma once

#include <string>

#include "scrutineer/spc.hpp"

namespace scrutineer {

// The colours "Making Data Count" uses (and the SPC chart's points): improvement blue, concern
// orange, a special cause where neither way is better purple, common cause grey.
inline constexpr const char* kImprovementColour = "#1d70b8";
inline constexpr const char* kConcernColour = "#b35900";
inline constexpr const char* kSpecialColour = "#4c2c92";
inline constexpr const char* kCommonCauseColour = "#505a5f";

const char* special_cause_colour(SpecialCause cause);

std::string variation_icon_svg(Variation v);
std::string assurance_icon_svg(Assurance a);

}  // namespace scrutineer
