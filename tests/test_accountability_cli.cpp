// `scrutineer bulletin` as a user runs it: the bulletin of 4 February 2020 from the demo data as
// text, as the public (a confidential decision by its title only) and as an officer.
#include <gtest/gtest.h>

#include "scrutineer/accountability_store.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::run_scrutineer;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST(BulletinCli, PrintsTheBulletinAsTheRoleSeesIt) {
    test::TempDir dir;
    std::string path = (dir.path / "demo.db").string();
    int64_t feb = 0;
    {
        auto db = store::open_database(path);
        store::migrate(*db);
        store::load_demo_accountability(*db, test::data_dir());
        Panel pcp;
        pcp.key = "pcp";
        pcp.name = "Norfolk Police and Crime Panel";
        pcp.quorum = 4;
        Meeting m;
        m.panel_id = store::save_panel(*db, pcp);
        m.time = "10:00";
        m.venue = "County Hall";
        m.date = *parse_date("2019-11-20");
        store::save_meeting(*db, m);
        m.date = *parse_date("2020-02-04");
        m.agenda_published_on = parse_date("2020-01-27");
        feb = store::save_meeting(*db, m);
    }
    auto r = run_scrutineer("bulletin --database " + path + " --meeting " + std::to_string(feb));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* text :
         {"Norfolk Police and Crime Panel, 4 February 2020",
          "Decisions made by the PCC, up until 27 January 2020.", "Confidential Decision 2019-67",
          "A confidential decision: only its title is published.",
          "e) Other out-of-county activity between 20 November 2019 and 4 February 2020",
          "30 January 2020: Eastern Regions Meeting",
          "Report from Chief Executive and Chief Constable – OPCCN and Norfolk Constabulary, not "
          "published."})
        EXPECT_TRUE(has(r.out, text)) << text << "\n" << r.out;
    EXPECT_FALSE(has(r.out, "The PCC approved the purchase of a new site"));
    auto officer = run_scrutineer("bulletin --database " + path + " --meeting " +
                                  std::to_string(feb) + " --as officer");
    ASSERT_EQ(officer.exit_code, 0) << officer.err;
    EXPECT_TRUE(has(officer.out, "[Confidential]"));
    EXPECT_TRUE(has(officer.out, "The PCC approved the purchase of a new site"));

    auto missing = run_scrutineer("bulletin --database " + path + " --meeting 999");
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_TRUE(has(missing.err, "there is no meeting 999")) << missing.err;
    auto role = run_scrutineer("bulletin --database " + path + " --meeting 1 --as mayor");
    EXPECT_NE(role.exit_code, 0);
    EXPECT_TRUE(has(role.err, "'mayor' is not a role")) << role.err;
}
