#include "scrutineer/commissioned_services_store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "scrutineer/row_values.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::store {
namespace {

CalendarDate date_of_column(const Value& v, const char* what) {
    auto d = parse_date(as_text(v));
    if (!d) throw DatabaseError(fmt::format("unknown {} '{}'", what, as_text(v)));
    return *d;
}

std::optional<CalendarDate> optional_date(const Value& v, const char* what) {
    if (!v) return std::nullopt;
    return date_of_column(v, what);
}

bool exists(Database& db, const char* table, int64_t id) {
    // sql-check: table is a literal table name from this file's callers
    return !db.query(fmt::format("SELECT id FROM {} WHERE id = ?", table), {integer(id)}).empty();
}

void require_row(Database& db, const char* table, int64_t id, const char* field) {
    if (!exists(db, table, id))
        throw ServiceInvalid(field, fmt::format("there is no row {} in {}", id, table));
}

// An update by id of a row that is not there is the caller's mistake, not bad input.
void require_existing(Database& db, const char* table, int64_t id) {
    if (!exists(db, table, id))
        throw std::out_of_range(fmt::format("{}: there is no row with id {}", table, id));
}

std::string now_utc() {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now()));
}

const char* kServiceColumns =
    "s.id, s.name, s.provider, s.priority_id, s.description, s.source, pr.id, pr.number, "
    "pr.title, pr.visibility, p.id, p.title, p.visibility";
const char* kServiceJoins =
    "LEFT JOIN priorities pr ON pr.id = s.priority_id LEFT JOIN plans p ON p.id = pr.plan_id";

bool visible(Role viewer, const Value& visibility) {
    auto v = parse_visibility(as_text(visibility));
    return v && may_see(viewer, *v);
}

// The priority is named, and its id kept, only for a viewer who may see it and its plan.
ServiceListing listing_from(const Row& r, Role viewer) {
    ServiceListing l;
    Service& s = l.service;
    s.id = as_int(r[0]);
    s.name = as_text(r[1]);
    s.provider = as_text(r[2]);
    s.description = as_text(r[4]);
    s.source = as_text(r[5]);
    if (r[3] && r[6] && visible(viewer, r[9]) && visible(viewer, r[12])) {
        s.priority_id = as_int(r[3]);
        l.priority = PriorityRef{as_int(r[6]), static_cast<int>(as_int(r[7])), as_text(r[8]),
                                 as_int(r[10]), as_text(r[11])};
    }
    return l;
}

std::vector<QuestionnaireResponse> all_returns(Database& db, int64_t questionnaire_id) {
    std::vector<QuestionnaireResponse> out;
    std::map<int64_t, size_t> index;
    for (const auto& r :
         db.query("SELECT r.id, r.participant, r.stage, s.item, s.score FROM "
                  "questionnaire_responses r JOIN questionnaire_scores s ON s.response_id = r.id "
                  "WHERE r.questionnaire_id = ? ORDER BY r.participant, r.stage DESC, s.item",
                  {integer(questionnaire_id)})) {
        int64_t id = as_int(r[0]);
        auto [it, fresh] = index.emplace(id, out.size());
        if (fresh) {
            auto stage = parse_stage(as_text(r[2]));
            if (!stage) throw DatabaseError(fmt::format("unknown stage '{}'", as_text(r[2])));
            out.push_back({as_text(r[1]), *stage, {}});
        }
        out[it->second].scores.push_back(static_cast<int>(as_int(r[4])));
    }
    return out;
}

}  // namespace

int64_t save_service(Database& db, const Service& s) {
    validate(s);
    if (s.priority_id) require_row(db, "priorities", *s.priority_id, "priority_id");
    std::vector<Value> v = {text(s.name), text(s.provider), id_or_null(s.priority_id),
                            text(s.description), text(s.source)};
    if (s.id != 0) {
        require_existing(db, "services", s.id);
        v.push_back(integer(s.id));
        db.execute(
            "UPDATE services SET name = ?, provider = ?, priority_id = ?, description = ?, "
            "source = ? WHERE id = ?",
            v);
        return s.id;
    }
    return as_int(db.query("INSERT INTO services (name, provider, priority_id, description, "
                           "source) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                           "provider = excluded.provider, priority_id = excluded.priority_id, "
                           "description = excluded.description, source = excluded.source "
                           "RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

int64_t save_grant(Database& db, const Grant& g) {
    validate(g);
    require_row(db, "services", g.service_id, "service_id");
    std::vector<Value> v = {integer(g.service_id),
                            text(g.funder),
                            text(g.recipient),
                            id_or_null(g.amount_pence),
                            date_or_null(g.start),
                            date_or_null(g.end),
                            text(g.decision_number),
                            date_or_null(g.awarded_on),
                            text(g.note)};
    int64_t id = g.id;
    if (id == 0) {
        // (COALESCE's result has no column affinity in SQLite: the amount is cast to compare.)
        auto same = db.query(
            "SELECT id FROM grants WHERE service_id = ? AND funder = ? AND recipient = ? AND "
            "decision_number = ? AND COALESCE(period_start, '') = ? AND COALESCE(amount_pence, "
            "0) = CAST(? AS BIGINT)",
            {integer(g.service_id), text(g.funder), text(g.recipient), text(g.decision_number),
             text(g.start ? to_string(*g.start) : ""), integer(g.amount_pence.value_or(0))});
        if (same.empty())
            return as_int(db.query("INSERT INTO grants (service_id, funder, recipient, "
                                   "amount_pence, period_start, period_end, decision_number, "
                                   "awarded_on, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                   "RETURNING id",
                                   v)
                              .at(0)
                              .at(0));
        id = as_int(same[0][0]);
    } else {
        require_existing(db, "grants", id);
    }
    v.push_back(integer(id));
    db.execute(
        "UPDATE grants SET service_id = ?, funder = ?, recipient = ?, amount_pence = ?, "
        "period_start = ?, period_end = ?, decision_number = ?, awarded_on = ?, note = ? WHERE "
        "id = ?",
        v);
    return id;
}

int64_t save_measure(Database& db, const ServiceMeasure& m) {
    validate(m);
    require_row(db, "services", m.service_id, "service_id");
    std::vector<Value> v = {integer(m.service_id),
                            text(to_string(m.kind)),
                            text(m.group),
                            text(m.measure),
                            text(m.period.label),
                            text(to_string(m.period.start)),
                            text(to_string(m.period.end)),
                            integer(m.value),
                            text(m.note)};
    if (m.id != 0) {
        require_existing(db, "service_measures", m.id);
        v.push_back(integer(m.id));
        db.execute(
            "UPDATE service_measures SET service_id = ?, kind = ?, measure_group = ?, measure = "
            "?, period_label = ?, period_start = ?, period_end = ?, figure = ?, note = ? WHERE "
            "id = ?",
            v);
        return m.id;
    }
    return as_int(db.query("INSERT INTO service_measures (service_id, kind, measure_group, "
                           "measure, period_label, period_start, period_end, figure, note) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (service_id, kind, "
                           "measure_group, measure, period_start, period_end) DO UPDATE SET "
                           "period_label = excluded.period_label, figure = excluded.figure, "
                           "note = excluded.note RETURNING id",
                           v)
                      .at(0)
                      .at(0));
}

int64_t save_questionnaire(Database& db, const Questionnaire& q) {
    if (auto p = check(q)) throw ServiceInvalid(p->field, p->problem);
    require_row(db, "services", q.service_id, "service_id");
    std::vector<Value> v = {integer(q.service_id), text(q.title),    text(q.scale[0]),
                            text(q.scale[1]),      text(q.scale[2]), text(q.scale[3]),
                            text(q.note)};
    int64_t id = q.id;
    if (id != 0) {
        require_existing(db, "questionnaires", id);
        v.push_back(integer(id));
        db.execute(
            "UPDATE questionnaires SET service_id = ?, title = ?, scale_1 = ?, scale_2 = ?, "
            "scale_3 = ?, scale_4 = ?, note = ? WHERE id = ?",
            v);
    } else {
        id = as_int(db.query("INSERT INTO questionnaires (service_id, title, scale_1, scale_2, "
                             "scale_3, scale_4, note) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                             "(service_id) DO UPDATE SET title = excluded.title, scale_1 = "
                             "excluded.scale_1, scale_2 = excluded.scale_2, scale_3 = "
                             "excluded.scale_3, scale_4 = excluded.scale_4, note = excluded.note "
                             "RETURNING id",
                             v)
                        .at(0)
                        .at(0));
    }
    db.execute("DELETE FROM questionnaire_items WHERE questionnaire_id = ?", {integer(id)});
    for (size_t i = 0; i < q.statements.size(); ++i)
        db.execute(
            "INSERT INTO questionnaire_items (questionnaire_id, number, statement) VALUES (?, ?, "
            "?)",
            {integer(id), integer(static_cast<int64_t>(i + 1)), text(q.statements[i])});
    return id;
}

ReturnsSaved save_questionnaire_returns(Database& db, int64_t questionnaire_id,
                                        const std::vector<QuestionnaireResponse>& returns,
                                        const std::string& recorded_by) {
    if (!exists(db, "questionnaires", questionnaire_id))
        throw std::invalid_argument(fmt::format("there is no questionnaire {}", questionnaire_id));
    std::set<std::pair<std::string, Stage>> seen;
    for (const auto& r : returns) {
        if (auto p = check(r))
            throw std::invalid_argument(fmt::format("participant '{}', {} return: {} {}",
                                                    r.participant, to_string(r.stage), p->field,
                                                    p->problem));
        if (!seen.insert({r.participant, r.stage}).second)
            throw std::invalid_argument(fmt::format("participant '{}' has two {} returns",
                                                    r.participant, to_string(r.stage)));
    }
    ReturnsSaved out;
    std::string at = now_utc();
    for (const auto& r : returns) {
        auto stored = db.query(
            "SELECT id FROM questionnaire_responses WHERE questionnaire_id = ? AND participant = "
            "? AND stage = ?",
            {integer(questionnaire_id), text(r.participant), text(to_string(r.stage))});
        int64_t id;
        if (stored.empty()) {
            id = as_int(db.query("INSERT INTO questionnaire_responses (questionnaire_id, "
                                 "participant, stage, recorded_by, recorded_at) VALUES (?, ?, ?, "
                                 "?, ?) RETURNING id",
                                 {integer(questionnaire_id), text(r.participant),
                                  text(to_string(r.stage)), text(recorded_by), text(at)})
                            .at(0)
                            .at(0));
            ++out.added;
        } else {
            id = as_int(stored[0][0]);
            std::vector<int> before;
            for (const auto& s : db.query(
                     "SELECT score FROM questionnaire_scores WHERE response_id = ? ORDER BY item",
                     {integer(id)}))
                before.push_back(static_cast<int>(as_int(s[0])));
            if (before == r.scores) {
                ++out.unchanged;
                continue;
            }
            ++out.replaced;
            db.execute("DELETE FROM questionnaire_scores WHERE response_id = ?", {integer(id)});
            db.execute(
                "UPDATE questionnaire_responses SET recorded_by = ?, recorded_at = ? WHERE id = ?",
                {text(recorded_by), text(at), integer(id)});
        }
        std::vector<std::vector<Value>> rows;
        for (size_t i = 0; i < r.scores.size(); ++i)
            rows.push_back(
                {integer(id), integer(static_cast<int64_t>(i + 1)), integer(r.scores[i])});
        db.execute_many(
            "INSERT INTO questionnaire_scores (response_id, item, score) VALUES (?, ?, ?)", rows);
    }
    return out;
}

ReturnsSaved import_questionnaire_returns(Database& db, int64_t service_id,
                                          const std::vector<QuestionnaireResponse>& returns,
                                          const std::string& actor, const std::string& source) {
    auto service = db.query("SELECT name FROM services WHERE id = ?", {integer(service_id)});
    if (service.empty())
        throw std::invalid_argument(fmt::format("there is no service {}", service_id));
    auto q = db.query("SELECT id FROM questionnaires WHERE service_id = ?", {integer(service_id)});
    if (q.empty())
        throw std::invalid_argument(
            fmt::format("{} has no questionnaire to record returns for", as_text(service[0][0])));
    Transaction tx(db);
    ReturnsSaved saved = save_questionnaire_returns(db, as_int(q[0][0]), returns, actor);
    audit(db, actor, "questionnaire returns imported",
          fmt::format("service {} ({}): {} from {}: {} added, {} replaced, {} unchanged",
                      service_id, as_text(service[0][0]), returns.size(), source, saved.added,
                      saved.replaced, saved.unchanged));
    tx.commit();
    return saved;
}

std::vector<ServiceListing> load_services(Database& db, Role viewer) {
    std::vector<ServiceListing> out;
    for (const auto& r : db.query(fmt::format("SELECT {} FROM services s {} ORDER BY s.name, s.id",
                                              kServiceColumns, kServiceJoins)))
        out.push_back(listing_from(r, viewer));
    return out;
}

std::optional<ServiceListing> load_service(Database& db, Role viewer, int64_t id) {
    auto rows = db.query(
        fmt::format("SELECT {} FROM services s {} WHERE s.id = ?", kServiceColumns, kServiceJoins),
        {integer(id)});
    if (rows.empty()) return std::nullopt;
    return listing_from(rows[0], viewer);
}

std::optional<Service> find_service(Database& db, const std::string& name) {
    auto rows = db.query(fmt::format("SELECT {} FROM services s {} WHERE s.name = ?",
                                     kServiceColumns, kServiceJoins),
                         {text(name)});
    if (rows.empty()) return std::nullopt;
    return listing_from(rows[0], Role::administrator).service;
}

std::vector<Service> load_services_for_priority(Database& db, Role viewer, int64_t priority_id) {
    std::vector<Service> out;
    for (const auto& r : db.query(fmt::format("SELECT {} FROM services s {} WHERE s.priority_id "
                                              "= ? ORDER BY s.name, s.id",
                                              kServiceColumns, kServiceJoins),
                                  {integer(priority_id)})) {
        ServiceListing l = listing_from(r, viewer);
        if (l.priority) out.push_back(std::move(l.service));
    }
    return out;
}

std::vector<Grant> load_grants(Database& db, int64_t service_id) {
    std::vector<Grant> out;
    for (const auto& r : db.query(
             "SELECT id, service_id, funder, recipient, amount_pence, period_start, period_end, "
             "decision_number, awarded_on, note FROM grants WHERE service_id = ? ORDER BY CASE "
             "WHEN period_start IS NULL THEN 1 ELSE 0 END, period_start, id",
             {integer(service_id)})) {
        Grant g;
        g.id = as_int(r[0]);
        g.service_id = as_int(r[1]);
        g.funder = as_text(r[2]);
        g.recipient = as_text(r[3]);
        if (r[4]) g.amount_pence = as_int(r[4]);
        g.start = optional_date(r[5], "grant start");
        g.end = optional_date(r[6], "grant end");
        g.decision_number = as_text(r[7]);
        g.awarded_on = optional_date(r[8], "grant award date");
        g.note = as_text(r[9]);
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<ServiceMeasure> load_measures(Database& db, int64_t service_id) {
    std::vector<ServiceMeasure> out;
    for (const auto& r :
         db.query("SELECT id, service_id, kind, measure_group, measure, period_label, "
                  "period_start, period_end, figure, note FROM service_measures WHERE service_id "
                  "= ? ORDER BY period_start, period_end, CASE kind WHEN 'output' THEN 0 ELSE 1 "
                  "END, id",
                  {integer(service_id)})) {
        ServiceMeasure m;
        m.id = as_int(r[0]);
        m.service_id = as_int(r[1]);
        auto kind = parse_measure_kind(as_text(r[2]));
        if (!kind) throw DatabaseError(fmt::format("unknown measure kind '{}'", as_text(r[2])));
        m.kind = *kind;
        m.group = as_text(r[3]);
        m.measure = as_text(r[4]);
        m.period = {as_text(r[5]), date_of_column(r[6], "period start"),
                    date_of_column(r[7], "period end")};
        m.value = as_int(r[8]);
        m.note = as_text(r[9]);
        out.push_back(std::move(m));
    }
    return out;
}

std::optional<Questionnaire> load_questionnaire(Database& db, int64_t service_id) {
    auto rows = db.query(
        "SELECT id, service_id, title, scale_1, scale_2, scale_3, scale_4, note FROM "
        "questionnaires WHERE service_id = ?",
        {integer(service_id)});
    if (rows.empty()) return std::nullopt;
    const Row& r = rows[0];
    Questionnaire q;
    q.id = as_int(r[0]);
    q.service_id = as_int(r[1]);
    q.title = as_text(r[2]);
    q.scale = {as_text(r[3]), as_text(r[4]), as_text(r[5]), as_text(r[6])};
    q.note = as_text(r[7]);
    for (const auto& s : db.query(
             "SELECT statement FROM questionnaire_items WHERE questionnaire_id = ? ORDER BY number",
             {integer(q.id)}))
        q.statements.push_back(as_text(s[0]));
    return q;
}

std::vector<QuestionnaireResponse> load_questionnaire_returns(Database& db, Role viewer,
                                                              int64_t questionnaire_id) {
    if (!may_see_participant_data(viewer)) return {};
    return all_returns(db, questionnaire_id);
}

std::optional<QuestionnaireView> load_questionnaire_view(Database& db, Role viewer,
                                                         int64_t service_id) {
    auto q = load_questionnaire(db, service_id);
    if (!q) return std::nullopt;
    QuestionnaireView v;
    v.questionnaire = std::move(*q);
    // The summary needs every return; only what the viewer may see leaves this function.
    auto returns = all_returns(db, v.questionnaire.id);
    v.returns = static_cast<int>(returns.size());
    QuestionnaireResults results = compare_returns(returns);
    v.summary = results.summary;
    v.incomplete_count = static_cast<int>(results.incomplete.size());
    v.participant_data = may_see_participant_data(viewer);
    if (v.participant_data) {
        v.participants = std::move(results.participants);
        v.incomplete = std::move(results.incomplete);
    }
    return v;
}

}  // namespace scrutineer::store
