#include "scrutineer/questionnaire.hpp"

#include <fmt/format.h>
#include <map>
#include <stdexcept>

#include "scrutineer/display_rounding.hpp"

namespace scrutineer {

const char* to_string(Stage stage) {
    return stage == Stage::post ? "post" : "pre";
}

std::optional<Stage> parse_stage(std::string_view text) {
    if (text == "pre") return Stage::pre;
    if (text == "post") return Stage::post;
    return std::nullopt;
}

bool is_participant_id(std::string_view t) {
    if (t.empty() || t.size() > 32) return false;
    for (char c : t)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    return true;
}

std::optional<QuestionnaireProblem> check(const Questionnaire& q) {
    auto blank = [](const std::string& s) {
        return s.find_first_not_of(" \t\r\n") == std::string::npos;
    };
    if (blank(q.title)) return QuestionnaireProblem{"title", "is empty"};
    if (q.statements.size() != kQuestionnaireItems)
        return QuestionnaireProblem{"statements",
                                    fmt::format("there are {}; a questionnaire has exactly {}",
                                                q.statements.size(), kQuestionnaireItems)};
    for (size_t i = 0; i < q.statements.size(); ++i)
        if (blank(q.statements[i]) || q.statements[i].find('\n') != std::string::npos)
            return QuestionnaireProblem{fmt::format("statements[{}]", i),
                                        "is empty or holds a line break"};
    for (size_t i = 0; i < q.scale.size(); ++i)
        if (blank(q.scale[i]))
            return QuestionnaireProblem{fmt::format("scale[{}]", i),
                                        fmt::format("the label of score {} is empty", i + 1)};
    return std::nullopt;
}

std::optional<QuestionnaireProblem> check(const QuestionnaireResponse& r) {
    if (!is_participant_id(r.participant))
        return QuestionnaireProblem{
            "participant",
            fmt::format("'{}' is not a pseudonymous id (1 to 32 letters, digits, '-' or '_')",
                        r.participant)};
    if (r.scores.size() != kQuestionnaireItems)
        return QuestionnaireProblem{
            "scores", fmt::format("there are {} scores; a return has exactly {}", r.scores.size(),
                                  kQuestionnaireItems)};
    for (size_t i = 0; i < r.scores.size(); ++i)
        if (r.scores[i] < kLowestScore || r.scores[i] > kHighestScore)
            return QuestionnaireProblem{fmt::format("item{}", i + 1),
                                        fmt::format("the score is {}; scores are {} to {}",
                                                    r.scores[i], kLowestScore, kHighestScore)};
    return std::nullopt;
}

QuestionnaireResults compare_returns(const std::vector<QuestionnaireResponse>& returns) {
    struct Pair {
        const QuestionnaireResponse* pre = nullptr;
        const QuestionnaireResponse* post = nullptr;
    };
    std::map<std::string, Pair> by_participant;  // ordered by id
    for (const auto& r : returns) {
        if (auto p = check(r))
            throw std::invalid_argument(fmt::format("participant '{}', {} return: {} {}",
                                                    r.participant, to_string(r.stage), p->field,
                                                    p->problem));
        auto& slot = r.stage == Stage::pre ? by_participant[r.participant].pre
                                           : by_participant[r.participant].post;
        if (slot)
            throw std::invalid_argument(fmt::format("participant '{}' has two {} returns",
                                                    r.participant, to_string(r.stage)));
        slot = &r;
    }

    QuestionnaireResults out;
    CohortSummary& s = out.summary;
    int64_t pre_sum = 0, post_sum = 0;
    std::vector<int64_t> item_sums(kQuestionnaireItems, 0);
    for (const auto& [id, pair] : by_participant) {
        if (!pair.pre || !pair.post) {
            out.incomplete.push_back(id);
            continue;
        }
        ParticipantChange c;
        c.participant = id;
        for (int i = 0; i < kQuestionnaireItems; ++i) {
            int before = pair.pre->scores[static_cast<size_t>(i)];
            int after = pair.post->scores[static_cast<size_t>(i)];
            c.pre_total += before;
            c.post_total += after;
            c.item_changes.push_back(after - before);
            item_sums[static_cast<size_t>(i)] += after - before;
        }
        c.change = c.post_total - c.pre_total;
        pre_sum += c.pre_total;
        post_sum += c.post_total;
        if (c.change > 0)
            ++s.improved;
        else if (c.change == 0)
            ++s.unchanged;
        else
            ++s.worse;
        out.participants.push_back(std::move(c));
    }
    s.complete = static_cast<int>(out.participants.size());
    if (s.complete > 0) {
        s.mean_pre = Fraction::of(pre_sum, s.complete);
        s.mean_post = Fraction::of(post_sum, s.complete);
        s.mean_change = Fraction::of(post_sum - pre_sum, s.complete);
        for (int64_t sum : item_sums) s.item_mean_changes.push_back(Fraction::of(sum, s.complete));
    }
    return out;
}

std::string one_decimal(const Fraction& value) {
    return round_half_away(value, 1);
}

}  // namespace scrutineer
