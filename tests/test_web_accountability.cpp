// The PCC-accountability pages over real HTTP on both engines: the bulletin of 4 February 2020
// from the demo data in the seed's sections and its period boundaries, the complaints
// monitoring report, what each role sees of confidential decisions and private agenda items in
// every page and in /api/v1/decisions, the s55 state of inspections on today's date, and the
// officers' forms (errors with the error summary and nothing changed; an audit row for every
// change; refused for other roles).
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "scrutineer/accountability_store.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kSecretDecision = "SECRET-DECISION-DETAIL";
const std::string kSecretRisk = "SECRET-RISK-DETAIL";
// The summary of confidential decision 2019-67 in the demo data (seed 001).
const std::string kDemoConfidential = "The PCC approved the purchase of a new site";

using test::Browser;

// A form post of `fields` to `action`, with the token of `page`'s forms.
HttpResult submit(Browser& c, const std::string& page, const std::string& action,
                  const std::vector<std::pair<std::string, std::string>>& fields) {
    return c.post_fields(action, fields, page);
}

bool has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
}

CalendarDate day(const char* iso) {
    return *parse_date(iso);
}

CalendarDate days_from_today(int n) {
    auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return CalendarDate{std::chrono::year_month_day{today + std::chrono::days{n}}};
}

class AccountabilityWebTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::load_demo_accountability(*db_, test::data_dir());
        Decision secret;
        secret.number = *parse_decision_number("2020-01");
        secret.date = day("2020-01-10");
        secret.category = "Estates";
        secret.title = "A site purchase";
        secret.summary = kSecretDecision;
        secret.confidential = true;
        store::save_decision(*db_, secret);
        int64_t audit_meeting =
            store::save_forum_meeting(*db_, Forum::audit_committee, day("2020-01-14"), "");
        store::save_forum_item(*db_, ForumItem{0, audit_meeting, 0, true, "Counter-fraud review",
                                               kSecretRisk, "Chief Executive"});
        // News on the cut-off day and on the day after it.
        store::save_news_item(*db_, NewsItem{0, day("2020-01-27"), "ON-CUT-OFF-DAY", "s"});
        store::save_news_item(*db_, NewsItem{0, day("2020-01-28"), "DAY-AFTER-CUT-OFF", "s"});

        Panel pcp;
        pcp.key = "pcp";
        pcp.name = "Norfolk Police and Crime Panel";
        pcp.kind = PanelKind::police_and_crime_panel;
        pcp.quorum = 4;
        panel_ = store::save_panel(*db_, pcp);
        nov_ = meeting("2019-11-20", "2019-11-11");
        feb_ = meeting("2020-02-04", "2020-01-27", true);
        march_ = meeting("2020-03-24", std::nullopt);
        Panel sub;
        sub.key = "sub";
        sub.name = "Complaints Policy Sub Panel";
        sub.kind = PanelKind::sub_panel;
        sub.quorum = 2;
        Meeting m;
        m.panel_id = store::save_panel(*db_, sub);
        m.date = day("2020-02-19");
        m.time = "10:00";
        m.venue = "County Hall";
        sub_meeting_ = store::save_meeting(*db_, m);

        for (auto [name, role] :
             {std::pair{"pat", Role::panel_member}, std::pair{"olivia", Role::officer},
              std::pair{"cass", Role::case_worker}, std::pair{"ada", Role::administrator}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    int64_t meeting(const char* date, std::optional<const char*> published,
                    bool complaints_report = false) {
        Meeting m;
        m.panel_id = panel_;
        m.date = day(date);
        m.time = "10:00";
        m.venue = "Edwards Room, County Hall, Norwich";
        if (published) m.agenda_published_on = day(*published);
        int64_t id = store::save_meeting(*db_, m);
        std::vector<std::string> titles = {"Information bulletin – questions arising to the PCC"};
        if (complaints_report) titles.push_back("PCC Complaints Monitoring Report");
        for (const auto& t : titles) {
            AgendaItem item;
            item.meeting_id = id;
            item.position = 0;
            item.title = t;
            store::save_agenda_item(*db_, item);
        }
        return id;
    }

    Browser client(const std::string& user = "") {
        Browser c{app_->port(), {}};
        if (!user.empty()) {
            auto r = c.sign_in(user, kPassword);
            EXPECT_EQ(r.status, 303) << r.body;
        }
        return c;
    }
    std::string bulletin(int64_t meeting) const {
        return "/meetings/" + std::to_string(meeting) + "/bulletin";
    }
    int64_t audits(const std::string& action) {
        return store::as_int(
            db_->query("SELECT COUNT(*) FROM audit_log WHERE action = ?", {store::text(action)})
                .at(0)
                .at(0));
    }

    int64_t panel_ = 0, nov_ = 0, feb_ = 0, march_ = 0, sub_meeting_ = 0;
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(AccountabilityWebTest, TheBulletinOfFourFebruary2020InTheSeedsSections) {
    auto r = client().get(bulletin(feb_));
    ASSERT_EQ(r.status, 200) << r.body;
    const std::string& b = r.body;
    for (const char* text :
         {"a) Decisions taken",
          "Decisions made by the PCC, up until 27 January 2020",
          "b) Items of news",
          "c) Police Accountability Forum meetings",
          "d) Norfolk and Suffolk Collaboration Panel meetings",
          "e) Other out-of-county activity between 20 November 2019 and 4 February 2020",
          "f) Audit Committee meetings",
          "g) PCC response to inspections",
          "Confidential Decision 2019-67",
          "Eastern Investigation Hub – submission of planning",
          "Decision 2019-63",
          "Daisy Programme",
          "Eastern Regions Meeting",
          "28 January 2020",
          "Strategic Risk Register Update",
          "not published",
          "It last met on 8 February 2017",
          "Cyber: Keep the light on",
          "after 11 November 2019 up to and including 27 January 2020",
          "ON-CUT-OFF-DAY"})
        EXPECT_TRUE(has(b, text)) << text;
    // Categories in the seed's order: Commissioned Services first, Other last.
    EXPECT_LT(b.find("Commissioned Services – Support Victims"), b.find(">Estates<"));
    EXPECT_LT(b.find(">Employees<"), b.find(">Other<"));
    // The day after the cut-off is the next bulletin's, not this one's.
    EXPECT_FALSE(has(b, "DAY-AFTER-CUT-OFF"));
    auto next = client().get(bulletin(march_));
    ASSERT_EQ(next.status, 200);
    EXPECT_TRUE(has(next.body, "DAY-AFTER-CUT-OFF"));
    EXPECT_FALSE(has(next.body, "ON-CUT-OFF-DAY"));
    EXPECT_FALSE(has(next.body, "Confidential Decision 2019-67"));
    // The PAF of 28 January was reported in February: March says when it last met.
    EXPECT_TRUE(has(next.body, "It last met on 28 January 2020"));
    EXPECT_TRUE(has(next.body, "reported to the Panel at its 4 February 2020 meeting"));

    EXPECT_EQ(client().get("/meetings/999999/bulletin").status, 404);
    EXPECT_EQ(client().get(bulletin(sub_meeting_)).status, 404);
}

TEST_P(AccountabilityWebTest, TheComplaintsMonitoringReport) {
    auto r = client().get("/meetings/" + std::to_string(feb_) + "/complaints-report");
    ASSERT_EQ(r.status, 200) << r.body;
    for (const char* text :
         {"Complaint 13 – Dated: 19 July 2019", "Complaint 14 – Dated: 9 August 2019",
          "the PCC provided a written apology", "10 FOI requests have been received",
          "Encampments consultation", "WONDER project",
          "No complaints relating to the Panel have been received",
          "2 FOI requests have been received", "up to and including 27 January 2020"})
        EXPECT_TRUE(has(r.body, text)) << text;
}

TEST_P(AccountabilityWebTest, ConfidentialSummariesReachOnlyOfficersAndAdministrators) {
    std::vector<std::string> routes = {
        "/decisions",        "/decisions?year=2019",        "/decisions?year=2020",
        "/api/v1/decisions", "/api/v1/decisions?year=2020", bulletin(feb_),
        "/pcc-activity"};
    const std::vector<std::string> users = {"", "pat", "cass", "olivia", "ada"};
    for (const auto& user : users) {
        Browser c = client(user);
        bool officer = user == "olivia" || user == "ada";
        for (const auto& route : routes) {
            auto r = c.get(route);
            ASSERT_EQ(r.status, 200) << user << " " << route;
            // Each route shows the confidential item it lists to officers only.
            if (route.find("2019") == std::string::npos && route != "/pcc-activity") {
                EXPECT_EQ(has(r.body, kSecretDecision), officer) << user << " " << route;
            }
            if (route.find("2020") == std::string::npos && route != "/pcc-activity") {
                EXPECT_EQ(has(r.body, kDemoConfidential), officer) << user << " " << route;
            }
            if (route == "/pcc-activity" || route == bulletin(feb_)) {
                EXPECT_EQ(has(r.body, kSecretRisk), officer) << user << " " << route;
                EXPECT_TRUE(has(r.body, "Counter-fraud review")) << user << " " << route;
            }
            if (route.find("2019") == std::string::npos && route.find("/api/") != 0 &&
                route != "/pcc-activity") {
                EXPECT_TRUE(has(r.body, "A site purchase")) << user << " " << route;
            }
        }
    }
    // The API leaves a redacted summary out rather than sending it empty.
    auto api = nlohmann::json::parse(client().get("/api/v1/decisions?year=2020").body);
    bool found = false;
    for (const auto& d : api) {
        if (d["number"] != "2020-01") continue;
        found = true;
        EXPECT_TRUE(d["confidential"].get<bool>());
        EXPECT_FALSE(d.contains("summary"));
        EXPECT_EQ(d["title"], "A site purchase");
    }
    EXPECT_TRUE(found);
    auto officer = nlohmann::json::parse(client("olivia").get("/api/v1/decisions?year=2020").body);
    for (const auto& d : officer)
        if (d["number"] == "2020-01") {
            EXPECT_EQ(d["summary"], kSecretDecision);
        }
    EXPECT_EQ(client().get("/decisions?year=19").status, 400);
    EXPECT_EQ(client().get("/api/v1/decisions?year=abcd").status, 400);
}

TEST_P(AccountabilityWebTest, InspectionsAreDueOrOverdueOnTodaysDate) {
    Inspection due;
    due.title = "Recently published";
    due.published_on = days_from_today(-10);  // day 11 of 56: 45 days left
    store::save_inspection(*db_, due, days_from_today(0));
    Inspection late;
    late.title = "Long ago published";
    late.published_on = days_from_today(-100);  // the 56th day was 45 days ago
    late.step(ResponseStep::sent_to_hmicfrs) = StepDone{true, std::nullopt};
    int64_t late_id = store::save_inspection(*db_, late, days_from_today(0));
    store::audit(*db_, "test", "inspections added", "");  // the page cache sees the change

    auto list = client().get("/inspections");
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(has(list.body, "Due: 45 days left")) << list.body;
    EXPECT_TRUE(has(list.body, "Overdue by 45 days"));
    EXPECT_TRUE(has(list.body, "1 response is overdue"));
    auto page = client().get("/inspections/" + std::to_string(late_id));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "govuk-warning-text"));
    EXPECT_TRUE(has(page.body, "Response forwarded to Chief Constable; Response forwarded to"));
    EXPECT_TRUE(has(page.body, "56 days beginning with"));
    auto cyber = client().get("/inspections");
    EXPECT_TRUE(has(cyber.body, "18 December 2019"));
    EXPECT_EQ(client().get("/inspections/999999").status, 404);
}

TEST_P(AccountabilityWebTest, OfficersRecordWhatTheBulletinReportsOthersCannot) {
    // Anonymous visitors are sent to sign in; panel members are refused; nothing changes.
    Browser anon = client();
    auto r = submit(anon, "/decisions", "/decisions",
                    {{"number", "2020-07"},
                     {"date", "2020-01-20"},
                     {"category", "Estates"},
                     {"title", "T"},
                     {"summary", "S"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_TRUE(has(r.headers["location"], "/login"));
    Browser pat = client("pat");
    r = submit(pat, "/decisions", "/decisions",
               {{"number", "2020-07"},
                {"date", "2020-01-20"},
                {"category", "Estates"},
                {"title", "T"},
                {"summary", "S"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(count("pcc_decisions"), 14);

    Browser olivia = client("olivia");
    // A bad number: the error summary, the field's message, nothing saved.
    r = submit(olivia, "/decisions", "/decisions",
               {{"number", "2020-7"},
                {"date", "2020-01-20"},
                {"category", "Estates"},
                {"title", "Mast letting"},
                {"summary", "Letting"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "govuk-error-summary"));
    EXPECT_TRUE(has(r.body, "href=\"#decision-number\""));
    EXPECT_TRUE(has(r.body, "value=\"Mast letting\""));  // the form keeps what was sent
    EXPECT_EQ(count("pcc_decisions"), 14);
    // A number already recorded.
    r = submit(olivia, "/decisions", "/decisions",
               {{"number", "2019-63"},
                {"date", "2020-01-20"},
                {"category", "Estates"},
                {"title", "Again"},
                {"summary", "Again"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "Decision 2019-63 is already recorded"));
    r = submit(olivia, "/decisions", "/decisions",
               {{"number", "2020-07"},
                {"date", "2020-01-20"},
                {"category", "Estates"},
                {"title", "Mast letting"},
                {"summary", "MAST-DETAIL"},
                {"confidential", "yes"}});
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(count("pcc_decisions"), 15);
    EXPECT_EQ(audits("decision recorded"), 1);
    EXPECT_FALSE(has(client().get("/decisions?year=2020").body, "MAST-DETAIL"));
    EXPECT_TRUE(has(client().get(bulletin(feb_)).body, "Mast letting"));

    // News, a private forum item, out-of-county activity.
    r = submit(olivia, "/pcc-activity", "/pcc-activity/news",
               {{"news_date", "2020-01-26"}, {"news_title", ""}, {"news_summary", "x"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "href=\"#news-title\""));
    r = submit(olivia, "/pcc-activity", "/pcc-activity/news",
               {{"news_date", "2020-01-26"}, {"news_title", "NEW-ITEM"}, {"news_summary", "x"}});
    EXPECT_EQ(r.status, 303);
    r = submit(olivia, "/pcc-activity", "/pcc-activity/forum-items",
               {{"forum", "police_accountability_forum"},
                {"held_on", "2020-01-28"},
                {"private", "yes"},
                {"item_title", "PRIVATE-SUBJECT"},
                {"item_summary", "PRIVATE-SUMMARY"},
                {"report_from", "Chief Constable"}});
    EXPECT_EQ(r.status, 303) << r.body;
    r = submit(olivia, "/pcc-activity", "/pcc-activity/forum-items",
               {{"forum", ""}, {"held_on", "2020-13-01"}, {"item_title", "x"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "href=\"#forum\""));
    EXPECT_TRUE(has(r.body, "href=\"#held-on\""));
    r = submit(olivia, "/pcc-activity", "/pcc-activity/activities",
               {{"activity_date", "2020-02-01"}, {"activity", "APCC meeting, London"}});
    EXPECT_EQ(r.status, 303);
    auto b = client().get(bulletin(feb_)).body;
    EXPECT_TRUE(has(b, "NEW-ITEM"));
    EXPECT_TRUE(has(b, "PRIVATE-SUBJECT"));
    EXPECT_TRUE(has(b, "Report from Chief Constable, not published."));
    EXPECT_FALSE(has(b, "PRIVATE-SUMMARY"));
    EXPECT_TRUE(has(client("ada").get(bulletin(feb_)).body, "PRIVATE-SUMMARY"));
    EXPECT_TRUE(has(b, "APCC meeting, London"));
    EXPECT_EQ(audits("news item recorded"), 1);
    EXPECT_EQ(audits("forum item recorded"), 1);
    EXPECT_EQ(audits("out-of-county activity recorded"), 1);

    // An inspection and its steps.
    std::string published = to_string(days_from_today(-3));
    r = submit(olivia, "/inspections", "/inspections",
               {{"title", "PEEL 2021"}, {"published_on", published}, {"type", "force"}});
    ASSERT_EQ(r.status, 303) << r.body;
    std::string page = r.headers["location"];
    auto id = store::as_int(
        db_->query("SELECT id FROM hmicfrs_inspections WHERE title = 'PEEL 2021'").at(0).at(0));
    EXPECT_EQ(page, "/inspections/" + std::to_string(id));
    r = submit(
        olivia, page, page + "/steps",
        {{"step", "sent_to_panel"}, {"done", "yes"}, {"done_on", to_string(days_from_today(-4))}});
    EXPECT_EQ(r.status, 400);  // before the report was published
    EXPECT_TRUE(has(r.body, "cannot be before the report was published"));
    EXPECT_FALSE(store::load_inspection(*db_, id)->step(ResponseStep::sent_to_panel).done);
    r = submit(olivia, page, page + "/steps",
               {{"step", "sent_to_panel"}, {"done", "yes"}, {"done_on", ""}});
    EXPECT_EQ(r.status, 303);
    EXPECT_TRUE(store::load_inspection(*db_, id)->step(ResponseStep::sent_to_panel).done);
    EXPECT_TRUE(has(client().get(page).body, "(day not recorded)"));
    EXPECT_EQ(audits("inspection recorded"), 1);
    EXPECT_EQ(audits("inspection response step"), 1);
    EXPECT_EQ(submit(pat, page, page + "/steps", {{"step", "published"}, {"done", "yes"}}).status,
              403);

    // Complaints and FOI requests.
    r = submit(olivia, "/complaints", "/complaints",
               {{"about", "pcc"},
                {"number", "13"},
                {"dated", "2020-01-05"},
                {"summary", "x"},
                {"status", "ongoing"}});
    EXPECT_EQ(r.status, 400);  // number 13 is taken
    EXPECT_TRUE(has(r.body, "Complaint 13 about the PCC is already recorded"));
    r = submit(olivia, "/complaints", "/complaints",
               {{"about", "pcc"},
                {"number", "15"},
                {"dated", "2020-01-05"},
                {"summary", "NEW-COMPLAINT"},
                {"status", "ongoing"}});
    EXPECT_EQ(r.status, 303) << r.body;
    r = submit(
        olivia, "/complaints", "/complaints/foi",
        {{"about", "pcc"}, {"received_on", "2020-01-20"}, {"themes", "Drones\nBody worn video\n"}});
    EXPECT_EQ(r.status, 303) << r.body;
    r = submit(olivia, "/complaints", "/complaints/foi",
               {{"about", "pcc"}, {"received_on", "2020-01-20"}, {"themes", "  \n"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "href=\"#foi-themes\""));
    EXPECT_EQ(count("foi_requests"), 14);
    auto report = client().get("/meetings/" + std::to_string(feb_) + "/complaints-report").body;
    EXPECT_TRUE(has(report, "NEW-COMPLAINT"));
    EXPECT_TRUE(has(report, "12 FOI requests have been received"));
    EXPECT_TRUE(has(report, "Body worn video"));
    auto complaint =
        store::as_int(db_->query("SELECT id FROM pcc_complaints WHERE number = 15").at(0).at(0));
    r = submit(olivia, "/complaints", "/complaints/update",
               {{"complaint", std::to_string(complaint)},
                {"new_status", "completed"},
                {"new_completed_on", "2020-01-04"}});  // before it was made
    EXPECT_EQ(r.status, 400);
    r = submit(olivia, "/complaints", "/complaints/update",
               {{"complaint", std::to_string(complaint)},
                {"new_status", "completed"},
                {"new_completed_on", "2020-01-25"},
                {"new_outcome", "NEW-OUTCOME"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_TRUE(has(client().get("/complaints").body, "NEW-OUTCOME"));
    EXPECT_EQ(audits("complaint recorded"), 1);
    EXPECT_EQ(audits("complaint updated"), 1);
    EXPECT_EQ(audits("FOI requests recorded"), 1);
}

INSTANTIATE_STORE_TESTS(AccountabilityWebTest);
