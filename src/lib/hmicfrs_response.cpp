#include "scrutineer/hmicfrs_response.hpp"

#include <fmt/format.h>
#include <chrono>

namespace scrutineer {
namespace {

int days_from(CalendarDate a, CalendarDate b) {
    using std::chrono::sys_days;
    return static_cast<int>((sys_days{b.ymd} - sys_days{a.ymd}).count());
}

struct StepName {
    ResponseStep step;
    const char* code;
    const char* label;
};
// The labels are the ticks of the response form's "For Office Use Only" box (seed 001 Annex 6).
constexpr StepName kStepNames[] = {
    {ResponseStep::sent_to_hmicfrs, "sent_to_hmicfrs",
     "Response forwarded to HMICFRS Section 55 Responses"},
    {ResponseStep::sent_to_chief_constable, "sent_to_chief_constable",
     "Response forwarded to Chief Constable"},
    {ResponseStep::sent_to_panel, "sent_to_panel", "Response forwarded to Police and Crime Panel"},
    {ResponseStep::published, "published", "Response published on the OPCCN website"},
};

}  // namespace

const char* to_string(InspectionType t) {
    return t == InspectionType::national ? "national" : "force";
}

const char* label(InspectionType t) {
    return t == InspectionType::national ? "National Inspection" : "Force Inspection";
}

std::optional<InspectionType> parse_inspection_type(std::string_view text) {
    if (text == "national") return InspectionType::national;
    if (text == "force") return InspectionType::force;
    return std::nullopt;
}

const char* to_string(ResponseStep s) {
    return kStepNames[static_cast<size_t>(s)].code;
}

const char* label(ResponseStep s) {
    return kStepNames[static_cast<size_t>(s)].label;
}

std::optional<ResponseStep> parse_response_step(std::string_view text) {
    for (const auto& n : kStepNames)
        if (text == n.code) return n.step;
    return std::nullopt;
}

Deadline section_55_deadline(const Inspection& inspection) {
    return days_beginning_with(inspection.published_on, kSection55Days);
}

const char* label(ResponseStatus s) {
    switch (s) {
        case ResponseStatus::complete:
            return "Complete";
        case ResponseStatus::due:
            return "Due";
        case ResponseStatus::overdue:
            return "Overdue";
    }
    return "Due";
}

ResponseState response_state(const Inspection& inspection, CalendarDate today) {
    ResponseState s;
    s.due = section_55_deadline(inspection).due;
    for (ResponseStep step : kResponseSteps) {
        const StepDone& done = inspection.step(step);
        if (!done.done)
            s.missing.push_back(step);
        else if (done.on && *done.on > s.due)
            s.late = true;
    }
    if (s.missing.empty()) {
        s.status = ResponseStatus::complete;
    } else {
        s.late = false;
        int left = days_from(today, s.due);
        if (left >= 0) {
            s.status = ResponseStatus::due;
            s.days_left = left;
        } else {
            s.status = ResponseStatus::overdue;
            s.days_overdue = -left;
        }
    }
    return s;
}

CalendarDate reported_on(const Inspection& inspection) {
    const StepDone& panel = inspection.step(ResponseStep::sent_to_panel);
    if (panel.done && panel.on) return *panel.on;
    return section_55_deadline(inspection).due;
}

std::optional<RecordProblem> check_inspection(const Inspection& inspection, CalendarDate today) {
    if (blank_text(inspection.title)) return RecordProblem{"title", "Enter the inspection's title"};
    if (!single_line(inspection.title))
        return RecordProblem{"title", "The inspection's title must be one line"};
    if (!inspection.published_on.ymd.ok())
        return RecordProblem{"published_on", "Enter the date the report was published"};
    if (inspection.published_on > today)
        return RecordProblem{"published_on",
                             "The date the report was published must be today or in the past"};
    for (ResponseStep step : kResponseSteps) {
        const StepDone& done = inspection.step(step);
        if (!done.on) continue;
        if (!done.done)
            return RecordProblem{to_string(step),
                                 fmt::format("'{}' has a date but is not done", label(step))};
        if (*done.on < inspection.published_on)
            return RecordProblem{to_string(step),
                                 fmt::format("'{}' cannot be before the report was published ({})",
                                             label(step), long_name(inspection.published_on))};
        if (*done.on > today)
            return RecordProblem{to_string(step),
                                 fmt::format("'{}' must be today or in the past", label(step))};
    }
    return std::nullopt;
}

}  // namespace scrutineer
