// Two `scrutineer serve` processes on one PostgreSQL store (behind a load balancer) behave as
// one: sessions, edits, the sign-in throttle and the public form's limit are in the store, not in
// either server.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "case_review_sample.hpp"
#include "restricted_fixture.hpp"
#include "scrutineer/area.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/sign_in_throttle.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::Browser;

namespace {

const std::string kPassword = "correct horse battery";

class TwoServersTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
        action_ = test::seed_restricted_plan(*db_, "EXEMPT", "CONFIDENTIAL").action;
        for (auto [name, role] : {std::pair{"olivia", Role::officer}, {"ada", Role::administrator}})
            store::create_user(*db_, name, std::string(name) + " Example", role, kPassword, "test");
        one_ = std::make_unique<test::RunningApp>(target_);
        two_ = std::make_unique<test::RunningApp>(target_);
    }

    // How long until `server`'s page for anonymous visitors at `target` shows `text` (polled every
    // 50 ms), or nullopt when it has not after `limit`.
    static std::optional<std::chrono::milliseconds> time_until_shown(
        const test::RunningApp& server, const std::string& target, const std::string& text,
        std::chrono::milliseconds limit = std::chrono::milliseconds(3000)) {
        auto start = std::chrono::steady_clock::now();
        while (true) {
            auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start);
            if (server.get(target).body.find(text) != std::string::npos) return elapsed;
            if (elapsed > limit) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    std::string action_page() const { return "/actions/" + std::to_string(action_); }

    int64_t action_ = 0;
    std::unique_ptr<test::RunningApp> one_, two_;
};

}  // namespace

TEST_P(TwoServersTest, ASessionSignedInOnOneIsValidOnTheOtherAndEndsOnBoth) {
    Browser on_one{one_->port()};
    ASSERT_EQ(on_one.sign_in("olivia", kPassword).status, 303);
    Browser on_two{two_->port(), on_one.cookies};
    auto page = on_two.get("/imports");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Signed in as olivia Example (officer)"), std::string::npos);
    // The same session's CSRF token works on either server.
    auto update = on_two.post_fields(
        action_page() + "/updates",
        {{"date", "2025-06-01"}, {"text", "Posted through server two"}, {"visibility", "public"}},
        action_page());
    EXPECT_EQ(update.status, 303) << update.body;
    // Signed out on one: refused on the other within two seconds (its session recheck).
    ASSERT_EQ(
        on_one.post("/logout", "csrf_token=" + Browser::token_in(on_one.get("/").body)).status,
        303);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    EXPECT_EQ(on_two.get("/imports").status, 303);
}

TEST_P(TwoServersTest, AnEditThroughOneIsSeenByTheOtherWithinASecond) {
    // The other server has the page kept for anonymous visitors.
    ASSERT_EQ(two_->get(action_page()).body.find("Seen on both servers"), std::string::npos);
    Browser officer{one_->port()};
    ASSERT_EQ(officer.sign_in("olivia", kPassword).status, 303);
    auto r = officer.post_fields(
        action_page() + "/updates",
        {{"date", "2025-06-01"}, {"text", "Seen on both servers"}, {"visibility", "public"}},
        action_page());
    ASSERT_EQ(r.status, 303) << r.body;
    auto seen = time_until_shown(*two_, action_page(), "Seen on both servers");
    ASSERT_TRUE(seen.has_value()) << "server two never showed server one's edit";
    // Once a second the store's version is checked; a request or two of slack on a busy machine.
    EXPECT_LE(seen->count(), 1500);
    std::cout << "server two showed server one's edit after " << seen->count() << " ms\n";
}

TEST_P(TwoServersTest, AnEditWhoseTransactionEndsAfterALaterOnesIsSeenToo) {
    // PostgreSQL numbers rows when they are written, not when their transaction commits: an
    // edit that took a lower audit-log id can commit after a higher one was seen (another
    // server's slow request, a long import). It must still be seen.
    auto slow = store::open_database(target_);
    store::Transaction late(*slow);
    ActionUpdate u;
    u.action_id = action_;
    u.date = *parse_date("2025-06-02");
    u.text = "Committed late";
    store::save_action_update(*slow, u);
    store::audit(*slow, "olivia", "action update added", "action");
    Browser officer{one_->port()};
    ASSERT_EQ(officer.sign_in("olivia", kPassword).status, 303);
    ASSERT_EQ(
        officer
            .post_fields(
                action_page() + "/updates",
                {{"date", "2025-06-03"}, {"text", "Committed first"}, {"visibility", "public"}},
                action_page())
            .status,
        303);
    ASSERT_TRUE(time_until_shown(*two_, action_page(), "Committed first").has_value());
    late.commit();
    auto seen = time_until_shown(*two_, action_page(), "Committed late");
    ASSERT_TRUE(seen.has_value()) << "server two never showed the edit committed late";
    EXPECT_LE(seen->count(), 1500);
}

TEST_P(TwoServersTest, TheSignInThrottleCountsAcrossBoth) {
    for (int i = 0; i < kFreePairFailures; ++i) {
        Browser b{(i % 2 ? two_ : one_)->port()};
        EXPECT_EQ(b.sign_in("olivia", "not the password").status, 401);
    }
    // Failures through either server slow the same (username, address) pair on both.
    for (const auto* server : {one_.get(), two_.get()}) {
        Browser b{server->port()};
        auto r = b.sign_in("olivia", kPassword);
        EXPECT_EQ(r.status, 429);
        EXPECT_EQ(r.headers["retry-after"], "1");
    }
    // ... and nobody else.
    EXPECT_EQ(Browser{two_->port()}.sign_in("ada", kPassword).status, 303);
}

// The public form's limit (5 applications per address per hour) counts the applications sent
// through either server: the sixth is refused on both, whichever took the five.
TEST_P(TwoServersTest, ThePublicFormsLimitCountsAcrossBoth) {
    test::save_norwich_contact(*db_);
    for (int i = 0; i < 5; ++i) {
        Browser visitor{(i % 2 ? two_ : one_)->port()};
        visitor.source = "127.0.0.9";
        auto sent = visitor.post_fields("/asb-case-review/apply", test::public_application(i),
                                        "/asb-case-review/apply");
        EXPECT_EQ(sent.status, 303) << sent.body.substr(0, 2000);
    }
    for (const auto* server : {one_.get(), two_.get()}) {
        Browser visitor{server->port()};
        visitor.source = "127.0.0.9";
        auto refused = visitor.post_fields("/asb-case-review/apply", test::public_application(9),
                                           "/asb-case-review/apply");
        EXPECT_EQ(refused.status, 429);
        EXPECT_NE(refused.body.find("Applicant 9"), std::string::npos);  // the form kept as typed
    }
    EXPECT_EQ(count("case_review_cases"), 5);
    // Another address is not limited.
    Browser other{two_->port()};
    other.source = "127.0.0.10";
    EXPECT_EQ(other
                  .post_fields("/asb-case-review/apply", test::public_application(10),
                               "/asb-case-review/apply")
                  .status,
              303);
}

INSTANTIATE_TEST_SUITE_P(Engines, TwoServersTest,
                         ::testing::Values(scrutineer::store::Engine::postgresql),
                         [](const auto&) { return "PostgreSQL"; });
