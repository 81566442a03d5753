#include "scrutineer/suggested_approach.hpp"

#include <fmt/format.h>

#include "scrutineer/trimmed.hpp"

namespace scrutineer {

QuestionsInvalid::QuestionsInvalid(int line_, const std::string& problem)
    : std::invalid_argument(fmt::format("line {}: {}", line_, problem)), line(line_) {}

std::vector<QuestionArea> question_areas(const std::string& text) {
    std::vector<QuestionArea> out;
    size_t at = 0;
    int line = 0;
    while (at <= text.size()) {
        size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        ++line;
        std::string l = trimmed(std::string_view(text).substr(at, end - at));
        at = end + 1;
        if (l.empty()) continue;
        if (l.rfind("- ", 0) == 0 || l == "-") {
            std::string point = trimmed(l.substr(1));
            if (out.empty())
                throw QuestionsInvalid(line, "a point (\"- ...\") comes before any question");
            if (!point.empty()) out.back().points.push_back(point);
        } else {
            out.push_back(QuestionArea{l, {}});
        }
    }
    return out;
}

std::string area_label(size_t n) {
    std::string letters;
    for (size_t k = n + 1; k > 0; k = (k - 1) / 26)
        letters.insert(letters.begin(), static_cast<char>('a' + (k - 1) % 26));
    return letters + ")";
}

}  // namespace scrutineer
