#include "scrutineer/panel_request.hpp"

#include "scrutineer/enum_names.hpp"

namespace scrutineer {
namespace {

constexpr EnumName<RequestKind> kKinds[] = {
    {RequestKind::recommendation, "recommendation", "Recommendation"},
    {RequestKind::question, "question", "Question"},
    {RequestKind::information_request, "information_request", "Information request"},
};
constexpr EnumName<Addressee> kAddressees[] = {
    {Addressee::pcc, "pcc", "Police and Crime Commissioner"},
    {Addressee::chief_constable, "chief_constable", "Chief Constable"},
    {Addressee::partnership, "partnership", "The Partnership"},
    {Addressee::other, "other", "Other"},
};
constexpr EnumName<DueKind> kDue[] = {
    {DueKind::next_meeting, "next_meeting", "Next meeting"},
    {DueKind::date, "date", "By a date"},
    {DueKind::future_reports, "future_reports", "Future reports"},
};
constexpr EnumName<RequestStatus> kStatuses[] = {
    {RequestStatus::open, "open", "Open"},
    {RequestStatus::answered, "answered", "Answered"},
    {RequestStatus::partly_answered, "partly_answered", "Partly answered"},
    {RequestStatus::declined, "declined", "Declined"},
};

}  // namespace

const char* to_string(RequestKind k) {
    return enum_entry(kKinds, k).code;
}
const char* label(RequestKind k) {
    return enum_entry(kKinds, k).label;
}
std::optional<RequestKind> parse_request_kind(std::string_view t) {
    return parse_enum(kKinds, t);
}

const char* to_string(Addressee a) {
    return enum_entry(kAddressees, a).code;
}
const char* label(Addressee a) {
    return enum_entry(kAddressees, a).label;
}
std::optional<Addressee> parse_addressee(std::string_view t) {
    return parse_enum(kAddressees, t);
}

const char* to_string(DueKind k) {
    return enum_entry(kDue, k).code;
}
std::optional<DueKind> parse_due_kind(std::string_view t) {
    return parse_enum(kDue, t);
}

const char* to_string(RequestStatus s) {
    return enum_entry(kStatuses, s).code;
}
const char* label(RequestStatus s) {
    return enum_entry(kStatuses, s).label;
}
std::optional<RequestStatus> parse_request_status(std::string_view t) {
    return parse_enum(kStatuses, t);
}

bool is_closed(RequestStatus s) {
    return s == RequestStatus::answered || s == RequestStatus::declined;
}

}  // namespace scrutineer
