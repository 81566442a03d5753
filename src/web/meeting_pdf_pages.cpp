#include "scrutineer/meeting_pdf_pages.hpp"

#include <fmt/format.h>

#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/pdf_writer.hpp"

namespace scrutineer::web {

std::optional<Response> meeting_pdf_pages(Site& site, const Request& req) {
    if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
    auto seg = path_segments(req.path);
    if (seg.size() != 3 || seg[0] != "meetings") return std::nullopt;
    bool minutes = seg[2] == "minutes.pdf";
    if (!minutes && seg[2] != "agenda.pdf") return std::nullopt;
    auto id = parse_id(seg[1]);
    if (!id) return std::nullopt;

    std::optional<MeetingPapers> papers;
    {
        auto db = site.database();
        papers = load_meeting_papers(*db, *id, site.role());
    }
    if (!papers) return site.not_found(req, fmt::format("There is no meeting {}.", *id));
    Response r;
    r.content_type = "application/pdf";
    r.body = render_pdf(minutes ? minutes_document(*papers) : agenda_document(*papers));
    std::string name =
        minutes ? minutes_file_name(papers->meeting) : agenda_file_name(papers->meeting);
    r.headers.emplace_back("Content-Disposition", "inline; filename=\"" + name + "\"");
    return r;
}

}  // namespace scrutineer::web
