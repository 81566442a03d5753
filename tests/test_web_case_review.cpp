// The ASB Case Review case page and its letters over HTTP on both engines: a Norwich case
// carried through every step of the guidance by form posts (letter A, threshold met and letter
// C(ii), lead agency, information, initial review, panel with its agencies and the rota's peer
// reviewer, action plan, letter E refused when signed by the lead agency, appeal out of time
// refused, appeal, escalation, referral to the case's own district refused, decision, PCC
// notified, closed); the letter as HTML and as PDF; who may see what (the officer without the
// personal data, the panel member refused, the public sent to sign in); the access log and the
// audit log without personal data.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <regex>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/bank_holidays_file.hpp"
#include "scrutineer/case_review_letter_document.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/pdf_writer.hpp"
#include "scrutineer/user_store.hpp"
#include "store_fixture.hpp"
#include "test_support.hpp"
#include "web_fixture.hpp"

using namespace scrutineer;

namespace {

const std::string kPassword = "correct horse battery";
const char* kNorwich = "E07000148";
const char* kBreckland = "E07000143";

CalendarDate day(const char* text) {
    return *parse_date(text);
}

Complaint complaint(const char* incident, const char* behaviour, const char* reported,
                    const char* to) {
    Complaint c;
    c.incident = incident;
    c.reporter = "victim";
    c.behaviour_date = day(behaviour);
    c.reported_date = day(reported);
    c.reported_to = to;
    c.reference = std::string("REF-") + incident;
    c.description = std::string("Shouting and threats, ") + incident;
    return c;
}

std::string output_of(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

// The element ids a page uses more than once (each must be unique), and the error summary's
// links that lead nowhere on the page.
std::string page_problems(const std::string& html) {
    std::map<std::string, int> ids;
    static const std::regex id_re(" id=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), id_re);
         it != std::sregex_iterator(); ++it)
        ++ids[(*it)[1]];
    std::string out;
    for (const auto& [id, n] : ids)
        if (n > 1) out += "id " + id + " used " + std::to_string(n) + " times; ";
    static const std::regex link_re("<li><a href=\"#([^\"]+)\">");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link_re);
         it != std::sregex_iterator(); ++it)
        if (!ids.count((*it)[1])) out += "error link to missing #" + std::string((*it)[1]) + "; ";
    return out;
}

class WebCaseReviewTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        store::import_bank_holidays(
            *db_,
            read_bank_holidays_file(test::data_dir() + "/bank-holidays/england-and-wales.json"),
            "england-and-wales.json", "test");
        council_ = store::save_agency(
            *db_, Agency{0, "Norwich City Council", AgencyKind::district_council, kNorwich});
        breckland_council_ = store::save_agency(
            *db_, Agency{0, "Breckland Council", AgencyKind::district_council, kBreckland});
        police_ =
            store::save_agency(*db_, Agency{0, "Norfolk Constabulary", AgencyKind::police, ""});
        clarion_ = store::save_agency(
            *db_, Agency{0, "Clarion Housing", AgencyKind::housing_provider, ""});
        health_ = store::save_agency(
            *db_, Agency{0, "Norfolk and Suffolk NHS Foundation Trust", AgencyKind::health, ""});
        store::save_case_review_contact(
            *db_, CaseReviewContact{kNorwich, "Norwich", "Norwich City Council", "Sam Spoc",
                                    "ASB Case Review SPOC", "01603 212121", "asb@norwich.example",
                                    "01603 212345", "Inspector Matthew Wakefield"});
        store::save_case_review_contact(
            *db_,
            CaseReviewContact{kBreckland, "Breckland", "Breckland Council", "Bea Spoc",
                              "Community Safety Officer", "01362 656870", "asb@breckland.example",
                              "01362 656871", "Inspector Matthew Wakefield"});
        // Norwich's own reviewer is first on the list: the rota must skip it for a Norwich case.
        store::save_peer_reviewer(
            *db_, PeerReviewer{0, "Nora Norwich", "Norwich City Council", kNorwich, 1, true});
        breckland_reviewer_ = store::save_peer_reviewer(
            *db_, PeerReviewer{0, "Ben Breck", "Breckland Council", kBreckland, 2, true});

        AsbCase c;
        c.district_code = kNorwich;
        c.channel = ApplicationChannel::telephone;
        c.received = day("2022-06-09");
        c.entered_by = "casey";
        c.victim = Person{"Ada Lovelace", "1 Analytical Row, Norwich", "NR1 1AA", "01603 000001",
                          "ada@example.org"};
        c.summary = "Noise and threats from the flat upstairs";
        c.facts.drug_alcohol_or_mental_health = true;
        c.complaints = {complaint("i1", "2022-03-01", "2022-03-02", "police"),
                        complaint("i2", "2022-04-10", "2022-04-12", "Norwich City Council"),
                        complaint("i3", "2022-05-20", "2022-05-21", "Clarion Housing")};
        case_id_ = store::create_case(*db_, c);
        reference_ = store::load_case(*db_, case_id_, Role::administrator)->reference;
        url_ = "/asb/cases/" + std::to_string(case_id_);

        for (auto [name, role] :
             {std::pair{"casey", Role::case_worker}, std::pair{"olivia", Role::officer},
              std::pair{"pat", Role::panel_member}})
            store::create_user(*db_, name, name, role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    test::Browser as(const std::string& user) {
        test::Browser b{app_->port(), {}};
        b.sign_in(user, kPassword);
        return b;
    }

    AsbCase stored() { return *store::load_case(*db_, case_id_, Role::administrator); }

    // A step posted by the case worker from the case page.
    test::HttpResult post(const std::string& step,
                          const std::vector<std::pair<std::string, std::string>>& fields) {
        return casey_.post_fields(url_ + "/" + step, fields, url_);
    }

    int64_t case_id_ = 0, council_ = 0, breckland_council_ = 0, police_ = 0, clarion_ = 0,
            health_ = 0, breckland_reviewer_ = 0;
    std::string reference_, url_;
    std::unique_ptr<test::RunningApp> app_;
    test::Browser casey_;
};

TEST_P(WebCaseReviewTest, ACaseCarriedThroughEveryStep) {
    casey_ = as("casey");
    auto S = [](int64_t n) { return std::to_string(n); };

    auto page = casey_.get(url_);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(has(page.body, reference_));
    EXPECT_TRUE(has(page.body, "Ada Lovelace"));
    EXPECT_TRUE(has(page.body, "Qualifies"));
    EXPECT_EQ(page_problems(page.body), "");
    EXPECT_TRUE(has(page.body, "Awaiting acknowledgement"));
    // The acknowledgement clock with its workings: 5 working days from Thu 9 Jun 2022.
    EXPECT_TRUE(has(page.body, "16 June 2022")) << page.body;

    // Step 1: letter A, from the SPOC.
    ASSERT_EQ(post("letters", {{"kind", "a"}, {"a_dated", "2022-06-10"}}).status, 303);
    ASSERT_NE(letter_of(stored(), LetterKind::a), nullptr);
    EXPECT_EQ(letter_of(stored(), LetterKind::a)->signed_by_name, "Sam Spoc");

    // Step 2: a decision the complaints contradict is refused, nothing saved.
    auto wrong =
        post("threshold", {{"threshold_outcome", "not_met"}, {"threshold_reasons", "Too few"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_TRUE(has(wrong.body, "The complaints meet the threshold")) << wrong.body;
    EXPECT_EQ(page_problems(wrong.body), "");
    EXPECT_EQ(stored().threshold, ThresholdOutcome::undecided);
    ASSERT_EQ(post("threshold", {{"threshold_outcome", "met"}}).status, 303);
    EXPECT_EQ(stored().threshold, ThresholdOutcome::met);
    // Its letter follows from the outcome: C(ii).
    auto bad_kind = post("letters", {{"kind", "b"},
                                     {"tl_dated", "2022-06-16"},
                                     {"tl_signer_agency", S(council_)},
                                     {"tl_signer_name", "Sam Spoc"},
                                     {"tl_signer_title", "SPOC"}});
    EXPECT_EQ(bad_kind.status, 400);
    EXPECT_TRUE(has(bad_kind.body, "The case calls for Letter C(ii)")) << bad_kind.body;
    ASSERT_EQ(post("letters", {{"kind", "c_ii"},
                               {"tl_dated", "2022-06-16"},
                               {"tl_signer_agency", S(council_)},
                               {"tl_signer_name", "Sam Spoc"},
                               {"tl_signer_title", "SPOC"}})
                  .status,
              303);
    ASSERT_NE(letter_of(stored(), LetterKind::c_ii), nullptr);

    // Step 3: the lead agency needs its independence note.
    auto no_note = post("lead-agency", {{"lead_agency_id", S(police_)},
                                        {"lead_agency_appointed_on", "2022-06-17"}});
    EXPECT_EQ(no_note.status, 400);
    EXPECT_TRUE(has(no_note.body, "independence from previous operational case management"));
    EXPECT_EQ(page_problems(no_note.body), "");
    EXPECT_FALSE(stored().lead_agency_id.has_value());
    ASSERT_EQ(post("lead-agency",
                   {{"lead_agency_id", S(police_)},
                    {"lead_agency_independence",
                     "Most contact with the victim; the neighbourhood team, not the officers "
                     "who handled the earlier reports"},
                    {"lead_agency_appointed_on", "2022-06-17"}})
                  .status,
              303);
    EXPECT_EQ(stored().lead_agency_id, police_);
    ASSERT_EQ(post("information", {{"information_requested_on", "2022-06-20"},
                                   {"info_agency_" + S(police_), "yes"},
                                   {"info_agency_" + S(clarion_), "yes"}})
                  .status,
              303);
    ASSERT_EQ(post("information", {{"information_requested_on", "2022-06-20"},
                                   {"info_agency_" + S(police_), "yes"},
                                   {"info_returned_" + S(police_), "2022-06-24"},
                                   {"info_agency_" + S(clarion_), "yes"},
                                   {"info_returned_" + S(clarion_), "2022-06-27"}})
                  .status,
              303);
    ASSERT_EQ(stored().information_returns.size(), 2u);
    for (const auto& r : stored().information_returns) {
        EXPECT_EQ(r.returned_on, day(r.agency_id == police_ ? "2022-06-24" : "2022-06-27"));
    }

    // Step 4.
    ASSERT_EQ(post("initial-review", {{"initial_review_received_on", "2022-06-30"}}).status, 303);

    // Step 5: the panel; health is prompted (drug, alcohol or mental health issues) before and
    // after saving a panel without it.
    page = casey_.get(url_);
    EXPECT_TRUE(has(page.body, "The panel has no health")) << page.body;
    ASSERT_EQ(post("panel", {{"panel_date", "2022-07-07"},
                             {"panel_agency_" + S(council_), "yes"},
                             {"panel_agency_" + S(police_), "yes"},
                             {"panel_agency_" + S(clarion_), "yes"}})
                  .status,
              303);
    page = casey_.get(url_);
    EXPECT_TRUE(has(page.body, "The panel has no health")) << page.body;
    EXPECT_TRUE(has(page.body, "Next on the rota: Ben Breck, Breckland Council"));
    ASSERT_EQ(post("peer-reviewer", {}).status, 303);
    EXPECT_EQ(stored().peer_reviewer_id, breckland_reviewer_);
    EXPECT_EQ(post("peer-reviewer", {}).status, 400);  // once only
    ASSERT_EQ(post("panel", {{"panel_date", "2022-07-07"},
                             {"panel_agency_" + S(council_), "yes"},
                             {"panel_agency_" + S(police_), "yes"},
                             {"panel_agency_" + S(clarion_), "yes"},
                             {"panel_agency_" + S(health_), "yes"}})
                  .status,
              303);
    page = casey_.get(url_);
    EXPECT_FALSE(has(page.body, "The panel has no health"));
    EXPECT_TRUE(has(page.body, "Ben Breck, Breckland Council"));
    EXPECT_EQ(page_problems(page.body), "");

    // Step 6: the outcome, an action plan, one action.
    ASSERT_EQ(post("outcome", {{"panel_outcome", "action_plan"},
                               {"panel_findings", "Agencies to work together on mediation"}})
                  .status,
              303);
    auto no_owner = post("actions", {{"action_text", "Mediation"}, {"action_due", "2022-08-31"}});
    EXPECT_EQ(no_owner.status, 400);
    EXPECT_TRUE(stored().actions.empty());
    ASSERT_EQ(post("actions", {{"action_text", "Mediation between the neighbours"},
                               {"action_owner", S(clarion_)},
                               {"action_due", "2022-08-31"}})
                  .status,
              303);
    ASSERT_EQ(stored().actions.size(), 1u);
    int64_t action_id = stored().actions[0].id;
    // Open past its date (31 August 2022): tagged overdue, with its completion form.
    page = casey_.get(url_);
    EXPECT_TRUE(std::regex_search(
        page.body, std::regex("id=\"action-" + S(action_id) +
                              "\"[^]*?Mediation between the neighbours[^]*?>Overdue<")))
        << page.body;
    EXPECT_TRUE(has(page.body, "action=\"" + url_ + "/actions/" + S(action_id) + "\""));

    // Letter E: signed by the lead agency, refused; by the council, sent.
    auto by_lead = post("letters", {{"kind", "e"},
                                    {"ol_dated", "2022-07-14"},
                                    {"ol_signer_agency", S(police_)},
                                    {"ol_signer_name", "Pc Lead"},
                                    {"ol_signer_title", "Neighbourhood Sergeant"}});
    EXPECT_EQ(by_lead.status, 400);
    EXPECT_TRUE(has(by_lead.body, "lead agency")) << by_lead.body;
    EXPECT_TRUE(has(by_lead.body, "govuk-error-message"));
    EXPECT_EQ(page_problems(by_lead.body), "");
    EXPECT_EQ(letter_of(stored(), LetterKind::e), nullptr);
    ASSERT_EQ(post("letters", {{"kind", "e"},
                               {"ol_dated", "2022-07-14"},
                               {"ol_signer_agency", S(council_)},
                               {"ol_signer_name", "Sam Spoc"},
                               {"ol_signer_title", "ASB Case Review SPOC"}})
                  .status,
              303);
    const AsbCase with_e = stored();
    const CaseLetter* e = letter_of(with_e, LetterKind::e);
    ASSERT_NE(e, nullptr);
    int64_t e_id = e->id;
    EXPECT_EQ(stage_of(stored()), CaseStage::action_plan);
    ASSERT_EQ(post("actions/" + S(action_id),
                   {{"action_" + S(action_id) + "_completed_on", "2022-08-20"}})
                  .status,
              303);
    EXPECT_EQ(stored().actions[0].completed_on, day("2022-08-20"));

    // Step 7: 21 days after letter E of 14 July 2022 is 4 August 2022.
    auto late = post("appeal", {{"appeal_lodged_on", "2022-08-05"},
                                {"appeal_against", "review"},
                                {"appeal_grounds", "The mediation did not happen"}});
    EXPECT_EQ(late.status, 400);
    EXPECT_TRUE(has(late.body, "out of time")) << late.body;
    EXPECT_TRUE(has(late.body, "4 August 2022")) << late.body;
    EXPECT_EQ(page_problems(late.body), "");
    EXPECT_FALSE(stored().appeal.has_value());
    ASSERT_EQ(post("appeal", {{"appeal_lodged_on", "2022-08-01"},
                              {"appeal_against", "review"},
                              {"appeal_grounds", "The mediation did not happen"}})
                  .status,
              303);
    EXPECT_EQ(stage_of(stored()), CaseStage::appeal);
    ASSERT_EQ(post("appeal-escalation", {{"appeal_escalated_on", "2022-08-02"},
                                         {"appeal_inspector", "Inspector Matthew Wakefield"}})
                  .status,
              303);
    auto own = post("appeal-referral",
                    {{"appeal_referred_to", kNorwich}, {"appeal_referred_on", "2022-08-03"}});
    EXPECT_EQ(own.status, 400);
    EXPECT_TRUE(has(own.body, "another district")) << own.body;
    EXPECT_TRUE(stored().appeal->referred_to_district_code.empty());
    page = casey_.get(url_);
    EXPECT_FALSE(has(page.body, "<option value=\"E07000148\""));  // not offered
    EXPECT_TRUE(has(page.body, "<option value=\"E07000143\""));
    EXPECT_EQ(page_problems(page.body), "");
    ASSERT_EQ(post("appeal-referral",
                   {{"appeal_referred_to", kBreckland}, {"appeal_referred_on", "2022-08-03"}})
                  .status,
              303);
    ASSERT_EQ(post("appeal-decision", {{"appeal_outcome", "not_upheld"},
                                       {"appeal_decided_on", "2022-08-19"},
                                       {"appeal_decision_notes", "Actions were appropriate"}})
                  .status,
              303);
    ASSERT_EQ(post("appeal-pcc", {{"appeal_pcc_notified_on", "2022-08-22"}}).status, 303);
    EXPECT_EQ(stored().appeal->outcome, AppealOutcome::not_upheld);
    EXPECT_EQ(stored().appeal->pcc_notified_on, day("2022-08-22"));

    ASSERT_EQ(post("close", {{"closed_on", "2022-09-01"}}).status, 303);
    EXPECT_EQ(stage_of(stored()), CaseStage::closed);
    // Closed: nothing more is recorded.
    EXPECT_EQ(post("longer-review", {{"longer_review_notified_on", "2022-09-02"}}).status, 400);

    // Letter E as a page and as PDF.
    std::string letter = url_ + "/letters/" + S(e_id);
    auto html = casey_.get(letter);
    ASSERT_EQ(html.status, 200);
    EXPECT_TRUE(has(html.body, "Mediation between the neighbours"));
    EXPECT_TRUE(has(html.body, "ANTI-SOCIAL BEHAVIOUR, CRIME AND POLICING ACT 2014"));
    auto pdf = casey_.get(letter + ".pdf");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    ASSERT_EQ(pdf.body.rfind("%PDF", 0), 0u);
    test::TempDir tmp;
    std::string file = tmp.write("e.pdf", pdf.body);
    std::string text = output_of("pdftotext " + file + " -");
    EXPECT_TRUE(has(text, "7 July 2022")) << text;
    EXPECT_TRUE(has(text, "Mediation between the neighbours")) << text;
    EXPECT_TRUE(has(text, "Yours sincerely")) << text;
    EXPECT_TRUE(has(output_of("pdfinfo " + file), "Letter E")) << output_of("pdfinfo " + file);

    // The case page lists the letters; the access log has the views and the changes.
    page = casey_.get(url_);
    EXPECT_TRUE(has(page.body, letter + ".pdf"));
    EXPECT_TRUE(has(page.body, "recorded the threshold decision"));
    auto log = store::load_case_access_log(*db_, case_id_);
    bool viewed = false, sent_e = false;
    for (const auto& a : log) {
        if (a.actor == "casey" && a.action == "viewed") viewed = true;
        if (a.action == "sent Letter E") sent_e = true;
    }
    EXPECT_TRUE(viewed);
    EXPECT_TRUE(sent_e);
    // The audit log names the case and the action, never the victim.
    auto audit = db_->query("SELECT action, detail FROM audit_log WHERE action LIKE 'asb_case.%'");
    EXPECT_GE(audit.size(), 15u);
    for (const auto& r : audit) {
        std::string detail = store::as_text(r.at(1));
        EXPECT_TRUE(has(detail, reference_)) << detail;
        EXPECT_FALSE(has(detail, "Ada")) << detail;
        EXPECT_FALSE(has(detail, "mediation")) << detail;
    }
    for (const auto& a : log) {
        EXPECT_FALSE(has(a.detail, "Ada")) << a.detail;
    }
}

TEST_P(WebCaseReviewTest, WhoMaySeeWhat) {
    casey_ = as("casey");
    ASSERT_EQ(post("letters", {{"kind", "a"}, {"a_dated", "2022-06-10"}}).status, 303);
    int64_t a_id = letter_of(stored(), LetterKind::a)->id;
    std::string letter = url_ + "/letters/" + std::to_string(a_id);

    // The officer sees the case without the personal data, and no forms.
    auto olivia = as("olivia");
    auto page = olivia.get(url_);
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(has(page.body, reference_));
    EXPECT_TRUE(has(page.body, "Awaiting threshold decision"));
    EXPECT_FALSE(has(page.body, "Ada Lovelace"));
    EXPECT_FALSE(has(page.body, "Analytical Row"));
    EXPECT_FALSE(has(page.body, "Shouting and threats"));
    EXPECT_FALSE(has(page.body, "REF-i1"));
    EXPECT_FALSE(has(page.body, "action=\"" + url_ + "/threshold\""));
    EXPECT_FALSE(has(page.body, letter));
    EXPECT_EQ(olivia.get(letter).status, 403);
    EXPECT_EQ(olivia.get(letter + ".pdf").status, 403);
    EXPECT_EQ(olivia.post_fields(url_ + "/threshold", {{"threshold_outcome", "met"}}, url_).status,
              403);
    EXPECT_EQ(stored().threshold, ThresholdOutcome::undecided);

    // The case worker sees it all, with the forms.
    page = casey_.get(url_);
    EXPECT_TRUE(has(page.body, "Ada Lovelace"));
    EXPECT_TRUE(has(page.body, "REF-i1"));
    EXPECT_TRUE(has(page.body, "action=\"" + url_ + "/threshold\""));

    // The panel member is refused; the public is sent to sign in.
    auto pat = as("pat");
    EXPECT_EQ(pat.get(url_).status, 403);
    EXPECT_EQ(pat.get(letter).status, 403);
    auto anon = app_->get(url_);
    EXPECT_EQ(anon.status, 303);
    EXPECT_TRUE(has(anon.headers["location"], "/login")) << anon.headers["location"];
    EXPECT_EQ(app_->get(letter + ".pdf").status, 303);
    EXPECT_EQ(app_->get(url_ + "/letters/999").status, 303);

    // An unknown case or letter.
    EXPECT_EQ(casey_.get("/asb/cases/99999").status, 404);
    EXPECT_EQ(casey_.get(url_ + "/letters/99999").status, 404);

    // Every view is logged, the officer's too, each time (the page is not kept for the next).
    auto officer_views = [&] {
        int n = 0;
        for (const auto& a : store::load_case_access_log(*db_, case_id_))
            if (a.actor == "olivia" && a.action == "viewed") ++n;
        return n;
    };
    int before = officer_views();
    EXPECT_GE(before, 1);
    EXPECT_EQ(olivia.get(url_).status, 200);
    EXPECT_EQ(olivia.get(url_).status, 200);
    EXPECT_EQ(officer_views(), before + 2);
    page = casey_.get(url_);
    EXPECT_TRUE(has(page.body, "Who viewed or changed the case"));
    EXPECT_TRUE(has(page.body, "olivia"));
}

INSTANTIATE_STORE_TESTS(WebCaseReviewTest);

// However long the letter, "Yours sincerely" and the signature are printed on one page; the
// PDF's title names the letter and the case.
TEST(CaseLetterDocument, TheSignatureIsNeverParted) {
    CaseReviewContact contact;
    contact.council_name = "Norwich City Council";
    contact.asb_team_phone = "01603 212345";
    // Ten paragraphs and then one more line at a time, so that the page's end passes through
    // every line of the closing.
    for (int lines = 0; lines <= 24; ++lines) {
        CaseLetter l;
        l.id = 1;
        l.kind = LetterKind::d;
        l.dated = day("2022-07-14");
        l.addressee = "Ms Ada Lovelace";
        l.address = "1 Analytical Row\nNorwich\nNR1 1AA";
        l.salutation = "Dear Ms Lovelace";
        for (int i = 0; i < 10; ++i)
            l.body.push_back(LetterBlock{
                LetterBlock::Kind::paragraph,
                fmt::format("Paragraph {} of the letter, long enough to wrap over two lines of "
                            "the page in the body size the letters are printed in.",
                            i + 1)});
        std::string more = "More:";
        for (int i = 0; i < lines; ++i) more += fmt::format("\nline {}", i + 1);
        l.body.push_back(LetterBlock{LetterBlock::Kind::paragraph, more});
        l.signed_by_name = "Sam Spoc";
        l.signed_by_title = "ASB Case Review SPOC";
        l.signed_by_organisation = "Norwich City Council";
        doc::Document d = case_letter_document(l, "ASB-2022-0001", contact);
        EXPECT_EQ(d.title, "Letter D: Review panel outcome – no further action (ASB-2022-0001)");
        test::TempDir tmp;
        std::string file = tmp.write("d.pdf", render_pdf(d));
        std::string text = output_of("pdftotext " + file + " -");
        std::vector<std::string> pages;
        size_t start = 0;
        for (size_t ff; (ff = text.find('\f', start)) != std::string::npos; start = ff + 1)
            pages.push_back(text.substr(start, ff - start));
        int with_closing = 0;
        for (const auto& page : pages)
            if (has(page, "Yours sincerely")) {
                ++with_closing;
                EXPECT_TRUE(has(page, "Sam Spoc")) << lines << " more lines:\n" << page;
                EXPECT_TRUE(has(page, "On behalf of Norwich City Council")) << page;
            }
        EXPECT_EQ(with_closing, 1) << text;
    }
}

}  // namespace
