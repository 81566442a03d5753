// Commissioned services in the store on both engines: the round trip, saving twice without
// duplicates, questionnaire returns saved all or nothing with an audit row, per-participant
// rows only for officers and administrators, and the demo file from the seeds.
#include <gtest/gtest.h>

#include "scrutineer/commissioned_services_file.hpp"
#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/money.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/questionnaire_file.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

class ServicesStoreTest : public test::StoreTest {
  protected:
    int64_t a_service(const std::string& name = "Rescue-Rehab",
                      std::optional<int64_t> priority = std::nullopt) {
        Service s;
        s.name = name;
        s.provider = "Norwich Best for Pets";
        s.priority_id = priority;
        s.description = "Dogs and prisoners at HMP Norwich";
        s.source = "test";
        return save_service(*db_, s);
    }
    int64_t a_questionnaire(int64_t service_id) {
        Questionnaire q;
        q.service_id = service_id;
        q.title = "Warwick-Edinburgh Mental Wellbeing";
        q.scale = {"Not at all true", "Hardly true", "Moderately true", "Exactly true"};
        for (int i = 1; i <= 10; ++i) q.statements.push_back("Statement " + std::to_string(i));
        return save_questionnaire(*db_, q);
    }
    std::vector<QuestionnaireResponse> fixture_returns() {
        return read_questionnaire_returns(test::fixtures_dir() + "/questionnaire-returns.csv");
    }
    int64_t a_priority(Visibility v) {
        Plan plan;
        plan.key = "pcc-test";
        plan.owner = "PCC";
        plan.title = "Police and Crime Plan";
        plan.first_year = 2016;
        plan.last_year = 2020;
        int64_t plan_id = save_plan(*db_, plan);
        Priority p;
        p.plan_id = plan_id;
        p.number = 4;
        p.title = "Prevent offending";
        p.visibility = v;
        return save_priority(*db_, p);
    }
};

const Role kAllRoles[] = {Role::public_user, Role::panel_member, Role::case_worker, Role::officer,
                          Role::administrator};

}  // namespace

TEST_P(ServicesStoreTest, ServicesGrantsAndMeasuresRoundTripAndSaveOnce) {
    int64_t priority = a_priority(Visibility::public_item);
    int64_t id = a_service("Project CARA", priority);
    EXPECT_EQ(a_service("Project CARA", priority), id);  // by name: no second row
    EXPECT_EQ(count("services"), 1);

    Grant g;
    g.service_id = id;
    g.recipient = "The Hampton Trust";
    g.amount_pence = parse_pounds("£60,500");
    g.start = CalendarDate::of(2020, 1, 1);
    g.end = CalendarDate::of(2022, 3, 31);
    g.decision_number = "2019-64";
    g.note = "through to 2021/22";
    int64_t gid = save_grant(*db_, g);
    EXPECT_EQ(save_grant(*db_, g), gid);
    Grant bare;  // a grant the paper says little about
    bare.service_id = id;
    bare.recipient = "The Hampton Trust";
    bare.decision_number = "2019-63";
    int64_t bare_id = save_grant(*db_, bare);
    EXPECT_EQ(save_grant(*db_, bare), bare_id);
    EXPECT_EQ(count("grants"), 2);
    auto grants = load_grants(*db_, id);
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].amount_pence, 6'050'000);
    EXPECT_EQ(grants[0].decision_number, "2019-64");
    EXPECT_EQ(grants[0].end, CalendarDate::of(2022, 3, 31));
    EXPECT_EQ(grants[0].funder, "OPCCN");
    EXPECT_FALSE(grants[1].amount_pence.has_value());  // no start: listed last
    EXPECT_FALSE(grants[1].start.has_value());
    EXPECT_EQ(total_of(grants).pence, 6'050'000);

    ServiceMeasure m;
    m.service_id = id;
    m.kind = MeasureKind::outcome;
    m.group = "Pledges fulfilled";
    m.measure = "Job starts";
    m.period = {"During 2019", CalendarDate::of(2019, 1, 1), CalendarDate::of(2019, 12, 31)};
    m.value = 8;
    int64_t mid = save_measure(*db_, m);
    m.value = 9;  // a corrected figure for the same measure and period replaces it
    EXPECT_EQ(save_measure(*db_, m), mid);
    ServiceMeasure earlier = m;
    earlier.kind = MeasureKind::output;
    earlier.group = "Referrals by source";
    earlier.measure = "All referrals";
    earlier.period = {"During 2018", CalendarDate::of(2018, 1, 1), CalendarDate::of(2018, 12, 31)};
    save_measure(*db_, earlier);
    auto measures = load_measures(*db_, id);
    ASSERT_EQ(measures.size(), 2u);
    EXPECT_EQ(measures[0].period.label, "During 2018");
    EXPECT_EQ(measures[1].value, 9);
    EXPECT_EQ(measures[1].kind, MeasureKind::outcome);

    auto listing = load_service(*db_, Role::public_user, id);
    ASSERT_TRUE(listing.has_value());
    EXPECT_EQ(listing->service.provider, "Norwich Best for Pets");
    ASSERT_TRUE(listing->priority.has_value());
    EXPECT_EQ(listing->priority->title, "Prevent offending");
    EXPECT_EQ(load_services_for_priority(*db_, Role::public_user, priority).size(), 1u);
}

TEST_P(ServicesStoreTest, RulesAreCheckedBeforeWriting) {
    int64_t id = a_service();
    Grant g;
    g.service_id = id;
    g.recipient = "Someone";
    g.decision_number = "2019/64";
    EXPECT_THROW(save_grant(*db_, g), ServiceInvalid);
    g.decision_number = "2019-64";
    g.service_id = 999;
    EXPECT_THROW(save_grant(*db_, g), ServiceInvalid);
    Service s;
    s.name = "Orphan";
    s.priority_id = 12345;
    EXPECT_THROW(save_service(*db_, s), ServiceInvalid);
    EXPECT_EQ(count("grants"), 0);
    EXPECT_EQ(count("services"), 1);
}

TEST_P(ServicesStoreTest, AServicesPriorityIsNamedOnlyToWhoMaySeeIt) {
    int64_t priority = a_priority(Visibility::exempt);
    int64_t id = a_service("WONDER", priority);
    EXPECT_FALSE(load_service(*db_, Role::public_user, id)->priority.has_value());
    EXPECT_FALSE(load_service(*db_, Role::public_user, id)->service.priority_id.has_value());
    EXPECT_TRUE(load_services_for_priority(*db_, Role::public_user, priority).empty());
    EXPECT_TRUE(load_service(*db_, Role::panel_member, id)->priority.has_value());
    EXPECT_EQ(load_services_for_priority(*db_, Role::panel_member, priority).size(), 1u);
}

TEST_P(ServicesStoreTest, ReturnsAreSavedTogetherWithAnAuditRow) {
    int64_t id = a_service();
    int64_t qid = a_questionnaire(id);
    auto saved = import_questionnaire_returns(*db_, id, fixture_returns(), "olivia", "x.csv");
    EXPECT_EQ(saved.added, 9);
    EXPECT_EQ(count("questionnaire_responses"), 9);
    EXPECT_EQ(count("questionnaire_scores"), 90);
    auto audit = db_->query("SELECT actor, action, detail FROM audit_log");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(as_text(audit[0][0]), "olivia");
    EXPECT_EQ(as_text(audit[0][1]), "questionnaire returns imported");

    // The same file again changes nothing; a corrected return replaces the stored one.
    saved = import_questionnaire_returns(*db_, id, fixture_returns(), "olivia", "x.csv");
    EXPECT_EQ(saved.unchanged, 9);
    auto corrected = fixture_returns();
    corrected.resize(1);
    corrected[0].scores[0] = 4;
    saved = import_questionnaire_returns(*db_, id, corrected, "olivia", "y.csv");
    EXPECT_EQ(saved.replaced, 1);
    EXPECT_EQ(count("questionnaire_responses"), 9);
    EXPECT_EQ(load_questionnaire_returns(*db_, Role::officer, qid)[0].scores[0], 4);

    // A set with one bad return saves none of it.
    auto bad = fixture_returns();
    for (auto& r : bad) r.participant = "N" + r.participant;
    bad.back().scores[9] = 5;
    EXPECT_THROW(import_questionnaire_returns(*db_, id, bad, "olivia", "bad.csv"),
                 std::invalid_argument);
    auto twice = fixture_returns();
    for (auto& r : twice) r.participant = "T" + r.participant;
    twice.push_back(twice.front());
    EXPECT_THROW(import_questionnaire_returns(*db_, id, twice, "olivia", "twice.csv"),
                 std::invalid_argument);
    EXPECT_EQ(count("questionnaire_responses"), 9);
    EXPECT_EQ(count("audit_log"), 3);

    // A service without a questionnaire has nowhere to put returns.
    int64_t other = a_service("Community Chaplaincy");
    EXPECT_THROW(import_questionnaire_returns(*db_, other, fixture_returns(), "olivia", "x.csv"),
                 std::invalid_argument);
}

TEST_P(ServicesStoreTest, OnlyOfficersAndAdministratorsGetPerParticipantRows) {
    int64_t id = a_service();
    int64_t qid = a_questionnaire(id);
    import_questionnaire_returns(*db_, id, fixture_returns(), "olivia", "x.csv");
    for (Role role : kAllRoles) {
        SCOPED_TRACE(to_string(role));
        bool allowed = role == Role::officer || role == Role::administrator;
        auto view = load_questionnaire_view(*db_, role, id);
        ASSERT_TRUE(view.has_value());
        // Everyone gets the cohort summary, computed from every return.
        EXPECT_EQ(view->summary.complete, 4);
        EXPECT_EQ(one_decimal(*view->summary.mean_change), "1.3");
        EXPECT_EQ(view->incomplete_count, 1);
        EXPECT_EQ(view->returns, 9);
        EXPECT_EQ(view->questionnaire.statements.size(), 10u);
        // Only some get who answered what.
        EXPECT_EQ(view->participant_data, allowed);
        EXPECT_EQ(view->participants.size(), allowed ? 4u : 0u);
        EXPECT_EQ(view->incomplete.size(), allowed ? 1u : 0u);
        EXPECT_EQ(load_questionnaire_returns(*db_, role, qid).size(), allowed ? 9u : 0u);
    }
    auto officer = load_questionnaire_view(*db_, Role::officer, id);
    EXPECT_EQ(officer->participants[0].participant, "RR-01");
    EXPECT_EQ(officer->participants[0].change, 3);
    EXPECT_EQ(officer->incomplete, (std::vector<std::string>{"RR-05"}));
}

TEST_P(ServicesStoreTest, TheDemoFileHoldsTheSeedsServices) {
    load_demo_plans(*db_, test::data_dir());
    load_demo_services(*db_, test::data_dir());
    auto services = load_services(*db_, Role::public_user);
    ASSERT_EQ(services.size(), 7u);

    auto cara = find_service(*db_, "Project CARA (Conditional Cautioning and Relationship Abuse)");
    ASSERT_TRUE(cara.has_value());
    auto grants = load_grants(*db_, cara->id);
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].recipient, "The Hampton Trust");
    EXPECT_EQ(grants[0].amount_pence, 6'050'000);
    EXPECT_EQ(grants[0].decision_number, "2019-64");

    auto daisy = find_service(*db_, "Daisy Programme");
    ASSERT_TRUE(daisy.has_value());
    auto daisy_listing = load_service(*db_, Role::public_user, daisy->id);
    ASSERT_TRUE(daisy_listing->priority.has_value());
    EXPECT_EQ(daisy_listing->priority->number, 5);
    EXPECT_EQ(load_grants(*db_, daisy->id).at(0).decision_number, "2019-63");
    EXPECT_FALSE(load_grants(*db_, daisy->id).at(0).amount_pence.has_value());

    auto chaplaincy = find_service(*db_, "Community Chaplaincy");
    EXPECT_EQ(total_of(load_grants(*db_, chaplaincy->id)).pence, 5'190'000);  // £20,100 + £31,800

    auto gateway = find_service(*db_, "Gateway to Employment (GtoE)");
    int found = 0;
    for (const auto& m : load_measures(*db_, gateway->id)) {
        if (m.measure == "Job starts" && m.period.label == "During 2019") {
            EXPECT_EQ(m.value, 8);
            EXPECT_EQ(m.kind, MeasureKind::outcome);
            ++found;
        }
        if (m.measure == "Interviews" && m.period.label == "During 2017") {
            EXPECT_EQ(m.value, 113);
            ++found;
        }
    }
    EXPECT_EQ(found, 2);

    auto wonder = find_service(
        *db_, "WONDER (Women Offenders of Norfolk, Diversion, Engagement and Rehabilitation)");
    ASSERT_TRUE(wonder.has_value());
    int64_t referrals = 0;
    for (const auto& m : load_measures(*db_, wonder->id))
        if (m.period.end == CalendarDate::of(2018, 12, 31) && m.measure == "All referrals")
            referrals = m.value;
    EXPECT_EQ(referrals, 295);

    // The instrument, with no returns: the seed's table of scores is not in its text.
    auto rescue = find_service(*db_, "Rescue-Rehab");
    auto view = load_questionnaire_view(*db_, Role::officer, rescue->id);
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->questionnaire.title, "Warwick-Edinburgh Mental Wellbeing");
    EXPECT_EQ(view->questionnaire.statements.size(), 10u);
    EXPECT_EQ(view->questionnaire.statements[9], "I can usually handle whatever comes my way.");
    EXPECT_EQ(view->questionnaire.scale[3], "Exactly true");
    EXPECT_EQ(view->returns, 0);

    // Loading it again changes nothing.
    int64_t rows = count("grants") + count("service_measures") + count("services");
    auto again =
        load_services_file(*db_, test::data_dir() + "/demo/commissioned-services.json", "demo");
    EXPECT_EQ(again.files_already_in, 1);
    EXPECT_EQ(count("grants") + count("service_measures") + count("services"), rows);
}

TEST_P(ServicesStoreTest, ABadFileNamesTheFieldAndLoadsNothing) {
    load_demo_plans(*db_, test::data_dir());
    auto error_of = [&](const std::string& services) {
        std::string path = tmp_.write(
            "s.json",
            R"({"format": "scrutineer-commissioned-services/1", "services": )" + services + "}");
        try {
            load_services_file(*db_, path, "test");
        } catch (const InputError& e) {
            return e.field;
        }
        return std::string("(loaded)");
    };
    EXPECT_EQ(
        error_of(
            R"([{"name": "A", "grants": [{"recipient": "R", "decision_number": "2019/64"}]}])"),
        "services[0].grants[0].decision_number");
    EXPECT_EQ(error_of(R"([{"name": "A", "grants": [{"recipient": "R", "amount": "60,50"}]}])"),
              "services[0].grants[0].amount");
    EXPECT_EQ(
        error_of(R"([{"name": "A", "priority": {"plan": "pcc-norfolk-2016-2020", "number": 99}}])"),
        "services[0].priority.number");
    EXPECT_EQ(
        error_of(
            R"([{"name": "A", "questionnaire": {"title": "T", "scale": ["a","b","c","d"], "statements": ["only one"]}}])"),
        "services[0].questionnaire.statements");
    EXPECT_EQ(
        error_of(
            R"([{"name": "A"}, {"name": "B", "reporting_periods": [{"label": "L", "start": "2019-01-01", "end": "2019-12-31", "measures": [{"kind": "impact", "group": "G", "measure": "M", "value": 1}]}]}])"),
        "services[1].reporting_periods[0].measures[0].kind");
    EXPECT_EQ(count("services"), 0);
}

INSTANTIATE_STORE_TESTS(ServicesStoreTest);
