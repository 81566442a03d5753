// The XmR chart (spc.cpp): its limits, each rule on its own with small hand-made series, the
// icons, bad input, and cases from NHSRplotthedots' published tests (nhs-r-community/
// NHSRplotthedots, tests/testthat), re-derived for our rules where the rules differ.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "scrutineer/spc.hpp"
#include "scrutineer/spc_render.hpp"

using namespace scrutineer;

namespace {

XmrChart chart_of(const std::vector<double>& v, size_t baseline = 0,
                  Improvement improvement = Improvement::neither) {
    return xmr_chart(v, baseline, improvement);
}

// One letter a point: '.' common cause, 'I' improvement, 'C' concern, 'S' special (neither way
// is better); lower case when the deciding signal is on the low side.
std::string causes(const XmrChart& c) {
    std::string out;
    for (const auto& p : c.points) {
        char ch = '.';
        if (p.special_cause == SpecialCause::improvement) ch = 'I';
        if (p.special_cause == SpecialCause::concern) ch = 'C';
        if (p.special_cause == SpecialCause::special) ch = 'S';
        if (ch != '.' && !p.high) ch = static_cast<char>(ch - 'A' + 'a');
        out += ch;
    }
    return out;
}

// '1' where `rule` flagged the point, '0' where not.
std::string flagged(const XmrChart& c, SpcRule rule) {
    std::string out;
    for (const auto& p : c.points) out += (p.rules & rule) ? '1' : '0';
    return out;
}

std::vector<double> join(std::vector<double> a, const std::vector<double>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// A baseline that freezes the mean at 5 (mean moving range 10: limits 5 -/+ 26.6, 2-sigma lines
// 5 -/+ 17.7333), ending above the mean, so the points after it are judged against those
// limits. Its own points are within the 2-sigma lines, alternate about the mean and rise and
// fall in turn, so on their own they flag nothing.
const std::vector<double> kBaseHigh = {0, 10, 0, 10};
const std::vector<double> kBaseLow = {10, 0, 10, 0};  // the same, ending below the mean

}  // namespace

// --- the limits ---

TEST(SpcLimits, MeanMovingRangeAndLimitsOfTheWholeSeries) {
    auto c = chart_of({1, 2, 3, 4, 5});
    EXPECT_EQ(c.baseline, 5u);
    EXPECT_DOUBLE_EQ(c.limits.mean, 3.0);
    EXPECT_DOUBLE_EQ(c.limits.mean_moving_range, 1.0);
    EXPECT_DOUBLE_EQ(c.limits.lower_limit, 3.0 - 2.66);
    EXPECT_DOUBLE_EQ(c.limits.upper_limit, 3.0 + 2.66);
    EXPECT_DOUBLE_EQ(c.limits.lower_two_sigma, 3.0 - 2.0 / 3.0 * 2.66);
    EXPECT_DOUBLE_EQ(c.limits.upper_two_sigma, 3.0 + 2.0 / 3.0 * 2.66);
    ASSERT_EQ(c.points.size(), 5u);
    EXPECT_EQ(c.points[2].value, 3.0);
}

TEST(SpcLimits, MovingRangesAreAbsolute) {
    // |2-10| + |10-4| = 14 over 2 ranges: 7, not (-8 + 6)/2.
    auto c = chart_of({10, 2, 8});
    EXPECT_DOUBLE_EQ(c.limits.mean_moving_range, 7.0);
    EXPECT_DOUBLE_EQ(c.limits.mean, 20.0 / 3.0);
}

TEST(SpcLimits, TheBaselineAloneSetsTheMeanAndLimits) {
    // Baseline 10,12,10,12: mean 11, moving ranges 2,2,2; the later 30s change nothing.
    auto c = chart_of({10, 12, 10, 12, 30, 30}, 4, Improvement::decrease);
    EXPECT_EQ(c.baseline, 4u);
    EXPECT_DOUBLE_EQ(c.limits.mean, 11.0);
    EXPECT_DOUBLE_EQ(c.limits.mean_moving_range, 2.0);
    EXPECT_DOUBLE_EQ(c.limits.upper_limit, 11.0 + 2.66 * 2.0);
    // The points after the baseline are judged too, against the baseline's limits: the 30s are
    // outside them, and with the last 12 they are a window of 3 with 2 beyond the 2-sigma line.
    EXPECT_EQ(causes(c), "...CCC");
    EXPECT_EQ(flagged(c, kOutsideLimits), "000011");
    // Baseline 0 and baseline n are the whole series.
    auto all = chart_of({10, 12, 10, 12, 30, 30}, 0);
    auto six = chart_of({10, 12, 10, 12, 30, 30}, 6);
    EXPECT_EQ(all.baseline, 6u);
    EXPECT_DOUBLE_EQ(all.limits.mean, 104.0 / 6.0);
    EXPECT_DOUBLE_EQ(all.limits.mean_moving_range, six.limits.mean_moving_range);
    EXPECT_DOUBLE_EQ(all.limits.mean_moving_range, (2 + 2 + 2 + 18 + 0) / 5.0);
}

// --- outside the limits (strictly) ---

TEST(SpcOutsideLimits, APointOnALimitIsInsideAndJustBeyondItIsOutside) {
    auto base = chart_of(kBaseLow);
    double upper = base.limits.upper_limit, lower = base.limits.lower_limit;
    EXPECT_DOUBLE_EQ(upper, 31.6);
    EXPECT_DOUBLE_EQ(lower, -21.6);
    // One point after the baseline, each alone (no window of 3 has 2 beyond a 2-sigma line).
    EXPECT_EQ(causes(chart_of(join(kBaseLow, {upper}), 4, Improvement::decrease)), ".....");
    EXPECT_EQ(causes(chart_of(join(kBaseHigh, {lower}), 4, Improvement::decrease)), ".....");
    auto above = chart_of(join(kBaseLow, {std::nextafter(upper, 1e9)}), 4, Improvement::decrease);
    EXPECT_EQ(causes(above), "....C");
    EXPECT_EQ(above.points[4].rules, unsigned(kOutsideLimits));
    auto below = chart_of(join(kBaseHigh, {std::nextafter(lower, -1e9)}), 4, Improvement::decrease);
    EXPECT_EQ(causes(below), "....i");
    EXPECT_EQ(below.points[4].rules, unsigned(kOutsideLimits));
}

// --- a shift: 7 or more on one side of the mean ---

TEST(SpcShift, SevenAboveTheMeanIsASignalAndSixIsNot) {
    auto seven = chart_of(join(kBaseLow, {6, 6, 6, 6, 6, 6, 6}), 4, Improvement::increase);
    EXPECT_EQ(causes(seven), "....IIIIIII");
    EXPECT_EQ(flagged(seven, kShift), "00001111111");
    EXPECT_EQ(seven.points[10].rules, unsigned(kShift));  // equal values: no trend
    auto six = chart_of(join(kBaseLow, {6, 6, 6, 6, 6, 6}), 4, Improvement::increase);
    EXPECT_EQ(causes(six), "..........");
}

TEST(SpcShift, SevenBelowIsOnTheLowSide) {
    auto c = chart_of(join(kBaseHigh, {4, 4, 4, 4, 4, 4, 4, 4}), 4, Improvement::increase);
    EXPECT_EQ(causes(c), "....cccccccc");
    EXPECT_EQ(causes(chart_of(join(kBaseHigh, {4, 4, 4, 4, 4, 4, 4}), 4, Improvement::decrease)),
              "....iiiiiii");
}

TEST(SpcShift, APointOnTheMeanBreaksARun) {
    // 3 above, one on the mean (5), 3 above: two runs of 3, not one of 7.
    auto broken = chart_of(join(kBaseLow, {6, 6, 6, 5, 6, 6, 6}), 4, Improvement::increase);
    EXPECT_EQ(causes(broken), "...........");
    // 7 above then one on the mean and one above: the 7 only.
    auto after = chart_of(join(kBaseLow, {6, 6, 6, 6, 6, 6, 6, 5, 6}), 4, Improvement::increase);
    EXPECT_EQ(causes(after), "....IIIIIII..");
}

// NHSRplotthedots, tests/testthat/test-ptd_calculate_point_type.R, "ptd_seven_point_one_side_mean
// works as expected" and "ptd_part_of_seven_trend works as expected": their side-of-the-mean
// vectors as values 1 and -1 (the mean of the whole series lies between them), and the points
// they mark as part of a run of 7 (part_of_seven_trend over seven_point_one_side_mean).
TEST(SpcShift, NhsrPlotTheDotsSevenPointOneSideMeanCases) {
    auto run = [](std::vector<double> v) { return flagged(chart_of(v), kShift); };
    EXPECT_EQ(run({1, 1, 1, 1, 1, 1, -1}), "0000000");
    EXPECT_EQ(run({1, 1, 1, 1, 1, 1, 1, 1, -1}), "111111110");
    EXPECT_EQ(run({-1, -1, -1, -1, -1, -1, -1, -1, 1}), "111111110");
    EXPECT_EQ(run({-1, 1, 1, 1, 1, 1, 1, 1, 1, -1}), "0111111110");
    EXPECT_EQ(run({1, -1, -1, -1, -1, -1, -1, -1, -1, 1}), "0111111110");
}

// --- a trend: 7 or more each strictly above (below) the one before ---

TEST(SpcTrend, SixRisesAreASignalAndFiveAreNot) {
    // After the baseline's last 10, a fall to 2, then 2..8 rising through the mean (5 is on it,
    // so no shift), all within the 2-sigma lines: the trend rule alone.
    auto seven = chart_of(join(kBaseHigh, {2, 3, 4, 5, 6, 7, 8}), 4, Improvement::increase);
    EXPECT_EQ(flagged(seven, kTrend), "00001111111");
    EXPECT_EQ(causes(seven), "....IIIIIII");  // a rising trend is high, even below the mean
    EXPECT_EQ(causes(chart_of(join(kBaseHigh, {2, 3, 4, 5, 6, 7, 8}), 4, Improvement::decrease)),
              "....CCCCCCC");
    EXPECT_EQ(causes(chart_of(join(kBaseHigh, {2, 3, 4, 5, 6, 7, 8}), 4)), "....SSSSSSS");
    auto six = chart_of(join(kBaseHigh, {2, 3, 4, 5, 6, 7}), 4, Improvement::increase);
    EXPECT_EQ(causes(six), "..........");
}

TEST(SpcTrend, SixFallsAreALowSignalAndAnEqualValueBreaksATrend) {
    auto falling = chart_of(join(kBaseLow, {8, 7, 6, 5, 4, 3, 2}), 4, Improvement::decrease);
    EXPECT_EQ(causes(falling), "....iiiiiii");  // falling is low, even above the mean
    // 8,7,6,6,5,4,3,2: the repeated 6 is no fall; runs of 3 and 6 points.
    auto flat = chart_of(join(kBaseLow, {8, 7, 6, 6, 5, 4, 3, 2}), 4, Improvement::decrease);
    EXPECT_EQ(causes(flat), "............");
}

// NHSRplotthedots, tests/testthat/test-ptd_calculate_point_type.R, "ptd_seven_point_trend works
// as expected": the 7th point of a run is marked there and part_of_seven_trend marks the 6
// before it; here every point of the run is flagged.
TEST(SpcTrend, NhsrPlotTheDotsSevenPointTrendCases) {
    auto trend = [](std::vector<double> v) { return flagged(chart_of(v), kTrend); };
    EXPECT_EQ(trend({1, 2, 3, 4, 5, 6}), "000000");
    EXPECT_EQ(trend({1, 2, 3, 3, 4, 5, 6}), "0000000");
    EXPECT_EQ(trend({1, 2, 3, 4, 5, 6, 7}), "1111111");
    EXPECT_EQ(trend({2, 1, 2, 3, 4, 5, 6, 7, 3}), "011111110");
    EXPECT_EQ(trend({7, 6, 5, 4, 3, 2, 1}), "1111111");
    EXPECT_EQ(trend({2, 7, 6, 5, 4, 3, 2, 1, 3}), "011111110");
}

// --- 2 of 3 beyond the same 2-sigma line ---

TEST(SpcTwoOfThree, TwoBeyondTheUpperLineFlagAllThreeOfTheWindow) {
    // 25 is beyond the upper 2-sigma line (22.73) and inside the limit (31.6); 5 is on the mean.
    auto c = chart_of(join(kBaseLow, {25, 5, 25, 5, 5}), 4, Improvement::decrease);
    EXPECT_EQ(flagged(c, kTwoOfThree), "000011100");
    EXPECT_EQ(causes(c), "....CCC..");
    // One beyond in every window: nothing.
    EXPECT_EQ(causes(chart_of(join(kBaseLow, {25, 5, 5, 25, 5}), 4, Improvement::decrease)),
              ".........");
}

TEST(SpcTwoOfThree, OnTheLineIsNotBeyondIt) {
    auto base = chart_of(kBaseLow);
    double line = base.limits.upper_two_sigma;
    EXPECT_NEAR(line, 5 + 2.0 / 3.0 * 26.6, 1e-12);
    EXPECT_EQ(causes(chart_of(join(kBaseLow, {line, line, 5}), 4, Improvement::increase)),
              ".......");
    double beyond = std::nextafter(line, 1e9);
    // The window (0, beyond, beyond) takes in the baseline's last point as well.
    EXPECT_EQ(causes(chart_of(join(kBaseLow, {beyond, beyond, 5}), 4, Improvement::increase)),
              "...IIII");
    // The lower line likewise.
    double lower = chart_of(kBaseHigh).limits.lower_two_sigma;
    EXPECT_EQ(causes(chart_of(join(kBaseHigh, {lower, lower, 5}), 4, Improvement::increase)),
              ".......");
    double below = std::nextafter(lower, -1e9);
    EXPECT_EQ(causes(chart_of(join(kBaseHigh, {below, below, 5}), 4, Improvement::increase)),
              "...cccc");
}

TEST(SpcTwoOfThree, OneBeyondEachLineIsNoSignal) {
    // 25 beyond the upper line, -15 beyond the lower (-12.73): not the same line.
    auto c = chart_of(join(kBaseLow, {25, 5, -15, 5, 5}), 4, Improvement::increase);
    EXPECT_EQ(causes(c), ".........");
    auto low = chart_of(join(kBaseHigh, {-15, 5, -15, 5, 5}), 4, Improvement::increase);
    EXPECT_EQ(causes(low), "....ccc..");
}

TEST(SpcTwoOfThree, APointBeyondTheLimitIsBeyondTheLineToo) {
    // 40 is outside the limit (31.6) and 25 between the line and the limit: 2 beyond the upper
    // 2-sigma line, so the window is flagged (NHSRplotthedots counts only points between the
    // line and the limit, and would flag 40 alone).
    auto c = chart_of(join(kBaseLow, {5, 25, 40, 5, 5}), 4, Improvement::decrease);
    EXPECT_EQ(flagged(c, kTwoOfThree), "000011110");
    EXPECT_EQ(flagged(c, kOutsideLimits), "000000100");
    EXPECT_EQ(causes(c), "....CCCC.");
}

// NHSRplotthedots, tests/testthat/test-ptd_calculate_point_type.R, "ptd_two_in_three works as
// expected": their close-to-limits vectors (1: between the upper 2-sigma line and the limit, here
// 25; 0: near the mean, here 6), all on the same side of the mean, after our baseline; their
// ptd_two_in_three marks every point of a qualifying window, as we do. (Their
// ptd_part_of_two_in_three then keeps only the points beyond the line: the issue flags all 3.)
TEST(SpcTwoOfThree, NhsrPlotTheDotsTwoInThreeCases) {
    auto after_base = [](std::vector<double> close) {
        std::vector<double> v;
        for (double x : close) v.push_back(x ? 25 : 6);
        std::string f = flagged(chart_of(join(kBaseLow, v), 4), kTwoOfThree);
        EXPECT_EQ(f.substr(0, 3), "000");
        return f.substr(4);
    };
    EXPECT_EQ(after_base({0, 0, 0}), "000");
    EXPECT_EQ(after_base({1, 0, 1}), "111");
    EXPECT_EQ(after_base({0, 1, 1}), "111");
    EXPECT_EQ(after_base({1, 1, 0}), "111");
    EXPECT_EQ(after_base({0, 0, 1, 0, 1, 0, 0}), "0011100");
    EXPECT_EQ(after_base({0, 0, 1, 1, 0, 0, 0}), "0111100");
    EXPECT_EQ(after_base({1, 0, 0, 1}), "0000");
    // Their part_of_two_in_three gives 0,0,0,1,1 here: the window is the last 3 points, and
    // only the two beyond the line are kept; we flag the window's first point too.
    EXPECT_EQ(after_base({1, 0, 0, 1, 1}), "00111");
}

// NHSRplotthedots, tests/testthat/test-ptd_spc_standard.R, "it only reports special cause for 2
// of 3 points close to limits when they are on the same side of the mean": 1,-1 eight times,
// then 5.5 and -5.5 near opposite limits; the last two (indeed all) are common cause. Without
// their outlier screening: mean 0, mean MR 43.5/15 = 2.9, 2-sigma lines -/+5.1427.
TEST(SpcTwoOfThree, NhsrPlotTheDotsOppositeSidesAreCommonCause) {
    std::vector<double> v;
    for (int i = 0; i < 8; ++i) {
        v.push_back(1);
        v.push_back(-1);
    }
    v[14] = 5.5;
    v[15] = -5.5;
    auto c = chart_of(v, 0, Improvement::increase);
    EXPECT_DOUBLE_EQ(c.limits.mean, 0.0);
    EXPECT_DOUBLE_EQ(c.limits.mean_moving_range, 2.9);
    EXPECT_GT(5.5, c.limits.upper_two_sigma);
    EXPECT_LT(5.5, c.limits.upper_limit);
    EXPECT_EQ(causes(c), std::string(16, '.'));
}

// --- which side wins, and judging by the improvement direction ---

TEST(SpcJudgement, ConcernWinsWhenOnePointIsFlaggedOnBothSides) {
    // 2..8 rising then 8..2 falling: the peak (8) is in both trends.
    std::vector<double> v = join(kBaseHigh, {2, 3, 4, 5, 6, 7, 8, 7, 6, 5, 4, 3, 2});
    auto up = chart_of(v, 4, Improvement::increase);
    EXPECT_EQ(up.points[10].rules, unsigned(kTrend));
    EXPECT_EQ(causes(up), "....IIIIIIccccccc");
    auto down = chart_of(v, 4, Improvement::decrease);
    EXPECT_EQ(causes(down), "....CCCCCCCiiiiii");
    // Neither way better: the peak takes its side of the mean (above).
    EXPECT_EQ(causes(chart_of(v, 4)), "....SSSSSSSssssss");
    // A peak exactly on the mean (5), neither way better: high.
    std::vector<double> on = join(kBaseHigh, {-1, 0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0, -1});
    EXPECT_EQ(causes(chart_of(on, 4)), "....SSSSSSSssssss");
    EXPECT_EQ(causes(chart_of(on, 4, Improvement::increase)), "....IIIIIIccccccc");
}

TEST(SpcJudgement, ConcernWinsAcrossDifferentRules) {
    // Seven 4s below the mean (a low shift), then 25, 25 beyond the upper 2-sigma line: the 7th
    // 4 is in the shift (low) and in the window (4, 25, 25) (high).
    std::vector<double> v = join(kBaseHigh, {4, 4, 4, 4, 4, 4, 4, 25, 25});
    auto up = chart_of(v, 4, Improvement::increase);
    EXPECT_EQ(up.points[10].rules, unsigned(kShift | kTwoOfThree));
    EXPECT_EQ(causes(up), "....cccccccII");
    auto down = chart_of(v, 4, Improvement::decrease);
    EXPECT_EQ(causes(down), "....iiiiiiCCC");
    EXPECT_EQ(causes(chart_of(v, 4)), "....sssssssSS");  // 4 is below the mean
}

TEST(SpcJudgement, ToStringOfEachCause) {
    EXPECT_STREQ(to_string(SpecialCause::neither), "neither");
    EXPECT_STREQ(to_string(SpecialCause::improvement), "improvement");
    EXPECT_STREQ(to_string(SpecialCause::concern), "concern");
    EXPECT_STREQ(to_string(SpecialCause::special), "special");
}

// --- NHSRplotthedots' published limits ---

namespace {
// R: set.seed(123); rnorm(20) -- the data of NHSRplotthedots' tests/testthat/test-ptd_spc.R and
// test-ptd_spc_standard.R (their snapshots print it to 3 significant figures).
const std::vector<double> kRnorm123 = {
    -0.56047565, -0.23017749, 1.55870831,  0.07050839,  0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180,  0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314,  0.49785048,  -1.96661716, 0.70135590, -0.47279141};
}  // namespace

// tests/testthat/_snaps/ptd_spc_standard.md ("it returns expected values": mean 0.142, lpl -3.01,
// upl 3.29) and _snaps/ptd_spc.md ("it outputs expected content": the same, and 20 of 20 points
// common cause).
TEST(SpcNhsrPlotTheDots, Rnorm20LimitsAndNoSignal) {
    auto c = chart_of(kRnorm123, 0, Improvement::increase);
    EXPECT_NEAR(c.limits.mean, 0.142, 0.0005);
    EXPECT_NEAR(c.limits.lower_limit, -3.01, 0.005);
    EXPECT_NEAR(c.limits.upper_limit, 3.29, 0.005);
    EXPECT_EQ(causes(c), std::string(20, '.'));
    EXPECT_EQ(latest_variation(c), Variation::common_cause);
}

// _snaps/ptd_spc.md, "it outputs expected content", facet_field = "facet": the first 10 values
// (mean 0.0746, lpl -2.60, upl 2.75) and the last 10 (0.209, -3.28, 3.70), all common cause.
TEST(SpcNhsrPlotTheDots, Rnorm20FacetsLimits) {
    std::vector<double> first(kRnorm123.begin(), kRnorm123.begin() + 10);
    std::vector<double> last(kRnorm123.begin() + 10, kRnorm123.end());
    auto a = chart_of(first, 0, Improvement::increase);
    EXPECT_NEAR(a.limits.mean, 0.0746, 0.00005);
    EXPECT_NEAR(a.limits.lower_limit, -2.60, 0.005);
    EXPECT_NEAR(a.limits.upper_limit, 2.75, 0.005);
    EXPECT_EQ(causes(a), std::string(10, '.'));
    auto b = chart_of(last, 0, Improvement::increase);
    EXPECT_NEAR(b.limits.mean, 0.209, 0.0005);
    EXPECT_NEAR(b.limits.lower_limit, -3.28, 0.005);
    EXPECT_NEAR(b.limits.upper_limit, 3.70, 0.005);
    EXPECT_EQ(causes(b), std::string(10, '.'));
    // A baseline of the first 10 of all 20 is the first facet's mean and limits.
    auto fixed = chart_of(kRnorm123, 10, Improvement::increase);
    EXPECT_DOUBLE_EQ(fixed.limits.mean, a.limits.mean);
    EXPECT_DOUBLE_EQ(fixed.limits.upper_limit, a.limits.upper_limit);
}

// --- the icons ---

TEST(SpcVariation, TheLatestPointDecidesTheIcon) {
    EXPECT_EQ(latest_variation(chart_of({1, 2, 1, 2, 1})), Variation::common_cause);
    auto c = [](std::vector<double> tail, Improvement i) {
        return latest_variation(chart_of(join(kBaseLow, tail), 4, i));
    };
    EXPECT_EQ(c({40}, Improvement::increase), Variation::improvement_high);
    EXPECT_EQ(c({40}, Improvement::decrease), Variation::concern_high);
    EXPECT_EQ(c({40}, Improvement::neither), Variation::special_high);
    EXPECT_EQ(c({-30}, Improvement::increase), Variation::concern_low);
    EXPECT_EQ(c({-30}, Improvement::decrease), Variation::improvement_low);
    EXPECT_EQ(c({-30}, Improvement::neither), Variation::special_low);
    // A signal earlier in the series is not the latest point's.
    EXPECT_EQ(c({40, 5}, Improvement::increase), Variation::common_cause);
    EXPECT_EQ(variation_of(chart_of(join(kBaseLow, {40, 5}), 4).points[4]),
              Variation::special_high);
}

TEST(SpcVariation, WordsForACouncillor) {
    EXPECT_STREQ(variation_words(Variation::common_cause), "Within the usual variation");
    EXPECT_STREQ(variation_words(Variation::improvement_high), "Improvement: unusually high");
    EXPECT_STREQ(variation_words(Variation::improvement_low), "Improvement: unusually low");
    EXPECT_STREQ(variation_words(Variation::concern_high), "Concern: unusually high");
    EXPECT_STREQ(variation_words(Variation::concern_low), "Concern: unusually low");
    EXPECT_STREQ(variation_words(Variation::special_high), "Unusually high");
    EXPECT_STREQ(variation_words(Variation::special_low), "Unusually low");
    EXPECT_STREQ(to_string(Variation::concern_low), "concern_low");
    EXPECT_STREQ(to_string(Variation::common_cause), "common_cause");
}

// NHSRplotthedots, tests/testthat/test-ptd_calculate_assurance_type.R: limits (1, 3), (5, 7)
// and (1, 5) against a target of 4.
TEST(SpcAssurance, NhsrPlotTheDotsAssuranceCases) {
    auto limits = [](double lower, double upper) {
        XmrLimits l;
        l.lower_limit = lower;
        l.upper_limit = upper;
        return l;
    };
    // "... when improvement_direction is increase": consistent_fail, consistent_pass, inconsistent
    EXPECT_EQ(assurance(limits(1, 3), 4, Improvement::increase), Assurance::fails);
    EXPECT_EQ(assurance(limits(5, 7), 4, Improvement::increase), Assurance::passes);
    EXPECT_EQ(assurance(limits(1, 5), 4, Improvement::increase), Assurance::hit_and_miss);
    // "... decrease": consistent_pass, consistent_fail, inconsistent
    EXPECT_EQ(assurance(limits(1, 3), 4, Improvement::decrease), Assurance::passes);
    EXPECT_EQ(assurance(limits(5, 7), 4, Improvement::decrease), Assurance::fails);
    EXPECT_EQ(assurance(limits(1, 5), 4, Improvement::decrease), Assurance::hit_and_miss);
    // "... neutral": NA
    EXPECT_EQ(assurance(limits(1, 3), 4, Improvement::neither), std::nullopt);
    EXPECT_EQ(assurance(limits(5, 7), 4, Improvement::neither), std::nullopt);
    // On a limit (their target > upl, target < lpl, strictly): hit and miss.
    EXPECT_EQ(assurance(limits(4, 7), 4, Improvement::increase), Assurance::hit_and_miss);
    EXPECT_EQ(assurance(limits(1, 4), 4, Improvement::increase), Assurance::hit_and_miss);
    EXPECT_THROW(assurance(limits(1, 4), std::nan(""), Improvement::increase),
                 std::invalid_argument);
}

TEST(SpcAssurance, Words) {
    EXPECT_STREQ(assurance_words(Assurance::passes),
                 "Consistently better than the Long Term Average");
    EXPECT_STREQ(assurance_words(Assurance::fails),
                 "Consistently worse than the Long Term Average");
    EXPECT_STREQ(assurance_words(Assurance::hit_and_miss),
                 "Sometimes better, sometimes worse than the Long Term Average");
    EXPECT_STREQ(to_string(Assurance::hit_and_miss), "hit_and_miss");
}

// --- bad input ---

namespace {
std::string error_of(const std::vector<double>& v, size_t baseline) {
    try {
        xmr_chart(v, baseline, Improvement::neither);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST(SpcErrors, BadInputIsRefusedInWords) {
    EXPECT_EQ(error_of({}, 0),
              "an XmR chart needs at least 2 values (a moving range needs two), got 0");
    EXPECT_EQ(error_of({5}, 0),
              "an XmR chart needs at least 2 values (a moving range needs two), got 1");
    EXPECT_EQ(error_of({1, 2, 3}, 1),
              "a baseline of 1 value has no moving range: give at least 2 (or 0 for all the "
              "values)");
    EXPECT_EQ(error_of({1, 2, 3}, 4), "a baseline of 4 values is more than the 3 values given");
    EXPECT_EQ(error_of({1, std::nan(""), 3}, 0), "value 2 is not a finite number");
    EXPECT_EQ(error_of({1, 2, std::numeric_limits<double>::infinity()}, 0),
              "value 3 is not a finite number");
    EXPECT_EQ(error_of({1, 2}, 2), "no error");
}

// --- the command's CSV ---

TEST(SpcRender, CsvHasTheHeaderAndFourDecimals) {
    auto c = chart_of(join(kBaseLow, {40}), 4, Improvement::decrease);
    EXPECT_EQ(render_spc_csv(c),
              "point,value,mean,lower_limit,upper_limit,special_cause\n"
              "1,10.0000,5.0000,-21.6000,31.6000,neither\n"
              "2,0.0000,5.0000,-21.6000,31.6000,neither\n"
              "3,10.0000,5.0000,-21.6000,31.6000,neither\n"
              "4,0.0000,5.0000,-21.6000,31.6000,neither\n"
              "5,40.0000,5.0000,-21.6000,31.6000,concern\n");
    // A value that rounds to zero is 0.0000, never -0.0000.
    auto z = chart_of({-0.00001, 0.00001});
    EXPECT_EQ(render_spc_csv(z).find("-0.0000"), std::string::npos) << render_spc_csv(z);
}
