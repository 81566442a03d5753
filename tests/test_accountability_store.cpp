// The PCC's accountability in the store, on SQLite and PostgreSQL: round trips, what each role
// reads of confidential decisions and private agenda items, refusals that change nothing, the
// demo file from seed 001 (loaded twice without duplicates; a bad file changes nothing), and the
// bulletin and complaints report of 4 February 2020 built from it.
#include <gtest/gtest.h>

#include <algorithm>

#include "scrutineer/accountability_store.hpp"
#include "scrutineer/input_error.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

class AccountabilityStoreTest : public test::StoreTest {};

CalendarDate day(const char* iso) {
    return *parse_date(iso);
}

Decision a_decision(const char* number, bool confidential) {
    Decision d;
    d.number = *parse_decision_number(number);
    d.date = day("2020-01-20");
    d.category = "Estates";
    d.title = std::string("Title ") + number;
    d.summary = std::string("SECRET-SUMMARY ") + number;
    d.confidential = confidential;
    return d;
}

Meeting pcp(int64_t id, const char* date, const char* published, bool with_items = true) {
    Meeting m;
    m.id = id;
    m.panel_id = 1;
    m.date = day(date);
    m.agenda_published_on = day(published);
    m.status = MeetingStatus::held;
    if (with_items) {
        AgendaItem complaints;
        complaints.title = "PCC Complaints Monitoring Report";
        AgendaItem bulletin;
        bulletin.title = "Information bulletin – questions arising to the PCC";
        m.items = {complaints, bulletin};
    }
    return m;
}

}  // namespace

TEST_P(AccountabilityStoreTest, DecisionsRoundTripAndConfidentialSummariesStayWithOfficers) {
    int64_t open = save_decision(*db_, a_decision("2019-63", false));
    int64_t secret = save_decision(*db_, a_decision("2019-67", true));
    save_decision(*db_, a_decision("2020-05", true));

    auto officer = load_decisions(*db_, Role::officer);
    ASSERT_EQ(officer.size(), 3u);
    EXPECT_EQ(to_string(officer[0].number), "2019-63");
    EXPECT_EQ(officer[1].summary, "SECRET-SUMMARY 2019-67");
    EXPECT_EQ(officer[1].date, day("2020-01-20"));
    EXPECT_TRUE(officer[1].confidential);
    for (Role r : {Role::public_user, Role::panel_member, Role::case_worker}) {
        for (const auto& d : load_decisions(*db_, r))
            if (d.confidential) {
                EXPECT_EQ(d.summary, "") << to_string(r);
            }
        EXPECT_EQ(load_decision(*db_, secret, r)->summary, "");
        EXPECT_EQ(load_decision(*db_, secret, r)->title, "Title 2019-67");
        EXPECT_EQ(find_decision(*db_, *parse_decision_number("2019-67"), r)->summary, "");
        EXPECT_EQ(load_decision(*db_, open, r)->summary, "SECRET-SUMMARY 2019-63");
    }
    EXPECT_EQ(load_decision(*db_, secret, Role::administrator)->summary, "SECRET-SUMMARY 2019-67");
    EXPECT_EQ(load_decisions(*db_, Role::officer, 2020).size(), 1u);
    EXPECT_EQ(decision_years(*db_), (std::vector<int>{2020, 2019}));

    // A number already recorded is refused; an update keeps it.
    EXPECT_THROW(save_decision(*db_, a_decision("2019-63", false)), std::invalid_argument);
    Decision changed = *load_decision(*db_, open, Role::officer);
    changed.title = "New title";
    changed.date_known = false;
    EXPECT_EQ(save_decision(*db_, changed), open);
    EXPECT_EQ(load_decision(*db_, open, Role::public_user)->title, "New title");
    EXPECT_FALSE(load_decision(*db_, open, Role::public_user)->date_known);
    Decision bad = a_decision("2019-99", false);
    bad.title = "";
    EXPECT_THROW(save_decision(*db_, bad), std::invalid_argument);
    EXPECT_EQ(count("pcc_decisions"), 3);
}

TEST_P(AccountabilityStoreTest, ForumItemsOnAPrivateAgendaShowTitleOnly) {
    int64_t m = save_forum_meeting(*db_, Forum::audit_committee, day("2020-01-14"), "Next: April");
    EXPECT_EQ(save_forum_meeting(*db_, Forum::audit_committee, day("2020-01-14"), ""), m);
    ForumItem open{0, m, 0, false, "Internal Audit", "Progress report", ""};
    ForumItem secret{0,
                     m,
                     0,
                     true,
                     "Strategic Risk Register Update",
                     "RISK-DETAIL",
                     "Chief Executive and Chief Constable"};
    ForumItem open2{0, m, 0, false, "Treasury Management", "Half year", ""};
    save_forum_item(*db_, open);
    save_forum_item(*db_, secret);
    save_forum_item(*db_, open2);
    auto meetings = load_forum_meetings(*db_, Role::public_user);
    ASSERT_EQ(meetings.size(), 1u);
    EXPECT_EQ(meetings[0].notes, "Next: April");
    ASSERT_EQ(meetings[0].items.size(), 3u);
    EXPECT_EQ(meetings[0].items[0].title, "Internal Audit");
    EXPECT_EQ(meetings[0].items[1].title, "Treasury Management");
    EXPECT_EQ(meetings[0].items[1].position, 2);
    EXPECT_EQ(meetings[0].items[2].title, "Strategic Risk Register Update");
    EXPECT_EQ(meetings[0].items[2].summary, "");
    EXPECT_EQ(meetings[0].items[2].report_from, "Chief Executive and Chief Constable");
    EXPECT_EQ(load_forum_meeting(*db_, m, Role::panel_member)->items[2].summary, "");
    EXPECT_EQ(load_forum_meeting(*db_, m, Role::officer)->items[2].summary, "RISK-DETAIL");
    EXPECT_FALSE(load_forum_meeting(*db_, m + 100, Role::officer));
    ForumItem orphan{0, m + 100, 0, false, "x", "y", ""};
    EXPECT_THROW(save_forum_item(*db_, orphan), std::invalid_argument);
}

TEST_P(AccountabilityStoreTest, NewsActivitiesComplaintsAndFoiRequests) {
    save_news_item(*db_, NewsItem{0, day("2020-01-24"), "Spotlight", "PAF next week"});
    save_news_item(*db_, NewsItem{0, day("2019-11-12"), "Pledge", "Support"});
    EXPECT_THROW(save_news_item(*db_, NewsItem{0, day("2019-11-12"), "Pledge", "Again"}),
                 std::invalid_argument);
    auto news = load_news_items(*db_);
    ASSERT_EQ(news.size(), 2u);
    EXPECT_EQ(news[0].title, "Pledge");

    save_activity(*db_, OutOfCountyActivity{0, day("2020-01-30"), "Eastern Regions Meeting"});
    EXPECT_THROW(save_activity(*db_, OutOfCountyActivity{0, day("2020-01-30"), ""}),
                 std::invalid_argument);
    EXPECT_EQ(load_activities(*db_).size(), 1u);

    PccComplaint c;
    c.number = next_complaint_number(*db_, ComplaintSubject::pcc);
    EXPECT_EQ(c.number, 1);
    c.number = 13;
    c.dated = day("2019-07-19");
    c.summary = "Advocating for a service user";
    c.status = ComplaintStatus::completed;
    c.outcome = "Written apology";
    int64_t id = save_complaint(*db_, c);
    EXPECT_EQ(next_complaint_number(*db_, ComplaintSubject::pcc), 14);
    EXPECT_EQ(next_complaint_number(*db_, ComplaintSubject::panel), 1);
    EXPECT_THROW(save_complaint(*db_, c), std::invalid_argument);  // number 13 again
    auto loaded = load_complaint(*db_, id);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->outcome, "Written apology");
    EXPECT_FALSE(loaded->completed_on);
    loaded->completed_on = day("2019-08-01");
    save_complaint(*db_, *loaded);
    EXPECT_EQ(load_complaints(*db_)[0].completed_on, day("2019-08-01"));

    FoiRequest ok;
    ok.received_on = day("2019-09-01");
    ok.theme = "WONDER project";
    FoiRequest bad = ok;
    bad.theme = "";
    EXPECT_THROW(add_foi_requests(*db_, {ok, bad}), std::invalid_argument);
    EXPECT_EQ(count("foi_requests"), 0);  // all or none
    add_foi_requests(*db_, {ok, ok});
    EXPECT_EQ(load_foi_requests(*db_).size(), 2u);
}

TEST_P(AccountabilityStoreTest, InspectionStepsMayBeDoneWithOrWithoutADay) {
    Inspection i;
    i.title = "Cyber: Keep the light on";
    i.published_on = day("2019-10-24");
    i.type = InspectionType::national;
    i.step(ResponseStep::sent_to_hmicfrs) = StepDone{true, std::nullopt};
    int64_t id = save_inspection(*db_, i, day("2020-02-04"));
    auto loaded = load_inspection(*db_, id);
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->step(ResponseStep::sent_to_hmicfrs).done);
    EXPECT_FALSE(loaded->step(ResponseStep::sent_to_hmicfrs).on);
    EXPECT_FALSE(loaded->step(ResponseStep::published).done);

    set_response_step(*db_, id, ResponseStep::sent_to_panel, StepDone{true, day("2019-12-10")},
                      day("2020-02-04"));
    EXPECT_EQ(load_inspection(*db_, id)->step(ResponseStep::sent_to_panel).on, day("2019-12-10"));
    // Before publication or in the future: refused, nothing changes.
    EXPECT_THROW(set_response_step(*db_, id, ResponseStep::published,
                                   StepDone{true, day("2019-10-01")}, day("2020-02-04")),
                 std::invalid_argument);
    EXPECT_THROW(set_response_step(*db_, id, ResponseStep::published,
                                   StepDone{true, day("2020-02-05")}, day("2020-02-04")),
                 std::invalid_argument);
    EXPECT_FALSE(load_inspection(*db_, id)->step(ResponseStep::published).done);
    set_response_step(*db_, id, ResponseStep::sent_to_panel, StepDone{}, day("2020-02-04"));
    EXPECT_FALSE(load_inspection(*db_, id)->step(ResponseStep::sent_to_panel).done);
    EXPECT_THROW(save_inspection(*db_, i, day("2020-02-04")), std::invalid_argument);  // twice
    EXPECT_EQ(load_inspections(*db_).size(), 1u);
}

TEST_P(AccountabilityStoreTest, TheDemoFileFromSeed001LoadsOnceAndBuildsTheBulletin) {
    auto first = load_demo_accountability(*db_, test::data_dir());
    ASSERT_EQ(first.lines.size(), 1u);
    EXPECT_EQ(first.files_imported, 1);
    EXPECT_NE(first.lines[0].find("13 decisions"), std::string::npos) << first.lines[0];
    auto again = load_demo_accountability(*db_, test::data_dir());
    EXPECT_EQ(again.files_already_in, 1);
    EXPECT_NE(again.lines[0].find("already loaded"), std::string::npos);

    auto decisions = load_decisions(*db_, Role::officer);
    ASSERT_EQ(decisions.size(), 13u);
    EXPECT_EQ(std::count_if(decisions.begin(), decisions.end(),
                            [](const Decision& d) { return d.confidential; }),
              8);
    auto d69 = find_decision(*db_, *parse_decision_number("2019-69"), Role::public_user);
    ASSERT_TRUE(d69);
    EXPECT_EQ(d69->category, "Employees");
    EXPECT_EQ(d69->title, "Chief Constable’s Contract of Employment");
    EXPECT_EQ(d69->summary, "");
    EXPECT_FALSE(d69->date_known);
    EXPECT_NE(find_decision(*db_, *parse_decision_number("2019-69"), Role::officer)
                  ->summary.find("October 2021"),
              std::string::npos);
    EXPECT_EQ(load_news_items(*db_).size(), 14u);
    EXPECT_EQ(count("forum_meetings"), 3);
    EXPECT_EQ(count("forum_items"), 12);
    EXPECT_EQ(count("pcc_complaints"), 2);
    EXPECT_EQ(count("foi_requests"), 12);
    auto inspections = load_inspections(*db_);
    ASSERT_EQ(inspections.size(), 1u);
    EXPECT_EQ(section_55_deadline(inspections[0]).due, day("2019-12-18"));
    EXPECT_EQ(response_state(inspections[0], day("2020-02-04")).status, ResponseStatus::complete);

    // The bulletin of 4 February 2020 (agenda published 27 January), after 20 November 2019
    // (agenda taken here as published 11 November, the day before the first news item listed).
    Meeting nov = pcp(1, "2019-11-20", "2019-11-11", false);
    Meeting feb = pcp(2, "2020-02-04", "2020-01-27");
    std::vector<Meeting> meetings = {nov, feb};
    auto sources = load_bulletin_sources(*db_, Role::public_user, meetings);
    auto b = information_bulletin(feb, previous_bulletin_meeting(meetings, feb), sources,
                                  Role::public_user);
    EXPECT_EQ(b.decisions.size(), 13u);
    EXPECT_EQ(to_string(b.decisions.front().number), "2019-63");
    EXPECT_EQ(to_string(b.decisions.back().number), "2019-73");
    for (const auto& d : b.decisions)
        if (d.confidential) {
            EXPECT_EQ(d.summary, "") << to_string(d.number);
        }
    EXPECT_EQ(b.news.size(), 14u);
    ASSERT_EQ(b.activities.size(), 1u);
    EXPECT_EQ(b.forums[0].meetings.size(), 1u);  // PAF 28 January 2020
    EXPECT_EQ(b.forums[0].meetings[0].items.size(), 6u);
    EXPECT_TRUE(b.forums[1].meetings.empty());  // Collaboration Panel: last met 8 February 2017
    EXPECT_EQ(b.forums[1].last_meeting->held_on, day("2017-02-08"));
    ASSERT_EQ(b.forums[2].meetings.size(), 1u);  // Audit Committee 14 January 2020
    EXPECT_EQ(b.forums[2].meetings[0].items.back().summary, "");
    EXPECT_TRUE(b.forums[2].meetings[0].items.back().private_agenda);
    ASSERT_EQ(b.responses.size(), 1u);
    EXPECT_TRUE(b.awaited.empty());

    // The complaints report: no earlier report recorded, so everything up to 27 January 2020.
    auto report = complaints_report(feb, previous_report_meeting(meetings, feb),
                                    load_complaints(*db_), load_foi_requests(*db_));
    ASSERT_EQ(report.pcc_complaints.size(), 2u);
    EXPECT_EQ(report.pcc_complaints[0].complaint.number, 13);
    EXPECT_EQ(report.opccn_foi.count, 10);
    EXPECT_EQ(report.opccn_foi.themes.size(), 10u);
    EXPECT_EQ(report.panel_foi.count, 2);
    EXPECT_TRUE(report.panel_complaints.empty());
}

TEST_P(AccountabilityStoreTest, ABadFileChangesNothingAndNamesTheField) {
    test::TempDir dir;
    auto write = [&](const std::string& body) {
        return dir.write("bad.json", R"({"format": "scrutineer-pcc-accountability/1", )" + body);
    };
    struct Case {
        std::string body, field;
    };
    std::vector<Case> cases = {
        {R"("news": [{"published_on": "2020-01-24", "title": "ok", "summary": "s"}],
            "decisions": [{"number": "2019-6", "date": "2020-01-27", "category": "Estates",
            "title": "t", "summary": "s"}]})",
         "decisions[0].number"},
        {R"("news": [{"published_on": "2020-01-24", "title": "ok", "summary": "s"}],
            "decisions": [{"number": "2019-63", "date": "2020-01-27", "category": "Estates",
            "title": "", "summary": "s"}]})",
         "decisions[0].title"},
        {R"("news": [{"published_on": "2020-02-30", "title": "ok", "summary": "s"}]})",
         "news[0].published_on"},
        {R"("news": [{"published_on": "2020-01-24", "title": "ok", "summary": "s", "colour": 1}]})",
         "news[0].colour"},
        {R"("news": [{"published_on": "2020-01-24", "title": "ok", "summary": "s"}],
            "inspections": [{"title": "t", "published_on": "2019-10-24", "type": "national",
            "steps": [{"step": "sent_to_panel"}, {"step": "sent_to_panel"}]}]})",
         "inspections[0].steps[1].step"},
        {R"("news": [{"published_on": "2020-01-24", "title": "ok", "summary": "s"}],
            "foi_requests": [{"about": "opccn", "received_on": "2020-01-27", "theme": "t"}]})",
         "foi_requests[0].about"},
    };
    for (const auto& c : cases) {
        std::string path = write(c.body);
        try {
            load_accountability_file(*db_, path, "test");
            ADD_FAILURE() << "accepted: " << c.body;
        } catch (const InputError& e) {
            EXPECT_EQ(e.field, c.field) << e.what();
            EXPECT_EQ(e.file, path);
        }
        EXPECT_EQ(count("pcc_news_items"), 0) << c.body;
        EXPECT_EQ(count("imports"), 0);
    }
}

INSTANTIATE_STORE_TESTS(AccountabilityStoreTest);
