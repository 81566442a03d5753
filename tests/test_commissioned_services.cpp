// Commissioned services' rules: grant amounts in pounds and pence, decision numbers, the
// validation of grants and measures, and grant totals.
#include <gtest/gtest.h>

#include "scrutineer/commissioned_services.hpp"
#include "scrutineer/money.hpp"

using namespace scrutineer;

TEST(Money, AmountsAreReadAsThePapersAndOfficersWriteThem) {
    EXPECT_EQ(parse_pounds("£60,500"), 6'050'000);
    EXPECT_EQ(parse_pounds("60500.00"), 6'050'000);
    EXPECT_EQ(parse_pounds("60500"), 6'050'000);
    EXPECT_EQ(parse_pounds(" £1,234.50 "), 123'450);
    EXPECT_EQ(parse_pounds("£300,000"), 30'000'000);
    EXPECT_EQ(parse_pounds("1,000,000"), 100'000'000);
    EXPECT_EQ(parse_pounds("0.01"), 1);
    for (const char* bad :
         {"", "£", "60,50", "6,0500", ",500", "60,500,", "60500.5", "60500.", "60500.000", "-60500",
          "+5", "60 500", "60k", "£-5", "1e6", ".50", "10000000000000"})
        EXPECT_FALSE(parse_pounds(bad).has_value()) << bad;
}

TEST(Money, AmountsAreShownInPoundsWithSeparators) {
    EXPECT_EQ(format_pounds(6'050'000), "£60,500");
    EXPECT_EQ(format_pounds(123'450), "£1,234.50");
    EXPECT_EQ(format_pounds(5), "£0.05");
    EXPECT_EQ(format_pounds(0), "£0");
}

TEST(CommissionedServices, DecisionNumbersAreYearHyphenTwoDigits) {
    EXPECT_TRUE(is_decision_number("2019-64"));
    EXPECT_TRUE(is_decision_number("2019-63"));
    for (const char* bad :
         {"2019/64", "19-64", "2019-6", "2019-640", "2019 64", "", "abcd-ef", " 2019-64"})
        EXPECT_FALSE(is_decision_number(bad)) << bad;
}

TEST(CommissionedServices, GrantsAreChecked) {
    Grant g;
    g.service_id = 1;
    g.recipient = "The Hampton Trust";
    g.amount_pence = 6'050'000;
    g.start = CalendarDate::of(2020, 1, 1);
    g.end = CalendarDate::of(2022, 3, 31);
    g.decision_number = "2019-64";
    EXPECT_NO_THROW(validate(g));
    auto field_of = [](Grant x) {
        try {
            validate(x);
        } catch (const ServiceInvalid& e) {
            return e.field;
        }
        return std::string();
    };
    Grant bad = g;
    bad.decision_number = "2019/64";
    EXPECT_EQ(field_of(bad), "decision_number");
    bad = g;
    bad.end = CalendarDate::of(2019, 12, 31);
    EXPECT_EQ(field_of(bad), "end");
    bad = g;
    bad.amount_pence = 0;
    EXPECT_EQ(field_of(bad), "amount");
    bad = g;
    bad.recipient = " ";
    EXPECT_EQ(field_of(bad), "recipient");
    bad = g;
    bad.start.reset();
    EXPECT_EQ(field_of(bad), "start");
    // What a paper does not say may stay empty: the Daisy Programme's grant has a decision
    // number and nothing else.
    Grant daisy;
    daisy.recipient = "The Daisy Programme";
    daisy.decision_number = "2019-63";
    EXPECT_NO_THROW(validate(daisy));
}

TEST(CommissionedServices, MeasuresAreChecked) {
    ServiceMeasure m;
    m.group = "Pledges fulfilled";
    m.measure = "Job starts";
    m.kind = MeasureKind::outcome;
    m.period = {"During 2019", CalendarDate::of(2019, 1, 1), CalendarDate::of(2019, 12, 31)};
    m.value = 8;
    EXPECT_NO_THROW(validate(m));
    m.value = -1;
    EXPECT_THROW(validate(m), ServiceInvalid);
    m.value = 8;
    m.period.end = CalendarDate::of(2018, 12, 31);
    EXPECT_THROW(validate(m), ServiceInvalid);
    m.period.end = CalendarDate::of(2019, 12, 31);
    m.period.label = "";
    EXPECT_THROW(validate(m), ServiceInvalid);
    EXPECT_EQ(parse_measure_kind("outcome"), MeasureKind::outcome);
    EXPECT_FALSE(parse_measure_kind("impact").has_value());
}

TEST(CommissionedServices, TotalsAddTheStatedAmountsAndCountTheRest) {
    Grant a, b, c;
    a.amount_pence = 2'010'000;
    b.amount_pence = 3'180'000;
    auto t = total_of({a, b, c});
    EXPECT_EQ(t.pence, 5'190'000);
    EXPECT_EQ(t.without_amount, 1);
}
