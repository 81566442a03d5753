// The funnel plot (issue #19 §3): exact Poisson limits against FunnelPlotR's published values,
// where a point lies, the plot of a force's districts, the words, and `scrutineer funnel`.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "scrutineer/funnel_plot.hpp"
#include "scrutineer/funnel_render.hpp"
#include "scrutineer/long_term_average.hpp"
#include "test_support.hpp"

using namespace scrutineer;

namespace {

// P(X <= k) for X ~ Poisson(mean), summed term by term: a check on the limits that does not go
// through the chi-squared quantiles the code uses.
double poisson_cdf(int k, double mean) {
    double term = std::exp(-mean), sum = term;
    for (int i = 1; i <= k; ++i) {
        term *= mean / i;
        sum += term;
    }
    return sum;
}

const Month kEnd = Month::of(2025, 12);

PopulationByAge people(int64_t n, int age = 30) {
    PopulationByAge p{};
    p[static_cast<size_t>(age)] = n;
    return p;
}

// Fills the 12 months to kEnd so that they add up to `total` (whole crimes).
void fill_year(Series& s, int64_t total) {
    for (int i = 0; i < 12; ++i) {
        int64_t month = total / 12 + (i < total % 12 ? 1 : 0);
        s.set(kEnd - 11 + i, month * kMicro);
    }
}

size_t area_named(const Dataset& d, const std::string& name) {
    for (size_t a = 0; a < d.areas.size(); ++a)
        if (d.areas[a].name == name) return a;
    throw std::logic_error("no area " + name);
}

IndicatorDefinition count_indicator(const std::string& name) {
    IndicatorDefinition d;
    d.name = name;
    d.kind = IndicatorKind::count;
    return d;
}

// A force of 250,000 people with 1,000 burglaries in the year (4 per 1,000), and four districts:
// Bigtown (100,000 people, 600: far above), Midtown (100,000, 390: within), Smallville (50,000,
// 10: far below) and Nopop (no population estimate).
Dataset test_force() {
    ForceDefinition f{"Test Constabulary",
                      "E10000099",
                      "Test",
                      {{"E07000901", "Bigtown", {}},
                       {"E07000902", "Midtown", {}},
                       {"E07000903", "Smallville", {}},
                       {"E07000904", "Nopop", {}}}};
    Dataset d;
    d.areas = areas_in_table_order({f});
    d.indicators = {count_indicator("Burglary")};
    fill_year(d.series[{0, "Burglary"}], 1000);
    fill_year(d.series[{area_named(d, "Bigtown"), "Burglary"}], 600);
    fill_year(d.series[{area_named(d, "Midtown"), "Burglary"}], 390);
    fill_year(d.series[{area_named(d, "Smallville"), "Burglary"}], 10);
    fill_year(d.series[{area_named(d, "Nopop"), "Burglary"}], 0);
    d.population["E10000099"] = people(250000);
    d.population["E07000901"] = people(100000);
    d.population["E07000902"] = people(100000);
    d.population["E07000903"] = people(50000);
    return d;
}

const FunnelPoint& point_named(const Dataset& d, const FunnelPlot& plot, const std::string& name) {
    for (const auto& p : plot.points)
        if (d.areas[p.area].name == name) return p;
    throw std::logic_error("no point " + name);
}

}  // namespace

// FunnelPlotR, tests/testthat/test-poisson_limits.R, test "Poisson limits are right": the
// unadjusted limits of a standardised ratio (target 1) for expected counts 15, 20 and 30, as
// published there (ll95/ul95 and ll99/ul99, which are its 99.8% limits), rounded as they round.
TEST(FunnelLimits, FunnelPlotRPublishedPoissonLimits) {
    const double expected[] = {15, 20, 30};
    const double ll95[] = {0.5596924, 0.6108260, 0.6746958};
    const double ul95[] = {1.649348, 1.544419, 1.427562};
    const double ll998[] = {0.3862650, 0.4479107, 0.5289724};
    const double ul998[] = {2.082907, 1.902094, 1.702771};
    for (int i = 0; i < 3; ++i) {
        FunnelLimits l = poisson_ratio_limits(expected[i]);
        EXPECT_NEAR(l.lower_95, ll95[i], 0.5e-7) << expected[i];
        EXPECT_NEAR(l.upper_95, ul95[i], 0.5e-6) << expected[i];
        EXPECT_NEAR(l.lower_998, ll998[i], 0.5e-7) << expected[i];
        EXPECT_NEAR(l.upper_998, ul998[i], 0.5e-6) << expected[i];
    }
}

// The same limits as rates: an area of 3,750 people at 4 per 1,000 expects 15, so its limits
// are FunnelPlotR's ratio limits for 15 times 4 per 1,000.
TEST(FunnelLimits, RateLimitsAreTheRatioLimitsTimesTheTarget) {
    FunnelLimits l = poisson_funnel_limits(0.004, 3750, 1000);
    EXPECT_NEAR(l.lower_95, 4 * 0.5596924, 4 * 0.5e-7);
    EXPECT_NEAR(l.upper_95, 4 * 1.649348, 4 * 0.5e-6);
    EXPECT_NEAR(l.lower_998, 4 * 0.3862650, 4 * 0.5e-7);
    EXPECT_NEAR(l.upper_998, 4 * 2.082907, 4 * 0.5e-6);
    // Per 100,000 instead: the same limits, 100 times larger.
    FunnelLimits h = poisson_funnel_limits(0.004, 3750, 100000);
    EXPECT_NEAR(h.upper_998, 100 * l.upper_998, 1e-9);
}

// The limits are exact: at a whole expected count E, the upper limit U is the Poisson mean that
// makes E or fewer as unlikely as the tail (P(X <= E | U) = 2.5% or 0.1%), and the lower limit
// L the mean that makes E or more so (P(X >= E | L) = 2.5% or 0.1%): Garwood's interval.
TEST(FunnelLimits, ExactPoissonTailsAtWholeExpectedCounts) {
    for (int e : {1, 4, 15, 60, 250}) {
        FunnelLimits c = poisson_count_limits(e);
        EXPECT_NEAR(poisson_cdf(e, c.upper_95), 0.025, 1e-9) << e;
        EXPECT_NEAR(poisson_cdf(e, c.upper_998), 0.001, 1e-9) << e;
        EXPECT_NEAR(1 - poisson_cdf(e - 1, c.lower_95), 0.025, 1e-9) << e;
        EXPECT_NEAR(1 - poisson_cdf(e - 1, c.lower_998), 0.001, 1e-9) << e;
        EXPECT_LT(c.lower_998, c.lower_95);
        EXPECT_LT(c.lower_95, e);
        EXPECT_GT(c.upper_95, e);
        EXPECT_LT(c.upper_95, c.upper_998);
    }
}

// An expected count of 0 (a force with none in the year): nothing can be below, and the upper
// limits are -ln(0.025) and -ln(0.001), where P(X = 0) falls to the tail.
TEST(FunnelLimits, ZeroExpectedCount) {
    FunnelLimits c = poisson_count_limits(0);
    EXPECT_EQ(c.lower_95, 0);
    EXPECT_EQ(c.lower_998, 0);
    EXPECT_NEAR(c.upper_95, -std::log(0.025), 1e-12);
    EXPECT_NEAR(c.upper_998, -std::log(0.001), 1e-12);
}

// The funnel narrows as the population grows.
TEST(FunnelLimits, NarrowerForLargerAreas) {
    FunnelLimits small = poisson_funnel_limits(0.004, 5000, 1000);
    FunnelLimits large = poisson_funnel_limits(0.004, 500000, 1000);
    EXPECT_GT(small.upper_998 - small.lower_998, large.upper_998 - large.lower_998);
    EXPECT_GT(small.upper_95 - small.lower_95, large.upper_95 - large.lower_95);
    EXPECT_LT(large.lower_95, 4.0);
    EXPECT_GT(large.upper_95, 4.0);
}

TEST(FunnelLimits, BadInputIsRefusedInWords) {
    EXPECT_THROW(poisson_count_limits(-1), std::invalid_argument);
    EXPECT_THROW(poisson_count_limits(std::nan("")), std::invalid_argument);
    EXPECT_THROW(poisson_ratio_limits(0), std::invalid_argument);
    try {
        poisson_funnel_limits(0.004, 0, 1000);
        FAIL() << "a population of 0 has no limits";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "funnel limits: the population is 0; it must be more than 0");
    }
    EXPECT_THROW(poisson_funnel_limits(-0.1, 100, 1000), std::invalid_argument);
    EXPECT_THROW(poisson_funnel_limits(0.004, 100, 0), std::invalid_argument);
}

// FunnelPlotR, tests/testthat/test-outliers_func.R, test "outliers highlights correctly": ratios
// 1, 0.95, 1.05, 0.8, 1.2, 0.6, 1.4, 0.4, 1.6, 0 against 95% limits 0.9..1.1 and 99.8% limits
// 0.59..1.41; its unadjusted outliers at 95% are the last seven, at 99.8% the last three.
TEST(FunnelPosition, FunnelPlotRPublishedOutliers) {
    const FunnelLimits l{0.9, 1.1, 0.59, 1.41};
    const double rr[] = {1, 0.95, 1.05, 0.8, 1.2, 0.6, 1.4, 0.4, 1.6, 0};
    const int outside_95[] = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1};
    const int outside_998[] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
    const FunnelPosition want[] = {FunnelPosition::within,    FunnelPosition::within,
                                   FunnelPosition::within,    FunnelPosition::below_95,
                                   FunnelPosition::above_95,  FunnelPosition::below_95,
                                   FunnelPosition::above_95,  FunnelPosition::below_998,
                                   FunnelPosition::above_998, FunnelPosition::below_998};
    for (int i = 0; i < 10; ++i) {
        FunnelPosition p = funnel_position(rr[i], l);
        EXPECT_EQ(p, want[i]) << rr[i];
        EXPECT_EQ(p != FunnelPosition::within, outside_95[i] == 1) << rr[i];
        EXPECT_EQ(p == FunnelPosition::above_998 || p == FunnelPosition::below_998,
                  outside_998[i] == 1)
            << rr[i];
    }
}

// A point exactly on a limit is inside it (as in FunnelPlotR: an outlier is strictly beyond);
// the least step beyond is outside.
TEST(FunnelPosition, OnALimitIsWithin) {
    const FunnelLimits l{0.9, 1.1, 0.59, 1.41};
    EXPECT_EQ(funnel_position(1.1, l), FunnelPosition::within);
    EXPECT_EQ(funnel_position(0.9, l), FunnelPosition::within);
    EXPECT_EQ(funnel_position(1.41, l), FunnelPosition::above_95);
    EXPECT_EQ(funnel_position(0.59, l), FunnelPosition::below_95);
    EXPECT_EQ(funnel_position(std::nextafter(1.1, 2.0), l), FunnelPosition::above_95);
    EXPECT_EQ(funnel_position(std::nextafter(0.9, 0.0), l), FunnelPosition::below_95);
    EXPECT_EQ(funnel_position(std::nextafter(1.41, 2.0), l), FunnelPosition::above_998);
    EXPECT_EQ(funnel_position(std::nextafter(0.59, 0.0), l), FunnelPosition::below_998);
    EXPECT_STREQ(to_string(FunnelPosition::above_998), "above_998");
    EXPECT_STREQ(to_string(FunnelPosition::below_95), "below_95");
    EXPECT_STREQ(to_string(FunnelPosition::within), "within");
}

TEST(FunnelPlot, DistrictsAgainstTheForceRate) {
    Dataset d = test_force();
    FunnelPlot plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    EXPECT_EQ(plot.force_count, 1000);
    EXPECT_EQ(plot.force_population, 250000);
    EXPECT_FALSE(plot.force_population_from_districts);
    EXPECT_DOUBLE_EQ(plot.target_rate, 4.0);
    ASSERT_EQ(plot.points.size(), 3u);
    EXPECT_EQ(d.areas[plot.points[0].area].name, "Bigtown");  // table order

    const FunnelPoint& big = point_named(d, plot, "Bigtown");
    EXPECT_EQ(big.count, 600);
    EXPECT_EQ(big.population, 100000);
    EXPECT_DOUBLE_EQ(big.rate, 6.0);
    EXPECT_EQ(big.position, FunnelPosition::above_998);
    // Its limits are those of an area of 100,000 at 4 per 1,000 (an expected count of 400).
    FunnelLimits want = poisson_funnel_limits(0.004, 100000, 1000);
    EXPECT_DOUBLE_EQ(big.limits.upper_998, want.upper_998);
    EXPECT_DOUBLE_EQ(big.limits.lower_95, want.lower_95);
    EXPECT_NEAR(big.limits.upper_998, 4.6574, 5e-5);

    EXPECT_EQ(point_named(d, plot, "Midtown").position, FunnelPosition::within);
    EXPECT_EQ(point_named(d, plot, "Smallville").position, FunnelPosition::below_998);

    ASSERT_EQ(plot.left_out.size(), 1u);
    EXPECT_EQ(d.areas[plot.left_out[0].area].name, "Nopop");
    EXPECT_EQ(plot.left_out[0].why, "no population estimate");
}

// The same count is within the limits in a small district and outside them in a large one.
TEST(FunnelPlot, TheSameRateMeansLessInASmallArea) {
    Dataset d = test_force();
    Series& small = d.series[{area_named(d, "Smallville"), "Burglary"}];
    small = Series{};
    fill_year(small, 3);                      // Smallville, 50,000 people
    d.population["E07000903"] = people(600);  // ... now 600 people: 5 per 1,000
    Series& mid = d.series[{area_named(d, "Midtown"), "Burglary"}];
    mid = Series{};
    fill_year(mid, 500);  // Midtown, 100,000 people: 5 per 1,000
    FunnelPlot plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    EXPECT_DOUBLE_EQ(point_named(d, plot, "Smallville").rate, 5.0);
    EXPECT_DOUBLE_EQ(point_named(d, plot, "Midtown").rate, 5.0);
    EXPECT_EQ(point_named(d, plot, "Smallville").position, FunnelPosition::within);
    EXPECT_EQ(point_named(d, plot, "Midtown").position, FunnelPosition::above_998);
}

TEST(FunnelPlot, TheWords) {
    Dataset d = test_force();
    FunnelPlot plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    EXPECT_EQ(funnel_sentence(d, plot, point_named(d, plot, "Bigtown")),
              "Bigtown: 6.0 per 1,000 residents, above the 99.8% limit (4.7) for an area of its "
              "size");
    EXPECT_EQ(funnel_sentence(d, plot, point_named(d, plot, "Smallville")),
              "Smallville: 0.20 per 1,000 residents, below the 99.8% limit (3.18) for an area of "
              "its size");
    EXPECT_EQ(funnel_sentence(d, plot, point_named(d, plot, "Midtown")),
              "Midtown: 3.9 per 1,000 residents, within the 95% limits (3.6 to 4.4) for an area "
              "of its size");
    EXPECT_EQ(funnel_rate_unit(plot), "per 1,000 residents");

    // A 95% point: 442 in 100,000 expecting 400 is beyond 95% (about 441) but within 99.8%:
    // one decimal place would read 4.4 for both, so two.
    Series& mid_series = d.series[{area_named(d, "Midtown"), "Burglary"}];
    mid_series = Series{};
    fill_year(mid_series, 442);
    plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    const FunnelPoint& mid = point_named(d, plot, "Midtown");
    EXPECT_EQ(mid.position, FunnelPosition::above_95);
    EXPECT_EQ(funnel_sentence(d, plot, mid),
              "Midtown: 4.42 per 1,000 residents, above the 95% limit (4.41) for an area of its "
              "size");

    std::string text = render_funnel_text(d, plot);
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "Force rate: 4.0 per 1,000 residents, Burglary in Test Constabulary, the 12 months "
              "to December 2025 (1,000 in a population of 250,000).")
        << text;
}

TEST(FunnelPlot, CsvOfThePoints) {
    Dataset d = test_force();
    FunnelPlot plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    std::string csv = render_funnel_csv(d, plot);
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "area_code,area_name,count,population,rate_per_1000,lower_95,upper_95,lower_998,"
              "upper_998,position");
    EXPECT_NE(csv.find("\nE07000901,Bigtown,600,100000,6.0000,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",above_998\n"), std::string::npos);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);  // header and three districts
}

// With no estimate for the force's own code, the sum of its districts' (when all have one).
TEST(FunnelPlot, ForcePopulationFromItsDistricts) {
    Dataset d = test_force();
    d.population.erase("E10000099");
    EXPECT_THROW(funnel_plot(d, d.indicators[0], kEnd, 0), std::invalid_argument);  // Nopop
    d.population["E07000904"] = people(50000);
    FunnelPlot plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    EXPECT_EQ(plot.force_population, 300000);
    EXPECT_TRUE(plot.force_population_from_districts);
    EXPECT_NEAR(plot.target_rate, 1000.0 / 300.0, 1e-12);
    EXPECT_EQ(plot.points.size(), 4u);
}

// A rate indicator: its numerator's counts over the population in its age band.
TEST(FunnelPlot, ARateIndicatorUsesItsAgeBand) {
    Dataset d = test_force();
    IndicatorDefinition fte;
    fte.name = "First-time entrants";
    fte.kind = IndicatorKind::rate;
    fte.numerator = "Burglary";
    fte.age_from = 10;
    fte.age_to = 17;
    for (auto& [code, p] : d.population) p[15] = p[30] / 10;  // a tenth as many aged 15
    FunnelPlot plot = funnel_plot(d, fte, kEnd, 0);
    EXPECT_EQ(plot.force_population, 25000);
    EXPECT_DOUBLE_EQ(plot.target_rate, 40.0);
    EXPECT_DOUBLE_EQ(point_named(d, plot, "Bigtown").rate, 60.0);
    EXPECT_EQ(funnel_rate_unit(plot), "per 1,000 residents aged 10 to 17");
}

TEST(FunnelPlot, NoFunnelIsSaidInWords) {
    Dataset d = test_force();
    auto message = [&](const IndicatorDefinition& ind, Month end, size_t force) {
        try {
            funnel_plot(d, ind, end, force);
        } catch (const std::invalid_argument& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    IndicatorDefinition confidence = count_indicator("Confidence");
    confidence.kind = IndicatorKind::percentage;
    EXPECT_EQ(message(confidence, kEnd, 0),
              "Confidence is a percentage: a funnel plot compares counts of events with the "
              "population, and a percentage is not a count");
    IndicatorDefinition strength = count_indicator("Officers");
    strength.kind = IndicatorKind::snapshot;
    EXPECT_NE(message(strength, kEnd, 0).find("a snapshot is not a count"), std::string::npos);
    IndicatorDefinition force_only = count_indicator("Burglary");
    force_only.force_only = true;
    EXPECT_EQ(message(force_only, kEnd, 0),
              "Burglary is not available at district level, so there are no areas to compare");
    EXPECT_EQ(message(d.indicators[0], kEnd, 1), "funnel plot: the area given is not a force");
    // A month with less than 12 months behind it.
    EXPECT_EQ(message(d.indicators[0], kEnd + 2, 0),
              "Burglary for Test Constabulary: the 12 months to February 2026 are not all in the "
              "data (months missing: January 2026 to February 2026)");
    EXPECT_EQ(message(count_indicator("Robbery"), kEnd, 0),
              "Robbery for Test Constabulary: no data for this area");
    d.population.clear();
    EXPECT_EQ(message(d.indicators[0], kEnd, 0),
              "no population for Test Constabulary (E10000099): import a population file (ONS "
              "mid-year estimates) with its code, or with every one of its districts");
}

// A district without all 12 months is left out, saying which are missing.
TEST(FunnelPlot, ADistrictMissingAMonthIsLeftOut) {
    Dataset d = test_force();
    Series& mid = d.series[{area_named(d, "Midtown"), "Burglary"}];
    mid.present[static_cast<size_t>((kEnd - 3) - mid.first)] = 0;
    FunnelPlot plot = funnel_plot(d, d.indicators[0], kEnd, 0);
    EXPECT_EQ(plot.points.size(), 2u);
    ASSERT_EQ(plot.left_out.size(), 2u);
    EXPECT_EQ(d.areas[plot.left_out[0].area].name, "Midtown");
    EXPECT_EQ(
        plot.left_out[0].why,
        "the 12 months to December 2025 are not all in the data (months missing: September 2025)");
    std::string text = render_funnel_text(d, plot);
    EXPECT_NE(text.find("\nLeft out: Midtown: the 12 months to December 2025 are not all in the "
                        "data (months missing: September 2025).\n"),
              std::string::npos)
        << text;
}

namespace {

// Norfolk's area file, the shipped ONS mid-2019 population and a counts file of Burglary for
// 2025: the force 300 a month, Norwich 100 a month (well above), Breckland 46 (about the force
// rate); the other districts have no counts.
std::string funnel_inputs(const test::TempDir& tmp) {
    std::string counts = "area_code,indicator,month,value\n";
    for (int m = 1; m <= 12; ++m)
        for (auto [code, n] : {std::pair{"E10000020", 300}, {"E07000148", 100}, {"E07000143", 46}})
            counts += fmt::format("{},Burglary,2025-{:02},{}\n", code, m, n);
    return "--areas norfolk --counts '" + tmp.write("counts.csv", counts) + "' --population '" +
           test::data_dir() + "/population/MYE2_persons_mid2019_LAD2020.csv' --quiet";
}

}  // namespace

TEST(FunnelCli, CsvOfTheDistricts) {
    test::TempDir tmp;
    auto r = test::run_scrutineer("funnel " + funnel_inputs(tmp) +
                                  " --indicator Burglary --month 2025-12 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "area_code,area_name,count,population,rate_per_1000,lower_95,upper_95,lower_998,"
              "upper_998,position\n"
              "E07000143,Breckland,552,139968,3.9438,3.6427,4.3099,3.4659,4.5140,within\n"
              "E07000148,Norwich,1200,140573,8.5365,3.6434,4.3091,3.4670,4.5128,above_998\n");
    EXPECT_EQ(r.err, "");

    // The same from a database the same files were imported into.
    std::string db = (tmp.path / "funnel.db").string();
    auto imported = test::run_scrutineer("import --database '" + db + "' " + funnel_inputs(tmp));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    auto from_db = test::run_scrutineer("funnel --database '" + db +
                                        "' --indicator Burglary --force E10000020 --format csv");
    ASSERT_EQ(from_db.exit_code, 0) << from_db.err;
    EXPECT_EQ(from_db.out, r.out);

    // Norwich's limits are those of 140,573 people at Norfolk's 3,600 in 907,760 (the shipped
    // ONS mid-2019 estimates): an expected count of 557.5.
    FunnelLimits norwich = poisson_funnel_limits(3600.0 / 907760, 140573, 1000);
    EXPECT_EQ(fmt::format("{:.4f},{:.4f},{:.4f},{:.4f}", norwich.lower_95, norwich.upper_95,
                          norwich.lower_998, norwich.upper_998),
              "3.6434,4.3091,3.4670,4.5128");
}

TEST(FunnelCli, TextNamesTheForceRateFirst) {
    test::TempDir tmp;
    auto r = test::run_scrutineer("funnel " + funnel_inputs(tmp) + " --indicator Burglary");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out,
              "Force rate: 4.0 per 1,000 residents, Burglary in Norfolk Constabulary, the 12 "
              "months to December 2025 (3,600 in a population of 907,760).\n"
              "Limits: exact Poisson, 95% and 99.8%, around the force rate; an area on a limit is "
              "within it.\n"
              "\n"
              "Outside the limits:\n"
              "  Norwich: 8.5 per 1,000 residents, above the 99.8% limit (4.5) for an area of its "
              "size.\n"
              "\n"
              "Within the limits: Breckland.\n"
              "Left out: Broadland: no data for this area.\n"
              "Left out: Great Yarmouth: no data for this area.\n"
              "Left out: King's Lynn and West Norfolk: no data for this area.\n"
              "Left out: North Norfolk: no data for this area.\n"
              "Left out: South Norfolk: no data for this area.\n");
}

TEST(FunnelCli, BadInputIsAClearError) {
    test::TempDir tmp;
    std::string in = funnel_inputs(tmp);
    auto r = test::run_scrutineer("funnel " + in + " --indicator Burglarly --format csv");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: --indicator: no indicator named 'Burglarly'\n");
    EXPECT_EQ(r.out, "");
    r = test::run_scrutineer("funnel " + in + " --indicator Burglary --month 2026-01");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "error: Burglary for Norfolk Constabulary: the 12 months to January 2026 are not "
              "all in the data (months missing: January 2026)\n");
    r = test::run_scrutineer("funnel " + in + " --indicator Burglary --force Norwich");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: --force: 'Norwich' is not a force\n");
    r = test::run_scrutineer("funnel --areas norfolk --counts '" + tmp.path.string() +
                             "/counts.csv' --indicator Burglary --quiet");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "error: no population for Norfolk Constabulary (E10000020): import a population "
              "file (ONS mid-year estimates) with its code, or with every one of its districts\n");
    r = test::run_scrutineer("funnel --indicator Burglary");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "error: funnel: give --database, or --areas with input files\n");
}

// Without --force, the first force with two or more districts: the City of London, imported
// first, has one district and so nothing to compare.
TEST(FunnelCli, TheDefaultForceHasDistrictsToCompare) {
    test::TempDir tmp;
    std::string db = (tmp.path / "two.db").string();
    std::string city = "area_code,indicator,month,value\n";
    for (int m = 1; m <= 12; ++m)
        city += fmt::format("E23000034,Burglary,2025-{:02},15\nE09000001,Burglary,2025-{:02},14\n",
                            m, m);
    auto r =
        test::run_scrutineer("import --database '" + db + "' --areas city-of-london --counts '" +
                             tmp.write("city.csv", city) + "' --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = test::run_scrutineer("import --database '" + db + "' " + funnel_inputs(tmp));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = test::run_scrutineer("funnel --database '" + db + "' --indicator Burglary");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(
        r.out.rfind("Force rate: 4.0 per 1,000 residents, Burglary in Norfolk Constabulary,", 0),
        0u)
        << r.out;
    r = test::run_scrutineer("funnel --database '" + db +
                             "' --indicator Burglary --force E23000034 --format csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // 168 in 9,721 (ONS has no estimate for the force's code: its district's is used).
    EXPECT_EQ(r.out.substr(r.out.find('\n') + 1, 39), "E09000001,City of London,168,9721,17.28");
}
