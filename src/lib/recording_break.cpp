#include "scrutineer/recording_break.hpp"

#include "scrutineer/long_term_average.hpp"

namespace scrutineer {

bool break_blocks_lta(const RecordingBreak& b, Month period_end) {
    Month window_start = period_end - (kMonthsNeeded - 1);
    return window_start < b.month && b.month <= period_end;
}

Month first_period_end_with_lta(const RecordingBreak& b) {
    return b.month + (kMonthsNeeded - 1);
}

Month lta_available_from(const RecordingBreak& b) {
    return b.month + kMonthsNeeded;
}

std::optional<RecordingBreak> latest_break(const std::optional<RecordingBreak>& a,
                                           const std::optional<RecordingBreak>& b) {
    if (!a) return b;
    if (!b) return a;
    return b->month > a->month ? b : a;
}

}  // namespace scrutineer
