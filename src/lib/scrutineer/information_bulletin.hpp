// The information bulletin a Police and Crime Panel meeting receives: "the decisions taken by the
// PCC and the range of his activity since the last Panel meeting" (SPEC §5, seed 001 item 9).
//
// THE PERIOD RULE. A bulletin covers exactly the period since the previous meeting's bulletin,
// so that consecutive bulletins never overlap and never leave a gap:
// - decisions, items of news and HMICFRS responses: dated after the previous meeting's cut-off,
//   up to and including this meeting's cut-off. A meeting's cut-off is the day its agenda was
//   published, when known, else the day of the meeting (seed 001: "Decisions made by the PCC,
//   up until 27 January 2020", the day the agenda of 4 February 2020 was published);
// - out-of-county activity and forum meetings: after the previous meeting's day, up to and
//   including this meeting's day (seed 001: "Other out-of-county activity between 20 November
//   2019 and 4 February 2020" lists 30 January 2020, after the agenda was published; the Police
//   Accountability Forum of 28 January 2020 is listed too). A forum that has not met in that
//   period is reported by its last meeting and the Panel meeting its items went to ("The
//   Collaboration Panel last met on 8 February 2017, and items discussed were reported to the
//   PCP at its 4 April 2017 meeting").
// The first bulletin (no previous meeting) covers everything up to its cut-off.
#pragma once

#include <optional>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"
#include "scrutineer/hmicfrs_response.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/pcc_accountability.hpp"

namespace scrutineer {

// The days after `after` (none: from the beginning) up to and including `up_to`.
struct Period {
    std::optional<CalendarDate> after;
    CalendarDate up_to{};
    bool contains(CalendarDate d) const { return (!after || *after < d) && d <= up_to; }
    bool operator==(const Period&) const = default;
};

// The agenda's publication day when known, else the meeting's day.
CalendarDate cut_off(const Meeting& meeting);
// Decisions, news and responses: (previous cut-off, this cut-off].
Period reporting_period(const Meeting& meeting, const std::optional<Meeting>& previous);
// Out-of-county activity and forum meetings: (previous meeting's day, this meeting's day].
Period activity_period(const Meeting& meeting, const std::optional<Meeting>& previous);

// Whether an agenda has an information bulletin or a complaints monitoring report: an item whose
// title contains "information bulletin" or "complaints monitoring report", in any case.
bool has_information_bulletin(const Meeting& meeting);
bool has_complaints_report(const Meeting& meeting);

// The meeting whose bulletin this meeting's follows: the latest meeting of `panel_meetings`
// before `meeting` that was not cancelled and whose agenda has an information bulletin, or has
// no items recorded at all (every ordinary meeting has one, seed 001's work programme). A held
// reserve meeting for the precept, with its agenda recorded and no bulletin, is passed over.
std::optional<Meeting> previous_bulletin_meeting(const std::vector<Meeting>& panel_meetings,
                                                 const Meeting& meeting);

// A forum's part of the bulletin: its meetings in the activity period (latest first) or, when
// it has not met in it, its last meeting before, and the first Panel meeting on or after that
// day (whose bulletin reported it), if known: only when the Panel's meetings are recorded from
// before that day, since otherwise an unrecorded meeting may have been the one.
struct ForumSection {
    Forum forum = Forum::police_accountability_forum;
    std::vector<ForumMeeting> meetings;
    std::optional<ForumMeeting> last_meeting;
    std::optional<CalendarDate> reported_at;
};

struct InformationBulletin {
    Period period;                     // decisions, news, responses
    Period activity_period;            // out-of-county activity, forums
    std::vector<Decision> decisions;   // by category (category_before), then by number
    std::vector<NewsItem> news;        // by day published, then as given
    std::vector<ForumSection> forums;  // Police Accountability Forum, Collaboration Panel, Audit
                                       // Committee (kForums order)
    std::vector<OutOfCountyActivity> activities;  // by day
    std::vector<Inspection> responses;  // complete, reported in the period; by publication
    // Responses not complete on the cut-off day for reports published by then, with their
    // state on that day (due or overdue).
    std::vector<std::pair<Inspection, ResponseState>> awaited;
};

struct BulletinSources {
    std::vector<Decision> decisions;
    std::vector<NewsItem> news;
    std::vector<ForumMeeting> forum_meetings;
    std::vector<OutOfCountyActivity> activities;
    std::vector<Inspection> inspections;
    // The days of the panel's meetings that were not cancelled, for "reported at".
    std::vector<CalendarDate> panel_meeting_days;
};

// The bulletin for `meeting`, whose bulletin follows `previous`'s, as `viewer` may read it:
// confidential decisions and private agenda items are redacted (pcc_accountability.hpp) here
// too, whatever the sources hold.
InformationBulletin information_bulletin(const Meeting& meeting,
                                         const std::optional<Meeting>& previous,
                                         const BulletinSources& sources, Role viewer);

}  // namespace scrutineer
