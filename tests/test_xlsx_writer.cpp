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

using namespace scrutineer;
using namespace scrutineer::doc;

namespace {

// The parts of an .xlsx file (a zip archive), by name.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!src) throw std::runtime_error("zip_source_buffer_create failed");
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (!z) {
        zip_source_free(src);
        throw std::runtime_error(std::string("not a zip archive: ") + zip_error_strerror(&error));
    }
    std::map<std::string, std::string> parts;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st);
        zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
        std::string content(st.size, '\0');
        zip_int64_t got = zip_fread(f, content.data(), st.size);
        zip_fclose(f);
        if (got != static_cast<zip_int64_t>(st.size)) throw std::runtime_error("short read");
        parts[st.name] = content;
    }
    zip_close(z);
    return parts;
}

// XML text with its five entities decoded, in one pass.
std::string unescape(const std::string& s) {
    const std::pair<std::string, std::string> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    std::string out;
    for (size_t i = 0; i < s.size();) {
        bool decoded = false;
        for (const auto& [from, to] : entities)
            if (s.compare(i, from.size(), from) == 0) {
                out += to;
                i += from.size();
                decoded = true;
                break;
            }
        if (!decoded) out += s[i++];
    }
    return out;
}

// The values of attribute `attr` of every element `<tag ...>` in `xml`, in order.
std::vector<std::string> attributes(const std::string& xml, const std::string& tag,
                                    const std::string& attr) {
    std::vector<std::string> out;
    for (size_t at = 0; (at = xml.find("<" + tag + " ", at)) != std::string::npos; ++at) {
        size_t end = xml.find('>', at);
        std::string element = xml.substr(at, end - at);
        size_t a = element.find(" " + attr + "=\"");
        if (a == std::string::npos) continue;
        a += attr.size() + 3;
        out.push_back(unescape(element.substr(a, element.find('"', a) - a)));
    }
    return out;
}

// The shared strings, in order.
std::vector<std::string> shared_strings(const std::string& xml) {
    std::vector<std::string> out;
    for (size_t at = 0; (at = xml.find("<si>", at)) != std::string::npos; ++at) {
        size_t t = xml.find("<t", at);
        size_t start = xml.find('>', t) + 1;
        out.push_back(unescape(xml.substr(start, xml.find("</t>", start) - start)));
    }
    return out;
}

// A workbook read back.
struct Workbook {
    std::map<std::string, std::string> parts;
    std::vector<std::string> strings;

    explicit Workbook(const std::string& bytes) : parts(unzip(bytes)) {
        strings = shared_strings(parts["xl/sharedStrings.xml"]);
    }
    std::vector<std::string> sheet_names() {
        return attributes(parts["xl/workbook.xml"], "sheet", "name");
    }
    std::string sheet_xml(int n) { return parts[fmt_sheet(n)]; }
    static std::string fmt_sheet(int n) {
        return "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    }
    // The <c> element of `cell` ("C3") on sheet n, or "" if there is none.
    std::string cell(int n, const std::string& ref) {
        const std::string& xml = parts[fmt_sheet(n)];
        size_t at = xml.find("<c r=\"" + ref + "\"");
        if (at == std::string::npos) return "";
        size_t end = xml.find("</c>", at);
        size_t self_closed = xml.find("/>", at);
        if (end == std::string::npos || self_closed < xml.find('>', at) + 1) end = self_closed;
        return xml.substr(at, end - at);
    }
    std::string value(int n, const std::string& ref) {
        std::string c = cell(n, ref);
        size_t v = c.find("<v>");
        if (v == std::string::npos) return "";
        return c.substr(v + 3, c.find("</v>") - v - 3);
    }
    bool is_text(int n, const std::string& ref) {
        return cell(n, ref).find("t=\"s\"") != std::string::npos;
    }
    // The text of a shared-string cell.
    std::string text(int n, const std::string& ref) {
        if (!is_text(n, ref)) return "";
        return strings.at(std::stoul(value(n, ref)));
    }
    // The number format of a cell: its style's numFmtId, looked up in the custom formats
    // (built-in ids are given as "builtin:N").
    std::string number_format(int n, const std::string& ref) {
        auto style = attributes(cell(n, ref), "c", "s");
        size_t xf = style.empty() ? 0 : std::stoul(style[0]);
        const std::string& styles = parts["xl/styles.xml"];
        size_t xfs = styles.find("<cellXfs");
        auto ids =
            attributes(styles.substr(xfs, styles.find("</cellXfs>") - xfs), "xf", "numFmtId");
        std::string id = ids.at(xf);
        auto fmt_ids = attributes(styles, "numFmt", "numFmtId");
        auto codes = attributes(styles, "numFmt", "formatCode");
        for (size_t i = 0; i < fmt_ids.size(); ++i)
            if (fmt_ids[i] == id) return codes[i];
        return "builtin:" + id;
    }
};

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
