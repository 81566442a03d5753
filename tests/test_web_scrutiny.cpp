// The officer's main path through the meetings pages, over HTTP on both engines: arrange a
// meeting (standard items appear), add an item, record attendance with a named substitute,
// minute a resolution, record a request; the request appears as a matter arising on the next
// meeting's agenda until it is answered; others may read but not change; an exempt item and its
// minutes and requests reach only the roles that may see them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <regex>

#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

const std::string kPassword = "correct horse battery";

class WebScrutinyTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        Panel p;
        p.key = "sub";
        p.name = "Scrutiny Sub Panel";
        p.kind = PanelKind::csp_scrutiny_sub_panel;
        p.quorum = 2;
        p.terms_of_reference = "To scrutinise the partnership.";
        p.seats = {{"County Council", 2, MemberKind::main, true},
                   {"District Council", 1, MemberKind::main, true}};
        p.chair_from_body = "County Council";
        p.vice_chair_from_other_bodies = true;
        panel_id_ = store::save_panel(*db_, p);
        auto add = [&](const std::string& name, const std::string& body, MemberKind kind,
                       std::optional<int64_t> for_id = std::nullopt) {
            PanelMember m;
            m.panel_id = panel_id_;
            m.title = "Cllr";
            m.name = name;
            m.body = body;
            m.kind = kind;
            m.substitute_for = for_id;
            m.term_start = *parse_date("2020-01-01");
            return store::save_member(*db_, m);
        };
        anne_ = add("Anne Able", "County Council", MemberKind::main);
        bob_ = add("Bob Brown", "County Council", MemberKind::main);
        cat_ = add("Cat Cole", "District Council", MemberKind::main);
        add("Sam Sub", "County Council", MemberKind::substitute, anne_);
        sid_ = add("Sid Spare", "County Council", MemberKind::substitute, bob_);
        add("Dan Dist", "District Council", MemberKind::substitute, cat_);
        p.id = panel_id_;
        p.chair_id = anne_;
        p.vice_chair_id = cat_;
        p.offices_elected_on = parse_date("2026-06-01");
        store::save_panel(*db_, p);
        for (auto [name, role] :
             {std::pair{"olivia", Role::officer}, std::pair{"pat", Role::panel_member}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    // A browser signed in as `user`.
    test::Browser as(const std::string& user) {
        test::Browser b{app_->port(), {}};
        b.sign_in(user, kPassword);
        return b;
    }

    test::HttpResult get_as(const std::string& user, const std::string& path) {
        return as(user).get(path);
    }

    test::HttpResult post_as(const std::string& user, const std::string& path,
                             const std::string& body) {
        return as(user).post_form(path, body, "/panels");
    }

    int64_t meeting_from(const test::HttpResult& r) {
        std::smatch m;
        std::string location = r.headers.count("location") ? r.headers.at("location") : "";
        EXPECT_TRUE(std::regex_search(location, m, std::regex("/meetings/([0-9]+)"))) << location;
        return m.size() > 1 ? std::stoll(m[1]) : 0;
    }

    int64_t panel_id_ = 0, anne_ = 0, bob_ = 0, cat_ = 0, sid_ = 0;
    std::unique_ptr<test::RunningApp> app_;
};

TEST_P(WebScrutinyTest, OfficerArrangesRecordsAndTheRequestIsCarriedUntilAnswered) {
    std::string panel = "/panels/" + std::to_string(panel_id_);
    // Not an officer: refused, nothing made.
    EXPECT_EQ(post_as("pat", panel + "/meetings", "date=2026-06-09&time=10:00&venue=Hall").status,
              403);
    EXPECT_TRUE(store::load_meetings(*db_, panel_id_, Role::administrator).empty());
    // A bad time: the form again with the error, nothing made.
    auto bad = post_as("olivia", panel + "/meetings", "date=2026-06-09&time=25:00&venue=Hall");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("Enter the time as HH:MM"), std::string::npos);
    EXPECT_TRUE(store::load_meetings(*db_, panel_id_, Role::administrator).empty());

    auto made = post_as("olivia", panel + "/meetings",
                        "date=2026-06-09&time=10:00&venue=Council+Chamber%2C+County+Hall");
    ASSERT_EQ(made.status, 303);
    int64_t first = meeting_from(made);
    auto page = get_as("olivia", "/meetings/" + std::to_string(first));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("To receive apologies and details of any substitute members"),
              std::string::npos);
    EXPECT_NE(page.body.find("Election of Chair"), std::string::npos);  // June: the civic year
    EXPECT_NE(page.body.find("Members to Declare any Interests"), std::string::npos);

    std::string m1 = "/meetings/" + std::to_string(first);
    ASSERT_EQ(post_as("olivia", m1 + "/items",
                      "title=Partnership+Priority+-+Neighbourhood+Crime&page=42&visibility=public")
                  .status,
              303);
    auto meeting = store::load_meeting(*db_, first, Role::administrator);
    int64_t item = meeting->items.back().id;
    EXPECT_EQ(meeting->items.back().report_page, 42);

    // Bob sends apologies and his named substitute attends; Anne chairs; Cat is present.
    std::string att = fmt::format(
        "status-{}=present&capacity-{}=Chair&status-{}=substitute&status-{}=present&others="
        "Jo+Martin%2C+Democratic+Support+and+Scrutiny+Manager",
        anne_, anne_, bob_, cat_);
    ASSERT_EQ(post_as("olivia", m1 + "/attendance", att).status, 303);
    auto rows = store::load_attendance(*db_, first);
    ASSERT_EQ(rows.size(), 4u);
    page = get_as("olivia", m1);
    EXPECT_NE(page.body.find("Cllr Sid Spare for Cllr Bob Brown"), std::string::npos);
    EXPECT_NE(page.body.find("Quorate"), std::string::npos);
    EXPECT_NE(page.body.find("Jo Martin, Democratic Support and Scrutiny Manager"),
              std::string::npos);

    // A Disclosable Pecuniary Interest takes Cat out of the item: 2 still make the quorum of 2.
    ASSERT_EQ(post_as("olivia", m1 + "/interests",
                      fmt::format("member={}&item={}&kind=disclosable_pecuniary&description=as+"
                                  "landlord+of+the+site",
                                  cat_, item))
                  .status,
              303);
    page = get_as("olivia", m1);
    EXPECT_NE(page.body.find("Cllr Cat Cole may not take part (Disclosable Pecuniary Interest)"),
              std::string::npos);

    ASSERT_EQ(
        post_as("olivia", m1 + "/minutes", fmt::format("item={}&verb=noted&text=the+report.", item))
            .status,
        303);
    EXPECT_EQ(
        post_as("olivia", m1 + "/minutes", fmt::format("item={}&verb=noted&text=", item)).status,
        400);
    ASSERT_EQ(post_as("olivia", m1 + "/requests",
                      fmt::format("item={}&kind=information_request&text=Where+has+the+community+"
                                  "trigger+been+activated%3F&addressee=partnership&due=next_"
                                  "meeting&visibility=public",
                                  item))
                  .status,
              303);
    auto requests = store::load_requests(*db_, Role::administrator, panel_id_);
    ASSERT_EQ(requests.size(), 1u);
    page = get_as("olivia", m1 + "/minutes");
    EXPECT_NE(page.body.find("<strong>NOTED</strong> the report."), std::string::npos);
    EXPECT_NE(page.body.find("Where has the community trigger been activated?"), std::string::npos);

    // The next meeting carries the open request as a matter arising.
    int64_t second = meeting_from(
        post_as("olivia", panel + "/meetings", "date=2026-09-28&time=10:00&venue=Hall"));
    std::string m2 = "/meetings/" + std::to_string(second);
    auto agenda = app_->get(m2 + "/agenda");
    ASSERT_EQ(agenda.status, 200);
    EXPECT_NE(agenda.body.find("Where has the community trigger been activated?"),
              std::string::npos);
    EXPECT_NE(agenda.body.find("To confirm the minutes of the meeting held on 9 June 2026."),
              std::string::npos);

    // Answered at the second meeting: still shown there (it was open when it met), and closed.
    std::string r = "/requests/" + std::to_string(requests[0].id);
    EXPECT_EQ(post_as("olivia", r, "status=answered&response=Three+areas").status, 400);
    ASSERT_EQ(post_as("olivia", r,
                      fmt::format("status=answered&response=Three+areas&answered_at={}", second))
                  .status,
              303);
    auto answered = store::load_request(*db_, requests[0].id, Role::administrator);
    EXPECT_EQ(answered->status, RequestStatus::answered);
    EXPECT_EQ(answered->answered_on, parse_date("2026-09-28"));
    EXPECT_NE(app_->get(m2).body.find("Where has the community trigger been activated?"),
              std::string::npos);
    // A third meeting no longer carries it.
    int64_t third = meeting_from(
        post_as("olivia", panel + "/meetings", "date=2026-12-08&time=10:00&venue=Hall"));
    EXPECT_EQ(app_->get("/meetings/" + std::to_string(third)).body.find("community trigger"),
              std::string::npos);
    // Every change left an audit row.
    auto audited = db_->query(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'meeting.%' OR "
        "action LIKE 'request.%' OR action LIKE 'minutes.%'");
    EXPECT_GE(store::as_int(audited[0][0]), 6);
}

TEST_P(WebScrutinyTest, ASubstituteMayAttendOnlyForTheirOwnMemberWhenAbsent) {
    Meeting m;
    m.panel_id = panel_id_;
    m.date = *parse_date("2026-03-01");
    m.time = "10:00";
    m.venue = "Hall";
    int64_t id = store::save_meeting(*db_, m);
    // Sid is Bob's substitute, not Anne's.
    EXPECT_THROW(store::save_attendance(*db_, id,
                                        {{anne_, AttendanceStatus::apologies, std::nullopt, ""},
                                         {sid_, AttendanceStatus::substitute, anne_, ""}}),
                 std::invalid_argument);
    // Bob is present, so Sid may not attend for him.
    EXPECT_THROW(store::save_attendance(*db_, id,
                                        {{bob_, AttendanceStatus::present, std::nullopt, ""},
                                         {sid_, AttendanceStatus::substitute, bob_, ""}}),
                 std::invalid_argument);
    EXPECT_TRUE(store::load_attendance(*db_, id).empty());
    EXPECT_NO_THROW(store::save_attendance(*db_, id,
                                           {{bob_, AttendanceStatus::apologies, std::nullopt, ""},
                                            {sid_, AttendanceStatus::substitute, bob_, ""}}));
}

TEST_P(WebScrutinyTest, ExemptItemsTheirMinutesAndRequestsReachOnlyRolesThatMaySeeThem) {
    Meeting m;
    m.panel_id = panel_id_;
    m.date = *parse_date("2026-03-01");
    m.time = "10:00";
    m.venue = "Hall";
    m.status = MeetingStatus::held;
    int64_t id = store::save_meeting(*db_, m);
    AgendaItem item;
    item.meeting_id = id;
    item.title = "EXEMPT-ITEM-TITLE";
    item.visibility = Visibility::exempt;
    int64_t item_id = store::save_agenda_item(*db_, item);
    MinutePoint p;
    p.agenda_item_id = item_id;
    p.text = "EXEMPT-MINUTE-TEXT";
    store::add_minute_point(*db_, p);
    PanelRequest q;
    q.panel_id = panel_id_;
    q.meeting_id = id;
    q.agenda_item_id = item_id;
    q.text = "EXEMPT-REQUEST-TEXT";
    int64_t request = store::save_request(*db_, q);
    for (const std::string& path : std::vector<std::string>{
             "/meetings/" + std::to_string(id), "/meetings/" + std::to_string(id) + "/minutes",
             "/meetings/" + std::to_string(id) + "/agenda", std::string("/requests"),
             "/requests/" + std::to_string(request)}) {
        auto anonymous = app_->get(path);
        for (const char* secret :
             {"EXEMPT-ITEM-TITLE", "EXEMPT-MINUTE-TEXT", "EXEMPT-REQUEST-TEXT"})
            EXPECT_EQ(anonymous.body.find(secret), std::string::npos) << path << " " << secret;
    }
    EXPECT_EQ(app_->get("/requests/" + std::to_string(request)).status, 404);
    auto member = get_as("pat", "/meetings/" + std::to_string(id));
    EXPECT_NE(member.body.find("EXEMPT-ITEM-TITLE"), std::string::npos);
    EXPECT_NE(member.body.find("EXEMPT-MINUTE-TEXT"), std::string::npos);
    EXPECT_NE(member.body.find("EXEMPT-REQUEST-TEXT"), std::string::npos);
}

TEST_P(WebScrutinyTest, OfficersKeepTheMembershipAndTheCompositionCheckFollows) {
    std::string panel = "/panels/" + std::to_string(panel_id_);
    EXPECT_EQ(app_->get(panel).body.find("composition-problems"), std::string::npos);
    // A third County Council member breaks "2 seats" and has no substitute.
    EXPECT_EQ(
        post_as("pat", panel + "/members",
                "title=Cllr&name=Eve+Extra&body=County+Council&kind=main&term_start=2026-01-01")
            .status,
        403);
    ASSERT_EQ(
        post_as("olivia", panel + "/members",
                "title=Cllr&name=Eve+Extra&body=County+Council&kind=main&term_start=2026-01-01")
            .status,
        303);
    auto page = app_->get(panel).body;
    EXPECT_NE(page.find("County Council has 3 main members; the rules give it 2"),
              std::string::npos);
    EXPECT_NE(page.find("Cllr Eve Extra has no named substitute"), std::string::npos);
    // A substitute must name a main member.
    EXPECT_EQ(post_as("olivia", panel + "/members",
                      "name=Sue&body=County+Council&kind=substitute&term_start=2026-01-01")
                  .status,
              400);
    // Her term ends: the panel keeps its rules again.
    auto eve = store::load_panel(*db_, panel_id_)->members.back().id;
    EXPECT_EQ(post_as("olivia", panel + "/terms", fmt::format("member={}&term_end=2026-13-01", eve))
                  .status,
              400);
    ASSERT_EQ(post_as("olivia", panel + "/terms", fmt::format("member={}&term_end=2026-02-01", eve))
                  .status,
              303);
    EXPECT_EQ(app_->get(panel).body.find("composition-problems"), std::string::npos);
    // The chair must come from the County Council members.
    ASSERT_EQ(post_as("olivia", panel + "/offices",
                      fmt::format("chair={}&vice_chair={}&elected_on=2026-06-01", cat_, anne_))
                  .status,
              303);
    page = app_->get(panel).body;
    EXPECT_NE(page.find("The chair, Cllr Cat Cole, must be one of the County Council members"),
              std::string::npos);
    EXPECT_EQ(post_as("olivia", panel + "/offices",
                      fmt::format("chair={}&vice_chair={}&elected_on=2026-06-01", anne_, anne_))
                  .status,
              400);
}

INSTANTIATE_STORE_TESTS(WebScrutinyTest);

}  // namespace
