#include <gtest/gtest.h>

#include "scrutineer/csv.hpp"
#include "scrutineer/dataset_builder.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/inputs.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::error_of;

TEST(Csv, QuotesCrlfAndLineNumbers) {
    auto r = parse_csv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\n\nlast,1", "f.csv");
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[1].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
    EXPECT_EQ(r[2].fields[0], "two\nlines");
    EXPECT_EQ(r[3].line, 6u);
    EXPECT_EQ(error_of([] { parse_csv("a,\"b\nc", "f.csv"); }),
              "f.csv:1: a quoted field is not closed before the end of the file");
    EXPECT_EQ(error_of([] { parse_csv("\"a\"b,c", "f.csv"); }),
              "f.csv:1: field 1: text after a closing quote");
}

TEST(Csv, Numbers) {
    EXPECT_EQ(parse_decimal_micro("80.2"), 80'200'000);
    EXPECT_EQ(parse_decimal_micro("-1.7"), -1'700'000);
    EXPECT_EQ(parse_decimal_micro("12"), 12'000'000);
    EXPECT_EQ(parse_decimal_micro("0.000001"), 1);
    EXPECT_FALSE(parse_decimal_micro("0.0000001"));
    EXPECT_FALSE(parse_decimal_micro("1e3"));
    EXPECT_FALSE(parse_decimal_micro("1,000"));
    EXPECT_FALSE(parse_decimal_micro(""));
    EXPECT_FALSE(parse_decimal_micro("."));
    EXPECT_FALSE(parse_decimal_micro("12."));
    EXPECT_EQ(parse_whole_number("907,760"), 907760);
    EXPECT_FALSE(parse_whole_number("12a"));
}

TEST(MonthlyCounts, ReadsAndRejectsWithLineAndField) {
    test::TempDir tmp;
    auto rows = read_monthly_counts(tmp.write("c.csv",
                                              "area_code,indicator,month,value\n"
                                              "E10000020,Number of Hate Crimes,2019-09,94\n"
                                              "E10000020,\"Confidence, CSEW\",2019-06,80.2\n"));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].indicator, "Confidence, CSEW");
    EXPECT_EQ(rows[1].value_micro, 80'200'000);
    std::string header = "area_code,indicator,month,value\n";
    std::string f = tmp.write("bad1.csv", header + "E10000020,Hate,2019-9,94\n");
    EXPECT_EQ(error_of([&] { read_monthly_counts(f); }),
              f + ":2: field 'month': '2019-9' is not a month (YYYY-MM)");
    f = tmp.write("bad2.csv", header + "E10000020,Hate,2019-09,ninety\n");
    EXPECT_NE(error_of([&] {
                  read_monthly_counts(f);
              }).find(f + ":2: field 'value': 'ninety' is not a number"),
              std::string::npos);
    f = tmp.write("bad3.csv", header + "E10000020,Hate,2019-09,1\nE10000020,Hate,2019-09,2\n");
    EXPECT_EQ(error_of([&] { read_monthly_counts(f); }),
              f + ":3: E10000020 Hate 2019-09 is already given on line 2");
    f = tmp.write("bad4.csv", "area,indicator,month,value\n");
    EXPECT_EQ(error_of([&] { read_monthly_counts(f); }),
              f + ":1: the header is 'area,indicator,month,value', expected "
                  "'area_code,indicator,month,value'");
    f = tmp.write("bad5.csv", header + "E10000020,Hate,2019-09\n");
    EXPECT_EQ(error_of([&] { read_monthly_counts(f); }), f + ":2: expected 4 fields, found 3");
    f = tmp.write("bad6.csv", header + ",Hate,2019-09,1\n");
    EXPECT_EQ(error_of([&] { read_monthly_counts(f); }), f + ":2: field 'area_code': is empty");
}

TEST(MonthlyCounts, AnUnknownAreaCodeIsAnError) {
    test::TempDir tmp;
    DatasetSources src;
    src.forces = {read_area_file(test::data_dir() + "/areas/norfolk.json")};
    std::string f =
        tmp.write("c.csv", "area_code,indicator,month,value\nE07000999,Hate,2019-09,1\n");
    src.counts = read_monthly_counts(f);
    EXPECT_EQ(error_of([&] { build_dataset(src); }),
              f + ":2: field 'area_code': 'E07000999' is not an area of the area file (--areas)");
}

TEST(Breaks, ReadsAndRejects) {
    test::TempDir tmp;
    auto b = read_breaks(tmp.write("b.csv",
                                   "indicator,break_month,reason\n"
                                   "Number of Hate Crimes,2015-10,recording changes\n"));
    EXPECT_EQ(b.at("Number of Hate Crimes").month, Month::of(2015, 10));
    std::string f = tmp.write("bad.csv", "indicator,break_month,reason\nHate,October 2015,x\n");
    EXPECT_EQ(error_of([&] { read_breaks(f); }),
              f + ":2: field 'break_month': 'October 2015' is not a month (YYYY-MM)");
    f = tmp.write("dup.csv", "indicator,break_month,reason\nHate,2015-10,x\nHate,2016-10,y\n");
    EXPECT_EQ(error_of([&] { read_breaks(f); }),
              f + ":3: field 'indicator': 'Hate' already has a break");
}

TEST(Population, MidYear2019MatchesTheOnsCheckValues) {
    auto p = read_population(test::data_dir() + "/population/MYE2_persons_mid2019_LAD2020.csv");
    EXPECT_EQ(population_aged(p.at("E10000020"), 0, 90), 907'760);
    EXPECT_EQ(population_aged(p.at("E10000020"), 10, 17), 75'384);
    EXPECT_EQ(population_aged(p.at("E07000148"), 10, 17), 10'670);  // Norwich
    int64_t districts = 0;
    for (int code = 143; code <= 149; ++code)
        districts += population_aged(p.at("E07000" + std::to_string(code)), 10, 17);
    EXPECT_EQ(districts, 75'384);
}

TEST(AreaFile, ShippedForcesAndErrors) {
    auto norfolk = read_area_file(test::data_dir() + "/areas/norfolk.json");
    EXPECT_EQ(norfolk.name, "Norfolk Constabulary");
    EXPECT_EQ(norfolk.code, "E10000020");
    ASSERT_EQ(norfolk.districts.size(), 7u);
    EXPECT_EQ(norfolk.districts[3].name, "King's Lynn and West Norfolk");
    EXPECT_EQ(norfolk.districts[3].code, "E07000146");
    auto city = read_area_file(test::data_dir() + "/areas/city-of-london.json");
    EXPECT_EQ(city.districts.at(0).code, "E09000001");

    test::TempDir tmp;
    std::string f = tmp.write("a.json", R"({"force": {"name": "F"}, "districts": []})");
    EXPECT_EQ(error_of([&] { read_area_file(f); }),
              f + ": field 'force.code': is missing or not a non-empty string");
    f = tmp.write("b.json",
                  R"({"force": {"name": "F", "code": "C"}, "districts": [{"code": "D"}]})");
    EXPECT_EQ(error_of([&] { read_area_file(f); }),
              f + ": field 'districts[0].name': is missing or not a non-empty string");
    f = tmp.write("c.json", "{not json");
    EXPECT_NE(error_of([&] { read_area_file(f); }).find("not valid JSON"), std::string::npos);
}

TEST(IndicatorCatalogue, ReadsKindsAndRejectsMistakes) {
    test::TempDir tmp;
    auto c = read_indicator_catalogue(tmp.write("c.json", R"([
        {"name": "PPC", "kind": "composite", "components": ["A", "B"]},
        {"name": "FTE", "kind": "rate", "numerator": "First-time entrants", "age_from": 10,
         "age_to": 17, "force_only": true, "source_note": "up to the end of June 2018"}])"));
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].kind, IndicatorKind::composite);
    EXPECT_EQ(c[1].per, 10000);
    EXPECT_TRUE(c[1].force_only);
    std::string f = tmp.write("bad.json", R"([{"name": "X", "kind": "ratio"}])");
    EXPECT_EQ(error_of([&] { read_indicator_catalogue(f); }),
              f + ": field '[0].kind': 'ratio' is not one of count, composite, rate, percentage, "
                  "snapshot");
    f = tmp.write("bad2.json", R"([{"name": "X", "kind": "composite"}])");
    EXPECT_EQ(error_of([&] { read_indicator_catalogue(f); }),
              f + ": field '[0].components': a composite needs its components");
    f = tmp.write(
        "bad3.json",
        R"([{"name": "X", "kind": "rate", "numerator": "N", "age_from": 17, "age_to": 10}])");
    EXPECT_EQ(error_of([&] { read_indicator_catalogue(f); }),
              f + ": field '[0].age_to': must be a whole number from 17 to 90");
}

TEST(LsoaLookup, ReadsTheShippedNorfolkLookup) {
    auto l = read_lsoa_lookup(test::data_dir() + "/lookups/norfolk_LSOA11_to_LAD19.csv");
    EXPECT_EQ(l.district_of.size(), 538u);
    EXPECT_EQ(l.district_of.at("E01026419"), "Breckland");
}
