#include "scrutineer/meeting_document_pages.hpp"

#include <fmt/format.h>

#include "scrutineer/performance_report.hpp"
#include "scrutineer/report_formats.hpp"
#include "scrutineer/report_kinds.hpp"

namespace scrutineer::web {

std::optional<Response> meeting_document_pages(Site& site, const Request& req) {
    if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
    auto seg = path_segments(req.path);
    if (seg.size() != 3 || seg[0] != "meetings") return std::nullopt;
    size_t dot = seg[2].rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    // The file is named after the kind ("minutes.pdf"), except the performance report's and
    // the complaints report's, named as their pages are.
    std::string kind = seg[2].substr(0, dot);
    if (kind == "performance" || kind == "complaints") return std::nullopt;
    if (kind == "performance-report") kind = "performance";
    if (kind == "complaints-report") kind = "complaints";
    auto format = report::parse_report_format(seg[2].substr(dot + 1));
    if (!format || !report::made_for_a_meeting(kind)) return std::nullopt;
    auto id = parse_id(seg[1]);
    if (!id) return std::nullopt;

    report::ReportRequest request{kind, site.role(), *id, std::nullopt, nullptr};
    std::shared_ptr<const Dataset> data;
    if (report::needs_indicator_data(request.kind)) {
        data = site.indicator_data();
        request.data = data.get();
    }
    report::MadeReport made;
    try {
        auto db = site.database();
        made = report::make_report(*db, request);
    } catch (const report::ReportUnavailable& e) {
        return site.not_found(req, e.what());
    }
    return document_response(made, *format);
}

Response document_response(const report::MadeReport& made, report::ReportFormat format) {
    Response r;
    if (format == report::ReportFormat::html)
        // The standalone HTML carries its stylesheet (and style attributes) inside; it has no
        // script, and may load nothing.
        r.headers.emplace_back("Content-Security-Policy",
                               "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    r.content_type = report::content_type(format);
    r.body = report::render(made.document, format);
    bool inline_view = format == report::ReportFormat::pdf || format == report::ReportFormat::html;
    r.headers.emplace_back(
        "Content-Disposition",
        fmt::format("{}; filename=\"{}.{}\"", inline_view ? "inline" : "attachment", made.file_stem,
                    report::extension(format)));
    return r;
}

}  // namespace scrutineer::web
