#include <gtest/gtest.h>

#include "scrutineer/long_term_average.hpp"
#include "scrutineer/month.hpp"
#include "scrutineer/recording_break.hpp"
#include "scrutineer/significance.hpp"

using namespace scrutineer;

TEST(Month, ParsesOnlyYearDashMonth) {
    EXPECT_EQ(parse_month("2019-09"), Month::of(2019, 9));
    EXPECT_FALSE(parse_month("2019-13"));
    EXPECT_FALSE(parse_month("2019-00"));
    EXPECT_FALSE(parse_month("2019-9"));
    EXPECT_FALSE(parse_month("2019/09"));
    EXPECT_FALSE(parse_month(" 2019-09"));
    EXPECT_FALSE(parse_month(""));
    EXPECT_EQ(to_string(Month::of(2019, 9) - 11), "2018-10");
    EXPECT_EQ(long_name(Month::of(2021, 4)), "April 2021");
    EXPECT_EQ(Month::of(2020, 1) - Month::of(2019, 12), 1);
}

TEST(LongTermAverage, WindowsAreTheTwelveMonthsAndTheThirtySixBefore) {
    auto w = windows_for(Month::of(2019, 9));
    EXPECT_EQ(to_string(w.last_12_first), "2018-10");
    EXPECT_EQ(to_string(w.last_12_last), "2019-09");
    EXPECT_EQ(to_string(w.lta_first), "2015-10");
    EXPECT_EQ(to_string(w.lta_last), "2018-09");
    EXPECT_EQ(w.lta_last - w.lta_first + 1, 36);
}

TEST(LongTermAverage, IsAThreeYearAverageKeptExact) {
    EXPECT_EQ(long_term_average(Fraction::whole(4366)), Fraction::of(4366, 3));
    EXPECT_EQ(percentage_difference(Fraction::whole(31), Fraction::whole(47)),
              Fraction::of(-1600, 47));
    EXPECT_EQ(percentage_point_difference(Fraction::of(802, 10), Fraction::of(819, 10)),
              Fraction::of(-17, 10));
}

TEST(RecordingBreak, CsaOctober2015IsReportableFromSeptember2019Data) {
    // Seed 001 §8: "Child Sexual Abuse, hate crime, online crime and rural crime all underwent
    // recording changes in October 2015 ... Having now reached September 2019 data, we have the
    // necessary 48 data points".
    RecordingBreak csa{Month::of(2015, 10), "recording changes"};
    EXPECT_FALSE(break_blocks_lta(csa, Month::of(2019, 9)));
    EXPECT_TRUE(break_blocks_lta(csa, Month::of(2019, 8)));
    EXPECT_EQ(first_period_end_with_lta(csa), Month::of(2019, 9));
}

TEST(RecordingBreak, BurglaryApril2017LtaAvailableFromApril2021) {
    // Seed 001 §8: "new burglary classifications introduced in April 2017. LTA for personal
    // property crime should be available from April 2021."
    RecordingBreak burglary{Month::of(2017, 4), "new burglary classifications"};
    EXPECT_TRUE(break_blocks_lta(burglary, Month::of(2019, 9)));
    EXPECT_EQ(lta_available_from(burglary), Month::of(2021, 4));
    EXPECT_TRUE(break_blocks_lta(burglary, Month::of(2017, 4)));
    EXPECT_FALSE(break_blocks_lta(burglary, Month::of(2017, 3)));  // wholly before the change
    EXPECT_FALSE(break_blocks_lta(burglary, Month::of(2021, 3)));
    EXPECT_TRUE(break_blocks_lta(burglary, Month::of(2021, 2)));
}

TEST(RecordingBreak, LatestBreakWins) {
    std::optional<RecordingBreak> a = RecordingBreak{Month::of(2015, 10), "a"};
    std::optional<RecordingBreak> b = RecordingBreak{Month::of(2017, 4), "b"};
    EXPECT_EQ(latest_break(a, b)->reason, "b");
    EXPECT_EQ(latest_break(b, a)->reason, "b");
    EXPECT_EQ(latest_break(std::nullopt, a)->reason, "a");
    EXPECT_FALSE(latest_break(std::nullopt, std::nullopt));
}

TEST(Significance, PoissonZOnSquareRoots) {
    EXPECT_DOUBLE_EQ(poisson_z(100, 100), 0.0);
    EXPECT_DOUBLE_EQ(poisson_z(144, 100), 4.0);  // 2 * (12 - 10)
    EXPECT_DOUBLE_EQ(poisson_z(81, 100), -2.0);  // 2 * (9 - 10)
    EXPECT_TRUE(is_significant(poisson_z(144, 100)));
    EXPECT_FALSE(is_significant(poisson_z(81, 100)));
    EXPECT_TRUE(is_significant(-3.0));
}
