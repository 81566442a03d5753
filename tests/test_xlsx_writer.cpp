// The XLSX writer, read back by unzipping the workbook with libzip and reading its XML parts:
// the sheets in order with names Excel accepts, numbers stored as unrounded numbers in their
// number format (not as text), text in the shared strings, titles, headers and notes where they
// belong, two tables on one sheet, the document's properties, and the same bytes twice.
#include <gtest/gtest.h>
#include <zip.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "scrutineer/xlsx_writer.hpp"
#include "xlsx_read_back.hpp"

using namespace scrutineer;
using namespace scrutineer::doc;
using scrutineer::test::attributes;
using scrutineer::test::Workbook;

namespace {

Table indicator_table(const std::string& sheet) {
    Table t;
    t.sheet = sheet;
    t.header = {{plain("Indicator")}, {plain("Crimes")}, {plain("Rate")}};
    t.rows = {{{plain("Robbery")}, {plain("1,542")}, {plain("82.6%")}},
              {{bold("Total")}, {plain("2,001")}, {plain("n/a")}}};
    t.numbers = {{std::nullopt, 1542.0, 82.63}, {std::nullopt, 2001.0}};
    t.number_formats = {"", "#,##0", "0.0\"%\""};
    t.notes = {"1. Recorded crime from police.uk.", "2. n/a: no rate for the total."};
    return t;
}

}  // namespace

TEST(XlsxWriter, NumbersAreNumbersInTheirFormatAndTextIsSharedStrings) {
    Document d;
    d.title = "Performance report";
    d.add(Heading{2, "Norfolk", ""});
    d.add(indicator_table(""));
    Workbook wb(render_xlsx(d));
    ASSERT_EQ(wb.sheet_names(), std::vector<std::string>{"Norfolk"});
    // A1 the title, row 2 the header, rows 3-4 the body, rows 5-6 the notes.
    EXPECT_EQ(wb.text(1, "A1"), "Norfolk");
    EXPECT_EQ(wb.text(1, "A2"), "Indicator");
    EXPECT_EQ(wb.text(1, "C2"), "Rate");
    EXPECT_EQ(wb.text(1, "A3"), "Robbery");
    EXPECT_FALSE(wb.is_text(1, "B3"));
    EXPECT_EQ(wb.value(1, "B3"), "1542");
    EXPECT_FALSE(wb.is_text(1, "C3"));
    EXPECT_EQ(wb.value(1, "C3"), "82.63");  // unrounded, though the text says 82.6%
    EXPECT_EQ(wb.number_format(1, "C3"), "0.0\"%\"");
    std::string thousands = wb.number_format(1, "B3");
    EXPECT_TRUE(thousands == "#,##0" || thousands == "builtin:3") << thousands;
    EXPECT_EQ(wb.value(1, "B4"), "2001");
    // A cell with no number (beyond the end of its row's numbers) is its text.
    EXPECT_EQ(wb.text(1, "C4"), "n/a");
    EXPECT_EQ(wb.text(1, "A4"), "Total");
    EXPECT_EQ(wb.text(1, "A5"), "1. Recorded crime from police.uk.");
    EXPECT_EQ(wb.text(1, "A6"), "2. n/a: no rate for the total.");
    EXPECT_EQ(wb.cell(1, "A7"), "");
    // The only table on its sheet: its title and header rows are frozen.
    EXPECT_NE(wb.sheet_xml(1).find("ySplit=\"2\""), std::string::npos);
    // Column widths from the longest text.
    EXPECT_NE(wb.sheet_xml(1).find("<col "), std::string::npos);
}

TEST(XlsxWriter, HeaderAndTitleAreBoldAndHeaderHasABottomBorder) {
    Document d;
    d.add(Heading{2, "Norfolk", ""});
    d.add(indicator_table(""));
    Workbook wb(render_xlsx(d));
    const std::string& styles = wb.parts["xl/styles.xml"];
    auto header_style = attributes(wb.cell(1, "A2"), "c", "s");
    ASSERT_EQ(header_style.size(), 1u);
    size_t xfs = styles.find("<cellXfs");
    std::string cell_xfs = styles.substr(xfs, styles.find("</cellXfs>") - xfs);
    auto font_ids = attributes(cell_xfs, "xf", "fontId");
    auto border_ids = attributes(cell_xfs, "xf", "borderId");
    size_t xf = std::stoul(header_style[0]);
    // Fonts and borders in the order styles.xml lists them.
    std::vector<std::string> fonts, borders;
    for (size_t at = 0; (at = styles.find("<font>", at)) != std::string::npos; ++at)
        fonts.push_back(styles.substr(at, styles.find("</font>", at) - at));
    for (size_t at = 0; (at = styles.find("<border>", at)) != std::string::npos; ++at)
        borders.push_back(styles.substr(at, styles.find("</border>", at) - at));
    EXPECT_NE(fonts.at(std::stoul(font_ids.at(xf))).find("<b/>"), std::string::npos);
    EXPECT_NE(borders.at(std::stoul(border_ids.at(xf))).find("<bottom style=\"thin\">"),
              std::string::npos);
    auto title_style = attributes(wb.cell(1, "A1"), "c", "s");
    ASSERT_EQ(title_style.size(), 1u);
    EXPECT_NE(fonts.at(std::stoul(font_ids.at(std::stoul(title_style[0])))).find("<b/>"),
              std::string::npos);
}

TEST(XlsxWriter, TablesNamingTheSameSheetGoOneUnderAnother) {
    Document d;
    d.add(Heading{1, "Performance report", ""});
    d.add(Heading{2, "Robbery", ""});
    d.add(indicator_table("Norwich"));
    d.add(Paragraph{{plain("Between the tables.")}});
    d.add(Heading{2, "Burglary", ""});
    d.add(indicator_table("Breckland"));
    d.add(Heading{2, "Burglary in Norwich", ""});
    d.add(indicator_table("Norwich"));
    Workbook wb(render_xlsx(d));
    ASSERT_EQ(wb.sheet_names(), (std::vector<std::string>{"Norwich", "Breckland"}));
    // Norwich: the first table in rows 1-6, a blank row 7, the second from row 8.
    EXPECT_EQ(wb.text(1, "A1"), "Robbery");
    EXPECT_EQ(wb.text(1, "A6"), "2. n/a: no rate for the total.");
    EXPECT_EQ(wb.cell(1, "A7"), "");
    EXPECT_EQ(wb.text(1, "A8"), "Burglary in Norwich");
    EXPECT_EQ(wb.text(1, "A9"), "Indicator");
    EXPECT_EQ(wb.value(1, "B10"), "1542");
    EXPECT_EQ(wb.text(1, "A13"), "2. n/a: no rate for the total.");
    // Two tables: no frozen header (it would belong to the first only).
    EXPECT_EQ(wb.sheet_xml(1).find("<pane"), std::string::npos);
    EXPECT_EQ(wb.text(2, "A1"), "Burglary");
    EXPECT_EQ(wb.value(2, "C3"), "82.63");
    // Text outside tables is not in the workbook.
    for (const auto& s : wb.strings) EXPECT_NE(s, "Between the tables.");
}

TEST(XlsxWriter, TablesWithoutASheetGoOnTheSheetOfTheirHeading) {
    Document d;
    d.title = "Report";
    d.add(indicator_table(""));  // no heading yet: the document's title
    d.add(Heading{2, "King's Lynn and West Norfolk", ""});
    d.add(indicator_table(""));
    d.add(indicator_table(""));  // same heading: same sheet
    Workbook wb(render_xlsx(d));
    ASSERT_EQ(wb.sheet_names(),
              (std::vector<std::string>{"Report", "King's Lynn and West Norfolk"}));
    EXPECT_EQ(wb.text(1, "A1"), "Indicator");  // no heading: no title row
    EXPECT_EQ(wb.text(2, "A1"), "King's Lynn and West Norfolk");
    EXPECT_EQ(wb.text(2, "A8"), "King's Lynn and West Norfolk");
}

TEST(XlsxWriter, SheetNamesAreMadeValidAndUniqueIgnoringCase) {
    EXPECT_EQ(excel_sheet_name("Crime: robbery/burglary [all]"), "Crime- robbery-burglary -all-");
    EXPECT_EQ(excel_sheet_name("a*b?c\\d"), "a-b-c-d");
    EXPECT_EQ(excel_sheet_name("'quoted'"), "quoted");
    EXPECT_EQ(excel_sheet_name(""), "Sheet");
    EXPECT_EQ(excel_sheet_name("'''"), "Sheet");
    EXPECT_EQ(excel_sheet_name("Great Yarmouth and the Broads and the Coast"),
              "Great Yarmouth and the Broads a");
    // 31 characters, not bytes: "é" is two bytes.
    std::string accents(40, 'x');
    accents.replace(0, 1, "\xC3\xA9");
    EXPECT_EQ(excel_sheet_name(accents), "\xC3\xA9" + std::string(30, 'x'));

    Document d;
    d.add(indicator_table("Norwich"));
    d.add(indicator_table("NORWICH"));
    d.add(indicator_table("Great Yarmouth and the Broads and the Coast"));
    d.add(indicator_table("Great Yarmouth and the Broads and the Sea"));
    d.add(indicator_table("Rates: 2019/20"));
    d.add(indicator_table("History"));
    Workbook wb(render_xlsx(d));
    EXPECT_EQ(wb.sheet_names(),
              (std::vector<std::string>{"Norwich", "NORWICH (2)", "Great Yarmouth and the Broads a",
                                        "Great Yarmouth and the Broa (2)", "Rates- 2019-20",
                                        "History (2)"}));
}

TEST(XlsxWriter, PropertiesComeFromTheDocumentAndTheSameDocumentGivesTheSameBytes) {
    Document d;
    d.title = "Performance <report>";
    d.author = "Norfolk Police and Crime Panel";
    d.subject = "Priorities 1 and 2";
    d.created = "2020-02-04";
    d.add(Heading{2, "Norfolk", ""});
    d.add(indicator_table(""));
    std::string bytes = render_xlsx(d);
    Workbook wb(bytes);
    const std::string& core = wb.parts["docProps/core.xml"];
    EXPECT_NE(core.find("<dc:title>Performance &lt;report&gt;</dc:title>"), std::string::npos)
        << core;
    EXPECT_NE(core.find("<dc:creator>Norfolk Police and Crime Panel</dc:creator>"),
              std::string::npos);
    EXPECT_NE(core.find("<dc:subject>Priorities 1 and 2</dc:subject>"), std::string::npos);
    EXPECT_NE(core.find("2020-02-04T00:00:00Z"), std::string::npos);
    EXPECT_EQ(render_xlsx(d), bytes);

    d.created = "2021-03-05T10:11:12Z";
    EXPECT_NE(Workbook(render_xlsx(d)).parts["docProps/core.xml"].find("2021-03-05T10:11:12Z"),
              std::string::npos);
    d.created = "";
    std::string undated = render_xlsx(d);
    EXPECT_NE(Workbook(undated).parts["docProps/core.xml"].find("2000-01-01T00:00:00Z"),
              std::string::npos);
    EXPECT_EQ(render_xlsx(d), undated);
}

TEST(XlsxWriter, ABadCreationDateIsAnError) {
    Document d;
    for (const char* bad : {"4 February 2020", "2020-02-30", "2020-13-01", "2020-02-04T10:00"}) {
        d.created = bad;
        try {
            render_xlsx(d);
            ADD_FAILURE() << bad;
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
        }
    }
}

TEST(XlsxWriter, ADocumentWithNoTablesSaysSo) {
    Document d;
    d.add(Heading{1, "Minutes", ""});
    d.add(Paragraph{{plain("No tables here.")}});
    Workbook wb(render_xlsx(d));
    ASSERT_EQ(wb.sheet_names(), std::vector<std::string>{"Sheet1"});
    EXPECT_EQ(wb.text(1, "A1"), "This document has no tables.");
}

TEST(XlsxWriter, TextIsKeptValidForExcel) {
    Document d;
    Table t;
    t.sheet = "Text";
    t.header = {{plain("Name")}, {plain("Value")}};
    t.rows = {{{plain("bad \xFF byte")}, {plain("<b>&amp;</b>\x01")}},
              {{plain("two\nlines")}, {plain("NaN")}}};
    t.numbers = {{}, {std::nullopt, std::numeric_limits<double>::quiet_NaN()}};
    d.add(t);
    Workbook wb(render_xlsx(d));
    EXPECT_EQ(wb.text(1, "A2"), "bad \xEF\xBF\xBD byte");
    EXPECT_EQ(wb.text(1, "B2"), "<b>&amp;</b>");
    EXPECT_EQ(wb.text(1, "A3"), "two\nlines");
    EXPECT_EQ(wb.text(1, "B3"), "NaN");  // not a number Excel could hold: its text
}

TEST(XlsxWriter, ExcelsLimitsAreErrorsNamingTheCellAndNoTemporaryFileIsLeft) {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("xlsx-writer-test-" + std::to_string(getpid()));
    fs::create_directories(dir);
    const char* old = std::getenv("TMPDIR");
    std::string saved = old ? old : "";
    setenv("TMPDIR", dir.c_str(), 1);

    Document d;
    d.add(indicator_table("Norwich"));
    EXPECT_FALSE(render_xlsx(d).empty());
    EXPECT_TRUE(fs::is_empty(dir));

    Table t;
    t.sheet = "Long";
    t.header = {{plain("Text")}};
    t.rows = {{{plain("short")}}, {{plain(std::string(40000, 'x'))}}};
    d.add(t);
    try {
        render_xlsx(d);
        ADD_FAILURE() << "a 40,000-character cell was written";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("sheet \"Long\", cell A3"), std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(fs::is_empty(dir));

    if (old)
        setenv("TMPDIR", saved.c_str(), 1);
    else
        unsetenv("TMPDIR");
    fs::remove_all(dir);
}

TEST(XlsxWriter, ACellsOwnFormatOverridesItsColumns) {
    // The indicator tables mix units in one column: a % change beside a p.p. difference.
    Document d;
    d.add(Heading{2, "Norwich", ""});
    Table t;
    t.header = {{plain("Indicator")}, {plain("Difference")}};
    t.rows = {{{plain("Burglary")}, {plain("12.3%")}},
              {{plain("% confident in the police")}, {plain("-2.6p.p.")}}};
    t.numbers = {{std::nullopt, 12.345}, {std::nullopt, -2.55}};
    t.number_formats = {"", "0.0\"%\""};
    t.cell_formats = {{}, {"", "0.0\"p.p.\""}};
    d.add(t);
    Workbook wb(render_xlsx(d));
    EXPECT_EQ(wb.value(1, "B3"), "12.345");
    EXPECT_EQ(wb.number_format(1, "B3"), "0.0\"%\"");
    EXPECT_EQ(wb.value(1, "B4"), "-2.55");
    EXPECT_EQ(wb.number_format(1, "B4"), "0.0\"p.p.\"");
}
