// The panels' rules, each on a small panel built here: the composition rule
// (panel_composition.hpp), the substitute rule (substitute_rule.hpp), the quorum per item with
// Disclosable Pecuniary Interests (quorum.hpp), and the requests ledger's carry-over and
// overdue (matters_arising.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scrutineer/matters_arising.hpp"
#include "scrutineer/panel_composition.hpp"
#include "scrutineer/quorum.hpp"
#include "scrutineer/substitute_rule.hpp"

using namespace scrutineer;

namespace {

CalendarDate d(const char* text) {
    return *parse_date(text);
}

bool has(const std::vector<std::string>& problems, const std::string& words) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(words) != std::string::npos; });
}

std::string all(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
}

// A sub-panel in the shape of the NCCSP Terms of Reference, smaller: two County Councillors,
// one member from one District, one co-opted independent member without a substitute; the
// chair from the County Council, the vice-chair from the others; quorum 3.
struct SmallPanel {
    Panel panel;
    enum : int64_t { c1 = 1, c2, a1, x1, s_c1, s_c2, s_a1 };

    SmallPanel() {
        Panel& p = panel;
        p.id = 7;
        p.key = "small";
        p.name = "Small Sub Panel";
        p.kind = PanelKind::csp_scrutiny_sub_panel;
        p.quorum = 3;
        p.seats = {{"County Council", 2, MemberKind::main, true},
                   {"District A", 1, MemberKind::main, true},
                   {"Co-opted Independent Member", 1, MemberKind::co_opted_independent, false}};
        p.chair_from_body = "County Council";
        p.vice_chair_from_other_bodies = true;
        p.chair_id = c1;
        p.vice_chair_id = a1;
        p.offices_elected_on = d("2022-06-09");
        add(c1, "Cllr", "Ann County", "County Council", MemberKind::main);
        add(c2, "Cllr", "Bob County", "County Council", MemberKind::main);
        add(a1, "Cllr", "Cath District", "District A", MemberKind::main);
        add(x1, "Mr", "Dan Independent", "Co-opted Independent Member",
            MemberKind::co_opted_independent);
        add(s_c1, "Cllr", "Eve Sub", "County Council", MemberKind::substitute, c1);
        add(s_c2, "Cllr", "Fay Sub", "County Council", MemberKind::substitute, c2);
        add(s_a1, "Cllr", "Gus Sub", "District A", MemberKind::substitute, a1);
    }
    PanelMember& add(int64_t id, const char* title, const char* name, const char* body,
                     MemberKind kind, std::optional<int64_t> for_member = std::nullopt) {
        PanelMember m;
        m.id = id;
        m.panel_id = panel.id;
        m.title = title;
        m.name = name;
        m.body = body;
        m.kind = kind;
        m.substitute_for = for_member;
        m.term_start = d("2022-05-01");
        panel.members.push_back(m);
        return panel.members.back();
    }
    PanelMember& get(int64_t id) {
        for (auto& m : panel.members)
            if (m.id == id) return m;
        throw std::runtime_error("no member");
    }
};

// ---- composition ----

TEST(CompositionRule, AFullMembershipKeepsEveryRule) {
    SmallPanel s;
    EXPECT_EQ(composition_problems(s.panel, d("2022-06-10")), std::vector<std::string>{});
    // Before anyone's term began nobody serves: every seat is empty and the quorum unreachable.
    auto before = composition_problems(s.panel, d("2022-04-30"));
    EXPECT_TRUE(has(before, "County Council has 0 main members; the rules give it 2"))
        << all(before);
    EXPECT_TRUE(has(before, "The panel has no chair"));
    EXPECT_TRUE(has(before, "The panel has 0 members, fewer than its quorum of 3"));
}

TEST(CompositionRule, AVacantSeatIsReportedWithItsOrphanedSubstituteAndOffice) {
    SmallPanel s;
    s.get(SmallPanel::a1).term_end = d("2022-05-31");
    auto problems = composition_problems(s.panel, d("2022-06-10"));
    EXPECT_EQ(problems,
              (std::vector<std::string>{"District A has 0 main members; the rules give it 1",
                                        "Cllr Gus Sub is a substitute for no serving member",
                                        "The panel has no vice-chair"}));
}

TEST(CompositionRule, OneNamedSubstituteEachAndNoneForCoOptedMembers) {
    SmallPanel s;
    s.add(20, "Cllr", "Hal Extra", "County Council", MemberKind::substitute, SmallPanel::c1);
    s.add(21, "Cllr", "Ivy Sub", "Co-opted Independent Member", MemberKind::substitute,
          SmallPanel::x1);
    s.get(SmallPanel::s_c2).term_end = d("2022-05-31");
    auto problems = composition_problems(s.panel, d("2022-06-10"));
    EXPECT_TRUE(has(problems,
                    "Cllr Ann County has 2 named substitutes; each member has one and "
                    "no other substitutes are acceptable"))
        << all(problems);
    EXPECT_TRUE(has(problems, "Cllr Bob County has no named substitute"));
    EXPECT_TRUE(has(problems,
                    "Mr Dan Independent is a co-opted independent member and may not have a "
                    "substitute"));
    EXPECT_EQ(problems.size(), 3u) << all(problems);
}

TEST(CompositionRule, SeatsBodiesAndKinds) {
    SmallPanel s;
    s.add(30, "Cllr", "Jo Extra", "County Council", MemberKind::main);
    s.add(31, "Cllr", "Kit Sub", "County Council", MemberKind::substitute, 30);
    s.add(32, "Cllr", "Lee Elsewhere", "District B", MemberKind::main);
    s.add(33, "Cllr", "Max Sub", "District A", MemberKind::substitute, 32);
    auto problems = composition_problems(s.panel, d("2022-06-10"));
    EXPECT_TRUE(has(problems, "County Council has 3 main members; the rules give it 2"))
        << all(problems);
    EXPECT_TRUE(has(problems,
                    "Cllr Lee Elsewhere represents District B, which has no seat on "
                    "this panel"));
    EXPECT_TRUE(has(problems,
                    "Cllr Max Sub represents District A but substitutes for Cllr Lee "
                    "Elsewhere of District B"));

    SmallPanel t;
    t.get(SmallPanel::x1).kind = MemberKind::main;  // in a co-opted seat as a main member
    auto kinds = composition_problems(t.panel, d("2022-06-10"));
    EXPECT_TRUE(has(kinds,
                    "Mr Dan Independent sits as a Main member but Co-opted Independent "
                    "Member seats are for Co-opted independent members"))
        << all(kinds);
}

TEST(CompositionRule, ChairFromTheCountyViceChairFromTheOthersElectedAnnually) {
    SmallPanel s;
    s.panel.chair_id = SmallPanel::a1;
    s.panel.vice_chair_id = SmallPanel::c2;
    auto problems = composition_problems(s.panel, d("2022-06-10"));
    EXPECT_TRUE(has(problems,
                    "The chair, Cllr Cath District, must be one of the County Council "
                    "members"))
        << all(problems);
    EXPECT_TRUE(has(problems,
                    "The vice-chair, Cllr Bob County, must come from the members other "
                    "than the County Council members"));

    SmallPanel same;
    same.panel.vice_chair_id = SmallPanel::c1;
    same.panel.vice_chair_from_other_bodies = false;
    EXPECT_EQ(composition_problems(same.panel, d("2022-06-10")),
              std::vector<std::string>{"The chair and the vice-chair are the same person"});

    // A substitute cannot hold an office.
    SmallPanel sub;
    sub.panel.chair_id = SmallPanel::s_c1;
    EXPECT_TRUE(has(composition_problems(sub.panel, d("2022-06-10")), "The panel has no chair"));

    // Elected on 9 June 2022: still in office a year on, out of time the day after.
    SmallPanel annual;
    EXPECT_EQ(composition_problems(annual.panel, d("2023-06-09")), std::vector<std::string>{});
    EXPECT_EQ(composition_problems(annual.panel, d("2023-06-10")),
              std::vector<std::string>{"The chair and vice-chair were elected on 9 June 2022; they "
                                       "are elected annually"});
}

TEST(CompositionRule, TooFewMembersForTheQuorum) {
    SmallPanel s;
    s.panel.quorum = 5;
    EXPECT_EQ(composition_problems(s.panel, d("2022-06-10")),
              std::vector<std::string>{"The panel has 4 members, fewer than its quorum of 5"});
}

// ---- the substitute rule ----

Attendance present(int64_t id) {
    return Attendance{id, AttendanceStatus::present, std::nullopt, ""};
}
Attendance apologies(int64_t id) {
    return Attendance{id, AttendanceStatus::apologies, std::nullopt, ""};
}
Attendance substituting(int64_t id, std::optional<int64_t> for_member) {
    return Attendance{id, AttendanceStatus::substitute, for_member, ""};
}

TEST(SubstituteRule, TheNamedSubstituteMayAttendForAnAbsentMember) {
    SmallPanel s;
    std::vector<Attendance> rows = {present(SmallPanel::c2), apologies(SmallPanel::c1),
                                    substituting(SmallPanel::s_c1, SmallPanel::c1)};
    EXPECT_EQ(attendance_problems(s.panel, d("2022-06-10"), rows), std::vector<std::string>{});
    EXPECT_EQ(substitution_label(s.panel, rows[2]), "Cllr Eve Sub for Cllr Ann County");
    // The main member need not be recorded at all.
    EXPECT_EQ(attendance_problems(s.panel, d("2022-06-10"),
                                  {substituting(SmallPanel::s_c1, SmallPanel::c1)}),
              std::vector<std::string>{});
}

TEST(SubstituteRule, NotForAMemberWhoIsPresent) {
    SmallPanel s;
    EXPECT_EQ(attendance_problems(
                  s.panel, d("2022-06-10"),
                  {present(SmallPanel::c1), substituting(SmallPanel::s_c1, SmallPanel::c1)}),
              std::vector<std::string>{
                  "Cllr Ann County is present, so Cllr Eve Sub may not attend for them"});
}

TEST(SubstituteRule, NoOtherSubstitutesAreAcceptable) {
    SmallPanel s;
    EXPECT_EQ(attendance_problems(
                  s.panel, d("2022-06-10"),
                  {apologies(SmallPanel::c1), substituting(SmallPanel::s_c2, SmallPanel::c1)}),
              std::vector<std::string>{
                  "Cllr Fay Sub is not the named substitute of Cllr Ann County (Cllr Eve Sub is); "
                  "no other substitutes are acceptable"});
    // A co-opted independent member has no substitute, so no one may attend for them.
    EXPECT_EQ(attendance_problems(s.panel, d("2022-06-10"),
                                  {substituting(SmallPanel::s_a1, SmallPanel::x1)}),
              std::vector<std::string>{
                  "Mr Dan Independent has no named substitute, so no one may attend for them"});
}

TEST(SubstituteRule, WhoMayBeRecordedAndHow) {
    SmallPanel s;
    CalendarDate day = d("2022-06-10");
    EXPECT_EQ(
        attendance_problems(s.panel, day, {substituting(SmallPanel::c2, SmallPanel::c1)}),
        std::vector<std::string>{"Cllr Bob County is a Main member, not a substitute member"});
    EXPECT_EQ(attendance_problems(s.panel, day, {substituting(SmallPanel::s_c1, std::nullopt)}),
              std::vector<std::string>{"Say which member Cllr Eve Sub is substituting for"});
    EXPECT_EQ(attendance_problems(s.panel, day, {present(SmallPanel::c1), present(SmallPanel::c1)}),
              std::vector<std::string>{"Cllr Ann County is recorded more than once"});
    EXPECT_EQ(attendance_problems(
                  s.panel, day,
                  {Attendance{SmallPanel::c1, AttendanceStatus::present, SmallPanel::c2, ""}}),
              std::vector<std::string>{"Cllr Ann County is recorded as attending for someone "
                                       "without being a substitute"});
    EXPECT_EQ(attendance_problems(s.panel, day, {present(99)}),
              std::vector<std::string>{"Member 99 is not on this panel"});
    s.get(SmallPanel::c2).term_end = d("2022-05-31");
    EXPECT_EQ(
        attendance_problems(s.panel, day, {present(SmallPanel::c2)}),
        std::vector<std::string>{"Cllr Bob County is not a member of the panel on 10 June 2022"});
}

// ---- the quorum, per item ----

TEST(Quorum, SubstitutesCountAndApologiesDoNot) {
    SmallPanel s;
    s.panel.quorum = 4;
    std::vector<Attendance> rows = {present(SmallPanel::c2), present(SmallPanel::a1),
                                    present(SmallPanel::x1), apologies(SmallPanel::c1),
                                    substituting(SmallPanel::s_c1, SmallPanel::c1)};
    EXPECT_EQ(
        voting_members_present(rows),
        (std::vector<int64_t>{SmallPanel::c2, SmallPanel::a1, SmallPanel::x1, SmallPanel::s_c1}));
    QuorumCheck q = quorum_for_item(s.panel, rows, {}, 100);
    EXPECT_EQ(q.counted, 4);
    EXPECT_TRUE(q.met);
    EXPECT_EQ(describe(s.panel, q), "Quorate: 4 members may take part (quorum 4)");
}

TEST(Quorum, ADisclosablePecuniaryInterestTakesTheMemberOutOfThatItemOnly) {
    SmallPanel s;
    s.panel.quorum = 4;
    std::vector<Attendance> rows = {present(SmallPanel::c1), present(SmallPanel::c2),
                                    present(SmallPanel::a1), present(SmallPanel::x1)};
    std::vector<Interest> interests = {
        Interest{1, SmallPanel::c2, 100, InterestKind::disclosable_pecuniary, "owns the site"},
        // An Other Interest is declared, but the member may speak and vote.
        Interest{2, SmallPanel::a1, 100, InterestKind::other, "as a trustee"},
    };
    QuorumCheck item = quorum_for_item(s.panel, rows, interests, 100);
    EXPECT_EQ(item.counted, 3);
    EXPECT_FALSE(item.met);
    EXPECT_EQ(item.excluded, std::vector<int64_t>{SmallPanel::c2});
    EXPECT_EQ(describe(s.panel, item),
              "Not quorate: 3 members may take part (quorum 4); Cllr Bob County may not take "
              "part (Disclosable Pecuniary Interest)");
    QuorumCheck other = quorum_for_item(s.panel, rows, interests, 101);
    EXPECT_EQ(other.counted, 4);
    EXPECT_TRUE(other.met);
    EXPECT_TRUE(other.excluded.empty());

    // Declared for the whole meeting (no item): out of every item.
    interests.push_back(
        Interest{3, SmallPanel::x1, std::nullopt, InterestKind::disclosable_pecuniary, "all"});
    EXPECT_EQ(quorum_for_item(s.panel, rows, interests, 101).counted, 3);
    EXPECT_EQ(quorum_for_item(s.panel, rows, interests, 100).counted, 2);
}

// ---- matters arising and overdue ----

Meeting a_meeting(int64_t id, const char* date, int64_t panel = 7,
                  MeetingStatus status = MeetingStatus::held, bool reserve = false) {
    Meeting m;
    m.id = id;
    m.panel_id = panel;
    m.date = d(date);
    m.time = "10:00";
    m.venue = "County Hall";
    m.status = status;
    m.reserve = reserve;
    return m;
}

PanelRequest a_request(int64_t id, int64_t meeting, RequestStatus status = RequestStatus::open,
                       DueKind due = DueKind::next_meeting, int64_t panel = 7) {
    PanelRequest r;
    r.id = id;
    r.panel_id = panel;
    r.meeting_id = meeting;
    r.text = "An update, please";
    r.status = status;
    r.due = due;
    return r;
}

std::vector<int64_t> ids(const std::vector<PanelRequest>& requests) {
    std::vector<int64_t> out;
    for (const auto& r : requests) out.push_back(r.id);
    return out;
}

struct Ledger {
    // Meetings of panel 7 in February, March (cancelled), April (a reserve date), June and
    // September; one of another panel.
    std::vector<Meeting> meetings = {
        a_meeting(1, "2022-02-24"),
        a_meeting(2, "2022-03-15", 7, MeetingStatus::cancelled),
        a_meeting(3, "2022-04-20", 7, MeetingStatus::scheduled, true),
        a_meeting(4, "2022-06-09"),
        a_meeting(5, "2022-09-28", 7, MeetingStatus::scheduled),
        a_meeting(9, "2022-01-10", 8),
    };
    const Meeting& m(int64_t id) const {
        for (const auto& x : meetings)
            if (x.id == id) return x;
        throw std::runtime_error("no meeting");
    }
};

TEST(MattersArising, OpenRequestsAreCarriedToEveryLaterMeeting) {
    Ledger l;
    std::vector<PanelRequest> requests = {
        a_request(10, 1),                                                 // open
        a_request(11, 1, RequestStatus::partly_answered),                 // still open in part
        a_request(12, 4),                                                 // made at June
        a_request(13, 9, RequestStatus::open, DueKind::next_meeting, 8),  // another panel's
    };
    EXPECT_EQ(ids(matters_arising(l.m(1), l.meetings, requests)), std::vector<int64_t>{});
    EXPECT_EQ(ids(matters_arising(l.m(4), l.meetings, requests)), (std::vector<int64_t>{10, 11}));
    EXPECT_EQ(ids(matters_arising(l.m(5), l.meetings, requests)),
              (std::vector<int64_t>{10, 11, 12}));
}

TEST(MattersArising, ARequestIsCarriedUntilTheMeetingThatClosesIt) {
    Ledger l;
    PanelRequest at_june = a_request(20, 1, RequestStatus::answered);
    at_june.answered_at_meeting_id = 4;  // its answer was in June's papers
    PanelRequest before_june = a_request(21, 1, RequestStatus::answered);
    before_june.answered_on = d("2022-05-01");
    PanelRequest on_june = a_request(22, 1, RequestStatus::declined);
    on_june.answered_on = d("2022-06-09");
    std::vector<PanelRequest> requests = {at_june, before_june, on_june};
    EXPECT_EQ(ids(matters_arising(l.m(4), l.meetings, requests)), (std::vector<int64_t>{20, 22}));
    EXPECT_EQ(ids(matters_arising(l.m(5), l.meetings, requests)), std::vector<int64_t>{});
}

TEST(MattersArising, AnsweredAtALaterMeetingIsStillOpenAtTheMeetingsBetween) {
    Ledger l;
    // Made in February, answered by September's papers: open in June, so carried there.
    PanelRequest r = a_request(30, 1, RequestStatus::answered);
    r.answered_at_meeting_id = 5;
    EXPECT_EQ(ids(matters_arising(l.m(4), l.meetings, {r})), std::vector<int64_t>{30});
    EXPECT_EQ(ids(matters_arising(l.m(5), l.meetings, {r})), std::vector<int64_t>{30});
}

TEST(Overdue, DueAtTheNextMeetingHeldNotCancelledNorAReserveDate) {
    Ledger l;
    PanelRequest r = a_request(40, 1);
    // March was cancelled and April is a reserve date: the next meeting is 9 June.
    EXPECT_EQ(answer_due(r, l.meetings), d("2022-06-09"));
    EXPECT_FALSE(is_overdue(r, l.meetings, d("2022-06-09")));
    EXPECT_TRUE(is_overdue(r, l.meetings, d("2022-06-10")));
    r.status = RequestStatus::partly_answered;
    EXPECT_TRUE(is_overdue(r, l.meetings, d("2022-06-10")));
    r.status = RequestStatus::answered;
    r.answered_at_meeting_id = 4;
    EXPECT_FALSE(is_overdue(r, l.meetings, d("2022-06-10")));
    // Made at the last meeting known: no next meeting yet, so not overdue.
    PanelRequest last = a_request(41, 5);
    EXPECT_EQ(answer_due(last, l.meetings), std::nullopt);
    EXPECT_FALSE(is_overdue(last, l.meetings, d("2030-01-01")));
}

TEST(Overdue, ByADateOrInFutureReports) {
    Ledger l;
    PanelRequest dated = a_request(50, 1, RequestStatus::open, DueKind::date);
    dated.due_date = d("2022-04-30");
    EXPECT_FALSE(is_overdue(dated, l.meetings, d("2022-04-30")));
    EXPECT_TRUE(is_overdue(dated, l.meetings, d("2022-05-01")));
    dated.status = RequestStatus::declined;
    dated.answered_on = d("2022-04-01");
    EXPECT_FALSE(is_overdue(dated, l.meetings, d("2022-05-01")));
    PanelRequest future = a_request(51, 1, RequestStatus::open, DueKind::future_reports);
    EXPECT_EQ(answer_due(future, l.meetings), std::nullopt);
    EXPECT_FALSE(is_overdue(future, l.meetings, d("2030-01-01")));
}

}  // namespace
