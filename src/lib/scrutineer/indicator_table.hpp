// The indicator tables: for a period end, one row per area and indicator with Last 12 months,
// Long Term Average, Difference, significance and status (SPEC §2; seed 001 §5 and §8).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scrutineer/access.hpp"
#include "scrutineer/dataset.hpp"
#include "scrutineer/fraction.hpp"
#include "scrutineer/indicator_spc.hpp"

namespace scrutineer {

enum class CellStatus { ok, insufficient_data, recording_break, not_available_at_area };

const char* to_string(CellStatus status);

struct IndicatorRow {
    size_t area = 0;  // index into Dataset::areas
    std::string indicator;
    IndicatorKind kind = IndicatorKind::count;
    Month period_end;
    std::optional<Fraction> last_12;     // counts: the sum; rates: per N; %: mean; snapshot: latest
    std::optional<Fraction> lta;         // snapshot: the 12-month average
    std::optional<Fraction> difference;  // % or p.p. (difference_unit(kind))
    std::optional<double> z;             // Poisson z, counts only
    CellStatus status = CellStatus::ok;
    std::optional<RecordingBreak> recording_break;  // the break that withheld the LTA
    std::optional<Month> lta_available_from;
    std::string note;  // why a figure is missing, in words ("Long Term Average: no data for
                       // March 2016 to May 2016")
    std::vector<Month> missing_months;  // insufficient_data: the months the data does not have
    Improvement improvement = Improvement::decrease;  // the indicator's: which way is better
    // The SPC chart of the months behind the cell (indicator_spc.hpp): what the period end's
    // month shows, and the assurance against the Long Term Average; spc_note says why not.
    std::optional<Variation> variation;
    std::optional<Assurance> assurance;
    std::string spc_note;
};

struct AreaTable {
    size_t area = 0;
    std::vector<IndicatorRow> rows;
};

IndicatorRow compute_indicator(const Dataset& data, size_t area,
                               const IndicatorDefinition& indicator, Month period_end);

// The monthly series behind an indicator's cell for one area: the stored series for counts,
// percentages and snapshots, the rate's numerator counts, or the composite's sum of its
// components (a month present only when every component has it). nullopt, with `why` set,
// when the area has no such series.
std::optional<Series> indicator_series(const Dataset& data, size_t area,
                                       const IndicatorDefinition& indicator, std::string* why);

// The SPC chart behind an indicator's cell for one area (indicator_spc.hpp), from the series
// indicator_series gives and the recording break that applies to it; nullopt, with `why` set,
// when there is none.
std::optional<IndicatorSpc> indicator_spc(const Dataset& data, size_t area,
                                          const IndicatorDefinition& indicator, Month period_end,
                                          std::string* why);

// Every area (table order) x every indicator (table order).
std::vector<AreaTable> compute_tables(const Dataset& data, Month period_end);

// The tables as a role may see them: the rows of indicators the role may not see (an exempt
// catalogue indicator, say) are left out.
std::vector<AreaTable> visible_to(std::vector<AreaTable> tables, const Dataset& data, Role role);

// As GOV.UK writes months: "March 2016 to May 2016 and January 2017"
std::string describe_months(const std::vector<Month>& months);

}  // namespace scrutineer
