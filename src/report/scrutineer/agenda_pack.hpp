// A meeting's agenda pack (SPEC §4; the seeds' packs 001 and 004): the agenda, then each item's
// paper in agenda order, in one document with continuous page numbers, the agenda's "(Page N)"
// for each item being the page its paper starts on in the pack (PDF and DOCX compute it; HTML
// links to the paper).
//
// Which paper goes with an item (paper_for): the minutes item takes the minutes of the panel's
// previous held meeting; an item reviewing plan priorities takes the performance monitoring
// report; an item titled like the information bulletin, the complaints monitoring report or the
// work programme takes that report (recognised by title as information_bulletin.hpp does). An
// item with no paper scrutineer can make (an officer's report written elsewhere) is on the
// agenda without a page. Everything is as the viewer's role may see it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scrutineer/access.hpp"
#include "scrutineer/database.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/document.hpp"
#include "scrutineer/meeting.hpp"

namespace scrutineer::report {

// The report kind (report_kinds.hpp) of an item's paper: "minutes" (of the previous meeting),
// "performance", "bulletin", "complaints", "work-programme"; nothing when there is none.
std::optional<std::string> paper_for(const AgendaItem& item);

// "item-42": the anchor where item 42's paper starts in the pack.
std::string paper_anchor(int64_t item_id);

// Throws ReportUnavailable when there is no such meeting. A paper that cannot be made (no
// previous meeting, no priorities, no data) is left out and its item has no page.
doc::Document agenda_pack_document(store::Database& db, const Dataset& data, int64_t meeting_id,
                                   Role viewer);

}  // namespace scrutineer::report
