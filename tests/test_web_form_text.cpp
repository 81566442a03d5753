// Issue 18, "Nobody can fill the store": every form's text is checked before anything is stored
// (form_text.hpp) — at most 200 characters for one-line fields and 10,000 for free text, UTF-8
// only, no control characters but tab and line breaks (CR LF kept as LF) — with the GOV.UK
// message beside the field on the sign-in, user and ASB Case Review application forms and an
// error summary on every other form; the public application form takes 5 applications from an
// address in an hour; and a store that cannot take an application gives the applicant the form
// back as typed (503), never an error page.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>
#include <chrono>

#include "scrutineer/case_review_store.hpp"
#include "scrutineer/form_text.hpp"
#include "scrutineer/http.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using test::Browser;
using test::HttpResult;

namespace {

const std::string kPassword = "correct horse battery";
const char* const kNorwich = "E07000148";
using Fields = std::vector<std::pair<std::string, std::string>>;

bool has(const std::string& body, const std::string& text) {
    return body.find(text) != std::string::npos;
}

std::string html(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\'')
            out += "&apos;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

CalendarDate days_ago(int n) {
    auto today = date_of(std::chrono::system_clock::now());
    return CalendarDate{
        std::chrono::year_month_day{std::chrono::sys_days{today.ymd} - std::chrono::days{n}}};
}

void date_fields(Fields& f, const std::string& name, CalendarDate d) {
    f.emplace_back(name + "-day", std::to_string(d.day()));
    f.emplace_back(name + "-month", std::to_string(d.month()));
    f.emplace_back(name + "-year", std::to_string(d.year()));
}

// A complete application from the victim, with three incidents.
Fields application() {
    Fields f = {{"action", "send"},
                {"incidents", "3"},
                {"applicant-type", "victim"},
                {"victim-name", "Valerie Quayle"},
                {"victim-address", "12 Elm Row, Norwich"},
                {"victim-email", "valerie@example.org"},
                {"district", kNorwich},
                {"summary", "Shouting and stones thrown at my windows at night"}};
    for (int row = 1; row <= 3; ++row) {
        std::string p = fmt::format("incident-{}", row);
        date_fields(f, p + "-behaviour", days_ago(70 - 20 * row));
        date_fields(f, p + "-reported", days_ago(69 - 20 * row));
        f.emplace_back(p + "-agency", "Norfolk Constabulary");
        f.emplace_back(p + "-reference", fmt::format("NC-{}", row));
        f.emplace_back(p + "-description", "Stones at the window");
    }
    return f;
}

Fields with(Fields f, const std::string& name, const std::string& value) {
    for (auto& [k, v] : f)
        if (k == name) v = value;
    return f;
}

class FormTextWebTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::save_case_review_contact(
            *db_,
            CaseReviewContact{kNorwich, "Norwich", "Norwich City Council", "Nora Spoc",
                              "ASB Case Review SPOC", "01603 212121", "asbreview@norwich.example",
                              "01603 212122", "Inspector Matthew Wakefield"});
        store::create_user(*db_, "ada", "Ada Lovelace", Role::administrator, kPassword, "test");
        store::create_user(*db_, "cass", "Cass Worker", Role::case_worker, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }
    Browser client(const std::string& user = "") {
        Browser c{app_->port(), {}};
        if (!user.empty()) {
            EXPECT_EQ(c.sign_in(user, kPassword).status, 303);
        }
        return c;
    }
    HttpResult apply(Browser& b, const Fields& f) {
        return b.post_fields("/asb-case-review/apply", f, "/asb-case-review/apply");
    }
    size_t cases() { return store::load_cases(*db_, Role::administrator).size(); }
    // Whether any row of the audit log or the sign-in attempts holds `text`.
    bool logged(const std::string& text) {
        for (const auto& r : db_->query("SELECT actor, action, detail FROM audit_log"))
            for (const auto& v : r)
                if (v && has(*v, text)) return true;
        for (const auto& r : db_->query("SELECT username, remote FROM login_attempts"))
            for (const auto& v : r)
                if (v && has(*v, text)) return true;
        return false;
    }

    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

// ---- the rule ----

TEST(FormText, OneLineFieldsTake200CharactersAndFreeText10000) {
    EXPECT_EQ(web::text_limit("username"), 200u);
    EXPECT_EQ(web::text_limit("victim-name"), 200u);
    EXPECT_EQ(web::text_limit("incident-12-reference"), 200u);
    EXPECT_EQ(web::text_limit("incident-2-behaviour-day"), 200u);
    EXPECT_EQ(web::text_limit("published_on"), 200u);
    EXPECT_EQ(web::text_limit("summary"), 10'000u);
    EXPECT_EQ(web::text_limit("incident-2-description"), 10'000u);
    EXPECT_EQ(web::text_limit("minutes_of_a_new_form"), 10'000u);  // not listed: free text

    EXPECT_EQ(web::text_problem("summary", std::string(10'000, 'a')), "");
    EXPECT_EQ(web::text_problem("summary", std::string(10'001, 'a')),
              "Summary must be 10,000 characters or less");
    EXPECT_EQ(web::text_problem("victim-name", std::string(201, 'a')),
              "Full name must be 200 characters or less");
    // Characters, not bytes: 200 two-byte letters are 200 characters.
    std::string e_acute;
    for (int i = 0; i < 200; ++i) e_acute += "\xC3\xA9";
    EXPECT_EQ(web::text_problem("victim-name", e_acute), "");
    EXPECT_EQ(web::text_problem("incident-3-agency", std::string(201, 'a')),
              "Incident 3: who it was reported to must be 200 characters or less");
    EXPECT_EQ(web::text_problem("news_title", std::string(201, 'a')),
              "News title must be 200 characters or less");
}

TEST(FormText, OnlyUtf8TextWithTabsAndLineBreaks) {
    EXPECT_EQ(web::text_problem("summary", "Line one\nLine two\twith a tab, \xE2\x82\xAC 5"), "");
    for (std::string bad : {std::string("a\0b", 3), std::string("a\x1b[31mred"),
                            std::string("a\rb"), std::string("a\x7f"), std::string("\xC2\x85")})
        EXPECT_EQ(web::text_problem("summary", bad),
                  "Summary must not contain control characters (only letters, numbers, "
                  "punctuation, spaces, tabs and line breaks)")
            << bad;
    for (std::string bad : {std::string("\xff"), std::string("caf\xC3"), std::string("\xC0\xAF"),
                            std::string("\xED\xA0\x80")})  // stray, cut, overlong, surrogate
        EXPECT_EQ(web::text_problem("victim-name", bad),
                  "Full name must not contain bytes that are not UTF-8 text");
    // A field name that is not a plain name is not echoed.
    auto problems = web::text_problems({{std::string(5000, 'n'), "x"}, {"ok", "fine"}});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].field, "");
}

TEST(FormText, CrLfBecomesLfWhenTheFormIsRead) {
    auto r =
        web::make_request("POST", "/x", {{"Content-Type", "application/x-www-form-urlencoded"}},
                          "summary=one%0D%0Atwo%0D%0D%0Athree%0Afour&name=a");
    EXPECT_EQ(r.form["summary"], "one\ntwo\nthree\nfour");
    EXPECT_EQ(web::with_lf_line_breaks("a\rb"), "a\rb");  // a lone CR is left (and refused)
    // A form larger than any page sends is not read.
    auto big =
        web::make_request("POST", "/x", {{"Content-Type", "application/x-www-form-urlencoded"}},
                          "summary=" + std::string(web::kMaxFormBytes, 'a'));
    EXPECT_TRUE(big.form.empty());
}

TEST(FormText, PagesShowStoredTextAsUtf8WithoutControlCharacters) {
    EXPECT_EQ(web::shown_text("plain\ttext\r\n"), "plain\ttext\r\n");
    EXPECT_EQ(web::shown_text("caf\xC3\xA9"), "caf\xC3\xA9");
    EXPECT_EQ(web::shown_text(std::string("a\0b\x1b[31m\xff", 9)),
              "a\xEF\xBF\xBD"
              "b\xEF\xBF\xBD[31m\xEF\xBF\xBD");
}

// ---- sign-in ----

TEST_P(FormTextWebTest, AHugeUsernameAtSignInIsRefusedAndNeitherStoredNorEchoed) {
    Browser b = client();
    std::string huge(30'000'000, 'u');
    auto r = b.sign_in(huge, "whatever it is");
    EXPECT_EQ(r.status, 413);
    EXPECT_LT(r.body.size(), 100'000u);
    // Within the size of a form, but longer than a username.
    std::string long_name = "ulong" + std::string(196, 'u');
    r = b.sign_in(long_name, "whatever it is");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "Username must be 200 characters or less"));
    EXPECT_TRUE(has(r.body, "id=\"username-error\""));
    EXPECT_FALSE(has(r.body, "ulong"));
    std::string binary = std::string("ada\x1b[2J", 7);
    r = b.sign_in(binary, "whatever it is");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "Username must not contain control characters"));
    EXPECT_FALSE(logged("uuuuu"));
    EXPECT_FALSE(logged("\x1b"));
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM login_attempts").at(0).at(0)), 0);
    EXPECT_EQ(b.sign_in("ada", kPassword).status, 303);  // the form still works
}

// ---- the user form and the other forms ----

TEST_P(FormTextWebTest, TheUserFormShowsTheProblemBesideTheField) {
    Browser ada = client("ada");
    auto r = ada.post_fields("/admin/users",
                             {{"username", "newby"},
                              {"display_name", std::string(201, 'n')},
                              {"role", "officer"},
                              {"password", kPassword}},
                             "/admin/users");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "<a href=\"#display-name\">Full name must be 200 characters or less"));
    EXPECT_TRUE(has(r.body, "id=\"display-name-error\""));
    EXPECT_FALSE(store::find_user(*db_, "newby"));
}

TEST_P(FormTextWebTest, EveryOtherFormIsRefusedWithAnErrorSummaryNamingTheField) {
    Browser ada = client("ada");
    auto before = store::as_int(db_->query("SELECT COUNT(*) FROM audit_log").at(0).at(0));
    auto r = ada.post_fields("/decisions",
                             {{"number", "2021-98"},
                              {"date", "2021-01-05"},
                              {"title", std::string(201, 't')},
                              {"summary", std::string("Decided\0", 8)}},
                             "/decisions");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "govuk-error-summary"));
    EXPECT_TRUE(has(r.body, "Title must be 200 characters or less"));
    EXPECT_TRUE(has(r.body, "Summary must not contain control characters"));
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM audit_log").at(0).at(0)), before);
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM pcc_decisions").at(0).at(0)), 0);
    // An upload's text fields too.
    const std::string boundary = "b0undary";
    std::string token = Browser::token_in(ada.get("/imports").body);
    std::string body = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + token +
                       "\r\n--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncounts\x1b" +
                       "\r\n--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                       "Content-Type: text/csv\r\n\r\na,b\r\n--" +
                       boundary + "--\r\n";
    r = ada.post("/imports", body, "multipart/form-data; boundary=" + boundary);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "Kind must not contain control characters"));
}

// ---- the public ASB Case Review application form ----

TEST_P(FormTextWebTest, TooLongTextIsShownBesideItsFieldAndNothingIsStored) {
    Browser visitor = client();
    auto audited = store::as_int(db_->query("SELECT COUNT(*) FROM audit_log").at(0).at(0));
    Fields f = with(with(application(), "summary", std::string(10'001, 's')), "victim-name",
                    std::string(201, 'v'));
    f = with(f, "incident-2-reference", "R" + std::string(200, 'r'));
    auto r = apply(visitor, f);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(has(r.body, "<a href=\"#summary\">Summary must be 10,000 characters or less"));
    EXPECT_TRUE(has(r.body, "id=\"summary-error\""));
    EXPECT_TRUE(has(r.body, "<a href=\"#victim-name\">Full name must be 200 characters or less"));
    EXPECT_TRUE(has(r.body, "id=\"victim-name-error\""));
    EXPECT_TRUE(has(r.body, "Incident 2: the incident or reference number must be 200"));
    EXPECT_TRUE(has(r.body, "id=\"incident-2-reference-error\""));
    EXPECT_TRUE(has(r.body, "value=\"valerie@example.org\""));  // everything typed is kept
    EXPECT_TRUE(has(r.body, std::string(10'001, 's')));
    EXPECT_EQ(cases(), 0u);
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM audit_log").at(0).at(0)), audited);
}

TEST_P(FormTextWebTest, NulEscapeAndBytesThatAreNotUtf8AreRefusedNamingTheField) {
    Browser visitor = client();
    Fields f = with(application(), "victim-address", std::string("12 Elm Row\0", 11));
    f = with(f, "summary", "Noise \x1b[2J every night");
    f = with(f, "victim-name", "Val\xff\xfe");
    f = with(f, "incident-1-behaviour-day", std::string("1\0", 2));
    auto r = apply(visitor, f);
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(
        has(r.body, "<a href=\"#victim-address\">Address must not contain control characters"));
    EXPECT_TRUE(has(r.body, "<a href=\"#summary\">Summary must not contain control characters"));
    EXPECT_TRUE(has(
        r.body, "<a href=\"#victim-name\">Full name must not contain bytes that are not UTF-8"));
    EXPECT_TRUE(
        has(r.body, "<a href=\"#incident-1-behaviour\">Incident 1: behaviour day must not"));
    // What was typed comes back, as text: never the raw bytes.
    EXPECT_FALSE(has(r.body, std::string(1, '\0')));
    EXPECT_FALSE(has(r.body, "\x1b"));
    EXPECT_FALSE(has(r.body, "\xff"));
    EXPECT_TRUE(has(r.body, "Noise \xEF\xBF\xBD[2J every night"));
    EXPECT_EQ(cases(), 0u);
}

TEST_P(FormTextWebTest, LineBreaksFromATextareaAreStoredAsLf) {
    Browser visitor = client();
    auto r = apply(visitor, with(application(), "summary", "First line\r\nSecond line\r\n"));
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
    auto stored = store::load_cases(*db_, Role::administrator);
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored[0].summary, "First line\nSecond line");
}

TEST_P(FormTextWebTest, TheSixthApplicationFromOneAddressInAnHourIsRefusedWithTheFormKept) {
    for (int i = 1; i <= 5; ++i) {
        Browser visitor = client();
        auto r = apply(visitor, with(application(), "victim-name", fmt::format("Victim {}", i)));
        ASSERT_EQ(r.status, 303) << i;
    }
    Browser sixth = client();
    Fields f = with(application(), "victim-name", "Victim Six");
    auto r = apply(sixth, f);
    EXPECT_EQ(r.status, 429);
    EXPECT_TRUE(has(r.body, "You have sent 5 applications from this address in the last hour"));
    EXPECT_TRUE(has(r.body, "Send this one again in 60 minutes"));
    EXPECT_TRUE(has(r.body, "value=\"Victim Six\""));
    EXPECT_TRUE(has(r.body, "Shouting and stones thrown at my windows at night"));
    EXPECT_TRUE(has(r.body, "value=\"NC-3\""));
    EXPECT_EQ(cases(), 5u);
    // Staff entry is not limited.
    Browser cass = client("cass");
    Fields staff = application();
    staff.emplace_back("channel", "telephone");
    date_fields(staff, "received", days_ago(0));
    r = cass.post_fields("/asb/cases/new", staff, "/asb/cases/new");
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    EXPECT_EQ(cases(), 6u);
    // Turns older than the hour no longer count (and are deleted).
    db_->execute("UPDATE rate_limited_turns SET at = at - 3601");
    r = apply(sixth, f);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM rate_limited_turns").at(0).at(0)), 1);
}

// An SQLite write lock held by another process (PostgreSQL has no store-wide lock to hold).
class FormTextSqliteWebTest : public FormTextWebTest {};

TEST_P(FormTextSqliteWebTest, ABusyStoreGivesTheApplicantTheFormBackNeverAnErrorPage) {
    // Another process holds the write lock for longer than the store waits (an import, say).
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(target_.c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
    Browser visitor = client();
    Fields f = with(application(), "victim-name", "Patient Applicant");
    auto r = apply(visitor, f);
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    EXPECT_EQ(r.status, 503);
    EXPECT_TRUE(has(r.body, html("Your application could not be sent")));
    EXPECT_TRUE(has(r.body, "Nothing was lost: check your answers and send it again."));
    EXPECT_TRUE(has(r.body, "value=\"Patient Applicant\""));
    EXPECT_TRUE(has(r.body, "Shouting and stones thrown at my windows at night"));
    EXPECT_TRUE(has(r.body, "value=\"NC-2\""));
    EXPECT_TRUE(has(r.body, ">Norwich</option>"));
    EXPECT_EQ(cases(), 0u);
    // Sent again once the store is free, it is stored.
    r = apply(visitor, f);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(cases(), 1u);
}

INSTANTIATE_STORE_TESTS(FormTextWebTest);
INSTANTIATE_TEST_SUITE_P(Engines, FormTextSqliteWebTest,
                         ::testing::Values(scrutineer::store::Engine::sqlite),
                         [](const auto&) { return "SQLite"; });
