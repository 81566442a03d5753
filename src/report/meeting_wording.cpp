#include "scrutineer/meeting_wording.hpp"

#include <fmt/format.h>

#include "scrutineer/matters_arising.hpp"

namespace scrutineer::report {

std::string restriction_mark(Visibility v) {
    switch (v) {
        case Visibility::public_item:
            return "";
        case Visibility::exempt:
            return " (exempt: not for publication)";
        case Visibility::confidential:
            return " (confidential)";
    }
    return "";
}

std::string meeting_heading(const Panel& panel, const Meeting& meeting) {
    return fmt::format("{}, {}", panel.name, long_name(meeting.date));
}

std::string substitute_member_cell(const Panel& panel, const PanelMember& member,
                                   CalendarDate day) {
    if (const PanelMember* sub = panel.substitute_of(member.id, day)) return display_name(*sub);
    return member.kind == MemberKind::co_opted_independent ? "(no substitute member)"
                                                           : "To be confirmed";
}

std::string interest_declaration(const Panel& panel, const Interest& interest) {
    const PanelMember* m = panel.member(interest.member_id);
    std::string who = m ? display_name(*m) : fmt::format("member {}", interest.member_id);
    std::string text =
        fmt::format("{} declared a{} {}", who, interest.kind == InterestKind::other ? "n" : "",
                    label(interest.kind));
    if (!interest.description.empty()) text += " " + interest.description;
    return text;
}

std::string request_due(const PanelRequest& request, const std::vector<Meeting>& meetings) {
    switch (request.due) {
        case DueKind::date:
            return request.due_date ? "By " + long_name(*request.due_date) : "By a date";
        case DueKind::future_reports:
            return "Future reports";
        case DueKind::next_meeting: {
            auto due = answer_due(request, meetings);
            return due ? "Next meeting (" + long_name(*due) + ")" : "Next meeting (not yet set)";
        }
    }
    return "";
}

std::string joined_with_and(const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
        out += parts[i];
    }
    return out;
}

std::string resolving_body(const Panel& panel) {
    return panel.kind == PanelKind::police_and_crime_panel ? "The Panel" : "The Sub Panel";
}

}  // namespace scrutineer::report
