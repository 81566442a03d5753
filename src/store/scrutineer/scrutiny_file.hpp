// Panels files (JSON): panels with their seat rules, members and substitutes, meetings with
// their agendas, attendance, officers present, interests, minutes and the requests the panel
// made, loaded into the store (scrutiny_store.hpp). data/demo/panels.json is the Norfolk demo.
//
//   {"format": "scrutineer-panels/1", "source"?: "...",
//    "panels": [{"key", "name", "kind", "parent"?: key, "terms_of_reference"?, "quorum",
//      "seats": [{"body", "seats", "kind"?: "main"|"co_opted_independent",
//                 "substitutes"?: true}],
//      "chair_from_body"?, "vice_chair_from_other_bodies"?, "chair"?: member ref,
//      "vice_chair"?: member ref, "offices_elected_on"?, "contact"?, "notes"?,
//      "members": [{"ref", "title"?, "name", "body", "kind", "substitute_for"?: member ref,
//                   "term_start", "term_end"?, "notes"?}],
//      "meetings": [{"ref"? (default: its date), "date", "time": "HH:MM", "venue",
//        "briefing"?, "status", "reserve"?, "reserve_reason"?, "public_questions_deadline"?,
//        "agenda_published_on"?, "ended_at"?, "minutes_confirmed_at"?: meeting ref,
//        "invitees"? (for every item that names none), "notes"?,
//        "items": [{"ref"? (default: its number, "1", "2", ...), "kind"? (business),
//                   "title", "purpose"?, "report_page"?, "to_follow"?, "invitees"?,
//                   "priorities"?: [{"plan": plan key, "number"}], "visibility"?,
//                   "minutes"?: [{"text"} or {"resolution": "noted"|..., "text"}]}],
//        "attendance"?: [{"member": ref, "status", "for"?: ref, "capacity"?}],
//        "others_present"?: [{"name", "role"?}],
//        "interests"?: [{"member": ref, "item"?: item ref, "kind", "description"}],
//        "requests"?: [{"item"?: item ref, "kind", "text", "addressee", "due",
//          "due_date"?, "status"?, "response"?, "response_note"?, "answered_on"?,
//          "answered_at"?: meeting ref, "visibility"?, "notes"?}]}]}]}
//
// Ids are not in files: members, meetings and items are named by "ref" strings within their
// panel (items within their meeting), plan priorities by plan key and number. Agenda items and
// minute points are numbered in file order. "notes" say where the data came from and what was
// assumed; they are for people and are not stored.
#pragma once

#include <string>

#include "scrutineer/database.hpp"
#include "scrutineer/indicator_store.hpp"

namespace scrutineer::store {

// Reads and checks the whole file first, then loads it in one transaction: all or nothing. A
// problem throws InputError naming the file and the place in it, e.g.
// "panels[0].meetings[2].attendance[3].for: no member 'storey'", including the store's own
// rules (the substitute rule, a plan priority that is not stored, ...).
//
// Loading again does not duplicate: a panel whose key is already stored is skipped, with all
// its members and meetings, and said so in the summary (to change a stored panel, edit it).
// The summary also says when an item names more priorities than the store can link (one per
// agenda item: the first is linked). Plans must be loaded first. Writes one audit row as
// `user` when anything was loaded.
ImportSummary load_panels_file(Database& db, const std::string& path, const std::string& user);

// The demo: data_dir/demo/panels.json, as the user "demo".
ImportSummary load_demo_panels(Database& db, const std::string& data_dir);

}  // namespace scrutineer::store
