// A document (document.hpp) as PDF, with cairo's PDF surface: A4 pages with margins, text
// wrapped by measuring it, tables split across pages with their header row repeated, headings
// kept with what follows them, a running header and "Page N of M" footers, the outline
// (bookmarks) from the headings, the title, author and creation date in the document
// information, links where runs have URLs, and structure tags as far as cairo 1.16 writes them
// (docs/pdf.md says how far that is).
#pragma once

#include <string>

#include "scrutineer/document.hpp"

namespace scrutineer {

// The PDF's bytes. The same document gives the same bytes. Throws std::runtime_error when
// cairo fails (it names cairo's status).
std::string render_pdf(const doc::Document& document);

}  // namespace scrutineer
