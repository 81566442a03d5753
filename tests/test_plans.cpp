// Plans in the domain (no database): calendar days, due dates, the overdue rule at its
// boundaries, the status summary, validation, and the plan-file readers' errors.
#include <gtest/gtest.h>

#include "scrutineer/input_error.hpp"
#include "scrutineer/overdue.hpp"
#include "scrutineer/plan.hpp"
#include "scrutineer/plan_file.hpp"
#include "test_support.hpp"

using namespace scrutineer;

namespace {

CalendarDate day(int y, unsigned m, unsigned d) {
    return CalendarDate::of(y, m, d);
}

DueDate due(const char* text) {
    auto d = parse_due_date(text);
    EXPECT_TRUE(d) << text;
    return d.value_or(DueDate{});
}

Action action(const char* number, ActionStatus status, const char* due_text,
              std::optional<int64_t> priority = std::nullopt) {
    Action a;
    a.number = number;
    a.text = "Do something";
    a.status = status;
    a.due = due(due_text);
    a.priority_id = priority;
    return a;
}

}  // namespace

TEST(CalendarDate, ParsesOnlyDaysThatExist) {
    EXPECT_EQ(parse_date("2022-06-09"), day(2022, 6, 9));
    EXPECT_EQ(parse_date("2024-02-29"), day(2024, 2, 29));
    for (const char* bad : {"2023-02-29", "2022-04-31", "2022-06-00", "2022-13-01", "2022-6-09",
                            "2022-06-9", "22-06-09", "2022/06/09", "", "2022-06-09 "})
        EXPECT_FALSE(parse_date(bad)) << bad;
    EXPECT_EQ(to_string(day(2022, 6, 9)), "2022-06-09");
    EXPECT_EQ(long_name(day(2022, 6, 9)), "9 June 2022");
}

TEST(CalendarDate, LastDayOfAMonth) {
    EXPECT_EQ(last_day_of(Month::of(2022, 4)), day(2022, 4, 30));
    EXPECT_EQ(last_day_of(Month::of(2024, 2)), day(2024, 2, 29));
    EXPECT_EQ(last_day_of(Month::of(2023, 2)), day(2023, 2, 28));
    EXPECT_EQ(last_day_of(Month::of(2022, 12)), day(2022, 12, 31));
    EXPECT_EQ(month_of(day(2022, 6, 9)), Month::of(2022, 6));
}

TEST(DueDate, IsAMonthADayOrOngoing) {
    EXPECT_EQ(due("Ongoing"), DueDate::ongoing());
    EXPECT_EQ(due("2022-04"), DueDate::in(Month::of(2022, 4)));
    EXPECT_EQ(due("2022-06-09"), DueDate::on(day(2022, 6, 9)));
    for (const char* bad : {"ongoing", "ONGOING", "April 2022", "Jan 2024", "2022-13", "2022-4", "",
                            "2022-02-30", "TBC"})
        EXPECT_FALSE(parse_due_date(bad)) << bad;
    EXPECT_EQ(to_string(due("2022-04")), "2022-04");
    EXPECT_EQ(long_name(due("2022-04")), "April 2022");
    EXPECT_EQ(long_name(due("2022-06-09")), "9 June 2022");
    EXPECT_EQ(long_name(due("Ongoing")), "Ongoing");
}

TEST(Overdue, AMonthDueDateRunsToTheMonthsLastDay) {
    DueDate april = due("2022-04");
    EXPECT_FALSE(is_overdue(april, ActionStatus::on_track, day(2022, 3, 31)));
    EXPECT_FALSE(is_overdue(april, ActionStatus::on_track, day(2022, 4, 1)));
    EXPECT_FALSE(is_overdue(april, ActionStatus::on_track, day(2022, 4, 30)));
    EXPECT_TRUE(is_overdue(april, ActionStatus::on_track, day(2022, 5, 1)));

    DueDate leap_february = due("2024-02");
    EXPECT_FALSE(is_overdue(leap_february, ActionStatus::at_risk, day(2024, 2, 29)));
    EXPECT_TRUE(is_overdue(leap_february, ActionStatus::at_risk, day(2024, 3, 1)));
    DueDate february = due("2023-02");
    EXPECT_FALSE(is_overdue(february, ActionStatus::at_risk, day(2023, 2, 28)));
    EXPECT_TRUE(is_overdue(february, ActionStatus::at_risk, day(2023, 3, 1)));

    DueDate december = due("2022-12");
    EXPECT_FALSE(is_overdue(december, ActionStatus::not_started, day(2022, 12, 31)));
    EXPECT_TRUE(is_overdue(december, ActionStatus::not_started, day(2023, 1, 1)));
}

TEST(Overdue, ADayDueDateIsOverdueTheDayAfter) {
    DueDate d = due("2022-06-09");
    EXPECT_FALSE(is_overdue(d, ActionStatus::off_track, day(2022, 6, 8)));
    EXPECT_FALSE(is_overdue(d, ActionStatus::off_track, day(2022, 6, 9)));
    EXPECT_TRUE(is_overdue(d, ActionStatus::off_track, day(2022, 6, 10)));
}

TEST(Overdue, OngoingIsNeverOverdue) {
    for (ActionStatus s : kActionStatuses)
        for (CalendarDate today : {day(1990, 1, 1), day(2022, 6, 9), day(2999, 12, 31)})
            EXPECT_FALSE(is_overdue(due("Ongoing"), s, today)) << to_string(s);
    EXPECT_FALSE(last_day(due("Ongoing")));
}

TEST(Overdue, ACompleteActionIsNeverOverdue) {
    EXPECT_FALSE(is_overdue(due("2022-04"), ActionStatus::complete, day(2030, 1, 1)));
    EXPECT_FALSE(is_overdue(due("2022-06-09"), ActionStatus::complete, day(2022, 6, 10)));
    // Every other status is overdue once the date has passed, assessed or not.
    for (ActionStatus s : kActionStatuses) {
        if (s != ActionStatus::complete) {
            EXPECT_TRUE(is_overdue(due("2022-04"), s, day(2022, 5, 1))) << to_string(s);
        }
    }
}

TEST(Overdue, SummaryCountsStatusesAndOverduePerPriority) {
    CalendarDate today = day(2022, 6, 9);
    std::vector<Action> actions = {
        action("2.1", ActionStatus::not_assessed, "2022-04", 3),  // overdue
        action("2.2", ActionStatus::on_track, "Ongoing", 3),
        action("2.3", ActionStatus::at_risk, "2024-01", 3),
        action("2.4", ActionStatus::complete, "2022-04", 3),      // complete: not overdue
        action("2.5", ActionStatus::off_track, "2022-05-31", 3),  // overdue
        action("1.1", ActionStatus::on_track, "2022-06", 1),
        action("9.1", ActionStatus::not_started, "2022-01"),  // no priority, overdue
    };
    auto summary = summarise_by_priority(actions, today);
    ASSERT_EQ(summary.size(), 3u);
    EXPECT_EQ(summary[0].priority_id, 3);
    const StatusCounts& c = summary[0].counts;
    EXPECT_EQ(c.total, 5);
    EXPECT_EQ(c.overdue, 2);
    EXPECT_EQ(c.count(ActionStatus::not_assessed), 1);
    EXPECT_EQ(c.count(ActionStatus::on_track), 1);
    EXPECT_EQ(c.count(ActionStatus::at_risk), 1);
    EXPECT_EQ(c.count(ActionStatus::off_track), 1);
    EXPECT_EQ(c.count(ActionStatus::complete), 1);
    EXPECT_EQ(c.count(ActionStatus::not_started), 0);
    EXPECT_EQ(summary[1].priority_id, 1);
    EXPECT_EQ(summary[1].counts.total, 1);
    EXPECT_EQ(summary[1].counts.overdue, 0);
    EXPECT_FALSE(summary[2].priority_id);
    EXPECT_EQ(summary[2].counts.overdue, 1);
    EXPECT_TRUE(summarise_by_priority({}, today).empty());
}

TEST(PlanRules, ActionNumbersLookLikeTwoPointOne) {
    for (const char* good : {"2.1", "10.12", "2.1.3", "0.1"}) EXPECT_TRUE(is_action_number(good));
    for (const char* bad : {"2", "2.", ".1", "2..1", "2,1", "a.1", "2.1a", "1234.1", "", " 2.1"})
        EXPECT_FALSE(is_action_number(bad)) << bad;
    Action a = action("2-1", ActionStatus::on_track, "Ongoing");
    try {
        validate(a);
        FAIL() << "accepted 2-1";
    } catch (const PlanInvalid& e) {
        EXPECT_EQ(e.field, "number");
        EXPECT_NE(std::string(e.what()).find("must look like 2.1"), std::string::npos);
    }
}

TEST(PlanRules, ItemsAreCheckedBeforeTheyAreStored) {
    Plan p;
    p.key = "pcc-x";
    p.owner = "PCC";
    p.title = "A plan";
    p.first_year = 2016;
    p.last_year = 2020;
    EXPECT_NO_THROW(validate(p));
    Plan bad_key = p;
    bad_key.key = "PCC plan";
    EXPECT_THROW(validate(bad_key), PlanInvalid);
    Plan years = p;
    years.last_year = 2015;
    EXPECT_THROW(validate(years), PlanInvalid);
    Plan replaced = p;
    replaced.replaced_by = 7;  // but still current
    EXPECT_THROW(validate(replaced), PlanInvalid);
    replaced.status = PlanStatus::replaced;
    EXPECT_NO_THROW(validate(replaced));

    Action a = action("2.1", ActionStatus::on_track, "Ongoing");
    a.owners = {"County Lines Strategic Group", "two\nlines"};
    try {
        validate(a);
        FAIL();
    } catch (const PlanInvalid& e) {
        EXPECT_EQ(e.field, "owners[1]");
    }
    Priority pr;
    pr.title = "Prevent";
    EXPECT_THROW(validate(pr), PlanInvalid);  // number 0
}

TEST(PlanRules, StatusNamesRoundTrip) {
    for (ActionStatus s : kActionStatuses) EXPECT_EQ(parse_action_status(to_string(s)), s);
    EXPECT_FALSE(parse_action_status("overdue"));  // derived, never a status
    EXPECT_EQ(std::string(label(ActionStatus::on_track)), "On track");
    EXPECT_EQ(parse_plan_kind("csp_plan"), PlanKind::csp_plan);
    EXPECT_EQ(parse_plan_status("replaced"), PlanStatus::replaced);
}

namespace {

// A small valid plan file, with `extra` spliced into the plan's first action.
std::string plan_json(const std::string& action_fields) {
    return R"({"format": "scrutineer-plan/1",
  "plan": {"key": "csp-test", "owner": "NCCSP", "title": "Test plan", "first_year": 2021,
           "last_year": 2024, "kind": "csp_plan"},
  "priorities": [{"number": 1, "title": "Criminal exploitation",
                  "objectives": [{"text": "Reduce exploitation"}]}],
  "actions": [{)" +
           action_fields + R"(}]})";
}

// The InputError a plan file's text gives, with the file name it was given.
InputError plan_error(const std::string& text) {
    try {
        parse_plan_file(text, "plans/bad.json");
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << text;
    return InputError("", 0, "", "");
}

}  // namespace

TEST(PlanFile, AGoodFileReads) {
    auto f =
        parse_plan_file(plan_json(R"("number": "2.1", "priority": 1, "objective": 1, "text": "Act",
                     "due": "2022-04", "owners": ["A", "B"],
                     "updates": [{"date": "2022-06-09", "text": "Done a bit"}])"),
                        "good.json");
    EXPECT_EQ(f.plan.key, "csp-test");
    ASSERT_EQ(f.priorities.size(), 1u);
    EXPECT_EQ(f.priorities[0].objectives.at(0).number, 1);  // numbered by position
    ASSERT_EQ(f.actions.size(), 1u);
    EXPECT_EQ(f.actions[0].action.due, DueDate::in(Month::of(2022, 4)));
    EXPECT_EQ(f.actions[0].action.status, ActionStatus::not_assessed);
    EXPECT_EQ(f.actions[0].action.visibility, Visibility::public_item);
    EXPECT_EQ(f.actions[0].priority_number, 1);
    EXPECT_EQ(f.actions[0].updates.at(0).date, day(2022, 6, 9));
}

TEST(PlanFile, BadFilesNameTheFileAndTheField) {
    struct Case {
        std::string action_fields, field, words;
    };
    std::vector<Case> cases = {
        {R"("number": "2-1", "text": "Act", "due": "Ongoing")", "actions[0].number",
         "must look like 2.1"},
        {R"("number": "2.1", "text": "Act", "due": "April 2022")", "actions[0].due",
         "YYYY-MM, YYYY-MM-DD or \"Ongoing\""},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing", "status": "late")",
         "actions[0].status", "must be one of"},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing", "visibility": "secret")",
         "actions[0].visibility", "'public', 'exempt' or 'confidential'"},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing", "priority": 4)",
         "actions[0].priority", "no priority 4"},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing", "priority": 1, "objective": 2)",
         "actions[0].objective", "no objective 2"},
        {R"("number": "2.1", "due": "Ongoing")", "actions[0].text", "is missing"},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing", "sucess_measures": ["x"])",
         "actions[0].sucess_measures", "not a field"},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing", "owners": "NCCSP")",
         "actions[0].owners", "not a list"},
        {R"("number": "2.1", "text": "Act", "due": "Ongoing",
            "updates": [{"date": "2022-02-30", "text": "x"}])",
         "actions[0].updates[0].date", "not a date"},
    };
    for (const auto& c : cases) {
        InputError e = plan_error(plan_json(c.action_fields));
        EXPECT_EQ(e.file, "plans/bad.json");
        EXPECT_EQ(e.field, c.field) << e.what();
        EXPECT_NE(std::string(e.what()).find(c.words), std::string::npos) << e.what();
    }
}

TEST(PlanFile, BadPlansAndDuplicatesAreRefused) {
    std::string good = plan_json(R"("number": "2.1", "text": "Act", "due": "Ongoing")");
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    EXPECT_EQ(plan_error(with(R"("kind": "csp_plan")", R"("kind": "csp")")).field, "plan.kind");
    EXPECT_EQ(plan_error(with(R"("first_year": 2021)", R"("first_year": "2021")")).field,
              "plan.first_year");
    EXPECT_EQ(plan_error(with(R"("last_year": 2024)", R"("last_year": 2020)")).field,
              "plan.last_year");
    EXPECT_EQ(
        plan_error(with(R"("kind": "csp_plan")", R"("kind": "csp_plan", "replaced_by": "other")"))
            .field,
        "plan.replaced_by");
    EXPECT_EQ(plan_error(with(R"("title": "Criminal exploitation")", R"("title": "")")).field,
              "priorities[0].title");
    EXPECT_EQ(plan_error(with(R"("actions": [{)",
                              R"("actions": [{"number": "2.1", "text": "B", "due": "Ongoing"}, {)"))
                  .field,
              "actions[1].number");
    EXPECT_EQ(plan_error(with("scrutineer-plan/1", "scrutineer-plan/9")).field, "format");
    InputError json = plan_error("{\"format\": ");
    EXPECT_EQ(json.file, "plans/bad.json");
    EXPECT_NE(std::string(json.what()).find("not valid JSON"), std::string::npos);
}

TEST(PlanFile, PublishedFiguresFileErrorsNameTheField) {
    auto figures = [](const std::string& row) {
        return R"({"format": "scrutineer-published-figures/1", "paper": "P", "meeting_date":
                   "2020-02-04", "tables": [{"area_code": "E10000020", "period_label": "L12",
                   "rows": [)" +
               row + "]}]}";
    };
    auto ok = parse_published_figures_file(
        figures(R"({"indicator": "Hate", "last_12": "1,128", "lta": "1,120"})"), "f.json");
    ASSERT_EQ(ok.figures.size(), 1u);
    EXPECT_EQ(ok.figures[0].last_12, "1,128");
    EXPECT_EQ(ok.figures[0].position, 1);
    try {
        parse_published_figures_file(figures(R"({"last_12": "1"})"), "f.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.file, "f.json");
        EXPECT_EQ(e.field, "tables[0].rows[0].indicator");
    }
    try {
        parse_published_figures_file(
            figures(R"({"indicator": "Hate"}, {"indicator": "Hate", "last_12": "2"})"), "f.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.field, "tables[0].rows[1].indicator");
    }
}

TEST(PlanFile, AMissingFileSaysSo) {
    test::TempDir tmp;
    std::string path = (tmp.path / "nothing.json").string();
    try {
        read_plan_file(path);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.file, path);
    }
}

TEST(PlanFile, LinksAndGroupsAreShownWithTheirPriority) {
    auto f = parse_plan_file(R"({"format": "scrutineer-plan/1",
      "plan": {"key": "k", "owner": "PCC", "title": "T", "first_year": 2016, "last_year": 2020,
               "kind": "police_and_crime_plan"},
      "priorities": [{"number": 1, "title": "P", "visibility": "exempt",
                      "delivery_groups": [{"name": "G"}, {"name": "H", "visibility": "public"}],
                      "indicators": ["Number of Hate Crimes"]}]})",
                             "f.json");
    const Priority& p = f.priorities.at(0).priority;
    EXPECT_EQ(p.visibility, Visibility::exempt);
    EXPECT_EQ(p.delivery_groups.at(0).visibility, Visibility::exempt);
    EXPECT_EQ(p.delivery_groups.at(1).visibility, Visibility::public_item);
}
