// The formats every report is published in, and the one place that picks the writer for each:
// HTML (with a print stylesheet), PDF, DOCX (for officers to edit) and XLSX (its tables).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "scrutineer/document.hpp"

namespace scrutineer::report {

enum class ReportFormat { html, pdf, docx, xlsx };

std::optional<ReportFormat> parse_report_format(std::string_view text);  // "html", "pdf", ...
const char* extension(ReportFormat f);     // "html", "pdf", "docx", "xlsx"
const char* content_type(ReportFormat f);  // "application/pdf", ...

// The document's bytes in the format.
std::string render(const doc::Document& document, ReportFormat format);

}  // namespace scrutineer::report
