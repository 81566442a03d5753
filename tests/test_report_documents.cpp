// The other publishable documents (report_kinds.hpp) on both engines, from the demo's data: the
// information bulletin (its sections, the decisions as a table, confidential summaries only in
// the officers' version), the complaints monitoring report (complaints and FOI counts as numbers
// in its workbook), the forward work programme (restricted items only for officers), the ASB
// Case Review figures (the counts for the financial year, numbers in the workbook, refused for
// roles that may not see them, no personal data) and the ASB letters (case workers and
// administrators only, each one made logged on the case). Then the command (a bulletin as XLSX,
// a letter refused) and the web's downloads (a bulletin as PDF read back with pdftotext, the
// meeting page's links, the figures refused to the public).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "read_back.hpp"
#include "scrutineer/accountability_store.hpp"
#include "scrutineer/asb_figures_document.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/performance_report.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/report_formats.hpp"
#include "scrutineer/report_kinds.hpp"
#include "scrutineer/scrutiny_file.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/work_programme_file.hpp"
#include "scrutineer/work_programme_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"
#include "web_fixture.hpp"
#include "xlsx_read_back.hpp"

using namespace scrutineer;

namespace {

using test::output_of;

const std::string kPassword = "correct horse battery";
// Seed 001's confidential decision 2019-67: its title is published, its summary is not.
const std::string kConfidentialTitle =
    "Eastern Investigation Hub – submission of planning application";
const std::string kConfidentialSummary =
    "The PCC approved the purchase of a new site for the Eastern Investigation Hub";

// All the text of a document, blocks in order, cells, items and notes included.
std::string all_text(const doc::Document& d) {
    std::string out;
    auto text = [&](const doc::Text& t) { out += doc::text_of(t) + "\n"; };
    for (const auto& b : d.blocks) {
        if (auto* h = std::get_if<doc::Heading>(&b)) out += h->text + "\n";
        if (auto* p = std::get_if<doc::Paragraph>(&b)) text(p->text);
        if (auto* l = std::get_if<doc::List>(&b))
            for (const auto& i : l->items) text(i.text);
        if (auto* kv = std::get_if<doc::KeyValues>(&b))
            for (const auto& [k, v] : kv->rows) {
                out += k + " ";
                text(v);
            }
        if (auto* t = std::get_if<doc::Table>(&b)) {
            for (const auto& h : t->header) text(h);
            for (const auto& row : t->rows)
                for (const auto& c : row) text(c);
            for (const auto& n : t->notes) out += n + "\n";
        }
    }
    return out;
}

std::vector<const doc::Table*> tables_of(const doc::Document& d) {
    std::vector<const doc::Table*> out;
    for (const auto& b : d.blocks)
        if (auto* t = std::get_if<doc::Table>(&b)) out.push_back(t);
    return out;
}

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

class ReportDocumentsTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        std::string data = test::data_dir();
        store::load_demo_plans(*db_, data);
        store::load_demo_panels(*db_, data);
        store::load_demo_accountability(*db_, data);
        store::load_demo_work_programme(*db_, data);
        store::ensure_bank_holidays(*db_, data + "/bank-holidays/england-and-wales.json");
        store::load_case_review_file(*db_, data + "/demo/case-reviews.json");
        february_ = meeting_on("2020-02-04");
    }

    int64_t meeting_on(const std::string& date) {
        auto rows =
            db_->query("SELECT id FROM meetings WHERE date = ? ORDER BY id", {store::text(date)});
        if (rows.empty()) throw std::runtime_error("no meeting on " + date);
        return store::as_int(rows.at(0).at(0));
    }

    report::MadeReport make(const std::string& kind, Role viewer,
                            std::optional<int64_t> meeting = std::nullopt) {
        report::ReportRequest r{kind, viewer, meeting, std::nullopt, nullptr};
        r.today = *parse_date("2026-11-24");
        return report::make_report(*db_, r);
    }

    std::string unavailable(const report::ReportRequest& r) {
        try {
            report::make_report(*db_, r);
        } catch (const report::ReportUnavailable& e) {
            return e.what();
        }
        return "(made)";
    }

    int64_t february_ = 0;
};

TEST_P(ReportDocumentsTest, TheBulletinHasItsSectionsAndItsDecisionsAsATable) {
    auto made = make("bulletin", Role::officer, february_);
    EXPECT_EQ(made.file_stem, "information-bulletin-2020-02-04");
    std::string text = all_text(made.document);
    for (const char* s :
         {"Information bulletin – questions arising to the PCC",
          "Norfolk Police and Crime Panel, 4 February 2020",
          "after 20 November 2019 up to and including 27 January 2020", "a) Decisions taken",
          "Decisions made by the PCC, up until 27 January 2020.", "b) Items of news",
          "c) Police Accountability Forum meetings", "Date: 28 January 2020",
          "d) Norfolk and Suffolk Collaboration Panel meetings",
          "The Norfolk and Suffolk Collaboration Panel has not met since the Panel's last "
          "meeting. It last met on 8 February 2017",
          "e) Other out-of-county activity between 20 November 2019 and 4 February 2020",
          "f) Audit Committee meetings", "Strategic Risk Register Update",
          "g) PCC response to inspections of the force published by HMICFRS"})
        EXPECT_TRUE(has(text, s)) << s;
    // The decisions in one table, a row each, on the workbook's "Decisions" sheet.
    const doc::Table* decisions = nullptr;
    for (const auto* t : tables_of(made.document))
        if (t->sheet == "Decisions") decisions = t;
    ASSERT_NE(decisions, nullptr);
    auto count = db_->query(
        "SELECT COUNT(*) FROM pcc_decisions WHERE date > '2019-11-20' AND date <= '2020-01-27'");
    EXPECT_EQ(decisions->rows.size(), static_cast<size_t>(store::as_int(count.at(0).at(0))));
    EXPECT_EQ(doc::text_of(decisions->header.at(1)), "Decision");
    // The officers' version has the confidential summary, marked.
    EXPECT_TRUE(has(text, "[Confidential] " + kConfidentialSummary));
    EXPECT_TRUE(has(text, "Confidential Decision 2019-67"));
    test::Workbook wb(report::render(made.document, report::ReportFormat::xlsx));
    auto sheets = wb.sheet_names();
    EXPECT_EQ(sheets.at(0), "Decisions");
    EXPECT_EQ(wb.text(1, "B2"), "Decision");
}

TEST_P(ReportDocumentsTest, ThePublicBulletinHasNoConfidentialText) {
    for (Role viewer : {Role::public_user, Role::panel_member}) {
        std::string text = all_text(make("bulletin", viewer, february_).document);
        EXPECT_TRUE(has(text, kConfidentialTitle)) << to_string(viewer);
        EXPECT_TRUE(has(text, "A confidential decision: only its title is published."));
        EXPECT_FALSE(has(text, kConfidentialSummary)) << to_string(viewer);
        EXPECT_FALSE(has(text, "[Confidential]")) << to_string(viewer);
        EXPECT_FALSE(has(text, "[Private]")) << to_string(viewer);
        // A private forum item is published by its title and who reports it only.
        EXPECT_TRUE(has(text, "Strategic Risk Register Update"));
        EXPECT_TRUE(has(text,
                        "Report from Chief Executive and Chief Constable – OPCCN and "
                        "Norfolk Constabulary, not published."));
    }
    // In every format: the PDF's text too.
    std::string pdf = report::render(make("bulletin", Role::public_user, february_).document,
                                     report::ReportFormat::pdf);
    test::TempDir dir;
    std::string path = dir.write("b.pdf", pdf);
    std::string text = output_of("pdftotext " + path + " -");
    EXPECT_TRUE(has(text, "a) Decisions taken"));
    EXPECT_FALSE(has(text, "approved the purchase of a new site"));
}

TEST_P(ReportDocumentsTest, OnlyAPoliceAndCrimePanelsMeetingHasABulletinOrComplaintsReport) {
    int64_t csp = meeting_on("2019-11-07");  // the NCCSP Scrutiny Sub Panel's
    report::ReportRequest r{"bulletin", Role::officer, csp, std::nullopt, nullptr};
    EXPECT_EQ(unavailable(r),
              "Only a Police and Crime Panel's meetings have an information "
              "bulletin.");
    r.kind = "complaints";
    EXPECT_EQ(unavailable(r),
              "Only a Police and Crime Panel's meetings have a complaints monitoring report.");
    r.meeting = 99999;
    EXPECT_EQ(unavailable(r), "There is no meeting 99999.");
    r.kind = "work-programme";
    EXPECT_EQ(unavailable(r), "There is no meeting 99999.");
}

TEST_P(ReportDocumentsTest, TheComplaintsReportHasItsComplaintsAndCountsAsNumbers) {
    auto made = make("complaints", Role::public_user, february_);
    EXPECT_EQ(made.file_stem, "complaints-report-2020-02-04");
    std::string text = all_text(made.document);
    for (const char* s :
         {"Complaints monitoring report", "up to and including 27 January 2020",
          "Ongoing complaints relating to the PCC", "19 July 2019",
          "The complaint was recorded and the PCC provided a written apology.",
          "In the period, 10 FOI requests have been received.", "Encampments consultation",
          "No complaints relating to the Panel have been received during the reporting period, "
          "and 2 FOI requests have been received:"})
        EXPECT_TRUE(has(text, s)) << s;
    EXPECT_FALSE(has(text, "does not list a complaints monitoring report"));

    test::Workbook wb(report::render(made.document, report::ReportFormat::xlsx));
    auto sheets = wb.sheet_names();
    ASSERT_EQ(sheets, (std::vector<std::string>{"Complaints about the PCC", "FOI requests"}));
    // Row 1 the title, row 2 the header: complaint 13 then 14, numbers in format "0".
    EXPECT_EQ(wb.text(1, "A2"), "Complaint");
    EXPECT_FALSE(wb.is_text(1, "A3"));
    EXPECT_EQ(wb.value(1, "A3"), "13");
    EXPECT_EQ(wb.value(1, "A4"), "14");
    std::string format = wb.number_format(1, "A3");
    EXPECT_TRUE(format == "0" || format == "builtin:1") << format;
    EXPECT_EQ(wb.text(1, "D3"), "Completed");
    EXPECT_EQ(wb.text(2, "A3"), "OPCCN");
    EXPECT_FALSE(wb.is_text(2, "B3"));
    EXPECT_EQ(wb.value(2, "B3"), "10");
    EXPECT_EQ(wb.value(2, "B4"), "2");
}

TEST_P(ReportDocumentsTest, TheWorkProgrammeHasRestrictedItemsOnlyForOfficers) {
    // An exempt item on the agenda of 24 March 2020, and an exempt programme entry.
    AgendaItem item;
    item.meeting_id = meeting_on("2020-03-24");
    item.position = 20;
    item.title = "EXEMPT-ITEM Estates disposal";
    item.visibility = Visibility::exempt;
    store::save_agenda_item(*db_, item);
    ProgrammeEntry entry;
    entry.panel_id = store::load_meeting(*db_, february_, Role::officer)->panel_id;
    entry.kind = ProgrammeEntryKind::event;
    entry.when = "April 2020";
    entry.month = Month::of(2020, 4);
    entry.title = "EXEMPT-ENTRY Informal briefing";
    entry.visibility = Visibility::exempt;
    store::save_programme_entry(*db_, entry);

    auto officers = make("work-programme", Role::officer, february_);
    EXPECT_EQ(officers.file_stem, "work-programme-2020-02-04");
    std::string text = all_text(officers.document);
    for (const char* s :
         {"Norfolk Police and Crime Panel Forward Work Programme",
          "The programme from 4 February 2020", "Eastern Region PCP Network", "PCC elections",
          "Reserve date", "EXEMPT-ITEM Estates disposal", "EXEMPT-ENTRY Informal briefing"})
        EXPECT_TRUE(has(text, s)) << s;
    // The table starts on the meeting's day.
    ASSERT_EQ(tables_of(officers.document).size(), 1u);
    const doc::Table& t = *tables_of(officers.document)[0];
    EXPECT_EQ(doc::text_of(t.header.at(1)), "Item");
    EXPECT_TRUE(has(doc::text_of(t.rows.at(0).at(0)), "4 February 2020"));
    // Requests due in "future reports", with the meeting that agreed them.
    EXPECT_TRUE(has(text, "Items identified for consideration at future meetings"));
    EXPECT_TRUE(has(text, "agreed at the meeting of 20 November 2019"));

    std::string open = all_text(make("work-programme", Role::public_user, february_).document);
    EXPECT_TRUE(has(open, "PCC elections"));
    EXPECT_FALSE(has(open, "EXEMPT-ITEM"));
    EXPECT_FALSE(has(open, "EXEMPT-ENTRY"));
}

TEST_P(ReportDocumentsTest, TheAsbFiguresAreTheYearsCountsAsNumbersWithoutPersonalData) {
    auto cases = store::load_cases(*db_, Role::administrator);
    ASSERT_FALSE(cases.empty());
    // The default year: the latest financial year with an application.
    int latest = 0;
    for (const auto& c : cases) latest = std::max(latest, report::financial_year_of(c.received));
    int in_year = 0;
    for (const auto& c : cases)
        if (report::financial_year_of(c.received) == latest) ++in_year;
    auto made = make("asb-figures", Role::officer);
    std::string label = financial_year(latest).label;
    EXPECT_EQ(made.file_stem, "asb-case-review-figures-" + label);
    std::string text = all_text(made.document);
    EXPECT_TRUE(has(text, "ASB Case Review figures " + label));
    EXPECT_TRUE(has(text, "Quarter by quarter"));
    EXPECT_TRUE(has(text, "Timeliness"));
    for (const auto& c : cases) {
        EXPECT_FALSE(has(text, c.reference)) << c.reference;
        if (!c.victim.name.empty()) {
            EXPECT_FALSE(has(text, c.victim.name)) << c.victim.name;
        }
    }
    auto tables = tables_of(made.document);
    ASSERT_GE(tables.size(), 2u);
    const doc::Table& year = *tables[0];
    // A row per district, then the county's, whose applications are the year's.
    auto contacts = store::load_case_review_contacts(*db_);
    ASSERT_EQ(year.rows.size(), contacts.size() + 1);
    EXPECT_EQ(doc::text_of(year.rows.back().at(0)), "Norfolk");
    EXPECT_EQ(doc::text_of(year.header.at(1)), "Applications");
    EXPECT_EQ(doc::text_of(year.rows.back().at(1)), std::to_string(in_year));
    ASSERT_TRUE(year.numbers.back().at(1).has_value());
    EXPECT_EQ(*year.numbers.back().at(1), in_year);
    // Reviews and appeals in a second table with the same rows.
    ASSERT_GE(tables.size(), 4u);
    EXPECT_EQ(doc::text_of(tables[1]->header.at(1)), "Reviews held");
    EXPECT_EQ(tables[1]->rows.size(), contacts.size() + 1);
    // The quarters add up to the year.
    const doc::Table& quarters = *tables[2];
    ASSERT_EQ(quarters.rows.size(), 4 * (contacts.size() + 1));
    double sum = 0;
    for (size_t r = contacts.size(); r < quarters.rows.size(); r += contacts.size() + 1)
        sum += quarters.numbers.at(r).at(2).value();
    EXPECT_EQ(sum, in_year);

    test::Workbook wb(report::render(made.document, report::ReportFormat::xlsx));
    auto sheets = wb.sheet_names();
    ASSERT_GE(sheets.size(), 3u);
    EXPECT_EQ(sheets[0], "ASB Case Reviews " + label);
    EXPECT_EQ(sheets[1], "Quarters");
    EXPECT_EQ(sheets[2], "Timeliness");
    std::string county = "B" + std::to_string(2 + contacts.size() + 1);
    EXPECT_FALSE(wb.is_text(1, county));
    EXPECT_EQ(wb.value(1, county), std::to_string(in_year));

    // A year asked for: 2019-20 has the demo's 2020 case.
    report::ReportRequest r{"asb-figures", Role::case_worker, std::nullopt, std::nullopt, nullptr};
    r.year = 2019;
    r.today = *parse_date("2026-11-24");
    auto y2019 = report::make_report(*db_, r);
    EXPECT_EQ(y2019.file_stem, "asb-case-review-figures-2019-20");
    EXPECT_EQ(doc::text_of(tables_of(y2019.document)[0]->rows.back().at(1)), "1");
}

TEST_P(ReportDocumentsTest, TheAsbFiguresAreRefusedToRolesThatMayNotSeeThem) {
    for (Role viewer : {Role::public_user, Role::panel_member}) {
        report::ReportRequest r{"asb-figures", viewer, std::nullopt, std::nullopt, nullptr};
        std::string why = unavailable(r);
        EXPECT_TRUE(has(why, "Your role does not allow seeing the ASB Case Review figures")) << why;
    }
}

TEST_P(ReportDocumentsTest, AnAsbLetterIsForCaseWorkersAndLoggedOnTheCase) {
    auto c = store::load_case(*db_, 1, Role::administrator);
    ASSERT_TRUE(c);
    const CaseLetter* letter = nullptr;
    for (const auto& l : c->letters)
        if (l.kind == LetterKind::c_ii) letter = &l;
    ASSERT_NE(letter, nullptr);
    size_t logged = store::load_case_access_log(*db_, 1).size();

    report::ReportRequest r{"asb-letter", Role::officer, std::nullopt, std::nullopt, nullptr};
    r.case_id = 1;
    r.letter = "C(ii)";
    r.actor = "test runner";
    for (Role viewer : {Role::public_user, Role::panel_member, Role::officer}) {
        r.viewer = viewer;
        std::string why = unavailable(r);
        EXPECT_TRUE(has(why, "Your role does not allow reading the letters")) << why;
        EXPECT_FALSE(has(why, c->reference));
        EXPECT_FALSE(has(why, letter->addressee));
    }
    EXPECT_EQ(store::load_case_access_log(*db_, 1).size(), logged);  // nothing was viewed

    r.viewer = Role::case_worker;
    auto made = report::make_report(*db_, r);
    std::string text = all_text(made.document);
    EXPECT_TRUE(has(text, letter->salutation)) << text;
    EXPECT_TRUE(has(made.file_stem, c->reference + "-letter-c_ii-"));
    auto log = store::load_case_access_log(*db_, 1);
    ASSERT_EQ(log.size(), logged + 1);
    EXPECT_EQ(log.front().actor, "test runner");
    EXPECT_EQ(log.front().action, "viewed Letter C(ii)");

    r.letter = "Z";
    EXPECT_TRUE(has(unavailable(r), "There is no letter 'Z'"));
    r.letter = "e";  // case 1 has letters A, C(ii) and D
    EXPECT_EQ(unavailable(r), "Case " + c->reference + " has no Letter E.");
    r.case_id = 99999;
    r.letter = "A";
    EXPECT_EQ(unavailable(r), "There is no ASB case review 99999.");
    EXPECT_EQ(store::load_case_access_log(*db_, 1).size(), logged + 1);
}

TEST_P(ReportDocumentsTest, TheWebServesTheBulletinAndTheMeetingPageLinksIt) {
    store::create_user(*db_, "cass", "cass", Role::case_worker, kPassword, "test");
    test::RunningApp app(target_);
    auto page = app.get(fmt::format("/meetings/{}", february_));
    ASSERT_EQ(page.status, 200);
    for (const char* file : {"bulletin", "complaints-report", "work-programme"})
        EXPECT_TRUE(has(page.body, fmt::format("/meetings/{}/{}.pdf", february_, file))) << file;

    auto pdf = app.get(fmt::format("/meetings/{}/bulletin.pdf", february_));
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    EXPECT_EQ(pdf.headers["content-disposition"],
              "inline; filename=\"information-bulletin-2020-02-04.pdf\"");
    test::TempDir dir;
    std::string text = output_of("pdftotext " + dir.write("b.pdf", pdf.body) + " -");
    EXPECT_TRUE(has(text, "a) Decisions taken"));
    EXPECT_FALSE(has(text, "approved the purchase of a new site"));  // the public's version

    auto xlsx = app.get(fmt::format("/meetings/{}/complaints-report.xlsx", february_));
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.headers["content-disposition"],
              "attachment; filename=\"complaints-report-2020-02-04.xlsx\"");
    EXPECT_EQ(test::Workbook(xlsx.body).value(1, "A3"), "13");

    // The CSP sub panel's meeting has no bulletin.
    EXPECT_EQ(app.get(fmt::format("/meetings/{}/bulletin.pdf", meeting_on("2019-11-07"))).status,
              404);
    // The figures: not for the public; a case worker gets them.
    EXPECT_NE(app.get("/asb/statistics.xlsx?year=2025").status, 200);
    test::Browser b{app.port(), {}};
    b.sign_in("cass", kPassword);
    auto stats = b.get("/asb/statistics?year=2025");
    EXPECT_TRUE(has(stats.body, "/asb/statistics.xlsx?year=2025"));
    auto figures = b.get("/asb/statistics.xlsx?year=2025");
    ASSERT_EQ(figures.status, 200);
    EXPECT_EQ(figures.headers["content-disposition"],
              "attachment; filename=\"asb-case-review-figures-2025-26.xlsx\"");
    EXPECT_EQ(test::Workbook(figures.body).sheet_names().at(0), "ASB Case Reviews 2025-26");
    EXPECT_EQ(b.get("/asb/statistics.pdf?year=20x5").status, 400);
    // A letter as Word beside its PDF, logged.
    auto letter = b.get("/asb/cases/1/letters/1.docx");
    ASSERT_EQ(letter.status, 200);
    EXPECT_EQ(letter.body.substr(0, 2), "PK");
    EXPECT_EQ(store::load_case_access_log(*db_, 1).front().action, "viewed Letter A (DOCX)");
}

INSTANTIATE_STORE_TESTS(ReportDocumentsTest);

TEST(ReportDocumentsCommand, TheBulletinAsAWorkbookAndALetterRefusedToOfficers) {
    test::TempDir dir;
    std::string db = (dir.path / "demo.db").string();
    ASSERT_EQ(test::run_scrutineer("demo --database " + db).exit_code, 0);
    std::string xlsx = (dir.path / "bulletin.xlsx").string();
    // The demo's meeting of 4 February 2020 is meeting 3.
    auto r = test::run_scrutineer("report bulletin --database " + db +
                                  " --meeting 3 --public --format xlsx --output " + xlsx);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(xlsx, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    test::Workbook wb(bytes.str());
    auto sheets = wb.sheet_names();
    ASSERT_FALSE(sheets.empty());
    EXPECT_EQ(sheets[0], "Decisions");
    bool found = false;
    for (const auto& s : wb.strings) {
        if (s.find(kConfidentialTitle) != std::string::npos) found = true;
        EXPECT_EQ(s.find(kConfidentialSummary), std::string::npos);
    }
    EXPECT_TRUE(found);

    std::string docx = (dir.path / "letter.docx").string();
    auto refused =
        test::run_scrutineer("report asb-letter --database " + db +
                             " --case 1 --letter 'C(ii)' --format docx --output " + docx);
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_TRUE(has(refused.err, "Your role does not allow reading the letters")) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(docx));
    auto made = test::run_scrutineer("report asb-letter --database " + db +
                                     " --case 1 --letter 'C(ii)' --as case_worker --format docx "
                                     "--output " +
                                     docx);
    EXPECT_EQ(made.exit_code, 0) << made.err;
    EXPECT_TRUE(std::filesystem::exists(docx));
    auto both = test::run_scrutineer("report asb-figures --database " + db +
                                     " --public --as officer --format pdf --output " + docx);
    EXPECT_NE(both.exit_code, 0);
    auto meeting = test::run_scrutineer("report asb-figures --database " + db +
                                        " --meeting 3 --format pdf --output " + docx + ".pdf");
    EXPECT_EQ(meeting.exit_code, 2);
    EXPECT_TRUE(has(meeting.err, "not made for a meeting")) << meeting.err;
}

}  // namespace
