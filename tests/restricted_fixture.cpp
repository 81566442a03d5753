#include "restricted_fixture.hpp"

#include "scrutineer/plan_store.hpp"

namespace scrutineer::test {

RestrictedPlan seed_restricted_plan(store::Database& db, const std::string& exempt,
                                    const std::string& confidential) {
    RestrictedPlan ids;
    Plan plan;
    plan.key = "test-plan";
    plan.owner = "NCCSP";
    plan.title = "Test plan";
    plan.first_year = 2021;
    plan.last_year = 2024;
    plan.kind = PlanKind::csp_plan;
    plan.description = "A plan";
    plan.source = "test";
    ids.plan = store::save_plan(db, plan);
    Priority pr;
    pr.plan_id = ids.plan;
    pr.number = 1;
    pr.title = "Criminal exploitation";
    ids.priority = store::save_priority(db, pr);
    pr.number = 2;
    pr.title = exempt + "_PRIORITY";
    pr.visibility = Visibility::exempt;
    ids.exempt_priority = store::save_priority(db, pr);
    auto action = [&](const std::string& number, const std::string& text, Visibility v) {
        Action a;
        a.plan_id = ids.plan;
        a.priority_id = ids.priority;
        a.number = number;
        a.text = text;
        a.owners = {"Someone"};
        a.due = DueDate::ongoing();
        a.visibility = v;
        return store::save_action(db, a);
    };
    ids.action = action("2.1", "Public action", Visibility::public_item);
    ids.exempt_action = action("2.2", exempt + "_ACTION", Visibility::exempt);
    ids.confidential_action = action("2.3", confidential + "_ACTION", Visibility::confidential);
    for (auto [text, v] : {std::pair{exempt + "_UPDATE", Visibility::exempt},
                           std::pair{confidential + "_UPDATE", Visibility::confidential},
                           std::pair{std::string("Public update"), Visibility::public_item}}) {
        ActionUpdate u;
        u.action_id = ids.action;
        u.date = *parse_date("2022-06-09");
        u.text = text;
        u.visibility = v;
        store::save_action_update(db, u);
    }
    int month = 3;
    for (auto [text, v] : {std::pair{exempt + "_NARRATIVE", Visibility::exempt},
                           std::pair{confidential + "_NARRATIVE", Visibility::confidential}}) {
        Narrative n;
        n.priority_id = ids.priority;
        n.period_end = Month::of(2022, month++);
        n.text = text;
        n.visibility = v;
        store::save_narrative(db, n);
    }
    return ids;
}

std::set<std::string> personal_data_of(const std::vector<AsbCase>& cases) {
    std::set<std::string> out;
    auto add = [&](const std::string& s) {
        if (s.size() >= 6 && s != "[removed]") out.insert(s);
    };
    for (const auto& c : cases) {
        for (const Person* p : {&c.victim, &c.applicant}) {
            add(p->name);
            add(p->address);
            add(p->phone);
            add(p->email);
        }
        add(c.summary);
        for (const auto& k : c.complaints) {
            add(k.reference);
            add(k.description);
        }
        for (const auto& l : c.letters) {
            add(l.addressee);
            add(l.address);
            add(l.salutation);
        }
    }
    return out;
}

}  // namespace scrutineer::test
