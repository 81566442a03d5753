// Plans in the store on both engines: the round trip, updates without duplicates, plan history,
// the visibility filter of every load function, the demo content from the seeds, and loading
// it twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/overdue.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/plan_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

// Its own suite name: test_store.cpp instantiates StoreTest.
class PlanStoreTest : public test::StoreTest {};

const char* kPaper = "Norfolk Police and Crime Panel, 4 February 2020, item 7";

Plan a_plan(const std::string& key, Visibility v = Visibility::public_item) {
    Plan p;
    p.key = key;
    p.owner = "NCCSP";
    p.title = "Safer Norfolk Plan 2021-24";
    p.first_year = 2021;
    p.last_year = 2024;
    p.kind = PlanKind::csp_plan;
    p.description = "Strategic themes";
    p.source = "seed 002";
    p.visibility = v;
    return p;
}

Priority a_priority(int64_t plan_id, int number, Visibility v = Visibility::public_item) {
    Priority p;
    p.plan_id = plan_id;
    p.number = number;
    p.title = fmt::format("Priority {}", number);
    p.description = "including: County Lines drug activity; and modern slavery";
    p.sponsor_agency = "Norfolk County Council";
    p.lead_officer = "Val Crewdson";
    p.delivery_groups = {{"County Lines Strategic Group", "Mark Stokes (OPCCN CEO)", v},
                         {"Modern Slavery Partnership", "", v}};
    p.targets = {"Under development"};
    p.visibility = v;
    return p;
}

Action an_action(int64_t plan_id, const std::string& number, std::optional<int64_t> priority,
                 Visibility v = Visibility::public_item) {
    Action a;
    a.plan_id = plan_id;
    a.priority_id = priority;
    a.delivery_plan = "Reducing the Threat of Criminal Exploitation Delivery Plan";
    a.section = "County Lines";
    a.number = number;
    a.text = "Provide a multi-agency partnership evidence base";
    a.success_measures = {"Vulnerable Adolescents Data Profile", "Project ADDER"};
    a.owners = {"Vulnerable Adolescents Group",
                "County Lines Strategic Group – Norfolk Constabulary"};
    a.owner_body = "NCCSP";
    a.due = DueDate::in(Month::of(2022, 4));
    a.status = ActionStatus::on_track;
    a.visibility = v;
    return a;
}

PublishedFigure a_figure(const std::string& indicator, Visibility v = Visibility::public_item) {
    PublishedFigure f;
    f.paper = kPaper;
    f.meeting_date = CalendarDate::of(2020, 2, 4);
    f.section = "8. Performance Measures – Prevent Offending";
    f.area_code = "E07000143";
    f.area_label = "BRECKLAND";
    f.indicator = indicator;
    f.period_label = "12 months to September 2019";
    f.last_12 = "1,650";
    f.lta = "**";
    f.difference = "**";
    f.note = "** Long Term Average and Difference not available";
    f.position = 1;
    f.visibility = v;
    return f;
}

// Every row of the plan tables, to show that a second load changed nothing.
std::map<std::string, std::vector<Row>> dump(Database& db) {
    std::map<std::string, std::vector<Row>> out;
    for (const char* t : {"plans", "priorities", "priority_delivery_groups", "strategic_objectives",
                          "long_term_outcomes", "actions", "action_updates", "narratives",
                          "priority_indicators", "published_figures"})
        out[t] = db.query(fmt::format("SELECT * FROM {} ORDER BY 1, 2", t));
    return out;
}

}  // namespace

TEST_P(PlanStoreTest, PlanItemsRoundTrip) {
    Plan plan = a_plan("safer-norfolk");
    plan.id = save_plan(*db_, plan);
    Priority priority = a_priority(plan.id, 3);
    priority.id = save_priority(*db_, priority);
    StrategicObjective objective{0,
                                 priority.id,
                                 1,
                                 "Divert young people at risk",
                                 "raise awareness",
                                 Visibility::public_item};
    objective.id = save_objective(*db_, objective);
    LongTermOutcome outcome{0,
                            plan.id,
                            7,
                            "People are prevented from being drawn into Criminal exploitation",
                            "Reducing the Threat of Criminal Exploitation Delivery Plan",
                            Visibility::public_item};
    outcome.id = save_outcome(*db_, outcome);
    Action action = an_action(plan.id, "2.1", priority.id);
    action.objective_id = objective.id;
    action.id = save_action(*db_, action);
    ActionUpdate update{0,
                        action.id,
                        CalendarDate::of(2022, 6, 9),
                        "Drug Market Profile completed",
                        "NCCSP",
                        Visibility::public_item};
    update.id = save_action_update(*db_, update);
    Narrative narrative{
        0, priority.id, Month::of(2019, 9), "Crime is rising", "analyst", Visibility::public_item};
    narrative.id = save_narrative(*db_, narrative);
    PriorityIndicator link{priority.id, "Number of Hate Crimes", 1, Visibility::public_item};
    save_priority_indicator(*db_, link);
    PublishedFigure figure = a_figure("Number of Personal Property Crimes");
    figure.id = save_published_figure(*db_, figure);

    Role r = Role::officer;
    auto plans = load_plans(*db_, r);
    ASSERT_EQ(plans.size(), 1u);
    EXPECT_EQ(plans[0].id, plan.id);
    EXPECT_EQ(plans[0].key, "safer-norfolk");
    EXPECT_EQ(plans[0].title, plan.title);
    EXPECT_EQ(plans[0].first_year, 2021);
    EXPECT_EQ(plans[0].last_year, 2024);
    EXPECT_EQ(plans[0].kind, PlanKind::csp_plan);
    EXPECT_EQ(plans[0].status, PlanStatus::current);
    EXPECT_FALSE(plans[0].replaced_by);
    EXPECT_EQ(plans[0].description, plan.description);
    EXPECT_EQ(plans[0].source, plan.source);
    EXPECT_EQ(find_plan(*db_, r, "safer-norfolk")->id, plan.id);

    auto priorities = load_priorities(*db_, r, plan.id);
    ASSERT_EQ(priorities.size(), 1u);
    const Priority& p = priorities[0];
    EXPECT_EQ(p.number, 3);
    EXPECT_EQ(p.sponsor_agency, "Norfolk County Council");
    EXPECT_EQ(p.lead_officer, "Val Crewdson");
    ASSERT_EQ(p.delivery_groups.size(), 2u);
    EXPECT_EQ(p.delivery_groups[0].name, "County Lines Strategic Group");
    EXPECT_EQ(p.delivery_groups[0].lead, "Mark Stokes (OPCCN CEO)");
    EXPECT_EQ(p.delivery_groups[1].lead, "");
    EXPECT_EQ(p.targets, priority.targets);

    auto objectives = load_objectives(*db_, r, priority.id);
    ASSERT_EQ(objectives.size(), 1u);
    EXPECT_EQ(objectives[0].text, objective.text);
    EXPECT_EQ(objectives[0].description, "raise awareness");
    auto outcomes = load_outcomes(*db_, r, plan.id);
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].number, 7);
    EXPECT_EQ(outcomes[0].delivery_plan, outcome.delivery_plan);

    auto actions = load_actions(*db_, r, plan.id);
    ASSERT_EQ(actions.size(), 1u);
    const Action& a = actions[0];
    EXPECT_EQ(a.id, action.id);
    EXPECT_EQ(a.priority_id, priority.id);
    EXPECT_EQ(a.objective_id, objective.id);
    EXPECT_EQ(a.number, "2.1");
    EXPECT_EQ(a.section, "County Lines");
    EXPECT_EQ(a.success_measures, action.success_measures);
    EXPECT_EQ(a.owners, action.owners);
    EXPECT_EQ(a.owner_body, "NCCSP");
    EXPECT_EQ(a.due, DueDate::in(Month::of(2022, 4)));
    EXPECT_EQ(a.status, ActionStatus::on_track);
    EXPECT_EQ(load_action(*db_, r, action.id)->text, action.text);

    auto updates = load_action_updates(*db_, r, action.id);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].date, CalendarDate::of(2022, 6, 9));
    EXPECT_EQ(updates[0].text, update.text);
    EXPECT_EQ(updates[0].author, "NCCSP");
    auto narratives = load_narratives(*db_, r, priority.id);
    ASSERT_EQ(narratives.size(), 1u);
    EXPECT_EQ(narratives[0].period_end, Month::of(2019, 9));
    EXPECT_EQ(narratives[0].text, "Crime is rising");
    auto links = load_priority_indicators(*db_, r, priority.id);
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].indicator, "Number of Hate Crimes");

    auto figures = load_published_figures(*db_, r, kPaper);
    ASSERT_EQ(figures.size(), 1u);
    EXPECT_EQ(figures[0].meeting_date, CalendarDate::of(2020, 2, 4));
    EXPECT_EQ(figures[0].area_label, "BRECKLAND");
    EXPECT_EQ(figures[0].last_12, "1,650");
    EXPECT_EQ(figures[0].lta, "**");
    EXPECT_EQ(figures[0].note, figure.note);
    EXPECT_EQ(load_published_figures(*db_, r).size(), 1u);
    EXPECT_TRUE(load_published_figures(*db_, r, "another paper").empty());

    auto detail = load_plan_detail(*db_, r, plan.id);
    ASSERT_TRUE(detail);
    ASSERT_EQ(detail->priorities.size(), 1u);
    EXPECT_EQ(detail->priorities[0].objectives.size(), 1u);
    EXPECT_EQ(detail->priorities[0].indicators.size(), 1u);
    EXPECT_EQ(detail->priorities[0].narratives.size(), 1u);
    ASSERT_EQ(detail->actions.size(), 1u);
    EXPECT_EQ(detail->actions[0].updates.size(), 1u);
    EXPECT_EQ(detail->outcomes.size(), 1u);
}

TEST_P(PlanStoreTest, SavingAgainUpdatesInPlace) {
    int64_t plan = save_plan(*db_, a_plan("p"));
    Plan changed = a_plan("p");
    changed.title = "Safer Norfolk Plan 2021-2024";
    EXPECT_EQ(save_plan(*db_, changed), plan);  // same key: the same plan
    EXPECT_EQ(load_plan(*db_, Role::public_user, plan)->title, "Safer Norfolk Plan 2021-2024");

    int64_t priority = save_priority(*db_, a_priority(plan, 1));
    Priority fewer = a_priority(plan, 1);
    fewer.delivery_groups.pop_back();
    EXPECT_EQ(save_priority(*db_, fewer), priority);
    EXPECT_EQ(load_priorities(*db_, Role::officer, plan).at(0).delivery_groups.size(), 1u);

    int64_t action = save_action(*db_, an_action(plan, "2.1", priority));
    Action by_id = an_action(plan, "2.1", priority);
    by_id.id = action;
    by_id.status = ActionStatus::complete;
    by_id.due = DueDate::ongoing();
    EXPECT_EQ(save_action(*db_, by_id), action);
    EXPECT_EQ(save_action(*db_, an_action(plan, "2.1", priority)), action);  // by number
    EXPECT_EQ(count("actions"), 1);

    ActionUpdate u{
        0, action, CalendarDate::of(2022, 6, 9), "ECINS procured", "a", Visibility::public_item};
    int64_t first = save_action_update(*db_, u);
    EXPECT_EQ(save_action_update(*db_, u), first);  // the same words, day and action
    u.text = "Information Sharing Agreement progressing";
    EXPECT_NE(save_action_update(*db_, u), first);
    EXPECT_EQ(count("action_updates"), 2);

    Narrative n{0, priority, Month::of(2019, 9), "first", "a", Visibility::public_item};
    int64_t nid = save_narrative(*db_, n);
    n.text = "second";
    EXPECT_EQ(save_narrative(*db_, n), nid);
    EXPECT_EQ(load_narratives(*db_, Role::public_user, priority).at(0).text, "second");

    int64_t fig = save_published_figure(*db_, a_figure("Number of Hate Crimes"));
    PublishedFigure again = a_figure("Number of Hate Crimes");
    again.last_12 = "115";
    EXPECT_EQ(save_published_figure(*db_, again), fig);
    EXPECT_EQ(count("published_figures"), 1);

    Action missing = an_action(plan, "2.2", priority);
    missing.id = 999999;
    EXPECT_THROW(save_action(*db_, missing), std::out_of_range);
}

TEST_P(PlanStoreTest, ActionsSortByNumberPartByPart) {
    int64_t plan = save_plan(*db_, a_plan("p"));
    for (const char* n : {"2.10", "2.9", "1.1", "2.1"})
        save_action(*db_, an_action(plan, n, std::nullopt));
    std::vector<std::string> numbers;
    for (const auto& a : load_actions(*db_, Role::public_user, plan)) numbers.push_back(a.number);
    EXPECT_EQ(numbers, (std::vector<std::string>{"1.1", "2.1", "2.9", "2.10"}));
}

TEST_P(PlanStoreTest, StoreRefusesBrokenItems) {
    int64_t plan = save_plan(*db_, a_plan("p"));
    int64_t other = save_plan(*db_, a_plan("q"));
    int64_t foreign = save_priority(*db_, a_priority(other, 1));
    try {
        save_action(*db_, an_action(plan, "2-1", std::nullopt));
        FAIL();
    } catch (const PlanInvalid& e) {
        EXPECT_EQ(e.field, "number");
    }
    try {
        save_action(*db_, an_action(plan, "2.1", foreign));
        FAIL();
    } catch (const PlanInvalid& e) {
        EXPECT_EQ(e.field, "priority_id");
    }
    EXPECT_THROW(save_priority(*db_, a_priority(424242, 1)), PlanInvalid);
    EXPECT_EQ(count("actions"), 0);
}

TEST_P(PlanStoreTest, ReplacedPlansStayWithTheirSuccessor) {
    int64_t old_plan = save_plan(*db_, a_plan("nccsp-2018-2021"));
    int64_t new_plan = save_plan(*db_, a_plan("nccsp-2021-2024"));
    replace_plan(*db_, old_plan, new_plan);
    auto plans = load_plans(*db_, Role::public_user);
    ASSERT_EQ(plans.size(), 2u);
    EXPECT_EQ(plans[0].id, new_plan);  // current first
    EXPECT_EQ(plans[1].status, PlanStatus::replaced);
    EXPECT_EQ(plans[1].replaced_by, new_plan);
    // The successor may not be replaced by its predecessor: no circles.
    EXPECT_THROW(replace_plan(*db_, new_plan, old_plan), PlanInvalid);
    EXPECT_THROW(replace_plan(*db_, old_plan, old_plan), PlanInvalid);
}

TEST_P(PlanStoreTest, EveryLoadShowsAViewerOnlyWhatTheyMaySee) {
    const Visibility levels[] = {Visibility::public_item, Visibility::exempt,
                                 Visibility::confidential};
    // One open plan holding items of each visibility, and a plan of each visibility whose
    // items are all public: hidden parents must hide their public children.
    int64_t open = save_plan(*db_, a_plan("open"));
    std::map<Visibility, int64_t> priority, action, closed_plan, closed_priority, closed_action;
    for (Visibility v : levels) {
        int n = static_cast<int>(v) + 1;
        priority[v] = save_priority(*db_, a_priority(open, n, v));
        save_objective(*db_, {0, priority[v], 1, "objective", "", v});
        save_outcome(*db_, {0, open, n, "outcome", "", v});
        save_narrative(*db_, {0, priority[v], Month::of(2019, 9), "narrative", "", v});
        save_priority_indicator(*db_, {priority[v], "Number of Hate Crimes", 1, v});
        action[v] = save_action(*db_, an_action(open, fmt::format("1.{}", n), priority[v], v));
        save_action_update(*db_, {0, action[v], CalendarDate::of(2022, 6, 9), "update", "", v});
        save_published_figure(*db_, a_figure(fmt::format("indicator {}", n), v));

        closed_plan[v] = save_plan(*db_, a_plan(fmt::format("closed-{}", n), v));
        closed_priority[v] = save_priority(*db_, a_priority(closed_plan[v], 1));
        save_objective(*db_, {0, closed_priority[v], 1, "objective", "", Visibility::public_item});
        save_outcome(*db_, {0, closed_plan[v], 1, "outcome", "", Visibility::public_item});
        save_narrative(
            *db_, {0, closed_priority[v], Month::of(2019, 9), "n", "", Visibility::public_item});
        save_priority_indicator(*db_, {closed_priority[v], "x", 1, Visibility::public_item});
        closed_action[v] = save_action(*db_, an_action(closed_plan[v], "1.1", std::nullopt));
        save_action_update(*db_, {0, closed_action[v], CalendarDate::of(2022, 6, 9), "u", "",
                                  Visibility::public_item});
    }
    // An open action under an exempt priority is hidden with it.
    int64_t under_exempt = save_action(*db_, an_action(open, "9.1", priority[Visibility::exempt]));

    for (Role role : {Role::public_user, Role::case_worker, Role::panel_member, Role::officer,
                      Role::administrator}) {
        SCOPED_TRACE(to_string(role));
        auto seen = [&](Visibility v) { return may_see(role, v); };
        auto plans = load_plans(*db_, role);
        for (const auto& p : plans) EXPECT_TRUE(seen(p.visibility)) << p.key;
        size_t visible_levels = 0;
        for (Visibility v : levels) visible_levels += seen(v);
        EXPECT_EQ(plans.size(), 1 + visible_levels);
        for (const auto& p : load_priorities(*db_, role, open)) {
            EXPECT_TRUE(seen(p.visibility));
            for (const auto& g : p.delivery_groups) EXPECT_TRUE(seen(g.visibility));
        }
        EXPECT_EQ(load_priorities(*db_, role, open).size(), visible_levels);
        EXPECT_EQ(load_outcomes(*db_, role, open).size(), visible_levels);
        EXPECT_EQ(load_published_figures(*db_, role).size(), visible_levels);
        EXPECT_EQ(load_published_figures(*db_, role, kPaper).size(), visible_levels);
        for (const auto& f : load_published_figures(*db_, role)) EXPECT_TRUE(seen(f.visibility));
        auto actions = load_actions(*db_, role, open);
        EXPECT_EQ(actions.size(), visible_levels + (seen(Visibility::exempt) ? 1 : 0));
        for (const auto& a : actions) EXPECT_TRUE(seen(a.visibility));
        EXPECT_EQ(load_action(*db_, role, under_exempt).has_value(), seen(Visibility::exempt));
        for (Visibility v : levels) {
            bool s = seen(v);
            EXPECT_EQ(load_objectives(*db_, role, priority[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_narratives(*db_, role, priority[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_priority_indicators(*db_, role, priority[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_action(*db_, role, action[v]).has_value(), s);
            EXPECT_EQ(load_action_updates(*db_, role, action[v]).size(), s ? 1u : 0u);
            // Everything in a hidden plan is hidden, public or not.
            EXPECT_EQ(load_plan(*db_, role, closed_plan[v]).has_value(), s);
            EXPECT_EQ(load_plan_detail(*db_, role, closed_plan[v]).has_value(), s);
            EXPECT_EQ(load_priorities(*db_, role, closed_plan[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_objectives(*db_, role, closed_priority[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_outcomes(*db_, role, closed_plan[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_narratives(*db_, role, closed_priority[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_priority_indicators(*db_, role, closed_priority[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_actions(*db_, role, closed_plan[v]).size(), s ? 1u : 0u);
            EXPECT_EQ(load_action_updates(*db_, role, closed_action[v]).size(), s ? 1u : 0u);
        }
        auto detail = load_plan_detail(*db_, role, open);
        ASSERT_TRUE(detail);
        for (const auto& p : detail->priorities) {
            EXPECT_TRUE(seen(p.priority.visibility));
            for (const auto& o : p.objectives) EXPECT_TRUE(seen(o.visibility));
            for (const auto& n : p.narratives) EXPECT_TRUE(seen(n.visibility));
            for (const auto& l : p.indicators) EXPECT_TRUE(seen(l.visibility));
        }
        for (const auto& a : detail->actions) {
            EXPECT_TRUE(seen(a.action.visibility));
            for (const auto& u : a.updates) EXPECT_TRUE(seen(u.visibility));
        }
    }
    // The public get nothing but public rows; an officer gets everything.
    EXPECT_EQ(load_actions(*db_, Role::public_user, open).size(), 1u);
    EXPECT_EQ(load_actions(*db_, Role::officer, open).size(), 4u);
}

TEST_P(PlanStoreTest, AHiddenSuccessorIsNotNamed) {
    int64_t old_plan = save_plan(*db_, a_plan("old"));
    int64_t secret = save_plan(*db_, a_plan("draft", Visibility::confidential));
    replace_plan(*db_, old_plan, secret);
    EXPECT_FALSE(load_plan(*db_, Role::public_user, old_plan)->replaced_by);
    EXPECT_EQ(load_plan(*db_, Role::officer, old_plan)->replaced_by, secret);
}

TEST_P(PlanStoreTest, DemoPlansLoadFromTheSeeds) {
    load_demo_plans(*db_, test::data_dir());
    Role r = Role::public_user;

    auto pcc = find_plan(*db_, r, "pcc-norfolk-2016-2020");
    ASSERT_TRUE(pcc);
    EXPECT_EQ(pcc->owner, "PCC");
    EXPECT_EQ(pcc->kind, PlanKind::police_and_crime_plan);
    auto priorities = load_priorities(*db_, r, pcc->id);
    ASSERT_EQ(priorities.size(), 7u);
    std::vector<size_t> objectives;
    for (const auto& p : priorities) objectives.push_back(load_objectives(*db_, r, p.id).size());
    EXPECT_EQ(objectives, (std::vector<size_t>{5, 3, 3, 5, 5, 3, 3}));
    EXPECT_EQ(priorities[0].title, "Increase visible policing");
    EXPECT_EQ(priorities[3].title, "Prevent offending");
    EXPECT_EQ(priorities[6].title, "Good stewardship of taxpayers' money");
    auto visible = load_priority_indicators(*db_, r, priorities[0].id);
    ASSERT_EQ(visible.size(), 9u);
    EXPECT_EQ(visible[0].indicator, "Actual Strength: Police Officers");
    auto prevent = load_priority_indicators(*db_, r, priorities[3].id);
    ASSERT_EQ(prevent.size(), 10u);
    EXPECT_EQ(prevent[9].indicator,
              "Number of first-time entrants to the criminal justice system per 10,000");
    EXPECT_EQ(load_narratives(*db_, r, priorities[3].id).at(0).period_end, Month::of(2019, 9));

    // The CSP plan 2018-21 is kept, replaced by the Safer Norfolk Plan 2021-24.
    auto csp = find_plan(*db_, r, "nccsp-safer-norfolk-2021-2024");
    auto old_csp = find_plan(*db_, r, "nccsp-2018-2021");
    ASSERT_TRUE(csp && old_csp);
    EXPECT_EQ(old_csp->status, PlanStatus::replaced);
    EXPECT_EQ(old_csp->replaced_by, csp->id);
    auto old_priorities = load_priorities(*db_, r, old_csp->id);
    ASSERT_EQ(old_priorities.size(), 3u);
    EXPECT_EQ(old_priorities[0].sponsor_agency,
              "Office of the Police & Crime Commissioner for Norfolk");
    EXPECT_EQ(old_priorities[0].lead_officer, "Gavin Thompson");

    auto csp_priorities = load_priorities(*db_, r, csp->id);
    ASSERT_EQ(csp_priorities.size(), 5u);
    EXPECT_EQ(csp_priorities[0].delivery_groups.at(0).name, "Prevent Group");
    EXPECT_EQ(csp_priorities[0].delivery_groups.at(0).lead,
              "Teri Munro (Broadland District Council Community Safety Manager)");
    std::vector<int> outcome_numbers;
    for (const auto& o : load_outcomes(*db_, r, csp->id)) outcome_numbers.push_back(o.number);
    EXPECT_EQ(outcome_numbers, (std::vector<int>{7, 8, 9}));

    // Seed 004 item 8 Appendix A: actions 2.1 to 2.7.
    auto actions = load_actions(*db_, r, csp->id);
    ASSERT_EQ(actions.size(), 7u);
    std::map<std::string, Action> by_number;
    for (const auto& a : actions) by_number[a.number] = a;
    for (const char* n : {"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7"})
        EXPECT_TRUE(by_number.count(n)) << n;
    const Action& evidence = by_number["2.1"];
    EXPECT_EQ(evidence.success_measures,
              (std::vector<std::string>{"Vulnerable Adolescents Data Profile", "Project ADDER",
                                        "Drug Market Profile"}));
    EXPECT_EQ(evidence.due, DueDate::in(Month::of(2022, 4)));
    EXPECT_EQ(evidence.priority_id, csp_priorities[2].id);  // Criminal exploitation
    EXPECT_EQ(load_action_updates(*db_, r, evidence.id).size(), 4u);
    EXPECT_EQ(by_number["2.2"].due, DueDate::ongoing());
    EXPECT_EQ(by_number["2.3"].due, DueDate::in(Month::of(2024, 1)));
    EXPECT_EQ(by_number["2.4"].due, DueDate::in(Month::of(2022, 7)));

    // On the day of the meeting only 2.1 (April 2022) was overdue.
    auto summary = summarise_by_priority(actions, CalendarDate::of(2022, 6, 9));
    ASSERT_EQ(summary.size(), 1u);
    EXPECT_EQ(summary[0].counts.total, 7);
    EXPECT_EQ(summary[0].counts.overdue, 1);
    EXPECT_EQ(summary[0].counts.count(ActionStatus::not_assessed), 7);
    EXPECT_EQ(summarise_by_priority(actions, CalendarDate::of(2022, 8, 1))[0].counts.overdue, 3);

    // Seed 001 §5 (9 rows) and §8 (county and seven districts, 10 rows each).
    auto figures = load_published_figures(*db_, r, kPaper);
    ASSERT_EQ(figures.size(), 9u + 8u * 10u);
    EXPECT_EQ(figures[0].indicator, "Actual Strength: Police Officers");
    EXPECT_EQ(figures[0].last_12, "1,554");
    EXPECT_EQ(figures[0].difference, "4.4%");
    std::map<std::string, int> per_area;
    for (const auto& f : figures) per_area[f.area_code]++;
    EXPECT_EQ(per_area.size(), 8u);
    EXPECT_EQ(per_area["E10000020"], 19);
    auto yarmouth_robbery = std::find_if(figures.begin(), figures.end(), [](const auto& f) {
        return f.area_label == "GREAT YARMOUTH" && f.indicator == "Number of Robbery Crimes";
    });
    ASSERT_NE(yarmouth_robbery, figures.end());
    EXPECT_EQ(yarmouth_robbery->difference, "8.7%");  // as printed
    for (const auto& f : figures) EXPECT_EQ(f.visibility, Visibility::public_item);

    // Everything the demo holds is public: the public see what an officer sees.
    EXPECT_EQ(dump(*db_).at("actions").size(), 7u);
    EXPECT_EQ(load_plans(*db_, r).size(), load_plans(*db_, Role::officer).size());
}

TEST_P(PlanStoreTest, LoadingTheDemoTwiceChangesNothing) {
    load_demo_plans(*db_, test::data_dir());
    auto first = dump(*db_);
    int64_t imports = count("imports");
    load_demo_plans(*db_, test::data_dir());
    EXPECT_EQ(dump(*db_), first);
    EXPECT_EQ(count("imports"), imports);
    auto again =
        load_plan_files(*db_, {test::data_dir() + "/demo/pcc-norfolk-2016-2020.json"}, "x");
    EXPECT_EQ(again.files_already_in, 1);
    EXPECT_NE(again.lines.at(0).find("already loaded"), std::string::npos);

    // Without the import log the files are saved again, by natural key, onto the same rows.
    db_->execute("DELETE FROM imports");
    load_demo_plans(*db_, test::data_dir());
    EXPECT_EQ(dump(*db_), first);
}

TEST_P(PlanStoreTest, ABadPlanFileStoresNothing) {
    std::string good = test::data_dir() + "/demo/pcc-norfolk-2016-2020.json";
    std::string bad = tmp_.write("bad.json", R"({"format": "scrutineer-plan/1",
      "plan": {"key": "old", "owner": "NCCSP", "title": "Old", "first_year": 2018,
               "last_year": 2021, "kind": "csp_plan", "status": "replaced",
               "replaced_by": "no-such-plan"}})");
    try {
        load_plan_files(*db_, {good, bad}, "tester");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.file, bad);
        EXPECT_EQ(e.field, "plan.replaced_by");
    }
    EXPECT_EQ(count("plans"), 0);
    EXPECT_EQ(count("priorities"), 0);
    EXPECT_EQ(count("imports"), 0);

    std::string dup = tmp_.write("dup.json", read_file(good));
    std::string dup_key =
        tmp_.write("dup-key.json", R"({"format": "scrutineer-plan/1", "plan": {"key":
        "pcc-norfolk-2016-2020", "owner": "PCC", "title": "Other", "first_year": 2016,
        "last_year": 2020, "kind": "police_and_crime_plan"}})");
    try {
        load_plan_files(*db_, {good, dup_key}, "tester");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.file, dup_key);
        EXPECT_EQ(e.field, "plan.key");
    }
    auto summary = load_plan_files(*db_, {good, dup}, "tester");
    EXPECT_EQ(summary.files_imported, 1);
    EXPECT_EQ(summary.files_already_in, 1);
}

INSTANTIATE_STORE_TESTS(PlanStoreTest);
