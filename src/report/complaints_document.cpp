#include "scrutineer/complaints_document.hpp"

#include <fmt/format.h>

#include "scrutineer/accountability_store.hpp"

namespace scrutineer::report {
namespace {

using doc::bold;
using doc::plain;

std::string period_text(const Period& p) {
    if (!p.after) return "up to and including " + long_name(p.up_to);
    return fmt::format("after {} up to and including {}", long_name(*p.after), long_name(p.up_to));
}

// Complaint | Dated | Summary and outcome | Status: the complaint's number as a number.
doc::Table complaints_table(const std::vector<ComplaintLine>& lines, const std::string& sheet) {
    doc::Table t;
    t.sheet = sheet;
    t.widths = {0.15, 0.17, 0.53, 0.15};
    t.header = {{plain("Complaint")}, {plain("Dated")}, {plain("Summary")}, {plain("Status")}};
    t.number_formats = {"0", "", "", ""};
    for (const auto& l : lines) {
        const PccComplaint& c = l.complaint;
        doc::Text summary{plain(c.summary)};
        if (!c.outcome.empty())
            summary.push_back(plain((c.summary.empty() ? "" : "\n") + c.outcome));
        t.rows.push_back({{plain(std::to_string(c.number))},
                          {plain(long_name(c.dated))},
                          summary,
                          {plain(label(l.status_on_cut_off))}});
        t.numbers.push_back({static_cast<double>(c.number)});
    }
    return t;
}

std::string requests_sentence(const FoiSummary& s) {
    if (s.count == 0) return "no FOI requests have been received";
    if (s.count == 1) return "1 FOI request has been received";
    return fmt::format("{} FOI requests have been received", s.count);
}

std::string themes_text(const FoiSummary& s) {
    std::string out;
    for (const auto& t : s.themes) out += (out.empty() ? "" : "\n") + t;
    return out;
}

}  // namespace

LoadedComplaintsReport load_complaints_report(store::Database& db, int64_t meeting_id,
                                              Role viewer) {
    LoadedComplaintsReport l;
    l.pcp = load_pcp_meeting(db, meeting_id, viewer, "a complaints monitoring report");
    l.previous = previous_report_meeting(l.pcp.all, l.pcp.meeting);
    l.report = complaints_report(l.pcp.meeting, l.previous, store::load_complaints(db),
                                 store::load_foi_requests(db));
    return l;
}

std::string complaints_file_stem(const Meeting& meeting) {
    return "complaints-report-" + to_string(meeting.date);
}

doc::Document complaints_document(const LoadedComplaintsReport& l) {
    const ComplaintsReport& r = l.report;
    const Meeting& m = l.pcp.meeting;
    doc::Document d;
    d.title = "Complaints monitoring report: " + l.pcp.panel.name + ", " + long_name(m.date);
    d.subject = fmt::format("The complaints monitoring report for the meeting of the {} on {}",
                            l.pcp.panel.name, long_name(m.date));
    d.header = l.pcp.panel.name;
    d.footer = "Complaints monitoring report, " + long_name(m.date);
    d.created = to_string(cut_off(m));

    d.add(doc::Heading{1, "Complaints monitoring report", {}});
    d.add(doc::Paragraph{{bold(l.pcp.panel.name + ", " + long_name(m.date))}});
    d.add(doc::Paragraph{
        {plain("Monitoring information from the PCC's Chief Executive and the County Council's "
               "Head of Democratic Services about complaints relating to the conduct of the "
               "Police and Crime Commissioner (PCC), and Freedom of Information (FOI) "
               "requests.")}});
    if (!has_complaints_report(m))
        d.add(
            doc::Paragraph{{plain("This meeting's agenda does not list a complaints monitoring "
                                  "report; this is what one would contain.")}});
    doc::KeyValues about;
    about.key_width = 0.25;
    about.rows = {{"Period", {plain(period_text(r.period))}},
                  {"Previous report",
                   {plain(l.previous ? long_name(l.previous->date)
                                     : "None recorded: the report covers everything up to the "
                                       "end of its period")}}};
    d.add(about);

    d.add(doc::Heading{2, "Ongoing complaints relating to the PCC", {}});
    d.add(
        doc::Paragraph{{plain("Complaints ongoing at the end of the period, and those "
                              "completed in it (all other complaints have previously been "
                              "reported to the Panel as being completed).")}});
    if (r.pcc_complaints.empty())
        d.add(doc::Paragraph{{plain("No complaints relating to the PCC to report.")}});
    else
        d.add(complaints_table(r.pcc_complaints, "Complaints about the PCC"));

    std::string since = l.previous ? "Since the Panel's last monitoring report" : "In the period";
    d.add(doc::Heading{2, "OPCCN Freedom of Information requests", {}});
    d.add(doc::Paragraph{
        {plain(since + ", " + requests_sentence(r.opccn_foi) + "." +
               (r.opccn_foi.count ? " The main themes of the FOI requests are:" : ""))}});
    if (!r.opccn_foi.themes.empty()) {
        doc::List themes;
        for (const auto& t : r.opccn_foi.themes) themes.items.push_back({{plain(t)}, "", 0, false});
        d.add(themes);
    }

    d.add(doc::Heading{2, "Complaints and FOI requests relating to the Panel", {}});
    if (!r.panel_complaints.empty())
        d.add(complaints_table(r.panel_complaints, "Complaints about the Panel"));
    d.add(doc::Paragraph{
        {plain((r.panel_complaints.empty()
                    ? "No complaints relating to the Panel have been received during the "
                      "reporting period"
                    : "Complaints relating to the Panel are listed above") +
               std::string(r.panel_foi.count == 0   ? ", and no FOI requests have been received."
                           : r.panel_foi.count == 1 ? ", and one FOI request has been received:"
                                                    : ", and " + std::to_string(r.panel_foi.count) +
                                                          " FOI requests have been received:"))}});
    if (!r.panel_foi.themes.empty()) {
        doc::List themes;
        for (const auto& t : r.panel_foi.themes) themes.items.push_back({{plain(t)}, "", 0, false});
        d.add(themes);
    }

    // The counts in one table, for a spreadsheet.
    doc::Table counts;
    counts.sheet = "FOI requests";
    counts.widths = {0.3, 0.15, 0.55};
    counts.header = {{plain("Received by")}, {plain("Requests")}, {plain("Main themes")}};
    counts.number_formats = {"", "0", ""};
    for (const auto& [who, s] : {std::pair<const char*, const FoiSummary*>{"OPCCN", &r.opccn_foi},
                                 {"The Panel", &r.panel_foi}}) {
        counts.rows.push_back(
            {{plain(who)}, {plain(std::to_string(s->count))}, {plain(themes_text(*s))}});
        counts.numbers.push_back({std::nullopt, static_cast<double>(s->count)});
    }
    d.add(doc::Heading{2, "Freedom of Information requests in the period", {}});
    d.add(counts);
    return d;
}

}  // namespace scrutineer::report
