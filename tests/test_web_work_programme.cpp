// The work programme pages over real HTTP on both engines: the programme table as the seeds
// print it (PCP and CSP sub-panel), reserve dates, notes, statutory warnings for members and
// officers only, future items from the requests ledger, the CSV and iCalendar answers, the
// rolling programme, and the officer's forms (validated, audited, refused to others).
#include <gtest/gtest.h>

#include <tuple>

#include "scrutineer/plan_store.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kExempt = "EXEMPT-BRIEFING-DETAIL";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

class WebWorkProgrammeTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        Panel pcp;
        pcp.key = "pcp";
        pcp.name = "Norfolk Police and Crime Panel";
        pcp.kind = PanelKind::police_and_crime_panel;
        pcp.quorum = 3;
        pcp_ = store::save_panel(*db_, pcp);
        Panel csp;
        csp.key = "nccsp-scrutiny";
        csp.name = "NCCSP Scrutiny Sub Panel";
        csp.kind = PanelKind::csp_scrutiny_sub_panel;
        csp.quorum = 3;
        csp_ = store::save_panel(*db_, csp);

        // The PCP's 2020-21 programme: the precept review is placed late and there is no
        // reserve date.
        int64_t june = meeting(pcp_, "2020-06-30", MeetingStatus::held);
        item(june, "Election of Chairman and Vice-Chairman", AgendaItemKind::election_of_chair);
        item(june, "PCC Complaints Monitoring Report");
        int64_t feb = meeting(pcp_, "2021-02-10", MeetingStatus::scheduled);
        item(feb, "Review the PCC's proposed precept for 2021-22", AgendaItemKind::business,
             "Commissioner, supported by members of the Commissioner's staff");
        item(feb, kExempt + " item", AgendaItemKind::business, "", Visibility::exempt);
        Meeting reserve;
        reserve.panel_id = pcp_;
        reserve.date = *parse_date("2020-02-19");
        reserve.time = "10:00";
        reserve.venue = "County Hall";
        reserve.reserve = true;
        reserve.reserve_reason = "to review a revised precept for 2019-20, if vetoed";
        reserve_ = store::save_meeting(*db_, reserve);
        // Requests: one open in future reports, one answered, one due at the next meeting.
        request(june, "How the Vulnerable Adolescent Group's services were managed",
                DueKind::future_reports, RequestStatus::open);
        request(june, "ANSWERED-FUTURE-ITEM", DueKind::future_reports, RequestStatus::answered);
        request(june, "NEXT-MEETING-ITEM", DueKind::next_meeting, RequestStatus::open);

        ProgrammeEntry may;
        may.panel_id = pcp_;
        may.kind = ProgrammeEntryKind::event;
        may.when = "May 2020";
        may.month = Month::of(2020, 5);
        may.title = "PCC elections";
        store::save_programme_entry(*db_, may);
        ProgrammeEntry secret = may;
        secret.when = "July 2020";
        secret.month = Month::of(2020, 7);
        secret.title = kExempt + " entry";
        secret.visibility = Visibility::exempt;
        store::save_programme_entry(*db_, secret);
        ProgrammeEntry note;
        note.panel_id = pcp_;
        note.kind = ProgrammeEntryKind::note;
        note.title =
            "The following meetings will be scheduled only if/when required: "
            "confirmation hearings";
        store::save_programme_entry(*db_, note);

        // The CSP plan and sub-panel: three priorities, one reviewed at a held meeting, two
        // meetings to come.
        Plan plan;
        plan.key = "safer-norfolk";
        plan.owner = "NCCSP";
        plan.title = "Safer Norfolk Plan 2021-24";
        plan.first_year = 2021;
        plan.last_year = 2024;
        plan.kind = PlanKind::csp_plan;
        plan.description = "Strategic themes";
        plan.source = "test";
        int64_t plan_id = store::save_plan(*db_, plan);
        for (int n = 1; n <= 3; ++n) {
            Priority p;
            p.plan_id = plan_id;
            p.number = n;
            p.title = std::vector<std::string>{"Criminal Exploitation", "Neighbourhood Crime",
                                               "Prevent"}[n - 1];
            priorities_.push_back(store::save_priority(*db_, p));
        }
        int64_t held = meeting(csp_, "2022-06-09", MeetingStatus::held);
        item(held, "Appointment of Chair & Vice-Chair", AgendaItemKind::business);
        AgendaItem review;
        review.meeting_id = held;
        review.title = "Partnership priority: Criminal Exploitation";
        review.purpose = "A progress update on Partnership actions to target county lines";
        review.invitees = "NCCSP Chair and Community Safety Team";
        review.priority_ids = {priorities_[0]};
        store::save_agenda_item(*db_, review);
        next1_ = meeting(csp_, "2022-09-28", MeetingStatus::scheduled);
        next2_ = meeting(csp_, "2023-07-20", MeetingStatus::scheduled);

        for (auto [name, role] :
             {std::pair{"pat", Role::panel_member}, std::pair{"olivia", Role::officer}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    int64_t meeting(int64_t panel, const char* date, MeetingStatus status) {
        Meeting m;
        m.panel_id = panel;
        m.date = *parse_date(date);
        m.time = "10:00";
        m.venue = "County Hall";
        m.status = status;
        return store::save_meeting(*db_, m);
    }

    void item(int64_t meeting_id, const std::string& title,
              AgendaItemKind kind = AgendaItemKind::business, const std::string& invitees = "",
              Visibility v = Visibility::public_item) {
        AgendaItem i;
        i.meeting_id = meeting_id;
        i.kind = kind;
        i.title = title;
        i.invitees = invitees;
        i.visibility = v;
        store::save_agenda_item(*db_, i);
    }

    void request(int64_t meeting_id, const std::string& text, DueKind due, RequestStatus status) {
        PanelRequest q;
        q.panel_id = pcp_;
        q.meeting_id = meeting_id;
        q.text = text;
        q.due = due;
        q.status = status;
        if (is_closed(status)) q.answered_on = parse_date("2020-09-30");
        store::save_request(*db_, q);
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
        return as(user).post_form(path, body, "/");
    }

    std::string wp(int64_t panel, const std::string& rest = "") {
        return "/panels/" + std::to_string(panel) + "/work-programme" + rest;
    }

    int64_t pcp_ = 0, csp_ = 0, reserve_ = 0, next1_ = 0, next2_ = 0;
    std::vector<int64_t> priorities_;
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(WebWorkProgrammeTest, TheTableAsTheSeedPrintsIt) {
    auto r = app_->get(wp(pcp_, "?year=2019"));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.body, "govuk-template"));
    EXPECT_TRUE(contains(r.body, "Norfolk Police and Crime Panel Forward Work Programme"));
    for (const char* header : {">Date<", ">Item<", ">Attendees<"}) {
        EXPECT_TRUE(contains(r.body, header)) << header;
    }
    EXPECT_FALSE(contains(r.body, "Issues for consideration"));
    EXPECT_TRUE(contains(r.body, "10am, 19 February 2020, County Hall"));
    EXPECT_TRUE(
        contains(r.body, "Reserve date – to review a revised precept for 2019-20, if vetoed"));
    EXPECT_TRUE(contains(r.body, ">Reserve date</strong>"));
    EXPECT_TRUE(contains(r.body, "PCC elections"));
    EXPECT_TRUE(contains(r.body, "confirmation hearings"));
    EXPECT_TRUE(
        contains(r.body, "Commissioner, supported by members of the Commissioner&apos;s staff"));
    // The rows are in date order: the reserve date, May 2020, 30 June 2020, February 2021.
    size_t a = r.body.find("19 February 2020"), b = r.body.find("May 2020"),
           c = r.body.find("30 June 2020"), d = r.body.find("10 February 2021");
    EXPECT_LT(a, b);
    EXPECT_LT(b, c);
    EXPECT_LT(c, d);
    EXPECT_TRUE(contains(r.body, wp(pcp_, ".ics")));
    EXPECT_TRUE(contains(r.body, wp(pcp_, ".csv?year=2019")));
    // Items identified for future meetings: the open "future reports" request only.
    EXPECT_TRUE(contains(r.body, "Items identified for consideration at future meetings"));
    EXPECT_TRUE(contains(r.body, "Vulnerable Adolescent Group"));
    EXPECT_FALSE(contains(r.body, "ANSWERED-FUTURE-ITEM"));
    EXPECT_FALSE(contains(r.body, "NEXT-MEETING-ITEM"));
    // Exempt rows and items, and the statutory section, are not for the public.
    EXPECT_FALSE(contains(r.body, kExempt));
    EXPECT_FALSE(contains(r.body, "Statutory items"));

    auto csp = app_->get(wp(csp_, "?year=2022"));
    ASSERT_EQ(csp.status, 200);
    for (const char* header : {">Report<", ">Issues for consideration<", ">Invited to attend<"}) {
        EXPECT_TRUE(contains(csp.body, header)) << header;
    }
    EXPECT_TRUE(
        contains(csp.body, "A progress update on Partnership actions to target county lines"));
    EXPECT_TRUE(contains(csp.body, "In-depth review</strong>"));
}

TEST_P(WebWorkProgrammeTest, StatutoryWarningsForMembersAndOfficers) {
    for (const char* user : {"pat", "olivia"}) {
        auto r = get_as(user, wp(pcp_, "?year=2020"));
        ASSERT_EQ(r.status, 200) << user;
        EXPECT_TRUE(contains(r.body, "Statutory items, 2020-21")) << user;
        EXPECT_TRUE(
            contains(r.body, "The precept review is on 10 February 2021, after 8 February 2021"))
            << user;
        EXPECT_TRUE(contains(r.body, "There is no reserve date after the precept review")) << user;
        EXPECT_TRUE(contains(r.body, "Regulations 2012")) << user;
        EXPECT_TRUE(contains(r.body, kExempt)) << user;  // members and officers see exempt items
    }
    // The CSP sub-panel has only its own items: no precept warning.
    auto csp = get_as("olivia", wp(csp_, "?year=2022"));
    EXPECT_FALSE(contains(csp.body, "precept"));
    EXPECT_TRUE(contains(csp.body, "has the review of the terms of reference")) << csp.body;
}

TEST_P(WebWorkProgrammeTest, CsvDownloadOfTheTable) {
    auto r = app_->get(wp(pcp_, ".csv?year=2019"));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
    EXPECT_TRUE(contains(r.headers["content-disposition"], "attachment"));
    EXPECT_EQ(r.body.substr(0, r.body.find("\r\n")), "Date,Item,Attendees");
    EXPECT_TRUE(contains(r.body,
                         "\r\n\"10am, 19 February 2020, County Hall\",\"Reserve date – to review a "
                         "revised precept for 2019-20, if vetoed\",\r\n"))
        << r.body;
    EXPECT_TRUE(contains(r.body, "May 2020,PCC elections,"));
    EXPECT_FALSE(contains(r.body, kExempt));
    auto csp = app_->get(wp(csp_, ".csv?year=2022"));
    EXPECT_EQ(csp.body.substr(0, csp.body.find("\r\n")),
              "Date,Report,Issues for consideration,Invited to attend");
}

TEST_P(WebWorkProgrammeTest, ICalendarFeed) {
    auto r = app_->get(wp(pcp_, ".ics"));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "text/calendar; charset=utf-8");
    EXPECT_EQ(r.body.substr(0, 17), "BEGIN:VCALENDAR\r\n");
    EXPECT_TRUE(contains(r.body, "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
    // (the public URL's host: the application's default, http://localhost)
    EXPECT_TRUE(contains(r.body, "UID:meeting-" + std::to_string(reserve_) + "@localhost\r\n"));
    EXPECT_TRUE(contains(r.body, "DTSTART;TZID=Europe/London:20200219T100000\r\n"));
    EXPECT_TRUE(contains(r.body, "STATUS:TENTATIVE"));
    EXPECT_TRUE(contains(r.body, "STATUS:CONFIRMED"));
    EXPECT_FALSE(contains(r.body, kExempt));
    size_t events = 0;
    for (size_t p = 0; (p = r.body.find("BEGIN:VEVENT", p)) != std::string::npos; ++p) ++events;
    EXPECT_EQ(events, 3u);
    for (size_t i = 0; i < r.body.size(); ++i)
        if (r.body[i] == '\n') {
            ASSERT_EQ(r.body[i - 1], '\r');
        }
    EXPECT_EQ(app_->get("/panels/999/work-programme.ics").status, 404);
}

// Issue 18: the feed is kept and served to every anonymous visitor, so a Host header of an
// attacker's choosing must not reach it: its links start with the configured public URL.
TEST_P(WebWorkProgrammeTest, TheCalendarsLinksComeFromThePublicUrlNeverTheHostHeader) {
    test::RunningApp app(target_, {}, "https://scrutiny.example.gov.uk/");
    std::string target = wp(pcp_, ".ics");
    auto poisoned = test::raw_request(
        app.port(),
        "GET " + target + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    auto next = app.get(target);
    auto forwarded =
        app.get(target, {{"X-Forwarded-Host", "evil.example"}, {"X-Forwarded-Proto", "https"}});
    for (const auto* r : {&poisoned, &next, &forwarded}) {
        ASSERT_EQ(r->status, 200);
        EXPECT_FALSE(contains(r->body, "evil.example")) << r->body;
        EXPECT_TRUE(contains(r->body, "URL:https://scrutiny.example.gov.uk/meetings/")) << r->body;
        EXPECT_TRUE(contains(r->body, "@scrutiny.example.gov.uk\r\n"));
    }
    // Without one, the application's default (scrutineer serve's is http://localhost:PORT).
    auto plain = app_->get(target, {{"Host", "evil.example"}});
    EXPECT_FALSE(contains(plain.body, "evil.example"));
    EXPECT_TRUE(contains(plain.body, "URL:http://localhost/meetings/"));
    // A public URL that is not one is refused when the application starts.
    for (const char* bad : {"evil.example", "ftp://x", "https://x/a?b", "https://a b",
                            "https://user@x", "https://x/#f", "https://"}) {
        web::AppOptions o;
        o.database = target_;
        o.templates_dir = SCRUTINEER_WEB_DIR "/templates";
        o.static_dir = SCRUTINEER_WEB_DIR "/static";
        o.govuk_dir = SCRUTINEER_GOVUK_DIR;
        o.public_url = bad;
        EXPECT_THROW(web::App{o}, std::invalid_argument) << bad;
    }
}

// Issue 18: a title a spreadsheet would run as a formula reaches the public CSV as text.
TEST_P(WebWorkProgrammeTest, TheCsvNeverCarriesAFormula) {
    for (auto [when, month, title] :
         {std::tuple{"August 2020", 8, "=HYPERLINK(\"http://x\",\"y\")"},
          std::tuple{"September 2020", 9, "-1.7"}, std::tuple{"October 2020", 10, "@SUM(A1)"},
          std::tuple{"November 2020", 11, "+44 1603 222222"}}) {
        ProgrammeEntry e;
        e.panel_id = pcp_;
        e.kind = ProgrammeEntryKind::event;
        e.when = when;
        e.month = Month::of(2020, month);
        e.title = title;
        store::save_programme_entry(*db_, e);
    }
    store::audit(*db_, "test", "work_programme.entry", "formulas");  // the kept answers go
    auto r = app_->get(wp(pcp_, ".csv?year=2020"));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(
        contains(r.body, "\r\nAugust 2020,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\r\n"))
        << r.body;
    EXPECT_TRUE(contains(r.body, "\r\nSeptember 2020,-1.7,\r\n")) << r.body;
    EXPECT_TRUE(contains(r.body, "\r\nOctober 2020,\"'@SUM(A1)\",\r\n")) << r.body;
    EXPECT_TRUE(contains(r.body, "\r\nNovember 2020,\"'+44 1603 222222\",\r\n")) << r.body;
}

TEST_P(WebWorkProgrammeTest, RollingProgrammeProposesPairsAndWarns) {
    auto r = app_->get("/panels/" + std::to_string(csp_) + "/rolling-programme?on=2022-09-01");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(contains(r.body, "Safer Norfolk Plan 2021-24"));
    EXPECT_TRUE(contains(r.body, "9 June 2022"));  // priority 1's last in-depth review
    // The first meeting gets the two never reviewed, 2 and 3; the second priority 1.
    size_t first = r.body.find("28 September 2022", r.body.find("rolling-proposals"));
    ASSERT_NE(first, std::string::npos);
    size_t second = r.body.find("20 July 2023", first);
    ASSERT_NE(second, std::string::npos);
    std::string row1 = r.body.substr(first, second - first);
    EXPECT_TRUE(contains(row1, "2. Neighbourhood Crime"));
    EXPECT_TRUE(contains(row1, "3. Prevent"));
    EXPECT_TRUE(contains(r.body.substr(second), "1. Criminal Exploitation"));
    // Priority 1 goes over a year before 20 July 2023.
    EXPECT_TRUE(contains(r.body,
                         "Priority 1, Criminal Exploitation: would go over a year "
                         "unreviewed on 10 June 2023"));
    EXPECT_EQ(app_->get("/panels/" + std::to_string(csp_) + "/rolling-programme?on=nope").status,
              400);
}

TEST_P(WebWorkProgrammeTest, OfficersAddEntriesAndPlaceReviewsOthersCannot) {
    std::string form =
        "kind=provisional_meeting&when=January+2021%2C+County+Hall+(To+be+confirmed)&month=2021-01"
        "&date=&title=Panel+Member+briefing&invitees=&visibility=public";
    EXPECT_EQ(post_as("pat", wp(pcp_), form).status, 403);
    auto ok = post_as("olivia", wp(pcp_), form);
    EXPECT_EQ(ok.status, 303);
    bool found = false;
    for (const auto& e : store::load_programme_entries(*db_, pcp_, Role::officer))
        if (e.title == "Panel Member briefing" && e.kind == ProgrammeEntryKind::provisional_meeting)
            found = true;
    EXPECT_TRUE(found);
    EXPECT_GE(store::as_int(db_->query("SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'work_programme.entry'")[0][0]),
              1);
    auto page = app_->get(wp(pcp_, "?year=2020"));
    EXPECT_TRUE(contains(page.body, "Panel Member briefing"));

    auto bad =
        post_as("olivia", wp(pcp_),
                "kind=event&when=Soon&month=2021-13&date=&title=&invitees=&visibility=public");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "govuk-error-summary"));
    EXPECT_TRUE(contains(bad.body, "Enter the month as YYYY-MM"));

    // Placing a priority's in-depth review on a scheduled meeting.
    std::string rolling = "/panels/" + std::to_string(csp_) + "/rolling-programme";
    std::string place =
        "priority_id=" + std::to_string(priorities_[1]) + "&meeting_id=" + std::to_string(next2_);
    EXPECT_EQ(post_as("pat", rolling, place).status, 403);
    EXPECT_EQ(post_as("olivia", rolling, place).status, 303);
    auto m = store::load_meeting(*db_, next2_, Role::officer);
    ASSERT_TRUE(m);
    bool placed = false;
    for (const auto& i : m->items)
        if (i.priority_ids == std::vector<int64_t>{priorities_[1]}) placed = true;
    EXPECT_TRUE(placed);
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'rolling_programme.place'")[0][0]),
              1);
    // Twice is refused, and a held meeting is not a place for a review.
    auto again = post_as("olivia", rolling, place);
    EXPECT_EQ(again.status, 400);
    EXPECT_TRUE(contains(again.body, "is already on the meeting of 20 July 2023"));
    auto meetings = store::load_meetings(*db_, csp_, Role::officer);
    auto past = post_as("olivia", rolling,
                        "priority_id=" + std::to_string(priorities_[2]) +
                            "&meeting_id=" + std::to_string(meetings.front().id));
    EXPECT_EQ(past.status, 400);
    EXPECT_TRUE(contains(past.body, "Choose a scheduled meeting"));
}

TEST_P(WebWorkProgrammeTest, ErrorsAreClear) {
    EXPECT_EQ(app_->get("/panels/999/work-programme").status, 404);
    EXPECT_EQ(app_->get("/panels/999/rolling-programme").status, 404);
    auto bad = app_->get(wp(pcp_, "?year=twenty"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(contains(bad.body, "Enter the programme year as the year it starts"));
}

INSTANTIATE_STORE_TESTS(WebWorkProgrammeTest);
