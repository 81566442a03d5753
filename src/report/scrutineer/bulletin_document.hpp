// The information bulletin a Police and Crime Panel meeting receives (seed 001 item 9:
// "Information bulletin – questions arising to the PCC") as a document (document.hpp), worded
// as the web page /meetings/{id}/bulletin and bulletin_text.hpp word it: the periods it covers,
// then a) decisions taken, b) items of news, c) Police Accountability Forum meetings,
// d) Collaboration Panel meetings, e) other out-of-county activity, f) Audit Committee meetings,
// g) the PCC's responses to HMICFRS inspections. Decisions, news, activity and the responses
// not yet complete are tables (so they reach a spreadsheet); forum meetings are headings and
// lists.
//
// What goes in is what the viewer's role may read (information_bulletin.hpp): for the public a
// confidential decision keeps its number, category and title, a private forum item its title
// and who reports it; roles that may see confidential items get the text, marked
// "[Confidential]" / "[Private]".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/information_bulletin.hpp"
#include "scrutineer/pcp_meeting.hpp"

namespace scrutineer::report {

struct LoadedBulletin {
    Role viewer = Role::public_user;
    PcpMeeting pcp;
    std::optional<Meeting> previous;  // the meeting whose bulletin this one follows
    InformationBulletin bulletin;
};

// Throws ReportUnavailable when there is no such meeting or it is not a Police and Crime
// Panel's.
LoadedBulletin load_bulletin(store::Database& db, int64_t meeting_id, Role viewer);

doc::Document bulletin_document(const LoadedBulletin& loaded);

// "information-bulletin-2020-02-04"
std::string bulletin_file_stem(const Meeting& meeting);

}  // namespace scrutineer::report
