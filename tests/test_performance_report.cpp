// The performance monitoring report (report/performance_report.hpp) on both engines: the
// priorities in focus from the meeting's item (or else the rolling programme's proposal), when
// the Panel last looked at each, the suggested approach's questions lettered a), b) with their
// points, the indicator tables for the force and each district computed from the data for the
// latest month before the meeting (checked against sums made here), figures the data does not
// hold as published, trend charts for the force, and restricted items only in the officers'
// version. The agenda pack: each item's paper after the agenda, "(Page N)" the page it starts on
// in the PDF and in Word (read back through LibreOffice). Then the command: the demo's
// 4 February 2020 report as PDF, read back with pdftotext.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "read_back.hpp"
#include "scrutineer/agenda_pack.hpp"
#include "scrutineer/docx_writer.hpp"
#include "scrutineer/pdf_writer.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/report_formats.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/suggested_approach_store.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"
#include "web_fixture.hpp"
#include "xlsx_read_back.hpp"

using namespace scrutineer;

namespace {

// All the text of a document, blocks in order, cells and items included.
std::string all_text(const doc::Document& d) {
    std::string out;
    auto text = [&](const doc::Text& t) { out += doc::text_of(t) + "\n"; };
    for (const auto& b : d.blocks) {
        if (auto* h = std::get_if<doc::Heading>(&b)) out += h->text + "\n";
        if (auto* p = std::get_if<doc::Paragraph>(&b)) text(p->text);
        if (auto* l = std::get_if<doc::List>(&b))
            for (const auto& i : l->items) {
                out += i.label + " ";
                text(i.text);
            }
        if (auto* t = std::get_if<doc::Table>(&b)) {
            for (const auto& h : t->header) text(h);
            for (const auto& row : t->rows)
                for (const auto& c : row) text(c);
            for (const auto& n : t->notes) out += n + "\n";
        }
        if (auto* f = std::get_if<doc::Figure>(&b)) out += f->chart.title + "\n";
    }
    return out;
}

// The value of `indicator` in `area` for a month: distinct and easy to sum by hand.
int64_t value_of(size_t area, int indicator, Month m) {
    return static_cast<int64_t>(10 + area * 5 + indicator * 3 + (m.index % 7));
}

const char* kIndicators[] = {"Burglary", "Robbery", "Vehicle crime"};

class PerformanceReportTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        // The data: a force and a district, three counts, January 2021 to March 2026.
        data_.areas = {{"E10000020", "Norfolk Constabulary", AreaLevel::force, 0},
                       {"E07000148", "Norwich", AreaLevel::district, 0}};
        for (const char* name : kIndicators) {
            IndicatorDefinition d;
            d.name = name;
            data_.indicators.push_back(d);
        }
        // Operational data provided on an exempt basis (seed 002): officers' tables only.
        IndicatorDefinition exempt;
        exempt.name = "EXEMPT-INDICATOR";
        exempt.visibility = Visibility::exempt;
        data_.indicators.push_back(exempt);
        for (size_t a = 0; a < 2; ++a) {
            Series s;
            for (Month m = Month::of(2021, 1); m <= Month::of(2026, 3); m = m + 1)
                s.set(m, 5 * kMicro);
            data_.series[{a, "EXEMPT-INDICATOR"}] = s;
        }
        for (size_t a = 0; a < 2; ++a)
            for (int i = 0; i < 3; ++i) {
                Series s;
                for (Month m = Month::of(2021, 1); m <= Month::of(2026, 3); m = m + 1)
                    s.set(m, value_of(a, i, m) * kMicro);
                data_.series[{a, kIndicators[i]}] = s;
            }

        Plan plan;
        plan.key = "pcc-test";
        plan.owner = "PCC";
        plan.title = "Police and Crime Plan for Testshire 2024-2028";
        plan.first_year = 2024;
        plan.last_year = 2028;
        plan.description = "The plan was produced following a public consultation.";
        plan_ = store::save_plan(*db_, plan);
        auto priority = [&](int number, const std::string& title, Visibility v) {
            Priority p;
            p.plan_id = plan_;
            p.number = number;
            p.title = title;
            p.visibility = v;
            return store::save_priority(*db_, p);
        };
        visible_ = priority(1, "Increase visible policing", Visibility::public_item);
        prevent_ = priority(2, "Prevent offending", Visibility::public_item);
        victims_ = priority(3, "SECRET-PRIORITY", Visibility::confidential);
        auto objective = [&](int64_t priority_id, int number, const std::string& text,
                             Visibility v) {
            StrategicObjective o;
            o.priority_id = priority_id;
            o.number = number;
            o.text = text;
            o.visibility = v;
            store::save_objective(*db_, o);
        };
        objective(visible_, 1, "Increase the number of volunteers in policing",
                  Visibility::public_item);
        objective(prevent_, 1, "Tackle all forms of violence and abuse", Visibility::public_item);
        objective(prevent_, 2, "CONFIDENTIAL-OBJECTIVE", Visibility::confidential);
        auto link = [&](int64_t priority_id, const std::string& indicator, int position) {
            store::save_priority_indicator(
                *db_, PriorityIndicator{priority_id, indicator, position, Visibility::public_item});
        };
        link(visible_, "Burglary", 1);
        link(visible_, "Robbery", 2);
        link(prevent_, "Vehicle crime", 1);
        link(prevent_, "Number of Hate Crimes", 2);  // not in the data: as published
        link(prevent_, "EXEMPT-INDICATOR", 3);
        auto narrative = [&](int64_t priority_id, const std::string& text, Month end,
                             Visibility v) {
            Narrative n;
            n.priority_id = priority_id;
            n.period_end = end;
            n.text = text;
            n.author = "OPCC performance team";
            n.visibility = v;
            store::save_narrative(*db_, n);
        };
        narrative(visible_, "An older narrative.", Month::of(2025, 6), Visibility::public_item);
        narrative(visible_, "Officer numbers rose.\n\nVolunteers rose too.", Month::of(2026, 1),
                  Visibility::public_item);
        narrative(visible_, "A narrative after the period.", Month::of(2026, 3),
                  Visibility::public_item);
        narrative(prevent_, "EXEMPT-NARRATIVE", Month::of(2025, 12), Visibility::exempt);

        PublishedFigure f;
        f.paper = "Testshire Police and Crime Panel, 3 February 2026, item 7";
        f.meeting_date = *parse_date("2026-02-03");
        f.section = "Prevent offending";
        f.area_code = "E10000020";
        f.area_label = "COUNTY";
        f.indicator = "Number of Hate Crimes";
        f.period_label = "12 months to December 2025";
        f.last_12 = "1,234";
        f.lta = "1,100.5";
        f.difference = "12.1%";
        f.position = 1;
        store::save_published_figure(*db_, f);

        Panel p;
        p.key = "pcp";
        p.name = "Testshire Police and Crime Panel";
        p.kind = PanelKind::police_and_crime_panel;
        p.quorum = 1;
        p.seats = {{"County Council", 1, MemberKind::main, true}};
        panel_ = store::save_panel(*db_, p);
        auto meeting = [&](const std::string& date, MeetingStatus status) {
            Meeting m;
            m.panel_id = panel_;
            m.date = *parse_date(date);
            m.time = "10:00";
            m.venue = "County Hall";
            m.status = status;
            return store::save_meeting(*db_, m);
        };
        auto item = [&](int64_t meeting_id, const std::string& title, std::vector<int64_t> ids) {
            AgendaItem i;
            i.meeting_id = meeting_id;
            i.title = title;
            if (title == "Minutes") i.kind = AgendaItemKind::minutes;
            i.priority_ids = std::move(ids);
            return store::save_agenda_item(*db_, i);
        };
        int64_t june = meeting("2025-06-10", MeetingStatus::held);
        item(june, "Police and Crime Plan \u2013 performance monitoring", {visible_});
        int64_t september = meeting("2025-09-18", MeetingStatus::held);
        item(september, "PCC's Annual Report", {});
        february_ = meeting("2026-02-03", MeetingStatus::scheduled);
        minutes_item_ = item(february_, "Minutes", {});
        item_ = item(february_, "Police and Crime Plan \u2013 performance monitoring",
                     {visible_, prevent_});
        {
            AgendaItem secret;
            secret.meeting_id = february_;
            secret.title = "EXEMPT-ITEM-TITLE";
            secret.visibility = Visibility::exempt;
            store::save_agenda_item(*db_, secret);
            AgendaItem other;
            other.meeting_id = february_;
            other.title = "Co-opted Independent Member Recruitment";
            other.report_page = 77;  // a page of some other pack: not this one's
            store::save_agenda_item(*db_, other);
        }
        store::save_suggested_approach(
            *db_, SuggestedApproach{item_,
                                    "Jo Martin, Democratic Support and Scrutiny Team Manager",
                                    {{visible_, "The impact of the policing model.\nVolunteers."},
                                     {prevent_,
                                      "How the PCC is tackling violence, including:\n- Knife "
                                      "crime.\n- Child exploitation.\nReoffending."}}});
        june_next_ = meeting("2026-06-30", MeetingStatus::scheduled);
    }

    report::PerformanceReport load(int64_t meeting, Role role) {
        return report::load_performance_report(*db_, data_, meeting, role);
    }

    Dataset data_;
    int64_t plan_ = 0, visible_ = 0, prevent_ = 0, victims_ = 0, panel_ = 0, february_ = 0,
            item_ = 0, june_next_ = 0, minutes_item_ = 0;
};

TEST_P(PerformanceReportTest, TheMeetingsItemNamesThePrioritiesInFocus) {
    auto r = load(february_, Role::public_user);
    ASSERT_EQ(r.in_focus.size(), 2u);
    EXPECT_EQ(r.in_focus[0].priority.title, "Increase visible policing");
    EXPECT_EQ(r.in_focus[1].priority.title, "Prevent offending");
    ASSERT_TRUE(r.in_focus[0].last_looked.has_value());
    EXPECT_EQ(to_string(*r.in_focus[0].last_looked), "2025-06-10");
    EXPECT_FALSE(r.in_focus[1].last_looked.has_value());
    // The data runs to March 2026; the meeting is in February, so the tables end in January.
    ASSERT_TRUE(r.period_end.has_value());
    EXPECT_EQ(to_string(*r.period_end), "2026-01");
    // The narrative for the period, not the one after it.
    ASSERT_TRUE(r.in_focus[0].narrative.has_value());
    EXPECT_EQ(r.in_focus[0].narrative->text, "Officer numbers rose.\n\nVolunteers rose too.");
    EXPECT_EQ(r.approach_author, "Jo Martin, Democratic Support and Scrutiny Team Manager");
    ASSERT_TRUE(r.annual_report_meeting.has_value());
    EXPECT_EQ(to_string(*r.annual_report_meeting), "2025-09-18");
}

TEST_P(PerformanceReportTest, TheCoverReportLettersTheQuestionsWithTheirPoints) {
    auto d = report::performance_report_document(load(february_, Role::public_user));
    std::string text = all_text(d);
    EXPECT_NE(text.find("Suggested approach from Jo Martin"), std::string::npos);
    EXPECT_NE(text.find("(the Panel last looked at this priority in detail, as part of the rolling "
                        "programme of performance reporting, on 10 June 2025)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("At the Panel's 18 September 2025 meeting"), std::string::npos);
    EXPECT_NE(text.find("a) How the PCC is tackling violence, including:\n\u2022 Knife crime.\n"
                        "\u2022 Child exploitation.\nb) Reoffending."),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("a) The impact of the policing model.\nb) Volunteers."), std::string::npos);
    for (const char* h : {"1. Background", "2. Purpose of today's meeting", "3. Suggested Approach",
                          "4. Action", "Annex 1: Office of the Police and Crime Commissioner"})
        EXPECT_NE(text.find(h), std::string::npos) << h;
    EXPECT_NE(text.find("4.1 Officer numbers rose.\n4.2 Volunteers rose too."), std::string::npos)
        << text;
}

TEST_P(PerformanceReportTest, TheTablesAreComputedFromTheDataForTheForceAndEveryDistrict) {
    auto d = report::performance_report_document(load(february_, Role::public_user));
    std::vector<const doc::Table*> tables;
    for (const auto& b : d.blocks)
        if (auto* t = std::get_if<doc::Table>(&b); t && t->sheet != "Monthly values")
            tables.push_back(t);
    ASSERT_EQ(tables.size(), 2u);  // the force and Norwich
    EXPECT_EQ(tables[0]->sheet, "Norfolk Constabulary");
    EXPECT_EQ(tables[1]->sheet, "Norwich");
    for (size_t a = 0; a < 2; ++a) {
        const doc::Table& t = *tables[a];
        // Burglary: the 12 months to January 2026, and the 36 before them averaged a year.
        int64_t l12 = 0, before = 0;
        for (Month m = Month::of(2025, 2); m <= Month::of(2026, 1); m = m + 1)
            l12 += value_of(a, 0, m);
        for (Month m = Month::of(2022, 2); m <= Month::of(2025, 1); m = m + 1)
            before += value_of(a, 0, m);
        double lta = static_cast<double>(before) / 3;
        ASSERT_GE(t.rows.size(), 3u);
        EXPECT_EQ(doc::text_of(t.rows[0][0]), "Increase visible policing");
        EXPECT_EQ(doc::text_of(t.rows[0][1]), "Burglary");
        EXPECT_EQ(doc::text_of(t.rows[0][2]), fmt::format("{}", l12));
        ASSERT_TRUE(t.numbers[0][2].has_value());
        EXPECT_DOUBLE_EQ(*t.numbers[0][2], static_cast<double>(l12));
        ASSERT_TRUE(t.numbers[0][3].has_value());
        EXPECT_NEAR(*t.numbers[0][3], lta, 1e-9);  // unrounded for spreadsheets
        EXPECT_NEAR(*t.numbers[0][4], (l12 - lta) / lta * 100, 1e-9);
        EXPECT_EQ(t.cell_formats[0][2], "#,##0");
        EXPECT_EQ(doc::text_of(t.rows[1][0]), "");  // the priority is named once
        EXPECT_EQ(doc::text_of(t.rows[2][0]), "Prevent offending");
        EXPECT_EQ(doc::text_of(t.rows[2][1]), "Vehicle crime");
    }
    // The figure the data does not hold, as published, for the force only.
    ASSERT_EQ(tables[0]->rows.size(), 4u);
    EXPECT_EQ(doc::text_of(tables[0]->rows[3][1]), "Number of Hate Crimes \u2020");
    EXPECT_EQ(doc::text_of(tables[0]->rows[3][2]), "1,234");
    EXPECT_DOUBLE_EQ(*tables[0]->numbers[3][2], 1234);
    EXPECT_DOUBLE_EQ(*tables[0]->numbers[3][3], 1100.5);
    EXPECT_DOUBLE_EQ(*tables[0]->numbers[3][4], 12.1);
    EXPECT_EQ(tables[1]->rows.size(), 3u);
    bool noted = false;
    for (const auto& n : tables[0]->notes)
        noted = noted || n.find(
                             "as published in Testshire Police and Crime Panel, 3 February "
                             "2026, item 7") != std::string::npos;
    EXPECT_TRUE(noted);
    // A trend chart for each measure the data holds, for the force only.
    int figures = 0;
    for (const auto& b : d.blocks)
        if (auto* f = std::get_if<doc::Figure>(&b)) {
            ++figures;
            EXPECT_NE(f->chart.title.find("Norfolk Constabulary"), std::string::npos);
            EXPECT_EQ(f->chart.points.size(), 48u);
        }
    EXPECT_EQ(figures, 3);
}

// The report opens with what needs the panel's attention: the measures whose latest month is a
// signal, in every format (read back from the PDF here).
TEST_P(PerformanceReportTest, TheReportOpensWithWhatNeedsThePanelsAttention) {
    auto quiet = report::performance_report_document(load(february_, Role::public_user));
    auto quiet_pdf = test::PdfFile(report::render(quiet, report::ReportFormat::pdf)).text();
    std::replace(quiet_pdf.begin(), quiet_pdf.end(), '\n', ' ');
    EXPECT_NE(quiet_pdf.find("What needs the panel's attention"), std::string::npos);
    EXPECT_NE(quiet_pdf.find("No measure of the priorities in focus shows a signal in January"),
              std::string::npos)
        << quiet_pdf.substr(0, 2000);

    // Norwich's burglaries in January 2026 far above anything before: a concern.
    data_.series[{1, "Burglary"}].set(Month::of(2026, 1), 500 * kMicro);
    auto d = report::performance_report_document(load(february_, Role::public_user));
    // It comes before the cover report's background.
    size_t attention = 0, background = 0;
    for (size_t i = 0; i < d.blocks.size(); ++i)
        if (auto* h = std::get_if<doc::Heading>(&d.blocks[i])) {
            if (h->text == "What needs the panel's attention") attention = i;
            if (h->text == "1. Background" && !background) background = i;
        }
    EXPECT_GT(attention, 0u);
    EXPECT_LT(attention, background);
    // The PDF's text with its line breaks and indents as single spaces.
    std::string pdf;
    for (char c : test::PdfFile(report::render(d, report::ReportFormat::pdf)).text()) {
        if (c == '\n') c = ' ';
        if (c != ' ' || pdf.empty() || pdf.back() != ' ') pdf += c;
    }
    EXPECT_NE(pdf.find("Concern: unusually high:"), std::string::npos) << pdf.substr(0, 3000);
    EXPECT_NE(pdf.find("Burglary in Norwich: January 2026: 500, above the upper process limit"),
              std::string::npos)
        << pdf.substr(0, 3000);
    EXPECT_NE(report::render(d, report::ReportFormat::html)
                  .find("Burglary in Norwich: January 2026: 500, above the upper process limit"),
              std::string::npos);
}

TEST_P(PerformanceReportTest, RestrictedItemsAreOnlyInTheOfficersVersionAndMarked) {
    std::string pub =
        all_text(report::performance_report_document(load(february_, Role::public_user)));
    for (const char* secret : {"EXEMPT-NARRATIVE", "CONFIDENTIAL-OBJECTIVE", "SECRET-PRIORITY"})
        EXPECT_EQ(pub.find(secret), std::string::npos) << secret;
    std::string officer =
        all_text(report::performance_report_document(load(february_, Role::officer)));
    EXPECT_NE(officer.find("EXEMPT-NARRATIVE"), std::string::npos);
    EXPECT_NE(officer.find("(exempt: not for publication)"), std::string::npos);
    EXPECT_NE(officer.find("CONFIDENTIAL-OBJECTIVE (confidential)"), std::string::npos);
    EXPECT_NE(officer.find("SECRET-PRIORITY (confidential)"), std::string::npos);
    // A panel member sees exempt items but not confidential ones.
    std::string member =
        all_text(report::performance_report_document(load(february_, Role::panel_member)));
    EXPECT_NE(member.find("EXEMPT-NARRATIVE"), std::string::npos);
    EXPECT_EQ(member.find("CONFIDENTIAL-OBJECTIVE"), std::string::npos);
}

TEST_P(PerformanceReportTest, AMeetingWithoutAnItemGetsTheRollingProgrammesProposal) {
    // June 2026 has no item: the rolling programme proposes the priorities never reviewed
    // (priority 2; the confidential priority 3 only for those who may see it) before priority 1.
    auto r = load(june_next_, Role::public_user);
    ASSERT_FALSE(r.in_focus.empty());
    EXPECT_EQ(r.in_focus[0].priority.title, "Prevent offending");
    for (const auto& f : r.in_focus) EXPECT_NE(f.priority.title, "SECRET-PRIORITY");
}

TEST_P(PerformanceReportTest, NoMeetingOrNoPrioritiesIsAClearError) {
    EXPECT_THROW(load(99999, Role::officer), report::ReportUnavailable);
    try {
        report::next_panel_meeting(*db_, Role::public_user, *parse_date("2026-07-01"));
        FAIL() << "no meeting is scheduled after June 2026";
    } catch (const report::ReportUnavailable& e) {
        EXPECT_EQ(std::string(e.what()),
                  "The Testshire Police and Crime Panel has no meeting scheduled on or after 1 "
                  "July 2026: name one with --meeting ID");
    }
    EXPECT_EQ(report::next_panel_meeting(*db_, Role::public_user, *parse_date("2026-02-03")),
              february_);
}

// Every format read back by another tool: the public version holds no exempt text anywhere
// (HTML as written, PDF through pdftotext, DOCX and XLSX unzipped), the officers' version
// does; the workbook has a sheet per area with the figures as unrounded numbers.
TEST_P(PerformanceReportTest, EveryFormatOfThePublicVersionLeavesOutWhatIsExempt) {
    auto pub = report::performance_report_document(load(february_, Role::public_user));
    auto officers = report::performance_report_document(load(february_, Role::officer));
    auto docx_text = [](const doc::Document& d) {
        return test::unzip(report::render(d, report::ReportFormat::docx))["word/document.xml"];
    };
    auto xlsx_text = [](const doc::Document& d) {
        std::string all;
        for (const auto& [name, part] : test::unzip(report::render(d, report::ReportFormat::xlsx)))
            all += part;
        return all;
    };
    for (const char* secret : {"EXEMPT", "SECRET-PRIORITY", "CONFIDENTIAL"}) {
        EXPECT_EQ(report::render(pub, report::ReportFormat::html).find(secret), std::string::npos);
        EXPECT_EQ(test::PdfFile(report::render(pub, report::ReportFormat::pdf)).text().find(secret),
                  std::string::npos);
        EXPECT_EQ(docx_text(pub).find(secret), std::string::npos);
        EXPECT_EQ(xlsx_text(pub).find(secret), std::string::npos);
    }
    EXPECT_NE(report::render(officers, report::ReportFormat::html).find("EXEMPT-NARRATIVE"),
              std::string::npos);
    EXPECT_NE(docx_text(officers).find("EXEMPT-NARRATIVE"), std::string::npos);
    EXPECT_NE(xlsx_text(officers).find("EXEMPT-INDICATOR"), std::string::npos);

    test::Workbook wb(report::render(pub, report::ReportFormat::xlsx));
    auto sheets = wb.sheet_names();
    ASSERT_GE(sheets.size(), 3u);
    EXPECT_EQ(sheets[0], "Norfolk Constabulary");
    EXPECT_EQ(sheets[1], "Norwich");
    EXPECT_NE(std::find(sheets.begin(), sheets.end(), "Monthly values"), sheets.end());
    // Norwich's Burglary: row 3 (title, header, then the first row), Last 12 months in C.
    int64_t l12 = 0, before = 0;
    for (Month m = Month::of(2025, 2); m <= Month::of(2026, 1); m = m + 1) l12 += value_of(1, 0, m);
    for (Month m = Month::of(2022, 2); m <= Month::of(2025, 1); m = m + 1)
        before += value_of(1, 0, m);
    EXPECT_EQ(wb.text(2, "B3"), "Burglary");
    EXPECT_FALSE(wb.is_text(2, "C3"));
    EXPECT_EQ(std::stod(wb.value(2, "C3")), static_cast<double>(l12));
    EXPECT_NEAR(std::stod(wb.value(2, "D3")), static_cast<double>(before) / 3, 1e-9);
    EXPECT_EQ(wb.number_format(2, "D3"), "#,##0.0");
}

// The agenda pack: "(Page N)" on the agenda is the page each item's paper starts on.
TEST_P(PerformanceReportTest, TheAgendaPacksPagesAreWhereItsPapersStart) {
    auto pack = report::agenda_pack_document(*db_, data_, february_, Role::public_user);
    auto anchors = pdf_anchor_pages(pack);
    ASSERT_EQ(anchors.count(report::paper_anchor(minutes_item_)), 1u);
    ASSERT_EQ(anchors.count(report::paper_anchor(item_)), 1u);
    int minutes_page = anchors[report::paper_anchor(minutes_item_)];
    int report_page = anchors[report::paper_anchor(item_)];
    EXPECT_LT(minutes_page, report_page);
    test::PdfFile pdf(render_pdf(pack));
    // The papers start where the agenda says, with the previous held meeting's minutes.
    EXPECT_NE(pdf.page_text(minutes_page).find("Minutes of the Meeting held on 18 September 2025"),
              std::string::npos)
        << pdf.page_text(minutes_page);
    EXPECT_NE(pdf.page_text(report_page).find("Suggested approach from Jo Martin"),
              std::string::npos);
    EXPECT_EQ(pdf.page_of("Suggested approach from Jo Martin"), report_page);
    std::string agenda;
    for (int p = 1; p < minutes_page; ++p) agenda += pdf.page_text(p);
    EXPECT_NE(agenda.find(fmt::format("(Page {})", minutes_page)), std::string::npos) << agenda;
    EXPECT_NE(agenda.find(fmt::format("(Page {})", report_page)), std::string::npos) << agenda;
    // Only the items with a paper in this pack have a page: not the one recorded from another.
    size_t pages = 0;
    for (size_t at = 0; (at = agenda.find("(Page ", at)) != std::string::npos; ++at) ++pages;
    EXPECT_EQ(pages, 2u);
    EXPECT_EQ(agenda.find("(Page 77)"), std::string::npos);
    // One run of page numbers through the pack.
    EXPECT_NE(
        pdf.page_text(report_page).find(fmt::format("Page {} of {}", report_page, pdf.pages())),
        std::string::npos);
    // The public pack holds nothing exempt; the officers' marks it.
    EXPECT_EQ(pdf.text().find("EXEMPT"), std::string::npos);
    auto officers = report::agenda_pack_document(*db_, data_, february_, Role::officer);
    std::string text = test::PdfFile(render_pdf(officers)).text();
    EXPECT_NE(text.find("EXEMPT-ITEM-TITLE (exempt: not for publication)"), std::string::npos);
    EXPECT_NE(text.find("EXEMPT-NARRATIVE"), std::string::npos);
}

// The same pack as Word: LibreOffice lays it out itself, and the agenda's page references
// (PAGEREF fields) give the pages its papers start on in that layout.
TEST_P(PerformanceReportTest, TheAgendaPackInWordHasItsPageReferencesRight) {
    if (GetParam() != store::Engine::sqlite) return;  // one LibreOffice run is enough
    auto pack = report::agenda_pack_document(*db_, data_, february_, Role::public_user);
    test::TempDir dir;
    std::string docx = dir.write("pack.docx", render_docx(pack));
    test::PdfFile pdf(test::slurp(test::libreoffice_convert(dir, docx, "pdf", "pdf")));
    int report_page = pdf.page_of("Suggested approach from Jo Martin");
    int minutes_page = pdf.page_of("Minutes of the Meeting held on 18 September 2025");
    ASSERT_GT(report_page, 0);
    ASSERT_GT(minutes_page, 0);
    std::string agenda;
    for (int p = 1; p < minutes_page; ++p) agenda += pdf.page_text(p);
    EXPECT_NE(agenda.find(fmt::format("(Page {})", minutes_page)), std::string::npos) << agenda;
    EXPECT_NE(agenda.find(fmt::format("(Page {})", report_page)), std::string::npos) << agenda;
}

// Over HTTP: the downloads, as the viewer's role may see them, and the suggested approach
// written in the app.
TEST_P(PerformanceReportTest, TheMeetingsDownloadsAndTheSuggestedApproachForm) {
    const std::string password = "correct horse battery";
    store::create_user(*db_, "olivia", "Olivia Officer", Role::officer, password, "test");
    store::create_user(*db_, "pat", "Pat Member", Role::panel_member, password, "test");
    // (The app's indicator data is the store's, which holds none here: the tables come from
    // published figures only; the tests above check the computed ones.)
    test::RunningApp app(target_);
    std::string base = fmt::format("/meetings/{}/", february_);

    auto xlsx = app.get(base + "performance-report.xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.headers["content-type"],
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(xlsx.headers["content-disposition"],
              "attachment; filename=\"performance-report-2026-02-03.xlsx\"");
    auto html = app.get(base + "performance-report.html");
    ASSERT_EQ(html.status, 200);
    EXPECT_EQ(html.headers["content-security-policy"].rfind("default-src 'none'", 0), 0u);
    EXPECT_EQ(html.body.find("EXEMPT"), std::string::npos);
    EXPECT_NE(html.body.find("Suggested approach from Jo Martin"), std::string::npos);
    auto docx = app.get(base + "performance-report.docx");
    ASSERT_EQ(docx.status, 200);
    EXPECT_EQ(test::unzip(docx.body)["word/document.xml"].find("EXEMPT"), std::string::npos);
    test::Browser officer{app.port(), {}};
    ASSERT_EQ(officer.sign_in("olivia", password).status, 303);
    EXPECT_NE(test::PdfFile(officer.get(base + "performance-report.pdf").body)
                  .text()
                  .find("EXEMPT-NARRATIVE"),
              std::string::npos);
    EXPECT_EQ(app.get(base + "performance-report.odt").status, 404);
    EXPECT_EQ(app.get("/meetings/999999/performance-report.pdf").status, 404);
    // The meeting page lists them.
    EXPECT_NE(app.get(fmt::format("/meetings/{}", february_))
                  .body.find("href=\"" + base + "performance-report.docx\""),
              std::string::npos);

    // The suggested approach: officers only.
    std::string form = base + fmt::format("items/{}/suggested-approach", item_);
    EXPECT_NE(app.get(form).status, 200);
    test::Browser member{app.port(), {}};
    member.sign_in("pat", password);
    EXPECT_EQ(member.get(form).status, 403);
    EXPECT_NE(officer.get(fmt::format("/meetings/{}", february_)).body.find("href=\"" + form),
              std::string::npos);
    EXPECT_EQ(app.get(fmt::format("/meetings/{}", february_)).body.find("suggested-approach"),
              std::string::npos);
    auto page = officer.get(form);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Jo Martin, Democratic Support and Scrutiny Team Manager"),
              std::string::npos);
    EXPECT_NE(page.body.find("The impact of the policing model."), std::string::npos);
    // A point before any question: the form again, naming the priority and line; nothing saved.
    auto bad = officer.post_fields(form,
                                   {{"author", "Ann Other, Scrutiny Officer"},
                                    {fmt::format("questions-{}", visible_), "Fine."},
                                    {fmt::format("questions-{}", prevent_), "- A point first."}},
                                   form);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("Priority 2, line 1"), std::string::npos);
    EXPECT_EQ(store::load_suggested_approach(*db_, item_)->author,
              "Jo Martin, Democratic Support and Scrutiny Team Manager");
    auto good = officer.post_fields(form,
                                    {{"author", "Ann Other, Scrutiny Officer"},
                                     {fmt::format("questions-{}", visible_), "New question."},
                                     {fmt::format("questions-{}", prevent_), "Q.\n- Point."}},
                                    form);
    EXPECT_EQ(good.status, 303);
    auto saved = store::load_suggested_approach(*db_, item_);
    ASSERT_TRUE(saved.has_value());
    EXPECT_EQ(saved->author, "Ann Other, Scrutiny Officer");
    ASSERT_EQ(saved->questions.size(), 2u);
    EXPECT_EQ(store::as_int(db_->query("SELECT COUNT(*) FROM audit_log WHERE action = 'suggested "
                                       "approach saved'")
                                .at(0)
                                .at(0)),
              1);
}

INSTANTIATE_STORE_TESTS(PerformanceReportTest);

TEST(PerformanceReportCommand, TheDemosFebruary2020ReportAsPdf) {
    test::TempDir dir;
    std::string db = (dir.path / "demo.db").string();
    ASSERT_EQ(test::run_scrutineer("demo --database " + db).exit_code, 0);
    std::string pdf = (dir.path / "report.pdf").string();
    // The demo's meeting of 4 February 2020 is meeting 3.
    auto r = test::run_scrutineer("report performance --database " + db +
                                  " --meeting 3 --public --format pdf --output " + pdf);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string text = test::output_of("pdftotext -layout " + pdf + " -");
    for (const char* s :
         {"Police and Crime Plan for Norfolk 2016-2020", "Suggested approach from Jo Martin",
          "a) The impact of implementing the Norfolk 2020 policing model",
          "Priority 4: Prevent offending", "Annex 1", "Number of Robbery Crimes", "Page 1 of"})
        EXPECT_NE(text.find(s), std::string::npos) << s;

    auto none = test::run_scrutineer("report performance --database " + db +
                                     " --today 2026-11-24 --format pdf --output " + pdf + ".2");
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("has no meeting scheduled on or after 24 November 2026"),
              std::string::npos)
        << none.err;
    EXPECT_FALSE(std::filesystem::exists(pdf + ".2"));
}

}  // namespace
