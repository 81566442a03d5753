// The suggested approach of a performance monitoring report's cover report (seeds 000 and 001,
// "3. Suggested Approach"): the scrutiny officer who writes it ("Suggested approach from Jo
// Martin, Democratic Support and Scrutiny Team Manager") and, for each priority in focus, the
// areas the Panel may wish to question the PCC on — "a) ...", "b) ...", each with its points.
//
// The questions are kept as the officer types them, one area a line; a line starting "- " is a
// point under the area before it (seed 001: "a) How the PCC is leading a multi-agency approach
// ... including:" then "- The development of an improved Norfolk response ..."). Lettering is
// derived, never stored, so inserting a question relabels the rest.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace scrutineer {

struct PriorityQuestions {
    int64_t priority_id = 0;
    std::string text;  // one area a line; "- " lines are points under the area before
};

struct SuggestedApproach {
    int64_t agenda_item_id = 0;
    std::string author;  // "Jo Martin, Democratic Support and Scrutiny Team Manager"
    std::vector<PriorityQuestions> questions;
};

// An area the Panel may question on, with its points.
struct QuestionArea {
    std::string text;
    std::vector<std::string> points;
};

struct QuestionsInvalid : std::invalid_argument {
    int line;  // from 1
    explicit QuestionsInvalid(int line_, const std::string& problem);
};

// The areas of a priority's questions, in order; blank lines are ignored. Throws
// QuestionsInvalid naming the line when a point comes before any area.
std::vector<QuestionArea> question_areas(const std::string& text);

// "a)", "b)", ... "z)", "aa)", "ab)" ...: the label of the nth area (from 0).
std::string area_label(size_t n);

}  // namespace scrutineer
