// Who may see an ASB case's personal data: every ASB Case Review page, export and letter, as
// every role and as nobody, on the Norfolk demo's cases (data/demo/case-reviews.json). The
// victims', applicants' and incidents' details must reach case workers and administrators only
// (docs/security.md); the other roles get the pages without them, or no page at all.
#include <gtest/gtest.h>

#include <set>

#include "case_review_sample.hpp"
#include "restricted_fixture.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

const std::string kPassword = "correct horse battery";

class WebCaseReviewAccessTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::import_bank_holidays(*db_, test::england_and_wales(), "test", "test");
        store::load_case_review_file(*db_, test::data_dir() + "/demo/case-reviews.json");
        cases_ = store::load_cases(*db_, Role::administrator);
        for (auto [name, role] :
             {std::pair{"casey", Role::case_worker}, std::pair{"ada", Role::administrator},
              std::pair{"olivia", Role::officer}, std::pair{"pat", Role::panel_member}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    // Every piece of personal data on the stored cases (long enough to be unmistakable).
    std::set<std::string> personal_strings() const { return test::personal_data_of(cases_); }

    // Every ASB Case Review page and export, with each case's page and letters.
    std::vector<std::string> routes() const {
        std::vector<std::string> out = {"/asb-case-review",
                                        "/asb-case-review/apply",
                                        "/asb",
                                        "/asb?district=E07000148",
                                        "/asb/cases",
                                        "/asb/cases?stage=closed",
                                        "/asb/cases/new",
                                        "/asb/statistics",
                                        "/asb/statistics.csv",
                                        "/asb/statistics?year=2020",
                                        "/asb/statistics.csv?year=2025&quarter=4",
                                        "/asb/agencies",
                                        "/asb/settings"};
        for (const auto& c : cases_) {
            std::string url = "/asb/cases/" + std::to_string(c.id);
            out.push_back(url);
            for (const auto& l : c.letters) {
                out.push_back(url + "/letters/" + std::to_string(l.id));
                out.push_back(url + "/letters/" + std::to_string(l.id) + ".pdf");
            }
        }
        return out;
    }

    std::vector<AsbCase> cases_;
    std::unique_ptr<test::RunningApp> app_;
};

TEST_P(WebCaseReviewAccessTest, PersonalDataReachesCaseWorkersAndAdministratorsOnly) {
    const auto personal = personal_strings();
    ASSERT_GE(personal.size(), 10u) << "the demo's cases should carry personal data";
    const auto all = routes();

    struct Viewer {
        std::string user;  // empty: not signed in
        bool may_see_personal_data;
    };
    for (const Viewer& v : {Viewer{"", false}, Viewer{"pat", false}, Viewer{"olivia", false},
                            Viewer{"casey", true}, Viewer{"ada", true}}) {
        test::Browser b{app_->port(), {}};
        if (!v.user.empty()) {
            ASSERT_EQ(b.sign_in(v.user, kPassword).status, 303) << v.user;
        }
        std::set<std::string> seen;  // the personal strings this viewer was shown anywhere
        for (const auto& route : all) {
            auto r = b.get(route);
            SCOPED_TRACE((v.user.empty() ? "public" : v.user) + " " + route);
            EXPECT_LT(r.status, 500);
            for (const auto& s : personal)
                if (r.body.find(s) != std::string::npos) {
                    seen.insert(s);
                    EXPECT_TRUE(v.may_see_personal_data) << "personal data shown: " << s;
                }
            // A letter is all personal data: refused (or sign-in) for the other roles.
            if (route.find("/letters/") != std::string::npos && !v.may_see_personal_data) {
                EXPECT_TRUE(r.status == 403 || r.status == 303) << r.status;
            }
        }
        if (v.may_see_personal_data) {
            // The people are on their pages for those who work the cases.
            EXPECT_GE(seen.size(), personal.size() / 2) << v.user;
        }
    }
}

TEST_P(WebCaseReviewAccessTest, EveryViewOfACaseIsInItsAccessLog) {
    const AsbCase& c = cases_.front();
    const std::string url = "/asb/cases/" + std::to_string(c.id);
    auto before = store::load_case_access_log(*db_, c.id).size();
    for (const char* user : {"olivia", "casey", "ada"}) {
        test::Browser b{app_->port(), {}};
        b.sign_in(user, kPassword);
        ASSERT_EQ(b.get(url).status, 200) << user;
    }
    test::Browser pat{app_->port(), {}};
    pat.sign_in("pat", kPassword);
    EXPECT_EQ(pat.get(url).status, 403);
    auto log = store::load_case_access_log(*db_, c.id);
    ASSERT_EQ(log.size(), before + 3);
    std::set<std::string> who;
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(log[i].action, "viewed");
        who.insert(log[i].actor);
    }
    EXPECT_EQ(who, (std::set<std::string>{"olivia", "casey", "ada"}));
}

INSTANTIATE_STORE_TESTS(WebCaseReviewAccessTest);

}  // namespace
