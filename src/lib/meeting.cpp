#include "scrutineer/meeting.hpp"

#include <fmt/format.h>

#include "scrutineer/enum_names.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<MeetingStatus> kMeetingStatuses[] = {
    {MeetingStatus::scheduled, "scheduled", "Scheduled"},
    {MeetingStatus::held, "held", "Held"},
    {MeetingStatus::cancelled, "cancelled", "Cancelled"},
};

constexpr EnumName<AgendaItemKind> kItemKinds[] = {
    {AgendaItemKind::apologies, "apologies", "Apologies and substitutes"},
    {AgendaItemKind::election_of_chair, "election_of_chair", "Election of Chair"},
    {AgendaItemKind::election_of_vice_chair, "election_of_vice_chair", "Election of Vice-Chair"},
    {AgendaItemKind::minutes, "minutes", "Minutes"},
    {AgendaItemKind::declarations, "declarations", "Declarations of interest"},
    {AgendaItemKind::urgent_business, "urgent_business", "Urgent business"},
    {AgendaItemKind::public_questions, "public_questions", "Public questions"},
    {AgendaItemKind::business, "business", "Business"},
};

constexpr EnumName<AttendanceStatus> kAttendance[] = {
    {AttendanceStatus::present, "present", "Present"},
    {AttendanceStatus::apologies, "apologies", "Apologies"},
    {AttendanceStatus::absent, "absent", "Absent"},
    {AttendanceStatus::substitute, "substitute", "Substituting"},
};

constexpr EnumName<InterestKind> kInterests[] = {
    {InterestKind::disclosable_pecuniary, "disclosable_pecuniary",
     "Disclosable Pecuniary Interest"},
    {InterestKind::other, "other", "Other Interest"},
};

constexpr EnumName<ResolutionVerb> kVerbs[] = {
    {ResolutionVerb::noted, "noted", "NOTED"},
    {ResolutionVerb::considered, "considered", "CONSIDERED"},
    {ResolutionVerb::agreed, "agreed", "AGREED"},
    {ResolutionVerb::requested, "requested", "REQUESTED"},
    {ResolutionVerb::delegated, "delegated", "DELEGATED"},
};

}  // namespace

const char* to_string(MeetingStatus s) {
    return enum_entry(kMeetingStatuses, s).code;
}
const char* label(MeetingStatus s) {
    return enum_entry(kMeetingStatuses, s).label;
}
std::optional<MeetingStatus> parse_meeting_status(std::string_view t) {
    return parse_enum(kMeetingStatuses, t);
}

const char* to_string(AgendaItemKind k) {
    return enum_entry(kItemKinds, k).code;
}
std::optional<AgendaItemKind> parse_agenda_item_kind(std::string_view t) {
    return parse_enum(kItemKinds, t);
}

const char* to_string(AttendanceStatus s) {
    return enum_entry(kAttendance, s).code;
}
std::optional<AttendanceStatus> parse_attendance_status(std::string_view t) {
    return parse_enum(kAttendance, t);
}

const char* to_string(InterestKind k) {
    return enum_entry(kInterests, k).code;
}
const char* label(InterestKind k) {
    return enum_entry(kInterests, k).label;
}
std::optional<InterestKind> parse_interest_kind(std::string_view t) {
    return parse_enum(kInterests, t);
}

const char* to_string(ResolutionVerb v) {
    return enum_entry(kVerbs, v).code;
}
const char* label(ResolutionVerb v) {
    return enum_entry(kVerbs, v).label;
}
std::optional<ResolutionVerb> parse_resolution_verb(std::string_view t) {
    return parse_enum(kVerbs, t);
}

bool valid_time(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') return false;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9') return false;
    int h = (t[0] - '0') * 10 + (t[1] - '0');
    int m = (t[3] - '0') * 10 + (t[4] - '0');
    return h < 24 && m < 60;
}

std::string time_label(std::string_view hh_mm) {
    if (!valid_time(hh_mm)) return std::string(hh_mm);
    int h = (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0');
    int m = (hh_mm[3] - '0') * 10 + (hh_mm[4] - '0');
    if (h == 12 && m == 0) return "noon";
    const char* half = h < 12 ? "am" : "pm";
    int h12 = h % 12 == 0 ? 12 : h % 12;
    return m == 0 ? fmt::format("{}{}", h12, half) : fmt::format("{}.{:02}{}", h12, m, half);
}

}  // namespace scrutineer
