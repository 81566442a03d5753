#include "scrutineer/indicator_spc.hpp"

#include <fmt/format.h>

#include <vector>

#include "scrutineer/fraction.hpp"
#include "scrutineer/long_term_average.hpp"

namespace scrutineer {

std::optional<IndicatorSpc> indicator_spc(const Series& series, Month period_end,
                                          const std::optional<RecordingBreak>& recording_break,
                                          Improvement improvement, std::string* why) {
    const auto w = windows_for(period_end);
    Month first = period_end;
    if (series.has(period_end))
        while (first > w.lta_first && series.has(first - 1) &&
               !(recording_break && first == recording_break->month))
            first = first - 1;
    int months = series.has(period_end) ? period_end - first + 1 : 0;
    if (months < kSpcMonthsNeeded) {
        if (why)
            *why = months == 0 ? fmt::format("{} is not in the data", long_name(period_end))
                               : fmt::format(
                                     "a chart needs at least {} months in a row; the data has {} "
                                     "up to {}",
                                     kSpcMonthsNeeded, months, long_name(period_end));
        return std::nullopt;
    }
    std::vector<double> values;
    values.reserve(static_cast<size_t>(months));
    for (Month m = first; m <= period_end; m = m + 1)
        values.push_back(static_cast<double>(*series.at(m)) / kMicro);

    IndicatorSpc out;
    out.first = first;
    size_t baseline = months >= 2 * kSpcMonthsNeeded ? values.size() - kMonthsInPeriod : 0;
    out.chart = xmr_chart(values, baseline, improvement);
    out.variation = latest_variation(out.chart);
    if (first == w.lta_first) {
        double sum = 0;
        for (size_t i = 0; i < values.size() - kMonthsInPeriod; ++i) sum += values[i];
        out.reference = sum / static_cast<double>(values.size() - kMonthsInPeriod);
        std::span<const double> last_12(values.data() + values.size() - kMonthsInPeriod,
                                        kMonthsInPeriod);
        out.recent = xmr_chart(last_12, 0, improvement).limits;
        out.assurance = assurance(*out.recent, *out.reference, improvement);
    }
    return out;
}

SpecialCause special_cause_of(Variation v) {
    switch (v) {
        case Variation::improvement_high:
        case Variation::improvement_low:
            return SpecialCause::improvement;
        case Variation::concern_high:
        case Variation::concern_low:
            return SpecialCause::concern;
        case Variation::special_high:
        case Variation::special_low:
            return SpecialCause::special;
        case Variation::common_cause:
            break;
    }
    return SpecialCause::neither;
}

const char* special_cause_words(SpecialCause cause) {
    switch (cause) {
        case SpecialCause::improvement:
            return "Improvement (special cause)";
        case SpecialCause::concern:
            return "Concern (special cause)";
        case SpecialCause::special:
            return "Special cause";
        case SpecialCause::neither:
            break;
    }
    return "";
}

}  // namespace scrutineer
