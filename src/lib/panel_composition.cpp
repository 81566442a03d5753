#include "scrutineer/panel_composition.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>

namespace scrutineer {
namespace {

std::string members_word(int n) {
    return n == 1 ? "member" : "members";
}

// One year after `d`: the same day a year later (29 February goes to 28 February).
CalendarDate one_year_after(CalendarDate d) {
    auto next = d.ymd + std::chrono::years{1};
    if (!next.ok()) next = next.year() / next.month() / std::chrono::last;
    return CalendarDate{next};
}

}  // namespace

std::vector<std::string> composition_problems(const Panel& panel, CalendarDate day) {
    std::vector<std::string> problems;
    auto serving = panel.serving(day);

    // Seats per body: the rules' count against the main (or co-opted) members serving.
    std::map<std::string, int> held;
    for (const PanelMember* m : serving)
        if (m->kind != MemberKind::substitute) ++held[m->body];
    for (const SeatRule& rule : panel.seats) {
        int n = held.count(rule.body) ? held[rule.body] : 0;
        if (n != rule.seats)
            problems.push_back(fmt::format("{} has {} {} {}; the rules give it {}", rule.body, n,
                                           rule.kind == MemberKind::main ? "main" : "co-opted",
                                           members_word(n), rule.seats));
    }
    for (const PanelMember* m : serving) {
        if (m->kind == MemberKind::substitute) continue;
        const SeatRule* rule = nullptr;
        for (const auto& r : panel.seats)
            if (r.body == m->body) rule = &r;
        if (!rule) {
            problems.push_back(fmt::format("{} represents {}, which has no seat on this panel",
                                           display_name(*m), m->body));
            continue;
        }
        if (rule->kind != m->kind)
            problems.push_back(fmt::format("{} sits as a {} but {} seats are for {}s",
                                           display_name(*m), label(m->kind), m->body,
                                           label(rule->kind)));
        // Substitutes: exactly one named substitute where the rules give one, none otherwise.
        int subs = 0;
        for (const PanelMember* s : serving)
            if (s->kind == MemberKind::substitute && s->substitute_for == m->id) ++subs;
        if (rule->substitutes && subs == 0)
            problems.push_back(fmt::format("{} has no named substitute", display_name(*m)));
        if (rule->substitutes && subs > 1)
            problems.push_back(fmt::format(
                "{} has {} named substitutes; each member has one and no other substitutes are "
                "acceptable",
                display_name(*m), subs));
        if (!rule->substitutes && subs > 0)
            problems.push_back(fmt::format(
                "{} is a {} and may not have a substitute", display_name(*m),
                rule->kind == MemberKind::co_opted_independent ? "co-opted independent member"
                                                               : "member of " + m->body));
    }
    for (const PanelMember* s : serving) {
        if (s->kind != MemberKind::substitute) continue;
        const PanelMember* main = s->substitute_for ? panel.member(*s->substitute_for) : nullptr;
        if (!main || !main->serving_on(day))
            problems.push_back(
                fmt::format("{} is a substitute for no serving member", display_name(*s)));
        else if (main->body != s->body)
            problems.push_back(fmt::format("{} represents {} but substitutes for {} of {}",
                                           display_name(*s), s->body, display_name(*main),
                                           main->body));
    }

    // Chair and vice-chair: elected, from the right bodies, within the last year.
    auto office = [&](const std::optional<int64_t>& id) -> const PanelMember* {
        if (!id) return nullptr;
        const PanelMember* m = panel.member(*id);
        return m && m->serving_on(day) && m->kind != MemberKind::substitute ? m : nullptr;
    };
    const PanelMember* chair = office(panel.chair_id);
    const PanelMember* vice = office(panel.vice_chair_id);
    if (!chair) problems.push_back("The panel has no chair");
    if (!vice) problems.push_back("The panel has no vice-chair");
    if (chair && !panel.chair_from_body.empty() && chair->body != panel.chair_from_body)
        problems.push_back(fmt::format("The chair, {}, must be one of the {} members",
                                       display_name(*chair), panel.chair_from_body));
    if (vice && panel.vice_chair_from_other_bodies && !panel.chair_from_body.empty() &&
        vice->body == panel.chair_from_body)
        problems.push_back(
            fmt::format("The vice-chair, {}, must come from the members other than "
                        "the {} members",
                        display_name(*vice), panel.chair_from_body));
    if (chair && vice && chair->id == vice->id)
        problems.push_back("The chair and the vice-chair are the same person");
    if ((chair || vice) && panel.offices_elected_on &&
        day > one_year_after(*panel.offices_elected_on))
        problems.push_back(
            fmt::format("The chair and vice-chair were elected on {}; they are elected annually",
                        long_name(*panel.offices_elected_on)));

    int voting = 0;
    for (const PanelMember* m : serving)
        if (m->kind != MemberKind::substitute) ++voting;
    if (panel.quorum > 0 && voting < panel.quorum)
        problems.push_back(fmt::format("The panel has {} {}, fewer than its quorum of {}", voting,
                                       members_word(voting), panel.quorum));
    return problems;
}

}  // namespace scrutineer
