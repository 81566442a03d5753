// Charts, table notes, anchors and page references in the PDF writer, read back with poppler's
// tools (pdftotext, pdfinfo, pdfimages): a chart's title, axis labels and month labels as text,
// month labels that never overlap, the chart as vectors (no images), a figure never split
// across pages, a table's notes after its last row and on its page, page references that print
// the pages where their anchors' headings are (also when the page numbers themselves move the
// layout), named destinations, an unknown anchor refused, the chart as PNG (signature and
// size), and the same bytes for the same document.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <regex>

#include "read_back.hpp"
#include "scrutineer/chart_drawing.hpp"
#include "scrutineer/pdf_writer.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::doc;

namespace {

using test::expect_in_order;
using test::output_of;
using test::PdfFile;

// `months` months from `first`, a wave around 25 with two months missing.
LineChart trend(Month first, int months, std::string title = "Robbery, Norwich: crimes") {
    LineChart c;
    c.title = std::move(title);
    c.description = "Robbery in Norwich, month by month";
    c.value_label = "Crimes per month";
    for (int i = 0; i < months; ++i) {
        ChartPoint p{first + i, 25 + 12 * std::sin(i / 4.0)};
        if (i == 5 || i == 6) p.value.reset();
        c.points.push_back(p);
    }
    c.reference = 25;
    c.reference_label = "Long-term average";
    return c;
}

Document with_filler(int lines) {
    Document d;
    d.title = "Filler";
    std::string filler;
    for (int i = 0; i < lines; ++i) filler += fmt::format("filler line {}\n", i);
    if (lines > 0) d.add(Paragraph{{plain(filler)}});
    return d;
}

struct Word {
    double x_min, y_min, x_max, y_max;
    std::string text;
};

// The words of `pdftotext -bbox` output.
std::vector<Word> words_of(const std::string& bbox) {
    std::vector<Word> out;
    std::regex word(
        "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">"
        "([^<]*)</word>");
    for (std::sregex_iterator it(bbox.begin(), bbox.end(), word), end; it != end; ++it)
        out.push_back(Word{std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]),
                           std::stod((*it)[4]), (*it)[5]});
    return out;
}

}  // namespace

TEST(PdfFigures, AChartsTextHasItsTitleAxisLabelsMonthsAndReference) {
    Document d;
    d.title = "Charts";
    d.add(Heading{2, "Robbery", {}});
    d.add(Figure{trend(Month::of(2016, 4), 48)});
    PdfFile pdf(render_pdf(d));
    std::string text = pdf.text();
    EXPECT_NE(text.find("Robbery, Norwich: crimes"), std::string::npos) << text;
    EXPECT_NE(text.find("Crimes per month"), std::string::npos) << text;
    EXPECT_NE(text.find("Long-term average: 25"), std::string::npos) << text;
    // The value axis: 0 at the bottom, up to 40 in tens (value_axis, as the SVG).
    for (const char* tick : {"0", "10", "20", "30", "40"})
        EXPECT_TRUE(std::regex_search(text, std::regex(std::string("(^|\\s)") + tick + "\\n")))
            << tick << "\n"
            << text;
    // Month labels name the years the series covers.
    for (int year = 2017; year <= 2019; ++year)
        EXPECT_NE(text.find(std::to_string(year)), std::string::npos) << year << "\n" << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("(Jan|Apr|Jul|Oct) 20(16|17|18|19)"))) << text;
    // A structure element for the drawing, after its caption.
    std::string tree = pdf.structure();
    expect_in_order(tree, {"Caption", "Robbery, Norwich: crimes", "Figure", "Crimes per month"});
}

TEST(PdfFigures, MonthLabelsNeverOverlap) {
    for (int months : {1, 6, 13, 25, 48, 60, 120, 240}) {
        Document d;
        d.add(Figure{trend(Month::of(2012, 4), months)});
        PdfFile pdf(render_pdf(d));
        // The label row: the words under the chart that are months or years.
        std::regex label(
            "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|[0-9]{2}|"
            "20[0-9]{2})$");
        std::map<long, std::vector<Word>> rows;
        for (const auto& w : words_of(pdf.bbox()))
            if (std::regex_match(w.text, label)) rows[std::lround(w.y_min)].push_back(w);
        // The row with most month and year words is the axis's labels.
        std::vector<Word> row;
        for (auto& [y, ws] : rows)
            if (ws.size() > row.size()) row = ws;
        ASSERT_FALSE(row.empty()) << months;
        std::sort(row.begin(), row.end(),
                  [](const Word& a, const Word& b) { return a.x_min < b.x_min; });
        for (size_t i = 1; i < row.size(); ++i) {
            EXPECT_LE(row[i - 1].x_max, row[i].x_min)
                << months << " months: " << row[i - 1].text << " overlaps " << row[i].text;
        }
        // Several labels for a long series, not one.
        if (months >= 13) {
            EXPECT_GE(row.size(), 3u) << months;
        }
    }
}

TEST(PdfFigures, AChartIsVectorsNotAPicture) {
    Document d;
    d.add(Figure{trend(Month::of(2016, 4), 48)});
    PdfFile pdf(render_pdf(d));
    std::string list = pdf.images();
    // pdfimages -list prints two header lines and a line per image.
    EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), 2) << list;
    EXPECT_NE(list.find("page"), std::string::npos) << list;
}

TEST(PdfFigures, AFigureIsNeverSplitAcrossPages) {
    // Filler of every length around a page's worth: the caption, the drawing's month labels and
    // the reference line's key below them are always on one page.
    for (int lines = 20; lines <= 50; lines += 2) {
        Document d = with_filler(lines);
        LineChart c = trend(Month::of(2016, 4), 48, "FIGURE-CAPTION");
        c.reference_label = "REFERENCE-KEY";
        d.add(Figure{c});
        d.add(Paragraph{{plain("AFTER-THE-FIGURE")}});
        PdfFile pdf(render_pdf(d));
        int caption = pdf.page_of("FIGURE-CAPTION");
        ASSERT_GT(caption, 0) << lines;
        std::string page = pdf.page_text(caption);
        EXPECT_NE(page.find("Crimes per month"), std::string::npos) << lines;
        EXPECT_NE(page.find("REFERENCE-KEY: 25"), std::string::npos) << lines << "\n" << page;
        EXPECT_NE(page.find("2019"), std::string::npos) << lines;
        EXPECT_GE(pdf.page_of("AFTER-THE-FIGURE"), caption);
    }
}

TEST(PdfFigures, TableNotesFollowTheLastRowOnItsPage) {
    for (int lines = 0; lines <= 16; ++lines) {
        Document d = with_filler(lines);
        Table t;
        t.header = {{plain("Area")}, {plain("Crimes")}};
        for (int i = 1; i <= 30; ++i)
            t.rows.push_back({{plain(fmt::format("Area {:02}", i))}, {plain("12")}});
        t.notes = {"* LTA not yet available for this indicator.",
                   "Source: police.uk, recorded crime by month."};
        t.numbers = {{std::nullopt, 12.0}};  // for spreadsheets: no effect on the PDF
        t.number_formats = {"", "#,##0"};
        t.sheet = "Norwich";
        d.add(t);
        d.add(Paragraph{{plain("AFTER-THE-TABLE")}});
        PdfFile pdf(render_pdf(d));
        expect_in_order(pdf.text(), {"Area 29", "Area 30", "* LTA not yet available",
                                     "Source: police.uk", "AFTER-THE-TABLE"});
        int last = pdf.page_of("Area 30");
        ASSERT_GT(last, 0) << lines;
        std::string page = pdf.page_text(last);
        EXPECT_NE(page.find("* LTA not yet available for this indicator."), std::string::npos)
            << lines << "\n"
            << page;
        EXPECT_NE(page.find("Source: police.uk, recorded crime by month."), std::string::npos)
            << lines;
    }
}

namespace {

// An agenda on page 1 whose items give the pages of three papers after a long table, each
// paper an anchor before its heading. `crowd` further references to the third paper, in one
// paragraph, make the agenda's length depend on how wide the page numbers are.
Document agenda_pack(int table_rows, int crowd) {
    Document d;
    d.title = "Agenda pack";
    d.footer = "Agenda pack";
    d.add(Heading{1, "A g e n d a", "Agenda"});
    List items;
    items.numbered = true;
    for (int k = 1; k <= 3; ++k)
        items.items.push_back(
            ListItem{{plain(fmt::format("Paper {} ", k)), plain("(Page "),
                      page_number_of(fmt::format("paper-{}", k), "paper"), plain(")")},
                     "",
                     0,
                     false});
    d.add(items);
    Text many;
    for (int i = 0; i < crowd; ++i) {
        many.push_back(plain("see page "));
        many.push_back(page_number_of("paper-3", "paper"));
        many.push_back(plain(i % 3 == 2 ? "\n" : "; "));
    }
    if (crowd > 0) d.add(Paragraph{many});
    Table t;
    t.header = {{plain("Member")}, {plain("Representing")}};
    for (int i = 1; i <= table_rows; ++i)
        t.rows.push_back({{plain(fmt::format("Member {:03}", i))}, {plain("A Council")}});
    d.add(t);
    for (int k = 1; k <= 3; ++k) {
        if (k != 2) d.add(PageBreak{});  // paper 2 follows paper 1 on its page if it fits
        d.add(Anchor{fmt::format("paper-{}", k)});
        d.add(Heading{2, fmt::format("PAPER-{}-HEADING", k), {}});
        std::string body;
        for (int i = 0; i < 30 * k; ++i) body += fmt::format("Paper {} line {}\n", k, i);
        d.add(Paragraph{{plain(body)}});
    }
    return d;
}

}  // namespace

TEST(PdfFigures, PageReferencesPrintThePagesWhereTheAnchorsLand) {
    for (auto [rows, crowd] : {std::pair{10, 0}, {150, 0}, {400, 0}, {150, 120}, {300, 200}}) {
        Document d = agenda_pack(rows, crowd);
        std::string bytes = render_pdf(d);
        PdfFile pdf(bytes);
        std::string agenda = pdf.page_text(1);
        auto anchors = pdf_anchor_pages(d);
        for (int k = 1; k <= 3; ++k) {
            int heading = pdf.page_of(fmt::format("PAPER-{}-HEADING", k));
            ASSERT_GT(heading, 1) << rows << " " << crowd;
            std::smatch m;
            ASSERT_TRUE(std::regex_search(
                agenda, m, std::regex(fmt::format("Paper {} \\(Page ([0-9]+)\\)", k))))
                << agenda;
            EXPECT_EQ(std::stoi(m[1]), heading) << "paper " << k << ", " << rows << " rows";
            EXPECT_EQ(anchors[fmt::format("paper-{}", k)], heading);
            // The named destination is on that page too.
            EXPECT_TRUE(std::regex_search(
                pdf.dests(), std::regex(fmt::format("\\n *{} +[^\\n]*paper-{}", heading, k))))
                << pdf.dests();
        }
        // The crowd of references all print the third paper's page.
        if (crowd > 0) {
            std::string all = pdf.text();
            std::regex see("see page ([0-9]+)");
            int seen = 0;
            for (std::sregex_iterator it(all.begin(), all.end(), see), end; it != end; ++it) {
                ++seen;
                EXPECT_EQ(std::stoi((*it)[1]), anchors["paper-3"]);
            }
            EXPECT_EQ(seen, crowd);
        }
        // Each page number is a link to its anchor's destination.
        for (int k = 1; k <= 3; ++k)
            EXPECT_NE(bytes.find(fmt::format("/Dest (paper-{})", k)), std::string::npos);
    }
}

TEST(PdfFigures, AReferenceToAnUnknownAnchorIsRefused) {
    Document d = agenda_pack(5, 0);
    d.add(Paragraph{{plain("See page "), page_number_of("no-such-paper", "the paper")}});
    try {
        render_pdf(d);
        ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("no-such-paper"), std::string::npos) << e.what();
    }
    EXPECT_THROW(pdf_anchor_pages(d), std::runtime_error);
    Document twice = agenda_pack(5, 0);
    twice.add(Anchor{"paper-1"});
    try {
        render_pdf(twice);
        ADD_FAILURE() << "no error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("paper-1"), std::string::npos) << e.what();
    }
    Document bad;
    bad.add(Anchor{"it's"});
    EXPECT_THROW(render_pdf(bad), std::runtime_error);
}

TEST(PdfFigures, AChartAsPngHasTheSignatureAndTheSizeAsked) {
    LineChart c = trend(Month::of(2016, 4), 48);
    std::string png = render_line_chart_png(c, 1200, 500);
    ASSERT_GT(png.size(), 24u);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(png.substr(12, 4), "IHDR");
    auto be32 = [&](size_t at) {
        uint32_t v = 0;
        for (size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    EXPECT_EQ(be32(16), 1200u);
    EXPECT_EQ(be32(20), 500u);
    // Something is drawn: far more than a blank picture's bytes.
    EXPECT_GT(png.size(), render_line_chart_png(LineChart{}, 1200, 500).size());
    EXPECT_EQ(png, render_line_chart_png(c, 1200, 500));
    EXPECT_THROW(render_line_chart_png(c, 0, 500), std::invalid_argument);
    EXPECT_THROW(render_line_chart_png(c, 1200, 100000), std::invalid_argument);
}

TEST(PdfFigures, TheSameDocumentGivesTheSameBytes) {
    Document d = agenda_pack(150, 30);
    d.created = "2020-02-04";
    d.add(Figure{trend(Month::of(2016, 4), 48)});
    Table t;
    t.header = {{plain("Area")}};
    t.rows = {{{plain("Norwich")}}};
    t.notes = {"* a note"};
    d.add(t);
    std::string first = render_pdf(d);
    EXPECT_EQ(first, render_pdf(d));
    EXPECT_NE(first.find("/Subtype /Link"), std::string::npos);
}

TEST(PdfFigures, AnAnchorBetweenAHeadingAndItsTextDoesNotPartThem) {
    for (int lines = 38; lines <= 56; ++lines) {
        Document d = with_filler(lines);
        d.add(Heading{2, "KEEP-HEADING", {}});
        d.add(Anchor{"kept"});
        d.add(Paragraph{{plain("FOLLOWING-TEXT")}});
        PdfFile pdf(render_pdf(d));
        int heading = pdf.page_of("KEEP-HEADING");
        ASSERT_GT(heading, 0) << lines;
        EXPECT_EQ(pdf.page_of("FOLLOWING-TEXT"), heading) << lines;
        EXPECT_EQ(pdf_anchor_pages(d)["kept"], heading) << lines;
    }
}
