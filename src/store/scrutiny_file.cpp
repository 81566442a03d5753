#include "scrutineer/scrutiny_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/suggested_approach_store.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::store {
namespace {

using json = nlohmann::json;

constexpr const char* kFormat = "scrutineer-panels/1";

using Fields = JsonFields;

// This file's wording for a visibility that is not one of the three.
Visibility visibility(const Fields& f) {
    if (!f.has("visibility")) return Visibility::public_item;
    return f.code("visibility", parse_visibility, "public, exempt, confidential");
}

// ---- the file, read and checked, with its refs resolved to positions in it ----

struct PriorityRef {
    std::string plan;
    int number = 0;
    std::string where;
};

struct FileQuestions {
    PriorityRef priority;
    std::string text;
};

struct FileItem {
    AgendaItem item;
    std::string ref;
    std::vector<PriorityRef> priorities;
    std::string approach_author;  // a performance report's suggested approach, when given
    std::vector<FileQuestions> questions;
    std::vector<MinutePoint> minutes;
    std::string where;
};

struct FileAttendance {
    size_t member = 0;
    AttendanceStatus status = AttendanceStatus::present;
    std::optional<size_t> for_member;
    std::string capacity;
};

struct FileInterest {
    size_t member = 0;
    std::optional<size_t> item;
    InterestKind kind = InterestKind::other;
    std::string description;
    std::string where;
};

struct FileRequest {
    PanelRequest request;
    std::optional<size_t> item;
    std::optional<size_t> answered_at;  // a meeting of the panel
    std::string where;
};

struct FileMeeting {
    Meeting meeting;
    std::string ref;
    std::optional<size_t> confirmed_at;
    std::vector<FileItem> items;
    std::vector<FileAttendance> attendance;
    std::vector<OtherAttendee> others;
    std::vector<FileInterest> interests;
    std::vector<FileRequest> requests;
    std::string where;
};

struct FileMember {
    PanelMember member;
    std::string ref;
    std::optional<size_t> substitute_for;
    std::string where;
};

struct FilePanel {
    Panel panel;
    std::optional<std::string> parent;
    std::optional<size_t> chair, vice_chair;
    std::vector<FileMember> members;
    std::vector<FileMeeting> meetings;
    std::string where;
};

template <typename T>
std::optional<size_t> find_ref(const std::vector<T>& list, const std::string& ref) {
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].ref == ref) return i;
    return std::nullopt;
}

size_t member_ref(const Fields& f, const char* key, const std::vector<FileMember>& members) {
    std::string ref = f.text(key);
    auto i = find_ref(members, ref);
    if (!i) f.fail(key, fmt::format("no member '{}'", ref));
    return *i;
}

std::optional<size_t> item_ref(const Fields& f, const char* key,
                               const std::vector<FileItem>& items) {
    auto ref = f.optional_text(key);
    if (!ref) return std::nullopt;
    auto i = find_ref(items, *ref);
    if (!i) f.fail(key, fmt::format("no agenda item '{}' in this meeting", *ref));
    return i;
}

std::optional<size_t> meeting_ref(const Fields& f, const char* key,
                                  const std::vector<std::string>& refs) {
    auto ref = f.optional_text(key);
    if (!ref) return std::nullopt;
    auto it = std::find(refs.begin(), refs.end(), *ref);
    if (it == refs.end()) f.fail(key, fmt::format("no meeting '{}' of this panel", *ref));
    return static_cast<size_t>(it - refs.begin());
}

FileMember read_member(const Fields& f, const std::vector<FileMember>& earlier) {
    FileMember out;
    out.where = f.where;
    out.ref = f.text("ref");
    if (find_ref(earlier, out.ref))
        f.fail("ref", fmt::format("member '{}' is given twice", out.ref));
    PanelMember& m = out.member;
    m.title = f.text("title", false);
    m.name = f.text("name");
    m.body = f.text("body");
    m.kind = f.code("kind", parse_member_kind, "main, substitute, co_opted_independent");
    m.term_start = f.date("term_start");
    m.term_end = f.optional_date("term_end");
    if (m.term_end && *m.term_end < m.term_start) f.fail("term_end", "is before the term's start");
    if (m.kind == MemberKind::substitute) {
        // The main member may come later in the file.
        if (!f.has("substitute_for"))
            f.fail("substitute_for", "is missing (a substitute's main member)");
    } else if (f.has("substitute_for")) {
        f.fail("substitute_for", "is given but the member is not a substitute");
    }
    return out;
}

FileItem read_item(const Fields& f, size_t index, const std::string& invitees,
                   const std::vector<FileItem>& earlier) {
    FileItem out;
    out.where = f.where;
    out.ref = f.has("ref") ? f.text("ref") : std::to_string(index + 1);
    if (find_ref(earlier, out.ref)) f.fail("ref", fmt::format("item '{}' is given twice", out.ref));
    AgendaItem& i = out.item;
    i.position = static_cast<int>(index + 1);
    if (f.has("kind"))
        i.kind = f.code("kind", parse_agenda_item_kind,
                        "apologies, election_of_chair, election_of_vice_chair, minutes, "
                        "declarations, urgent_business, public_questions, business");
    i.title = f.text("title");
    i.purpose = f.text("purpose", false);
    i.report_page = f.whole("report_page");
    if (i.report_page && *i.report_page < 1) f.fail("report_page", "is not a page number");
    i.to_follow = f.flag("to_follow", false);
    i.invitees = f.has("invitees") ? f.text("invitees") : invitees;
    i.visibility = visibility(f);
    const json& priorities = f.list("priorities");
    for (size_t k = 0; k < priorities.size(); ++k) {
        Fields p(priorities[k], f.item("priorities", k), f.path, {"plan", "number"});
        PriorityRef ref{p.text("plan"), 0, p.where};
        auto n = p.whole("number");
        if (!n) p.fail("number", "is missing");
        ref.number = *n;
        out.priorities.push_back(std::move(ref));
    }
    if (f.has("suggested_approach")) {
        Fields a(f.obj.at("suggested_approach"), f.name("suggested_approach"), f.path,
                 {"author", "questions"});
        out.approach_author = a.text("author");
        const json& questions = a.list("questions");
        for (size_t k = 0; k < questions.size(); ++k) {
            Fields q(questions[k], a.item("questions", k), a.path, {"plan", "number", "questions"});
            FileQuestions fq{{q.text("plan"), q.required_whole("number"), q.where}, ""};
            bool on_item = false;
            for (const auto& p : out.priorities)
                on_item = on_item || (p.plan == fq.priority.plan && p.number == fq.priority.number);
            if (!on_item) q.fail("number", "is not one of the item's priorities");
            for (const auto& line : q.texts("questions", true)) fq.text += line + "\n";
            try {
                question_areas(fq.text);
            } catch (const QuestionsInvalid& e) {
                q.fail("questions", e.what());
            }
            out.questions.push_back(std::move(fq));
        }
    }
    const json& minutes = f.list("minutes");
    for (size_t k = 0; k < minutes.size(); ++k) {
        Fields p(minutes[k], f.item("minutes", k), f.path, {"text", "resolution"});
        MinutePoint point;
        point.position = static_cast<int>(k + 1);
        point.text = p.text("text");
        if (p.has("resolution")) {
            point.is_resolution = true;
            point.verb = p.code("resolution", parse_resolution_verb,
                                "noted, considered, agreed, requested, delegated");
        }
        out.minutes.push_back(std::move(point));
    }
    return out;
}

FileRequest read_request(const Fields& f, const FileMeeting& meeting,
                         const std::vector<std::string>& meeting_refs) {
    FileRequest out;
    out.where = f.where;
    PanelRequest& r = out.request;
    out.item = item_ref(f, "item", meeting.items);
    r.kind = f.code("kind", parse_request_kind, "recommendation, question, information_request");
    r.text = f.text("text");
    r.addressee = f.code("addressee", parse_addressee, "pcc, chief_constable, partnership, other");
    r.due = f.code("due", parse_due_kind, "next_meeting, date, future_reports");
    r.due_date = f.optional_date("due_date");
    if (r.due == DueKind::date && !r.due_date) f.fail("due_date", "is missing (due is 'date')");
    if (r.due != DueKind::date && r.due_date) f.fail("due_date", "is given but due is not 'date'");
    if (f.has("status"))
        r.status =
            f.code("status", parse_request_status, "open, answered, partly_answered, declined");
    r.response = f.text("response", false);
    r.response_note = f.text("response_note", false);
    r.answered_on = f.optional_date("answered_on");
    out.answered_at = meeting_ref(f, "answered_at", meeting_refs);
    if (r.status == RequestStatus::open && (r.answered_on || out.answered_at))
        f.fail("status", "is open but the request says when it was answered");
    if (r.status != RequestStatus::open && !r.answered_on && !out.answered_at)
        f.fail("status", fmt::format("is {} but neither answered_on nor answered_at is given",
                                     to_string(r.status)));
    r.visibility = visibility(f);
    return out;
}

FileMeeting read_meeting(const Fields& f, const std::vector<FileMember>& members,
                         const std::vector<std::string>& meeting_refs, size_t index) {
    FileMeeting out;
    out.where = f.where;
    out.ref = meeting_refs[index];
    Meeting& m = out.meeting;
    m.date = f.date("date");
    m.time = f.text("time");
    if (!valid_time(m.time)) f.fail("time", fmt::format("'{}' is not a time (HH:MM)", m.time));
    m.venue = f.text("venue");
    m.briefing = f.text("briefing", false);
    m.status = f.code("status", parse_meeting_status, "scheduled, held, cancelled");
    m.reserve = f.flag("reserve", false);
    m.reserve_reason = f.text("reserve_reason", false);
    if (!m.reserve && !m.reserve_reason.empty())
        f.fail("reserve_reason", "is given but the meeting is not a reserve date");
    m.public_questions_deadline = f.text("public_questions_deadline", false);
    m.agenda_published_on = f.optional_date("agenda_published_on");
    if (m.agenda_published_on && *m.agenda_published_on > m.date)
        f.fail("agenda_published_on", "is after the meeting");
    m.ended_at = f.text("ended_at", false);
    if (!m.ended_at.empty() && !valid_time(m.ended_at))
        f.fail("ended_at", fmt::format("'{}' is not a time (HH:MM)", m.ended_at));
    out.confirmed_at = meeting_ref(f, "minutes_confirmed_at", meeting_refs);
    if (out.confirmed_at && *out.confirmed_at == index)
        f.fail("minutes_confirmed_at", "names the meeting itself");
    std::string invitees = f.text("invitees", false);

    const json& items = f.list("items");
    for (size_t i = 0; i < items.size(); ++i) {
        Fields it(items[i], f.item("items", i), f.path,
                  {"ref", "kind", "title", "purpose", "report_page", "to_follow", "invitees",
                   "priorities", "visibility", "minutes", "suggested_approach"});
        out.items.push_back(read_item(it, i, invitees, out.items));
    }

    const json& attendance = f.list("attendance");
    for (size_t i = 0; i < attendance.size(); ++i) {
        Fields a(attendance[i], f.item("attendance", i), f.path,
                 {"member", "status", "for", "capacity"});
        FileAttendance row;
        row.member = member_ref(a, "member", members);
        row.status =
            a.code("status", parse_attendance_status, "present, apologies, absent, substitute");
        if (a.has("for")) row.for_member = member_ref(a, "for", members);
        row.capacity = a.text("capacity", false);
        for (const auto& other : out.attendance)
            if (other.member == row.member)
                a.fail("member", fmt::format("'{}' is recorded twice", members[row.member].ref));
        out.attendance.push_back(row);
    }

    const json& others = f.list("others_present");
    for (size_t i = 0; i < others.size(); ++i) {
        Fields o(others[i], f.item("others_present", i), f.path, {"name", "role"});
        out.others.push_back(OtherAttendee{0, o.text("name"), o.text("role", false)});
    }

    const json& interests = f.list("interests");
    for (size_t i = 0; i < interests.size(); ++i) {
        Fields d(interests[i], f.item("interests", i), f.path,
                 {"member", "item", "kind", "description"});
        FileInterest row;
        row.where = d.where;
        row.member = member_ref(d, "member", members);
        row.item = item_ref(d, "item", out.items);
        row.kind = d.code("kind", parse_interest_kind, "disclosable_pecuniary, other");
        row.description = d.text("description");
        out.interests.push_back(std::move(row));
    }

    const json& requests = f.list("requests");
    for (size_t i = 0; i < requests.size(); ++i) {
        Fields r(requests[i], f.item("requests", i), f.path,
                 {"item", "kind", "text", "addressee", "due", "due_date", "status", "response",
                  "response_note", "answered_on", "answered_at", "visibility", "notes"});
        out.requests.push_back(read_request(r, out, meeting_refs));
    }
    return out;
}

FilePanel read_panel(const Fields& f) {
    FilePanel out;
    out.where = f.where;
    Panel& p = out.panel;
    p.key = f.text("key");
    p.name = f.text("name");
    p.kind = f.code("kind", parse_panel_kind,
                    "police_and_crime_panel, csp_scrutiny_sub_panel, sub_panel");
    out.parent = f.optional_text("parent");
    if (out.parent && *out.parent == p.key) f.fail("parent", "names the panel itself");
    p.terms_of_reference = f.text("terms_of_reference", false);
    auto quorum = f.whole("quorum");
    if (!quorum) f.fail("quorum", "is missing");
    if (*quorum < 1) f.fail("quorum", "must be at least 1");
    p.quorum = *quorum;
    p.chair_from_body = f.text("chair_from_body", false);
    p.vice_chair_from_other_bodies = f.flag("vice_chair_from_other_bodies", false);
    p.offices_elected_on = f.optional_date("offices_elected_on");
    p.contact = f.text("contact", false);

    const json& seats = f.list("seats", true);
    for (size_t i = 0; i < seats.size(); ++i) {
        Fields s(seats[i], f.item("seats", i), f.path, {"body", "seats", "kind", "substitutes"});
        SeatRule rule;
        rule.body = s.text("body");
        auto n = s.whole("seats");
        if (!n) s.fail("seats", "is missing");
        if (*n < 1) s.fail("seats", "must be at least 1");
        rule.seats = *n;
        if (s.has("kind")) {
            rule.kind = s.code("kind", parse_member_kind, "main, co_opted_independent");
            if (rule.kind == MemberKind::substitute)
                s.fail("kind", "seats are for main or co-opted independent members");
        }
        rule.substitutes = s.flag("substitutes", rule.kind == MemberKind::main);
        for (const auto& other : p.seats)
            if (other.body == rule.body)
                s.fail("body", fmt::format("'{}' has a seat rule already", rule.body));
        p.seats.push_back(std::move(rule));
    }

    const json& members = f.list("members");
    for (size_t i = 0; i < members.size(); ++i) {
        Fields m(members[i], f.item("members", i), f.path,
                 {"ref", "title", "name", "body", "kind", "substitute_for", "term_start",
                  "term_end", "notes"});
        out.members.push_back(read_member(m, out.members));
    }
    // Substitutes name their main member, who may come later in the file.
    for (size_t i = 0; i < members.size(); ++i) {
        FileMember& m = out.members[i];
        if (m.member.kind != MemberKind::substitute) continue;
        Fields mf(members[i], m.where, f.path,
                  {"ref", "title", "name", "body", "kind", "substitute_for", "term_start",
                   "term_end", "notes"});
        size_t main = member_ref(mf, "substitute_for", out.members);
        if (out.members[main].member.kind != MemberKind::main)
            mf.fail("substitute_for", fmt::format("'{}' is not a main member; only main members "
                                                  "have substitutes",
                                                  out.members[main].ref));
        m.substitute_for = main;
    }
    if (f.has("chair")) out.chair = member_ref(f, "chair", out.members);
    if (f.has("vice_chair")) out.vice_chair = member_ref(f, "vice_chair", out.members);

    // Meeting refs first: a request may be answered at, and minutes confirmed at, a later one.
    const json& meetings = f.list("meetings");
    std::vector<std::string> refs;
    for (size_t i = 0; i < meetings.size(); ++i) {
        Fields m(meetings[i], f.item("meetings", i), f.path,
                 {"ref", "date", "time", "venue", "briefing", "status", "reserve", "reserve_reason",
                  "public_questions_deadline", "agenda_published_on", "ended_at",
                  "minutes_confirmed_at", "invitees", "notes", "items", "attendance",
                  "others_present", "interests", "requests"});
        m.date("date");  // a wrong date is reported as such, not as a ref that is not there
        std::string ref = m.has("ref") ? m.text("ref") : m.text("date");
        if (std::find(refs.begin(), refs.end(), ref) != refs.end())
            m.fail(m.has("ref") ? "ref" : "date", fmt::format("meeting '{}' is given twice", ref));
        refs.push_back(ref);
    }
    for (size_t i = 0; i < meetings.size(); ++i) {
        Fields m(meetings[i], f.item("meetings", i), f.path,
                 {"ref", "date", "time", "venue", "briefing", "status", "reserve", "reserve_reason",
                  "public_questions_deadline", "agenda_published_on", "ended_at",
                  "minutes_confirmed_at", "invitees", "notes", "items", "attendance",
                  "others_present", "interests", "requests"});
        out.meetings.push_back(read_meeting(m, out.members, refs, i));
    }
    return out;
}

std::vector<FilePanel> read_panels_file(const std::string& path) {
    json j = parse_json(read_file(path), path);
    Fields top(j, "", path, {"format", "source", "panels"});
    top.require_format(kFormat, "panels");
    std::vector<FilePanel> out;
    const json& panels = top.list("panels", true);
    for (size_t i = 0; i < panels.size(); ++i) {
        Fields p(panels[i], top.item("panels", i), path,
                 {"key", "name", "kind", "parent", "terms_of_reference", "quorum", "seats",
                  "chair_from_body", "vice_chair_from_other_bodies", "chair", "vice_chair",
                  "offices_elected_on", "contact", "notes", "members", "meetings"});
        FilePanel panel = read_panel(p);
        for (const auto& other : out)
            if (other.panel.key == panel.panel.key)
                p.fail("key", fmt::format("panel '{}' is given twice", panel.panel.key));
        out.push_back(std::move(panel));
    }
    return out;
}

// ---- loading ----

// A store rule broken by the file (std::invalid_argument from a saver) names its place.
template <typename F>
auto at(const std::string& path, const std::string& where, F&& save) {
    try {
        return save();
    } catch (const std::invalid_argument& e) {
        throw InputError(path, 0, where, e.what());
    }
}

struct Linker {
    Database& db;
    const std::string& path;
    std::map<std::pair<std::string, int>, Priority> cache;

    const Priority& priority(const PriorityRef& ref) {
        auto key = std::make_pair(ref.plan, ref.number);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
        auto plan = find_plan(db, Role::administrator, ref.plan);
        if (!plan)
            throw InputError(path, 0, ref.where + ".plan",
                             fmt::format("there is no plan '{}' in the store (load the plans "
                                         "first)",
                                         ref.plan));
        for (auto& p : load_priorities(db, Role::administrator, plan->id))
            if (p.number == ref.number) return cache.emplace(key, std::move(p)).first->second;
        throw InputError(path, 0, ref.where + ".number",
                         fmt::format("plan '{}' has no priority {}", ref.plan, ref.number));
    }
};

void save_file_panel(Database& db, const std::string& path, FilePanel& fp, int64_t panel_id,
                     Linker& linker) {
    // Members: main and co-opted members first, so that each substitute can name theirs.
    std::vector<int64_t> member_ids(fp.members.size(), 0);
    for (bool substitutes : {false, true})
        for (size_t i = 0; i < fp.members.size(); ++i) {
            FileMember& m = fp.members[i];
            if ((m.member.kind == MemberKind::substitute) != substitutes) continue;
            m.member.panel_id = panel_id;
            if (m.substitute_for) m.member.substitute_for = member_ids[*m.substitute_for];
            member_ids[i] = at(path, m.where, [&] { return save_member(db, m.member); });
        }
    if (fp.chair || fp.vice_chair) {
        Panel p = fp.panel;
        p.id = panel_id;
        if (fp.chair) p.chair_id = member_ids[*fp.chair];
        if (fp.vice_chair) p.vice_chair_id = member_ids[*fp.vice_chair];
        at(path, fp.where, [&] { return save_panel(db, p); });
    }

    // Meetings with their agendas and minutes.
    std::vector<int64_t> meeting_ids(fp.meetings.size(), 0);
    std::vector<std::vector<int64_t>> item_ids(fp.meetings.size());
    for (size_t k = 0; k < fp.meetings.size(); ++k) {
        FileMeeting& fm = fp.meetings[k];
        fm.meeting.panel_id = panel_id;
        meeting_ids[k] = at(path, fm.where, [&] { return save_meeting(db, fm.meeting); });
        for (FileItem& fi : fm.items) {
            fi.item.meeting_id = meeting_ids[k];
            for (const auto& ref : fi.priorities)
                fi.item.priority_ids.push_back(linker.priority(ref).id);
            int64_t item_id = at(path, fi.where, [&] { return save_agenda_item(db, fi.item); });
            item_ids[k].push_back(item_id);
            if (!fi.approach_author.empty()) {
                SuggestedApproach approach{item_id, fi.approach_author, {}};
                for (const auto& q : fi.questions)
                    approach.questions.push_back({linker.priority(q.priority).id, q.text});
                at(path, fi.where + ".suggested_approach", [&] {
                    save_suggested_approach(db, approach);
                    return 0;
                });
            }
            for (size_t n = 0; n < fi.minutes.size(); ++n) {
                MinutePoint point = fi.minutes[n];
                point.agenda_item_id = item_id;
                at(path, fmt::format("{}.minutes[{}]", fi.where, n),
                   [&] { return add_minute_point(db, point); });
            }
        }
    }

    // What needs every meeting and member: attendance, interests, requests, confirmations.
    for (size_t k = 0; k < fp.meetings.size(); ++k) {
        FileMeeting& fm = fp.meetings[k];
        if (!fm.attendance.empty()) {
            std::vector<Attendance> rows;
            for (const auto& a : fm.attendance)
                rows.push_back(Attendance{
                    member_ids[a.member], a.status,
                    a.for_member ? std::optional<int64_t>(member_ids[*a.for_member]) : std::nullopt,
                    a.capacity});
            at(path, fm.where + ".attendance", [&] {
                save_attendance(db, meeting_ids[k], rows);
                return 0;
            });
        }
        if (!fm.others.empty())
            at(path, fm.where + ".others_present", [&] {
                save_other_attendees(db, meeting_ids[k], fm.others);
                return 0;
            });
        for (const FileInterest& fi : fm.interests) {
            Interest interest;
            interest.member_id = member_ids[fi.member];
            if (fi.item) interest.agenda_item_id = item_ids[k][*fi.item];
            interest.kind = fi.kind;
            interest.description = fi.description;
            at(path, fi.where, [&] { return add_interest(db, meeting_ids[k], interest); });
        }
        for (FileRequest& fr : fm.requests) {
            PanelRequest& r = fr.request;
            r.panel_id = panel_id;
            r.meeting_id = meeting_ids[k];
            if (fr.item) r.agenda_item_id = item_ids[k][*fr.item];
            if (fr.answered_at) r.answered_at_meeting_id = meeting_ids[*fr.answered_at];
            at(path, fr.where, [&] { return save_request(db, r); });
        }
        if (fm.confirmed_at) {
            Meeting m = fm.meeting;
            m.id = meeting_ids[k];
            m.minutes_confirmed_at = meeting_ids[*fm.confirmed_at];
            at(path, fm.where + ".minutes_confirmed_at", [&] { return save_meeting(db, m); });
        }
    }
}

}  // namespace

ImportSummary load_panels_file(Database& db, const std::string& path, const std::string& user) {
    std::vector<FilePanel> panels = read_panels_file(path);
    ImportSummary summary;
    Linker linker{db, path, {}};
    std::map<std::string, int64_t> ids;  // panel key -> id, this file's and the store's
    std::vector<std::string> loaded;
    size_t meetings = 0, requests = 0;

    Transaction tx(db);
    for (FilePanel& fp : panels) {
        if (auto stored = find_panel(db, fp.panel.key)) {
            ids[fp.panel.key] = stored->id;
            summary.lines.push_back(
                fmt::format("{}: panel '{}' is already in the store; skipped", path, fp.panel.key));
            continue;
        }
        Panel& p = fp.panel;
        if (fp.parent) {
            auto parent = ids.find(*fp.parent);
            if (parent == ids.end()) {
                auto stored = find_panel(db, *fp.parent);
                if (!stored)
                    throw InputError(path, 0, fp.where + ".parent",
                                     fmt::format("no panel '{}' in this file before it or in the "
                                                 "store",
                                                 *fp.parent));
                parent = ids.emplace(*fp.parent, stored->id).first;
            }
            p.parent_id = parent->second;
        }
        int64_t id = at(path, fp.where, [&] { return save_panel(db, p); });
        ids[fp.panel.key] = id;
        save_file_panel(db, path, fp, id, linker);
        loaded.push_back(fp.panel.key);
        meetings += fp.meetings.size();
        for (const auto& m : fp.meetings) requests += m.requests.size();
    }
    if (!loaded.empty()) {
        std::string keys;
        for (const auto& k : loaded) keys += (keys.empty() ? "" : ", ") + k;
        audit(db, user, "panels.load",
              fmt::format("{}: panels {} ({} meetings, {} requests)", path, keys, meetings,
                          requests));
        summary.files_imported++;
        summary.lines.push_back(fmt::format("{}: panels {} ({} meetings, {} requests)", path, keys,
                                            meetings, requests));
    }
    if (loaded.empty()) summary.files_already_in++;
    tx.commit();
    return summary;
}

ImportSummary load_demo_panels(Database& db, const std::string& data_dir) {
    return load_panels_file(db, (std::filesystem::path(data_dir) / "demo" / "panels.json").string(),
                            "demo");
}

}  // namespace scrutineer::store
