// A document (document.hpp) as a Word file (Office Open XML WordprocessingML, .docx) that an
// officer opens and edits in Word or LibreOffice. No Debian package writes DOCX from C++, so the
// XML parts are written by hand (docx_writer.cpp) and zipped in memory with libzip.
//
// What the file gets: A4 pages with 20 mm margins; real styles (Normal in Arial 11 pt, Title,
// Heading 1-3 with outline levels, so they show in the navigation pane and a table of contents,
// Hyperlink, Footnote Text for table notes, a bordered table style); headings kept with the next
// paragraph; bold runs; links as external hyperlinks; bulleted and numbered lists through the
// numbering part, nested by depth, each numbered list counting from 1; items with their own label
// ("6.1") as label, tab and hanging indent; tables with their column widths, the header row bold
// and repeated on every page, rows never split between pages, the notes under them; key-value
// blocks as tables without borders; charts as PNG pictures with the chart's title and description
// as their alternative text; anchors as bookmarks and page references as PAGEREF fields (the file
// asks Word and LibreOffice to update fields on opening); the running header, and the footer's
// text with "Page N of M" (PAGE and NUMPAGES fields); title, subject, creator and creation date
// in the document properties.
//
// What it does not get: no table of contents, no embedded fonts (Arial or the reader's
// substitute), no theme part, no comments or tracked changes; the heading's `outline` text is
// not used (Word's navigation pane shows the heading itself). See docs/docx.md.
#pragma once

#include <string>

#include "scrutineer/document.hpp"

namespace scrutineer {

// The .docx file's bytes. The same document gives the same bytes (the zip entries are dated from
// Document::created, or 1 January 1980 without it, never from the clock). Text that is not valid
// UTF-8 is repaired and characters XML does not allow are left out. Throws std::runtime_error
// naming the failure (libzip's message, a creation date that is not a date).
std::string render_docx(const doc::Document& document);

}  // namespace scrutineer
