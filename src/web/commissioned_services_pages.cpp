#include "scrutineer/commissioned_services_pages.hpp"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/csv.hpp"
#include "scrutineer/display_rounding.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/json_text.hpp"
#include "scrutineer/money.hpp"
#include "scrutineer/multipart.hpp"
#include "scrutineer/questionnaire_file.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::web {
namespace {

std::string period_text(const std::optional<CalendarDate>& start,
                        const std::optional<CalendarDate>& end) {
    if (start && end) return long_name(*start) + " to " + long_name(*end);
    if (start) return "From " + long_name(*start);
    return "Not stated";
}

std::string total_text(const GrantTotal& t, size_t grants) {
    if (grants == 0) return "No grants recorded";
    std::string out = format_pounds(t.pence);
    if (t.without_amount == static_cast<int>(grants)) return "Not stated";
    if (t.without_amount == 1) out += " (1 grant states no amount)";
    if (t.without_amount > 1) out += fmt::format(" ({} grants state no amount)", t.without_amount);
    return out;
}

Data grant_row(const Grant& g) {
    Data d = object();
    d.set("funder", g.funder);
    d.set("recipient", g.recipient);
    d.set("amount", g.amount_pence ? format_pounds(*g.amount_pence) : "Not stated");
    d.set("period", period_text(g.start, g.end));
    d.set("decision", g.decision_number.empty() ? "None recorded" : g.decision_number);
    d.set("awarded_on", g.awarded_on ? long_name(*g.awarded_on) : "");
    d.set("has_awarded_on", g.awarded_on.has_value());
    d.set("note", g.note);
    return d;
}

void set_priority(Data& d, const std::optional<store::PriorityRef>& p) {
    d.set("has_priority", p.has_value());
    if (!p) return;
    d.set("priority_title", p->title);
    d.set("priority_number", std::to_string(p->number));
    d.set("priority_url", fmt::format("/priorities/{}", p->id));
    d.set("plan_title", p->plan_title);
    d.set("plan_url", fmt::format("/plans/{}", p->plan_id));
}

Data services_data(store::Database& db, Role viewer) {
    Data d = object();
    Data rows = list();
    GrantTotal all;
    size_t grant_count = 0;
    auto services = store::load_services(db, viewer);
    for (const auto& l : services) {
        auto grants = store::load_grants(db, l.service.id);
        GrantTotal t = total_of(grants);
        all.pence += t.pence;
        all.without_amount += t.without_amount;
        grant_count += grants.size();
        Data r = object();
        r.set("name", l.service.name);
        r.set("url", fmt::format("/services/{}", l.service.id));
        r.set("provider", l.service.provider.empty() ? "Not stated" : l.service.provider);
        set_priority(r, l.priority);
        r.set("grants", std::to_string(grants.size()));
        r.set("total", total_text(t, grants.size()));
        rows.push_back(r);
    }
    d.set("services", rows);
    d.set("has_services", !services.empty());
    d.set("total", total_text(all, grant_count));
    d.set("grant_count", std::to_string(grant_count));
    return d;
}

// The figures grouped by reporting period, in the order loaded (earliest period first).
Data periods_data(const std::vector<ServiceMeasure>& measures) {
    Data periods = list();
    for (size_t i = 0; i < measures.size();) {
        const ReportingPeriod& p = measures[i].period;
        Data period = object();
        period.set("label", p.label);
        period.set("dates", long_name(p.start) + " to " + long_name(p.end));
        Data rows = list();
        for (; i < measures.size() && measures[i].period.start == p.start &&
               measures[i].period.end == p.end;
             ++i) {
            const auto& m = measures[i];
            Data r = object();
            r.set("kind", label(m.kind));
            r.set("group", m.group);
            r.set("measure", m.measure);
            r.set("value", with_thousands_separators(std::to_string(m.value)));
            r.set("note", m.note);
            rows.push_back(r);
        }
        period.set("rows", rows);
        periods.push_back(period);
    }
    return periods;
}

std::string signed_whole(int v) {
    return v > 0 ? "+" + std::to_string(v) : std::to_string(v);
}

std::string signed_mean(const Fraction& f) {
    std::string s = one_decimal(f);
    return f.num > 0 && s != "0.0" ? "+" + s : s;
}

Data questionnaire_data(const store::QuestionnaireView& v) {
    const Questionnaire& q = v.questionnaire;
    const CohortSummary& s = v.summary;
    Data d = object();
    d.set("title", q.title);
    d.set("note", q.note);
    std::string scale;
    for (size_t i = 0; i < q.scale.size(); ++i)
        scale += fmt::format("{}{} \u201c{}\u201d",
                             i == 0                    ? ""
                             : i + 1 == q.scale.size() ? " or "
                                                       : ", ",
                             i + 1, q.scale[i]);
    d.set("scale_text", scale);
    d.set("returns", std::to_string(v.returns));
    d.set("has_returns", v.returns > 0);
    d.set("complete", std::to_string(s.complete));
    d.set("has_complete", s.complete > 0);
    d.set("incomplete_count", std::to_string(v.incomplete_count));
    if (s.complete > 0) {
        d.set("mean_pre", one_decimal(*s.mean_pre));
        d.set("mean_post", one_decimal(*s.mean_post));
        d.set("mean_change", signed_mean(*s.mean_change));
        d.set("improved", std::to_string(s.improved));
        d.set("unchanged", std::to_string(s.unchanged));
        d.set("worse", std::to_string(s.worse));
    }
    Data items = list();
    for (size_t i = 0; i < q.statements.size(); ++i) {
        Data e = object();
        e.set("number", std::to_string(i + 1));
        e.set("statement", q.statements[i]);
        e.set("has_mean", i < s.item_mean_changes.size());
        if (i < s.item_mean_changes.size())
            e.set("mean_change", signed_mean(s.item_mean_changes[i]));
        items.push_back(e);
    }
    d.set("items", items);
    // Each participant's change: personal data, filled in only for roles that may see it.
    d.set("participant_data", v.participant_data);
    Data participants = list();
    for (const auto& p : v.participants) {
        Data e = object();
        e.set("participant", p.participant);
        e.set("pre_total", std::to_string(p.pre_total));
        e.set("post_total", std::to_string(p.post_total));
        e.set("change", signed_whole(p.change));
        Data changes = list();
        for (int c : p.item_changes) changes.push_back(Data(signed_whole(c)));
        e.set("item_changes", changes);
        participants.push_back(e);
    }
    d.set("participants", participants);
    d.set("has_participants", !v.participants.empty());
    std::string incomplete;
    for (const auto& id : v.incomplete) incomplete += (incomplete.empty() ? "" : ", ") + id;
    d.set("incomplete_text", incomplete);
    d.set("has_incomplete", !v.incomplete.empty());
    Data numbers = list();
    for (int i = 1; i <= kQuestionnaireItems; ++i) numbers.push_back(Data(std::to_string(i)));
    d.set("item_numbers", numbers);
    return d;
}

// The form fields kept when a form comes back with errors.
const char* const kFormFields[] = {"funder",       "recipient",       "amount",     "start",
                                   "end",          "decision_number", "awarded_on", "note",
                                   "kind",         "group",           "measure",    "period_label",
                                   "period_start", "period_end",      "value",      "measure_note"};

std::optional<Data> service_data(store::Database& db, Role viewer, int64_t id, const Request& req) {
    auto l = store::load_service(db, viewer, id);
    if (!l) return std::nullopt;
    const Service& s = l->service;
    Data d = object();
    d.set("id", std::to_string(s.id));
    d.set("name", s.name);
    d.set("provider", s.provider.empty() ? "Not stated" : s.provider);
    d.set("description", s.description);
    d.set("has_description", !s.description.empty());
    d.set("source", s.source);
    d.set("has_source", !s.source.empty());
    set_priority(d, l->priority);
    auto grants = store::load_grants(db, s.id);
    Data grant_rows = list();
    for (const auto& g : grants) grant_rows.push_back(grant_row(g));
    d.set("grants", grant_rows);
    d.set("has_grants", !grants.empty());
    d.set("grant_total", total_text(total_of(grants), grants.size()));
    auto measures = store::load_measures(db, s.id);
    d.set("periods", periods_data(measures));
    d.set("has_measures", !measures.empty());
    auto view = store::load_questionnaire_view(db, viewer, s.id);
    d.set("has_questionnaire", view.has_value());
    if (view) d.set("questionnaire", questionnaire_data(*view));
    // The forms' values: what was sent when a form comes back, otherwise the defaults.
    for (const char* f : kFormFields) d.set(std::string("form_") + f, req.form_value(f));
    if (req.form_value("funder").empty()) d.set("form_funder", "OPCCN");
    std::string kind = req.form_value("kind");
    d.set("form_kind_output", kind != "outcome");
    d.set("form_kind_outcome", kind == "outcome");
    return d;
}

Response service_page(Site& site, const Request& req, const std::string& id_text,
                      const FormErrors& errors = {}) {
    auto id = parse_id(id_text);
    auto db = site.database();
    auto d = id ? service_data(*db, site.role(), *id, req) : std::nullopt;
    if (!d) return site.not_found(req, "There is no commissioned service " + id_text + ".");
    errors.into(*d);
    std::string name = d->get("name")->string_value();
    return site.page(req, "service", errors.any() ? "Error: " + name : name, *d,
                     errors.any() ? 400 : 200);
}

std::optional<CalendarDate> date_field(const Request& req, const char* name, const char* field,
                                       const std::string& what, bool required, FormErrors& errors) {
    std::string text = trimmed(req.form_value(name));
    if (text.empty()) {
        if (required) errors.add(field, "Enter the " + what);
        return std::nullopt;
    }
    auto d = parse_date(text);
    if (!d)
        errors.add(field, "Enter the " + what +
                              " as a real date in the form YYYY-MM-DD, for "
                              "example 2020-01-31");
    return d;
}

Response add_grant(Site& site, const Request& req, const std::string& id_text) {
    if (auto no = site.require(req, may_edit(site.role()), "add grants")) return *no;
    auto id = parse_id(id_text);
    auto db = site.database();
    if (!id || !store::load_service(*db, site.role(), *id))
        return site.not_found(req, "There is no commissioned service " + id_text + ".");
    FormErrors errors;
    Grant g;
    g.service_id = *id;
    g.funder = trimmed(req.form_value("funder"));
    if (g.funder.empty()) g.funder = "OPCCN";
    g.recipient = trimmed(req.form_value("recipient"));
    if (g.recipient.empty()) errors.add("grant-recipient", "Enter who received the grant");
    std::string amount = trimmed(req.form_value("amount"));
    if (amount.empty()) {
        errors.add("grant-amount", "Enter the amount of the grant");
    } else {
        g.amount_pence = parse_pounds(amount);
        if (!g.amount_pence)
            errors.add("grant-amount", "Enter the amount in pounds, like £60,500 or 60500.00");
        else if (*g.amount_pence <= 0)
            errors.add("grant-amount", "The amount must be more than £0");
    }
    g.start = date_field(req, "start", "grant-start", "start date of the grant", true, errors);
    g.end = date_field(req, "end", "grant-end", "end date of the grant", false, errors);
    if (g.start && g.end && *g.end < *g.start)
        errors.add("grant-end", "The end date must be the same as or after the start date");
    g.decision_number = trimmed(req.form_value("decision_number"));
    if (!g.decision_number.empty() && !is_decision_number(g.decision_number))
        errors.add("grant-decision",
                   "Enter the decision number as the year, a hyphen and two digits, like 2019-64");
    g.awarded_on =
        date_field(req, "awarded_on", "grant-awarded", "date it was awarded", false, errors);
    g.note = trimmed(req.form_value("note"));
    if (!errors.any()) {
        try {
            validate(g);
            store::Transaction tx(*db);
            store::save_grant(*db, g);
            store::audit(*db, site.actor(), "grant added",
                         fmt::format("service {}: {} to {}, {}, decision {}", *id,
                                     format_pounds(*g.amount_pence), g.recipient,
                                     period_text(g.start, g.end),
                                     g.decision_number.empty() ? "none" : g.decision_number));
            tx.commit();
            return Response::redirect(fmt::format("/services/{}#grants", *id));
        } catch (const ServiceInvalid& e) {
            errors.add(e.field == "recipient" ? "grant-recipient" : "grant-" + e.field, e.problem);
        }
    }
    return service_page(site, req, id_text, errors);
}

Response add_measure(Site& site, const Request& req, const std::string& id_text) {
    if (auto no = site.require(req, may_edit(site.role()), "add figures")) return *no;
    auto id = parse_id(id_text);
    auto db = site.database();
    if (!id || !store::load_service(*db, site.role(), *id))
        return site.not_found(req, "There is no commissioned service " + id_text + ".");
    FormErrors errors;
    ServiceMeasure m;
    m.service_id = *id;
    auto kind = parse_measure_kind(req.form_value("kind"));
    if (!kind)
        errors.add("measure-kind", "Choose whether the figure is an output or an outcome");
    else
        m.kind = *kind;
    m.group = trimmed(req.form_value("group"));
    if (m.group.empty())
        errors.add("measure-group", "Enter the group of the figure, like Referrals by source");
    m.measure = trimmed(req.form_value("measure"));
    if (m.measure.empty())
        errors.add("measure-name", "Enter what the figure counts, like Job starts");
    m.period.label = trimmed(req.form_value("period_label"));
    if (m.period.label.empty())
        errors.add("measure-period", "Enter the name of the reporting period, like During 2019");
    auto start =
        date_field(req, "period_start", "measure-start", "first day of the period", true, errors);
    auto end = date_field(req, "period_end", "measure-end", "last day of the period", true, errors);
    if (start && end && *end < *start)
        errors.add("measure-end", "The last day of the period must be on or after its first day");
    std::string value = trimmed(req.form_value("value"));
    std::optional<int64_t> n = value.empty() ? std::nullopt : parse_whole_number(value);
    if (value.empty())
        errors.add("measure-value", "Enter the figure");
    else if (!n)
        errors.add("measure-value", "Enter the figure as a whole number of 0 or more, like 64");
    m.note = trimmed(req.form_value("measure_note"));
    if (!errors.any()) {
        m.period.start = *start;
        m.period.end = *end;
        m.value = *n;
        try {
            validate(m);
            store::Transaction tx(*db);
            store::save_measure(*db, m);
            store::audit(*db, site.actor(), "service figure saved",
                         fmt::format("service {}: {} {} / {} for {}: {}", *id, to_string(m.kind),
                                     m.group, m.measure, m.period.label, m.value));
            tx.commit();
            return Response::redirect(fmt::format("/services/{}#figures", *id));
        } catch (const ServiceInvalid& e) {
            errors.add("measure-name", e.problem);
        }
    }
    return service_page(site, req, id_text, errors);
}

Response upload_returns(Site& site, const Request& req, const std::string& id_text) {
    if (auto no = site.require(req, may_edit(site.role()), "record questionnaire returns"))
        return *no;
    auto id = parse_id(id_text);
    {
        auto db = site.database();
        if (!id || !store::load_service(*db, site.role(), *id))
            return site.not_found(req, "There is no commissioned service " + id_text + ".");
    }
    FormErrors errors;
    std::optional<std::vector<FormPart>> parts;
    auto ct = req.headers.find("content-type");
    if (ct != req.headers.end()) parts = parse_multipart(ct->second, req.body);
    const FormPart* file = nullptr;
    if (parts)
        for (const auto& p : *parts)
            if (p.name == "file" && !p.filename.empty()) file = &p;
    if (!file || file->data.empty()) {
        errors.add("returns-file", "Choose a CSV file of questionnaire returns");
        return service_page(site, req, id_text, errors);
    }
    // Only the plain file name is shown and logged.
    std::string name;
    for (char c : file->filename.substr(file->filename.find_last_of("/\\") + 1))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')
            name += c;
    if (name.empty() || name.size() > 200) name = "returns.csv";
    try {
        auto returns = parse_questionnaire_returns(file->data, name);
        auto db = site.database();
        store::import_questionnaire_returns(*db, *id, returns, site.actor(), name + " (uploaded)");
    } catch (const InputError& e) {
        errors.add("returns-file", std::string(e.what()) + ". Nothing was imported.");
    } catch (const std::invalid_argument& e) {
        errors.add("returns-file", std::string(e.what()) + ". Nothing was imported.");
    }
    if (errors.any()) return service_page(site, req, id_text, errors);
    return Response::redirect(fmt::format("/services/{}#questionnaire", *id));
}

nlohmann::json fraction_json(const std::optional<Fraction>& f) {
    if (!f) return nullptr;
    return nlohmann::json::parse(one_decimal(*f));
}

Response api_services(Site& site) {
    auto db = site.database();
    Role role = site.role();
    nlohmann::json out = nlohmann::json::array();
    for (const auto& l : store::load_services(*db, role)) {
        const Service& s = l.service;
        nlohmann::json js = {{"id", s.id},
                             {"name", s.name},
                             {"provider", s.provider},
                             {"description", s.description},
                             {"source", s.source},
                             {"priority", nullptr}};
        if (l.priority)
            js["priority"] = {{"id", l.priority->id},
                              {"number", l.priority->number},
                              {"title", l.priority->title},
                              {"plan_id", l.priority->plan_id}};
        auto grants = store::load_grants(*db, s.id);
        js["grants"] = nlohmann::json::array();
        for (const auto& g : grants) {
            nlohmann::json jg = {{"funder", g.funder},      {"recipient", g.recipient},
                                 {"amount_pence", nullptr}, {"start", nullptr},
                                 {"end", nullptr},          {"decision_number", g.decision_number},
                                 {"awarded_on", nullptr},   {"note", g.note}};
            if (g.amount_pence) jg["amount_pence"] = *g.amount_pence;
            if (g.start) jg["start"] = to_string(*g.start);
            if (g.end) jg["end"] = to_string(*g.end);
            if (g.awarded_on) jg["awarded_on"] = to_string(*g.awarded_on);
            js["grants"].push_back(jg);
        }
        GrantTotal t = total_of(grants);
        js["grant_total_pence"] = t.pence;
        js["grants_without_amount"] = t.without_amount;
        js["measures"] = nlohmann::json::array();
        for (const auto& m : store::load_measures(*db, s.id))
            js["measures"].push_back({{"kind", to_string(m.kind)},
                                      {"group", m.group},
                                      {"measure", m.measure},
                                      {"period",
                                       {{"label", m.period.label},
                                        {"start", to_string(m.period.start)},
                                        {"end", to_string(m.period.end)}}},
                                      {"value", m.value},
                                      {"note", m.note}});
        js["questionnaire"] = nullptr;
        if (auto v = store::load_questionnaire_view(*db, role, s.id)) {
            const CohortSummary& c = v->summary;
            nlohmann::json items = nlohmann::json::array();
            for (const auto& f : c.item_mean_changes) items.push_back(fraction_json(f));
            nlohmann::json jq = {{"title", v->questionnaire.title},
                                 {"statements", v->questionnaire.statements},
                                 {"scale", v->questionnaire.scale},
                                 {"note", v->questionnaire.note},
                                 {"returns", v->returns},
                                 {"summary",
                                  {{"complete", c.complete},
                                   {"incomplete", v->incomplete_count},
                                   {"mean_pre_total", fraction_json(c.mean_pre)},
                                   {"mean_post_total", fraction_json(c.mean_post)},
                                   {"mean_change", fraction_json(c.mean_change)},
                                   {"improved", c.improved},
                                   {"unchanged", c.unchanged},
                                   {"worse", c.worse},
                                   {"item_mean_changes", items}}}};
            // Each participant's change only for roles that may see participants' data.
            if (v->participant_data) {
                jq["participants"] = nlohmann::json::array();
                for (const auto& p : v->participants)
                    jq["participants"].push_back({{"participant", p.participant},
                                                  {"pre_total", p.pre_total},
                                                  {"post_total", p.post_total},
                                                  {"change", p.change},
                                                  {"item_changes", p.item_changes}});
                jq["incomplete_participants"] = v->incomplete;
            }
            js["questionnaire"] = jq;
        }
        out.push_back(js);
    }
    return Response::json(json_text(out));
}

}  // namespace

std::optional<Response> commissioned_services_pages(Site& site, const Request& req) {
    auto parts = path_segments(req.path);
    if (req.method == "GET" || req.method == "HEAD") {
        if (req.path == "/services") {
            auto db = site.database();
            return site.page(req, "services", "Commissioned services",
                             services_data(*db, site.role()));
        }
        if (parts.size() == 2 && parts[0] == "services") return service_page(site, req, parts[1]);
        if (req.path == "/api/v1/services") return api_services(site);
    }
    if (req.method == "POST" && parts.size() == 3 && parts[0] == "services") {
        if (parts[2] == "grants") return add_grant(site, req, parts[1]);
        if (parts[2] == "measures") return add_measure(site, req, parts[1]);
        if (parts[2] == "returns") return upload_returns(site, req, parts[1]);
    }
    return std::nullopt;
}

}  // namespace scrutineer::web
