// The SPC chart behind an indicator's cell (indicator_spc.hpp): which months it charts, which
// set its limits, what it says about the latest month, and how the tables and charts carry it.
#include <gtest/gtest.h>

#include "scrutineer/exception_report.hpp"
#include "scrutineer/indicator_chart.hpp"
#include "scrutineer/indicator_spc.hpp"
#include "scrutineer/indicator_table.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/svg_chart.hpp"

using namespace scrutineer;

namespace {

const Month kEnd = Month::of(2021, 12);

// `values` as whole monthly counts ending at `last`.
Series series_ending(Month last, const std::vector<int64_t>& values) {
    Series s;
    Month m = last - static_cast<int>(values.size()) + 1;
    for (int64_t v : values) {
        s.set(m, v * kMicro);
        m = m + 1;
    }
    return s;
}

// 48 months alternating 20, 22 (a stable process), with the last `high` months at `level`.
std::vector<int64_t> stable_then(int high, int64_t level) {
    std::vector<int64_t> v;
    for (int i = 0; i < 48; ++i) v.push_back(i >= 48 - high ? level : 20 + 2 * (i % 2));
    return v;
}

}  // namespace

TEST(IndicatorSpc, FortyEightMonthsJudgeTheLastTwelveByTheThirtySixBefore) {
    auto spc = indicator_spc(series_ending(kEnd, stable_then(0, 0)), kEnd, std::nullopt,
                             Improvement::decrease, nullptr);
    ASSERT_TRUE(spc);
    EXPECT_EQ(spc->first, kEnd - 47);
    EXPECT_EQ(spc->chart.points.size(), 48u);
    EXPECT_EQ(spc->chart.baseline, 36u);
    EXPECT_DOUBLE_EQ(spc->chart.limits.mean, 21.0);
    EXPECT_EQ(spc->variation, Variation::common_cause);
    // The Long Term Average's monthly mean, and the last 12 months' own limits around 21:
    // hit and miss.
    ASSERT_TRUE(spc->reference);
    EXPECT_DOUBLE_EQ(*spc->reference, 21.0);
    EXPECT_EQ(spc->assurance, Assurance::hit_and_miss);
}

TEST(IndicatorSpc, ARiseInTheLastMonthsIsAConcernWhenLowerIsBetter) {
    auto v = stable_then(7, 30);
    auto worse =
        indicator_spc(series_ending(kEnd, v), kEnd, std::nullopt, Improvement::decrease, nullptr);
    ASSERT_TRUE(worse);
    EXPECT_EQ(worse->variation, Variation::concern_high);
    EXPECT_EQ(special_cause_of(worse->variation), SpecialCause::concern);
    auto better =
        indicator_spc(series_ending(kEnd, v), kEnd, std::nullopt, Improvement::increase, nullptr);
    EXPECT_EQ(better->variation, Variation::improvement_high);
    auto neither =
        indicator_spc(series_ending(kEnd, v), kEnd, std::nullopt, Improvement::neither, nullptr);
    EXPECT_EQ(special_cause_of(neither->variation), SpecialCause::special);
    EXPECT_FALSE(neither->assurance);  // no better side to be assured of
}

TEST(IndicatorSpc, TheLastTwelveMonthsAllWorseThanTheAverageFail) {
    // The last 12 months at 40 and 41 (limits about 38 to 43): wholly above a monthly LTA of 21.
    auto v = stable_then(0, 0);
    for (int i = 36; i < 48; ++i) v[static_cast<size_t>(i)] = 40 + i % 2;
    auto spc =
        indicator_spc(series_ending(kEnd, v), kEnd, std::nullopt, Improvement::decrease, nullptr);
    ASSERT_TRUE(spc);
    EXPECT_EQ(spc->assurance, Assurance::fails);
    auto up =
        indicator_spc(series_ending(kEnd, v), kEnd, std::nullopt, Improvement::increase, nullptr);
    EXPECT_EQ(up->assurance, Assurance::passes);
}

TEST(IndicatorSpc, AGapStartsTheChartAfterIt) {
    Series s = series_ending(kEnd, stable_then(0, 0));
    s.present[static_cast<size_t>((kEnd - 20) - s.first)] = 0;
    auto spc = indicator_spc(s, kEnd, std::nullopt, Improvement::decrease, nullptr);
    ASSERT_TRUE(spc);
    EXPECT_EQ(spc->first, kEnd - 19);
    EXPECT_EQ(spc->chart.points.size(), 20u);
    EXPECT_EQ(spc->chart.baseline, 20u);  // 12 to 23 months: all of them
    EXPECT_FALSE(spc->reference);         // no whole Long Term Average window
    EXPECT_FALSE(spc->assurance);
}

TEST(IndicatorSpc, ARecordingBreakStartsTheChartAtIt) {
    RecordingBreak b{kEnd - 30, "new classifications"};
    auto spc = indicator_spc(series_ending(kEnd, stable_then(0, 0)), kEnd, b, Improvement::decrease,
                             nullptr);
    ASSERT_TRUE(spc);
    EXPECT_EQ(spc->first, kEnd - 30);
    EXPECT_EQ(spc->chart.points.size(), 31u);
    EXPECT_EQ(spc->chart.baseline, 19u);  // 24 or more months: all but the last 12
}

TEST(IndicatorSpc, FewerThanTwelveMonthsInARowHaveNoChartAndSayWhy) {
    std::string why;
    EXPECT_FALSE(indicator_spc(series_ending(kEnd, std::vector<int64_t>(11, 5)), kEnd, std::nullopt,
                               Improvement::decrease, &why));
    EXPECT_EQ(why,
              "a chart needs at least 12 months in a row; the data has 11 up to December 2021");
    EXPECT_FALSE(indicator_spc(series_ending(kEnd - 1, std::vector<int64_t>(30, 5)), kEnd,
                               std::nullopt, Improvement::decrease, &why));
    EXPECT_EQ(why, "December 2021 is not in the data");
    EXPECT_TRUE(indicator_spc(series_ending(kEnd, std::vector<int64_t>(12, 5)), kEnd, std::nullopt,
                              Improvement::decrease, &why));
}

TEST(IndicatorSpc, TheTableRowCarriesTheVerdictAndTheCsvItsColumns) {
    ForceDefinition f{
        "Test Constabulary", "E10000099", "Test", {{"E07000999", "Testdistrict", {}}}};
    Dataset d;
    d.areas = areas_in_table_order({f});
    d.series[{0, "Robbery"}] = series_ending(kEnd, stable_then(7, 30));
    d.series[{1, "Robbery"}] = series_ending(kEnd, std::vector<int64_t>(5, 1));
    IndicatorDefinition robbery;
    robbery.name = "Robbery";
    d.indicators = {robbery};
    auto tables = compute_tables(d, kEnd);
    const IndicatorRow& force = tables[0].rows[0];
    EXPECT_EQ(force.improvement, Improvement::decrease);
    EXPECT_EQ(force.variation, Variation::concern_high);
    const IndicatorRow& district = tables[1].rows[0];
    EXPECT_FALSE(district.variation);
    EXPECT_NE(district.spc_note.find("12 months in a row"), std::string::npos);

    std::string csv = render_indicator_tables(d, tables, TableFormat::csv);
    EXPECT_EQ(csv.substr(0, csv.find('\n')).substr(csv.find("lta_available_from")),
              "lta_available_from,improvement,special_cause,assurance");
    // The force's row ends with its verdicts; the district's (no chart) with empty ones.
    EXPECT_NE(csv.find(",decrease,concern,fails\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",decrease,,\n"), std::string::npos) << csv;
}

TEST(IndicatorSpc, TheTrendChartDrawsTheLimitsAndMarksSignalsByShape) {
    ForceDefinition f{"Test Constabulary", "E10000099", "Test", {}};
    Dataset d;
    d.areas = areas_in_table_order({f});
    d.series[{0, "Robbery"}] = series_ending(kEnd, stable_then(7, 30));
    IndicatorDefinition robbery;
    robbery.name = "Robbery";
    d.indicators = {robbery};
    auto trend = indicator_trend(d, 0, robbery, kEnd);
    ASSERT_TRUE(trend.chart.spc);
    EXPECT_EQ(trend.chart.value_label, "Crimes recorded per month");
    ASSERT_TRUE(trend.chart.reference);
    EXPECT_NEAR(*trend.chart.reference, 21.0, 1e-9);
    std::string svg = render_line_chart_svg(trend.chart);
    EXPECT_NE(svg.find("<title>Upper process limit:"), std::string::npos);
    EXPECT_NE(svg.find("<title>Mean: 21</title>"), std::string::npos);
    // The 7 high months are concerns, and so is the month before them (the first of a window
    // of 3 with 2 beyond the upper 2-sigma line), drawn as squares with their meaning in words.
    size_t squares = 0;
    for (size_t at = 0; (at = svg.find("<rect", at)) != std::string::npos; ++at) ++squares;
    EXPECT_EQ(squares, 8u);
    EXPECT_NE(svg.find("December 2021: 30 (special cause: concern)"), std::string::npos);
}

TEST(IndicatorSpc, ChartNumbersHaveThousandsSeparators) {
    EXPECT_EQ(chart_number(12500), "12,500");
    EXPECT_EQ(chart_number(1234.5), "1,234.5");
    EXPECT_EQ(chart_number(40), "40");
}

TEST(IndicatorTable, MonthsAreDescribedAsGovUkWritesThem) {
    EXPECT_EQ(describe_months({Month::of(2022, 1), Month::of(2022, 2), Month::of(2022, 3)}),
              "January 2022 to March 2022");
    EXPECT_EQ(describe_months(
                  {Month::of(2022, 1), Month::of(2022, 5), Month::of(2022, 6), Month::of(2023, 1)}),
              "January 2022, May 2022 to June 2022 and January 2023");
}

TEST(IndicatorTable, ATableWithNoAverageSaysOnceWhyAndWhen) {
    ForceDefinition f{"Test Constabulary", "E10000099", "Test", {}};
    Dataset d;
    d.areas = areas_in_table_order({f});
    // 2024-01..04 and 2025: no months of 2022 and 2023, nor May to December 2024.
    Series s = series_ending(Month::of(2025, 12), std::vector<int64_t>(12, 10));
    for (int m = 1; m <= 4; ++m) s.set(Month::of(2024, m), 10 * kMicro);
    d.series[{0, "Robbery"}] = s;
    d.series[{0, "Burglary"}] = s;
    IndicatorDefinition robbery, burglary;
    robbery.name = "Robbery";
    burglary.name = "Burglary";
    d.indicators = {robbery, burglary};
    auto tables = compute_tables(d, Month::of(2025, 12));
    auto sentence = lta_unavailable(tables[0]);
    ASSERT_TRUE(sentence);
    EXPECT_EQ(*sentence,
              "The Long Term Average, the Difference and its significance cannot be shown for the "
              "12 months to December 2025: the average needs every month from January 2022 to "
              "December 2024, and the data has none for January 2022 to December 2023 and May "
              "2024 to December 2024. Importing those months would show them now; if no month is "
              "missed from here on, they will first be shown for the 12 months to December 2028.");
    // It replaces the per-reason footnote, and appears once.
    auto notes = footnotes(d, tables[0]);
    EXPECT_EQ(std::count(notes.begin(), notes.end(), *sentence), 1);
    for (const auto& n : notes) EXPECT_EQ(n.find("n/a"), std::string::npos) << n;
    // One row with an average: no sentence.
    d.series[{0, "Robbery"}] = series_ending(Month::of(2025, 12), std::vector<int64_t>(48, 3));
    EXPECT_FALSE(lta_unavailable(compute_tables(d, Month::of(2025, 12))[0]));
}

TEST(ExceptionReport, ListsOnlySignalsConcernsFirstWithTheReasonAndTheCounts) {
    ForceDefinition f{
        "Test Constabulary", "E10000099", "Test", {{"E07000999", "Testdistrict", {}}}};
    Dataset d;
    d.areas = areas_in_table_order({f});
    d.series[{0, "Robbery"}] = series_ending(kEnd, stable_then(7, 30));  // concern: a shift
    d.series[{0, "Burglary"}] = series_ending(kEnd, stable_then(1, 2));  // improvement: low
    d.series[{1, "Robbery"}] = series_ending(kEnd, stable_then(0, 0));   // common cause
    IndicatorDefinition burglary, robbery;
    burglary.name = "Burglary";
    robbery.name = "Robbery";
    d.indicators = {burglary, robbery};
    auto tables = compute_tables(d, kEnd);
    auto items = exception_report(d, tables);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].cause, SpecialCause::concern);
    EXPECT_EQ(items[0].reason,
              "Robbery in Test Constabulary: December 2021: 30, above the upper process limit "
              "(26.3); 314 in the last 12 months against an average of 252 a year");
    EXPECT_EQ(items[1].cause, SpecialCause::improvement);
    EXPECT_EQ(items[1].reason.substr(0, items[1].reason.find(';')),
              "Burglary in Test Constabulary: December 2021: 2, below the lower process limit "
              "(15.7)");
}

TEST(ExceptionReport, TheReasonNamesTheRuleThatFlaggedTheLastMonth) {
    // 36 baseline months alternating 20 and 22 (mean 21, limits 15.68 to 26.32), then 12 at
    // 22: within the limits, but 13 in a row above the mean (the baseline's last month was 22).
    auto shift = indicator_spc(series_ending(kEnd, stable_then(12, 22)), kEnd, std::nullopt,
                               Improvement::decrease, nullptr);
    ASSERT_TRUE(shift);
    EXPECT_EQ(special_cause_reason(*shift), "13 months in a row above its average");
    // The last 7 months falling from 25 to 19, within the limits: a trend.
    auto v = stable_then(0, 0);
    for (int i = 0; i < 7; ++i) v[static_cast<size_t>(41 + i)] = 25 - i;
    auto trend =
        indicator_spc(series_ending(kEnd, v), kEnd, std::nullopt, Improvement::decrease, nullptr);
    ASSERT_TRUE(trend);
    EXPECT_EQ(special_cause_reason(*trend), "7 months in a row falling");
    EXPECT_EQ(trend->variation, Variation::improvement_low);
    // Common cause: no reason.
    auto none = indicator_spc(series_ending(kEnd, stable_then(0, 0)), kEnd, std::nullopt,
                              Improvement::decrease, nullptr);
    EXPECT_EQ(special_cause_reason(*none), "");
}
