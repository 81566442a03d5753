#include "scrutineer/access.hpp"

namespace scrutineer {

const char* to_string(Role role) {
    switch (role) {
        case Role::public_user:
            return "public";
        case Role::panel_member:
            return "panel_member";
        case Role::officer:
            return "officer";
        case Role::case_worker:
            return "case_worker";
        case Role::administrator:
            return "administrator";
    }
    return "public";
}

const char* to_string(Visibility v) {
    switch (v) {
        case Visibility::public_item:
            return "public";
        case Visibility::exempt:
            return "exempt";
        case Visibility::confidential:
            return "confidential";
    }
    return "public";
}

std::optional<Role> parse_role(const std::string& text) {
    for (Role r : {Role::public_user, Role::panel_member, Role::officer, Role::case_worker,
                   Role::administrator})
        if (text == to_string(r)) return r;
    return std::nullopt;
}

std::optional<Visibility> parse_visibility(const std::string& text) {
    for (Visibility v : {Visibility::public_item, Visibility::exempt, Visibility::confidential})
        if (text == to_string(v)) return v;
    return std::nullopt;
}

bool may_see(Role role, Visibility visibility) {
    switch (visibility) {
        case Visibility::public_item:
            return true;
        case Visibility::exempt:
            return role == Role::panel_member || role == Role::officer ||
                   role == Role::administrator;
        case Visibility::confidential:
            return role == Role::officer || role == Role::administrator;
    }
    return false;
}

bool may_edit(Role role) {
    return role == Role::officer || role == Role::administrator;
}

bool may_see_participant_data(Role role) {
    return role == Role::officer || role == Role::administrator;
}

bool may_see_case_personal_data(Role role) {
    return role == Role::case_worker || role == Role::administrator;
}

bool may_work_cases(Role role) {
    return may_see_case_personal_data(role);
}

bool may_see_case_dashboards(Role role) {
    return may_work_cases(role) || role == Role::officer;
}

}  // namespace scrutineer
