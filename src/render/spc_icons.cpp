#include "scrutineer/spc_icons.hpp"

#include <fmt/format.h>

namespace scrutineer {
namespace {

// A circle 28 pixels across with a ring of `colour` and a mark inside it.
std::string icon(const char* colour, const std::string& mark) {
    return fmt::format(
        "<svg class=\"app-spc-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"28\" "
        "height=\"28\" viewBox=\"0 0 28 28\" aria-hidden=\"true\" focusable=\"false\">"
        "<circle cx=\"14\" cy=\"14\" r=\"12.5\" fill=\"#ffffff\" stroke=\"{0}\" "
        "stroke-width=\"3\"/>{1}</svg>",
        colour, mark);
}

// A letter in the middle of the circle: H or L for the side of a special cause; P, F or ? for
// the assurance.
std::string letter(const char* colour, const char* text) {
    return fmt::format(
        "<text x=\"14\" y=\"19\" text-anchor=\"middle\" font-family=\"Arial, sans-serif\" "
        "font-size=\"14\" font-weight=\"700\" fill=\"{}\">{}</text>",
        colour, text);
}

}  // namespace

const char* special_cause_colour(SpecialCause cause) {
    switch (cause) {
        case SpecialCause::improvement:
            return kImprovementColour;
        case SpecialCause::concern:
            return kConcernColour;
        case SpecialCause::special:
            return kSpecialColour;
        case SpecialCause::neither:
            break;
    }
    return kCommonCauseColour;
}

std::string variation_icon_svg(Variation v) {
    switch (v) {
        case Variation::common_cause:
            // A level line: the process as it always is.
            return icon(kCommonCauseColour,
                        fmt::format("<path d=\"M7 14 H21\" stroke=\"{}\" stroke-width=\"3\" "
                                    "stroke-linecap=\"round\"/>",
                                    kCommonCauseColour));
        case Variation::improvement_high:
            return icon(kImprovementColour, letter(kImprovementColour, "H"));
        case Variation::improvement_low:
            return icon(kImprovementColour, letter(kImprovementColour, "L"));
        case Variation::concern_high:
            return icon(kConcernColour, letter(kConcernColour, "H"));
        case Variation::concern_low:
            return icon(kConcernColour, letter(kConcernColour, "L"));
        case Variation::special_high:
            return icon(kSpecialColour, letter(kSpecialColour, "H"));
        case Variation::special_low:
            return icon(kSpecialColour, letter(kSpecialColour, "L"));
    }
    return {};
}

std::string assurance_icon_svg(Assurance a) {
    switch (a) {
        case Assurance::passes:
            return icon(kImprovementColour, letter(kImprovementColour, "P"));
        case Assurance::fails:
            return icon(kConcernColour, letter(kConcernColour, "F"));
        case Assurance::hit_and_miss:
            return icon(kCommonCauseColour, letter(kCommonCauseColour, "?"));
    }
    return {};
}

}  // namespace scrutineer
