// The ASB Case Review demo file (data/demo/case-reviews.json, format
// "scrutineer-case-reviews/1"): agencies, each district's contact, the peer review rota and cases
// with their steps. Agencies, peer reviewers and a case's lead agency, panel and actions are
// named, not numbered; letters are given by kind, date and signer and composed with
// compose_letter as the app composes them. Agencies, contacts and reviewers are saved by their
// natural keys, a case only when its reference is not yet stored: loading twice changes
// nothing. The whole file is read before anything is written, and written in one transaction.
#include <fmt/format.h>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "scrutineer/bank_holiday_store.hpp"
#include "scrutineer/case_review_letters.hpp"
#include "scrutineer/case_review_store.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"

namespace scrutineer::store {
namespace {

using json = nlohmann::json;
using Fields = JsonFields;

constexpr const char* kFormat = "scrutineer-case-reviews/1";

struct FileLetter {
    LetterKind kind = LetterKind::a;
    CalendarDate dated;
    std::string signer_name;
    std::string signer_title;
    std::string signer_agency;
    std::string where;
};

struct FileAction {
    CaseAction action;
    std::string owner;
};

// A case as the file gives it: agencies and the reviewer by name, resolved when written.
struct FileCase {
    AsbCase c;
    std::string where;
    std::string lead_agency;
    std::vector<std::pair<std::string, std::optional<CalendarDate>>> returns;
    std::vector<std::string> panel_agencies;
    std::string peer_reviewer;
    std::vector<FileAction> actions;
    std::vector<FileLetter> letters;
};

// A person's details; empty when the file gives none.
Person person_at(const Fields& f, const char* key) {
    if (!f.has(key)) return {};
    Fields p(f.obj[key], f.name(key), f.path, {"name", "address", "postcode", "phone", "email"});
    return {p.text("name", false), p.text("address", false), p.text("postcode", false),
            p.text("phone", false), p.text("email", false)};
}

FileCase read_case(const Fields& f) {
    FileCase out;
    out.where = f.where;
    AsbCase& c = out.c;
    c.reference = f.text("reference");
    c.district_code = f.text("district_code");
    c.channel = f.code("channel", parse_application_channel,
                       "web_form, telephone, letter, email, reception");
    c.received = f.date("received");
    c.entered_by = f.text("entered_by");
    c.victim = person_at(f, "victim");
    c.third_party = f.flag("third_party", false);
    c.applicant = person_at(f, "applicant");
    c.applicant_relationship = f.text("applicant_relationship", false);
    c.victim_consent = f.flag("victim_consent", false);
    c.summary = f.text("summary", false);
    if (f.has("facts")) {
        Fields k(f.obj["facts"], f.name("facts"), f.path,
                 {"drug_alcohol_or_mental_health", "perpetrator_under_18", "victim_under_18"});
        c.facts = {k.flag("drug_alcohol_or_mental_health", false),
                   k.flag("perpetrator_under_18", false), k.flag("victim_under_18", false)};
    }
    const json& complaints = f.list("complaints", true);
    for (size_t i = 0; i < complaints.size(); ++i) {
        Fields k(complaints[i], f.item("complaints", i), f.path,
                 {"incident", "reporter", "behaviour_date", "reported_date", "reported_to",
                  "reference", "description"});
        Complaint m;
        m.incident = k.text("incident");
        m.reporter = k.has("reporter") ? k.text("reporter") : "victim";
        m.behaviour_date = k.date("behaviour_date");
        m.reported_date = k.date("reported_date");
        m.reported_to = k.text("reported_to");
        m.reference = k.text("reference", false);
        m.description = k.text("description", false);
        c.complaints.push_back(std::move(m));
    }
    if (f.has("threshold"))
        c.threshold = f.code("threshold", parse_threshold_outcome,
                             "undecided, met, not_met, review_below_threshold");
    auto grounds = f.texts("review_grounds");
    for (size_t i = 0; i < grounds.size(); ++i) {
        auto g = parse_review_ground(grounds[i]);
        if (!g)
            throw InputError(f.path, 0, f.item("review_grounds", i),
                             fmt::format("'{}' is not a ground: persistence, harm or "
                                         "adequacy_of_response",
                                         grounds[i]));
        c.review_grounds.insert(*g);
    }
    c.threshold_reasons = f.text("threshold_reasons", false);
    out.lead_agency = f.text("lead_agency", false);
    c.lead_agency_independence = f.text("lead_agency_independence", false);
    c.lead_agency_appointed_on = f.optional_date("lead_agency_appointed_on");
    c.information_requested_on = f.optional_date("information_requested_on");
    const json& returns = f.list("information_returns");
    for (size_t i = 0; i < returns.size(); ++i) {
        Fields r(returns[i], f.item("information_returns", i), f.path, {"agency", "returned_on"});
        out.returns.emplace_back(r.text("agency"), r.optional_date("returned_on"));
    }
    c.initial_review_received_on = f.optional_date("initial_review_received_on");
    c.panel_date = f.optional_date("panel_date");
    out.panel_agencies = f.texts("panel_agencies");
    out.peer_reviewer = f.text("peer_reviewer", false);
    if (f.has("panel_outcome"))
        c.panel_outcome = f.code("panel_outcome", parse_panel_outcome,
                                 "undecided, no_further_action, action_plan");
    c.panel_findings = f.text("panel_findings", false);
    const json& actions = f.list("actions");
    for (size_t i = 0; i < actions.size(); ++i) {
        Fields a(actions[i], f.item("actions", i), f.path,
                 {"action", "owner", "due", "completed_on"});
        FileAction fa;
        fa.action.action = a.text("action");
        fa.owner = a.text("owner");
        fa.action.due = a.date("due");
        fa.action.completed_on = a.optional_date("completed_on");
        out.actions.push_back(std::move(fa));
    }
    c.longer_review_notified_on = f.optional_date("longer_review_notified_on");
    const json& letters = f.list("letters");
    for (size_t i = 0; i < letters.size(); ++i) {
        Fields l(letters[i], f.item("letters", i), f.path, {"kind", "dated", "signed_by"});
        FileLetter fl;
        fl.where = l.where;
        fl.kind = l.code("kind", parse_letter_kind, "a, b, c_i, c_ii, d, e");
        fl.dated = l.date("dated");
        if (!l.has("signed_by")) l.fail("signed_by", "is missing");
        Fields s(l.obj["signed_by"], l.name("signed_by"), f.path, {"name", "title", "agency"});
        fl.signer_name = s.text("name");
        fl.signer_title = s.text("title");
        fl.signer_agency = s.text("agency");
        out.letters.push_back(std::move(fl));
    }
    if (f.has("appeal")) {
        Fields a(f.obj["appeal"], f.name("appeal"), f.path,
                 {"lodged_on", "against", "grounds", "escalated_on", "inspector",
                  "referred_to_district_code", "referred_on", "outcome", "decided_on",
                  "decision_notes", "pcc_notified_on"});
        Appeal ap;
        ap.lodged_on = a.date("lodged_on");
        ap.against = a.code("against", parse_appeal_against, "threshold_decision, review");
        ap.grounds = a.text("grounds", false);
        ap.escalated_on = a.optional_date("escalated_on");
        ap.inspector = a.text("inspector", false);
        ap.referred_to_district_code = a.text("referred_to_district_code", false);
        ap.referred_on = a.optional_date("referred_on");
        if (a.has("outcome"))
            ap.outcome = a.code("outcome", parse_appeal_outcome, "undecided, upheld, not_upheld");
        ap.decided_on = a.optional_date("decided_on");
        ap.decision_notes = a.text("decision_notes", false);
        ap.pcc_notified_on = a.optional_date("pcc_notified_on");
        c.appeal = std::move(ap);
    }
    c.closed_on = f.optional_date("closed_on");
    return out;
}

struct CaseReviewFile {
    std::vector<std::pair<std::string, Agency>> agencies;  // where, agency
    std::vector<std::pair<std::string, CaseReviewContact>> contacts;
    std::vector<std::pair<std::string, PeerReviewer>> reviewers;
    std::vector<FileCase> cases;
};

CaseReviewFile parse_case_review_file(const std::string& content, const std::string& path) {
    json j = parse_json(content, path);
    Fields top(j, "", path,
               {"format", "source", "note", "agencies", "contacts", "peer_reviewers", "cases"});
    top.require_format(kFormat, "case-reviews");
    CaseReviewFile out;
    std::set<std::string> names;
    const json& agencies = top.list("agencies");
    for (size_t i = 0; i < agencies.size(); ++i) {
        Fields f(agencies[i], json_item("agencies", i), path, {"name", "kind", "district_code"});
        Agency a;
        a.name = f.text("name");
        a.kind = f.code("kind", parse_agency_kind,
                        "district_council, police, housing_provider, health, "
                        "youth_offending_team, childrens_services, county_council, other");
        a.district_code = f.text("district_code", false);
        if (a.kind == AgencyKind::district_council && a.district_code.empty())
            f.fail("district_code", "is missing: a district council needs its district's code");
        if (!names.insert(a.name).second)
            f.fail("name", fmt::format("'{}' is given twice", a.name));
        out.agencies.emplace_back(f.where, std::move(a));
    }
    std::set<std::string> districts;
    const json& contacts = top.list("contacts");
    for (size_t i = 0; i < contacts.size(); ++i) {
        Fields f(contacts[i], json_item("contacts", i), path,
                 {"district_code", "district_name", "council_name", "spoc_name", "spoc_title",
                  "spoc_phone", "spoc_email", "asb_team_phone", "opt_inspector"});
        CaseReviewContact c{
            f.text("district_code"), f.text("district_name"),     f.text("council_name"),
            f.text("spoc_name"),     f.text("spoc_title", false), f.text("spoc_phone"),
            f.text("spoc_email"),    f.text("asb_team_phone"),    f.text("opt_inspector")};
        if (!districts.insert(c.district_code).second)
            f.fail("district_code", fmt::format("'{}' is given twice", c.district_code));
        out.contacts.emplace_back(f.where, std::move(c));
    }
    std::set<std::string> reviewer_names;
    const json& reviewers = top.list("peer_reviewers");
    for (size_t i = 0; i < reviewers.size(); ++i) {
        Fields f(reviewers[i], json_item("peer_reviewers", i), path,
                 {"name", "council", "district_code", "position", "active"});
        PeerReviewer p;
        p.name = f.text("name");
        p.council = f.text("council");
        p.district_code = f.text("district_code", false);
        p.position = f.required_whole("position");
        if (p.position < 1) f.fail("position", "must be 1 or more");
        p.active = f.flag("active", true);
        if (!reviewer_names.insert(p.name).second)
            f.fail("name", fmt::format("'{}' is given twice", p.name));
        out.reviewers.emplace_back(f.where, std::move(p));
    }
    std::set<std::string> references;
    const json& cases = top.list("cases");
    for (size_t i = 0; i < cases.size(); ++i) {
        Fields f(cases[i], json_item("cases", i), path,
                 {"reference",
                  "district_code",
                  "channel",
                  "received",
                  "entered_by",
                  "victim",
                  "third_party",
                  "applicant",
                  "applicant_relationship",
                  "victim_consent",
                  "summary",
                  "facts",
                  "complaints",
                  "threshold",
                  "review_grounds",
                  "threshold_reasons",
                  "lead_agency",
                  "lead_agency_independence",
                  "lead_agency_appointed_on",
                  "information_requested_on",
                  "information_returns",
                  "initial_review_received_on",
                  "panel_date",
                  "panel_agencies",
                  "peer_reviewer",
                  "panel_outcome",
                  "panel_findings",
                  "actions",
                  "longer_review_notified_on",
                  "letters",
                  "appeal",
                  "closed_on"});
        FileCase fc = read_case(f);
        if (!references.insert(fc.c.reference).second)
            f.fail("reference", fmt::format("'{}' is given twice", fc.c.reference));
        out.cases.push_back(std::move(fc));
    }
    return out;
}

using AgencyIdOf = std::function<int64_t(const std::string& name, const std::string& field)>;

// Composes the case's letters in turn, each from the case with the letters before it.
void write_letters(Database& db, int64_t id, const FileCase& fc, const std::string& path,
                   const AgencyIdOf& agency_id, const std::map<std::string, Agency>& agencies,
                   const CaseReviewSettings& settings, const BankHolidays& holidays) {
    const AsbCase& c = fc.c;
    auto contact = load_case_review_contact(db, c.district_code);
    if (!contact)
        throw InputError(path, 0, fc.where + ".district_code",
                         fmt::format("'{}' has no contact (give it under contacts): its letters "
                                     "need the district's ASB team",
                                     c.district_code));
    std::map<int64_t, std::string> names;
    for (const auto& [name, a] : agencies) names[a.id] = name;
    for (const FileLetter& fl : fc.letters) {
        AsbCase stored = *load_case(db, id, Role::administrator);
        LetterContext ctx;
        ctx.dated = fl.dated;
        ctx.contact = *contact;
        ctx.signer = {fl.signer_name, fl.signer_title,
                      agency_id(fl.signer_agency, fl.where + ".signed_by.agency"),
                      fl.signer_agency};
        ctx.agency_names = names;
        ctx.clocks = settings.clocks;
        ctx.holidays = holidays;
        try {
            add_case_letter(db, id, compose_letter(stored, fl.kind, ctx));
        } catch (const std::invalid_argument& e) {
            throw InputError(path, 0, fl.where, e.what());
        }
    }
}

// Writes one case (not yet stored) and composes its letters.
void write_case(Database& db, const FileCase& fc, const std::string& path,
                const std::map<std::string, Agency>& agencies,
                const std::map<std::string, int64_t>& reviewers, const CaseReviewSettings& settings,
                const BankHolidays& holidays) {
    auto agency_id = [&](const std::string& name, const std::string& field) {
        auto it = agencies.find(name);
        if (it == agencies.end())
            throw InputError(path, 0, field,
                             fmt::format("'{}' is not an agency (give it under agencies)", name));
        return it->second.id;
    };
    AsbCase c = fc.c;
    if (!fc.lead_agency.empty())
        c.lead_agency_id = agency_id(fc.lead_agency, fc.where + ".lead_agency");
    for (size_t i = 0; i < fc.returns.size(); ++i)
        c.information_returns.push_back(
            {agency_id(fc.returns[i].first,
                       fmt::format("{}.information_returns[{}].agency", fc.where, i)),
             fc.returns[i].second});
    for (size_t i = 0; i < fc.panel_agencies.size(); ++i)
        c.panel_agency_ids.push_back(
            agency_id(fc.panel_agencies[i], fmt::format("{}.panel_agencies[{}]", fc.where, i)));
    if (!fc.peer_reviewer.empty()) {
        auto it = reviewers.find(fc.peer_reviewer);
        if (it == reviewers.end())
            throw InputError(path, 0, fc.where + ".peer_reviewer",
                             fmt::format("'{}' is not a peer reviewer (give them under "
                                         "peer_reviewers)",
                                         fc.peer_reviewer));
        c.peer_reviewer_id = it->second;
    }
    for (size_t i = 0; i < fc.actions.size(); ++i) {
        CaseAction a = fc.actions[i].action;
        a.owner_agency_id =
            agency_id(fc.actions[i].owner, fmt::format("{}.actions[{}].owner", fc.where, i));
        c.actions.push_back(std::move(a));
    }
    // The case is written as it stood before its letters, which are composed from it one by
    // one; then the appeal and the closure, which need the letters sent.
    std::optional<Appeal> appeal = c.appeal;
    std::optional<CalendarDate> closed_on = c.closed_on;
    c.appeal.reset();
    c.closed_on.reset();
    int64_t id;
    try {
        id = create_case_with_reference(db, c);
    } catch (const CaseInvalid& e) {
        throw InputError(path, 0, fc.where + "." + e.field, e.problem);
    } catch (const std::invalid_argument& e) {
        throw InputError(path, 0, fc.where + ".reference", e.what());
    }
    if (!fc.letters.empty())
        write_letters(db, id, fc, path, agency_id, agencies, settings, holidays);
    if (!appeal && !closed_on) return;
    AsbCase stored = *load_case(db, id, Role::administrator);
    stored.appeal = appeal;
    stored.closed_on = closed_on;
    try {
        save_case(db, stored);
    } catch (const CaseInvalid& e) {
        throw InputError(path, 0, fc.where + "." + e.field, e.problem);
    }
}

}  // namespace

void load_case_review_file(Database& db, const std::string& path) {
    CaseReviewFile file = parse_case_review_file(read_file(path), path);
    Transaction tx(db);
    std::map<std::string, Agency> agencies;
    for (const Agency& a : load_agencies(db)) agencies[a.name] = a;
    for (auto [where, a] : file.agencies) {
        try {
            a.id = save_agency(db, a);
        } catch (const std::invalid_argument& e) {
            throw InputError(path, 0, where, e.what());
        }
        agencies[a.name] = a;
    }
    for (const auto& [where, c] : file.contacts) {
        try {
            save_case_review_contact(db, c);
        } catch (const std::invalid_argument& e) {
            throw InputError(path, 0, where, e.what());
        }
    }
    std::map<std::string, int64_t> reviewers;
    for (const PeerReviewer& p : load_peer_reviewers(db)) reviewers[p.name] = p.id;
    for (const auto& [where, p] : file.reviewers) {
        try {
            reviewers[p.name] = save_peer_reviewer(db, p);
        } catch (const std::invalid_argument& e) {
            throw InputError(path, 0, where, e.what());
        }
    }
    CaseReviewSettings settings = load_case_review_settings(db);
    BankHolidays holidays = load_bank_holidays(db);
    for (const FileCase& fc : file.cases) {
        if (load_case_by_reference(db, fc.c.reference, Role::administrator)) continue;
        write_case(db, fc, path, agencies, reviewers, settings, holidays);
    }
    tx.commit();
}

}  // namespace scrutineer::store
