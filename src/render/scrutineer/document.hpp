// A plain document model for everything scrutineer publishes (the agenda pack and minutes, the
// performance monitoring report, the bulletin, the ASB letters and figures): a title, a running
// header and footer, and a sequence of blocks — headings, paragraphs of plain and bold text,
// lists, tables, key-value blocks, charts, anchors, page breaks and spacers. It says what the
// document is, not where things go on a page: one writer per format lays it out (pdf_writer.hpp,
// html_document.hpp, docx_writer.hpp; xlsx_writer.hpp takes its tables). No I/O.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "scrutineer/svg_chart.hpp"

namespace scrutineer::doc {

// A stretch of text in one style. '\n' starts a new line within the block.
struct Run {
    std::string text;  // UTF-8
    bool bold = false;
    std::string link;  // a URL ("https://...", "mailto:...") the text links to; empty: none
    // The id of an Anchor whose page number this run shows (an agenda's "(Page 5)"): formats
    // with pages (PDF, DOCX) print that page number in place of `text`; HTML, which has no
    // pages, prints `text` as a link to the anchor. Empty: an ordinary run.
    std::string page_of;
};

// Text in runs: "The Panel " + bold "NOTED" + " the report."
using Text = std::vector<Run>;

inline Run plain(std::string text) {
    return Run{std::move(text), false, {}, {}};
}
inline Run bold(std::string text) {
    return Run{std::move(text), true, {}, {}};
}
// (Not "link": with `using namespace doc`, POSIX link(2) would win the call.)
inline Run hyperlink(std::string text, std::string url) {
    return Run{std::move(text), false, std::move(url), {}};
}
// The page number of `anchor` (see Run::page_of); `fallback` is what HTML shows instead.
inline Run page_number_of(std::string anchor, std::string fallback) {
    return Run{std::move(fallback), false, {}, std::move(anchor)};
}

// The text of the runs without their styles.
std::string text_of(const Text& text);

// A heading, level 1 (the document's title on the page) to 3; every heading is an entry in the
// PDF's outline (its bookmarks), under the last heading of a higher level, and stays on the
// same page as the start of the block after it.
struct Heading {
    int level = 1;
    std::string text;
    std::string outline;  // the outline entry when it should differ ("Agenda" for "A g e n d a")
};

struct Paragraph {
    Text text;
};

// One entry of a list. `label` replaces the list's own marker ("6.1" in minutes); `depth` nests
// it under the item before (0 at the top); a `continuation` is a further paragraph of the item
// before, at its depth, with no marker.
struct ListItem {
    Text text;
    std::string label;
    int depth = 0;
    bool continuation = false;
};

// Bullets ("•") or numbers ("1.", "2.", ... counted per depth), unless items bring labels.
struct List {
    bool numbered = false;
    std::vector<ListItem> items;
};

// A table with a header row, repeated at the top of every page the table continues on. Column
// widths are fractions of the text width (they are scaled to add up to 1; empty: equal).
//
// For spreadsheets (xlsx_writer.hpp) a cell may also carry its number: `numbers[r][c]` is the
// unrounded value behind the display text `rows[r][c]` ("1,542", "82.6%"), written to the sheet
// as a number with the column's Excel format `number_formats[c]` ("#,##0", "0.0", "0.0\"%\"");
// a cell without a number (or beyond the end of `numbers`) is written as its text.
// `notes` are the table's footnotes, printed under it in every format.
struct Table {
    std::vector<double> widths;
    std::vector<Text> header;
    std::vector<std::vector<Text>> rows;
    std::vector<std::vector<std::optional<double>>> numbers;
    std::vector<std::string> number_formats;
    std::vector<std::vector<std::string>> cell_formats;  // per cell, where not empty: overrides
                                                         // number_formats[c] ("0.0\"p.p.\"")
    std::vector<std::string> notes;
    // The spreadsheet sheet this table goes on ("Norwich"); tables naming the same sheet share
    // it, one under another. Empty: the text of the nearest heading before the table.
    std::string sheet;
};

// Labels and values side by side ("Date:" 4 February 2020; a name and the body represented).
struct KeyValues {
    std::vector<std::pair<std::string, Text>> rows;
    double key_width = 0.2;  // the labels' column, as a fraction of the text width
    bool bold_keys = false;
};

// A chart: vector graphics in PDF, inline SVG in HTML, a picture in DOCX. Its title and
// description are its alternative text; the document should give its data in a table too
// (GOV.UK's rule, and the only way a chart's numbers reach a spreadsheet).
struct Figure {
    LineChart chart;
};

// A named place in the document (where a paper starts in an agenda pack) that page references
// (Run::page_of) and links point at: a PDF destination, a DOCX bookmark, an HTML id. Ids are
// letters, digits and '-' and unique in the document.
struct Anchor {
    std::string id;
};

struct PageBreak {};

struct Spacer {
    double points = 12;  // vertical space (1/72 inch)
};

using Block =
    std::variant<Heading, Paragraph, List, Table, KeyValues, Figure, Anchor, PageBreak, Spacer>;

struct Document {
    std::string title;  // the PDF's title (shown by viewers instead of the file name)
    std::string author = "scrutineer";
    std::string subject;
    std::string header;  // the running header at the top of every page; empty: none
    std::string footer;  // the footer's left side; "Page N of M" is on its right
    // The creation date written into the PDF, "YYYY-MM-DD" or ISO 8601 "YYYY-MM-DDThh:mm:ssZ";
    // chosen by the caller (a meeting's date, say) so that the same data gives the same bytes.
    // Empty: none is written.
    std::string created;
    std::vector<Block> blocks;

    Document& add(Block block) {
        blocks.push_back(std::move(block));
        return *this;
    }
};

}  // namespace scrutineer::doc
