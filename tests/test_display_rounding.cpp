#include <gtest/gtest.h>

#include "scrutineer/display_rounding.hpp"
#include "scrutineer/long_term_average.hpp"

using namespace scrutineer;

TEST(DisplayRounding, HalfAwayFromZeroIsDecimalCorrect) {
    // Great Yarmouth robbery, seed 001 §8: 87 vs 80 is exactly 8.75%, published as 8.7% by
    // binary floating point; it rounds to 8.8.
    Fraction d = percentage_difference(Fraction::whole(87), Fraction::whole(80));
    EXPECT_EQ(d, Fraction::of(35, 4));
    EXPECT_EQ(round_half_away(d, 1), "8.8");
    // The spreadsheet way, L12 / LTA - 1 in binary floating point, falls just below 8.75.
    double naive = (87.0 / 80.0 - 1.0) * 100.0;
    EXPECT_LT(naive, 8.75);
    EXPECT_EQ(round_half_away(Fraction::of(-35, 4), 1), "-8.8");
    EXPECT_EQ(round_half_away(Fraction::of(1, 20), 1), "0.1");
    EXPECT_EQ(round_half_away(Fraction::of(-1, 20), 1), "-0.1");
    EXPECT_EQ(round_half_away(Fraction::of(149, 1000), 1), "0.1");
    EXPECT_EQ(round_half_away(Fraction::of(-4, 100), 1), "0.0");  // never "-0.0"
    EXPECT_EQ(round_half_away(Fraction::of(4366, 3), 1), "1455.3");
    EXPECT_EQ(round_half_away(Fraction::of(4366, 3), 4), "1455.3333");
    EXPECT_EQ(round_half_away(Fraction::of(5, 2), 0), "3");
    EXPECT_EQ(round_half_away(Fraction::of(-5, 2), 0), "-3");
    EXPECT_EQ(round_half_away(Fraction::whole(0), 1), "0.0");
}

TEST(DisplayRounding, ThousandsSeparators) {
    EXPECT_EQ(round_for_display(Fraction::whole(12836), 0), "12,836");
    EXPECT_EQ(round_for_display(Fraction::whole(-1234567), 0), "-1,234,567");
    EXPECT_EQ(round_for_display(Fraction::of(4366, 3), 1), "1,455.3");
    EXPECT_EQ(round_for_display(Fraction::whole(999), 0), "999");
    EXPECT_EQ(with_thousands_separators("1000.25"), "1,000.25");
}

TEST(Fraction, ArithmeticIsExact) {
    Fraction lta = long_term_average(Fraction::whole(4366));
    EXPECT_EQ(lta, Fraction::of(4366, 3));
    EXPECT_EQ(lta * Fraction::whole(3), Fraction::whole(4366));
    EXPECT_EQ(Fraction::of(1, 3) + Fraction::of(1, 6), Fraction::of(1, 2));
    EXPECT_EQ(Fraction::of(2, -4), Fraction::of(-1, 2));
    EXPECT_THROW(Fraction::of(1, 0), std::domain_error);
}
