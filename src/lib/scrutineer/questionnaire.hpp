// Pre/post questionnaires of a commissioned service (SPEC §7): participants answer the same
// statements in the first and in the final session, each scored on a 1-4 scale; the change is
// what the service is judged by.
//
// The rule:
//   - an instrument has exactly 10 statements and four scale labels (1 "Not at all true" ...
//     4 "Exactly true");
//   - a return is one participant's answers at one stage (pre or post): exactly 10 scores, each
//     1, 2, 3 or 4; a participant has at most one return per stage;
//   - a participant's change is post total - pre total, and per item post - pre (a higher
//     score is a better answer, so a positive change is an improvement);
//   - a participant with only a pre or only a post return is incomplete: listed, and left out
//     of every change figure;
//   - the cohort summary over the complete participants: how many, the mean pre total, the
//     mean post total, the mean change, how many improved (change > 0), were unchanged (0) or
//     got worse (< 0), and the mean change of each item.
// Means are exact fractions; they are rounded only for display, to one decimal place, half
// away from zero (display_rounding.hpp): a mean change of 1.25 shows as 1.3, -1.25 as -1.3.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/fraction.hpp"

namespace scrutineer {

inline constexpr int kQuestionnaireItems = 10;
inline constexpr int kLowestScore = 1;
inline constexpr int kHighestScore = 4;

struct Questionnaire {
    int64_t id = 0;
    int64_t service_id = 0;
    std::string title;                    // as the paper titles it
    std::vector<std::string> statements;  // exactly kQuestionnaireItems, in order
    std::array<std::string, 4> scale;     // the labels of scores 1..4
    std::string note;                     // when it is asked, where the statements come from
};

enum class Stage { pre, post };
const char* to_string(Stage stage);  // "pre", "post"
std::optional<Stage> parse_stage(std::string_view text);

// One participant's return at one stage. `participant` is a pseudonymous id (never a name):
// 1 to 32 letters, digits, '-' or '_'.
struct QuestionnaireResponse {
    std::string participant;
    Stage stage = Stage::pre;
    std::vector<int> scores;  // item 1 first
};

// What is wrong with it, or nothing: these say which part ("participant", "item3", ...) and why.
struct QuestionnaireProblem {
    std::string field;
    std::string problem;
};
bool is_participant_id(std::string_view text);
std::optional<QuestionnaireProblem> check(const Questionnaire& questionnaire);
std::optional<QuestionnaireProblem> check(const QuestionnaireResponse& response);

struct ParticipantChange {
    std::string participant;
    int pre_total = 0;
    int post_total = 0;
    int change = 0;                 // post_total - pre_total
    std::vector<int> item_changes;  // post - pre, item 1 first
};

struct CohortSummary {
    int complete = 0;  // participants with both returns
    // Means over the complete participants; none when there are none.
    std::optional<Fraction> mean_pre;
    std::optional<Fraction> mean_post;
    std::optional<Fraction> mean_change;
    int improved = 0;
    int unchanged = 0;
    int worse = 0;
    std::vector<Fraction> item_mean_changes;  // empty when there are no complete participants
};

struct QuestionnaireResults {
    std::vector<ParticipantChange> participants;  // complete ones, by participant id
    std::vector<std::string> incomplete;          // only a pre or only a post return, by id
    CohortSummary summary;
};

// The changes and the cohort summary. Throws std::invalid_argument if a return breaks the rule
// (check) or a participant has two returns at the same stage.
QuestionnaireResults compare_returns(const std::vector<QuestionnaireResponse>& returns);

// A mean as shown: one decimal place, half away from zero ("12.3", "-0.1", "0.0").
std::string one_decimal(const Fraction& value);

}  // namespace scrutineer
