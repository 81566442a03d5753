// Indicators: what is counted or measured, and how its Difference is expressed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scrutineer/access.hpp"

namespace scrutineer {

enum class IndicatorKind {
    count,       // recorded crimes per month; L12 is a sum, LTA a 3-year average
    composite,   // a count that is the sum of other counts (personal property crime)
    rate,        // a count per N of the area's population in an age band (first-time entrants)
    percentage,  // survey results; Difference in percentage points
    snapshot,    // workforce strength: latest month against the 12-month average
};

const char* to_string(IndicatorKind kind);
bool parse_indicator_kind(const std::string& text, IndicatorKind& out);

// "%" or "p.p." — how the Difference of this kind is written.
const char* difference_unit(IndicatorKind kind);

// Counts the significance test applies to (the Poisson z).
bool is_count_like(IndicatorKind kind);

// Which way is better for an indicator (issue #19 §1): fewer crimes (`decrease`), more officers or
// a higher confidence score (`increase`), or demand such as 999 calls, which is neither good nor
// bad (`neither`). police.uk crime types default to `decrease`.
enum class Improvement { increase, decrease, neither };

const char* to_string(Improvement improvement);  // "increase", "decrease", "neither"
std::optional<Improvement> parse_improvement(std::string_view text);
// In words, for a councillor: "Lower is better", "Higher is better", "Neither higher nor lower
// is better".
const char* improvement_words(Improvement improvement);
// When a catalogue does not say: fewer is better for counts, composites and rates (crimes,
// first-time entrants); more is better for percentages (confidence) and snapshots (strength).
Improvement default_improvement(IndicatorKind kind);

struct IndicatorDefinition {
    std::string name;
    IndicatorKind kind = IndicatorKind::count;
    std::vector<std::string> components;              // composite: the counts it adds up
    std::string numerator;                            // rate: the count it divides
    int per = 10000;                                  // rate: per this many people
    int age_from = 0;                                 // rate: population aged age_from..age_to
    int age_to = 90;                                  // (90 means 90 and over)
    bool force_only = false;                          // "Data not available at district level."
    std::string source_note;                          // e.g. "CSEW quarterly MSG charts"
    Visibility visibility = Visibility::public_item;  // exempt operational data, for example
    Improvement improvement = Improvement::decrease;  // which way is better
};

}  // namespace scrutineer
