#include "scrutineer/case_review_store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "scrutineer/row_values.hpp"

namespace scrutineer::store {
namespace {

using json = nlohmann::json;

std::string now_utc() {
    return fmt::format("{:%Y-%m-%d %H:%M:%S}", fmt::gmtime(std::chrono::system_clock::now()));
}

bool exists(Database& db, const char* table, int64_t id) {
    // sql-check: table is a literal table name from this file's callers
    return !db.query(fmt::format("SELECT id FROM {} WHERE id = ?", table), {integer(id)}).empty();
}

// 0 means "none" in the domain's ids.
Value nonzero_id_or_null(int64_t id) {
    return id != 0 ? integer(id) : null_value;
}

// ---- agencies, contacts, reviewers ----

const char* kAgencyColumns = "id, name, kind, district_code";

Agency agency_from(const Row& r) {
    Agency a;
    a.id = as_int(r[0]);
    a.name = as_text(r[1]);
    a.kind = parsed(r[2], parse_agency_kind, "agency kind");
    a.district_code = as_text(r[3]);
    return a;
}

const char* kContactColumns =
    "district_code, district_name, council_name, spoc_name, spoc_title, spoc_phone, spoc_email, "
    "asb_team_phone, opt_inspector";

CaseReviewContact contact_from(const Row& r) {
    return {as_text(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3]), as_text(r[4]),
            as_text(r[5]), as_text(r[6]), as_text(r[7]), as_text(r[8])};
}

const char* kReviewerColumns = "id, name, council, district_code, position, active";

PeerReviewer reviewer_from(const Row& r) {
    PeerReviewer p;
    p.id = as_int(r[0]);
    p.name = as_text(r[1]);
    p.council = as_text(r[2]);
    p.district_code = as_text(r[3]);
    p.position = static_cast<int>(as_int(r[4]));
    p.active = as_flag(r[5]);
    return p;
}

// ---- settings ----

enum class SettingType { count, optional_count, counting };

struct KnownSetting {
    const char* name;
    SettingType type;
    int* (*field)(CaseReviewSettings&);  // for counts
};

constexpr KnownSetting kSettings[] = {
    {"min_qualifying", SettingType::count,
     [](CaseReviewSettings& s) { return &s.threshold.min_qualifying; }},
    {"alt_min_reporters", SettingType::optional_count, nullptr},
    {"report_within_months", SettingType::count,
     [](CaseReviewSettings& s) { return &s.threshold.report_within_months; }},
    {"apply_within_months", SettingType::count,
     [](CaseReviewSettings& s) { return &s.threshold.apply_within_months; }},
    {"acknowledgement_working_days", SettingType::count,
     [](CaseReviewSettings& s) { return &s.clocks.acknowledgement; }},
    {"threshold_decision_working_days", SettingType::count,
     [](CaseReviewSettings& s) { return &s.clocks.threshold_decision; }},
    {"case_information_working_days", SettingType::count,
     [](CaseReviewSettings& s) { return &s.clocks.case_information; }},
    {"initial_review_working_days", SettingType::count,
     [](CaseReviewSettings& s) { return &s.clocks.initial_review; }},
    {"outcome_letter_working_days", SettingType::count,
     [](CaseReviewSettings& s) { return &s.clocks.outcome_letter; }},
    {"whole_review_working_days", SettingType::count,
     [](CaseReviewSettings& s) { return &s.clocks.whole_review; }},
    {"appeal_days", SettingType::count, [](CaseReviewSettings& s) { return &s.clocks.appeal; }},
    {"appeal_counting", SettingType::counting, nullptr},
    {"retention_months", SettingType::count,
     [](CaseReviewSettings& s) { return &s.retention_months; }},
};

const KnownSetting* find_setting(const std::string& name) {
    for (const auto& k : kSettings)
        if (name == k.name) return &k;
    return nullptr;
}

std::optional<int> whole_number(const std::string& value) {
    int n = 0;
    const char* end = value.data() + value.size();
    auto [p, ec] = std::from_chars(value.data(), end, n);
    if (value.empty() || ec != std::errc() || p != end) return std::nullopt;
    return n;
}

// Sets the setting's value on `s`; the problem with the value in words, or nothing.
std::optional<std::string> apply_setting(CaseReviewSettings& s, const KnownSetting& k,
                                         const std::string& value) {
    switch (k.type) {
        case SettingType::count: {
            auto n = whole_number(value);
            if (!n) return fmt::format("'{}' is not a whole number", value);
            *k.field(s) = *n;
            return std::nullopt;
        }
        case SettingType::optional_count: {
            if (value.empty()) {
                s.threshold.alt_min_reporters.reset();
                return std::nullopt;
            }
            auto n = whole_number(value);
            if (!n)
                return fmt::format("'{}' is not a whole number (leave it empty for none)", value);
            s.threshold.alt_min_reporters = *n;
            return std::nullopt;
        }
        case SettingType::counting: {
            auto c = parse_counting(value);
            if (!c)
                return fmt::format(
                    "'{}' is not a way of counting: 'days_after' or 'working_days_after'", value);
            s.clocks.appeal_counting = *c;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// ---- cases ----

const char* kCaseColumns =
    "id, reference, district_code, channel, received, entered_by, victim_name, victim_address, "
    "victim_postcode, victim_phone, victim_email, third_party, applicant_name, "
    "applicant_address, applicant_postcode, applicant_phone, applicant_email, "
    "applicant_relationship, victim_consent, summary, drug_alcohol_or_mental_health, "
    "perpetrator_under_18, victim_under_18, threshold, threshold_reasons, lead_agency_id, "
    "lead_agency_independence, lead_agency_appointed_on, information_requested_on, "
    "initial_review_received_on, panel_date, peer_reviewer_id, panel_outcome, panel_findings, "
    "longer_review_notified_on, closed_on, anonymised_on";

// The case row's values after id and reference, in kCaseColumns order.
std::vector<Value> case_values(const AsbCase& c) {
    return {text(c.district_code),
            text(to_string(c.channel)),
            date_value(c.received),
            text(c.entered_by),
            text(c.victim.name),
            text(c.victim.address),
            text(c.victim.postcode),
            text(c.victim.phone),
            text(c.victim.email),
            flag(c.third_party),
            text(c.applicant.name),
            text(c.applicant.address),
            text(c.applicant.postcode),
            text(c.applicant.phone),
            text(c.applicant.email),
            text(c.applicant_relationship),
            flag(c.victim_consent),
            text(c.summary),
            flag(c.facts.drug_alcohol_or_mental_health),
            flag(c.facts.perpetrator_under_18),
            flag(c.facts.victim_under_18),
            text(to_string(c.threshold)),
            text(c.threshold_reasons),
            id_or_null(c.lead_agency_id),
            text(c.lead_agency_independence),
            date_or_null(c.lead_agency_appointed_on),
            date_or_null(c.information_requested_on),
            date_or_null(c.initial_review_received_on),
            date_or_null(c.panel_date),
            id_or_null(c.peer_reviewer_id),
            text(to_string(c.panel_outcome)),
            text(c.panel_findings),
            date_or_null(c.longer_review_notified_on),
            date_or_null(c.closed_on),
            date_or_null(c.anonymised_on)};
}

Person person_from(const Row& r, size_t at) {
    return {as_text(r[at]), as_text(r[at + 1]), as_text(r[at + 2]), as_text(r[at + 3]),
            as_text(r[at + 4])};
}

AsbCase case_from(const Row& r) {
    AsbCase c;
    c.id = as_int(r[0]);
    c.reference = as_text(r[1]);
    c.district_code = as_text(r[2]);
    c.channel = parsed(r[3], parse_application_channel, "application channel");
    c.received = date_of_value(r[4]);
    c.entered_by = as_text(r[5]);
    c.victim = person_from(r, 6);
    c.third_party = as_flag(r[11]);
    c.applicant = person_from(r, 12);
    c.applicant_relationship = as_text(r[17]);
    c.victim_consent = as_flag(r[18]);
    c.summary = as_text(r[19]);
    c.facts = {as_flag(r[20]), as_flag(r[21]), as_flag(r[22])};
    c.threshold = parsed(r[23], parse_threshold_outcome, "threshold outcome");
    c.threshold_reasons = as_text(r[24]);
    c.lead_agency_id = optional_id(r[25]);
    c.lead_agency_independence = as_text(r[26]);
    c.lead_agency_appointed_on = optional_date(r[27]);
    c.information_requested_on = optional_date(r[28]);
    c.initial_review_received_on = optional_date(r[29]);
    c.panel_date = optional_date(r[30]);
    c.peer_reviewer_id = optional_id(r[31]);
    c.panel_outcome = parsed(r[32], parse_panel_outcome, "panel outcome");
    c.panel_findings = as_text(r[33]);
    c.longer_review_notified_on = optional_date(r[34]);
    c.closed_on = optional_date(r[35]);
    c.anonymised_on = optional_date(r[36]);
    return c;
}

std::string body_json(const std::vector<LetterBlock>& body) {
    json j = json::array();
    for (const auto& b : body)
        j.push_back({{"kind", b.kind == LetterBlock::Kind::bullet ? "bullet" : "paragraph"},
                     {"text", b.text}});
    return j.dump();
}

std::vector<LetterBlock> body_from(const std::string& text) {
    std::vector<LetterBlock> out;
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw DatabaseError(fmt::format("a letter's body in the store is not JSON: {}", e.what()));
    }
    for (const auto& b : j) {
        LetterBlock block;
        std::string kind = b.at("kind").get<std::string>();
        if (kind == "bullet")
            block.kind = LetterBlock::Kind::bullet;
        else if (kind != "paragraph")
            throw DatabaseError(fmt::format("unknown letter block kind '{}' in the store", kind));
        block.text = b.at("text").get<std::string>();
        out.push_back(std::move(block));
    }
    return out;
}

// Every case matching `where` (on the table aliased c) with its child rows, in `order`.
std::vector<AsbCase> load_where(Database& db, const std::string& where,
                                const std::vector<Value>& params, const char* order) {
    std::vector<AsbCase> cases;
    std::map<int64_t, size_t> index;
    // sql-check: where and order are literals from this file's callers
    for (const auto& r : db.query(fmt::format("SELECT {} FROM case_review_cases c WHERE {} "
                                              "ORDER BY {}",
                                              kCaseColumns, where, order),
                                  params)) {
        index[as_int(r[0])] = cases.size();
        cases.push_back(case_from(r));
    }
    if (cases.empty()) return cases;
    auto children = [&](const std::string& table, const char* columns, const char* child_order) {
        // sql-check: the child tables, columns and orders are literals below; where as above
        return db.query(fmt::format("SELECT case_id, {} FROM {} WHERE case_id IN (SELECT c.id "
                                    "FROM case_review_cases c WHERE {}) ORDER BY case_id, {}",
                                    columns, table, where, child_order),
                        params);
    };
    auto of = [&](const Row& r) -> AsbCase& { return cases[index.at(as_int(r[0]))]; };
    for (const auto& r : children("case_review_grounds", "ground", "ground"))
        of(r).review_grounds.insert(parsed(r[1], parse_review_ground, "review ground"));
    for (const auto& r : children("case_review_complaints",
                                  "incident, reporter, behaviour_date, reported_date, "
                                  "reported_to, reference, description",
                                  "position"))
        of(r).complaints.push_back({as_text(r[1]), as_text(r[2]), date_of_value(r[3]),
                                    date_of_value(r[4]), as_text(r[5]), as_text(r[6]),
                                    as_text(r[7])});
    for (const auto& r :
         children("case_review_information_returns", "agency_id, returned_on", "position"))
        of(r).information_returns.push_back({as_int(r[1]), optional_date(r[2])});
    for (const auto& r : children("case_review_panel_agencies", "agency_id", "position"))
        of(r).panel_agency_ids.push_back(as_int(r[1]));
    for (const auto& r : children("case_review_actions",
                                  "id, action, owner_agency_id, due, completed_on", "position, id"))
        of(r).actions.push_back({as_int(r[1]), as_text(r[2]), r[3] ? as_int(r[3]) : 0,
                                 date_of_value(r[4]), optional_date(r[5])});
    for (const auto& r : children("case_review_letters",
                                  "id, kind, dated, addressee, address, salutation, body, "
                                  "signed_by_name, signed_by_title, signed_by_agency_id, "
                                  "signed_by_organisation",
                                  "dated, id")) {
        CaseLetter l;
        l.id = as_int(r[1]);
        l.kind = parsed(r[2], parse_letter_kind, "letter kind");
        l.dated = date_of_value(r[3]);
        l.addressee = as_text(r[4]);
        l.address = as_text(r[5]);
        l.salutation = as_text(r[6]);
        l.body = body_from(as_text(r[7]));
        l.signed_by_name = as_text(r[8]);
        l.signed_by_title = as_text(r[9]);
        l.signed_by_agency_id = r[10] ? as_int(r[10]) : 0;
        l.signed_by_organisation = as_text(r[11]);
        of(r).letters.push_back(std::move(l));
    }
    for (const auto& r : children("case_review_appeals",
                                  "lodged_on, against, grounds, escalated_on, inspector, "
                                  "referred_to_district_code, referred_on, outcome, decided_on, "
                                  "decision_notes, pcc_notified_on",
                                  "lodged_on")) {
        Appeal a;
        a.lodged_on = date_of_value(r[1]);
        a.against = parsed(r[2], parse_appeal_against, "appeal against");
        a.grounds = as_text(r[3]);
        a.escalated_on = optional_date(r[4]);
        a.inspector = as_text(r[5]);
        a.referred_to_district_code = as_text(r[6]);
        a.referred_on = optional_date(r[7]);
        a.outcome = parsed(r[8], parse_appeal_outcome, "appeal outcome");
        a.decided_on = optional_date(r[9]);
        a.decision_notes = as_text(r[10]);
        a.pcc_notified_on = optional_date(r[11]);
        of(r).appeal = std::move(a);
    }
    return cases;
}

AsbCase for_viewer(AsbCase c, Role viewer) {
    if (may_see_case_personal_data(viewer)) return c;
    return without_personal_data(c);
}

// The ids the case names must be stored: CaseInvalid naming the field otherwise.
void require_references(Database& db, const AsbCase& c) {
    auto agency = [&](int64_t id, const std::string& field) {
        if (!exists(db, "case_review_agencies", id))
            throw CaseInvalid(field, fmt::format("there is no agency {}", id));
    };
    if (c.lead_agency_id) agency(*c.lead_agency_id, "lead_agency_id");
    for (size_t i = 0; i < c.information_returns.size(); ++i)
        agency(c.information_returns[i].agency_id, fmt::format("information_returns[{}]", i));
    for (size_t i = 0; i < c.panel_agency_ids.size(); ++i)
        agency(c.panel_agency_ids[i], fmt::format("panel_agency_ids[{}]", i));
    for (size_t i = 0; i < c.actions.size(); ++i)
        if (c.actions[i].owner_agency_id != 0)
            agency(c.actions[i].owner_agency_id, fmt::format("actions[{}].owner_agency_id", i));
    if (c.peer_reviewer_id && !exists(db, "peer_reviewers", *c.peer_reviewer_id))
        throw CaseInvalid("peer_reviewer_id",
                          fmt::format("there is no peer reviewer {}", *c.peer_reviewer_id));
    for (size_t i = 0; i < c.actions.size(); ++i) {
        int64_t id = c.actions[i].id;
        if (id == 0) continue;
        auto rows = db.query("SELECT case_id FROM case_review_actions WHERE id = ?", {integer(id)});
        if (rows.empty() || as_int(rows[0][0]) != c.id)
            throw CaseInvalid(fmt::format("actions[{}]", i),
                              fmt::format("action {} is not one of this case's actions", id));
    }
}

// The case's child rows (but letters and actions' history), replaced by the case's.
void write_children(Database& db, const AsbCase& c) {
    Value id = integer(c.id);
    // sql-check: table is from the literal list above
    for (const char* table : {"case_review_grounds", "case_review_complaints",
                              "case_review_information_returns", "case_review_panel_agencies"})
        db.execute(fmt::format("DELETE FROM {} WHERE case_id = ?", table), {id});
    for (ReviewGround g : c.review_grounds)
        db.execute("INSERT INTO case_review_grounds (case_id, ground) VALUES (?, ?)",
                   {id, text(to_string(g))});
    std::vector<std::vector<Value>> rows;
    for (size_t i = 0; i < c.complaints.size(); ++i) {
        const Complaint& k = c.complaints[i];
        rows.push_back({id, integer(static_cast<int64_t>(i)), text(k.incident), text(k.reporter),
                        date_value(k.behaviour_date), date_value(k.reported_date),
                        text(k.reported_to), text(k.reference), text(k.description)});
    }
    db.execute_many(
        "INSERT INTO case_review_complaints (case_id, position, incident, reporter, "
        "behaviour_date, reported_date, reported_to, reference, description) VALUES (?, ?, ?, ?, "
        "?, ?, ?, ?, ?)",
        rows);
    for (size_t i = 0; i < c.information_returns.size(); ++i)
        db.execute(
            "INSERT INTO case_review_information_returns (case_id, position, agency_id, "
            "returned_on) VALUES (?, ?, ?, ?)",
            {id, integer(static_cast<int64_t>(i)), integer(c.information_returns[i].agency_id),
             date_or_null(c.information_returns[i].returned_on)});
    for (size_t i = 0; i < c.panel_agency_ids.size(); ++i)
        db.execute(
            "INSERT INTO case_review_panel_agencies (case_id, position, agency_id) VALUES (?, ?, "
            "?)",
            {id, integer(static_cast<int64_t>(i)), integer(c.panel_agency_ids[i])});
    // Actions by id: updated or added, never deleted (a stored action the case no longer lists
    // keeps its place after the listed ones).
    std::vector<int64_t> listed;
    for (size_t i = 0; i < c.actions.size(); ++i) {
        const CaseAction& a = c.actions[i];
        std::vector<Value> v = {integer(static_cast<int64_t>(i)), text(a.action),
                                nonzero_id_or_null(a.owner_agency_id), date_value(a.due),
                                date_or_null(a.completed_on)};
        if (a.id != 0) {
            v.push_back(integer(a.id));
            db.execute(
                "UPDATE case_review_actions SET position = ?, action = ?, owner_agency_id = ?, "
                "due = ?, completed_on = ? WHERE id = ?",
                v);
            listed.push_back(a.id);
        } else {
            v.insert(v.begin(), id);
            listed.push_back(as_int(db.query("INSERT INTO case_review_actions (case_id, position, "
                                             "action, owner_agency_id, due, completed_on) VALUES "
                                             "(?, ?, ?, ?, ?, ?) RETURNING id",
                                             v)
                                        .at(0)
                                        .at(0)));
        }
    }
    int64_t next = static_cast<int64_t>(c.actions.size());
    for (const auto& r : db.query(
             "SELECT id FROM case_review_actions WHERE case_id = ? ORDER BY position, id", {id})) {
        int64_t action_id = as_int(r[0]);
        if (std::find(listed.begin(), listed.end(), action_id) != listed.end()) continue;
        db.execute("UPDATE case_review_actions SET position = ? WHERE id = ?",
                   {integer(next++), integer(action_id)});
    }
    db.execute("DELETE FROM case_review_appeals WHERE case_id = ?", {id});
    if (c.appeal) {
        const Appeal& a = *c.appeal;
        db.execute(
            "INSERT INTO case_review_appeals (case_id, lodged_on, against, grounds, "
            "escalated_on, inspector, referred_to_district_code, referred_on, outcome, "
            "decided_on, decision_notes, pcc_notified_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?)",
            {id, date_value(a.lodged_on), text(to_string(a.against)), text(a.grounds),
             date_or_null(a.escalated_on), text(a.inspector), text(a.referred_to_district_code),
             date_or_null(a.referred_on), text(to_string(a.outcome)), date_or_null(a.decided_on),
             text(a.decision_notes), date_or_null(a.pcc_notified_on)});
    }
}

// The next number in the rota's order of assignments.
int64_t next_assignment(Database& db) {
    auto rows = db.query("SELECT MAX(peer_reviewer_assigned) FROM case_review_cases");
    return rows.empty() || !rows[0][0] ? 1 : as_int(rows[0][0]) + 1;
}

int64_t insert_case(Database& db, const AsbCase& c, const std::string& reference, int year,
                    int number) {
    std::vector<Value> v = {text(reference), integer(year), integer(number)};
    auto rest = case_values(c);
    v.insert(v.end(), rest.begin(), rest.end());
    v.push_back(c.peer_reviewer_id ? integer(next_assignment(db)) : null_value);
    std::string marks;
    for (size_t i = 0; i < v.size(); ++i) marks += i ? ", ?" : "?";
    AsbCase stored = c;
    // sql-check: the columns of kCaseColumns and one ? mark per value
    stored.id = as_int(db.query(fmt::format("INSERT INTO case_review_cases (reference, ref_year, "
                                            "ref_number, {}, peer_reviewer_assigned) VALUES ({}) "
                                            "RETURNING id",
                                            std::string(kCaseColumns).substr(15), marks),
                                v)
                           .at(0)
                           .at(0));
    write_children(db, stored);
    for (const auto& l : c.letters) add_case_letter(db, stored.id, l);
    return stored.id;
}

std::string reference_of(int year, int number) {
    return fmt::format("ASB-{}-{:04}", year, number);
}

// The case's row and children rewritten (no validation: the caller has validated, or is
// anonymising a case as it was stored).
void update_case(Database& db, const AsbCase& c) {
    auto stored = db.query(
        "SELECT peer_reviewer_id, peer_reviewer_assigned FROM case_review_cases WHERE id = ?",
        {integer(c.id)});
    if (stored.empty())
        throw std::out_of_range(
            fmt::format("case_review_cases: there is no case with id {}", c.id));
    Value assigned = stored[0][1];
    if (!c.peer_reviewer_id)
        assigned = null_value;
    else if (!stored[0][0] || as_int(stored[0][0]) != *c.peer_reviewer_id)
        assigned = integer(next_assignment(db));
    auto v = case_values(c);
    v.push_back(assigned);
    v.push_back(integer(c.id));
    std::string sets;
    std::string columns = std::string(kCaseColumns).substr(15);  // after "id, reference, "
    for (size_t start = 0; start < columns.size();) {
        size_t comma = columns.find(", ", start);
        std::string column =
            columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        sets += column + " = ?, ";
        start = comma == std::string::npos ? columns.size() : comma + 2;
    }
    // sql-check: sets is "column = ?, " for each column of kCaseColumns
    db.execute(
        fmt::format("UPDATE case_review_cases SET {}peer_reviewer_assigned = ? WHERE id = ?", sets),
        v);
    write_children(db, c);
}

}  // namespace

// ---- agencies ----

std::vector<Agency> load_agencies(Database& db) {
    std::vector<Agency> out;
    for (const auto& r : db.query(
             fmt::format("SELECT {} FROM case_review_agencies ORDER BY name, id", kAgencyColumns)))
        out.push_back(agency_from(r));
    return out;
}

std::optional<Agency> load_agency(Database& db, int64_t id) {
    auto rows =
        db.query(fmt::format("SELECT {} FROM case_review_agencies WHERE id = ?", kAgencyColumns),
                 {integer(id)});
    if (rows.empty()) return std::nullopt;
    return agency_from(rows[0]);
}

int64_t save_agency(Database& db, const Agency& a) {
    if (a.name.empty()) throw std::invalid_argument("an agency needs a name");
    if (a.kind == AgencyKind::district_council && a.district_code.empty())
        throw std::invalid_argument(
            fmt::format("{}: a district council needs its district's code", a.name));
    std::vector<Value> v = {text(a.name), text(to_string(a.kind)), text(a.district_code)};
    if (a.id != 0) {
        if (!exists(db, "case_review_agencies", a.id))
            throw std::out_of_range(
                fmt::format("case_review_agencies: there is no agency with id {}", a.id));
        v.push_back(integer(a.id));
        db.execute(
            "UPDATE case_review_agencies SET name = ?, kind = ?, district_code = ? WHERE id = ?",
            v);
        return a.id;
    }
    return as_int(db.query("INSERT INTO case_review_agencies (name, kind, district_code) VALUES "
                           "(?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, "
                           "district_code = excluded.district_code RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

// ---- contacts ----

std::vector<CaseReviewContact> load_case_review_contacts(Database& db) {
    std::vector<CaseReviewContact> out;
    for (const auto& r :
         db.query(fmt::format("SELECT {} FROM case_review_contacts ORDER BY district_name, "
                              "district_code",
                              kContactColumns)))
        out.push_back(contact_from(r));
    return out;
}

std::optional<CaseReviewContact> load_case_review_contact(Database& db,
                                                          const std::string& district_code) {
    auto rows = db.query(
        fmt::format("SELECT {} FROM case_review_contacts WHERE district_code = ?", kContactColumns),
        {text(district_code)});
    if (rows.empty()) return std::nullopt;
    return contact_from(rows[0]);
}

void save_case_review_contact(Database& db, const CaseReviewContact& c) {
    if (c.district_code.empty()) throw std::invalid_argument("a contact needs a district code");
    if (c.district_name.empty())
        throw std::invalid_argument(
            fmt::format("{}: a contact needs the district's name", c.district_code));
    db.execute(
        "INSERT INTO case_review_contacts (district_code, district_name, council_name, "
        "spoc_name, spoc_title, spoc_phone, spoc_email, asb_team_phone, opt_inspector) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (district_code) DO UPDATE SET district_name = "
        "excluded.district_name, council_name = excluded.council_name, spoc_name = "
        "excluded.spoc_name, spoc_title = excluded.spoc_title, spoc_phone = excluded.spoc_phone, "
        "spoc_email = excluded.spoc_email, asb_team_phone = excluded.asb_team_phone, "
        "opt_inspector = excluded.opt_inspector",
        {text(c.district_code), text(c.district_name), text(c.council_name), text(c.spoc_name),
         text(c.spoc_title), text(c.spoc_phone), text(c.spoc_email), text(c.asb_team_phone),
         text(c.opt_inspector)});
}

// ---- the rota ----

std::vector<PeerReviewer> load_peer_reviewers(Database& db) {
    std::vector<PeerReviewer> out;
    for (const auto& r : db.query(
             fmt::format("SELECT {} FROM peer_reviewers ORDER BY position, id", kReviewerColumns)))
        out.push_back(reviewer_from(r));
    return out;
}

int64_t save_peer_reviewer(Database& db, const PeerReviewer& p) {
    if (p.name.empty()) throw std::invalid_argument("a peer reviewer needs a name");
    if (p.council.empty())
        throw std::invalid_argument(fmt::format("{}: a peer reviewer needs a council", p.name));
    int64_t id = p.id;
    if (id == 0) {
        auto rows = db.query("SELECT id FROM peer_reviewers WHERE name = ? AND council = ?",
                             {text(p.name), text(p.council)});
        if (!rows.empty()) id = as_int(rows[0][0]);
    } else if (!exists(db, "peer_reviewers", id)) {
        throw std::out_of_range(fmt::format("peer_reviewers: there is no reviewer with id {}", id));
    }
    int64_t position = p.position;
    if (position <= 0) {
        // Without a place given: where it was, or at the end of the list.
        auto rows =
            id != 0 ? db.query("SELECT position FROM peer_reviewers WHERE id = ?", {integer(id)})
                    : db.query("SELECT COALESCE(MAX(position), 0) + 1 FROM peer_reviewers");
        position = as_int(rows.at(0).at(0));
    }
    std::vector<Value> v = {text(p.name), text(p.council), text(p.district_code), integer(position),
                            flag(p.active)};
    if (id != 0) {
        v.push_back(integer(id));
        db.execute(
            "UPDATE peer_reviewers SET name = ?, council = ?, district_code = ?, position = ?, "
            "active = ? WHERE id = ?",
            v);
        return id;
    }
    return as_int(db.query("INSERT INTO peer_reviewers (name, council, district_code, position, "
                           "active) VALUES (?, ?, ?, ?, ?) RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

RotaState load_rota(Database& db) {
    RotaState rota;
    rota.reviewers = load_peer_reviewers(db);
    for (const auto& r : rota.reviewers) rota.reviews_assigned[r.id] = 0;
    for (const auto& r : db.query("SELECT peer_reviewer_id, COUNT(*) FROM case_review_cases WHERE "
                                  "peer_reviewer_id IS NOT NULL GROUP BY peer_reviewer_id"))
        rota.reviews_assigned[as_int(r[0])] = static_cast<int>(as_int(r[1]));
    auto last = db.query(
        "SELECT peer_reviewer_id FROM case_review_cases WHERE peer_reviewer_assigned IS NOT NULL "
        "ORDER BY peer_reviewer_assigned DESC LIMIT 1");
    if (!last.empty()) rota.last_assigned = optional_id(last[0][0]);
    return rota;
}

// ---- settings ----

std::vector<CaseReviewSetting> load_case_review_setting_rows(Database& db) {
    std::vector<CaseReviewSetting> out;
    for (const auto& r :
         db.query("SELECT name, value, source FROM case_review_settings ORDER BY name"))
        out.push_back({as_text(r[0]), as_text(r[1]), as_text(r[2])});
    return out;
}

CaseReviewSettings load_case_review_settings(Database& db) {
    CaseReviewSettings s;
    for (const auto& row : load_case_review_setting_rows(db)) {
        const KnownSetting* k = find_setting(row.name);
        if (!k) continue;  // a setting a later scrutineer added
        if (auto problem = apply_setting(s, *k, row.value))
            throw DatabaseError(
                fmt::format("the stored ASB case review setting {}: {}", row.name, *problem));
    }
    return s;
}

void save_case_review_setting(Database& db, const std::string& name, const std::string& value) {
    const KnownSetting* k = find_setting(name);
    if (!k) {
        std::string known;
        for (const auto& s : kSettings)
            known += fmt::format("{}{}", known.empty() ? "" : ", ", s.name);
        throw std::invalid_argument(
            fmt::format("'{}' is not an ASB case review setting (known: {})", name, known));
    }
    CaseReviewSettings s = load_case_review_settings(db);
    if (auto problem = apply_setting(s, *k, value))
        throw std::invalid_argument(fmt::format("{}: {}", name, *problem));
    if (auto problem = settings_problem(s))
        throw std::invalid_argument(fmt::format("{} '{}': {}", name, value, *problem));
    if (db.query("SELECT name FROM case_review_settings WHERE name = ?", {text(name)}).empty())
        db.execute("INSERT INTO case_review_settings (name, value, source) VALUES (?, ?, ?)",
                   {text(name), text(value), text("set in scrutineer")});
    else
        db.execute("UPDATE case_review_settings SET value = ? WHERE name = ?",
                   {text(value), text(name)});
}

// ---- cases ----

int64_t create_case(Database& db, const AsbCase& c) {
    validate(c);
    AsbCase fresh = c;
    fresh.id = 0;
    require_references(db, fresh);
    int year = c.received.year();
    auto rows = db.query(
        "SELECT COALESCE(MAX(ref_number), 0) + 1 FROM case_review_cases WHERE "
        "ref_year = ?",
        {integer(year)});
    int number = static_cast<int>(as_int(rows.at(0).at(0)));
    return insert_case(db, fresh, reference_of(year, number), year, number);
}

int64_t create_case_with_reference(Database& db, const AsbCase& c) {
    validate(c);
    AsbCase fresh = c;
    fresh.id = 0;
    require_references(db, fresh);
    int year = c.received.year();
    std::string prefix = fmt::format("ASB-{}-", year);
    const std::string& ref = c.reference;
    std::optional<int> number;
    if (ref.size() == prefix.size() + 4 && ref.compare(0, prefix.size(), prefix) == 0 &&
        std::all_of(ref.begin() + static_cast<std::ptrdiff_t>(prefix.size()), ref.end(),
                    [](char ch) { return ch >= '0' && ch <= '9'; }))
        number = whole_number(ref.substr(prefix.size()));
    if (!number || *number < 1)
        throw std::invalid_argument(fmt::format(
            "reference '{}': a case received in {} has a reference {}NNNN", ref, year, prefix));
    if (!db.query("SELECT id FROM case_review_cases WHERE reference = ?", {text(ref)}).empty())
        throw std::invalid_argument(fmt::format("reference '{}' is already a case's", ref));
    return insert_case(db, fresh, ref, year, *number);
}

void save_case(Database& db, const AsbCase& c) {
    if (!exists(db, "case_review_cases", c.id))
        throw std::out_of_range(
            fmt::format("case_review_cases: there is no case with id {}", c.id));
    validate(c);
    require_references(db, c);
    update_case(db, c);
}

int64_t add_case_letter(Database& db, int64_t case_id, const CaseLetter& l) {
    if (!exists(db, "case_review_cases", case_id))
        throw std::out_of_range(
            fmt::format("case_review_cases: there is no case with id {}", case_id));
    if (l.signed_by_agency_id != 0 && !exists(db, "case_review_agencies", l.signed_by_agency_id))
        throw std::invalid_argument(fmt::format("{}: there is no agency {} to sign it",
                                                label(l.kind), l.signed_by_agency_id));
    return as_int(
        db.query("INSERT INTO case_review_letters (case_id, kind, dated, addressee, "
                 "address, salutation, body, signed_by_name, signed_by_title, "
                 "signed_by_agency_id, signed_by_organisation) VALUES (?, ?, ?, ?, ?, "
                 "?, ?, ?, ?, ?, ?) RETURNING id",
                 {integer(case_id), text(to_string(l.kind)), date_value(l.dated), text(l.addressee),
                  text(l.address), text(l.salutation), text(body_json(l.body)),
                  text(l.signed_by_name), text(l.signed_by_title),
                  nonzero_id_or_null(l.signed_by_agency_id), text(l.signed_by_organisation)})
            .at(0)
            .at(0));
}

std::optional<AsbCase> load_case(Database& db, int64_t id, Role viewer) {
    auto cases = load_where(db, "c.id = ?", {integer(id)}, "c.id");
    if (cases.empty()) return std::nullopt;
    return for_viewer(std::move(cases[0]), viewer);
}

std::optional<AsbCase> load_case_by_reference(Database& db, const std::string& reference,
                                              Role viewer) {
    auto cases = load_where(db, "c.reference = ?", {text(reference)}, "c.id");
    if (cases.empty()) return std::nullopt;
    return for_viewer(std::move(cases[0]), viewer);
}

std::vector<AsbCase> load_cases(Database& db, Role viewer) {
    auto cases = load_where(db, "1 = 1", {}, "c.received DESC, c.id DESC");
    for (auto& c : cases) c = for_viewer(std::move(c), viewer);
    return cases;
}

// ---- the access log ----

void log_case_access(Database& db, int64_t case_id, const std::string& actor,
                     const std::string& action, const std::string& detail) {
    if (!exists(db, "case_review_cases", case_id))
        throw std::out_of_range(
            fmt::format("case_review_cases: there is no case with id {}", case_id));
    db.execute(
        "INSERT INTO case_review_access_log (case_id, at, actor, action, detail) VALUES (?, ?, ?, "
        "?, ?)",
        {integer(case_id), text(now_utc()), text(actor), text(action), text(detail)});
}

std::vector<CaseAccess> load_case_access_log(Database& db, int64_t case_id) {
    std::vector<CaseAccess> out;
    for (const auto& r : db.query("SELECT at, actor, action, detail FROM case_review_access_log "
                                  "WHERE case_id = ? ORDER BY id DESC",
                                  {integer(case_id)}))
        out.push_back({as_text(r[0]), as_text(r[1]), as_text(r[2]), as_text(r[3])});
    return out;
}

// ---- anonymisation ----

std::vector<std::string> anonymise_closed_cases(Database& db, CalendarDate today,
                                                const std::string& actor) {
    Transaction tx(db);
    int retention = load_case_review_settings(db).retention_months;
    std::vector<std::string> done;
    for (const AsbCase& c :
         load_where(db, "c.closed_on IS NOT NULL AND c.anonymised_on IS NULL", {}, "c.id")) {
        if (!due_for_anonymisation(c, today, retention)) continue;
        AsbCase a = anonymised(c, today);
        update_case(db, a);
        for (const CaseLetter& l : a.letters)
            db.execute(
                "UPDATE case_review_letters SET addressee = ?, address = ?, salutation = ?, body "
                "= ? WHERE id = ? AND case_id = ?",
                {text(l.addressee), text(l.address), text(l.salutation), text(body_json(l.body)),
                 integer(l.id), integer(c.id)});
        log_case_access(db, c.id, actor, "anonymised",
                        fmt::format("personal data removed: closed on {}, retention {} months",
                                    to_string(*c.closed_on), retention));
        done.push_back(c.reference);
    }
    tx.commit();
    return done;
}

}  // namespace scrutineer::store
