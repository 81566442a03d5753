// The standalone HTML writer: a complete HTML5 file with its metadata and print stylesheet,
// every kind of block in its element (headings, paragraphs with bold, links and page
// references, nested and labelled lists, tables with <thead> and notes, key-value lists,
// charts as inline SVG with unique ids, anchors as ids, page breaks), all text escaped, the
// same text twice, and a report pack the size of Norfolk's written well inside 200 ms.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <string>

#include "scrutineer/html_document.hpp"

using namespace scrutineer;
using namespace scrutineer::doc;

namespace {

size_t count(const std::string& haystack, const std::string& needle) {
    size_t n = 0;
    for (size_t at = 0; (at = haystack.find(needle, at)) != std::string::npos; at += needle.size())
        ++n;
    return n;
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

LineChart chart(const std::string& title, int months) {
    LineChart c;
    c.title = title;
    c.description = "Recorded crimes each month.";
    c.value_label = "Crimes per month";
    for (int i = 0; i < months; ++i)
        c.points.push_back(ChartPoint{Month::of(2017, 1) + i, 100.0 + (i * 37) % 50});
    c.reference = 120;
    c.reference_label = "Long-term average";
    return c;
}

Table table() {
    Table t;
    t.widths = {2, 1, 1};
    t.header = {{plain("Indicator")}, {plain("Crimes")}, {plain("Change")}};
    t.rows = {{{plain("Robbery")}, {plain("1,542")}, {plain("+4.1%")}},
              {{bold("Total")}, {plain("2,001")}, {plain("n/a")}}};
    t.numbers = {{std::nullopt, 1542.0, 4.1}, {std::nullopt, 2001.0}};
    t.notes = {"1. Recorded crime from police.uk.", "2. Change on the year before."};
    return t;
}

Document sample() {
    Document d;
    d.title = "Performance report";
    d.author = "Norfolk Police and Crime Panel";
    d.subject = "Priorities 1 and 2";
    d.header = "Police and Crime Panel, 4 February 2020";
    d.footer = "Performance monitoring report";
    d.created = "2020-02-04";
    d.add(Heading{1, "Performance report", ""});
    d.add(Paragraph{{plain("The Panel "), bold("NOTED"), plain(" the report; see "),
                     page_number_of("annex", "the annex"), plain(" and "),
                     hyperlink("police.uk", "https://www.police.uk/"), plain(".")}});
    d.add(List{true,
               {{{plain("First")}, "", 0, false},
                {{plain("First, a")}, "", 1, false},
                {{plain("First, b")}, "", 1, false},
                {{plain("More about first, b")}, "", 1, true},
                {{plain("Second")}, "", 0, false}}});
    d.add(List{false, {{{plain("Resolved")}, "6.1", 0, false}}});
    d.add(KeyValues{
        {{"Date:", {plain("4 February 2020")}}, {"Venue:", {plain("County Hall")}}}, 0.25, true});
    d.add(PageBreak{});
    d.add(Anchor{"annex"});
    d.add(Heading{2, "Annex: Norfolk", ""});
    d.add(table());
    d.add(Figure{chart("Robbery, Norfolk", 36)});
    d.add(Figure{chart("Burglary, Norfolk", 36)});
    d.add(Spacer{18});
    return d;
}

}  // namespace

TEST(HtmlDocument, IsAStandaloneAccessibleFileWithItsMetadata) {
    std::string html = render_html_document(sample());
    EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en-GB\">", 0), 0u);
    EXPECT_TRUE(has(html, "<meta charset=\"utf-8\">"));
    EXPECT_TRUE(has(html, "<title>Performance report</title>"));
    EXPECT_TRUE(has(html, "<meta name=\"author\" content=\"Norfolk Police and Crime Panel\">"));
    EXPECT_TRUE(has(html, "<meta name=\"description\" content=\"Priorities 1 and 2\">"));
    EXPECT_TRUE(has(html, "<meta name=\"dcterms.created\" content=\"2020-02-04\">"));
    EXPECT_TRUE(html.ends_with("</html>\n"));
    // Nothing from outside the file, no script.
    EXPECT_FALSE(has(html, "<script"));
    EXPECT_FALSE(has(html, "<link"));
    EXPECT_FALSE(has(html, "src="));
    EXPECT_FALSE(has(html, "url("));
    EXPECT_EQ(count(html, "<main>"), 1u);
}

TEST(HtmlDocument, PrintsLikeThePdf) {
    std::string html = render_html_document(sample());
    EXPECT_TRUE(has(html, "@page { size: A4; margin: 20mm; }"));
    EXPECT_TRUE(has(html, "@media print"));
    EXPECT_TRUE(has(html, "break-after: avoid"));
    EXPECT_TRUE(has(html, "thead { display: table-header-group; }"));
    EXPECT_TRUE(has(html, "tr { break-inside: avoid; page-break-inside: avoid; }"));
    EXPECT_TRUE(has(html, "@top-left { content: \"Police and Crime Panel, 4 February 2020\""));
    EXPECT_TRUE(has(html, "@bottom-left { content: \"Performance monitoring report\""));
    EXPECT_TRUE(has(html, "counter(page) \" of \" counter(pages)"));
    // The page break goes on the block after it (here the anchor's heading).
    EXPECT_TRUE(has(html, "<h2 id=\"annex\" class=\"page-break\">Annex: Norfolk</h2>"));
    EXPECT_TRUE(has(html, ".page-break { break-before: page; page-break-before: always; }"));
    // On screen the header and footer are lines of the page.
    EXPECT_TRUE(has(
        html, "<header class=\"running-header\">Police and Crime Panel, 4 February 2020</header>"));
}

TEST(HtmlDocument, RunsAreBoldLinksAndPageReferences) {
    std::string html = render_html_document(sample());
    EXPECT_TRUE(has(html,
                    "<p>The Panel <strong>NOTED</strong> the report; see <a href=\"#annex\">the "
                    "annex</a> and <a href=\"https://www.police.uk/\">police.uk</a>.</p>"));
    EXPECT_EQ(count(html, "id=\"annex\""), 1u);
}

TEST(HtmlDocument, ListsNestByDepthAndShowTheirLabels) {
    std::string html = render_html_document(sample());
    EXPECT_TRUE(has(html,
                    "<ol>\n<li>First<ol>\n<li>First, a</li>\n<li>First, b<p>More about first, "
                    "b</p>\n</li>\n</ol>\n</li>\n<li>Second</li>\n</ol>\n"))
        << html;
    EXPECT_TRUE(has(html,
                    "<ul>\n<li class=\"labelled\"><span class=\"list-label\">6.1</span> "
                    "Resolved</li>\n</ul>"));
}

TEST(HtmlDocument, ADeepListClosesEveryLevel) {
    Document d;
    d.add(List{false,
               {{{plain("a")}, "", 0, false},
                {{plain("b")}, "", 1, false},
                {{plain("c")}, "", 5, false},  // at most one deeper than the item before
                {{plain("d")}, "", 0, false}}});
    std::string html = render_html_document(d);
    EXPECT_TRUE(has(html,
                    "<ul>\n<li>a<ul>\n<li>b<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</"
                    "li>\n</ul>\n"))
        << html;
    EXPECT_EQ(count(html, "<ul"), count(html, "</ul>"));
    EXPECT_EQ(count(html, "<li"), count(html, "</li>"));
}

TEST(HtmlDocument, TablesHaveAHeadAreLabelledByTheirHeadingAndCarryTheirNotes) {
    std::string html = render_html_document(sample());
    EXPECT_TRUE(has(html, "<table aria-labelledby=\"annex\">"));
    EXPECT_TRUE(has(html, "<colgroup><col style=\"width: 50.0%\"><col style=\"width: 25.0%\">"));
    EXPECT_TRUE(has(html,
                    "<thead>\n<tr><th scope=\"col\">Indicator</th><th scope=\"col\" "
                    "class=\"num\">Crimes</th><th scope=\"col\" class=\"num\">Change</th></tr>\n"
                    "</thead>"));
    EXPECT_TRUE(has(html,
                    "<tr><td><strong>Total</strong></td><td class=\"num\">2,001</td><td "
                    "class=\"num\">n/a</td></tr>"));
    EXPECT_TRUE(has(html,
                    "</table>\n<div class=\"table-notes\">\n<p>1. Recorded crime from "
                    "police.uk.</p>\n<p>2. Change on the year before.</p>\n</div>"));
}

TEST(HtmlDocument, KeyValuesAreADescriptionList) {
    std::string html = render_html_document(sample());
    EXPECT_TRUE(has(html,
                    "<dl class=\"key-values bold-keys\" style=\"--key-width: 25.0%\">\n"
                    "<div><dt>Date:</dt><dd>4 February 2020</dd></div>\n"
                    "<div><dt>Venue:</dt><dd>County Hall</dd></div>\n</dl>"));
}

TEST(HtmlDocument, ChartsAreInlineSvgInAFigureWithUniqueIds) {
    std::string html = render_html_document(sample());
    EXPECT_EQ(count(html, "<figure class=\"chart\">\n<svg "), 2u);
    EXPECT_TRUE(has(html, "<figcaption>Robbery, Norfolk</figcaption>\n</figure>"));
    EXPECT_TRUE(has(html, "<figcaption>Burglary, Norfolk</figcaption>\n</figure>"));
    EXPECT_TRUE(has(html, "aria-labelledby=\"figure_1-title figure_1-desc\""));
    EXPECT_TRUE(has(html, "<title id=\"figure_2-title\">Burglary, Norfolk</title>"));
    EXPECT_TRUE(has(html, "<desc id=\"figure_2-desc\">"));
    EXPECT_FALSE(has(html, "\"chart-title\""));
    EXPECT_FALSE(has(html, "\"chart-desc\""));
}

TEST(HtmlDocument, EveryTextIsEscaped) {
    const std::string evil = "<script>alert(\"x\")</script> & 'q'";
    const std::string escaped =
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
    Document d;
    d.title = evil;
    d.author = evil;
    d.subject = evil;
    d.header = "</style><script>alert(1)</script>\"\\";
    d.footer = evil;
    d.add(Heading{2, evil, ""});
    d.add(
        Paragraph{{plain(evil), bold(evil), hyperlink(evil, "https://x/?a=\"><script>"),
                   hyperlink("bad", "javascript:alert(1)"), page_number_of("\"><script>", evil)}});
    d.add(List{false, {{{plain(evil)}, evil, 0, false}}});
    Table t;
    t.header = {{plain(evil)}};
    t.rows = {{{plain(evil)}}};
    t.notes = {evil};
    d.add(t);
    d.add(KeyValues{{{evil, {plain(evil)}}}, 0.2, false});
    LineChart c = chart(evil, 3);
    c.description = evil;
    c.value_label = evil;
    d.add(Figure{c});
    d.add(Anchor{"\"><script>"});
    std::string html = render_html_document(d);
    EXPECT_FALSE(has(html, "<script")) << html;
    EXPECT_FALSE(has(html, "javascript:"));
    EXPECT_TRUE(has(html, "<a href=\"https://x/?a=&quot;&gt;&lt;script&gt;\">"));
    // The header is a CSS string inside <style>: '<', '"' and '\' as CSS escapes.
    EXPECT_TRUE(has(html, "@top-left { content: \"\\3c /style\\3e \\3c script\\3e "));
    EXPECT_EQ(count(html, "</style>"), 1u);
    EXPECT_GE(count(html, escaped), 12u);
}

TEST(HtmlDocument, AnAnchorWithNothingAfterItStillHasItsId) {
    Document d;
    d.add(Anchor{"a"});
    d.add(Anchor{"b"});
    d.add(Paragraph{{plain("Text")}});
    d.add(Anchor{"end"});
    std::string html = render_html_document(d);
    EXPECT_TRUE(has(html, "<div id=\"a\"></div>\n<p id=\"b\">Text</p>\n<div id=\"end\"></div>"));
}

TEST(HtmlDocument, TheSameDocumentGivesTheSameText) {
    EXPECT_EQ(render_html_document(sample()), render_html_document(sample()));
}

// Issue #6: the full Norfolk report pack (the force and 7 districts, with charts) as HTML in at
// most 200 ms. This pack is that size: per area, 12 indicators, each a table of 13 months and a
// 36-month chart, with narrative between; the bound here leaves room for sanitizer builds.
TEST(HtmlDocument, ANorfolkSizedReportPackIsQuick) {
    Document d;
    d.title = "Performance monitoring report";
    d.header = "Police and Crime Panel";
    d.footer = "Performance monitoring report";
    for (int area = 0; area < 8; ++area) {
        d.add(PageBreak{});
        d.add(Heading{2, fmt::format("Area {}", area), ""});
        for (int indicator = 0; indicator < 12; ++indicator) {
            d.add(Heading{3, fmt::format("Indicator {}", indicator), ""});
            d.add(Paragraph{{plain(std::string(600, 'x'))}});
            Table t;
            t.header = {{plain("Month")}, {plain("Crimes")}, {plain("LTA")}, {plain("Change")}};
            for (int m = 0; m < 13; ++m) {
                t.rows.push_back({{plain(fmt::format("2019-{:02}", m % 12 + 1))},
                                  {plain(fmt::format("{}", 1000 + m))},
                                  {plain("1,020")},
                                  {plain("+1.2%")}});
                t.numbers.push_back({std::nullopt, 1000.0 + m, 1020.0, 1.2});
            }
            t.notes = {"1. Recorded crime.", "2. Long-term average."};
            d.add(t);
            d.add(Figure{chart(fmt::format("Indicator {}, area {}", indicator, area), 36)});
        }
    }
    auto start = std::chrono::steady_clock::now();
    std::string html = render_html_document(d);
    auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("HTML report pack: %zu bytes, 96 tables and 96 charts in %.1f ms\n", html.size(),
                ms);
    EXPECT_EQ(count(html, "<figure"), 96u);
    EXPECT_EQ(count(html, "<thead>"), 96u);
    EXPECT_LT(ms, 1000);
}
