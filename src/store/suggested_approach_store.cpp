#include "scrutineer/suggested_approach_store.hpp"

#include <stdexcept>

#include "scrutineer/trimmed.hpp"

namespace scrutineer::store {

std::optional<SuggestedApproach> load_suggested_approach(Database& db, int64_t agenda_item_id) {
    auto head = db.query("SELECT author FROM suggested_approaches WHERE agenda_item_id = ?",
                         {integer(agenda_item_id)});
    if (head.empty()) return std::nullopt;
    SuggestedApproach a;
    a.agenda_item_id = agenda_item_id;
    a.author = as_text(head[0][0]);
    for (const auto& r : db.query("SELECT priority_id, questions FROM suggested_questions WHERE "
                                  "agenda_item_id = ? ORDER BY priority_id",
                                  {integer(agenda_item_id)}))
        a.questions.push_back({as_int(r[0]), as_text(r[1])});
    return a;
}

void save_suggested_approach(Database& db, const SuggestedApproach& approach) {
    if (trimmed(approach.author).empty())
        throw std::invalid_argument("Enter who the suggested approach is from");
    for (const auto& q : approach.questions) question_areas(q.text);  // throws QuestionsInvalid
    Transaction tx(db);
    if (db.query("SELECT id FROM agenda_items WHERE id = ?", {integer(approach.agenda_item_id)})
            .empty())
        throw std::invalid_argument("There is no agenda item " +
                                    std::to_string(approach.agenda_item_id));
    db.execute("DELETE FROM suggested_questions WHERE agenda_item_id = ?",
               {integer(approach.agenda_item_id)});
    db.execute("DELETE FROM suggested_approaches WHERE agenda_item_id = ?",
               {integer(approach.agenda_item_id)});
    db.execute("INSERT INTO suggested_approaches (agenda_item_id, author) VALUES (?, ?)",
               {integer(approach.agenda_item_id), text(trimmed(approach.author))});
    for (const auto& q : approach.questions) {
        if (trimmed(q.text).empty()) continue;
        db.execute(
            "INSERT INTO suggested_questions (agenda_item_id, priority_id, questions) VALUES (?, "
            "?, ?)",
            {integer(approach.agenda_item_id), integer(q.priority_id), text(q.text)});
    }
    tx.commit();
}

}  // namespace scrutineer::store
