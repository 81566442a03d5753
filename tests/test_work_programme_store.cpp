// The work programme in the store on both engines: the settings migration 8 ships (the precept
// deadlines of the 2012 Regulations and the civic year), programme entries saved, updated
// without duplicates, filtered by visibility and ordered, and the demo file loaded twice and
// refused whole when a panel is missing.
#include <gtest/gtest.h>

#include <fstream>

#include "scrutineer/input_error.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/work_programme_file.hpp"
#include "scrutineer/work_programme_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"

using namespace scrutineer;
using namespace scrutineer::store;

namespace {

class WorkProgrammeStoreTest : public test::StoreTest {
  protected:
    int64_t add_panel(const std::string& key, PanelKind kind) {
        Panel p;
        p.key = key;
        p.name = key == "pcp" ? "Norfolk Police and Crime Panel" : "NCCSP Scrutiny Sub Panel";
        p.kind = kind;
        p.quorum = 3;
        return save_panel(*db_, p);
    }

    ProgrammeEntry an_entry(int64_t panel, const std::string& when, std::optional<Month> month,
                            const std::string& title) {
        ProgrammeEntry e;
        e.panel_id = panel;
        e.kind = ProgrammeEntryKind::event;
        e.when = when;
        e.month = month;
        e.title = title;
        return e;
    }

    std::string write(const std::string& name, const std::string& content) {
        std::string path = (tmp_.path / name).string();
        std::ofstream(path) << content;
        return path;
    }
};

}  // namespace

TEST_P(WorkProgrammeStoreTest, SettingsAreTheLawsDatesWithTheirSources) {
    auto s = load_work_programme_settings(*db_);
    EXPECT_EQ(s.civic_year_starts, (MonthDay{6, 1}));
    EXPECT_EQ(s.precept.proposal_by, (MonthDay{2, 1}));
    EXPECT_EQ(s.precept.report_by, (MonthDay{2, 8}));
    EXPECT_EQ(s.precept.veto_response_by, (MonthDay{2, 15}));
    EXPECT_EQ(s.precept.revised_report_by, (MonthDay{2, 22}));
    auto rows = load_programme_settings(*db_);
    ASSERT_EQ(rows.size(), 5u);
    for (const auto& r : rows) {
        EXPECT_FALSE(r.source.empty()) << r.name;
    }
    EXPECT_NE(rows[2].source.find("reg. 4(1)"), std::string::npos) << rows[2].name;

    save_programme_setting(*db_, "precept_report_by", "02-09");
    EXPECT_EQ(load_work_programme_settings(*db_).precept.report_by, (MonthDay{2, 9}));
    EXPECT_THROW(save_programme_setting(*db_, "precept_report_by", "02-30"), std::invalid_argument);
    EXPECT_THROW(save_programme_setting(*db_, "precept_report_by", "02-29"), std::invalid_argument);
    EXPECT_THROW(save_programme_setting(*db_, "no_such_setting", "02-01"), std::invalid_argument);
    EXPECT_EQ(load_work_programme_settings(*db_).precept.report_by, (MonthDay{2, 9}));
}

TEST_P(WorkProgrammeStoreTest, EntriesRoundTripWithoutDuplicates) {
    int64_t pcp = add_panel("pcp", PanelKind::police_and_crime_panel);
    auto may = an_entry(pcp, "May 2020", Month::of(2020, 5), "PCC elections");
    int64_t id = save_programme_entry(*db_, may);
    EXPECT_GT(id, 0);
    EXPECT_EQ(save_programme_entry(*db_, may), id);  // the same panel, kind, when and title
    EXPECT_EQ(count("programme_entries"), 1);

    auto conf = an_entry(pcp, "24 November 2020", std::nullopt, "Annual PCP conference");
    conf.date = parse_date("2020-11-24");  // the month follows from the date
    conf.invitees = "Air Commodore Kevin Pellatt";
    int64_t conf_id = save_programme_entry(*db_, conf);
    ProgrammeEntry note;
    note.panel_id = pcp;
    note.kind = ProgrammeEntryKind::note;
    note.title =
        "The following meetings will be scheduled only if/when required: confirmation "
        "hearings";
    save_programme_entry(*db_, note);
    auto exempt = an_entry(pcp, "March 2020", Month::of(2020, 3), "Private briefing");
    exempt.visibility = Visibility::exempt;
    save_programme_entry(*db_, exempt);

    auto officer = load_programme_entries(*db_, pcp, Role::officer);
    ASSERT_EQ(officer.size(), 4u);
    EXPECT_EQ(officer[0].title, "Private briefing");  // March 2020
    EXPECT_EQ(officer[1].title, "PCC elections");     // May 2020
    EXPECT_EQ(officer[2].title, "Annual PCP conference");
    EXPECT_EQ(officer[2].month, Month::of(2020, 11));
    EXPECT_EQ(officer[2].date, parse_date("2020-11-24"));
    EXPECT_EQ(officer[2].invitees, "Air Commodore Kevin Pellatt");
    EXPECT_EQ(officer[3].kind, ProgrammeEntryKind::note);  // notes last
    EXPECT_FALSE(officer[3].month.has_value());

    auto pub = load_programme_entries(*db_, pcp, Role::public_user);
    EXPECT_EQ(pub.size(), 3u);
    for (const auto& e : pub) {
        EXPECT_NE(e.title, "Private briefing");
    }
    EXPECT_FALSE(load_programme_entry(*db_, officer[0].id, Role::public_user));
    EXPECT_TRUE(load_programme_entry(*db_, officer[0].id, Role::panel_member));

    // Update by id.
    auto changed = *load_programme_entry(*db_, conf_id, Role::officer);
    changed.title = "Annual PCP conference 2020";
    EXPECT_EQ(save_programme_entry(*db_, changed), conf_id);
    EXPECT_EQ(load_programme_entry(*db_, conf_id, Role::officer)->title,
              "Annual PCP conference 2020");
    changed.id = 99999;
    EXPECT_THROW(save_programme_entry(*db_, changed), std::out_of_range);

    delete_programme_entry(*db_, conf_id);
    EXPECT_EQ(count("programme_entries"), 3);
}

TEST_P(WorkProgrammeStoreTest, BadEntriesAreRefusedNamingTheField) {
    int64_t pcp = add_panel("pcp", PanelKind::police_and_crime_panel);
    auto e = an_entry(pcp, "May 2020", std::nullopt, "PCC elections");
    try {
        save_programme_entry(*db_, e);
        FAIL();
    } catch (const ProgrammeEntryInvalid& err) {
        EXPECT_EQ(err.field, "month");
    }
    e = an_entry(pcp + 100, "May 2020", Month::of(2020, 5), "PCC elections");
    try {
        save_programme_entry(*db_, e);
        FAIL();
    } catch (const ProgrammeEntryInvalid& err) {
        EXPECT_EQ(err.field, "panel_id");
    }
    EXPECT_EQ(count("programme_entries"), 0);
}

TEST_P(WorkProgrammeStoreTest, DemoFileLoadsOnceAndNeedsItsPanels) {
    // Without the panels nothing is loaded and the error names the field.
    try {
        load_demo_work_programme(*db_, test::data_dir());
        FAIL();
    } catch (const InputError& err) {
        EXPECT_EQ(err.field, "panels[0].panel");
        EXPECT_NE(std::string(err.what()).find("there is no panel 'pcp'"), std::string::npos);
    }
    EXPECT_EQ(count("programme_entries"), 0);

    int64_t pcp = add_panel("pcp", PanelKind::police_and_crime_panel);
    int64_t csp = add_panel("nccsp-scrutiny", PanelKind::csp_scrutiny_sub_panel);
    std::string line = load_demo_work_programme(*db_, test::data_dir());
    EXPECT_NE(line.find("work programme entries for 2 panels"), std::string::npos) << line;
    auto entries = load_programme_entries(*db_, pcp, Role::public_user);
    int64_t loaded = count("programme_entries");
    load_demo_work_programme(*db_, test::data_dir());
    EXPECT_EQ(count("programme_entries"), loaded);  // the second load changes nothing

    auto has = [&](const std::string& when, const std::string& title) {
        for (const auto& e : entries)
            if (e.when == when && e.title == title) return true;
        return false;
    };
    EXPECT_TRUE(has("May 2020", "PCC elections"));
    EXPECT_TRUE(has("June 2020", "Panel Member induction / informal meeting with PCC"));
    EXPECT_TRUE(has("January 2021, County Hall (To be confirmed)",
                    "Panel Member briefing – review of PCC's precept proposal"));
    bool note = false;
    for (const auto& e : entries)
        if (e.kind == ProgrammeEntryKind::note &&
            e.title.find("confirmation hearings") != std::string::npos)
            note = true;
    EXPECT_TRUE(note);
    EXPECT_FALSE(load_programme_entries(*db_, csp, Role::public_user).empty());
}

TEST_P(WorkProgrammeStoreTest, FileErrorsNameTheFieldAndChangeNothing) {
    add_panel("pcp", PanelKind::police_and_crime_panel);
    auto path = write("bad.json", R"json({"format": "scrutineer-work-programme/1", "panels": [
        {"panel": "pcp", "entries": [
          {"kind": "event", "when": "May 2020", "month": "2020-05", "title": "PCC elections"},
          {"kind": "event", "when": "June 2020", "month": "2020-13", "title": "Induction"}]}]})json");
    try {
        load_work_programme_file(*db_, path, "test");
        FAIL();
    } catch (const InputError& err) {
        EXPECT_EQ(err.field, "panels[0].entries[1].month");
        EXPECT_NE(std::string(err.what()).find("'2020-13' is not a month"), std::string::npos)
            << err.what();
    }
    auto unknown = write("unknown.json", R"json({"format": "scrutineer-work-programme/1",
        "panels": [{"panel": "pcp", "entries": [{"kind": "meeting", "title": "x"}]}]})json");
    EXPECT_THROW(load_work_programme_file(*db_, unknown, "test"), InputError);
    auto typo = write("typo.json", R"json({"format": "scrutineer-work-programme/1",
        "panels": [{"panel": "pcp", "entries": [{"kind": "note", "titel": "x"}]}]})json");
    try {
        load_work_programme_file(*db_, typo, "test");
        FAIL();
    } catch (const InputError& err) {
        EXPECT_EQ(err.field, "panels[0].entries[0].titel");
    }
    EXPECT_EQ(count("programme_entries"), 0);
}

INSTANTIATE_STORE_TESTS(WorkProgrammeStoreTest);
