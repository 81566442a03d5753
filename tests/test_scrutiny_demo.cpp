// The Norfolk demo panels (data/demo/panels.json, from seeds 001 and 004) loaded into the store
// on both engines: the Police and Crime Panel's membership and its 20 November 2019 meeting,
// the NCCSP Scrutiny Sub Panel's 24 February 2022 meeting with its requests and their written
// answers, its composition on 9 June 2022, the priorities the in-depth reviews link to, loading
// twice, and files that are wrong in one place loading nothing and naming the place.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/matters_arising.hpp"
#include "scrutineer/panel_composition.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/quorum.hpp"
#include "scrutineer/scrutiny_file.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/substitute_rule.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;
using json = nlohmann::json;

namespace {

class ScrutinyDemoTest : public test::StoreTest {
  protected:
    // The plans first: the panels' in-depth reviews name their priorities.
    ImportSummary load_demo() {
        load_demo_plans(*db_, test::data_dir());
        return load_demo_panels(*db_, test::data_dir());
    }

    Panel panel(const std::string& key) {
        auto p = find_panel(*db_, key);
        if (!p) throw std::runtime_error("no panel " + key);
        return *p;
    }

    Meeting meeting(const Panel& p, const std::string& date) {
        for (auto& m : load_meetings(*db_, p.id, Role::administrator))
            if (to_string(m.date) == date) return m;
        throw std::runtime_error("no meeting on " + date);
    }

    const PanelMember& member(const Panel& p, const std::string& name) {
        for (const auto& m : p.members)
            if (m.name == name) return m;
        throw std::runtime_error("no member " + name);
    }

    std::vector<PanelRequest> requests_of(const Meeting& m) {
        std::vector<PanelRequest> out;
        for (auto& r : load_requests(*db_, Role::administrator, m.panel_id))
            if (r.meeting_id == m.id) out.push_back(r);
        return out;
    }

    int64_t priority_id(const std::string& plan_key, int number) {
        auto plan = find_plan(*db_, Role::administrator, plan_key);
        for (const auto& p : load_priorities(*db_, Role::administrator, plan->id))
            if (p.number == number) return p.id;
        throw std::runtime_error("no priority");
    }

    // The shipped file, changed by `edit`, written to a temporary file.
    std::string edited(const std::function<void(json&)>& edit) {
        json j = json::parse(read_file(test::data_dir() + "/demo/panels.json"));
        edit(j);
        return tmp_.write("panels.json", j.dump(2));
    }

    // The place an InputError names, and that nothing at all was stored.
    void expect_nothing_loaded_and_error_at(const std::string& file, const std::string& field,
                                            const std::string& words) {
        try {
            load_panels_file(*db_, file, "test");
            ADD_FAILURE() << "loaded a file that is wrong at " << field;
        } catch (const InputError& e) {
            EXPECT_EQ(e.field, field) << e.what();
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
        for (const char* table : {"panels", "panel_members", "meetings", "agenda_items",
                                  "attendance", "minute_points", "panel_requests"})
            EXPECT_EQ(count(table), 0) << table;
    }
};

TEST_P(ScrutinyDemoTest, PolicePanelHasTenMainAndTwoCoOptedMembersWithTheirSubstitutes) {
    load_demo();
    Panel pcp = panel("pcp");
    EXPECT_EQ(pcp.name, "Norfolk Police and Crime Panel");
    EXPECT_EQ(pcp.kind, PanelKind::police_and_crime_panel);
    EXPECT_EQ(pcp.quorum, 4);
    CalendarDate day = *parse_date("2020-02-04");

    int main = 0, co_opted = 0;
    std::map<std::string, std::string> substitute;  // main member -> named substitute
    for (const PanelMember* m : pcp.serving(day)) {
        if (m->kind == MemberKind::main) {
            ++main;
            const PanelMember* s = pcp.substitute_of(m->id, day);
            ASSERT_NE(s, nullptr) << m->name;
            EXPECT_EQ(s->body, m->body);
            substitute[m->name] = display_name(*s);
        } else if (m->kind == MemberKind::co_opted_independent) {
            ++co_opted;
            EXPECT_EQ(m->body, "Co-opted Independent Member");
            EXPECT_EQ(pcp.substitute_of(m->id, day), nullptr) << "(no substitute member)";
        }
    }
    EXPECT_EQ(main, 10);
    EXPECT_EQ(co_opted, 2);
    EXPECT_EQ(substitute["Martin Storey"], "Mr Phillip Duigan");
    EXPECT_EQ(substitute["William Richmond"], "Michael Chenery of Horsbrugh");
    EXPECT_EQ(substitute["Gordon Bambridge"], "Mr Mark Robinson");
    EXPECT_EQ(substitute["Michael Edney"], "Mr James Easter");
    EXPECT_EQ(substitute["Sarah Bütikofer"], "Dr Edward Maxfield");
    EXPECT_EQ(member(pcp, "Sarah Bütikofer").body, "Norfolk County Council");
    EXPECT_EQ(member(pcp, "Kevin Maguire").body, "Norwich City Council");

    EXPECT_EQ(pcp.chair_id, member(pcp, "William Richmond").id);
    EXPECT_EQ(pcp.vice_chair_id, member(pcp, "Kevin Pellatt FCMI RAF").id);
    // The February 2020 membership keeps every rule: seats, one named substitute each, none
    // for the co-opted members, a chair and a vice-chair.
    EXPECT_EQ(composition_problems(pcp, day), std::vector<std::string>{});

    // Cllr Alison Webb sent apologies in November 2019 but is not on the 2020 membership.
    const PanelMember& webb = member(pcp, "Alison Webb");
    EXPECT_TRUE(webb.serving_on(*parse_date("2019-11-20")));
    EXPECT_FALSE(webb.serving_on(day));

    Panel sub = panel("pcp-complaints");
    EXPECT_EQ(sub.kind, PanelKind::sub_panel);
    EXPECT_EQ(sub.parent_id, pcp.id);
    EXPECT_EQ(sub.members.size(), 5u);
    EXPECT_EQ(sub.chair_id, member(sub, "Kevin Pellatt").id);
    auto sub_meetings = load_meetings(*db_, sub.id, Role::public_user);
    ASSERT_EQ(sub_meetings.size(), 2u);
    EXPECT_EQ(to_string(sub_meetings[1].date), "2020-02-19");  // the seed's "2019", corrected
}

TEST_P(ScrutinyDemoTest, TwentiethOfNovember2019KeepsTheSubstituteRuleAndIsQuorateThroughout) {
    load_demo();
    Panel pcp = panel("pcp");
    Meeting nov = meeting(pcp, "2019-11-20");
    EXPECT_EQ(nov.status, MeetingStatus::held);
    EXPECT_EQ(nov.ended_at, "11:31");
    EXPECT_EQ(nov.venue, "Edwards Room, County Hall, Norwich");
    ASSERT_EQ(nov.items.size(), 10u);
    EXPECT_EQ(nov.items[0].kind, AgendaItemKind::apologies);
    EXPECT_EQ(nov.items[6].title,
              "Police and Crime Plan for Norfolk 2016-2020 – performance monitoring");

    auto attendance = load_attendance(*db_, nov.id);
    EXPECT_EQ(attendance.size(), 13u);
    EXPECT_EQ(attendance_problems(pcp, nov.date, attendance), std::vector<std::string>{});
    int substitutes = 0;
    for (const auto& a : attendance)
        if (a.status == AttendanceStatus::substitute) {
            ++substitutes;
            EXPECT_EQ(substitution_label(pcp, a), "Mr Phillip Duigan for Mr Martin Storey");
        }
    EXPECT_EQ(substitutes, 1);
    auto chair = std::find_if(attendance.begin(), attendance.end(),
                              [&](const Attendance& a) { return a.member_id == *pcp.chair_id; });
    ASSERT_NE(chair, attendance.end());
    EXPECT_EQ(chair->capacity, "Chairman");

    auto interests = load_interests(*db_, nov.id);
    EXPECT_TRUE(interests.empty());  // "No interests were declared."
    for (const auto& item : nov.items) {
        QuorumCheck q = quorum_for_item(pcp, attendance, interests, item.id);
        EXPECT_TRUE(q.met) << item.title << ": " << describe(pcp, q);
        EXPECT_EQ(q.counted, 9) << item.title;  // 8 members present and 1 substitute
    }
    EXPECT_EQ(load_other_attendees(*db_, nov.id).size(), 8u);

    // Minutes: item 7 records the discussion, what was NOTED and what was REQUESTED.
    std::vector<MinutePoint> seven;
    for (const auto& p : load_minutes(*db_, nov.id, Role::public_user))
        if (p.agenda_item_id == nov.items[6].id) seven.push_back(p);
    ASSERT_EQ(seven.size(), 4u);
    EXPECT_FALSE(seven[1].is_resolution);
    EXPECT_NE(seven[1].text.find("split in to physical (face-to-face) and online hate crime"),
              std::string::npos);
    EXPECT_EQ(seven[2].verb, ResolutionVerb::noted);
    EXPECT_EQ(seven[3].verb, ResolutionVerb::requested);
    EXPECT_NE(seven[3].text.find("ANPR (Automatic Number Plate Recognition), drones"),
              std::string::npos);

    // 7.3(2): four information requests for future reports, open and never overdue.
    auto requests = requests_of(nov);
    ASSERT_EQ(requests.size(), 4u);
    auto meetings = load_meetings(*db_, pcp.id, Role::administrator);
    for (const auto& r : requests) {
        EXPECT_EQ(r.kind, RequestKind::information_request);
        EXPECT_EQ(r.due, DueKind::future_reports);
        EXPECT_EQ(r.status, RequestStatus::open);
        EXPECT_EQ(r.agenda_item_id, nov.items[6].id);
        EXPECT_FALSE(is_overdue(r, meetings, *parse_date("2021-01-01")));
    }
    EXPECT_EQ(requests[0].text,
              "Actual numbers of crimes alongside percentages (in future reports).");
    EXPECT_EQ(requests[1].addressee, Addressee::chief_constable);
    // Open, they are matters arising at the next meeting, 4 February 2020.
    EXPECT_EQ(matters_arising(meeting(pcp, "2020-02-04"), meetings,
                              load_requests(*db_, Role::administrator, pcp.id))
                  .size(),
              4u);
    // The minutes of 19 September 2019 were confirmed at this meeting.
    EXPECT_EQ(meeting(pcp, "2019-09-19").minutes_confirmed_at, nov.id);
}

TEST_P(ScrutinyDemoTest, FourthOfFebruary2020AgendaAndTheProgrammesMeetings) {
    load_demo();
    Panel pcp = panel("pcp");
    Meeting feb = meeting(pcp, "2020-02-04");
    EXPECT_EQ(feb.public_questions_deadline, "5pm on Monday 27 January 2020");
    EXPECT_EQ(to_string(*feb.agenda_published_on), "2020-01-27");
    ASSERT_EQ(feb.items.size(), 10u);
    std::vector<std::optional<int>> pages;
    for (const auto& i : feb.items) pages.push_back(i.report_page);
    EXPECT_EQ(pages, (std::vector<std::optional<int>>{std::nullopt, 5, std::nullopt, std::nullopt,
                                                      std::nullopt, std::nullopt, 12, 42, 44, 58}));
    EXPECT_TRUE(feb.items[5].to_follow);  // the precept: "(To follow)"
    EXPECT_EQ(feb.items[6].priority_ids,
              (std::vector<int64_t>{priority_id("pcc-norfolk-2016-2020", 1),
                                    priority_id("pcc-norfolk-2016-2020", 4)}));

    Meeting reserve = meeting(pcp, "2020-02-19");
    EXPECT_TRUE(reserve.reserve);
    EXPECT_EQ(reserve.status, MeetingStatus::scheduled);
    EXPECT_NE(reserve.reserve_reason.find("revised precept"), std::string::npos);
    Meeting june = meeting(pcp, "2020-06-30");
    ASSERT_EQ(june.items.size(), 9u);
    EXPECT_EQ(june.items[0].title, "Election of Chairman and Vice-Chairman");
    EXPECT_EQ(june.items[8].title, "Forward Work Programme");
    EXPECT_EQ(june.items[0].invitees,
              "Commissioner, supported by members of the Commissioner's staff and Chief Constable");
    std::set<std::string> dates;
    for (const auto& m : load_meetings(*db_, pcp.id, Role::public_user))
        if (m.status == MeetingStatus::scheduled) dates.insert(to_string(m.date));
    EXPECT_EQ(dates, (std::set<std::string>{"2020-02-19", "2020-03-24", "2020-06-30", "2020-09-30",
                                            "2020-12-01", "2021-02-02"}));
}

TEST_P(ScrutinyDemoTest, TwentyFourthOfFebruary2022HasItsRequestsAndTheWrittenAnswers) {
    load_demo();
    Panel nccsp = panel("nccsp-scrutiny");
    Meeting feb = meeting(nccsp, "2022-02-24");
    Meeting june = meeting(nccsp, "2022-06-09");
    EXPECT_EQ(feb.ended_at, "12:05");
    ASSERT_EQ(feb.items.size(), 8u);

    auto attendance = load_attendance(*db_, feb.id);
    EXPECT_EQ(attendance_problems(nccsp, feb.date, attendance), std::vector<std::string>{});
    auto in_chair = std::find_if(attendance.begin(), attendance.end(), [](const Attendance& a) {
        return a.capacity == "Vice-Chair in the Chair";
    });
    ASSERT_NE(in_chair, attendance.end());
    EXPECT_EQ(nccsp.member(in_chair->member_id)->name, "Penny Carpenter");
    auto interests = load_interests(*db_, feb.id);
    ASSERT_EQ(interests.size(), 2u);
    for (const auto& i : interests) EXPECT_EQ(i.kind, InterestKind::other);
    EXPECT_EQ(interests[0].description, "as Chair of Trustees of Leeway");
    // Other Interests do not stop members voting: six present, quorum five, on every item.
    for (const auto& item : feb.items) {
        QuorumCheck q = quorum_for_item(nccsp, attendance, interests, item.id);
        EXPECT_TRUE(q.met) << item.title;
        EXPECT_EQ(q.counted, 6);
    }

    auto requests = requests_of(feb);
    EXPECT_EQ(requests.size(), 17u);
    for (const auto& r : requests) EXPECT_EQ(r.addressee, Addressee::partnership);
    auto with = [&](const std::string& words) -> const PanelRequest& {
        for (const auto& r : requests)
            if (r.text.find(words) != std::string::npos) return r;
        throw std::runtime_error("no request: " + words);
    };
    const PanelRequest& a117 = with("Delivery Plan action 1.17");
    EXPECT_EQ(a117.status, RequestStatus::answered);
    EXPECT_EQ(a117.answered_at_meeting_id, june.id);
    EXPECT_EQ(a117.response_note, "Written response appended to the minutes of 24 February 2022");
    EXPECT_NE(a117.response.find("joint Integrated Offender Management (IOM) function"),
              std::string::npos);
    const PanelRequest& a114 = with("Delivery Plan action 1.14");
    EXPECT_EQ(a114.status, RequestStatus::answered);
    EXPECT_NE(a114.response.find("'strong referral pathways exist'"), std::string::npos);
    EXPECT_NE(a114.response.find("No significant variation"), std::string::npos);
    EXPECT_EQ(a114.agenda_item_id, feb.items[4].id);

    // The community trigger requests were answered by Annex 2 of item 9 on 9 June 2022.
    int triggers = 0;
    for (const auto& r : requests)
        if (r.text.find("community trigger") != std::string::npos) {
            ++triggers;
            EXPECT_EQ(r.status, RequestStatus::answered);
            EXPECT_EQ(r.answered_at_meeting_id, june.id);
            EXPECT_NE(r.response.find("Community Trigger Review"), std::string::npos);
        }
    EXPECT_EQ(triggers, 2);

    // The Prevent requests were for the next meeting and are still open: overdue once 9 June
    // 2022 has passed without answering them.
    auto meetings = load_meetings(*db_, nccsp.id, Role::administrator);
    int prevent = 0;
    for (const auto& r : requests)
        if (r.agenda_item_id == feb.items[6].id) {
            ++prevent;
            EXPECT_EQ(r.status, RequestStatus::open);
            EXPECT_EQ(r.due, DueKind::next_meeting);
            EXPECT_EQ(answer_due(r, meetings), june.date);
            EXPECT_FALSE(is_overdue(r, meetings, june.date));
            EXPECT_TRUE(is_overdue(r, meetings, *parse_date("2022-06-10")));
        }
    EXPECT_EQ(prevent, 4);

    // At 9 June 2022 every request of 24 February is a matter arising (open, or answered there),
    // with the two of 27 November 2020 for future reports.
    auto arising =
        matters_arising(june, meetings, load_requests(*db_, Role::public_user, nccsp.id));
    EXPECT_EQ(arising.size(), 19u);
}

TEST_P(ScrutinyDemoTest, NinthOfJune2022CompositionReportsTheVacancies) {
    load_demo();
    Panel nccsp = panel("nccsp-scrutiny");
    EXPECT_EQ(nccsp.quorum, 5);
    EXPECT_EQ(nccsp.chair_from_body, "Norfolk County Council");
    EXPECT_TRUE(nccsp.vice_chair_from_other_bodies);
    EXPECT_NE(nccsp.terms_of_reference.find("Scrutinise the priorities set out in the Community "
                                            "Safety Partnership Plan."),
              std::string::npos);
    std::vector<std::string> problems = composition_problems(nccsp, *parse_date("2022-06-09"));
    EXPECT_EQ(problems,
              (std::vector<std::string>{
                  // The "To be confirmed" Norwich City Council main member:
                  "Norwich City Council has 0 main members; the rules give it 1",
                  // The "To be confirmed" Great Yarmouth Borough Council substitute:
                  "Cllr Penny Carpenter has no named substitute",
                  // The same vacancy seen from its substitute: Cllr Ian Stutely is Norwich's
                  // named substitute, recorded against the member whose term has ended.
                  "Cllr Ian Stutely is a substitute for no serving member",
                  // The seeds do not name the chair (on 24 February 2022 the Vice-Chair was in
                  // the Chair, and the 9 June elections' results are not in seed 004).
                  "The panel has no chair",
              }));

    // Items 8 and 9 are the in-depth reviews of the Safer Norfolk Plan's priorities; item 8
    // reviews two ("Criminal Exploitation and Serious Violence").
    Meeting june = meeting(nccsp, "2022-06-09");
    ASSERT_EQ(june.items.size(), 10u);
    EXPECT_EQ(june.items[1].kind, AgendaItemKind::election_of_chair);
    EXPECT_EQ(june.items[7].priority_ids,
              (std::vector<int64_t>{priority_id("nccsp-safer-norfolk-2021-2024", 2),
                                    priority_id("nccsp-safer-norfolk-2021-2024", 3)}));
    EXPECT_EQ(june.items[8].priority_ids,
              (std::vector<int64_t>{priority_id("nccsp-safer-norfolk-2021-2024", 4)}));
    EXPECT_EQ(june.items[7].report_page, 23);
    Meeting sept = meeting(nccsp, "2022-09-28");
    ASSERT_EQ(sept.items.size(), 2u);
    EXPECT_EQ(sept.items[0].priority_ids,
              (std::vector<int64_t>{priority_id("nccsp-safer-norfolk-2021-2024", 2)}));
    EXPECT_EQ(sept.items[1].priority_ids,
              (std::vector<int64_t>{priority_id("nccsp-safer-norfolk-2021-2024", 1)}));
    EXPECT_EQ(sept.items[0].invitees, "NCCSP Chair and Community Safety Team");
    // "February 2023 (date to be confirmed)" is not a dated meeting.
    EXPECT_EQ(to_string(load_meetings(*db_, nccsp.id, Role::public_user).back().date),
              "2022-12-08");
    // The previous meeting, dated "16 September 2022" in the seed, is 16 September 2021.
    EXPECT_EQ(meeting(nccsp, "2021-09-16").minutes_confirmed_at, meeting(nccsp, "2022-02-24").id);
}

TEST_P(ScrutinyDemoTest, LoadingTwiceAddsNothing) {
    load_demo();
    std::map<std::string, int64_t> before;
    for (const char* t : {"panels", "panel_members", "meetings", "agenda_items", "attendance",
                          "other_attendees", "interests", "minute_points", "panel_requests"})
        before[t] = count(t);
    EXPECT_EQ(before["panels"], 3);
    auto again = load_demo_panels(*db_, test::data_dir());
    for (const auto& [table, n] : before) EXPECT_EQ(count(table), n) << table;
    EXPECT_EQ(again.files_imported, 0);
    EXPECT_EQ(again.files_already_in, 1);
    ASSERT_EQ(again.lines.size(), 3u);
    EXPECT_NE(again.lines[0].find("panel 'pcp' is already in the store; skipped"),
              std::string::npos);
}

TEST_P(ScrutinyDemoTest, AFileWrongInOnePlaceLoadsNothingAndNamesThePlace) {
    load_demo_plans(*db_, test::data_dir());
    // Read and checked before anything is written.
    expect_nothing_loaded_and_error_at(
        edited([](json& j) { j["panels"][0]["meetings"][1]["date"] = "2019-11-31"; }),
        "panels[0].meetings[1].date", "'2019-11-31' is not a date (YYYY-MM-DD)");
    expect_nothing_loaded_and_error_at(
        edited([](json& j) { j["panels"][0]["meetings"][1]["attendance"][8]["for"] = "stoery"; }),
        "panels[0].meetings[1].attendance[8].for", "no member 'stoery'");
    expect_nothing_loaded_and_error_at(
        edited([](json& j) { j["panels"][2]["meetings"][2]["requests"][0]["item"] = "55"; }),
        "panels[2].meetings[2].requests[0].item", "no agenda item '55' in this meeting");
    expect_nothing_loaded_and_error_at(
        edited([](json& j) { j["panels"][0]["members"][0]["kind"] = "chairman"; }),
        "panels[0].members[0].kind", "'chairman' is not one of main, substitute");
    expect_nothing_loaded_and_error_at(
        edited([](json& j) { j["panels"][0]["meetings"][0]["venu"] = "County Hall"; }),
        "panels[0].meetings[0].venu", "is not a field this file may have");

    // The store's own rules, broken after the first panel's rows were written: all rolled back.
    // Cllr Philip Duigan is Mr Martin Storey's named substitute, not Mr William Richmond's.
    expect_nothing_loaded_and_error_at(
        edited([](json& j) { j["panels"][0]["meetings"][1]["attendance"][8]["for"] = "richmond"; }),
        "panels[0].meetings[1].attendance",
        "is not the named substitute of Mr William Richmond (Michael Chenery of Horsbrugh is)");
    expect_nothing_loaded_and_error_at(
        edited([](json& j) {
            j["panels"][2]["meetings"][3]["items"][7]["priorities"][0]["number"] = 9;
        }),
        "panels[2].meetings[3].items[7].priorities[0].number",
        "plan 'nccsp-safer-norfolk-2021-2024' has no priority 9");
}

TEST_P(ScrutinyDemoTest, PanelsNeedTheirPlansFirst) {
    try {
        load_demo_panels(*db_, test::data_dir());
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field, "panels[0].meetings[1].items[6].priorities[0].plan");
        EXPECT_NE(std::string(e.what()).find("no plan 'pcc-norfolk-2016-2020' in the store"),
                  std::string::npos);
    }
    EXPECT_EQ(count("panels"), 0);
    EXPECT_EQ(count("meetings"), 0);
}

INSTANTIATE_STORE_TESTS(ScrutinyDemoTest);

}  // namespace
