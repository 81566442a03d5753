// The ASB Case Review's way in and overview pages over real HTTP on both engines: a public
// application through the web form end to end (a case stored, the confirmation gives the
// reference and the dates and nothing personal, the audit log names the reference only), the
// form's errors beside their fields with nothing stored, "Add another incident" keeping what was
// typed, staff entry of a telephone application, the dashboard and case list per role (victim
// names only for case workers and administrators), the statistics CSV from known cases, the
// settings changed by administrators only, and the agencies and rota page.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <chrono>
#include <regex>
#include <sstream>

#include "scrutineer/case_review_clock.hpp"
#include "scrutineer/case_review_statistics.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/working_day_clock.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::Browser;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";
const char* const kNorwich = "E07000148";
const char* const kBreckland = "E07000143";

using Fields = std::vector<std::pair<std::string, std::string>>;

bool has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
}

CalendarDate today() {
    return date_of(std::chrono::system_clock::now());
}

CalendarDate plus_days(CalendarDate d, int n) {
    return CalendarDate{
        std::chrono::year_month_day{std::chrono::sys_days{d.ymd} + std::chrono::days{n}}};
}

// The three boxes of a GOV.UK date input.
void date_fields(Fields& f, const std::string& name, CalendarDate d) {
    f.emplace_back(name + "-day", std::to_string(d.day()));
    f.emplace_back(name + "-month", std::to_string(d.month()));
    f.emplace_back(name + "-year", std::to_string(d.year()));
}

// An incident row of the form: behaviour `ago` days ago, reported the day after.
void incident(Fields& f, int row, int ago, const std::string& agency,
              const std::string& reference = "", const std::string& what = "") {
    std::string p = fmt::format("incident-{}", row);
    date_fields(f, p + "-behaviour", plus_days(today(), -ago));
    date_fields(f, p + "-reported", plus_days(today(), -ago + 1));
    f.emplace_back(p + "-agency", agency);
    f.emplace_back(p + "-reference", reference);
    f.emplace_back(p + "-description", what);
}

// A complete application from the victim, with three incidents and a blank fourth row.
Fields victim_application() {
    Fields f = {{"action", "send"},
                {"incidents", "4"},
                {"applicant-type", "victim"},
                {"victim-name", "Valerie Quayle"},
                {"victim-address", "12 Elm Row, Norwich"},
                {"victim-postcode", "NR2 4XY"},
                {"victim-phone", "01603 555123"},
                {"victim-email", "valerie@example.org"},
                {"district", kNorwich},
                {"summary", "Shouting and stones thrown at my windows at night"},
                {"fact-substances", "yes"}};
    incident(f, 1, 60, "Norfolk Constabulary", "NC-1234", "Stones at the window");
    incident(f, 2, 40, "Norwich City Council", "NCC-77", "Shouting after midnight");
    incident(f, 3, 20, "Norfolk Constabulary", "NC-5678", "Bin set on fire");
    return f;
}

AsbCase stored_case(const std::string& district, const std::string& victim, int received_ago) {
    AsbCase c;
    c.district_code = district;
    c.channel = ApplicationChannel::telephone;
    c.received = plus_days(today(), -received_ago);
    c.entered_by = "cass";
    c.victim.name = victim;
    c.victim.address = "1 Test Street";
    c.summary = "Noise";
    for (int i = 0; i < 3; ++i) {
        Complaint k;
        k.incident = "i" + std::to_string(i);
        k.reporter = "victim";
        k.behaviour_date = plus_days(c.received, -30 + i * 5);
        k.reported_date = plus_days(c.received, -29 + i * 5);
        k.reported_to = "police";
        c.complaints.push_back(k);
    }
    return c;
}

class CaseReviewIntakeWebTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        CaseReviewContact norwich{kNorwich,
                                  "Norwich",
                                  "Norwich City Council",
                                  "Nora Spoc",
                                  "ASB Case Review SPOC",
                                  "01603 212121",
                                  "asbreview@norwich.example",
                                  "01603 212122",
                                  "Inspector Matthew Wakefield"};
        CaseReviewContact breckland{kBreckland,
                                    "Breckland",
                                    "Breckland Council",
                                    "Brian Spoc",
                                    "Community Safety Officer",
                                    "01362 656565",
                                    "asb@breckland.example",
                                    "01362 656566",
                                    "Inspector Matthew Wakefield"};
        store::save_case_review_contact(*db_, norwich);
        store::save_case_review_contact(*db_, breckland);
        for (auto [name, role] :
             {std::pair{"pat", Role::panel_member}, std::pair{"olivia", Role::officer},
              std::pair{"cass", Role::case_worker}, std::pair{"ada", Role::administrator}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }
    Browser client(const std::string& user = "") {
        Browser c{app_->port(), {}};
        if (!user.empty()) {
            auto r = c.sign_in(user, kPassword);
            EXPECT_EQ(r.status, 303) << r.body;
        }
        return c;
    }
    std::vector<AsbCase> cases() { return store::load_cases(*db_, Role::administrator); }
    std::vector<std::pair<std::string, std::string>> audit_rows() {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& r : db_->query("SELECT action, detail FROM audit_log"))
            out.emplace_back(store::as_text(r.at(0)), store::as_text(r.at(1)));
        return out;
    }

    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(CaseReviewIntakeWebTest, ThePublicPageListsEveryWayToApplyWithEachDistrictsSpoc) {
    auto r = client().get("/asb-case-review");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, "at least 3 qualifying complaints within 6 months"));
    EXPECT_TRUE(has(r.body, "reported within 1 month of the alleged behaviour"));
    EXPECT_TRUE(has(r.body, "someone of any age"));
    EXPECT_TRUE(has(r.body, "with the victim's consent"));
    for (const char* way : {"Online:", "Telephone:", "Letter or email:", "Reception:"})
        EXPECT_TRUE(has(r.body, way)) << way;
    EXPECT_TRUE(has(r.body, "01603 212121"));
    EXPECT_TRUE(has(r.body, "asb@breckland.example"));
    EXPECT_TRUE(has(r.body, "href=\"/asb-case-review/apply\""));
}

TEST_P(CaseReviewIntakeWebTest, APublicApplicationIsStoredAndConfirmedWithoutPersonalData) {
    Browser visitor = client();
    auto form = visitor.get("/asb-case-review/apply");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(has(form.body, "id=\"incident-3-behaviour-day\""));
    EXPECT_FALSE(has(form.body, "id=\"incident-4-behaviour-day\""));
    EXPECT_FALSE(has(form.body, "name=\"channel\""));  // staff only
    EXPECT_TRUE(has(form.body, ">Norwich</option>"));

    auto r = visitor.post_fields("/asb-case-review/apply", victim_application(),
                                 "/asb-case-review/apply");
    ASSERT_EQ(r.status, 303) << r.body;
    std::string location = r.headers["location"];
    ASSERT_EQ(location.rfind("/asb-case-review/apply/sent?reference=", 0), 0u) << location;

    auto stored = cases();
    ASSERT_EQ(stored.size(), 1u);
    const AsbCase& c = stored[0];
    EXPECT_EQ(c.channel, ApplicationChannel::web_form);
    EXPECT_EQ(c.received, today());
    EXPECT_EQ(c.entered_by, "public");
    EXPECT_EQ(c.victim.name, "Valerie Quayle");
    EXPECT_EQ(c.victim.postcode, "NR2 4XY");
    EXPECT_FALSE(c.third_party);
    EXPECT_EQ(c.district_code, kNorwich);
    EXPECT_TRUE(c.facts.drug_alcohol_or_mental_health);
    EXPECT_FALSE(c.facts.perpetrator_under_18);
    ASSERT_EQ(c.complaints.size(), 3u);  // the blank fourth row is left out
    EXPECT_EQ(c.complaints[1].reported_to, "Norwich City Council");
    EXPECT_EQ(c.complaints[1].reference, "NCC-77");
    EXPECT_EQ(c.complaints[2].behaviour_date, plus_days(today(), -20));
    EXPECT_EQ(c.complaints[2].reported_date, plus_days(today(), -19));
    EXPECT_TRUE(has(location, c.reference));

    auto sent = visitor.get(location);
    ASSERT_EQ(sent.status, 200);
    EXPECT_TRUE(has(sent.body, "id=\"reference\">" + c.reference + "<"));
    Deadline ack = working_days_after(today(), 5, BankHolidays{});
    Deadline decision = working_days_after(today(), 10, BankHolidays{});
    EXPECT_TRUE(has(sent.body, "id=\"acknowledgement-due\">" + long_name(ack.due) + "<"));
    EXPECT_TRUE(has(sent.body, "id=\"decision-due\">" + long_name(decision.due) + "<"));
    EXPECT_TRUE(has(sent.body, "01603 212121"));  // the district's SPOC
    for (const char* personal :
         {"Valerie", "Quayle", "Elm Row", "NR2 4XY", "valerie@example.org", "NCC-77", "Stones"})
        EXPECT_FALSE(has(sent.body, personal)) << personal;

    // The access log and the audit log: the reference, never a person.
    auto log = store::load_case_access_log(*db_, c.id);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].actor, "public");
    bool audited = false;
    for (const auto& [action, detail] : audit_rows()) {
        if (detail == c.reference) audited = true;
        for (const char* personal : {"Valerie", "Quayle", "Elm Row", "NR2", "valerie@", "NC-"}) {
            EXPECT_FALSE(has(action + detail, personal)) << action << ": " << detail;
        }
    }
    EXPECT_TRUE(audited);
}

TEST_P(CaseReviewIntakeWebTest, EachVisitorGetsAFormWithTheirOwnToken) {
    // The form is never kept for the next anonymous visitor: each one's token is their own.
    Browser first = client(), second = client();
    std::string a = first.token_for("/asb-case-review/apply");
    std::string b = second.token_for("/asb-case-review/apply");
    ASSERT_FALSE(a.empty());
    EXPECT_NE(a, b);
    auto r = second.post_fields("/asb-case-review/apply", victim_application(),
                                "/asb-case-review/apply");
    EXPECT_EQ(r.status, 303) << r.body;
    r = first.post_fields("/asb-case-review/apply", victim_application(), "/asb-case-review/apply");
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(cases().size(), 2u);
}

TEST_P(CaseReviewIntakeWebTest, AWrongDateIsShownBesideItsIncidentRowAndNothingIsStored) {
    Fields f = victim_application();
    for (auto& [name, value] : f)
        if (name == "incident-2-behaviour-day") value = "31";
    for (auto& [name, value] : f)
        if (name == "incident-2-behaviour-month") value = "2";
    Browser visitor = client();
    auto r = visitor.post_fields("/asb-case-review/apply", f, "/asb-case-review/apply");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "govuk-error-summary"));
    EXPECT_TRUE(has(r.body,
                    "<a href=\"#incident-2-behaviour\">Incident 2: enter the date the behaviour "
                    "happened as a real date"));
    EXPECT_TRUE(has(r.body, "id=\"incident-2-behaviour-error\""));
    EXPECT_FALSE(has(r.body, "id=\"incident-1-behaviour-error\""));
    EXPECT_TRUE(has(r.body, "value=\"Valerie Quayle\""));  // what was typed is kept
    EXPECT_TRUE(has(r.body, "<title>Error: "));
    EXPECT_TRUE(cases().empty());

    // A report dated before the behaviour names the row too.
    Fields g = victim_application();
    for (auto& [name, value] : g)
        if (name == "incident-3-reported-year") value = std::to_string(today().year() - 1);
    r = visitor.post_fields("/asb-case-review/apply", g, "/asb-case-review/apply");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "Incident 3: the date you reported it must be the same as or after"));
    EXPECT_TRUE(cases().empty());
}

TEST_P(CaseReviewIntakeWebTest, AThirdPartyNeedsTheVictimsConsent) {
    Fields f = victim_application();
    for (auto& [name, value] : f)
        if (name == "applicant-type") value = "someone_else";
    f.emplace_back("applicant-name", "Sam Quayle");
    f.emplace_back("applicant-phone", "07700 900123");
    f.emplace_back("applicant-relationship", "son");
    Browser visitor = client();
    auto r = visitor.post_fields("/asb-case-review/apply", f, "/asb-case-review/apply");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "<a href=\"#applicant-consent\">Confirm that the victim has agreed"));
    EXPECT_TRUE(has(r.body, "value=\"Sam Quayle\""));
    EXPECT_TRUE(cases().empty());

    f.emplace_back("applicant-consent", "yes");
    r = visitor.post_fields("/asb-case-review/apply", f, "/asb-case-review/apply");
    ASSERT_EQ(r.status, 303) << r.body;
    auto stored = cases();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_TRUE(stored[0].third_party);
    EXPECT_TRUE(stored[0].victim_consent);
    EXPECT_EQ(stored[0].applicant.name, "Sam Quayle");
    EXPECT_EQ(stored[0].applicant_relationship, "son");
}

TEST_P(CaseReviewIntakeWebTest, AnEmptyFormNamesEveryMissingAnswer) {
    Browser visitor = client();
    auto r = visitor.post_fields("/asb-case-review/apply", {{"action", "send"}, {"incidents", "3"}},
                                 "/asb-case-review/apply");
    EXPECT_EQ(r.status, 400);
    for (const char* field : {"#applicant-type", "#victim-name", "#victim-address", "#district",
                              "#summary", "#incident-1-behaviour"})
        EXPECT_TRUE(has(r.body, std::string("<a href=\"") + field + "\"")) << field;
    EXPECT_TRUE(has(r.body, "Enter at least one incident"));
    EXPECT_TRUE(cases().empty());
}

TEST_P(CaseReviewIntakeWebTest, AddAnotherIncidentKeepsEverythingTypedAndAddsARow) {
    Fields f = victim_application();
    for (auto& [name, value] : f) {
        if (name == "action") value = "add_incident";
        if (name == "incidents") value = "3";
    }
    Browser visitor = client();
    auto r = visitor.post_fields("/asb-case-review/apply", f, "/asb-case-review/apply");
    ASSERT_EQ(r.status, 200);
    EXPECT_FALSE(has(r.body, "govuk-error-summary"));
    EXPECT_TRUE(has(r.body, "id=\"incident-4-behaviour-day\""));
    EXPECT_FALSE(has(r.body, "id=\"incident-5-behaviour-day\""));
    EXPECT_TRUE(has(r.body, "name=\"incidents\" value=\"4\""));
    EXPECT_TRUE(has(r.body, "value=\"Valerie Quayle\""));
    EXPECT_TRUE(has(r.body, "value=\"NCC-77\""));
    EXPECT_TRUE(has(r.body, "Shouting after midnight</textarea>"));
    EXPECT_TRUE(has(r.body,
                    "id=\"fact-substances\" name=\"fact-substances\" type=\"checkbox\" "
                    "value=\"yes\" checked"));
    EXPECT_TRUE(has(r.body, "<option value=\"E07000148\" selected>"));
    EXPECT_TRUE(cases().empty());

    // The new row is used when the application is sent.
    for (auto& [name, value] : f) {
        if (name == "action") value = "send";
        if (name == "incidents") value = "4";
    }
    incident(f, 4, 10, "Clarion Housing");
    r = visitor.post_fields("/asb-case-review/apply", f, "/asb-case-review/apply");
    ASSERT_EQ(r.status, 303) << r.body;
    ASSERT_EQ(cases().size(), 1u);
    EXPECT_EQ(cases()[0].complaints.size(), 4u);
}

TEST_P(CaseReviewIntakeWebTest, StaffEnterATelephoneApplication) {
    EXPECT_EQ(client().get("/asb/cases/new").status, 303);  // sign in first
    EXPECT_EQ(client("olivia").get("/asb/cases/new").status, 403);

    Browser cass = client("cass");
    auto form = cass.get("/asb/cases/new");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(has(form.body, "name=\"channel\" type=\"radio\" value=\"telephone\""));
    EXPECT_FALSE(has(form.body, "value=\"web_form\""));
    EXPECT_TRUE(
        has(form.body, "name=\"received-year\" type=\"text\" inputmode=\"numeric\" value=\"" +
                           std::to_string(today().year()) + "\""));

    Fields f = victim_application();
    f.emplace_back("channel", "telephone");
    CalendarDate received = plus_days(today(), -2);
    date_fields(f, "received", received);
    auto r = cass.post_fields("/asb/cases/new", f, "/asb/cases/new");
    ASSERT_EQ(r.status, 303) << r.body;
    auto stored = cases();
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(r.headers["location"], "/asb/cases/" + std::to_string(stored[0].id));
    EXPECT_EQ(stored[0].channel, ApplicationChannel::telephone);
    EXPECT_EQ(stored[0].received, received);
    EXPECT_NE(stored[0].entered_by, "public");
    EXPECT_EQ(store::load_case_access_log(*db_, stored[0].id).size(), 1u);

    // A received date in the future, or before case reviews began, is refused.
    Fields future = victim_application();
    future.emplace_back("channel", "letter");
    date_fields(future, "received", plus_days(today(), 1));
    r = cass.post_fields("/asb/cases/new", future, "/asb/cases/new");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body,
                    "<a href=\"#received\">The date the application was received cannot "
                    "be in the future"));
    Fields early = victim_application();
    early.emplace_back("channel", "letter");
    date_fields(early, "received", CalendarDate::of(2014, 10, 19));
    r = cass.post_fields("/asb/cases/new", early, "/asb/cases/new");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "cannot be before 20 October 2014"));
    Fields no_channel = victim_application();
    date_fields(no_channel, "received", today());
    r = cass.post_fields("/asb/cases/new", no_channel, "/asb/cases/new");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "<a href=\"#channel\">Choose how the application was made"));
    EXPECT_EQ(cases().size(), 1u);
}

TEST_P(CaseReviewIntakeWebTest, TheDashboardShowsEachRoleWhatItMaySee) {
    int64_t fresh = store::create_case(*db_, stored_case(kNorwich, "Vera Victim", 0));
    int64_t late = store::create_case(*db_, stored_case(kBreckland, "Larry Late", 30));
    std::string fresh_ref = store::load_case(*db_, fresh, Role::administrator)->reference;
    std::string late_ref = store::load_case(*db_, late, Role::administrator)->reference;

    EXPECT_EQ(client().get("/asb").status, 303);
    EXPECT_EQ(client("pat").get("/asb").status, 403);

    auto officer = client("olivia").get("/asb");
    ASSERT_EQ(officer.status, 200);
    EXPECT_TRUE(has(officer.body, fresh_ref));
    EXPECT_TRUE(has(officer.body, late_ref));
    EXPECT_FALSE(has(officer.body, "Vera Victim"));
    EXPECT_FALSE(has(officer.body, "Larry Late"));
    EXPECT_FALSE(has(officer.body, "[removed]"));
    EXPECT_TRUE(has(officer.body, "3 qualifying complaints – met"));
    // Cases by stage: both awaiting acknowledgement, one in each district, two in the county.
    std::regex total(R"(id="stage-total">\s*<th[^>]*>[^<]*</th>\s*<td[^>]*><strong>2</strong>)");
    EXPECT_TRUE(std::regex_search(officer.body, total));
    // The late case's acknowledgement (5 working days from 30 days ago) is overdue.
    auto overdue_at = officer.body.find("id=\"overdue\"");
    ASSERT_NE(overdue_at, std::string::npos);
    EXPECT_NE(officer.body.find(late_ref, overdue_at), std::string::npos);
    EXPECT_NE(officer.body.find("Acknowledgement", overdue_at), std::string::npos);

    auto worker = client("cass").get("/asb");
    ASSERT_EQ(worker.status, 200);
    EXPECT_TRUE(has(worker.body, "Vera Victim"));
    EXPECT_TRUE(has(worker.body, "Larry Late"));
    EXPECT_TRUE(has(worker.body, "href=\"/asb/cases/" + std::to_string(fresh) + "\""));

    // One district: the other district's case is left out.
    auto norwich = client("olivia").get("/asb?district=E07000148");
    ASSERT_EQ(norwich.status, 200);
    EXPECT_TRUE(has(norwich.body, fresh_ref));
    EXPECT_FALSE(has(norwich.body, late_ref));
    EXPECT_EQ(client("olivia").get("/asb?district=E99999999").status, 404);
}

TEST_P(CaseReviewIntakeWebTest, TheDashboardListsWhatIsDueThisWeek) {
    // A case whose acknowledgement falls due this week, on or after today, if any day can: on a
    // weekend no working-day deadline is left in the week.
    CalendarDate t = today();
    std::chrono::weekday w{std::chrono::sys_days{t.ymd}};
    CalendarDate sunday = plus_days(t, 7 - static_cast<int>(w.iso_encoding()));
    std::optional<int> ago;
    for (int n = 0; n <= 7 && !ago; ++n) {
        CalendarDate due = working_days_after(plus_days(t, -n), 5, BankHolidays{}).due;
        if (due >= t && due <= sunday) ago = n;
    }
    int64_t id = store::create_case(*db_, stored_case(kNorwich, "Dora Due", ago.value_or(0)));
    std::string ref = store::load_case(*db_, id, Role::administrator)->reference;
    auto r = client("olivia").get("/asb");
    ASSERT_EQ(r.status, 200);
    auto due_at = r.body.find("id=\"due\"");
    auto overdue_at = r.body.find("id=\"overdue\"");
    ASSERT_NE(due_at, std::string::npos);
    ASSERT_NE(overdue_at, std::string::npos);
    auto ref_at = r.body.find(ref, due_at);
    if (ago) {
        EXPECT_LT(ref_at, overdue_at) << "the acknowledgement is due this week";
        EXPECT_TRUE(has(r.body, "5 working days from"));  // the workings
    } else {
        EXPECT_TRUE(has(r.body, "Nothing is due this week."));
    }
}

TEST_P(CaseReviewIntakeWebTest, TheCaseListFiltersByDistrictAndStage) {
    store::create_case(*db_, stored_case(kNorwich, "Vera Victim", 0));
    store::create_case(*db_, stored_case(kBreckland, "Larry Late", 30));
    EXPECT_EQ(client("pat").get("/asb/cases").status, 403);
    auto all = client("olivia").get("/asb/cases");
    ASSERT_EQ(all.status, 200);
    EXPECT_TRUE(has(all.body, "id=\"case-count\">2 cases<"));
    EXPECT_FALSE(has(all.body, "Vera Victim"));
    auto worker = client("cass").get("/asb/cases?district=E07000143");
    ASSERT_EQ(worker.status, 200);
    EXPECT_TRUE(has(worker.body, "id=\"case-count\">1 case<"));
    EXPECT_TRUE(has(worker.body, "Larry Late"));
    EXPECT_FALSE(has(worker.body, "Vera Victim"));
    auto stage = client("cass").get("/asb/cases?stage=closed");
    EXPECT_TRUE(has(stage.body, "id=\"case-count\">0 cases<"));
    auto waiting = client("cass").get("/asb/cases?stage=awaiting_acknowledgement");
    EXPECT_TRUE(has(waiting.body, "id=\"case-count\">2 cases<"));
    EXPECT_EQ(client("cass").get("/asb/cases?stage=nonsense").status, 400);
}

TEST_P(CaseReviewIntakeWebTest, TheStatisticsCsvCountsKnownCases) {
    CalendarDate t = today();
    int fy = t.month() >= 4 ? t.year() : t.year() - 1;
    StatisticsPeriod year = financial_year(fy);
    int ago = std::min<int>(
        3, (std::chrono::sys_days{t.ymd} - std::chrono::sys_days{year.start.ymd}).count());
    // Norwich: one undecided, one not met (acknowledged the day it came); Breckland: one met.
    store::create_case(*db_, stored_case(kNorwich, "A", ago));
    AsbCase not_met = stored_case(kNorwich, "B", ago);
    not_met.threshold = ThresholdOutcome::not_met;
    int64_t b = store::create_case(*db_, not_met);
    CaseLetter a;
    a.kind = LetterKind::a;
    a.dated = not_met.received;
    a.addressee = "B";
    a.signed_by_name = "Nora Spoc";
    store::add_case_letter(*db_, b, a);
    AsbCase met = stored_case(kBreckland, "C", ago);
    met.threshold = ThresholdOutcome::met;
    store::create_case(*db_, met);
    // A case from the year before is not counted.
    AsbCase old = stored_case(kNorwich, "D", 400);
    if (old.received < year.start) store::create_case(*db_, old);

    EXPECT_EQ(client("pat").get("/asb/statistics.csv").status, 403);
    auto r = client("olivia").get(fmt::format("/asb/statistics.csv?year={}", fy));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.headers["content-type"], "text/csv"));
    EXPECT_FALSE(has(r.body, "[removed]"));
    std::vector<std::string> lines;
    std::stringstream in(r.body);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    ASSERT_EQ(lines.size(), 4u) << r.body;  // header, two districts, county
    EXPECT_EQ(lines[0].rfind("period,area_code,area_name,applications,threshold_met,"
                             "threshold_not_met,review_below_threshold,undecided,reviews_held,"
                             "reviews_with_recommendations,appeals,appeals_upheld,"
                             "appeals_not_upheld,appeals_undecided,acknowledgement_met,"
                             "acknowledgement_missed,acknowledgement_overdue,",
                             0),
              0u)
        << lines[0];
    std::string label = year.label;
    // The districts in the order of their names, then the county.
    EXPECT_EQ(lines[1].rfind(label + ",E07000143,Breckland,1,1,0,0,0,0,0,0,0,0,0,0,0,0,", 0), 0u)
        << lines[1];
    EXPECT_EQ(lines[2].rfind(label + ",E07000148,Norwich,2,0,1,0,1,0,0,0,0,0,0,1,0,0,", 0), 0u)
        << lines[2];
    EXPECT_EQ(lines[3].rfind(label + ",E10000020,Norfolk,3,1,1,0,1,0,0,0,0,0,0,1,0,0,", 0), 0u)
        << lines[3];

    auto page = client("olivia").get(fmt::format("/asb/statistics?year={}", fy));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(has(page.body, "ASB Case Review figures " + label));
    EXPECT_TRUE(has(page.body, "Acknowledgement"));
    EXPECT_EQ(client("olivia").get("/asb/statistics?year=20x5").status, 400);
    EXPECT_EQ(client("olivia").get("/asb/statistics?year=2025&quarter=5").status, 400);
    auto quarter = client("olivia").get("/asb/statistics?year=2025&quarter=1");
    EXPECT_TRUE(has(quarter.body, "2025-26 Q1"));
}

TEST_P(CaseReviewIntakeWebTest, OnlyAnAdministratorChangesTheSettings) {
    EXPECT_EQ(client("olivia").get("/asb/settings").status, 403);
    auto view = client("cass").get("/asb/settings");
    ASSERT_EQ(view.status, 200);
    EXPECT_TRUE(has(view.body, "Qualifying complaints needed"));
    EXPECT_FALSE(has(view.body, "name=\"setting-min_qualifying\""));

    Browser cass = client("cass");
    auto refused =
        cass.post_fields("/asb/settings", {{"setting-min_qualifying", "2"}}, "/asb/settings");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(store::load_case_review_settings(*db_).threshold.min_qualifying, 3);

    Browser ada = client("ada");
    auto form = ada.get("/asb/settings");
    ASSERT_EQ(form.status, 200);
    EXPECT_TRUE(has(form.body, "name=\"setting-min_qualifying\""));
    // A bad value: the error beside the field, nothing changed (not even the good value).
    auto bad = ada.post_fields("/asb/settings",
                               {{"setting-min_qualifying", "2"}, {"setting-retention_months", "x"}},
                               "/asb/settings");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(has(bad.body, "<a href=\"#setting-retention_months\">"));
    EXPECT_TRUE(has(bad.body, "id=\"setting-retention_months-error\""));
    auto s = store::load_case_review_settings(*db_);
    EXPECT_EQ(s.threshold.min_qualifying, 3);
    EXPECT_EQ(s.retention_months, kDefaultRetentionMonths);

    auto ok = ada.post_fields("/asb/settings", {{"setting-min_qualifying", "2"}}, "/asb/settings");
    ASSERT_EQ(ok.status, 303) << ok.body;
    EXPECT_EQ(store::load_case_review_settings(*db_).threshold.min_qualifying, 2);
    bool audited = false;
    for (const auto& [action, detail] : audit_rows())
        if (action == "ASB Case Review setting changed" && detail == "min_qualifying: 3 to 2")
            audited = true;
    EXPECT_TRUE(audited);
    // The public page says what the threshold now is.
    EXPECT_TRUE(has(client().get("/asb-case-review").body, "at least 2 qualifying complaints"));
}

TEST_P(CaseReviewIntakeWebTest, TheAgenciesPageShowsContactsAndTheRota) {
    PeerReviewer n{0, "Nina Norwich", "Norwich City Council", kNorwich, 1, true};
    PeerReviewer b{0, "Ben Breckland", "Breckland Council", kBreckland, 2, true};
    store::save_peer_reviewer(*db_, n);
    store::save_peer_reviewer(*db_, b);
    EXPECT_EQ(client("pat").get("/asb/agencies").status, 403);
    auto r = client("olivia").get("/asb/agencies");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, "Nora Spoc"));
    EXPECT_TRUE(has(r.body, "Inspector Matthew Wakefield"));
    // A Norwich case goes to the Breckland reviewer and the other way round.
    auto next = r.body.find("id=\"next-reviewer\"");
    ASSERT_NE(next, std::string::npos);
    std::string table = r.body.substr(next);
    std::regex norwich(R"(>Norwich</th><td class="govuk-table__cell">Ben Breckland)");
    std::regex breckland(R"(>Breckland</th><td class="govuk-table__cell">Nina Norwich)");
    EXPECT_TRUE(std::regex_search(table, norwich));
    EXPECT_TRUE(std::regex_search(table, breckland));
}

INSTANTIATE_STORE_TESTS(CaseReviewIntakeWebTest);
