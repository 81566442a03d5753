#include "scrutineer/bulletin_text.hpp"

#include <fmt/format.h>

namespace scrutineer {
namespace {

std::string period_text(const Period& p) {
    if (!p.after) return "up to and including " + long_name(p.up_to);
    return fmt::format("after {} up to and including {}", long_name(*p.after), long_name(p.up_to));
}

// Each line of `text` indented.
std::string indented(const std::string& text, const std::string& indent) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += indent + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

void forum_section(std::string& out, const ForumSection& s, const char* letter) {
    out += fmt::format("\n{}) {} meetings\n", letter, label(s.forum));
    if (s.meetings.empty()) {
        if (!s.last_meeting) {
            out += fmt::format("No meetings of the {} are recorded.\n", label(s.forum));
        } else {
            out +=
                fmt::format("The {} has not met since the Panel's last meeting. It last met on {}",
                            label(s.forum), long_name(s.last_meeting->held_on));
            out += s.reported_at
                       ? fmt::format(
                             ", and items discussed were reported to the Panel "
                             "at its {} meeting.\n",
                             long_name(*s.reported_at))
                       : "; its items were reported to an earlier meeting of the Panel.\n";
        }
        return;
    }
    for (const auto& m : s.meetings) {
        out += fmt::format("\n  Date: {}\n", long_name(m.held_on));
        for (bool private_agenda : {false, true}) {
            bool heading = false;
            for (const auto& item : m.items) {
                if (item.private_agenda != private_agenda) continue;
                if (!heading) out += private_agenda ? "  Private agenda\n" : "  Public agenda\n";
                heading = true;
                out += fmt::format("    {}\n", item.title);
                if (private_agenda) {
                    out += item.report_from.empty()
                               ? "      Not published.\n"
                               : fmt::format("      Report from {}, not published.\n",
                                             item.report_from);
                    if (!item.summary.empty())
                        out += "      [Private]\n" + indented(item.summary, "      ");
                } else {
                    out += indented(item.summary, "      ");
                }
            }
        }
        if (!m.notes.empty()) out += indented(m.notes, "  ");
    }
}

}  // namespace

std::string bulletin_text(const InformationBulletin& b, const std::string& panel_name,
                          const Meeting& meeting, const std::optional<Meeting>& previous) {
    std::string out = "Information bulletin – questions arising to the PCC\n";
    out += fmt::format("{}, {}\n", panel_name, long_name(meeting.date));
    out += fmt::format("Decisions, news and inspection responses: {}\n", period_text(b.period));
    out += fmt::format("Out-of-county activity and meetings: {}\n", period_text(b.activity_period));

    out += fmt::format("\na) Decisions taken\nDecisions made by the PCC, up until {}.\n",
                       long_name(b.period.up_to));
    if (b.decisions.empty()) out += "No decisions are recorded for the period.\n";
    std::string category;
    for (const auto& d : b.decisions) {
        if (d.category != category) {
            category = d.category;
            out += fmt::format("\n  {}\n", category);
        }
        out += fmt::format("    {}\n    {}Decision {}\n", d.title,
                           d.confidential ? "Confidential " : "", to_string(d.number));
        if (d.confidential && d.summary.empty())
            out += "      A confidential decision: only its title is published.\n";
        else
            out += (d.confidential ? "      [Confidential]\n" : "") + indented(d.summary, "      ");
    }

    out += fmt::format("\nb) Items of news\nItems of news published up until {}.\n",
                       long_name(b.period.up_to));
    if (b.news.empty()) out += "No items of news are recorded for the period.\n";
    for (const auto& n : b.news)
        out += fmt::format("  {}: {}\n{}", long_name(n.published_on), n.title,
                           indented(n.summary, "    "));

    forum_section(out, b.forums.at(0), "c");
    forum_section(out, b.forums.at(1), "d");

    out += previous ? fmt::format("\ne) Other out-of-county activity between {} and {}\n",
                                  long_name(previous->date), long_name(meeting.date))
                    : fmt::format("\ne) Other out-of-county activity up to {}\n",
                                  long_name(meeting.date));
    if (b.activities.empty()) out += "No out-of-county activity is recorded for the period.\n";
    for (const auto& a : b.activities)
        out += fmt::format("  {}: {}\n", long_name(a.date), a.activity);

    forum_section(out, b.forums.at(2), "f");

    out += "\ng) PCC response to inspections of the force published by HMICFRS\n";
    if (b.responses.empty()) out += "No responses were completed in the period.\n";
    for (const auto& i : b.responses)
        out += fmt::format(
            "  The PCC has published a formal response to the HMICFRS inspection \"{}\" ({}), "
            "published on {}.\n",
            i.title, label(i.type), long_name(i.published_on));
    for (const auto& [i, state] : b.awaited)
        out +=
            fmt::format("  Not yet complete: \"{}\", published on {}, due by {}: {}{}.\n", i.title,
                        long_name(i.published_on), long_name(state.due), label(state.status),
                        state.status == ResponseStatus::overdue
                            ? fmt::format(" by {} days", state.days_overdue)
                            : fmt::format(", {} days left", state.days_left));
    return out;
}

}  // namespace scrutineer
