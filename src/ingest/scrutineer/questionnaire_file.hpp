// Questionnaire returns as a CSV file (docs/commissioned-services.md):
//
//   participant,stage,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10
//   RR-01,pre,2,1,2,3,2,2,1,2,2,3
//   RR-01,post,3,3,3,3,2,3,3,3,2,3
//
// `participant` is a pseudonymous id (letters, digits, '-' and '_', up to 32); `stage` is
// `pre` (first session) or `post` (final session); each item is a score 1 to 4. The whole file
// is checked before anything is used: the first problem is thrown as an InputError naming the
// file, the line and the field (a score of 5, a stage "mid", a missing column, the same
// participant and stage twice), so a bad file imports nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/questionnaire.hpp"

namespace scrutineer {

// The header the file must start with.
std::vector<std::string> questionnaire_returns_header();

std::vector<QuestionnaireResponse> parse_questionnaire_returns(std::string_view text,
                                                               const std::string& file);
std::vector<QuestionnaireResponse> read_questionnaire_returns(const std::string& path);

}  // namespace scrutineer
