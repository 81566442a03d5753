#include "scrutineer/questionnaire_file.hpp"

#include <fmt/format.h>
#include <map>
#include <utility>

#include "scrutineer/csv.hpp"
#include "scrutineer/input_error.hpp"
#include "scrutineer/input_files.hpp"

namespace scrutineer {

std::vector<std::string> questionnaire_returns_header() {
    std::vector<std::string> h = {"participant", "stage"};
    for (int i = 1; i <= kQuestionnaireItems; ++i) h.push_back(fmt::format("item{}", i));
    return h;
}

std::vector<QuestionnaireResponse> parse_questionnaire_returns(std::string_view text,
                                                               const std::string& file) {
    const auto header = questionnaire_returns_header();
    auto records = parse_csv(text, file);
    expect_header(records, header, file);
    std::vector<QuestionnaireResponse> out;
    std::map<std::pair<std::string, Stage>, size_t> first_line;
    for (size_t k = 1; k < records.size(); ++k) {
        const CsvRecord& rec = records[k];
        const auto& f = rec.fields;
        if (f.size() < header.size())
            throw InputError(file, rec.line, header[f.size()],
                             fmt::format("is missing: the row has {} fields, the header {}",
                                         f.size(), header.size()));
        if (f.size() > header.size())
            throw InputError(
                file, rec.line, "",
                fmt::format("the row has {} fields, the header {}", f.size(), header.size()));
        QuestionnaireResponse r;
        r.participant = f[0];
        if (!is_participant_id(r.participant))
            throw InputError(
                file, rec.line, "participant",
                fmt::format("'{}' is not a pseudonymous id (1 to 32 letters, digits, '-' or '_')",
                            r.participant));
        auto stage = parse_stage(f[1]);
        if (!stage)
            throw InputError(file, rec.line, "stage",
                             fmt::format("'{}' must be 'pre' (first session) or 'post' (final "
                                         "session)",
                                         f[1]));
        r.stage = *stage;
        for (int i = 0; i < kQuestionnaireItems; ++i) {
            const std::string& cell = f[2 + static_cast<size_t>(i)];
            const std::string& name = header[2 + static_cast<size_t>(i)];
            if (cell.size() != 1 || cell[0] < '0' || cell[0] > '9')
                throw InputError(file, rec.line, name,
                                 fmt::format("'{}' is not a score (a whole number {} to {})", cell,
                                             kLowestScore, kHighestScore));
            int score = cell[0] - '0';
            if (score < kLowestScore || score > kHighestScore)
                throw InputError(file, rec.line, name,
                                 fmt::format("the score is {}; scores are {} to {}", score,
                                             kLowestScore, kHighestScore));
            r.scores.push_back(score);
        }
        auto [it, fresh] = first_line.emplace(std::pair{r.participant, r.stage}, rec.line);
        if (!fresh)
            throw InputError(file, rec.line, "participant",
                             fmt::format("{} has a second {} return (the first is on line {})",
                                         r.participant, to_string(r.stage), it->second));
        out.push_back(std::move(r));
    }
    if (out.empty()) throw InputError(file, 0, "", "the file has no returns, only its header");
    return out;
}

std::vector<QuestionnaireResponse> read_questionnaire_returns(const std::string& path) {
    return parse_questionnaire_returns(read_file(path), path);
}

}  // namespace scrutineer
