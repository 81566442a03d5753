// The commissioned-services pages over real HTTP on both engines: what each role sees (the
// cohort summary for everyone, each participant's change only for officers and
// administrators, in pages and the API), the priority page's list of services, and the
// officers' forms: errors shown with the error summary and nothing changed, an audit row for
// every change.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "scrutineer/commissioned_services_file.hpp"
#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/questionnaire_file.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";

using test::Browser;

// A form post of `fields` to `action`, with the token of `page`'s forms.
HttpResult submit(Browser& c, const std::string& page, const std::string& action,
                  const std::vector<std::pair<std::string, std::string>>& fields) {
    return c.post_fields(action, fields, page);
}

// Uploads a CSV file to `action`, with the token of `page`'s forms.
HttpResult upload(Browser& c, const std::string& page, const std::string& action,
                  const std::string& filename, const std::string& content) {
    return c.upload(action, filename, content, "text/csv", page);
}

bool has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
}

class ServicesWebTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::load_demo_plans(*db_, test::data_dir());
        store::load_demo_services(*db_, test::data_dir());
        rescue_ = store::find_service(*db_, "Rescue-Rehab")->id;
        cara_ = store::find_service(*db_,
                                    "Project CARA (Conditional Cautioning and Relationship Abuse)")
                    ->id;
        store::import_questionnaire_returns(
            *db_, rescue_,
            read_questionnaire_returns(test::fixtures_dir() + "/questionnaire-returns.csv"), "test",
            "questionnaire-returns.csv");
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
    std::string page(int64_t id) const { return "/services/" + std::to_string(id); }
    // Rows a change would add (signing in writes audit rows of its own, not counted).
    int64_t changes() {
        return count("grants") + count("service_measures") + count("questionnaire_responses") +
               count("questionnaire_scores") + edits();
    }
    int64_t edits() {
        return store::as_int(
            db_->query("SELECT COUNT(*) FROM audit_log WHERE action NOT IN ('signed in', "
                       "'sign-in failed', 'signed out')")
                .at(0)
                .at(0));
    }

    int64_t rescue_ = 0, cara_ = 0;
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(ServicesWebTest, TheListShowsServicesGrantsAndTotals) {
    auto r = client().get("/services");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, "govuk-table"));
    EXPECT_TRUE(has(r.body, "Rescue-Rehab"));
    EXPECT_TRUE(has(r.body, "£51,900"));     // Community Chaplaincy: £20,100 + £31,800
    EXPECT_TRUE(has(r.body, "£60,500"));     // Project CARA
    EXPECT_TRUE(has(r.body, "Not stated"));  // the Daisy Programme's amount
    EXPECT_TRUE(has(r.body, "Support victims and reduce vulnerability"));
}

TEST_P(ServicesWebTest, AServicesPageShowsGrantsFiguresByPeriodAndTheCohortSummary) {
    auto cara = client().get(page(cara_));
    ASSERT_EQ(cara.status, 200);
    EXPECT_TRUE(has(cara.body, "2019-64"));
    EXPECT_TRUE(has(cara.body, "1 January 2020 to 31 March 2022"));
    auto gateway = store::find_service(*db_, "Gateway to Employment (GtoE)");
    auto g = client().get(page(gateway->id));
    EXPECT_TRUE(has(g.body, "During 2017"));
    EXPECT_TRUE(has(g.body, "During 2019"));
    EXPECT_TRUE(has(g.body, ">113<"));  // interviews in 2017
    EXPECT_LT(g.body.find("During 2017"), g.body.find("During 2019"));

    auto r = client().get(page(rescue_));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, "Warwick-Edinburgh Mental Wellbeing"));
    EXPECT_TRUE(has(r.body, "I can usually handle whatever comes my way."));
    EXPECT_TRUE(has(r.body, "id=\"mean-change\">+1.3<"));  // 5 / 4 = 1.25, half away from zero
    EXPECT_TRUE(has(r.body, ">25.3<"));                    // mean first-session total 25.25
    EXPECT_TRUE(has(r.body, ">-0.3<"));                    // item 3: -1 / 4
    EXPECT_TRUE(has(r.body, "2 improved, 1 unchanged, 1 worse"));
}

TEST_P(ServicesWebTest, EachParticipantsChangeOnlyForOfficersAndAdministrators) {
    for (std::string user : {"", "pat", "cass", "olivia", "ada"}) {
        SCOPED_TRACE(user.empty() ? "public" : user);
        bool allowed = user == "olivia" || user == "ada";
        Browser c = client(user);
        auto r = c.get(page(rescue_));
        ASSERT_EQ(r.status, 200);
        EXPECT_TRUE(has(r.body, "id=\"mean-change\">+1.3<"));  // everyone: the summary
        EXPECT_EQ(has(r.body, "id=\"participants\""), allowed);
        EXPECT_EQ(has(r.body, "RR-01"), allowed);
        EXPECT_EQ(has(r.body, "RR-05"), allowed);  // the incomplete participant, by id
        auto api = nlohmann::json::parse(c.get("/api/v1/services").body);
        bool found = false;
        for (const auto& s : api) {
            if (s["name"] != "Rescue-Rehab") continue;
            found = true;
            const auto& q = s["questionnaire"];
            EXPECT_EQ(q["summary"]["complete"], 4);
            EXPECT_EQ(q["summary"]["mean_change"], 1.3);
            EXPECT_EQ(q["summary"]["incomplete"], 1);
            EXPECT_EQ(q.contains("participants"), allowed);
            if (allowed) {
                EXPECT_EQ(q["participants"][0]["participant"], "RR-01");
                EXPECT_EQ(q["participants"][0]["change"], 3);
            }
        }
        EXPECT_TRUE(found);
        EXPECT_EQ(has(c.get("/api/v1/services").body, "RR-0"), allowed);
    }
}

TEST_P(ServicesWebTest, APriorityPageListsTheServicesServingIt) {
    auto plan = store::find_plan(*db_, Role::public_user, "pcc-norfolk-2016-2020");
    int64_t prevent = 0, victims = 0;
    for (const auto& p : store::load_priorities(*db_, Role::public_user, plan->id)) {
        if (p.number == 4) prevent = p.id;
        if (p.number == 5) victims = p.id;
    }
    auto r = client().get("/priorities/" + std::to_string(prevent));
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(has(r.body, "Commissioned services"));
    EXPECT_TRUE(has(r.body, "href=\"" + page(rescue_) + "\""));
    EXPECT_FALSE(has(r.body, "Daisy Programme"));
    auto v = client().get("/priorities/" + std::to_string(victims));
    EXPECT_TRUE(has(v.body, "Daisy Programme"));
}

TEST_P(ServicesWebTest, UnknownServicesAreNotFound) {
    EXPECT_EQ(client().get("/services/999999").status, 404);
    EXPECT_EQ(client().get("/services/abc").status, 404);
}

TEST_P(ServicesWebTest, AnOfficerAddsAGrantAndAFigureWithAnAuditRow) {
    Browser c = client("olivia");
    int64_t audit = edits();
    auto r = submit(c, page(cara_), page(cara_) + "/grants",
                    {{"recipient", "The Hampton Trust"},
                     {"funder", "OPCCN"},
                     {"amount", "£12,345.67"},
                     {"start", "2022-04-01"},
                     {"end", "2023-03-31"},
                     {"decision_number", "2022-07"},
                     {"note", "Extension"}});
    ASSERT_EQ(r.status, 303) << r.body;
    auto grants = store::load_grants(*db_, cara_);
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[1].amount_pence, 1'234'567);
    EXPECT_EQ(grants[1].decision_number, "2022-07");
    EXPECT_EQ(edits(), audit + 1);
    // The public page shows it at once (the audit row tells the page cache).
    EXPECT_TRUE(has(client().get(page(cara_)).body, "£12,345.67"));

    r = submit(c, page(cara_), page(cara_) + "/measures",
               {{"kind", "output"},
                {"group", "Referrals"},
                {"measure", "Offenders referred"},
                {"period_label", "During 2020"},
                {"period_start", "2020-01-01"},
                {"period_end", "2020-12-31"},
                {"value", "1,234"}});
    ASSERT_EQ(r.status, 303) << r.body;
    auto measures = store::load_measures(*db_, cara_);
    ASSERT_EQ(measures.size(), 1u);
    EXPECT_EQ(measures[0].value, 1234);
    EXPECT_EQ(edits(), audit + 2);
}

TEST_P(ServicesWebTest, FormErrorsAreSummarisedAndChangeNothing) {
    Browser c = client("olivia");
    int64_t before = changes();
    struct Case {
        std::vector<std::pair<std::string, std::string>> fields;
        std::string field, message;
    };
    std::vector<std::pair<std::string, std::string>> good = {{"recipient", "The Hampton Trust"},
                                                             {"amount", "60500.00"},
                                                             {"start", "2020-01-01"},
                                                             {"end", "2022-03-31"},
                                                             {"decision_number", "2019-64"}};
    auto with = [&](const std::string& key, const std::string& value) {
        auto f = good;
        for (auto& [k, v] : f)
            if (k == key) v = value;
        return f;
    };
    for (const Case& k :
         {Case{with("amount", "60,50"), "grant-amount", "Enter the amount in pounds"},
          Case{with("amount", ""), "grant-amount", "Enter the amount of the grant"},
          Case{with("decision_number", "2019/64"), "grant-decision", "like 2019-64"},
          Case{with("start", "2020-02-30"), "grant-start", "real date"},
          Case{with("end", "2019-12-31"), "grant-end", "same as or after the start"},
          Case{with("recipient", " "), "grant-recipient", "Enter who received the grant"}}) {
        SCOPED_TRACE(k.field);
        auto r = submit(c, page(cara_), page(cara_) + "/grants", k.fields);
        EXPECT_EQ(r.status, 400);
        EXPECT_TRUE(has(r.body, "govuk-error-summary"));
        EXPECT_TRUE(has(r.body, "href=\"#" + k.field + "\""));
        EXPECT_TRUE(has(r.body, k.message)) << r.body.substr(0, 3000);
        EXPECT_TRUE(has(r.body, "<title>Error: "));
    }
    // What was typed comes back in the form.
    auto kept = submit(c, page(cara_), page(cara_) + "/grants", with("amount", "60,50"));
    EXPECT_TRUE(has(kept.body, "value=\"60,50\""));

    auto figure = submit(c, page(cara_), page(cara_) + "/measures",
                         {{"kind", "impact"},
                          {"group", ""},
                          {"measure", "Job starts"},
                          {"period_label", "During 2019"},
                          {"period_start", "2019-01-01"},
                          {"period_end", "2018-12-31"},
                          {"value", "-3"}});
    EXPECT_EQ(figure.status, 400);
    for (std::string field : {"measure-kind", "measure-group", "measure-end", "measure-value"}) {
        EXPECT_TRUE(has(figure.body, "href=\"#" + field + "\"")) << field;
    }
    EXPECT_EQ(changes(), before);
}

TEST_P(ServicesWebTest, AnOfficerUploadsReturnsAndABadFileImportsNothing) {
    Browser c = client("olivia");
    int64_t before = changes();
    std::string header =
        "participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10\n";
    auto bad = upload(c, page(rescue_), page(rescue_) + "/returns", "returns.csv",
                      header + "RR-05,post,1,2,3,4,1,2,3,4,1,2\nRR-06,pre,1,2,3,5,1,2,3,4,1,2\n");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(has(bad.body, "govuk-error-summary"));
    EXPECT_TRUE(has(bad.body, "returns.csv:3: field &apos;item4&apos;: the score is 5"))
        << bad.body.substr(0, 4000);
    EXPECT_TRUE(has(bad.body, "Nothing was imported."));
    auto mid = upload(c, page(rescue_), page(rescue_) + "/returns", "r.csv",
                      header + "RR-06,mid,1,2,3,4,1,2,3,4,1,2\n");
    EXPECT_EQ(mid.status, 400);
    EXPECT_TRUE(has(mid.body, "&apos;mid&apos; must be &apos;pre&apos;"));
    auto none = upload(c, page(rescue_), page(rescue_) + "/returns", "", "");
    EXPECT_EQ(none.status, 400);
    EXPECT_TRUE(has(none.body, "Choose a CSV file of questionnaire returns"));
    // A service without a questionnaire takes no returns.
    auto nowhere = upload(c, page(cara_), page(cara_) + "/returns", "r.csv",
                          header + "RR-06,pre,1,2,3,4,1,2,3,4,1,2\n");
    EXPECT_EQ(nowhere.status, 400);
    EXPECT_TRUE(has(nowhere.body, "has no questionnaire"));
    EXPECT_EQ(changes(), before);

    // RR-05's final return completes a fifth participant: 20 -> 25.
    auto good = upload(c, page(rescue_), page(rescue_) + "/returns", "final.csv",
                       header + "RR-05,post,3,3,3,2,2,3,3,2,2,2\n");
    ASSERT_EQ(good.status, 303) << good.body.substr(0, 3000);
    EXPECT_EQ(count("questionnaire_responses"), 10);
    EXPECT_EQ(count("questionnaire_scores"), 100);
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'questionnaire returns imported' AND actor = 'olivia'")
                                .at(0)
                                .at(0)),
              1);
    auto view = store::load_questionnaire_view(*db_, Role::officer, rescue_);
    EXPECT_EQ(view->summary.complete, 5);
    EXPECT_EQ(one_decimal(*view->summary.mean_change), "2.0");  // (5 + 5) / 5
}

TEST_P(ServicesWebTest, OnlyOfficersAndAdministratorsMayChangeAService) {
    int64_t before = changes();
    // Anonymous visitors' pages have no forms; with a sign-in form's token they are sent to
    // sign in.
    Browser anonymous = client();
    auto r = submit(anonymous, "/login", page(cara_) + "/grants",
                    {{"recipient", "X"}, {"amount", "1"}, {"start", "2020-01-01"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.headers["location"].rfind("/login", 0), 0u);
    for (std::string user : {"pat", "cass"}) {
        Browser c = client(user);
        EXPECT_FALSE(has(c.get(page(cara_)).body, "Add the grant"));
        EXPECT_EQ(submit(c, page(cara_), page(cara_) + "/grants",
                         {{"recipient", "X"}, {"amount", "1"}, {"start", "2020-01-01"}})
                      .status,
                  403);
        EXPECT_EQ(upload(c, page(rescue_), page(rescue_) + "/returns", "r.csv", "x").status, 403);
    }
    EXPECT_TRUE(has(client("ada").get(page(cara_)).body, "Add the grant"));
    EXPECT_EQ(changes(), before);
}

INSTANTIATE_STORE_TESTS(ServicesWebTest);
