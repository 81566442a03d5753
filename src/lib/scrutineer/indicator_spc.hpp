// The SPC chart behind an indicator's cell (issue #19 §2): which months it charts, which of them
// set its limits, and what it says about the period end's month. The XmR rules themselves are in
// spc.hpp.
//
// Months: the months in a row that end at the period end, at most the 48 behind the cell (the
// Long Term Average's 36 and the last 12), none before a recording break (months before it were
// counted another way). At least 12 are needed.
// Baseline: with 24 or more months, those before the last 12, so that the last 12 months are
// judged against the process before them; with 12 to 23, all of them.
// Assurance: the last 12 months' own limits against the Long Term Average's monthly mean (the
// mean of the 36 months of its window, when all are in the data): "consistently better than the
// Long Term Average" only when the whole of the recent process is on the better side of it.
#pragma once

#include <optional>
#include <string>

#include "scrutineer/recording_break.hpp"
#include "scrutineer/series.hpp"
#include "scrutineer/spc.hpp"

namespace scrutineer {

inline constexpr int kSpcMonthsNeeded = 12;

struct IndicatorSpc {
    Month first;                      // the month of chart.points[0]; the last is the period end
    XmrChart chart;                   // limits from the first chart.baseline months
    std::optional<double> reference;  // the Long Term Average's monthly mean, when computable
    std::optional<XmrLimits> recent;  // the last 12 months' own limits (for assurance)
    Variation variation = Variation::common_cause;  // what the period end's month shows
    std::optional<Assurance> assurance;
};

// nullopt, with `why` in words, when fewer than 12 months in a row end at the period end.
std::optional<IndicatorSpc> indicator_spc(const Series& series, Month period_end,
                                          const std::optional<RecordingBreak>& recording_break,
                                          Improvement improvement, std::string* why);

// What a variation says about its month: improvement, concern, special (neither way is better)
// or neither (common cause).
SpecialCause special_cause_of(Variation v);

// For a month in a chart's data table: "Improvement (special cause)", "Concern (special
// cause)", "Special cause", or nothing for common cause.
const char* special_cause_words(SpecialCause cause);

}  // namespace scrutineer
