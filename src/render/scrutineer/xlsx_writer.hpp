// A document's tables (document.hpp) as an Excel workbook, with libxlsxwriter: every doc::Table
// goes to a sheet — the one its `sheet` names, or else the sheet named after the nearest heading
// before it — and tables on the same sheet go one under another with a blank row between them.
// Per table: a bold title row (the nearest heading's text), the header row (bold, with a bottom
// border; frozen when it is the only table on its sheet), the rows — a cell with a number in
// Table::numbers is written as that unrounded number in the column's Excel number format
// (Table::number_formats), any other cell as its text — and the table's notes, one a row, under
// it. Columns are as wide as their longest text (capped). The workbook's title, author, subject
// and creation date come from the document.
//
// What it does not get: everything that is not a table (paragraphs, lists, key-value blocks,
// page breaks) and the charts (a chart's numbers are in the table the document gives beside it),
// the runs' bold and links within cells (a cell is plain text), and the running header and
// footer. A document with no tables gives one sheet saying so.
//
// Sheet names are made valid for Excel: at most 31 characters, none of []:*?/\ (each becomes
// '-'), no apostrophe at either end, unique ignoring case (a clash gets " (2)", " (3)", ...).
#pragma once

#include <string>

#include "scrutineer/document.hpp"

namespace scrutineer {

// The .xlsx file's bytes. The same document gives the same bytes (the creation date written is
// Document::created, or 2000-01-01 when that is empty). Throws std::runtime_error naming the
// failure: a bad Document::created, or libxlsxwriter's error (with the sheet and cell).
//
// I/O: libxlsxwriter 1.1.4 writes a workbook only to a named file, so this writes it to a fresh
// temporary file (mkstemp in $TMPDIR, else /tmp), reads it back and removes it, on error too.
std::string render_xlsx(const doc::Document& document);

// The name Excel will accept for a sheet asked to be called `wanted` (no uniqueness): the
// characters []:*?/\ become '-', control characters go, apostrophes at either end go, and the
// result is cut to 31 characters; "Sheet" if nothing is left.
std::string excel_sheet_name(const std::string& wanted);

}  // namespace scrutineer
