// The store on both engines: SQLite (a file) and a real PostgreSQL server, started for the test
// run by tests/pg_cluster.sh (a CTest fixture). No mocks of the database.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <atomic>
#include <fstream>
#include <set>
#include <sstream>

#include "scrutineer/dataset_builder.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/police_uk_counts.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

using test::StoreTest;

std::string city_dir() {
    return test::data_dir() + "/police-uk/city-of-london-street-2017-2021";
}

std::string csv_of(const Dataset& data, Month end) {
    return render_indicator_tables(data, compute_tables(data, end), TableFormat::csv);
}

}  // namespace

TEST_P(StoreTest, MigrationsApplyOnceAndRefuseANewerSchema) {
    EXPECT_EQ(schema_version(*db_), migrations().back().version);
    EXPECT_EQ(migrate(*db_), 0);
    auto again = open_database(target_);
    EXPECT_EQ(migrate(*again), 0);
    db_->execute(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'future', "
        "'x')");
    EXPECT_THROW(migrate(*db_), DatabaseError);
}

TEST_P(StoreTest, PoliceUkImportGivesTheSameTablesAsTheFiles) {
    auto area = read_area_file(test::data_dir() + "/areas/city-of-london.json");
    save_force(*db_, area);
    auto summary = import_police_uk_files(*db_, {city_dir()}, nullptr, "tester");
    EXPECT_EQ(summary.files_imported, 60);
    EXPECT_EQ(summary.files_already_in, 0);

    PoliceUkImportOptions opt;
    opt.forces = {area};
    auto police = import_police_uk(list_inputs({city_dir()}), opt);
    DatasetSources src;
    src.police_uk = &police;
    Dataset from_files = build_dataset(src);
    Dataset from_store = load_dataset(*db_);
    for (Month end : {Month::of(2021, 12), Month::of(2020, 6), Month::of(2019, 3)})
        EXPECT_EQ(csv_of(from_store, end), csv_of(from_files, end)) << to_string(end);

    auto log = import_log(*db_);
    ASSERT_EQ(log.size(), 60u);
    EXPECT_EQ(log[0].kind, "police_uk");
    EXPECT_EQ(log[0].imported_by, "tester");
    EXPECT_EQ(log[0].rows, 492);  // 2017-01, as in SOURCE.txt
    EXPECT_EQ(log[0].checksum.size(), 64u);
}

TEST_P(StoreTest, FromDataStoresEveryForceAndDistrictAndGivesTheFilesTables) {
    // Two forces; Ashdown's rows include one in Carrick's district Bramford, so Bramford is a
    // district of both (--areas from-data takes every place a force's rows name).
    auto row = [](const char* month, const char* force, const char* lsoa, const char* type) {
        return test::police_uk_row(month, force, lsoa, type);
    };
    const char* ash = "Ashdown Constabulary";
    const char* car = "Carrick Vale Police";
    tmp_.write("in/2024-01/2024-01-ashdown-street.csv",
               test::police_uk_file({row("2024-01", ash, "Ashby 001A", "Drugs"),
                                     row("2024-01", ash, "Ashby 002B", "Robbery"),
                                     row("2024-01", ash, "Bramford 004C", "Drugs"),
                                     row("2024-01", ash, "", "Drugs")}));
    tmp_.write("in/2024-01/2024-01-carrick-street.csv",
               test::police_uk_file({row("2024-01", car, "Bramford 001A", "Burglary"),
                                     row("2024-01", car, "Norwich 003D", "Drugs")}));
    PoliceUkStoreImport how;
    how.from_data = true;
    how.district_codes = {{"Norwich", "E07000148"}};
    auto first = import_police_uk_files(*db_, {(tmp_.path / "in").string()}, "t", how);
    EXPECT_EQ(first.files_imported, 2);

    auto forces = load_forces(*db_);
    ASSERT_EQ(forces.size(), 2u);
    EXPECT_EQ(forces[0].name, ash);
    EXPECT_EQ(forces[0].code, "ashdown-constabulary");
    ASSERT_EQ(forces[0].districts.size(), 2u);
    EXPECT_EQ(forces[0].districts[0].name, "Ashby");
    EXPECT_EQ(forces[0].districts[0].code, "ashby");
    EXPECT_EQ(forces[1].code, "carrick-vale-police");
    ASSERT_EQ(forces[1].districts.size(), 2u);
    // One code per area: Bramford, found in both forces' files, is two areas.
    std::set<std::string> bramford{forces[0].districts[1].code, forces[1].districts[0].code};
    EXPECT_EQ(bramford, (std::set<std::string>{"bramford", "bramford-carrick-vale-police"}));
    EXPECT_EQ(forces[1].districts[1].code, "E07000148");  // a known name gets its GSS code

    // A later month names a new district of a force found in the data: it is added.
    tmp_.write("more/2024-02-ashdown-street.csv",
               test::police_uk_file({row("2024-02", ash, "Cotley 001A", "Drugs")}));
    import_police_uk_files(*db_, {(tmp_.path / "more").string()}, "t", how);
    EXPECT_EQ(load_forces(*db_)[0].districts.size(), 3u);
    // A later month spelling a district differently only in case is the same district.
    tmp_.write("case/2024-03-ashdown-street.csv",
               test::police_uk_file({row("2024-03", ash, "COTLEY 001A", "Drugs")}));
    import_police_uk_files(*db_, {(tmp_.path / "case").string()}, "t", how);
    ASSERT_EQ(load_forces(*db_)[0].districts.size(), 3u);
    {
        Dataset data = load_dataset(*db_);
        size_t cotley = 0;
        while (cotley < data.areas.size() && data.areas[cotley].name != "Cotley") ++cotley;
        ASSERT_LT(cotley, data.areas.size());
        EXPECT_EQ(data.series.at({cotley, "Drugs"}).at(Month::of(2024, 3)),
                  std::optional<int64_t>(kMicro));
    }

    // The store's tables are the files' tables (codes aside: the files give none to a place
    // ONS does not name).
    PoliceUkImportOptions opt;
    opt.from_data = true;
    opt.district_codes = how.district_codes;
    auto police = import_police_uk(
        list_inputs({(tmp_.path / "in").string(), (tmp_.path / "more").string()}), opt);
    DatasetSources src;
    src.police_uk = &police;
    Dataset from_files = build_dataset(src);
    Dataset from_store = load_dataset(*db_);
    ASSERT_EQ(from_store.areas.size(), from_files.areas.size());
    for (size_t a = 0; a < from_files.areas.size(); ++a)
        EXPECT_EQ(from_store.areas[a].name, from_files.areas[a].name);
    auto without_codes = [](const std::string& csv) {
        std::string out;
        std::istringstream in(csv);
        for (std::string line; std::getline(in, line);) {
            auto a = line.find(','), b = line.find(',', a + 1);
            out += line.substr(0, a + 1) + line.substr(b) + "\n";
        }
        return out;
    };
    EXPECT_EQ(without_codes(csv_of(from_store, Month::of(2024, 2))),
              without_codes(csv_of(from_files, Month::of(2024, 2))));
}

TEST_P(StoreTest, AnAreaFilesForceKeepsItsDistrictsAndOtherForcesNeedFromData) {
    save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
    tmp_.write(
        "in/2019-01.csv",
        test::police_uk_file(
            {test::police_uk_row("2019-01", "Norfolk Constabulary", "Norwich 001A", "Drugs"),
             test::police_uk_row("2019-01", "Norfolk Constabulary", "Ipswich 001A", "Drugs"),
             test::police_uk_row("2019-01", "Suffolk Constabulary", "Ipswich 002A", "Drugs")}));
    auto plain = import_police_uk_files(*db_, {(tmp_.path / "in").string()}, nullptr, "t");
    EXPECT_NE(std::find(plain.lines.begin(), plain.lines.end(),
                        (tmp_.path / "in/2019-01.csv").string() +
                            ": 1 rows of Suffolk Constabulary not counted (not a force of the "
                            "database)"),
              plain.lines.end());
    EXPECT_EQ(load_forces(*db_).size(), 1u);

    tmp_.write(
        "next/2019-02.csv",
        test::police_uk_file(
            {test::police_uk_row("2019-02", "Norfolk Constabulary", "Ipswich 001A", "Drugs"),
             test::police_uk_row("2019-02", "Suffolk Constabulary", "Ipswich 002A", "Drugs")}));
    PoliceUkStoreImport how;
    how.from_data = true;
    import_police_uk_files(*db_, {(tmp_.path / "next").string()}, "t", how);
    auto forces = load_forces(*db_);
    ASSERT_EQ(forces.size(), 2u);
    EXPECT_EQ(forces[0].name, "Norfolk Constabulary");
    EXPECT_EQ(forces[0].districts.size(), 7u);  // the area file's seven: Ipswich is not added
    EXPECT_EQ(forces[1].name, "Suffolk Constabulary");
    ASSERT_EQ(forces[1].districts.size(), 1u);
    EXPECT_EQ(forces[1].districts[0].name, "Ipswich");
}

TEST_P(StoreTest, ReimportingChangesNothingAndSaysSo) {
    save_force(*db_, read_area_file(test::data_dir() + "/areas/city-of-london.json"));
    import_police_uk_files(*db_, {city_dir()}, nullptr, "a");
    int64_t observations = count("observations");
    auto again = import_police_uk_files(*db_, {city_dir()}, nullptr, "b");
    EXPECT_EQ(again.files_imported, 0);
    EXPECT_EQ(again.files_already_in, 60);
    EXPECT_NE(again.lines.at(0).find("already imported"), std::string::npos);
    EXPECT_EQ(count("observations"), observations);
    EXPECT_EQ(count("imports"), 60);
}

TEST_P(StoreTest, AFailedImportChangesNothing) {
    save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
    const std::string force = "Norfolk Constabulary";
    tmp_.write(
        "in/2019-01.csv",
        test::police_uk_file({test::police_uk_row("2019-01", force, "Norwich 001A", "Drugs")}));
    tmp_.write("in/2019-02.csv",
               test::police_uk_file(
                   {test::police_uk_row("2019-02", force, "Norwich 001A", "Drugs"), "broken,row"}));
    EXPECT_THROW(import_police_uk_files(*db_, {(tmp_.path / "in").string()}, nullptr, "t"),
                 InputError);
    EXPECT_EQ(count("imports"), 0);
    EXPECT_EQ(count("observations"), 0);
    EXPECT_EQ(count("police_uk_months"), 0);

    std::string counts = tmp_.write("counts.csv",
                                    "area_code,indicator,month,value\n"
                                    "E10000020,Number of Hate Crimes,2019-09,94\n"
                                    "E07000999,Number of Hate Crimes,2019-09,4\n");
    try {
        import_counts_file(*db_, counts, "t");
        FAIL() << "expected an error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  counts + ":3: field 'area_code': 'E07000999' is not an area of the database");
    }
    EXPECT_EQ(count("imports"), 0);
    EXPECT_EQ(count("observations"), 0);
}

TEST_P(StoreTest, ADifferentFileForAStoredForceMonthIsRefused) {
    save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
    const std::string force = "Norfolk Constabulary";
    std::string a = tmp_.write(
        "a/2019-01.csv",
        test::police_uk_file({test::police_uk_row("2019-01", force, "Norwich 001A", "Drugs")}));
    std::string b = tmp_.write(
        "b/2019-01.csv",
        test::police_uk_file({test::police_uk_row("2019-01", force, "Norwich 001A", "Robbery")}));
    import_police_uk_files(*db_, {a}, nullptr, "t");
    try {
        import_police_uk_files(*db_, {b}, nullptr, "t");
        FAIL() << "expected an error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "Norfolk Constabulary 2019-01 is already in the database, from " + a),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(count("imports"), 1);
}

TEST_P(StoreTest, CountsBreaksPopulationAndCatalogueRoundTrip) {
    save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
    std::string counts = "area_code,indicator,month,value\n";
    for (Month m = Month::of(2015, 10); m <= Month::of(2019, 9); m = m + 1) {
        counts += fmt::format("E10000020,Burglary residential dwelling,{},10\n", to_string(m));
        counts += fmt::format("E10000020,Theft from the person,{},5\n", to_string(m));
        counts += fmt::format("E10000020,Confidence (CSEW),{},80.25\n", to_string(m));
    }
    import_counts_file(*db_, tmp_.write("counts.csv", counts), "t");
    import_breaks_file(
        *db_,
        tmp_.write("breaks.csv",
                   "indicator,break_month,reason\n"
                   "Burglary residential dwelling,2017-04,new burglary classifications\n"),
        "t");
    import_population_file(*db_, test::data_dir() + "/population/MYE2_persons_mid2019_LAD2020.csv",
                           "t");
    import_indicator_catalogue(*db_, tmp_.write("ind.json", R"json([
        {"name": "Personal property crime", "kind": "composite",
         "components": ["Burglary residential dwelling", "Theft from the person"]},
        {"name": "Confidence (CSEW)", "kind": "percentage", "source_note": "CSEW"}])json"),
                               "t");
    Dataset data = load_dataset(*db_);
    ASSERT_EQ(data.indicators.size(), 2u);  // the components are not rows of their own
    EXPECT_EQ(data.indicators[0].name, "Personal property crime");
    EXPECT_EQ(data.indicators[1].kind, IndicatorKind::percentage);
    EXPECT_EQ(population_aged(data.population.at("E10000020"), 10, 17), 75'384);
    IndicatorRow ppc = compute_indicator(data, 0, data.indicators[0], Month::of(2019, 9));
    EXPECT_EQ(ppc.status, CellStatus::recording_break);
    EXPECT_EQ(*ppc.last_12, Fraction::whole(180));
    EXPECT_EQ(to_string(*ppc.lta_available_from), "2021-04");
    IndicatorRow conf = compute_indicator(data, 0, data.indicators[1], Month::of(2019, 9));
    EXPECT_EQ(*conf.last_12, Fraction::of(8025, 100));
    EXPECT_EQ(*conf.difference, Fraction::whole(0));
    // The same file again: nothing changes.
    auto again = import_counts_file(*db_, (tmp_.path / "counts.csv").string(), "t");
    EXPECT_EQ(again.files_already_in, 1);
    EXPECT_EQ(count("imports"), 4);
}

TEST_P(StoreTest, PoliceUkValuesStoredAsRowsBeforeMigration12AreMovedWhole) {
    auto area = read_area_file(test::data_dir() + "/areas/city-of-london.json");
    save_force(*db_, area);
    import_police_uk_files(*db_, {city_dir()}, nullptr, "tester");
    const std::string before = csv_of(load_dataset(*db_), Month::of(2021, 12));
    // The store as migration 11 left it: every police.uk value a row of observations.
    int64_t values = 0;
    for (const auto& r : db_->query("SELECT import_id, counts FROM police_uk_counts")) {
        const int64_t id = as_int(r[0]);
        std::vector<std::string> names;
        decode_police_uk_counts(
            as_text(r[1]), id,
            {[&](const std::vector<std::string_view>& n) { names.assign(n.begin(), n.end()); },
             [&](std::string_view code, Month m, size_t indicator, int64_t v) {
                 db_->execute(
                     "INSERT INTO observations (area_code, indicator, month, value_micro, "
                     "import_id) VALUES (?, ?, ?, ?, ?)",
                     {text(std::string(code)), text(names[indicator]), text(to_string(m)),
                      integer(v), integer(id)});
                 ++values;
             }});
    }
    ASSERT_GT(values, 1000);
    db_->execute("DELETE FROM police_uk_counts");

    move_police_uk_observations(*db_);
    EXPECT_EQ(count("observations"), 0);
    EXPECT_EQ(count("police_uk_counts"), 60);
    EXPECT_EQ(csv_of(load_dataset(*db_), Month::of(2021, 12)), before);
}

INSTANTIATE_STORE_TESTS(StoreTest);

TEST(PoliceUkCounts, EncodeAndDecodeRoundTripWithZerosLeftOut) {
    PoliceUkCounts counts;
    counts[{"E07000148", Month::of(2024, 12)}] = {{"Burglary", 3'000'000}, {"Drugs", 0}};
    counts[{"ashdown-constabulary", Month::of(2024, 11)}] = {{"All crime", 9'525'000'000}};
    const std::string text = encode_police_uk_counts(counts);
    EXPECT_EQ(text,
              "All crime|Burglary|Drugs\n"
              "E07000148,2024-12,,3000000,\n"
              "ashdown-constabulary,2024-11,9525000000,,\n");
    PoliceUkCounts back;
    std::vector<std::string> names;
    decode_police_uk_counts(
        text, 7,
        {[&](const std::vector<std::string_view>& n) { names.assign(n.begin(), n.end()); },
         [&](std::string_view code, Month m, size_t indicator, int64_t v) {
             back[{std::string(code), m}][names.at(indicator)] = v;
         }});
    counts[{"E07000148", Month::of(2024, 12)}].erase("Drugs");  // a zero is not a value
    EXPECT_EQ(back, counts);
}

TEST(PoliceUkCounts, ATextNotAsWrittenNamesTheImportAndTheLine) {
    auto decode = [](std::string text) {
        try {
            decode_police_uk_counts(text, 42,
                                    {{}, [](std::string_view, Month, size_t, int64_t) {}});
        } catch (const DatabaseError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(decode("A|B\nE1,2024-13,1,2\n"),
              "police_uk_counts of import 42, line 2: '2024-13' is not a month");
    EXPECT_EQ(decode("A|B\nE1,2024-12,1,2\nE2,2024-12,1,x\n"),
              "police_uk_counts of import 42, line 3: 'x' is not a whole number");
    EXPECT_EQ(decode("A|B\nE1,2024-12,1\n"),
              "police_uk_counts of import 42, line 2: 1 values for 2 indicators");
    EXPECT_EQ(decode("A\nE1,2024-12,1,2\n"),
              "police_uk_counts of import 42, line 2: more values than 1 indicators");
    EXPECT_EQ(decode("A|B\nE1\n"), "police_uk_counts of import 42, line 2: no month");
    EXPECT_THROW(encode_police_uk_counts({{{"E1,2", Month::of(2024, 1)}, {{"A", 1}}}}),
                 std::invalid_argument);
}
