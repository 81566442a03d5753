#include "scrutineer/significance.hpp"

#include <cmath>

namespace scrutineer {

double poisson_z(double last_12, double lta) {
    return 2.0 * (std::sqrt(last_12) - std::sqrt(lta));
}

bool is_significant(double z) {
    return std::fabs(z) >= kSignificantZ;
}

}  // namespace scrutineer
