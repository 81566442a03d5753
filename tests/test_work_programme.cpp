// The forward work programme's table: meetings and the rows that are not meetings in date
// order, reserve dates, the notes under the table; entries' validation; programme years and
// settings' day-of-year values.
#include <gtest/gtest.h>

#include "scrutineer/work_programme.hpp"

using namespace scrutineer;

namespace {

CalendarDate d(const char* s) {
    return *parse_date(s);
}

ProgrammeEntry entry(ProgrammeEntryKind kind, const std::string& when, std::optional<Month> month,
                     const std::string& title) {
    ProgrammeEntry e;
    e.id = 50;
    e.panel_id = 1;
    e.kind = kind;
    e.when = when;
    e.month = month;
    e.title = title;
    return e;
}

}  // namespace

TEST(WorkProgramme, MonthDaysAndProgrammeYears) {
    EXPECT_EQ(parse_month_day("02-08"), (MonthDay{2, 8}));
    EXPECT_FALSE(parse_month_day("02-29"));  // not in every year
    EXPECT_FALSE(parse_month_day("13-01"));
    EXPECT_FALSE(parse_month_day("2-8"));
    EXPECT_EQ(to_string(MonthDay{6, 1}), "06-01");
    MonthDay june{6, 1};
    auto y = programme_year_containing(d("2021-02-02"), june);
    EXPECT_EQ(y.first, d("2020-06-01"));
    EXPECT_EQ(y.last, d("2021-05-31"));
    EXPECT_EQ(label(y), "2020-21");
    EXPECT_EQ(programme_year_containing(d("2020-06-01"), june).first, d("2020-06-01"));
    EXPECT_EQ(programme_year_containing(d("2020-05-31"), june).first, d("2019-06-01"));
    EXPECT_EQ(deadline_in(y, MonthDay{2, 8}), d("2021-02-08"));
    EXPECT_EQ(deadline_in(y, MonthDay{6, 30}), d("2020-06-30"));
}

TEST(WorkProgramme, EntriesAreValidated) {
    auto ok = entry(ProgrammeEntryKind::event, "May 2020", Month::of(2020, 5), "PCC elections");
    EXPECT_NO_THROW(validate(ok));
    auto e = ok;
    e.title = " ";
    EXPECT_THROW(validate(e), ProgrammeEntryInvalid);
    e = ok;
    e.month.reset();
    try {
        validate(e);
        FAIL();
    } catch (const ProgrammeEntryInvalid& err) {
        EXPECT_EQ(err.field, "month");
    }
    e = ok;
    e.date = d("2020-06-03");
    try {
        validate(e);
        FAIL();
    } catch (const ProgrammeEntryInvalid& err) {
        EXPECT_EQ(err.field, "date");
        EXPECT_NE(std::string(err.what()).find("3 June 2020 is not in May 2020"),
                  std::string::npos);
    }
    auto note = entry(ProgrammeEntryKind::note, "", std::nullopt, "confirmation hearings");
    EXPECT_NO_THROW(validate(note));
    note.month = Month::of(2020, 5);
    EXPECT_THROW(validate(note), ProgrammeEntryInvalid);
    e = ok;
    e.title = "two\nlines";
    EXPECT_THROW(validate(e), ProgrammeEntryInvalid);
    EXPECT_EQ(parse_programme_entry_kind("provisional_meeting"),
              ProgrammeEntryKind::provisional_meeting);
    EXPECT_FALSE(parse_programme_entry_kind("meeting"));
}

TEST(WorkProgramme, TableInterleavesMeetingsAndEntriesByDate) {
    Meeting reserve;
    reserve.id = 1;
    reserve.date = d("2020-02-19");
    reserve.time = "10:00";
    reserve.venue = "County Hall";
    reserve.reserve = true;
    reserve.reserve_reason = "to review a revised precept for 2019-20, if vetoed";
    Meeting march;
    march.id = 2;
    march.date = d("2020-03-24");
    march.time = "10:00";
    march.venue = "County Hall";
    AgendaItem apologies;
    apologies.kind = AgendaItemKind::apologies;
    apologies.title = "Apologies";
    AgendaItem perf;
    perf.title = "Police and Crime Plan performance monitoring";
    perf.invitees = "Commissioner, supported by members of the Commissioner's staff";
    AgendaItem bulletin;
    bulletin.title = "Information bulletin – questions arising to the PCC";
    bulletin.invitees = perf.invitees;
    march.items = {apologies, perf, bulletin};
    Meeting june;
    june.id = 3;
    june.date = d("2020-06-30");
    june.time = "10:00";
    AgendaItem election;
    election.kind = AgendaItemKind::election_of_chair;
    election.title = "Election of Chairman and Vice-Chairman";
    june.items = {election};
    Meeting old;
    old.id = 4;
    old.date = d("2020-02-04");

    auto may = entry(ProgrammeEntryKind::event, "May 2020", Month::of(2020, 5), "PCC elections");
    auto induction = entry(ProgrammeEntryKind::event, "June 2020", Month::of(2020, 6),
                           "Panel Member induction / informal meeting with PCC");
    induction.id = 51;
    auto note = entry(ProgrammeEntryKind::note, "", std::nullopt, "confirmation hearings");
    note.id = 52;
    auto gone = entry(ProgrammeEntryKind::event, "January 2020", Month::of(2020, 1), "Gone");
    gone.id = 53;

    auto fwp = forward_work_programme({june, march, reserve, old}, {note, induction, may, gone},
                                      d("2020-02-05"));
    ASSERT_EQ(fwp.rows.size(), 5u);
    EXPECT_EQ(fwp.rows[0].meeting_id, 1);
    EXPECT_TRUE(fwp.rows[0].reserve);
    EXPECT_EQ(fwp.rows[0].when, "10am, 19 February 2020, County Hall");
    ASSERT_EQ(fwp.rows[0].items.size(), 1u);
    EXPECT_EQ(fwp.rows[0].items[0].title,
              "Reserve date – to review a revised precept for 2019-20, if vetoed");
    EXPECT_EQ(fwp.rows[1].meeting_id, 2);
    ASSERT_EQ(fwp.rows[1].items.size(), 2u);          // the apologies are not in the programme
    EXPECT_EQ(fwp.rows[1].attendees, perf.invitees);  // once
    EXPECT_EQ(fwp.rows[2].entry_id, 50);
    EXPECT_EQ(fwp.rows[2].when, "May 2020");
    EXPECT_EQ(fwp.rows[3].entry_id, 51);  // June 2020 before 30 June 2020
    EXPECT_EQ(fwp.rows[4].meeting_id, 3);
    EXPECT_EQ(fwp.rows[4].items[0].title, "Election of Chairman and Vice-Chairman");
    EXPECT_EQ(fwp.rows[4].when, "10am, 30 June 2020");
    ASSERT_EQ(fwp.notes.size(), 1u);
    EXPECT_EQ(fwp.notes[0].title, "confirmation hearings");

    // A reserve date whose agenda has its own item shows that item, not the reason again.
    AgendaItem own;
    own.title = "Reserve date – to review a revised precept, if vetoed (by 22 February 2020)";
    reserve.items = {own};
    auto again = forward_work_programme({reserve}, {}, d("2020-01-01"));
    ASSERT_EQ(again.rows.size(), 1u);
    ASSERT_EQ(again.rows[0].items.size(), 1u);
    EXPECT_EQ(again.rows[0].items[0].title, own.title);
    EXPECT_TRUE(again.rows[0].reserve);
}
