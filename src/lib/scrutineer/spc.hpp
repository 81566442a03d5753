// Statistical process control: the XmR chart as NHS England's "Making Data Count" and the
// NHSRplotthedots package draw it (issue #19 §2). Is a month's figure within the variation
// the process always shows (common cause), or a signal (special cause), and is the signal an
// improvement or a concern given which way is better for the indicator?
//
// For values x(1..n) and a baseline of the first N of them:
//   mean       = mean of x(1..N)
//   mean MR    = mean of |x(i) - x(i-1)| for i = 2..N
//   limits     = mean -/+ 2.66 x mean MR
//   2-sigma    = mean -/+ (2/3) x 2.66 x mean MR
// A point is special cause when (rules below) it is outside the limits; it is in a run of 7 or
// more points on one side of the mean (a point on the mean breaks a run); it is in a run of 7
// or more points each strictly above (or below) the one before (6 rises or falls); or it is in
// a window of 3 consecutive points of which at least 2 lie beyond the same 2-sigma line (every
// point of such a window is flagged). "Beyond" is strict, as NHSRplotthedots has it: a point on
// a limit or on a 2-sigma line is not beyond it; a point beyond a limit is beyond its 2-sigma
// line too. The rules apply to every point, after the baseline too, with the baseline's limits.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "scrutineer/indicator.hpp"

namespace scrutineer {

// What a point says: nothing (common cause), an improvement, a concern, or, for an indicator
// where neither way is better, a special cause with no judgement.
enum class SpecialCause { neither, improvement, concern, special };

const char* to_string(SpecialCause cause);  // "neither", "improvement", "concern", "special"

// The rules that flagged a point, as bits.
enum SpcRule : unsigned {
    kOutsideLimits = 1u,  // beyond a process limit (strictly)
    kShift = 2u,          // in a run of 7 or more on one side of the mean
    kTrend = 4u,          // in a run of 7 or more rising or falling
    kTwoOfThree = 8u,     // 2 of 3 consecutive points beyond the same 2-sigma line
};

struct XmrLimits {
    double mean = 0;
    double mean_moving_range = 0;
    double lower_limit = 0;  // mean - 2.66 x mean MR
    double upper_limit = 0;  // mean + 2.66 x mean MR
    double lower_two_sigma = 0;
    double upper_two_sigma = 0;
};

struct SpcPoint {
    double value = 0;
    SpecialCause special_cause = SpecialCause::neither;
    unsigned rules = 0;  // SpcRule bits
    bool high = false;   // the signal that decided special_cause is on the high side
                         // (above the mean, or a rising trend); false when not special cause.
                         // Signals on both sides: the concern's side; with Improvement::neither,
                         // the point's side of the mean (on the mean: high).
};

struct XmrChart {
    XmrLimits limits;
    size_t baseline = 0;  // the first `baseline` values set the mean and limits
    std::vector<SpcPoint> points;
};

// The XmR chart of `values` with the first `baseline` values as the baseline (0: all of them).
// Throws std::invalid_argument, in words, for fewer than 2 values, a baseline of 1 or more
// than the values, or a value that is not finite (naming it, counted from 1).
XmrChart xmr_chart(std::span<const double> values, size_t baseline, Improvement improvement);

// The variation icon of "Making Data Count": what the latest point shows.
enum class Variation {
    common_cause,
    improvement_high,
    improvement_low,
    concern_high,
    concern_low,
    special_high,  // neither way is better
    special_low,
};

const char* to_string(Variation v);  // "common_cause", "improvement_high", ...
// For a councillor: "Within the usual variation", "Improvement: unusually high", "Concern:
// unusually low", ...; where neither way is better, "Unusually high" or "Unusually low".
const char* variation_words(Variation v);
Variation variation_of(const SpcPoint& point);      // what one point shows
Variation latest_variation(const XmrChart& chart);  // the last point's; common_cause if none

// The assurance icon of "Making Data Count": can the process be relied on to be on the better
// side of a reference value (a target; scrutineer uses the Long Term Average's monthly mean)?
// `passes`: both limits on the better side; `fails`: both on the worse side; `hit_and_miss`:
// the reference lies between the limits or on one (strictly, as NHSRplotthedots). nullopt when
// neither way is better. Throws std::invalid_argument for a reference that is not finite.
enum class Assurance { passes, fails, hit_and_miss };

const char* to_string(Assurance a);        // "passes", "fails", "hit_and_miss"
const char* assurance_words(Assurance a);  // "Consistently better than the Long Term Average", ...
std::optional<Assurance> assurance(const XmrLimits& limits, double reference,
                                   Improvement improvement);

}  // namespace scrutineer
