// A panel's forward work programme (seed 001: the Police and Crime Panel's "Forward Work
// Programme" table, Date | Item | Attendees; seed 004: the NCCSP Scrutiny Sub Panel's, Date |
// Report | Issues for consideration | Invited to attend): its meetings with their items and
// invitees, reserve dates, and the rows that are not meetings ("May 2020 — PCC elections",
// "June 2020 — Panel Member induction", "January 2021, County Hall (To be confirmed)") and the
// notes under the table ("The following meetings will be scheduled only if/when required:
// confirmation hearings").
//
// The programme year and the precept deadlines are settings (the store keeps them; docs/
// work-programme.md says where the values come from), not numbers in this code.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/month.hpp"

namespace scrutineer {

// A day of the year without the year: "02-08" is 8 February.
struct MonthDay {
    unsigned month = 1;
    unsigned day = 1;
    bool operator==(const MonthDay&) const = default;
};
// Exactly "MM-DD" of a day that exists in some year (02-29 is refused: it is not in every year).
std::optional<MonthDay> parse_month_day(std::string_view text);
std::string to_string(MonthDay md);  // "02-08"
CalendarDate in_year(MonthDay md, int year);

// The statutory precept timetable (Police and Crime Panels (Precepts and Chief Constable
// Appointments) Regulations 2012, regs 3 to 6, under Schedule 5 to the Police Reform and Social
// Responsibility Act 2011). Each is a day in the February (or so) before the financial year.
struct PreceptCalendar {
    MonthDay proposal_by;        // the PCC notifies the panel of the proposed precept
    MonthDay report_by;          // the panel reviews it and reports
    MonthDay veto_response_by;   // after a veto, the PCC responds with a revised precept
    MonthDay revised_report_by;  // the panel reviews the revised precept and reports
};

// A programme year: the civic year, from the day it starts (1 June: chair and vice-chair are
// elected at its first meeting) to the day before it starts again.
struct ProgrammeYear {
    CalendarDate first;
    CalendarDate last;
    bool contains(CalendarDate d) const { return first <= d && d <= last; }
};
ProgrammeYear programme_year_starting(int year, MonthDay starts);
ProgrammeYear programme_year_containing(CalendarDate d, MonthDay starts);
// "2020-21"
std::string label(const ProgrammeYear& y);
// The first day on or after the year's first day that falls on `md` (a deadline in the year).
CalendarDate deadline_in(const ProgrammeYear& y, MonthDay md);

struct WorkProgrammeSettings {
    MonthDay civic_year_starts;
    PreceptCalendar precept;
};

// A row of the work programme that is not a meeting of the panel.
enum class ProgrammeEntryKind {
    event,                // "PCC elections", "Panel Member induction / informal meeting with PCC"
    provisional_meeting,  // "January 2021, County Hall (To be confirmed)"
    note,  // under the table: "The following meetings will be scheduled only if/when required"
};
const char* to_string(ProgrammeEntryKind k);  // "event", "provisional_meeting", "note"
const char* label(ProgrammeEntryKind k);      // "Event", "Provisional meeting", "Note"
std::optional<ProgrammeEntryKind> parse_programme_entry_kind(std::string_view text);

struct ProgrammeEntry {
    int64_t id = 0;
    int64_t panel_id = 0;
    ProgrammeEntryKind kind = ProgrammeEntryKind::event;
    std::string when;  // as the programme prints it: "May 2020", "January 2021, County Hall"
    std::optional<Month> month;        // where it sits in the table
    std::optional<CalendarDate> date;  // when the day is known (then month is its month)
    std::string title;                 // "PCC elections"
    std::string invitees;
    Visibility visibility = Visibility::public_item;
};

// A programme entry that breaks a rule; what() says "field 'when': ...".
struct ProgrammeEntryInvalid : std::invalid_argument {
    std::string field;
    std::string problem;
    ProgrammeEntryInvalid(std::string field_, std::string problem_);
};
// Throws ProgrammeEntryInvalid for the first broken rule: a title, one line each for title and
// when; an event or provisional meeting has a month or a date (a date's month is its month);
// a note has neither.
void validate(const ProgrammeEntry& entry);

// One row of the table.
struct ProgrammeItem {
    std::string title;
    std::string purpose;  // the "Issues for consideration"
    std::string invitees;
    bool in_depth = false;  // an in-depth review of plan priorities (rolling programme)
};
struct ProgrammeRow {
    CalendarDate sorts_on;  // the meeting's date, an entry's date, or the 1st of its month
    std::string when;       // "10am, 19 February 2020, County Hall"; "May 2020"
    std::vector<ProgrammeItem> items;
    std::string attendees;  // the items' invitees, each once, in order
    std::optional<int64_t> meeting_id;
    std::optional<int64_t> entry_id;
    ProgrammeEntryKind entry_kind = ProgrammeEntryKind::event;  // entries only
    bool reserve = false;
    std::string reserve_reason;
    bool cancelled = false;
    bool held = false;
};
struct ForwardWorkProgramme {
    std::vector<ProgrammeRow> rows;     // by date; an entry before a meeting on the same day
    std::vector<ProgrammeEntry> notes;  // the notes under the table
};

// The programme from `from` on: the meetings (with the business items and elections their
// agendas hold; a reserve date without business items has "Reserve date – <reason>") and the
// entries.
ForwardWorkProgramme forward_work_programme(const std::vector<Meeting>& meetings,
                                            const std::vector<ProgrammeEntry>& entries,
                                            CalendarDate from);

// "10am, 19 February 2020, Edwards Room, County Hall" (without the parts not known).
std::string when_label(const Meeting& m);

}  // namespace scrutineer
