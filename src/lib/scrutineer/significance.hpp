// Is a change more than noise? The significance figure beside every Difference of a count.
//
// Method (docs/indicators.md): recorded crime counts are treated as Poisson. The square-root
// transform stabilises a Poisson count's variance (Var(2*sqrt(X)) ~= 1), so
//     z = 2 * (sqrt(L12) - sqrt(LTA))
// is roughly standard normal when the last 12 months come from the same process as the long
// term average. |z| >= 3 is flagged, the same three-sigma rule as the process limits in the
// NHS "Making Data Count" guidance: about 3 in 1,000 stable series flag by chance.
#pragma once

namespace scrutineer {

inline constexpr double kSignificantZ = 3.0;

double poisson_z(double last_12, double lta);
bool is_significant(double z);

}  // namespace scrutineer
