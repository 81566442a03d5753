#include "scrutineer/substitute_rule.hpp"

#include <fmt/format.h>

#include <set>

namespace scrutineer {

std::vector<std::string> attendance_problems(const Panel& panel, CalendarDate day,
                                             const std::vector<Attendance>& rows) {
    std::vector<std::string> problems;
    std::set<int64_t> seen;
    auto status_of = [&](int64_t member_id) -> std::optional<AttendanceStatus> {
        for (const auto& r : rows)
            if (r.member_id == member_id) return r.status;
        return std::nullopt;
    };
    for (const Attendance& r : rows) {
        const PanelMember* m = panel.member(r.member_id);
        if (!m) {
            problems.push_back(fmt::format("Member {} is not on this panel", r.member_id));
            continue;
        }
        std::string who = display_name(*m);
        if (!seen.insert(r.member_id).second)
            problems.push_back(fmt::format("{} is recorded more than once", who));
        if (!m->serving_on(day))
            problems.push_back(
                fmt::format("{} is not a member of the panel on {}", who, long_name(day)));
        if (r.status != AttendanceStatus::substitute) {
            if (r.for_member_id)
                problems.push_back(fmt::format(
                    "{} is recorded as attending for someone without being a substitute", who));
            continue;
        }
        if (m->kind != MemberKind::substitute) {
            problems.push_back(
                fmt::format("{} is a {}, not a substitute member", who, label(m->kind)));
            continue;
        }
        if (!r.for_member_id) {
            problems.push_back(fmt::format("Say which member {} is substituting for", who));
            continue;
        }
        const PanelMember* main = panel.member(*r.for_member_id);
        if (!main) {
            problems.push_back(fmt::format("{} is substituting for someone not on the panel", who));
            continue;
        }
        if (m->substitute_for != main->id) {
            const PanelMember* named = panel.substitute_of(main->id, day);
            problems.push_back(
                named ? fmt::format("{} is not the named substitute of {} ({} is); no other "
                                    "substitutes are acceptable",
                                    who, display_name(*main), display_name(*named))
                      : fmt::format("{} has no named substitute, so no one may attend for them",
                                    display_name(*main)));
            continue;
        }
        auto main_status = status_of(main->id);
        if (main_status == AttendanceStatus::present || main_status == AttendanceStatus::substitute)
            problems.push_back(fmt::format("{} is present, so {} may not attend for them",
                                           display_name(*main), who));
    }
    return problems;
}

std::string substitution_label(const Panel& panel, const Attendance& row) {
    const PanelMember* m = panel.member(row.member_id);
    const PanelMember* main = row.for_member_id ? panel.member(*row.for_member_id) : nullptr;
    if (!m) return "";
    if (!main) return display_name(*m);
    return display_name(*m) + " for " + display_name(*main);
}

}  // namespace scrutineer
