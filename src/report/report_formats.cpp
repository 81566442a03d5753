#include "scrutineer/report_formats.hpp"

#include "scrutineer/docx_writer.hpp"
#include "scrutineer/html_document.hpp"
#include "scrutineer/pdf_writer.hpp"
#include "scrutineer/xlsx_writer.hpp"

namespace scrutineer::report {

std::optional<ReportFormat> parse_report_format(std::string_view text) {
    if (text == "html") return ReportFormat::html;
    if (text == "pdf") return ReportFormat::pdf;
    if (text == "docx") return ReportFormat::docx;
    if (text == "xlsx") return ReportFormat::xlsx;
    return std::nullopt;
}

const char* extension(ReportFormat f) {
    switch (f) {
        case ReportFormat::html:
            return "html";
        case ReportFormat::pdf:
            return "pdf";
        case ReportFormat::docx:
            return "docx";
        case ReportFormat::xlsx:
            return "xlsx";
    }
    return "";
}

const char* content_type(ReportFormat f) {
    switch (f) {
        case ReportFormat::html:
            return "text/html; charset=utf-8";
        case ReportFormat::pdf:
            return "application/pdf";
        case ReportFormat::docx:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        case ReportFormat::xlsx:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return "application/octet-stream";
}

std::string render(const doc::Document& document, ReportFormat format) {
    switch (format) {
        case ReportFormat::html:
            return render_html_document(document);
        case ReportFormat::pdf:
            return render_pdf(document);
        case ReportFormat::docx:
            return render_docx(document);
        case ReportFormat::xlsx:
            return render_xlsx(document);
    }
    return {};
}

}  // namespace scrutineer::report
