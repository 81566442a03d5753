// The attackers' side of issue #8, over real HTTP on both engines, with the Norfolk demo's data
// and, in every family of pages, an exempt and a confidential item of its own (their text carries
// the markers SECRETEXEMPT and SECRETCONFIDENTIAL), commissioned services' participants and the
// demo's ASB cases with their personal data:
// - the role x route x export matrix: every route of the route table (routes.hpp), as every role
//   and as nobody, with the ids of public, hidden and missing items, filters and downloads,
//   answered as docs/security.md's permission table says, and no exempt, confidential or
//   personal text in any answer (pages, API, CSV, iCalendar, PDF, DOCX, XLSX, error pages) to a
//   role that may not see it; the matrix fails for a route the table lists and it does not;
// - SQL injection strings through forms, query parameters and URLs, kept as plain text;
// - stored and reflected XSS: payloads saved through every form that stores text, and sent in
//   every query parameter and path, are escaped on every page;
// - CSRF on every state-changing route: no token, a wrong token or another user's token answers
//   403 and changes nothing;
// - (session fixation, the sign-in rate limit by address and where signing in leads: in
//   test_web_auth.cpp;)
// - the security headers on every answer: pages, errors, static files, downloads, and the
//   server's own 413 and 400; HSTS and Secure cookies only behind TLS;
// - stored text that looks like the page cache's placeholders, shown as typed;
// - the upload size limit, through a real socket;
// - the audit log: sign-ins, failed sign-ins, sign-outs, users created, roles changed, and every
//   view or change of an ASB case's personal data.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <array>
#include <regex>
#include <set>
#include <thread>

#include "read_back.hpp"
#include "restricted_fixture.hpp"
#include "scrutineer/accountability_store.hpp"
#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/commissioned_services_file.hpp"
#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/indicator_store.hpp"
#include "scrutineer/inputs.hpp"
#include "scrutineer/plan_file.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/routes.hpp"
#include "scrutineer/scrutiny_file.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/site.hpp"
#include "scrutineer/user_store.hpp"
#include "scrutineer/within_a_year.hpp"
#include "scrutineer/work_programme_file.hpp"
#include "scrutineer/work_programme_store.hpp"
#include "store_fixture.hpp"
#include "web_fixture.hpp"
#include "xlsx_read_back.hpp"

using namespace scrutineer;
using test::Browser;
using test::HttpResult;
using test::raw_request;

namespace {

const std::string kPassword = "correct horse battery";
const std::string kExempt = "SECRETEXEMPT";
const std::string kConfidential = "SECRETCONFIDENTIAL";

// ---- the permission table of docs/security.md, written out here (not taken from access.cpp,
// so that a mistake there fails these tests) ----

using Roles = std::set<Role>;
const Roles kEveryone = {Role::public_user, Role::panel_member, Role::case_worker, Role::officer,
                         Role::administrator};
const Roles kExemptReaders = {Role::panel_member, Role::officer, Role::administrator};
const Roles kConfidentialReaders = {Role::officer, Role::administrator};
const Roles kEditors = {Role::officer, Role::administrator};
const Roles kCaseDashboards = {Role::case_worker, Role::officer, Role::administrator};
const Roles kCaseWorkers = {Role::case_worker, Role::administrator};
const Roles kAdministrators = {Role::administrator};

// Every viewer: nobody signed in, then a user of each role.
struct Viewer {
    std::string user;  // "" for nobody
    Role role;
    std::string name() const { return user.empty() ? "nobody" : user; }
};
const std::array<Viewer, 5> kViewers = {{{"", Role::public_user},
                                         {"pat", Role::panel_member},
                                         {"cass", Role::case_worker},
                                         {"olivia", Role::officer},
                                         {"ada", Role::administrator}}};

// One request of the matrix: the roles it serves (answered `allowed_status`), and how the others
// are answered: `refused_status`, or when 0 as docs/security.md says of pages a role may not use
// (nobody is sent to sign in, 303; a signed-in user is refused, 403).
struct Probe {
    std::string url;
    Roles allowed;
    int allowed_status = 200;
    int refused_status = 0;
};

int expected_status(const Probe& p, Role role) {
    if (p.allowed.count(role)) return p.allowed_status;
    if (p.refused_status) return p.refused_status;
    return role == Role::public_user ? 303 : 403;
}

// A text that must reach only `readers` (a marker such as SECRETEXEMPT is found wherever a text
// holding it is shown).
struct Secret {
    std::string text;
    Roles readers;
};

// ---- reading answers ----

bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}

// Runs of white space as one space, so that text wrapped by a PDF or split across cells is found.
std::string squeezed(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// HTML's and XML's entities decoded (&amp; &lt; &gt; &quot; &#39; &#NN; &#xNN;).
std::string unescaped(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        if (s[i] == '&') {
            size_t semi = s.find(';', i);
            if (semi != std::string::npos && semi - i <= 8) {
                std::string e = s.substr(i + 1, semi - i - 1);
                std::string to;
                if (e == "amp") to = "&";
                if (e == "lt") to = "<";
                if (e == "gt") to = ">";
                if (e == "quot") to = "\"";
                if (e == "apos") to = "'";
                if (e.size() > 1 && e[0] == '#') {
                    try {
                        long c = e[1] == 'x' ? std::stol(e.substr(2), nullptr, 16)
                                             : std::stol(e.substr(1));
                        if (c > 0 && c < 128) to = std::string(1, static_cast<char>(c));
                    } catch (const std::exception&) {
                    }
                }
                if (!to.empty()) {
                    out += to;
                    i = semi + 1;
                    continue;
                }
            }
        }
        out += s[i++];
    }
    return out;
}

// The text of an OOXML package (DOCX, XLSX): every XML part with its tags taken out (a paragraph,
// cell or shared string's end as a space), entities decoded.
std::string ooxml_text(const std::string& bytes) {
    std::string out;
    for (const auto& [name, xml] : test::unzip(bytes)) {
        if (name.size() < 4 || name.substr(name.size() - 4) != ".xml") continue;
        bool in_tag = false;
        std::string tag;
        for (char c : xml) {
            if (c == '<') {
                in_tag = true;
                tag.clear();
            } else if (c == '>') {
                in_tag = false;
                if (tag == "/w:p" || tag == "/si" || tag == "/c" || tag == "/t" || tag == "/row")
                    out += ' ';
            } else if (in_tag) {
                tag += c;
            } else {
                out += c;
            }
        }
        out += '\n';
    }
    return unescaped(out);
}

// What an answer says, as text a person would read: a PDF through pdftotext, DOCX and XLSX
// unzipped, anything else with its entities decoded; white space squeezed.
std::string readable(const HttpResult& r) {
    auto ct = r.headers.count("content-type") ? r.headers.at("content-type") : "";
    if (has(ct, "application/pdf")) return squeezed(test::PdfFile(r.body).text());
    if (has(ct, "openxmlformats")) return squeezed(ooxml_text(r.body));
    return squeezed(unescaped(r.body));
}

bool is_html(const HttpResult& r) {
    return r.headers.count("content-type") && has(r.headers.at("content-type"), "text/html");
}

// ---- forms, read from a page as a browser would ----

std::string attribute(const std::string& tag, const std::string& name) {
    std::string key = " " + name + "=\"";
    size_t at = tag.find(key);
    if (at == std::string::npos) return "";
    at += key.size();
    return unescaped(tag.substr(at, tag.find('"', at) - at));
}

bool has_attribute(const std::string& tag, const std::string& name) {
    return has(tag, " " + name + "=") || has(tag, " " + name + ">") || has(tag, " " + name + " ");
}

// A form's action and the fields a browser would send unchanged: hidden inputs and text with
// their values, the selected (or first) option of a select, the checked (or first) radio,
// checked checkboxes, textareas' text.
struct Form {
    std::string action;
    bool multipart = false;
    std::vector<std::pair<std::string, std::string>> fields;
    std::set<std::string> names;  // every field the form has
    void set(const std::string& name, const std::string& value) {
        for (auto& [k, v] : fields)
            if (k == name) {
                v = value;
                return;
            }
        fields.emplace_back(name, value);
    }
    std::string body() const {
        std::string out;
        for (const auto& [k, v] : fields)
            out += (out.empty() ? "" : "&") + web::url_encode(k) + "=" + web::url_encode(v);
        return out;
    }
};

std::vector<Form> forms_in(const std::string& html) {
    std::vector<Form> out;
    for (size_t at = 0; (at = html.find("<form", at)) != std::string::npos;) {
        size_t open_end = html.find('>', at);
        size_t end = html.find("</form>", open_end);
        if (open_end == std::string::npos || end == std::string::npos) break;
        std::string open = html.substr(at, open_end - at);
        std::string inner = html.substr(open_end + 1, end - open_end - 1);
        at = end;
        if (attribute(open, "method") != "post") continue;
        Form f;
        f.action = attribute(open, "action");
        f.multipart = has(open, "multipart/form-data");
        std::set<std::string> radios;
        for (size_t t = 0; (t = inner.find('<', t)) != std::string::npos; ++t) {
            size_t te = inner.find('>', t);
            std::string tag = inner.substr(t, te - t);
            std::string name = attribute(tag, "name");
            if (name.empty()) continue;
            f.names.insert(name);
            if (tag.rfind("<input", 0) == 0) {
                std::string type = attribute(tag, "type");
                if (type == "radio") {
                    if (!radios.count(name) || has_attribute(tag, "checked"))
                        f.set(name, attribute(tag, "value"));
                    radios.insert(name);
                } else if (type == "checkbox") {
                    if (has_attribute(tag, "checked")) f.set(name, attribute(tag, "value"));
                } else if (type != "file" && type != "submit") {
                    f.set(name, attribute(tag, "value"));
                }
            } else if (tag.rfind("<textarea", 0) == 0) {
                size_t close = inner.find("</textarea>", te);
                f.set(name, unescaped(inner.substr(te + 1, close - te - 1)));
            } else if (tag.rfind("<select", 0) == 0) {
                size_t close = inner.find("</select>", te);
                std::string options = inner.substr(te, close - te);
                std::string chosen, first;
                bool any = false;
                for (size_t o = 0; (o = options.find("<option", o)) != std::string::npos; ++o) {
                    std::string opt = options.substr(o, options.find('>', o) - o);
                    std::string v = attribute(opt, "value");
                    if (!any && !v.empty()) first = v, any = true;
                    if (has_attribute(opt, "selected")) chosen = v;
                }
                f.set(name, chosen.empty() ? first : chosen);
            }
        }
        out.push_back(std::move(f));
    }
    return out;
}

// ---- the store's fingerprint: every row of every table, to show a refused request changed
// nothing ----

std::vector<std::string> table_names(store::Database& db) {
    std::vector<std::string> out;
    auto rows = db.engine() == store::Engine::sqlite
                    ? db.query(
                          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                          "LIKE 'sqlite_%' ORDER BY name")
                    : db.query(
                          "SELECT table_name FROM information_schema.tables WHERE "
                          "table_schema = current_schema() ORDER BY table_name");
    for (const auto& r : rows) out.push_back(store::as_text(r[0]));
    return out;
}

std::string fingerprint(store::Database& db) {
    std::string out;
    for (const auto& t : table_names(db)) {
        // sessions and login attempts change when the test's users sign in, not by the requests
        if (t == "sessions" || t == "login_attempts") continue;
        auto rows = db.query("SELECT * FROM " + t);
        std::vector<std::string> lines;
        for (const auto& r : rows) {
            std::string line;
            for (const auto& v : r) line += (v ? *v : "NULL") + "|";
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        out += t + "\n";
        for (const auto& l : lines) out += l + "\n";
    }
    return out;
}

// ---- the fixture: the demo, and restricted items in every family ----

class WebSecurityTest : public test::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        std::string data = test::data_dir();
        // Indicator data: the demo's police.uk months, and an exempt indicator of the force's own.
        store::save_force(*db_, read_area_file(data + "/areas/norfolk.json"));
        std::vector<std::string> months;
        for (const char* set : {"norfolk-street-2018-10_2019-02", "norfolk-street-2024-01_2024-04",
                                "norfolk-street-2025"})
            months.push_back(data + "/police-uk/" + set);
        store::import_police_uk_files(*db_, months, nullptr, "test");
        std::string counts = "area_code,indicator,month,value\n";
        for (Month m = Month::of(2021, 1); m <= Month::of(2025, 12); m = m + 1)
            counts += "E10000020," + kExemptIndicator + "," + to_string(m) + ",3\n";
        store::import_counts_file(*db_, tmp_.write("exempt.csv", counts), "test");
        store::import_indicator_catalogue(
            *db_,
            tmp_.write("catalogue.json",
                       "[{\"name\": \"" + kExemptIndicator + "\", \"visibility\": \"exempt\"}]"),
            "test");

        store::load_demo_plans(*db_, data);
        store::load_demo_services(*db_, data);
        store::load_demo_accountability(*db_, data);
        store::load_demo_panels(*db_, data);
        store::load_demo_work_programme(*db_, data);
        store::ensure_bank_holidays(*db_, data + "/bank-holidays/england-and-wales.json");
        store::load_case_review_file(*db_, data + "/demo/case-reviews.json");
        seed_plan();
        seed_meeting();
        seed_accountability();
        seed_participants();
        cases_ = store::load_cases(*db_, Role::administrator);
        for (const auto& v : kViewers)
            if (!v.user.empty())
                store::create_user(*db_, v.user, v.user + " Example", v.role, kPassword, "test");
        app_ = std::make_unique<test::RunningApp>(target_);
    }

    void seed_plan() {
        auto ids = test::seed_restricted_plan(*db_, kExempt, kConfidential);
        plan_ = ids.plan;
        priority_ = ids.priority;
        exempt_priority_ = ids.exempt_priority;
        action_ = ids.action;
        exempt_action_ = ids.exempt_action;
        confidential_action_ = ids.confidential_action;
    }

    int64_t id_of(const std::string& sql, const std::vector<store::Value>& params = {}) const {
        auto rows = db_->query(sql, params);
        if (rows.empty()) throw std::runtime_error("nothing for " + sql);
        return store::as_int(rows.at(0).at(0));
    }

    // The Police and Crime Panel's meeting of 4 February 2020, with an exempt and a confidential
    // item, their minutes, an interest and requests, and restricted requests and programme
    // entries of the panel.
    void seed_meeting() {
        meeting_ = id_of("SELECT id FROM meetings WHERE date = '2020-02-04'");
        auto m = *store::load_meeting(*db_, meeting_, Role::administrator);
        panel_ = m.panel_id;
        public_item_ = m.items.back().id;
        AgendaItem item;
        item.meeting_id = meeting_;
        item.position = 20;
        item.title = kExempt + "_ITEM";
        item.visibility = Visibility::exempt;
        item.priority_ids = {
            id_of("SELECT MIN(id) FROM priorities WHERE plan_id <> ?", {store::integer(plan_)})};
        exempt_item_ = store::save_agenda_item(*db_, item);
        item.position = 21;
        item.title = kConfidential + "_ITEM";
        item.visibility = Visibility::confidential;
        item.priority_ids.clear();
        confidential_item_ = store::save_agenda_item(*db_, item);
        for (auto [id, text] : {std::pair{exempt_item_, kExempt + "_MINUTE"},
                                std::pair{confidential_item_, kConfidential + "_MINUTE"}}) {
            MinutePoint p;
            p.agenda_item_id = id;
            p.text = text;
            store::add_minute_point(*db_, p);
        }
        Interest interest;
        interest.member_id = id_of("SELECT id FROM panel_members WHERE panel_id = ? ORDER BY id",
                                   {store::integer(panel_)});
        interest.agenda_item_id = exempt_item_;
        interest.description = kExempt + "_INTEREST";
        store::add_interest(*db_, meeting_, interest);
        auto request = [&](std::optional<int64_t> item_id, const std::string& text, Visibility v) {
            PanelRequest r;
            r.panel_id = panel_;
            r.meeting_id = meeting_;
            r.agenda_item_id = item_id;
            r.text = text;
            r.visibility = v;
            return store::save_request(*db_, r);
        };
        public_request_ = request(std::nullopt, "A public request", Visibility::public_item);
        item_request_ = request(exempt_item_, kExempt + "_ITEMREQUEST", Visibility::public_item);
        exempt_request_ = request(std::nullopt, kExempt + "_REQUEST", Visibility::exempt);
        confidential_request_ =
            request(std::nullopt, kConfidential + "_REQUEST", Visibility::confidential);
        int month = 4;
        for (auto [text, v] : {std::pair{kExempt + "_ENTRY", Visibility::exempt},
                               std::pair{kConfidential + "_ENTRY", Visibility::confidential}}) {
            ProgrammeEntry e;
            e.panel_id = panel_;
            e.kind = ProgrammeEntryKind::event;
            e.when = fmt::format("{} 2020", month == 4 ? "April" : "May");
            e.month = Month::of(2020, month++);
            e.title = text;
            e.visibility = v;
            store::save_programme_entry(*db_, e);
        }
        // A business item of another meeting that reviews plan priorities.
        reviewing_meeting_ = id_of(
            "SELECT a.meeting_id FROM agenda_item_priorities p JOIN agenda_items a ON a.id = "
            "p.agenda_item_id WHERE a.meeting_id <> ? ORDER BY a.id",
            {store::integer(meeting_)});
        reviewing_item_ = id_of(
            "SELECT a.id FROM agenda_item_priorities p JOIN agenda_items a ON a.id = "
            "p.agenda_item_id WHERE a.meeting_id = ? ORDER BY a.id",
            {store::integer(reviewing_meeting_)});
    }

    // A confidential decision and a private forum item in the bulletin's period.
    void seed_accountability() {
        Decision d;
        d.number = DecisionNumber{2020, 99};
        d.date = *parse_date("2020-01-10");
        d.category = "Estates";
        d.title = "A confidential decision's published title";
        d.summary = kConfidential + "_DECISION";
        d.confidential = true;
        store::save_decision(*db_, d);
        ForumItem f;
        f.forum_meeting_id =
            store::save_forum_meeting(*db_, Forum::audit_committee, *parse_date("2020-01-14"), "");
        f.private_agenda = true;
        f.title = "A private item's published title";
        f.summary = kConfidential + "_FORUM";
        f.report_from = "Chief Executive";
        store::save_forum_item(*db_, f);
    }

    // Questionnaire returns: participants' ids are personal data (officers and administrators).
    void seed_participants() {
        service_ = store::find_service(*db_, "Rescue-Rehab")->id;
        std::vector<QuestionnaireResponse> returns = {
            {kConfidential + "01", Stage::pre, {2, 1, 2, 3, 2, 2, 1, 2, 2, 3}},
            {kConfidential + "01", Stage::post, {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}},
            {kConfidential + "02", Stage::pre, {1, 1, 1, 1, 2, 2, 2, 2, 3, 3}}};
        store::import_questionnaire_returns(*db_, service_, returns, "test", "test.csv");
    }

    static inline const std::string kExemptIndicator = kExempt + "_INDICATOR arrests";

    // Every text that must reach only some roles: the seeded markers, the demo's confidential
    // decisions' and private forum items' summaries, and the ASB cases' personal data.
    std::vector<Secret> secrets() const {
        std::vector<Secret> out = {{kExempt, kExemptReaders},
                                   {kConfidential, kConfidentialReaders}};
        for (const auto& d : store::load_decisions(*db_, Role::administrator))
            if (d.confidential && d.summary.size() >= 20)
                out.push_back({squeezed(d.summary), kConfidentialReaders});
        for (const auto& m : store::load_forum_meetings(*db_, Role::administrator))
            for (const auto& i : m.items)
                if (i.private_agenda && i.summary.size() >= 20)
                    out.push_back({squeezed(i.summary), kConfidentialReaders});
        for (const auto& s : personal_strings()) out.push_back({s, kCaseWorkers});
        return out;
    }

    // The seeded markers, each of which the roles that may see it must be shown somewhere.
    std::vector<Secret> markers() const {
        std::vector<Secret> out;
        for (const char* what :
             {"_PRIORITY", "_ACTION", "_UPDATE", "_NARRATIVE", "_INDICATOR", "_ITEM", "_MINUTE",
              "_INTEREST", "_ITEMREQUEST", "_REQUEST", "_ENTRY"})
            out.push_back({kExempt + what, kExemptReaders});
        for (const char* what : {"_ACTION", "_UPDATE", "_NARRATIVE", "_ITEM", "_MINUTE", "_REQUEST",
                                 "_ENTRY", "_DECISION", "_FORUM", "01", "02"})
            out.push_back({kConfidential + what, kConfidentialReaders});
        return out;
    }

    // Every piece of personal data on the stored cases, squeezed as readable() squeezes.
    std::set<std::string> personal_strings() const {
        std::set<std::string> out;
        for (const auto& s : test::personal_data_of(cases_)) out.insert(squeezed(s));
        return out;
    }

    // A browser signed in as `v` (or nobody).
    Browser as(const Viewer& v) {
        Browser b{app_->port(), {}};
        if (!v.user.empty()) {
            auto r = b.sign_in(v.user, kPassword);
            EXPECT_EQ(r.status, 303) << v.user;
        }
        return b;
    }
    Browser as(const std::string& user) {
        for (const auto& v : kViewers)
            if (v.user == user) return as(v);
        throw std::invalid_argument(user);
    }

    std::string id(int64_t v) const { return std::to_string(v); }

    // A form that stores what people type, as the app offers it: the route it posts to, the
    // pages it may be on (the first page with a form whose action ends with `action` is used),
    // and the fields to fill, "{text}" standing for the text to store.
    struct Submission {
        std::string route;
        std::vector<std::string> pages;
        std::string action;
        std::vector<std::pair<std::string, std::string>> fields;
    };
    std::vector<Submission> submissions() const;
    // The forms of `s` on its pages (one a page that has it), filled with `text`.
    std::vector<Form> filled(Browser& b, const Submission& s, const std::string& text) const;
    // Posts the first of `s`'s forms the app accepts (303), or the last refused; the answer.
    HttpResult submit(Browser& b, const Submission& s, const std::string& text) const {
        HttpResult r;
        for (const Form& f : filled(b, s, text)) {
            r = b.post(f.action, f.body());
            if (r.status == 303) break;
        }
        return r;
    }

    // The GET matrix: for each route of the table ("GET /pattern"), the requests that try it.
    std::map<std::string, std::vector<Probe>> get_matrix() const;
    // The POST matrix: each state-changing route, a URL of it, and who may use it.
    std::map<std::string, Probe> post_matrix() const;

    std::vector<AsbCase> cases_;
    int64_t plan_ = 0, priority_ = 0, exempt_priority_ = 0, action_ = 0, exempt_action_ = 0,
            confidential_action_ = 0, meeting_ = 0, panel_ = 0, public_item_ = 0, exempt_item_ = 0,
            confidential_item_ = 0, public_request_ = 0, item_request_ = 0, exempt_request_ = 0,
            confidential_request_ = 0, reviewing_meeting_ = 0, reviewing_item_ = 0, service_ = 0;
    std::unique_ptr<test::RunningApp> app_;
};

std::map<std::string, std::vector<Probe>> WebSecurityTest::get_matrix() const {
    const std::string missing = "999999";
    auto open = [](const std::string& url) { return Probe{url, kEveryone}; };
    auto absent = [](const std::string& url) { return Probe{url, kEveryone, 404}; };
    auto bad = [](const std::string& url) { return Probe{url, kEveryone, 400}; };
    // An item only `readers` may see: to the others exactly as if it did not exist.
    auto hidden = [](const std::string& url, const Roles& readers, int refused = 404) {
        return Probe{url, readers, 200, refused};
    };
    auto only = [](const std::string& url, const Roles& who, int status = 200) {
        return Probe{url, who, status};
    };
    std::string indicator = "/indicators/" + web::url_encode(kExemptIndicator);
    std::map<std::string, std::vector<Probe>> m;
    // app.cpp
    m["GET /"] = {open("/")};
    m["GET /areas"] = {open("/areas")};
    m["GET /areas/{rest}"] = {open("/areas/E10000020"), open("/areas/E07000148?month=2025-01"),
                              absent("/areas/E99999999"), bad("/areas/E10000020?month=2025-13")};
    m["GET /indicators"] = {open("/indicators")};
    m["GET /exceptions"] = {open("/exceptions")};
    m["GET /previous-plans"] = {open("/previous-plans")};
    m["GET /indicators/{rest}"] = {
        open("/indicators/Robbery"), open("/indicators/Robbery?area=E07000148&month=2025-01"),
        hidden(indicator, kExemptReaders), hidden(indicator + "?area=E10000020", kExemptReaders),
        absent("/indicators/No%20such%20indicator")};
    m["GET /plans/{name}"] = {open("/plans/" + id(plan_)), absent("/plans/" + missing),
                              absent("/plans/abc")};
    m["GET /priorities/{name}"] = {open("/priorities/" + id(priority_)),
                                   hidden("/priorities/" + id(exempt_priority_), kExemptReaders),
                                   absent("/priorities/" + missing)};
    m["GET /actions/{name}"] = {
        open("/actions/" + id(action_)), hidden("/actions/" + id(exempt_action_), kExemptReaders),
        hidden("/actions/" + id(confidential_action_), kConfidentialReaders),
        absent("/actions/" + missing)};
    m["GET /api/v1/indicators"] = {
        open("/api/v1/indicators"),
        open("/api/v1/indicators?format=csv"),
        open("/api/v1/indicators?area=E10000020"),
        hidden("/api/v1/indicators?indicator=" + web::url_encode(kExemptIndicator), kExemptReaders,
               400),
        hidden("/api/v1/indicators?format=csv&area=E10000020&indicator=" +
                   web::url_encode(kExemptIndicator),
               kExemptReaders, 400),
        bad("/api/v1/indicators?month=2025-13"),
        bad("/api/v1/indicators?area=E99999999")};
    m["GET /api/v1/plans"] = {open("/api/v1/plans")};
    m["GET /healthz"] = {open("/healthz")};
    m["GET /login"] = {open("/login"), open("/login?next=%2Fasb")};
    m["GET /admin/users"] = {only("/admin/users", kAdministrators)};
    m["GET /admin/users/{name}"] = {only("/admin/users/pat", kAdministrators),
                                    only("/admin/users/nobody", kAdministrators, 404)};
    m["GET /imports"] = {only("/imports", kEditors)};
    m["GET /imports/jobs/{name}"] = {only("/imports/jobs/" + missing, kEditors, 404)};
    m["GET /imports/jobs/{name}.json"] = {
        only("/imports/jobs/" + missing + ".json", kEditors, 404)};
    // accountability_pages.cpp
    m["GET /decisions"] = {open("/decisions"), open("/decisions?year=2020"),
                           bad("/decisions?year=20x0")};
    m["GET /pcc-activity"] = {open("/pcc-activity")};
    m["GET /inspections"] = {open("/inspections")};
    m["GET /inspections/{name}"] = {
        open("/inspections/" + id(store::load_inspections(*db_).front().id)),
        absent("/inspections/" + missing)};
    m["GET /complaints"] = {open("/complaints")};
    m["GET /meetings/{name}/bulletin"] = {open("/meetings/" + id(meeting_) + "/bulletin"),
                                          absent("/meetings/" + missing + "/bulletin")};
    m["GET /meetings/{name}/complaints-report"] = {
        open("/meetings/" + id(meeting_) + "/complaints-report"),
        absent("/meetings/" + missing + "/complaints-report")};
    m["GET /api/v1/decisions"] = {open("/api/v1/decisions"), open("/api/v1/decisions?year=2020"),
                                  bad("/api/v1/decisions?year=x")};
    m["GET /api/v1/inspections"] = {open("/api/v1/inspections")};
    // clock_pages.cpp
    m["GET /deadlines"] = {open("/deadlines"),
                           open("/deadlines?from=2024-12-20&count=10&counting=working_days_after")};
    m["GET /bank-holidays"] = {open("/bank-holidays")};
    // commissioned_services_pages.cpp
    m["GET /services"] = {open("/services")};
    m["GET /services/{name}"] = {open("/services/" + id(service_)), absent("/services/" + missing)};
    m["GET /api/v1/services"] = {open("/api/v1/services")};
    // work_programme_pages.cpp
    std::string panel = "/panels/" + id(panel_);
    m["GET /panels/{name}/work-programme"] = {open(panel + "/work-programme"),
                                              open(panel + "/work-programme?year=2019"),
                                              absent("/panels/" + missing + "/work-programme")};
    m["GET /panels/{name}/work-programme.csv"] = {open(panel + "/work-programme.csv?year=2019")};
    m["GET /panels/{name}/work-programme.ics"] = {open(panel + "/work-programme.ics")};
    m["GET /panels/{name}/rolling-programme"] = {
        open("/panels/" + id(store::find_panel(*db_, "nccsp-scrutiny")->id) + "/rolling-programme"),
        absent("/panels/" + missing + "/rolling-programme")};
    // meeting_document_pages.cpp: every document of the meeting in every format
    std::string meeting = "/meetings/" + id(meeting_);
    for (const char* kind : {"agenda", "minutes", "performance-report", "bulletin",
                             "complaints-report", "work-programme"}) {
        auto& probes = m[fmt::format("GET /meetings/{{id}}/{}.{{format}}", kind)];
        for (const char* format : {"html", "pdf", "docx", "xlsx"})
            probes.push_back(open(fmt::format("{}/{}.{}", meeting, kind, format)));
        probes.push_back(absent(fmt::format("/meetings/{}/{}.pdf", missing, kind)));
    }
    // suggested_approach_pages.cpp
    m["GET /meetings/{id}/items/{id}/suggested-approach"] = {
        only(fmt::format("/meetings/{}/items/{}/suggested-approach", reviewing_meeting_,
                         reviewing_item_),
             kEditors),
        only(fmt::format("{}/items/{}/suggested-approach", meeting, exempt_item_), kEditors),
        only(fmt::format("{}/items/{}/suggested-approach", meeting, reviewing_item_), kEditors,
             404)};
    // scrutiny_pages.cpp
    m["GET /panels"] = {open("/panels")};
    m["GET /panels/{id}"] = {open(panel), absent("/panels/" + missing)};
    m["GET /meetings/{id}"] = {open(meeting), absent("/meetings/" + missing)};
    m["GET /meetings/{id}/agenda"] = {open(meeting + "/agenda")};
    m["GET /meetings/{id}/minutes"] = {open(meeting + "/minutes")};
    m["GET /requests"] = {open("/requests"), open("/requests?status=open")};
    m["GET /requests/{id}"] = {
        open("/requests/" + id(public_request_)),
        hidden("/requests/" + id(item_request_), kExemptReaders),
        hidden("/requests/" + id(exempt_request_), kExemptReaders),
        hidden("/requests/" + id(confidential_request_), kConfidentialReaders),
        absent("/requests/" + missing)};
    // case_review_intake_pages.cpp
    const AsbCase& first = cases_.front();
    m["GET /asb-case-review"] = {open("/asb-case-review")};
    m["GET /asb-case-review/apply"] = {open("/asb-case-review/apply")};
    m["GET /asb-case-review/apply/sent"] = {
        open("/asb-case-review/apply/sent?reference=" + first.reference +
             "&received=" + to_string(first.received) + "&district=" + first.district_code),
        absent("/asb-case-review/apply/sent")};
    m["GET /asb"] = {only("/asb", kCaseDashboards),
                     only("/asb?district=" + first.district_code, kCaseDashboards),
                     only("/asb?district=E99999999", kCaseDashboards, 404)};
    m["GET /asb/cases"] = {only("/asb/cases", kCaseDashboards),
                           only("/asb/cases?stage=closed", kCaseDashboards),
                           only("/asb/cases?district=" + first.district_code, kCaseDashboards),
                           only("/asb/cases?stage=bogus", kCaseDashboards, 400)};
    m["GET /asb/cases/new"] = {only("/asb/cases/new", kCaseWorkers)};
    m["GET /asb/statistics"] = {only("/asb/statistics", kCaseDashboards),
                                only("/asb/statistics?year=2020", kCaseDashboards),
                                only("/asb/statistics?year=x", kCaseDashboards, 400)};
    m["GET /asb/statistics.csv"] = {
        only("/asb/statistics.csv", kCaseDashboards),
        only("/asb/statistics.csv?year=2025&quarter=4", kCaseDashboards)};
    for (const char* format : {"html", "pdf", "docx", "xlsx"})
        m["GET /asb/statistics.{format}"].push_back(
            only(fmt::format("/asb/statistics.{}", format), kCaseDashboards));
    m["GET /asb/settings"] = {only("/asb/settings", kCaseWorkers)};
    m["GET /asb/agencies"] = {only("/asb/agencies", kCaseDashboards)};
    // case_review_pages.cpp: every case, every letter in every form
    auto& case_pages = m["GET /asb/cases/{id}"];
    auto& letters = m["GET /asb/cases/{id}/letters/{id}"];
    auto& pdfs = m["GET /asb/cases/{id}/letters/{id}.pdf"];
    auto& docxs = m["GET /asb/cases/{id}/letters/{id}.docx"];
    for (const auto& c : cases_) {
        std::string url = "/asb/cases/" + id(c.id);
        case_pages.push_back(only(url, kCaseDashboards));
        for (const auto& l : c.letters) {
            std::string letter = url + "/letters/" + id(l.id);
            letters.push_back(only(letter, kCaseWorkers));
            pdfs.push_back(only(letter + ".pdf", kCaseWorkers));
            docxs.push_back(only(letter + ".docx", kCaseWorkers));
        }
    }
    case_pages.push_back(only("/asb/cases/" + missing, kCaseDashboards, 404));
    // A letter asked for under another case: as if it did not exist.
    const AsbCase* with_letter = nullptr;
    for (const auto& c : cases_)
        if (!c.letters.empty()) with_letter = &c;
    for (const auto& c : cases_)
        if (with_letter && c.id != with_letter->id) {
            std::string letter =
                fmt::format("/asb/cases/{}/letters/{}", c.id, with_letter->letters.front().id);
            letters.push_back(only(letter, kCaseWorkers, 404));
            pdfs.push_back(only(letter + ".pdf", kCaseWorkers, 404));
            docxs.push_back(only(letter + ".docx", kCaseWorkers, 404));
            break;
        }
    letters.push_back(
        only("/asb/cases/" + id(first.id) + "/letters/" + missing, kCaseWorkers, 404));
    return m;
}

std::map<std::string, Probe> WebSecurityTest::post_matrix() const {
    auto who = [](const std::string& url, const Roles& roles) { return Probe{url, roles}; };
    std::string panel = "/panels/" + id(panel_), meeting = "/meetings/" + id(meeting_);
    std::string services = "/services/" + id(service_);
    std::string inspection = "/inspections/" + id(store::load_inspections(*db_).front().id);
    // A case still open, and an action of a case.
    int64_t open_case = 0;
    for (const auto& c : cases_)
        if (!c.closed_on && !open_case) open_case = c.id;
    std::string a_case = "/asb/cases/" + id(open_case);
    int64_t case_action = id_of("SELECT id FROM case_review_actions ORDER BY id");
    int64_t action_case = id_of("SELECT case_id FROM case_review_actions WHERE id = ?",
                                {store::integer(case_action)});
    std::map<std::string, Probe> m;
    m["POST /login"] = who("/login", kEveryone);
    m["POST /logout"] = who("/logout", kEveryone);
    m["POST /admin/users"] = who("/admin/users", kAdministrators);
    m["POST /admin/users/{name}"] = who("/admin/users/pat", kAdministrators);
    m["POST /imports"] = who("/imports", kEditors);
    m["POST /plans/{name}"] = who("/plans/" + id(plan_), kEditors);
    m["POST /actions/{name}"] = who("/actions/" + id(action_), kEditors);
    m["POST /actions/{name}/updates"] = who("/actions/" + id(action_) + "/updates", kEditors);
    m["POST /priorities/{name}/narrative"] =
        who("/priorities/" + id(priority_) + "/narrative", kEditors);
    for (const char* path : {"/decisions", "/pcc-activity/news", "/pcc-activity/forum-items",
                             "/pcc-activity/activities", "/inspections", "/complaints",
                             "/complaints/update", "/complaints/foi"})
        m[std::string("POST ") + path] = who(path, kEditors);
    m["POST /inspections/{name}/steps"] = who(inspection + "/steps", kEditors);
    m["POST /bank-holidays"] = who("/bank-holidays", kAdministrators);
    for (const char* sub : {"grants", "measures", "returns"})
        m[fmt::format("POST /services/{{name}}/{}", sub)] = who(services + "/" + sub, kEditors);
    m["POST /panels/{name}/work-programme"] = who(panel + "/work-programme", kEditors);
    m["POST /panels/{name}/rolling-programme"] = who(panel + "/rolling-programme", kEditors);
    m["POST /meetings/{id}/items/{id}/suggested-approach"] =
        who(fmt::format("{}/items/{}/suggested-approach", meeting, exempt_item_), kEditors);
    for (const char* sub : {"meetings", "members", "terms", "offices"})
        m[fmt::format("POST /panels/{{id}}/{}", sub)] = who(panel + "/" + sub, kEditors);
    m["POST /meetings/{id}"] = who(meeting, kEditors);
    for (const char* sub : {"items", "attendance", "interests", "minutes", "requests"})
        m[fmt::format("POST /meetings/{{id}}/{}", sub)] = who(meeting + "/" + sub, kEditors);
    m["POST /requests/{id}"] = who("/requests/" + id(public_request_), kEditors);
    m["POST /asb-case-review/apply"] = who("/asb-case-review/apply", kEveryone);
    m["POST /asb/cases/new"] = who("/asb/cases/new", kCaseWorkers);
    m["POST /asb/settings"] = who("/asb/settings", kAdministrators);
    for (const char* step :
         {"letters", "threshold", "lead-agency", "information", "initial-review", "panel",
          "peer-reviewer", "outcome", "actions", "longer-review", "appeal", "appeal-escalation",
          "appeal-referral", "appeal-decision", "appeal-pcc", "close"})
        m[fmt::format("POST /asb/cases/{{id}}/{}", step)] = who(a_case + "/" + step, kCaseWorkers);
    m["POST /asb/cases/{id}/actions/{id}"] =
        who(fmt::format("/asb/cases/{}/actions/{}", action_case, case_action), kCaseWorkers);
    return m;
}

std::vector<WebSecurityTest::Submission> WebSecurityTest::submissions() const {
    std::string panel = "/panels/" + id(panel_), meeting = "/meetings/" + id(meeting_);
    std::string services = "/services/" + id(service_);
    std::string inspection = "/inspections/" + id(store::load_inspections(*db_).front().id);
    std::vector<std::string> case_pages;
    for (const auto& c : cases_) case_pages.push_back("/asb/cases/" + id(c.id));
    CalendarDate today = date_of(std::chrono::system_clock::now());
    auto day = [&](int ago) { return add_days(today, -ago); };
    // The application form's fields: the victim, the summary and three incidents.
    auto application = [&](std::vector<std::pair<std::string, std::string>> f) {
        for (auto [k, v] :
             std::vector<std::pair<std::string, std::string>>{{"applicant-type", "victim"},
                                                              {"victim-name", "{text}"},
                                                              {"victim-address", "{text}"},
                                                              {"victim-postcode", "NR1 1AA"},
                                                              {"victim-phone", "01603 000000"},
                                                              {"summary", "{text}"}})
            f.emplace_back(k, v);
        for (int i = 1; i <= 3; ++i) {
            CalendarDate behaviour = day(40 - 10 * i), reported = day(38 - 10 * i);
            std::string n = "incident-" + std::to_string(i) + "-";
            f.emplace_back(n + "behaviour-day", std::to_string(behaviour.day()));
            f.emplace_back(n + "behaviour-month", std::to_string(behaviour.month()));
            f.emplace_back(n + "behaviour-year", std::to_string(behaviour.year()));
            f.emplace_back(n + "reported-day", std::to_string(reported.day()));
            f.emplace_back(n + "reported-month", std::to_string(reported.month()));
            f.emplace_back(n + "reported-year", std::to_string(reported.year()));
            f.emplace_back(n + "agency", "{text}");
            f.emplace_back(n + "reference", "{text}");
            f.emplace_back(n + "description", "{text}");
        }
        return f;
    };
    return {
        {"POST /admin/users",
         {"/admin/users"},
         "/admin/users",
         {{"username", "{name}"},
          {"display_name", "{text}"},
          {"role", "officer"},
          {"password", kPassword}}},
        {"POST /plans/{name}",
         {"/plans/" + id(plan_)},
         "/plans/" + id(plan_),
         {{"title", "{text}"}, {"description", "{text}"}}},
        {"POST /priorities/{name}/narrative",
         {"/priorities/" + id(priority_)},
         "/narrative",
         {{"period_end", "2023-01"}, {"text", "{text}"}, {"visibility", "public"}}},
        {"POST /actions/{name}/updates",
         {"/actions/" + id(action_)},
         "/updates",
         {{"date", "2022-07-01"}, {"text", "{text}"}, {"visibility", "public"}}},
        {"POST /actions/{name}",
         {"/actions/" + id(action_)},
         "/actions/" + id(action_),
         {{"text", "{text}"}, {"success_measures", "{text}"}, {"visibility", "public"}}},
        {"POST /decisions",
         {"/decisions"},
         "/decisions",
         {{"number", "2021-98"},
          {"date", "2021-01-05"},
          {"title", "{text}"},
          {"summary", "{text}"}}},
        {"POST /pcc-activity/news",
         {"/pcc-activity"},
         "/pcc-activity/news",
         {{"news_date", "2020-01-05"}, {"news_title", "{text}"}, {"news_summary", "{text}"}}},
        {"POST /pcc-activity/forum-items",
         {"/pcc-activity"},
         "/pcc-activity/forum-items",
         {{"held_on", "2020-01-20"},
          {"item_title", "{text}"},
          {"item_summary", "{text}"},
          {"report_from", "{text}"},
          {"notes", "{text}"}}},
        {"POST /pcc-activity/activities",
         {"/pcc-activity"},
         "/pcc-activity/activities",
         {{"activity_date", "2020-01-06"}, {"activity", "{text}"}}},
        {"POST /inspections",
         {"/inspections"},
         "/inspections",
         {{"title", "{text}"}, {"published_on", "2020-01-07"}, {"summary", "{text}"}}},
        {"POST /inspections/{name}/steps",
         {inspection},
         "/steps",
         {{"done", "yes"}, {"done_on", "2020-02-01"}}},
        {"POST /complaints",
         {"/complaints"},
         "/complaints",
         {{"about", "pcc"},
          {"number", "99"},
          {"dated", "2020-01-08"},
          {"summary", "{text}"},
          {"status", "ongoing"}}},
        {"POST /complaints/update",
         {"/complaints"},
         "/complaints/update",
         {{"new_outcome", "{text}"}}},
        {"POST /complaints/foi",
         {"/complaints"},
         "/complaints/foi",
         {{"received_on", "2020-01-09"}, {"themes", "{text}"}}},
        {"POST /services/{name}/grants",
         {services},
         "/grants",
         {{"recipient", "{text}"},
          {"funder", "{text}"},
          {"amount", "1000"},
          {"start", "2020-04-01"},
          {"end", "2021-03-31"},
          {"note", "{text}"}}},
        {"POST /services/{name}/measures",
         {services},
         "/measures",
         {{"group", "{text}"},
          {"measure", "{text}"},
          {"period_label", "{text}"},
          {"period_start", "2020-04-01"},
          {"period_end", "2021-03-31"},
          {"value", "5"},
          {"measure_note", "{text}"}}},
        {"POST /panels/{name}/work-programme",
         {panel + "/work-programme"},
         "/work-programme",
         {{"kind", "event"},
          {"when", "{text}"},
          {"month", "2021-03"},
          {"title", "{text}"},
          {"invitees", "{text}"},
          {"visibility", "public"}}},
        {"POST /meetings/{id}/items/{id}/suggested-approach",
         {fmt::format("/meetings/{}/items/{}/suggested-approach", reviewing_meeting_,
                      reviewing_item_)},
         "/suggested-approach",
         {{"author", "{text}"}, {"*", "{text}"}}},
        {"POST /panels/{id}/meetings",
         {panel},
         "/meetings",
         {{"date", "2027-03-01"},
          {"time", "10:00"},
          {"venue", "{text}"},
          {"briefing", "{text}"},
          {"questions_deadline", "{text}"}}},
        {"POST /panels/{id}/members",
         {panel},
         "/members",
         {{"title", "{text}"}, {"name", "{text}"}, {"body", "{text}"}, {"kind", "main"}}},
        {"POST /meetings/{id}/items",
         {meeting},
         "/items",
         {{"title", "{text}"},
          {"purpose", "{text}"},
          {"invitees", "{text}"},
          {"visibility", "public"}}},
        {"POST /meetings/{id}/attendance",
         {meeting},
         "/attendance",
         {{"capacity-1", "{text}"}, {"others", "{text}, {text}"}}},
        {"POST /meetings/{id}/interests", {meeting}, "/interests", {{"description", "{text}"}}},
        {"POST /meetings/{id}/minutes", {meeting}, "/minutes", {{"text", "{text}"}}},
        {"POST /meetings/{id}/requests",
         {meeting},
         "/requests",
         {{"text", "{text}"}, {"visibility", "public"}}},
        {"POST /requests/{id}",
         {"/requests/" + id(public_request_)},
         "/requests/" + id(public_request_),
         {{"response", "{text}"}, {"response_note", "{text}"}, {"answered_on", "2020-03-01"}}},
        {"POST /asb-case-review/apply",
         {"/asb-case-review/apply"},
         "/asb-case-review/apply",
         application({})},
        {"POST /asb/cases/new", {"/asb/cases/new"}, "/asb/cases/new", application({})},
        {"POST /asb/cases/{id}/lead-agency",
         case_pages,
         "/lead-agency",
         {{"lead_agency_independence", "{text}"}}},
        {"POST /asb/cases/{id}/threshold",
         case_pages,
         "/threshold",
         {{"threshold_outcome", "met"}, {"threshold_reasons", "{text}"}}},
        // (the panel's date, as the form has it, so that a case's outcome may be recorded)
        {"POST /asb/cases/{id}/panel",
         case_pages,
         "/panel",
         {{"panel_date", "{as given, or today}"}, {"panel_agency_*", "yes"}}},
        {"POST /asb/cases/{id}/outcome", case_pages, "/outcome", {{"panel_findings", "{text}"}}},
        {"POST /asb/cases/{id}/actions",
         case_pages,
         "/actions",
         {{"action_text", "{text}"}, {"action_due", to_string(day(-30))}}},
        {"POST /asb/cases/{id}/appeal",
         case_pages,
         "/appeal",
         {{"appeal_lodged_on", "{appeal lodged}"},
          {"appeal_against", "{appeal against}"},
          {"appeal_grounds", "{text}"}}},
        {"POST /asb/cases/{id}/appeal-escalation",
         case_pages,
         "/appeal-escalation",
         {{"appeal_escalated_on", "{as given, or today}"}, {"appeal_inspector", "{text}"}}},
        {"POST /asb/cases/{id}/appeal-decision",
         case_pages,
         "/appeal-decision",
         {{"appeal_outcome", "not_upheld"},
          {"appeal_decided_on", "{as given, or today}"},
          {"appeal_decision_notes", "{text}"}}},
    };
}

std::vector<Form> WebSecurityTest::filled(Browser& b, const Submission& s,
                                          const std::string& text) const {
    static int users = 0;
    auto ends_with = [](const std::string& a, const std::string& b) {
        return a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0;
    };
    std::vector<Form> out;
    for (const auto& page : s.pages)
        for (Form f : forms_in(b.get(page).body)) {
            if (!ends_with(f.action, s.action)) continue;
            for (auto [k, v] : s.fields) {
                for (size_t at; (at = v.find("{text}")) != std::string::npos;)
                    v.replace(at, 6, text);
                if (v == "{name}") v = "user-" + std::to_string(++users);
                if (v == "{appeal lodged}" || v == "{appeal against}") {
                    // An appeal in time against the decision of the case's latest letter B
                    // (threshold not met), D or E (the review's outcome): lodged the next day.
                    for (const auto& c : cases_)
                        for (const auto& l : c.letters)
                            if (page == "/asb/cases/" + id(c.id) &&
                                (l.kind == LetterKind::b || l.kind == LetterKind::d ||
                                 l.kind == LetterKind::e))
                                v = v == "{appeal against}"
                                        ? (l.kind == LetterKind::b ? "threshold_decision"
                                                                   : "review")
                                        : to_string(add_days(l.dated, 1));
                }
                if (v == "{as given, or today}") {
                    v = to_string(date_of(std::chrono::system_clock::now()));
                    for (const auto& [name, value] : f.fields)
                        if (name == k && !value.empty()) v = value;
                }
                if (!k.empty() && k.back() == '*') {
                    // every field whose name starts so, not named otherwise
                    std::string prefix = k.substr(0, k.size() - 1);
                    for (const auto& n : f.names) {
                        bool named = n == "csrf_token" || n.rfind(prefix, 0) != 0;
                        for (const auto& [k2, v2] : s.fields) named = named || k2 == n;
                        if (!named) f.set(n, v);
                    }
                } else {
                    f.set(k, v);
                }
            }
            out.push_back(std::move(f));
            break;
        }
    return out;
}

// The route-table key of a URL's pattern ("GET /asb/cases/{id}").
std::set<std::string> table_keys() {
    std::set<std::string> out;
    for (const auto& r : web::routes())
        out.insert(std::string(r.method) + " " + std::string(r.pattern));
    return out;
}

// The path of a URL (its query left out), decoded as the server decodes it.
std::string path_of(const std::string& url) {
    return web::url_decode(url.substr(0, url.find('?')), false);
}

// Whether an answer refuses the viewer: sent to sign in, or 403.
bool refused(const HttpResult& r) {
    if (r.status == 403) return true;
    auto l = r.headers.find("location");
    return r.status == 303 && l != r.headers.end() && l->second.rfind("/login", 0) == 0;
}

// The security headers every answer must carry (docs/security.md), with HSTS only behind TLS.
void expect_security_headers(const HttpResult& r, bool behind_tls, const std::string& what) {
    SCOPED_TRACE(what);
    auto header = [&](const char* name) {
        auto it = r.headers.find(name);
        return it == r.headers.end() ? std::string() : it->second;
    };
    EXPECT_EQ(header("x-content-type-options"), "nosniff");
    EXPECT_EQ(header("x-frame-options"), "DENY");
    EXPECT_EQ(header("referrer-policy"), "same-origin");
    std::string csp = header("content-security-policy");
    EXPECT_TRUE(has(csp, "frame-ancestors 'none'")) << csp;
    EXPECT_TRUE(has(csp, "default-src 'self'") || has(csp, "default-src 'none'")) << csp;
    EXPECT_FALSE(has(csp, "unsafe-eval")) << csp;
    EXPECT_FALSE(has(csp, "script-src 'unsafe-inline'")) << csp;
    EXPECT_EQ(r.headers.count("strict-transport-security") > 0, behind_tls);
    if (behind_tls) {
        EXPECT_TRUE(has(header("strict-transport-security"), "max-age=31536000"));
    }
}

}  // namespace

// ---- the matrix ----

TEST_P(WebSecurityTest, TheMatrixHasEveryRouteOfTheTableAndNoOther) {
    auto gets = get_matrix();
    auto posts = post_matrix();
    std::set<std::string> in_matrix;
    for (const auto& [key, probes] : gets) {
        in_matrix.insert(key);
        EXPECT_FALSE(probes.empty()) << key;
        std::string pattern = key.substr(key.find(' ') + 1);
        for (const auto& p : probes)
            EXPECT_TRUE(web::route_matches(pattern, path_of(p.url))) << key << ": " << p.url;
    }
    for (const auto& [key, probe] : posts) {
        in_matrix.insert(key);
        EXPECT_TRUE(web::route_matches(key.substr(5), path_of(probe.url))) << key;
    }
    auto table = table_keys();
    for (const auto& k : table)
        EXPECT_TRUE(in_matrix.count(k)) << "a route the permission matrix does not try: " << k;
    for (const auto& k : in_matrix)
        EXPECT_TRUE(table.count(k)) << "the matrix tries a route the table does not list: " << k;
    // The router answers nothing the table does not list.
    EXPECT_FALSE(web::route_exists("GET", "/asb/cases/1/letters"));
    EXPECT_FALSE(web::route_exists("POST", "/asb/cases/1/notes"));
    EXPECT_TRUE(web::route_exists("HEAD", "/asb/cases/1"));
    auto r = app_->get("/asb/cases/1/letters");
    EXPECT_EQ(r.status, 404);
}

TEST_P(WebSecurityTest, EveryRouteAsEveryRoleAnswersAsThePermissionTableSays) {
    const auto matrix = get_matrix();
    const auto all_secrets = secrets();
    std::map<Role, std::string> seen;  // everything each role was shown
    int requests = 0;
    for (const Viewer& v : kViewers) {
        Browser b = as(v);
        std::string& shown = seen[v.role];
        for (const auto& [route, probes] : matrix)
            for (const Probe& p : probes) {
                SCOPED_TRACE(v.name() + " " + p.url + " (" + route + ")");
                auto r = b.get(p.url);
                ++requests;
                EXPECT_EQ(r.status, expected_status(p, v.role)) << r.body.substr(0, 400);
                expect_security_headers(r, false, p.url);
                if (r.status == 303) continue;
                std::string text = readable(r);
                EXPECT_FALSE(text.empty()) << "an answer with nothing to read";
                std::string asked = squeezed(web::url_decode(p.url, true));
                for (const Secret& s : all_secrets) {
                    if (s.readers.count(v.role) || has(asked, s.text)) continue;
                    EXPECT_FALSE(has(text, s.text)) << "shown to " << v.name() << ": " << s.text;
                }
                shown += text + "\n";
            }
    }
    // What each role may see is really shown to it somewhere (the filters hide no more than they
    // should, so the checks above are not vacuous).
    for (const Secret& m : markers())
        for (Role r : m.readers)
            EXPECT_TRUE(has(seen[r], m.text)) << to_string(r) << " is never shown " << m.text;
    for (const auto& s : personal_strings())
        for (Role r : kCaseWorkers)
            EXPECT_TRUE(has(seen[r], s)) << to_string(r) << " is never shown " << s;
    size_t probes = 0;
    for (const auto& [route, list] : matrix) probes += list.size();
    EXPECT_EQ(requests, static_cast<int>(probes * kViewers.size()));
    std::cout << "[ matrix ] " << matrix.size() << " GET routes, " << probes
              << " requests each for " << kViewers.size() << " viewers: " << requests
              << " answers checked\n";
}

TEST_P(WebSecurityTest, EveryPostRouteRefusesTheRolesThatMayNotUseIt) {
    const auto matrix = post_matrix();
    const auto all_secrets = secrets();
    int refusals = 0, allowed = 0;
    for (const Viewer& v : kViewers) {
        Browser b = as(v);
        std::string token = b.token_for("/");
        std::string before = fingerprint(*db_);
        for (const auto& [route, p] : matrix) {
            if (p.allowed.count(v.role)) continue;
            SCOPED_TRACE(v.name() + " " + route);
            auto r = b.post(p.url, "csrf_token=" + token);
            EXPECT_EQ(r.status, expected_status(p, v.role)) << r.body.substr(0, 300);
            EXPECT_TRUE(refused(r));
            expect_security_headers(r, false, route);
            std::string text = readable(r);
            for (const Secret& s : all_secrets)
                if (!s.readers.count(v.role)) {
                    EXPECT_FALSE(has(text, s.text)) << s.text;
                }
            ++refusals;
        }
        EXPECT_TRUE(fingerprint(*db_) == before)
            << v.name() << "'s refused posts changed the store";
        // The roles that may use a route are not refused (an empty form is answered with its
        // errors, or a missing thing's 404).
        for (const auto& [route, p] : matrix) {
            if (!p.allowed.count(v.role)) continue;
            SCOPED_TRACE(v.name() + " " + route);
            Browser fresh = route == "POST /logout" ? as(v) : b;
            auto r = fresh.post(p.url, "csrf_token=" + fresh.token_for("/"));
            EXPECT_FALSE(refused(r)) << r.status << " " << r.body.substr(0, 300);
            EXPECT_LT(r.status, 500);
            ++allowed;
        }
    }
    std::cout << "[ matrix ] " << matrix.size() << " POST routes: " << refusals << " refusals and "
              << allowed << " permitted posts checked\n";
}

// ---- stored and reflected XSS ----

namespace {

// The text stored through form n: a script element and an attribute breaking out into an image,
// numbered so that each form's can be found again.
std::string xss_text(int n) {
    return fmt::format("X{0} <script>alert({0})</script> \"><img src=x onerror=alert({0})>", n);
}

// Whether an HTML answer has a payload as markup rather than as text.
bool has_markup(const std::string& html) {
    return has(html, "<script>alert(") || has(html, "<img src=x onerror=");
}

// The error summary of a form sent back (for failure messages).
std::string error_summary(const std::string& html) {
    size_t at = html.find("govuk-error-summary__list");
    if (at == std::string::npos) return html.substr(0, 300);
    return squeezed(html.substr(at, html.find("</ul>", at) - at));
}

std::string without_fragment(const std::string& url) {
    return url.substr(0, url.find('#'));
}

// A counts file (monthly_inputs) with an indicator named `name`, `rows` months long.
std::string counts_file(const std::string& name, int rows) {
    std::string quoted = "\"";
    for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    std::string out = "area_code,indicator,month,value\n";
    Month m = Month::of(2019, 1);
    for (int i = 0; i < rows; ++i, m = m + 1)
        out += "E10000020," + quoted + "," + to_string(m) + ",4\n";
    return out;
}

// An upload of `content` as the file of `target`'s form (with the token of `page`), its kind
// "counts"; the job page it is sent to. Waits for the import to finish.
std::string import_counts(Browser& b, const std::string& content, const std::string& token) {
    const std::string boundary = "scrutineer-security-boundary";
    std::string body =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
        token + "\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncounts\r\n--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
        "Content-Type: text/csv\r\n\r\n" +
        content + "\r\n--" + boundary + "--\r\n";
    auto r = b.post("/imports", body, "multipart/form-data; boundary=" + boundary);
    if (r.status != 303) return "";
    std::string job = r.headers["location"];
    for (int i = 0; i < 200; ++i) {
        if (has(b.get(job + ".json").body, "\"finished\":true")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return job;
}

}  // namespace

TEST_P(WebSecurityTest, StoredScriptIsShownAsTextOnEveryPage) {
    Browser ada = as("ada");
    auto subs = submissions();
    std::map<int, std::string> stored;  // the number of each text stored, and where it went in
    std::set<std::string> urls;
    size_t saved = 0;
    for (size_t i = 0; i < subs.size(); ++i) {
        int n = 100 + static_cast<int>(i);
        SCOPED_TRACE(subs[i].route);
        auto r = submit(ada, subs[i], xss_text(n));
        EXPECT_EQ(r.status, 303) << error_summary(r.body);
        if (r.status != 303) continue;
        bool has_text = false;
        for (const auto& [k, v] : subs[i].fields) has_text = has_text || has(v, "{text}");
        if (has_text) stored[n] = subs[i].route;
        ++saved;
        urls.insert(without_fragment(r.headers["location"]));
        urls.insert(subs[i].pages.front());
    }
    // A file: an indicator named with the text, on the indicator pages and their chart.
    int file_n = 99;
    std::string job = import_counts(ada, counts_file(xss_text(file_n), 60),
                                    Browser::token_in(ada.get("/imports").body));
    ASSERT_FALSE(job.empty());
    EXPECT_TRUE(has(ada.get(job + ".json").body, "\"failed\":false"))
        << ada.get(job + ".json").body;
    stored[file_n] = "POST /imports";
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the app sees the import
    urls.insert(job);
    // Another: the bank holidays list, a holiday named with the text.
    int holidays_n = 98;
    std::string holidays = test::slurp(test::data_dir() + "/bank-holidays/england-and-wales.json");
    size_t title = holidays.find("\"title\"");
    ASSERT_NE(title, std::string::npos);
    size_t open_quote = holidays.find('"', holidays.find(':', title));
    size_t close_quote = holidays.find('"', open_quote + 1);
    std::string escaped;
    for (char c : xss_text(holidays_n))
        escaped += c == '"' ? std::string("\\\"") : std::string(1, c);
    holidays.replace(open_quote + 1, close_quote - open_quote - 1, escaped);
    auto replaced = ada.upload("/bank-holidays", "england-and-wales.json", holidays,
                               "application/json", "/bank-holidays");
    EXPECT_EQ(replaced.status, 303) << error_summary(replaced.body);
    if (replaced.status == 303) stored[holidays_n] = "POST /bank-holidays";
    urls.insert("/bank-holidays");
    urls.insert("/indicators/" + web::url_encode(xss_text(file_n)));
    urls.insert("/indicators/" + web::url_encode(xss_text(file_n)) + "?area=E10000020");
    for (const auto& [route, probes] : get_matrix())
        for (const auto& p : probes) urls.insert(p.url);

    std::set<int> shown;  // texts seen escaped on some page
    int html_pages = 0;
    for (const Viewer* v : {&kViewers[4], &kViewers[0]}) {
        Browser b = as(*v);
        for (const auto& url : urls) {
            SCOPED_TRACE(v->name() + " " + url);
            auto r = b.get(url);
            EXPECT_LT(r.status, 500);
            if (!is_html(r)) continue;
            ++html_pages;
            EXPECT_FALSE(has_markup(r.body)) << "a stored text as markup";
            std::string text = unescaped(r.body);
            for (const auto& [n, route] : stored)
                if (has(text, fmt::format("<script>alert({})</script>", n)) &&
                    has(text, fmt::format("\"><img src=x onerror=alert({})>", n)))
                    shown.insert(n);
        }
    }
    for (const auto& [n, route] : stored)
        EXPECT_TRUE(shown.count(n)) << "the text stored through " << route << " is on no page";
    EXPECT_EQ(saved, subs.size());  // every form, and the two files above
    std::cout << "[ xss ] " << stored.size() << " forms and files stored the payloads; "
              << html_pages << " HTML answers checked\n";
}

TEST_P(WebSecurityTest, ScriptInQueriesAndPathsIsShownAsText) {
    const std::string payload = "\"><img src=x onerror=alert(7)><script>alert(7)</script>";
    const std::string q = web::url_encode(payload);
    const std::vector<std::string> params = {
        "month",    "area",   "indicator", "format",    "next",     "year",     "from",  "count",
        "counting", "status", "on",        "reference", "received", "district", "stage", "quarter"};
    std::set<std::string> paths;
    for (const auto& [route, probes] : get_matrix())
        for (const auto& p : probes) paths.insert(p.url.substr(0, p.url.find('?')));
    for (const char* p : {"/areas/", "/indicators/", "/plans/", "/priorities/", "/actions/",
                          "/inspections/", "/services/", "/imports/jobs/", "/requests/", "/panels/",
                          "/meetings/", "/asb/cases/", "/asb/statistics.", "/no-such-page/"})
        paths.insert(p + q);
    paths.insert("/meetings/" + std::to_string(meeting_) + "/" + q);
    paths.insert("/panels/" + q + "/work-programme");
    int answers = 0;
    for (const Viewer* v : {&kViewers[0], &kViewers[4]}) {
        Browser b = as(*v);
        for (const auto& path : paths) {
            auto plain = b.get(path);
            if (!is_html(plain) && !has(path, q)) continue;  // a download: no page to script
            std::vector<std::string> urls = {path};
            std::string all;
            for (const auto& name : params) {
                urls.push_back(path + "?" + name + "=" + q);
                all += (all.empty() ? "?" : "&") + name + "=" + q;
            }
            urls.push_back(path + all);
            for (const auto& url : urls) {
                SCOPED_TRACE(v->name() + " " + url);
                auto r = b.get(url);
                ++answers;
                EXPECT_LT(r.status, 500);
                if (is_html(r)) {
                    EXPECT_FALSE(has_markup(r.body)) << r.body.substr(0, 300);
                } else {
                    // Anything else that echoes the text says it is not HTML, and must not be
                    // sniffed as HTML.
                    EXPECT_EQ(r.headers["x-content-type-options"], "nosniff");
                }
            }
        }
    }
    std::cout << "[ xss ] " << answers << " answers to queries and paths with a script checked\n";
}

// ---- CSRF ----

TEST_P(WebSecurityTest, EveryPostWithoutTheRightTokenIsRefusedAndChangesNothing) {
    Browser ada = as("ada"), olivia = as("olivia"), nobody = as(kViewers[0]);
    const std::string own = ada.token_for("/"), others = olivia.token_for("/");
    ASSERT_EQ(own.size(), 64u);
    ASSERT_NE(own, others);
    // A body that stores something, for each route that has a form for it.
    std::map<std::string, std::string> bodies;
    for (const auto& s : submissions())
        for (Form f : filled(ada, s, "Plain text from a forged form")) {
            std::erase_if(f.fields, [](const auto& kv) { return kv.first == "csrf_token"; });
            bodies[s.route] = f.body();
            break;
        }
    const auto matrix = post_matrix();
    const std::string before = fingerprint(*db_);
    int refusals = 0;
    for (const auto& [route, p] : matrix) {
        const std::string& body = bodies[route];
        struct Attempt {
            std::string how, token;
        };
        for (const Attempt& a : {Attempt{"no token", ""}, Attempt{"an empty token", "="},
                                 Attempt{"a wrong token", std::string(64, '0')},
                                 Attempt{"another user's token", others},
                                 Attempt{"a token cut short", own.substr(0, 63)},
                                 Attempt{"a token made longer", own + "0"}}) {
            SCOPED_TRACE(route + " with " + a.how);
            std::string sent = a.token.empty()  ? body
                               : a.token == "=" ? "csrf_token=&" + body
                                                : "csrf_token=" + a.token + "&" + body;
            Browser& who = p.allowed.count(Role::administrator) ? ada : nobody;
            auto r = who.post(p.url, sent);
            EXPECT_EQ(r.status, 403);
            EXPECT_TRUE(has(r.body, "The form has expired or did not come from this site"));
            expect_security_headers(r, false, route);
            ++refusals;
        }
        // Nobody signed in is refused too, for the routes anyone may use.
        if (p.allowed.count(Role::public_user)) {
            auto r = nobody.post(p.url, "csrf_token=" + std::string(64, 'f') + "&" + body);
            EXPECT_EQ(r.status, 403) << route;
            ++refusals;
        }
    }
    // Uploads carry the token in their multipart body: missing or wrong, refused the same.
    for (const char* url : {"/imports", "/bank-holidays", "/services/{}/returns"}) {
        std::string target = fmt::format(fmt::runtime(url), service_);
        for (const std::string& token : {std::string(), std::string(64, '0'), others}) {
            const std::string boundary = "forged";
            std::string body =
                (token.empty()
                     ? std::string()
                     : "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
                           token + "\r\n") +
                "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncounts\r\n--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\n" +
                counts_file("Forged", 12) + "\r\n--" + boundary + "--\r\n";
            auto r = ada.post(target, body, "multipart/form-data; boundary=" + boundary);
            EXPECT_EQ(r.status, 403) << target;
            ++refusals;
        }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // (no import may have started)
    EXPECT_TRUE(fingerprint(*db_) == before) << "a refused post changed the store";
    // The same bodies with the right token do change the store: what was refused were real
    // changes.
    int changed = 0;
    for (const auto& s : submissions()) {
        std::string now = fingerprint(*db_);
        auto r = submit(ada, s, "Plain text from the real form");
        EXPECT_EQ(r.status, 303) << s.route << ": " << error_summary(r.body);
        EXPECT_TRUE(fingerprint(*db_) != now) << s.route << " changed nothing";
        ++changed;
    }
    std::cout << "[ csrf ] " << matrix.size() << " POST routes and 3 uploads: " << refusals
              << " forged requests refused; " << changed << " of them shown to change the store "
              << "with the right token\n";
}

// ---- SQL injection ----

TEST_P(WebSecurityTest, InjectionStringsAreKeptAsPlainText) {
    const std::vector<std::string> attacks = {"' OR 1=1 --",
                                              "1; DROP TABLE users",
                                              "'); DROP TABLE users; --",
                                              "\" OR \"\"=\"",
                                              "1' UNION SELECT password_hash FROM users --",
                                              "Robert'); DELETE FROM case_review_cases;--"};
    const auto tables = table_names(*db_);
    const int64_t users = count("users"), cases = count("case_review_cases");
    Browser ada = as("ada"), cass = as("cass"), nobody = as(kViewers[0]);
    const std::string action = "/actions/" + id(action_);
    // Through a form: each stored exactly as typed and shown as text.
    for (const auto& a : attacks) {
        auto r = ada.post_fields(action + "/updates",
                                 {{"date", "2022-08-01"}, {"text", a}, {"visibility", "public"}},
                                 action);
        EXPECT_EQ(r.status, 303) << a;
    }
    auto updates = store::load_action_updates(*db_, Role::administrator, action_);
    std::string page = unescaped(nobody.get(action).body);
    for (const auto& a : attacks) {
        bool stored = false;
        for (const auto& u : updates) stored = stored || u.text == a;
        EXPECT_TRUE(stored) << a;
        EXPECT_TRUE(has(page, a)) << a;
    }
    // A victim's name in the public form.
    Submission apply;
    for (const auto& sub : submissions())
        if (sub.route == "POST /asb-case-review/apply") apply = sub;
    for (auto& [k, v] : apply.fields)
        if (k == "victim-name") v = attacks[5];
    auto applied = submit(nobody, apply, "An application");
    ASSERT_EQ(applied.status, 303) << error_summary(applied.body);
    bool found = false;
    for (const auto& c : store::load_cases(*db_, Role::administrator))
        found = found || c.victim.name == attacks[5];
    EXPECT_TRUE(found);
    // A username that breaks the rule is refused; a name is stored as typed.
    auto bad_user = ada.post_fields("/admin/users",
                                    {{"username", "x'; DROP TABLE users; --"},
                                     {"display_name", attacks[2]},
                                     {"role", "officer"},
                                     {"password", kPassword}},
                                    "/admin/users");
    EXPECT_EQ(bad_user.status, 400);
    EXPECT_EQ(ada.post_fields("/admin/users",
                              {{"username", "bobby"},
                               {"display_name", attacks[2]},
                               {"role", "officer"},
                               {"password", kPassword}},
                              "/admin/users")
                  .status,
              303);
    EXPECT_EQ(store::find_user(*db_, "bobby")->display_name, attacks[2]);
    // Numbers and dates with SQL after them are refused as what they are not.
    EXPECT_EQ(ada.post_fields("/plans/" + id(plan_),
                              {{"title", "Test plan"},
                               {"first_year", "2021; DROP TABLE plans"},
                               {"last_year", "2024"},
                               {"status", "current"}},
                              "/plans/" + id(plan_))
                  .status,
              400);
    // Signing in with them: nobody is signed in.
    for (const auto& a : attacks) {
        Browser b{app_->port(), {}};
        EXPECT_EQ(b.sign_in(a, a).status, 401) << a;
        EXPECT_EQ(b.get("/imports").status, 303) << a;
    }
    // In ids and filters: nothing is found, nothing else is shown.
    const std::string q = web::url_encode(attacks[0]);
    struct Try {
        Browser* who;
        std::string url;
        int status;
    };
    for (const Try& t :
         {Try{&nobody, "/actions/" + web::url_encode(id(action_) + " OR 1=1"), 404},
          Try{&nobody, "/requests/" + web::url_encode(id(exempt_request_) + " OR 1=1"), 404},
          Try{&cass, "/asb/cases/" + web::url_encode("1 OR 1=1"), 404},
          Try{&nobody, "/api/v1/indicators?indicator=" + q, 400},
          Try{&nobody, "/api/v1/indicators?area=" + q, 400}, Try{&nobody, "/areas/" + q, 404},
          Try{&nobody, "/indicators/" + q, 404},
          Try{&nobody, "/decisions?year=" + web::url_encode("2020 OR 1=1"), 400},
          Try{&cass, "/asb/cases?district=" + q, 404}, Try{&cass, "/asb?district=" + q, 404},
          Try{&cass, "/asb/cases?stage=" + q, 400},
          Try{&cass, "/asb/statistics?year=" + web::url_encode("2020; DROP TABLE users"), 400}}) {
        SCOPED_TRACE(t.url);
        auto r = t.who->get(t.url);
        EXPECT_EQ(r.status, t.status);
        EXPECT_FALSE(has(r.body, kExempt)) << "hidden items shown";
    }
    auto filtered = nobody.get("/requests?status=" + q);
    EXPECT_LT(filtered.status, 500);
    EXPECT_FALSE(has(filtered.body, kExempt));
    // The store is as it was but for what was stored on purpose.
    EXPECT_EQ(table_names(*db_), tables);
    EXPECT_EQ(count("users"), users + 1);
    EXPECT_EQ(count("case_review_cases"), cases + 1);
}

// ---- text that looks like the page cache's placeholders ----

TEST_P(WebSecurityTest, StoredTextIsNeverFilledInWithTheReadersNameOrToken) {
    // Signed-in users' pages are kept per role with placeholders for the user's name and CSRF
    // token: a stored text that looks like one must still be shown as it was typed.
    const std::string text = "@@scrutineer-csrf-token@@ and @@scrutineer-user-name@@";
    Browser olivia = as("olivia");
    std::string action = "/actions/" + id(action_);
    ASSERT_EQ(
        olivia
            .post_fields(action + "/updates",
                         {{"date", "2022-08-02"}, {"text", text}, {"visibility", "public"}}, action)
            .status,
        303);
    Browser pat = as("pat");
    std::string token = Browser::token_in(pat.get("/").body);
    for (int round = 0; round < 2; ++round) {  // the second from the kept page
        auto r = pat.get(action);
        EXPECT_TRUE(has(unescaped(r.body), text)) << round;
        EXPECT_EQ(test::count_of(r.body, token), test::count_of(r.body, "name=\"csrf_token\""))
            << "the reader's token outside the forms";
    }
}

// ---- the security headers on every kind of answer ----

TEST_P(WebSecurityTest, EveryKindOfAnswerCarriesTheSecurityHeaders) {
    const unsigned short port = app_->port();
    std::string session;
    {
        Browser olivia = as("olivia");
        session = "scrutineer_session=" + olivia.cookies["scrutineer_session"];
    }
    // The static files the pages link to.
    std::set<std::string> files;
    std::string home = app_->get("/").body;
    std::regex linked("(?:href|src)=\"(/(?:assets|javascripts|stylesheets)/[^\"]+)\"");
    for (std::sregex_iterator it(home.begin(), home.end(), linked), end; it != end; ++it)
        files.insert((*it)[1]);
    ASSERT_GE(files.size(), 3u);
    struct Ask {
        std::string method, url;
        std::map<std::string, std::string> headers;
        int status;
    };
    std::vector<Ask> asks;
    for (const auto& f : files) {
        asks.push_back({"GET", f, {}, 200});
        asks.push_back({"GET", f, {{"Accept-Encoding", "gzip"}}, 200});
    }
    std::string meeting = "/meetings/" + id(meeting_);
    for (Ask a : std::vector<Ask>{{"GET", "/", {}, 200},
                                  {"GET", "/", {{"Accept-Encoding", "gzip"}}, 200},
                                  {"HEAD", "/", {}, 200},
                                  {"GET", "/", {{"Cookie", session}}, 200},
                                  {"GET", "/healthz", {}, 200},
                                  {"GET", "/api/v1/plans", {}, 200},
                                  {"GET", "/api/v1/indicators?format=csv", {}, 200},
                                  {"GET", "/api/v1/indicators?month=x", {}, 400},
                                  {"GET", "/panels/" + id(panel_) + "/work-programme.ics", {}, 200},
                                  {"GET", meeting + "/agenda.html", {}, 200},
                                  {"GET", meeting + "/agenda.pdf", {}, 200},
                                  {"GET", meeting + "/agenda.docx", {}, 200},
                                  {"GET", meeting + "/agenda.xlsx", {}, 200},
                                  {"GET", "/no-such-page", {}, 404},
                                  {"GET", "/decisions?year=x", {}, 400},
                                  {"GET", "/imports", {}, 303},
                                  {"GET", "/admin/users", {{"Cookie", session}}, 403},
                                  {"GET",
                                   "/asb/cases/" + id(cases_.front().id) + "/letters/1.pdf",
                                   {{"Cookie", session}},
                                   403},
                                  {"POST", "/decisions", {{"Cookie", session}}, 403},
                                  {"PUT", "/", {}, 405},
                                  {"DELETE", "/asb/cases/1", {}, 405}})
        asks.push_back(a);
    for (bool tls : {false, true})
        for (Ask a : asks) {
            if (tls) a.headers["X-Forwarded-Proto"] = "https";
            auto r = test::http_request(port, a.method, a.url, a.headers);
            EXPECT_EQ(r.status, a.status) << a.method << " " << a.url;
            expect_security_headers(r, tls, a.method + " " + a.url + (tls ? " (TLS)" : ""));
        }
    // Cookies are Secure behind TLS only.
    auto plain = test::http_request(port, "GET", "/login");
    auto secure = test::http_request(port, "GET", "/login", {{"X-Forwarded-Proto", "https"}});
    EXPECT_FALSE(has(plain.headers["set-cookie"], "Secure"));
    EXPECT_TRUE(has(secure.headers["set-cookie"], "Secure"));
    // The server's own answers: a body larger than it accepts (413), a request it cannot read
    // (400).
    for (bool tls : {false, true}) {
        std::string proto = tls ? "X-Forwarded-Proto: https\r\n" : "";
        auto too_big = raw_request(port, "POST /imports HTTP/1.1\r\nHost: x\r\n" + proto +
                                             "Content-Length: 67108865\r\n\r\nabc");
        EXPECT_EQ(too_big.status, 413);
        expect_security_headers(too_big, tls, "413");
        auto unreadable = raw_request(port, "GET / HTTP/1.1\r\nHost x\r\n\r\n");
        EXPECT_EQ(unreadable.status, 400);
        expect_security_headers(unreadable, false, "400");
    }
}

// ---- upload limits ----

namespace {

// A multipart upload of a counts file to /imports, the token in the body; the answer.
std::string counts_upload(const std::string& content, const std::string& token,
                          const std::string& boundary) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
           token + "\r\n--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncounts\r\n--" + boundary +
           "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
           "Content-Type: text/csv\r\n\r\n" +
           content + "\r\n--" + boundary + "--\r\n";
}

}  // namespace

TEST_P(WebSecurityTest, AnUploadOverTheLimitIs413AndImportsNothing) {
    Browser olivia = as("olivia");
    const std::string token = Browser::token_in(olivia.get("/imports").body);
    const std::string cookie = "Cookie: " + olivia.cookie_header() + "\r\n";
    const std::string type = "Content-Type: multipart/form-data; boundary=b\r\n";
    const size_t imports = store::import_log(*db_).size();
    // The app as served (a 64 MB limit): a body announced larger is refused before it is sent.
    std::string start = counts_upload("area_code,indicator,month,value\n", token, "b");
    auto announced =
        raw_request(app_->port(), "POST /imports HTTP/1.1\r\nHost: x\r\n" + cookie + type +
                                      "Content-Length: " + std::to_string(64 * 1024 * 1024 + 1) +
                                      "\r\n\r\n" + start.substr(0, 200));
    EXPECT_EQ(announced.status, 413);
    EXPECT_TRUE(has(announced.body, "larger than this server accepts"));

    // The same application served with a limit of 256 KB, over a real socket.
    web::AppOptions o;
    o.database = target_;
    o.templates_dir = SCRUTINEER_WEB_DIR "/templates";
    o.static_dir = SCRUTINEER_WEB_DIR "/static";
    o.govuk_dir = SCRUTINEER_GOVUK_DIR;
    web::App app(o);
    web::ServerOptions so;
    so.port = 0;
    so.threads = 2;
    so.max_body_bytes = 256 * 1024;
    web::Server server(so, [&app](const web::Request& r) { return app.handle(r); });
    std::thread serving([&server] { server.run(false); });
    server.wait_until_listening();
    const unsigned short port = server.port();
    std::string rows;
    for (int i = 0; rows.size() < 300 * 1024; ++i)
        rows += fmt::format("E10000020,Over the limit {},2020-01,{}\n", i, i);
    const std::string big = counts_upload("area_code,indicator,month,value\n" + rows, token, "b");
    ASSERT_GT(big.size(), so.max_body_bytes);
    // With its length given,
    auto over =
        raw_request(port, "POST /imports HTTP/1.1\r\nHost: x\r\n" + cookie + type +
                              "Content-Length: " + std::to_string(big.size()) + "\r\n\r\n" + big);
    EXPECT_EQ(over.status, 413);
    expect_security_headers(over, false, "413");
    // and sent in chunks with no length given.
    std::string chunked;
    for (size_t at = 0; at < big.size(); at += 16384) {
        std::string part = big.substr(at, 16384);
        chunked += fmt::format("{:x}\r\n", part.size()) + part + "\r\n";
    }
    chunked += "0\r\n\r\n";
    auto over_chunked = raw_request(port, "POST /imports HTTP/1.1\r\nHost: x\r\n" + cookie + type +
                                              "Transfer-Encoding: chunked\r\n\r\n" + chunked);
    EXPECT_EQ(over_chunked.status, 413);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(store::import_log(*db_).size(), imports) << "an upload over the limit was imported";
    // A file under the limit is imported.
    std::string small = counts_upload(counts_file("Under the limit", 24), token, "b");
    auto under = raw_request(port, "POST /imports HTTP/1.1\r\nHost: x\r\n" + cookie + type +
                                       "Content-Length: " + std::to_string(small.size()) +
                                       "\r\nConnection: close\r\n\r\n" + small);
    ASSERT_EQ(under.status, 303) << under.body.substr(0, 300);
    for (int i = 0; i < 200 && store::import_log(*db_).size() == imports; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(store::import_log(*db_).size(), imports + 1);
    server.stop();
    serving.join();
}

// ---- the audit log ----

namespace {

struct AuditRow {
    std::string at, actor, action, detail;
};

}  // namespace

TEST_P(WebSecurityTest, TheAuditLogHasSignInsPermissionChangesAndEveryViewOrChangeOfACase) {
    auto last_id = [&] {
        return store::as_int(db_->query("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]);
    };
    auto audit_since = [&](int64_t from) {
        std::vector<AuditRow> out;
        for (const auto& r : db_->query("SELECT occurred_at, actor, action, detail FROM audit_log "
                                        "WHERE id > ? ORDER BY id",
                                        {store::integer(from)}))
            out.push_back({store::as_text(r[0]), store::as_text(r[1]), store::as_text(r[2]),
                           store::as_text(r[3])});
        return out;
    };
    const std::string today = to_string(date_of(std::chrono::system_clock::now()));
    auto find = [&](const std::vector<AuditRow>& rows, const std::string& actor,
                    const std::string& action, const std::string& detail) {
        for (const auto& r : rows)
            if (r.actor == actor && r.action == action && has(r.detail, detail) &&
                r.at.rfind(today, 0) == 0)
                return true;
        return false;
    };

    // Signing in, failing to, signing out; a user created and a role changed.
    int64_t mark = last_id();
    Browser b{app_->port(), {}};
    EXPECT_EQ(b.sign_in("olivia", "not the password at all").status, 401);
    ASSERT_EQ(b.sign_in("ada", kPassword).status, 303);
    ASSERT_EQ(b.post_fields("/admin/users",
                            {{"username", "newbie"},
                             {"display_name", "New Person"},
                             {"role", "panel_member"},
                             {"password", kPassword}},
                            "/admin/users")
                  .status,
              303);
    store::set_role(*db_, "newbie", Role::officer, "ada");
    ASSERT_EQ(b.post_form("/logout", "", "/").status, 303);
    auto rows = audit_since(mark);
    EXPECT_TRUE(find(rows, "olivia", "sign-in failed", "from 127.0.0.1"));
    EXPECT_TRUE(find(rows, "ada", "signed in", "from 127.0.0.1"));
    EXPECT_TRUE(find(rows, "ada", "user created", "newbie (New Person) as panel_member"));
    EXPECT_TRUE(find(rows, "ada", "role changed", "newbie is now officer"));
    EXPECT_TRUE(find(rows, "ada", "signed out", ""));

    // Every view of a case's personal data, in the case's own log: who, when, what.
    const AsbCase* c = nullptr;
    for (const auto& x : cases_)
        if (!x.letters.empty()) c = &x;
    ASSERT_TRUE(c);
    auto log_of = [&](int64_t case_id) { return store::load_case_access_log(*db_, case_id); };
    // The rows a case's log gained since it had `from` (the log is newest first).
    auto log_since = [&](int64_t case_id, size_t from) {
        auto log = log_of(case_id);
        log.resize(log.size() - from);
        return log;
    };
    auto logged = [&](int64_t case_id, size_t from, const std::string& actor,
                      const std::string& action, const std::string& detail = "") {
        for (const auto& row : log_since(case_id, from))
            if (row.actor == actor && has(row.action, action) && has(row.detail, detail) &&
                row.at.rfind(today, 0) == 0)
                return true;
        return false;
    };
    Browser cass = as("cass"), olivia = as("olivia"), pat = as("pat");
    std::string url = "/asb/cases/" + id(c->id);
    const CaseLetter& letter = c->letters.front();
    std::string letter_url = url + "/letters/" + id(letter.id);
    size_t before = log_of(c->id).size();
    ASSERT_EQ(cass.get(url).status, 200);
    ASSERT_EQ(olivia.get(url).status, 200);  // the page without its personal data: still logged
    ASSERT_EQ(pat.get(url).status, 403);     // refused: nothing seen, nothing logged
    for (const char* form : {"", ".pdf", ".docx"})
        ASSERT_EQ(cass.get(letter_url + form).status, 200) << form;
    EXPECT_TRUE(logged(c->id, before, "cass", "viewed"));
    EXPECT_TRUE(logged(c->id, before, "olivia", "viewed"));
    EXPECT_FALSE(logged(c->id, before, "pat", ""));
    std::string name = label(letter.kind);
    EXPECT_TRUE(logged(c->id, before, "cass", "viewed " + name));
    EXPECT_TRUE(logged(c->id, before, "cass", "viewed " + name + " (PDF)"));
    EXPECT_TRUE(logged(c->id, before, "cass", "viewed " + name + " (DOCX)"));
    // Lists with the victims' names: each case listed is logged for the roles shown the names,
    // every time (no kept page skips the log), and not for roles shown none.
    std::map<int64_t, size_t> start;
    for (const auto& x : cases_) start[x.id] = log_of(x.id).size();
    std::string list_page;
    for (int round = 0; round < 2; ++round) {
        auto r = cass.get("/asb/cases");
        ASSERT_EQ(r.status, 200);
        list_page = r.body;
    }
    ASSERT_EQ(olivia.get("/asb/cases").status, 200);
    ASSERT_EQ(cass.get("/asb").status, 200);
    int cases_listed = 0;
    for (const auto& x : cases_) {
        bool on_the_list = has(list_page, x.reference);
        cases_listed += on_the_list;
        int listed = 0;
        for (const auto& row : log_since(x.id, start[x.id]))
            if (row.action == "listed in the case list") {
                EXPECT_EQ(row.actor, "cass");
                ++listed;
            }
        EXPECT_EQ(listed, on_the_list ? 2 : 0) << x.reference;
    }
    EXPECT_GE(cases_listed, 3);
    std::string dashboard = unescaped(cass.get("/asb").body);
    for (const auto& x : cases_)
        if (!x.victim.name.empty() && has(dashboard, x.victim.name)) {
            EXPECT_TRUE(logged(x.id, start[x.id], "cass", "listed on the dashboard"))
                << x.reference;
        }

    // Every change of a case: a row in its log and an audit row naming its reference (never a
    // person), for every step the case workers' forms record.
    int changes = 0;
    for (const auto& s : submissions()) {
        if (s.route.rfind("POST /asb/cases/{id}/", 0) != 0) continue;
        SCOPED_TRACE(s.route);
        std::map<int64_t, size_t> was;
        for (const auto& x : cases_) was[x.id] = log_of(x.id).size();
        int64_t audit_mark = last_id();
        auto r = submit(cass, s, "Plain text");
        ASSERT_EQ(r.status, 303) << error_summary(r.body);
        auto changed =
            web::parse_id(web::path_segments(without_fragment(r.headers["location"])).at(2));
        ASSERT_TRUE(changed);
        auto log = log_since(*changed, was[*changed]);
        ASSERT_FALSE(log.empty());
        EXPECT_EQ(log.front().actor, "cass");
        EXPECT_NE(log.front().action, "viewed");
        std::string reference = store::load_case(*db_, *changed, Role::administrator)->reference;
        auto audit = audit_since(audit_mark);
        ASSERT_FALSE(audit.empty());
        EXPECT_EQ(audit.back().actor, "cass");
        EXPECT_EQ(audit.back().action.rfind("asb_case.", 0), 0u) << audit.back().action;
        EXPECT_EQ(audit.back().detail.rfind(reference, 0), 0u) << audit.back().detail;
        EXPECT_TRUE(find(audit, "cass", audit.back().action, reference));
        ++changes;
    }
    EXPECT_GE(changes, 5);
    // A form sent back with its errors shows the case again: a view, logged; nothing changed.
    int64_t open_case = 0;
    for (const auto& x : cases_)
        if (!x.closed_on && !open_case) open_case = x.id;
    std::string open_url = "/asb/cases/" + id(open_case);
    size_t was = log_of(open_case).size();
    int64_t audit_mark = last_id();
    auto refused = cass.post_fields(open_url + "/close", {{"closed_on", "not a date"}}, open_url);
    EXPECT_EQ(refused.status, 400);
    EXPECT_TRUE(logged(open_case, was, "cass", "viewed", "sent back"));
    EXPECT_TRUE(audit_since(audit_mark).empty());
    // Applications: through the public form and entered by staff.
    for (const auto& s : submissions()) {
        if (s.route != "POST /asb-case-review/apply" && s.route != "POST /asb/cases/new") continue;
        bool staff = s.route == "POST /asb/cases/new";
        Browser who = staff ? as("cass") : as(kViewers[0]);
        int64_t audit_at = last_id();
        auto r = submit(who, s, "An applicant's own words");
        ASSERT_EQ(r.status, 303) << error_summary(r.body);
        auto audit = audit_since(audit_at);
        ASSERT_FALSE(audit.empty());
        std::string reference = audit.back().detail;
        auto stored = store::load_case_by_reference(*db_, reference, Role::administrator);
        ASSERT_TRUE(stored) << reference;
        EXPECT_EQ(audit.back().actor, staff ? "cass" : "public");
        EXPECT_TRUE(logged(stored->id, 0, staff ? "cass" : "public",
                           staff ? "entered the application" : "applied through the web form"));
    }
}

// Issue 18, "Nobody can fill the store": no form stores text over 10,000 characters or with a
// NUL. Every form's text is checked before its handler runs (form_text.hpp), so a form added
// later is covered too.
TEST_P(WebSecurityTest, NoFormStoresTextOverTheLimitOrWithControlCharacters) {
    Browser ada = as("ada");
    int refused = 0;
    std::set<std::string> routes;
    for (const auto& s : submissions()) {
        bool has_text = false;
        for (const auto& [k, v] : s.fields) has_text = has_text || has(v, "{text}");
        if (!has_text) continue;
        SCOPED_TRACE(s.route);
        for (const std::string& text :
             {std::string(10'001, 'x'), std::string("Text\0with a NUL", 15)}) {
            auto forms = filled(ada, s, text);
            if (forms.empty()) continue;  // a form shown only after another form's change
            routes.insert(s.route);
            std::string before = fingerprint(*db_);  // (after the pages' own access log rows)
            for (const Form& f : forms) {
                auto r = ada.post(f.action, f.body());
                EXPECT_EQ(r.status, 400) << error_summary(r.body);
                EXPECT_TRUE(has(r.body, "govuk-error-summary"));
                ++refused;
            }
            EXPECT_TRUE(fingerprint(*db_) == before) << "the store changed";
        }
    }
    EXPECT_GE(routes.size(), 30u);
    std::cout << "[ text ] " << refused << " posts of over-long or NUL text to " << routes.size()
              << " routes refused\n";
}

INSTANTIATE_STORE_TESTS(WebSecurityTest);
