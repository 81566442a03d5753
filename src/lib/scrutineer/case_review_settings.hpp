// The settings of an area's ASB Case Review procedure: its threshold, its clocks (with the
// appeal window's counting) and how long personal data is kept after a case closes. Stored as
// named settings, each with where its value comes from (docs/asb-case-review.md).
#pragma once

#include <optional>
#include <string>

#include "scrutineer/case_review_clock.hpp"
#include "scrutineer/qualifying_complaint.hpp"

namespace scrutineer {

// Personal data is kept for six years after a case closes unless the area sets otherwise (the
// usual council retention period for ASB case files); the statistics outlive it.
inline constexpr int kDefaultRetentionMonths = 72;

struct CaseReviewSettings {
    ThresholdRules threshold;
    CaseReviewClockRules clocks;
    int retention_months = kDefaultRetentionMonths;

    bool operator==(const CaseReviewSettings&) const = default;
};

// What is wrong with the settings (rules_problem, clocks 1..100 working days, appeal counting
// not "beginning with", retention 1..600 months), or nothing.
std::optional<std::string> settings_problem(const CaseReviewSettings& s);

}  // namespace scrutineer
