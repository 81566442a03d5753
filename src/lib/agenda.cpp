#include "scrutineer/agenda.hpp"

#include <fmt/format.h>

namespace scrutineer {

std::vector<AgendaItem> standard_items(const Panel& panel, const Meeting& meeting,
                                       const std::optional<Meeting>& previous,
                                       bool elects_offices) {
    std::vector<AgendaItem> items;
    auto add = [&](AgendaItemKind kind, std::string title, std::string purpose) {
        AgendaItem i;
        i.meeting_id = meeting.id;
        i.position = static_cast<int>(items.size()) + 1;
        i.kind = kind;
        i.title = std::move(title);
        i.purpose = std::move(purpose);
        items.push_back(std::move(i));
    };
    add(AgendaItemKind::apologies,
        "To receive apologies and details of any substitute members attending", "");
    if (elects_offices) {
        add(AgendaItemKind::election_of_chair, "Election of Chair", "");
        add(AgendaItemKind::election_of_vice_chair, "Election of Vice-Chair", "");
    }
    add(AgendaItemKind::minutes, "Minutes",
        previous ? fmt::format("To confirm the minutes of the meeting held on {}.",
                               long_name(previous->date))
                 : std::string("To confirm the minutes of the last meeting."));
    add(AgendaItemKind::declarations, "Members to Declare any Interests", "");
    add(AgendaItemKind::urgent_business,
        "To receive any items of business which the Chair decides should be considered as a "
        "matter of urgency",
        "");
    if (panel.kind == PanelKind::police_and_crime_panel)
        add(AgendaItemKind::public_questions, "Public questions",
            meeting.public_questions_deadline.empty()
                ? std::string("Thirty minutes for members of the public to put their question "
                              "to the Panel Chair where due notice has been given.")
                : fmt::format("Thirty minutes for members of the public to put their question to "
                              "the Panel Chair where due notice has been given. All questions "
                              "are to be received by {}.",
                              meeting.public_questions_deadline));
    return items;
}

std::string minute_number(int item_position, int point_position) {
    return fmt::format("{}.{}", item_position, point_position);
}

}  // namespace scrutineer
