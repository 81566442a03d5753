// A meeting's published agenda pack and minutes as documents (document.hpp) in the layout of the
// seeds' packs (001 and 004), for the PDF writer: the agenda with the panel, date, time and venue
// in bold, the briefing session, the membership table (Main Member | Substitute Member |
// Representing), the committee officer, "A g e n d a" with numbered items and "(Page N)", the
// declarations of interest guidance, the public questions deadline, matters arising and "Date
// Agenda Published"; the minutes with Members Present and their bodies, Substitute Members
// Present ("Cllr X for Cllr Y"), Officers/Others Present, apologies, numbered items with
// numbered points (6.1, 6.2 ...) and resolutions with the verb in bold, and "Meeting ended at".
//
// What goes in is what the viewer's role may see: the store's loaders leave out exempt and
// confidential items, their minutes and requests (and the interests declared for them), so an
// exempt item never reaches a public PDF.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/meeting.hpp"
#include "scrutineer/panel.hpp"
#include "scrutineer/panel_request.hpp"

namespace scrutineer::report {

// Everything the papers of one meeting are made from, as a role may see it.
struct MeetingPapers {
    Panel panel;
    Meeting meeting;                     // with the items the role may see
    std::vector<Meeting> meetings;       // the panel's meetings (next meeting, matters arising)
    std::vector<Attendance> attendance;  // members and substitutes
    std::vector<OtherAttendee> others;   // officers and others present
    std::vector<Interest> interests;     // for the visible items and the whole meeting
    std::vector<MinutePoint> minutes;    // of the visible items
    std::vector<PanelRequest> requests;  // of the panel, those the role may see
};

// Nothing when there is no such meeting.
std::optional<MeetingPapers> load_meeting_papers(store::Database& db, int64_t meeting_id,
                                                 Role viewer);

// `paper_anchors`: in an agenda pack, the anchor where each item's paper starts (by item id);
// the item's "(Page N)" is then that anchor's page, and an item without a paper in the pack has
// none. Without it (the agenda alone), the page recorded on the item.
doc::Document agenda_document(const MeetingPapers& papers,
                              const std::map<int64_t, std::string>* paper_anchors = nullptr);
doc::Document minutes_document(const MeetingPapers& papers);

// "agenda-2020-02-04", "minutes-2019-11-20" (the caller adds the format's extension)
std::string agenda_file_stem(const Meeting& meeting);
std::string minutes_file_stem(const Meeting& meeting);

// A minute point's text as list items under its number: the first paragraph carries the
// number, later paragraphs continue it, lines starting "- " are bullets (indented further with
// two leading spaces). A resolution's verb is in bold: every resolution verb written in capitals
// in the text ("The Panel CONSIDERED and NOTED ..."), or else "<subject> VERB" before it.
std::vector<doc::ListItem> minute_items(const std::string& number, const MinutePoint& point,
                                        const std::string& subject);

}  // namespace scrutineer::report
