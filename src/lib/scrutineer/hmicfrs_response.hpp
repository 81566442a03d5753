// The PCC's response to an inspection report by Her Majesty's Inspectorate of Constabulary and
// Fire & Rescue Services (SPEC §5, seed 001 Annex 6). Section 55 of the Police Act 1996 (as
// amended by section 37 of the Policing and Crime Act 2017) requires the local policing body to
// respond within 56 days beginning with the day the report is published; the deadline is
// counted by the clock (working_day_clock.hpp), never here. The response is done in four steps,
// the ticks on the form's "For Office Use Only" box: forwarded to HMICFRS, to the Chief
// Constable, to the Police and Crime Panel, and published on the OPCCN website.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/calendar_date.hpp"
#include "scrutineer/pcc_accountability.hpp"
#include "scrutineer/working_day_clock.hpp"

namespace scrutineer {

// "56 days beginning with the day of publication".
inline constexpr int kSection55Days = 56;

enum class InspectionType { national, force };
const char* to_string(InspectionType t);  // "national", "force"
const char* label(InspectionType t);      // "National Inspection", "Force Inspection"
std::optional<InspectionType> parse_inspection_type(std::string_view text);

enum class ResponseStep { sent_to_hmicfrs, sent_to_chief_constable, sent_to_panel, published };
inline constexpr std::array<ResponseStep, 4> kResponseSteps = {
    ResponseStep::sent_to_hmicfrs, ResponseStep::sent_to_chief_constable,
    ResponseStep::sent_to_panel, ResponseStep::published};
const char* to_string(ResponseStep s);  // "sent_to_hmicfrs", ...
const char* label(ResponseStep s);      // "Response forwarded to HMICFRS Section 55 Responses", ...
std::optional<ResponseStep> parse_response_step(std::string_view text);

// A step is done or not; the day it was done may be unknown (the seed's form only ticks it).
struct StepDone {
    bool done = false;
    std::optional<CalendarDate> on;
    bool operator==(const StepDone&) const = default;
};

struct Inspection {
    int64_t id = 0;
    std::string title;  // "Cyber: Keep the light on – An inspection of the police response to ..."
    CalendarDate published_on{};
    InspectionType type = InspectionType::national;
    std::string summary;  // the key findings, as the response form gives them; may be empty
    std::array<StepDone, 4> steps{};  // in kResponseSteps order

    const StepDone& step(ResponseStep s) const { return steps[static_cast<size_t>(s)]; }
    StepDone& step(ResponseStep s) { return steps[static_cast<size_t>(s)]; }
};

// 56 days beginning with the day of publication: published Thu 24 Oct 2019, due Wed 18 Dec 2019.
Deadline section_55_deadline(const Inspection& inspection);

enum class ResponseStatus { complete, due, overdue };
const char* label(ResponseStatus s);  // "Complete", "Due", "Overdue"

struct ResponseState {
    ResponseStatus status = ResponseStatus::due;
    CalendarDate due{};
    // Due: days from today to the deadline (0 on the day itself). Overdue: days past it.
    int days_left = 0;
    int days_overdue = 0;
    std::vector<ResponseStep> missing;  // the steps not yet done, in order
    // Complete, but a step was done after the deadline (only when its date is known).
    bool late = false;
};

// On `today`: complete when all four steps are done; otherwise due up to and including the
// deadline, and overdue after it.
ResponseState response_state(const Inspection& inspection, CalendarDate today);

// The day the response reached the Panel: the day the "forwarded to the Police and Crime Panel"
// step was done when known, otherwise the s55 deadline (the latest day it should have). The
// information bulletin lists a complete response in the period containing this day.
CalendarDate reported_on(const Inspection& inspection);

// Nothing when the inspection may be saved: a one-line title, and no step done before the
// report was published or after `today`.
std::optional<RecordProblem> check_inspection(const Inspection& inspection, CalendarDate today);

}  // namespace scrutineer
