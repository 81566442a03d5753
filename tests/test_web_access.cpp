// Who may see what: every page and API answer, as every role and as nobody, against the
// permission table (docs/security.md). Exempt and confidential text must never reach a role
// that may not see it, including by guessing ids.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "restricted_fixture.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kExempt = "EXEMPT-OPERATIONAL-DETAIL";
const std::string kConfidential = "CONFIDENTIAL-NAMED-INFORMANT";

// The session cookie of `user`, signed in through /login.
std::string session_for(unsigned short port, const std::string& user) {
    test::Browser b{port, {}};
    b.sign_in(user, kPassword);
    return b.cookies["scrutineer_session"];
}

class WebAccessTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
        plan_ = test::seed_restricted_plan(*db_, kExempt, kConfidential);
        for (auto [name, role] :
             {std::pair{"pat", Role::panel_member}, std::pair{"olivia", Role::officer},
              std::pair{"cass", Role::case_worker}, std::pair{"ada", Role::administrator}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    test::RestrictedPlan plan_;
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(WebAccessTest, EveryRouteAsEveryRoleShowsOnlyWhatTheRoleMaySee) {
    std::vector<std::string> routes = {"/",
                                       "/plans/" + std::to_string(plan_.plan),
                                       "/priorities/" + std::to_string(plan_.priority),
                                       "/actions/" + std::to_string(plan_.action),
                                       "/actions/" + std::to_string(plan_.exempt_action),
                                       "/actions/" + std::to_string(plan_.confidential_action),
                                       "/api/v1/plans",
                                       "/api/v1/indicators",
                                       "/areas",
                                       "/indicators",
                                       "/imports",
                                       "/admin/users",
                                       "/actions/999999",
                                       "/no-such-page"};
    struct Who {
        std::string user;
        Role role;
    };
    int checked = 0;
    for (const Who& who : {Who{"", Role::public_user}, Who{"pat", Role::panel_member},
                           Who{"cass", Role::case_worker}, Who{"olivia", Role::officer},
                           Who{"ada", Role::administrator}}) {
        std::map<std::string, std::string> headers;
        if (!who.user.empty())
            headers["Cookie"] = "scrutineer_session=" + session_for(app_->port(), who.user);
        bool exempt_ok = may_see(who.role, Visibility::exempt);
        bool confidential_ok = may_see(who.role, Visibility::confidential);
        std::string everything;
        for (const auto& route : routes) {
            auto r = test::http_request(app_->port(), "GET", route, headers);
            SCOPED_TRACE(who.user + " " + route);
            EXPECT_LT(r.status, 500);
            if (!exempt_ok) {
                EXPECT_EQ(r.body.find(kExempt), std::string::npos);
            }
            if (!confidential_ok) {
                EXPECT_EQ(r.body.find(kConfidential), std::string::npos);
            }
            everything += r.body;
            ++checked;
        }
        // What the role may see is really there (the filter does not hide too much).
        EXPECT_EQ(everything.find(kExempt) != std::string::npos, exempt_ok) << who.user;
        EXPECT_EQ(everything.find(kConfidential) != std::string::npos, confidential_ok) << who.user;
        EXPECT_NE(everything.find("Public update"), std::string::npos) << who.user;
        // A guessed id of something hidden answers exactly like an id that does not exist.
        auto hidden = test::http_request(
            app_->port(), "GET", "/actions/" + std::to_string(plan_.exempt_action), headers);
        EXPECT_EQ(hidden.status, exempt_ok ? 200 : 404) << who.user;
    }
    EXPECT_EQ(checked, 5 * 14);
}

TEST_P(WebAccessTest, OfficersEditPlansActionsAndNarrativesOthersCannot) {
    auto post_as = [&](const std::string& user, const std::string& path, const std::string& body) {
        test::Browser b{app_->port(), {}};
        b.sign_in(user, kPassword);
        return b.post_form(path, body, "/");
    };

    std::string plan_path = "/plans/" + std::to_string(plan_.plan);
    std::string plan_form =
        "title=Renamed+plan&first_year=2021&last_year=2025&status=current&description=Varied";
    EXPECT_EQ(post_as("pat", plan_path, plan_form).status, 403);
    EXPECT_EQ(store::load_plan(*db_, Role::officer, plan_.plan)->title, "Test plan");
    auto ok = post_as("olivia", plan_path, plan_form);
    EXPECT_EQ(ok.status, 303);
    auto plan = store::load_plan(*db_, Role::officer, plan_.plan);
    EXPECT_EQ(plan->title, "Renamed plan");
    EXPECT_EQ(plan->last_year, 2025);
    auto bad = post_as("olivia", plan_path,
                       "title=X&first_year=21&last_year=2025&status=current&description=");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("Enter the first year of the plan as four digits"), std::string::npos);

    std::string action_path = "/actions/" + std::to_string(plan_.action);
    auto changed = post_as("olivia", action_path,
                           "status=at_risk&due=2022-04&text=Public+action&success_measures=One%0D%"
                           "0ATwo&visibility=public");
    EXPECT_EQ(changed.status, 303);
    auto a = store::load_action(*db_, Role::officer, plan_.action);
    EXPECT_EQ(a->status, ActionStatus::at_risk);
    EXPECT_EQ(a->success_measures, (std::vector<std::string>{"One", "Two"}));
    EXPECT_EQ(
        post_as("cass", action_path, "status=complete&due=Ongoing&text=x&visibility=public").status,
        403);

    std::string narrative_path = "/priorities/" + std::to_string(plan_.priority) + "/narrative";
    EXPECT_EQ(
        post_as("olivia", narrative_path, "period_end=2022-13&text=x&visibility=public").status,
        400);
    EXPECT_EQ(
        post_as("olivia", narrative_path, "period_end=2022-06&text=Going+well&visibility=public")
            .status,
        303);
    bool found = false;
    for (const auto& n : store::load_narratives(*db_, Role::public_user, plan_.priority))
        if (n.text == "Going well" && n.author == "olivia") found = true;
    EXPECT_TRUE(found);
    auto audit = db_->query(
        "SELECT COUNT(*) FROM audit_log WHERE actor = 'olivia' AND action <> 'signed in'");
    EXPECT_EQ(store::as_int(audit[0][0]), 3);
}

TEST_P(WebAccessTest, AnExemptIndicatorIsShownOnlyToRolesThatMaySeeIt) {
    std::string counts = "area_code,indicator,month,value\n";
    for (Month m = Month::of(2018, 1); m <= Month::of(2021, 12); m = m + 1)
        counts += "E10000020,Operation Orochi arrests," + to_string(m) + ",3\n";
    store::import_counts_file(*db_, tmp_.write("orochi.csv", counts), "test");
    store::import_indicator_catalogue(
        *db_,
        tmp_.write("catalogue.json",
                   R"([{"name": "Operation Orochi arrests", "visibility": "exempt"}])"),
        "test");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the app notices the imports
    for (auto [user, allowed] :
         {std::pair{std::string(), false}, std::pair{std::string("cass"), false},
          std::pair{std::string("pat"), true}, std::pair{std::string("olivia"), true}}) {
        std::map<std::string, std::string> headers;
        if (!user.empty())
            headers["Cookie"] = "scrutineer_session=" + session_for(app_->port(), user);
        for (std::string route :
             {"/api/v1/indicators?month=2021-12", "/api/v1/indicators?month=2021-12&area=E10000020",
              "/api/v1/indicators?month=2021-12&indicator=Operation%20Orochi%20arrests",
              "/api/v1/indicators?area=E10000020&indicator=Operation%20Orochi%20arrests",
              "/areas/E10000020?month=2021-12", "/indicators",
              "/indicators/Operation%20Orochi%20arrests", "/"}) {
            auto r = test::http_request(app_->port(), "GET", route, headers);
            SCOPED_TRACE(user + " " + route);
            if (route.rfind("/indicators/", 0) == 0) {
                EXPECT_EQ(r.status, allowed ? 200 : 404);
            } else if (route.find("indicator=") != std::string::npos) {
                // Asked for by name, it is as unknown as one that does not exist.
                EXPECT_EQ(r.status, allowed ? 200 : 400);
                EXPECT_EQ(r.body.find("\"last_12_months\":36") != std::string::npos, allowed);
            } else {
                EXPECT_EQ(r.body.find("Operation Orochi") != std::string::npos, allowed);
            }
        }
    }
}

INSTANTIATE_STORE_TESTS(WebAccessTest);
