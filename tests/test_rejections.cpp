// Every parser that takes outside input says where and what when it rejects it: the file (or
// archive entry), the line when there is one, the field, and the problem in words. One case per
// parser here (the fuzz targets in fuzz/ show that nothing else escapes them: no other
// exception, no crash); the parsers' own tests hold many more.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/case_review_application_file.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/multipart.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/police_uk_scanner.hpp"
#include "scrutineer/questionnaire_file.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::error_of;

namespace {

std::string scan(const std::string& text) {
    return error_of([&] {
        FileTally t;
        t.source = "2025-01-norfolk-street.csv";
        scan_police_uk(text, nullptr, t);
    });
}

}  // namespace

TEST(Rejections, PoliceUkCsv) {
    std::string good =
        test::police_uk_row("2025-01", "Norfolk Constabulary", "Norwich 013B", "Burglary");
    EXPECT_EQ(scan(test::police_uk_file({good, "a,b,c"})),
              "2025-01-norfolk-street.csv:3: expected 12 fields, found 3");
    EXPECT_EQ(scan(test::police_uk_file({test::police_uk_row("2025-13", "Norfolk Constabulary",
                                                             "Norwich 013B", "Burglary")})),
              "2025-01-norfolk-street.csv:2: field 'Month': '2025-13' is not a month (YYYY-MM)");
    EXPECT_EQ(scan("Crime ID,Month\n"),
              "2025-01-norfolk-street.csv:1: expected 12 fields, found 2");
    // A header and nothing else is not a month of crimes: said, and nothing imported.
    EXPECT_EQ(scan(test::police_uk_file({})), "2025-01-norfolk-street.csv: has no rows of crimes");
}

TEST(Rejections, PoliceUkInputThatIsNotARegularFileOrHoldsNoFiles) {
    test::TempDir tmp;
    const std::string not_regular =
        ": not a regular file; give a .csv, .csv.gz, .zip or a folder of them";
    // A device or a FIFO never ends (reading /dev/zero set memory aside until std::bad_alloc).
    EXPECT_EQ(error_of([] { list_inputs({"/dev/zero"}); }), "/dev/zero" + not_regular);
    std::string fifo = (tmp.path / "2025-01-norfolk-street.csv").string();
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(error_of([&] { list_inputs({fifo}); }), fifo + not_regular);
    // In a folder too, when it is named as a police.uk file is.
    std::string folder = (tmp.path / "in").string();
    std::filesystem::create_directories(folder);
    std::string in_folder = folder + "/2025-02-norfolk-street.csv";
    ASSERT_EQ(mkfifo(in_folder.c_str(), 0600), 0);
    EXPECT_EQ(error_of([&] { list_inputs({folder}); }), in_folder + not_regular);

    // A folder or an archive with no police.uk file in it.
    const std::string holds_none =
        ": holds no police.uk files (.csv or .csv.gz files, or a .zip of them)";
    std::string empty = (tmp.path / "empty").string();
    std::filesystem::create_directories(empty);
    EXPECT_EQ(error_of([&] { list_inputs({empty}); }), empty + holds_none);
    tmp.write("notes/README.txt", "not a police.uk file");
    EXPECT_EQ(error_of([&] { list_inputs({(tmp.path / "notes").string()}); }),
              (tmp.path / "notes").string() + holds_none);
    // An empty zip archive: its end of central directory record alone.
    std::string zip =
        tmp.write("2025-01.zip", std::string("PK\x05\x06", 4) + std::string(18, '\0'));
    EXPECT_EQ(error_of([&] { list_inputs({zip}); }), zip + holds_none);
}

TEST(Rejections, PoliceUkArchives) {
    test::TempDir tmp;
    std::string zip = tmp.write("2025-01.zip", "PK\x03\x04 not really a zip");
    EXPECT_EQ(error_of([&] { list_inputs({zip}); }),
              zip + ": cannot open the zip archive: Not a zip archive");
    // A .csv.gz cut short (a download that stopped part-way).
    std::string text = test::police_uk_file(std::vector<std::string>(
        200, test::police_uk_row("2025-01", "Norfolk Constabulary", "Norwich 013B", "Burglary")));
    uLongf size = compressBound(text.size());
    std::string z(size, '\0');
    ASSERT_EQ(compress(reinterpret_cast<Bytef*>(z.data()), &size,
                       reinterpret_cast<const Bytef*>(text.data()), text.size()),
              Z_OK);
    // A gzip member: its header, the deflate stream of the zlib one (without its 2-byte header
    // and 4-byte trailer), then stopped before the gzip trailer and half the data.
    std::string gzip =
        std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10) + z.substr(2, (size - 6) / 2);
    std::string gz = tmp.write("2025-01-norfolk-street.csv.gz", gzip);
    EXPECT_EQ(error_of([&] {
                  TextBuffer b;
                  for (const auto& in : list_inputs({gz})) load_text(in, b);
              }),
              gz + ": gzip data is corrupt: unexpected end of file");
    // An entry that says it expands to far more than its compressed bytes can (found by fuzzing:
    // Norfolk's first rows, compressed, under a header claiming 587 MB), refused before any
    // memory is set aside for it.
    std::string claims = test::fixtures_dir() + "/zip-entry-claims-587-mb.zip";
    EXPECT_EQ(error_of([&] { list_inputs({claims}); }),
              claims +
                  "!2025-01/2025-01-norfolk-street.csv: the archive entry is corrupt: it says it "
                  "expands to 587202644 bytes, which its 2579 compressed bytes cannot");
    std::string txt = tmp.write("notes.txt", "hello");
    EXPECT_EQ(error_of([&] { list_inputs({txt}); }), txt + ": not a .csv, .csv.gz or .zip file");
    EXPECT_EQ(error_of([&] { list_inputs({tmp.path.string() + "/missing.csv"}); }),
              tmp.path.string() + "/missing.csv: no such file or directory");
}

TEST(Rejections, MonthlyCountsAndBreaks) {
    EXPECT_EQ(error_of([] {
                  parse_monthly_counts(
                      "area_code,indicator,month,value\nE10000020,Hate,2019-09,"
                      "ninety\n",
                      "counts.csv");
              }),
              "counts.csv:2: field 'value': 'ninety' is not a number (digits, an optional '.' "
              "and up to six decimals)");
    EXPECT_EQ(error_of([] {
                  parse_breaks("indicator,break_month,reason\nHate,October 2015,x\n", "b.csv");
              }),
              "b.csv:2: field 'break_month': 'October 2015' is not a month (YYYY-MM)");
}

TEST(Rejections, PopulationAndLookups) {
    EXPECT_EQ(error_of([] { parse_population("Code,Name\nE1,x\n", "mye2.csv"); }),
              "mye2.csv:1: not an ONS MYE2 table: expected the header Code,Name,Geography1,All "
              "ages,0,1,...,89,90+");
    EXPECT_EQ(error_of([] { parse_lsoa_lookup("code,name\nE01,x\n", "lsoa.csv"); }),
              "lsoa.csv:1: no LSOA code (LSOA11CD, LSOA21CD or lsoa_code) column in the header");
    EXPECT_EQ(error_of([] { parse_district_codes("LAD17CD,CSP17NM\nE07,x\n", "lad.csv"); }),
              "lad.csv:1: no district name (LAD17NM) column in the header");
}

TEST(Rejections, AreaFileAndCatalogue) {
    EXPECT_EQ(error_of([] { parse_area_file(R"({"districts": []})", "area.json"); }),
              "area.json: field 'force': is missing");
    EXPECT_EQ(error_of([] {
                  parse_indicator_catalogue(R"([{"name": "x", "kind": "mean"}])", "catalogue.json");
              }),
              "catalogue.json: field '[0].kind': 'mean' is not one of count, composite, rate, "
              "percentage, snapshot");
    EXPECT_EQ(error_of([] {
                  parse_indicator_catalogue("[{", "catalogue.json");
              }).rfind("catalogue.json: not valid JSON: ", 0),
              0u);
}

TEST(Rejections, CaseReviewApplication) {
    EXPECT_EQ(error_of([] {
                  parse_case_review_application(
                      R"({"application_date": "2024-02-30", "complaints": []})", "app.json");
              }),
              "app.json: field 'application_date': '2024-02-30' is not a date (YYYY-MM-DD)");
    // Found by fuzzing: a number too big for a double was an uncaught exception of the JSON
    // library (out_of_range, not parse_error), so `scrutineer asb check` stopped without saying
    // where.
    EXPECT_EQ(error_of([] {
                  parse_case_review_application("1E400", "app.json");
              }).rfind("app.json: not valid JSON: ", 0),
              0u);
    // 2^63 read as an int was 0, and the error said "not 0": the number is named as given.
    auto with_rules = [](const std::string& rules) {
        return error_of([&] {
            parse_case_review_application(
                R"({"application_date": "2024-06-01", "complaints": [], "rules": )" + rules + "}",
                "app.json");
        });
    };
    EXPECT_EQ(with_rules(R"({"min_qualifying": 9223372036854775808})"),
              "app.json: field 'rules.min_qualifying': is 9223372036854775808, which is out of "
              "range (at most 2147483647)");
    EXPECT_EQ(with_rules(R"({"alt_min_reporters": 4294967297})"),
              "app.json: field 'rules.alt_min_reporters': is 4294967297, which is out of range (at "
              "most 2147483647)");
    EXPECT_EQ(with_rules(R"({"report_within_months": -9223372036854775808})"),
              "app.json: field 'rules.report_within_months': is -9223372036854775808, which is out "
              "of range (at least -2147483648)");
    EXPECT_EQ(with_rules(R"({"apply_within_months": 123456789012345678901234567890})"),
              "app.json: field 'rules.apply_within_months': is 123456789012345678901234567890, "
              "which is out of range (at most 18446744073709551615)");
    // A key given twice: the JSON library kept the last and dropped the first without a word.
    EXPECT_EQ(error_of([] {
                  parse_case_review_application(
                      R"({"application_date": "2024-06-01", "complaints": [
                          {"incident": "a", "behaviour_date": "2024-05-01",
                           "reported_date": "2024-05-02"},
                          {"incident": "b", "behaviour_date": "2024-05-01",
                           "reported_date": "2024-05-02", "incident": "c"}]})",
                      "app.json");
              }),
              "app.json: field 'complaints[1].incident': is given twice in one object; a field "
              "may be given once");
    EXPECT_EQ(error_of([] {
                  parse_case_review_application(
                      R"({"application_date": "2024-06-01", "complaints": [],
                          "application_date": "2020-01-01"})",
                      "app.json");
              }),
              "app.json: field 'application_date': is given twice in one object; a field may be "
              "given once");
}

// Every JSON input is read by one function, so a key given twice is refused in every file.
TEST(Rejections, AKeyGivenTwiceInAnyJsonFile) {
    EXPECT_EQ(error_of([] {
                  parse_area_file(R"({"force": {"code": "E23000023", "code": "x"}})", "area.json");
              }),
              "area.json: field 'force.code': is given twice in one object; a field may be given "
              "once");
    EXPECT_EQ(error_of([] {
                  parse_indicator_catalogue(R"([{"name": "x"}, [1, {"kind": 1, "kind": 2}]])",
                                            "catalogue.json");
              }),
              "catalogue.json: field '[1][1].kind': is given twice in one object; a field may be "
              "given once");
}

TEST(Rejections, PlanAndPublishedFigures) {
    EXPECT_EQ(error_of([] { parse_plan_file(R"({"format": "scrutineer-plan/1"})", "plan.json"); }),
              "plan.json: field 'plan': is missing");
    EXPECT_EQ(error_of([] {
                  parse_published_figures_file(R"({"format": "scrutineer-plan/9"})", "f.json");
              }),
              "f.json: field 'format': is 'scrutineer-plan/9'; a published-figures file's is "
              "'scrutineer-published-figures/1'");
}

TEST(Rejections, QuestionnaireReturnsAndBankHolidays) {
    std::string header =
        "participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10\n";
    EXPECT_EQ(error_of([&] {
                  parse_questionnaire_returns(header + "RR-01,pre,2,1,2,3,5,2,1,2,2,3\n",
                                              "returns.csv");
              }),
              "returns.csv:2: field 'item5': the score is 5; scores are 1 to 4");
    EXPECT_EQ(error_of([] {
                  parse_bank_holidays(R"({"england-and-wales": {"events": [{"title": "x",
                                      "date": "2025-02-29"}]}})",
                                      "bh.json");
              }),
              "bh.json: field 'england-and-wales.events[0].date': '2025-02-29' is not a date "
              "(YYYY-MM-DD)");
}

TEST(Rejections, UploadBodies) {
    // A web upload that does not follow its boundary is refused (the app answers 400 "The upload
    // could not be read; choose the file again", tests/test_web_auth.cpp).
    EXPECT_FALSE(web::parse_multipart("multipart/form-data; boundary=b", "--b\r\nno end"));
    EXPECT_FALSE(web::parse_multipart("multipart/form-data", "--b--"));
    auto parts = web::parse_multipart("multipart/form-data; boundary=b",
                                      "--b\r\nContent-Disposition: form-data; name=\"file\"; "
                                      "filename=\"m.csv\"\r\n\r\ndata\r\n--b--\r\n");
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->at(0).filename, "m.csv");
    EXPECT_EQ(parts->at(0).data, "data");
}
