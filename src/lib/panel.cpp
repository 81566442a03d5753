#include "scrutineer/panel.hpp"

#include "scrutineer/enum_names.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<PanelKind> kPanelKinds[] = {
    {PanelKind::police_and_crime_panel, "police_and_crime_panel", "Police and Crime Panel"},
    {PanelKind::csp_scrutiny_sub_panel, "csp_scrutiny_sub_panel", "CSP scrutiny sub-panel"},
    {PanelKind::sub_panel, "sub_panel", "Sub-panel"},
};

constexpr EnumName<MemberKind> kMemberKinds[] = {
    {MemberKind::main, "main", "Main member"},
    {MemberKind::substitute, "substitute", "Substitute member"},
    {MemberKind::co_opted_independent, "co_opted_independent", "Co-opted independent member"},
};

}  // namespace

const char* to_string(PanelKind kind) {
    return enum_entry(kPanelKinds, kind).code;
}
const char* label(PanelKind kind) {
    return enum_entry(kPanelKinds, kind).label;
}
std::optional<PanelKind> parse_panel_kind(std::string_view text) {
    return parse_enum(kPanelKinds, text);
}

const char* to_string(MemberKind kind) {
    return enum_entry(kMemberKinds, kind).code;
}
const char* label(MemberKind kind) {
    return enum_entry(kMemberKinds, kind).label;
}
std::optional<MemberKind> parse_member_kind(std::string_view text) {
    return parse_enum(kMemberKinds, text);
}

std::string display_name(const PanelMember& m) {
    return m.title.empty() ? m.name : m.title + " " + m.name;
}

const PanelMember* Panel::member(int64_t member_id) const {
    for (const auto& m : members)
        if (m.id == member_id) return &m;
    return nullptr;
}

std::vector<const PanelMember*> Panel::serving(CalendarDate day) const {
    std::vector<const PanelMember*> out;
    for (const auto& m : members)
        if (m.kind != MemberKind::substitute && m.serving_on(day)) out.push_back(&m);
    for (const auto& m : members)
        if (m.kind == MemberKind::substitute && m.serving_on(day)) out.push_back(&m);
    return out;
}

const PanelMember* Panel::substitute_of(int64_t main_id, CalendarDate day) const {
    for (const auto& m : members)
        if (m.kind == MemberKind::substitute && m.substitute_for == main_id && m.serving_on(day))
            return &m;
    return nullptr;
}

}  // namespace scrutineer
