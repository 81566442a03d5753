#include "scrutineer/meeting_document_pages.hpp"

#include <fmt/format.h>

#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/report_formats.hpp"

namespace scrutineer::web {

std::optional<Response> meeting_document_pages(Site& site, const Request& req) {
    if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
    auto seg = path_segments(req.path);
    if (seg.size() != 3 || seg[0] != "meetings") return std::nullopt;
    size_t dot = seg[2].rfind('.');
    if (dot == std::string::npos) return std::nullopt;
    std::string kind = seg[2].substr(0, dot);
    auto format = report::parse_report_format(seg[2].substr(dot + 1));
    if (!format || (kind != "agenda" && kind != "minutes" && kind != "performance-report"))
        return std::nullopt;
    auto id = parse_id(seg[1]);
    if (!id) return std::nullopt;

    doc::Document document;
    std::string stem;
    if (kind == "performance-report") {
        auto data = site.indicator_data();
        try {
            auto db = site.database();
            auto r = report::load_performance_report(*db, *data, *id, site.role());
            document = report::performance_report_document(r);
            stem = report::performance_report_file_stem(r);
        } catch (const report::ReportUnavailable& e) {
            return site.not_found(req, e.what());
        }
    } else {
        std::optional<report::MeetingPapers> papers;
        {
            auto db = site.database();
            papers = report::load_meeting_papers(*db, *id, site.role());
        }
        if (!papers) return site.not_found(req, fmt::format("There is no meeting {}.", *id));
        bool minutes = kind == "minutes";
        document = minutes ? report::minutes_document(*papers) : report::agenda_document(*papers);
        stem = minutes ? report::minutes_file_stem(papers->meeting)
                       : report::agenda_file_stem(papers->meeting);
    }
    Response r;
    if (*format == report::ReportFormat::html)
        // The standalone HTML carries its stylesheet (and style attributes) inside; it has no
        // script, and may load nothing.
        r.headers.emplace_back("Content-Security-Policy",
                               "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    r.content_type = report::content_type(*format);
    r.body = report::render(document, *format);
    bool inline_view =
        *format == report::ReportFormat::pdf || *format == report::ReportFormat::html;
    r.headers.emplace_back("Content-Disposition", fmt::format("{}; filename=\"{}.{}\"",
                                                              inline_view ? "inline" : "attachment",
                                                              stem, report::extension(*format)));
    return r;
}

}  // namespace scrutineer::web
