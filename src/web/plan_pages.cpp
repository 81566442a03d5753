#include "scrutineer/plan_pages.hpp"

#include <fmt/format.h>

#include <set>

#include "scrutineer/commissioned_services_store.hpp"
#include "scrutineer/http.hpp"
#include "scrutineer/indicator_spc.hpp"
#include "scrutineer/overdue.hpp"
#include "scrutineer/plan_store.hpp"

namespace scrutineer::web {
namespace {

std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
    return out;
}

Data strings(const std::vector<std::string>& items) {
    Data l = list();
    for (const auto& i : items) l.push_back(Data(i));
    return l;
}

const char* status_tag_class(ActionStatus s) {
    switch (s) {
        case ActionStatus::complete:
            return "govuk-tag--green";
        case ActionStatus::on_track:
            return "govuk-tag--turquoise";
        case ActionStatus::at_risk:
            return "govuk-tag--yellow";
        case ActionStatus::off_track:
            return "govuk-tag--red";
        case ActionStatus::not_started:
            return "govuk-tag--grey";
        case ActionStatus::not_assessed:
            return "govuk-tag--grey";
    }
    return "govuk-tag--grey";
}

Data action_row(const Action& a, CalendarDate today) {
    Data d = object();
    d.set("id", std::to_string(a.id));
    d.set("url", fmt::format("/actions/{}", a.id));
    d.set("number", a.number);
    d.set("text", a.text);
    d.set("owners", join_lines(a.owners));
    d.set("due", long_name(a.due));
    d.set("status", label(a.status));
    d.set("status_class", status_tag_class(a.status));
    d.set("overdue", is_overdue(a, today));
    d.set("restricted", a.visibility != Visibility::public_item);
    d.set("visibility", to_string(a.visibility));
    return d;
}

Data counts_data(const StatusCounts& c) {
    Data d = object();
    Data l = list();
    for (ActionStatus s : kActionStatuses) {
        if (!c.count(s)) continue;
        Data e = object();
        e.set("status", label(s));
        e.set("count", std::to_string(c.count(s)));
        e.set("status_class", status_tag_class(s));
        l.push_back(e);
    }
    d.set("by_status", l);
    d.set("overdue", std::to_string(c.overdue));
    d.set("has_overdue", c.overdue > 0);
    d.set("total", std::to_string(c.total));
    d.set("has_actions", c.total > 0);
    return d;
}

Data glance_rows(const std::vector<PriorityIndicator>& links, const GlanceFn& glance) {
    Data rows = list();
    for (const auto& link : links) {
        Data r = object();
        r.set("indicator", link.indicator);
        auto g = glance(link.indicator);
        r.set("has_figures", g.has_value());
        if (g) {
            r.set("last_12", g->last_12);
            r.set("lta", g->lta);
            r.set("difference", g->difference);
            r.set("significance", g->significance);
            r.set("significant", g->significant);
            r.set("source", g->source);
            r.set("url", g->url);
            r.set("has_url", !g->url.empty());
        }
        rows.push_back(r);
    }
    return rows;
}

Data plan_header(const Plan& p) {
    Data d = object();
    d.set("id", std::to_string(p.id));
    d.set("url", fmt::format("/plans/{}", p.id));
    d.set("title", p.title);
    d.set("owner", p.owner);
    d.set("period", fmt::format("{} to {}", p.first_year, p.last_year));
    d.set("first_year", std::to_string(p.first_year));
    d.set("last_year", std::to_string(p.last_year));
    d.set("description", p.description);
    d.set("replaced", p.status == PlanStatus::replaced);
    d.set("current", p.status == PlanStatus::current);
    d.set("source", p.source);
    return d;
}

}  // namespace

std::optional<Glance> published_glance(const std::vector<PublishedFigure>& figures,
                                       const std::string& indicator, const std::string& area_code) {
    std::optional<Glance> found;
    for (const auto& f : figures) {
        if (f.indicator != indicator || f.area_code != area_code) continue;
        Glance g;
        g.last_12 = f.last_12;
        g.lta = f.lta;
        g.difference = f.difference;
        g.source = fmt::format("as published: {}, {}", f.paper, f.period_label);
        found = g;  // the latest paper wins: they are loaded in order
    }
    return found;
}

Data plans_data(store::Database& db, Role viewer, CalendarDate today, const GlanceFn& glance,
                bool previous) {
    Data plans = list();
    auto all = store::load_plans(db, viewer);
    // A plan stays current until a new one replaces it, even past its last year (a Police and
    // Crime Plan is in force until the next Commissioner issues one).
    std::erase_if(all,
                  [&](const Plan& p) { return (p.status == PlanStatus::replaced) != previous; });
    for (const auto& p : all) {
        auto detail = store::load_plan_detail(db, viewer, p.id);
        if (!detail) continue;
        Data d = plan_header(p);
        d.set("ended", p.last_year < static_cast<int>(today.ymd.year()));
        // The summary: each indicator of the plan once, by what its latest month shows.
        std::set<std::string> seen;
        int improving = 0, worse = 0, no_change = 0, not_computed = 0;
        std::optional<Month> up_to;
        for (const auto& pd : detail->priorities)
            for (const auto& link : pd.indicators) {
                if (!seen.insert(link.indicator).second) continue;
                auto g = glance(link.indicator);
                if (!g || !g->variation) {
                    ++not_computed;
                    continue;
                }
                SpecialCause c = special_cause_of(*g->variation);
                ++(c == SpecialCause::improvement ? improving
                   : c == SpecialCause::concern   ? worse
                                                  : no_change);
                if (g->month && (!up_to || *g->month > *up_to)) up_to = g->month;
            }
        d.set("improving", std::to_string(improving));
        d.set("worse", std::to_string(worse));
        d.set("no_change", std::to_string(no_change));
        d.set("not_computed", std::to_string(not_computed));
        d.set("has_not_computed", not_computed > 0);
        d.set("has_indicator_summary", improving + worse + no_change > 0);
        d.set("has_no_indicators", seen.empty());
        d.set("data_up_to", up_to ? long_name(*up_to) : "");
        std::vector<Action> actions;
        for (const auto& a : detail->actions) actions.push_back(a.action);
        auto summaries = summarise_by_priority(actions, today);
        Data priorities = list();
        for (const auto& pd : detail->priorities) {
            Data pr = object();
            pr.set("number", std::to_string(pd.priority.number));
            pr.set("title", pd.priority.title);
            pr.set("url", fmt::format("/priorities/{}", pd.priority.id));
            pr.set("indicators", glance_rows(pd.indicators, glance));
            pr.set("has_indicators", !pd.indicators.empty());
            StatusCounts counts;
            for (const auto& s : summaries)
                if (s.priority_id == pd.priority.id) counts = s.counts;
            pr.set("actions", counts_data(counts));
            priorities.push_back(pr);
        }
        d.set("priorities", priorities);
        StatusCounts all_counts;
        for (const auto& s : summaries) {
            for (size_t i = 0; i < all_counts.by_status.size(); ++i)
                all_counts.by_status[i] += s.counts.by_status[i];
            all_counts.overdue += s.counts.overdue;
            all_counts.total += s.counts.total;
        }
        d.set("actions", counts_data(all_counts));
        plans.push_back(d);
    }
    Data out = object();
    out.set("plans", plans);
    out.set("has_plans", !all.empty());
    bool has_previous = false;
    if (!previous)
        for (const auto& p : store::load_plans(db, viewer))
            has_previous = has_previous || p.status == PlanStatus::replaced;
    out.set("has_previous", has_previous);
    return out;
}

std::optional<Data> plan_data(store::Database& db, Role viewer, int64_t plan_id,
                              CalendarDate today) {
    auto detail = store::load_plan_detail(db, viewer, plan_id);
    if (!detail) return std::nullopt;
    Data d = plan_header(detail->plan);
    if (detail->plan.replaced_by)
        if (auto next = store::load_plan(db, viewer, *detail->plan.replaced_by)) {
            d.set("replaced_by_title", next->title);
            d.set("replaced_by_url", fmt::format("/plans/{}", next->id));
            d.set("has_successor", true);
        }
    Data priorities = list();
    for (const auto& pd : detail->priorities) {
        Data pr = object();
        pr.set("number", std::to_string(pd.priority.number));
        pr.set("title", pd.priority.title);
        pr.set("url", fmt::format("/priorities/{}", pd.priority.id));
        pr.set("lead", pd.priority.lead_officer);
        priorities.push_back(pr);
    }
    d.set("priorities", priorities);
    Data outcomes = list();
    for (const auto& o : detail->outcomes) {
        Data e = object();
        e.set("number", std::to_string(o.number));
        e.set("text", o.text);
        outcomes.push_back(e);
    }
    d.set("outcomes", outcomes);
    d.set("has_outcomes", !detail->outcomes.empty());
    Data actions = list();
    for (const auto& a : detail->actions) actions.push_back(action_row(a.action, today));
    d.set("actions", actions);
    d.set("has_actions", !detail->actions.empty());
    return d;
}

std::optional<Data> priority_data(store::Database& db, Role viewer, int64_t priority_id,
                                  CalendarDate today, const GlanceFn& glance) {
    auto rows =
        db.query("SELECT plan_id FROM priorities WHERE id = ?", {store::integer(priority_id)});
    if (rows.empty()) return std::nullopt;
    auto detail = store::load_plan_detail(db, viewer, store::as_int(rows[0][0]));
    if (!detail) return std::nullopt;
    for (const auto& pd : detail->priorities) {
        if (pd.priority.id != priority_id) continue;
        const Priority& p = pd.priority;
        Data d = object();
        d.set("id", std::to_string(p.id));
        d.set("plan_title", detail->plan.title);
        d.set("plan_url", fmt::format("/plans/{}", detail->plan.id));
        d.set("number", std::to_string(p.number));
        d.set("title", p.title);
        d.set("description", p.description);
        d.set("sponsor_agency", p.sponsor_agency);
        d.set("lead_officer", p.lead_officer);
        d.set("has_leads", !p.sponsor_agency.empty() || !p.lead_officer.empty());
        Data groups = list();
        for (const auto& g : p.delivery_groups) {
            Data e = object();
            e.set("name", g.name);
            e.set("lead", g.lead);
            e.set("has_lead", !g.lead.empty());
            groups.push_back(e);
        }
        d.set("delivery_groups", groups);
        d.set("has_delivery_groups", !p.delivery_groups.empty());
        Data objectives = list();
        for (const auto& o : pd.objectives) {
            Data e = object();
            e.set("number", std::to_string(o.number));
            e.set("text", o.text);
            objectives.push_back(e);
        }
        d.set("objectives", objectives);
        d.set("has_objectives", !pd.objectives.empty());
        d.set("indicators", glance_rows(pd.indicators, glance));
        d.set("has_indicators", !pd.indicators.empty());
        Data narratives = list();
        for (const auto& n : pd.narratives) {
            Data e = object();
            e.set("period", long_name(n.period_end));
            e.set("paragraphs", strings([&] {
                      std::vector<std::string> paras;
                      std::string cur;
                      for (char c : n.text) {
                          if (c == '\n') {
                              if (!cur.empty()) paras.push_back(cur);
                              cur.clear();
                          } else {
                              cur += c;
                          }
                      }
                      if (!cur.empty()) paras.push_back(cur);
                      return paras;
                  }()));
            e.set("author", n.author);
            e.set("restricted", n.visibility != Visibility::public_item);
            e.set("visibility", to_string(n.visibility));
            narratives.push_back(e);
        }
        d.set("narratives", narratives);
        d.set("has_narratives", !pd.narratives.empty());
        Data actions = list();
        for (const auto& a : detail->actions)
            if (a.action.priority_id == p.id) actions.push_back(action_row(a.action, today));
        d.set("actions", actions);
        d.set("has_actions", !actions.is_empty_list());
        Data services = list();
        for (const auto& s : store::load_services_for_priority(db, viewer, p.id)) {
            Data e = object();
            e.set("name", s.name);
            e.set("url", fmt::format("/services/{}", s.id));
            e.set("provider", s.provider);
            e.set("has_provider", !s.provider.empty());
            services.push_back(e);
        }
        d.set("services", services);
        d.set("has_services", !services.is_empty_list());
        return d;
    }
    return std::nullopt;
}

std::optional<Data> action_data(store::Database& db, Role viewer, int64_t action_id,
                                CalendarDate today) {
    auto a = store::load_action(db, viewer, action_id);
    if (!a) return std::nullopt;
    Data d = action_row(*a, today);
    auto plan = store::load_plan(db, viewer, a->plan_id);
    d.set("plan_title", plan ? plan->title : "");
    d.set("plan_url", fmt::format("/plans/{}", a->plan_id));
    d.set("delivery_plan", a->delivery_plan);
    d.set("has_delivery_plan", !a->delivery_plan.empty());
    d.set("section", a->section);
    d.set("success_measures", strings(a->success_measures));
    d.set("owners_list", strings(a->owners));
    d.set("owner_body", a->owner_body);
    d.set("due_value", to_string(a->due));
    d.set("measures_value", join_lines(a->success_measures));
    Data statuses = list();
    for (ActionStatus s : kActionStatuses) {
        Data e = object();
        e.set("value", to_string(s));
        e.set("label", label(s));
        e.set("selected", s == a->status);
        statuses.push_back(e);
    }
    d.set("statuses", statuses);
    Data visibilities = list();
    for (Visibility v : {Visibility::public_item, Visibility::exempt, Visibility::confidential}) {
        Data e = object();
        e.set("value", to_string(v));
        e.set("label", v == Visibility::public_item ? "Public"
                       : v == Visibility::exempt    ? "Exempt"
                                                    : "Confidential");
        e.set("selected", v == a->visibility);
        visibilities.push_back(e);
    }
    d.set("visibilities", visibilities);
    Data updates = list();
    for (const auto& u : store::load_action_updates(db, viewer, action_id)) {
        Data e = object();
        e.set("date", long_name(u.date));
        e.set("text", u.text);
        e.set("author", u.author);
        e.set("has_author", !u.author.empty());
        e.set("restricted", u.visibility != Visibility::public_item);
        e.set("visibility", to_string(u.visibility));
        updates.push_back(e);
    }
    d.set("updates", updates);
    d.set("has_updates", !updates.is_empty_list());
    d.set("today", to_string(today));
    return d;
}

}  // namespace scrutineer::web
