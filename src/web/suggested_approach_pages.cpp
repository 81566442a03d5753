#include "scrutineer/suggested_approach_pages.hpp"

#include <fmt/format.h>

#include "scrutineer/meeting_wording.hpp"
#include "scrutineer/plan_store.hpp"
#include "scrutineer/scrutiny_store.hpp"
#include "scrutineer/suggested_approach_store.hpp"
#include "scrutineer/user_store.hpp"

namespace scrutineer::web {
namespace {

struct Loaded {
    Panel panel;
    Meeting meeting;
    AgendaItem item;
    std::vector<Priority> priorities;  // the item's, as the role may see them
};

std::optional<Loaded> load(store::Database& db, Role role, int64_t meeting_id, int64_t item_id) {
    auto m = store::load_meeting(db, meeting_id, role);
    if (!m) return std::nullopt;
    auto panel = store::load_panel(db, m->panel_id);
    if (!panel) return std::nullopt;
    for (const auto& item : m->items) {
        if (item.id != item_id || item.priority_ids.empty()) continue;
        Loaded l{*panel, *m, item, {}};
        for (const auto& plan : store::load_plans(db, role))
            for (const auto& p : store::load_priorities(db, role, plan.id))
                for (int64_t id : item.priority_ids)
                    if (p.id == id) l.priorities.push_back(p);
        return l;
    }
    return std::nullopt;
}

std::string field_of(int64_t priority_id) {
    return fmt::format("questions-{}", priority_id);
}

Response form(Site& site, const Request& req, const Loaded& l, const SuggestedApproach& approach,
              const FormErrors& errors, int status) {
    Data d = object();
    d.set("panel", l.panel.name);
    d.set("meeting_url", fmt::format("/meetings/{}", l.meeting.id));
    d.set("meeting", report::meeting_heading(l.panel, l.meeting));
    d.set("item", fmt::format("{}. {}", l.item.position, l.item.title));
    d.set("action", req.path);
    d.set("author", approach.author);
    Data priorities = list();
    for (const auto& p : l.priorities) {
        Data x = object();
        std::string field = field_of(p.id);
        x.set("field", field);
        x.set("name", fmt::format("Priority {}: {}", p.number, p.title));
        std::string text;
        for (const auto& q : approach.questions)
            if (q.priority_id == p.id) text = q.text;
        x.set("text", text);
        auto e = errors.by_field.find(field);
        x.set("has_error", e != errors.by_field.end());
        x.set("error", e == errors.by_field.end() ? "" : e->second);
        priorities.push_back(x);
    }
    d.set("priorities", priorities);
    errors.into(d);
    std::string title = "Suggested approach: " + l.item.title;
    return site.page(req, "suggested_approach", errors.any() ? "Error: " + title : title, d,
                     status);
}

}  // namespace

std::optional<Response> suggested_approach_pages(Site& site, const Request& req) {
    auto seg = path_segments(req.path);
    if (seg.size() != 5 || seg[0] != "meetings" || seg[2] != "items" ||
        seg[4] != "suggested-approach")
        return std::nullopt;
    auto meeting_id = parse_id(seg[1]);
    auto item_id = parse_id(seg[3]);
    if (!meeting_id || !item_id) return std::nullopt;
    if (auto no = site.require(req, may_edit(site.role()), "write suggested approaches"))
        return *no;
    auto db = site.database();
    auto l = load(*db, site.role(), *meeting_id, *item_id);
    if (!l)
        return site.not_found(req, fmt::format("There is no item {} reviewing priorities at "
                                               "meeting {}.",
                                               *item_id, *meeting_id));
    if (req.method == "GET" || req.method == "HEAD") {
        auto approach = store::load_suggested_approach(*db, l->item.id);
        return form(site, req, *l, approach ? *approach : SuggestedApproach{l->item.id, {}, {}}, {},
                    200);
    }
    if (req.method != "POST") return std::nullopt;

    SuggestedApproach approach{l->item.id, trimmed(req.form_value("author")), {}};
    FormErrors errors;
    if (approach.author.empty())
        errors.add("author",
                   "Enter who the suggested approach is from, like \"Jo Martin, "
                   "Democratic Support and Scrutiny Team Manager\"");
    for (const auto& p : l->priorities) {
        std::string text = req.form_value(field_of(p.id));
        try {
            question_areas(text);
        } catch (const QuestionsInvalid& e) {
            errors.add(field_of(p.id),
                       fmt::format("Priority {}, line {}: a point (a line starting \"- \") must "
                                   "come after the question it belongs to",
                                   p.number, e.line));
        }
        approach.questions.push_back({p.id, text});
    }
    if (errors.any()) return form(site, req, *l, approach, errors, 400);
    store::Transaction tx(*db);
    store::save_suggested_approach(*db, approach);
    store::audit(*db, site.actor(), "suggested approach saved",
                 fmt::format("meeting {}, item {}", l->meeting.id, l->item.id));
    tx.commit();
    return Response::redirect(fmt::format("/meetings/{}#documents", l->meeting.id));
}

}  // namespace scrutineer::web
