// The web application over real HTTP on a loopback port, on both database engines.
#include <gtest/gtest.h>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include "scrutineer/indicator_store.hpp"
#include "scrutineer/indicator_tables_render.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/user_store.hpp"

#include <chrono>
#include <thread>
#include "scrutineer/inputs.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

class WebTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::save_force(*db_, read_area_file(test::data_dir() + "/areas/city-of-london.json"));
        store::import_police_uk_files(
            *db_, {test::data_dir() + "/police-uk/city-of-london-street-2017-2021"}, nullptr,
            "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }
    std::unique_ptr<test::RunningApp> app_;
};

}  // namespace

TEST_P(WebTest, PagesAnswerWithGovukMarkupAndSecurityHeaders) {
    for (std::string path :
         {"/", "/areas", "/areas/E09000001", "/indicators", "/indicators/Robbery?area=E09000001",
          "/indicators/All%20crime?area=E23000034&month=2020-12"}) {
        auto r = app_->get(path);
        EXPECT_EQ(r.status, 200) << path;
        EXPECT_NE(r.body.find("govuk-template"), std::string::npos) << path;
        EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
        EXPECT_NE(r.headers["content-security-policy"].find("frame-ancestors 'none'"),
                  std::string::npos);
        EXPECT_EQ(r.headers.count("strict-transport-security"), 0u);  // not behind TLS
    }
    auto home = app_->get("/");
    EXPECT_NE(home.body.find("City of London Police: 12 months to December 2021"),
              std::string::npos);
    EXPECT_NE(home.body.find("5,431"), std::string::npos);  // All crime L12, as the CLI gives
    auto chart = app_->get("/indicators/Robbery?area=E09000001&month=2021-12");
    EXPECT_NE(chart.body.find("<svg"), std::string::npos);
    EXPECT_NE(chart.body.find(
                  "<title id=\"chart-title\">Robbery, City of London: monthly values</title>"),
              std::string::npos);
    EXPECT_NE(chart.body.find("January 2018"), std::string::npos);  // the data table beside it
    auto tls = app_->get("/", {{"X-Forwarded-Proto", "https"}});
    EXPECT_NE(tls.headers["strict-transport-security"].find("max-age="), std::string::npos);
}

TEST_P(WebTest, ErrorsAreClear) {
    auto missing = app_->get("/areas/E99999999");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.body.find("There is no area with the code E99999999."), std::string::npos);
    auto bad = app_->get("/areas/E09000001?month=2021-13");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("govuk-error-summary"), std::string::npos);
    EXPECT_NE(bad.body.find("Enter the month as YYYY-MM"), std::string::npos);
    auto script = app_->get("/areas/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    EXPECT_EQ(script.status, 404);
    EXPECT_EQ(script.body.find("<script>alert(1)"), std::string::npos);  // escaped
    EXPECT_NE(script.body.find("&lt;script&gt;"), std::string::npos);
    EXPECT_EQ(app_->get("/api/v1/indicators?month=nope").status, 400);
}

TEST_P(WebTest, ApiAnswersTheCsvRowsAsObjects) {
    auto r = app_->get("/api/v1/indicators?month=2021-12");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "application/json");
    auto rows = nlohmann::json::parse(r.body);
    ASSERT_EQ(rows.size(), 30u);  // 2 areas x 15 indicators
    std::vector<std::string> keys;
    for (auto& [k, v] : rows[0].items()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    std::string header = kIndicatorCsvHeader;
    std::vector<std::string> want;
    for (size_t start = 0; start <= header.size();) {
        size_t comma = header.find(',', start);
        if (comma == std::string::npos) comma = header.size();
        want.push_back(header.substr(start, comma - start));
        start = comma + 1;
    }
    std::sort(want.begin(), want.end());
    EXPECT_EQ(keys, want);
    EXPECT_EQ(rows[0]["level"], "force");
    EXPECT_EQ(rows[0]["indicator"], "All crime");
    EXPECT_EQ(rows[0]["last_12_months"], 5431);
    EXPECT_EQ(rows[0]["long_term_average"], 7022.0);
    EXPECT_EQ(rows[0]["difference"], -22.7);
    EXPECT_TRUE(rows[0]["lta_available_from"].is_null());
    // Which way is better, and what the SPC chart says of December 2021 (docs/indicators.md):
    // All crime within its usual variation, public order unusually high, a concern.
    EXPECT_EQ(rows[0]["improvement"], "decrease");
    EXPECT_EQ(rows[0]["special_cause"], "neither");
    EXPECT_EQ(rows[0]["assurance"], "hit_and_miss");
    auto public_order = std::find_if(rows.begin(), rows.end(), [](const nlohmann::json& r) {
        return r["level"] == "force" && r["indicator"] == "Public order";
    });
    ASSERT_NE(public_order, rows.end());
    EXPECT_EQ((*public_order)["special_cause"], "concern");
    auto csv = app_->get("/api/v1/indicators?month=2021-12&format=csv");
    EXPECT_EQ(csv.body.substr(0, csv.body.find('\n')), kIndicatorCsvHeader);
}

TEST_P(WebTest, StaticAssetsAreServedFromMemoryOnly) {
    auto css = app_->get("/stylesheets/govuk-frontend.min.css");
    EXPECT_EQ(css.status, 200);
    EXPECT_EQ(css.headers["content-type"], "text/css; charset=utf-8");
    EXPECT_EQ(app_->get("/assets/../../../../etc/passwd").status, 404);
    EXPECT_EQ(app_->get("/javascripts/app.mjs").status, 200);
}

TEST_P(WebTest, TheIndicatorPageShowsTheNarrativeOfThePrioritiesItMeasures) {
    Plan plan;
    plan.key = "p";
    plan.owner = "PCC";
    plan.title = "Plan";
    plan.first_year = 2021;
    plan.last_year = 2024;
    plan.description = "d";
    plan.source = "s";
    Priority pr;
    pr.plan_id = store::save_plan(*db_, plan);
    pr.number = 1;
    pr.title = "Reduce robbery";
    pr.id = store::save_priority(*db_, pr);
    store::save_priority_indicator(*db_,
                                   PriorityIndicator{pr.id, "Robbery", 1, Visibility::public_item});
    Narrative n;
    n.priority_id = pr.id;
    n.period_end = Month::of(2021, 12);
    n.text = "Robbery fell as the City emptied during the pandemic.";
    store::save_narrative(*db_, n);
    store::audit(*db_, "test", "narrative saved",
                 "");  // as the app does: the pages notice the change
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto page = app_->get("/indicators/Robbery?area=E09000001");
    EXPECT_NE(page.body.find("Robbery fell as the City emptied during the pandemic."),
              std::string::npos);
    EXPECT_NE(page.body.find("Reduce robbery</a>, period ending December 2021"), std::string::npos);
}

namespace {
std::string gunzip(const std::string& in) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out;
    char buf[65536];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof buf - z.avail_out);
    }
    EXPECT_EQ(rc, Z_STREAM_END);
    inflateEnd(&z);
    return out;
}
}  // namespace

TEST_P(WebTest, KeptAnswersAndStaticFilesGoCompressedToClientsThatAcceptIt) {
    for (std::string path : {"/", "/areas/E09000001", "/api/v1/indicators?month=2021-12",
                             "/stylesheets/govuk-frontend.min.css"}) {
        SCOPED_TRACE(path);
        auto plain = app_->get(path);
        auto again = app_->get(path);  // kept by now
        auto gz = app_->get(path, {{"Accept-Encoding", "gzip, deflate, br"}});
        ASSERT_EQ(gz.status, 200);
        EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
        EXPECT_EQ(again.headers["vary"], "Accept-Encoding");
        EXPECT_EQ(gz.headers["content-encoding"], "gzip");
        EXPECT_EQ(gz.headers["vary"], "Accept-Encoding");
        EXPECT_EQ(gz.headers["content-type"], plain.headers["content-type"]);
        EXPECT_LT(gz.body.size(), plain.body.size() / 3);
        EXPECT_EQ(gunzip(gz.body), plain.body);
        // Refused with q=0, or not named: as it is.
        EXPECT_EQ(app_->get(path, {{"Accept-Encoding", "gzip;q=0, identity"}}).body, plain.body);
        EXPECT_EQ(app_->get(path, {{"Accept-Encoding", "br"}}).body, plain.body);
        EXPECT_EQ(gunzip(app_->get(path, {{"Accept-Encoding", "br;q=1.0, GZIP;q=0.5"}}).body),
                  plain.body);
    }
}

INSTANTIATE_STORE_TESTS(WebTest);

// Two forces publishing up to different months, one with too few months for a Long Term
// Average: each force's table is for its own latest month, and the one without an average says
// once why, rather than columns of "n/a".
TEST_P(WebTest, EachForceIsShownForItsOwnMonthsAndAMissingAverageIsExplainedOnce) {
    store::save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
    store::import_police_uk_files(*db_, {test::data_dir() + "/police-uk/norfolk-street-2025"},
                                  nullptr, "test");
    auto home = app_->get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("City of London Police: 12 months to December 2021"),
              std::string::npos);
    EXPECT_NE(home.body.find("Norfolk Constabulary: 12 months to December 2025"),
              std::string::npos);
    EXPECT_NE(home.body.find("60 months in a row"), std::string::npos);  // the force's note
    auto norfolk = app_->get("/areas/E10000020");
    ASSERT_EQ(norfolk.status, 200);
    const std::string sentence =
        "the average needs every month from January 2022 to December 2024, and the data has "
        "none for January 2022 to December 2024. Importing those months would show them now; if "
        "no month is missed from here on, they will first be shown for the 12 months to "
        "December 2028.";
    EXPECT_NE(norfolk.body.find(sentence), std::string::npos) << norfolk.body;
    EXPECT_EQ(norfolk.body.find("Long Term Averages (3yrs)"), std::string::npos);
    EXPECT_EQ(norfolk.body.find("n/a"), std::string::npos);
    EXPECT_EQ(norfolk.body.find("2022-01.."), std::string::npos);  // no machine text
    // The City's page, with no month asked for, is its own December 2021, with its averages.
    auto city = app_->get("/areas/E23000034");
    EXPECT_NE(city.body.find("Last 12 months: January 2021 to December 2021."), std::string::npos);
    EXPECT_NE(city.body.find("Long Term Averages (3yrs)"), std::string::npos);
    EXPECT_NE(city.body.find("lower is better"), std::string::npos);
    EXPECT_NE(city.body.find("Concern: unusually high"), std::string::npos);
    // The indicator page: the SPC chart in two drawings, its legend and the verdict in words.
    auto robbery = app_->get("/indicators/Public%20order?area=E23000034");
    EXPECT_NE(robbery.body.find("id=\"chart-narrow-title\""), std::string::npos);
    EXPECT_NE(robbery.body.find("Process limits"), std::string::npos);
    EXPECT_NE(robbery.body.find("<strong>December 2021:</strong> Concern: unusually high"),
              std::string::npos);
    EXPECT_NE(robbery.body.find("Lower is better."), std::string::npos);
}

// What needs the panel's attention, and the funnel plot on an indicator's page.
TEST_P(WebTest, TheExceptionPageListsTheSignalsAndTheIndicatorPageTheFunnel) {
    store::save_force(*db_, read_area_file(test::data_dir() + "/areas/norfolk.json"));
    store::import_population_file(
        *db_, test::data_dir() + "/population/MYE2_persons_mid2019_LAD2020.csv", "test");
    store::import_police_uk_files(*db_, {test::data_dir() + "/police-uk/norfolk-street-2025"},
                                  nullptr, "test");
    auto page = app_->get("/exceptions");
    ASSERT_EQ(page.status, 200);
    // The City's December 2021: public order 2 of the last 3 months near its upper limit, a
    // concern, with its counts beside the percentage (as in the API test above).
    EXPECT_NE(page.body.find("Public order in City of London Police: 2 of the last 3 months "
                             "near the upper process limit; 469 in the last 12 months against "
                             "an average of 400 a year"),
              std::string::npos)
        << page.body;
    EXPECT_NE(page.body.find("Norfolk Constabulary</a>: December 2025"), std::string::npos);
    EXPECT_NE(page.body.find("<h3 class=\"govuk-heading-m\">Concerns</h3>"), std::string::npos);
    // Every item is a signal: no "usual variation" among them.
    EXPECT_EQ(page.body.find("Within the usual variation"), std::string::npos);

    auto burglary = app_->get("/indicators/Burglary?area=E10000020");
    ASSERT_EQ(burglary.status, 200);
    EXPECT_NE(burglary.body.find("Norfolk Constabulary: 2.1 per 1,000 residents (1,937 in "
                                 "907,760 residents)."),
              std::string::npos)
        << burglary.body;
    EXPECT_NE(burglary.body.find("Norwich: 3.5 per 1,000 residents, above the 99.8% limit"),
              std::string::npos);
    EXPECT_NE(burglary.body.find("id=\"funnel-title\""), std::string::npos);
    auto city = app_->get("/indicators/Burglary?area=E23000034");
    EXPECT_NE(city.body.find("No funnel plot: City of London Police has fewer than two "
                             "districts with figures to compare."),
              std::string::npos);
}

// The home page for a reader with five minutes: one summary per current plan; the replaced ones on
// their own page.
TEST_P(WebTest, TheHomePageSummarisesEachCurrentPlanAndPreviousPlansHaveTheirOwnPage) {
    Plan plan;
    plan.key = "now";
    plan.owner = "PCC";
    plan.title = "Plan for the City";
    plan.first_year = 2021;
    plan.last_year = 2024;
    plan.description = "d";
    plan.source = "s";
    int64_t current = store::save_plan(*db_, plan);
    Priority pr;
    pr.plan_id = current;
    pr.number = 1;
    pr.title = "Safer streets";
    pr.id = store::save_priority(*db_, pr);
    int position = 1;
    for (const char* name : {"Public order", "All crime", "Number of Hate Crimes"})
        store::save_priority_indicator(
            *db_, PriorityIndicator{pr.id, name, position++, Visibility::public_item});
    Plan old = plan;
    old.key = "before";
    old.title = "Plan of years gone by";
    old.first_year = 2016;
    old.last_year = 2020;
    old.status = PlanStatus::replaced;
    store::save_plan(*db_, old);
    store::audit(*db_, "test", "plan saved", "");  // as the app does: the pages notice the change
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));

    auto home = app_->get("/");
    ASSERT_EQ(home.status, 200);
    // Public order's December 2021 is a concern, All crime's within its usual variation; hate
    // crimes have no monthly figures.
    EXPECT_NE(home.body.find("0 improving, 1 getting worse, 1 showing no real change (data up "
                             "to December 2021)"),
              std::string::npos)
        << home.body;
    EXPECT_NE(home.body.find("1 with no monthly figures held"), std::string::npos);
    EXPECT_NE(home.body.find("it stays the current plan until a new one replaces it"),
              std::string::npos);
    EXPECT_EQ(home.body.find("Plan of years gone by"), std::string::npos);
    EXPECT_NE(home.body.find("href=\"/previous-plans\""), std::string::npos);
    auto previous = app_->get("/previous-plans");
    ASSERT_EQ(previous.status, 200);
    EXPECT_NE(previous.body.find("Plan of years gone by"), std::string::npos);
    EXPECT_EQ(previous.body.find("Plan for the City"), std::string::npos);
}
