// The web application with many forces in the store (a national store, in small): the home
// page's one row per force, and the indicator API's area and indicator filters. On both engines.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

#include "scrutineer/indicator_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

// Invented forces, each with two districts (found in the files: --areas from-data), whose codes
// are the names' slugs.
const std::vector<std::string> kForces = {"Ashdown Constabulary", "Brackenshire Police",
                                          "Carrick Vale Police", "Dunmere Constabulary",
                                          "Elythorpe Police"};

std::string slug(const std::string& name) {
    std::string s;
    for (char c : name) s += c == ' ' ? '-' : static_cast<char>(std::tolower(c));
    return s;
}

class WebForcesTest : public test::StoreTest {
  protected:
    // Four years of police.uk months (2018-01 to 2021-12, so every figure has its Long Term
    // Average) for the first `n` forces, one file a month as the police.uk archive has them.
    void import_forces(size_t n) {
        for (int y = 2018; y <= 2021; ++y)
            for (int mo = 1; mo <= 12; ++mo) {
                std::string month = fmt::format("{}-{:02}", y, mo);
                std::vector<std::string> rows;
                for (size_t f = 0; f < n; ++f) {
                    const std::string& force = kForces[f];
                    std::string first = force.substr(0, force.find(' '));
                    // Burglary rises steadily in the last year in the first district; robbery
                    // stays level in the second; a few rows without a location.
                    int burglaries = 3 + static_cast<int>(f) + (y == 2021 ? 4 : 0);
                    for (int i = 0; i < burglaries; ++i)
                        rows.push_back(
                            test::police_uk_row(month, force, first + " North 001A", "Burglary"));
                    for (int i = 0; i < 2; ++i)
                        rows.push_back(
                            test::police_uk_row(month, force, first + " South 002B", "Robbery"));
                    rows.push_back(test::police_uk_row(month, force, "", "Robbery"));
                }
                tmp_.write("police-uk/" + month + "/" + month + "-street.csv",
                           test::police_uk_file(rows));
            }
        store::PoliceUkStoreImport how;
        how.from_data = true;
        how.threads = 1;
        store::import_police_uk_files(*db_, {(tmp_.path / "police-uk").string()}, "test", how);
        app_ = std::make_unique<test::RunningApp>(target_);
    }
    std::unique_ptr<test::RunningApp> app_;

    nlohmann::json api(const std::string& query, int want_status = 200) {
        auto r = app_->get("/api/v1/indicators?" + query);
        EXPECT_EQ(r.status, want_status) << query << ": " << r.body;
        EXPECT_EQ(r.headers["content-type"], "application/json") << query;
        return nlohmann::json::parse(r.body);
    }
};

}  // namespace

TEST_P(WebForcesTest, TheHomePageSummarisesEachForceWhenTheStoreHasMany) {
    import_forces(5);
    auto home = app_->get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("The store holds 5 force areas"), std::string::npos);
    EXPECT_NE(home.body.find("<caption class=\"govuk-table__caption govuk-table__caption--m\">"
                             "Force areas: All crime, 12 months to December 2021</caption>"),
              std::string::npos);
    for (const auto& force : kForces) {
        SCOPED_TRACE(force);
        // One row a force: its name as the row's header, linking to its area page.
        EXPECT_NE(home.body.find("<th scope=\"row\" class=\"govuk-table__header\"><a "
                                 "class=\"govuk-link\" href=\"/areas/" +
                                 slug(force) + "\">" + force + "</a></th>"),
                  std::string::npos);
        // ... not its whole table.
        EXPECT_EQ(home.body.find(force + ": 12 months to December 2021"), std::string::npos);
        auto area = app_->get("/areas/" + slug(force));
        EXPECT_EQ(area.status, 200);
        EXPECT_NE(area.body.find(">Burglary</a>"), std::string::npos);
    }
    // Ashdown: All crime in 2021 is 12 x (7 burglaries + 3 robberies) = 120, against 36 x 6 / 3 =
    // 72 a year before; burglary is significantly higher, robbery level.
    size_t row = home.body.find("href=\"/areas/ashdown-constabulary\"");
    ASSERT_NE(row, std::string::npos);
    std::string ashdown = home.body.substr(row, home.body.find("</tr>", row) - row);
    EXPECT_NE(ashdown.find(">120</a>"), std::string::npos) << ashdown;
    EXPECT_NE(ashdown.find("72"), std::string::npos) << ashdown;
    EXPECT_NE(ashdown.find("66.7%"), std::string::npos) << ashdown;
    EXPECT_NE(ashdown.find("href=\"/indicators/All%20crime?area=ashdown-constabulary\""),
              std::string::npos);
    EXPECT_EQ(home.body.find("Indicator tables"), std::string::npos);  // no plans, no heading
}

TEST_P(WebForcesTest, TheHomePageShowsWholeTablesForAFewForces) {
    import_forces(3);
    auto home = app_->get("/");
    ASSERT_EQ(home.status, 200);
    EXPECT_EQ(home.body.find("Force areas: All crime"), std::string::npos);
    for (size_t f = 0; f < 3; ++f)
        EXPECT_NE(home.body.find(kForces[f] + ": 12 months to December 2021"), std::string::npos)
            << kForces[f];
    // ... and an indicator's page the area's own force and its districts (forces may publish
    // up to different months), with links to the other forces.
    auto page = app_->get("/indicators/Robbery?area=carrick-south&month=2021-12");
    EXPECT_NE(page.body.find("Carrick Vale Police and its districts</caption>"), std::string::npos);
    EXPECT_EQ(page.body.find(">Ashdown North</a>"), std::string::npos);
    EXPECT_NE(page.body.find(">Ashdown Constabulary</a>"), std::string::npos);
}

TEST_P(WebForcesTest, TheIndicatorPageComparesTheForcesAndTheAreasOwnForcesDistricts) {
    import_forces(5);
    auto page = app_->get("/indicators/Robbery?area=carrick-south&month=2021-12");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Every force area, and the districts of Carrick Vale Police"),
              std::string::npos);
    for (const auto& force : kForces)
        EXPECT_NE(page.body.find(">" + force + "</a>"), std::string::npos) << force;
    EXPECT_NE(page.body.find(">Carrick North</a>"), std::string::npos);
    EXPECT_NE(page.body.find("<strong>Carrick South</strong>"), std::string::npos);
    EXPECT_EQ(page.body.find("Ashdown North"), std::string::npos);  // another force's district
    // A force's page: its own districts.
    auto force = app_->get("/indicators/Robbery?area=ashdown-constabulary&month=2021-12");
    EXPECT_NE(force.body.find(">Ashdown North</a>"), std::string::npos);
    EXPECT_EQ(force.body.find("Carrick South"), std::string::npos);
}

TEST_P(WebForcesTest, TheApiFiltersByArea) {
    import_forces(5);
    auto everything = api("month=2021-12");
    auto force = api("month=2021-12&area=brackenshire-constabulary", 400);  // no such code
    EXPECT_EQ(force["parameter"], "area");
    EXPECT_EQ(force["error"], "area: there is no area with the code brackenshire-constabulary");

    // A force: the force and its two districts, every indicator, as in the whole answer.
    auto brackenshire = api("month=2021-12&area=brackenshire-police");
    std::set<std::string> codes;
    for (const auto& r : brackenshire) codes.insert(r["area_code"]);
    EXPECT_EQ(codes, (std::set<std::string>{"brackenshire-police", "brackenshire-north",
                                            "brackenshire-south"}));
    nlohmann::json want = nlohmann::json::array();
    for (const auto& r : everything)
        if (codes.count(r["area_code"])) want.push_back(r);
    EXPECT_EQ(brackenshire, want);
    EXPECT_EQ(brackenshire[0]["level"], "force");

    // A district: that district only.
    auto south = api("month=2021-12&area=brackenshire-south");
    ASSERT_FALSE(south.empty());
    for (const auto& r : south) {
        EXPECT_EQ(r["area_code"], "brackenshire-south");
        EXPECT_EQ(r["level"], "district");
    }
    // The latest month without month=; CSV filtered the same way.
    EXPECT_EQ(api("area=brackenshire-south"), south);
    auto csv = app_->get("/api/v1/indicators?area=brackenshire-south&format=csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'),
              static_cast<long>(south.size()) + 1);
}

TEST_P(WebForcesTest, TheApiFiltersByIndicator) {
    import_forces(5);
    auto robbery = api("month=2021-12&indicator=Robbery");
    ASSERT_EQ(robbery.size(), 15u);  // 5 forces and their 10 districts
    for (const auto& r : robbery) EXPECT_EQ(r["indicator"], "Robbery");
    EXPECT_EQ(robbery[0]["area_code"], "ashdown-constabulary");
    EXPECT_EQ(robbery[0]["last_12_months"], 36);  // 3 a month

    auto all_crime = api("indicator=All%20crime&area=elythorpe-police");
    ASSERT_EQ(all_crime.size(), 3u);
    EXPECT_EQ(all_crime[0]["area_code"], "elythorpe-police");
    EXPECT_EQ(all_crime[0]["last_12_months"], 12 * (7 + 4 + 3));
    auto one = api("indicator=Burglary&area=elythorpe-north");
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0]["last_12_months"], 12 * (7 + 4));
}

TEST_P(WebForcesTest, TheApiNamesTheParameterItCannotUse) {
    import_forces(4);
    auto unknown = api("indicator=Burglarry", 400);
    EXPECT_EQ(unknown["parameter"], "indicator");
    EXPECT_EQ(unknown["error"], "indicator: there is no indicator called Burglarry");
    auto empty_indicator = api("indicator=", 400);
    EXPECT_EQ(empty_indicator["parameter"], "indicator");
    auto empty_area = api("area=&indicator=Robbery", 400);
    EXPECT_EQ(empty_area["parameter"], "area");
    EXPECT_EQ(empty_area["error"], "area: give an area code, for example E10000020");
    auto both = api("area=E99999999&indicator=Robbery", 400);
    EXPECT_EQ(both["error"], "area: there is no area with the code E99999999");
    // Names are exact; the error is escaped JSON, whatever was asked.
    auto quoted = api("indicator=%22%3Cb%3E", 400);
    EXPECT_EQ(quoted["error"], "indicator: there is no indicator called \"<b>");
    auto month = api("month=2021-13&area=ashdown-constabulary", 400);
    EXPECT_EQ(month.count("parameter"), 0u);  // the month's error, as before
}

INSTANTIATE_STORE_TESTS(WebForcesTest);
