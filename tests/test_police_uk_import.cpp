#include <gtest/gtest.h>
#include <zip.h>
#include <zlib.h>

#include "scrutineer/dataset_builder.hpp"
#include "scrutineer/fraction.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/police_uk.hpp"
#include "scrutineer/police_uk_import.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::police_uk_file;
using test::police_uk_row;

namespace {

const std::string kForce = "Norfolk Constabulary";

ForceDefinition norfolk_subset() {
    return ForceDefinition{kForce,
                           "E10000020",
                           "Norfolk",
                           {{"E07000148", "Norwich", {}}, {"E07000144", "Broadland", {}}}};
}

PoliceUkData import(const std::vector<std::string>& paths, unsigned threads = 2) {
    PoliceUkImportOptions opt;
    opt.forces = {norfolk_subset()};
    opt.threads = threads;
    return import_police_uk(list_inputs(paths), opt);
}

int64_t value(const PoliceUkData& d, const std::string& district, const std::string& indicator,
              Month m) {
    auto it = d.series.find({0, district, indicator});
    if (it == d.series.end()) return -1;
    auto v = it->second.at(m);
    return v ? *v / kMicro : -1;
}

void write_gz(const std::string& path, const std::string& text) {
    gzFile g = gzopen(path.c_str(), "wb");
    gzwrite(g, text.data(), static_cast<unsigned>(text.size()));
    gzclose(g);
}

void write_zip(const std::string& path,
               const std::vector<std::pair<std::string, std::string>>& entries) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    for (auto& [name, text] : entries) {
        zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
        ASSERT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE), 0);
    }
    ASSERT_EQ(zip_close(z), 0);
}

const Month kJan = Month::of(2019, 1), kFeb = Month::of(2019, 2);

std::string january() {
    return police_uk_file({
        police_uk_row("2019-01", kForce, "Broadland 001A", "Burglary"),
        police_uk_row("2019-01", kForce, "Norwich 001A", "Burglary"),
        police_uk_row("2019-01", kForce, "Norwich 002A", "Anti-social behaviour"),
        police_uk_row("2019-01", kForce, "", "Drugs"),                   // no location
        police_uk_row("2019-01", kForce, "East Suffolk 010C", "Drugs"),  // outside the districts
        police_uk_row("2019-01", "Suffolk Constabulary", "Ipswich 001A", "Drugs"),
    });
}

std::string february() {
    return police_uk_file({police_uk_row("2019-02", kForce, "Norwich 003A", "Robbery")});
}

}  // namespace

TEST(PoliceUkImport, CountingRulesForForceDistrictsAndOutside) {
    test::TempDir tmp;
    auto d = import({tmp.write("2019-01/2019-01-norfolk-street.csv", january())});
    EXPECT_EQ(value(d, "", "Burglary", kJan), 2);
    EXPECT_EQ(value(d, "", "Drugs", kJan), 2);  // no location + outside count for the force
    EXPECT_EQ(value(d, "Norwich", "Burglary", kJan), 1);
    EXPECT_EQ(value(d, "Norwich", "Drugs", kJan), 0);  // the month is present: zero, not missing
    EXPECT_EQ(value(d, "Broadland", "Burglary", kJan), 1);
    EXPECT_EQ(value(d, "", std::string(kAllCrime), kJan), 4);  // everything but ASB
    EXPECT_EQ(value(d, "Norwich", std::string(kAllCrime), kJan), 1);
    ASSERT_EQ(d.report.forces.size(), 1u);
    EXPECT_EQ(d.report.forces[0].rows, 5u);
    EXPECT_EQ(d.report.forces[0].rows_no_location, 1u);
    EXPECT_EQ(d.report.forces[0].rows_outside, 1u);
    EXPECT_EQ(d.report.forces[0].outside_places.at("East Suffolk"), 1u);
    EXPECT_EQ(d.report.other_forces.at("Suffolk Constabulary"), 1u);
    EXPECT_EQ(value(d, "", "Robbery", kFeb), -1);  // February is not in the data
}

TEST(PoliceUkImport, DirectoriesGzipAndZipArchivesGiveTheSameCounts) {
    test::TempDir tmp;
    tmp.write("unpacked/2019-01/2019-01-norfolk-street.csv", january());
    write_gz((tmp.path / "unpacked/2019-02-norfolk-street.csv.gz").string(), february());
    tmp.write("unpacked/README.txt", "not data");
    std::string zip = (tmp.path / "police-uk.zip").string();
    write_zip(zip, {{"2019-01/2019-01-norfolk-street.csv", january()},
                    {"2019-02/2019-02-norfolk-street.csv", february()}});
    auto from_dir = import({(tmp.path / "unpacked").string()});
    auto from_zip = import({zip}, 1);
    for (const auto* d : {&from_dir, &from_zip}) {
        EXPECT_EQ(value(*d, "Norwich", "Robbery", kFeb), 1);
        EXPECT_EQ(value(*d, "Norwich", "Burglary", kJan), 1);
        EXPECT_EQ(d->report.rows, 7u);
    }
    EXPECT_EQ(from_dir.series, from_zip.series);
}

TEST(PoliceUkImport, TheSameFileTwiceCountsOnce) {
    test::TempDir tmp;
    std::string a = tmp.write("a/2019-01-norfolk-street.csv", january());
    std::string b = tmp.write("b/2019-01-norfolk-street.csv", january());
    auto d = import({a, b, a});
    EXPECT_EQ(value(d, "", "Burglary", kJan), 2);
    EXPECT_EQ(d.report.duplicates.size(), 2u);
}

TEST(PoliceUkImport, TwoDifferentFilesForOneForceMonthAreAnError) {
    test::TempDir tmp;
    std::string a = tmp.write("a/2019-01-norfolk-street.csv", january());
    std::string b =
        tmp.write("b/2019-01-norfolk-street.csv",
                  police_uk_file({police_uk_row("2019-01", kForce, "Norwich 1", "Drugs")}));
    try {
        import({a, b});
        FAIL() << "expected an error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("Norfolk Constabulary 2019-01"), std::string::npos)
            << e.what();
        EXPECT_EQ(e.file, b);
    }
}

TEST(PoliceUkImport, ABadFileFailsTheWholeImportNamingFileAndLine) {
    test::TempDir tmp;
    tmp.write("in/2019-01.csv", january());
    std::string bad =
        tmp.write("in/2019-02.csv", police_uk_file({
                                        police_uk_row("2019-02", kForce, "Norwich 1", "Drugs"),
                                        police_uk_row("2019-02", kForce, "Norwich 1", "Drugs"),
                                        police_uk_row("Feb 2019", kForce, "Norwich 1", "Drugs"),
                                    }));
    try {
        import({(tmp.path / "in").string()});
        FAIL() << "expected an error";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()),
                  bad + ":4: field 'Month': 'Feb 2019' is not a month (YYYY-MM)");
    }
    EXPECT_THROW(import({(tmp.path / "missing").string()}), InputError);
}

TEST(PoliceUkImport, FromDataFindsForcesAndDistricts) {
    test::TempDir tmp;
    PoliceUkImportOptions opt;
    opt.from_data = true;
    opt.district_codes = {{"Norwich", "E07000148"}};
    auto d = import_police_uk(list_inputs({tmp.write("x.csv", january())}), opt);
    ASSERT_EQ(d.forces.size(), 2u);
    EXPECT_EQ(d.forces[0].name, kForce);
    std::vector<std::string> names;
    for (auto& dd : d.forces[0].districts) names.push_back(dd.name);
    EXPECT_EQ(names, (std::vector<std::string>{"Broadland", "Norwich", "East Suffolk"}));
    EXPECT_EQ(d.forces[0].districts[1].code, "E07000148");
    Dataset data = build_dataset(DatasetSources{{}, &d, {}, {}, {}, {}});
    EXPECT_EQ(data.areas.size(), 6u);  // 2 forces + 3 + 1 districts
    EXPECT_EQ(data.areas[1].name, "Broadland");
    EXPECT_EQ(data.areas[2].name, "East Suffolk");
}

TEST(PoliceUkImport, FromDataTakesSpellingsThatDifferOnlyInCaseOrApostropheAsOneDistrict) {
    // Matching places to districts is case-blind and reads ’ as ', so these are one district,
    // named as first seen, with all three rows (not a second district of zeros).
    test::TempDir tmp;
    const char* force = "Ashdown Constabulary";
    auto row = [&](const char* lsoa) {
        return test::police_uk_row("2024-01", force, lsoa, "Drugs");
    };
    PoliceUkImportOptions opt;
    opt.from_data = true;
    auto d = import_police_uk(
        list_inputs({tmp.write(
            "x.csv", test::police_uk_file({row("King's Lynn 001A"), row("KING'S LYNN 002B"),
                                           row("King\u2019s Lynn 003C")}))}),
        opt);
    ASSERT_EQ(d.forces.size(), 1u);
    ASSERT_EQ(d.forces[0].districts.size(), 1u);
    EXPECT_EQ(d.forces[0].districts[0].name, "King's Lynn");
    EXPECT_EQ(d.series.at({0, "King's Lynn", "Drugs"}).at(Month::of(2024, 1)),
              std::optional<int64_t>(3 * kMicro));
}

TEST(PoliceUkImport, WarnsNamingTheMonthsWhenAFileIsNotTheOneMonthItsNameSays) {
    // police.uk names a file for its month (YYYY-MM-<force>-street.csv) and gives one force's
    // month in it: rows of another month, or of several, are counted, and said.
    test::TempDir tmp;
    auto rows = [](std::vector<const char*> months) {
        std::vector<std::string> r;
        for (auto* m : months) r.push_back(police_uk_row(m, kForce, "Norwich 001A", "Drugs"));
        return police_uk_file(r);
    };
    std::string wrong = tmp.write("2024-01-norfolk-street.csv", rows({"2024-02"}));
    std::string two =
        tmp.write("2024-03-norfolk-street.csv", rows({"2024-03", "2024-04", "2024-04"}));
    std::string neither =
        tmp.write("2024-06/2024-06-norfolk-street.csv", rows({"2024-07", "2024-08"}));
    std::string right = tmp.write("2024-05-norfolk-street.csv", rows({"2024-05"}));
    std::string unnamed = tmp.write("norfolk.csv", rows({"2024-09"}));
    auto d = import({wrong, two, neither, right, unnamed});
    EXPECT_EQ(d.report.warnings,
              (std::vector<std::string>{
                  "Warning: " + wrong + " is named for 2024-01, but its rows are for 2024-02",
                  "Warning: " + two +
                      " holds rows of 2 months (2024-03: 1 row, 2024-04: 2 rows); a police.uk "
                      "file holds one month",
                  "Warning: " + neither +
                      " is named for 2024-06, but holds rows of 2 months (2024-07: 1 row, "
                      "2024-08: 1 row); a police.uk file holds one month"}));
    EXPECT_EQ(value(d, "Norwich", "Drugs", Month::of(2024, 2)), 1);  // counted all the same
    EXPECT_EQ(d.report.rows, 8u);
}

TEST(PoliceUkImport, BigFilesAreReadInPiecesInBoundedMemory) {
    // A zip entry (or a .csv.gz) that expands to far more than the memory should hold is read a
    // piece at a time (64 MB in the importer; 4 KB here), the row a piece leaves unfinished
    // carried to the next: the same counts as read whole, the same text shown (for the import
    // log's checksum), and the buffer never bigger than a piece.
    test::TempDir tmp;
    std::vector<std::string> rows;
    for (int i = 0; i < 2000; ++i)
        rows.push_back(police_uk_row("2019-01", kForce, i % 3 ? "Norwich 001A" : "Broadland 002B",
                                     i % 5 ? "Drugs" : "Burglary"));
    std::string text = police_uk_file(rows);
    std::string zip = (tmp.path / "month.zip").string();
    write_zip(zip, {{"2019-01/2019-01-norfolk-street.csv", text}});
    write_gz((tmp.path / "2019-01-norfolk-street.csv.gz").string(), text);
    std::string plain = tmp.write("plain/2019-01-norfolk-street.csv", text);
    FileTally whole;
    whole.source = "whole";
    scan_police_uk(text, nullptr, whole);
    for (const auto& input :
         list_inputs({zip, (tmp.path / "2019-01-norfolk-street.csv.gz").string(), plain})) {
        SCOPED_TRACE(input.display_name());
        TextBuffer buffer;
        FileTally t;
        t.source = input.display_name();
        std::string shown;
        size_t pieces = 0;
        scan_police_uk_input(
            input, buffer, nullptr, t,
            [&](std::string_view piece) {
                shown += piece;
                ++pieces;
            },
            4096);
        EXPECT_EQ(shown, text);
        EXPECT_GT(pieces, text.size() / 4096);
        EXPECT_LE(buffer.capacity(), 4096u);
        EXPECT_EQ(t.rows, 2000u);
        EXPECT_EQ(t.bytes, text.size());
        EXPECT_EQ(t.places, whole.places);
        ASSERT_EQ(t.blocks.size(), 1u);
        EXPECT_EQ(t.blocks[0].counts, whole.blocks[0].counts);
    }
    // The duplicate check compares the texts a piece at a time too: same text, counted once.
    auto d = import({zip, plain});
    EXPECT_EQ(d.report.duplicates, std::vector<std::string>{plain});
}
