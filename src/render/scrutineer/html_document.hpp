// A document (document.hpp) as one standalone, accessible HTML5 file: lang="en-GB", a <title>,
// the title, author, subject and creation date as <meta>, and its own embedded stylesheet (no
// external assets, no JavaScript), readable on screen and printing like the PDF: A4 pages with
// 20 mm margins, the running header and footer with "Page N of M" in the page margins (CSS paged
// media margin boxes: Chromium 131 and later, WeasyPrint, Prince; other browsers print their own
// header and footer), page breaks where the document has them, headings kept with what follows,
// table headers repeated on every printed page and table rows not split.
//
// Headings are h1..h3; tables have <thead>, are labelled by the heading before them, right-align
// their numeric columns and carry their notes under them; lists nest by depth and show their
// labels; key-value blocks are description lists; charts are inline SVG (svg_chart.hpp) in a
// <figure> with a <figcaption>; anchors are element ids, and a page reference (Run::page_of),
// which has no page number in HTML, is a link to its anchor. All text is escaped.
//
// What it does not get: page numbers in the text (page references are links instead), a
// heading's separate outline entry, and exact page layout (the browser lays out the pages).
// Links are kept only for http:, https:, mailto: and tel: URLs and in-page "#id" references;
// any other URL (javascript: and the like) leaves its text unlinked.
#pragma once

#include <string>

#include "scrutineer/document.hpp"

namespace scrutineer {

// The HTML file's text (UTF-8). The same document gives the same text.
std::string render_html_document(const doc::Document& document);

}  // namespace scrutineer
