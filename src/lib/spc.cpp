// The XmR chart and its rules (issue #19 §2); the rules are described in spc.hpp and, with where
// they differ from NHSRplotthedots, in docs/indicators.md. Hand-written: a few sums and
// comparisons that no packaged library offers in this form.
#include "scrutineer/spc.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace scrutineer {

namespace {

constexpr double kLimitFactor = 2.66;  // 3 sigma of an individual value, from the mean MR
constexpr size_t kRunLength = 7;       // a shift or a trend: 7 points (6 rises or falls)
constexpr size_t kTwoSigmaWindow = 3;  // 2 of 3 points beyond the same 2-sigma line
constexpr size_t kTwoSigmaNeeded = 2;

// Which side each rule put a point on, before the improvement direction judges it.
struct Sides {
    unsigned rules = 0;
    bool high = false;
    bool low = false;

    void mark(SpcRule rule, bool is_high) {
        rules |= rule;
        (is_high ? high : low) = true;
    }
};

XmrLimits limits_of(std::span<const double> baseline) {
    XmrLimits l;
    double sum = 0;
    for (double x : baseline) sum += x;
    l.mean = sum / static_cast<double>(baseline.size());
    double ranges = 0;
    for (size_t i = 1; i < baseline.size(); ++i) ranges += std::fabs(baseline[i] - baseline[i - 1]);
    l.mean_moving_range = ranges / static_cast<double>(baseline.size() - 1);
    double three_sigma = kLimitFactor * l.mean_moving_range;
    double two_sigma = 2.0 / 3.0 * three_sigma;
    l.lower_limit = l.mean - three_sigma;
    l.upper_limit = l.mean + three_sigma;
    l.lower_two_sigma = l.mean - two_sigma;
    l.upper_two_sigma = l.mean + two_sigma;
    return l;
}

// +1 above, -1 below, 0 equal.
int sign(double d) {
    return (d > 0) - (d < 0);
}

// Every maximal run of equal non-zero `side[i]` of at least `min_points` points is marked with
// `rule` on that side. `side[i]` describes point i, or (for a trend) the step into point i, in
// which case the run also takes in the point before its first step (`steps` true).
void mark_runs(const std::vector<int>& side, size_t min_points, bool steps, SpcRule rule,
               std::vector<Sides>& out) {
    size_t i = 0;
    while (i < side.size()) {
        size_t j = i;
        while (j < side.size() && side[j] == side[i]) ++j;
        size_t first = steps && i > 0 ? i - 1 : i;  // a run of steps starts at the point before
        if (side[i] != 0 && j - first >= min_points)
            for (size_t k = first; k < j; ++k) out[k].mark(rule, side[i] > 0);
        i = j;
    }
}

SpecialCause judge(bool high, Improvement improvement) {
    if (improvement == Improvement::neither) return SpecialCause::special;
    bool better = (improvement == Improvement::increase) == high;
    return better ? SpecialCause::improvement : SpecialCause::concern;
}

}  // namespace

const char* to_string(SpecialCause cause) {
    switch (cause) {
        case SpecialCause::neither:
            return "neither";
        case SpecialCause::improvement:
            return "improvement";
        case SpecialCause::concern:
            return "concern";
        case SpecialCause::special:
            return "special";
    }
    return "neither";
}

XmrChart xmr_chart(std::span<const double> values, size_t baseline, Improvement improvement) {
    const size_t n = values.size();
    if (n < 2)
        throw std::invalid_argument(fmt::format(
            "an XmR chart needs at least 2 values (a moving range needs two), got {}", n));
    for (size_t i = 0; i < n; ++i)
        if (!std::isfinite(values[i]))
            throw std::invalid_argument(fmt::format("value {} is not a finite number", i + 1));
    if (baseline == 1)
        throw std::invalid_argument(
            "a baseline of 1 value has no moving range: give at least 2 (or 0 for all the "
            "values)");
    if (baseline > n)
        throw std::invalid_argument(
            fmt::format("a baseline of {} values is more than the {} values given", baseline, n));
    if (baseline == 0) baseline = n;

    XmrChart chart;
    chart.baseline = baseline;
    chart.limits = limits_of(values.first(baseline));
    const XmrLimits& l = chart.limits;

    std::vector<Sides> sides(n);
    // Outside the process limits (strictly: a point on a limit is inside).
    for (size_t i = 0; i < n; ++i) {
        if (values[i] > l.upper_limit) sides[i].mark(kOutsideLimits, true);
        if (values[i] < l.lower_limit) sides[i].mark(kOutsideLimits, false);
    }
    // A shift: 7 or more in a row on one side of the mean (a point on the mean is on neither).
    std::vector<int> side_of_mean(n);
    for (size_t i = 0; i < n; ++i) side_of_mean[i] = sign(values[i] - l.mean);
    mark_runs(side_of_mean, kRunLength, false, kShift, sides);
    // A trend: 7 or more in a row, each strictly above (below) the one before; an equal value
    // breaks it. step[0] (no point before) is 0.
    std::vector<int> step(n);
    for (size_t i = 1; i < n; ++i) step[i] = sign(values[i] - values[i - 1]);
    mark_runs(step, kRunLength, true, kTrend, sides);
    // 2 of 3 beyond the same 2-sigma line (strictly beyond; a point beyond the process limit is
    // beyond the 2-sigma line too): all 3 points of the window are flagged.
    for (size_t i = 0; i + kTwoSigmaWindow <= n; ++i) {
        size_t above = 0, below = 0;
        for (size_t k = i; k < i + kTwoSigmaWindow; ++k) {
            above += values[k] > l.upper_two_sigma;
            below += values[k] < l.lower_two_sigma;
        }
        for (size_t k = i; k < i + kTwoSigmaWindow; ++k) {
            if (above >= kTwoSigmaNeeded) sides[k].mark(kTwoOfThree, true);
            if (below >= kTwoSigmaNeeded) sides[k].mark(kTwoOfThree, false);
        }
    }

    chart.points.resize(n);
    for (size_t i = 0; i < n; ++i) {
        SpcPoint& p = chart.points[i];
        p.value = values[i];
        p.rules = sides[i].rules;
        if (!sides[i].high && !sides[i].low) continue;
        bool high = sides[i].high;
        if (sides[i].high && sides[i].low) {
            // Signals on both sides: the worse side wins (a concern); with no better side,
            // the side of the mean the point is on (on the mean: high).
            if (improvement == Improvement::increase)
                high = false;
            else if (improvement == Improvement::decrease)
                high = true;
            else
                high = values[i] >= l.mean;
        }
        p.high = high;
        p.special_cause = judge(high, improvement);
    }
    return chart;
}

const char* to_string(Variation v) {
    switch (v) {
        case Variation::common_cause:
            return "common_cause";
        case Variation::improvement_high:
            return "improvement_high";
        case Variation::improvement_low:
            return "improvement_low";
        case Variation::concern_high:
            return "concern_high";
        case Variation::concern_low:
            return "concern_low";
        case Variation::special_high:
            return "special_high";
        case Variation::special_low:
            return "special_low";
    }
    return "common_cause";
}

const char* variation_words(Variation v) {
    switch (v) {
        case Variation::common_cause:
            return "Within the usual variation";
        case Variation::improvement_high:
            return "Improvement: unusually high";
        case Variation::improvement_low:
            return "Improvement: unusually low";
        case Variation::concern_high:
            return "Concern: unusually high";
        case Variation::concern_low:
            return "Concern: unusually low";
        case Variation::special_high:
            return "Unusually high";
        case Variation::special_low:
            return "Unusually low";
    }
    return "Within the usual variation";
}

Variation latest_variation(const XmrChart& chart) {
    return chart.points.empty() ? Variation::common_cause : variation_of(chart.points.back());
}

Variation variation_of(const SpcPoint& p) {
    switch (p.special_cause) {
        case SpecialCause::neither:
            return Variation::common_cause;
        case SpecialCause::improvement:
            return p.high ? Variation::improvement_high : Variation::improvement_low;
        case SpecialCause::concern:
            return p.high ? Variation::concern_high : Variation::concern_low;
        case SpecialCause::special:
            return p.high ? Variation::special_high : Variation::special_low;
    }
    return Variation::common_cause;
}

const char* to_string(Assurance a) {
    switch (a) {
        case Assurance::passes:
            return "passes";
        case Assurance::fails:
            return "fails";
        case Assurance::hit_and_miss:
            return "hit_and_miss";
    }
    return "hit_and_miss";
}

const char* assurance_words(Assurance a) {
    switch (a) {
        case Assurance::passes:
            return "Consistently better than the Long Term Average";
        case Assurance::fails:
            return "Consistently worse than the Long Term Average";
        case Assurance::hit_and_miss:
            return "Sometimes better, sometimes worse than the Long Term Average";
    }
    return "Sometimes better, sometimes worse than the Long Term Average";
}

std::optional<Assurance> assurance(const XmrLimits& limits, double reference,
                                   Improvement improvement) {
    if (!std::isfinite(reference))
        throw std::invalid_argument("the assurance reference value is not a finite number");
    if (improvement == Improvement::neither) return std::nullopt;
    // Strictly: a reference on a limit is within reach of the process (hit and miss).
    bool all_above = limits.lower_limit > reference;
    bool all_below = limits.upper_limit < reference;
    if (!all_above && !all_below) return Assurance::hit_and_miss;
    bool better = all_above == (improvement == Improvement::increase);
    return better ? Assurance::passes : Assurance::fails;
}

}  // namespace scrutineer
