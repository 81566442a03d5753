#include <gtest/gtest.h>

#include <cmath>

#include "scrutineer/indicator_table.hpp"
#include "scrutineer/indicator_tables_render.hpp"

using namespace scrutineer;

namespace {

// A force with one district; series filled by the tests.
Dataset two_areas() {
    ForceDefinition f{
        "Test Constabulary", "E10000099", "Test", {{"E07000999", "Testdistrict", {}}}};
    Dataset d;
    d.areas = areas_in_table_order({f});
    return d;
}

IndicatorDefinition def(const std::string& name, IndicatorKind kind = IndicatorKind::count) {
    IndicatorDefinition d;
    d.name = name;
    d.kind = kind;
    return d;
}

// Fills months [first, first+n) with `per_month` (whole units).
void fill(Series& s, Month first, int n, int64_t per_month) {
    for (int i = 0; i < n; ++i) s.set(first + i, per_month * kMicro);
}

const Month kEnd = Month::of(2019, 9);
const Month kStart = kEnd - 47;

}  // namespace

TEST(IndicatorTable, CountL12LtaDifferenceAndZ) {
    Dataset d = two_areas();
    Series& s = d.series[{0, "Robbery"}];
    fill(s, kStart, 36, 10);     // LTA window: 360 / 3 = 120
    fill(s, kEnd - 11, 12, 12);  // L12 = 144
    d.indicators = {def("Robbery")};
    IndicatorRow r = compute_indicator(d, 0, d.indicators[0], kEnd);
    EXPECT_EQ(r.status, CellStatus::ok);
    EXPECT_EQ(*r.last_12, Fraction::whole(144));
    EXPECT_EQ(*r.lta, Fraction::whole(120));
    EXPECT_EQ(*r.difference, Fraction::whole(20));
    EXPECT_NEAR(*r.z, 2 * (12 - std::sqrt(120.0)), 1e-12);
}

TEST(IndicatorTable, AMissingMonthIsInsufficientDataNeverZero) {
    Dataset d = two_areas();
    Series& s = d.series[{0, "Robbery"}];
    fill(s, kStart, 48, 5);
    s.present[static_cast<size_t>(Month::of(2016, 3) - s.first)] = 0;
    s.present[static_cast<size_t>(Month::of(2016, 4) - s.first)] = 0;
    d.indicators = {def("Robbery")};
    IndicatorRow r = compute_indicator(d, 0, d.indicators[0], kEnd);
    EXPECT_EQ(r.status, CellStatus::insufficient_data);
    EXPECT_TRUE(r.last_12);  // the L12 window is complete
    EXPECT_FALSE(r.lta);
    EXPECT_FALSE(r.difference);
    EXPECT_NE(r.note.find("March 2016 to April 2016"), std::string::npos) << r.note;

    // A month missing from the last 12 months withholds the L12 too.
    s.present[static_cast<size_t>(kEnd - s.first)] = 0;
    r = compute_indicator(d, 0, d.indicators[0], kEnd);
    EXPECT_EQ(r.status, CellStatus::insufficient_data);
    EXPECT_FALSE(r.last_12);
    EXPECT_NE(r.note.find("September 2019"), std::string::npos);
}

TEST(IndicatorTable, CompositeSumsComponentsAndInheritsTheirBreak) {
    Dataset d = two_areas();
    fill(d.series[{0, "Burglary residential dwelling"}], kStart, 48, 3);
    fill(d.series[{0, "Theft from the person"}], kStart, 48, 4);
    IndicatorDefinition ppc = def("Number of Personal Property Crimes", IndicatorKind::composite);
    ppc.components = {"Burglary residential dwelling", "Theft from the person"};
    d.indicators = {ppc};
    IndicatorRow r = compute_indicator(d, 0, ppc, kEnd);
    EXPECT_EQ(r.status, CellStatus::ok);
    EXPECT_EQ(*r.last_12, Fraction::whole(84));
    EXPECT_EQ(*r.lta, Fraction::whole(84));

    d.breaks["Burglary residential dwelling"] = {Month::of(2017, 4),
                                                 "new burglary classifications"};
    r = compute_indicator(d, 0, ppc, kEnd);
    EXPECT_EQ(r.status, CellStatus::recording_break);
    EXPECT_EQ(*r.last_12, Fraction::whole(84));  // the L12 is still shown
    EXPECT_FALSE(r.lta);
    EXPECT_FALSE(r.difference);
    EXPECT_EQ(*r.lta_available_from, Month::of(2021, 4));

    // The district has one component only: the composite cannot be computed there.
    fill(d.series[{1, "Theft from the person"}], kStart, 48, 1);
    r = compute_indicator(d, 1, ppc, kEnd);
    EXPECT_EQ(r.status, CellStatus::insufficient_data);
    EXPECT_NE(r.note.find("Burglary residential dwelling"), std::string::npos);
}

TEST(IndicatorTable, RatePerTenThousandOfAnAgeBand) {
    Dataset d = two_areas();
    fill(d.series[{0, "First-time entrants"}], kStart, 36, 20);     // LTA 240
    fill(d.series[{0, "First-time entrants"}], kEnd - 11, 12, 15);  // L12 180
    PopulationByAge p{};
    for (int age = 10; age <= 17; ++age) p[static_cast<size_t>(age)] = 7500;  // 60,000 aged 10-17
    p[30] = 1'000'000;                                                        // outside the band
    d.population["E10000099"] = p;
    IndicatorDefinition fte = def("First-time entrants per 10,000", IndicatorKind::rate);
    fte.numerator = "First-time entrants";
    fte.age_from = 10;
    fte.age_to = 17;
    fte.force_only = true;
    d.indicators = {fte};
    IndicatorRow r = compute_indicator(d, 0, fte, kEnd);
    EXPECT_EQ(r.status, CellStatus::ok);
    EXPECT_EQ(*r.last_12, Fraction::whole(30));  // 180 * 10,000 / 60,000
    EXPECT_EQ(*r.lta, Fraction::whole(40));
    EXPECT_EQ(*r.difference, Fraction::whole(-25));
    EXPECT_NEAR(*r.z, 2 * (std::sqrt(180.0) - std::sqrt(240.0)), 1e-12);  // on the counts

    IndicatorRow district = compute_indicator(d, 1, fte, kEnd);
    EXPECT_EQ(district.status, CellStatus::not_available_at_area);
    EXPECT_EQ(display_row(district).spans, true);

    d.population.clear();
    r = compute_indicator(d, 0, fte, kEnd);
    EXPECT_EQ(r.status, CellStatus::insufficient_data);
    EXPECT_NE(r.note.find("population"), std::string::npos);
}

TEST(IndicatorTable, PercentageDifferenceIsInPercentagePoints) {
    Dataset d = two_areas();
    Series& s = d.series[{0, "Confidence in police (CSEW)"}];
    // Quarterly survey values: every third month only.
    for (Month m = kStart; m <= kEnd - 12; m = m + 3) s.set(m, 81'900'000);
    for (Month m = kEnd - 11; m <= kEnd; m = m + 3) s.set(m, 80'200'000);
    IndicatorDefinition conf = def("Confidence in police (CSEW)", IndicatorKind::percentage);
    d.indicators = {conf};
    IndicatorRow r = compute_indicator(d, 0, conf, kEnd);
    EXPECT_EQ(r.status, CellStatus::ok);
    EXPECT_EQ(*r.difference, Fraction::of(-17, 10));
    EXPECT_FALSE(r.z);
    DisplayRow shown = display_row(r);
    EXPECT_EQ(shown.last_12, "80.2%");
    EXPECT_EQ(shown.lta, "81.9%");
    EXPECT_EQ(shown.difference, "-1.7p.p.");
}

TEST(IndicatorTable, SnapshotIsLatestMonthAgainstTwelveMonthAverage) {
    Dataset d = two_areas();
    Series& s = d.series[{0, "Actual Strength: Police Officers"}];
    fill(s, kEnd - 11, 11, 1488);
    s.set(kEnd, 1554 * kMicro);
    IndicatorDefinition snap = def("Actual Strength: Police Officers", IndicatorKind::snapshot);
    d.indicators = {snap};
    IndicatorRow r = compute_indicator(d, 0, snap, kEnd);
    EXPECT_EQ(r.status, CellStatus::ok);
    EXPECT_EQ(*r.last_12, Fraction::whole(1554));
    EXPECT_EQ(*r.lta, Fraction::of(1488 * 11 + 1554, 12));
    EXPECT_EQ(display_row(r).difference, "4.1%");
}

TEST(IndicatorTable, ZeroLtaHasNoPercentageChange) {
    Dataset d = two_areas();
    Series& s = d.series[{0, "Rural crime"}];
    fill(s, kStart, 36, 0);
    fill(s, kEnd - 11, 12, 1);
    d.indicators = {def("Rural crime")};
    IndicatorRow r = compute_indicator(d, 0, d.indicators[0], kEnd);
    EXPECT_EQ(r.status, CellStatus::ok);
    EXPECT_TRUE(r.lta);
    EXPECT_FALSE(r.difference);
    EXPECT_NE(r.note.find("zero"), std::string::npos);
}

TEST(IndicatorTable, TablesAreForceThenDistrictsAlphabetically) {
    ForceDefinition f{"F", "C0", "F", {{"C2", "Zeta", {}}, {"C1", "Alpha", {}}}};
    auto areas = areas_in_table_order({f});
    ASSERT_EQ(areas.size(), 3u);
    EXPECT_EQ(areas[0].name, "F");
    EXPECT_EQ(areas[1].name, "Alpha");
    EXPECT_EQ(areas[2].name, "Zeta");
}
