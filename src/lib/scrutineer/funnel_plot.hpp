// Comparing areas fairly: the funnel plot (issue #19 §3). Districts differ in size, and a rate in
// a small one swings more by chance than in a large one. A funnel plot puts each district's rate
// per 1,000 residents against its population, with control limits around the force's own rate
// that narrow as the population grows: a district outside them differs from the force by more
// than chance would explain for an area of its size.
//
// Method: Spiegelhalter (2005), "Funnel plots for comparing institutional performance",
// Statistics in Medicine 24:1185-1202, with exact Poisson limits in the form the R package
// FunnelPlotR draws them. A district of population n, at the force's rate p per person, would
// expect E = p x n crimes in 12 months. The limits on its count at level 1 - alpha are
//     lower = chi2_quantile(alpha / 2,     2E)     / 2
//     upper = chi2_quantile(1 - alpha / 2, 2E + 2) / 2
// (the exact Poisson interval of Garwood, 1936, taken at E: smooth curves in n), with
// alpha = 0.05 for the 95% limits and 0.002 for the 99.8% ones. As rates per `per` residents
// they are lower x per / n and upper x per / n. For E = 0 (a force with no crimes) the lower
// limit is 0.
//
// A point exactly on a limit is inside it, as in FunnelPlotR (an outlier is strictly beyond).
// A district is placed by its count against the count limits (the rates are the same
// comparison scaled by per / n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "scrutineer/dataset.hpp"
#include "scrutineer/month.hpp"

namespace scrutineer {

// Four limits: in counts, in O/E ratios or in rates per `per` residents, as the function says.
struct FunnelLimits {
    double lower_95 = 0, upper_95 = 0;
    double lower_998 = 0, upper_998 = 0;
};

// The exact Poisson limits of an observed count whose expected value is `expected` (>= 0).
// Throws std::invalid_argument for a negative or non-finite expected count.
FunnelLimits poisson_count_limits(double expected);

// The same as ratios observed / expected, FunnelPlotR's form for a standardised ratio around a
// target of 1 (the count limits divided by `expected`, > 0).
FunnelLimits poisson_ratio_limits(double expected);

// The limits as rates per `per` residents for an area of `population` people when the target
// is `target_rate_per_person` (crimes per resident). Throws std::invalid_argument for a
// population that is not positive, a negative target or a `per` below 1.
FunnelLimits poisson_funnel_limits(double target_rate_per_person, double population, int per);

enum class FunnelPosition { within, above_95, below_95, above_998, below_998 };

// "within", "above_95", "below_95", "above_998", "below_998"
const char* to_string(FunnelPosition position);

// Where `value` lies against `limits` (the same scale): beyond a 99.8% limit, else beyond a 95%
// limit, else within. On a limit is within.
FunnelPosition funnel_position(double value, const FunnelLimits& limits);

struct FunnelPoint {
    size_t area = 0;         // index into Dataset::areas
    int64_t count = 0;       // the last 12 months
    int64_t population = 0;  // the population the rate is of
    double rate = 0;         // per `per`
    FunnelLimits limits;     // rates per `per`
    FunnelPosition position = FunnelPosition::within;
};

// A district of the force that is not a point, and why ("no population estimate").
struct FunnelOmission {
    size_t area = 0;
    std::string why;
};

struct FunnelPlot {
    size_t force = 0;  // index into Dataset::areas
    std::string indicator;
    Month period_end;
    int per = 1000;
    int age_from = 0, age_to = 90;  // the population the rates are of (90 means 90 and over)
    int64_t force_count = 0;        // the force's last 12 months
    int64_t force_population = 0;
    bool force_population_from_districts = false;  // no estimate for the force's own code
    double target_rate = 0;                        // the force's rate, per `per`
    std::vector<FunnelPoint> points;               // the force's districts in table order
    std::vector<FunnelOmission> left_out;
};

// The funnel plot of one indicator for the districts of force `force` (an index into
// data.areas of a force row) over the 12 months ending in `period_end`.
//
// The target is the force's own rate: its 12-month count over its population. Counts and
// composites use the population of all ages; a rate indicator its numerator's counts over the
// population in its age band. The force's population is the estimate for its own code, or,
// when there is none, the sum of its districts' when every district has one.
//
// Throws std::invalid_argument, in words, when there can be no funnel: `force` is not a force,
// the indicator is a percentage or a snapshot (no count to compare with a population), it is
// not available by district, the force has no such series or not all 12 months of it, or
// there is no population for the force. A district without all 12 months or a population is
// left out, with the reason.
FunnelPlot funnel_plot(const Dataset& data, const IndicatorDefinition& indicator, Month period_end,
                       size_t force, int per = 1000);

// "per 1,000 residents", or "per 1,000 residents aged 10 to 17" for a rate's age band.
std::string funnel_rate_unit(const FunnelPlot& plot);

// One district in words: "Norwich: 52.1 per 1,000 residents, above the 99.8% limit (45.3) for
// an area of its size", or "..., within the limits for an area of its size (30.1 to 44.9 at
// 95%)". Figures to one decimal place, more when needed to tell a rate from its limit.
std::string funnel_sentence(const Dataset& data, const FunnelPlot& plot, const FunnelPoint& point);

}  // namespace scrutineer
