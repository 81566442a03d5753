// Signing in, sessions, CSRF, rate limiting, roles and the import page, over real HTTP.
#include <gtest/gtest.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/sign_in_throttle.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";

using test::Browser;

class WebAuthTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
        for (auto [name, role] :
             {std::pair{"olivia", Role::officer}, std::pair{"ada", Role::administrator},
              std::pair{"pat", Role::panel_member}, std::pair{"cass", Role::case_worker}})
            store::create_user(*db_, name, std::string(name) + " Example", role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }
    Browser browser() { return Browser{app_->port(), {}}; }
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(WebAuthTest, SignInSetsAFreshHttpOnlySessionAndSignOutEndsIt) {
    Browser b = browser();
    b.cookies["scrutineer_session"] = std::string(64, 'a');  // planted before sign-in
    auto r = b.sign_in("olivia", kPassword);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.headers["location"], "/");
    EXPECT_NE(r.headers["set-cookie"].find("HttpOnly"), std::string::npos);
    EXPECT_NE(r.headers["set-cookie"].find("SameSite=Lax"), std::string::npos);
    EXPECT_NE(b.cookies["scrutineer_session"], std::string(64, 'a'));
    auto home = b.get("/");
    EXPECT_NE(home.body.find("Signed in as olivia Example (officer)"), std::string::npos);
    EXPECT_EQ(home.headers["cache-control"], "no-store");
    EXPECT_EQ(b.get("/imports").status, 200);

    std::string token = Browser::token_in(home.body);
    EXPECT_EQ(b.post("/logout", "csrf_token=" + token).status, 303);
    auto after = b.get("/imports");
    EXPECT_EQ(after.status, 303);
    EXPECT_EQ(after.headers["location"], "/login?next=%2Fimports");
}

TEST_P(WebAuthTest, APairThatKeepsFailingIsToldToWaitAndTheWaitGrows) {
    Browser b = browser();
    auto wrong = b.sign_in("olivia", "not the password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_NE(wrong.body.find("The username or password is not right"), std::string::npos);
    EXPECT_NE(wrong.body.find("govuk-error-summary"), std::string::npos);
    for (int i = 1; i < kFreePairFailures; ++i)
        EXPECT_EQ(b.sign_in("olivia", "not the password").status, 401);
    // Slowed, not locked: the answer comes at once with the time to wait, and even the right
    // password is not checked (nor the attempt counted) until it has passed.
    int64_t attempts = count("login_attempts");
    auto waiting = b.sign_in("olivia", kPassword);
    EXPECT_EQ(waiting.status, 429);
    EXPECT_EQ(waiting.headers["retry-after"], "1");
    EXPECT_NE(waiting.body.find("Wait 1 second, then try again"), std::string::npos);
    EXPECT_NE(waiting.body.find("govuk-error-summary"), std::string::npos);
    EXPECT_NE(waiting.body.find("govuk-error-message"), std::string::npos);
    EXPECT_EQ(count("login_attempts"), attempts);
    EXPECT_EQ(browser().sign_in("ada", kPassword).status, 303);  // other users are not slowed
    // Each further failure doubles the wait.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(b.sign_in("olivia", "not the password").status, 401);
    waiting = b.sign_in("olivia", kPassword);
    EXPECT_EQ(waiting.status, 429);
    EXPECT_EQ(waiting.headers["retry-after"], "2");
    EXPECT_NE(waiting.body.find("Wait 2 seconds, then try again"), std::string::npos);
    // After the wait the right password signs in, and the pair starts afresh.
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    EXPECT_EQ(b.sign_in("olivia", kPassword).status, 303);
    EXPECT_EQ(browser().sign_in("olivia", "not the password").status, 401);
}

TEST_P(WebAuthTest, FailuresFromOneAddressDoNotStopTheRightPasswordFromAnother) {
    test::RunningApp proxied(target_, {"127.0.0.1"});  // behind a proxy on this machine
    Browser attacker{proxied.port()}, olivia{proxied.port()};
    attacker.forwarded_for = "203.0.113.66";
    olivia.forwarded_for = "198.51.100.7";
    std::vector<int> statuses;
    for (int i = 0; i < 5; ++i) statuses.push_back(attacker.sign_in("olivia", "guess").status);
    EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 429, 429}));
    EXPECT_EQ(olivia.sign_in("olivia", kPassword).status, 303);
    // ... nor from the server's own peer address (no proxy in between).
    EXPECT_EQ(browser().sign_in("olivia", kPassword).status, 303);
}

TEST_P(WebAuthTest, TheOnlyAdministratorSignsInFromAFreshAddressAfterAHundredFailuresElsewhere) {
    // A hundred failures for ada, from a botnet's addresses, a minute ago ...
    std::string recently = fmt::format(
        "{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(
                                     std::chrono::system_clock::now() - std::chrono::minutes(1))));
    {
        store::Transaction tx(*db_);
        for (int i = 0; i < 100; ++i)
            db_->execute(
                "INSERT INTO login_attempts (username, remote, attempted_at, succeeded) VALUES "
                "(?, ?, ?, 0)",
                {store::text("ada"), store::text(fmt::format("192.0.2.{}", i % 10)),
                 store::text(recently)});
        tx.commit();
    }
    // ... and more through the proxy now.
    test::RunningApp proxied(target_, {"127.0.0.1"});
    Browser attacker{proxied.port()};
    attacker.forwarded_for = "203.0.113.66";
    for (int i = 0; i < kFreePairFailures; ++i)
        EXPECT_EQ(attacker.sign_in("ada", "guess " + std::to_string(i)).status, 401);
    // The attacker's address waits at most a minute; nobody else waits at all.
    auto waiting = attacker.sign_in("ada", "guess again");
    EXPECT_EQ(waiting.status, 429);
    EXPECT_EQ(waiting.headers["retry-after"], "1");
    Browser ada{proxied.port()};
    ada.forwarded_for = "198.51.100.7";
    EXPECT_EQ(ada.sign_in("ada", kPassword).status, 303);
    EXPECT_EQ(browser().sign_in("ada", kPassword).status, 303);
}

TEST_P(WebAuthTest, XForwardedForIsBelievedOnlyFromATrustedProxy) {
    auto last_remote = [&] {
        return store::as_text(
            db_->query("SELECT remote FROM login_attempts ORDER BY attempted_at DESC, remote "
                       "LIMIT 1")
                .at(0)
                .at(0));
    };
    // Without --trusted-proxy: the header is anybody's word, and is ignored.
    Browser direct = browser();
    direct.forwarded_for = "203.0.113.50";
    EXPECT_EQ(direct.sign_in("olivia", "not the password").status, 401);
    EXPECT_EQ(last_remote(), "127.0.0.1");
    db_->execute("DELETE FROM login_attempts");
    // From the trusted proxy: its right-most entry not a proxy; what the client wrote to the
    // left of it is not believed.
    test::RunningApp proxied(target_, {"10.9.8.7, 127.0.0.1"});
    Browser behind{proxied.port()};
    behind.forwarded_for = "192.0.2.1, 203.0.113.50";
    EXPECT_EQ(behind.sign_in("olivia", "not the password").status, 401);
    EXPECT_EQ(last_remote(), "203.0.113.50");
    auto audit = db_->query(
        "SELECT detail FROM audit_log WHERE action = 'sign-in failed' ORDER BY "
        "id DESC LIMIT 1");
    EXPECT_EQ(store::as_text(audit.at(0).at(0)), "from 203.0.113.50");
}

TEST_P(WebAuthTest, EveryPostNeedsTheCsrfToken) {
    Browser b = browser();
    b.get("/login");
    auto no_token = b.post("/login", "username=olivia&password=" + web::url_encode(kPassword));
    EXPECT_EQ(no_token.status, 403);
    auto wrong_token =
        b.post("/login", "csrf_token=" + std::string(64, '0') + "&username=olivia&password=x");
    EXPECT_EQ(wrong_token.status, 403);
    ASSERT_EQ(b.sign_in("ada", kPassword).status, 303);
    auto create = b.post("/admin/users", "username=newbie&display_name=New&role=officer&password=" +
                                             web::url_encode(kPassword));
    EXPECT_EQ(create.status, 403);  // no token
    EXPECT_FALSE(store::find_user(*db_, "newbie"));
}

TEST_P(WebAuthTest, RolesDecideWhoMayImportAndManageUsers) {
    struct Case {
        std::string user;
        int imports, users;
    };
    for (const Case& c : {Case{"", 303, 303}, Case{"pat", 403, 403}, Case{"cass", 403, 403},
                          Case{"olivia", 200, 403}, Case{"ada", 200, 200}}) {
        Browser b = browser();
        if (!c.user.empty()) {
            ASSERT_EQ(b.sign_in(c.user, kPassword).status, 303);
        }
        EXPECT_EQ(b.get("/imports").status, c.imports) << c.user;
        EXPECT_EQ(b.get("/admin/users").status, c.users) << c.user;
        for (std::string open : {"/", "/areas", "/indicators", "/api/v1/indicators"}) {
            EXPECT_NE(b.get(open).status, 403) << c.user << " " << open;
        }
    }
    Browser admin = browser();
    admin.sign_in("ada", kPassword);
    std::string token = Browser::token_in(admin.get("/admin/users").body);
    auto bad = admin.post(
        "/admin/users",
        "csrf_token=" + token + "&username=Xyz%21&display_name=New&role=officer&password=short");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("A username can only have"), std::string::npos);
    auto good = admin.post("/admin/users",
                           "csrf_token=" + token +
                               "&username=newbie&display_name=New+Officer&role=officer&password=" +
                               web::url_encode(kPassword));
    EXPECT_EQ(good.status, 303);
    EXPECT_EQ(store::find_user(*db_, "newbie")->role, Role::officer);
}

TEST_P(WebAuthTest, AnOfficerImportsAFileAndSeesTheTableChange) {
    Browser b = browser();
    ASSERT_EQ(b.sign_in("olivia", kPassword).status, 303);
    EXPECT_NE(b.get("/").body.find("There is no indicator data yet"), std::string::npos);
    std::string csv = test::police_uk_file(
        {test::police_uk_row("2025-01", "Norfolk Constabulary", "Norwich 001A", "Robbery"),
         test::police_uk_row("2025-01", "Norfolk Constabulary", "Norwich 002B", "Robbery")});
    std::string token = Browser::token_in(b.get("/imports").body);
    std::string boundary = "----scrutineer-test-boundary";
    std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
        token + "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npolice_uk\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; "
        "filename=\"2025-01-norfolk-street.csv\"\r\n" +
        "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
    auto started = b.post("/imports", body, "multipart/form-data; boundary=" + boundary);
    ASSERT_EQ(started.status, 303) << started.body;
    std::string job = started.headers["location"];
    nlohmann::json state;
    for (int i = 0; i < 100; ++i) {
        state = nlohmann::json::parse(b.get(job + ".json").body);
        if (state["finished"]) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(state["finished"]);
    EXPECT_FALSE(state["failed"]) << state.dump();
    EXPECT_NE(b.get(job).body.find("Import finished"), std::string::npos);
    std::this_thread::sleep_for(
        std::chrono::milliseconds(1100));  // the pages re-read the store each second
    auto area = b.get("/areas/E07000148?month=2025-01");
    EXPECT_NE(area.body.find("Robbery"), std::string::npos);
    auto api = nlohmann::json::parse(b.get("/api/v1/indicators?month=2025-01").body);
    bool found = false;
    for (const auto& row : api)
        if (row["area_code"] == "E07000148" && row["indicator"] == "Robbery") {
            found = true;
            EXPECT_EQ(row["status"], "insufficient_data");
        }
    EXPECT_TRUE(found);
    EXPECT_EQ(store::import_log(*db_).size(), 1u);
    EXPECT_EQ(store::import_log(*db_)[0].imported_by, "olivia");

    // A bad file: the job fails, says where, and nothing is imported.
    token = Browser::token_in(b.get("/imports").body);
    std::string bad =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
        token + "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncounts\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\n" +
        "area_code,indicator,month,value\nE10000020,Hate,2025-13,4\n\r\n--" + boundary + "--\r\n";
    job = b.post("/imports", bad, "multipart/form-data; boundary=" + boundary).headers["location"];
    for (int i = 0; i < 100; ++i) {
        state = nlohmann::json::parse(b.get(job + ".json").body);
        if (state["finished"]) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(state["failed"]);
    EXPECT_NE(state["lines"][0].get<std::string>().find(
                  "c.csv:2: field 'month': '2025-13' is not a month"),
              std::string::npos)
        << state.dump();
    EXPECT_EQ(store::import_log(*db_).size(), 1u);

    // A file name that tries to leave the upload directory is reduced to a plain name.
    token = Browser::token_in(b.get("/imports").body);
    std::string february = test::police_uk_file(
        {test::police_uk_row("2025-02", "Norfolk Constabulary", "Norwich 001A", "Drugs")});
    std::string sneaky =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
        token + "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npolice_uk\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"..\"\r\n\r\n" + february +
        "\r\n--" + boundary + "--\r\n";
    job =
        b.post("/imports", sneaky, "multipart/form-data; boundary=" + boundary).headers["location"];
    for (int i = 0; i < 100; ++i) {
        state = nlohmann::json::parse(b.get(job + ".json").body);
        if (state["finished"]) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_FALSE(state["failed"]) << state.dump();
    ASSERT_EQ(store::import_log(*db_).size(), 2u);
    EXPECT_NE(store::import_log(*db_)[1].source.find("/upload.csv"), std::string::npos);
}

// An edit keeps the indicator data already loaded (only the kept answers start again), and an
// import made elsewhere after edits (here straight into the store, as `scrutineer import` would)
// is still read: the data is reloaded when the import log changes, whatever the audit log did.
TEST_P(WebAuthTest, EditsKeepTheIndicatorDataAndALaterImportIsStillRead) {
    test::TempDir dir;
    auto import_month = [&](const std::string& month, const std::string& type) {
        std::string path = dir.write(month + "-norfolk-street.csv",
                                     test::police_uk_file({test::police_uk_row(
                                         month, "Norfolk Constabulary", "Norwich 001A", type)}));
        store::import_police_uk_files(*db_, {path}, nullptr, "test");
    };
    auto seen_after_a_second = [&](Browser& b, const std::string& path, const std::string& text) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // re-read each second
        return b.get(path).body.find(text) != std::string::npos;
    };
    Browser ada = browser();
    ASSERT_EQ(ada.sign_in("ada", kPassword).status, 303);
    import_month("2025-01", "Robbery");
    EXPECT_TRUE(seen_after_a_second(ada, "/areas/E07000148?month=2025-01", "Robbery"));

    // An edit: shown at once, and the indicator pages go on showing the data.
    EXPECT_EQ(ada.post_fields("/admin/users/pat", {{"role", "officer"}, {"access", "enabled"}},
                              "/admin/users/pat")
                  .status,
              303);
    EXPECT_NE(ada.get("/admin/users/pat").body.find("value=\"officer\" checked"),
              std::string::npos);
    EXPECT_NE(ada.get("/areas/E07000148?month=2025-01").body.find("Robbery"), std::string::npos);
    EXPECT_NE(browser().get("/areas/E07000148?month=2025-01").body.find("Robbery"),
              std::string::npos);

    // An import after the edit, and another edit: the new month is read.
    import_month("2025-02", "Drugs");
    EXPECT_EQ(ada.post_fields("/admin/users/pat", {{"role", "panel_member"}, {"access", "enabled"}},
                              "/admin/users/pat")
                  .status,
              303);
    EXPECT_TRUE(seen_after_a_second(ada, "/areas/E07000148?month=2025-02", "Drugs"));
    EXPECT_NE(browser().get("/areas/E07000148?month=2025-02").body.find("Drugs"),
              std::string::npos);
}

TEST_P(WebAuthTest, KeptPagesCarryEachUsersOwnNameAndToken) {
    store::create_user(*db_, "otto", "Otto Second", Role::officer, kPassword, "test");
    Browser a = browser(), b = browser();
    ASSERT_EQ(a.sign_in("olivia", kPassword).status, 303);
    ASSERT_EQ(b.sign_in("otto", kPassword).status, 303);
    for (int round = 0; round < 2; ++round) {  // the second round is answered from the kept page
        auto pa = a.get("/imports"), pb = b.get("/imports");
        EXPECT_NE(pa.body.find("Signed in as olivia Example (officer)"), std::string::npos);
        EXPECT_EQ(pa.body.find("Otto Second"), std::string::npos);
        EXPECT_NE(pb.body.find("Signed in as Otto Second (officer)"), std::string::npos);
        EXPECT_EQ(pb.body.find("olivia Example"), std::string::npos);
        EXPECT_NE(Browser::token_in(pa.body), Browser::token_in(pb.body));
        EXPECT_EQ(pa.body.find("@@scrutineer"), std::string::npos);
    }
    // Each token works for its own user only.
    std::string token_a = Browser::token_in(a.get("/").body);
    Browser stolen = b;
    EXPECT_EQ(stolen.post("/logout", "csrf_token=" + token_a).status, 403);
    EXPECT_EQ(a.post("/logout", "csrf_token=" + token_a).status, 303);
}

TEST_P(WebAuthTest, AnAttackerChosenSessionCookieIsNeverASession) {
    // Cookies of someone else's choosing, well-formed (64 hex digits) or not: nobody is signed in.
    for (std::string planted : {std::string(64, 'a'), std::string(64, '0'), std::string("x"),
                                std::string(65, 'a'), std::string("' OR 1=1 --")}) {
        Browser b = browser();
        b.cookies["scrutineer_session"] = planted;
        EXPECT_EQ(b.get("/").body.find("Signed in as"), std::string::npos) << planted;
        EXPECT_EQ(b.get("/imports").status, 303) << planted;
    }
    // A victim signs in carrying a cookie an attacker planted: the session is a new one, and the
    // planted value, which the attacker knows, is still nobody's session.
    const std::string planted(64, 'b');
    Browser victim = browser();
    victim.cookies["scrutineer_session"] = planted;
    ASSERT_EQ(victim.sign_in("olivia", kPassword).status, 303);
    EXPECT_NE(victim.cookies["scrutineer_session"], planted);
    EXPECT_EQ(victim.get("/imports").status, 200);
    Browser attacker = browser();
    attacker.cookies["scrutineer_session"] = planted;
    EXPECT_EQ(attacker.get("/imports").status, 303);
    // The store keeps only each session token's hash: the cookie's value is not in it.
    for (const auto& row : db_->query("SELECT token_hash FROM sessions"))
        EXPECT_NE(store::as_text(row[0]), victim.cookies["scrutineer_session"]);
}

TEST_P(WebAuthTest, SigningInAgainOrOutEndsTheOldSession) {
    // The sign-in form's CSRF token (an anonymous visitor's cookie) is not the session's.
    Browser b = browser();
    b.get("/login");
    const std::string anonymous_token = b.cookies["scrutineer_csrf"];
    ASSERT_EQ(anonymous_token.size(), 64u);
    ASSERT_EQ(b.sign_in("olivia", kPassword).status, 303);
    const std::string first = b.cookies["scrutineer_session"];
    EXPECT_NE(Browser::token_in(b.get("/").body), anonymous_token);
    // Signing in again, as someone else, in the same browser: a new session, the old one gone.
    ASSERT_EQ(b.sign_in("ada", kPassword).status, 303);
    const std::string second = b.cookies["scrutineer_session"];
    EXPECT_NE(second, first);
    Browser replay = browser();
    replay.cookies["scrutineer_session"] = first;
    EXPECT_EQ(replay.get("/imports").status, 303);
    EXPECT_EQ(b.get("/admin/users").status, 200);
    // Signing out: the cookie is removed and its value no longer works.
    ASSERT_EQ(b.post("/logout", "csrf_token=" + Browser::token_in(b.get("/").body)).status, 303);
    EXPECT_EQ(b.cookies.count("scrutineer_session"), 0u);
    replay.cookies["scrutineer_session"] = second;
    EXPECT_EQ(replay.get("/admin/users").status, 303);
}

TEST_P(WebAuthTest, AnAddressFailingForManyUsernamesIsSlowedButNoOtherAddress) {
    // One address failing for many usernames (guessing who exists, or one password tried on
    // every user) is slowed as a whole; a colleague who has signed in from it before is not.
    test::RunningApp proxied(target_, {"127.0.0.1"});
    Browser colleague{proxied.port()}, guesser{proxied.port()};
    colleague.forwarded_for = guesser.forwarded_for = "203.0.113.9";
    ASSERT_EQ(colleague.sign_in("olivia", kPassword).status, 303);
    std::string recently = fmt::format(
        "{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(
                                     std::chrono::system_clock::now() - std::chrono::minutes(1))));
    for (int i = 1; i < kFreeAddressFailures; ++i)
        db_->execute(
            "INSERT INTO login_attempts (username, remote, attempted_at, succeeded) VALUES (?, "
            "'203.0.113.9', ?, 0)",
            {store::text("guess" + std::to_string(i)), store::text(recently)});
    EXPECT_EQ(guesser.sign_in("guess0", "not anyone's password").status, 401);
    int64_t attempts = count("login_attempts");
    auto waiting = guesser.sign_in("guess99", "not anyone's password");
    EXPECT_EQ(waiting.status, 429);
    EXPECT_EQ(waiting.headers["retry-after"], "1");
    EXPECT_EQ(guesser.sign_in("ada", kPassword).status, 429);  // not known at this address
    EXPECT_EQ(count("login_attempts"), attempts);  // refused before the password is looked at
    Browser colleague_again{proxied.port()};
    colleague_again.forwarded_for = "203.0.113.9";
    EXPECT_EQ(colleague_again.sign_in("olivia", kPassword).status, 303);
    // Every other address, the same users included, is answered at once.
    Browser elsewhere{proxied.port()};
    elsewhere.forwarded_for = "203.0.113.10";
    EXPECT_EQ(elsewhere.sign_in("ada", kPassword).status, 303);
    EXPECT_EQ(browser().sign_in("pat", kPassword).status, 303);
    // Failures past the window are forgotten (the audit log keeps them all).
    auto old = std::chrono::system_clock::now() - kAttemptWindow - std::chrono::minutes(1);
    db_->execute(
        "UPDATE login_attempts SET attempted_at = ? WHERE succeeded = 0",
        {store::text(fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                                 fmt::gmtime(std::chrono::system_clock::to_time_t(old))))});
    EXPECT_EQ(guesser.sign_in("ada", kPassword).status, 303);
    EXPECT_EQ(count("login_attempts WHERE succeeded = 0"), 0);
}

TEST_P(WebAuthTest, NoUserCanBeGivenThePublicRoleOrAnEasyPassword) {
    Browser admin = browser();
    ASSERT_EQ(admin.sign_in("ada", kPassword).status, 303);
    auto add = [&](const std::string& role, const std::string& password) {
        return admin.post_fields("/admin/users",
                                 {{"username", "newbie"},
                                  {"display_name", "New Person"},
                                  {"role", role},
                                  {"password", password}},
                                 "/admin/users");
    };
    auto r = add("public", kPassword);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("<a href=\"#role\">Choose a role"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("id=\"role-error\""), std::string::npos);
    EXPECT_NE(r.body.find("govuk-select--error"), std::string::npos);
    for (std::string weak : {"aaaaaaaaaaaa", "password1234", "newbie123456", "New Person 1!"}) {
        r = add("officer", weak);
        EXPECT_EQ(r.status, 400) << weak;
        EXPECT_NE(r.body.find("<a href=\"#new-password\">Enter a password that is harder to guess"),
                  std::string::npos)
            << weak;
        EXPECT_NE(r.body.find("id=\"new-password-error\""), std::string::npos) << weak;
    }
    EXPECT_FALSE(store::find_user(*db_, "newbie"));
    EXPECT_EQ(add("officer", "a long password here").status, 303);
    // The store refuses the same, whoever asks (the command line too).
    try {
        store::create_user(*db_, "someone", "Some One", Role::public_user, kPassword, "test");
        FAIL() << "a public user was created";
    } catch (const store::InvalidUserDetails& e) {
        EXPECT_EQ(e.field, "role");
    }
    EXPECT_THROW(store::set_role(*db_, "olivia", Role::public_user, "test"), std::invalid_argument);
    EXPECT_EQ(store::find_user(*db_, "olivia")->role, Role::officer);
}

TEST_P(WebAuthTest, AfterSigningInOnlyAPathOnThisSiteIsFollowed) {
    // Another site, however written (browsers read a backslash as a slash and drop tabs and line
    // breaks), and a line break that would add a header of the sender's choosing: the home page.
    for (std::string next :
         {std::string("//evil.example/x"), std::string("/\\evil.example/x"),
          std::string("/\t/evil.example"), std::string("https://evil.example"),
          std::string("javascript:alert(1)"), std::string("/\r\nSet-Cookie: planted=1"),
          std::string("/a\rSet-Cookie: planted=1"), std::string("/caf\xc3\xa9")}) {
        Browser b = browser();
        auto r = b.post_form("/login", "username=olivia&password=" + web::url_encode(kPassword) +
                                           "&next=" + web::url_encode(next));
        ASSERT_EQ(r.status, 303) << next;
        EXPECT_EQ(r.headers["location"], "/") << next;
        EXPECT_EQ(r.headers["set-cookie"].find("planted"), std::string::npos) << next;
        EXPECT_EQ(r.headers.count("planted"), 0u);
        // The sign-in page carries only a safe `next` in its form.
        auto form = b.get("/login?next=" + web::url_encode(next));
        EXPECT_NE(form.body.find("name=\"next\" value=\"/\""), std::string::npos) << next;
    }
    // A path here, with its query, is followed.
    Browser b = browser();
    auto r = b.post_form("/login", "username=olivia&password=" + web::url_encode(kPassword) +
                                       "&next=" + web::url_encode("/asb/cases?stage=closed"));
    EXPECT_EQ(r.headers["location"], "/asb/cases?stage=closed");
}

// Permission changes: an administrator changes a role or disables a user on the user's page;
// the change reaches the user's next request, ends a disabled user's sessions, and is audited.
TEST_P(WebAuthTest, AnAdministratorChangesARoleAndDisablesAUser) {
    auto audit_rows = [&](const std::string& action) {
        std::vector<std::string> out;
        for (const auto& r :
             db_->query("SELECT actor, detail FROM audit_log WHERE action = ? ORDER BY id",
                        {store::text(action)}))
            out.push_back(store::as_text(r[0]) + ": " + store::as_text(r[1]));
        return out;
    };
    Browser olivia = browser(), ada = browser();
    ASSERT_EQ(olivia.sign_in("olivia", kPassword).status, 303);
    ASSERT_EQ(ada.sign_in("ada", kPassword).status, 303);
    EXPECT_EQ(olivia.get("/imports").status, 200);

    auto list = ada.get("/admin/users");
    EXPECT_NE(list.body.find("href=\"/admin/users/olivia\""), std::string::npos);
    auto page = ada.get("/admin/users/olivia");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("value=\"officer\" checked"), std::string::npos);
    EXPECT_NE(page.body.find("value=\"enabled\" checked"), std::string::npos);

    // A role taken away works at once, though olivia's session was read a moment ago.
    auto change = [&](Browser& b, const std::string& who, const std::string& role,
                      const std::string& access) {
        return b.post_fields("/admin/users/" + who, {{"role", role}, {"access", access}},
                             "/admin/users/" + who);
    };
    EXPECT_EQ(change(ada, "olivia", "panel_member", "enabled").status, 303);
    EXPECT_EQ(store::find_user(*db_, "olivia")->role, Role::panel_member);
    EXPECT_EQ(olivia.get("/imports").status, 403);
    EXPECT_EQ(audit_rows("role changed"),
              std::vector<std::string>{"ada: olivia is now panel_member (was officer)"});

    // Disabled: the session ends and signing in is refused; enabled again, both work.
    EXPECT_EQ(change(ada, "olivia", "panel_member", "disabled").status, 303);
    auto after = olivia.get("/imports");
    EXPECT_EQ(after.status, 303);
    EXPECT_EQ(after.headers["location"], "/login?next=%2Fimports");
    EXPECT_EQ(browser().sign_in("olivia", kPassword).status, 401);
    EXPECT_NE(ada.get("/admin/users").body.find("No (disabled)"), std::string::npos);
    EXPECT_EQ(change(ada, "olivia", "officer", "enabled").status, 303);
    EXPECT_EQ(olivia.sign_in("olivia", kPassword).status, 303);
    EXPECT_EQ(olivia.get("/imports").status, 200);
    EXPECT_EQ(audit_rows("user disabled"),
              std::vector<std::string>{"ada: olivia (olivia Example)"});
    EXPECT_EQ(audit_rows("user enabled"), std::vector<std::string>{"ada: olivia (olivia Example)"});
    EXPECT_EQ(audit_rows("role changed").size(), 2u);

    // Nobody may leave the site without an administrator; refused changes change nothing.
    for (auto [role, access] : {std::pair{"officer", "enabled"}, {"administrator", "disabled"}}) {
        auto refused = change(ada, "ada", role, access);
        EXPECT_EQ(refused.status, 400);
        EXPECT_NE(refused.body.find("ada is the only administrator who can sign in"),
                  std::string::npos);
    }
    EXPECT_EQ(store::find_user(*db_, "ada")->role, Role::administrator);
    EXPECT_FALSE(store::find_user(*db_, "ada")->disabled);
    EXPECT_EQ(audit_rows("role changed").size(), 2u);

    // Bad fields, unknown users, and anyone but an administrator.
    auto no_role = change(ada, "pat", "public", "enabled");
    EXPECT_EQ(no_role.status, 400);
    EXPECT_NE(no_role.body.find("Choose a role"), std::string::npos);
    EXPECT_EQ(change(ada, "pat", "officer", "maybe").status, 400);
    EXPECT_EQ(change(ada, "nobody", "officer", "enabled").status, 404);
    EXPECT_EQ(ada.get("/admin/users/nobody").status, 404);
    EXPECT_EQ(olivia.get("/admin/users/pat").status, 403);
    EXPECT_EQ(change(olivia, "pat", "administrator", "enabled").status, 403);
    EXPECT_EQ(store::find_user(*db_, "pat")->role, Role::panel_member);
}

// The store's own rules, whoever calls them (the web page or `scrutineer user`).
TEST_P(WebAuthTest, PermissionChangesNameTheUserAndKeepAnAdministrator) {
    EXPECT_THROW(store::set_role(*db_, "nobody", Role::officer, "test"), std::invalid_argument);
    EXPECT_THROW(store::set_disabled(*db_, "nobody", true, "test"), std::invalid_argument);
    auto count = [&] { return store::as_int(db_->query("SELECT COUNT(*) FROM audit_log")[0][0]); };
    int64_t before = count();
    store::set_role(*db_, "pat", Role::panel_member, "test");  // no change: nothing written
    store::set_disabled(*db_, "pat", false, "test");
    EXPECT_EQ(count(), before);
    // A second administrator lets the first step down; then the second is the only one.
    store::set_role(*db_, "cass", Role::administrator, "test");
    store::set_role(*db_, "ada", Role::officer, "test");
    try {
        store::set_disabled(*db_, "cass", true, "test");
        ADD_FAILURE() << "disabled the only administrator";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "cass is the only administrator who can sign in: make someone else an "
                     "administrator first");
    }
    EXPECT_FALSE(store::find_user(*db_, "cass")->disabled);
}

INSTANTIATE_STORE_TESTS(WebAuthTest);
