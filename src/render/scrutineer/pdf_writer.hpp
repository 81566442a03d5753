// A document (document.hpp) as PDF, with cairo's PDF surface: A4 pages with margins, text
// wrapped by measuring it, tables split across pages with their header row repeated and their
// notes under them, headings kept with what follows them, charts drawn as vectors
// (chart_drawing.hpp) under their titles and never split, a running header and "Page N of M"
// footers, the outline (bookmarks) from the headings, the title, author and creation date in
// the document information, links where runs have URLs, anchors as named destinations and page
// references (Run::page_of) as the page number the anchor landed on, linked to it, and
// structure tags as far as cairo 1.16 writes them (docs/pdf.md says how far that is).
//
// What the PDF does not get: a table's numbers, number formats and sheet (for spreadsheets),
// a chart's description (cairo 1.16 writes no alternative text; the document gives the chart's
// numbers in a table), a document language, and artifact marking for headers and footers.
#pragma once

#include <map>
#include <string>

#include "scrutineer/document.hpp"

namespace scrutineer {

// The PDF's bytes. The same document gives the same bytes. Throws std::runtime_error when
// cairo fails (it names cairo's status), and, naming the anchor, when a page reference points
// at an anchor that is not in the document, an anchor is in it twice or an anchor's id is not
// letters, digits and '-'.
std::string render_pdf(const doc::Document& document);

// The page (counted from 1 in the whole PDF) that each anchor of the document lands on in
// render_pdf's PDF: the page numbers its page references print. Throws as render_pdf does.
std::map<std::string, int> pdf_anchor_pages(const doc::Document& document);

}  // namespace scrutineer
