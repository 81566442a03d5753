#include "scrutineer/series_render.hpp"

#include "scrutineer/display_rounding.hpp"
#include "scrutineer/fraction.hpp"

namespace scrutineer {

std::string render_series_csv(const Series& series, Month from, Month to) {
    std::string out = "month,value\n";
    for (Month m = from; m <= to; m = m + 1) {
        out += to_string(m) + ",";
        if (auto v = series.at(m)) {
            Fraction f = from_micro(*v);
            out += round_half_away(f, f.den == 1 ? 0 : 6);
        }
        out += "\n";
    }
    return out;
}

}  // namespace scrutineer
