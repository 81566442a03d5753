// The PDF writer, read back with poppler's tools (pdftotext, pdfinfo, pdftohtml -xml): text in
// order, a long table over several pages with its header row on each, "Page N of M" footers,
// headings kept with what follows, the outline, metadata, links, the structure tree and the same
// bytes for the same document. Then a meeting's agenda and minutes PDFs over HTTP on both
// engines: items with their pages, "Cllr X for Cllr Y", a resolution with its verb, and an
// exempt item only in the PDFs of a role that may see it.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdio>
#include <regex>
#include <thread>

#include "read_back.hpp"
#include "scrutineer/meeting_documents.hpp"
#include "scrutineer/pdf_writer.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;
using namespace scrutineer::doc;

namespace {

using test::count_of;
using test::expect_in_order;
using test::output_of;
using test::PdfFile;

Document long_table_document() {
    Document d;
    d.title = "Membership";
    d.header = "RUNNING-HEADER";
    d.footer = "FOOTER-TEXT";
    d.add(Heading{1, "Membership of the panel", {}});
    Table t;
    t.widths = {0.4, 0.35, 0.25};
    t.header = {{plain("Main Member")}, {plain("Substitute Member")}, {plain("Representing")}};
    for (int i = 1; i <= 120; ++i)
        t.rows.push_back({{plain(fmt::format("Member {:03}", i))},
                          {plain(fmt::format("Substitute {:03}", i))},
                          {plain("A Council")}});
    d.add(t);
    d.add(Paragraph{{plain("AFTER-THE-TABLE")}});
    return d;
}

TEST(PdfWriter, TextIsSelectableAndInOrder) {
    Document d;
    d.title = "Order";
    d.add(Heading{1, "Norfolk Police and Crime Panel", {}});
    KeyValues kv;
    kv.rows = {{"Date:", {bold("4 February 2020")}}, {"Venue:", {bold("Edwards Room")}}};
    d.add(kv);
    d.add(Paragraph{{plain("The Panel "), bold("NOTED"), plain(" the report.")}});
    List l;
    l.items = {{{plain("First point")}, "6.1", 0, false},
               {{plain("A bullet under it")}, "", 1, false},
               {{plain("Second point")}, "6.2", 0, false}};
    d.add(l);
    d.add(Paragraph{{plain("Bütikofer – £36m")}});
    PdfFile pdf(render_pdf(d));
    std::string text = pdf.text();
    expect_in_order(text, {"Norfolk Police and Crime Panel", "Date:", "4 February 2020", "Venue:",
                           "Edwards Room", "The Panel NOTED the report.", "6.1", "First point",
                           "A bullet under it", "6.2", "Second point", "Bütikofer – £36m"});
    EXPECT_NE(pdf.info().find("Pages:           1\n"), std::string::npos) << pdf.info();
}

TEST(PdfWriter, ALongTableSpansPagesWithItsHeaderOnEach) {
    PdfFile pdf(render_pdf(long_table_document()));
    auto pages = pdf.page_texts();
    ASSERT_GE(pages.size(), 3u);
    for (size_t i = 0; i < pages.size(); ++i) {
        EXPECT_NE(pages[i].find("Main Member"), std::string::npos) << "page " << i + 1;
        EXPECT_NE(pages[i].find("Substitute Member"), std::string::npos) << "page " << i + 1;
        EXPECT_NE(pages[i].find("RUNNING-HEADER"), std::string::npos) << "page " << i + 1;
    }
    // Every row once, in order, and what follows the table after its last row.
    std::string text = pdf.text();
    std::vector<std::string> rows;
    for (int i = 1; i <= 120; ++i) {
        EXPECT_EQ(count_of(text, fmt::format("Member {:03}", i)), 1u) << i;
        rows.push_back(fmt::format("Member {:03}", i));
    }
    rows.push_back("AFTER-THE-TABLE");
    expect_in_order(text, rows);
    // Rows are whole on a page: a row's cells are on one line of the page's text.
    EXPECT_TRUE(std::regex_search(text, std::regex("Member 077 +Substitute 077 +A Council")));
}

TEST(PdfWriter, EveryPageSaysPageNOfM) {
    PdfFile pdf(render_pdf(long_table_document()));
    auto pages = pdf.page_texts();
    ASSERT_GE(pages.size(), 2u);
    for (size_t i = 0; i < pages.size(); ++i) {
        EXPECT_NE(pages[i].find(fmt::format("Page {} of {}", i + 1, pages.size())),
                  std::string::npos)
            << pages[i];
        EXPECT_NE(pages[i].find("FOOTER-TEXT"), std::string::npos);
    }
    EXPECT_NE(pdf.info().find(fmt::format("Pages:           {}\n", pages.size())),
              std::string::npos);
}

TEST(PdfWriter, AHeadingStaysWithTheStartOfTheNextBlock) {
    // Filler of every length around a page's worth: wherever the page ends, the heading is on
    // the page where the paragraph after it starts.
    for (int lines = 38; lines <= 56; ++lines) {
        Document d;
        std::string filler;
        for (int i = 0; i < lines; ++i) filler += fmt::format("filler line {}\n", i);
        d.add(Paragraph{{plain(filler)}});
        d.add(Heading{2, "KEEP-HEADING", {}});
        d.add(Paragraph{{plain("FOLLOWING-TEXT")}});
        PdfFile pdf(render_pdf(d));
        bool found = false;
        for (const auto& page : pdf.page_texts())
            if (page.find("KEEP-HEADING") != std::string::npos) {
                found = true;
                EXPECT_NE(page.find("FOLLOWING-TEXT"), std::string::npos) << lines;
            }
        EXPECT_TRUE(found) << lines;
    }
}

TEST(PdfWriter, TheOutlineComesFromTheHeadings) {
    Document d = long_table_document();
    d.add(Heading{2, "A g e n d a", "Agenda"});
    d.add(Heading{3, "1. Apologies", {}});
    d.add(Paragraph{{plain("text")}});
    d.add(Heading{3, "2. Minutes (To follow)", {}});
    d.add(Paragraph{{plain("text")}});
    PdfFile pdf(render_pdf(d));
    std::string xml = pdf.xml();
    size_t outline = xml.find("<outline>");
    ASSERT_NE(outline, std::string::npos) << xml;
    std::string o = xml.substr(outline);
    // Nested: the agenda under the title, the items under the agenda.
    EXPECT_TRUE(std::regex_search(
        o, std::regex("<item page=\"1\">Membership of the panel</item>\\s*<outline>\\s*"
                      "<item page=\"[0-9]+\">Agenda</item>\\s*<outline>\\s*"
                      "<item page=\"[0-9]+\">1. Apologies</item>\\s*"
                      "<item page=\"[0-9]+\">2. Minutes \\(To follow\\)</item>")))
        << o;
    // The agenda's entry points at the page the heading is on (after the long table).
    std::smatch m;
    ASSERT_TRUE(std::regex_search(o, m, std::regex("<item page=\"([0-9]+)\">Agenda</item>")));
    auto pages = pdf.page_texts();
    size_t page = std::stoul(m[1]);
    ASSERT_LE(page, pages.size());
    // (pdftotext closes up the letter-spaced "A g e n d a".)
    EXPECT_TRUE(std::regex_search(pages[page - 1], std::regex("\\n *A ?g ?e ?n ?d ?a *\\n")))
        << pages[page - 1];
}

TEST(PdfWriter, MetadataLinksAndTheStructureTree) {
    Document d = long_table_document();
    d.title = "Agenda: Norfolk Police and Crime Panel, 4 February 2020";
    d.created = "2020-01-27";
    d.add(
        Paragraph{{plain("Email "),
                   doc::hyperlink("committees@norfolk.gov.uk", "mailto:committees@norfolk.gov.uk"),
                   plain(" for details.")}});
    PdfFile pdf(render_pdf(d));
    std::string info = pdf.info();
    EXPECT_NE(info.find("Title:           Agenda: Norfolk Police and Crime Panel, 4 February 2020"),
              std::string::npos)
        << info;
    EXPECT_NE(info.find("Author:          scrutineer"), std::string::npos);
    EXPECT_NE(info.find("CreationDate:    Mon Jan 27 00:00:00 2020 UTC"), std::string::npos);
    EXPECT_NE(info.find("Tagged:          yes"), std::string::npos);
    EXPECT_NE(info.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos);
    EXPECT_NE(pdf.xml().find("<a href=\"mailto:committees@norfolk.gov.uk\">"), std::string::npos);
    // The structure tree has the heading, the table with its header row once (the repeats on
    // later pages are decoration), every row, and the link; not the running header or footer.
    std::string s = pdf.structure();
    EXPECT_NE(s.find("H1 (block)\n    \"Membership of the panel\""), std::string::npos) << s;
    EXPECT_EQ(count_of(s, "\"Main Member\""), 1u);
    EXPECT_EQ(count_of(s, "TR\n"), 121u);
    EXPECT_NE(s.find("\"Member 120\""), std::string::npos);
    EXPECT_NE(s.find("Link (inline)"), std::string::npos);
    EXPECT_NE(s.find("\"committees@norfolk.gov.uk\""), std::string::npos);
    EXPECT_EQ(s.find("RUNNING-HEADER"), std::string::npos);
    EXPECT_EQ(s.find("FOOTER-TEXT"), std::string::npos);
}

TEST(PdfWriter, TheSameDocumentGivesTheSameBytes) {
    Document d = long_table_document();
    d.created = "2020-01-27";
    std::string a = render_pdf(d), b = render_pdf(d);
    EXPECT_EQ(a.substr(0, 5), "%PDF-");
    EXPECT_EQ(a, b);
    d.add(Paragraph{{plain("one more line")}});
    EXPECT_NE(render_pdf(d), a);
}

TEST(PdfWriter, DocumentsMadeAtOnceOnSeveralThreadsAreTheSame) {
    // The web server renders on every thread it has.
    Document d = long_table_document();
    d.created = "2020-01-27";
    std::string expected = render_pdf(d);
    std::vector<std::string> made(4);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < made.size(); ++i)
        threads.emplace_back([&, i] { made[i] = render_pdf(d); });
    for (auto& t : threads) t.join();
    for (const auto& m : made) EXPECT_EQ(m, expected);
}

TEST(PdfWriter, BadTextAndLongWordsAreStillWritten) {
    Document d;
    d.title = "Bad \xff title";
    d.add(Paragraph{{plain("before \xc3 after\ttab")}});
    d.add(Paragraph{{plain(std::string(300, 'x'))}});
    d.add(Table{});  // no columns: nothing drawn
    d.add(List{});
    PdfFile pdf(render_pdf(d));
    std::string text = pdf.text();
    EXPECT_NE(text.find("before \xEF\xBF\xBD after tab"), std::string::npos) << text;
    // The long word is cut over lines, none of it lost.
    std::string xs;
    for (char c : text)
        if (c == 'x') xs += c;
    EXPECT_EQ(xs.size(), 300u);
}

// ---- the meeting papers ----

TEST(MeetingPapers, AResolutionHasItsVerbInBoldAndBulletsUnderItsNumber) {
    MinutePoint p;
    p.is_resolution = true;
    p.verb = ResolutionVerb::considered;
    p.text = "The Panel CONSIDERED and NOTED the overview:\n- one thing\n- another\n\nLater.";
    auto items = report::minute_items("6.3", p, "The Panel");
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[0].label, "6.3");
    EXPECT_EQ(text_of(items[0].text), "The Panel CONSIDERED and NOTED the overview:");
    std::vector<std::string> bolds;
    for (const auto& r : items[0].text)
        if (r.bold) bolds.push_back(r.text);
    EXPECT_EQ(bolds, (std::vector<std::string>{"CONSIDERED", "NOTED"}));
    EXPECT_EQ(items[1].depth, 1);
    EXPECT_EQ(text_of(items[1].text), "one thing");
    EXPECT_EQ(text_of(items[2].text), "another");
    EXPECT_TRUE(items[3].continuation);
    EXPECT_EQ(text_of(items[3].text), "Later.");

    p.verb = ResolutionVerb::noted;
    p.text = "the report.";
    items = report::minute_items("2.1", p, "The Sub Panel");
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(text_of(items[0].text), "The Sub Panel NOTED the report.");
    ASSERT_GE(items[0].text.size(), 2u);
    EXPECT_TRUE(items[0].text[1].bold);

    MinutePoint plain_point;
    plain_point.text = "It was NOTED in passing.";
    items = report::minute_items("1.1", plain_point, "The Panel");
    for (const auto& r : items[0].text) EXPECT_FALSE(r.bold);
}

const std::string kPassword = "correct horse battery";

class MeetingPdfTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        Panel p;
        p.key = "sub";
        p.name = "Scrutiny Sub Panel";
        p.kind = PanelKind::csp_scrutiny_sub_panel;
        p.quorum = 2;
        p.seats = {{"County Council", 2, MemberKind::main, true},
                   {"District Council", 1, MemberKind::main, true}};
        p.contact = "Tim Shaw on (01603) 222948 or email timothy.shaw@norfolk.gov.uk";
        panel_id_ = store::save_panel(*db_, p);
        auto add = [&](const std::string& name, const std::string& body, MemberKind kind,
                       std::optional<int64_t> for_id = std::nullopt) {
            PanelMember m;
            m.panel_id = panel_id_;
            m.title = "Cllr";
            m.name = name;
            m.body = body;
            m.kind = kind;
            m.substitute_for = for_id;
            m.term_start = *parse_date("2020-01-01");
            return store::save_member(*db_, m);
        };
        anne_ = add("Anne Able", "County Council", MemberKind::main);
        bob_ = add("Bob Brown", "County Council", MemberKind::main);
        cat_ = add("Cat Cole", "District Council", MemberKind::main);
        add("Sam Sub", "County Council", MemberKind::substitute, anne_);
        sid_ = add("Sid Spare", "County Council", MemberKind::substitute, bob_);

        Meeting m;
        m.panel_id = panel_id_;
        m.date = *parse_date("2026-03-03");
        m.time = "10:00";
        m.venue = "Council Chamber, County Hall, Norwich";
        m.status = MeetingStatus::held;
        m.ended_at = "12:05";
        m.agenda_published_on = parse_date("2026-02-23");
        meeting_ = store::save_meeting(*db_, m);
        auto item = [&](const std::string& title, std::optional<int> page, Visibility v) {
            AgendaItem i;
            i.meeting_id = meeting_;
            i.title = title;
            i.report_page = page;
            i.visibility = v;
            i.purpose = "To consider " + title + ".";
            return store::save_agenda_item(*db_, i);
        };
        int64_t minutes_item = item("Minutes", 5, Visibility::public_item);
        int64_t crime =
            item("Partnership Priority - Neighbourhood Crime", 42, Visibility::public_item);
        int64_t exempt = item("EXEMPT-ITEM-TITLE", 61, Visibility::exempt);
        store::save_attendance(*db_, meeting_,
                               {{anne_, AttendanceStatus::present, std::nullopt, "Chair"},
                                {bob_, AttendanceStatus::apologies, std::nullopt, ""},
                                {sid_, AttendanceStatus::substitute, bob_, ""},
                                {cat_, AttendanceStatus::present, std::nullopt, ""}});
        auto minute = [&](int64_t item_id, const std::string& text,
                          std::optional<ResolutionVerb> verb) {
            MinutePoint pt;
            pt.agenda_item_id = item_id;
            pt.text = text;
            pt.is_resolution = verb.has_value();
            pt.verb = verb;
            store::add_minute_point(*db_, pt);
        };
        minute(minutes_item, "The minutes were agreed as an accurate record.", std::nullopt);
        minute(crime, "The Sub Panel received the report.", std::nullopt);
        minute(crime, "the progress report.", ResolutionVerb::noted);
        minute(exempt, "EXEMPT-MINUTE-TEXT", std::nullopt);
        for (auto [name, role] :
             {std::pair{"olivia", Role::officer}, std::pair{"pat", Role::panel_member}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    test::HttpResult get_as(const std::string& user, const std::string& path) {
        test::Browser b{app_->port(), {}};
        b.sign_in(user, kPassword);
        return b.get(path);
    }

    std::string url(const std::string& what) const {
        return fmt::format("/meetings/{}/{}", meeting_, what);
    }

    int64_t panel_id_ = 0, anne_ = 0, bob_ = 0, cat_ = 0, sid_ = 0, meeting_ = 0;
    std::unique_ptr<test::RunningApp> app_;
};

TEST_P(MeetingPdfTest, TheAgendaPdfHasTheItemsWithTheirPages) {
    auto r = app_->get(url("agenda.pdf"));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "application/pdf");
    EXPECT_EQ(r.headers["content-disposition"], "inline; filename=\"agenda-2026-03-03.pdf\"");
    PdfFile pdf(r.body);
    std::string text = pdf.text();
    expect_in_order(text, {"Scrutiny Sub Panel",
                           "Date:",
                           "3 March 2026",
                           "Time:",
                           "10am",
                           "Venue:",
                           "Council Chamber, County Hall, Norwich",
                           "Main Member",
                           "Substitute Member",
                           "Representing",
                           "Cllr Anne Able",
                           "Cllr Sam Sub",
                           "County Council",
                           "Cllr Cat Cole",
                           "To be confirmed",
                           "please contact the Committee",
                           "timothy.shaw@norfolk.gov.uk",
                           "1. Minutes",
                           "2. Partnership Priority - Neighbourhood Crime",
                           "Date Agenda Published: 23 February 2026"});
    // The agenda as published is the pack: no item here has a paper scrutineer can make, so
    // none shows a page (the pages recorded on them belong to another pack).
    EXPECT_EQ(text.find("(Page "), std::string::npos) << text;
    EXPECT_NE(pdf.xml().find("<a href=\"mailto:timothy.shaw@norfolk.gov.uk\">"), std::string::npos);
    EXPECT_NE(pdf.info().find("Title:           Agenda pack: Scrutiny Sub Panel, 3 March 2026"),
              std::string::npos);
    // The HTML agenda links to it.
    EXPECT_NE(app_->get(url("agenda")).body.find("href=\"" + url("agenda.pdf") + "\""),
              std::string::npos);
}

TEST_P(MeetingPdfTest, TheMinutesPdfHasSubstitutesAndResolutions) {
    auto r = app_->get(url("minutes.pdf"));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-disposition"], "inline; filename=\"minutes-2026-03-03.pdf\"");
    PdfFile pdf(r.body);
    std::string text = pdf.text();
    expect_in_order(text, {"Minutes of the Meeting held on 3 March 2026 at 10am",
                           "Members Present:", "Cllr Anne Able (Chair)", "County Council",
                           "Substitute Members Present:", "Cllr Sid Spare for Cllr Bob Brown",
                           "Apologies had been received from Cllr Bob Brown.", "1. Minutes", "1.1",
                           "The minutes were agreed as an accurate record.",
                           "2. Partnership Priority - Neighbourhood Crime", "2.1",
                           "The Sub Panel received the report.", "2.2",
                           "The Sub Panel NOTED the progress report.", "Meeting ended at 12.05pm"});
    EXPECT_NE(app_->get(url("minutes")).body.find("href=\"" + url("minutes.pdf") + "\""),
              std::string::npos);
}

TEST_P(MeetingPdfTest, AnExemptItemIsOnlyInThePdfsOfRolesThatMaySeeIt) {
    for (const char* what : {"agenda.pdf", "minutes.pdf"}) {
        auto anonymous = app_->get(url(what));
        ASSERT_EQ(anonymous.status, 200) << what;
        std::string text = PdfFile(anonymous.body).text();
        EXPECT_EQ(text.find("EXEMPT-ITEM-TITLE"), std::string::npos) << what;
        EXPECT_EQ(text.find("EXEMPT-MINUTE-TEXT"), std::string::npos) << what;
        EXPECT_EQ(text.find("(Page 61)"), std::string::npos) << what;
        // Nor in its outline or anywhere else in the file.
        EXPECT_EQ(PdfFile(anonymous.body).xml().find("EXEMPT"), std::string::npos) << what;

        auto member = get_as("pat", url(what));
        ASSERT_EQ(member.status, 200) << what;
        std::string member_text = PdfFile(member.body).text();
        EXPECT_NE(member_text.find("3. EXEMPT-ITEM-TITLE (exempt: not for publication)"),
                  std::string::npos)
            << what << member_text;
    }
    EXPECT_NE(PdfFile(get_as("pat", url("minutes.pdf")).body).text().find("EXEMPT-MINUTE-TEXT"),
              std::string::npos);
    EXPECT_NE(PdfFile(get_as("olivia", url("agenda.pdf")).body).text().find("EXEMPT-ITEM-TITLE"),
              std::string::npos);
    // The anonymous answer is cached; a second request is the same document.
    EXPECT_EQ(app_->get(url("agenda.pdf")).body, app_->get(url("agenda.pdf")).body);
}

TEST_P(MeetingPdfTest, AMeetingThatDoesNotExistIsNotFound) {
    EXPECT_EQ(app_->get("/meetings/999999/agenda.pdf").status, 404);
    EXPECT_EQ(app_->get("/meetings/999999/minutes.pdf").status, 404);
    EXPECT_EQ(app_->get(url("other.pdf")).status, 404);
}

INSTANTIATE_STORE_TESTS(MeetingPdfTest);

}  // namespace
