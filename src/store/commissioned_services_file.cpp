#include "scrutineer/commissioned_services_file.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"
#include "scrutineer/json_fields.hpp"
#include "scrutineer/money.hpp"
#include "scrutineer/plan_store.hpp"

namespace scrutineer {
namespace {

using json = nlohmann::json;

constexpr const char* kFormat = "scrutineer-commissioned-services/1";

using Fields = JsonFields;

template <typename T>
void check_rule(const T& value, const std::string& where, const std::string& path) {
    try {
        validate(value);
    } catch (const ServiceInvalid& e) {
        throw InputError(path, 0, where + "." + e.field, e.problem);
    }
}

Grant read_grant(const Fields& f) {
    Grant g;
    if (f.has("funder")) g.funder = f.text("funder");
    g.recipient = f.text("recipient");
    if (f.has("amount")) {
        auto pence = parse_pounds(f.text("amount"));
        if (!pence)
            f.fail("amount", fmt::format("'{}' is not an amount like \"£60,500\" or \"60500.00\"",
                                         f.text("amount")));
        g.amount_pence = pence;
    }
    g.start = f.optional_date("start");
    g.end = f.optional_date("end");
    g.decision_number = f.text("decision_number", false);
    g.awarded_on = f.optional_date("awarded_on");
    g.note = f.text("note", false);
    check_rule(g, f.where, f.path);
    return g;
}

Questionnaire read_questionnaire(const Fields& f) {
    Questionnaire q;
    q.title = f.text("title");
    auto scale = f.texts("scale", true);
    if (scale.size() != q.scale.size())
        f.fail("scale", fmt::format("has {} labels; it needs {}, for scores 1 to 4", scale.size(),
                                    q.scale.size()));
    std::copy(scale.begin(), scale.end(), q.scale.begin());
    q.statements = f.texts("statements", true);
    q.note = f.text("note", false);
    if (auto p = check(q)) throw InputError(f.path, 0, f.name(p->field), p->problem);
    return q;
}

ServicesFileEntry read_service(const Fields& f) {
    ServicesFileEntry e;
    Service& s = e.service;
    s.name = f.text("name");
    s.provider = f.text("provider", false);
    s.description = f.text("description", false);
    s.source = f.text("source", false);
    check_rule(s, f.where, f.path);
    if (f.has("priority")) {
        Fields p(f.obj["priority"], f.name("priority"), f.path, {"plan", "number"});
        e.priority = std::pair{p.text("plan"), static_cast<int>(p.required_whole64("number"))};
    }
    const json& grants = f.list("grants");
    for (size_t i = 0; i < grants.size(); ++i)
        e.grants.push_back(read_grant(Fields(grants[i], json_item(f.name("grants"), i), f.path,
                                             {"funder", "recipient", "amount", "start", "end",
                                              "decision_number", "awarded_on", "note"})));
    std::set<std::tuple<MeasureKind, std::string, std::string, CalendarDate, CalendarDate>> seen;
    const json& periods = f.list("reporting_periods");
    for (size_t i = 0; i < periods.size(); ++i) {
        Fields p(periods[i], json_item(f.name("reporting_periods"), i), f.path,
                 {"label", "start", "end", "measures"});
        ReportingPeriod period{p.text("label"), p.date("start"), p.date("end")};
        const json& measures = p.list("measures");
        if (measures.empty()) p.fail("measures", "is missing or empty");
        for (size_t k = 0; k < measures.size(); ++k) {
            Fields m(measures[k], json_item(p.name("measures"), k), f.path,
                     {"kind", "group", "measure", "value", "note"});
            ServiceMeasure sm;
            auto kind = parse_measure_kind(m.text("kind"));
            if (!kind) m.fail("kind", "must be 'output' or 'outcome'");
            sm.kind = *kind;
            sm.group = m.text("group");
            sm.measure = m.text("measure");
            sm.period = period;
            sm.value = m.required_whole64("value");
            sm.note = m.text("note", false);
            check_rule(sm, m.where, f.path);
            if (!seen.insert({sm.kind, sm.group, sm.measure, period.start, period.end}).second)
                m.fail("measure",
                       fmt::format("'{}' for {} is given twice", sm.measure, period.label));
            e.measures.push_back(std::move(sm));
        }
    }
    if (f.has("questionnaire"))
        e.questionnaire =
            read_questionnaire(Fields(f.obj["questionnaire"], f.name("questionnaire"), f.path,
                                      {"title", "scale", "statements", "note"}));
    return e;
}

}  // namespace

ServicesFile parse_services_file(const std::string& text, const std::string& path) {
    json j = parse_json(text, path);
    Fields top(j, "", path, {"format", "source", "services"});
    top.require_format(kFormat, "commissioned-services");
    ServicesFile out;
    out.path = path;
    const json& services = top.list("services");
    std::set<std::string> names;
    for (size_t i = 0; i < services.size(); ++i) {
        Fields f(services[i], json_item("services", i), path,
                 {"name", "provider", "priority", "description", "source", "grants",
                  "reporting_periods", "questionnaire"});
        auto e = read_service(f);
        if (!names.insert(e.service.name).second)
            f.fail("name", fmt::format("'{}' is given twice", e.service.name));
        out.services.push_back(std::move(e));
    }
    return out;
}

ServicesFile read_services_file(const std::string& path) {
    return parse_services_file(read_file(path), path);
}

}  // namespace scrutineer

namespace scrutineer::store {

ImportSummary load_services_file(Database& db, const std::string& path, const std::string& user) {
    const std::string kind = "commissioned_services";
    ImportSummary summary;
    std::string content = read_file(path);
    std::string checksum = sha256_hex(content);
    auto loaded =
        db.query("SELECT source, imported_at FROM imports WHERE kind = ? AND checksum = ?",
                 {text(kind), text(checksum)});
    if (!loaded.empty()) {
        summary.files_already_in++;
        summary.lines.push_back(fmt::format("{}: already loaded ({} on {}); nothing changed", path,
                                            as_text(loaded[0][0]), as_text(loaded[0][1])));
        return summary;
    }
    ServicesFile file = parse_services_file(content, path);
    // Priorities are looked up before anything is written.
    std::vector<std::optional<int64_t>> priority_ids;
    for (size_t i = 0; i < file.services.size(); ++i) {
        const auto& e = file.services[i];
        if (!e.priority) {
            priority_ids.push_back(std::nullopt);
            continue;
        }
        std::string where = fmt::format("services[{}].priority", i);
        auto plan = find_plan(db, Role::administrator, e.priority->first);
        if (!plan)
            throw InputError(
                path, 0, where + ".plan",
                fmt::format("no plan has the key '{}' (load the plans first)", e.priority->first));
        std::optional<int64_t> id;
        for (const auto& p : load_priorities(db, Role::administrator, plan->id))
            if (p.number == e.priority->second) id = p.id;
        if (!id)
            throw InputError(
                path, 0, where + ".number",
                fmt::format("plan '{}' has no priority {}", e.priority->first, e.priority->second));
        priority_ids.push_back(id);
    }
    Transaction tx(db);
    int64_t rows = 0;
    for (size_t i = 0; i < file.services.size(); ++i) {
        const auto& e = file.services[i];
        std::string where = fmt::format("services[{}]", i);
        try {
            Service s = e.service;
            s.priority_id = priority_ids[i];
            int64_t id = save_service(db, s);
            for (Grant g : e.grants) {
                g.service_id = id;
                save_grant(db, g);
            }
            for (ServiceMeasure m : e.measures) {
                m.service_id = id;
                save_measure(db, m);
            }
            if (e.questionnaire) {
                Questionnaire q = *e.questionnaire;
                q.service_id = id;
                save_questionnaire(db, q);
            }
        } catch (const ServiceInvalid& err) {
            throw InputError(path, 0, where + "." + err.field, err.problem);
        }
        rows += 1 + static_cast<int64_t>(e.grants.size() + e.measures.size()) +
                (e.questionnaire ? 1 : 0);
    }
    db.execute(
        "INSERT INTO imports (kind, source, checksum, row_count, imported_by, imported_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {text(kind), text(path), text(checksum), integer(rows), text(user),
         text(
             fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now())))});
    tx.commit();
    summary.files_imported++;
    summary.lines.push_back(
        fmt::format("{}: {} commissioned services", path, file.services.size()));
    return summary;
}

void load_demo_services(Database& db, const std::string& data_dir) {
    load_services_file(
        db, (std::filesystem::path(data_dir) / "demo" / "commissioned-services.json").string(),
        "demo");
}

}  // namespace scrutineer::store
