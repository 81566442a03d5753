// `scrutineer services import-returns`: a good file is recorded, a bad one says where and
// imports nothing.
#include <gtest/gtest.h>

#include "scrutineer/commissioned_services_file.hpp"
#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/migrations.hpp"
#include "scrutineer/plan_file.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using test::run_scrutineer;

TEST(ServicesCli, ImportReturnsRecordsAFileOrNothing) {
    test::TempDir tmp;
    std::string db_path = (tmp.path / "s.db").string();
    int64_t rescue = 0, cara = 0;
    {
        auto db = store::open_database(db_path);
        store::migrate(*db);
        store::load_demo_plans(*db, test::data_dir());
        store::load_demo_services(*db, test::data_dir());
        rescue = store::find_service(*db, "Rescue-Rehab")->id;
        cara =
            store::find_service(*db, "Project CARA (Conditional Cautioning and Relationship Abuse)")
                ->id;
    }
    auto responses = [&] {
        auto db = store::open_database(db_path);
        return store::as_int(db->query("SELECT COUNT(*) FROM questionnaire_responses").at(0).at(0));
    };
    std::string base = "services import-returns --database '" + db_path + "' --service ";

    std::string bad =
        tmp.write("returns.csv",
                  "participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10\n"
                  "RR-01,pre,1,2,3,4,1,2,3,4,1,2\nRR-01,post,1,2,3,5,1,2,3,4,1,2\n");
    auto r = run_scrutineer(base + std::to_string(rescue) + " '" + bad + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("returns.csv:3: field 'item4': the score is 5"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("Nothing was imported"), std::string::npos) << r.err;
    EXPECT_EQ(responses(), 0);

    std::string good = test::fixtures_dir() + "/questionnaire-returns.csv";
    r = run_scrutineer(base + std::to_string(cara) + " '" + good + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("has no questionnaire"), std::string::npos) << r.err;
    EXPECT_EQ(responses(), 0);

    r = run_scrutineer(base + std::to_string(rescue) + " '" + good + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("9 returns: 9 added, 0 replaced, 0 unchanged"), std::string::npos)
        << r.err;
    EXPECT_EQ(responses(), 9);
    r = run_scrutineer(base + std::to_string(rescue) + " '" + good + "'");
    EXPECT_NE(r.err.find("0 added, 0 replaced, 9 unchanged"), std::string::npos) << r.err;
    EXPECT_EQ(responses(), 9);
}
