#include "scrutineer/case_review_settings.hpp"

#include <fmt/format.h>

namespace scrutineer {

std::optional<std::string> settings_problem(const CaseReviewSettings& s) {
    if (auto p = rules_problem(s.threshold)) return p;
    const CaseReviewClockRules& c = s.clocks;
    struct Clock {
        const char* name;
        int days;
    };
    for (const Clock& k :
         {Clock{"acknowledgement", c.acknowledgement},
          Clock{"threshold decision", c.threshold_decision},
          Clock{"case information", c.case_information}, Clock{"initial review", c.initial_review},
          Clock{"outcome letter", c.outcome_letter}, Clock{"whole review", c.whole_review},
          Clock{"appeal", c.appeal}})
        if (k.days < 1 || k.days > 100)
            return fmt::format("the {} clock must be 1 to 100 days, not {}", k.name, k.days);
    if (c.appeal_counting == Counting::days_beginning_with)
        return std::string(
            "the appeal window counts days or working days after the letter "
            "(days_after or working_days_after), not days beginning with it");
    if (s.retention_months < 1 || s.retention_months > 600)
        return fmt::format("the retention period must be 1 to 600 months, not {}",
                           s.retention_months);
    return std::nullopt;
}

}  // namespace scrutineer
