// What the Police and Crime Commissioner did between Panel meetings, as the Panel's information
// bulletin reports it (SPEC §5, seed 001 item 9): his decisions (numbered "2019-63", some of them
// confidential), the items of news his office published, the items discussed at the Police
// Accountability Forum, the Audit Committee and the Norfolk and Suffolk Collaboration Panel
// (with a public and a private agenda), and his other out-of-county activity.
//
// Which of them a bulletin lists is information_bulletin.hpp; what a viewer may read of a
// confidential decision or a private agenda item is `redacted` below.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/calendar_date.hpp"

namespace scrutineer {

// A decision's number: the year and its sequence in that year, written "2019-63", "2020-05".
struct DecisionNumber {
    int year = 0;
    int sequence = 0;
    auto operator<=>(const DecisionNumber&) const = default;
};

// Exactly YYYY-NN: a year 1900..2999, a hyphen and a sequence of two or three digits from 01
// ("2019-63", "2020-05", "2021-104"); nothing else is a decision number.
std::optional<DecisionNumber> parse_decision_number(std::string_view text);
std::string to_string(DecisionNumber n);  // "2020-05"

// A decision recorded and published by the PCC (seed 001 Annex 1). A confidential decision is
// published by its number, category and title only: its summary is for officers.
struct Decision {
    int64_t id = 0;
    DecisionNumber number;
    // The day the decision was made. When the source gives only a bound ("Decisions made by the
    // PCC, up until 27 January 2020"), `date_known` is false and `date` is that bound: the
    // latest day the decision can have been made.
    CalendarDate date{};
    bool date_known = true;
    std::string category;  // "Estates", "Commissioned Services – Prevent Offending", ...
    std::string title;
    std::string summary;
    bool confidential = false;
};

// The categories the bulletin groups decisions under, in the order seed 001 Annex 1 gives them.
// A decision may have another category: those come after these, alphabetically, and "Other"
// always comes last.
const std::vector<std::string>& decision_categories();
// The bulletin's order of categories: a smaller rank comes first (see decision_categories).
bool category_before(const std::string& a, const std::string& b);

// "on 9 August 2019", or "on or before 27 January 2020" when only the bound is known.
std::string date_phrase(CalendarDate date, bool date_known);

// An item of news published by the PCC's office (seed 001 Annex 2).
struct NewsItem {
    int64_t id = 0;
    CalendarDate published_on{};
    std::string title;
    std::string summary;
};

// The meetings whose items the bulletin lists (seed 001 sections c, d, f).
enum class Forum { police_accountability_forum, audit_committee, collaboration_panel };
inline constexpr Forum kForums[] = {Forum::police_accountability_forum, Forum::collaboration_panel,
                                    Forum::audit_committee};
const char* to_string(Forum f);  // "police_accountability_forum", "audit_committee", ...
const char* label(Forum f);      // "Police Accountability Forum", "Audit Committee",
                                 // "Norfolk and Suffolk Collaboration Panel"
std::optional<Forum> parse_forum(std::string_view text);

// An item on a forum meeting's agenda. A private item (the Audit Committee's private agenda) is
// published by its title and who reports it only: "not published".
struct ForumItem {
    int64_t id = 0;
    int64_t forum_meeting_id = 0;
    int position = 0;
    bool private_agenda = false;
    std::string title;        // "Police and Crime Plan Theme: Prevent Offending"
    std::string summary;      // the report's purpose and its recommendation
    std::string report_from;  // "Chief Executive and Chief Constable – OPCCN and Norfolk
                              // Constabulary"; may be empty
};

struct ForumMeeting {
    int64_t id = 0;
    Forum forum = Forum::police_accountability_forum;
    CalendarDate held_on{};
    std::string notes;  // "The next PAF meeting is due to take place on 17 March 2020, ..."
    std::vector<ForumItem> items;  // public agenda first, then private, each by position
};

// The PCC's other activity outside the county (seed 001 section e).
struct OutOfCountyActivity {
    int64_t id = 0;
    CalendarDate date{};
    std::string activity;  // "Eastern Regions Meeting - Essex OPCC Office, Kelvedon Park, Essex."
};

// What the viewer may read: a confidential decision keeps its number, category and title (its
// summary is emptied) and a private agenda item keeps its title and who reports it, unless the
// role may see confidential items (officers and administrators, access.hpp).
Decision redacted(Decision d, Role viewer);
ForumItem redacted(ForumItem item, Role viewer);

// What is wrong with a record: the field at fault (as the forms and data files name it) and a
// message for people in the GOV.UK style ("Enter the decision's title").
struct RecordProblem {
    std::string field;
    std::string message;
};

// Nothing when the record may be saved. Text fields must not be blank; titles, categories and
// the decision number are one line.
std::optional<RecordProblem> check_decision(const Decision& d);
std::optional<RecordProblem> check_news_item(const NewsItem& n);
std::optional<RecordProblem> check_forum_item(const ForumItem& item);
std::optional<RecordProblem> check_activity(const OutOfCountyActivity& a);

// Blank: empty or only spaces, tabs and line breaks.
bool blank_text(std::string_view text);
bool single_line(std::string_view text);

}  // namespace scrutineer
